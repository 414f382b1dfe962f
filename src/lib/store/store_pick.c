/* The SQLite backend's operations for what a big map draws (kn_storage.h,
 * docs/maps.md): the most recurrent actors of a selection, an actor's
 * strongest signals, and the selection's counts per category.  Each reads
 * only what the map will draw, bounded by the caller's maximum, so that a
 * map of a million signals costs a few indexed queries, not the corpus. */
#include "store_pick.h"

#include <stdlib.h>
#include <string.h>


static kn_status nomem(kn_error *err)
{
	return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
}

/* The selection of f on signals aliased s: the filter, or with a limit
 * the newest f->limit signals it selects.  Bound by sel_bind. */
void kn_pick_sel_sql(const kn_filter *f, kn_buf *sql)
{
	if (!f || f->limit <= 0) {
		kn_filter_sql(f, "s", sql);
		return;
	}
	kn_buf_puts(sql, " AND s.sid IN (SELECT t.sid FROM signals t WHERE 1");
	kn_filter_sql(f, "t", sql);
	kn_buf_puts(sql, " ORDER BY t.published DESC, t.id LIMIT ?)");
}

int kn_pick_sel_bind(sqlite3_stmt *q, const kn_filter *f, int first)
{
	int i = kn_filter_bind(q, f, first);

	if (f && f->limit > 0)
		sqlite3_bind_int64(q, i++, f->limit);
	return i;
}

/* The aids of the group whose canonical key is bound at ?n. */
static void group_aids(kn_buf *sql, int n)
{
	kn_buf_printf(sql,
		      "SELECT aid FROM actors WHERE key = ?%d"
		      " UNION ALL SELECT a.aid FROM aliases al"
		      " JOIN actors a ON a.key = al.key WHERE al.canonical_key = ?%d",
		      n, n);
}

static kn_status prepare(kn_store *st, kn_buf *b, const char *what,
			 sqlite3_stmt **q, kn_error *err)
{
	kn_status s = kn_buf_failed(b) ? nomem(err)
				       : kn_store_stmt(st, kn_buf_cstr(b), what, q, err);

	kn_buf_release(b);
	return s;
}

/* Unfiltered: the union of the group's two role runs of roles_by_actor,
 * merged in sid order (no temporary table), and per role the counts the
 * triggers keep, exact for a group of one name. */
static void stats_all_sql(kn_buf *sql)
{
	static const char *const roles[] = { "winner", "loser" };
	int i;

	kn_buf_puts(sql, "SELECT (SELECT count(*) FROM (SELECT sid FROM roles"
			 " WHERE role = 'winner' AND aid IN (");
	group_aids(sql, 1);
	kn_buf_puts(sql, ") UNION SELECT sid FROM roles WHERE role = 'loser' AND aid IN (");
	group_aids(sql, 1);
	kn_buf_puts(sql, ") ORDER BY 1))");
	for (i = 0; i < 2; i++) {
		kn_buf_puts(sql, ", CASE WHEN (SELECT count(*) FROM (");
		group_aids(sql, 1);
		kn_buf_printf(sql, ")) = 1 THEN (SELECT COALESCE(sum(n), 0) FROM role_counts"
			      " WHERE role = '%s' AND aid IN (", roles[i]);
		group_aids(sql, 1);
		kn_buf_printf(sql, ")) ELSE (SELECT count(*) FROM (SELECT sid FROM roles"
			      " WHERE role = '%s' AND aid IN (", roles[i]);
		group_aids(sql, 1);
		kn_buf_puts(sql, ") GROUP BY sid)) END");
	}
}

/* f only has a date window. */
static int dated_only(kn_store *st, const kn_filter *f)
{
	return f && (f->since || f->until) && !f->n_categories && !f->n_actors &&
	       f->min_score <= 0 && f->limit <= 0 && kn_store_has_role_dates(st);
}

