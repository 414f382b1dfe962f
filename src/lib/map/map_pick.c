/* What a corpus or actor map draws when all of it would not be readable
 * (docs/maps.md): at most about o->max_nodes nodes.  The corpus view
 * draws the most recurrent actors and the strongest signals (score x
 * confidence) of each; the actor view the actor's strongest signals while
 * they fit.  What is left out is counted per category, one aggregate node
 * each.  The corpus backend loads the same signals (map_store.c), so the
 * choice is the same whether a map was built in memory or read. */
#include <stdlib.h>
#include <string.h>

#include "map_graph.h"

/* The aggregate of an actor view left uncategorised (compared by address). */
static const char every_category[] = "";
#define KN_PICK_EVERY every_category

void kn_pick_shape(int max, size_t n_ranked, size_t *n_actors, size_t *per_actor)
{
	size_t a = (size_t)(max / 4), room;

	if (a < 1)
		a = 1;
	if (a > n_ranked)
		a = n_ranked;
	room = (size_t)max > a + KN_PICK_AGGS ? (size_t)max - a - KN_PICK_AGGS : 1;
	*n_actors = a;
	*per_actor = a ? room / a : 0;
	if (*per_actor < 1)
		*per_actor = 1;
}

static long weight(const kn_signal *s)
{
	if (s->score == KN_ABSENT || s->confidence == KN_ABSENT)
		return 0;
	return (long)s->score * s->confidence;
}

/* Strongest first, then newest (undated last), then id: the order of the
 * corpus's pick_signals. */
static int stronger(const kn_signal *x, const kn_signal *y)
{
	long wx = weight(x), wy = weight(y);
	int c;

	if (wx != wy)
		return wx > wy ? -1 : 1;
	if (!x->published != !y->published)
		return x->published ? -1 : 1;
	if (x->published && (c = strcmp(x->published, y->published)) != 0)
		return -c;
	return strcmp(x->id, y->id);
}

static const kn_signal *sort_sigs;

static int order_cmp(const void *a, const void *b)
{
	return stronger(&sort_sigs[*(const size_t *)a], &sort_sigs[*(const size_t *)b]);
}

/* Indices of m's signals, strongest first.  Heap. */
static size_t *strength_order(const kn_map *m)
{
	size_t i, *v = malloc((m->n_sigs ? m->n_sigs : 1) * sizeof *v);

	if (!v)
		return NULL;
	for (i = 0; i < m->n_sigs; i++)
		v[i] = i;
	sort_sigs = m->sigs; /* qsort has no context argument in C11 */
	if (m->n_sigs > 1) /* qsort takes no NULL, even for 0 */
		qsort(v, m->n_sigs, sizeof *v, order_cmp);
	return v;
}

/* The row index of each distinct actor s names (after aliases), at most
 * cap of them; returns how many. */
static size_t sig_rows(kn_builder *b, const kn_signal *s, size_t *rows, size_t cap)
{
	size_t i, j, n = 0;

	for (i = 0; i < kn_signal_n_actors(s) && n < cap; i++) {
		char *key = kn_map_resolve(b->m, kn_signal_actor(s, i, NULL)->name, NULL);
		const kn_actor_row *r = key ? kn_actor_table_find(&b->actors, key) : NULL;

		free(key);
		if (!r)
			continue;
		for (j = 0; j < n && rows[j] != (size_t)(r - b->actors.rows); j++)
			;
		if (j == n)
			rows[n++] = (size_t)(r - b->actors.rows);
	}
	return n;
}

static const kn_actor_table *rank_table;

static int rank_cmp(const void *a, const void *b)
{
	const kn_actor_row *x = &rank_table->rows[*(const size_t *)a];
	const kn_actor_row *y = &rank_table->rows[*(const size_t *)b];

	if (x->n_signals != y->n_signals)
		return x->n_signals > y->n_signals ? -1 : 1;
	return strcmp(x->key, y->key);
}

/* The actor rows a corpus map ranks, most recurrent first: the corpus's
 * ranking when it picked the signals, else the map's own. */
static size_t rank_actors(kn_builder *b, size_t min, size_t *rank)
{
	const kn_map_totals *t = b->m->totals;
	size_t i, n = 0;

	if (t) {
		for (i = 0; i < t->n_pick; i++) {
			const kn_actor_row *r = kn_actor_table_find(&b->actors,
								    t->actors[i].key);

			if (r)
				rank[n++] = (size_t)(r - b->actors.rows);
		}
		return n;
	}
	for (i = 0; i < b->actors.n; i++)
		if (b->actors.rows[i].n_signals >= min)
			rank[n++] = i;
	rank_table = &b->actors;
	if (n > 1) /* qsort takes no NULL, even for 0 */
		qsort(rank, n, sizeof *rank, rank_cmp);
	return n;
}

