/* Recurring losers and winners, and every actor with its roles.
 *
 * Unfiltered counts come from role_counts, which triggers on roles keep up
 * to date (schema.c), so "who keeps losing" reads one row per actor instead
 * of every role row.  Filtered and weighted questions scan the selected
 * signals once (query_agg.c).  Then the groups are ranked, named and given
 * their signal ids. */
#include "query_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct row {
	sqlite3_int64 gid;
	long n[2];
	long long weight;
	long long rank; /* what orders the rows: count or weight */
	sqlite3_int64 first, last;
	char *key, *name;
} row;

typedef struct rows {
	row *v;
	size_t n, cap;
} rows;

static void rows_release(rows *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->v[i].key);
		free(r->v[i].name);
	}
	free(r->v);
	memset(r, 0, sizeof *r);
}

static row *rows_add(rows *r)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		row *v = realloc(r->v, cap * sizeof *v);

		if (!v)
			return NULL;
		r->v = v;
		r->cap = cap;
	}
	memset(&r->v[r->n], 0, sizeof r->v[0]);
	return &r->v[r->n++];
}

static kn_status nomem(kn_error *err)
{
	return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
}

static long total(const row *r)
{
	return r->n[0] + r->n[1];
}

static int cmp_rank(const void *pa, const void *pb)
{
	const row *a = pa, *b = pb;

	if (a->rank != b->rank)
		return a->rank > b->rank ? -1 : 1;
	if (total(a) != total(b))
		return total(a) > total(b) ? -1 : 1;
	return 0;
}

static int cmp_full(const void *pa, const void *pb)
{
	const row *a = pa, *b = pb;
	int c = cmp_rank(pa, pb);

	if (c)
		return c;
	if ((c = strcmp(a->key, b->key)) != 0)
		return c;
	if ((c = strcmp(a->name, b->name)) != 0)
		return c;
	return a->gid < b->gid ? -1 : a->gid > b->gid;
}

/* Orders the rows and keeps the first limit (0 = all), naming only the rows
 * that can make the cut: ties at the edge are settled by name. */
static kn_status rank_rows(kn_store *st, const kn_groups *g, rows *r,
			   long limit, kn_error *err)
{
	sqlite3_stmt *cache[2] = { NULL, NULL };
	size_t keep = r->n, i;
	kn_status s = KN_OK;

	if (r->n > 1) /* qsort(NULL, 0, …) is undefined */
		qsort(r->v, r->n, sizeof r->v[0], cmp_rank);
	if (limit > 0 && (size_t)limit < r->n) {
		keep = (size_t)limit;
		while (keep < r->n && !cmp_rank(&r->v[keep], &r->v[limit - 1]))
			keep++;
	}
	for (i = keep; i < r->n; i++)
		r->v[i].key = r->v[i].name = NULL;
	r->n = keep;
	for (i = 0; i < r->n && !s; i++)
		s = kn_group_name(st, g, cache, r->v[i].gid, &r->v[i].key,
				  &r->v[i].name, err);
	sqlite3_finalize(cache[0]);
	sqlite3_finalize(cache[1]);
	if (s) {
		r->n = i - 1; /* the failed row holds no strings */
		return s;
	}
	if (r->n > 1)
		qsort(r->v, r->n, sizeof r->v[0], cmp_full);
	if (limit > 0 && (size_t)limit < r->n) {
		for (i = (size_t)limit; i < r->n; i++) {
			free(r->v[i].key);
			free(r->v[i].name);
		}
		r->n = (size_t)limit;
	}
	return KN_OK;
}

static int filter_empty(const kn_filter *f)
{
	return !f->since && !f->until && !f->category && f->min_score <= 0;
}

static const char *role_name(kn_role role)
{
	return role == KN_LOSER ? "loser" : "winner";
}

/* Exact distinct count of an alias group, which may name one signal under
 * two of its names. */
