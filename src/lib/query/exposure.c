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
#include "exposure_ways.h"
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

static kn_status nomem(kn_error *err)
{
	return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
}

static const char *const role_names[] = { "loser", "named", "winner" };
static const char *const via_names[] = { "role", "card", "detected" };

static char *dup(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* Row r of the answer from way x, whose signal and effect
 * kn_xways_settle read (the text is moved to the row). */
static kn_status write_row(kn_xway *x, double decay, kn_exposure_row *r,
			   kn_error *err)
{
	const kn_xsig *g = x->sig;

	memset(r, 0, sizeof *r);
	r->signal = dup(g->id);
	r->title = dup(g->title);
	r->published = dup(g->published);
	r->order = x->w.order;
	r->role = dup(role_names[x->w.role]);
	r->via = dup(via_names[x->w.via]);
	r->effect = dup(x->w.effect);
	r->text = x->text;
	x->text = NULL;
	r->score = g->numbers[0];
	r->confidence = g->numbers[1];
	r->impact = g->numbers[2];
	r->weight = kn_ripple_weight(r->score, r->confidence, r->impact, r->order,
				     decay);
	if (!r->signal || !r->title || !r->role || !r->via ||
	    (g->published && !r->published) || (x->w.order && !r->effect))
		return nomem(err);
	return KN_OK;
}

/* The first limit ways (0: all) as rows, kn_xways_settle'd.  In a corpus
 * edited by hand, a way whose signal or effect row is gone is not shown
 * (the joins of old left it out; the total still counts it until check
 * --repair). */
static kn_status rows_of(kn_xways *x, const kn_exposure_opts *o, size_t limit,
			 kn_exposure *e, kn_error *err)
{
	size_t i, n = limit && limit < x->n ? limit : x->n;
	kn_status s = KN_OK;

	if (!n)
		return KN_OK;
	if (!(e->rows = calloc(n, sizeof *e->rows)))
		return nomem(err);
	e->cap = n;
	for (i = 0; !s && i < n; i++) {
		kn_xway *w = &x->v[i];

		if (!w->sig || w->sig->gone || (w->w.order && !w->text))
			continue;
		if (!(s = write_row(w, o->decay, &e->rows[e->n], err)))
			e->n++;
		else
			free_row(&e->rows[e->n]);
	}
	return s;
}

static kn_exposure_group *new_group(kn_exposure *e)
{
	kn_exposure_group *g;

	if (KN_GROW(e->groups, e->cap_groups, e->n_groups + 1))
		return NULL;
	g = &e->groups[e->n_groups++];
	memset(g, 0, sizeof *g);
	return g;
}

/* By order: one group per order, 0 first. */
static kn_status groups_by_order(kn_xways *x, double decay, kn_exposure *e,
				 kn_error *err)
{
	size_t m = (size_t)x->max_order + 1, i, *rows = calloc(m, sizeof *rows);
	long long *base = calloc(m, sizeof *base);
	kn_status s = KN_OK;

	for (i = 0; rows && base && i < x->n; i++) {
		rows[x->v[i].w.order]++;
		base[x->v[i].w.order] += x->v[i].w.base;
	}
	for (i = 0; rows && base && !s && i < m; i++) {
		kn_exposure_group *g;
		long long all = base[i];

		if (!rows[i])
			continue;
		if (!(g = new_group(e))) {
			s = nomem(err);
			break;
		}
		g->order = (int)i;
		g->rows = rows[i];
		memset(base, 0, i * sizeof *base); /* the one order alone */
		g->exposure = kn_ripple_sum(base, (int)i + 1, decay);
		base[i] = all;
	}
	if (!rows || !base)
		s = nomem(err);
	free(rows);
	free(base);
	return s;
}

/* The month of a date (its first 7 characters), NULL when it has none. */
static const char *month_of(const char *published)
{
	return published && strlen(published) >= 7 ? published : NULL;
}

static int same_run(kn_exposure_by by, const kn_xway *a, const kn_xway *b)
{
	const char *x = month_of(a->w.published), *y = month_of(b->w.published);

	if (by == KN_EXPOSURE_BY_SIGNAL)
		return a->w.sid == b->w.sid;
	return (!x && !y) || (x && y && strncmp(x, y, 7) == 0);
}

/* By signal or by month: the ways of one come in a run.  *sids (heap,
 * by signal) gets each group's signal row. */
static kn_status groups_by_run(kn_xways *x, kn_exposure_by by, double decay,
			       kn_exposure *e, kn_row **sids, kn_error *err)
{
	size_t m = (size_t)x->max_order + 1, i, j;
	long long *base = calloc(m, sizeof *base);

	*sids = NULL;
	if (!base || (by == KN_EXPOSURE_BY_SIGNAL && x->n &&
		      !(*sids = calloc(x->n, sizeof **sids)))) {
		free(base);
		return nomem(err);
	}
	for (i = 0; i < x->n; i = j) {
		kn_exposure_group *g = new_group(e);
		const char *month = month_of(x->v[i].w.published);

		if (!g || (by == KN_EXPOSURE_BY_MONTH && month &&
			   !(g->key = strndup(month, 7)))) {
			free(base);
			return nomem(err);
		}
		memset(base, 0, m * sizeof *base);
		for (j = i; j < x->n && same_run(by, &x->v[i], &x->v[j]); j++)
			base[x->v[j].w.order] += x->v[j].w.base;
		g->rows = j - i;
		g->exposure = kn_ripple_sum(base, (int)m, decay);
		if (*sids)
			(*sids)[e->n_groups - 1] = x->v[i].w.sid;
	}
	free(base);
	return KN_OK;
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

/* By signal: most exposure first, then signal id; sids[i] is group i's. */
typedef struct sgroup {
	kn_exposure_group g;
	kn_row sid;
} sgroup;

static int by_exposure(const void *a, const void *b)
{
	const sgroup *x = a, *y = b;

	if (x->g.exposure != y->g.exposure)
		return x->g.exposure > y->g.exposure ? -1 : 1;
	if (x->g.key && y->g.key)
		return strcmp(x->g.key, y->g.key);
	return x->sid < y->sid ? -1 : x->sid > y->sid;
}

static kn_status group_id(kn_store *st, sgroup *v, kn_error *err)
{
	kn_status s;

	if (v->g.key)
		return KN_OK;
	s = kn_storage(st)->exposure_signal(st, v->sid, &v->g.key, NULL, NULL,
					    NULL, err);
	if (s == KN_ERR_NOTFOUND) /* a row deleted by hand */
		s = (v->g.key = strdup("")) ? KN_OK : nomem(err);
	return s;
}

/* Sorts the groups by exposure, then id: the ids read for the groups
 * shown and those that tie with them alone. */
static kn_status order_by_signal(kn_store *st, kn_exposure *e, const kn_row *sids,
				 size_t limit, kn_error *err)
{
	size_t n = e->n_groups, i, j, k, upto = limit && limit < n ? limit : n;
	sgroup *v = n ? calloc(n, sizeof *v) : NULL;
	kn_status s = KN_OK;

	if (n && !v)
		return nomem(err);
	for (i = 0; i < n; i++) {
		v[i].g = e->groups[i];
		v[i].sid = sids[i];
	}
	if (n > 1)
		qsort(v, n, sizeof *v, by_exposure);
	for (i = 0; !s && i < upto; i = j) {
		for (j = i + 1; j < n && v[j].g.exposure == v[i].g.exposure; j++)
			;
		for (k = i; !s && k < j && (j - i > 1 || k < upto); k++)
			s = group_id(st, &v[k], err);
		if (!s && j - i > 1)
			qsort(v + i, j - i, sizeof *v, by_exposure);
	}
	for (i = 0; i < n; i++)
		e->groups[i] = v[i].g;
	free(v);
	for (i = upto; i < n; i++)
		free(e->groups[i].key);
	e->n_groups = upto;
	return s;
}

/* By month: the runs came newest first, undated last; oldest first. */
static void order_by_month(kn_exposure *e, size_t limit)
{
	size_t i, n = e->n_groups, dated = n && !e->groups[n - 1].key ? n - 1 : n;

	for (i = 0; i < dated / 2; i++) {
		kn_exposure_group t = e->groups[i];

		e->groups[i] = e->groups[dated - 1 - i];
		e->groups[dated - 1 - i] = t;
	}
	for (i = limit; limit && i < n; i++)
		free(e->groups[i].key);
	if (limit && limit < n)
		e->n_groups = limit;
}

/* By order from the backend's sums, when it can give them (one name, no
 * filter on the signals' own columns): the answer groups_by_order makes
 * of the ways, without reading them.  *done 0: read the ways. */
#define KN_SUMMED_ORDERS 64
typedef struct order_sums {
	long long rows[KN_SUMMED_ORDERS], base[KN_SUMMED_ORDERS], all;
	int max_order;
} order_sums;

/* The backend's sums (exposure_sums) into *u, with their total count and
 * e's total exposure; *done 0 when it has none. */
static kn_status read_sums(kn_store *st, const char *key,
			   const kn_exposure_opts *o, order_sums *u,
			   kn_exposure *e, int *done, kn_error *err)
{
	kn_status s = kn_storage(st)->exposure_sums(st, key, &o->filter, u->rows,
						     u->base, KN_SUMMED_ORDERS,
						     &u->max_order, done, err);
	int k;

	if (s || !*done)
		return s;
	for (u->all = 0, k = 0; k <= u->max_order; k++)
		u->all += u->rows[k];
	e->exposure = kn_ripple_sum(u->base, u->max_order + 1, o->decay);
	e->n_all = (size_t)u->all;
	return KN_OK;
}

static kn_status answer_by_order(kn_store *st, const char *key,
				 const kn_exposure_opts *o, size_t limit,
				 kn_exposure *e, int *done, kn_error *err)
{
	long long one[KN_SUMMED_ORDERS];
	order_sums u;
	int k;
	kn_status s = read_sums(st, key, o, &u, e, done, err);

	if (s || !*done)
		return s;
	memset(one, 0, sizeof one);
	for (k = 0; k <= u.max_order; k++) {
		kn_exposure_group *g;

		if (!u.rows[k])
			continue;
		if (!(g = new_group(e)))
			return nomem(err);
		g->order = k;
		g->rows = (size_t)u.rows[k];
		one[k] = u.base[k]; /* the one order alone */
		g->exposure = kn_ripple_sum(one, k + 1, o->decay);
		one[k] = 0;
	}
	if (limit && limit < e->n_groups)
		e->n_groups = limit;
	return KN_OK;
}

/* The first limit rows of an actor of one name, unfiltered, that many
 * signals name: the total and the count from the sums, the rows from the
 * ways of the newest signals alone (kn_xways_newest).  The walk is taken
 * when it should be short: about limit × signals / ways signals, at 2
 * ways a signal and 4 probes a signal, against reading every way (8 ×
 * limit × signals < ways²), and given up past a quarter of the ways.
 * *done 0: read every way. */
static kn_status answer_newest(kn_store *st, const char *key,
			       const kn_exposure_opts *o, size_t limit,
			       kn_exposure *e, kn_xways *x, int *done,
			       kn_error *err)
{
	double signals = (double)kn_storage(st)->size(st);
	order_sums u;
	kn_status s = read_sums(st, key, o, &u, e, done, err);

	if (s || !*done)
		return s;
	*done = 0;
	if (8.0 * (double)limit * signals >= (double)u.all * (double)u.all ||
	    (s = kn_xways_newest(st, key, limit, (size_t)(u.all / 4), x, done, err)) ||
	    !*done)
		return s;
	if (!(s = kn_xways_settle(st, x, limit, err)))
		s = rows_of(x, o, limit, e, err);
	return s;
}

/* The answer from the ways: the total of them all, then the rows or the
 * groups shown. */
static kn_status answer(kn_store *st, kn_xways *x, const kn_exposure_opts *o,
			size_t limit, kn_exposure *e, kn_error *err)
{
	size_t m = (size_t)x->max_order + 1, i;
	long long *base = calloc(m, sizeof *base);
	kn_row *sids = NULL;
	kn_status s;

	if (!base)
		return nomem(err);
	for (i = 0; i < x->n; i++)
		base[x->v[i].w.order] += x->v[i].w.base;
	e->exposure = kn_ripple_sum(base, (int)m, o->decay);
	e->n_all = x->n;
	free(base);
	switch (o->by) {
	case KN_EXPOSURE_BY_ORDER:
		s = groups_by_order(x, o->decay, e, err);
		if (!s && limit && limit < e->n_groups)
			e->n_groups = limit;
		return s;
	case KN_EXPOSURE_BY_SIGNAL:
		if (!(s = kn_xways_sort(x, err)) &&
		    !(s = groups_by_run(x, o->by, o->decay, e, &sids, err)))
			s = order_by_signal(st, e, sids, limit, err);
		free(sids);
		return s;
	case KN_EXPOSURE_BY_MONTH:
		if (!(s = kn_xways_sort(x, err)) &&
		    !(s = groups_by_run(x, o->by, o->decay, e, &sids, err)))
			order_by_month(e, limit);
		return s;
	default:
		if (!(s = kn_xways_settle(st, x, limit ? limit : x->n, err)))
			s = rows_of(x, o, limit, e, err);
		return s;
	}
}

static kn_status kn_query_exposure_read(kn_store *st, const char *actor,
					const kn_exposure_opts *o, kn_exposure *out,
					kn_error *err)
{
	size_t limit = o->filter.limit > 0 ? (size_t)o->filter.limit : 0;
	char *key = NULL;
	kn_xways x;
	kn_status s;
	int summed = 0;

	kn_exposure_release(out);
	if (!(o->decay >= 0 && o->decay <= 1))
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, "decay",
				    "--decay takes a number from 0 to 1");
	if ((s = kn_filter_check(&o->filter, err)))
		return s;
	memset(&x, 0, sizeof x);
	out->by = o->by;
	s = resolve(st, actor ? actor : "", &key, &out->actor, err);
	/* an actor with a stored name, by order: the sums will do (a name
	 * only links give is the first way's, in the answer's order) */
	if (!s && out->actor && o->by == KN_EXPOSURE_BY_ORDER)
		s = answer_by_order(st, key, o, limit, out, &summed, err);
	else if (!s && out->actor && o->by == KN_EXPOSURE_ROWS && limit &&
		 kn_filter_empty(&o->filter))
		s = answer_newest(st, key, o, limit, out, &x, &summed, err);
	if (!s && !summed && !(s = kn_xways_read(st, key, &o->filter, &x, err)))
		s = answer(st, &x, o, limit, out, err);
	/* no stored name: the first name a way gives, in the answer's order */
	if (!s && !out->actor && x.n && !(s = kn_xways_settle(st, &x, 1, err)))
		if ((s = kn_storage(st)->exposure_name(st, &x.v[0].w, &out->actor,
						       err)) == KN_ERR_NOTFOUND)
			s = KN_OK;
	if (!s && !out->actor)
		s = kn_error_set(err, KN_ERR_NOTFOUND, NULL, 0, 0, NULL,
				 "no actor \"%s\" in the corpus", actor ? actor : "");
	kn_xways_release(&x);
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
