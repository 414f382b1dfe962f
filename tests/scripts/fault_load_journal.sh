#!/usr/bin/env bash
# A bulk load into a new corpus is written with a rollback journal, not
# WAL (docs/ingest.md): afterwards the corpus is a WAL corpus like any
# other, with no -journal left; kill -9 at random moments of loads into
# new corpora leaves each one whole (integrity_check, every stored signal
# whole), it opens, takes the same ingest and then equals a clean run; a
# corpus another connection has open is loaded in WAL, as before.
. "$(dirname "$0")/fault_lib.bash"
N=${KN_FAULT_SIGNALS:-20000}
ROUNDS=${KN_FAULT_ROUNDS:-6}
cd "$WORK"
gen_ndjson "$N" 3 load >in.ndjson

mode() { sqlite3 "$1" "PRAGMA journal_mode"; }
start=$(date +%s%N)
"$KN" --db clean.db ingest -q in.ndjson || fail "clean load failed"
clean_ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$(mode clean.db)" = wal ] || fail "a loaded corpus is in journal mode $(mode clean.db), want wal"
[ ! -e clean.db-journal ] || fail "a -journal was left beside a loaded corpus"
check_whole clean.db
dump clean.db >clean.dump
# the loader's own switch back to WAL, not the sqlite3 CLI's: the header
# says WAL (bytes 18 and 19 are 2) before anything else opens it
"$KN" --db hdr.db ingest -q in.ndjson || fail "load failed"
[ "$(od -An -tu1 -j18 -N2 hdr.db | tr -s ' ')" = " 2 2" ] || fail "the header of a loaded corpus is not WAL's"

RANDOM=7
killed=0
for round in $(seq 1 "$ROUNDS"); do
	rm -f k.db k.db-wal k.db-shm k.db-journal
	span=$(( clean_ms * 8 / 10 )); [ "$span" -gt 3000 ] && span=3000
	delay=$(( RANDOM % (span + 1) ))
	"$KN" --db k.db ingest -q in.ndjson 2>err.txt &
	pid=$!
	sleep "$(printf '0.%03d' $((delay % 1000)))"
	sleep $(( delay / 1000 ))
	if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); fi
	wait "$pid" 2>/dev/null
	left=$( [ -s k.db-journal ] && echo "a hot journal" || echo "no hot journal")
	if [ -s k.db ]; then
		# knockon opens it first (a hot journal is rolled back by whoever
		# opens the corpus to write), then it is checked
		"$KN" --db k.db ingest -q in.ndjson || fail "round $round: the ingest after the kill failed"
		check_whole k.db
		[ "$(mode k.db)" = wal ] || fail "round $round: journal mode $(mode k.db) after the re-run, want wal"
		[ ! -e k.db-journal ] || fail "round $round: a -journal was left after the re-run"
		cmp -s clean.dump <(dump k.db) || fail "round $round: the re-run differs from a clean load"
	fi
	note "round $round: killed after ${delay} ms ($left left); re-run equals a clean load"
done
[ "$killed" -ge $(( ROUNDS / 2 )) ] || fail "only $killed of $ROUNDS loads were killed mid-way (raise KN_FAULT_SIGNALS)"

# killed, then checked by the sqlite3 CLI before knockon opens it: whole
rm -f k.db k.db-wal k.db-shm k.db-journal
"$KN" --db k.db ingest -q in.ndjson 2>/dev/null &
pid=$!
sleep "$(awk -v t="$clean_ms" 'BEGIN { printf "%.3f", t * 0.6 / 1000 }')"
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
[ ! -s k.db ] || check_whole k.db

# a new corpus another connection has open: loaded in WAL, as before
rm -f o.db*
: >e.ndjson
"$KN" --db o.db ingest -q e.ndjson 2>/dev/null
{ echo "SELECT 'open';"; sleep 3; } | sqlite3 o.db >open.out &
for _ in $(seq 100); do grep -q open open.out 2>/dev/null && break; sleep 0.05; done
"$KN" --db o.db ingest -q in.ndjson || fail "a load beside an open connection failed"
[ "$(mode o.db)" = wal ] || fail "journal mode $(mode o.db) after a load beside an open connection"
wait
check_whole o.db
cmp -s clean.dump <(dump o.db) || fail "a load beside an open connection differs from a clean load"
echo "ok: loads into new corpora end as WAL corpora; $killed of $ROUNDS killed mid-way, each whole and re-run to a clean load"
