/* The SQLite backend's operations of exposure (kn_storage.h): every role
 * and every link in force by which the selected signals reach an actor,
 * read narrow (signal row, date, order, effect id, role, weight) from
 * roles_by_actor and effect_links_by_actor, which cover them at schema 6;
 * then, for the rows the answer shows only, the signal's and the
 * effect's own columns. */
#include <stdlib.h>
#include <string.h>

#include "links.h"

#include "schema.h"

/* The actor group: its canonical key ?1 and every alias of it. */
static const char group_sql[] =
	"WITH g(k) AS (SELECT ?1 UNION SELECT key FROM aliases"
	" WHERE canonical_key = ?1) ";
#define GROUP_AIDS \
	" AND r.aid IN (SELECT aid FROM actors WHERE key IN (SELECT k FROM g))"
#define SIGNAL_BASE \
	"COALESCE(s.score, 50) * COALESCE(s.confidence, 50) *" \
	" COALESCE(s.impact, 50)"
/* by aid, so that SQLite reads roles_by_actor for those actors only;
 * schema 6: the role's copies of its signal's date and weight */
static const char roles_narrow[] =
	"SELECT r.sid, r.published, 0, NULL, r.role, NULL, r.base, NULL, r.aid"
	" FROM roles r WHERE r.role IN ('winner', 'loser')" GROUP_AIDS;
static const char roles_joined[] =
	"SELECT r.sid, s.published, 0, NULL, r.role, NULL, " SIGNAL_BASE ","
	" NULL, r.aid FROM roles r JOIN signals s ON s.sid = r.sid"
	" WHERE r.role IN ('winner', 'loser')" GROUP_AIDS;
static const char links_narrow[] =
	"SELECT l.sid, l.published, l.ord, l.eid, l.role, l.provenance, l.base,"
	" l.key, 0 FROM effect_links l"
	" WHERE l.rejected = 0 AND l.key IN (SELECT k FROM g)";
/* schema 5 has the order and the weight in the link, not the date */
static const char links_joined_v5[] =
	"SELECT l.sid, s.published, l.ord, l.eid, l.role, l.provenance, l.base,"
	" l.key, 0 FROM effect_links l JOIN signals s ON s.sid = l.sid"
	" WHERE l.rejected = 0 AND l.key IN (SELECT k FROM g)";
static const char links_joined[] =
	"SELECT l.sid, s.published, e.ord, l.eid, l.role, l.provenance, "
	SIGNAL_BASE ", l.key, 0 FROM effect_links l"
	" JOIN effects e ON e.sid = l.sid AND e.eid = l.eid"
	" JOIN signals s ON s.sid = l.sid"
	" WHERE l.rejected = 0 AND l.key IN (SELECT k FROM g)";

/* The tables' CHECKs allow winner, loser or named; and card or detected:
 * the first letter tells them apart (a way is read per row, hundreds of
 * thousands for a busy actor). */
static int role_code(const char *role)
{
	return !role ? KN_WAY_NAMED
		     : role[0] == 'l' ? KN_WAY_LOSER
		     : role[0] == 'w' ? KN_WAY_WINNER : KN_WAY_NAMED;
}

/* The way in q's row, in the columns of roles_narrow and links_narrow. */
static void way_of(sqlite3_stmt *q, kn_way *w)
{
	const char *via = (const char *)sqlite3_column_text(q, 5);

	w->sid = sqlite3_column_int64(q, 0);
	w->published = (const char *)sqlite3_column_text(q, 1);
	w->order = sqlite3_column_int(q, 2);
	w->effect = (const char *)sqlite3_column_text(q, 3);
	w->role = role_code((const char *)sqlite3_column_text(q, 4));
	w->via = !via ? KN_WAY_ROLE : via[0] == 'c' ? KN_WAY_CARD : KN_WAY_DETECTED;
	w->base = sqlite3_column_int64(q, 6);
	w->key = (const char *)sqlite3_column_text(q, 7);
	w->aid = sqlite3_column_int64(q, 8);
}

static kn_status read_ways(kn_store *st, const char *select, const char *alias,
			   const char *key, const kn_filter *f, kn_way_fn each,
			   void *ctx, kn_error *err)
{
	static const char what[] = "cannot read the exposure";
	kn_buf sql = KN_BUF_INIT;
	sqlite3_stmt *q;
	kn_status s;
	int rc, stop = 0;

	kn_buf_puts(&sql, group_sql);
	kn_buf_puts(&sql, select);
	kn_filter_sql(f, alias, &sql);
	if ((s = kn_store_stmt_buf(st, &sql, what, &q, err)))
		return s;
	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	kn_filter_bind(q, f, 2);
	while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		kn_way w;

		way_of(q, &w);
		stop = each(ctx, &w);
	}
	return kn_store_rows_done(st, q, rc, stop, what, err);
}

