#!/bin/bash
# Benchmark (not a test): the HTML report of N synthetic signals (default
# 1,000, from bench/gen_corpus.py, deterministic), with the time split into
# queries (reading the corpus), render (building, laying out and rendering
# the maps with Graphviz) and write (assembling the page, writing the file).
# The split comes from the library's own counters (KNOCKON_REPORT_TIMING).
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
echo "signals: $n  ($(nproc) cpus, $(uname -m))"
printf '%-4s %8s %8s %8s %8s %8s %10s\n' run wall query render maps write size
for i in $(seq 1 "$runs"); do
	start=$(date +%s.%N)
	KNOCKON_REPORT_TIMING=1 "$knockon" --db "$tmp/k.db" report \
		-o "$tmp/report.html" 2>"$tmp/timing"
	end=$(date +%s.%N)
	# "knockon: report timing: query Q s, render R s (M maps), write W s"
	read -r q r m w < <(sed -E 's/.*query ([0-9.]+) s, render ([0-9.]+) s \(([0-9]+) maps\), write ([0-9.]+) s/\1 \2 \3 \4/' "$tmp/timing")
	printf '%-4s %8.2f %8.3f %8.2f %8s %8.3f %10s\n' "$i" \
		"$(echo "$end - $start" | bc)" "$q" "$r" "$m" "$w" \
		"$(du -h "$tmp/report.html" | cut -f1)"
done
