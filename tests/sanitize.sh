#!/usr/bin/env bash
# The whole suite (unit, CLI, script tests) in an AddressSanitizer +
# UndefinedBehaviorSanitizer build.
#   tests/sanitize.sh [BUILD_DIR]      (default build-asan)
# Leaks are checked; only Graphviz/fontconfig one-time allocations are
# suppressed (tests/lsan.supp).  Extra ctest arguments: KN_CTEST_ARGS.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build-asan}
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DKNOCKON_SANITIZE=ON >/dev/null
cmake --build "$build" -j"${KN_JOBS:-2}"
# full stacks on malloc, so suppressions match the Graphviz frame that
# allocated (the fast unwinder stops inside libgvc, which has no frame pointers)
export ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0:abort_on_error=1:detect_stack_use_after_return=1:check_initialization_order=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$src/tests/lsan.supp:print_suppressions=0
# the kill -9 test ingests 20,000 signals per run; a quarter is enough here
export KN_FAULT_SIGNALS=${KN_FAULT_SIGNALS:-5000}
# shellcheck disable=SC2086
ctest --test-dir "$build" --output-on-failure -j"${KN_JOBS:-2}" ${KN_CTEST_ARGS:-}
