/* The floor for ingest: what jansson parsing alone and SQLite inserting
 * alone reach on this machine, on the same NDJSON file knockon ingests.
 *
 * usage: floor DB FILE.ndjson
 *
 * DB may be a copy of an empty knockon corpus (the bench does that, so the
 * tables, indexes and triggers are exactly knockon's); a new file gets a
 * built-in copy of knockon's first schema.
 *
 * Reads the file 1,000 lines at a time.  Each chunk is parsed with
 * json_loadb (timed: "parse"), then its rows are inserted straight from the
 * parsed trees into knockon's schema (timed apart: "insert"): the signal
 * row with the line as its stored JSON, effects, causes, actors (looked up
 * by key, inserted when new), roles and the FTS5 row, one transaction per chunk, statements
 * prepared once, WAL with synchronous=NORMAL.  No validation, no canonical
 * JSON, no lookup by id: only the work no ingest can avoid.  Memory stays
 * flat (one chunk at a time).
 *
 * Prints one line: signals, MB, parse seconds, insert seconds, rates. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CHUNK 1000

static const char pragmas[] =
	"PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
	"PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;";

static const char schema[] =
	"CREATE TABLE signals (sid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
	" feed TEXT, kind TEXT NOT NULL DEFAULT 'signal', category TEXT,"
	" published TEXT, score INTEGER, horizon TEXT, title TEXT NOT NULL,"
	" summary TEXT, why_now TEXT, why_important TEXT, why_changes TEXT,"
	" confidence INTEGER, impact INTEGER, publisher TEXT, section TEXT,"
	" url TEXT, canonical TEXT NOT NULL);"
	"CREATE INDEX signals_by_published ON signals(published, id);"
	"CREATE INDEX signals_by_category ON signals(category COLLATE NOCASE,"
	" published);"
	"CREATE TABLE effects (sid INTEGER NOT NULL, eid TEXT NOT NULL,"
	" position INTEGER NOT NULL, ord INTEGER NOT NULL, text TEXT NOT NULL,"
	" PRIMARY KEY (sid, eid)) WITHOUT ROWID;"
	"CREATE TABLE effect_causes (sid INTEGER NOT NULL, eid TEXT NOT NULL,"
	" position INTEGER NOT NULL, cause TEXT NOT NULL,"
	" PRIMARY KEY (sid, eid, position)) WITHOUT ROWID;"
	"CREATE TABLE actors (aid INTEGER PRIMARY KEY, name TEXT NOT NULL,"
	" key TEXT NOT NULL UNIQUE);"
	"CREATE TABLE roles (sid INTEGER NOT NULL, role TEXT NOT NULL,"
	" position INTEGER NOT NULL, aid INTEGER NOT NULL, note TEXT,"
	" PRIMARY KEY (sid, role, position)) WITHOUT ROWID;"
	"CREATE INDEX roles_by_actor ON roles(role, aid, sid);"
	"CREATE VIRTUAL TABLE signals_fts USING fts5(title, summary, why,"
	" effects, tokenize = 'unicode61 remove_diacritics 2');";

enum { S_SIG, S_EFF, S_CAUSE, S_FIND, S_ACTOR, S_ROLE, S_FTS, S_N };
static const char *const sql[S_N] = {
	"INSERT INTO signals (id, feed, kind, category, published, score,"
	" horizon, title, summary, why_now, why_important, why_changes,"
	" confidence, impact, publisher, section, url, canonical) VALUES"
	" (?1,?2,coalesce(?3,'signal'),?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,"
	"?15,?16,?17,?18)",
	"INSERT INTO effects (sid, eid, position, ord, text)"
	" VALUES (?1, ?2, ?3, ?4, ?5)",
	"INSERT INTO effect_causes (sid, eid, position, cause)"
	" VALUES (?1, ?2, ?3, ?4)",
	"SELECT aid FROM actors WHERE key = ?1",
	"INSERT INTO actors (name, key) VALUES (?1, ?2)",
	"INSERT INTO roles (sid, role, position, aid, note)"
	" VALUES (?1, ?2, ?3, ?4, ?5)",
	"INSERT INTO signals_fts (rowid, title, summary, why, effects)"
	" VALUES (?1, ?2, ?3, ?4, ?5)",
};

static sqlite3 *db;
static sqlite3_stmt *st[S_N];

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
	fprintf(stderr, "floor: %s: %s\n", what, db ? sqlite3_errmsg(db) : "");
	exit(1);
}

static const char *str(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static void bind_str(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

static void bind_num(sqlite3_stmt *s, int i, json_t *v)
{
	if (json_is_integer(v))
		sqlite3_bind_int64(s, i, json_integer_value(v));
	else
		sqlite3_bind_null(s, i);
}

static void step(sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		die("insert");
}

static void join(char *out, size_t size, const char *const *parts, size_t n)
{
	size_t i, len = 0;

	out[0] = '\0';
	for (i = 0; i < n; i++) {
		if (!parts[i])
			continue;
		len += (size_t)snprintf(out + len, len < size ? size - len : 0,
					"%s%s", len ? "\n" : "", parts[i]);
	}
}

static void actors(sqlite3_int64 sid, json_t *list, const char *role)
{
	size_t i;
	json_t *a;

	json_array_foreach(list, i, a) {
		const char *name = json_is_string(a) ? json_string_value(a)
						     : str(a, "name");
		char key[512];
		size_t k;

		for (k = 0; name[k] && k < sizeof key - 1; k++)
			key[k] = (char)tolower((unsigned char)name[k]);
		key[k] = '\0';
		sqlite3_int64 aid;

		sqlite3_reset(st[S_FIND]);
		bind_str(st[S_FIND], 1, key);
		if (sqlite3_step(st[S_FIND]) == SQLITE_ROW) {
			aid = sqlite3_column_int64(st[S_FIND], 0);
		} else {
			sqlite3_reset(st[S_ACTOR]);
			bind_str(st[S_ACTOR], 1, name);
			bind_str(st[S_ACTOR], 2, key);
			step(st[S_ACTOR]);
			aid = sqlite3_last_insert_rowid(db);
		}
		sqlite3_reset(st[S_ROLE]);
		sqlite3_bind_int64(st[S_ROLE], 1, sid);
		bind_str(st[S_ROLE], 2, role);
		sqlite3_bind_int64(st[S_ROLE], 3, (sqlite3_int64)i);
		sqlite3_bind_int64(st[S_ROLE], 4, aid);
		bind_str(st[S_ROLE], 5, json_is_object(a) ? str(a, "note") : NULL);
		step(st[S_ROLE]);
	}
}

static void effects(sqlite3_int64 sid, json_t *list, char *joined, size_t size)
{
	const char *texts[64];
	size_t i, k, n = 0;
	json_t *e, *c;

	json_array_foreach(list, i, e) {
		sqlite3_reset(st[S_EFF]);
		sqlite3_bind_int64(st[S_EFF], 1, sid);
		bind_str(st[S_EFF], 2, str(e, "id"));
		sqlite3_bind_int64(st[S_EFF], 3, (sqlite3_int64)i);
		bind_num(st[S_EFF], 4, json_object_get(e, "order"));
		bind_str(st[S_EFF], 5, str(e, "text"));
		step(st[S_EFF]);
		if (n < 64)
			texts[n++] = str(e, "text");
		json_array_foreach(json_object_get(e, "causes"), k, c) {
			sqlite3_reset(st[S_CAUSE]);
			sqlite3_bind_int64(st[S_CAUSE], 1, sid);
			bind_str(st[S_CAUSE], 2, str(e, "id"));
			sqlite3_bind_int64(st[S_CAUSE], 3, (sqlite3_int64)k);
			bind_str(st[S_CAUSE], 4, json_string_value(c));
			step(st[S_CAUSE]);
		}
		/* knockon derives causes when absent: one per previous effect */
		if (!json_object_get(e, "causes") && i > 0) {
			sqlite3_reset(st[S_CAUSE]);
			sqlite3_bind_int64(st[S_CAUSE], 1, sid);
			bind_str(st[S_CAUSE], 2, str(e, "id"));
			sqlite3_bind_int64(st[S_CAUSE], 3, 0);
			bind_str(st[S_CAUSE], 4, str(json_array_get(list, i - 1), "id"));
			step(st[S_CAUSE]);
		}
	}
	join(joined, size, texts, n);
}

