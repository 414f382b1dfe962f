#!/usr/bin/env bash
# Installs the Debian packages knockon needs, only those missing.
#   scripts/install-deps.sh          build and run: compiler, CMake, Graphviz, jansson, SQLite
#   scripts/install-deps.sh --test   also what the test suite uses
set -eu
pkgs="build-essential cmake pkg-config libgraphviz-dev libjansson-dev libsqlite3-dev"
if [ "${1:-}" = --test ]; then
  # cmocka: unit tests; graphviz: the `dot` command re-reads our DOT; libxml2-utils:
  # xmllint checks SVG; sqlite3: fault tests inspect the corpus; chromium + nodejs:
  # the report browser test (Node 20+ talks to Chromium over DevTools, no npm
  # packages); cmark: Markdown rendering; valgrind, clang: memcheck and fuzzing;
  # python3: test data, benchmarks' generator and baseline; time: peak memory
  pkgs="$pkgs libcmocka-dev graphviz libxml2-utils sqlite3 chromium nodejs cmark valgrind clang python3 time"
fi
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
echo "installing:$missing" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
