/* The SQLite backend's links for converge (kn_storage.h converge_links
 * and converge_actor, docs/ripple.md): at schema 5 one pass over
 * effect_links_by_actor (key, sid, eid, rejected, ord, base), which holds
 * each link's order and weight, in actor order; the links of the actors
 * an alias joins are kept aside and given after, one run per group.  A
 * corpus read as it is at an older schema is read through joins. */
#include "store_converge.h"

#include <stdlib.h>
#include <string.h>

#include "links.h"
#include "schema.h"

/* An actor key made canonical: the alias it resolves to, or itself. */
#define CANON(t) "COALESCE((SELECT canonical_key FROM aliases WHERE key = " t \
		 ".key), " t ".key)"
#define BASE_OF(s) "COALESCE(" s ".score, 50) * COALESCE(" s ".confidence, 50)" \
		   " * COALESCE(" s ".impact, 50)"

/* order 2 or more (the default) reads effect_links_reach, whose terms
 * the query must repeat as written; order 1 effect_links_by_actor */
static const char scan_sql[] =
	"SELECT key, sid, eid, ord, base FROM effect_links"
	" WHERE rejected = 0 AND ord >= ?1 ORDER BY key, sid, eid";
static const char scan2_sql[] =
	"SELECT key, sid, eid, ord, base FROM effect_links"
	" INDEXED BY effect_links_reach"
	" WHERE rejected = 0 AND ord >= 2 AND ord >= ?1 ORDER BY key, sid, eid";
static const char aliases_sql[] =
	"SELECT key, canonical_key FROM aliases ORDER BY key";
static const char selected_sql[] = "SELECT s.sid FROM signals s WHERE 1";
/* before schema 5: the same rows through joins, sorted */
static const char old_sql[] =
	"SELECT " CANON("l") " AS k, l.sid, l.eid, e.ord, " BASE_OF("s")
	" FROM effect_links l JOIN effects e ON e.sid = l.sid AND e.eid = l.eid"
	" JOIN signals s ON s.sid = l.sid WHERE l.rejected = 0 AND e.ord >= ?1";

static kn_status max_sid(kn_store *st, kn_row *out, kn_error *err);

static kn_status nomem(kn_error *err)
{
	return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
}

/* A link of an actor an alias joins, kept for after the pass. */
typedef struct held {
	const char *canon; /* borrowed: from the alias map, or key */
	char *key, *eid;
	kn_row sid;
	int ord;
	long base;
} held;

typedef struct scan {
	kn_store *st;
	char **alias, **canon; /* alias keys -> canonical keys, by key */
	size_t n_alias, cap_alias, cap_canon;
	char **member;         /* every key of a group: both sides, sorted */
	size_t n_member, cap_member;
	unsigned char *selected; /* a bit per signal row; NULL: all */
	kn_row max_sid;
	held *h;
	size_t n_h, cap_h;
} scan;

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int has(char *const *v, size_t n, const char *key)
{
	return n && bsearch(&key, v, n, sizeof *v, by_str) != NULL;
}

static kn_status load_aliases(scan *sc, kn_error *err)
{
	sqlite3_stmt *q;
	kn_status s = kn_store_stmt(sc->st, aliases_sql, "cannot read the aliases",
				    &q, err);
	size_t i, k;
	int rc;

	if (s)
		return s;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		char *a = strdup((const char *)sqlite3_column_text(q, 0));
		char *c = strdup((const char *)sqlite3_column_text(q, 1));

		if (!a || !c || KN_GROW(sc->alias, sc->cap_alias, sc->n_alias + 1) ||
		    KN_GROW(sc->canon, sc->cap_canon, sc->n_alias + 1)) {
			free(a);
			free(c);
			rc = SQLITE_NOMEM;
			break;
		}
		sc->alias[sc->n_alias] = a;
		sc->canon[sc->n_alias++] = c;
	}
	kn_store_stmt_done(sc->st, q);
	if (rc != SQLITE_DONE)
		return rc == SQLITE_NOMEM ? nomem(err)
					  : kn_store_fail(sc->st, err, "cannot read the aliases");
	for (i = 0; i < 2 * sc->n_alias; i++)
		if (KN_GROW(sc->member, sc->cap_member, sc->n_member + 1))
			return nomem(err);
		else
			sc->member[sc->n_member++] = i < sc->n_alias
				? sc->alias[i] : sc->canon[i - sc->n_alias];
	if (sc->n_member > 1)
		qsort(sc->member, sc->n_member, sizeof *sc->member, by_str);
	for (i = k = 0; i < sc->n_member; i++)
		if (!k || strcmp(sc->member[k - 1], sc->member[i]))
			sc->member[k++] = sc->member[i];
	sc->n_member = k;
	return KN_OK;
}

