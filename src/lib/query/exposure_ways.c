/* The ways of an exposure (exposure_ways.h): read narrow from the
 * storage operations, put in the answer's order, each effect or role
 * counted once, and summed. */
#include "exposure_ways.h"

#include <stdlib.h>
#include <string.h>

#include "kn_grow.h"
#include "kn_storage.h"

#define CHUNK 65536

struct kn_xchunk {
	struct kn_xchunk *next;
	size_t used, cap;
	char data[];
};

/* A copy of s in the arena (NULL for NULL). */
static const char *keep(kn_xways *x, const char *s)
{
	struct kn_xchunk *c = x->chunks;
	size_t n;

	if (!s)
		return NULL;
	n = strlen(s) + 1;
	if (!c || c->used + n > c->cap) {
		size_t cap = n > CHUNK ? n : CHUNK;

		if (!(c = malloc(sizeof *c + cap)))
			return NULL;
		c->next = x->chunks;
		c->used = 0;
		c->cap = cap;
		x->chunks = c;
	}
	memcpy(c->data + c->used, s, n);
	c->used += n;
	return c->data + c->used - n;
}

/* The previous copy when s equals it (the ways of one signal, or of one
 * key, come in runs), else a new one. */
static const char *keep_again(kn_xways *x, const char *prev, const char *s)
{
	if (!s)
		return NULL;
	return prev && strcmp(prev, s) == 0 ? prev : keep(x, s);
}

static size_t hash(const char *s)
{
	size_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The index of date d in x->dates, added when new; KN_XNO_DATE for NULL.
 * The ways of a signal come in runs: the previous way's date first. */
static int date_of(kn_xways *x, const char *d, unsigned *out)
{
	size_t i, mask;

	*out = KN_XNO_DATE;
	if (!d)
		return 0;
	if (x->n && x->v[x->n - 1].rank != KN_XNO_DATE &&
	    strcmp(x->dates[x->v[x->n - 1].rank], d) == 0) {
		*out = x->v[x->n - 1].rank;
		return 0;
	}
	if (2 * (x->n_dates + 1) > x->n_slots) { /* grow: rehash every date */
		size_t n = x->n_slots ? 2 * x->n_slots : 1024;
		unsigned *t = malloc(n * sizeof *t);

		if (!t)
			return -1;
		memset(t, 0xff, n * sizeof *t);
		for (i = 0; i < x->n_dates; i++) {
			size_t h = hash(x->dates[i]) & (n - 1);

			while (t[h] != KN_XNO_DATE)
				h = (h + 1) & (n - 1);
			t[h] = (unsigned)i;
		}
		free(x->slots);
		x->slots = t;
		x->n_slots = n;
	}
	mask = x->n_slots - 1;
	for (i = hash(d) & mask; x->slots[i] != KN_XNO_DATE; i = (i + 1) & mask)
		if (strcmp(x->dates[x->slots[i]], d) == 0) {
			*out = x->slots[i];
			return 0;
		}
	if (KN_GROW(x->dates, x->cap_dates, x->n_dates + 1) ||
	    !(x->dates[x->n_dates] = keep(x, d)))
		return -1;
	x->slots[i] = *out = (unsigned)x->n_dates++;
	return 0;
}

/* Notes whether the ways come from more than one name of the actor (then
 * an effect or a role may come twice, apart). */
static void note_name(kn_xways *x, const kn_way *w)
{
	if (w->key && !x->link_key)
		x->link_key = w->key;
	else if (w->key && w->key != x->link_key && /* keep_again's copy */
		 strcmp(x->link_key, w->key) != 0)
		x->many = 1;
	if (!w->key && !x->role_aid)
		x->role_aid = w->aid;
	else if (!w->key && x->role_aid != w->aid)
		x->many = 1;
}

static int collect(void *ctx, const kn_way *w)
{
	kn_xways *x = ctx;
	const kn_xway *last;
	kn_xway *y;
	unsigned date;

	if (KN_GROW(x->v, x->cap, x->n + 1) || date_of(x, w->published, &date))
		return -1;
	last = x->n ? &x->v[x->n - 1] : NULL; /* after the move */
	y = &x->v[x->n];
	memset(y, 0, sizeof *y);
	y->w = *w;
	y->position = -1;
	y->rank = date;
	y->w.published = date == KN_XNO_DATE ? NULL : x->dates[date];
	y->w.key = keep_again(x, last ? last->w.key : NULL, w->key);
	y->w.effect = keep(x, w->effect);
	if ((w->key && !y->w.key) || (w->effect && !y->w.effect))
		return -1;
	note_name(x, &y->w);
	if (w->order > x->max_order)
		x->max_order = w->order;
	x->n++;
	return 0;
}

static int by_name(const char *a, const char *b)
{
	if (a == b)
		return 0;
	if (!a || !b)
		return !a ? 1 : -1;
	return strcmp(a, b);
}

/* Within a signal: order, then the effect (its id here; its position
 * once kn_xways_settle read it) or at order 0 the role, then the role,
 * then the name, so that the way kept of an effect two names of the
 * actor reach is the one the old sort of whole rows kept. */
static int within_signal(const kn_xway *x, const kn_xway *y)
{
	const kn_way *a = &x->w, *b = &y->w;
	int c;

	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	if (a->order && x->position != y->position)
		return x->position < y->position ? -1 : 1;
	if (a->order && (c = by_name(a->effect, b->effect)))
		return c;
	if (a->role != b->role)
		return a->role < b->role ? -1 : 1;
	if ((c = by_name(a->key, b->key)))
		return c;
	return a->aid < b->aid ? -1 : a->aid > b->aid;
}

/* Newest first (the rank of the date), undated last, then signal row. */
static int by_way(const void *p, const void *q)
{
	const kn_xway *x = p, *y = q;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->w.sid != y->w.sid)
		return x->w.sid < y->w.sid ? -1 : 1;
	return within_signal(x, y);
}

