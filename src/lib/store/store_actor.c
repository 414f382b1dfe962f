/* The SQLite backend's operations on single actors and signals for the
 * queries and maps (kn_storage.h), the corpus's actor identity for maps
 * and reports, and the operations table itself. */
#include "store_internal.h"
#include "store_fix.h"

#include <stdlib.h>
#include <string.h>

#include "kn_storage.h"
#include "links.h"
#include "store_converge.h"

static kn_status nomem(kn_error *err)
{
	return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
}

/* Column i of the row q is on, copied (NULL stays NULL unless empty). */
static kn_status column_dup(sqlite3_stmt *q, int i, int empty, char **out,
			    kn_error *err)
{
	const char *v = (const char *)sqlite3_column_text(q, i);

	*out = NULL;
	if (!v && !empty)
		return KN_OK;
	return (*out = strdup(v ? v : "")) ? KN_OK : nomem(err);
}

/* One row of sql with ?1 bound (text key, else integer row): column 0
 * (and 1) copied into out[0] (out[1]); NULLs when there is no row and
 * none is required. */
static kn_status one_row(kn_store *st, const char *sql, const char *key,
			 kn_row row, int cols, int required, char **out,
			 const char *what, kn_error *err)
{
	sqlite3_stmt *q;
	kn_status s = kn_store_stmt(st, sql, what, &q, err);
	int rc, i;

	for (i = 0; i < cols; i++)
		out[i] = NULL;
	if (s)
		return s;
	if (key)
		sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(q, 1, row);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		for (i = 0; i < cols && !s; i++)
			s = column_dup(q, i, required, &out[i], err);
	} else if (rc != SQLITE_DONE) {
		s = kn_store_fail(st, err, what);
	} else if (required) {
		s = kn_error_set(err, KN_ERR_DB, NULL, 0, 0, NULL,
				 "an actor vanished while reading");
	}
	kn_store_stmt_done(st, q);
	if (s)
		for (i = 0; i < cols; i++) {
			free(out[i]);
			out[i] = NULL;
		}
	return s;
}

static kn_status actor(kn_store *st, kn_row aid, char **key, char **name,
		       kn_error *err)
{
	char *v[2];
	kn_status s = one_row(st, "SELECT key, name FROM actors WHERE aid = ?1",
			      NULL, aid, 2, 1, v, "cannot read an actor", err);

	*key = v[0];
	*name = v[1];
	return s;
}

static kn_status stored_name(kn_store *st, const char *key, char **name,
			     kn_error *err)
{
	return one_row(st, "SELECT name FROM actors WHERE key = ?1", key, 0, 1,
		       0, name, "cannot read the actors", err);
}

static kn_status alias_name(kn_store *st, const char *key, char **name,
			    kn_error *err)
{
	return one_row(st, "SELECT canonical_name FROM aliases WHERE"
		       " canonical_key = ?1 ORDER BY key LIMIT 1", key, 0, 1, 0,
		       name, "cannot read the aliases", err);
}

static kn_status published(kn_store *st, kn_row sid, char **out, kn_error *err)
{
	return one_row(st, "SELECT published FROM signals WHERE sid = ?1", NULL,
		       sid, 1, 0, out, "cannot read a signal", err);
}

static long long size(kn_store *st)
{
	char *v = NULL;
	long long n = 0;

	if (one_row(st, "SELECT max(sid) FROM signals", NULL, 0, 1, 0, &v,
		    "cannot read the corpus", NULL) == KN_OK && v)
		n = strtoll(v, NULL, 10);
	free(v);
	return n;
}