/* The signals the filter selects, as bits by row. */
static kn_status load_selected(scan *sc, const kn_filter *f, kn_error *err)
{
	static const char what[] = "cannot read the signals for converge";
	kn_buf sql = KN_BUF_INIT;
	sqlite3_stmt *q = NULL;
	kn_status s;
	int rc;

	if ((s = max_sid(sc->st, &sc->max_sid, err)))
		return s;
	if (!(sc->selected = calloc((size_t)(sc->max_sid / 8) + 1, 1)))
		return nomem(err);
	kn_buf_puts(&sql, selected_sql);
	kn_filter_sql(f, "s", &sql);
	/* an order both date indexes give, so that a filter reads one of
	 * them alone: by sid, SQLite reads the whole table (a bit per row
	 * needs no order, and ties may come in any) */
	kn_buf_puts(&sql, " ORDER BY s.published DESC");
	s = kn_buf_failed(&sql) ? nomem(err)
				: kn_store_stmt(sc->st, kn_buf_cstr(&sql), what, &q, err);
	kn_buf_release(&sql);
	if (s)
		return s;
	kn_filter_bind(q, f, 1);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		kn_row sid = sqlite3_column_int64(q, 0);

		if (sid >= 0 && sid <= sc->max_sid)
			sc->selected[sid / 8] |= (unsigned char)(1u << (sid % 8));
	}
	kn_store_stmt_done(sc->st, q);
	return rc == SQLITE_DONE ? KN_OK : kn_store_fail(sc->st, err, what);
}

static int selected(const scan *sc, kn_row sid)
{
	return !sc->selected || (sid >= 0 && sid <= sc->max_sid &&
				 (sc->selected[sid / 8] >> (sid % 8)) & 1u);
}

static const char *canonical(const scan *sc, const char *key)
{
	const char *const *p = sc->n_alias
		? bsearch(&key, sc->alias, sc->n_alias, sizeof *sc->alias, by_str)
		: NULL;

	return p ? sc->canon[p - (const char *const *)sc->alias] : key;
}

static int hold(scan *sc, sqlite3_stmt *q, const char *key)
{
	held *x;

	if (KN_GROW(sc->h, sc->cap_h, sc->n_h + 1))
		return -1;
	x = &sc->h[sc->n_h];
	x->key = strdup(key);
	x->canon = x->key ? canonical(sc, x->key) : NULL;
	x->eid = strdup((const char *)sqlite3_column_text(q, 2));
	x->sid = sqlite3_column_int64(q, 1);
	x->ord = sqlite3_column_int(q, 3);
	x->base = (long)sqlite3_column_int64(q, 4);
	sc->n_h++;
	return x->key && x->eid ? 0 : -1;
}

/* Canonical key, then signal, effect and key: the order of a run. */
static int by_group(const void *pa, const void *pb)
{
	const held *a = pa, *b = pb;
	int c = strcmp(a->canon, b->canon);

	if (!c)
		c = a->sid < b->sid ? -1 : a->sid > b->sid;
	if (!c)
		c = strcmp(a->eid, b->eid);
	return c ? c : strcmp(a->key, b->key);
}

/* The pass: 1 when each stopped it, -1 on error (out of memory: -2). */
static int pass(scan *sc, sqlite3_stmt *q, kn_converge_link_fn each, void *ctx)
{
	char *last = NULL;
	int rc, aside = 0;

	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(q, 0);
		kn_row sid = sqlite3_column_int64(q, 1);

		if (!key || !selected(sc, sid))
			continue;
		if (!last || strcmp(last, key)) {
			free(last);
			if (!(last = strdup(key)))
				return -2;
			aside = has(sc->member, sc->n_member, key);
		}
		if (aside ? hold(sc, q, key) : 0) {
			free(last);
			return -2;
		}
		/* a key's links are each another effect: no effect id needed */
		if (!aside && each(ctx, sid, NULL, key, sqlite3_column_int(q, 3),
				   (long)sqlite3_column_int64(q, 4))) {
			free(last);
			return 1;
		}
	}
	free(last);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int give_held(scan *sc, kn_converge_link_fn each, void *ctx)
{
	size_t i;

	if (sc->n_h > 1)
		qsort(sc->h, sc->n_h, sizeof *sc->h, by_group);
	for (i = 0; i < sc->n_h; i++)
		if (each(ctx, sc->h[i].sid, sc->h[i].eid, sc->h[i].canon,
			 sc->h[i].ord, sc->h[i].base))
			return 1;
	return 0;
}

