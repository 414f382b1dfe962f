/* The SQLite backend's operation for counts per period ("trend",
 * kn_storage.h): an actor group's dated signals.  The periods and the
 * counting are query/'s (query_trend.c). */
#include "store_internal.h"

#include "kn_storage.h"

/* The group's aids come from the key and the aliases resolving to it;
 * roles_by_actor(role, aid, sid) then gives its signals, joined to
 * signals by primary key for the date and the filters. */
static const char dates_head[] =
	"SELECT DISTINCT r.sid, r.role = 'loser', s.published FROM roles r"
	" JOIN signals s ON s.sid = r.sid"
	" WHERE r.role IN ('winner', 'loser') AND r.aid IN"
	" (SELECT aid FROM actors WHERE key = ?1"
	" UNION ALL SELECT a.aid FROM aliases al JOIN actors a ON a.key = al.key"
	" WHERE al.canonical_key = ?1)"
	" AND s.published IS NOT NULL";

kn_status kn_sqlite_group_dates(kn_store *st, const char *key,
				const kn_filter *f, kn_dated_role_fn each,
				void *ctx, kn_error *err)
{
	static const char what[] = "cannot read an actor's dates";
	kn_buf sql = KN_BUF_INIT;
	sqlite3_stmt *q = NULL;
	int rc = SQLITE_DONE, stop = 0;
	kn_status s;

	kn_buf_puts(&sql, dates_head);
	kn_filter_sql(f, "s", &sql);
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
	if (stop < 0)
		s = kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	else if (!stop && rc != SQLITE_DONE)
		s = kn_store_fail(st, err, what);
	kn_store_stmt_done(st, q);
	return s;
}
