#!/usr/bin/env bash
# Proves that two builds store the same corpus (not a test: it takes two
# binaries, for instance the one before a change to ingest and the one
# after).  Each build ingests the samples and a synthetic corpus (added,
# updated, unchanged and rejected signals, an alias); then one build
# (QUERY, default AFTER) asks both corpora every question — list, show of
# every signal, losers, winners, actors (with filters and formats), search
# and report --format md with its maps — and every table is dumped row by
# row.  Any difference is printed and the script exits 1.
#
# usage: bench/ingest_same.sh BEFORE AFTER [N]   (N signals, default 10000)
# env:   WORK=dir (default: /tmp/knockon-same), QUERY=binary that asks,
#        MIGRATE=1: QUERY migrates BEFORE's corpora (alias --list opens them
#        for writing) before it asks, for a BEFORE of an older schema
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
before=$(realpath "$1") after=$(realpath "$2") n=${3:-10000}
query=$(realpath "${QUERY:-$after}")
work=${WORK:-/tmp/knockon-same}
rm -rf "$work"
mkdir -p "$work"
gen="$here/gen_corpus.py"
python3 "$gen" "$n" --full -o "$work/full.ndjson"
python3 "$gen" "$n" --full --seed 7 -o "$work/other.ndjson"
head -n $((n / 5)) "$work/other.ndjson" >"$work/updates.ndjson"
head -n $((n / 10)) "$work/full.ndjson" >"$work/back.ndjson"
{ head -n 3 "$work/other.ndjson"; echo '{"title": 5}'; sed -n 4,6p "$work/full.ndjson"; } \
  >"$work/mixed.ndjson"

# build NAME BINARY: the corpora one build makes, and what it said
build() {
  local d=$work/$1 bin=$2
  mkdir -p "$d"
  (cd "$here/.." && "$bin" --db "$d/samples.db" ingest samples/) 2>"$d/ingest.txt" || true
  for f in full updates back full mixed; do
    "$bin" --db "$d/big.db" ingest "$work/$f.ndjson" 2>>"$d/ingest.txt" || true
  done
  "$bin" --db "$d/big.db" alias "Acme Corp 0" "Globex Corp 0" 2>>"$d/ingest.txt" || true
}

# ask DIR DB: every question, one file each
ask() {
  local out=$1 db=$2 k=0
  local q=("$query" --db "$db")
  mkdir -p "$out"
  "${q[@]}" list --format json >"$out/list.json"
  "${q[@]}" list >"$out/list.txt"
  "${q[@]}" list --since 2024-03 --until 2025-06 --category energy --min-score 40 \
    --format csv >"$out/list-filtered.csv"
  python3 -c 'import json,sys; [print(s["id"]) for s in json.load(sys.stdin)]' \
    <"$out/list.json" >"$out/ids"
  while read -r id; do
    k=$((k + 1))
    { [ "$db" != "${db%samples.db}" ] || [ $((k % 25)) = 1 ]; } || continue
    "${q[@]}" show "$id" --format json
    "${q[@]}" show "$id"
  done <"$out/ids" >"$out/show.txt"
  for role in losers winners; do
    "${q[@]}" $role --format json >"$out/$role.json"
    "${q[@]}" $role --min 1 --format csv >"$out/$role-min1.csv"
    "${q[@]}" $role --weighted --limit 50 >"$out/$role-weighted.txt"
    "${q[@]}" $role --since 2023 --until 2024-02-29 --category Energy \
      --format json >"$out/$role-filtered.json"
    "${q[@]}" $role --limit 20 >"$out/$role.txt"
  done
  "${q[@]}" actors --format json >"$out/actors.json"
  "${q[@]}" actors --contested --format csv >"$out/contested.csv"
  "${q[@]}" actors --since 2026-06 --min-score 50 >"$out/actors-filtered.txt"
  for words in tariff "pipeline drought" "cop*" 4242 "chip export ban" China; do
    "${q[@]}" search --format json $words >"$out/search-${words// /_}.json" || true
    "${q[@]}" search --limit 5 $words >"$out/search-${words// /_}.txt" || true
  done
  "${q[@]}" search --category Energy --since 2025 --format json grid \
    >"$out/search-filtered.json" || true
  "${q[@]}" report --format md -o "$out/report/" >/dev/null
  "${q[@]}" diff --format json >"$out/diff.json"
  "${q[@]}" exposure "Acme Corp 0" --format csv >"$out/exposure.csv" || true
  "${q[@]}" links --format csv >"$out/links.csv" || true
  "${q[@]}" alias --list >"$out/aliases.txt" 2>&1 || true
  sqlite3 "$db" >"$out/tables.txt" <<'EOF'
SELECT * FROM signals ORDER BY sid;
SELECT * FROM effects ORDER BY sid, eid;
SELECT * FROM effect_causes ORDER BY sid, eid, position;
SELECT * FROM actors ORDER BY aid;
SELECT * FROM roles ORDER BY sid, role, position;
SELECT * FROM role_counts ORDER BY role, aid;
SELECT * FROM aliases ORDER BY key;
SELECT rowid, * FROM signals_fts ORDER BY rowid;
SELECT * FROM effect_links ORDER BY sid, eid, key;
INSERT INTO signals_fts (signals_fts) VALUES ('integrity-check');
SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name;
PRAGMA integrity_check;
EOF
}

build before "$before"
build after "$after"
status=0
diff -u "$work/before/ingest.txt" "$work/after/ingest.txt" || status=1
for db in samples big; do
  [ "${MIGRATE:-0}" = 0 ] || "$query" --db "$work/before/$db.db" alias --list >/dev/null
  ask "$work/ask-before/$db" "$work/before/$db.db"
  ask "$work/ask-after/$db" "$work/after/$db.db"
done
diff -r -u "$work/ask-before" "$work/ask-after" || status=1
files=$(find "$work/ask-after" -type f | wc -l)
bytes=$(cat $(find "$work/ask-after" -type f) | wc -c)
if [ $status = 0 ]; then
  echo "ingest_same: identical: $files outputs ($bytes bytes) on samples/ and $n signals"
else
  echo "ingest_same: the corpora differ" >&2
fi
exit $status
