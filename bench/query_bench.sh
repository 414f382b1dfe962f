#!/usr/bin/env bash
# Query benchmark (not a test): builds synthetic corpora with
# bench/gen_corpus.py, ingests them with `knockon ingest`, then times the
# corpus questions.  Each figure is the median wall time of RUNS runs of the
# whole command (process start, open, query, output to /dev/null).
#
# usage: bench/query_bench.sh [SIZE...]      (default: 10000 100000)
# env:   KNOCKON=path/to/knockon  (default: build/knockon)
#        WORK=dir for corpora and databases (default: /tmp/knockon-bench)
#        RUNS=5
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
knockon=${KNOCKON:-$here/../build/knockon}
work=${WORK:-/tmp/knockon-bench}
runs=${RUNS:-5}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
mkdir -p "$work"

now_ms() { date +%s%N | awk '{ printf "%.1f", $1 / 1e6 }'; }

median_ms() { # command... ; prints the median wall time in ms
  local t=() i start end
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    t+=($(( (end - start) / 100000 )))
  done
  printf '%s\n' "${t[@]}" | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] / 10 }'
}

queries=(
  "losers --limit 10|top 10 recurring losers (table, 2 ids each)"
  "losers --limit 10 --format json|top 10 recurring losers, every signal id (json)"
  "losers --format csv|every recurring loser, every id (csv)"
  "winners --limit 10|top 10 recurring winners"
  "losers --since 2025-01-01 --until 2025-12-31 --limit 10|losers in one year (--since/--until)"
  "losers --category Energy --limit 10|losers in one category"
  "losers --min-score 90 --limit 10|losers, --min-score 90"
  "losers --weighted --limit 10|losers --weighted (whole corpus)"
  "actors --contested --limit 10|actors --contested, top 10"
  "actors --contested --format csv|actors --contested, all (csv)"
  "search pipeline drought|search, two words"
  "search --limit 20 copper|search, one common word, 20 hits"
)

for n in "${sizes[@]}"; do
  src=$work/corpus-$n.ndjson db=$work/corpus-$n.db
  [ -s "$src" ] || python3 "$here/gen_corpus.py" "$n" -o "$src"
  if [ ! -s "$db" ]; then
    start=$(now_ms)
    "$knockon" --db "$db" ingest -q "$src"
    end=$(now_ms)
    echo "ingest $n signals: $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f s", (b - a) / 1000 }')"
  fi
  echo
  echo "| $n signals | median ms |"
  echo "|---|---:|"
  for q in "${queries[@]}"; do
    cmd=${q%%|*} label=${q#*|}
    # shellcheck disable=SC2086 # the query is a word list on purpose
    echo "| \`$cmd\` ($label) | $(median_ms "$knockon" --db "$db" $cmd) |"
  done
done
