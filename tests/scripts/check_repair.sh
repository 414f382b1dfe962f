#!/bin/bash
# A corpus edited by hand with the sqlite3 shell (foreign keys off, no
# knockon code involved): `check` finds each kind of damage (exit 1),
# `check --repair` fixes it, `check` then passes, and every answer equals
# that of a corpus ingested afresh from the same cards.
set -euo pipefail
knockon=$1
src=${KN_SOURCE_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/k.db
fail() { echo "check_repair: $*" >&2; exit 1; }
command -v sqlite3 >/dev/null || fail "needs the sqlite3 shell (scripts/install-deps.sh --test)"
kn() { "$knockon" --db "$db" "$@"; }

# The answers compared with the fresh corpus.
answers() {
	local d=$1
	for q in "losers --min 1 --format csv" "winners --min 1 --format csv" \
		 "actors --format csv" "list --format csv" "list --since 2026-06 --format csv" \
		 "search --format csv alibaba" "search --format csv cloud" \
		 "links --format csv" "links --rejected --format csv" \
		 "exposure Nvidia --format csv" "converge --min 1 --format json" \
		 "converge --order 1 --min 1 --format csv" "render --view corpus -T dot"; do
		echo "== $q"
		"$knockon" --db "$d" $q
	done
}

# A fresh corpus of the cards without the signals $@ (none: all of them).
fresh() {
	local id not=()
	for id in "$@"; do not+=(-e "\"id\": \"$id\""); done
	rm -f "$tmp/fresh.db"*
	cat <("$knockon" parse "$src/samples/" 2>/dev/null) "$tmp/linked.ndjson" |
		{ grep -v "${not[@]}" || true; } >"$tmp/cards.ndjson"
	"$knockon" --db "$tmp/fresh.db" ingest -q "$tmp/cards.ndjson"
	answers "$tmp/fresh.db" >"$tmp/want"
}

# check finds the damage (exit 1, a line matching $1), repair fixes it.
repairs() {
	local what=$1
	if kn check >"$tmp/check.out"; then fail "$what: check passed"; fi
	grep -qE -- "$what" "$tmp/check.out" || fail "check does not say \"$what\": $(cat "$tmp/check.out")"
	tail -n 1 "$tmp/check.out" | grep -q "check --repair" || fail "$what: no hint to repair"
	kn check --repair >"$tmp/repair.out" || fail "$what: repair failed: $(cat "$tmp/repair.out")"
	grep -q "^repaired [1-9][0-9]* of" "$tmp/repair.out" || fail "$what: repair says $(cat "$tmp/repair.out")"
	kn check >"$tmp/check.out" || fail "$what: check fails after repair: $(cat "$tmp/check.out")"
	answers "$db" >"$tmp/got"
	diff -u "$tmp/want" "$tmp/got" >&2 || fail "$what: the answers differ from a fresh corpus"
}

# cards whose effects link actors themselves (effect_links of provenance
# card), besides the samples' detections
cat >"$tmp/linked.ndjson" <<'EOF'
{"id": "zz-ban", "title": "Export ban", "published": "2026-03-12", "score": 80, "losers": ["Nvidia"], "winners": ["Huawei"], "effects": [{"id": "e1", "order": 1, "text": "Nvidia's China revenue falls; Huawei fills the gap", "actors": [{"name": "Nvidia", "role": "loser", "note": "China revenue"}]}, {"id": "e2", "order": 2, "text": "Artificial Intelligence labs in China buy from HUAWEI and Intel"}]}
{"id": "zz-fab", "title": "New fab", "published": "2026-04-01", "winners": ["Intel"], "effects": [{"id": "e1", "order": 1, "text": "Intel wins subsidies while Nvidia's suppliers wait", "actors": [{"name": "Intel", "role": "winner"}, {"name": "TSMC", "role": "loser"}]}]}
EOF
kn ingest -q "$src/samples/" "$tmp/linked.ndjson" 2>/dev/null
fresh none
kn check >/dev/null || fail "a freshly ingested corpus fails check"

# 1. A signal row deleted: its effects, roles, counts and search row stay.
# This one is Alibaba's and holds actors no other card names.
gone=2026-03-12-us-revokes-licences-for-nvidias-china-specific-ai-chips
only=$(sqlite3 "$db" "SELECT count(*) FROM roles r WHERE r.sid = (SELECT sid FROM signals
	WHERE id = '$gone') AND NOT EXISTS (SELECT 1 FROM roles o WHERE o.aid = r.aid AND o.sid <> r.sid)")
[ "$only" -ge 1 ] || fail "the deleted signal should name an actor of its own"
sqlite3 "$db" "DELETE FROM signals WHERE id = '$gone'"
fresh "$gone"
answers "$db" >"$tmp/got"
if cmp -s "$tmp/want" "$tmp/got"; then fail "deleting the row did not change the answers"; fi
kn losers --format csv | grep -q "^Alibaba,5," || fail "losers should still count the deleted signal"
repairs "rows of a signal that is gone \(sid [0-9]+\) remain: .*roles"
grep -q '^actor ".*" is named by no signal$' "$tmp/repair.out" || fail "repair did not name the actor it dropped"
kn losers --format csv | grep -q "^Alibaba,4," || fail "losers: Alibaba should be 4 after repair"

# 2. A count edited by hand.
sqlite3 "$db" "UPDATE role_counts SET n = 99 WHERE role = 'loser'
	AND aid = (SELECT aid FROM actors WHERE key = 'alibaba')"
kn losers --format csv | grep -q "^Alibaba,99," || fail "the edited count should show"
repairs '"Alibaba" is counted as a loser in 99 signals, but roles name it in 4'
sqlite3 "$db" "DELETE FROM role_counts WHERE role = 'winner' AND aid = (SELECT min(aid) FROM roles WHERE role = 'winner')"
repairs "is named as a winner in [0-9]+ signals? but is not counted"

# 3. An actor's name, a signal's column, an effect and a search row edited.
sqlite3 "$db" "UPDATE actors SET name = 'ALIBABA' WHERE key = 'alibaba'"
repairs 'actor "alibaba" is shown as "ALIBABA", but its earliest signal ".*" spells it "Alibaba"'
sqlite3 "$db" "UPDATE signals SET published = '1999-01-01' WHERE sid = (SELECT max(sid) FROM signals WHERE published >= '2026-06')"
repairs '^signal ".*": its columns differ from its stored JSON$'
sqlite3 "$db" "DELETE FROM effects WHERE sid = (SELECT min(sid) FROM signals) AND eid = 'e1';
	DELETE FROM signals_fts WHERE rowid = (SELECT max(sid) FROM signals WHERE title LIKE '%Alibaba%')"
repairs '^signal ".*": its effects differ from its stored JSON$'
grep -q 'its search row differs from its stored JSON' "$tmp/repair.out" || fail "the search row was not reported"

# 4. The search index's own rows edited: the index no longer matches them.
sqlite3 "$db" "UPDATE signals_fts_content SET c0 = 'nothing at all' WHERE id = (SELECT min(sid) FROM signals)"
repairs "search row differs"

# 5. effect_links edited (schema 2): a detection deleted, one added that no
# text gives, one to an effect the signal lacks, one with the wrong words,
# a card's link changed, deleted, or marked rejected.
sid() { sqlite3 "$db" "SELECT sid FROM signals WHERE id = '$1'"; }
ban=$(sid zz-ban) fab=$(sid zz-fab)
[ "$(sqlite3 "$db" "SELECT count(*) FROM effect_links WHERE sid = $ban AND provenance = 'detected'")" = 3 ] ||
	fail "zz-ban should have three detections"
sqlite3 "$db" "DELETE FROM effect_links WHERE sid = $ban AND eid = 'e1' AND key = 'huawei'"
repairs '^signal "zz-ban": its detected links differ from its effects.? text: e1 "Huawei" not linked$'
# a row as the store writes it, with the copies of schema 5 right
link() { # sid eid key name
	sqlite3 "$db" "INSERT INTO effect_links VALUES ($1, '$2', '$3', '$4', 'named',
		'detected', '$4', 0, 0, (SELECT ord FROM effects WHERE sid = $1 AND eid = '$2'),
		(SELECT COALESCE(score, 50) * COALESCE(confidence, 50) * COALESCE(impact, 50)
		 FROM signals WHERE sid = $1), (SELECT published FROM signals WHERE sid = $1))"
}
link "$ban" e2 nvidia Nvidia
repairs '^signal "zz-ban": .*e2 "Nvidia" linked but not in the text$'
link "$fab" e9 intel Intel
repairs '^signal "zz-fab": .*e9 "Intel" linked to an effect the signal does not have$'
sqlite3 "$db" "UPDATE effect_links SET match_offset = 5 WHERE sid = $ban AND eid = 'e2' AND key = 'intel'"
repairs 'e2 "Intel" linked to other words than the text.?s$'
sqlite3 "$db" "UPDATE effect_links SET role = 'winner' WHERE sid = $ban AND provenance = 'card'"
repairs '^signal "zz-ban": its card links differ from its stored JSON$'
sqlite3 "$db" "DELETE FROM effect_links WHERE sid = $fab AND key = 'tsmc'"
repairs '^signal "zz-fab": its card links differ from its stored JSON$'
sqlite3 "$db" "UPDATE effect_links SET rejected = 1 WHERE sid = $fab AND key = 'intel'"
repairs '^signal "zz-fab": its card links differ from its stored JSON$'
# the copies of schema 5 edited: an order and a weight that are not those
# of the effect and the signal (converge reads them)
sqlite3 "$db" "UPDATE effect_links SET ord = 1 WHERE sid = $ban AND eid = 'e2' AND key = 'intel'"
repairs '^signal "zz-ban": 1 of its effect links holds a wrong copy of the effect.?s order or the signal.?s weight or date$'
sqlite3 "$db" "UPDATE effect_links SET base = 7 WHERE sid = $ban; UPDATE effect_links SET ord = NULL WHERE sid = $fab"
repairs '^signal "zz-fab": [0-9]+ of its effect links hold a wrong copy'
# and of schema 6: a link's date, a role's weight (exposure reads them)
sqlite3 "$db" "UPDATE effect_links SET published = '1999-01-01' WHERE sid = $ban AND eid = 'e2' AND key = 'intel'"
repairs '^signal "zz-ban": 1 of its effect links holds a wrong copy .* or date$'
sqlite3 "$db" "UPDATE effect_links SET published = NULL WHERE sid = $fab"
repairs '^signal "zz-fab": [0-9]+ of its effect links hold a wrong copy'
sqlite3 "$db" "UPDATE roles SET base = 7 WHERE sid = $ban AND role = 'loser'"
repairs '^signal "zz-ban": .*roles'
sqlite3 "$db" "UPDATE roles SET base = NULL WHERE sid = $fab"
repairs '^signal "zz-fab": .*roles'
# a signal row deleted: its links are rows of a signal that is gone, and
# the detections of the name only it gave (Intel) go too
sqlite3 "$db" "DELETE FROM signals WHERE sid = $fab"
fresh "$gone" zz-fab
repairs 'rows of a signal that is gone \(sid [0-9]+\) remain: .*3 effect links$'
grep -q '^signal "zz-ban": .*e2 "Intel" linked, but no signal or alias gives the name$' "$tmp/repair.out" ||
	fail "the detection of a name gone was not reported: $(cat "$tmp/repair.out")"
