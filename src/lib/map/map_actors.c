/* The actors of a map, counted once per key after aliases: an actor is
 * one node however many signals name it (docs/maps.md), and its class and
 * counts ("actor winner loser", "×3") need every signal seen first. */
#include <stdlib.h>
#include <string.h>

#include "map_internal.h"

typedef struct mention {
	char *key;
	const char *name;
	size_t sig;
	kn_role role;
} mention;

static int mention_cmp(const void *a, const void *b)
{
	const mention *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c)
		return c;
	if (x->sig != y->sig)
		return x->sig < y->sig ? -1 : 1;
	return (int)x->role - (int)y->role;
}

static kn_status collect(const kn_map *m, mention **out, size_t *n)
{
	size_t i, j, k = 0, total = 0;
	const char *canon;
	mention *v;

	for (i = 0; i < m->n_sigs; i++)
		total += kn_signal_n_actors(&m->sigs[i]);
	v = calloc(total ? total : 1, sizeof *v);
	if (!v)
		return KN_ERR_NOMEM;
	for (i = 0; i < m->n_sigs; i++) {
		const kn_signal *s = &m->sigs[i];

		for (j = 0; j < kn_signal_n_actors(s); j++) {
			kn_role role;
			const kn_actor_ref *a = kn_signal_actor(s, j, &role);

			v[k].key = kn_map_resolve(m, a->name, &canon);
			if (!v[k].key)
				goto nomem;
			v[k].name = canon ? canon : a->name;
			v[k].sig = i;
			v[k].role = role;
			k++;
		}
	}
	*out = v;
	*n = k;
	return KN_OK;
nomem:
	while (k > 0)
		free(v[--k].key);
	free(v);
	return KN_ERR_NOMEM;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The spelling most mentions use (ties: the first in byte order, which
 * prefers capitals), so that "anthropic" in one card does not rename the
 * "Anthropic" of five others.  v[0..n) is one key's mentions; tmp has
 * room for n names.  Sorted, so a key named a million times is cheap. */
static const char *best_name(const mention *v, size_t n, const char **tmp)
{
	const char *best = v[0].name;
	size_t i, j, best_c = 0;

	for (i = 0; i < n; i++)
		tmp[i] = v[i].name;
	qsort(tmp, n, sizeof *tmp, name_cmp);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && strcmp(tmp[j], tmp[i]) == 0; j++)
			;
		if (j - i > best_c) { /* the first of equal counts is the least */
			best = tmp[i];
			best_c = j - i;
		}
	}
	return best;
}

kn_status kn_actor_table_build(kn_actor_table *t, const kn_map *m)
{
	mention *v;
	size_t n, i, j;
	kn_actor_row *r = NULL;
	const char **names;

	t->rows = NULL;
	t->n = 0;
	if (collect(m, &v, &n) != KN_OK)
		return KN_ERR_NOMEM;
	qsort(v, n, sizeof *v, mention_cmp);
	t->rows = calloc(n ? n : 1, sizeof *t->rows);
	names = malloc((n ? n : 1) * sizeof *names);
	if (!t->rows || !names) {
		for (i = 0; i < n; i++)
			free(v[i].key);
		free(v);
		free(t->rows);
		t->rows = NULL;
		free(names);
		return KN_ERR_NOMEM;
	}
	for (i = 0; i < n; i++) {
		/* a signal naming an actor twice in one role counts once */
		int repeat = r && strcmp(r->key, v[i].key) == 0 &&
			     v[i].sig == v[i - 1].sig && v[i].role == v[i - 1].role;

		if (!r || strcmp(r->key, v[i].key) != 0) {
			r = &t->rows[t->n++];
			r->key = v[i].key; /* the row takes the first copy */
			for (j = i; j < n && strcmp(v[j].key, r->key) == 0; j++)
				;
			r->name = kn_map_display_name(m, r->key);
			if (!r->name)
				r->name = best_name(v + i, j - i, names);
			r->n_signals = 1;
		} else {
			if (v[i].sig != v[i - 1].sig)
				r->n_signals++;
			free(v[i].key);
		}
		if (repeat)
			continue;
		if (v[i].role == KN_WINNER)
			r->n_wins++;
		else
			r->n_losses++;
	}
	free(names);
	free(v);
	return KN_OK;
}

static int row_cmp(const void *key, const void *row)
{
	return strcmp(key, ((const kn_actor_row *)row)->key);
}

const kn_actor_row *kn_actor_table_find(const kn_actor_table *t,
					const char *key)
{
	return t->n ? bsearch(key, t->rows, t->n, sizeof *t->rows, row_cmp)
		    : NULL;
}

void kn_actor_table_release(kn_actor_table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->rows[i].key);
	free(t->rows);
	t->rows = NULL;
	t->n = 0;
}
