/* "knockon check" beyond the signals themselves: rows of signals that are
 * gone, the search index, the detected effect links, the actors and
 * role_counts; and the repair, which rebuilds whatever differs from the
 * signals in one transaction. */
#include "store_check.h"

#include <stdlib.h>
#include <string.h>

#include "links.h"
#include "schema.h"

static kn_status nomem(kn_error *err)
{
	return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
}

static const char *const gone_parts[] = { "effect", "cause", "role", "search row",
					   "effect link" };
#define N_GONE 5

static void report_gone(kn_checker *c, sqlite3_int64 sid, const sqlite3_int64 *n)
{
	size_t i, k = 0, total = 0;

	for (i = 0; i < N_GONE; i++)
		total += n[i] > 0;
	kn_buf_printf(&c->line, "rows of a signal that is gone (sid %lld) remain: ",
		      (long long)sid);
	for (i = 0; i < N_GONE; i++) {
		if (!n[i])
			continue;
		if (k++)
			kn_buf_puts(&c->line, k == total ? " and " : ", ");
		kn_buf_printf(&c->line, "%lld %s%s", (long long)n[i], gone_parts[i],
			      n[i] > 1 ? "s" : "");
	}
	kn_check_report(c, c->repair);
}

/* Rows in effects, effect_causes, roles, signals_fts and effect_links
 * whose signal is not in signals (deleted by hand). */
static kn_status check_gone(kn_checker *c, kn_error *err)
{
	static const char sql[] =
		"SELECT sid, sum(t = 0), sum(t = 1), sum(t = 2), sum(t = 3), sum(t = 4)"
		" FROM (SELECT sid, 0 AS t FROM effects UNION ALL"
		" SELECT sid, 1 FROM effect_causes UNION ALL"
		" SELECT sid, 2 FROM roles UNION ALL"
		" SELECT rowid, 3 FROM signals_fts UNION ALL"
		" SELECT sid, 4 FROM effect_links)"
		" WHERE sid NOT IN (SELECT sid FROM signals) GROUP BY sid ORDER BY sid";
	/* a corpus made before effect links (schema 1), read as it is */
	static const char sql_v1[] =
		"SELECT sid, sum(t = 0), sum(t = 1), sum(t = 2), sum(t = 3), 0"
		" FROM (SELECT sid, 0 AS t FROM effects UNION ALL"
		" SELECT sid, 1 FROM effect_causes UNION ALL"
		" SELECT sid, 2 FROM roles UNION ALL"
		" SELECT rowid, 3 FROM signals_fts)"
		" WHERE sid NOT IN (SELECT sid FROM signals) GROUP BY sid ORDER BY sid";
	sqlite3_stmt *q;
	sqlite3_int64 n[N_GONE];
	kn_status s = kn_store_stmt(c->st, c->has_links ? sql : sql_v1,
				    "cannot check the corpus", &q, err);
	int rc = SQLITE_DONE, i;

	if (s)
		return s;
	while (!s && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		for (i = 0; i < N_GONE; i++)
			n[i] = sqlite3_column_int64(q, i + 1);
		report_gone(c, sqlite3_column_int64(q, 0), n);
		if (KN_GROW(c->gone, c->cap_gone, c->n_gone + 1))
			s = nomem(err);
		else
			c->gone[c->n_gone++] = sqlite3_column_int64(q, 0);
	}
	if (!s && rc != SQLITE_DONE)
		s = kn_store_fail(c->st, err, "cannot check the corpus");
	kn_store_stmt_done(c->st, q);
	return s;
}

/* FTS5's own check of its index against its rows.  It is a write
 * statement to SQLite: on a corpus opened read-only it is skipped (the
 * rows themselves were compared with each signal). */