static void insert(json_t *g, const char *line)
{
	json_t *why = json_object_get(g, "why"), *src = json_object_get(g, "source");
	const char *text[] = { str(g, "id"), str(g, "feed"), str(g, "kind"),
			       str(g, "category"), str(g, "published") };
	const char *whys[] = { str(why, "now"), str(why, "important"),
			       str(why, "changes") };
	sqlite3_stmt *s = st[S_SIG];
	sqlite3_int64 sid;
	char why_all[8192], eff_all[16384];
	int i;

	sqlite3_reset(s);
	for (i = 0; i < 5; i++)
		bind_str(s, i + 1, text[i]);
	bind_num(s, 6, json_object_get(g, "score"));
	bind_str(s, 7, str(g, "horizon"));
	bind_str(s, 8, str(g, "title"));
	bind_str(s, 9, str(g, "summary"));
	for (i = 0; i < 3; i++)
		bind_str(s, 10 + i, whys[i]);
	bind_num(s, 13, json_object_get(g, "confidence"));
	bind_num(s, 14, json_object_get(g, "impact"));
	bind_str(s, 15, str(src, "publisher"));
	bind_str(s, 16, str(src, "section"));
	bind_str(s, 17, str(src, "url"));
	bind_str(s, 18, line);
	step(s);
	sid = sqlite3_last_insert_rowid(db);
	effects(sid, json_object_get(g, "effects"), eff_all, sizeof eff_all);
	actors(sid, json_object_get(g, "winners"), "winner");
	actors(sid, json_object_get(g, "losers"), "loser");
	join(why_all, sizeof why_all, whys, 3);
	s = st[S_FTS];
	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, sid);
	bind_str(s, 2, str(g, "title"));
	bind_str(s, 3, str(g, "summary"));
	bind_str(s, 4, why_all);
	bind_str(s, 5, eff_all);
	step(s);
}

