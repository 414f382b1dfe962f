#!/usr/bin/env bash
# Two builds of knockon side by side, in one run (not a test): ingest,
# corpus queries and maps, each timed alternately with BEFORE and AFTER so
# that a busy machine slows both alike.  Prints a Markdown table of median
# CPU times (user + system, the steadier figure on a shared machine) and the
# ratio AFTER / BEFORE.  Used to show that a refactoring kept the speed.
#
# usage: bench/compare.sh BEFORE_KNOCKON AFTER_KNOCKON [N=100000]
# env:   RUNS=7 (runs of each command per build), WORK=dir (default
#        /tmp/knockon-compare), INGEST_N=10000 (signals in the ingest runs),
#        MAPS=300 (signals drawn one map each by render --each)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
before=$(readlink -f "${1:?usage: compare.sh BEFORE AFTER [N]}")
after=$(readlink -f "${2:?usage: compare.sh BEFORE AFTER [N]}")
n=${3:-100000}
runs=${RUNS:-7}
work=${WORK:-/tmp/knockon-compare}
ingest_n=${INGEST_N:-10000}
maps=${MAPS:-300}
mkdir -p "$work"
export LC_ALL=C.UTF-8

src=$work/corpus-$n.ndjson small=$work/corpus-$ingest_n.ndjson
[ -s "$src" ] || python3 "$here/gen_corpus.py" "$n" -o "$src"
[ -s "$small" ] || python3 "$here/gen_corpus.py" "$ingest_n" --full -o "$small"
# one corpus per build, each made by that build
for b in before after; do
	bin=${!b}
	db=$work/$b-$n.db
	rm -f "$db"*
	"$bin" --db "$db" ingest -q "$src" >/dev/null
	rm -f "$work/$b-maps.db"*
	head -n "$maps" "$src" | "$bin" --db "$work/$b-maps.db" ingest -q - >/dev/null
done

# the actor the before build ranks first as a loser
top=$("$before" --db "$work/before-$n.db" losers --limit 1 --format json |
	python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["actor"])')
cpu_ms() { # COMMAND...: user+system ms of one run
	local out
	out=$( { TIMEFORMAT='%U %S'; time "$@" >/dev/null 2>&1; } 2>&1 )
	awk '{ printf "%.0f", ($1 + $2) * 1000 }' <<<"$out"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# label|arguments after "--db DB" (DB: the build's corpus; MAPS: its maps corpus)
cases=(
	"ingest $ingest_n signals (1.1 KB each) into a new corpus|INGEST"
	"list --limit 1 (start, open, one row)|DB list --limit 1"
	"losers --limit 10|DB losers --limit 10"
	"losers --format csv (every recurring loser)|DB losers --format csv"
	"losers in one month|DB losers --since 2026-06-01 --until 2026-06-30 --limit 10"
	"losers --category Energy|DB losers --category Energy --limit 10"
	"actors --contested --format csv|DB actors --contested --format csv"
	"search, two common words|DB search --limit 20 pipeline drought"
	"render --view corpus --limit 1000 -T dot (built, not laid out)|DB render --view corpus --limit 1000 -T dot -o -"
	"render --view actor of the top loser, 100 signals, -T svg|ACTOR"
	"render --each -T svg ($maps maps)|MAPS render --each -T svg -o $work/maps-out/"
)

run_case() { # BUILD ARGS
	local b=$1 bin=${!1} args=$2
	case $args in
	INGEST)
		rm -f "$work/$b-ingest.db"*
		cpu_ms "$bin" --db "$work/$b-ingest.db" ingest -q "$small"
		;;
	ACTOR)
		cpu_ms "$bin" --db "$work/$b-$n.db" render --view actor --limit 100 -T svg -o - "$top" ;;
	DB*)
		# shellcheck disable=SC2086 # a word list on purpose
		cpu_ms "$bin" --db "$work/$b-$n.db" ${args#DB } ;;
	MAPS*)
		rm -rf "$work/maps-out"
		# shellcheck disable=SC2086
		cpu_ms "$bin" --db "$work/$b-maps.db" ${args#MAPS } ;;
	esac
}

echo "| $n signals: median CPU ms of $runs runs | before | after | after / before |"
echo "|---|---:|---:|---:|"
for c in "${cases[@]}"; do
	label=${c%%|*} args=${c#*|}
	tb=() ta=()
	for ((i = 0; i < runs; i++)); do
		tb+=("$(run_case before "$args")")
		ta+=("$(run_case after "$args")")
	done
	mb=$(printf '%s\n' "${tb[@]}" | median)
	ma=$(printf '%s\n' "${ta[@]}" | median)
	ratio=$(awk -v a="$ma" -v b="$mb" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "-" }')
	echo "| $label | $mb | $ma | $ratio |"
done
echo
echo "before: $before"
echo "after: $after"
echo "machine: $(nproc) cores, load at end $(cut -d' ' -f1-3 /proc/loadavg)"