static void scan_release(scan *sc)
{
	size_t i;

	for (i = 0; i < sc->n_alias; i++) {
		free(sc->alias[i]);
		free(sc->canon[i]);
	}
	for (i = 0; i < sc->n_h; i++) {
		free(sc->h[i].key);
		free(sc->h[i].eid);
	}
	free(sc->alias);
	free(sc->canon);
	free(sc->member);
	free(sc->selected);
	free(sc->h);
}

/* Before schema 5 (a corpus read as it is): sorted by SQLite. */
static kn_status old_links(kn_store *st, int min_order, const kn_filter *f,
			   kn_converge_link_fn each, void *ctx, kn_error *err)
{
	static const char what[] = "cannot read the links for converge";
	kn_buf sql = KN_BUF_INIT;
	sqlite3_stmt *q = NULL;
	kn_status s;
	int rc;

	kn_buf_puts(&sql, old_sql);
	kn_filter_sql(f, "s", &sql);
	kn_buf_puts(&sql, " ORDER BY 1, l.sid, l.eid, l.key");
	s = kn_buf_failed(&sql) ? nomem(err)
				: kn_store_stmt(st, kn_buf_cstr(&sql), what, &q, err);
	kn_buf_release(&sql);
	if (s)
		return s;
	sqlite3_bind_int(q, 1, min_order);
	kn_filter_bind(q, f, 2);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		if (each(ctx, sqlite3_column_int64(q, 1),
			 (const char *)sqlite3_column_text(q, 2),
			 (const char *)sqlite3_column_text(q, 0),
			 sqlite3_column_int(q, 3), (long)sqlite3_column_int64(q, 4)))
			break;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = kn_store_fail(st, err, what);
	kn_store_stmt_done(st, q);
	return s;
}

kn_status kn_sqlite_converge_links(kn_store *st, int min_order,
				   const kn_filter *f, kn_converge_link_fn each,
				   void *ctx, kn_error *err)
{
	static const char what[] = "cannot read the links for converge";
	int version = kn_schema_version(kn_store_db(st)), rc;
	sqlite3_stmt *q = NULL;
	kn_status s;
	scan sc;

	if (version < 2) /* a corpus from before links has none */
		return KN_OK;
	if (version < 5)
		return old_links(st, min_order, f, each, ctx, err);
	memset(&sc, 0, sizeof sc);
	sc.st = st;
	if (!(s = load_aliases(&sc, err)) &&
	    !(s = kn_filter_empty(f) ? KN_OK : load_selected(&sc, f, err)) &&
	    /* a planner without statistics takes the bigger index (and
	     * neither is there while a bulk load has not finished) */
	    !(s = (min_order >= 2 && kn_store_has_index(st, "effect_links_reach") &&
		   !kn_store_stmt(st, scan2_sql, what, &q, err))
		      ? KN_OK : kn_store_stmt(st, scan_sql, what, &q, err))) {
		sqlite3_bind_int(q, 1, min_order);
		rc = pass(&sc, q, each, ctx);
		kn_store_stmt_done(st, q);
		if (rc == 0)
			rc = give_held(&sc, each, ctx);
		s = rc == -2 ? nomem(err) : rc == -1 ? kn_store_fail(st, err, what)
						   : KN_OK;
	}
	scan_release(&sc);
	return s;
}

/* ---- one actor group's first name linked and newest signal ---- */

#define GROUP "WITH g(k) AS (SELECT ?1 UNION SELECT key FROM aliases" \
	      " WHERE canonical_key = ?1) "
/* ?1 the canonical key, ?2 the order, the filter from ?3 */
static const char name_sql[] =
	GROUP "SELECT l.name FROM effect_links l WHERE l.key IN (SELECT k FROM g)"
	" AND l.rejected = 0 AND ";
/* an actor no alias joins: its links come in order from the index */
static const char name1_sql[] =
	"SELECT l.name FROM effect_links l WHERE l.key = ?1 AND l.rejected = 0"
	" AND ";
