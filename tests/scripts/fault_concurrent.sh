#!/usr/bin/env bash
# Four processes ingesting overlapping files at once: all succeed and the
# corpus equals a serial run's.
. "$(dirname "$0")/fault_lib.bash"
cd "$WORK"
gen_ndjson 8000 5 conc >all.ndjson
# four overlapping quarters: lines 1-3000, 2001-5000, 4001-7000, 5001-8000
sed -n 1,3000p all.ndjson >p1.ndjson
sed -n 2001,5000p all.ndjson >p2.ndjson
sed -n 4001,7000p all.ndjson >p3.ndjson
sed -n 5001,8000p all.ndjson >p4.ndjson
"$KN" --db serial.db ingest -q p1.ndjson p2.ndjson p3.ndjson p4.ndjson || fail "serial run failed"
# no corpus yet: the four also race to create the schema
pids=()
for i in 1 2 3 4; do
	KNOCKON_BUSY_TIMEOUT=60000 "$KN" --db conc.db ingest p$i.ndjson 2>err$i.txt &
	pids+=($!)
done
for i in 1 2 3 4; do
	wait "${pids[$((i - 1))]}" || { cat err$i.txt; fail "process $i failed"; }
	note "process $i: $(cat err$i.txt)"
done
added=$(sed -n 's/.* \([0-9]*\) added.*/\1/p' err?.txt | awk '{ s += $1 } END { print s }')
[ "$added" = 8000 ] || fail "the four report $added added in all, want 8000"
check_whole conc.db
[ "$(dump serial.db)" = "$(dump conc.db)" ] || fail "concurrent corpus differs from the serial run"
echo "ok: four concurrent ingests of overlapping files equal a serial run"
