#!/usr/bin/env python3
"""The script a user would write instead of knockon ingest (a baseline).

json + sqlite3: 4 tables, 3 indexes, an FTS5 table over title, summary,
why and effects, one transaction.  No validation, no idempotence, no
canonical JSON: the least a script does to make the signals searchable.
usage: user_ingest.py DB FILE.ndjson [--no-fts]
"""
import json, sqlite3, sys

db = sqlite3.connect(sys.argv[1])
fts = "--no-fts" not in sys.argv[3:]
db.executescript("""
PRAGMA journal_mode = WAL;
CREATE TABLE signals (id TEXT PRIMARY KEY, published TEXT, category TEXT,
  score INTEGER, title TEXT, summary TEXT, json TEXT);
CREATE TABLE effects (signal TEXT, ord INTEGER, text TEXT);
CREATE TABLE actors (signal TEXT, role TEXT, name TEXT, note TEXT);
CREATE TABLE causes (signal TEXT, effect TEXT, cause TEXT);
CREATE INDEX signals_published ON signals(published);
CREATE INDEX actors_name ON actors(role, name);
CREATE INDEX effects_signal ON effects(signal);
""" + ("CREATE VIRTUAL TABLE search USING fts5(id UNINDEXED, title, summary,"
       " why, effects);" if fts else ""))
with db, open(sys.argv[2], encoding="utf-8") as f:
    for line in f:
        s = json.loads(line)
        db.execute("INSERT INTO signals VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (s["id"], s.get("published"), s.get("category"),
                    s.get("score"), s["title"], s.get("summary"), line))
        for e in s.get("effects", []):
            db.execute("INSERT INTO effects VALUES (?, ?, ?)",
                       (s["id"], e["order"], e["text"]))
            for c in e.get("causes", []):
                db.execute("INSERT INTO causes VALUES (?, ?, ?)",
                           (s["id"], e["id"], c))
        for role in ("winners", "losers"):
            for a in s.get(role, []):
                db.execute("INSERT INTO actors VALUES (?, ?, ?, ?)",
                           (s["id"], role[:-1], a["name"], a.get("note")))
        if fts:
            why = " ".join((s.get("why") or {}).values())
            db.execute("INSERT INTO search VALUES (?, ?, ?, ?, ?)",
                       (s["id"], s["title"], s.get("summary"), why,
                        " ".join(e["text"] for e in s.get("effects", []))))
db.close()
