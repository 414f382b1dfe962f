/* The SQLite backend's rows for converge and path (kn_storage.h,
 * knockon/converge.h): the effects reaching an actor, a card's own
 * links, and the cards naming an actor (the converge pass itself is
 * store_converge_scan.c). */
#include "store_converge.h"

#include "schema.h"

#include <string.h>

/* An actor key made canonical: the alias it resolves to, or itself. */
#define CANON(t) "COALESCE((SELECT canonical_key FROM aliases WHERE key = " t \
		 ".key), " t ".key)"

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
