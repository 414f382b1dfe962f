/* The corpus schema (documented in docs/schema.md) and its migrations.
 * Version n of the schema is what migrations[0..n-1] have built; a file's
 * version is PRAGMA user_version, and PRAGMA application_id marks it as a
 * knockon corpus (KN_APPLICATION_ID; files made before the mark get it at
 * their next write). */
#include "schema.h"

#include <stdio.h>

#include "knockon/json.h"
#include "links.h"

#include "knockon/store.h"
#include "store_internal.h"

static const char schema_v1[] =
	"CREATE TABLE signals (\n"
	"  sid INTEGER PRIMARY KEY,\n"
	"  id TEXT NOT NULL UNIQUE,\n"
	"  feed TEXT, kind TEXT NOT NULL DEFAULT 'signal', category TEXT,\n"
	"  published TEXT, score INTEGER, horizon TEXT, title TEXT NOT NULL,\n"
	"  summary TEXT, why_now TEXT, why_important TEXT, why_changes TEXT,\n"
	"  confidence INTEGER, impact INTEGER,\n"
	"  publisher TEXT, section TEXT, url TEXT,\n"
	"  canonical TEXT NOT NULL\n"
	");\n"
	/* covering for the date window and the other filters of the queries */
	/* published DESC: "newest first, then id" (list, maps, an actor's
	 * signals) reads it forwards with no sort */
	"CREATE INDEX signals_by_published ON signals(published DESC, id, score,\n"
	"  confidence, category);\n"
	"CREATE INDEX signals_by_category ON signals(category COLLATE NOCASE,\n"
	"  published, score, confidence);\n"
	"CREATE TABLE effects (\n"
	"  sid INTEGER NOT NULL REFERENCES signals(sid) ON DELETE CASCADE,\n"
	"  eid TEXT NOT NULL, position INTEGER NOT NULL, ord INTEGER NOT NULL,\n"
	"  text TEXT NOT NULL,\n"
	"  PRIMARY KEY (sid, eid)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE effect_causes (\n"
	"  sid INTEGER NOT NULL, eid TEXT NOT NULL, position INTEGER NOT NULL,\n"
	"  cause TEXT NOT NULL,\n"
	"  PRIMARY KEY (sid, eid, position),\n"
	"  FOREIGN KEY (sid, eid) REFERENCES effects(sid, eid) ON DELETE CASCADE\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE actors (\n"
	"  aid INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL,\n"
	"  key TEXT NOT NULL UNIQUE\n"
	");\n"
	"CREATE TABLE roles (\n"
	"  sid INTEGER NOT NULL REFERENCES signals(sid) ON DELETE CASCADE,\n"
	"  role TEXT NOT NULL CHECK (role IN ('winner', 'loser')),\n"
	"  position INTEGER NOT NULL,\n"
	"  aid INTEGER NOT NULL REFERENCES actors(aid),\n"
	"  note TEXT,\n"
	"  PRIMARY KEY (sid, role, position)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX roles_by_actor ON roles(role, aid, sid);\n"
	/* distinct signals per (role, actor), kept by the triggers below, so
	 * that unfiltered losers/winners read one row per actor */
	"CREATE TABLE role_counts (\n"
	"  role TEXT NOT NULL, aid INTEGER NOT NULL, n INTEGER NOT NULL,\n"
	"  PRIMARY KEY (role, aid)\n"
	") WITHOUT ROWID;\n"
	"CREATE TRIGGER roles_count_insert AFTER INSERT ON roles\n"
	"WHEN NOT EXISTS (SELECT 1 FROM roles WHERE role = NEW.role\n"
	"  AND aid = NEW.aid AND sid = NEW.sid AND position <> NEW.position)\n"
	"BEGIN\n"
	"  INSERT INTO role_counts (role, aid, n) VALUES (NEW.role, NEW.aid, 1)\n"
	"  ON CONFLICT (role, aid) DO UPDATE SET n = n + 1;\n"
	"END;\n"
	"CREATE TRIGGER roles_count_delete AFTER DELETE ON roles\n"
	"WHEN NOT EXISTS (SELECT 1 FROM roles WHERE role = OLD.role\n"
	"  AND aid = OLD.aid AND sid = OLD.sid)\n"
	"BEGIN\n"
	"  UPDATE role_counts SET n = n - 1 WHERE role = OLD.role AND aid = OLD.aid;\n"
	"  DELETE FROM role_counts WHERE role = OLD.role AND aid = OLD.aid\n"
	"    AND n <= 0;\n"
	"END;\n"
	"CREATE TRIGGER roles_count_update AFTER UPDATE OF sid, role, aid ON roles\n"
	"BEGIN\n"
	"  DELETE FROM role_counts WHERE role IN (OLD.role, NEW.role)\n"
	"    AND aid IN (OLD.aid, NEW.aid);\n"
	"  INSERT INTO role_counts (role, aid, n)\n"
	"    SELECT role, aid, count(DISTINCT sid) FROM roles\n"
	"    WHERE role IN (OLD.role, NEW.role) AND aid IN (OLD.aid, NEW.aid)\n"
	"    GROUP BY role, aid;\n"
	"END;\n"
	/* an alias as given (key -> target_key) and what it resolves to by
	 * following targets (canonical_*), recomputed by "alias" */
	"CREATE TABLE aliases (\n"
	"  key TEXT PRIMARY KEY,\n"
	"  name TEXT NOT NULL,\n"
	"  target_key TEXT NOT NULL,\n"
	"  target_name TEXT NOT NULL,\n"
	"  canonical_key TEXT NOT NULL,\n"
	"  canonical_name TEXT NOT NULL\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX aliases_by_canonical ON aliases(canonical_key);\n"
	/* the display name of an actor: the stored actor of the canonical
	 * key when there is one, else the spelling given to "alias" */
	"CREATE VIEW actor_names AS\n"
	"  SELECT a.aid AS aid, a.name AS name, a.key AS key,\n"
	"         COALESCE(al.canonical_key, a.key) AS canonical_key,\n"
	"         COALESCE(ca.name, al.canonical_name, a.name) AS canonical_name\n"
	"  FROM actors a LEFT JOIN aliases al ON al.key = a.key\n"
	"  LEFT JOIN actors ca ON ca.key = al.canonical_key;\n"
	"CREATE VIRTUAL TABLE signals_fts USING fts5(\n"
	"  title, summary, why, effects, tokenize = 'unicode61 remove_diacritics 2'\n"
	");\n";

