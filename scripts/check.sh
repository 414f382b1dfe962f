#!/usr/bin/env bash
# Builds knockon and runs the whole test suite, as CI does:
# a normal build, an ASan+UBSan build, the CLI tests under valgrind, and a
# short fuzzing run.  Installs what is missing first.
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
jobs=$(nproc)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKNOCKON_TESTS=ON -DKNOCKON_WERROR=ON >/dev/null
cmake --build build -j"$jobs"
(cd build && ctest --output-on-failure -j"$jobs")
if [ -x tests/sanitize.sh ]; then tests/sanitize.sh build-asan; fi
if [ -x tests/valgrind.sh ]; then tests/valgrind.sh build; fi
if [ -x tests/fuzz/run.sh ]; then tests/fuzz/run.sh 30; fi
echo "check: all passed"
