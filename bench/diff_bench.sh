#!/usr/bin/env bash
# What-changed benchmark (not a test): builds synthetic corpora with
# bench/gen_corpus.py (signals over 2020-2026), ingests them with
# `knockon ingest`, then times diff, trend and the time line.  Each figure
# is the median of RUNS runs of the whole command (process start, open,
# query, output to /dev/null), as wall time and as CPU time.
#
# usage: bench/diff_bench.sh [SIZE...]      (default: 100000; the target is
#                                            diff on 1000000 under 500 ms)
# env:   KNOCKON=path/to/knockon  (default: build/knockon)
#        WORK=dir for corpora and databases (default: /tmp/knockon-bench)
#        RUNS=7
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
knockon=${KNOCKON:-$here/../build/knockon}
work=${WORK:-/tmp/knockon-bench}
runs=${RUNS:-7}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000)
mkdir -p "$work"

now_ms() { date +%s%N | awk '{ printf "%.1f", $1 / 1e6 }'; }

# "WALL CPU": the medians of RUNS runs, in ms.
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
  top=$("$knockon" --db "$db" losers --limit 1 --format csv-raw | sed -n '2s/,.*//p' | tr -d '"')
  rows=$("$knockon" --db "$db" diff --format csv 2>/dev/null | tail -n +2 | wc -l)
  windows=$("$knockon" --db "$db" diff | sed -n 1p)
  queries=(
    "diff|default windows: $windows; $rows rows"
    "diff --format json|the same as JSON"
    "diff --limit 10|the same, 10 rows per role"
    "diff --window 1q|a quarter against the one before"
    "diff --window 1m --asof 2024-06-30|June 2024 against May"
    "diff --category Energy|one category"
    "trend $top --every month|the top loser per month, whole corpus"
    "trend $top --every week --since 2026-01 -T svg|the top loser per week in 2026, a chart"
    "render --view timeline --since 2026-12-25 --until 2026-12-31 -T svg|the time line of a week"
  )
  echo
  echo "| $n signals | wall ms | cpu ms |"
  echo "|---|---:|---:|"
  for q in "${queries[@]}"; do
    cmd=${q%%|*} label=${q#*|}
    if [[ $cmd == trend* ]]; then
      # the actor's name may hold spaces: pass it as one word
      rest=${cmd#trend $top }
      # shellcheck disable=SC2086
      read -r wall cpu < <(median_ms "$knockon" --db "$db" trend "$top" $rest)
    else
      # shellcheck disable=SC2086 # the query is a word list on purpose
      read -r wall cpu < <(median_ms "$knockon" --db "$db" $cmd)
    fi
    echo "| \`$cmd\` ($label) | $wall | $cpu |"
  done
done
