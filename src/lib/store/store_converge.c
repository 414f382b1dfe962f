/* The SQLite backend's rows for converge and path (kn_storage.h,
 * knockon/converge.h): the links in force of high-order effects, a
 * card's own links, and the cards naming an actor. */
#include "store_converge.h"

#include "schema.h"

#include <string.h>

/* An actor key made canonical: the alias it resolves to, or itself. */
#define CANON(t) "COALESCE((SELECT canonical_key FROM aliases WHERE key = " t \
		 ".key), " t ".key)"

/* converge_rows reads three tables in row order side by side (a merge,
 * not a lookup per link): the links in force, the effects of high order,
 * and the signals the filter selects. */
static const char converge_links_sql[] =
	"SELECT l.sid, l.eid, " CANON("l") ", l.name FROM effect_links l"
	" WHERE l.rejected = 0 ORDER BY l.sid, l.eid, l.key";
static const char converge_effects_sql[] =
	"SELECT sid, eid, ord FROM effects WHERE ord >= ?1 ORDER BY sid, eid";
static const char converge_signals_sql[] =
	"SELECT s.sid, s.id, s.published, s.score, s.confidence, s.impact"
	" FROM signals s WHERE 1";

static int column_int(sqlite3_stmt *q, int i)
{
	return sqlite3_column_type(q, i) == SQLITE_NULL ? KN_ABSENT
						       : sqlite3_column_int(q, i);
}

static const char *column_text(sqlite3_stmt *q, int i)
{
	return (const char *)sqlite3_column_text(q, i);
}

static kn_status prepare(kn_store *st, const char *head, const kn_filter *f,
			 const char *tail, const char *what, sqlite3_stmt **q,
			 kn_error *err)
{
	kn_buf sql = KN_BUF_INIT;
	kn_status s;

	kn_buf_puts(&sql, head);
	kn_filter_sql(f, "s", &sql);
	kn_buf_puts(&sql, tail);
	if (kn_buf_failed(&sql))
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
				    "out of memory");
	s = kn_store_stmt(st, kn_buf_cstr(&sql), what, q, err);
	kn_buf_release(&sql);
	return s;
}

/* A corpus from before links (read only) has none to converge. */
static int has_links(kn_store *st)
{
	return kn_schema_version(kn_store_db(st)) >= 2;
}

/* Steps q while its (sid, eid) is before (sid, eid); rc its last step.
 * eid NULL: compares sids only.  1 when q is at (sid, eid). */
static int seek(sqlite3_stmt *q, int *rc, sqlite3_int64 sid, const char *eid)
{
	for (; *rc == SQLITE_ROW; *rc = sqlite3_step(q)) {
		sqlite3_int64 at = sqlite3_column_int64(q, 0);
		int c = at < sid ? -1 : at > sid;

		if (!c && eid)
			c = strcmp(column_text(q, 1), eid);
		if (c >= 0)
			return c == 0;
	}
	return 0;
}

static kn_status converge_merge(kn_store *st, sqlite3_stmt *l, sqlite3_stmt *e,
				sqlite3_stmt *g, kn_converge_row_fn each,
				void *ctx, kn_error *err)
{
	int rl, re = sqlite3_step(e), rg = sqlite3_step(g);

	while ((rl = sqlite3_step(l)) == SQLITE_ROW) {
		sqlite3_int64 sid = sqlite3_column_int64(l, 0);
		const char *eid = column_text(l, 1);

		if (!seek(e, &re, sid, eid) || !seek(g, &rg, sid, NULL))
			continue;
		if (each(ctx, sid, column_text(g, 1), column_text(g, 2), eid,
			 column_text(l, 2), column_text(l, 3), column_int(g, 3),
			 column_int(g, 4), column_int(g, 5),
			 sqlite3_column_int(e, 2)))
			return KN_OK;
		if ((re != SQLITE_ROW && re != SQLITE_DONE) ||
		    (rg != SQLITE_ROW && rg != SQLITE_DONE))
			break;
	}
	if ((rl != SQLITE_ROW && rl != SQLITE_DONE) ||
	    (re != SQLITE_ROW && re != SQLITE_DONE) ||
	    (rg != SQLITE_ROW && rg != SQLITE_DONE))
		return kn_store_fail(st, err, "cannot read the links for converge");
	return KN_OK;
}

kn_status kn_sqlite_converge_rows(kn_store *st, int min_order,
				  const kn_filter *f, kn_converge_row_fn each,
				  void *ctx, kn_error *err)
{
	static const char what[] = "cannot read the links for converge";
	sqlite3_stmt *l = NULL, *e = NULL, *g = NULL;
	kn_status s;

	if (!has_links(st))
		return KN_OK;
	if ((s = kn_store_stmt(st, converge_links_sql, what, &l, err)) ||
	    (s = kn_store_stmt(st, converge_effects_sql, what, &e, err)) ||
	    (s = prepare(st, converge_signals_sql, f, " ORDER BY s.sid", what, &g,
			 err)))
		goto done;
	sqlite3_bind_int(e, 1, min_order);
	kn_filter_bind(g, f, 1);
	s = converge_merge(st, l, e, g, each, ctx, err);
done:
	if (l)
		kn_store_stmt_done(st, l);
	if (e)
		kn_store_stmt_done(st, e);
	if (g)
		kn_store_stmt_done(st, g);
	return s;
}

/* A card's own links: its effects with their causes (position order),
 * its winners then losers, then the links in force of its effects. */
static const char edges_sql[] =
	"SELECT 0, c.cause, e.eid, NULL, e.position AS p, c.position AS q"
	" FROM effects e LEFT JOIN effect_causes c"
	" ON c.sid = e.sid AND c.eid = e.eid WHERE e.sid = ?1"
	" UNION ALL SELECT CASE r.role WHEN 'winner' THEN 1 ELSE 2 END, NULL, "
	CANON("a") ", a.name, r.position, 0"
	" FROM roles r JOIN actors a ON a.aid = r.aid WHERE r.sid = ?1";
