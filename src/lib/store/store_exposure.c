/* The SQLite backend's rows of exposure (kn_storage.h): every role and
 * every link in force by which the selected signals reach an actor. */
#include "links.h"

#include "schema.h"

/* The actor group: its canonical key ?1 and every alias of it. */
static const char group_sql[] =
	"WITH g(k) AS (SELECT ?1 UNION SELECT key FROM aliases"
	" WHERE canonical_key = ?1) ";
static const char roles_sql[] =
	"SELECT s.id, s.title, s.published, s.score, s.confidence, s.impact,"
	" 0 AS ord, r.role, 'role', NULL, NULL, a.name, 0 AS pos"
	" FROM roles r JOIN actors a ON a.aid = r.aid"
	" JOIN signals s ON s.sid = r.sid"
	/* by aid, so that SQLite reads roles_by_actor for those actors only
	 * (a.key IN ... made it read every role: 90 ms -> 0.7 ms at 100k) */
	" WHERE r.role IN ('winner', 'loser')"
	" AND r.aid IN (SELECT aid FROM actors WHERE key IN (SELECT k FROM g))";
static const char links_sql[] =
	" UNION ALL SELECT s.id, s.title, s.published, s.score, s.confidence,"
	" s.impact, e.ord, l.role, l.provenance, l.eid, e.text, l.name,"
	" e.position FROM effect_links l"
	" JOIN effects e ON e.sid = l.sid AND e.eid = l.eid"
	" JOIN signals s ON s.sid = l.sid"
	" WHERE l.rejected = 0 AND l.key IN (SELECT k FROM g)";
/* published descending, id, order, effect position, role */
static const char order_sql[] = " ORDER BY 3 DESC, 1, 7, 13, 8";

static int column_int(sqlite3_stmt *q, int i)
{
	return sqlite3_column_type(q, i) == SQLITE_NULL ? KN_ABSENT
						       : sqlite3_column_int(q, i);
}

static const char *column_text(sqlite3_stmt *q, int i)
{
	return (const char *)sqlite3_column_text(q, i);
}

static kn_status prepare(kn_store *st, const kn_filter *f, int links,
			 sqlite3_stmt **q, kn_error *err)
{
	kn_buf sql = KN_BUF_INIT;
	kn_status s;

	kn_buf_puts(&sql, group_sql);
	kn_buf_puts(&sql, roles_sql);
	kn_filter_sql(f, "s", &sql);
	if (links) {
		kn_buf_puts(&sql, links_sql);
		kn_filter_sql(f, "s", &sql);
	}
	kn_buf_puts(&sql, order_sql);
	if (kn_buf_failed(&sql))
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
				    "out of memory");
	s = kn_store_stmt(st, kn_buf_cstr(&sql), "cannot read the exposure", q,
			  err);
	kn_buf_release(&sql);
	return s;
}

kn_status kn_sqlite_exposure_rows(kn_store *st, const char *key,
				  const kn_filter *f, kn_reach_fn each,
				  void *ctx, kn_error *err)
{
	/* a corpus from before links, read only, has roles alone */
	int links = kn_schema_version(kn_store_db(st)) >= 2, rc, i;
	sqlite3_stmt *q;
	kn_status s;

	if ((s = prepare(st, f, links, &q, err)))
		return s;
	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	i = kn_filter_bind(q, f, 2);
	if (links)
		kn_filter_bind(q, f, i);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		kn_reach r;

		r.signal = column_text(q, 0);
		r.title = column_text(q, 1);
		r.published = column_text(q, 2);
		r.score = column_int(q, 3);
		r.confidence = column_int(q, 4);
		r.impact = column_int(q, 5);
		r.order = sqlite3_column_int(q, 6);
		r.role = column_text(q, 7);
		r.via = column_text(q, 8);
		r.effect = column_text(q, 9);
		r.text = column_text(q, 10);
		r.name = column_text(q, 11);
		if (each(ctx, &r))
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = kn_store_fail(st, err, "cannot read the exposure");
	kn_store_stmt_done(st, q);
	return s;
}
