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
	if (e->n > 1) /* qsort takes no NULL, even for 0 */
		qsort(v, e->n, sizeof *v, by_weight);
	rip->left_weight = 0;
	for (i = 0; i < e->n; i++) {
		if (i < n)
			rip->drawn[i] = v[i].i;
		else
			rip->left_weight += v[i].w;
	}
	rip->n_drawn = n;
	if (n > 1) /* qsort takes no NULL, even for 0 */
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

/* A new column: an anonymous rank=same subgraph (not a cluster:
 * Graphviz 2.42 leaks per layout for clusters).  Anonymous, because
 * cgraph orders named subgraphs by the address of their name, which
 * would make the output depend on the heap; anonymous ones are numbered
 * in the order made. */
static Agraph_t *new_column(kn_builder *b)
{
	Agraph_t *sub = agsubg(b->g, NULL, 1);

	if (sub)
		kn_set(sub, "rank", "same");
	return sub;
}

static void column(Agraph_t *sub, Agnode_t *n)
{
	if (sub && n)
		agsubnode(sub, n, 1);
}

/* Marks the effect at index ei of s and the chain of its causes back to
 * the signal (each once: the causes are of the order before). */
static void mark_chain(const kn_signal *s, char *mk, size_t ei)
{
	const kn_effect *e = &s->effects[ei];
	size_t j;
	long c;

	if (mk[ei])
		return;
	mk[ei] = 1;
	for (j = 0; e->order > 1 && j < e->n_causes; j++) {
		c = kn_signal_find_effect(s, e->causes[j]);
		if (c >= 0 && s->effects[c].order < e->order)
			mark_chain(s, mk, (size_t)c);
	}
}

/* The edges into a marked effect: from its marked causes, or from its
 * signal when it is direct or has none. */
static void chain_edges(kn_builder *b, const kn_signal *s, const char *mk)
{
	Agnode_t *sn = agnode(b->g, kn_mut(kn_sig_name(b, s)), 0), *en, *cn;
	size_t i, j;
	long c;

	for (i = 0; sn && i < s->n_effects; i++) {
		const kn_effect *e = &s->effects[i];

		if (!mk[i] || !(en = kn_view_effect_node(b, s, e)))
			continue;
		if (e->order == 1 || e->n_causes == 0)
			kn_add_edge(b, sn, en, KN_EDGE_CAUSES);
		for (j = 0; e->order > 1 && j < e->n_causes; j++) {
			c = kn_signal_find_effect(s, e->causes[j]);
			cn = c >= 0 && mk[c] ? kn_view_effect_node(b, s, &s->effects[c])
					      : NULL;
			if (cn)
				kn_add_edge(b, cn, en, KN_EDGE_CAUSES);
		}
	}
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

/* One row's edge into the actor: its signal's role, or its effect's link. */
static void row_edge(kn_builder *b, const kn_exposure_row *r, Agnode_t *fn,
		     double max)
{
	const kn_signal *s = kn_map_find(b->m, r->signal);
	long ei = s && r->effect ? kn_signal_find_effect(s, r->effect) : -1;
	Agnode_t *n;
	Agedge_t *e;

	if (!s)
		return;
	if (r->order == 0) { /* its own role: benefits or harms */
		n = agnode(b->g, kn_mut(kn_sig_name(b, s)), 0);
		e = n ? kn_add_edge(b, n, fn, strcmp(r->role, "loser") == 0
				    ? KN_EDGE_HARMS : KN_EDGE_BENEFITS) : NULL;
		if (e)
			kn_link_edge_weigh(b, e, r->weight, max);
		return;
	}
	n = ei >= 0 ? agnode(b->g, kn_mut(kn_eff_name(b, s, r->effect)), 0) : NULL;
	if (n)
		kn_link_edge(b, n, fn, strcmp(r->via, "detected") == 0, r->role,
			     r->weight, max);
}

/* The signals, then the effects column by column, in the order the
 * rows give them: dot's first ordering of each column follows creation,
 * and this one keeps each card's chain together (fewer crossings). */
static int draw_nodes(kn_builder *b, const kn_map_ripple *rip, char **mk)
{
	const kn_map *m = b->m;
	size_t i, j;
	int k, max_order = 0;
	Agraph_t *sub = new_column(b);

	for (i = 0; i < rip->n_drawn; i++) {
		const kn_exposure_row *r = &rip->expo.rows[rip->drawn[i]];
		const kn_signal *s = kn_map_find(m, r->signal);
		Agnode_t *sn = s ? kn_view_signal_node(b, s, 1) : NULL;
		long ei = s && r->effect ? kn_signal_find_effect(s, r->effect) : -1;

		if (!sn)
			continue;
		column(sub, sn);
		if (r->order > 0 && ei >= 0) {
			mark_chain(s, mk[s - m->sigs], (size_t)ei);
			if (r->order > max_order)
				max_order = r->order;
		}
	}
	for (k = 1; k <= max_order; k++)
		for (i = 0, sub = new_column(b); i < m->n_sigs; i++)
			for (j = 0; j < m->sigs[i].n_effects; j++) {
				const kn_effect *e = &m->sigs[i].effects[j];
				Agnode_t *en;

				if (!mk[i][j] || e->order != k)
					continue;
				en = kn_view_effect_node(b, &m->sigs[i], e);
				if (!en)
					return -1;
				column(sub, en);
			}
	return 0;
}

kn_status kn_draw_exposure(kn_builder *b)
{
	const kn_map_ripple *rip = b->m->rip;
	const kn_map *m = b->m;
	kn_status st = KN_OK;
	char **mk;
	double max;
	Agnode_t *fn = NULL;
	size_t i;

	if (!rip || !rip->has_expo || !rip->focus_key)
		return kn_error_set(b->err, KN_ERR_NOTFOUND, NULL, 0, 0, "actor",
				    "the exposure view needs a map made from the corpus");
	mk = calloc(m->n_sigs + 1, sizeof *mk);
	for (i = 0; mk && i < m->n_sigs; i++)
		if (!(mk[i] = calloc(m->sigs[i].n_effects + 1, 1)))
			break;
	b->focus = strdup(rip->focus_key);
	if (!mk || i < m->n_sigs || !b->focus || draw_nodes(b, rip, mk) ||
	    !(fn = focus_node(b, rip)))
		st = KN_ERR_NOMEM;
	for (i = 0; st == KN_OK && i < m->n_sigs; i++)
		chain_edges(b, &m->sigs[i], mk[i]);
	max = max_weight(rip);
	for (i = 0; st == KN_OK && i < rip->n_drawn; i++)
		row_edge(b, &rip->expo.rows[rip->drawn[i]], fn, max);
	if (st == KN_OK && rip->n_drawn < rip->expo.n)
		more_rows(b, rip, fn);
	for (i = 0; mk && i < m->n_sigs; i++)
		free(mk[i]);
	free(mk);
	return st;
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

Agraph_t *kn_graph_reread(Agraph_t *g, kn_error *err)
{
	char *data = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&data, &len);
	Agraph_t *out = NULL;
	int rc = fp ? agwrite(g, fp) : -1;

	if (fp && fclose(fp) != 0)
		rc = -1;
	agclose(g);
	if (rc == 0 && data)
		out = agmemread(data);
	free(data);
	if (!out)
		kn_error_set(err, KN_ERR_RENDER, NULL, 0, 0, NULL,
			     "graphviz could not read the map back");
	return out;
}