/* Version 2 is effect_links (kn_schema_v2_links, links_state.c), and
 * version 5 the copies of each link's order and weight in it
 * (kn_schema_v5_links).
 *
 * Version 3: role_counts gains what a transaction's new roles add from
 * the store itself, once per (role, actor) at COMMIT (store_counts.c);
 * the delete and update triggers stay, so deleting rows keeps it right.
 * And search also reads the actors, their names and notes, in a fifth
 * column of signals_fts.  FTS5 cannot add a column: the table is made
 * again and filled from each signal's canonical JSON (fill_fts). */
static const char schema_v3[] =
	"DROP TRIGGER roles_count_insert;\n"
	"DROP TABLE signals_fts;\n"
	"CREATE VIRTUAL TABLE signals_fts USING fts5(\n"
	"  title, summary, why, effects, actors,\n"
	"  tokenize = 'unicode61 remove_diacritics 2'\n"
	");\n";

/* Fills signals_fts from the stored signals, as ingest writes it. */
static int fill_fts(sqlite3 *db)
{
	kn_fts_queue q = { 0 };
	sqlite3_stmt *st;
	kn_signal sig;
	kn_error err;
	int rc;

	if (sqlite3_prepare_v2(db, "SELECT sid, canonical FROM signals ORDER BY sid",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	kn_signal_init(&sig);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(st, 1);

		if (!text || kn_signal_read_json(text, (size_t)sqlite3_column_bytes(st, 1),
						 "corpus", 1, &sig, &err) != KN_OK ||
		    kn_fts_queue_add(&q, &sig, sqlite3_column_int64(st, 0), 0) ||
		    (q.n >= 10000 && kn_fts_queue_flush(&q, db)))
			break;
	}
	kn_signal_release(&sig);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		rc = kn_fts_queue_flush(&q, db) ? SQLITE_ERROR : SQLITE_DONE;
	kn_fts_queue_release(&q);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Version 4: roles carry their signal's published date, and
 * roles_by_date(published, role, aid, sid) holds them in date order, so
 * that a date window's roles are one range of one covering index ("diff")
 * instead of a seek into roles per signal.  Filled in place. */
static const char schema_v4[] =
	"ALTER TABLE roles ADD COLUMN published TEXT;\n"
	"UPDATE roles SET published ="
	" (SELECT s.published FROM signals s WHERE s.sid = roles.sid);\n"
	"CREATE INDEX roles_by_date ON roles(published, role, aid, sid);\n";

/* Version 6: each link carries its signal's published date too
 * (effect_links.published) and each role its signal's score × confidence
 * × impact (roles.base, as effect_links.base), and the indexes of an
 * actor's links and roles cover them, so that exposure reads an actor's
 * ways, dated and weighed, from those two indexes alone (store_exposure.c)
 * and the signals only for the rows it shows.  Filled in place. */
static const char schema_v6[] =
	"ALTER TABLE effect_links ADD COLUMN published TEXT;\n"
	"ALTER TABLE roles ADD COLUMN base INTEGER;\n"
	/* late indexes: an ingest cut short may have left them unbuilt */
	"DROP INDEX IF EXISTS effect_links_by_actor;\n"
	"DROP INDEX IF EXISTS roles_by_actor;\n"
	"UPDATE effect_links SET published = "
	KN_LINK_PUBLISHED_SQL("effect_links.sid") ";\n"
	"UPDATE roles SET base = " KN_LINK_BASE_SQL("roles.sid") ";\n"
	/* role and provenance too: what an exposure row says of the link */
	"CREATE INDEX effect_links_by_actor ON effect_links(key, sid, eid,\n"
	"  rejected, ord, base, published, role, provenance);\n"
	"CREATE INDEX roles_by_actor ON roles(role, aid, sid, published, base);\n";

typedef struct migration {
	const char *sql;
	int (*fill)(sqlite3 *db); /* run after sql; 0 on success */
} migration;

static const migration migrations[] = {
	{ schema_v1, NULL }, { kn_schema_v2_links, NULL }, { schema_v3, fill_fts },
	{ schema_v4, NULL }, { kn_schema_v5_links, NULL }, { schema_v6, NULL },
};

/* The indexes a bulk load into an empty corpus builds after the rows
 * (kn_store_ingest): the same definitions as the schema's last version
 * has (tests/cli/ingest-bulk-detect compares), so that what
 * sqlite_schema holds afterwards is what a corpus built row by row has.
 * The card links' index is built before the load's scan of the effects
 * (it reads the names there), the other links' indexes after it (it
 * writes the detections), with the signals' and roles'. */
static const struct {
	const char *name, *sql;
	int which;
} late_indexes[] = {
	{ "signals_by_published",
	  "CREATE INDEX IF NOT EXISTS signals_by_published ON signals(published DESC, id, score,\n"
	  "  confidence, category)", KN_LATE_AFTER_SCAN },
	{ "signals_by_category",
	  "CREATE INDEX IF NOT EXISTS signals_by_category ON signals(category COLLATE NOCASE,\n"
	  "  published, score, confidence)", KN_LATE_AFTER_SCAN },
	{ "roles_by_actor",
	  "CREATE INDEX IF NOT EXISTS roles_by_actor ON roles(role, aid, sid, published, base)",
	  KN_LATE_AFTER_SCAN },
	{ "roles_by_date",
	  "CREATE INDEX IF NOT EXISTS roles_by_date ON roles(published, role, aid, sid)",
	  KN_LATE_AFTER_SCAN },
	{ "effect_links_card",
	  "CREATE INDEX IF NOT EXISTS effect_links_card ON effect_links(key, name)\n"
	  "  WHERE provenance = 'card'", KN_LATE_BEFORE_SCAN },
	{ "effect_links_by_actor",
	  "CREATE INDEX IF NOT EXISTS effect_links_by_actor ON effect_links(key, sid, eid,\n"
	  "  rejected, ord, base, published, role, provenance)", KN_LATE_AFTER_SCAN },
	{ "effect_links_reach",
	  "CREATE INDEX IF NOT EXISTS effect_links_reach ON effect_links(key, sid, eid, ord, base,\n"
	  "  rejected) WHERE rejected = 0 AND ord >= 2", KN_LATE_AFTER_SCAN },
};
#define KN_LATE_INDEXES (sizeof late_indexes / sizeof late_indexes[0])

int kn_schema_drop_late_indexes(sqlite3 *db)
{
	char sql[96];
	size_t i;

	for (i = 0; i < KN_LATE_INDEXES; i++) {
		snprintf(sql, sizeof sql, "DROP INDEX IF EXISTS %s",
			 late_indexes[i].name);
		if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
			return -1;
	}
	return 0;
}

int kn_schema_create_late_indexes(sqlite3 *db, int which)
{
	size_t i;

	for (i = 0; i < KN_LATE_INDEXES; i++)
		if ((late_indexes[i].which & which) &&
		    sqlite3_exec(db, late_indexes[i].sql, NULL, NULL, NULL) != SQLITE_OK)
			return -1;
	return 0;
}

int kn_schema_late_indexes_missing(sqlite3 *db)
{
	sqlite3_stmt *st;
	size_t i;
	int missing = 0;

	if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_schema WHERE type = 'index'"
			       " AND name = ?1", -1, &st, NULL) != SQLITE_OK)
		return -1;
	for (i = 0; i < KN_LATE_INDEXES && missing >= 0; i++) {
		int rc;

		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, late_indexes[i].name, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			missing = 1;
		else if (rc != SQLITE_ROW)
			missing = -1;
	}
	sqlite3_finalize(st);
	return missing;
}

