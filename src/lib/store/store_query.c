/* The SQLite backend's operations for the recurring-actor queries
 * (kn_storage.h): alias groups, the counts triggers keep in role_counts,
 * the scan of the selected signals' roles, and an actor's signals and
 * dates.  The ranking, grouping and naming built on them is query/'s. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#include "kn_storage.h"
#include "schema.h"

static const char *role_name(kn_role role)
{
	return role == KN_LOSER ? "loser" : "winner";
}

kn_status kn_sqlite_alias_groups(kn_store *st, kn_group_row_fn each, void *ctx,
				 kn_error *err)
{
	static const char sql[] =
		"SELECT a.aid, al.canonical_key FROM aliases al"
		" JOIN actors a ON a.key = al.key"
		" UNION SELECT a.aid, a.key FROM actors a"
		" WHERE a.key IN (SELECT canonical_key FROM aliases)"
		" ORDER BY 2, 1";
	static const char what[] = "cannot read the aliases";
	sqlite3_stmt *q;
	int rc = SQLITE_DONE, stop = 0;
	kn_status s = kn_store_stmt(st, sql, what, &q, err);

	if (s)
		return s;
	while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW)
		stop = each(ctx, sqlite3_column_int64(q, 0),
			    (const char *)sqlite3_column_text(q, 1));
	return kn_store_rows_done(st, q, rc, stop, what, err);
}

kn_status kn_sqlite_role_counts(kn_store *st, int role, long min,
				kn_count_row_fn each, void *ctx, kn_error *err)
{
	static const char one[] =
		"SELECT aid, n FROM role_counts WHERE role = ?1 AND n >= ?2";
	static const char both[] =
		"SELECT w.aid, w.n, l.n FROM role_counts w JOIN role_counts l"
		" ON l.role = 'loser' AND l.aid = w.aid WHERE w.role = 'winner'";
	static const char what[] = "cannot query the corpus";
	sqlite3_stmt *q;
	int rc = SQLITE_DONE, stop = 0;
	long n[2] = { 0, 0 };
	kn_status s = kn_store_stmt(st, role < 0 ? both : one, what, &q, err);

	if (s)
		return s;
	if (role >= 0) {
		sqlite3_bind_text(q, 1, role_name((kn_role)role), -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 2, min);
	}
	while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (role >= 0) {
			n[role] = sqlite3_column_int(q, 1);
		} else {
			n[KN_WINNER] = sqlite3_column_int(q, 1);
			n[KN_LOSER] = sqlite3_column_int(q, 2);
		}
		stop = each(ctx, sqlite3_column_int64(q, 0), n);
	}
	return kn_store_rows_done(st, q, rc, stop, what, err);
}

/* The SQL selecting the aids of the group whose canonical key is bound at
 * parameter ?n. */
static void group_aids_sql(kn_buf *sql, int n)
{
	kn_buf_printf(sql,
		      "SELECT aid FROM actors WHERE key = ?%d"
		      " UNION ALL SELECT a.aid FROM aliases al"
		      " JOIN actors a ON a.key = al.key WHERE al.canonical_key = ?%d",
		      n, n);
}

/* The statement for the SQL in b (released here). */
/* Exact distinct count of an alias group, which may name one signal under
 * two of its names. */
kn_status kn_sqlite_group_count(kn_store *st, const char *key, kn_role role,
				long *n, kn_error *err)
{
	static const char what[] = "cannot count an actor";
	kn_buf sql = KN_BUF_INIT;
	sqlite3_stmt *q;
	kn_status s;

	kn_buf_puts(&sql, "SELECT count(DISTINCT sid) FROM roles"
			  " WHERE role = ?1 AND aid IN (");
	group_aids_sql(&sql, 2);
	kn_buf_puts(&sql, ")");
	if ((s = kn_store_stmt_buf(st, &sql, what, &q, err)) != KN_OK)
		return s;
	sqlite3_bind_text(q, 1, role_name(role), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, key, -1, SQLITE_STATIC);
	if (sqlite3_step(q) != SQLITE_ROW)
		return kn_store_rows_done(st, q, SQLITE_ERROR, 0, what, err);
	*n = sqlite3_column_int(q, 0);
	kn_store_stmt_done(st, q);
	return KN_OK;
}

