/* Convergence (knockon/converge.h, docs/ripple.md): the actors that
 * high-order effects of several signals reach.  One pass over the links
 * of those effects counts each actor's distinct signals and sums their
 * weights; then only the actors returned have their effects listed. */
#include "knockon/converge.h"

#include <stdlib.h>
#include <string.h>

#include "keymap.h"
#include "kn_actor.h"
#include "kn_grow.h"
#include "kn_storage.h"
#include "query_internal.h"

void kn_converge_opts_init(kn_converge_opts *o)
{
	memset(o, 0, sizeof *o);
	o->min_order = 2;
	o->min_signals = 2;
	o->decay = 0.5;
	o->max_via = -1;
	kn_filter_init(&o->filter);
}

void kn_converge_init(kn_converge *c)
{
	memset(c, 0, sizeof *c);
}

static void free_actor(kn_converge_actor *a)
{
	size_t i;

	free(a->actor);
	free(a->newest);
	for (i = 0; i < a->n_via; i++) {
		free(a->via[i].signal);
		free(a->via[i].effect);
		free(a->via[i].role);
		free(a->via[i].provenance);
	}
	free(a->via);
}

void kn_converge_release(kn_converge *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->n; i++)
		free_actor(&c->items[i]);
	free(c->items);
	kn_converge_init(c);
}

/* One actor of the first pass. */
typedef struct tally {
	char *key;       /* canonical key (heap) */
	size_t signals, effects;
	double exposure;
	kn_row last_sid;     /* the last signal counted */
	size_t last_effect;  /* the last effect counted (a running number) */
	char *name;      /* the display name, or the first name linked */
} tally;

typedef struct pass {
	const kn_converge_opts *o;
	kn_strmap index;   /* key -> tally */
	tally *t;
	size_t n, cap;
	kn_row sid;        /* the effect the rows are at, and its number */
	char eid[64];
	size_t effect;
	size_t at;         /* the tally of the run the rows are in */
	int failed;
} pass;

/* eid NULL: another effect than the row before (the store says so). */
static int new_effect(pass *p, kn_row sid, const char *eid)
{
	if (!eid) {
		p->sid = 0;
		p->eid[0] = '\0';
		p->effect++;
		return 1;
	}
	if (sid == p->sid && strncmp(eid, p->eid, sizeof p->eid) == 0)
		return 0;
	p->sid = sid;
	strncpy(p->eid, eid, sizeof p->eid - 1);
	p->eid[sizeof p->eid - 1] = '\0';
	p->effect++;
	return 1;
}

/* kn_ripple_weight from the product score × confidence × impact taken
 * by the store: the same arithmetic, so the same double. */
static double weight_of(long base, int order, double decay)
{
	double w = (double)base / 1000000.0;
	int k;

	for (k = 0; k < order; k++)
		w *= decay;
	return w;
}

/* The rows of one actor group come in one run: the tally is looked up
 * when the key changes. */
static tally *tally_of(pass *p, const char *key)
{
	size_t i;
	tally *x;

	if (p->n && strcmp(p->t[p->at].key, key) == 0)
		return &p->t[p->at];
	if ((i = kn_strmap_get(&p->index, key)) != KN_NO_INDEX) {
		p->at = i;
		return &p->t[i];
	}
	if (KN_GROW(p->t, p->cap, p->n + 1) || kn_strmap_put(&p->index, key, p->n))
		return NULL;
	x = &p->t[p->n];
	memset(x, 0, sizeof *x);
	if (!(x->key = strdup(key)))
		return NULL;
	p->at = p->n++;
	return x;
}

static int on_link(void *ctx, kn_row sid, const char *eid, const char *key,
		   int order, long base)
{
	pass *p = ctx;
	tally *x;

	new_effect(p, sid, eid);
	if (!(x = tally_of(p, key))) {
		p->failed = 1;
		return 1;
	}
	if (x->last_effect == p->effect)
		return 0; /* the same effect by another name of the actor */
	x->last_effect = p->effect;
	x->effects++;
	x->exposure += weight_of(base, order, p->o->decay);
	if (x->last_sid != sid) {
		x->last_sid = sid;
		x->signals++;
	}
	return 0;
}

static int cmp_rank(const tally *x, const tally *y)
{
	if (x->signals != y->signals)
		return x->signals > y->signals ? -1 : 1;
	if (x->exposure != y->exposure)
		return x->exposure > y->exposure ? -1 : 1;
	return 0;
}

/* Most signals, most exposure, then key: the order before names. */
static int by_rank_key(const void *a, const void *b)
{
	int c = cmp_rank(a, b);

	return c ? c : strcmp(((const tally *)a)->key, ((const tally *)b)->key);
}

static int by_rank_name(const void *a, const void *b)
{
	const tally *x = a, *y = b;
	int c = cmp_rank(x, y);

	if (!c)
		c = strcmp(x->name, y->name);
	return c ? c : strcmp(x->key, y->key);
}

/* Sets t->name: the actor's display name when the corpus stores one (an
 * actor or an alias of that key), else the first name linked. */
static kn_status display_name(kn_store *st, const kn_converge_opts *o, tally *t,
			      kn_error *err)
{
	const struct kn_storage_ops *ops = kn_storage(st);
	char *stored = NULL, *alias = NULL;
	kn_status s;

	if (!(s = ops->stored_name(st, t->key, &stored, err)) &&
	    !(s = ops->alias_name(st, t->key, &alias, err))) {
		if (kn_actor_display(stored, alias)) {
			if (!(t->name = strdup(kn_actor_display(stored, alias))))
				s = kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
						 "out of memory");
		} else {
			s = ops->converge_actor(st, t->key, o->min_order, &o->filter,
						t->signals, &t->name, NULL, err);
			if (!s && !t->name && !(t->name = strdup(t->key)))
				s = kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
						 "out of memory");
		}
	}
	free(stored);
	free(alias);
	return s;
}

