#!/usr/bin/env bash
# Regenerates graphs/: the causal maps of the sample corpus (samples/).
#
#   scripts/regen-graphs.sh BUILD_DIR|KNOCKON_BINARY [OUT_DIR]
#
# OUT_DIR defaults to graphs/ in the source tree.  The samples are ingested
# into a temporary corpus, then drawn as DOT and SVG:
#   signal/ID.{dot,svg}        every sample, signal view
#   chain-ID.{dot,svg}         the reference card's effect chain
#   actor-top-loser.{dot,svg}  the actor that recurs most often as a loser
#   corpus.{dot,svg}           every sample with the actors named by >= 2
#   timeline.{dot,svg}         every sample along a date axis (--view timeline)
#   corpus-links.{dot,svg}     corpus.svg with the effect -> actor links
#   exposure-top-converging.{dot,svg}  the exposure view of the actor
#                              `knockon converge` ranks first
#   path-chip-curbs-to-huawei.{dot,svg}  the path view from the US chip
#                              licence card to Huawei
# Output is deterministic: tests/scripts/graphs_current.sh fails when
# graphs/ differs from what this script makes.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:?usage: regen-graphs.sh BUILD_DIR|KNOCKON_BINARY [OUT_DIR]}
[ -d "$bin" ] && bin=$bin/knockon
out=${2:-$src/graphs}
reference=2026-06-24-anthropic-accuses-alibaba-of-obtaining-illicit-access-to-claude

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export KNOCKON_DB=$tmp/samples.db LC_ALL=C.UTF-8
"$bin" ingest -q "$src/samples" >/dev/null

rm -rf "$out/signal"
mkdir -p "$out/signal"
for fmt in dot svg; do
  "$bin" render --view signal --each -T $fmt -o "$out/signal/"
  "$bin" render --view chain -T $fmt -o "$out/chain-$reference.$fmt" "$reference"
  "$bin" render --view corpus --min 2 -T $fmt -o "$out/corpus.$fmt"
  "$bin" render --view timeline -T $fmt -o "$out/timeline.$fmt"
done
# the top recurring loser, as `knockon losers` ranks them
top=$("$bin" losers --format csv | sed -n '2{s/,[0-9]*,.*$//;p}')
top=${top#\"}; top=${top%\"}
for fmt in dot svg; do
  "$bin" render --view actor -T $fmt -o "$out/actor-top-loser.$fmt" "$top"
done
# the ripple: links, the top converging actor's exposure, a path
conv=$("$bin" converge --limit 1 --format csv | sed -n '2{s/,[0-9]*,.*$//;p}')
conv=${conv#\"}; conv=${conv%\"}
for fmt in dot svg; do
  "$bin" render --view corpus --min 2 --links -T $fmt -o "$out/corpus-links.$fmt"
  "$bin" render --view exposure -T $fmt -o "$out/exposure-top-converging.$fmt" "$conv"
  "$bin" render --view path -T $fmt -o "$out/path-chip-curbs-to-huawei.$fmt" \
    2026-03-12-us-revokes Huawei
done
echo "graphs: $(find "$out" -name '*.svg' | wc -l) SVG maps in $out (top loser: $top)"
