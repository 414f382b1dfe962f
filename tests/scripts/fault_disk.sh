#!/usr/bin/env bash
# Disk full during ingest and during report writing, and a read-only
# corpus.  Needs root to mount a small tmpfs (the tests run as root in CI);
# without it, disk full falls back to `ulimit -f` and the read-only part is
# skipped (with a note).
. "$(dirname "$0")/fault_lib.bash"
cd "$WORK"
gen_ndjson 6000 6 disk >big.ndjson
gen_ndjson 30 7 small >small.ndjson

if try_tmpfs 1m "$WORK/full"; then
	cp /dev/null full/.keep
	# a corpus that fits, then an ingest that cannot
	"$KN" --db full/c.db ingest -q small.ndjson || fail "small ingest on tmpfs failed"
	before=$(sqlite3 full/c.db 'SELECT count(*) FROM signals')
	"$KN" --db full/c.db ingest big.ndjson 2>err.txt
	rc=$?
	[ "$rc" = 1 ] || { cat err.txt; fail "ingest on a full disk exited $rc, want 1"; }
	grep -qi "full" err.txt || { cat err.txt; fail "no 'disk full' message"; }
	note "disk full: $(grep -v '^[0-9]* read' err.txt | head -1)"
	check_whole full/c.db
	# the counts add up: what the summary says was added is what is stored
	added=$(sed -n 's/.* \([0-9]*\) added.*/\1/p' err.txt)
	now=$(sqlite3 full/c.db 'SELECT count(*) FROM signals')
	[ "$now" = $(( before + added )) ] || fail "summary says $added added, corpus grew by $(( now - before ))"
	# room again: the same ingest completes and equals a clean run
	umount full && FAULT_MOUNTS=()
	try_tmpfs 64m "$WORK/full" || fail "remount failed"
	"$KN" --db c2.db ingest -q small.ndjson big.ndjson || fail "clean run failed"
	"$KN" --db full/c3.db ingest -q small.ndjson big.ndjson || fail "ingest with room failed"
	[ "$(dump c2.db)" = "$(dump full/c3.db)" ] || fail "corpus after room differs"
	# report writing to a full disk (a small corpus: maps are laid out):
	# fails, leaves no file behind
	"$KN" --db r.db ingest -q small.ndjson || fail "small corpus failed"
	head -c $(( $(df -B1 --output=avail full | tail -1) - 4096 )) /dev/zero >full/filler 2>/dev/null
	"$KN" --db r.db report -o full/report.html 2>err.txt
	rc=$?
	[ "$rc" = 1 ] || { cat err.txt; fail "report on a full disk exited $rc, want 1"; }
	note "report, disk full: $(head -1 err.txt)"
	left=$(find full -name '*report*' | head -3)
	[ -z "$left" ] || fail "report left files on the full disk: $left"
	rm -f full/filler
	"$KN" --db r.db report -o full/report.html || fail "report with room failed"
	[ -s full/report.html ] || fail "report is empty"

	# a read-only corpus: a read-only remount of the tmpfs
	cp c2.db full/ro.db
	sqlite3 full/ro.db 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
	mount -o remount,ro "$WORK/full" || fail "cannot remount read-only"
	"$KN" --db full/ro.db ingest small.ndjson 2>err.txt
	rc=$?
	[ "$rc" = 1 ] || { cat err.txt; fail "ingest into a read-only corpus exited $rc, want 1"; }
	grep -q "read-only" err.txt || { cat err.txt; fail "no clear read-only message"; }
	note "read-only: $(head -1 err.txt)"
	"$KN" --db full/ro.db list --limit 3 >list.txt 2>err.txt || { cat err.txt; fail "list of a read-only corpus failed"; }
	"$KN" --db full/ro.db losers --min 2 >/dev/null 2>err.txt || { cat err.txt; fail "losers on a read-only corpus failed"; }
	mount -o remount,rw "$WORK/full"
	[ "$(dump c2.db)" = "$(dump full/ro.db)" ] || fail "read-only corpus changed"
else
	note "cannot mount a tmpfs here: disk full by ulimit -f, read-only corpus skipped"
	"$KN" --db c.db ingest -q small.ndjson || fail "small ingest failed"
	before=$(sqlite3 c.db 'SELECT count(*) FROM signals')
	(trap '' XFSZ; ulimit -f 2048; "$KN" --db c.db ingest big.ndjson) 2>err.txt
	rc=$?
	[ "$rc" = 1 ] || { cat err.txt; fail "ingest past the file size limit exited $rc"; }
	check_whole c.db
	added=$(sed -n 's/.* \([0-9]*\) added.*/\1/p' err.txt)
	now=$(sqlite3 c.db 'SELECT count(*) FROM signals')
	[ "$now" = $(( before + added )) ] || fail "summary says $added added, corpus grew by $(( now - before ))"
	"$KN" --db r.db ingest -q small.ndjson || fail "small corpus failed"
	(trap '' XFSZ; ulimit -f 8; "$KN" --db r.db report -o report.html) 2>err.txt
	[ $? = 1 ] || fail "report past the file size limit did not fail"
	[ ! -e report.html ] || fail "report left a partial file"
fi
# stdout to a full device
"$KN" --db r.db report >/dev/full 2>err.txt && fail "report >/dev/full succeeded"
"$KN" parse small.ndjson >/dev/full 2>err.txt && fail "parse >/dev/full succeeded"
grep -q "cannot write" err.txt || fail "no write error message"
echo "ok: disk full (ingest, report), read-only corpus, /dev/full"