/* The selected signals are sorted by row id before their roles are read:
 * roles is clustered by sid, so its pages are then read in order instead
 * of at random (a date window is in date order, not in sid order), which
 * made filtered scans several times faster on a million signals.  Sorted
 * by sid, a signal's rows also stay together, which is what makes
 * "distinct signals" a compare with the last one counted. */
static const char scan_head[] =
	"SELECT r.sid, r.aid, r.role = 'loser', s.published, s.w FROM"
	" (SELECT s.sid AS sid, s.published AS published,"
	" COALESCE(s.score * s.confidence, 0) AS w FROM signals s";
/* LIMIT -1 keeps the subquery (and its ORDER BY) from being flattened */
static const char scan_tail[] =
	" ORDER BY s.sid LIMIT -1) s CROSS JOIN roles r ON r.sid = s.sid";

kn_status kn_sqlite_role_scan(kn_store *st, const kn_filter *f, int role,
			      kn_role_row_fn each, void *ctx, kn_error *err)
{
	static const char what[] = "cannot query the corpus";
	kn_buf sql = KN_BUF_INIT;
	sqlite3_stmt *q;
	int rc = SQLITE_DONE, stop = 0;
	kn_status s;

	kn_buf_puts(&sql, scan_head);
	/* covering indexes; else the planner reads the whole table in sid
	 * order to skip the sort.  An actor's signals are few: found through
	 * roles_by_actor, by row id. */
	if (!f || !f->n_actors)
		kn_store_indexed_by(st, &sql, f && f->n_categories
						      ? "signals_by_category"
						      : "signals_by_published");
	kn_buf_puts(&sql, " WHERE 1");
	kn_filter_sql(f, "s", &sql);
	kn_buf_puts(&sql, scan_tail);
	if (role >= 0)
		kn_buf_puts(&sql, " AND r.role = :role");
	if ((s = kn_store_stmt_buf(st, &sql, what, &q, err)) != KN_OK)
		return s;
	kn_filter_bind(q, f, 1);
	if (role >= 0)
		sqlite3_bind_text(q, sqlite3_bind_parameter_index(q, ":role"),
				  role_name((kn_role)role), -1, SQLITE_STATIC);
	while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW)
		stop = each(ctx, sqlite3_column_int64(q, 0),
			    sqlite3_column_int64(q, 1), sqlite3_column_int(q, 2),
			    (const char *)sqlite3_column_text(q, 3),
			    sqlite3_column_int64(q, 4));
	return kn_store_rows_done(st, q, rc, stop, what, err);
}

/* The newest signal of a group in the role, unfiltered (the table of
 * losers and winners shows it beside each actor).  Its date is the largest
 * in the group's runs of roles_by_actor (role, aid, sid, published), so
 * only the signals of that date are read from the table, for the id that
 * breaks a tie; before, every signal of the group was.  *found is 0 when
 * the group has no dated signal in the role: the caller asks the general
 * query, which also orders the undated. */