kn_status kn_sqlite_exposure_ways(kn_store *st, const char *key,
				  const kn_filter *f, kn_way_fn each,
				  void *ctx, kn_error *err)
{
	int version = kn_schema_version(kn_store_db(st));
	/* a category or a score needs the signal's own columns; so does a
	 * corpus read as it is at an older schema (no copies, or no links
	 * at all before version 2) */
	int narrow = version >= 6 && !(f && (f->n_categories || f->min_score > 0));
	const char *links = narrow ? links_narrow
			    : version >= 5 ? links_joined_v5 : links_joined;
	kn_status s;

	s = read_ways(st, narrow ? roles_narrow : roles_joined, narrow ? "r" : "s",
		      key, f, each, ctx, err);
	if (!s && version >= 2)
		s = read_ways(st, links, narrow ? "l" : "s", key, f, each, ctx, err);
	return s;
}

/* The sums of one name's ways: its roles, a role of a signal once
 * however often the card names the actor in it (as kn_xways_read's
 * dedupe; in sid order the repeats are neighbours), and its links (one
 * per effect and key already).  Two integers a row, summed here: an SQL
 * GROUP BY sorts every row first.  Several names of a group can reach
 * one effect or role apart, which only the ways show: then *done stays 0. */
static const char one_name_sql[] =
	"SELECT 1 FROM aliases WHERE canonical_key = ?1 LIMIT 1";
static const char role_sums_sql[] =
	"SELECT 0, r.sid, r.base FROM roles r WHERE r.role = ?1 AND r.aid ="
	" (SELECT aid FROM actors WHERE key = ?2)";
static const char role_sums_tail[] = " ORDER BY r.sid";
static const char link_sums_sql[] =
	"SELECT l.ord, l.sid, l.base FROM effect_links l"
	" WHERE l.rejected = 0 AND l.key = ?2";

static kn_status sum_ways(kn_store *st, const char *head, const char *alias,
			  const char *tail, const char *role, const char *key,
			  const kn_filter *f, long long *rows, long long *base,
			  int n, int *max_order, int *fits, kn_error *err)
{
	static const char what[] = "cannot sum the exposure";
	kn_buf sql = KN_BUF_INIT;
	sqlite3_stmt *q;
	kn_status s;
	int rc, first = 1;
	kn_row last = 0;

	kn_buf_puts(&sql, head);
	kn_filter_sql(f, alias, &sql);
	kn_buf_puts(&sql, tail);
	if ((s = kn_store_stmt_buf(st, &sql, what, &q, err)))
		return s;
	if (role)
		sqlite3_bind_text(q, 1, role, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, key, -1, SQLITE_STATIC);
	kn_filter_bind(q, f, 3);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int k = sqlite3_column_int(q, 0);
		kn_row sid = sqlite3_column_int64(q, 1);

		if (role && !first && sid == last) /* the same role again */
			continue;
		first = 0;
		last = sid;
		if (k < 0 || k >= n) {
			*fits = 0;
			continue;
		}
		rows[k]++;
		base[k] += sqlite3_column_int64(q, 2);
		if (k > *max_order)
			*max_order = k;
	}
	return kn_store_rows_done(st, q, rc, 0, what, err);
}

kn_status kn_sqlite_exposure_sums(kn_store *st, const char *key,
				  const kn_filter *f, long long *rows,
				  long long *base, int n, int *max_order,
				  int *done, kn_error *err)
{
	static const char what[] = "cannot read the corpus's aliases";
	sqlite3_stmt *q;
	kn_status s;
	int rc, fits = 1;

	*done = 0;
	*max_order = 0;
	memset(rows, 0, (size_t)n * sizeof *rows);
	memset(base, 0, (size_t)n * sizeof *base);
	/* the copies of schema 6, and no column of the signals' own */
	if (kn_schema_version(kn_store_db(st)) < 6 ||
	    (f && (f->n_categories || f->min_score > 0)))
		return KN_OK;
	if ((s = kn_store_stmt(st, one_name_sql, what, &q, err)))
		return s;
	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		return kn_store_rows_done(st, q, SQLITE_DONE, 0, what, err);
	if ((s = kn_store_rows_done(st, q, rc, 0, what, err)) ||
	    (s = sum_ways(st, role_sums_sql, "r", role_sums_tail, "winner", key,
			  f, rows, base, n, max_order, &fits, err)) ||
	    (s = sum_ways(st, role_sums_sql, "r", role_sums_tail, "loser", key,
			  f, rows, base, n, max_order, &fits, err)) ||
	    (s = sum_ways(st, link_sums_sql, "l", "", NULL, key, f, rows, base,
			  n, max_order, &fits, err)))
		return s;
	*done = fits;
	return KN_OK;
}

