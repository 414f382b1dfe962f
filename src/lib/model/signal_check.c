/* Checks on a signal's effects for kn_signal_finish: unique ids, causes
 * naming effects of the previous order (filled in when not given), no
 * cause cycles, and the limits.  Each is linear in the number of effects
 * and causes: ids are hashed, effects sorted by order, and the cycle check
 * walks with its own stack. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "signal_internal.h"
#include "kn_text.h"

/* Effects by id, for lookups in constant time: open addressing over
 * slots holding effect index + 1 (0 = empty), at most half full. */
typedef struct id_index {
	size_t *slot;
	size_t mask;
} id_index;

static int index_init(id_index *x, size_t n)
{
	size_t size = 16;

	while (size < 2 * n)
		size *= 2;
	x->slot = calloc(size, sizeof *x->slot);
	x->mask = size - 1;
	return x->slot ? 0 : -1;
}

/* Index of the effect with this id, or -1. */
static long index_find(const id_index *x, const kn_signal *s, const char *id)
{
	size_t h = (size_t)kn_hash64(id, strlen(id)) & x->mask;

	for (; x->slot[h]; h = (h + 1) & x->mask)
		if (strcmp(s->effects[x->slot[h] - 1].id, id) == 0)
			return (long)(x->slot[h] - 1);
	return -1;
}

/* Adds effect i; -1 (and nothing added) when its id is there already. */
static int index_add(id_index *x, const kn_signal *s, size_t i)
{
	const char *id = s->effects[i].id;
	size_t h = (size_t)kn_hash64(id, strlen(id)) & x->mask;

	for (; x->slot[h]; h = (h + 1) & x->mask)
		if (strcmp(s->effects[x->slot[h] - 1].id, id) == 0)
			return -1;
	x->slot[h] = i + 1;
	return 0;
}

/* An effect's place in the list of effects sorted by order, then by
 * position. */
typedef struct by_order_item {
	int order;
	size_t i;
} by_order_item;

static int by_order(const void *a, const void *b)
{
	const by_order_item *x = a, *y = b;

	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* The run of effects of this order in the sorted list: [*from, *to). */
static void order_run(const by_order_item *sorted, size_t n, int order,
		      size_t *from, size_t *to)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sorted[mid].order < order)
			lo = mid + 1;
		else
			hi = mid;
	}
	*from = *to = lo;
	while (*to < n && sorted[*to].order == order)
		(*to)++;
}

/* Fills the causes of effect i, given none: every effect of the previous
 * order. */
static kn_status default_causes(kn_signal *s, size_t i,
				const by_order_item *sorted, kn_error *err)
{
	kn_effect *e = &s->effects[i];
	size_t from, to, j;
	char field[64];

	/* a signal finished before has its default causes already: they
	 * are made again, not appended to */
	for (j = 0; j < e->n_causes; j++)
		free(e->causes[j]);
	free(e->causes);
	e->causes = NULL;
	e->n_causes = 0;
	if (e->order == 1)
		return KN_OK;
	order_run(sorted, s->n_effects, e->order - 1, &from, &to);
	if (from == to) {
		snprintf(field, sizeof field, "effects[%zu].order", i);
		return kn_error_set(err, KN_ERR_INVALID, NULL, 0, 0, field,
				    "effect \"%s\" has order %d but no effect has order %d",
				    e->id, e->order, e->order - 1);
	}
	e->causes = calloc(to - from, sizeof *e->causes);
	if (!e->causes)
		return KN_ERR_NOMEM;
	for (j = from; j < to; j++) {
		e->causes[e->n_causes] = strdup(s->effects[sorted[j].i].id);
		if (!e->causes[e->n_causes])
			return KN_ERR_NOMEM;
		e->n_causes++;
	}
	return KN_OK;
}

static kn_status fill_default_causes(kn_signal *s, kn_error *err)
{
	by_order_item *sorted = malloc((s->n_effects + 1) * sizeof *sorted);
	kn_status st = KN_OK;
	size_t i;

	if (!sorted)
		return KN_ERR_NOMEM;
	for (i = 0; i < s->n_effects; i++) {
		sorted[i].order = s->effects[i].order;
		sorted[i].i = i;
	}
	qsort(sorted, s->n_effects, sizeof *sorted, by_order);
	for (i = 0; i < s->n_effects && st == KN_OK; i++)
		if (!s->effects[i].has_causes)
			st = default_causes(s, i, sorted, err);
	free(sorted);
	return st;
}