static kn_status newest_signal(kn_store *st, const char *key, kn_role role,
			       int titles, kn_id_fn each, void *ctx, int *found,
			       kn_error *err)
{
	static const char what[] = "cannot find an actor's newest signal";
	kn_buf sql = KN_BUF_INIT;
	sqlite3_stmt *q;
	int rc;
	kn_status s;

	kn_buf_puts(&sql, titles ? "SELECT s.id, s.published, s.title FROM signals s"
				 : "SELECT s.id, s.published, NULL FROM signals s");
	kn_buf_puts(&sql, " WHERE s.sid IN (SELECT sid FROM roles INDEXED BY"
			  " roles_by_actor WHERE role = ?1 AND aid IN (");
	group_aids_sql(&sql, 2);
	kn_buf_puts(&sql, ") AND published = (SELECT max(published) FROM roles"
			  " INDEXED BY roles_by_actor WHERE role = ?1 AND aid IN (");
	group_aids_sql(&sql, 2);
	kn_buf_puts(&sql, "))) ORDER BY s.id LIMIT 1");
	if ((s = kn_store_stmt_buf(st, &sql, what, &q, err)) != KN_OK)
		return s;
	sqlite3_bind_text(q, 1, role_name(role), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	*found = rc == SQLITE_ROW;
	if (*found && each(ctx, (const char *)sqlite3_column_text(q, 0),
			   (const char *)sqlite3_column_text(q, 1),
			   (const char *)sqlite3_column_text(q, 2)) < 0)
		return kn_store_rows_done(st, q, SQLITE_DONE, -1, what, err);
	return kn_store_rows_done(st, q, *found ? SQLITE_DONE : rc, 0, what, err);
}

/* 1 when roles_by_actor carries the roles' dates: not in a corpus read
 * as it is at a schema before 6 (no dates in roles before 4, none in the
 * index before 6), nor while a bulk load cut short (kill -9) has left its
 * late indexes unbuilt for the next ingest. */
static int dated_roles(kn_store *st)
{
	return kn_schema_version(kn_store_db(st)) >= 6 &&
	       kn_store_has_index(st, "roles_by_actor");
}

kn_status kn_sqlite_group_signals(kn_store *st, const char *key, kn_role role,
				  const kn_filter *f, int by_date, size_t max,
				  int titles, kn_id_fn each, void *ctx,
				  kn_error *err)
{
	static const char what[] = "cannot list an actor's signals";
	kn_buf sql = KN_BUF_INIT;
	sqlite3_stmt *q;
	int rc = SQLITE_DONE, stop = 0, i, found = 0;
	kn_status s;
	int unfiltered = kn_filter_empty(f);

	if (unfiltered && max == 1 && dated_roles(st)) {
		s = newest_signal(st, key, role, titles, each, ctx, &found, err);
		if (s || found)
			return s;
	}
	/* the title only when asked: read from the table, not the index */
	kn_buf_puts(&sql, titles ? "SELECT s.id, s.published, s.title FROM signals s"
				 : "SELECT s.id, s.published, NULL FROM signals s");
	if (by_date && unfiltered)
		kn_store_indexed_by(st, &sql, "signals_by_published");
	if (by_date)
		kn_buf_puts(&sql, " WHERE EXISTS (SELECT 1 FROM roles r WHERE"
				  " r.sid = s.sid AND r.role = ?1 AND r.aid IN (");
	else
		kn_buf_puts(&sql, " WHERE s.sid IN"
				  " (SELECT sid FROM roles WHERE role = ?1 AND aid IN (");
	group_aids_sql(&sql, 2);
	kn_buf_puts(&sql, "))");
	kn_filter_sql(f, "s", &sql);
	kn_buf_puts(&sql, " ORDER BY s.published DESC, s.id LIMIT ?");
	if ((s = kn_store_stmt_buf(st, &sql, what, &q, err)) != KN_OK)
		return s;
	sqlite3_bind_text(q, 1, role_name(role), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, key, -1, SQLITE_STATIC);
	i = kn_filter_bind(q, f, 3);
	sqlite3_bind_int64(q, i, max ? (sqlite3_int64)max : -1);
	while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW)
		stop = each(ctx, (const char *)sqlite3_column_text(q, 0),
			    (const char *)sqlite3_column_text(q, 1),
			    (const char *)sqlite3_column_text(q, 2));
	return kn_store_rows_done(st, q, rc, stop, what, err);
}

kn_status kn_sqlite_group_seen(kn_store *st, const char *key, int latest,
			       int frequent, kn_row *sid, kn_error *err)
{
	static const char what[] = "cannot read an actor's dates";
	const char *dir = latest ? " DESC" : "";
	kn_buf sql = KN_BUF_INIT;
	sqlite3_stmt *q;
	kn_status s;
	int rc;

	/* a frequent actor: walk the date index from that end, probing */
	if (frequent) {
		kn_buf_puts(&sql, "SELECT s.sid FROM signals s");
		kn_store_indexed_by(st, &sql, "signals_by_published");
		kn_buf_puts(&sql, " WHERE s.published IS NOT NULL"
				  " AND EXISTS (SELECT 1 FROM roles r WHERE r.sid = s.sid"
				  " AND r.role IN ('winner', 'loser') AND r.aid IN (");
	} else
		kn_buf_puts(&sql, "SELECT s.sid FROM signals s WHERE s.published"
				  " IS NOT NULL AND s.sid IN (SELECT sid FROM roles WHERE"
				  " role IN ('winner', 'loser') AND aid IN (");
	group_aids_sql(&sql, 1);
	kn_buf_printf(&sql, ")) ORDER BY s.published%s, s.id%s LIMIT 1", dir, dir);
	if ((s = kn_store_stmt_buf(st, &sql, what, &q, err)) != KN_OK)
		return s;
	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	*sid = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
	return kn_store_rows_done(st, q, rc == SQLITE_ROW ? SQLITE_DONE : rc, 0, what, err);
}
