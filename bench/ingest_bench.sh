#!/usr/bin/env bash
# Ingest benchmark (not a test).  For each size, on the same synthetic
# knockon/1 NDJSON file (bench/gen_corpus.py --full, ~1.1 KB a signal),
# run by run and interleaved so that all see the same machine load:
#   knockon   `knockon ingest` into a new corpus (checked: N signals and N
#             full-text rows when it returns), effect-link detection on
#   no-detect `knockon ingest --no-detect`, the same
#   user      bench/user_ingest.py: the ~40-line script a user would write
#             (json + sqlite3, 4 tables, 3 indexes, an FTS5 table, one
#             transaction; no validation, no idempotence)
#   schema    bench/baseline_ingest.py: json + sqlite3 writing knockon's own
#             schema, idempotent, 1,000 signals a transaction
#   floor     bench/floor.c: jansson parsing alone and SQLite inserting
#             alone into knockon's schema, timed apart (up to FLOOR_MAX)
# Prints a Markdown table of medians (wall seconds, peak RSS from
# /usr/bin/time -v) and the ratios of the medians of this one run.
#
# usage: bench/ingest_bench.sh [SIZE...]   (default: $SIZES, else
#        10000 100000 1000000)
# env:   KNOCKON=path/to/knockon (default: build/knockon)
#        WORK=dir for corpora and databases (default: /tmp/knockon-bench)
#        RUNS=3          runs of each at every size
#        SCHEMA_MAX=1000000  largest size baseline_ingest.py runs at (it
#                        takes ~15 min a million signals); SCHEMA_RUNS runs
#                        of it above 100,000 (default RUNS)
#        FLOOR_MAX=100000 largest size the floor runs at
#        NAMES=1         the effects name actors (bench/ingest_names.py puts
#                        an earlier signal's actor in half of the effect
#                        texts), so that detection has links to find;
#                        NAMES=0: gen_corpus.py --full as it is
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
knockon=${KNOCKON:-$here/../build/knockon}
work=${WORK:-/tmp/knockon-bench}
runs=${RUNS:-3}
schema_max=${SCHEMA_MAX:-1000000}
schema_runs=${SCHEMA_RUNS:-$runs}
floor_max=${FLOOR_MAX:-100000}
names=${NAMES:-1}
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

# An empty knockon corpus: the floor and the schema baseline start from a
# copy of it, so they write exactly knockon's tables, indexes and triggers.
template=$work/empty-corpus.db
rm -f "$template"*
: >"$work/empty.ndjson"
"$knockon" --db "$template" ingest -q "$work/empty.ndjson" >/dev/null 2>&1 || true
sqlite3 "$template" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
fresh() { rm -f "$1" "$1-wal" "$1-shm"; cp "$template" "$1"; }
gone() { rm -f "$1" "$1-wal" "$1-shm"; }

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "" }'; }
# /usr/bin/time -v fields of interest from file $1: "wall user+sys rss_kb"
timed() {
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0
                for (i = 1; i <= n; i++) w = w * 60 + p[i] }
              /User time/ { c += $2 } /System time/ { c += $2 }
              /Maximum resident/ { m = $2 }
              END { printf "%.3f %.3f %d\n", w, c, m }' "$1"
}
# run NAME OUT CMD...: one timed run, its "wall cpu rss" appended to OUT
run() {
  local out=$1; shift
  /usr/bin/time -v -o "$work/time.txt" "$@" >/dev/null
  timed "$work/time.txt" >>"$out"
}
col() { awk -v k="$1" '{ print $k }' "$2" | median; }
mb() { awk -v k="$1" '{ printf "%.0f\n", $k / 1024 }' "$2" | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "" && b != "" && b > 0) printf "%.2f×", a / b; else print "-" }'; }

echo "| signals | MB | knockon s | knockon /s | knockon CPU s | knockon peak RSS MB | --no-detect s | detect ÷ no-detect | user script s | user ÷ knockon | user RSS MB | schema baseline s | schema ÷ knockon | parse-alone /s | insert-alone /s | runs |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  src=$work/full-$n.ndjson
  [ "$names" = 0 ] || src=$work/names-$n.ndjson
  if [ ! -s "$src" ] && [ "$names" = 0 ]; then
    $py "$here/gen_corpus.py" "$n" --full -o "$src"
  elif [ ! -s "$src" ]; then
    $py "$here/gen_corpus.py" "$n" --full | $py "$here/ingest_names.py" >"$src"
  fi
  size=$(awk -v b="$(stat -c %s "$src")" 'BEGIN { printf "%.1f", b / 1e6 }')
  sr=0
  if [ "$n" -le "$schema_max" ]; then sr=$runs; [ "$n" -le 100000 ] || sr=$schema_runs; fi
  : >"$work/k.txt"; : >"$work/d.txt"; : >"$work/u.txt"; : >"$work/s.txt"; : >"$work/f.txt"
  for ((i = 0; i < runs; i++)); do
    db=$work/knockon-$n.db
    gone "$db"
    run "$work/k.txt" "$knockon" --db "$db" ingest -q "$src"
    got=$(sqlite3 "$db" "SELECT (SELECT count(*) FROM signals) || ' ' || (SELECT count(*) FROM signals_fts)")
    [ "$got" = "$n $n" ] || { echo "ingest_bench: corpus holds '$got', expected '$n $n'" >&2; exit 1; }
    gone "$db"
    run "$work/d.txt" "$knockon" --db "$db" ingest -q --no-detect "$src"
    gone "$db"
    gone "$work/user-$n.db"
    run "$work/u.txt" $py "$here/user_ingest.py" "$work/user-$n.db" "$src"
    gone "$work/user-$n.db"
    if [ "$i" -lt "$sr" ]; then
      fresh "$work/schema-$n.db"
      run "$work/s.txt" $py "$here/baseline_ingest.py" "$work/schema-$n.db" "$src"
      gone "$work/schema-$n.db"
    fi
    if [ "$n" -le "$floor_max" ]; then
      fresh "$work/floor-$n.db"
      "$floor" "$work/floor-$n.db" "$src" >>"$work/f.txt"
      gone "$work/floor-$n.db"
    fi
  done
  k=$(col 1 "$work/k.txt") d=$(col 1 "$work/d.txt") u=$(col 1 "$work/u.txt") s=$(col 1 "$work/s.txt")
  rate=$(awk -v n="$n" -v t="$k" 'BEGIN { printf "%.0f", n / t }')
  parse=$(col 10 "$work/f.txt") insert=$(col 12 "$work/f.txt")
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | **%s** | %s | %s | %s | %s | %s | %s/%s/%s |\n' \
    "$n" "$size" "$k" "$rate" "$(col 2 "$work/k.txt")" "$(mb 3 "$work/k.txt")" \
    "$d" "$(ratio "$k" "$d")" \
    "$u" "$(ratio "$u" "$k")" "$(mb 3 "$work/u.txt")" "${s:--}" "$(ratio "$s" "$k")" \
    "${parse:--}" "${insert:--}" "$runs" "$runs" "$sr"
done
