/* Maps from the corpus: which signals a view needs, through the storage
 * operations (kn_storage.h), with the corpus's actor identity: its
 * aliases, and actors named as the queries name them. */
#include <stdlib.h>
#include <string.h>

#include "map_graph.h"
#include "kn_grow.h"
#include "kn_storage.h"
#include "map_ripple.h"

static int add_listed(void *ctx, const kn_signal *sig)
{
	void **c = ctx;

	return kn_map_add_signal(c[0], sig, c[1]) != KN_OK;
}

/* The time line's selection: the filter's, at most KN_TIMELINE_MAX. */
static const kn_filter *timeline_filter(const kn_filter *f, kn_filter *tf)
{
	if (f)
		*tf = *f;
	else
		kn_filter_init(tf);
	if (tf->limit <= 0 || tf->limit > KN_TIMELINE_MAX)
		tf->limit = KN_TIMELINE_MAX;
	return tf;
}

static kn_status load(kn_store *st, kn_map *m, kn_view view, const char *what,
		      const kn_filter *f, kn_error *err)
{
	kn_filter tf;
	kn_signal sig;
	kn_status rc;
	void *ctx[2] = { m, err };
	char *key;

	switch (view) {
	case KN_VIEW_SIGNAL:
	case KN_VIEW_CHAIN:
		kn_signal_init(&sig);
		rc = kn_storage(st)->get(st, what, &sig, err);
		if (rc == KN_OK)
			rc = kn_map_add_signal(m, &sig, err);
		kn_signal_release(&sig);
		return rc;
	case KN_VIEW_ACTOR:
		key = kn_map_resolve(m, what, NULL);
		if (!key)
			return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
					    "out of memory");
		rc = kn_storage(st)->actor_signals(st, key, f, add_listed, ctx, err);
		free(key);
		if (rc == KN_OK && m->n_sigs == 0)
			rc = kn_error_set(err, KN_ERR_NOTFOUND, NULL, 0, 0, NULL,
					  "no signal names the actor \"%.200s\"", what);
		return rc;
	case KN_VIEW_EXPOSURE:
		return kn_map_load_exposure(st, m, what, f, err);
	case KN_VIEW_PATH:
		break;
	case KN_VIEW_TIMELINE:
	case KN_VIEW_CORPUS:
		rc = kn_storage(st)->list(st, view == KN_VIEW_TIMELINE ?
					  timeline_filter(f, &tf) : f,
					  add_listed, ctx, err);
		if (rc == KN_OK && m->n_sigs == 0)
			rc = kn_error_set(err, KN_ERR_NOTFOUND, NULL, 0, 0, NULL,
					  "no signal matches the filters");
		return rc;
	}
	return KN_ERR_USAGE;
}

kn_status kn_map_from_store_ids(kn_store *st, kn_map **out, kn_error *err)
{
	kn_map *m;
	kn_status rc = kn_map_open(&m, err);

	*out = NULL;
	if (rc != KN_OK)
		return rc;
	kn_actor_ids_close(m->own_ids);
	m->ids = NULL;
	rc = kn_store_actor_ids(st, &m->own_ids, err);
	m->ids = m->own_ids;
	if (rc != KN_OK) {
		kn_map_close(m);
		return rc;
	}
	*out = m;
	return KN_OK;
}

/* ---- a big corpus or actor map: only what it draws (map_pick.c) ---- */

typedef struct picker {
	kn_store *st;
	const kn_filter *f;
	kn_map_totals *t;
	size_t cap_pick, cap_cats;
	kn_row *sids;
	size_t n_sids, cap_sids;
	kn_error *err;
	int exact; /* the ranking counted the groups exactly */
} picker;

static int add_cat(void *ctx, const char *category, long n)
{
	picker *p = ctx;
	kn_pick_category *c;

	if (KN_GROW(p->t->cats, p->cap_cats, p->t->n_cats + 1))
		return -1;
	c = &p->t->cats[p->t->n_cats++];
	c->n = n;
	c->name = category ? strdup(category) : NULL;
	p->t->n_signals += n;
	return category && !c->name ? -1 : 0;
}

