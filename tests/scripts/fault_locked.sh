#!/usr/bin/env bash
# A corpus locked by another writer (the sqlite3 CLI holding BEGIN
# IMMEDIATE): ingest waits its busy timeout (KNOCKON_BUSY_TIMEOUT ms), then
# fails with a clear error and stores nothing; with a longer timeout it
# waits for the lock to go and succeeds.
. "$(dirname "$0")/fault_lib.bash"
cd "$WORK"
gen_ndjson 50 3 base >a.ndjson
gen_ndjson 60 4 more >b.ndjson
"$KN" --db c.db ingest -q a.ndjson || fail "setup ingest failed"
before=$(dump c.db)

hold_lock() { # hold_lock SECONDS: a writer holding the lock that long
	{ echo "BEGIN IMMEDIATE;"; echo "SELECT 'locked';"; sleep "$1"; echo "COMMIT;"; } |
		sqlite3 c.db >lock.out &
	for _ in $(seq 100); do grep -q locked lock.out 2>/dev/null && return 0; sleep 0.05; done
	fail "could not take the lock"
}

hold_lock 4
start=$(date +%s%N)
KNOCKON_BUSY_TIMEOUT=500 "$KN" --db c.db ingest b.ndjson 2>err.txt
rc=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$rc" = 1 ] || fail "locked ingest exited $rc, want 1"
grep -q "locked by another writer" err.txt || { cat err.txt; fail "no clear lock error"; }
[ "$ms" -ge 400 ] || fail "gave up after $ms ms, before the 500 ms busy timeout"
[ "$ms" -lt 3500 ] || fail "waited $ms ms, well past the 500 ms busy timeout"
note "locked: failed after $ms ms: $(head -1 err.txt)"
wait
[ "$before" = "$(dump c.db)" ] || fail "the failed ingest changed the corpus"
check_whole c.db

hold_lock 1
KNOCKON_BUSY_TIMEOUT=10000 "$KN" --db c.db ingest -q b.ndjson || fail "ingest did not wait for the lock"
wait
[ "$(sqlite3 c.db 'SELECT count(*) FROM signals')" = 60 ] || fail "wrong count after waiting"
check_whole c.db
# readers are not blocked by a writer (WAL)
hold_lock 2
"$KN" --db c.db list --limit 1 >/dev/null || fail "list blocked by a writer"
wait
echo "ok: a locked corpus fails clearly after the busy timeout and waits when given time"