static const char edges_links_sql[] =
	" UNION ALL SELECT 3, l.eid, " CANON("l") ", l.name, e.position,"
	" CASE l.provenance WHEN 'card' THEN -1 ELSE l.match_offset END"
	" FROM effect_links l JOIN effects e ON e.sid = l.sid AND e.eid = l.eid"
	" WHERE l.sid = ?1 AND l.rejected = 0";

kn_status kn_sqlite_card_edges(kn_store *st, kn_row sid, kn_card_edge_fn each,
			       void *ctx, kn_error *err)
{
	static const char what[] = "cannot read a card's links";
	kn_buf sql = KN_BUF_INIT;
	sqlite3_stmt *q;
	kn_status s;
	int rc;

	kn_buf_puts(&sql, edges_sql);
	if (has_links(st))
		kn_buf_puts(&sql, edges_links_sql);
	kn_buf_puts(&sql, " ORDER BY 1, 5, 6, 3");
	if (kn_buf_failed(&sql))
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
				    "out of memory");
	s = kn_store_stmt(st, kn_buf_cstr(&sql), what, &q, err);
	kn_buf_release(&sql);
	if (s)
		return s;
	sqlite3_bind_int64(q, 1, sid);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int k = sqlite3_column_int(q, 0);

		if (each(ctx, k == 0 ? KN_EDGE_CAUSE : k == 3 ? KN_EDGE_LINK
							      : KN_EDGE_ROLE,
			 column_text(q, 1), column_text(q, 2), column_text(q, 3)))
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = kn_store_fail(st, err, what);
	kn_store_stmt_done(st, q);
	return s;
}

/* The cards naming the actor group ?1: in a role, or by a link in force. */
static const char cards_sql[] =
	"WITH g(k) AS (SELECT ?1 UNION SELECT key FROM aliases"
	" WHERE canonical_key = ?1)"
	" SELECT s.sid, s.id FROM signals s WHERE s.sid IN ("
	/* by aid, so that roles_by_actor (role, aid, sid) finds the rows */
	"SELECT r.sid FROM roles r WHERE r.role IN ('winner', 'loser')"
	" AND r.aid IN (SELECT aid FROM actors WHERE key IN (SELECT k FROM g))";
static const char cards_links_sql[] =
	" UNION SELECT l.sid FROM effect_links l"
	" WHERE l.key IN (SELECT k FROM g) AND l.rejected = 0";

kn_status kn_sqlite_actor_cards(kn_store *st, const char *key,
				const kn_filter *f, kn_card_fn each, void *ctx,
				kn_error *err)
{
	static const char what[] = "cannot read an actor's cards";
	kn_buf head = KN_BUF_INIT;
	sqlite3_stmt *q;
	kn_status s;
	int rc;

	kn_buf_puts(&head, cards_sql);
	if (has_links(st))
		kn_buf_puts(&head, cards_links_sql);
	kn_buf_puts(&head, ")");
	s = kn_buf_failed(&head)
		    ? kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory")
		    : prepare(st, kn_buf_cstr(&head), f,
			      " ORDER BY s.published DESC, s.id", what, &q, err);
	kn_buf_release(&head);
	if (s)
		return s;
	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	kn_filter_bind(q, f, 2);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		if (each(ctx, sqlite3_column_int64(q, 0), column_text(q, 1)))
			break;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = kn_store_fail(st, err, what);
	kn_store_stmt_done(st, q);
	return s;
}

kn_status kn_sqlite_signal_row(kn_store *st, const char *id, kn_row *sid,
			       kn_error *err)
{
	static const char what[] = "cannot read a signal";
	sqlite3_stmt *q;
	kn_status s;
	int rc;

	*sid = 0;
	if ((s = kn_store_stmt(st, "SELECT sid FROM signals WHERE id = ?1"
			       " ORDER BY sid", what, &q, err)))
		return s;
	sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(q)) == SQLITE_ROW)
		*sid = sqlite3_column_int64(q, 0);
	else if (rc != SQLITE_DONE)
		s = kn_store_fail(st, err, what);
	kn_store_stmt_done(st, q);
	return s;
}

/* The effects of order ?2 or more reaching the actor group ?1. */
static const char via_sql[] =
	"WITH g(k) AS (SELECT ?1 UNION SELECT key FROM aliases"
	" WHERE canonical_key = ?1)"
	" SELECT s.id, s.title, s.published, s.score, s.confidence, s.impact,"
	" e.ord, l.role, l.provenance, l.eid, e.text, l.name, e.position"
	" FROM effect_links l"
	" JOIN effects e ON e.sid = l.sid AND e.eid = l.eid"
	" JOIN signals s ON s.sid = l.sid"
	" WHERE l.rejected = 0 AND l.key IN (SELECT k FROM g) AND e.ord >= ?2";

kn_status kn_sqlite_converge_via(kn_store *st, const char *key, int min_order,
				 const kn_filter *f, kn_reach_fn each, void *ctx,
				 kn_error *err)
{
	static const char what[] = "cannot read the effects reaching an actor";
	sqlite3_stmt *q;
	kn_status s;
	int rc;

	if (!has_links(st))
		return KN_OK;
	if ((s = prepare(st, via_sql, f, " ORDER BY 3 DESC, 1, 7, 13, 12", what,
			 &q, err)))
		return s;
	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 2, min_order);
	kn_filter_bind(q, f, 3);
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
		s = kn_store_fail(st, err, what);
	kn_store_stmt_done(st, q);
	return s;
}
