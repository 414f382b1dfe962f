/* What a report shows, so that it keeps its size and shape at any corpus
 * size (docs/report.md): sections for the top signals by score, an actor
 * index of the actors the page names, table cells of at most a few
 * signals, and the corpus drawn as one small map per category. */
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

/* The signals a corpus map starts from, at most: its best by score. */
#define RPT_CMAP_SIGNALS 24

static const rpt *sort_r; /* for the qsort comparators (one report at a time) */

static int score_of(const kn_signal *s, int v)
{
	(void)s;
	return v == KN_ABSENT ? -1 : v;
}

static int order_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	const kn_signal *p = &sort_r->sigs[x], *q = &sort_r->sigs[y];
	int sp = score_of(p, p->score), sq = score_of(q, q->score);

	if (sp != sq)
		return sp > sq ? -1 : 1;
	sp = score_of(p, p->confidence);
	sq = score_of(q, q->confidence);
	if (sp != sq)
		return sp > sq ? -1 : 1;
	return x < y ? -1 : x > y; /* newest first, as the corpus lists them */
}

int rpt_select_signals(rpt *r)
{
	size_t i;

	r->order = calloc(r->n_sigs ? r->n_sigs : 1, sizeof *r->order);
	r->rank = calloc(r->n_sigs ? r->n_sigs : 1, sizeof *r->rank);
	if (!r->order || !r->rank)
		return -1;
	for (i = 0; i < r->n_sigs; i++)
		r->order[i] = i;
	sort_r = r;
	if (r->n_sigs > 1) /* qsort takes no NULL, even for 0 */
		qsort(r->order, r->n_sigs, sizeof *r->order, order_cmp);
	sort_r = NULL;
	for (i = 0; i < r->n_sigs; i++)
		r->rank[r->order[i]] = i;
	r->n_shown = r->o->all || r->n_sigs < r->top ? r->n_sigs : r->top;
	return 0;
}

int rpt_has_section(const rpt *r, size_t i)
{
	return i < r->n_sigs && r->rank[i] < r->n_shown;
}

int rpt_is_listed(const rpt *r, const rpt_group *g)
{
	return g && r->listed && r->listed[g - r->groups];
}

static void list_name(rpt *r, const char *name)
{
	const rpt_group *g = rpt_group_of(r, rpt_actor_hash(r, name));

	if (g && !r->listed[g - r->groups]) {
		r->listed[g - r->groups] = 1;
		r->n_listed++;
	}
}

static void list_counts(rpt *r, const kn_actor_counts *l)
{
	size_t i;

	for (i = 0; i < l->n && i < r->top; i++)
		list_name(r, l->items[i].actor);
}

int rpt_select_actors(rpt *r)
{
	const kn_diff *d = rpt_changes_diff(r);
	size_t i, j, n = 0;

	r->listed = calloc(r->n_groups ? r->n_groups : 1, 1);
	if (!r->listed)
		return -1;
	list_counts(r, &r->losers);
	list_counts(r, &r->winners);
	for (i = 0; i < r->actors.n && n < r->top; i++)
		if (r->actors.items[i].winner && r->actors.items[i].loser) {
			list_name(r, r->actors.items[i].actor);
			n++;
		}
	for (i = 0; d && i < d->n; i++)
		list_name(r, d->items[i].actor);
	for (i = 0; i < r->n_shown; i++) {
		const kn_signal *s = &r->sigs[r->order[i]];

		for (j = 0; j < kn_signal_n_actors(s); j++)
			list_name(r, kn_signal_actor(s, j, NULL)->name);
	}
	return 0;
}

size_t rpt_group_signals(const rpt *r, const rpt_group *g, int role,
			 size_t *out, kn_role *roles, size_t max)
{
	size_t j, k, n = 0, total = 0;

	for (j = g->first; j < g->first + g->n; j++) {
		const rpt_use *u = &r->uses[j];

		if ((role >= 0 && (int)u->role != role) ||
		    (j > g->first && u[-1].sig == u->sig && u[-1].role == u->role))
			continue;
		total++;
		/* keep the max best ranks, sorted: an insertion */
		if (n == max && (max == 0 || r->rank[u->sig] >= r->rank[out[n - 1]]))
			continue;
		k = n < max ? n++ : n - 1;
		while (k > 0 && r->rank[out[k - 1]] > r->rank[u->sig]) {
			out[k] = out[k - 1];
			if (roles)
				roles[k] = roles[k - 1];
			k--;
		}
		out[k] = u->sig;
		if (roles)
			roles[k] = u->role;
	}
	return total;
}

/* ---- the corpus maps ---- */

typedef struct pair {
	unsigned long long actor;
	size_t sig; /* position among the map's candidates */
} pair;

static int pair_cmp(const void *a, const void *b)
{
	const pair *x = a, *y = b;

	if (x->actor != y->actor)
		return x->actor < y->actor ? -1 : 1;
	return x->sig < y->sig ? -1 : x->sig > y->sig;
}

