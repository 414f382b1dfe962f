/* The per-actor aggregation behind losers, winners and actors: one pass
 * over the selected signals' roles, counted in a hash table in memory.
 * Counting in C rather than with GROUP BY avoids a sort of every role row. */
#include "query_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t slot_of(kn_row gid, size_t cap)
{
	unsigned long long h = (unsigned long long)gid * 0x9E3779B97F4A7C15ull;

	return (size_t)(h >> 20) & (cap - 1);
}

static int agg_grow(kn_agg_map *m)
{
	size_t cap = m->cap ? m->cap * 2 : 1024, i, j;
	kn_agg *slots = calloc(cap, sizeof *slots);

	if (!slots)
		return -1;
	for (i = 0; i < m->cap; i++) {
		if (!m->slots[i].gid)
			continue;
		for (j = slot_of(m->slots[i].gid, cap); slots[j].gid;
		     j = (j + 1) & (cap - 1))
			;
		slots[j] = m->slots[i];
	}
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
	return 0;
}

kn_agg *kn_agg_get(kn_agg_map *m, kn_row gid)
{
	size_t i;

	if ((m->n + 1) * 2 > m->cap && agg_grow(m))
		return NULL;
	for (i = slot_of(gid, m->cap); m->slots[i].gid; i = (i + 1) & (m->cap - 1))
		if (m->slots[i].gid == gid)
			return &m->slots[i];
	m->slots[i].gid = gid;
	m->n++;
	return &m->slots[i];
}

void kn_agg_map_release(kn_agg_map *m)
{
	if (!m)
		return;
	free(m->slots);
	memset(m, 0, sizeof *m);
}

void kn_groups_release(kn_groups *g)
{
	size_t i;

	if (!g)
		return;
	free(g->aid);
	free(g->gid);
	for (i = 0; i < g->n_keys; i++)
		free(g->keys[i]);
	free(g->keys);
	memset(g, 0, sizeof *g);
}

kn_row kn_groups_of(const kn_groups *g, kn_row aid)
{
	size_t lo = 0, hi = g->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (g->aid[mid] == aid)
			return g->gid[mid];
		if (g->aid[mid] < aid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return aid;
}

/* Adds one (aid, canonical key) row; rows come ordered by key, then aid. */
static int groups_add(kn_groups *g, kn_row aid, const char *key)
{
	if (!g->n_keys || strcmp(g->keys[g->n_keys - 1], key) != 0) {
		if (KN_GROW(g->keys, g->cap_keys, g->n_keys + 1) ||
		    !(g->keys[g->n_keys] = strdup(key)))
			return -1;
		g->n_keys++;
	}
	if (KN_GROW(g->aid, g->cap_aid, g->n + 1) ||
	    KN_GROW(g->gid, g->cap_gid, g->n + 1))
		return -1;
	g->aid[g->n] = aid;
	g->gid[g->n] = -(kn_row)g->n_keys;
	g->n++;
	return 0;
}

/* Sorts aid[] (with gid[] alongside) by aid, for kn_groups_of. */
static void groups_sort(kn_groups *g)
{
	size_t i, j;

	/* insertion sort: alias tables are small */
	for (i = 1; i < g->n; i++) {
		kn_row a = g->aid[i], gi = g->gid[i];

		for (j = i; j > 0 && g->aid[j - 1] > a; j--) {
			g->aid[j] = g->aid[j - 1];
			g->gid[j] = g->gid[j - 1];
		}
		g->aid[j] = a;
		g->gid[j] = gi;
	}
}

static int group_row(void *ctx, kn_row aid, const char *key)
{
	return groups_add(ctx, aid, key) ? -1 : 0;
}

kn_status kn_groups_load(kn_store *st, kn_groups *g, kn_error *err)
{
	kn_status s;

	memset(g, 0, sizeof *g);
	s = kn_storage(st)->alias_groups(st, group_row, g, err);
	if (s) {
		kn_groups_release(g);
		return s;
	}
	groups_sort(g);
	return KN_OK;
}

static void count_row(kn_agg *a, int role, kn_row sid,
		      const char *published, long long weight)
{
	if (a->seen[role] != sid) {
		a->seen[role] = sid;
		a->n[role]++;
		a->weight[role] += weight;
	}
	if (!published)
		return;
	if (!a->first || strcmp(published, a->first_at) < 0) {
		a->first = sid;
		snprintf(a->first_at, sizeof a->first_at, "%s", published);
	}
	if (!a->last || strcmp(published, a->last_at) > 0) {
		a->last = sid;
		snprintf(a->last_at, sizeof a->last_at, "%s", published);
	}
}

typedef struct scan {
	const kn_groups *g;
	kn_agg_map *m;
	kn_row last;
	long long n_signals;
} scan;

static int scan_row(void *ctx, kn_row sid, kn_row aid, int loser,
		    const char *published, long long weight)
{
	scan *c = ctx;
	kn_agg *a = kn_agg_get(c->m, kn_groups_of(c->g, aid));

	if (!a)
		return -1;
	if (sid != c->last) {
		c->last = sid;
		c->n_signals++;
	}
	count_row(a, loser, sid, published, weight);
	return 0;
}

kn_status kn_agg_scan(kn_store *st, const kn_groups *g, const kn_filter *f,
		      int role, kn_agg_map *m, long long *n_signals, kn_error *err)
{
	scan c = { g, m, 0, 0 };
	kn_status s = kn_storage(st)->role_scan(st, f, role, scan_row, &c, err);

	*n_signals = c.n_signals;
	return s;
}

kn_status kn_agg_scan_window(kn_store *st, const kn_groups *g,
			     const kn_filter *f, kn_agg_map *m,
			     long long *n_signals, kn_error *err)
{
	scan c = { g, m, 0, 0 };
	kn_status s = kn_storage(st)->window_scan(st, f, scan_row, &c, err);

	*n_signals = c.n_signals;
	return s;
}

kn_status kn_group_name(kn_store *st, const kn_groups *g, kn_row gid,
			char **key, char **name, kn_error *err)
{
	const struct kn_storage_ops *ops = kn_storage(st);
	char *stored = NULL, *alias = NULL;
	const char *shown;
	kn_status s;

	*key = *name = NULL;
	if (gid > 0) /* an actor no alias touches: its own spelling */
		return ops->actor(st, gid, key, name, err);
	if (!(*key = strdup(g->keys[-gid - 1])))
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	s = ops->stored_name(st, *key, &stored, err);
	if (!s && !stored)
		s = ops->alias_name(st, *key, &alias, err);
	shown = s ? NULL : kn_actor_display(stored, alias);
	if (!s && !(*name = strdup(shown ? shown : *key)))
		s = kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	free(stored);
	free(alias);
	if (s) {
		free(*key);
		*key = NULL;
	}
	return s;
}
