#!/usr/bin/env bash
# render --each with a long id (issue 12, item 14): an id of 250 bytes or
# more made the file name too long and the loop stopped at the first
# failure (0 of 3 maps written).  A long id's map is now named as the
# Markdown report names it (sigx-HASH), and a map that fails is reported
# on stderr while the others are still written, with exit status 1.
set -euo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
export KNOCKON_DB=$tmp/e.db LC_ALL=C.UTF-8
fail() { echo "$*"; exit 1; }

long=$(python3 -c 'print("l" * 300)')
python3 - "$long" <<'PY'
import json, sys
with open("three.ndjson", "w") as f:
    for i, d in (("a-first", "2026-01-03"), (sys.argv[1], "2026-01-02"), ("c-third", "2026-01-01")):
        f.write(json.dumps({"id": i, "title": "T " + i[:10], "published": d,
                            "effects": {"direct": ["e"]}}) + "\n")
PY
"$bin" ingest -q three.ndjson

# all three maps, the long one under the report's hashed stem
"$bin" render --each -o maps/ || fail "render --each: exit $?, want 0"
n=$(ls maps | wc -l)
[ "$n" = 3 ] || fail "render --each wrote $n maps, want 3: $(ls maps)"
[ -s maps/a-first.svg ] && [ -s maps/c-third.svg ] || fail "short ids not named after the id: $(ls maps)"
hashed=$(ls maps | grep -E '^sigx-[0-9a-f]{16}\.svg$') || fail "no sigx-HASH.svg for the long id: $(ls maps)"
grep -q "$long" maps/$hashed || fail "$hashed is not the long id's map"
xmllint --noout maps/*.svg
"$bin" report --format md -o md/ >/dev/null
[ -s "md/report_maps/$hashed" ] || fail "the Markdown report names the long id's map otherwise: $(ls md/report_maps)"
# the same name for ID... -o DIR/
"$bin" render "$long" a-first -T dot -o dots/ || fail "render ID ID -o DIR/: exit $?"
[ -s "dots/${hashed%.svg}.dot" ] && [ -s dots/a-first.dot ] || fail "render ID... -o DIR/: $(ls dots)"

# a map that cannot be written: reported, the others still written, exit 1
mkdir -p maps2/a-first.svg            # a folder where the first map goes
set +e
"$bin" render --each -o maps2/ 2> err
rc=$?
set -e
[ $rc = 1 ] || fail "render --each with one failure: exit $rc, want 1"
[ -s maps2/c-third.svg ] && [ -s "maps2/$hashed" ] || fail "maps after the failure not written: $(ls maps2)"
[ "$(wc -l < err)" = 1 ] || fail "want one error line, got: $(cat err)"
grep -q '^knockon: maps2/a-first.svg' err || fail "the error does not name the map: $(cat err)"
echo ok
