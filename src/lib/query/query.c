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
	kn_row gid;
	long n[2];
	long long weight;
	long long rank; /* what orders the rows: count or weight */
	kn_row first, last;
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
	if (KN_GROW(r->v, r->cap, r->n + 1))
		return NULL;
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
		s = kn_group_name(st, g, r->v[i].gid, &r->v[i].key,
				  &r->v[i].name, err);
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

typedef struct counted {
	const kn_groups *g;
	rows *out;
	int role; /* < 0: both (contested) */
} counted;

static int counted_row(void *ctx, kn_row aid, const long n[2])
{
	counted *c = ctx;
	row *r;

	if (kn_groups_of(c->g, aid) != aid)
		return 0;
	if (!(r = rows_add(c->out)))
		return -1;
	r->gid = aid;
	r->n[0] = n[0];
	r->n[1] = n[1];
	r->rank = c->role < 0 ? total(r) : r->n[c->role];
	return 0;
}

/* The unfiltered, unweighted counts: role_counts for plain actors, an exact
 * count for each alias group. */
static kn_status counted_rows(kn_store *st, const kn_groups *g, kn_role role,
			      long min, rows *out, kn_error *err)
{
	const struct kn_storage_ops *ops = kn_storage(st);
	counted c = { g, out, (int)role };
	kn_status s = ops->role_counts(st, (int)role, min, counted_row, &c, err);
	size_t k;

	for (k = 0; !s && k < g->n_keys; k++) {
		long n = 0;
		row *r;

		if ((s = ops->group_count(st, g->keys[k], role, &n, err)) != KN_OK)
			return s;
		if (n < min)
			continue;
		if (!(r = rows_add(out)))
			return nomem(err);
		r->gid = -(kn_row)(k + 1);
		r->rank = r->n[role] = n;
	}
	return s;
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

typedef struct ids_to {
	kn_actor_count *out;
	size_t cap; /* room in out->signals */
	int latest; /* keep the first (newest) signal's date and title */
} ids_to;

static int add_id(void *ctx, const char *id, const char *published,
		  const char *title)
{
	ids_to *t = ctx;
	kn_actor_count *out = t->out;

	if (t->latest && !out->n_signals &&
	    ((published && !(out->latest_published = strdup(published))) ||
	     (title && !(out->latest_title = strdup(title)))))
		return -1;
	if (!(out->signals[out->n_signals] = strdup(id)))
		return -1;
	return ++out->n_signals == t->cap;
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
	double n = out->count > 0 ? (double)out->count : 1.0;
	double sel = selected > 0 ? (double)selected : (double)corpus;
	double probe = o->max_signals ? (double)o->max_signals * sel / n : sel;
	int by_date = probe < n * (double)corpus / (sel > 0 ? sel : 1.0);
	ids_to t = { out, out->count > 0 ? (size_t)out->count : 1, o->latest };

	if (o->max_signals && o->max_signals < t.cap)
		t.cap = o->max_signals;
	if (!(out->signals = calloc(t.cap, sizeof *out->signals)))
		return nomem(err);
	return kn_storage(st)->group_signals(st, key, o->role, &o->filter,
					     by_date, o->max_signals, o->latest,
					     add_id, &t, err);
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
		free(l->items[i].latest_published);
		free(l->items[i].latest_title);
	}
	free(l->items);
	kn_actor_counts_init(l);
}

static kn_status fill_counts(kn_store *st, const kn_recurring_opts *o,
			     long long selected, rows *r, kn_actor_counts *out,
			     kn_error *err)
{
	long long corpus = kn_storage(st)->size(st);
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

static kn_status kn_query_recurring_read(kn_store *st, const kn_recurring_opts *o,
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
	if (kn_filter_empty(&opts.filter) && !opts.weighted)
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

kn_status kn_query_recurring(kn_store *st, const kn_recurring_opts *o,
			     kn_actor_counts *out, kn_error *err)
{
	KN_RETURN_IN_SNAPSHOT(st, err, kn_query_recurring_read(st, o, out, err));
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

static kn_status fill_roles(kn_store *st, rows *r, kn_actor_roles_list *out,
			    kn_error *err)
{
	const struct kn_storage_ops *ops = kn_storage(st);
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
		if (r->v[i].first)
			s = ops->published(st, r->v[i].first, &a->first_seen, err);
		if (!s && r->v[i].last)
			s = ops->published(st, r->v[i].last, &a->last_seen, err);
	}
	return s;
}

/* Unfiltered --contested: both counts from role_counts (alias groups
 * recounted), no pass over the corpus. */
static kn_status contested_rows(kn_store *st, const kn_groups *g, rows *out,
				kn_error *err)
{
	const struct kn_storage_ops *ops = kn_storage(st);
	counted c = { g, out, -1 };
	kn_status s = ops->role_counts(st, -1, 0, counted_row, &c, err);
	size_t k;

	for (k = 0; !s && k < g->n_keys; k++) {
		long n[2] = { 0, 0 };
		row *r;

		s = ops->group_count(st, g->keys[k], KN_WINNER, &n[0], err);
		if (!s)
			s = ops->group_count(st, g->keys[k], KN_LOSER, &n[1], err);
		if (s)
			return s;
		if (!n[0] || !n[1])
			continue;
		if (!(r = rows_add(out)))
			return nomem(err);
		r->gid = -(kn_row)(k + 1);
		r->n[0] = n[0];
		r->n[1] = n[1];
		r->rank = total(r);
	}
	return s;
}

/* first/last of the named rows, for the rows contested_rows made. */
static kn_status seen_rows(kn_store *st, rows *r, kn_error *err)
{
	const struct kn_storage_ops *ops = kn_storage(st);
	long long corpus = ops->size(st);
	kn_status s = KN_OK;
	size_t i;

	for (i = 0; i < r->n && !s; i++) {
		int frequent = (long long)total(&r->v[i]) * 30 > corpus;

		s = ops->group_seen(st, r->v[i].key, 0, frequent, &r->v[i].first,
				    err);
		if (!s)
			s = ops->group_seen(st, r->v[i].key, 1, frequent,
					    &r->v[i].last, err);
	}
	return s;
}

static kn_status kn_query_actors_read(kn_store *st, const kn_filter *f, int contested,
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
	if (contested && kn_filter_empty(f) && f->limit > 0 && f->limit <= 200) {
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

kn_status kn_query_actors(kn_store *st, const kn_filter *f, int contested,
			  kn_actor_roles_list *out, kn_error *err)
{
	KN_RETURN_IN_SNAPSHOT(st, err, kn_query_actors_read(st, f, contested, out, err));
}
