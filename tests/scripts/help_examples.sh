#!/usr/bin/env bash
# Every command's help ends with 2 to 4 examples, and each one runs as
# written (exit status 0), in a folder that holds the source tree's
# samples/ and their corpus, ./knockon.db: the examples a user copies from
# `knockon help CMD` work.  `knockon CMD --help` prints the same help.
set -u
bin=$1
src=${KN_SOURCE_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin" "$tmp/base"
ln -s "$bin" "$tmp/bin/knockon"
export PATH="$tmp/bin:$PATH" LC_ALL=C.UTF-8
unset KNOCKON_DB
ln -s "$src/samples" "$tmp/base/samples"
(cd "$tmp/base" && knockon ingest -q samples/) || { echo "FAIL: ingest samples/"; exit 1; }

fail=0 ran=0
for cmd in $(knockon help --commands); do
  knockon help "$cmd" >"$tmp/help" || { echo "FAIL: knockon help $cmd"; fail=1; continue; }
  knockon "$cmd" --help | cmp -s - "$tmp/help" ||
    { echo "FAIL: knockon $cmd --help differs from knockon help $cmd"; fail=1; }
  [ "$(tail -n +2 "$tmp/help" | grep -c '^examples:$')" = 1 ] ||
    { echo "FAIL: knockon help $cmd has no examples: block"; fail=1; continue; }
  # the block is the end of the help: every line after it is an example
  sed -n '/^examples:$/,$p' "$tmp/help" | tail -n +2 >"$tmp/examples"
  n=$(wc -l <"$tmp/examples")
  if [ "$n" -lt 2 ] || [ "$n" -gt 4 ]; then
    echo "FAIL: knockon help $cmd has $n examples (want 2 to 4)"; fail=1
  fi
  dir="$tmp/run-$cmd"
  mkdir "$dir" && cp "$tmp/base/knockon.db" "$dir/" && ln -s "$src/samples" "$dir/samples"
  while IFS= read -r line; do
    case $line in
      "  knockon "*) ;;
      *) echo "FAIL: help $cmd: not an example line: '$line'"; fail=1; continue ;;
    esac
    case " $line " in
      *" $cmd "*|*" --$cmd "*) ;;
      *) echo "FAIL: help $cmd: the example does not run $cmd: '$line'"; fail=1 ;;
    esac
    (cd "$dir" && bash -o pipefail -c "$line" </dev/null >"$tmp/out" 2>"$tmp/err")
    rc=$?
    ran=$((ran + 1))
    if [ "$rc" != 0 ]; then
      echo "FAIL: help $cmd: exit $rc from:$line"; sed 's/^/    /' "$tmp/err"; fail=1
    fi
  done <"$tmp/examples"
done
[ "$ran" -ge 20 ] || { echo "FAIL: only $ran examples ran"; fail=1; }
[ $fail = 0 ] && echo "ok: $ran examples ran"
exit $fail
