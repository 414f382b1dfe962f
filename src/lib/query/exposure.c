/* Exposure (knockon/ripple.h, docs/ripple.md): every way the corpus
 * reaches an actor, each weighted by its signal's numbers and the decay
 * of its order, summed and grouped.  The rows come from the storage
 * operations; the arithmetic and the grouping are here. */
#include "knockon/ripple.h"

#include <stdlib.h>
#include <string.h>

#include "kn_actor.h"
#include "kn_grow.h"
#include "kn_storage.h"
#include "query_internal.h"

int kn_exposure_by_parse(const char *s, kn_exposure_by *out)
{
	static const char *const names[] = { "signal", "order", "month" };
	int i;

	for (i = 0; s && i < 3; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (kn_exposure_by)(i + 1);
			return 0;
		}
	return -1;
}

void kn_exposure_opts_init(kn_exposure_opts *o)
{
	memset(o, 0, sizeof *o);
	o->decay = 0.5;
	o->by = KN_EXPOSURE_ROWS;
	kn_filter_init(&o->filter);
}

void kn_exposure_init(kn_exposure *e)
{
	memset(e, 0, sizeof *e);
}

static void free_row(kn_exposure_row *r)
{
	free(r->signal);
	free(r->title);
	free(r->published);
	free(r->role);
	free(r->via);
	free(r->effect);
	free(r->text);
}

void kn_exposure_release(kn_exposure *e)
{
	size_t i;

	if (!e)
		return;
	free(e->actor);
	for (i = 0; i < e->n; i++)
		free_row(&e->rows[i]);
	for (i = 0; i < e->n_groups; i++)
		free(e->groups[i].key);
	free(e->rows);
	free(e->groups);
	kn_exposure_init(e);
}

/* score/100 × confidence/100 × impact/100 × decay^order, an absent
 * number counting as 50: the product is taken in integers first, so
 * that 80 × 50 × 40 gives 0.16 exactly as written. */
double kn_ripple_weight(int score, int confidence, int impact, int order,
			double decay)
{
	long s = score == KN_ABSENT ? 50 : score;
	long c = confidence == KN_ABSENT ? 50 : confidence;
	long i = impact == KN_ABSENT ? 50 : impact;
	double w = (double)(s * c * i) / 1000000.0;
	int k;

	for (k = 0; k < order; k++)
		w *= decay;
	return w;
}

static double weight(const kn_reach *r, double decay)
{
	return kn_ripple_weight(r->score, r->confidence, r->impact, r->order,
				decay);
}

typedef struct gather {
	kn_exposure *out;
	const kn_exposure_opts *o;
	size_t limit;      /* rows or groups kept; 0 = all */
	char *last;        /* what the previous row was, to count each once */
	char *first_name;  /* the first name a row gives */
	int failed;
} gather;

