#!/bin/bash
# Benchmark (not a test): the HTML report of N synthetic signals (default
# 1,000, from bench/gen_corpus.py, deterministic), RUNS times (default 3),
# with the time split into queries (reading the corpus and choosing what
# the page shows), render (building, laying out and rendering the maps with
# Graphviz) and write (assembling the page, writing the file).  The split
# comes from the library's own counters (KNOCKON_REPORT_TIMING); cpu is
# user + system seconds, which a busy machine inflates less than wall.
# The last line gives the medians and the size, against the targets
# (docs/report.md): under 2 MB at 1,000 signals, under 5 MB and 5 s at
# 20,000.
#
# usage: bench/report_bench.sh [KNOCKON] [N] [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
knockon=${1:-${KNOCKON:-$here/../build/knockon}}
n=${2:-1000}
runs=${3:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 "$here/gen_corpus.py" "$n" --seed 1 -o "$tmp/corpus.ndjson"
"$knockon" --db "$tmp/k.db" ingest "$tmp/corpus.ndjson" >/dev/null 2>&1
echo "signals: $n  ($(nproc) cpus, $(uname -m), load $(cut -d' ' -f1 /proc/loadavg))"
printf '%-6s %8s %8s %8s %8s %6s %8s %10s\n' run wall cpu query render maps write bytes
: >"$tmp/rows"
for i in $(seq 1 "$runs"); do
	start=$(date +%s.%N)
	/usr/bin/time -f '%U %S' -o "$tmp/cpu" env KNOCKON_REPORT_TIMING=1 \
		SOURCE_DATE_EPOCH=0 "$knockon" --db "$tmp/k.db" report \
		-o "$tmp/report.html" 2>"$tmp/timing"
	end=$(date +%s.%N)
	# "knockon: report timing: query Q s, render R s (M maps), write W s"
	read -r q r m w < <(sed -nE 's/.*query ([0-9.]+) s, render ([0-9.]+) s \(([0-9]+) maps\), write ([0-9.]+) s/\1 \2 \3 \4/p' "$tmp/timing")
	cpu=$(awk '{ printf "%.2f", $1 + $2 }' "$tmp/cpu")
	size=$(stat -c %s "$tmp/report.html")
	wall=$(echo "$end - $start" | bc)
	printf '%-6s %8.2f %8s %8.3f %8.2f %6s %8.3f %10s\n' "$i" "$wall" "$cpu" \
		"$q" "$r" "$m" "$w" "$size"
	echo "$wall $cpu $q $r $m $w $size" >>"$tmp/rows"
done
# the median of each column (the middle run of RUNS, sorted per column)
median() { cut -d' ' -f"$1" "$tmp/rows" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
printf '%-6s %8.2f %8s %8.3f %8.2f %6s %8.3f %10s\n' median "$(median 1)" \
	"$(median 2)" "$(median 3)" "$(median 4)" "$(median 5)" "$(median 6)" \
	"$(median 7)"