/* The newest ways of one name: the signals newest first from
 * signals_by_published (undated last), each asked for the name's roles
 * (one per role: a card may name the actor twice in one) and links. */
static const char walk_sql[] =
	"SELECT sid, published FROM signals INDEXED BY signals_by_published"
	" ORDER BY published DESC, id";
static const char walk_aid_sql[] = "SELECT aid FROM actors WHERE key = ?1";
static const char walk_roles_sql[] =
	"SELECT r.sid, r.published, 0, NULL, r.role, NULL, r.base, NULL, r.aid"
	" FROM roles r WHERE r.sid = ?1 AND r.aid = ?2 GROUP BY r.role";
static const char walk_links_sql[] =
	"SELECT l.sid, l.published, l.ord, l.eid, l.role, l.provenance, l.base,"
	" l.key, 0 FROM effect_links l WHERE l.sid = ?1 AND l.key = ?2"
	" AND l.rejected = 0";

/* Every way of signal sid: its roles (aid, when the name has an actor
 * row), then its links; *n counts them. */
static kn_status walk_signal(kn_store *st, kn_row sid, kn_row aid,
			     const char *key, kn_way_fn each, void *ctx,
			     size_t *n, kn_error *err)
{
	static const char what[] = "cannot read the exposure";
	sqlite3_stmt *q;
	kn_status s = KN_OK;
	int rc, stop = 0, pass;

	for (pass = aid ? 0 : 1; !s && pass < 2; pass++) {
		if ((s = kn_store_stmt(st, pass ? walk_links_sql : walk_roles_sql,
				       what, &q, err)))
			return s;
		sqlite3_bind_int64(q, 1, sid);
		if (pass)
			sqlite3_bind_text(q, 2, key, -1, SQLITE_STATIC);
		else
			sqlite3_bind_int64(q, 2, aid);
		while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
			kn_way w;

			way_of(q, &w);
			stop = each(ctx, &w);
			++*n;
		}
		s = kn_store_rows_done(st, q, rc, stop, what, err);
	}
	return s;
}

kn_status kn_sqlite_exposure_newest(kn_store *st, const char *key, size_t upto,
				    size_t max_signals, kn_way_fn each,
				    void *ctx, int *done, kn_error *err)
{
	static const char what[] = "cannot read the exposure";
	sqlite3_stmt *q, *w;
	kn_status s;
	kn_row aid = 0;
	size_t n = 0, walked = 0;
	char *last = NULL; /* the date the upto-th way came in */
	int rc, have_last = 0, cut = 0;

	*done = 0;
	if (kn_schema_version(kn_store_db(st)) < 6 ||
	    !kn_store_has_index(st, "signals_by_published"))
		return KN_OK;
	if ((s = kn_store_stmt(st, walk_aid_sql, what, &q, err)))
		return s;
	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(q)) == SQLITE_ROW)
		aid = sqlite3_column_int64(q, 0);
	if ((s = kn_store_rows_done(st, q, rc == SQLITE_ROW ? SQLITE_DONE : rc, 0,
				    what, err)))
		return s;
	if ((s = kn_store_stmt(st, walk_sql, what, &w, err)))
		return s;
	while (!s && (rc = sqlite3_step(w)) == SQLITE_ROW) {
		const char *date = (const char *)sqlite3_column_text(w, 1);

		/* the ways of the upto-th way's date all in, then stop */
		if (have_last && !(date && last && strcmp(date, last) == 0) &&
		    !(!date && !last))
			break;
		if (walked++ == max_signals) {
			cut = 1;
			break;
		}
		s = walk_signal(st, sqlite3_column_int64(w, 0), aid, key, each, ctx,
				&n, err);
		if (!s && !have_last && n >= upto) {
			have_last = 1;
			if (date && !(last = strdup(date)))
				s = kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
						 "out of memory");
		}
	}
	/* stopped past the date, or the corpus walked to its end */
	if (!s)
		*done = rc == SQLITE_DONE || (rc == SQLITE_ROW && have_last && !cut);
	if (!s && rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = kn_store_fail(st, err, what);
	kn_store_stmt_done(st, w);
	free(last);
	return s;
}