int main(int argc, char **argv)
{
	char *lines[CHUNK] = { 0 };
	size_t caps[CHUNK] = { 0 }, n, i;
	json_t *roots[CHUNK];
	double t_parse = 0, t_insert = 0, t0;
	unsigned long long bytes = 0, count = 0;
	FILE *fp;

	if (argc != 3) {
		fprintf(stderr, "usage: floor DB FILE.ndjson\n");
		return 2;
	}
	if (!(fp = fopen(argv[2], "rb"))) {
		perror(argv[2]);
		return 1;
	}
	if (sqlite3_open(argv[1], &db) != SQLITE_OK ||
	    sqlite3_exec(db, pragmas, NULL, NULL, NULL) != SQLITE_OK)
		die("open");
	if (sqlite3_table_column_metadata(db, NULL, "signals", "sid", NULL,
					  NULL, NULL, NULL, NULL) != SQLITE_OK &&
	    sqlite3_exec(db, schema, NULL, NULL, NULL) != SQLITE_OK)
		die("schema");
	for (i = 0; i < S_N; i++)
		if (sqlite3_prepare_v3(db, sql[i], -1, SQLITE_PREPARE_PERSISTENT,
				       &st[i], NULL) != SQLITE_OK)
			die(sql[i]);
	do {
		ssize_t len = 0;

		for (n = 0; n < CHUNK && (len = getline(&lines[n], &caps[n], fp)) > 0;
		     n++)
			bytes += (unsigned long long)len;
		t0 = now();
		for (i = 0; i < n; i++) {
			json_error_t jerr;

			roots[i] = json_loads(lines[i], JSON_REJECT_DUPLICATES, &jerr);
			if (!roots[i]) {
				fprintf(stderr, "floor: %s\n", jerr.text);
				return 1;
			}
		}
		t_parse += now() - t0;
		t0 = now();
		if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL))
			die("begin");
		for (i = 0; i < n; i++)
			insert(roots[i], lines[i]);
		for (i = 0; i < S_N; i++)
			sqlite3_reset(st[i]);
		if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL))
			die("commit");
		t_insert += now() - t0;
		for (i = 0; i < n; i++)
			json_decref(roots[i]);
		count += n;
	} while (n == CHUNK);
	printf("signals %llu MB %.1f parse_s %.3f insert_s %.3f parse_rate %.0f"
	       " insert_rate %.0f floor_rate %.0f parse_MBps %.1f\n",
	       count, (double)bytes / 1e6, t_parse, t_insert,
	       (double)count / t_parse, (double)count / t_insert,
	       (double)count / (t_parse + t_insert),
	       (double)bytes / 1e6 / t_parse);
	for (i = 0; i < S_N; i++)
		sqlite3_finalize(st[i]);
	sqlite3_close(db);
	for (i = 0; i < CHUNK; i++)
		free(lines[i]);
	fclose(fp);
	return 0;
}
