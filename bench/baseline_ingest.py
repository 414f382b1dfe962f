#!/usr/bin/env python3
"""The ingest a user would otherwise write: Python 3's json + sqlite3.

Reads knockon/1 NDJSON and stores it in a schema equivalent to knockon's
(signals, effects, effect_causes, actors, roles, FTS5 signals_fts), with the
same guarantees: idempotent by id (a changed signal replaces its rows, an
unchanged one is skipped), each signal whole, 1,000 signals a transaction,
WAL with synchronous=NORMAL, the full-text index filled as it goes.

usage: baseline_ingest.py DB FILE.ndjson
DB may be a copy of an empty knockon corpus (the bench does that, so the
tables, indexes and triggers are exactly knockon's); a new file gets the
schema below.
Prints "N signals in S s" on stdout.
"""
import json
import sqlite3
import sys
import time

SCHEMA = """
CREATE TABLE IF NOT EXISTS signals (
  sid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
  feed TEXT, kind TEXT NOT NULL DEFAULT 'signal', category TEXT,
  published TEXT, score INTEGER, horizon TEXT, title TEXT NOT NULL,
  summary TEXT, why_now TEXT, why_important TEXT, why_changes TEXT,
  confidence INTEGER, impact INTEGER, publisher TEXT, section TEXT, url TEXT,
  canonical TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS signals_by_published ON signals(published, id);
CREATE INDEX IF NOT EXISTS signals_by_category
  ON signals(category COLLATE NOCASE, published);
CREATE TABLE IF NOT EXISTS effects (
  sid INTEGER NOT NULL, eid TEXT NOT NULL, position INTEGER NOT NULL,
  ord INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY (sid, eid))
  WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS effect_causes (
  sid INTEGER NOT NULL, eid TEXT NOT NULL, position INTEGER NOT NULL,
  cause TEXT NOT NULL, PRIMARY KEY (sid, eid, position)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS actors (
  aid INTEGER PRIMARY KEY, name TEXT NOT NULL, key TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS roles (
  sid INTEGER NOT NULL, role TEXT NOT NULL, position INTEGER NOT NULL,
  aid INTEGER NOT NULL, note TEXT, PRIMARY KEY (sid, role, position))
  WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS roles_by_actor ON roles(role, aid, sid);
CREATE VIRTUAL TABLE IF NOT EXISTS signals_fts USING fts5(
  title, summary, why, effects, tokenize = 'unicode61 remove_diacritics 2');
"""

COLUMNS = ("id feed kind category published score horizon title summary "
           "why_now why_important why_changes confidence impact publisher "
           "section url canonical").split()
INSERT = "INSERT INTO signals (%s) VALUES (%s)" % (
    ", ".join(COLUMNS), ", ".join("?" * len(COLUMNS)))


def actor(entry):
    if isinstance(entry, str):
        return entry.strip(), None
    return entry["name"].strip(), entry.get("note")


def effects_of(sig):
    out = []
    prev = []
    for pos, e in enumerate(sig.get("effects") or []):
        causes = e.get("causes")
        if causes is None:
            causes = [p["id"] for p in prev if p["order"] == e["order"] - 1]
        out.append((e["id"], pos, e["order"], e["text"].strip(), causes))
        prev.append(e)
    return out


def clear(db, sid):
    for table in ("effect_causes", "effects", "roles"):
        db.execute("DELETE FROM %s WHERE sid = ?" % table, (sid,))
    db.execute("DELETE FROM signals_fts WHERE rowid = ?", (sid,))
    db.execute("DELETE FROM signals WHERE sid = ?", (sid,))


def store(db, sig):
    canonical = json.dumps(sig, ensure_ascii=False, separators=(",", ":"),
                           sort_keys=True)
    row = db.execute("SELECT sid, canonical FROM signals WHERE id = ?",
                     (sig["id"],)).fetchone()
    if row and row[1] == canonical:
        return "unchanged"
    db.execute("SAVEPOINT put")
    try:
        if row:
            clear(db, row[0])
        why = sig.get("why") or {}
        src = sig.get("source") or {}
        values = (sig["id"], sig.get("feed"), sig.get("kind", "signal"),
                  sig.get("category"), sig.get("published"), sig.get("score"),
                  sig.get("horizon"), sig["title"].strip(), sig.get("summary"),
                  why.get("now"), why.get("important"), why.get("changes"),
                  sig.get("confidence"), sig.get("impact"),
                  src.get("publisher"), src.get("section"), src.get("url"),
                  canonical)
        sid = db.execute(INSERT, values).lastrowid
        effects = effects_of(sig)
        for eid, pos, order, text, causes in effects:
            db.execute("INSERT INTO effects (sid, eid, position, ord, text)"
                       " VALUES (?, ?, ?, ?, ?)",
                       (sid, eid, pos, order, text))
            for k, cause in enumerate(causes):
                db.execute("INSERT INTO effect_causes (sid, eid, position,"
                           " cause) VALUES (?, ?, ?, ?)",
                           (sid, eid, k, cause))
        for role in ("winner", "loser"):
            for pos, entry in enumerate(sig.get(role + "s") or []):
                name, note = actor(entry)
                aid = db.execute(
                    "INSERT INTO actors (name, key) VALUES (?, ?) ON CONFLICT"
                    " (key) DO UPDATE SET key = key RETURNING aid",
                    (name, name.casefold())).fetchone()[0]
                db.execute("INSERT INTO roles (sid, role, position, aid, note)"
                           " VALUES (?, ?, ?, ?, ?)",
                           (sid, role, pos, aid, note))
        db.execute("INSERT INTO signals_fts (rowid, title, summary, why,"
                   " effects) VALUES (?, ?, ?, ?, ?)",
                   (sid, values[7], values[8],
                    "\n".join(v for v in (values[9], values[10], values[11])
                              if v),
                    "\n".join(e[3] for e in effects)))
    except Exception:
        db.execute("ROLLBACK TO put")
        db.execute("RELEASE put")
        raise
    db.execute("RELEASE put")
    return "updated" if row else "added"


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: baseline_ingest.py DB FILE.ndjson")
    db = sqlite3.connect(sys.argv[1], isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.executescript(SCHEMA)
    start = time.perf_counter()
    n = 0
    db.execute("BEGIN IMMEDIATE")
    with open(sys.argv[2], encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            store(db, json.loads(line))
            n += 1
            if n % 1000 == 0:
                db.execute("COMMIT")
                db.execute("BEGIN IMMEDIATE")
    db.execute("COMMIT")
    elapsed = time.perf_counter() - start
    db.close()
    print("%d signals in %.3f s" % (n, elapsed))


if __name__ == "__main__":
    main()