/* Nodes of a map of the first k candidates keeping actors named by at
 * least min of them; *actors the actors kept, *drawn the signals. */
static size_t nodes_for(const pair *p, size_t np, size_t k, size_t min,
			char *naming, size_t *actors, size_t *drawn)
{
	size_t i, j, c;

	*actors = *drawn = 0;
	memset(naming, 0, k);
	for (i = 0; i < np; i = j) {
		for (c = 0, j = i; j < np && p[j].actor == p[i].actor; j++)
			if (p[j].sig < k && (j == i || p[j - 1].sig != p[j].sig ||
					     p[j - 1].sig >= k))
				c++;
		if (c < min || c == 0)
			continue;
		(*actors)++;
		for (c = i; c < j; c++)
			if (p[c].sig < k)
				naming[p[c].sig] = 1;
	}
	for (i = 0; i < k; i++)
		*drawn += min <= 1 || naming[i];
	return *actors + *drawn;
}

/* The actor/signal pairs of the candidates, sorted by actor. */
static pair *pairs_of(const rpt *r, const rpt_cmap *m, size_t *np)
{
	size_t i, j, n = 0;
	pair *p;

	for (i = 0; i < m->n_sigs; i++)
		n += kn_signal_n_actors(&r->sigs[m->sigs[i]]);
	p = calloc(n ? n : 1, sizeof *p);
	if (!p)
		return NULL;
	for (n = 0, i = 0; i < m->n_sigs; i++) {
		const kn_signal *s = &r->sigs[m->sigs[i]];

		for (j = 0; j < kn_signal_n_actors(s); j++) {
			p[n].actor = rpt_actor_hash(r, kn_signal_actor(s, j, NULL)->name);
			p[n++].sig = i;
		}
	}
	if (n > 1) /* qsort takes no NULL, even for 0 */
		qsort(p, n, sizeof *p, pair_cmp);
	*np = n;
	return p;
}

/* The most candidates, and the smallest count, that fit the map. */
static int fit(const rpt *r, rpt_cmap *m)
{
	size_t np, k, min, actors, drawn, first = r->o->corpus_min_count > 0 ?
					       (size_t)r->o->corpus_min_count : 1;
	pair *p = pairs_of(r, m, &np);
	char *naming = calloc(m->n_sigs ? m->n_sigs : 1, 1);

	if (!p || !naming) {
		free(p);
		free(naming);
		return -1;
	}
	for (k = m->n_sigs; k > 0; k -= k > 5 ? k / 5 : 1) {
		for (min = first; min <= k || min == first; min++) {
			if (nodes_for(p, np, k, min, naming, &actors, &drawn) <=
			    KN_REPORT_MAP_NODES && (actors > 0 || min == first))
				goto done;
			if (actors == 0)
				break;
		}
		if (k == 1)
			break;
	}
	k = 1; /* one signal, however many actors it names */
	min = first;
	nodes_for(p, np, k, min, naming, &actors, &drawn);
done:
	m->n_sigs = k;
	m->min = (int)min;
	m->n_actors = actors;
	m->n_drawn = drawn;
	free(p);
	free(naming);
	return 0;
}

static int plan_one(rpt *r, rpt_cmap *m, const char *category, size_t count)
{
	size_t i, cap = count < RPT_CMAP_SIGNALS ? count : RPT_CMAP_SIGNALS;

	m->category = category;
	m->cat_signals = count;
	m->sigs = calloc(cap ? cap : 1, sizeof *m->sigs);
	if (!m->sigs)
		return -1;
	for (i = 0; i < r->n_sigs && m->n_sigs < cap; i++) {
		const char *c = r->sigs[r->order[i]].category;

		if (!category || (c && strcmp(c, category) == 0))
			m->sigs[m->n_sigs++] = r->order[i];
	}
	return m->n_sigs ? fit(r, m) : 0;
}

int rpt_plan_corpus(rpt *r)
{
	size_t i, n;
	rpt_category *cats = rpt_categories(r, &n);

	if (!cats)
		return -1;
	r->n_categories = n;
	r->cmaps = calloc(n ? n : 1, sizeof *r->cmaps);
	if (!r->cmaps) {
		free(cats);
		return -1;
	}
	/* no category at all: one map of the best signals */
	if (n == 0) {
		r->n_cmaps = r->n_sigs ? 1 : 0;
		free(cats);
		return r->n_cmaps ? plan_one(r, &r->cmaps[0], NULL, r->n_sigs) : 0;
	}
	for (i = 0; i < n && i < r->top; i++) {
		r->n_cmaps++;
		if (plan_one(r, &r->cmaps[i], cats[i].name, cats[i].count)) {
			free(cats);
			return -1;
		}
	}
	free(cats);
	return 0;
}

void rpt_select_release(rpt *r)
{
	size_t i;

	for (i = 0; r->cmaps && i < r->n_cmaps; i++) {
		free(r->cmaps[i].sigs);
		kn_buf_release(&r->cmaps[i].map.svg);
	}
	free(r->cmaps);
	free(r->order);
	free(r->rank);
	free(r->listed);
}
