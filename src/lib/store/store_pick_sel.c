/* A big map's selection held as a bit per signal row id (store_pick.h):
 * an --actor's signals read from roles_by_actor once, then tested by
 * the SQL function kn_pick_in(sid) while the other filters' columns are
 * read from a covering index, instead of "sid IN (its signals)", which
 * costs a probe of a temporary index per row or a seek into the table
 * per signal. */
#include "store_pick.h"

#include <stdlib.h>
#include <string.h>

#include "kn_text.h"

kn_status kn_pick_mark(kn_store *st, const char *sql, const kn_filter *f,
		       const char *key, unsigned char *bits, size_t n_bits,
		       kn_error *err)
{
	static const char what[] = "cannot select the signals";
	sqlite3_stmt *q;
	int rc = SQLITE_DONE;
	kn_status s = kn_store_stmt(st, sql, what, &q, err);

	if (s)
		return s;
	if (key)
		sqlite3_bind_text(q, 1, key, -1, SQLITE_TRANSIENT);
	else
		kn_pick_sel_bind(q, f, 1);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		kn_row sid = sqlite3_column_int64(q, 0);

		if (sid >= 0 && (size_t)sid < n_bits)
			bits[sid >> 3] |= (unsigned char)(1u << (sid & 7));
	}
	s = rc == SQLITE_DONE ? KN_OK : kn_store_fail(st, err, what);
	kn_store_stmt_done(st, q);
	return s;
}

/* An --actor's signals from roles_by_actor (as kn_filter_sql resolves
 * the name: its alias's canonical key, or its own key). */
static const char actor_sids[] =
	"SELECT r.sid FROM roles r WHERE r.role IN ('winner', 'loser') AND r.aid IN"
	" (SELECT aid FROM actors WHERE key ="
	" COALESCE((SELECT canonical_key FROM aliases WHERE key = ?1), ?1)"
	" UNION ALL SELECT a.aid FROM aliases al JOIN actors a ON a.key = al.key"
	" WHERE al.canonical_key ="
	" COALESCE((SELECT canonical_key FROM aliases WHERE key = ?1), ?1))"
	" ORDER BY r.sid";

kn_status kn_pick_mark_actors(kn_store *st, const kn_filter *f,
			      unsigned char *bits, size_t n_bits, kn_error *err)
{
	size_t i;
	kn_status s = KN_OK;

	for (i = 0; s == KN_OK && i < f->n_actors && i < KN_FILTER_MAX; i++) {
		char *key = f->actors[i] ? kn_actor_key(f->actors[i]) : NULL;

		if (f->actors[i] && !key)
			return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
					    "out of memory");
		if (key) /* NULL matches no actor, as in kn_filter_bind */
			s = kn_pick_mark(st, actor_sids, f, key, bits, n_bits, err);
		free(key);
	}
	return s;
}

/* The bits kn_pick_in tests: owned by SQLite once the function is made
 * (freed by sel_free when it is dropped or made again, or at close). */
typedef struct sel_bits {
	unsigned char *bits;
	size_t n_bits;
} sel_bits;

static void sel_free(void *v)
{
	sel_bits *b = v;

	if (b)
		free(b->bits);
	free(b);
}

static void in_sel(sqlite3_context *c, int argc, sqlite3_value **v)
{
	const sel_bits *p = sqlite3_user_data(c);
	sqlite3_int64 sid = sqlite3_value_int64(v[0]);

	(void)argc;
	sqlite3_result_int(c, sid >= 0 && (size_t)sid < p->n_bits &&
			      (p->bits[sid >> 3] >> (sid & 7) & 1));
}

static sel_bits *actor_bits(kn_store *st, const kn_filter *f, kn_status *s,
			    kn_error *err)
{
	sqlite3_stmt *q;
	sqlite3_int64 max = -1;
	sel_bits *b;

	if ((*s = kn_store_stmt(st, "SELECT max(sid) FROM signals", "cannot read the corpus",
				&q, err)) != KN_OK)
		return NULL;
	if (sqlite3_step(q) == SQLITE_ROW)
		max = sqlite3_column_int64(q, 0);
	kn_store_stmt_done(st, q);
	if (!(b = calloc(1, sizeof *b)) ||
	    !(b->bits = calloc(((max >= 0 ? (size_t)max + 1 : 0) >> 3) + 1, 1))) {
		free(b);
		*s = kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
		return NULL;
	}
	b->n_bits = max >= 0 ? (size_t)max + 1 : 0;
	if ((*s = kn_pick_mark_actors(st, f, b->bits, b->n_bits, err)) != KN_OK) {
		sel_free(b);
		return NULL;
	}
	return b;
}

/* Under a sixteenth of the corpus's row ids. */
static int few(const sel_bits *b)
{
	size_t i, n = 0;

	for (i = 0; i < (b->n_bits >> 3) + 1; i++) {
		unsigned v = b->bits[i];

		for (; v; v &= v - 1)
			n++;
	}
	return n < b->n_bits / 16;
}

kn_status kn_pick_sel_open(kn_store *st, const kn_filter *f, kn_pick_sel *p,
			   kn_error *err)
{
	kn_status s = KN_OK;
	sel_bits *b;

	memset(p, 0, sizeof *p);
	if (f)
		p->f = *f;
	else
		kn_filter_init(&p->f);
	if (!f || !f->n_actors || f->limit > 0)
		return KN_OK;
	if (!(b = actor_bits(st, f, &s, err)))
		return s;
	if (few(b)) { /* a seek per signal costs less than a scan */
		sel_free(b);
		return KN_OK;
	}
	/* SQLite refuses while a statement runs: then the filter as it is */
	if (sqlite3_create_function_v2(kn_store_db(st), "kn_pick_in", 1, SQLITE_UTF8,
				       b, in_sel, NULL, NULL, sel_free) != SQLITE_OK)
		return KN_OK; /* b was freed by sel_free */
	p->f.n_actors = 0;
	p->in = 1;
	return KN_OK;
}

void kn_pick_sel_where(const kn_pick_sel *p, kn_buf *sql)
{
	kn_pick_sel_sql(&p->f, sql);
	if (p->in)
		kn_buf_puts(sql, " AND kn_pick_in(s.sid)");
}

void kn_pick_sel_close(kn_store *st, kn_pick_sel *p)
{
	if (p->in) /* drops it, freeing its bits */
		sqlite3_create_function_v2(kn_store_db(st), "kn_pick_in", 1, SQLITE_UTF8,
					   NULL, NULL, NULL, NULL, NULL);
	memset(p, 0, sizeof *p);
}
