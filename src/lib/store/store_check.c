/* "knockon check": every table derived from the signals, checked against
 * the signals' stored canonical JSON, which is the truth.  Per signal (in
 * sid order, as they were stored): its columns, its JSON in canonical
 * form, its effects, causes, roles, search row and card links, each
 * compared with what kn_store_put writes for it (store.c); then the rows
 * of signals that are gone (store_repair.c), the detected effect links
 * (store_check_links.c, a second pass), the actors, role_counts and the
 * search index.  Each signal's rows are read through its index. */
#include "store_check.h"

#include <stdlib.h>
#include <string.h>

#include "knockon/json.h"
#include "kn_text.h"
#include "schema.h"

/* What differs for one signal: a bit per part. */
enum {
	PART_JSON = 1u << 0, PART_COLUMNS = 1u << 1, PART_EFFECTS = 1u << 2,
	PART_CAUSES = 1u << 3, PART_ROLES = 1u << 4, PART_SEARCH = 1u << 5,
	PART_LINKS = 1u << 6
};
#define N_PARTS 7

static const char *const part_names[] = {
	"stored JSON (not in canonical form)", "columns", "effects", "causes",
	"roles", "search row", "card links"
};

void kn_check_report(kn_checker *c, int repaired)
{
	c->stats->problems++;
	if (repaired)
		c->stats->repaired++;
	if (c->each)
		c->each(c->ctx, kn_buf_failed(&c->line) ? "(out of memory)"
							: kn_buf_cstr(&c->line),
			repaired);
	kn_buf_reset(&c->line);
}

static int same(const unsigned char *col, const char *want)
{
	if (!col || !want)
		return !col && !want;
	return strcmp((const char *)col, want) == 0;
}

static int same_int(sqlite3_stmt *q, int i, int want)
{
	if (sqlite3_column_type(q, i) == SQLITE_NULL)
		return want == KN_ABSENT;
	return want != KN_ABSENT && sqlite3_column_int64(q, i) == want;
}

/* The signals columns (the scan's columns 1..17) against sig. */
static int columns_differ(sqlite3_stmt *q, const kn_signal *g)
{
	const char *text[] = { g->id, g->feed, g->kind, g->category, g->published,
			       NULL, g->horizon, g->title, g->summary, g->why_now,
			       g->why_important, g->why_changes, NULL, NULL,
			       g->publisher, g->section, g->url };
	int i;

	for (i = 0; i < 17; i++)
		if (i != 5 && i != 12 && i != 13 &&
		    !same(sqlite3_column_text(q, i + 1), text[i]))
			return 1;
	return !same_int(q, 6, g->score) || !same_int(q, 13, g->confidence) ||
	       !same_int(q, 14, g->impact);
}

/* Steps the rows of sql for signal sid, calling row() on each with its
 * number; 1 when they differ (row() said so, or count != want). */
typedef int (*row_fn)(sqlite3_stmt *q, size_t i, const kn_signal *g,
		      long *last);

static kn_status rows_differ(kn_checker *c, const char *sql, sqlite3_int64 sid,
			     const kn_signal *g, row_fn row, size_t want,
			     int *differ, kn_error *err)
{
	sqlite3_stmt *q;
	kn_status s = kn_store_stmt(c->st, sql, "cannot check the corpus", &q, err);
	size_t n = 0;
	long last = -1; /* for row(): the effect of the previous row */
	int rc;

	*differ = 0;
	if (s)
		return s;
	sqlite3_bind_int64(q, 1, sid);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		if (n >= want || row(q, n++, g, &last))
			*differ = 1;
	if (rc != SQLITE_DONE)
		s = kn_store_fail(c->st, err, "cannot check the corpus");
	kn_store_stmt_done(c->st, q);
	if (n != want)
		*differ = 1;
	return s;
}

static int effect_row(sqlite3_stmt *q, size_t i, const kn_signal *g, long *last)
{
	const kn_effect *e = &g->effects[i];

	(void)last;
	return !same(sqlite3_column_text(q, 0), e->id) ||
	       sqlite3_column_int64(q, 1) != (sqlite3_int64)i ||
	       sqlite3_column_int64(q, 2) != e->order ||
	       !same(sqlite3_column_text(q, 3), e->text);
}

/* Cause rows come by (eid, position); each must be that effect's cause
 * at that position, and their number the number of causes.  The effect
 * is looked up once per run of rows naming it (*last). */