kn ingest -q "$tmp/linked.ndjson"
fresh "$gone"
kn check >/dev/null || fail "the card ingested again fails check"

# 6. A rejection is the user's: repair keeps it (and check passes with
# it), here beside a detection deleted by hand.
kn links --reject zz-ban:e2 Intel
kn check >/dev/null || fail "a rejection fails check"
sqlite3 "$db" "DELETE FROM effect_links WHERE sid = $(sid zz-ban) AND eid = 'e2' AND key = 'huawei'"
if kn check >"$tmp/check.out"; then fail "rejection case: check passed"; fi
grep -q 'e2 "Huawei" not linked$' "$tmp/check.out" || fail "rejection case: $(cat "$tmp/check.out")"
kn check --repair >/dev/null || fail "rejection case: repair failed"
kn check >/dev/null || fail "rejection case: check fails after repair"
kn links --rejected --format csv | grep -q '^zz-ban,e2,Intel,named,detected,Intel' ||
	fail "repair dropped the rejection: $(kn links --rejected --format csv)"
kn links --restore zz-ban:e2 Intel
answers "$db" >"$tmp/got"
diff -u "$tmp/want" "$tmp/got" >&2 || fail "rejection case: the answers differ from a fresh corpus"

# 7. Ingested with --no-detect: the detections not made yet are what check
# reports; repair makes them, as links --detect would.
"$knockon" --db "$tmp/nd.db" ingest -q --no-detect "$tmp/cards.ndjson"
if "$knockon" --db "$tmp/nd.db" check >"$tmp/check.out"; then fail "--no-detect: check passed"; fi
grep -q 'its detected links differ' "$tmp/check.out" || fail "--no-detect: $(cat "$tmp/check.out")"
"$knockon" --db "$tmp/nd.db" check --repair >/dev/null || fail "--no-detect: repair failed"
answers "$tmp/nd.db" >"$tmp/got"
diff -u "$tmp/want" "$tmp/got" >&2 || fail "--no-detect: repaired answers differ from a fresh corpus"

# 8. A signal whose stored JSON cannot be read: reported, never guessed at.
sqlite3 "$db" "UPDATE signals SET canonical = '{' WHERE sid = (SELECT min(sid) FROM signals)"
cp "$db" "$tmp/before.db"
if kn check >"$tmp/check.out"; then fail "unreadable JSON: check passed"; fi
grep -q "its stored JSON cannot be read" "$tmp/check.out" || fail "unreadable JSON not reported"
if kn check --repair >"$tmp/repair.out" 2>&1; then fail "repair should refuse unreadable JSON"; fi
grep -q "nothing repaired" "$tmp/repair.out" || fail "repair says $(cat "$tmp/repair.out")"
[ "$(sqlite3 "$db" .dump)" = "$(sqlite3 "$tmp/before.db" .dump)" ] || fail "a refused repair changed the corpus"
echo "check_repair: ok"