/* The causes of every effect as effect indices: the causes of effect i are
 * to[first[i]] .. to[first[i + 1] - 1]. */
typedef struct cause_graph {
	size_t *first;
	size_t *to;
} cause_graph;

static void graph_release(cause_graph *g)
{
	free(g->first);
	free(g->to);
}

static kn_status graph_build(cause_graph *g, const kn_signal *s,
			     const id_index *x, kn_error *err)
{
	size_t i, k, n = 0;
	char field[64];

	for (i = 0; i < s->n_effects; i++)
		n += s->effects[i].n_causes;
	g->first = malloc((s->n_effects + 1) * sizeof *g->first);
	g->to = malloc((n + 1) * sizeof *g->to);
	if (!g->first || !g->to)
		return KN_ERR_NOMEM;
	for (n = 0, i = 0; i < s->n_effects; i++) {
		const kn_effect *e = &s->effects[i];

		g->first[i] = n;
		for (k = 0; k < e->n_causes; k++) {
			long j = index_find(x, s, e->causes[k]);

			if (j >= 0) {
				g->to[n++] = (size_t)j;
				continue;
			}
			snprintf(field, sizeof field, "effects[%zu].causes[%zu]",
				 i, k);
			return kn_error_set(err, KN_ERR_INVALID, NULL, 0, 0, field,
					    "effect \"%s\" names cause \"%s\" but no effect has that id",
					    e->id, e->causes[k]);
		}
	}
	g->first[i] = n;
	return KN_OK;
}

/* Depth-first walk along causes with an explicit stack (a chain as long as
 * the input allows cannot exhaust the C stack); state 1 = on the path,
 * 2 = done.  Returns the index of an effect on a cycle, or -1. */
static long find_cycle(const kn_signal *s, const cause_graph *g,
		       unsigned char *state, size_t *stack, size_t *next)
{
	size_t root, top;

	for (root = 0; root < s->n_effects; root++) {
		if (state[root])
			continue;
		top = 0;
		stack[top++] = root;
		next[root] = g->first[root];
		state[root] = 1;
		while (top) {
			size_t v = stack[top - 1], w;

			if (next[v] == g->first[v + 1]) {
				state[v] = 2;
				top--;
				continue;
			}
			w = g->to[next[v]++];
			if (state[w] == 1)
				return (long)w;
			if (state[w] == 0) {
				state[w] = 1;
				next[w] = g->first[w];
				stack[top++] = w;
			}
		}
	}
	return -1;
}

static kn_status check_cycles(const kn_signal *s, const cause_graph *g,
			      kn_error *err)
{
	size_t n = s->n_effects ? s->n_effects : 1;
	unsigned char *state = calloc(n, 1);
	size_t *stack = malloc(n * sizeof *stack), *next = malloc(n * sizeof *next);
	char field[64];
	long at;

	if (!state || !stack || !next) {
		free(state);
		free(stack);
		free(next);
		return KN_ERR_NOMEM;
	}
	at = find_cycle(s, g, state, stack, next);
	free(state);
	free(stack);
	free(next);
	if (at < 0)
		return KN_OK;
	snprintf(field, sizeof field, "effects[%ld].causes", at);
	return kn_error_set(err, KN_ERR_INVALID, NULL, 0, 0, field,
			    "effect \"%s\" is part of a cause cycle",
			    s->effects[at].id);
}

static kn_status check_cause_orders(const kn_signal *s, const cause_graph *g,
				    kn_error *err)
{
	size_t i, k;
	char field[64];

	for (i = 0; i < s->n_effects; i++) {
		const kn_effect *e = &s->effects[i];

		for (k = 0; k < e->n_causes; k++) {
			const kn_effect *c = &s->effects[g->to[g->first[i] + k]];

			if (c->order == e->order - 1)
				continue;
			snprintf(field, sizeof field, "effects[%zu].causes[%zu]",
				 i, k);
			return kn_error_set(err, KN_ERR_INVALID, NULL, 0, 0, field,
					    "effect \"%s\" (order %d) names cause \"%s\" of order %d; causes must be of order %d",
					    e->id, e->order, c->id, c->order,
					    e->order - 1);
		}
	}
	return KN_OK;
}

