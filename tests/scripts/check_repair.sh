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
		 "render --view corpus -T dot"; do
		echo "== $q"
		"$knockon" --db "$d" $q
	done
}

# A fresh corpus of the sample cards without signal $1 (none: all of them).
fresh() {
	rm -f "$tmp/fresh.db"*
	"$knockon" parse "$src/samples/" 2>/dev/null | { grep -v "\"id\": \"$1\"" || true; } \
		>"$tmp/cards.ndjson"
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

kn ingest -q "$src/samples/" 2>/dev/null
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
sqlite3 "$db" "UPDATE signals SET published = '1999-01-01' WHERE published >= '2026-06' AND sid = (SELECT max(sid) FROM signals)"
repairs '^signal ".*": its columns differ from its stored JSON$'
sqlite3 "$db" "DELETE FROM effects WHERE sid = (SELECT min(sid) FROM signals) AND eid = 'e1';
	DELETE FROM signals_fts WHERE rowid = (SELECT max(sid) FROM signals WHERE title LIKE '%Alibaba%')"
repairs '^signal ".*": its effects differ from its stored JSON$'
grep -q 'its search row differs from its stored JSON' "$tmp/repair.out" || fail "the search row was not reported"

# 4. The search index's own rows edited: the index no longer matches them.
sqlite3 "$db" "UPDATE signals_fts_content SET c0 = 'nothing at all' WHERE id = (SELECT min(sid) FROM signals)"
repairs "search row differs"

# 5. A signal whose stored JSON cannot be read: reported, never guessed at.
sqlite3 "$db" "UPDATE signals SET canonical = '{' WHERE sid = (SELECT min(sid) FROM signals)"
cp "$db" "$tmp/before.db"
if kn check >"$tmp/check.out"; then fail "unreadable JSON: check passed"; fi
grep -q "its stored JSON cannot be read" "$tmp/check.out" || fail "unreadable JSON not reported"
if kn check --repair >"$tmp/repair.out" 2>&1; then fail "repair should refuse unreadable JSON"; fi
grep -q "nothing repaired" "$tmp/repair.out" || fail "repair says $(cat "$tmp/repair.out")"
[ "$(sqlite3 "$db" .dump)" = "$(sqlite3 "$tmp/before.db" .dump)" ] || fail "a refused repair changed the corpus"
echo "check_repair: ok"