static kn_status check_search_index(kn_checker *c, kn_error *err)
{
	sqlite3 *db = kn_store_db(c->st);
	int rc = sqlite3_exec(db, "INSERT INTO signals_fts(signals_fts)"
			      " VALUES ('integrity-check')", NULL, NULL, NULL);

	if (rc == SQLITE_OK || (sqlite3_extended_errcode(db) & 0xFF) == SQLITE_READONLY)
		return KN_OK;
	if ((sqlite3_extended_errcode(db) & 0xFF) != SQLITE_CORRUPT)
		return kn_store_fail(c->st, err, "cannot check the search index");
	if (sqlite3_get_autocommit(db)) /* the failure ended the transaction */
		return kn_error_set(err, KN_ERR_DB, kn_store_path(c->st), 0, 0, NULL,
				    "cannot check the search index: it is damaged"
				    " beyond what its check survives");
	c->fts_bad = 1;
	kn_buf_puts(&c->line, "the search index does not match its rows"
		    " (search can miss signals or find removed ones)");
	kn_check_report(c, c->repair);
	return KN_OK;
}

static int by_key(const void *pa, const void *pb)
{
	const kn_spelling *a = pa, *b = pb;
	int k = strcmp(a->key, b->key);

	return k ? k : (a->seq < b->seq ? -1 : a->seq > b->seq);
}

/* The id of signal sid (heap), for a message. */
static char *signal_id(kn_checker *c, sqlite3_int64 sid)
{
	sqlite3_stmt *q;
	char *id = NULL;

	if (kn_store_stmt(c->st, "SELECT id FROM signals WHERE sid = ?1",
			  "cannot check the corpus", &q, NULL))
		return NULL;
	sqlite3_bind_int64(q, 1, sid);
	if (sqlite3_step(q) == SQLITE_ROW)
		id = strdup((const char *)sqlite3_column_text(q, 0));
	kn_store_stmt_done(c->st, q);
	return id;
}

/* A fix found while scanning, applied after the scan. */
typedef struct fix {
	sqlite3_int64 aid;
	const char *text; /* actors: the name to give (borrowed from
			   * c->names), NULL to drop the actor */
	char *role;       /* role_counts: the role to count (heap) */
} fix;

typedef struct fixes {
	fix *v;
	size_t n, cap;
} fixes;

static int add_fix(fixes *f, sqlite3_int64 aid, const char *text)
{
	if (KN_GROW(f->v, f->cap, f->n + 1))
		return -1;
	f->v[f->n].aid = aid;
	f->v[f->n].role = NULL;
	f->v[f->n++].text = text;
	return 0;
}

/* One stored actor against the first spelling of its key (want, NULL
 * when no signal names it). */
static int check_actor(kn_checker *c, sqlite3_stmt *q, const kn_spelling *want,
		       fixes *f)
{
	sqlite3_int64 aid = sqlite3_column_int64(q, 0);
	const char *name = (const char *)sqlite3_column_text(q, 2);
	char *id;

	if (!want) {
		kn_buf_printf(&c->line, "actor \"%s\" is named by no signal",
			      name ? name : "");
		kn_check_report(c, c->repair);
		return add_fix(f, aid, NULL);
	}
	if (name && strcmp(name, want->name) == 0)
		return 0;
	id = signal_id(c, want->sid);
	kn_buf_printf(&c->line, "actor \"%s\" is shown as \"%s\", but its earliest"
		      " signal \"%s\" spells it \"%s\"", want->key, name ? name : "",
		      id ? id : "", want->name);
	free(id);
	kn_check_report(c, c->repair);
	return add_fix(f, aid, want->name);
}

/* The actors table against the actors the signals name (c->names):
 * every stored actor named by some signal, under the spelling of the
 * earliest one.  An actor named with no row was reported with its
 * signals' roles. */
