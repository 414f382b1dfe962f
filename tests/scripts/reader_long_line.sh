#!/usr/bin/env bash
# A one-line input of 100 MB took 3.9 s: the line reader rescanned all it
# had read every 64 KiB, and skipping leading blank lines rescanned them
# too.  Both are linear now.  The inputs are made here, piped, never
# stored; the bounds are generous and catch only a return of the quadratic
# scan (which grows to minutes at a few hundred MB).
. "$(dirname "$0")/timed_lib.bash"
size=100000000

# a single-line JSON signal whose title is 100 MB (streamed as NDJSON)
{ printf '{"id": "long", "title": "'; head -c $size /dev/zero | tr '\0' a; printf '"}\n'; } |
	timeout 60 "$bin" parse - >out 2>err || fail "100 MB line: $(cat err)"
python3 -c "
import json, sys
s = json.load(open('out'))
assert s['id'] == 'long' and len(s['title']) == $size, (s['id'], len(s['title']))
" || fail "100 MB line: wrong output"

# the same as a file, and a line with a NUL byte at its very end: rejected
{ printf '{"id": "long", "title": "'; head -c $size /dev/zero | tr '\0' b; printf '"}\n'; } >long.json
timeout 60 "$bin" parse long.json | wc -c >n 2>err || fail "100 MB file: $(cat err)"
[ "$(cat n)" -gt $size ] || fail "100 MB file: $(cat n) bytes out"
rm long.json
rc=0
{ head -c $size /dev/zero | tr '\0' c; printf '\0\n'; } |
	timeout 60 "$bin" parse - >out 2>err || rc=$?
[ "$rc" = 1 ] && grep -q 'NUL byte' err || fail "NUL after 100 MB: exit $rc, $(head -c 300 err)"

# 100 MB of blank lines before the signal: skipped in linear time, and the
# line number counts them
rc=0
{ head -c $size /dev/zero | tr '\0' '\n'; printf '{"id": "late", "title": "t", "score": 101}\n'; } |
	timeout 60 "$bin" parse - >out 2>err || rc=$?
[ "$rc" = 1 ] && grep -q "^knockon: -:$((size + 1)):" err ||
	fail "blank lines: exit $rc, $(head -c 300 err)"
echo ok
