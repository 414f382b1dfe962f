#!/usr/bin/env bash
# Ingest benchmark (not a test).  For each size, on the same synthetic
# knockon/1 NDJSON file (bench/gen_corpus.py --full, ~1.1 KB a signal):
#   knockon   `knockon ingest` into a new corpus
#   floor     bench/floor.c: jansson parsing alone and SQLite inserting
#             alone (knockon's schema, no validation), timed apart
#   python    bench/baseline_ingest.py: json + sqlite3, the script a user
#             would otherwise write
# interleaved run by run, so the three see the same machine load.  Prints
# a Markdown table of medians (rates in signals/s, peak RSS from
# /usr/bin/time -v) and the ratios between the medians of this one run.
# Every knockon run is checked: all signals stored, one FTS row each.
#
# usage: bench/ingest_bench.sh [SIZE...]   (default: $SIZES, else
#        10000 100000 1000000)
# env:   KNOCKON=path/to/knockon (default: build/knockon)
#        WORK=dir for corpora and databases (default: /tmp/knockon-bench)
#        RUNS=3        runs per size up to 100,000 (larger sizes run once)
#        FLOOR_MAX=100000 largest size the floor runs at
#        PY_MAX=100000 largest size the Python baseline runs at (it takes
#                      ~15 min per million signals); PY_RUNS=1 above 10,000
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
knockon=${KNOCKON:-$here/../build/knockon}
work=${WORK:-/tmp/knockon-bench}
runs=${RUNS:-3}
py_max=${PY_MAX:-100000}
floor_max=${FLOOR_MAX:-100000}
py=/usr/bin/python3
[ -x $py ] || py=python3
sizes=("$@")
# shellcheck disable=SC2206 # SIZES is a word list
[ ${#sizes[@]} -gt 0 ] || sizes=(${SIZES:-10000 100000 1000000})
mkdir -p "$work"
[ -x /usr/bin/time ] || { echo "ingest_bench: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

floor=$work/floor
if [ ! -x "$floor" ] || [ "$here/floor.c" -nt "$floor" ]; then
  cc -O2 -o "$floor" "$here/floor.c" $(pkg-config --cflags --libs jansson sqlite3)
fi

# An empty knockon corpus: floor and baseline start from a copy of it, so
# all three write into exactly the same tables, indexes and triggers.
template=$work/empty-corpus.db
rm -f "$template"*
: >"$work/empty.ndjson"
"$knockon" --db "$template" ingest -q "$work/empty.ndjson" >/dev/null 2>&1 || true
sqlite3 "$template" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
fresh() { rm -f "$1" "$1-wal" "$1-shm"; cp "$template" "$1"; }

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# /usr/bin/time -v fields of interest from file $1: "wall user+sys rss_kb"
timed() {
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0
                for (i = 1; i <= n; i++) w = w * 60 + p[i] }
              /User time/ { c += $2 } /System time/ { c += $2 }
              /Maximum resident/ { m = $2 }
              END { printf "%.3f %.3f %d\n", w, c, m }' "$1"
}

echo "| signals | MB | knockon /s (wall) | knockon /s (cpu) | knockon RSS MB | parse-alone /s | insert-alone /s | floor /s | knockon ÷ floor | python /s | python RSS MB | knockon ÷ python | runs |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  src=$work/full-$n.ndjson
  [ -s "$src" ] || $py "$here/gen_corpus.py" "$n" --full -o "$src"
  mb=$(awk -v b="$(stat -c %s "$src")" 'BEGIN { printf "%.1f", b / 1e6 }')
  r=$runs; [ "$n" -le 100000 ] || r=1
  pr=0
  if [ "$n" -le "$py_max" ]; then pr=1; [ "$n" -gt 10000 ] || pr=$r; fi
  : >"$work/k.txt"; : >"$work/f.txt"; : >"$work/p.txt"
  for ((i = 0; i < r; i++)); do
    db=$work/bench-$n.db
    rm -f "$db" "$db-wal" "$db-shm"
    /usr/bin/time -v -o "$work/time.txt" "$knockon" --db "$db" ingest -q "$src" >/dev/null
    got=$(sqlite3 "$db" "SELECT (SELECT count(*) FROM signals) || ' ' || (SELECT count(*) FROM signals_fts)")
    [ "$got" = "$n $n" ] || { echo "ingest_bench: corpus holds '$got', expected '$n $n'" >&2; exit 1; }
    timed "$work/time.txt" >>"$work/k.txt"
    if [ "$n" -le "$floor_max" ]; then
      fresh "$work/floor-$n.db"
      "$floor" "$work/floor-$n.db" "$src" >>"$work/f.txt"
    fi
    if [ "$i" -lt "$pr" ]; then
      fresh "$work/python-$n.db"
      /usr/bin/time -v -o "$work/time.txt" $py "$here/baseline_ingest.py" "$work/python-$n.db" "$src" >/dev/null
      timed "$work/time.txt" >>"$work/p.txt"
    fi
    rm -f "$work/floor-$n.db"* "$work/python-$n.db"*
  done
  k_wall=$(awk '{ print $1 }' "$work/k.txt" | median)
  k_cpu=$(awk '{ print $2 }' "$work/k.txt" | median)
  k_rss=$(awk '{ print $3 }' "$work/k.txt" | median)
  parse=$(awk '{ print $10 }' "$work/f.txt" | median)
  insert=$(awk '{ print $12 }' "$work/f.txt" | median)
  fl=$(awk '{ print $14 }' "$work/f.txt" | median)
  [ -s "$work/f.txt" ] || parse=0 insert=0 fl=0
  k_rate=$(awk -v n="$n" -v t="$k_wall" 'BEGIN { printf "%.0f", n / t }')
  k_crate=$(awk -v n="$n" -v t="$k_cpu" 'BEGIN { printf "%.0f", n / t }')
  vs_floor=$(awk -v a="$k_rate" -v b="$fl" 'BEGIN { if (b) printf "%.2f", a / b; else print "-" }')
  if [ -s "$work/p.txt" ]; then
    p_wall=$(awk '{ print $1 }' "$work/p.txt" | median)
    p_rss=$(awk '{ printf "%.0f\n", $3 / 1024 }' "$work/p.txt" | median)
    p_rate=$(awk -v n="$n" -v t="$p_wall" 'BEGIN { printf "%.0f", n / t }')
    vs_py=$(awk -v a="$k_rate" -v b="$p_rate" 'BEGIN { printf "%.1f×", a / b }')
  else
    p_rate="not run" p_rss="-" vs_py="-"
  fi
  printf '| %s | %s | %s | %s | %.0f | %.0f | %.0f | %.0f | %s | %s | %s | %s | %s/%s |\n' \
    "$n" "$mb" "$k_rate" "$k_crate" "$(awk -v k="$k_rss" 'BEGIN { print k / 1024 }')" \
    "$parse" "$insert" "$fl" "$vs_floor" "$p_rate" "$p_rss" "$vs_py" "$r" "$pr"
done
rm -f "$work"/bench-*.db*
