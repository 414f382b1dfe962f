#!/usr/bin/env bash
# issue 12 item 3: -o PATH to something that exists and is not a regular
# file (a device, a FIFO, /dev/stdout, a link to one) is written directly,
# never replaced by a renamed temporary file; a regular file (or a link to
# one) is still replaced whole.  Maps and reports alike.
set -euo pipefail
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
reader=
trap '[ -n "$reader" ] && kill "$reader" 2>/dev/null; rm -rf "$tmp"' EXIT
cd "$tmp"
export KNOCKON_DB=$tmp/c.db LC_ALL=C.UTF-8
fail() { echo "FAIL: $*" >&2; exit 1; }
"$bin" ingest -q "${KN_SOURCE_DIR:?}/tests/data/bad/good.json"
id=$(sqlite3 c.db 'SELECT id FROM signals LIMIT 1')
"$bin" render "$id" -T dot -o want.dot

# a character device: a null device of our own when we may make one
# (root), else the system's /dev/null, which must stay a device
if mknod null c 1 3 2>/dev/null; then dev=$tmp/null; else dev=/dev/null; fi
"$bin" render "$id" -o "$dev" || fail "render -o $dev failed"
"$bin" report -o "$dev" || fail "report -o $dev failed"
test -c "$dev" || fail "$dev is no longer a character device"
ln -s "$dev" devlink
"$bin" render "$id" -o devlink || fail "render -o a link to $dev failed"
test -L devlink && test -c "$dev" || fail "the link or $dev was replaced"
ls -A | grep -q '^\.' && fail "temporary files left: $(ls -A | grep '^\.')"

# a FIFO with a reader: the reader gets the whole map, the FIFO stays
for what in render report; do
	rm -f fifo got; mkfifo fifo
	timeout 60 cat fifo >got & reader=$!
	if [ $what = render ]; then
		timeout 60 "$bin" render "$id" -T dot -o fifo || fail "render -o FIFO failed"
	else
		timeout 60 "$bin" report -o fifo || fail "report -o FIFO failed"
	fi
	wait "$reader" || fail "the FIFO's reader failed"; reader=
	test -p fifo || fail "$what replaced the FIFO"
	if [ $what = render ]; then
		cmp -s got want.dot || fail "the FIFO's reader got other bytes than the map"
	else
		grep -q '</html>' got || fail "the FIFO's reader did not get the whole report"
	fi
done

# /dev/stdout into a pipe and into a file the shell opened (appending too)
"$bin" render "$id" -T dot -o /dev/stdout | cmp -s - want.dot || fail "-o /dev/stdout to a pipe"
"$bin" render "$id" -T dot -o /dev/stdout >out.dot || fail "-o /dev/stdout to a file failed"
cmp -s out.dot want.dot || fail "-o /dev/stdout to a file differs"
echo "kept" >app.dot
"$bin" render "$id" -T dot -o /dev/stdout >>app.dot
[ "$(head -1 app.dot)" = kept ] || fail "-o /dev/stdout overwrote what >> kept"
cmp -s <(tail -n +2 app.dot) want.dot || fail "-o /dev/stdout did not append the map"
"$bin" report -o /dev/stdout | grep -q '</html>' || fail "report -o /dev/stdout"
"$bin" render "$id" -T dot -o /dev/fd/3 3>fd3.dot && cmp -s fd3.dot want.dot ||
	fail "-o /dev/fd/3"
test -L /dev/stdout || fail "/dev/stdout was replaced"

# a regular file is still replaced whole, and a link to one stays a link
echo old >map.dot
ln -s map.dot maplink
"$bin" render "$id" -T dot -o maplink
test -L maplink || fail "the link to a regular file was replaced by a file"
cmp -s map.dot want.dot || fail "the link's target was not rewritten"
"$bin" render "$id" -T dot -o map.dot && cmp -s map.dot want.dot || fail "regular file"
ls -A | grep -q '^\.' && fail "temporary files left: $(ls -A | grep '^\.')"
echo "ok: -o to a device, a FIFO, /dev/stdout, /dev/fd/N and links"