/* Keeps the qualifying actors in t[0..*n) in their final order, the
 * first `keep` of them named; *n_all: how many qualified. */
static kn_status rank(kn_store *st, pass *p, size_t limit, size_t *n_all,
		      kn_error *err)
{
	size_t i, n = 0, named;
	kn_status s;

	for (i = 0; i < p->n; i++)
		if (p->t[i].signals >= (size_t)p->o->min_signals)
			p->t[n++] = p->t[i];
		else {
			free(p->t[i].key);
			free(p->t[i].name);
		}
	p->n = *n_all = n;
	if (n > 1) /* p->t may be NULL when nothing qualifies */
		qsort(p->t, n, sizeof *p->t, by_rank_key);
	/* names decide only ties: name the first `limit` and whatever ties
	 * with the last of them, then order those by name */
	named = limit && limit < n ? limit : n;
	while (named < n && cmp_rank(&p->t[named - 1], &p->t[named]) == 0)
		named++;
	for (i = 0; i < named; i++)
		if ((s = display_name(st, p->o, &p->t[i], err)))
			return s;
	if (named > 1)
		qsort(p->t, named, sizeof *p->t, by_rank_name);
	return KN_OK;
}

typedef struct via_gather {
	kn_converge_actor *a;
	const kn_converge_opts *o;
	const char *last_signal; /* of the previous row kept (borrowed) */
	int failed;
} via_gather;

static char *dup(const char *s)
{
	return s ? strdup(s) : NULL;
}

static int on_reach(void *ctx, const kn_reach *r)
{
	via_gather *g = ctx;
	kn_converge_actor *a = g->a;
	kn_converge_via *v;

	if (r->order < g->o->min_order || !r->effect)
		return 0;
	if (g->o->max_via >= 0 && a->n_via >= (size_t)g->o->max_via)
		return 1;
	if (a->n_via && strcmp(a->via[a->n_via - 1].signal, r->signal) == 0 &&
	    strcmp(a->via[a->n_via - 1].effect, r->effect) == 0)
		return 0; /* the same effect by another name */
	if (KN_GROW(a->via, a->cap_via, a->n_via + 1))
		goto oom;
	v = &a->via[a->n_via++];
	v->signal = dup(r->signal);
	v->effect = dup(r->effect);
	v->order = r->order;
	v->role = dup(r->role);
	v->provenance = dup(r->via);
	v->weight = kn_ripple_weight(r->score, r->confidence, r->impact,
				     r->order, g->o->decay);
	if (v->signal && v->effect && v->role && v->provenance)
		return 0;
oom:
	g->failed = 1;
	return 1;
}

/* Moves tally t into the result and lists its effects. */
static kn_status fill(kn_store *st, const kn_converge_opts *o, tally *t,
		      kn_converge_actor *a, kn_error *err)
{
	via_gather g;
	kn_status s;

	memset(a, 0, sizeof *a);
	a->actor = t->name;
	t->name = NULL;
	a->signals = t->signals;
	a->effects = t->effects;
	a->exposure = t->exposure;
	if ((s = kn_storage(st)->converge_actor(st, t->key, o->min_order,
						&o->filter, t->signals, NULL,
						&a->newest, err)))
		return s;
	if (o->max_via == 0)
		return KN_OK;
	memset(&g, 0, sizeof g);
	g.a = a;
	g.o = o;
	s = kn_storage(st)->converge_via(st, t->key, o->min_order, &o->filter,
					 on_reach, &g, err);
	if (!s && g.failed)
		s = kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	return s;
}

static kn_status check_opts(const kn_converge_opts *o, kn_error *err)
{
	if (o->min_order < 1)
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, "order",
				    "--order takes a whole number of at least 1");
	if (o->min_signals < 1)
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, "min",
				    "--min takes a whole number of at least 1");
	if (!(o->decay >= 0 && o->decay <= 1))
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, "decay",
				    "--decay takes a number from 0 to 1");
	return kn_filter_check(&o->filter, err);
}

static void pass_release(pass *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		free(p->t[i].key);
		free(p->t[i].name);
	}
	free(p->t);
	kn_strmap_release(&p->index);
}

static kn_status kn_converge_query_read(kn_store *st, const kn_converge_opts *o,
					kn_converge *out, kn_error *err)
{
	size_t limit = o->filter.limit > 0 ? (size_t)o->filter.limit : 0, i, n;
	kn_filter f = o->filter;
	kn_status s;
	pass p;

	kn_converge_release(out);
	if ((s = check_opts(o, err)))
		return s;
	out->min_order = o->min_order;
	memset(&p, 0, sizeof p);
	p.o = o;
	f.limit = 0;
	s = kn_storage(st)->converge_links(st, o->min_order, &f, on_link, &p, err);
	if (!s && p.failed)
		s = kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	if (!s)
		s = rank(st, &p, limit, &out->n_all, err);
	n = limit && limit < p.n ? limit : p.n;
	if (!s && n && !(out->items = calloc(n, sizeof *out->items)))
		s = kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	for (i = 0; !s && i < n; i++) {
		out->cap = out->n = i + 1;
		s = fill(st, o, &p.t[i], &out->items[i], err);
	}
	pass_release(&p);
	if (s)
		kn_converge_release(out);
	return s;
}

kn_status kn_converge_query(kn_store *st, const kn_converge_opts *o,
			    kn_converge *out, kn_error *err)
{
	KN_RETURN_IN_SNAPSHOT(st, err, kn_converge_query_read(st, o, out, err));
}
