#!/usr/bin/env bash
# kill -9 at random moments during a large ingest, 20 times: after each
# kill the corpus passes integrity_check and every stored signal is whole
# (its effects, causes, roles, FTS row and counters match its canonical
# JSON); runs alternate between two versions of the same 20,000 signals
# (so kills land in updates too); a final uninterrupted run gives exactly
# the corpus of a clean run.  A kill before the first commit leaves an empty
# corpus: it must open and take the ingest.
. "$(dirname "$0")/fault_lib.bash"
N=${KN_FAULT_SIGNALS:-20000}
ROUNDS=${KN_FAULT_ROUNDS:-20}
cd "$WORK"
gen_ndjson "$N" 1 v1 >v1.ndjson
gen_ndjson "$N" 2 v2 >v2.ndjson

start=$(date +%s%N)
"$KN" --db clean.db ingest -q v1.ndjson || fail "clean ingest failed"
clean_ms=$(( ($(date +%s%N) - start) / 1000000 ))
check_whole clean.db
[ "$(sqlite3 clean.db 'SELECT count(*) FROM signals')" = "$N" ] || fail "clean run lost signals"
dump clean.db >clean.dump
"$KN" --db clean.db list --format json >clean.list.json || fail "list failed"
note "clean ingest of $N signals: ${clean_ms} ms"

RANDOM=42 # deterministic kill moments
killed=0
for round in $(seq 1 "$ROUNDS"); do
	file=v$(( round % 2 + 1 )).ndjson
	# a moment within the first 60% of a clean run (capped: CI time)
	span=$(( clean_ms * 6 / 10 )); [ "$span" -gt 2500 ] && span=2500
	delay=$(( RANDOM % (span + 1) ))
	"$KN" --db killed.db ingest -q "$file" 2>err.txt &
	pid=$!
	sleep "$(printf '0.%03d' $((delay % 1000)))"
	sleep $(( delay / 1000 ))
	if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); fi
	wait "$pid" 2>/dev/null
	if [ ! -s killed.db ] || [ "$(sqlite3 killed.db "SELECT count(*) FROM sqlite_master WHERE name = 'signals'")" = 0 ]; then
		# killed before the corpus's first commit: nothing was stored, and
		# that is a valid, empty corpus that knockon opens and fills
		ic=$(sqlite3 killed.db "PRAGMA integrity_check;") || fail "killed.db: sqlite3 failed"
		[ "$ic" = ok ] || fail "killed.db (empty): integrity_check: $ic"
		"$KN" --db killed.db ingest -q v1.ndjson || fail "an ingest into a corpus killed before its first commit failed"
		[ "$(sqlite3 killed.db 'SELECT count(*) FROM signals')" = "$N" ] || fail "an ingest into a corpus killed before its first commit lost signals"
		check_whole killed.db
		note "round $round: $file killed after ${delay} ms, before the first commit; empty corpus, then filled"
		continue
	fi
	check_whole killed.db
	note "round $round: $file killed after ${delay} ms; $(sqlite3 killed.db 'SELECT count(*) FROM signals') signals, whole"
done
[ "$killed" -ge $(( ROUNDS / 2 )) ] || fail "only $killed of $ROUNDS runs were killed mid-ingest (machine too fast? raise KN_FAULT_SIGNALS)"

# every stored signal is v1 or v2 exactly
gen_check=$(python3 - <<'PY'
import json, sqlite3
db = sqlite3.connect("killed.db")
want = {}
for f in ("v1.ndjson", "v2.ndjson"):
    for line in open(f):
        want.setdefault(json.loads(line)["id"], set()).add(json.loads(line)["title"])
bad = [i for i, c in db.execute("SELECT id, canonical FROM signals")
       if json.loads(c)["title"] not in want.get(i, ())]
print(len(bad))
PY
)
[ "$gen_check" = 0 ] || fail "$gen_check stored signals are neither version"

"$KN" --db killed.db ingest -q v1.ndjson || fail "re-run failed"
check_whole killed.db
dump killed.db >rerun.dump
cmp -s clean.dump rerun.dump || { diff clean.dump rerun.dump | head -20; fail "re-run differs from a clean run"; }
"$KN" --db killed.db list --format json >rerun.list.json
cmp -s clean.list.json rerun.list.json || fail "list --format json differs after the re-run"
echo "ok: $killed of $ROUNDS ingests killed mid-way; corpus whole each time; re-run equals a clean run"
