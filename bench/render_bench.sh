#!/usr/bin/env bash
# Benchmark (not a test): 1,000 per-signal SVG maps rendered in one knockon
# run (one Graphviz context, in process) against the same maps' DOT piped
# through the dot command one by one.  Reports the median of RUNS runs,
# the ratio, and knockon's peak RSS (/usr/bin/time -v).
#
#   bench/render_bench.sh BUILD_DIR|KNOCKON_BINARY [N=1000] [RUNS=5]
#
# With "corpus" as the second argument it times instead the corpus and
# actor maps of one big synthetic corpus (bench/gen_corpus.py; the
# database is kept in $WORK, default /tmp/knockon-bench, and reused):
# the corpus map, the corpus map of one year, and the actor map of the
# most frequent loser, each as SVG, as the median wall and CPU time of
# RUNS runs (default 3) of the whole command.
#
#   bench/render_bench.sh BUILD_DIR corpus [SIGNALS=1000000] [RUNS=3]
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-${KNOCKON:?usage: render_bench.sh BUILD_DIR|KNOCKON_BINARY [N] [RUNS], or KNOCKON=BINARY}}
[ -d "$bin" ] && bin=$bin/knockon

if [ "${2:-}" = corpus ]; then
  n=${3:-1000000} runs=${4:-${RUNS:-3}}
  work=${WORK:-/tmp/knockon-bench}
  mkdir -p "$work"
  db=$work/render-$n.db
  if [ ! -s "$db" ]; then
    python3 "$src/bench/gen_corpus.py" "$n" -o "$work/render-$n.ndjson"
    "$bin" --db "$db" ingest -q "$work/render-$n.ndjson" >/dev/null
  fi
  top=$("$bin" --db "$db" losers --limit 1 --format csv | sed -n '2{s/,[0-9]*,.*$//;p}')
  top=${top#\"}; top=${top%\"}
  one() { # prints "WALL CPU" in seconds
    local out
    out=$( { TIMEFORMAT='%R %U %S'; time "$bin" --db "$db" render "$@" -o /dev/null >/dev/null 2>&1; } 2>&1 )
    awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' <<<"$out"
  }
  med() { sort -g | sed -n "$(( (runs + 1) / 2 ))p"; }
  printf '%s signals, median of %s runs, load average at start: %s\n' "$n" "$runs" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
  while IFS='|' read -r what args; do
    rm -f "$work/wall" "$work/cpu"
    for _ in $(seq "$runs"); do
      # shellcheck disable=SC2086
      read -r w c < <(one $args)
      echo "$w" >> "$work/wall"; echo "$c" >> "$work/cpu"
    done
    printf '  %-44s wall %6.2f s  cpu %6.2f s\n' "$what" "$(med < "$work/wall")" "$(med < "$work/cpu")"
  done <<EOF2
corpus map (render --view corpus)|--view corpus -T svg
corpus map of 2026 (--since 2026-01-01)|--view corpus -T svg --since 2026-01-01
corpus map, --max-nodes 200|--view corpus -T svg --max-nodes 200
EOF2
  rm -f "$work/wall" "$work/cpu"
  for _ in $(seq "$runs"); do
    read -r w c < <(one --view actor -T svg "$top")
    echo "$w" >> "$work/wall"; echo "$c" >> "$work/cpu"
  done
  printf '  %-44s wall %6.2f s  cpu %6.2f s\n' "actor map of the top loser ($top)" \
    "$(med < "$work/wall")" "$(med < "$work/cpu")"
  rm -f "$work/wall" "$work/cpu"
  exit 0
fi
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