static kn_status check_actors(kn_checker *c, fixes *f, kn_error *err)
{
	sqlite3_stmt *q;
	size_t i = 0;
	int rc = SQLITE_DONE, cmp;
	kn_status s = kn_store_stmt(c->st, "SELECT aid, key, name FROM actors"
				    " ORDER BY key", "cannot check the actors", &q, err);

	if (s)
		return s;
	if (c->n_names)
		qsort(c->names, c->n_names, sizeof *c->names, by_key);
	while (!s && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(q, 1);

		cmp = 1;
		while (key && i < c->n_names &&
		       (cmp = strcmp(c->names[i].key, key)) < 0)
			i++;
		if (check_actor(c, q, cmp == 0 ? &c->names[i] : NULL, f))
			s = nomem(err);
	}
	if (!s && rc != SQLITE_DONE)
		s = kn_store_fail(c->st, err, "cannot check the actors");
	kn_store_stmt_done(c->st, q);
	return s;
}

/* Renames, then drops the actors no signal names (they have no roles
 * left once the signals were rebuilt). */
static kn_status fix_actors(kn_checker *c, const fixes *f, kn_error *err)
{
	sqlite3_int64 *drop = calloc(f->n ? f->n : 1, sizeof *drop);
	kn_status s = drop ? KN_OK : nomem(err);
	size_t i, n = 0;

	for (i = 0; !s && i < f->n; i++) {
		if (!f->v[i].text)
			drop[n++] = f->v[i].aid;
		else
			s = kn_fix_exec(c->st, "UPDATE actors SET name = ?2 WHERE"
					" aid = ?1", f->v[i].aid, f->v[i].text,
					NULL, "cannot update the actors", err);
	}
	if (!s)
		s = kn_fix_actors(c->st, drop, n, 0, 0, NULL, NULL, err);
	free(drop);
	return s;
}

static void report_count(kn_checker *c, sqlite3_stmt *q)
{
	const char *role = (const char *)sqlite3_column_text(q, 0);
	const char *name = (const char *)sqlite3_column_text(q, 4);
	sqlite3_int64 stored = sqlite3_column_int64(q, 2);
	sqlite3_int64 named = sqlite3_column_int64(q, 3);

	if (name)
		kn_buf_printf(&c->line, "\"%s\"", name);
	else
		kn_buf_printf(&c->line, "actor row %lld", (long long)
			      sqlite3_column_int64(q, 1));
	if (sqlite3_column_type(q, 2) == SQLITE_NULL)
		kn_buf_printf(&c->line, " is named as a %s in %lld signal%s but is"
			      " not counted", role ? role : "", (long long)named,
			      named == 1 ? "" : "s");
	else
		kn_buf_printf(&c->line, " is counted as a %s in %lld signal%s, but"
			      " roles name it in %lld", role ? role : "",
			      (long long)stored, stored == 1 ? "" : "s",
			      (long long)named);
	kn_check_report(c, c->repair);
}

/* role_counts against the roles (which the signals were checked against). */
static kn_status check_counts(kn_checker *c, fixes *f, kn_error *err)
{
	static const char sql[] =
		"WITH t AS (SELECT role, aid, count(DISTINCT sid) AS n FROM roles"
		" GROUP BY role, aid)"
		" SELECT c.role, c.aid, c.n, coalesce(t.n, 0), a.name FROM role_counts c"
		" LEFT JOIN t ON t.role = c.role AND t.aid = c.aid"
		" LEFT JOIN actors a ON a.aid = c.aid WHERE t.n IS NOT c.n"
		" UNION ALL SELECT t.role, t.aid, NULL, t.n, a.name FROM t"
		" LEFT JOIN actors a ON a.aid = t.aid WHERE NOT EXISTS (SELECT 1"
		" FROM role_counts c WHERE c.role = t.role AND c.aid = t.aid)"
		" ORDER BY 2, 1";
	sqlite3_stmt *q;
	kn_status s = kn_store_stmt(c->st, sql, "cannot check role_counts", &q, err);
	int rc = SQLITE_DONE;

	if (s)
		return s;
	while (!s && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		report_count(c, q);
		if (add_fix(f, sqlite3_column_int64(q, 1), NULL) ||
		    !(f->v[f->n - 1].role =
			      strdup((const char *)sqlite3_column_text(q, 0))))
			s = nomem(err);
	}
	if (!s && rc != SQLITE_DONE)
		s = kn_store_fail(c->st, err, "cannot check role_counts");
	kn_store_stmt_done(c->st, q);
	return s;
}