kn_status kn_sqlite_pick_stats(kn_store *st, const char *key,
			       const kn_filter *f, long n[3], kn_error *err)
{
	static const char what[] = "cannot count an actor's signals";
	kn_buf sql = KN_BUF_INIT;
	kn_pick_sel p;
	sqlite3_stmt *q;
	kn_status s;
	int i, all = kn_filter_empty(f) && (!f || f->limit <= 0);

	if (all && (s = kn_pick_stats_one(st, key, n, err)) != KN_ERR_USAGE)
		return s;
	if (all) {
		stats_all_sql(&sql);
	} else if (dated_only(st, f)) {
		/* the roles hold their dates: no seek into the signals */
		kn_buf_puts(&sql, "SELECT count(DISTINCT r.sid),"
				  " count(DISTINCT CASE WHEN r.role = 'winner' THEN r.sid END),"
				  " count(DISTINCT CASE WHEN r.role = 'loser' THEN r.sid END)"
				  " FROM roles r WHERE r.role IN ('winner', 'loser') AND r.aid IN (");
		group_aids(&sql, 1);
		kn_buf_puts(&sql, ")");
		kn_filter_sql(f, "r", &sql);
		p.f = *f;
		all = -1;
	} else if ((s = kn_pick_sel_open(st, f, &p, err)) != KN_OK) {
		return s;
	} else {
		kn_buf_puts(&sql, "SELECT count(DISTINCT r.sid),"
				  " count(DISTINCT CASE WHEN r.role = 'winner' THEN r.sid END),"
				  " count(DISTINCT CASE WHEN r.role = 'loser' THEN r.sid END)"
				  " FROM roles r JOIN signals s ON s.sid = r.sid"
				  " WHERE r.role IN ('winner', 'loser') AND r.aid IN (");
		group_aids(&sql, 1);
		kn_buf_puts(&sql, ")");
		kn_pick_sel_where(&p, &sql);
	}
	if ((s = prepare(st, &sql, what, &q, err)) == KN_OK) {
		sqlite3_bind_text(q, 1, key, -1, SQLITE_TRANSIENT);
		if (all <= 0)
			kn_pick_sel_bind(q, &p.f, 2);
		if (sqlite3_step(q) == SQLITE_ROW) {
			for (i = 0; i < 3; i++)
				n[i] = (long)sqlite3_column_int64(q, i);
			kn_store_stmt_done(st, q);
		} else {
			s = kn_store_rows_done(st, q, SQLITE_ERROR, 0, what, err);
		}
	}
	if (!all)
		kn_pick_sel_close(st, &p);
	return s;
}

/* Candidates by the counts the triggers keep (a signal naming an actor in
 * both roles counts twice there): read whole, ranked, then counted exactly
 * by the caller's pick_stats.  Unfiltered only. */
static const char approx_sql[] =
	"SELECT an.canonical_key, sum(rc.n) FROM role_counts rc"
	" JOIN actor_names an ON an.aid = rc.aid"
	" GROUP BY an.canonical_key HAVING sum(rc.n) >= ?1"
	" ORDER BY 2 DESC, 1";

static void exact_sql(const kn_filter *f, kn_buf *sql)
{
	kn_buf_puts(sql, "SELECT an.canonical_key, count(DISTINCT r.sid),"
			 " count(DISTINCT CASE WHEN r.role = 'winner' THEN r.sid END),"
			 " count(DISTINCT CASE WHEN r.role = 'loser' THEN r.sid END) FROM"
			 " (SELECT s.sid AS sid FROM signals s WHERE 1");
	kn_pick_sel_sql(f, sql);
	kn_buf_puts(sql, " ORDER BY s.sid LIMIT -1) s CROSS JOIN roles r"
			 " ON r.sid = s.sid AND r.role IN ('winner', 'loser')"
			 " JOIN actor_names an ON an.aid = r.aid"
			 " GROUP BY an.canonical_key HAVING count(DISTINCT r.sid) >= ?"
			 " ORDER BY 2 DESC, 1");
}

kn_status kn_sqlite_pick_groups(kn_store *st, const kn_filter *f, long min,
				size_t max, kn_pick_group_fn each, void *ctx,
				long long *total, kn_error *err)
{
	static const char what[] = "cannot rank the actors";
	kn_buf sql = KN_BUF_INIT;
	sqlite3_stmt *q;
	kn_status s;
	int rc = SQLITE_DONE, stop = 0, approx = kn_filter_empty(f) &&
						 (!f || f->limit <= 0);
	size_t n = 0;

	*total = 0;
	if ((s = kn_pick_rank(st, f, min, max, each, ctx, total, err)) != KN_ERR_USAGE)
		return s;
	if (approx)
		kn_buf_puts(&sql, approx_sql);
	else
		exact_sql(f, &sql);
	if ((s = prepare(st, &sql, what, &q, err)) != KN_OK)
		return s;
	if (approx)
		sqlite3_bind_int64(q, 1, min);
	else
		sqlite3_bind_int64(q, kn_pick_sel_bind(q, f, 1), min);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		(*total)++;
		long c[3] = { (long)sqlite3_column_int64(q, 1), 0, 0 };

		if (!approx) {
			c[1] = (long)sqlite3_column_int64(q, 2);
			c[2] = (long)sqlite3_column_int64(q, 3);
		}
		if (!stop && n++ < max)
			stop = each(ctx, (const char *)sqlite3_column_text(q, 0), c,
				    !approx);
		if (stop < 0)
			break;
	}
	return kn_store_rows_done(st, q, rc, stop < 0 ? stop : 0, what, err);
}