static kn_status group_count(kn_store *st, const char *key, kn_role role,
			     long *n, kn_error *err)
{
	kn_buf sql = KN_BUF_INIT;
	sqlite3_stmt *q;
	int rc;

	kn_buf_puts(&sql, "SELECT count(DISTINCT sid) FROM roles"
			  " WHERE role = ?1 AND aid IN (");
	kn_group_aids_sql(&sql, 2);
	kn_buf_puts(&sql, ")");
	if (kn_buf_failed(&sql))
		return nomem(err);
	rc = sqlite3_prepare_v2(kn_store_db(st), kn_buf_cstr(&sql), -1, &q, NULL);
	kn_buf_release(&sql);
	if (rc != SQLITE_OK)
		return kn_store_fail(st, err, "cannot count an actor");
	sqlite3_bind_text(q, 1, role_name(role), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, key, -1, SQLITE_STATIC);
	if (sqlite3_step(q) != SQLITE_ROW) {
		kn_store_fail(st, err, "cannot count an actor");
		sqlite3_finalize(q);
		return KN_ERR_DB;
	}
	*n = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	return KN_OK;
}

/* The unfiltered, unweighted counts: role_counts for plain actors, an exact
 * count for each alias group. */
static kn_status counted_rows(kn_store *st, const kn_groups *g, kn_role role,
			      long min, rows *out, kn_error *err)
{
	sqlite3_stmt *q;
	size_t k;
	int rc;

	if (sqlite3_prepare_v2(kn_store_db(st),
			       "SELECT aid, n FROM role_counts WHERE role = ?1 AND n >= ?2",
			       -1, &q, NULL) != SQLITE_OK)
		return kn_store_fail(st, err, "cannot query the corpus");
	sqlite3_bind_text(q, 1, role_name(role), -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, min);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		sqlite3_int64 aid = sqlite3_column_int64(q, 0);
		row *r;

		if (kn_groups_of(g, aid) != aid)
			continue;
		if (!(r = rows_add(out))) {
			sqlite3_finalize(q);
			return nomem(err);
		}
		r->gid = aid;
		r->rank = r->n[role] = sqlite3_column_int(q, 1);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return kn_store_fail(st, err, "cannot query the corpus");
	for (k = 0; k < g->n_keys; k++) {
		long n = 0;
		kn_status s = group_count(st, g->keys[k], role, &n, err);
		row *r;

		if (s)
			return s;
		if (n < min)
			continue;
		if (!(r = rows_add(out)))
			return nomem(err);
		r->gid = -(sqlite3_int64)(k + 1);
		r->rank = r->n[role] = n;
	}
	return KN_OK;
}

static kn_status scanned_rows(kn_store *st, const kn_groups *g,
			      const kn_recurring_opts *o, rows *out,
			      long long *selected, kn_error *err)
{
	kn_agg_map m = { NULL, 0, 0 };
	kn_status s = kn_agg_scan(st, g, &o->filter, (int)o->role, &m,
				  selected, err);
	size_t i;

	for (i = 0; !s && i < m.cap; i++) {
		const kn_agg *a = &m.slots[i];
		row *r;

		if (!a->gid || a->n[o->role] < o->min)
			continue;
		if (!(r = rows_add(out))) {
			s = nomem(err);
			break;
		}
		r->gid = a->gid;
		r->n[o->role] = a->n[o->role];
		r->weight = a->weight[o->role];
		r->rank = o->weighted ? r->weight : r->n[o->role];
	}
	kn_agg_map_release(&m);
	return s;
}

