# Sourced by tests/scripts/fault_*.sh (.bash, so the scripts/*.sh glob in
# tests/CMakeLists.txt does not run it as a test).
# KN=the binary; WORK=a temp dir removed at exit.
set -u
KN=${1:?usage: $0 KNOCKON_BINARY}
KN=$(cd "$(dirname "$KN")" && pwd)/$(basename "$KN")
WORK=$(mktemp -d)
trap 'fault_cleanup' EXIT
FAULT_MOUNTS=()
fault_cleanup() {
	local m
	for m in "${FAULT_MOUNTS[@]+"${FAULT_MOUNTS[@]}"}"; do
		umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null
	done
	rm -rf "$WORK"
}
fail() { echo "FAIL: $*" >&2; exit 1; }
note() { echo "-- $*" >&2; }

# gen_ndjson N SEED VARIANT > file: N deterministic signals (ids sig-00000…),
# 0-6 effects over three orders, 0-4 winners and losers from a pool of 300
# actors; VARIANT changes every text, score and actor choice but keeps ids.
gen_ndjson() {
	python3 - "$@" <<'PY'
import json, random, sys
n, seed, variant = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rnd = random.Random(seed * 7919 + len(variant))
out = sys.stdout
for i in range(n):
    k = rnd.randrange(7)
    effects = []
    for e in range(k):
        order = 1 + e * 3 // max(k, 1)
        effects.append({"id": "e%d" % (e + 1), "order": order,
                        "text": "%s effect %d of signal %d" % (variant, e + 1, i)})
    sig = {"format": "knockon/1", "id": "sig-%05d" % i,
           "published": "2026-%02d-%02d" % (1 + i % 12, 1 + i % 28),
           "category": ["Energy", "Tech", "Capital Markets", "Logistics"][i % 4],
           "score": rnd.randrange(101),
           "title": "%s signal number %d" % (variant, i),
           "summary": "Summary %s %d" % (variant, rnd.randrange(10**6)),
           "winners": ["Actor %d" % rnd.randrange(300) for _ in range(rnd.randrange(5))],
           "losers": [{"name": "Actor %d" % rnd.randrange(300), "note": "n%d" % i}
                      for _ in range(rnd.randrange(5))],
           "effects": effects}
    # an actor named twice in one role is allowed; keep names unique anyway
    sig["winners"] = sorted(set(sig["winners"]))
    out.write(json.dumps(sig) + "\n")
PY
}

# The corpus as comparable text: every signal's canonical JSON and the
# derived tables, ordered.
dump() {
	sqlite3 "$1" "SELECT id, canonical FROM signals ORDER BY id;
		SELECT s.id, e.eid, e.position, e.ord, e.text FROM effects e JOIN signals s USING (sid) ORDER BY s.id, e.position;
		SELECT s.id, c.eid, c.position, c.cause FROM effect_causes c JOIN signals s USING (sid) ORDER BY s.id, c.eid, c.position;
		SELECT s.id, r.role, r.position, a.name, r.note FROM roles r JOIN signals s USING (sid) JOIN actors a USING (aid) ORDER BY s.id, r.role, r.position;
		SELECT a.name, c.role, c.n FROM role_counts c JOIN actors a USING (aid) ORDER BY a.key, c.role;
		SELECT count(*) FROM actors;"
}

# Structural checks on a corpus that may have been killed mid-ingest:
# integrity, and every stored signal whole (its rows match its canonical
# JSON), and the counters consistent.
check_whole() {
	local db=$1 ic bad
	ic=$(sqlite3 "$db" "PRAGMA integrity_check;") || fail "$db: sqlite3 failed"
	[ "$ic" = ok ] || fail "$db: integrity_check: $ic"
	bad=$(sqlite3 "$db" "
	SELECT 'effects of ' || id FROM signals s WHERE
	  (SELECT count(*) FROM effects e WHERE e.sid = s.sid)
	  <> json_array_length(canonical, '\$.effects')
	UNION ALL SELECT 'roles of ' || id FROM signals s WHERE
	  (SELECT count(*) FROM roles r WHERE r.sid = s.sid)
	  <> json_array_length(canonical, '\$.winners') + json_array_length(canonical, '\$.losers')
	UNION ALL SELECT 'causes of ' || id FROM signals s WHERE
	  (SELECT count(*) FROM effect_causes c WHERE c.sid = s.sid)
	  <> (SELECT coalesce(sum(json_array_length(value, '\$.causes')), 0)
	      FROM json_each(canonical, '\$.effects'))
	UNION ALL SELECT 'title of ' || id FROM signals WHERE title <> canonical ->> '\$.title'
	UNION ALL SELECT 'fts rows' WHERE (SELECT count(*) FROM signals)
	  <> (SELECT count(*) FROM signals_fts)
	UNION ALL SELECT 'role_counts ' || role || ' ' || aid FROM (
	  SELECT role, aid, count(DISTINCT sid) AS n FROM roles GROUP BY role, aid
	  EXCEPT SELECT role, aid, n FROM role_counts)
	UNION ALL SELECT 'stale role_counts ' || role FROM (
	  SELECT role, aid, n FROM role_counts
	  EXCEPT SELECT role, aid, count(DISTINCT sid) FROM roles GROUP BY role, aid)
	LIMIT 5;") || fail "$db: check query failed"
	[ -z "$bad" ] || fail "$db: not whole: $bad"
}

# A tmpfs of SIZE at DIR (root, Linux); returns 1 when mounting is not
# possible here.
try_tmpfs() {
	mkdir -p "$2"
	mount -t tmpfs -o "size=$1" tmpfs "$2" 2>/dev/null || return 1
	FAULT_MOUNTS+=("$2")
}