/* The counts the corpus gave replace those of the few signals loaded. */
static void true_counts(kn_builder *b)
{
	const kn_map_totals *t = b->m->totals;
	size_t i;

	for (i = 0; t && i < t->n_pick; i++) {
		const kn_actor_row *found = kn_actor_table_find(&b->actors,
								t->actors[i].key);
		kn_actor_row *r = found ? &b->actors.rows[found - b->actors.rows] : NULL;

		if (r) {
			r->n_signals = (size_t)t->actors[i].n[0];
			r->n_wins = (size_t)t->actors[i].n[1];
			r->n_losses = (size_t)t->actors[i].n[2];
		}
	}
}

#define ROWS_MAX 256 /* actors of one signal looked at when picking */

static kn_status pick_corpus(kn_builder *b, size_t *order)
{
	size_t min = b->o->min_count > 1 ? (size_t)b->o->min_count : 1;
	size_t *rank = malloc((b->actors.n + 1) * sizeof *rank);
	size_t *quota = calloc(b->actors.n + 1, sizeof *quota);
	size_t n_rank, a, k, i, j, n, rows[ROWS_MAX];
	int take;

	b->pick.only = calloc(b->actors.n + 1, 1);
	if (!rank || !quota || !b->pick.only) {
		free(rank);
		free(quota);
		return KN_ERR_NOMEM;
	}
	n_rank = rank_actors(b, min, rank);
	kn_pick_shape(b->o->max_nodes, n_rank, &a, &k);
	for (i = 0; i < a; i++)
		b->pick.only[rank[i]] = 1;
	for (i = 0; i < b->m->n_sigs; i++) {
		n = sig_rows(b, &b->m->sigs[order[i]], rows, ROWS_MAX);
		for (j = 0, take = 0; j < n; j++)
			take |= b->pick.only[rows[j]] && quota[rows[j]] < k;
		for (j = 0; take && j < n; j++)
			quota[rows[j]]++;
		b->pick.drawn[order[i]] = take ? 1 : 2;
	}
	b->pick.left_actors = (b->m->totals ? b->m->totals->n_actors
					    : (long long)n_rank) - (long long)a;
	free(rank);
	free(quota);
	return KN_OK;
}

/* The actor view: the actor's strongest signals while their nodes (the
 * signal and its effects: the view draws no other actor) fit; at least
 * one. */
static kn_status pick_actor(kn_builder *b, size_t *order)
{
	const kn_actor_row *focus = kn_actor_table_find(&b->actors, b->focus);
	size_t i, j, n, cost, used = 1, rows[ROWS_MAX];
	int full = 0, named;

	for (i = 0; focus && i < b->m->n_sigs; i++) {
		const kn_signal *s = &b->m->sigs[order[i]];

		n = sig_rows(b, s, rows, ROWS_MAX);
		for (j = 0, named = 0; j < n; j++)
			named |= rows[j] == (size_t)(focus - b->actors.rows);
		if (!named)
			continue;
		cost = 1 + s->n_effects;
		full |= used > 1 && used + cost > (size_t)b->o->max_nodes;
		b->pick.drawn[order[i]] = full ? 2 : 1;
		used += full ? 0 : cost;
	}
	return KN_OK;
}

static int agg_cmp(const void *a, const void *b)
{
	const kn_pick_agg *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	if (!x->name || !y->name)
		return !x->name - !y->name;
	return strcmp(x->name, y->name);
}

/* Categories compare as --category does (ASCII case-blind, as SQLite's
 * NOCASE); an aggregate shows the least spelling. */
static int same_category(const char *a, const char *b)
{
	unsigned char x, y;

	for (;; a++, b++) {
		x = (unsigned char)*a;
		y = (unsigned char)*b;
		x = x >= 'A' && x <= 'Z' ? (unsigned char)(x + 32) : x;
		y = y >= 'A' && y <= 'Z' ? (unsigned char)(y + 32) : y;
		if (x != y || !x)
			return x == y;
	}
}

static kn_pick_agg *agg_find(kn_pick *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->n_aggs; i++)
		if ((!name && !p->aggs[i].name) ||
		    (name && p->aggs[i].name && same_category(name, p->aggs[i].name)))
			return &p->aggs[i];
	return NULL;
}

/* The selection's categories, less the signals drawn; the smallest past
 * KN_PICK_AGGS - 1 as one "other categories".  Quadratic in the number
 * of categories, which is small. */