static int cause_row(sqlite3_stmt *q, size_t i, const kn_signal *g, long *last)
{
	const char *eid = (const char *)sqlite3_column_text(q, 0);
	long e = *last;
	sqlite3_int64 pos = sqlite3_column_int64(q, 1);

	(void)i;
	if (eid && (e < 0 || strcmp(g->effects[e].id, eid) != 0))
		e = *last = kn_signal_find_effect(g, eid);
	return e < 0 || pos < 0 || (size_t)pos >= g->effects[e].n_causes ||
	       !same(sqlite3_column_text(q, 2), g->effects[e].causes[pos]);
}

/* Role rows come winners first, by position: the j-th actor of the
 * signal (kn_signal_actor's order), its key and note. */
static int role_row(sqlite3_stmt *q, size_t i, const kn_signal *g, long *last)
{
	kn_role role;
	const kn_actor_ref *a = kn_signal_actor(g, i, &role);
	size_t pos = role == KN_LOSER ? i - g->n_winners : i;
	char *key = kn_actor_key(a->name);
	int differ;

	(void)last;
	differ = !key || sqlite3_column_int(q, 0) != (role == KN_LOSER) ||
		     sqlite3_column_int64(q, 1) != (sqlite3_int64)pos ||
		     !same(sqlite3_column_text(q, 2), key) ||
		     !same(sqlite3_column_text(q, 3), a->note) ||
		     (sqlite3_column_count(q) > 4 && /* schema 4: its signal's date */
		      !same(sqlite3_column_text(q, 4), g->published)) ||
		     (sqlite3_column_count(q) > 5 && /* schema 6: its weight */
		      (sqlite3_column_type(q, 5) != SQLITE_INTEGER ||
		       sqlite3_column_int64(q, 5) != kn_signal_base(g)));

	free(key);
	return differ;
}

static size_t n_causes(const kn_signal *g)
{
	size_t i, n = 0;

	for (i = 0; i < g->n_effects; i++)
		n += g->effects[i].n_causes;
	return n;
}

/* The search row against the one ingest writes for g (kn_fts_text):
 * title, summary, why, effects and actors. */
static int search_row(sqlite3_stmt *q, size_t i, const kn_signal *g, long *last)
{
	kn_buf b = KN_BUF_INIT;
	size_t off[KN_FTS_COLUMNS], k;
	unsigned has;
	int differ;

	(void)i;
	(void)last;
	differ = kn_fts_text(g, &b, off, &has) != 0;
	/* a corpus read at schema 2 or older has no actors column */
	for (k = 0; !differ && k < (size_t)sqlite3_column_count(q); k++)
		differ = !same(sqlite3_column_text(q, (int)k),
			       has & (1u << k) ? b.data + off[k] : NULL);
	kn_buf_release(&b);
	return differ;
}

/* The parts of signal sid's derived rows that differ from g. */
static kn_status signal_parts(kn_checker *c, sqlite3_int64 sid,
			      const kn_signal *g, unsigned *parts, kn_error *err)
{
	/* a corpus read as it is, at an older schema: what it has */
	static const char *const old_sql[] = {
		"SELECT r.role = 'loser', r.position, a.key, r.note FROM roles r"
		" LEFT JOIN actors a ON a.aid = r.aid WHERE r.sid = ?1"
		" ORDER BY 1, 2",
		"SELECT title, summary, why, effects FROM signals_fts"
		" WHERE rowid = ?1",
		"SELECT r.role = 'loser', r.position, a.key, r.note, r.published"
		" FROM roles r LEFT JOIN actors a ON a.aid = r.aid WHERE r.sid = ?1"
		" ORDER BY 1, 2",
	};
	const char *sql[] = {
		"SELECT eid, position, ord, text FROM effects WHERE sid = ?1"
		" ORDER BY position, eid",
		"SELECT eid, position, cause FROM effect_causes WHERE sid = ?1"
		" ORDER BY eid, position",
		"SELECT r.role = 'loser', r.position, a.key, r.note, r.published,"
		" r.base FROM roles r LEFT JOIN actors a ON a.aid = r.aid"
		" WHERE r.sid = ?1 ORDER BY 1, 2",
		"SELECT title, summary, why, effects, actors FROM signals_fts"
		" WHERE rowid = ?1",
	};
	int version = kn_schema_version(kn_store_db(c->st));
	const row_fn rows[] = { effect_row, cause_row, role_row, search_row };
	const size_t want[] = { g->n_effects, n_causes(g), kn_signal_n_actors(g), 1 };
	const unsigned bit[] = { PART_EFFECTS, PART_CAUSES, PART_ROLES, PART_SEARCH };
	kn_status s = KN_OK;
	size_t i;
	int differ;

	if (version < 6)
		sql[2] = version < 4 ? old_sql[0] : old_sql[2];
	if (version < 3)
		sql[3] = old_sql[1];
	for (i = 0; !s && i < 4; i++) {
		s = rows_differ(c, sql[i], sid, g, rows[i], want[i], &differ, err);
		if (differ)
			*parts |= bit[i];
	}
	if (!s && !(s = kn_check_card_links(c, sid, g, &differ, err)) && differ)
		*parts |= PART_LINKS;
	return s;
}

