#!/usr/bin/env bash
# Writes the knockon/1 JSON form of every pasted sample card:
# samples/cards/NAME.txt -> samples/json/NAME.json (canonical, one line).
# tests/scripts/samples.sh fails when these are not what `knockon parse` gives.
#   scripts/regen-samples-json.sh BUILD_DIR/knockon
set -eu
bin=$(realpath "${1:-build/knockon}")
cd "$(dirname "$0")/.."
for card in samples/cards/*.txt; do
  name=$(basename "$card" .txt)
  "$bin" parse "$card" > "samples/json/$name.json.tmp"
  mv "samples/json/$name.json.tmp" "samples/json/$name.json"
done