/* Of one date: by signal id (read for those runs alone). */
static int by_id(const void *p, const void *q)
{
	const kn_xway *x = p, *y = q;
	int c = x->w.sid == y->w.sid ? 0 : strcmp(x->sig->id, y->sig->id);

	return c ? c : within_signal(x, y);
}

/* The same effect of the same signal (or the same role in it). */
static int same_way(const kn_way *a, const kn_way *b)
{
	return a->sid == b->sid && a->order == b->order &&
	       (a->order ? strcmp(a->effect, b->effect) == 0 : a->role == b->role);
}

static const char *const *rank_dates;

static int by_date_desc(const void *p, const void *q)
{
	return strcmp(rank_dates[*(const unsigned *)q], rank_dates[*(const unsigned *)p]);
}

/* Each way's rank: its date's index among the distinct dates, newest
 * first (undated: KN_XNO_DATE, after them all). */
static int rank_ways(kn_xways *x)
{
	unsigned *order = malloc((x->n_dates + 1) * sizeof *order);
	unsigned *rank = malloc((x->n_dates + 1) * sizeof *rank);
	size_t i;

	if (!order || !rank) {
		free(order);
		free(rank);
		return -1;
	}
	for (i = 0; i < x->n_dates; i++)
		order[i] = (unsigned)i;
	rank_dates = x->dates; /* qsort passes no context */
	if (x->n_dates > 1)
		qsort(order, x->n_dates, sizeof *order, by_date_desc);
	for (i = 0; i < x->n_dates; i++)
		rank[order[i]] = (unsigned)i;
	for (i = 0; i < x->n; i++)
		if (x->v[i].rank != KN_XNO_DATE)
			x->v[i].rank = rank[x->v[i].rank];
	free(order);
	free(rank);
	return 0;
}

static void dedupe(kn_xways *x)
{
	size_t i, k;

	for (i = k = 0; i < x->n; i++)
		if (!k || !same_way(&x->v[k - 1].w, &x->v[i].w))
			x->v[k++] = x->v[i];
	x->n = k;
}

