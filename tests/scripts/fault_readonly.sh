#!/usr/bin/env bash
# issue 12 item 15: a corpus this user can read but not write can be read
# (every read command), and writing to it fails saying what is wrong:
#   - another user's WAL corpus (0644 file in a 0755 folder)
#   - a 0444 corpus in rollback mode, and one on a read-only mount
#   - a corpus on a full disk: reads work and leave no -shm or -wal; a
#     write says the disk is full and leaves none either
#   - a writable corpus in a folder that is not: the write says so
# As root, "another user" is nobody (setpriv); as anyone else it is this
# user with the write bits taken away.
. "$(dirname "$0")/fault_lib.bash"
cd "$WORK"
trap 'chmod -R u+w "$WORK" 2>/dev/null; fault_cleanup' EXIT
chmod 755 "$WORK"
cp "$KN" "$WORK/kn" && chmod 755 "$WORK/kn"
KN=$WORK/kn
if [ "$(id -u)" = 0 ]; then
	other() { setpriv --reuid="$(id -u nobody)" --regid="$(id -g nobody)" --clear-groups -- "$@"; }
	who=nobody
else
	other() { "$@"; }
	who="this user"
fi
gen_ndjson 40 3 ro >cards.ndjson
"$KN" --db made.db ingest -q cards.ndjson || fail "ingest failed"
id=$(sqlite3 made.db 'SELECT id FROM signals ORDER BY id LIMIT 1')
actor=$(sqlite3 made.db 'SELECT name FROM actors ORDER BY key LIMIT 1')

# one read as other: must succeed, print something and say nothing
read_ok() {
	local db=$1; shift
	other "$KN" --db "$db" "$@" >out.txt 2>err.txt
	[ $? = 0 ] && [ -s out.txt ] && [ ! -s err.txt ] ||
		{ cat err.txt; fail "$db: '$*' as $who failed"; }
}
reads() {
	read_ok "$1" list
	read_ok "$1" show "$id"
	read_ok "$1" losers --min 1
	read_ok "$1" winners --min 1
	read_ok "$1" actors
	read_ok "$1" search signal
	read_ok "$1" render "$id" -T dot -o -
	read_ok "$1" render --view actor "$actor" -T dot -o -
	read_ok "$1" report -o -
	read_ok "$1" links --list
	read_ok "$1" links
	read_ok "$1" links --rejected
	read_ok "$1" alias --list
	read_ok "$1" exposure "$actor"
	read_ok "$1" diff
	read_ok "$1" trend "$actor"
}
nothing_beside() {
	local left
	left=$(ls -A "$(dirname "$1")" | grep -e '-wal$' -e '-shm$' -e '-journal$' || true)
	[ -z "$left" ] || fail "$1: left beside it: $left"
}
# a write as other fails (1) with a message matching $2
write_fails() {
	other "$KN" --db "$1" ingest -q cards.ndjson 2>err.txt
	local rc=$?
	[ $rc = 1 ] || { cat err.txt; fail "$1: ingest as $who exited $rc, want 1"; }
	grep -q -- "$2" err.txt || { cat err.txt; fail "$1: ingest error does not say '$2'"; }
	note "$1: $(head -1 err.txt)"
}

# another user's WAL corpus: 0644 file in a 0755 folder
mkdir theirs
cp made.db theirs/c.db
[ "$(sqlite3 theirs/c.db 'PRAGMA journal_mode')" = wal ] || fail "not a WAL corpus"
chmod 644 theirs/c.db
if [ "$who" = nobody ]; then chmod 755 theirs; else chmod 555 theirs; chmod 444 theirs/c.db; fi
sum=$(md5sum <theirs/c.db)
reads theirs/c.db
nothing_beside theirs/c.db
write_fails theirs/c.db "the corpus is read-only"
[ "$(md5sum <theirs/c.db)" = "$sum" ] || fail "their corpus changed"

# a 0444 corpus in rollback mode
mkdir rollback
cp made.db rollback/c.db
sqlite3 rollback/c.db 'PRAGMA journal_mode = DELETE' >/dev/null
chmod 444 rollback/c.db
[ "$who" = nobody ] || chmod 555 rollback
reads rollback/c.db
nothing_beside rollback/c.db
write_fails rollback/c.db "the corpus is read-only"
chmod u+w rollback

# a writable corpus in a folder that is not: the write says so
if [ "$who" = nobody ]; then
	mkdir locked
	cp made.db locked/c.db
	chown nobody locked/c.db
	chmod 755 locked
	write_fails locked/c.db "folder is not writable"
	[ "$(sqlite3 locked/c.db 'SELECT count(*) FROM signals')" = 40 ] || fail "locked corpus changed"
fi

if try_tmpfs 1m "$WORK/full"; then
	# a read-only mount, rollback mode
	cp made.db full/rb.db
	sqlite3 full/rb.db 'PRAGMA journal_mode = DELETE' >/dev/null
	# a full disk, WAL mode (the corpus copied there, then the rest filled)
	cp made.db full/c.db
	head -c 2000000 /dev/zero >full/filler 2>/dev/null
	[ "$(df -B1 --output=avail full | tail -1 | tr -d ' ')" -lt 8192 ] || fail "tmpfs is not full"
	sum=$(md5sum <full/c.db)
	who=root; other() { "$@"; }
	reads full/c.db
	nothing_beside full/c.db
	write_fails full/c.db "No space left on device"
	nothing_beside full/c.db
	[ "$(md5sum <full/c.db)" = "$sum" ] || fail "the corpus on the full disk changed"
	rm -f full/filler
	mount -o remount,ro "$WORK/full" || fail "cannot remount read-only"
	reads full/rb.db
	write_fails full/rb.db "read-only"
	nothing_beside full/rb.db
	mount -o remount,rw "$WORK/full"
else
	[ "$(id -u)" != 0 ] || fail "root but cannot mount a tmpfs"
	# not root: a full disk by ulimit -f is a writer's problem only; the
	# read-only cases above already ran as this user
	note "no tmpfs (not root): full disk and read-only mount not simulated"
fi
echo "ok: reads of corpora that cannot be written (another user's, 0444, read-only mount, full disk); writes say why"