static int add_group(void *ctx, const char *key, const long n[3], int exact)
{
	picker *p = ctx;
	kn_pick_actor *a;

	if (KN_GROW(p->t->actors, p->cap_pick, p->t->n_pick + 1))
		return -1;
	a = &p->t->actors[p->t->n_pick++];
	memcpy(a->n, n, sizeof a->n);
	p->exact = exact;
	return (a->key = strdup(key)) ? 0 : -1;
}

static int add_sid(void *ctx, kn_row sid)
{
	picker *p = ctx;

	if (KN_GROW(p->sids, p->cap_sids, p->n_sids + 1))
		return -1;
	p->sids[p->n_sids++] = sid;
	return 0;
}

static int actor_cmp(const void *a, const void *b)
{
	const kn_pick_actor *x = a, *y = b;

	if (x->n[0] != y->n[0])
		return x->n[0] > y->n[0] ? -1 : 1;
	return strcmp(x->key, y->key);
}

static int sid_cmp(const void *a, const void *b)
{
	kn_row x = *(const kn_row *)a, y = *(const kn_row *)b;

	return x < y ? -1 : x > y;
}

/* The ranked actors of the corpus view, counted exactly (the ranking
 * without filters is by role counts: a few more candidates, recounted). */
static kn_status rank_groups(picker *p, const kn_map_options *o, size_t want)
{
	const struct kn_storage_ops *ops = kn_storage(p->st);
	long min = o->min_count > 1 ? o->min_count : 1;
	size_t i, keep = 0;
	kn_status rc;

	rc = ops->pick_groups(p->st, p->f, min, want, add_group, p,
			      &p->t->n_actors, p->err);
	for (i = 0; rc == KN_OK && !p->exact && i < p->t->n_pick; i++)
		rc = ops->pick_stats(p->st, p->t->actors[i].key, p->f,
				     p->t->actors[i].n, p->err);
	if (rc != KN_OK)
		return rc;
	if (p->t->n_pick > 1) /* qsort takes no NULL, even for 0 */
		qsort(p->t->actors, p->t->n_pick, sizeof *p->t->actors, actor_cmp);
	for (i = 0; i < p->t->n_pick; i++) {
		if (keep < want && p->t->actors[i].n[0] >= min)
			p->t->actors[keep++] = p->t->actors[i];
		else
			free(p->t->actors[i].key);
	}
	p->t->n_pick = keep;
	return KN_OK;
}

/* The signals to load: each ranked actor's strongest, or the actor's. */
static kn_status pick_sids(picker *p, const kn_map_options *o, const char *key)
{
	const struct kn_storage_ops *ops = kn_storage(p->st);
	const char **keys = malloc((p->t->n_pick + 1) * sizeof *keys);
	size_t i, j, a, k;
	kn_status rc;

	if (!keys)
		return KN_ERR_NOMEM;
	if (key) {
		a = 1;
		k = (size_t)o->max_nodes;
		keys[0] = key;
	} else {
		kn_pick_shape(o->max_nodes, p->t->n_pick, &a, &k);
		for (i = 0; i < a; i++)
			keys[i] = p->t->actors[i].key;
	}
	rc = ops->pick_signals(p->st, keys, a, p->f, k, add_sid, p, p->err);
	free(keys);
	if (p->n_sids > 1) /* qsort takes no NULL, even for 0 */
		qsort(p->sids, p->n_sids, sizeof *p->sids, sid_cmp);
	for (i = j = 0; i < p->n_sids; i++)
		if (j == 0 || p->sids[j - 1] != p->sids[i])
			p->sids[j++] = p->sids[i];
	p->n_sids = j;
	return rc;
}

static kn_status load_sids(picker *p, kn_map *m)
{
	kn_signal sig;
	kn_status rc = KN_OK;
	size_t i;

	for (i = 0; rc == KN_OK && i < p->n_sids; i++) {
		kn_signal_init(&sig);
		rc = kn_storage(p->st)->get_row(p->st, p->sids[i], &sig, p->err);
		if (rc == KN_OK)
			rc = kn_map_add_signal(m, &sig, p->err);
		kn_signal_release(&sig);
	}
	return rc;
}

/* Loads what a corpus or actor map of a big selection draws; *done 0
 * when the selection fits o->max_nodes (then it is loaded whole). */