kn_status kn_xways_read(kn_store *st, const char *key, const kn_filter *f,
			kn_xways *x, kn_error *err)
{
	kn_status s = kn_storage(st)->exposure_ways(st, key, f, collect, x, err);

	if (s)
		return s;
	if (rank_ways(x))
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	/* one name: an actor's roles, then its links, come in the index's
	 * order, where the two roles of a name folded alike are neighbours;
	 * more: a way may come once per name, apart, and the sort makes them
	 * neighbours */
	if (x->many && x->n > 1) {
		qsort(x->v, x->n, sizeof *x->v, by_way);
		x->sorted = x->n;
	}
	dedupe(x);
	if (x->sorted)
		x->sorted = x->n;
	return KN_OK;
}

kn_status kn_xways_newest(kn_store *st, const char *key, size_t upto,
			  size_t max_signals, kn_xways *x, int *done,
			  kn_error *err)
{
	kn_status s = kn_storage(st)->exposure_newest(st, key, upto, max_signals,
						      collect, x, done, err);

	if (s || !*done) {
		kn_xways_release(x);
		memset(x, 0, sizeof *x);
		return s;
	}
	if (rank_ways(x))
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	dedupe(x); /* one name: a role or a link comes once already */
	return KN_OK;
}

/* Puts the first upto ways (at least) in the order of by_way: the ways of
 * the dates those fall in are moved to the front and sorted, the others
 * left as they are. */
static int order_front(kn_xways *x, size_t upto)
{
	size_t i, k, m, cum = 0, n_ranks = x->n_dates + 1;
	size_t *count;
	unsigned last;

	if (x->sorted >= upto || x->n < 2)
		return 0;
	if (upto >= x->n || !(count = calloc(n_ranks, sizeof *count))) {
		if (upto < x->n)
			return -1;
		qsort(x->v, x->n, sizeof *x->v, by_way);
		x->sorted = x->n;
		return 0;
	}
	for (i = 0; i < x->n; i++)
		count[x->v[i].rank == KN_XNO_DATE ? x->n_dates : x->v[i].rank]++;
	for (k = 0; k < n_ranks && cum < upto; k++)
		cum += count[k];
	free(count);
	last = k - 1 == x->n_dates ? KN_XNO_DATE : (unsigned)(k - 1);
	for (i = m = 0; i < x->n; i++)
		if (x->v[i].rank <= last) {
			kn_xway t = x->v[m];

			x->v[m++] = x->v[i];
			x->v[i] = t;
		}
	qsort(x->v, m, sizeof *x->v, by_way);
	x->sorted = m;
	return 0;
}

static kn_status nomem(kn_error *err)
{
	return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
}

/* Way w's signal: its columns, read once and kept in x->sigs. */
static kn_status read_signal(kn_store *st, kn_xways *x, kn_xway *w,
			     kn_error *err)
{
	kn_xsig *g;
	kn_status s;

	if (KN_GROW(x->sigs, x->cap_sigs, x->n_sigs + 1) ||
	    !(g = calloc(1, sizeof *g)))
		return nomem(err);
	x->sigs[x->n_sigs++] = g;
	w->sig = g;
	s = kn_storage(st)->exposure_signal(st, w->w.sid, &g->id, &g->title,
					    &g->published, g->numbers, err);
	if (s == KN_ERR_NOTFOUND) { /* a row deleted by hand: not shown */
		g->gone = 1;
		s = (g->id = strdup("")) ? KN_OK : nomem(err);
	}
	return s;
}

static kn_status read_effect(kn_store *st, kn_xway *w, kn_error *err)
{
	kn_status s = kn_storage(st)->exposure_effect(st, w->w.sid, w->w.effect,
						      &w->position, &w->text, err);

	if (s == KN_ERR_NOTFOUND) { /* a row deleted by hand: not shown */
		w->position = 0;
		s = KN_OK;
	}
	return s;
}

