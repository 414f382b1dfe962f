#!/usr/bin/env bash
# Re-records a CLI case's expected stdout, stderr and status from the current
# binary: tests/regen-cli-case.sh BUILD/knockon tests/cli/CASE...
# Read the diff before committing: the recording is only as right as the code.
set -u
bin=$(realpath "$1"); shift
src=$(cd "$(dirname "$0")/.." && pwd)
for dir in "$@"; do
  dir=$(realpath "$dir")
  tmp=$(mktemp -d)
  mkdir "$tmp/bin" && ln -s "$bin" "$tmp/bin/knockon"
  stdin=/dev/null; [ -f "$dir/stdin" ] && stdin="$dir/stdin"
  (cd "$tmp" && PATH="$tmp/bin:$PATH" SRC="$src" KNOCKON_DB=test.db LC_ALL=C.UTF-8 \
     bash -o pipefail "$dir/cmd" <"$stdin" >"$dir/expected" 2>"$dir/stderr"
   echo $? >"$dir/status")
  rm -rf "$tmp"
done
