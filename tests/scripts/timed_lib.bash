# Sourced by the script tests that bound a time (.bash, so the scripts/*.sh
# glob in tests/CMakeLists.txt does not run it as a test): bin=the binary,
# the shell in a temporary folder removed at exit, fail MESSAGE.
set -euo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
export LC_ALL=C.UTF-8
fail() { echo "FAIL: $*"; exit 1; }
# a sanitizer build unwinds the stack slowly on every malloc (for its
# Graphviz leak suppressions); nothing here reaches Graphviz, and the time
# bound is about knockon, so the fast unwinder is used
[ -z "${ASAN_OPTIONS:-}" ] || export ASAN_OPTIONS="$ASAN_OPTIONS:fast_unwind_on_malloc=1"