static kn_status fix_counts(kn_checker *c, const fixes *f, kn_error *err)
{
	kn_status s = KN_OK;
	size_t i;

	for (i = 0; !s && i < f->n; i++)
		s = kn_fix_role_count(c->st, f->v[i].role, f->v[i].aid, err);
	return s;
}

/* Deletes what is left of the signals that are gone. */
static kn_status fix_gone(kn_checker *c, kn_error *err)
{
	static const char *const sql[] = {
		"DELETE FROM effect_causes WHERE sid = ?1",
		"DELETE FROM effects WHERE sid = ?1",
		"DELETE FROM roles WHERE sid = ?1",
		"DELETE FROM signals_fts WHERE rowid = ?1",
		"DELETE FROM effect_links WHERE sid = ?1",
	};
	kn_status s = KN_OK;
	size_t i, k;

	for (i = 0; !s && i < c->n_gone; i++)
		for (k = 0; !s && k < sizeof sql / sizeof sql[0] - !c->has_links; k++)
			s = kn_fix_exec(c->st, sql[k], c->gone[i], NULL, NULL,
					"cannot repair the corpus", err);
	return s;
}

/* Rebuilds the search index when it failed its check, then every signal
 * that differs from its JSON, then removes what removed signals left. */
static kn_status fix_signals(kn_checker *c, kn_error *err)
{
	kn_status s = KN_OK;
	kn_signal sig;
	size_t i;

	if (c->fts_bad &&
	    sqlite3_exec(kn_store_db(c->st), "INSERT INTO signals_fts(signals_fts)"
			 " VALUES ('rebuild')", NULL, NULL, NULL) != SQLITE_OK)
		return kn_store_fail(c->st, err, "cannot rebuild the search index");
	kn_signal_init(&sig);
	for (i = 0; !s && i < c->n_redo; i++) {
		/* the card's links written afresh: an update keeps what it
		 * takes for a rejection, and a card link is never one */
		if (c->has_links)
			s = kn_fix_exec(c->st, "DELETE FROM effect_links WHERE sid = ?1"
					" AND provenance = 'card'", c->redo[i], NULL,
					NULL, "cannot repair the effect links", err);
		if (!s)
			s = kn_store_read_sid(c->st, c->redo[i], &sig, err);
		if (!s)
			s = kn_store_rederive(c->st, c->redo[i], &sig, err);
		kn_signal_release(&sig);
	}
	return s ? s : fix_gone(c, err);
}

/* A bulk load running or cut short (kn_store_unfinished): its late
 * indexes are missing and its effects were not scanned for names, so each
 * signal's detections would differ; one line says why instead.  The
 * repair builds the card links' index now, for the scan, and the rest
 * after it (finish_unfinished), as the load's end would have. */
static kn_status check_unfinished(kn_checker *c, kn_error *err)
{
	kn_buf_puts(&c->line, "a bulk load has not finished (it is running, or was"
		    " cut short): the corpus's indexes are not all built and the"
		    " effects it stored are not scanned for the actors they name,"
		    " so answers are slow and lack those effect links");
	kn_check_report(c, c->repair);
	if (c->repair && kn_schema_create_late_indexes(kn_store_db(c->st),
						       KN_LATE_BEFORE_SCAN))
		return kn_store_fail(c->st, err, "cannot build the indexes");
	return KN_OK;
}

static kn_status finish_unfinished(kn_checker *c, kn_error *err)
{
	sqlite3 *db = kn_store_db(c->st);
	int failed;

	/* the sorts of the builds spill to temporary files beyond this */
	sqlite3_exec(db, "PRAGMA cache_size = -16384", NULL, NULL, NULL);
	failed = kn_schema_create_late_indexes(db, KN_LATE_AFTER_SCAN);
	sqlite3_exec(db, "PRAGMA cache_size = -65536", NULL, NULL, NULL);
	return failed ? kn_store_fail(c->st, err, "cannot build the indexes") : KN_OK;
}