/* About how many signals the corpus holds (the largest row id). */
static long long corpus_size(kn_store *st)
{
	sqlite3_stmt *q;
	long long n = 0;

	if (sqlite3_prepare_v2(kn_store_db(st), "SELECT max(sid) FROM signals",
			       -1, &q, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return n;
}

/* The ids of a group's signals in the role, newest first.  Either walk
 * the selected signals newest first, probing each one's roles (stops after
 * max_signals), or fetch every signal of the actor and sort them: whichever
 * reads fewer rows.  corpus ~ the number of signals; selected: how many the
 * filter kept (0: all). */
static kn_status group_signals(kn_store *st, const kn_recurring_opts *o,
			       const char *key, long long corpus,
			       long long selected, kn_actor_count *out,
			       kn_error *err)
{
	kn_buf sql = KN_BUF_INIT;
	sqlite3_stmt *q;
	size_t cap;
	int rc = SQLITE_DONE, i, by_date;
	double n = out->count > 0 ? (double)out->count : 1.0;
	double sel = selected > 0 ? (double)selected : (double)corpus;
	double probe = o->max_signals ? (double)o->max_signals * sel / n : sel;

	by_date = probe < n * (double)corpus / (sel > 0 ? sel : 1.0);
	kn_buf_puts(&sql, "SELECT s.id FROM signals s");
	if (by_date && filter_empty(&o->filter))
		kn_buf_puts(&sql, " INDEXED BY signals_by_published");
	if (by_date)
		kn_buf_puts(&sql, " WHERE EXISTS (SELECT 1 FROM roles r WHERE"
				  " r.sid = s.sid AND r.role = ?1 AND r.aid IN (");
	else
		kn_buf_puts(&sql, " WHERE s.sid IN"
				  " (SELECT sid FROM roles WHERE role = ?1 AND aid IN (");
	kn_group_aids_sql(&sql, 2);
	kn_buf_puts(&sql, "))");
	kn_filter_sql(&o->filter, "s", &sql);
	kn_buf_puts(&sql, " ORDER BY s.published DESC, s.id LIMIT ?");
	if (kn_buf_failed(&sql))
		return nomem(err);
	rc = sqlite3_prepare_v2(kn_store_db(st), kn_buf_cstr(&sql), -1, &q, NULL);
	kn_buf_release(&sql);
	if (rc != SQLITE_OK)
		return kn_store_fail(st, err, "cannot list an actor's signals");
	sqlite3_bind_text(q, 1, role_name(o->role), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, key, -1, SQLITE_STATIC);
	i = kn_filter_bind(q, &o->filter, 3);
	sqlite3_bind_int64(q, i, o->max_signals ? (sqlite3_int64)o->max_signals : -1);
	cap = out->count > 0 ? (size_t)out->count : 1;
	if (o->max_signals && o->max_signals < cap)
		cap = o->max_signals;
	out->signals = calloc(cap, sizeof *out->signals);
	if (!out->signals) {
		sqlite3_finalize(q);
		return nomem(err);
	}
	while (out->n_signals < cap && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		char *id = strdup((const char *)sqlite3_column_text(q, 0));

		if (!id) {
			sqlite3_finalize(q);
			return nomem(err);
		}
		out->signals[out->n_signals++] = id;
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return kn_store_fail(st, err, "cannot list an actor's signals");
	return KN_OK;
}

void kn_recurring_opts_init(kn_recurring_opts *o)
{
	memset(o, 0, sizeof *o);
	o->role = KN_LOSER;
	o->min = 2;
	kn_filter_init(&o->filter);
}

void kn_actor_counts_init(kn_actor_counts *l)
{
	l->items = NULL;
	l->n = 0;
}

void kn_actor_counts_release(kn_actor_counts *l)
{
	size_t i, j;

	if (!l)
		return;
	for (i = 0; i < l->n; i++) {
		free(l->items[i].actor);
		for (j = 0; j < l->items[i].n_signals; j++)
			free(l->items[i].signals[j]);
		free(l->items[i].signals);
	}
	free(l->items);
	kn_actor_counts_init(l);
}

static kn_status fill_counts(kn_store *st, const kn_recurring_opts *o,
			     long long selected, rows *r, kn_actor_counts *out,
			     kn_error *err)
{
	long long corpus = corpus_size(st);
	size_t i;
	kn_status s = KN_OK;

	if (r->n && !(out->items = calloc(r->n, sizeof *out->items)))
		return nomem(err);
	for (i = 0; i < r->n && !s; i++) {
		kn_actor_count *c = &out->items[out->n++];

		c->actor = r->v[i].name;
		r->v[i].name = NULL;
		c->count = r->v[i].n[o->role];
		c->weight = r->v[i].weight;
		s = group_signals(st, o, r->v[i].key, corpus, selected, c, err);
	}
	return s;
}

kn_status kn_query_recurring(kn_store *st, const kn_recurring_opts *o,
			     kn_actor_counts *out, kn_error *err)
{
	kn_groups g;
	rows r = { NULL, 0, 0 };
	kn_recurring_opts opts = *o;
	long long selected = 0;
	kn_status s;

	kn_actor_counts_release(out);
	if (opts.min < 1)
		opts.min = 1;
	if ((s = kn_filter_check(&opts.filter, err)) != KN_OK)
		return s;
	if ((s = kn_groups_load(st, &g, err)) != KN_OK)
		return s;
	if (filter_empty(&opts.filter) && !opts.weighted)
		s = counted_rows(st, &g, opts.role, opts.min, &r, err);
	else
		s = scanned_rows(st, &g, &opts, &r, &selected, err);
	if (!s)
		s = rank_rows(st, &g, &r, opts.filter.limit, err);
	if (!s)
		s = fill_counts(st, &opts, selected, &r, out, err);
	rows_release(&r);
	kn_groups_release(&g);
	if (s)
		kn_actor_counts_release(out);
	return s;
}

void kn_actor_roles_list_init(kn_actor_roles_list *l)
{
	l->items = NULL;
	l->n = 0;
}

void kn_actor_roles_list_release(kn_actor_roles_list *l)
{
	size_t i;

	if (!l)
		return;
	for (i = 0; i < l->n; i++) {
		free(l->items[i].actor);
		free(l->items[i].first_seen);
		free(l->items[i].last_seen);
	}
	free(l->items);
	kn_actor_roles_list_init(l);
}

/* The "published" of a signal (heap), NULL when sid is 0. */
static kn_status published_of(kn_store *st, sqlite3_stmt **q,
			      sqlite3_int64 sid, char **out, kn_error *err)
{
	const char *p;

	*out = NULL;
	if (!sid)
		return KN_OK;
	if (!*q && sqlite3_prepare_v2(kn_store_db(st),
				      "SELECT published FROM signals WHERE sid = ?1",
				      -1, q, NULL) != SQLITE_OK)
		return kn_store_fail(st, err, "cannot read a signal");
	sqlite3_reset(*q);
	sqlite3_bind_int64(*q, 1, sid);
	if (sqlite3_step(*q) != SQLITE_ROW)
		return kn_store_fail(st, err, "cannot read a signal");
	p = (const char *)sqlite3_column_text(*q, 0);
	if (p && !(*out = strdup(p)))
		return nomem(err);
	return KN_OK;
}

static kn_status fill_roles(kn_store *st, rows *r, kn_actor_roles_list *out,
			    kn_error *err)
{
	sqlite3_stmt *q = NULL;
	kn_status s = KN_OK;
	size_t i;

	if (r->n && !(out->items = calloc(r->n, sizeof *out->items)))
		return nomem(err);
	for (i = 0; i < r->n && !s; i++) {
		kn_actor_roles *a = &out->items[out->n++];

		a->actor = r->v[i].name;
		r->v[i].name = NULL;
		a->winner = r->v[i].n[KN_WINNER];
		a->loser = r->v[i].n[KN_LOSER];
		s = published_of(st, &q, r->v[i].first, &a->first_seen, err);
		if (!s)
			s = published_of(st, &q, r->v[i].last, &a->last_seen, err);
	}
	sqlite3_finalize(q);
	return s;
}

/* The sid of the earliest (dir "") or latest (dir " DESC") dated signal
 * naming the group with key ?1 in either role; 0 when none is dated. */
static kn_status seen_sid(kn_store *st, const char *key, const char *dir,
			  int frequent, sqlite3_int64 *sid, kn_error *err)
{
	kn_buf sql = KN_BUF_INIT;
	sqlite3_stmt *q;
	int rc;

	/* a frequent actor: walk the date index from that end, probing */
	if (frequent)
		kn_buf_puts(&sql, "SELECT s.sid FROM signals s INDEXED BY"
				  " signals_by_published WHERE s.published IS NOT NULL"
				  " AND EXISTS (SELECT 1 FROM roles r WHERE r.sid = s.sid"
				  " AND r.role IN ('winner', 'loser') AND r.aid IN (");
	else
		kn_buf_puts(&sql, "SELECT s.sid FROM signals s WHERE s.published"
				  " IS NOT NULL AND s.sid IN (SELECT sid FROM roles WHERE"
				  " role IN ('winner', 'loser') AND aid IN (");
	kn_group_aids_sql(&sql, 1);
	kn_buf_printf(&sql, ")) ORDER BY s.published%s, s.id%s LIMIT 1", dir, dir);
	if (kn_buf_failed(&sql))
		return nomem(err);
	rc = sqlite3_prepare_v2(kn_store_db(st), kn_buf_cstr(&sql), -1, &q, NULL);
	kn_buf_release(&sql);
	if (rc != SQLITE_OK)
		return kn_store_fail(st, err, "cannot read an actor's dates");
	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	*sid = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
	sqlite3_finalize(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return kn_store_fail(st, err, "cannot read an actor's dates");
	return KN_OK;
}

/* Unfiltered --contested: both counts from role_counts (alias groups
 * recounted), no pass over the corpus. */
static kn_status contested_rows(kn_store *st, const kn_groups *g, rows *out,
				kn_error *err)
{
	sqlite3_stmt *q;
	size_t k;
	int rc;

	if (sqlite3_prepare_v2(kn_store_db(st),
			       "SELECT w.aid, w.n, l.n FROM role_counts w JOIN role_counts l"
			       " ON l.role = 'loser' AND l.aid = w.aid WHERE w.role = 'winner'",
			       -1, &q, NULL) != SQLITE_OK)
		return kn_store_fail(st, err, "cannot query the corpus");
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		sqlite3_int64 aid = sqlite3_column_int64(q, 0);
		row *r;

		if (kn_groups_of(g, aid) != aid)
			continue;
		if (!(r = rows_add(out))) {
			sqlite3_finalize(q);
			return nomem(err);
		}
		r->gid = aid;
		r->n[KN_WINNER] = sqlite3_column_int(q, 1);
		r->n[KN_LOSER] = sqlite3_column_int(q, 2);
		r->rank = total(r);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return kn_store_fail(st, err, "cannot query the corpus");
	for (k = 0; k < g->n_keys; k++) {
		long n[2] = { 0, 0 };
		kn_status s = group_count(st, g->keys[k], KN_WINNER, &n[0], err);
		row *r;

		if (!s)
			s = group_count(st, g->keys[k], KN_LOSER, &n[1], err);
		if (s)
			return s;
		if (!n[0] || !n[1])
			continue;
		if (!(r = rows_add(out)))
			return nomem(err);
		r->gid = -(sqlite3_int64)(k + 1);
		r->n[0] = n[0];
		r->n[1] = n[1];
		r->rank = total(r);
	}
	return KN_OK;
}

/* first/last of the named rows, for the rows contested_rows made. */
static kn_status seen_rows(kn_store *st, rows *r, kn_error *err)
{
	long long corpus = corpus_size(st);
	kn_status s = KN_OK;
	size_t i;

	for (i = 0; i < r->n && !s; i++) {
		int frequent = (long long)total(&r->v[i]) * 30 > corpus;

		s = seen_sid(st, r->v[i].key, "", frequent, &r->v[i].first, err);
		if (!s)
			s = seen_sid(st, r->v[i].key, " DESC", frequent,
				     &r->v[i].last, err);
	}
	return s;
}

kn_status kn_query_actors(kn_store *st, const kn_filter *f, int contested,
			  kn_actor_roles_list *out, kn_error *err)
{
	kn_filter none;
	kn_groups g;
	kn_agg_map m = { NULL, 0, 0 };
	long long selected;
	rows r = { NULL, 0, 0 };
	kn_status s;
	size_t i;

	kn_actor_roles_list_release(out);
	if (!f) {
		kn_filter_init(&none);
		f = &none;
	}
	if ((s = kn_filter_check(f, err)) != KN_OK)
		return s;
	if ((s = kn_groups_load(st, &g, err)) != KN_OK)
		return s;
	/* dates cost two lookups an actor: worth it for a short list only */
	if (contested && filter_empty(f) && f->limit > 0 && f->limit <= 200) {
		s = contested_rows(st, &g, &r, err);
		if (!s)
			s = rank_rows(st, &g, &r, f->limit, err);
		if (!s)
			s = seen_rows(st, &r, err);
		goto fill;
	}
	s = kn_agg_scan(st, &g, f, -1, &m, &selected, err);
	for (i = 0; !s && i < m.cap; i++) {
		const kn_agg *a = &m.slots[i];
		row *w;

		if (!a->gid || (contested && (!a->n[0] || !a->n[1])))
			continue;
		if (!(w = rows_add(&r))) {
			s = nomem(err);
			break;
		}
		w->gid = a->gid;
		w->n[0] = a->n[0];
		w->n[1] = a->n[1];
		w->rank = total(w);
		w->first = a->first;
		w->last = a->last;
	}
	kn_agg_map_release(&m);
	if (!s)
		s = rank_rows(st, &g, &r, f->limit, err);
fill:
	if (!s)
		s = fill_roles(st, &r, out, err);
	rows_release(&r);
	kn_groups_release(&g);
	if (s)
		kn_actor_roles_list_release(out);
	return s;
}