/* Remembers the spelling of every actor g names (for kn_check_actors). */
static kn_status note_spellings(kn_checker *c, sqlite3_int64 sid,
				const kn_signal *g, kn_error *err)
{
	size_t j, n = kn_signal_n_actors(g);

	for (j = 0; j < n; j++) {
		kn_spelling *sp;

		if (KN_GROW(c->names, c->cap_names, c->n_names + 1))
			return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
					    "out of memory");
		sp = &c->names[c->n_names];
		sp->sid = sid;
		sp->seq = c->n_names;
		sp->name = kn_signal_actor(g, j, NULL)->name;
		sp->key = kn_actor_key(sp->name);
		if (!sp->key || !(sp->name = strdup(sp->name))) {
			free(sp->key);
			return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
					    "out of memory");
		}
		c->n_names++;
	}
	return KN_OK;
}

static void report_parts(kn_checker *c, const char *id, unsigned parts)
{
	size_t i, n = 0, total = 0;

	for (i = 0; i < N_PARTS; i++)
		total += (parts >> i) & 1u;
	kn_buf_puts(&c->line, "signal \"");
	kn_buf_puts(&c->line, id);
	kn_buf_puts(&c->line, "\": its ");
	for (i = 0; i < N_PARTS; i++) {
		if (!(parts & (1u << i)))
			continue;
		if (n++)
			kn_buf_puts(&c->line, n == total ? " and " : ", ");
		kn_buf_puts(&c->line, part_names[i]);
	}
	/* "its search row differs", "its roles differ" */
	kn_buf_puts(&c->line, total > 1 || !(parts & (PART_JSON | PART_SEARCH))
				      ? " differ" : " differs");
	kn_buf_puts(&c->line, " from its stored JSON");
	kn_check_report(c, c->repair);
}

/* One signal of the scan q: read, compared, remembered for repair. */
static kn_status check_signal(kn_checker *c, sqlite3_stmt *q, kn_error *err)
{
	sqlite3_int64 sid = sqlite3_column_int64(q, 0);
	const char *id = (const char *)sqlite3_column_text(q, 1);
	const char *json = (const char *)sqlite3_column_text(q, 18);
	kn_buf canon = KN_BUF_INIT;
	unsigned parts = 0;
	kn_signal g;
	kn_error bad;
	kn_status s = KN_OK;

	kn_signal_init(&g);
	c->stats->signals++;
	if (!json || kn_signal_read_json(json, (size_t)sqlite3_column_bytes(q, 18),
					 "", 1, &g, &bad) != KN_OK) {
		kn_buf_printf(&c->line, "signal \"%s\": its stored JSON cannot be"
			      " read (%s); ingest its card again or remove it"
			      " with 'knockon rm'", id ? id : "", json ? bad.message
			      : "none");
		kn_check_report(c, 0);
		c->unreadable++;
		return KN_OK;
	}
	if (kn_signal_write_json(&g, &canon) || strcmp(kn_buf_cstr(&canon), json))
		parts |= PART_JSON;
	if (columns_differ(q, &g))
		parts |= PART_COLUMNS;
	s = signal_parts(c, sid, &g, &parts, err);
	if (!s)
		s = note_spellings(c, sid, &g, err);
	if (!s && parts) {
		report_parts(c, id ? id : "", parts);
		if (KN_GROW(c->redo, c->cap_redo, c->n_redo + 1))
			s = kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
					 "out of memory");
		else
			c->redo[c->n_redo++] = sid;
	}
	kn_buf_release(&canon);
	kn_signal_release(&g);
	return s;
}

kn_status kn_check_signals(kn_checker *c, kn_error *err)
{
	static const char sql[] =
		"SELECT sid, id, feed, kind, category, published, score, horizon,"
		" title, summary, why_now, why_important, why_changes, confidence,"
		" impact, publisher, section, url, canonical FROM signals ORDER BY sid";
	sqlite3_stmt *q;
	kn_status s = kn_store_stmt(c->st, sql, "cannot check the corpus", &q, err);
	int rc = SQLITE_DONE;

	if (s)
		return s;
	while (!s && (rc = sqlite3_step(q)) == SQLITE_ROW)
		s = check_signal(c, q, err);
	if (!s && rc != SQLITE_DONE)
		s = kn_store_fail(c->st, err, "cannot check the corpus");
	kn_store_stmt_done(c->st, q);
	return s;
}
