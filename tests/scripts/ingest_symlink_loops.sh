#!/usr/bin/env bash
# Folder reading followed directory symlinks without remembering where it
# had been: two links to "." made `parse DIR` / `ingest DIR` exponential and
# one self-link read a file 41 times.  Each folder and each file is read
# once now, however many paths (symlinks, hard links, a folder named twice)
# lead to it.
set -euo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
export LC_ALL=C.UTF-8 KNOCKON_DB=$tmp/t.db
fail() { echo "FAIL: $*"; exit 1; }

mkdir -p tree/sub/deeper
echo '{"id": "a", "title": "a"}' >tree/a.json
echo '{"id": "b", "title": "b"}' >tree/sub/b.json
echo '{"id": "c", "title": "c"}' >tree/sub/deeper/c.json
ln -s . tree/loop1                 # two links to the folder itself
ln -s . tree/loop2
ln -s .. tree/sub/up               # a link back up
ln -s ../.. tree/sub/deeper/top
ln -s "$tmp/tree" tree/sub/abs     # an absolute one
ln -s a.json tree/again.json       # a second name for a file
ln tree/sub/b.json tree/hard.json  # a hard link
ln -s self.json tree/self.json     # a link to itself: no file, passed over

# every card exactly once, in byte order of the paths (b first as hard.json)
timeout 60 "$bin" parse tree tree/sub tree/a.json >out 2>err || fail "parse: $(cat err)"
ids=$(python3 -c "
import json
print(' '.join(json.loads(l)['id'] for l in open('out')))")
[ "$ids" = "a b c" ] || fail "parse read: $ids"
[ ! -s err ] || fail "parse said: $(cat err)"

timeout 60 "$bin" ingest tree >out 2>err || fail "ingest: $(cat err)"
grep -q '^3 read: 3 added, 0 updated, 0 unchanged, 0 rejected$' err ||
	fail "ingest: $(cat err)"

# many links to "." at several levels: would be exponential without the check
rm tree/self.json
for i in 1 2 3 4 5 6 7 8; do ln -s . "tree/l$i"; ln -s .. "tree/sub/u$i"; done
timeout 60 "$bin" parse tree >out 2>err || fail "parse many links: $(cat err)"
[ "$(wc -l <out)" = 3 ] || fail "parse many links: $(wc -l <out) signals"
echo ok
