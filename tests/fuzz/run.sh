#!/usr/bin/env bash
# Builds the libFuzzer targets with clang in build-fuzz and runs each for
# SECONDS (default 30) under ctest.  A crash leaves its input in
# build-fuzz/tests/fuzz/crashes-<target>/ and fails the run: copy it to
# tests/fuzz/regressions/<target>/ so test_regressions replays it in every
# build.
#   tests/fuzz/run.sh [SECONDS] [BUILD_DIR]
set -eu
seconds=${1:-30}
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${2:-$src/build-fuzz}
export CC=${CC:-clang}
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DKNOCKON_FUZZ=ON -DKNOCKON_TESTS=OFF -DKN_FUZZ_SECONDS="$seconds" >/dev/null
cmake --build "$build" -j2 --target fuzz_json fuzz_card
ctest --test-dir "$build/tests/fuzz" --output-on-failure -j2
