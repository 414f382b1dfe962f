#!/usr/bin/env bash
# A bulk load into a new corpus that fails after a batch has committed
# (here: the file grows past `ulimit -f` in the second batch) still
# detects the effect links of the signals it stored: the failure path
# builds the late indexes, and with them it must run the scan of the
# effects that a whole load runs at its end.  Before, it built the
# indexes alone, and the stored signals kept no detected link (nor would
# a later ingest scan them: the indexes were there).
src=${KN_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$(dirname "$0")/fault_lib.bash"
cd "$WORK"
# 15,000 signals (a batch is 10,000) whose effects name other signals' actors
python3 "$src/bench/gen_corpus.py" 15000 --full | python3 "$src/bench/ingest_names.py" >all.ndjson
head -10000 all.ndjson >first.ndjson
"$KN" --db whole.db ingest -q first.ndjson || fail "load of the first batch failed"
want=$(sqlite3 whole.db "SELECT count(*) FROM effect_links")
[ "$want" -gt 1000 ] || fail "the first batch detects only $want links"
size=$(stat -c %s whole.db)
# room for the first batch with its indexes and links, not for the second
(trap '' XFSZ; ulimit -f $(( size / 1024 + 3000 )); "$KN" --db cut.db ingest -q all.ndjson) 2>err.txt
rc=$?
[ "$rc" = 1 ] || { cat err.txt; fail "the cut-short load exited $rc, want 1"; }
stored=$(sqlite3 cut.db "SELECT count(*) FROM signals")
[ "$stored" = 10000 ] || { cat err.txt; fail "the cut-short load stored $stored signals, want the first batch's 10000"; }
got=$(sqlite3 cut.db "SELECT count(*) FROM effect_links")
[ "$got" = "$want" ] || fail "the cut-short load kept $got effect links, a whole load of its signals $want"
links() { sqlite3 "$1" "SELECT s.id, l.eid, l.key, l.name, l.role, l.provenance, l.ord, l.base
	FROM effect_links l JOIN signals s USING (sid) ORDER BY 1, 2, 3"; }
[ "$(links cut.db)" = "$(links whole.db)" ] || fail "the cut-short load's links differ from a whole load's"
# and the corpus is whole: nothing left for the next ingest to find
"$KN" --db cut.db check >check.txt 2>&1 || { cat check.txt; fail "check of the cut-short corpus failed"; }
echo "ok: a bulk load cut short after its first batch detects $got links of the 10000 signals it stored"