static kn_status load_pick(kn_store *st, kn_map *m, const kn_map_options *o,
			   const char *key, const kn_filter *f, int *done,
			   kn_error *err)
{
	picker p;
	kn_status rc;
	size_t a, k;

	*done = 0;
	memset(&p, 0, sizeof p);
	p.st = st;
	p.f = f;
	p.err = err;
	if (!(p.t = calloc(1, sizeof *p.t)))
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	if (key) {
		long zero[3] = { 0, 0, 0 };

		rc = add_group(&p, key, zero, 0) ? KN_ERR_NOMEM : KN_OK;
		if (rc == KN_OK)
			rc = kn_storage(st)->pick_stats(st, key, f, p.t->actors[0].n, err);
		/* an actor named by very many signals: their categories would
		 * cost a read of each; one aggregate counts them all */
		if (rc == KN_OK && p.t->actors[0].n[0] > KN_PICK_CATEGORIES_MAX) {
			p.t->n_signals = p.t->actors[0].n[0];
			p.t->one_agg = 1;
		} else if (rc == KN_OK) {
			rc = kn_storage(st)->pick_categories(st, key, f, add_cat, &p, err);
		}
	} else {
		rc = kn_storage(st)->pick_categories(st, key, f, add_cat, &p, err);
	}
	if (rc == KN_OK && !key) {
		kn_pick_shape(o->max_nodes, (size_t)o->max_nodes, &a, &k);
		rc = rank_groups(&p, o, a);
	}
	/* small enough to draw whole: signals (and actors) within budget */
	if (rc == KN_OK && p.t->n_signals * (key ? 3 : 1) +
	    (key ? 0 : p.t->n_actors) > o->max_nodes) {
		rc = pick_sids(&p, o, key);
		if (rc == KN_OK)
			rc = load_sids(&p, m);
		if (rc == KN_OK) {
			m->totals = p.t;
			p.t = NULL;
			*done = 1;
		}
	}
	if (rc == KN_ERR_NOMEM && err && err->code == KN_OK)
		kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	kn_map_totals_free(p.t);
	free(p.sids);
	return rc;
}

kn_status kn_map_from_store(kn_store *st, kn_view view, const char *what,
			    const kn_filter *f, kn_map **out, kn_error *err)
{
	kn_map_options o;

	kn_map_options_init(&o);
	o.view = view;
	return kn_map_from_store_for(st, &o, what, f, out, err);
}

static kn_status kn_map_from_store_for_read(kn_store *st, const kn_map_options *o,
					    const char *what, const kn_filter *f,
					    kn_map **out, kn_error *err)
{
	kn_view view = o->view;
	kn_map *m;
	kn_status rc;
	int picked = 0;

	*out = NULL;
	if (view != KN_VIEW_CORPUS && view != KN_VIEW_TIMELINE && (!what || !what[0]))
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, NULL,
				    "the %s view needs %s", kn_view_name(view),
				    view == KN_VIEW_ACTOR || view == KN_VIEW_EXPOSURE
				    ? "an actor name" : "a signal id");
	if (view == KN_VIEW_PATH)
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, NULL,
				    "the path view is made by kn_map_from_path");
	rc = kn_map_from_store_ids(st, &m, err);
	if (rc == KN_OK && o->max_nodes > 0 &&
	    (view == KN_VIEW_CORPUS || view == KN_VIEW_ACTOR)) {
		char *key = view == KN_VIEW_ACTOR ? kn_map_resolve(m, what, NULL) : NULL;

		if (view == KN_VIEW_ACTOR && !key)
			rc = kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
		else
			rc = load_pick(st, m, o, key, f, &picked, err);
		free(key);
	}
	if (rc == KN_OK && !picked)
		rc = load(st, m, view, what, f, err);
	if (rc == KN_OK)
		rc = kn_store_actor_names(st, m->own_ids, m->sigs, m->n_sigs, err);
	if (rc != KN_OK) {
		kn_map_close(m);
		return rc;
	}
	*out = m;
	return KN_OK;
}

kn_status kn_map_from_store_for(kn_store *st, const kn_map_options *o,
				const char *what, const kn_filter *f,
				kn_map **out, kn_error *err)
{
	KN_RETURN_IN_SNAPSHOT(st, err, kn_map_from_store_for_read(st, o, what, f, out, err));
}
