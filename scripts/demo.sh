#!/usr/bin/env bash
# The main job on the samples, from a fresh Debian machine:
# install what is missing, build, ingest samples/, draw the maps, list the
# recurring losers, write the HTML report.  Everything lands in out/.
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKNOCKON_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
mkdir -p out/maps
export KNOCKON_DB=out/knockon.db
k=build/knockon
$k ingest samples/
$k render --view corpus --min 2 -T svg -o out/maps/corpus.svg
$k render --each -T svg -o out/maps/
echo "recurring losers:"
$k losers --min 3
$k report -o out/report.html
echo "report: out/report.html  maps: out/maps/  corpus: out/knockon.db" >&2
