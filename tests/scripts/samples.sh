#!/usr/bin/env bash
# The sample corpus: every card parses; each pasted card's JSON twin in
# samples/json/ is exactly what `parse` gives (scripts/regen-samples-json.sh);
# text -> JSON -> ingest -> show gives the same JSON; the whole corpus ingests
# and the recurring losers and winners are the ones tests/data/samples-expected.txt
# lists (counted from the card files by tests/data/samples_count.py).
set -eu
bin=$1
src=${KN_SOURCE_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src"
fail() { echo "FAIL: $*"; exit 1; }

for card in samples/cards/*.txt; do
  name=$(basename "$card" .txt)
  "$bin" parse "$card" > "$tmp/parsed.json" || fail "$card does not parse"
  [ "$(wc -l < "$tmp/parsed.json")" = 1 ] || fail "$card gives more than one signal"
  cmp -s "$tmp/parsed.json" "samples/json/$name.json" ||
    fail "samples/json/$name.json is stale: run scripts/regen-samples-json.sh"
done
"$bin" parse samples/json/*.json > "$tmp/all.ndjson" || fail "a JSON sample does not parse"

export KNOCKON_DB="$tmp/k.db"
"$bin" ingest samples/ 2> "$tmp/ingest.err" || { cat "$tmp/ingest.err"; fail "ingest samples/"; }
want_signals=$(awk -F'\t' '$1 == "signals" {print $2}' tests/data/samples-expected.txt)
ncards=$(ls samples/cards/*.txt | wc -l)
njson=$(ls samples/json/*.json | wc -l)
grep -qx "$((ncards + njson)) read: $want_signals added, 0 updated, $ncards unchanged, 0 rejected" \
  "$tmp/ingest.err" || { cat "$tmp/ingest.err"; fail "ingest counts"; }

# round trip: what parse printed is what show prints, for every signal
while IFS= read -r line; do
  id=$(printf '%s' "$line" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  [ "$("$bin" show "$id" --format json)" = "$line" ] || fail "show $id differs from parse"
done < "$tmp/all.ndjson"

want_categories=$(awk -F'\t' '$1 == "categories" {print $2}' tests/data/samples-expected.txt)
got_categories=$("$bin" list --format json | python3 -c \
  'import json,sys; print(len({s["category"] for s in json.load(sys.stdin)}))')
[ "$got_categories" = "$want_categories" ] || fail "categories: $got_categories, want $want_categories"

# recurring actors, as the tool counts them, against the hand count
for role in loser winner; do
  awk -F'\t' -v r=$role '$1 == r {print tolower($2) "\t" $3}' tests/data/samples-expected.txt |
    sort > "$tmp/want-$role"
  "$bin" ${role}s --min 2 --format json | python3 -c '
import json, sys
for row in json.load(sys.stdin):
    assert row["count"] == len(row["signals"]), row
    print(row["actor"].lower() + "\t" + str(row["count"]))' | sort > "$tmp/got-$role"
  diff -u "$tmp/want-$role" "$tmp/got-$role" || fail "recurring ${role}s differ from the hand count"
done
echo "ok: $ncards cards and $njson JSON samples parse, round-trip and count as expected"
