#!/bin/bash
# One actor identity: `losers`, `render --view corpus`, the report's losers
# table and the report's corpus map show an actor by the same name under
# case variants ("ACME corp" stored first, then "Acme Corp" twice) and
# under an alias ("ACME Corporation" made another name of "ACME corp").
set -euo pipefail
knockon=$1
src=${KN_SOURCE_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/k.db
fail() { echo "actor_identity: $*" >&2; exit 1; }

# The name each of the four places shows for the group keyed "acme corp".
names() {
	local want=$1 count=$2
	"$knockon" --db "$db" losers --min 1 --format csv >"$tmp/losers.csv"
	grep -q "^$want,$count," "$tmp/losers.csv" ||
		fail "losers: want \"$want\" $count, got: $(cat "$tmp/losers.csv")"
	"$knockon" --db "$db" render --view corpus -T dot >"$tmp/corpus.dot"
	grep -q "label=\"▼ $want\\\\n$count signals" "$tmp/corpus.dot" ||
		fail "render --view corpus: no \"$want\" with $count signals"
	"$knockon" --db "$db" report -o "$tmp/r.html"
	sed -n '/<h2>Recurring losers<\/h2>/,/<\/table>/p' "$tmp/r.html" >"$tmp/table"
	sed -n '/<h2>Corpus maps<\/h2>/,/<\/svg>/p' "$tmp/r.html" >"$tmp/map"
	[ -s "$tmp/table" ] && [ -s "$tmp/map" ] || fail "report: no losers table or corpus maps"
	grep -q ">$want</a></td><td class=\"n\">$count<" "$tmp/table" ||
		fail "report losers table: want \"$want\" $count"
	grep -q ">▼ $want</text>" "$tmp/map" || fail "report corpus map: want \"$want\""
	if grep -q ">▼ Acme Corp</text>" "$tmp/map"; then
		fail "report corpus map shows \"Acme Corp\", not \"$want\""
	fi
}

"$knockon" --db "$db" ingest -q "$src/tests/data/identity/acme.ndjson"
names "ACME corp" 3
# the report's signal maps name the actor as render --view signal does
"$knockon" --db "$db" render --view signal 2026-01-02-two -T dot >"$tmp/signal.dot"
grep -q 'label="▼ ACME corp' "$tmp/signal.dot" || fail "render --view signal: want \"ACME corp\""
grep -c '>▼ ACME corp</text>' "$tmp/r.html" | grep -qx 4 ||
	fail "report: want \"ACME corp\" in the corpus map and 3 signal maps"

"$knockon" --db "$db" alias "ACME Corporation" "ACME corp"
names "ACME corp" 4
if grep -q ">▼ ACME Corporation</text>" "$tmp/map"; then
	fail "report corpus map: the alias shown apart"
fi
grep -q "ACME Corporation" "$tmp/losers.csv" && fail "losers: the alias listed apart"
grep -c '>▼ ACME corp</text>' "$tmp/r.html" | grep -qx 5 ||
	fail "report: want \"ACME corp\" in the corpus map and 4 signal maps"
echo "actor_identity: ok"