static int pragma_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

int kn_schema_version(sqlite3 *db)
{
	return pragma_int(db, "PRAGMA user_version");
}

int kn_schema_marked(sqlite3 *db)
{
	return pragma_int(db, "PRAGMA application_id") == KN_APPLICATION_ID;
}

/* One attempt; *busy says it failed on another process's lock. */
static kn_status migrate_once(sqlite3 *db, const char *path,
			      kn_schema_step_fn step, void *ctx, kn_error *err,
			      int *busy)
{
	char pragma[64];
	int v, target = (int)(sizeof migrations / sizeof migrations[0]);

	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	v = kn_schema_version(db);
	if (v < 0)
		goto fail_rollback;
	if (v > target) {
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return kn_error_set(err, KN_ERR_DB, path, 0, 0, NULL,
				    "corpus has schema version %d; this knockon reads up to %d",
				    v, target);
	}
	for (; v < target; v++) {
		if (sqlite3_exec(db, migrations[v].sql, NULL, NULL, NULL) != SQLITE_OK ||
		    (migrations[v].fill && migrations[v].fill(db)))
			goto fail_rollback;
		if (step && step(ctx, v + 1, err) != KN_OK) {
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
			return KN_ERR_DB;
		}
	}
	snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", target);
	if (sqlite3_exec(db, pragma, NULL, NULL, NULL) != SQLITE_OK)
		goto fail_rollback;
	snprintf(pragma, sizeof pragma, "PRAGMA application_id = %d",
		 KN_APPLICATION_ID);
	if (sqlite3_exec(db, pragma, NULL, NULL, NULL) != SQLITE_OK)
		goto fail_rollback;
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		goto fail_rollback;
	return KN_OK;
fail_rollback:
	*busy = (sqlite3_extended_errcode(db) & 0xFF) == SQLITE_BUSY;
	kn_error_set(err, KN_ERR_DB, path, 0, 0, NULL,
		     "cannot set up the corpus: %s", sqlite3_errmsg(db));
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return KN_ERR_DB;
fail:
	*busy = (sqlite3_extended_errcode(db) & 0xFF) == SQLITE_BUSY;
	return kn_error_set(err, KN_ERR_DB, path, 0, 0, NULL,
			    "cannot set up the corpus: %s", sqlite3_errmsg(db));
}

/* Processes creating the same corpus at once can meet in a lock upgrade
 * that SQLite reports as busy without calling the busy handler; the
 * migration re-reads the version inside its transaction, so trying again
 * (for ~5 s) is safe. */
kn_status kn_schema_migrate(sqlite3 *db, const char *path,
			    kn_schema_step_fn step, void *ctx, kn_error *err)
{
	kn_status st;
	int tries, busy;

	for (tries = 0;; tries++) {
		busy = 0;
		st = migrate_once(db, path, step, ctx, err, &busy);
		if (st == KN_OK || !busy || tries >= 250)
			return st;
		sqlite3_sleep(20);
	}
}
