/* The SQLite backend's operation for counts per period ("trend",
 * kn_storage.h): an actor group's dated signals.  The periods and the
 * counting are query/'s (query_trend.c). */
#include "store_internal.h"

#include "kn_storage.h"

/* The group's aids come from the key and the aliases resolving to it;
 * roles_by_actor(role, aid, sid) then gives its signals.  The date comes
 * from the role's copy of it (schema 4), so that a filter of dates and
 * actors alone reads roles only: rows far smaller than the signals', so a
 * frequent actor's hundreds of thousands of lookups stay in the cache.
 * A category or score filter joins the signals. */
static const char group_aids[] =
	" AND r.aid IN"
	" (SELECT aid FROM actors WHERE key = ?1"
	" UNION ALL SELECT a.aid FROM aliases al JOIN actors a ON a.key = al.key"
	" WHERE al.canonical_key = ?1)";
static const char dates_by_roles[] =
	"SELECT DISTINCT r.sid, r.role = 'loser', r.published FROM roles r"
	" WHERE r.role IN ('winner', 'loser') AND r.published IS NOT NULL";
static const char dates_by_signals[] =
	"SELECT DISTINCT r.sid, r.role = 'loser', s.published FROM roles r"
	" JOIN signals s ON s.sid = r.sid"
	" WHERE r.role IN ('winner', 'loser') AND s.published IS NOT NULL";

int kn_store_has_role_dates(kn_store *st)
{
	return kn_store_has_index(st, "roles_by_date");
}

kn_status kn_sqlite_group_dates(kn_store *st, const char *key,
				const kn_filter *f, kn_dated_role_fn each,
				void *ctx, kn_error *err)
{
	static const char what[] = "cannot read an actor's dates";
	kn_buf sql = KN_BUF_INIT;
	sqlite3_stmt *q = NULL;
	int rc = SQLITE_DONE, stop = 0;
	int by_roles = !(f && (f->n_categories || f->min_score > 0)) &&
		       kn_store_has_role_dates(st);
	kn_status s;

	kn_buf_puts(&sql, by_roles ? dates_by_roles : dates_by_signals);
	kn_buf_puts(&sql, group_aids);
	kn_filter_sql(f, by_roles ? "r" : "s", &sql);
	kn_buf_puts(&sql, " ORDER BY 1, 2");
	s = kn_buf_failed(&sql)
		    ? kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory")
		    : kn_store_stmt(st, kn_buf_cstr(&sql), what, &q, err);
	kn_buf_release(&sql);
	if (s)
		return s;
	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	kn_filter_bind(q, f, 2);
	while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW)
		stop = each(ctx, sqlite3_column_int64(q, 0), sqlite3_column_int(q, 1),
			    (const char *)sqlite3_column_text(q, 2));
	return kn_store_rows_done(st, q, rc, stop, what, err);
}

/* A window's roles are one range of roles_by_date(published, role, aid,
 * sid), sorted by signal row id here (a window holds a few percent of
 * the corpus), instead of a seek into roles for each signal of the date
 * index.  Filters other than the dates need the signals: role_scan. */
kn_status kn_sqlite_window_scan(kn_store *st, const kn_filter *f,
				kn_role_row_fn each, void *ctx, kn_error *err)
{
	static const char what[] = "cannot query the corpus";
	kn_buf sql = KN_BUF_INIT;
	sqlite3_stmt *q = NULL;
	int rc = SQLITE_DONE, stop = 0;
	kn_status s;

	if ((f && (f->n_categories || f->n_actors || f->min_score > 0)) ||
	    !kn_store_has_role_dates(st))
		return kn_sqlite_role_scan(st, f, -1, each, ctx, err);
	kn_buf_puts(&sql, "SELECT r.sid, r.aid, r.role = 'loser', r.published"
			  " FROM roles r INDEXED BY roles_by_date WHERE"
			  " r.published IS NOT NULL");
	kn_filter_sql(f, "r", &sql);
	kn_buf_puts(&sql, " ORDER BY r.sid, r.role, r.position");
	s = kn_buf_failed(&sql)
		    ? kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory")
		    : kn_store_stmt(st, kn_buf_cstr(&sql), what, &q, err);
	kn_buf_release(&sql);
	if (s)
		return s;
	kn_filter_bind(q, f, 1);
	while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW)
		stop = each(ctx, sqlite3_column_int64(q, 0), sqlite3_column_int64(q, 1),
			    sqlite3_column_int(q, 2),
			    (const char *)sqlite3_column_text(q, 3), 0);
	return kn_store_rows_done(st, q, rc, stop, what, err);
}
