#!/usr/bin/env bash
# graphs/ must be what scripts/regen-graphs.sh makes from samples/ with
# this build: regenerate into a temporary folder and compare.
set -euo pipefail
bin=$1
src=${KN_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bash "$src/scripts/regen-graphs.sh" "$bin" "$tmp/graphs" >/dev/null
if ! diff -r -q "$src/graphs" "$tmp/graphs"; then
  echo "graphs/ is stale: run scripts/regen-graphs.sh BUILD_DIR and commit graphs/"
  exit 1
fi
echo "graphs/ is current"
