#!/bin/bash
# search with thousands of prefix terms took seconds (FTS5's cost grows
# with every term): the query is bounded, refused quickly past the limit
# with a usage error naming it, and answered quickly at the limit.  The
# bound on time is generous: this is a hang check, not a benchmark.
set -euo pipefail
set -f # the prefix terms are words, not file globs
knockon=$1
src=${KN_SOURCE_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/k.db
fail() { echo "search_many_terms: $*" >&2; exit 1; }

"$knockon" --db "$db" ingest "$src/samples" >/dev/null 2>&1
words() { local i; for ((i = 0; i < $1; i++)); do printf '%s ' "$2"; done; }

set +e
timeout 60 "$knockon" --db "$db" search $(words 2000 'ab*') >/dev/null 2>"$tmp/err"
rc=$?
set -e
[ $rc -eq 2 ] || fail "2,000 terms: want exit 2, got $rc"
grep -q 'at most 4096 bytes' "$tmp/err" || fail "2,000 terms: $(cat "$tmp/err")"
set +e
timeout 60 "$knockon" --db "$db" search $(for i in $(seq 65); do printf 'w%d* ' $i; done) \
	>/dev/null 2>"$tmp/err"
rc=$?
set -e
[ $rc -eq 2 ] || fail "65 terms: want exit 2, got $rc"
grep -q 'at most 64 distinct words, got 65' "$tmp/err" || fail "65 terms: $(cat "$tmp/err")"
timeout 60 "$knockon" --db "$db" search $(words 64 'a*') --format csv >/dev/null ||
	fail "64 prefix terms: failed or took over 60 s"
timeout 60 "$knockon" --db "$db" search $(words 1000 'ab*') >/dev/null ||
	fail "1,000 repeated prefix terms: failed or took over 60 s"
timeout 60 "$knockon" --db "$db" search $(for c in {a..z} a{a..z} b{a..l}; do printf '%s* ' $c; done) \
	>/dev/null || fail "64 distinct prefix terms: failed or took over 60 s"
echo "search_many_terms: ok"
