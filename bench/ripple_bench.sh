#!/usr/bin/env bash
# Ripple benchmark (not a test): exposure, converge and path on a synthetic
# corpus whose effects name actors (bench/gen_corpus.py --effect-actors:
# every effect reaches one or two actors of the pool, given by the card).
# The corpus is ingested with --no-detect: the card's links are the links,
# and the timing is of the questions, not of detection.  Each figure is
# the median of RUNS runs of the whole command (process start, open,
# query, output to /dev/null), as wall and CPU time in ms; a path line
# also says how many cards its shortest chain crosses.  A corpus of
# schema 4 is migrated by the first command that writes: copy one made
# by an older knockon before timing it (cp), and time the copy's
# migration (knockon --db COPY ingest -q EMPTY_FILE).  That two builds
# answer the same: bench/ripple_same.sh BEFORE AFTER 10000.
#
# usage: bench/ripple_bench.sh [SIZE]       (default: 1000000)
# env:   KNOCKON=path/to/knockon  (default: build/knockon)
#        WORK=dir for corpora and databases (default: /tmp/knockon-ripple)
#        RUNS=3
#        DB=an existing corpus to time instead (SIZE then only labels it)
#        ONLY=path: time the paths alone
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
knockon=${KNOCKON:-$here/../build/knockon}
work=${WORK:-/tmp/knockon-ripple}
runs=${RUNS:-3}
n=${1:-1000000}
mkdir -p "$work"
src=$work/ripple-$n.ndjson db=${DB:-$work/ripple-$n.db}

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

[ -s "$db" ] || [ -s "$src" ] || python3 "$here/gen_corpus.py" "$n" --effect-actors -o "$src"
if [ ! -s "$db" ]; then # under another name: a cut run leaves no half corpus
  rm -f "$db.part"*
  "$knockon" --db "$db.part" ingest -q --no-detect "$src"
  mv "$db.part" "$db"
fi

# the actors, most signals first: the busiest, one of rank ~100, ~1000
"$knockon" --db "$db" actors --format csv > "$work/actors-$n.csv"
actor_at() { awk -F, -v r="$1" 'NR == r + 1 { print $1; exit }' "$work/actors-$n.csv"; }
top=$(actor_at 1) mid=$(actor_at 100) low=$(actor_at 1000) rare=$(actor_at 10000)

row() { # label, then the command's arguments
  local label=$1 wall cpu
  shift
  read -r wall cpu < <(median_ms "$knockon" --db "$db" "$@")
  echo "| $label | $wall | $cpu |"
}
cards() { # the cards the shortest chain crosses
  "$knockon" --db "$db" path "$@" --limit 1 --format csv 2>/dev/null |
    awk -F, '$3 == "signal"' | wc -l
}

echo "| $n signals, effects naming actors | wall ms | cpu ms |"
echo "|---|---:|---:|"
row "\`list --limit 1\` (baseline: start, open, one row)" list --limit 1
if [ "${ONLY:-}" != path ]; then
row "\`exposure\` of the busiest actor ($top)" exposure "$top"
row "\`exposure\` of actor #100 ($mid)" exposure "$mid"
row "\`exposure\` of actor #1000 ($low)" exposure "$low"
row "\`exposure --by order\` of the busiest actor" exposure "$top" --by order
row "\`exposure --limit 20\` of the busiest actor" exposure "$top" --limit 20
row "\`exposure --by signal --limit 20\` of the busiest actor" exposure "$top" --by signal --limit 20
row "\`exposure --since 2026 --limit 20\` of the busiest actor (dates from the ways)" exposure "$top" --since 2026 --limit 20
row "\`exposure --category Energy --by order\` of the busiest actor (through the signals)" exposure "$top" --category Energy --by order
row "\`exposure --limit 20\` of actor #100" exposure "$mid" --limit 20
row "\`converge --limit 20\`" converge --limit 20
row "\`converge --order 3 --limit 20\`" converge --order 3 --limit 20
row "\`converge --since 2026 --limit 20\` (a filter: the selected signals read first)" converge --since 2026 --limit 20
row "\`converge --category Energy --limit 20\`" converge --category Energy --limit 20
fi
first=$("$knockon" --db "$db" list --limit 1 --format csv | awk -F, 'NR == 2 { print $1 }')
for pair in "$low|$rare" "$rare|$low" "$mid|$rare" "$first|$rare" "$first|$low"; do
  from=${pair%%|*} to=${pair#*|}
  k=$(cards "$from" "$to")
  row "\`path --limit 1\` $from → $to ($k cards)" path "$from" "$to" --limit 1
done
# five chains: past the shortest the search may have to enter every card
# of an actor most of the corpus names
row "\`path\` (5 chains) $low → $rare" path "$low" "$rare"
row "\`path\` (5 chains) $first → $rare" path "$first" "$rare"
