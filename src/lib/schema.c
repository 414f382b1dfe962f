/* The corpus schema (documented in docs/schema.md) and its migrations.
 * Version n of the schema is what migrations[0..n-1] have built; a file's
 * version is PRAGMA user_version. */
#include "schema.h"

#include <stdio.h>

#include "knockon/store.h"

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
	"CREATE INDEX signals_by_published ON signals(published, id);\n"
	"CREATE INDEX signals_by_category ON signals(category COLLATE NOCASE, published);\n"
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
	"CREATE TABLE aliases (\n"
	"  key TEXT PRIMARY KEY,\n"
	"  name TEXT NOT NULL,\n"
	"  canonical_key TEXT NOT NULL,\n"
	"  canonical_name TEXT NOT NULL\n"
	") WITHOUT ROWID;\n"
	"CREATE VIEW actor_names AS\n"
	"  SELECT a.aid AS aid, a.name AS name, a.key AS key,\n"
	"         COALESCE(al.canonical_key, a.key) AS canonical_key,\n"
	"         COALESCE(al.canonical_name, a.name) AS canonical_name\n"
	"  FROM actors a LEFT JOIN aliases al ON al.key = a.key;\n"
	"CREATE VIRTUAL TABLE signals_fts USING fts5(\n"
	"  title, summary, why, effects, tokenize = 'unicode61 remove_diacritics 2'\n"
	");\n";

static const char *const migrations[] = { schema_v1 };

int kn_schema_version(sqlite3 *db)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

kn_status kn_schema_migrate(sqlite3 *db, const char *path, kn_error *err)
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
		if (sqlite3_exec(db, migrations[v], NULL, NULL, NULL) != SQLITE_OK)
			goto fail_rollback;
	}
	snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", target);
	if (sqlite3_exec(db, pragma, NULL, NULL, NULL) != SQLITE_OK)
		goto fail_rollback;
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		goto fail_rollback;
	return KN_OK;
fail_rollback:
	kn_error_set(err, KN_ERR_DB, path, 0, 0, NULL,
		     "cannot set up the corpus: %s", sqlite3_errmsg(db));
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return KN_ERR_DB;
fail:
	return kn_error_set(err, KN_ERR_DB, path, 0, 0, NULL,
			    "cannot set up the corpus: %s", sqlite3_errmsg(db));
}