static kn_status count_aggs(kn_builder *b)
{
	const kn_map_totals *t = b->m->totals;
	kn_pick *p = &b->pick;
	size_t i, n = t ? t->n_cats : b->m->n_sigs, k;
	kn_pick_agg *g;

	p->aggs = calloc(n + 2, sizeof *p->aggs);
	if (!p->aggs)
		return KN_ERR_NOMEM;
	if (t && t->one_agg) {
		p->aggs[0].name = KN_PICK_EVERY;
		p->aggs[0].n = t->n_signals;
		for (i = 0; i < b->m->n_sigs; i++)
			p->aggs[0].n -= p->drawn[i] == 1;
		p->n_aggs = p->aggs[0].n > 0;
		p->left_signals = p->aggs[0].n;
		return KN_OK;
	}
	for (i = 0; i < n; i++) {
		const char *name = t ? t->cats[i].name : b->m->sigs[i].category;

		if (!t && p->drawn[i] != 2)
			continue;
		if (!(g = agg_find(p, name))) {
			g = &p->aggs[p->n_aggs++];
			g->name = name;
		} else if (name && strcmp(name, g->name) < 0) {
			g->name = name;
		}
		g->n += t ? t->cats[i].n : 1;
	}
	for (i = 0; t && i < b->m->n_sigs; i++)
		if (p->drawn[i] == 1 && (g = agg_find(p, b->m->sigs[i].category)))
			g->n--;
	if (p->n_aggs > 1) /* qsort takes no NULL, even for 0 */
		qsort(p->aggs, p->n_aggs, sizeof *p->aggs, agg_cmp);
	while (p->n_aggs > 0 && p->aggs[p->n_aggs - 1].n <= 0)
		p->n_aggs--;
	if (p->n_aggs > KN_PICK_AGGS) {
		for (k = KN_PICK_AGGS; k < p->n_aggs; k++)
			p->aggs[KN_PICK_AGGS - 1].n += p->aggs[k].n;
		p->aggs[KN_PICK_AGGS - 1].name = "";
		p->n_aggs = KN_PICK_AGGS;
	}
	for (i = 0, p->left_signals = 0; i < p->n_aggs; i++)
		p->left_signals += p->aggs[i].n;
	return KN_OK;
}

/* Everything fits: the corpus view's signals with a kept actor and the
 * actors kept, or the actor view's signals, effects and actors. */
static int fits(kn_builder *b)
{
	size_t min = b->o->min_count > 1 ? (size_t)b->o->min_count : 1;
	size_t i, nodes = 0;

	if (b->o->max_nodes <= 0)
		return 1;
	if (b->m->totals)
		return 0;
	for (i = 0; b->o->view == KN_VIEW_CORPUS && i < b->actors.n; i++)
		nodes += b->actors.rows[i].n_signals >= min;
	for (i = 0; i < b->m->n_sigs; i++)
		nodes += 1 + (b->o->view == KN_VIEW_ACTOR ? b->m->sigs[i].n_effects : 0);
	return nodes <= (size_t)b->o->max_nodes;
}

kn_status kn_pick_choose(kn_builder *b)
{
	size_t *order;
	kn_status st;

	true_counts(b);
	if (fits(b))
		return KN_OK;
	order = strength_order(b->m);
	b->pick.drawn = calloc(b->m->n_sigs + 1, 1);
	if (!order || !b->pick.drawn) {
		free(order);
		return KN_ERR_NOMEM;
	}
	b->pick.active = 1;
	st = b->o->view == KN_VIEW_CORPUS ? pick_corpus(b, order) : pick_actor(b, order);
	free(order);
	if (st == KN_OK)
		st = count_aggs(b);
	if (st == KN_OK && b->pick.left_signals == 0 && b->pick.left_actors <= 0)
		b->pick.active = 0; /* nothing was left out after all */
	return st;
}

void kn_pick_draw_aggs(kn_builder *b, Agnode_t *focus)
{
	size_t i;
	int created;
	Agnode_t *n;

	for (i = 0; b->pick.active && i < b->pick.n_aggs; i++) {
		const kn_pick_agg *g = &b->pick.aggs[i];
		const char *name = !g->name ? "no category"
				   : g->name == KN_PICK_EVERY ? "every category"
				   : !g->name[0] ? "other categories" : g->name;

		kn_buf_reset(&b->name);
		/* "more-category:NAME" beside "more:ID:winners"; ':' in
		 * NAME is encoded, so the names never meet */
		if (g->name == KN_PICK_EVERY) {
			kn_buf_puts(&b->name, "more-all");
		} else if (!g->name || !g->name[0]) {
			kn_buf_puts(&b->name, !g->name ? "more-none" : "more-other");
		} else {
			kn_buf_puts(&b->name, "more-category:");
			kn_map_put_id(&b->name, g->name);
		}
		n = kn_add_node(b, kn_buf_cstr(&b->name), KN_NODE_MORE, "more aggregate",
				&created);
		if (!n || !created)
			continue;
		kn_buf_reset(&b->label);
		kn_map_put_label(&b->label, name, b->wrap, "\\n");
		kn_buf_printf(&b->label, "+%lld signal%s not drawn\\n", g->n,
			      g->n == 1 ? "" : "s");
		kn_set_label(b, n);
		if (focus)
			kn_add_edge(b, focus, n, KN_EDGE_MORE);
	}
}

void kn_pick_release(kn_pick *p)
{
	free(p->drawn);
	free(p->only);
	free(p->aggs);
	memset(p, 0, sizeof *p);
}

void kn_map_totals_free(kn_map_totals *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->n_pick; i++)
		free(t->actors[i].key);
	for (i = 0; i < t->n_cats; i++)
		free(t->cats[i].name);
	free(t->actors);
	free(t->cats);
	free(t);
}