/* In the order of the tables' rows: signal, then effect id. */
static int by_table_row(const void *p, const void *q)
{
	const kn_xway *a = *(const kn_xway *const *)p, *b = *(const kn_xway *const *)q;

	if (a->w.sid != b->w.sid)
		return a->w.sid < b->w.sid ? -1 : 1;
	return by_name(a->w.effect, b->w.effect);
}

/* Reads what the first m ways need (their signal's columns, their
 * effect's position and text), in the order of the tables' rows, so that
 * a long answer reads the tables once in order rather than hopping about
 * them newest first. */
static kn_status read_front(kn_store *st, kn_xways *x, size_t m, kn_error *err)
{
	kn_xway **v = m ? malloc(m * sizeof *v) : NULL;
	size_t i, k = 0;
	kn_status s = KN_OK;

	if (m && !v)
		return nomem(err);
	for (i = 0; i < m; i++)
		if (!x->v[i].sig || (x->v[i].w.order && x->v[i].position < 0))
			v[k++] = &x->v[i];
	if (k > 1)
		qsort(v, k, sizeof *v, by_table_row);
	for (i = 0; !s && i < k; i++) {
		if (!v[i]->sig && i && v[i - 1]->w.sid == v[i]->w.sid)
			v[i]->sig = v[i - 1]->sig;
		else if (!v[i]->sig)
			s = read_signal(st, x, v[i], err);
		if (!s && v[i]->w.order && v[i]->position < 0)
			s = read_effect(st, v[i], err);
	}
	free(v);
	return s;
}

kn_status kn_xways_settle(kn_store *st, kn_xways *x, size_t upto, kn_error *err)
{
	size_t i, j, m;
	kn_status s;

	if (upto > x->n)
		upto = x->n;
	if (!upto)
		return KN_OK;
	if (order_front(x, upto))
		return nomem(err);
	/* the ways of the last date shown too: they may come before it */
	for (m = upto; m < x->n && x->v[m].rank == x->v[upto - 1].rank; m++)
		;
	if ((s = read_front(st, x, m, err)))
		return s;
	for (i = 0; i < upto; i = j) { /* the dates with more than one signal */
		for (j = i + 1; j < m && x->v[j].rank == x->v[i].rank; j++)
			;
		if (x->v[j - 1].w.sid != x->v[i].w.sid)
			qsort(x->v + i, j - i, sizeof *x->v, by_id);
	}
	for (i = 0; i < upto; i = j) { /* the orders with more than one effect */
		for (j = i + 1; j < m && x->v[j].w.sid == x->v[i].w.sid &&
				x->v[j].w.order == x->v[i].w.order; j++)
			;
		if (x->v[i].w.order && j - i > 1)
			qsort(x->v + i, j - i, sizeof *x->v, by_id);
	}
	return KN_OK;
}

double kn_ripple_sum(const long long *base, int n, double decay)
{
	double total = 0;
	int k, j;

	for (k = 0; k < n; k++) {
		double w = (double)base[k] / 1000000.0;

		if (!base[k])
			continue;
		for (j = 0; j < k; j++)
			w *= decay;
		total += w;
	}
	return total;
}

void kn_xways_release(kn_xways *x)
{
	size_t i;

	while (x->chunks) {
		struct kn_xchunk *c = x->chunks;

		x->chunks = c->next;
		free(c);
	}
	for (i = 0; i < x->n_sigs; i++) {
		free(x->sigs[i]->id);
		free(x->sigs[i]->title);
		free(x->sigs[i]->published);
		free(x->sigs[i]);
	}
	free(x->sigs);
	for (i = 0; i < x->n; i++)
		free(x->v[i].text);
	free(x->dates);
	free(x->slots);
	free(x->v);
	memset(x, 0, sizeof *x);
}

kn_status kn_xways_sort(kn_xways *x, kn_error *err)
{
	if (order_front(x, x->n))
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	return KN_OK;
}