/* The order of kn_map's in-memory pick (map_pick.c). */
static const char strength[] =
	" ORDER BY COALESCE(s.score * s.confidence, 0) DESC,"
	" s.published IS NULL, s.published DESC, s.id";

/* One group's strongest selected signals, from its roles. */
static kn_status group_strongest(kn_store *st, const char *key,
				 const kn_pick_sel *f, size_t max, kn_sid_fn each,
				 void *ctx, kn_error *err)
{
	static const char what[] = "cannot find the strongest signals";
	kn_buf sql = KN_BUF_INIT;
	sqlite3_stmt *q;
	kn_status s;
	int rc = SQLITE_DONE, stop = 0;

	kn_buf_puts(&sql, "SELECT s.sid FROM signals s WHERE s.sid IN (SELECT sid"
			  " FROM roles WHERE role IN ('winner', 'loser') AND aid IN (");
	group_aids(&sql, 1);
	kn_buf_puts(&sql, "))");
	kn_pick_sel_where(f, &sql);
	kn_buf_puts(&sql, strength);
	kn_buf_puts(&sql, " LIMIT ?");
	if ((s = prepare(st, &sql, what, &q, err)) != KN_OK)
		return s;
	sqlite3_bind_text(q, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(q, kn_pick_sel_bind(q, &f->f, 2), (sqlite3_int64)max);
	while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW)
		stop = each(ctx, sqlite3_column_int64(q, 0));
	return kn_store_rows_done(st, q, rc, stop, what, err);
}

/* Signals walked in strength order before each group still short is
 * asked for its own: a group that recurs fills its quota early in the
 * walk (a group named by a few signals costs little asked alone), so
 * neither reads a frequent actor's every role. */
#define WALK_PER_SIGNAL 64
#define WALK_MIN 4096
/* a group of at most this many roles is asked alone, without a walk */
#define ALONE_MAX 20000

/* The group's role counts, an upper bound of its selected signals. */
static kn_status group_bound(kn_store *st, const char *key, long long *n,
			     kn_error *err)
{
	static const char what[] = "cannot count an actor's signals";
	kn_buf sql = KN_BUF_INIT;
	sqlite3_stmt *q;
	kn_status s;

	kn_buf_puts(&sql, "SELECT COALESCE(sum(n), 0) FROM role_counts"
			  " WHERE role IN ('winner', 'loser') AND aid IN (");
	group_aids(&sql, 1);
	kn_buf_puts(&sql, ")");
	if ((s = prepare(st, &sql, what, &q, err)) != KN_OK)
		return s;
	sqlite3_bind_text(q, 1, key, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(q) != SQLITE_ROW)
		return kn_store_rows_done(st, q, SQLITE_ERROR, 0, what, err);
	*n = sqlite3_column_int64(q, 0);
	kn_store_stmt_done(st, q);
	return KN_OK;
}

/* One group (the actor view) named by few signals is asked alone; not
 * several: a signal the walk takes counts for each group it names, as
 * map_pick.c counts it. */
static kn_status small_groups(kn_store *st, const char *const *keys, size_t n_keys,
			      const kn_pick_sel *p, size_t max, size_t *got,
			      size_t *short_of, kn_sid_fn each, void *ctx,
			      kn_error *err)
{
	long long bound = 0;
	size_t i;
	kn_status s = KN_OK;

	for (i = 0; s == KN_OK && n_keys == 1 && i < n_keys; i++) {
		if ((s = group_bound(st, keys[i], &bound, err)) != KN_OK ||
		    bound > ALONE_MAX)
			continue;
		s = group_strongest(st, keys[i], p, max, each, ctx, err);
		got[i] = max;
		--*short_of;
	}
	return s;
}

/* The walk: the selection's strongest signals and their groups. */
static void walk_sql(kn_store *st, const kn_pick_sel *p, kn_buf *sql)
{
	/* the date index covers the order and every filter's column (the
	 * planner would read the table for the id); an --actor's few
	 * signals are sought by row id */
	kn_buf_puts(sql, "SELECT s.sid, an.canonical_key FROM (SELECT s.sid AS sid,"
			 " s.score AS score, s.confidence AS confidence,"
			 " s.published AS published, s.id AS id FROM signals s");
	if (!p->f.n_actors)
		kn_store_indexed_by(st, sql, "signals_by_published");
	kn_buf_puts(sql, " WHERE 1");
	kn_pick_sel_where(p, sql);
	kn_buf_puts(sql, strength);
	kn_buf_puts(sql, " LIMIT ?) s CROSS JOIN roles r ON r.sid = s.sid"
			 " AND r.role IN ('winner', 'loser')"
			 " JOIN actor_names an ON an.aid = r.aid");
	kn_buf_puts(sql, strength);
	kn_buf_puts(sql, ", r.role, r.position");
}

