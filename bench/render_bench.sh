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
# the corpus map unfiltered and under each filter (--since, --until,
# --category, --min-score, --actor), with --max-nodes 200, and the actor
# maps of the most frequent loser and of the 100th, each as SVG, as the
# median wall and CPU (user + system) time of RUNS runs (default 3) of the
# whole command.  With a second build BASE, each line times BASE's
# binary too, its runs interleaved with BUILD_DIR's, for a before/after
# on the same machine load.
#
#   bench/render_bench.sh BUILD_DIR corpus [SIGNALS=1000000] [RUNS=3] [BASE]
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-${KNOCKON:?usage: render_bench.sh BUILD_DIR|KNOCKON_BINARY [N] [RUNS], or KNOCKON=BINARY}}
[ -d "$bin" ] && bin=$bin/knockon

if [ "${2:-}" = corpus ]; then
  n=${3:-1000000} runs=${4:-${RUNS:-3}}
  base=${5:-}
  [ -n "$base" ] && [ -d "$base" ] && base=$base/knockon
  work=${WORK:-/tmp/knockon-bench}
  mkdir -p "$work"
  db=$work/render-$n.db
  if [ ! -s "$db" ]; then
    python3 "$src/bench/gen_corpus.py" "$n" -o "$work/render-$n.ndjson"
    "$bin" --db "$db" ingest -q "$work/render-$n.ndjson" >/dev/null
  fi
  # the most frequent loser, and the 100th (a mid actor)
  "$bin" --db "$db" losers --limit 100 --format csv | cut -d, -f1 > "$work/losers"
  name() { sed -n "$1{s/^\"//;s/\"\$//;p}" "$work/losers"; }
  top=$(name 2) mid=$(name 101)
  one() { # BINARY ARGS...: prints "WALL CPU" in seconds
    local b=$1 out
    shift
    out=$( { TIMEFORMAT='%R %U %S'; time "$b" --db "$db" render "$@" -o /dev/null >/dev/null 2>&1; } 2>&1 )
    awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' <<<"$out"
  }
  med() { sort -g "$1" | sed -n "$(( (runs + 1) / 2 ))p"; }
  printf '%s signals, median of %s runs, load average at start: %s\n' "$n" "$runs" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
  [ -n "$base" ] && printf '  (each line: %s, then %s, their runs interleaved)\n' "$base" "$bin"
  while IFS='|' read -r what args; do
    rm -f "$work"/wall.* "$work"/cpu.*
    for _ in $(seq "$runs"); do
      for who in ${base:+base} new; do
        b=$bin; [ "$who" = base ] && b=$base
        eval "set -- $args"
        read -r w c < <(one "$b" "$@")
        echo "$w" >> "$work/wall.$who"; echo "$c" >> "$work/cpu.$who"
      done
    done
    line=$(printf '  %-44s' "$what")
    [ -n "$base" ] && line+=$(printf ' wall %6.2f s  cpu %6.2f s  ->' "$(med "$work/wall.base")" "$(med "$work/cpu.base")")
    line+=$(printf ' wall %6.2f s  cpu %6.2f s' "$(med "$work/wall.new")" "$(med "$work/cpu.new")")
    echo "$line"
  done <<EOF2
corpus map (render --view corpus)|--view corpus -T svg
corpus map of 2026 (--since 2026-01-01)|--view corpus -T svg --since 2026-01-01
corpus map to mid-2020 (--until 2020-06-30)|--view corpus -T svg --until 2020-06-30
corpus map of one category (--category Energy)|--view corpus -T svg --category Energy
corpus map, --min-score 90|--view corpus -T svg --min-score 90
corpus map of the top loser (--actor TOP)|--view corpus -T svg --actor "\$top"
corpus map, --max-nodes 200|--view corpus -T svg --max-nodes 200
actor map of the top loser (TOP)|--view actor -T svg "\$top"
actor map of the top loser in 2026|--view actor -T svg --since 2026-01-01 "\$top"
actor map of the 100th loser (MID)|--view actor -T svg "\$mid"
EOF2
  printf '  TOP is %s, MID is %s\n' "$top" "$mid"
  rm -f "$work"/wall.* "$work"/cpu.* "$work/losers"
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
