#!/usr/bin/env bash
# The scan of every effect (a bulk load's, links --detect) in one pass,
# names matched on a second thread, writes the links that detection one
# signal at a time writes: 600 signals (many batches of effects) whose
# effects name earlier and later signals' actors, with card links (one
# naming an actor the text also names) and an alias; on one thread
# (KNOCKON_INGEST_THREADS=1) the same; a rejection is kept through
# links --detect; a bulk load leaves the schema a new corpus has.
set -eu
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" <<'PY'
import json, sys
d = sys.argv[1]
n = 600
def actor(i):
    return ["Nvidia", "Rolls-Royce", "Blue Bank %d" % i, "Red Group %d" % i,
            "Blue Bank", "Électricité de France"][i % 6] if i % 5 else "Actor %d" % i
with open(d + "/all.ndjson", "w", encoding="utf-8") as out, \
     open(d + "/first.ndjson", "w", encoding="utf-8") as first, \
     open(d + "/rest.ndjson", "w", encoding="utf-8") as rest:
    for i in range(n):
        a, b, c = actor(i), actor((i * 7 + 3) % n), actor((i * 13 + 11) % n)
        effects = [
            {"id": "e1", "order": 1, "text": "%s's margins fall as %s gains" % (b, c)},
            {"id": "e2", "order": 2, "causes": ["e1"],
             "text": "BLUE BANK %d and %s lose; red group %d wins" % (i % 50, a, (i * 3) % n)},
            {"id": "e10", "order": 3, "causes": ["e2"], "text": "nothing named here"},
        ]
        if i % 4 == 0:
            effects[0]["actors"] = [{"name": b, "role": "loser"}, {"name": "Card Only %d" % i}]
        if i % 9 == 0:
            effects[2]["text"] = "Card Only %d and Actor %d meet" % ((i + 4) % n, (i + 5) % n)
        line = json.dumps({"id": "s%03d" % i, "title": "Signal %d" % i,
                           "published": "2026-%02d-%02d" % (1 + i % 12, 1 + i % 28),
                           "score": i % 101, "losers": [a], "winners": [c],
                           "effects": effects}, ensure_ascii=False) + "\n"
        out.write(line)
        (first if i == 0 else rest).write(line)
PY
links() { "$bin" --db "$1" links --format csv; }
# one signal, then the others incrementally: detection at each put, and
# rescans through the full-text index for the names that come later
"$bin" --db "$tmp/inc.db" ingest -q "$tmp/first.ndjson"
"$bin" --db "$tmp/inc.db" ingest -q "$tmp/rest.ndjson"
"$bin" --db "$tmp/bulk.db" ingest -q "$tmp/all.ndjson"
KNOCKON_INGEST_THREADS=1 "$bin" --db "$tmp/one.db" ingest -q "$tmp/all.ndjson"
links "$tmp/inc.db" >"$tmp/inc.csv"
n=$(wc -l <"$tmp/inc.csv")
[ "$n" -gt 1500 ] || { echo "only $n links"; exit 1; }
grep -q ',card,' "$tmp/inc.csv" || { echo "no card link"; exit 1; }
links "$tmp/bulk.db" | cmp - "$tmp/inc.csv"
links "$tmp/one.db" | cmp - "$tmp/inc.csv"
dump() { sqlite3 "$1" "SELECT * FROM effect_links ORDER BY sid, eid, key"; }
dump "$tmp/bulk.db" >"$tmp/bulk.rows"
dump "$tmp/inc.db" | cmp - "$tmp/bulk.rows"
# an alias and a rejection, then every effect scanned again
rej=$(grep -m1 ',detected,' "$tmp/inc.csv")
for db in inc bulk; do
  "$bin" --db "$tmp/$db.db" alias "Blue Bank 2" "Nvidia" >/dev/null
  "$bin" --db "$tmp/$db.db" links --reject "$(echo "$rej" | cut -d, -f1,2 | tr , :)" \
    "$(echo "$rej" | cut -d, -f3)" >/dev/null
done
"$bin" --db "$tmp/bulk.db" links --detect >/dev/null
[ "$("$bin" --db "$tmp/bulk.db" links --rejected --format csv | wc -l)" = 2 ] ||
  { echo "the rejection is not kept"; exit 1; }
dump "$tmp/bulk.db" | cmp - <(dump "$tmp/inc.db")
# the indexes a bulk load builds late are those of a corpus made by the
# migrations
"$bin" --db "$tmp/new.db" alias --force "A" "B" >/dev/null
schema() { sqlite3 "$1" "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name"; }
schema "$tmp/bulk.db" | cmp - <(schema "$tmp/new.db")
echo "ok: $((n - 1)) links, one pass = one by one, on one thread too"