/* The signals naming the actor whose key (after aliases) is key. */
static kn_status actor_signals(kn_store *st, const char *key, const kn_filter *f,
			       kn_signal_fn each, void *ctx, kn_error *err)
{
	static const char what[] = "cannot find the actor's signals";
	kn_buf sql = KN_BUF_INIT;
	sqlite3_stmt *q;
	kn_signal sig;
	kn_status rc;
	int step = SQLITE_DONE, stop = 0;

	kn_buf_puts(&sql, "SELECT DISTINCT s.sid, s.published, s.id FROM signals s"
			  " JOIN roles r ON r.sid = s.sid"
			  " JOIN actor_names a ON a.aid = r.aid"
			  " WHERE a.canonical_key = ?1");
	kn_filter_sql(f, "s", &sql);
	kn_buf_puts(&sql, " ORDER BY s.published DESC, s.id");
	if (f && f->limit > 0)
		kn_buf_puts(&sql, " LIMIT ?");
	rc = kn_buf_failed(&sql) ? nomem(err)
				 : kn_store_stmt(st, kn_buf_cstr(&sql), what, &q, err);
	kn_buf_release(&sql);
	if (rc)
		return rc;
	sqlite3_bind_text(q, 1, key, -1, SQLITE_TRANSIENT);
	if (f && f->limit > 0)
		sqlite3_bind_int64(q, kn_filter_bind(q, f, 2), f->limit);
	else
		kn_filter_bind(q, f, 2);
	kn_signal_init(&sig);
	while (!rc && !stop && (step = sqlite3_step(q)) == SQLITE_ROW) {
		rc = kn_store_read_sid(st, sqlite3_column_int64(q, 0), &sig, err);
		if (rc == KN_OK)
			stop = each(ctx, &sig);
		kn_signal_release(&sig);
	}
	if (!rc && !stop && step != SQLITE_DONE)
		rc = kn_store_fail(st, err, what);
	kn_store_stmt_done(st, q);
	return rc;
}

static kn_status get_row(kn_store *st, kn_row sid, kn_signal *out, kn_error *err)
{
	return kn_store_read_sid(st, sid, out, err);
}

/* A read transaction (BEGIN DEFERRED: its snapshot starts at the first
 * statement) when the connection is in autocommit; otherwise the open
 * transaction serves.  A corpus that is no file yet (a read of a missing
 * corpus) works the same. */
static kn_status read_begin(kn_store *st, int *began, kn_error *err)
{
	sqlite3 *db = kn_store_db(st);

	*began = 0;
	if (!sqlite3_get_autocommit(db))
		return KN_OK;
	if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return kn_store_fail(st, err, "cannot read the corpus");
	*began = 1;
	return KN_OK;
}

/* Ends what read_begin started.  A read transaction that cannot commit
 * (it wrote nothing) is rolled back: nothing is lost either way. */
static void read_end(kn_store *st, int began)
{
	sqlite3 *db = kn_store_db(st);

	if (began && !sqlite3_get_autocommit(db) &&
	    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

const struct kn_storage_ops kn_sqlite_ops = {
	.name = "sqlite",
	.read_begin = read_begin,
	.read_end = read_end,
	.put = kn_sqlite_put,
	.get = kn_sqlite_get,
	.get_row = get_row,
	.list = kn_sqlite_list,
	.count = kn_sqlite_count,
	.size = size,
	.published = published,
	.alias_groups = kn_sqlite_alias_groups,
	.role_counts = kn_sqlite_role_counts,
	.group_count = kn_sqlite_group_count,
	.role_scan = kn_sqlite_role_scan,
	.group_signals = kn_sqlite_group_signals,
	.group_seen = kn_sqlite_group_seen,
	.actor = actor,
	.stored_name = stored_name,
	.alias_name = alias_name,
	.search = kn_sqlite_search,
	.alias_add = kn_sqlite_alias_add,
	.alias_remove = kn_sqlite_alias_remove,
	.alias_list = kn_sqlite_alias_list,
	.actor_signals = actor_signals,
	.pick_groups = kn_sqlite_pick_groups,
	.pick_stats = kn_sqlite_pick_stats,
	.pick_signals = kn_sqlite_pick_signals,
	.pick_categories = kn_sqlite_pick_categories,
	.resolve_id = kn_sqlite_resolve_id,
	.find_actor = kn_sqlite_find_actor,
	.remove = kn_sqlite_remove,
	.check = kn_sqlite_check,
	.unfinished = kn_sqlite_unfinished,
	.group_dates = kn_sqlite_group_dates,
	.window_scan = kn_sqlite_window_scan,
	.links = kn_sqlite_links,
	.link_mark = kn_sqlite_link_mark,
	.links_detect = kn_sqlite_links_detect,
	.set_detect = kn_sqlite_set_detect,
	.exposure_ways = kn_sqlite_exposure_ways,
	.exposure_sums = kn_sqlite_exposure_sums,
	.exposure_newest = kn_sqlite_exposure_newest,
	.exposure_signal = kn_sqlite_exposure_signal,
	.exposure_effect = kn_sqlite_exposure_effect,
	.exposure_name = kn_sqlite_exposure_name,
	.converge_links = kn_sqlite_converge_links,
	.converge_actor = kn_sqlite_converge_actor,
	.converge_via = kn_sqlite_converge_via,
	.card_edges = kn_sqlite_card_edges,
	.actor_cards = kn_sqlite_actor_cards,
	.signal_row = kn_sqlite_signal_row,
};

