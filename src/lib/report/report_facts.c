/* Facts both report writers show: actors grouped across signals, signals
 * by id, the period and the categories.  Below
 * report.c and the writers (report_html.c, report_md.c): it calls neither. */
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

static int by_id_cmp(const void *a, const void *b)
{
	return strcmp((*(const kn_signal *const *)a)->id,
		      (*(const kn_signal *const *)b)->id);
}

int rpt_index(rpt *r)
{
	size_t i, j;

	r->groups = calloc(r->n_uses ? r->n_uses : 1, sizeof *r->groups);
	r->by_id = calloc(r->n_sigs ? r->n_sigs : 1, sizeof *r->by_id);
	if (!r->groups || !r->by_id)
		return -1;
	for (i = 0; i < r->n_uses; i = j) {
		rpt_group *g = &r->groups[r->n_groups++];

		g->actor = r->uses[i].actor;
		g->first = i;
		for (j = i; j < r->n_uses && r->uses[j].actor == g->actor; j++) {
			/* uses are sorted by signal then role: count each
			 * signal once per role */
			const rpt_use *u = &r->uses[j], *p = j > i ? u - 1 : NULL;

			if (p && p->sig == u->sig && p->role == u->role)
				continue;
			if (u->role == KN_WINNER)
				g->winner++;
			else
				g->loser++;
		}
		g->n = j - i;
	}
	for (i = 0; i < r->n_sigs; i++)
		r->by_id[i] = &r->sigs[i];
	if (r->n_sigs > 1) /* qsort takes no NULL, even for 0 */
		qsort(r->by_id, r->n_sigs, sizeof *r->by_id, by_id_cmp);
	return 0;
}

static int group_cmp(const void *key, const void *elem)
{
	unsigned long long a = *(const unsigned long long *)key;
	unsigned long long b = ((const rpt_group *)elem)->actor;

	return a < b ? -1 : a > b;
}

const rpt_group *rpt_group_of(const rpt *r, unsigned long long actor)
{
	if (!r->n_groups)
		return NULL;
	return bsearch(&actor, r->groups, r->n_groups, sizeof *r->groups,
		       group_cmp);
}

long rpt_find_sig(const rpt *r, const char *id)
{
	size_t lo = 0, hi = r->n_sigs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(id, r->by_id[mid]->id);

		if (c == 0)
			return (long)(r->by_id[mid] - r->sigs);
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

void rpt_period(const rpt *r, const char **first, const char **last)
{
	size_t i;

	*first = *last = NULL;
	for (i = 0; i < r->n_sigs; i++) {
		const char *p = r->sigs[i].published;

		if (!p)
			continue;
		if (!*first || strncmp(p, *first, 10) < 0)
			*first = p;
		if (!*last || strncmp(p, *last, 10) > 0)
			*last = p;
	}
}

static int cat_cmp(const void *a, const void *b)
{
	const rpt_category *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(((const rpt_category *)a)->name,
		      ((const rpt_category *)b)->name);
}

rpt_category *rpt_categories(const rpt *r, size_t *n)
{
	rpt_category *c = calloc(r->n_sigs ? r->n_sigs : 1, sizeof *c);
	size_t i, k = 0;

	*n = 0;
	if (!c)
		return NULL;
	for (i = 0; i < r->n_sigs; i++)
		if (r->sigs[i].category)
			c[k++].name = r->sigs[i].category;
	if (k > 1) /* qsort takes no NULL, even for 0 */
		qsort(c, k, sizeof *c, name_cmp);
	for (i = 0; i < k; i++) {
		if (*n && strcmp(c[*n - 1].name, c[i].name) == 0) {
			c[*n - 1].count++;
			continue;
		}
		c[*n].name = c[i].name;
		c[(*n)++].count = 1;
	}
	if (*n > 1) /* qsort takes no NULL, even for 0 */
		qsort(c, *n, sizeof *c, cat_cmp);
	return c;
}

void rpt_each_actor(const rpt *r, kn_buf *b, rpt_actor_fn fn)
{
	char *done = calloc(r->n_groups ? r->n_groups : 1, 1);
	size_t i;

	if (!done) {
		b->failed = 1;
		return;
	}
	/* the query's order and display names first, then any actor it did
	 * not list, so that every actor link has its target */
	for (i = 0; i < r->actors.n; i++) {
		const char *name = r->actors.items[i].actor;
		const rpt_group *g = rpt_group_of(r, rpt_actor_hash(r, name));

		if (!g || done[g - r->groups])
			continue;
		done[g - r->groups] = 1;
		fn(r, b, g, name);
	}
	for (i = 0; i < r->n_groups; i++)
		if (!done[i])
			fn(r, b, &r->groups[i], r->uses[r->groups[i].first].name);
	free(done);
}
