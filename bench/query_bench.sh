#!/usr/bin/env bash
# Query benchmark (not a test): builds synthetic corpora with
# bench/gen_corpus.py, ingests them with `knockon ingest`, then times the
# corpus questions.  Each figure is the median wall time of RUNS runs of the
# whole command (process start, open, query, output to /dev/null), as wall
# time and as CPU time.
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

# Runs a command RUNS times; prints "WALL CPU": the median wall time and the
# median user+system CPU time, in ms.  On a busy machine the CPU time is the
# steadier figure; on an idle one they agree.
median_ms() {
  local i out wall=() cpu=()
  for ((i = 0; i < runs; i++)); do
    out=$( { TIMEFORMAT='%R %U %S'; time "$@" >/dev/null 2>&1; } 2>&1 )
    wall+=($(awk '{ printf "%.0f", $1 * 1000 }' <<<"$out"))
    cpu+=($(awk '{ printf "%.0f", ($2 + $3) * 1000 }' <<<"$out"))
  done
  printf '%s %s\n' "$(printf '%s\n' "${wall[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")" \
    "$(printf '%s\n' "${cpu[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")"
}

queries=(
  "list --limit 1|baseline: start, open the corpus, one row"
  "losers --limit 10|top 10 recurring losers (table: each one's newest signal)"
  "losers --limit 10 --format json|top 10 recurring losers, every id (json)"
  "losers --format csv|every recurring loser, every id (csv)"
  "winners --limit 10|top 10 recurring winners"
  "losers --since 2025-01-01 --until 2025-12-31 --limit 10|losers in one year"
  "losers --since 2026-06-01 --until 2026-06-30 --limit 10|losers in one month"
  "losers --category Energy --limit 10|losers in one category"
  "losers --min-score 90 --limit 10|losers with --min-score 90"
  "losers --weighted --limit 10|losers --weighted, whole corpus"
  "actors --contested --limit 10|top 10 contested actors"
  "actors --contested --format csv|every contested actor (csv)"
  "actors --since 2026-06-01 --until 2026-06-30 --format csv|every actor of one month (csv)"
  "search --limit 20 pipeline drought|search, two common words, top 20"
  "search --limit 20 copper|search, one common word, top 20"
  "search 4242|search, a word in one title"
)

for n in "${sizes[@]}"; do
  src=$work/corpus-$n.ndjson db=$work/corpus-$n.db
  [ -s "$src" ] || python3 "$here/gen_corpus.py" "$n" -o "$src"
  if [ ! -s "$db" ]; then # ingest under another name: a cut run leaves no half corpus
    rm -f "$db.part"*
    start=$(now_ms)
    "$knockon" --db "$db.part" ingest -q "$src"
    end=$(now_ms)
    mv "$db.part" "$db"
    echo "ingest $n signals: $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f s", (b - a) / 1000 }')"
  fi
  echo
  echo "| $n signals | wall ms | cpu ms |"
  echo "|---|---:|---:|"
  for q in "${queries[@]}"; do
    cmd=${q%%|*} label=${q#*|}
    # shellcheck disable=SC2086 # the query is a word list on purpose
    read -r wall cpu < <(median_ms "$knockon" --db "$db" $cmd)
    echo "| \`$cmd\` ($label) | $wall | $cpu |"
  done
done