static char *dup(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* "signal\x1f order \x1f effect-or-role": equal for a second name of the
 * actor on the same effect (or in the same role). */
static char *row_key(const kn_reach *r)
{
	kn_buf b = KN_BUF_INIT;

	kn_buf_printf(&b, "%s\x1f%d\x1f%s", r->signal, r->order,
		      r->order ? (r->effect ? r->effect : "") : r->role);
	return kn_buf_detach(&b, NULL);
}

static int keep_row(gather *g, const kn_reach *r, double w)
{
	kn_exposure *e = g->out;
	kn_exposure_row *x;

	if (g->limit && e->n >= g->limit)
		return 0;
	if (KN_GROW(e->rows, e->cap, e->n + 1))
		return -1;
	x = &e->rows[e->n++];
	memset(x, 0, sizeof *x);
	x->signal = dup(r->signal);
	x->title = dup(r->title);
	x->published = dup(r->published);
	x->order = r->order;
	x->role = dup(r->role);
	x->via = dup(r->via);
	x->effect = dup(r->effect);
	x->text = dup(r->text);
	x->score = r->score;
	x->confidence = r->confidence;
	x->impact = r->impact;
	x->weight = w;
	return x->signal && x->title && x->role && x->via &&
	       (r->order == 0 || (x->effect && x->text)) ? 0 : -1;
}

/* The group of the row: its key (the signal id or the month, heap, may
 * be NULL) for the groups that come in runs, or its order. */
static int group_of(const gather *g, const kn_reach *r, char **key)
{
	*key = NULL;
	if (g->o->by == KN_EXPOSURE_BY_SIGNAL)
		return (*key = strdup(r->signal)) ? 0 : -1;
	if (g->o->by == KN_EXPOSURE_BY_MONTH && r->published &&
	    strlen(r->published) >= 7)
		return (*key = strndup(r->published, 7)) ? 0 : -1;
	return 0;
}

static int same_key(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static int add_to_group(gather *g, const kn_reach *r, double w)
{
	kn_exposure *e = g->out;
	kn_exposure_group *x;
	char *key;
	size_t i;

	if (group_of(g, r, &key))
		return -1;
	if (g->o->by == KN_EXPOSURE_BY_ORDER) {
		for (i = 0; i < e->n_groups && e->groups[i].order != r->order; i++)
			;
	} else { /* rows of one signal, or one month, come in a run */
		i = e->n_groups && same_key(e->groups[e->n_groups - 1].key, key)
			    ? e->n_groups - 1 : e->n_groups;
	}
	if (i == e->n_groups) {
		if (KN_GROW(e->groups, e->cap_groups, e->n_groups + 1)) {
			free(key);
			return -1;
		}
		x = &e->groups[e->n_groups++];
		memset(x, 0, sizeof *x);
		x->key = key;
		x->order = g->o->by == KN_EXPOSURE_BY_ORDER ? r->order : 0;
	} else {
		free(key);
	}
	e->groups[i].rows++;
	e->groups[i].exposure += w;
	return 0;
}

static int on_row(void *ctx, const kn_reach *r)
{
	gather *g = ctx;
	char *key = row_key(r);
	double w;

	if (!key || (!g->first_name && !(g->first_name = dup(r->name)))) {
		free(key);
		g->failed = 1;
		return 1;
	}
	if (g->last && strcmp(g->last, key) == 0) {
		free(key); /* the same effect (or role) by another name */
		return 0;
	}
	free(g->last);
	g->last = key;
	w = weight(r, g->o->decay);
	g->out->exposure += w;
	g->out->n_all++;
	if (g->o->by == KN_EXPOSURE_ROWS ? keep_row(g, r, w) : add_to_group(g, r, w)) {
		g->failed = 1;
		return 1;
	}
	return 0;
}

/* Most exposure first, then signal id. */
static int by_exposure(const void *a, const void *b)
{
	const kn_exposure_group *x = a, *y = b;

	if (x->exposure != y->exposure)
		return x->exposure > y->exposure ? -1 : 1;
	return strcmp(x->key, y->key);
}

static int by_order(const void *a, const void *b)
{
	const kn_exposure_group *x = a, *y = b;

	return x->order < y->order ? -1 : x->order > y->order;
}

/* Puts the groups in their order and keeps the first limit (0: all). */
static void order_groups(kn_exposure *e, kn_exposure_by by, size_t limit)
{
	size_t i, n = e->n_groups;

	if (n > 1 && by == KN_EXPOSURE_BY_SIGNAL) /* qsort takes no NULL */
		qsort(e->groups, n, sizeof *e->groups, by_exposure);
	else if (n > 1 && by == KN_EXPOSURE_BY_ORDER)
		qsort(e->groups, n, sizeof *e->groups, by_order);
	else if (by == KN_EXPOSURE_BY_MONTH) {
		/* they came newest first, undated last: reverse the dated */
		size_t dated = n && !e->groups[n - 1].key ? n - 1 : n;

		for (i = 0; i < dated / 2; i++) {
			kn_exposure_group t = e->groups[i];

			e->groups[i] = e->groups[dated - 1 - i];
			e->groups[dated - 1 - i] = t;
		}
	}
	for (i = limit; limit && i < n; i++)
		free(e->groups[i].key);
	if (limit && limit < n)
		e->n_groups = limit;
}

/* The actor's canonical key (heap) and display name (heap, NULL when the
 * corpus stores no actor or alias of that key). */
static kn_status resolve(kn_store *st, const char *actor, char **key,
			 char **name, kn_error *err)
{
	const struct kn_storage_ops *ops = kn_storage(st);
	char *stored = NULL, *alias = NULL;
	kn_actor_ids *ids;
	kn_status s;

	*key = *name = NULL;
	if ((s = kn_store_actor_ids(st, &ids, err)))
		return s;
	*key = kn_actor_ids_resolve(ids, actor, NULL);
	kn_actor_ids_close(ids);
	if (!*key)
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	if ((s = ops->stored_name(st, *key, &stored, err)) ||
	    (s = ops->alias_name(st, *key, &alias, err)))
		goto done;
	if (kn_actor_display(stored, alias) &&
	    !(*name = strdup(kn_actor_display(stored, alias))))
		s = kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
done:
	free(stored);
	free(alias);
	return s;
}

static kn_status kn_query_exposure_read(kn_store *st, const char *actor,
					const kn_exposure_opts *o, kn_exposure *out,
					kn_error *err)
{
	gather g;
	char *key = NULL;
	kn_status s;

	kn_exposure_release(out);
	if (!(o->decay >= 0 && o->decay <= 1))
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, "decay",
				    "--decay takes a number from 0 to 1");
	if ((s = kn_filter_check(&o->filter, err)))
		return s;
	memset(&g, 0, sizeof g);
	g.out = out;
	g.o = o;
	g.limit = o->filter.limit > 0 ? (size_t)o->filter.limit : 0;
	out->by = o->by;
	if (!(s = resolve(st, actor ? actor : "", &key, &out->actor, err)))
		s = kn_storage(st)->exposure_rows(st, key, &o->filter, on_row, &g,
						  err);
	if (!s && g.failed)
		s = kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	if (!s && !out->actor && !(out->actor = g.first_name))
		s = kn_error_set(err, KN_ERR_NOTFOUND, NULL, 0, 0, NULL,
				 "no actor \"%s\" in the corpus", actor ? actor : "");
	else if (out->actor != g.first_name)
		free(g.first_name);
	if (!s)
		order_groups(out, o->by, g.limit);
	free(g.last);
	free(key);
	if (s)
		kn_exposure_release(out);
	return s;
}

kn_status kn_query_exposure(kn_store *st, const char *actor,
			    const kn_exposure_opts *o, kn_exposure *out,
			    kn_error *err)
{
	KN_RETURN_IN_SNAPSHOT(st, err, kn_query_exposure_read(st, actor, o, out, err));
}