kn_status kn_sqlite_pick_signals(kn_store *st, const char *const *keys,
				 size_t n_keys, const kn_filter *f, size_t max,
				 kn_sid_fn each, void *ctx, kn_error *err)
{
	static const char what[] = "cannot find the strongest signals";
	kn_buf sql = KN_BUF_INIT;
	sqlite3_stmt *q;
	kn_status s;
	int rc = SQLITE_DONE, stop = 0;
	kn_pick_sel p;
	size_t *got = calloc(n_keys + 1, sizeof *got), i, short_of = n_keys;
	sqlite3_int64 walk = (sqlite3_int64)(WALK_PER_SIGNAL * max * n_keys), last = 0;

	if (!got)
		return nomem(err);
	if ((s = kn_pick_sel_open(st, f, &p, err)) != KN_OK) {
		free(got);
		return s;
	}
	walk_sql(st, &p, &sql);
	if ((s = prepare(st, &sql, what, &q, err)) != KN_OK) {
		kn_pick_sel_close(st, &p);
		free(got);
		return s;
	}
	sqlite3_bind_int64(q, kn_pick_sel_bind(q, &p.f, 1), walk < WALK_MIN ? WALK_MIN : walk);
	s = small_groups(st, keys, n_keys, &p, max, got, &short_of, each, ctx, err);
	while (s == KN_OK && !stop && short_of && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		sqlite3_int64 sid = sqlite3_column_int64(q, 0);
		const char *key = (const char *)sqlite3_column_text(q, 1);
		int take = 0;

		for (i = 0; key && i < n_keys; i++)
			if (got[i] < max && strcmp(keys[i], key) == 0) {
				take = 1;
				short_of -= ++got[i] == max;
			}
		if (take && sid != last)
			stop = each(ctx, sid);
		last = take ? sid : last;
	}
	if (s == KN_OK && !stop && short_of)
		s = kn_store_rows_done(st, q, rc, 0, what, err);
	else
		kn_store_stmt_done(st, q);
	for (i = 0; s == KN_OK && !stop && i < n_keys; i++)
		if (got[i] < max)
			s = group_strongest(st, keys[i], &p, max, each, ctx, err);
	kn_pick_sel_close(st, &p);
	free(got);
	return stop < 0 ? nomem(err) : s;
}

kn_status kn_sqlite_pick_categories(kn_store *st, const char *key,
				    const kn_filter *f, kn_category_fn each,
				    void *ctx, kn_error *err)
{
	static const char what[] = "cannot count the categories";
	kn_buf sql = KN_BUF_INIT;
	kn_pick_sel p;
	sqlite3_stmt *q;
	kn_status s;
	int rc = SQLITE_DONE, stop = 0;

	if ((s = kn_pick_sel_open(st, f, &p, err)) != KN_OK)
		return s;
	/* by the case-blind category index, as --category compares; the
	 * spelling shown is the least (map_pick.c does the same) */
	kn_buf_puts(&sql, "SELECT min(s.category), count(*) FROM signals s WHERE 1");
	if (key) {
		kn_buf_puts(&sql, " AND s.sid IN (SELECT sid FROM roles WHERE"
				  " role IN ('winner', 'loser') AND aid IN (");
		group_aids(&sql, 1);
		kn_buf_puts(&sql, "))");
	}
	kn_pick_sel_where(&p, &sql);
	kn_buf_puts(&sql, " GROUP BY s.category COLLATE NOCASE ORDER BY 2 DESC, 1");
	if ((s = prepare(st, &sql, what, &q, err)) != KN_OK) {
		kn_pick_sel_close(st, &p);
		return s;
	}
	if (key)
		sqlite3_bind_text(q, 1, key, -1, SQLITE_TRANSIENT);
	kn_pick_sel_bind(q, &p.f, key ? 2 : 1);
	while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW)
		stop = each(ctx, (const char *)sqlite3_column_text(q, 0),
			    (long)sqlite3_column_int64(q, 1));
	s = kn_store_rows_done(st, q, rc, stop, what, err);
	kn_pick_sel_close(st, &p);
	return s;
}
