#!/usr/bin/env bash
# Runs every CLI case (tests/cli/*/) with knockon under valgrind memcheck:
# the case must still pass, and valgrind must report no error and no
# definite leak (Graphviz/fontconfig one-time allocations are suppressed
# by tests/valgrind.supp, nothing else).
#   tests/valgrind.sh BUILD_DIR [CASE_GLOB]     (e.g. tests/valgrind.sh build 'bad-*')
# KN_VALGRIND_SKIP: space-separated cases too big for valgrind's speed
# (64 MiB strings, 100,000 actors); they run in the normal and ASan suites.
# KN_VALGRIND_JOBS: parallel cases (default 2).
set -u
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:?usage: $0 BUILD_DIR [CASE_GLOB]}" && pwd)
glob=${2:-*}
bin=$build/knockon
[ -x "$bin" ] || { echo "no knockon in $build" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 2; }
skip=${KN_VALGRIND_SKIP:-bad-huge-string bad-card-huge-line bad-many-actors bad-card-many-actors bad-card-deep-bullets}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/logs"
# The wrapper the cases see as `knockon`: exit 97 marks a valgrind error
# (knockon's own statuses are 0, 1 and 2), and each run keeps a log.
cat >"$work/knockon" <<WRAP
#!/bin/sh
exec valgrind -q --error-exitcode=97 --leak-check=full \\
  --errors-for-leak-kinds=definite --show-leak-kinds=definite \\
  --suppressions="$src/tests/valgrind.supp" \\
  --log-file="$work/logs/%p.log" "$bin" "\$@"
WRAP
chmod +x "$work/knockon"
export KN_SOURCE_DIR=$src

run_case() { # prints "PASS name" or "FAIL name" with the case's output
	local dir=$1 name out
	name=$(basename "$dir")
	if out=$("$src/tests/run-cli-case.sh" "$work/knockon" "$dir" 2>&1); then
		echo "PASS $name"
	else
		echo "FAIL $name"; echo "$out" | sed 's/^/    /' | head -40
	fi
}
export -f run_case
export src work

cases=()
for d in "$src"/tests/cli/$glob/; do
	d=${d%/}; n=$(basename "$d")
	[ -f "$d/cmd" ] || continue
	case " $skip " in *" $n "*) echo "SKIP $n"; continue ;; esac
	cases+=("$d")
done
printf '%s\n' "${cases[@]}" | xargs -P "${KN_VALGRIND_JOBS:-2}" -I{} bash -c 'run_case "$@"' _ {} >"$work/results"
cat "$work/results"
fail=0
grep -q '^FAIL' "$work/results" && fail=1
# a valgrind report anywhere (even in a case that expected a failure status)
for log in "$work"/logs/*.log; do
	[ -s "$log" ] || continue
	echo "--- valgrind: $log"; head -60 "$log"; fail=1
done
n=$(grep -c '^PASS' "$work/results")
echo "valgrind: $n cases passed, $(grep -c '^FAIL' "$work/results") failed"
exit $fail
