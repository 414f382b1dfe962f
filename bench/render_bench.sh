#!/usr/bin/env bash
# Benchmark (not a test): 1,000 per-signal SVG maps rendered in one knockon
# run (one Graphviz context, in process) against the same maps' DOT piped
# through the dot command one by one.  Reports the median of RUNS runs,
# the ratio, and knockon's peak RSS (/usr/bin/time -v).
#
#   bench/render_bench.sh BUILD_DIR|KNOCKON_BINARY [N=1000] [RUNS=5]
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-${KNOCKON:?usage: render_bench.sh BUILD_DIR|KNOCKON_BINARY [N] [RUNS], or KNOCKON=BINARY}}
[ -d "$bin" ] && bin=$bin/knockon
n=${2:-1000} runs=${3:-${RUNS:-5}}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export KNOCKON_DB=$tmp/bench.db LC_ALL=C.UTF-8

# N signals: the JSON samples again and again under new ids
"$bin" parse "$src"/samples/json/*.json > "$tmp/samples.ndjson"
python3 - "$tmp/samples.ndjson" "$n" > "$tmp/corpus.ndjson" <<'PY'
import json, sys
base = [json.loads(l) for l in open(sys.argv[1])]
for i in range(int(sys.argv[2])):
    s = dict(base[i % len(base)])
    s["id"] = "%s-%04d" % (s["id"], i)
    print(json.dumps(s, ensure_ascii=False))
PY
"$bin" ingest -q "$tmp/corpus.ndjson" >/dev/null

now() { date +%s.%N; }
median() { sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

for r in $(seq "$runs"); do
  rm -rf "$tmp/svg" "$tmp/dot" "$tmp/dotsvg"; mkdir -p "$tmp/dotsvg"
  t0=$(now)
  /usr/bin/time -v -o "$tmp/time.$r" "$bin" render --each -T svg -o "$tmp/svg/"
  t1=$(now)
  "$bin" render --each -T dot -o "$tmp/dot/"
  t2=$(now)
  /usr/bin/time -v -o "$tmp/dtime.$r" bash -c 'for f in "$1"/dot/*.dot; do
    dot -Tsvg < "$f" > "$1/dotsvg/$(basename "$f" .dot).svg"; done' _ "$tmp"
  t3=$(now)
  echo "$t1 - $t0" | bc >> "$tmp/in"
  echo "$t2 - $t1" | bc >> "$tmp/dotgen"
  echo "$t3 - $t2" | bc >> "$tmp/cmd"
  awk -F': ' '/Maximum resident/ {print $2}' "$tmp/time.$r" >> "$tmp/rss"
  cpu() { awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$1"; }
  cpu "$tmp/time.$r" >> "$tmp/incpu"
  cpu "$tmp/dtime.$r" >> "$tmp/cmdcpu"
done
maps=$(ls "$tmp/svg" | wc -l)
[ "$maps" = "$n" ] || { echo "expected $n maps, got $maps"; exit 1; }
in=$(median < "$tmp/in"); gen=$(median < "$tmp/dotgen"); cmd=$(median < "$tmp/cmd")
rss=$(median < "$tmp/rss")
incpu=$(median < "$tmp/incpu"); cmdcpu=$(median < "$tmp/cmdcpu")
printf '%s maps, median of %s runs (%s)\n' "$n" "$runs" "$(dot -V 2>&1)"
printf '  knockon render --each -T svg (in process):  %8.3f s  %6.2f ms/map  cpu %7.2f s  peak RSS %s KB\n' \
  "$in" "$(echo "$in * 1000 / $n" | bc -l)" "$incpu" "$rss"
printf '  knockon render --each -T dot (DOT only):    %8.3f s\n' "$gen"
printf '  dot -Tsvg per map (one process each):       %8.3f s  %6.2f ms/map  cpu %7.2f s\n' \
  "$cmd" "$(echo "$cmd * 1000 / $n" | bc -l)" "$cmdcpu"
printf '  ratio (dot command / in process):           %8.1f x\n' "$(echo "$cmd / $in" | bc -l)"