static kn_status check_rest(kn_checker *c, kn_error *err)
{
	fixes actors = { NULL, 0, 0 }, counts = { NULL, 0, 0 };
	kn_status s = check_gone(c, err);
	size_t i;

	if (!s)
		s = check_search_index(c, err);
	if (!s && c->unfinished)
		s = check_unfinished(c, err);
	else if (!s)
		s = kn_check_detections(c, err);
	if (!s)
		s = kn_check_link_copies(c, err);
	if (!s && c->repair && c->unreadable)
		s = kn_error_set(err, KN_ERR_INVALID, NULL, 0, 0, NULL,
				 "nothing repaired: %llu %s stored JSON cannot be"
				 " read; ingest %s again or remove %s with"
				 " 'knockon rm' first", c->unreadable,
				 c->unreadable > 1 ? "signals'" : "signal's",
				 c->unreadable > 1 ? "their cards" : "its card",
				 c->unreadable > 1 ? "them" : "it");
	if (!s && c->repair)
		s = fix_signals(c, err);
	/* a signal that cannot be read names actors no one knows */
	if (!s && !c->unreadable && !(s = check_actors(c, &actors, err)) && c->repair)
		s = fix_actors(c, &actors, err);
	if (!s && !(s = check_counts(c, &counts, err)) && c->repair)
		s = fix_counts(c, &counts, err);
	/* the links as a full scan makes them, with the names now right
	 * (rejections kept): whatever was repaired, a name may have come or
	 * gone */
	if (!s && c->repair && c->has_links && c->stats->problems)
		s = kn_links_scan_all(c->st, err);
	/* and their copies, from the signals as repaired */
	if (!s && c->repair && c->stats->problems)
		s = kn_fix_link_copies(c, err);
	if (!s && c->repair && c->unfinished)
		s = finish_unfinished(c, err);
	for (i = 0; i < counts.n; i++)
		free(counts.v[i].role);
	free(counts.v);
	free(actors.v);
	return s;
}

static void checker_release(kn_checker *c)
{
	size_t i;

	for (i = 0; i < c->n_names; i++) {
		free(c->names[i].key);
		free(c->names[i].name);
	}
	free(c->names);
	for (i = 0; i < c->n_cards; i++) {
		free(c->cards[i].key);
		free(c->cards[i].name);
	}
	free(c->cards);
	free(c->redo);
	free(c->gone);
	kn_buf_release(&c->line);
}

kn_status kn_sqlite_check(kn_store *st, int repair, kn_problem_fn each,
			  void *ctx, kn_check_stats *stats, kn_error *err)
{
	kn_checker c;
	kn_status s;

	memset(stats, 0, sizeof *stats);
	if (kn_store_in_batch(st))
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, NULL,
				    "kn_store_check runs in a transaction of its own");
	memset(&c, 0, sizeof c);
	c.st = st;
	c.repair = repair;
	c.each = each;
	c.ctx = ctx;
	c.stats = stats;
	c.has_links = kn_schema_version(kn_store_db(st)) >= 2;
	kn_buf_init(&c.line);
	if (repair)
		s = kn_store_begin(st, err);
	else if (sqlite3_exec(kn_store_db(st), "BEGIN", NULL, NULL, NULL))
		s = kn_store_fail(st, err, "cannot read the corpus");
	else
		s = KN_OK;
	/* read in the check's snapshot */
	c.unfinished = !s && kn_sqlite_unfinished(st) == 1;
	if (!s && !(s = kn_check_signals(&c, err)))
		s = check_rest(&c, err);
	if (repair && !s)
		s = kn_store_commit(st, err);
	else if (repair)
		kn_store_rollback(st);
	else
		sqlite3_exec(kn_store_db(st), "ROLLBACK", NULL, NULL, NULL);
	if (s && repair)
		stats->repaired = 0;
	checker_release(&c);
	return s;
}
