/* The exposure view (docs/maps.md): the chains by which the corpus
 * reaches one actor, built from its exposure rows (knockon/ripple.h).
 * Signals in the first column, effects of order k in column k (one
 * rank=same subgraph per order), the actor last; each effect that links
 * the actor has its chain back to its signal drawn, inside its card.  At
 * most a bounded number of rows, the strongest by weight, are drawn; the
 * map says what it left out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kn_storage.h"
#include "map_ripple.h"

#define DOT_SEP " \xc2\xb7 "

typedef struct ranked {
	double w;
	size_t i;
} ranked;

/* Strongest first; equal weights in row order (deterministic). */
static int by_weight(const void *a, const void *b)
{
	const ranked *x = a, *y = b;

	if (x->w != y->w)
		return x->w > y->w ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static int by_index(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* Picks the strongest max rows into rip->drawn, in row order. */
static kn_status pick_rows(kn_map_ripple *rip, size_t max)
{
	const kn_exposure *e = &rip->expo;
	ranked *v = malloc((e->n ? e->n : 1) * sizeof *v);
	size_t i, n = e->n < max ? e->n : max;

	rip->drawn = malloc((n ? n : 1) * sizeof *rip->drawn);
	if (!v || !rip->drawn) {
		free(v);
		return KN_ERR_NOMEM;
	}
	for (i = 0; i < e->n; i++) {
		v[i].w = e->rows[i].weight;
		v[i].i = i;
	}
	qsort(v, e->n, sizeof *v, by_weight);
	rip->left_weight = 0;
	for (i = 0; i < e->n; i++) {
		if (i < n)
			rip->drawn[i] = v[i].i;
		else
			rip->left_weight += v[i].w;
	}
	rip->n_drawn = n;
	qsort(rip->drawn, n, sizeof *rip->drawn, by_index);
	free(v);
	return KN_OK;
}

/* The signals of the rows drawn (rows come grouped by signal). */
static kn_status load_signals(kn_store *st, kn_map *m, kn_error *err)
{
	const kn_map_ripple *rip = m->rip;
	size_t i;
	kn_status rc = KN_OK;

	for (i = 0; i < rip->n_drawn && rc == KN_OK; i++) {
		const char *id = rip->expo.rows[rip->drawn[i]].signal;
		kn_signal sig;

		if (kn_map_find(m, id))
			continue;
		kn_signal_init(&sig);
		rc = kn_storage(st)->get(st, id, &sig, err);
		if (rc == KN_OK)
			rc = kn_map_add_signal(m, &sig, err);
		kn_signal_release(&sig);
	}
	return rc;
}

kn_status kn_map_load_exposure(kn_store *st, kn_map *m, const char *actor,
			       const kn_filter *f, kn_error *err)
{
	kn_map_ripple *rip = kn_map_ripple_get(m);
	kn_exposure_opts o;
	kn_status rc;

	if (!rip)
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	kn_exposure_opts_init(&o);
	if (f)
		o.filter = *f;
	o.filter.limit = 0; /* the limit bounds the rows drawn, below */
	rc = kn_query_exposure(st, actor, &o, &rip->expo, err);
	if (rc != KN_OK)
		return rc;
	rip->has_expo = 1;
	if (rip->expo.n == 0)
		return kn_error_set(err, KN_ERR_NOTFOUND, NULL, 0, 0, NULL,
				    "nothing in the signals selected reaches \"%.200s\"",
				    actor);
	free(rip->focus_key);
	rip->focus_key = kn_map_resolve(m, actor, NULL);
	if (!rip->focus_key ||
	    pick_rows(rip, f && f->limit > 0 ? (size_t)f->limit
					     : KN_EXPOSURE_MAP_ROWS) != KN_OK)
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	return load_signals(st, m, err);
}

/* Puts n in the column of order k (rank=same subgraphs, not clusters:
 * Graphviz 2.42 leaks per layout for clusters). */
static void column(kn_builder *b, Agnode_t *n, int k)
{
	char name[32];
	Agraph_t *sub;

	snprintf(name, sizeof name, "order-%d", k);
	sub = agsubg(b->g, name, 1);
	if (!sub)
		return;
	kn_set(sub, "rank", "same");
	agsubnode(sub, n, 1);
}

/* The effect at index ei of s and, once, the chain of its causes back
 * to the signal (bounded: each effect is drawn once). */
static Agnode_t *chain(kn_builder *b, const kn_signal *s, Agnode_t *sn,
		       size_t ei)
{
	const kn_effect *e = &s->effects[ei];
	int drawn = agnode(b->g, kn_mut(kn_eff_name(b, s, e->id)), 0) != NULL;
	Agnode_t *en = kn_view_effect_node(b, s, e), *cn;
	size_t j;
	long c;

	if (!en || drawn)
		return en;
	column(b, en, e->order);
	if (e->order == 1 || e->n_causes == 0) {
		kn_add_edge(b, sn, en, KN_EDGE_CAUSES);
		return en;
	}
	for (j = 0; j < e->n_causes; j++) {
		c = kn_signal_find_effect(s, e->causes[j]);
		/* causes are of the order before: the recursion ends */
		cn = c >= 0 && s->effects[c].order < e->order
		     ? chain(b, s, sn, (size_t)c) : NULL;
		if (cn)
			kn_add_edge(b, cn, en, KN_EDGE_CAUSES);
	}
	return en;
}

static size_t count_signals(const kn_exposure *e)
{
	size_t i, n = 0;

	for (i = 0; i < e->n; i++)
		n += i == 0 || strcmp(e->rows[i].signal, e->rows[i - 1].signal) != 0;
	return n;
}

static Agnode_t *focus_node(kn_builder *b, const kn_map_ripple *rip)
{
	size_t n_sigs = count_signals(&rip->expo);
	kn_buf tmp = KN_BUF_INIT;
	Agnode_t *n;

	kn_buf_printf(&tmp, "exposure %.4g" DOT_SEP "%zu way%s from %zu signal%s\\n",
		      rip->expo.exposure, rip->expo.n, rip->expo.n == 1 ? "" : "s",
		      n_sigs, n_sigs == 1 ? "" : "s");
	n = kn_buf_failed(&tmp) ? NULL
	    : kn_ripple_actor_node(b, rip->focus_key, rip->expo.actor,
				   kn_buf_cstr(&tmp));
	kn_buf_release(&tmp);
	if (!n)
		return NULL;
	kn_set(n, "penwidth", "3");
	kn_set(n, "fontsize", "14");
	return n;
}

/* "+N more ways not drawn", beside the actor. */
static void more_rows(kn_builder *b, const kn_map_ripple *rip, Agnode_t *fn)
{
	size_t left = rip->expo.n - rip->n_drawn;
	int created;
	Agnode_t *mn = kn_add_node(b, "more:rows", KN_NODE_MORE, NULL, &created);
	Agedge_t *e;

	if (!mn)
		return;
	kn_buf_reset(&b->label);
	kn_buf_printf(&b->label, "+%zu more way%s not drawn\\nweight %.4g of %.4g"
		      "\\nthe strongest %zu are drawn\\n", left, left == 1 ? "" : "s",
		      rip->left_weight, rip->expo.exposure, rip->n_drawn);
	kn_set_label(b, mn);
	e = kn_add_edge(b, mn, fn, KN_EDGE_LEGEND);
	if (e)
		kn_set(e, "class", "more");
}

static double max_weight(const kn_map_ripple *rip)
{
	double max = 0;
	size_t i;

	for (i = 0; i < rip->n_drawn; i++)
		if (rip->expo.rows[rip->drawn[i]].weight > max)
			max = rip->expo.rows[rip->drawn[i]].weight;
	return max;
}

/* One row: its signal, the chain to its effect, the edge to the actor. */
static void draw_row(kn_builder *b, const kn_exposure_row *r, Agnode_t *fn,
		     double max)
{
	const kn_signal *s = kn_map_find(b->m, r->signal);
	Agnode_t *sn = s ? kn_view_signal_node(b, s, 1) : NULL, *en;
	long ei;

	if (!sn)
		return;
	column(b, sn, 0);
	if (r->order == 0) { /* its own role: benefits or harms */
		int loser = strcmp(r->role, "loser") == 0;
		Agedge_t *e = kn_add_edge(b, sn, fn, loser ? KN_EDGE_HARMS
							   : KN_EDGE_BENEFITS);

		if (!e)
			return;
		kn_link_edge_weigh(b, e, r->weight, max);
		/* pulled straight: else dot winds it through every column */
		kn_set(e, "weight", "8");
		return;
	}
	ei = r->effect ? kn_signal_find_effect(s, r->effect) : -1;
	en = ei >= 0 ? chain(b, s, sn, (size_t)ei) : NULL;
	if (en)
		kn_link_edge(b, en, fn, strcmp(r->via, "detected") == 0, r->role,
			     r->weight, max);
}

kn_status kn_draw_exposure(kn_builder *b)
{
	const kn_map_ripple *rip = b->m->rip;
	double max;
	Agnode_t *fn;
	size_t i;

	if (!rip || !rip->has_expo || !rip->focus_key)
		return kn_error_set(b->err, KN_ERR_NOTFOUND, NULL, 0, 0, "actor",
				    "the exposure view needs a map made from the corpus");
	b->focus = strdup(rip->focus_key);
	fn = b->focus ? focus_node(b, rip) : NULL;
	if (!fn)
		return KN_ERR_NOMEM;
	max = max_weight(rip);
	for (i = 0; i < rip->n_drawn; i++)
		draw_row(b, &rip->expo.rows[rip->drawn[i]], fn, max);
	if (rip->n_drawn < rip->expo.n)
		more_rows(b, rip, fn);
	return KN_OK;
}

int kn_ripple_title(kn_builder *b, kn_buf *t)
{
	const kn_map_ripple *rip = b->m->rip;
	size_t n;

	if (b->o->view == KN_VIEW_PATH && rip && rip->has_paths && rip->paths.n) {
		kn_path_title(b, t);
		return 1;
	}
	if (b->o->view != KN_VIEW_EXPOSURE || !rip || !rip->has_expo)
		return 0;
	n = count_signals(&rip->expo);
	kn_buf_printf(t, "Exposure map: %s" DOT_SEP "exposure %.4g" DOT_SEP
		      "%zu way%s from %zu signal%s", rip->expo.actor,
		      rip->expo.exposure, rip->expo.n, rip->expo.n == 1 ? "" : "s",
		      n, n == 1 ? "" : "s");
	if (rip->n_drawn < rip->expo.n)
		kn_buf_printf(t, DOT_SEP "the strongest %zu drawn", rip->n_drawn);
	return 1;
}
