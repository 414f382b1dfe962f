#!/usr/bin/env bash
# Runs one CLI test case: tests/cli/<case>/
#   cmd       shell lines; `knockon` is the binary under test, $SRC the source
#             tree, the working folder a fresh temporary one, KNOCKON_DB=test.db
#   stdin     (optional) fed to the command
#   expected  (optional) exact stdout of cmd
#   stderr    (optional) exact stderr
#   status    (optional) expected exit status of cmd (default 0)
# Prints a diff and exits 1 on a mismatch.
set -u
bin=$1 dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin"
ln -s "$bin" "$tmp/bin/knockon"
export SRC=${KN_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
export KNOCKON_DB=test.db
export PATH="$tmp/bin:$PATH"
export LC_ALL=C.UTF-8
# a report's date: the same bytes on every run (ctest sets the same)
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600}
cd "$tmp"
stdin=/dev/null
[ -f "$dir/stdin" ] && stdin="$dir/stdin"
bash -o pipefail "$dir/cmd" <"$stdin" >"$tmp/out" 2>"$tmp/err"
got=$?
want=0
[ -f "$dir/status" ] && want=$(cat "$dir/status")
fail=0
if [ "$got" != "$want" ]; then
  echo "exit status: got $got, want $want"; fail=1
fi
if [ -f "$dir/expected" ] && ! diff -u "$dir/expected" "$tmp/out"; then
  echo "(stdout differs)"; fail=1
fi
if [ -f "$dir/stderr" ] && ! diff -u "$dir/stderr" "$tmp/err"; then
  echo "(stderr differs)"; fail=1
fi
if [ $fail = 1 ]; then
  echo "--- stderr was:"; cat "$tmp/err"
fi
exit $fail