static kn_status dup_column(sqlite3_stmt *q, int i, char **out, kn_error *err)
{
	const char *v = (const char *)sqlite3_column_text(q, i);

	if (!out)
		return KN_OK;
	if (!v) {
		*out = NULL;
		return KN_OK;
	}
	return (*out = strdup(v)) ? KN_OK
				  : kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
						 "out of memory");
}

static int column_number(sqlite3_stmt *q, int i)
{
	return sqlite3_column_type(q, i) == SQLITE_NULL ? KN_ABSENT
						       : sqlite3_column_int(q, i);
}

/* Runs the one-row statement sql with ?1 = sid (and ?2 = t2, ?3 = t3
 * when not NULL); the caller reads the row, then calls
 * kn_store_stmt_done.  KN_ERR_NOTFOUND when there is no row: only in a
 * corpus edited by hand (a signal row deleted), whose ways of a signal
 * that is gone the caller leaves out of what it shows. */
static kn_status one_row(kn_store *st, const char *sql, kn_row sid,
			 const char *t2, const char *t3, sqlite3_stmt **q,
			 kn_error *err)
{
	static const char what[] = "cannot read the exposure";
	kn_status s;
	int rc;

	if ((s = kn_store_stmt(st, sql, what, q, err)))
		return s;
	sqlite3_bind_int64(*q, 1, sid);
	if (t2)
		sqlite3_bind_text(*q, 2, t2, -1, SQLITE_STATIC);
	if (t3)
		sqlite3_bind_text(*q, 3, t3, -1, SQLITE_STATIC);
	rc = sqlite3_step(*q);
	if (rc == SQLITE_ROW)
		return KN_OK;
	s = rc == SQLITE_DONE ? KN_ERR_NOTFOUND : kn_store_fail(st, err, what);
	kn_store_stmt_done(st, *q);
	*q = NULL;
	return s;
}

kn_status kn_sqlite_exposure_signal(kn_store *st, kn_row sid, char **id,
				    char **title, char **published,
				    int *numbers, kn_error *err)
{
	sqlite3_stmt *q;
	kn_status s;
	int i;

	if ((s = one_row(st, title || published || numbers
				 ? "SELECT id, title, published, score, confidence,"
				   " impact FROM signals WHERE sid = ?1"
				 : "SELECT id FROM signals WHERE sid = ?1",
			 sid, NULL, NULL, &q, err)))
		return s;
	s = dup_column(q, 0, id, err);
	if (!s && title)
		s = dup_column(q, 1, title, err);
	if (!s && published)
		s = dup_column(q, 2, published, err);
	for (i = 0; !s && numbers && i < 3; i++)
		numbers[i] = column_number(q, 3 + i);
	kn_store_stmt_done(st, q);
	return s;
}

kn_status kn_sqlite_exposure_effect(kn_store *st, kn_row sid, const char *eid,
				    int *position, char **text, kn_error *err)
{
	sqlite3_stmt *q;
	kn_status s;

	if ((s = one_row(st, text ? "SELECT position, text FROM effects"
				    " WHERE sid = ?1 AND eid = ?2"
				  : "SELECT position FROM effects"
				    " WHERE sid = ?1 AND eid = ?2",
			 sid, eid, NULL, &q, err)))
		return s;
	*position = sqlite3_column_int(q, 0);
	s = dup_column(q, 1, text, err);
	kn_store_stmt_done(st, q);
	return s;
}

kn_status kn_sqlite_exposure_name(kn_store *st, const kn_way *w, char **name,
				  kn_error *err)
{
	sqlite3_stmt *q;
	kn_status s;

	s = w->key ? one_row(st, "SELECT name FROM effect_links WHERE sid = ?1"
				 " AND eid = ?2 AND key = ?3",
			     w->sid, w->effect, w->key, &q, err)
		   : one_row(st, "SELECT name FROM actors WHERE aid = ?1", w->aid,
			     NULL, NULL, &q, err);
	if (s)
		return s;
	s = dup_column(q, 0, name, err);
	kn_store_stmt_done(st, q);
	return s;
}