static const char name_tail[] = " ORDER BY l.sid, l.eid, l.key LIMIT 1";
/* few signals: read them; many: walk the signals newest first until
 * one is the actor's (signals_by_published) */
static const char newest_few_sql[] =
	GROUP "SELECT s.id FROM signals s WHERE s.sid IN (SELECT l.sid FROM"
	" effect_links l WHERE l.key IN (SELECT k FROM g) AND l.rejected = 0"
	" AND ";
static const char newest_many_sql[] =
	GROUP "SELECT s.id FROM signals s WHERE EXISTS (SELECT 1 FROM"
	" effect_links l WHERE l.sid = s.sid AND l.key IN (SELECT k FROM g)"
	" AND l.rejected = 0 AND ";
static const char newest_tail[] = " ORDER BY s.published DESC, s.id LIMIT 1";

static kn_status max_sid(kn_store *st, kn_row *out, kn_error *err)
{
	sqlite3_stmt *q;
	kn_status s = kn_store_stmt(st, "SELECT max(sid) FROM signals ORDER BY 1",
				    "cannot read the signals", &q, err);
	int rc;

	if (s)
		return s;
	rc = sqlite3_step(q);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
	kn_store_stmt_done(st, q);
	return rc == SQLITE_ROW ? KN_OK : kn_store_fail(st, err, "cannot read the signals");
}

static int has_alias(kn_store *st, const char *key)
{
	sqlite3_stmt *q;
	kn_error err;
	int rc;

	if (kn_store_stmt(st, "SELECT 1 FROM aliases WHERE canonical_key = ?1"
			  " ORDER BY key LIMIT 1", "aliases", &q, &err))
		return 1; /* then the query that works for both */
	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	kn_store_stmt_done(st, q);
	return rc != SQLITE_DONE;
}

/* One text of the first row of head + the order test + the filter
 * (links: inside the parentheses opened by head) + tail into *out. */
static kn_status first_text(kn_store *st, const char *head, int version,
			    const kn_filter *f, int links, const char *tail,
			    const char *key, int min_order, char **out,
			    kn_error *err)
{
	static const char what[] = "cannot read an actor's links";
	kn_buf sql = KN_BUF_INIT;
	sqlite3_stmt *q = NULL;
	kn_status s;
	int rc;

	kn_buf_puts(&sql, head);
	kn_buf_puts(&sql, version >= 5 ? "l.ord >= ?2"
				       : KN_LINK_ORD_SQL("l.sid", "l.eid") " >= ?2");
	if (links && !kn_filter_empty(f)) {
		kn_buf_puts(&sql, " AND l.sid IN (SELECT s.sid FROM signals s WHERE 1");
		kn_filter_sql(f, "s", &sql);
		kn_buf_puts(&sql, ")");
	} else if (!links) {
		kn_buf_puts(&sql, ")");
		kn_filter_sql(f, "s", &sql);
	}
	kn_buf_puts(&sql, tail);
	s = kn_buf_failed(&sql) ? nomem(err)
				: kn_store_stmt(st, kn_buf_cstr(&sql), what, &q, err);
	kn_buf_release(&sql);
	if (s)
		return s;
	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 2, min_order);
	kn_filter_bind(q, f, 3);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW && sqlite3_column_text(q, 0) &&
	    !(*out = strdup((const char *)sqlite3_column_text(q, 0))))
		s = nomem(err);
	else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = kn_store_fail(st, err, what);
	kn_store_stmt_done(st, q);
	return s;
}

kn_status kn_sqlite_converge_actor(kn_store *st, const char *key, int min_order,
				   const kn_filter *f, size_t signals,
				   char **name, char **newest, kn_error *err)
{
	int version = kn_schema_version(kn_store_db(st));
	kn_status s = KN_OK;
	kn_row top = 0;

	if (name)
		*name = NULL;
	if (newest)
		*newest = NULL;
	if (version < 2)
		return KN_OK;
	if (name)
		s = first_text(st, has_alias(st, key) ? name_sql : name1_sql, version,
			       f, 1, name_tail, key, min_order, name, err);
	if (!s && newest)
		s = max_sid(st, &top, err);
	/* reading n signals costs about n, walking them newest first about
	 * top / n: the cheaper, so that neither grows past sqrt(top) */
	if (!s && newest)
		s = first_text(st, (double)signals * (double)signals < (double)top
				   ? newest_few_sql : newest_many_sql, version, f, 0,
			       newest_tail, key, min_order, newest, err);
	return s;
}