static kn_status check_causes(kn_signal *s, const id_index *x, kn_error *err)
{
	cause_graph g = { NULL, NULL };
	kn_status st = fill_default_causes(s, err);

	if (!st)
		st = graph_build(&g, s, x, err);
	if (!st)
		st = check_cycles(s, &g, err);
	if (!st)
		st = check_cause_orders(s, &g, err);
	graph_release(&g);
	return st;
}

/* Checks effect i alone, numbering it when it has no id. */
static kn_status check_effect(kn_signal *s, size_t i, kn_error *err)
{
	kn_effect *e = &s->effects[i];
	char field[64];

	if (!e->id) {
		char id[32];

		snprintf(id, sizeof id, "e%zu", i + 1);
		e->id = strdup(id);
		if (!e->id)
			return KN_ERR_NOMEM;
	}
	snprintf(field, sizeof field, "effects[%zu]", i);
	if (e->order < 1)
		return kn_error_set(err, KN_ERR_INVALID, NULL, 0, 0, field,
				    "effect \"%s\" must have an order of 1 or more, got %d",
				    e->id, e->order);
	if (!e->text)
		return kn_error_set(err, KN_ERR_INVALID, NULL, 0, 0, field,
				    "effect \"%s\" has no text", e->id);
	if (e->order == 1 && e->n_causes)
		return kn_error_set(err, KN_ERR_INVALID, NULL, 0, 0, field,
				    "effect \"%s\" has order 1 and so is caused by the signal itself, not by \"%s\"",
				    e->id, e->causes[0]);
	return KN_OK;
}

kn_status kn_signal_check_effects(kn_signal *s, kn_error *err)
{
	id_index x;
	size_t i;
	kn_status st = KN_OK;
	char field[64];

	if (index_init(&x, s->n_effects))
		return KN_ERR_NOMEM;
	for (i = 0; i < s->n_effects && st == KN_OK; i++) {
		st = check_effect(s, i, err);
		if (st == KN_OK && index_add(&x, s, i)) {
			snprintf(field, sizeof field, "effects[%zu]", i);
			st = kn_error_set(err, KN_ERR_INVALID, NULL, 0, 0, field,
					  "two effects have the id \"%s\"",
					  s->effects[i].id);
		}
	}
	if (st == KN_OK)
		st = check_causes(s, &x, err);
	free(x.slot);
	return st;
}

kn_status kn_signal_check_limits(const kn_signal *s, kn_error *err)
{
	const struct {
		const char *name;
		size_t n, max;
	} lists[] = {
		{ "effects", s->n_effects, KN_MAX_EFFECTS },
		{ "winners", s->n_winners, KN_MAX_ACTORS },
		{ "losers", s->n_losers, KN_MAX_ACTORS },
	};
	size_t i, k;
	char field[64];

	for (i = 0; i < sizeof lists / sizeof lists[0]; i++)
		if (lists[i].n > lists[i].max)
			return kn_error_set(err, KN_ERR_INVALID, NULL, 0, 0,
					    lists[i].name,
					    "\"%s\" has %zu entries, at most %zu are allowed",
					    lists[i].name, lists[i].n, lists[i].max);
	for (i = 0; i < s->n_effects; i++) {
		k = s->effects[i].n_causes;
		if (k > KN_MAX_CAUSES) {
			snprintf(field, sizeof field, "effects[%zu].causes", i);
			return kn_error_set(err, KN_ERR_INVALID, NULL, 0, 0, field,
					    "\"%s\" has %zu entries, at most %d are allowed",
					    field, k, KN_MAX_CAUSES);
		}
		k = s->effects[i].n_actors;
		if (k > KN_MAX_EFFECT_ACTORS) {
			snprintf(field, sizeof field, "effects[%zu].actors", i);
			return kn_error_set(err, KN_ERR_INVALID, NULL, 0, 0, field,
					    "\"%s\" has %zu entries, at most %d are allowed",
					    field, k, KN_MAX_EFFECT_ACTORS);
		}
	}
	return KN_OK;
}
