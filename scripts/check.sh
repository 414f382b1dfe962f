#!/usr/bin/env bash
# Builds knockon and runs the whole test suite, as CI does: a normal build
# with every test, an ASan+UBSan build, the CLI tests under valgrind, and a
# short fuzzing run.  Installs what is missing first.
#
# KNOCKON_CHECK_STAGES (default "suite asan valgrind fuzz") picks stages;
# the fresh-machine run (tests/fresh/run.sh) uses it, and says why.
set -eu
cd "$(dirname "$0")/.."
stages=" ${KNOCKON_CHECK_STAGES:-suite asan valgrind fuzz} "
scripts/install-deps.sh --test
jobs=$(nproc)
stage() { # NAME COMMAND...: runs a stage and says how long it took
	local name=$1 t0=$SECONDS
	shift
	case "$stages" in *" $name "*) ;; *) echo "check: $name skipped (KNOCKON_CHECK_STAGES)"; return 0 ;; esac
	"$@"
	echo "check: $name passed in $((SECONDS - t0)) s"
}
suite() {
	cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKNOCKON_TESTS=ON \
		-DKNOCKON_UNIT_TESTS=ON -DKNOCKON_WERROR=ON >/dev/null
	cmake --build build -j"$jobs"
	(cd build && ctest --output-on-failure -j"$jobs")
}
stage suite suite
stage asan tests/sanitize.sh build-asan
stage valgrind tests/valgrind.sh build
stage fuzz tests/fuzz/run.sh 30
echo "check: all passed"
