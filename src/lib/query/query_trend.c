/* Counts per period ("trend", docs/changes.md): each actor's dated
 * signals (the storage's group_dates), bucketed by ISO week, month or
 * quarter over one range of periods shared by every actor asked for. */
#include "query_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kn_actor.h"
#include "kn_date.h"

static kn_status nomem(kn_error *err)
{
	return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
}

void kn_trend_opts_init(kn_trend_opts *o)
{
	memset(o, 0, sizeof *o);
	o->every = KN_PERIOD_MONTH;
	kn_filter_init(&o->filter);
}

int kn_period_parse(const char *s, kn_period *out)
{
	static const char *const names[] = { "week", "month", "quarter" };
	int i;

	for (i = 0; i < 3; i++) {
		if (strcmp(s, names[i]) == 0) {
			*out = (kn_period)i;
			return 0;
		}
	}
	return -1;
}

void kn_trends_init(kn_trends *l)
{
	memset(l, 0, sizeof *l);
}

void kn_trends_release(kn_trends *l)
{
	size_t i;

	if (!l)
		return;
	for (i = 0; i < l->n; i++) {
		free(l->items[i].actor);
		free(l->items[i].points);
	}
	free(l->items);
	memset(l, 0, sizeof *l);
}

/* ---- periods as numbers ---- */

static long floor_div(long a, long b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* The number of the period holding day: weeks count from the Monday
 * 1970-01-05 (day 4), months and quarters from the year 0000. */
static long period_of(kn_period p, long day)
{
	int y, m, d;

	if (p == KN_PERIOD_WEEK)
		return floor_div(day - 4, 7);
	kn_day_civil(day, &y, &m, &d);
	return p == KN_PERIOD_MONTH ? (long)y * 12 + m - 1 : (long)y * 4 + (m - 1) / 3;
}

static void period_point(kn_period p, long k, kn_trend_point *pt)
{
	long first, last;
	int y, w;

	if (p == KN_PERIOD_WEEK) {
		first = 4 + 7 * k;
		last = first + 6;
		kn_day_iso_week(first, &y, &w);
		snprintf(pt->period, sizeof pt->period, "%04d-W%02d", y, w);
	} else {
		long months = p == KN_PERIOD_MONTH ? 1 : 3;
		long m0 = p == KN_PERIOD_MONTH ? k : k * 3;
		int yy = (int)(m0 / 12), mm = (int)(m0 % 12) + 1;

		first = kn_day_of(yy, mm, 1);
		last = kn_day_add_months(first, months) - 1;
		if (p == KN_PERIOD_MONTH)
			snprintf(pt->period, sizeof pt->period, "%04d-%02d", yy, mm);
		else
			snprintf(pt->period, sizeof pt->period, "%04d-Q%d", yy,
				 (mm - 1) / 3 + 1);
	}
	kn_day_format(first, pt->start);
	kn_day_format(last, pt->end);
	pt->winner = pt->loser = 0;
}

/* ---- each actor's dated roles ---- */

typedef struct dated {
	long day;
	int loser;
} dated;

typedef struct actor_rows {
	char *key;
	const char *name; /* as asked for */
	dated *v;
	size_t n, cap;
} actor_rows;

static int dated_row(void *ctx, kn_row sid, int loser, const char *published)
{
	actor_rows *a = ctx;
	long first, last;

	(void)sid;
	if (!published || kn_date_span(published, &first, &last))
		return 0; /* not a date the calendar can place */
	if (KN_GROW(a->v, a->cap, a->n + 1))
		return -1;
	a->v[a->n].day = first;
	a->v[a->n].loser = loser != 0;
	a->n++;
	return 0;
}

static void rows_release(actor_rows *a, size_t n)
{
	size_t i;

	for (i = 0; a && i < n; i++) {
		free(a[i].key);
		free(a[i].v);
	}
	free(a);
}

/* Whether any signal names the group key, whatever the filter. */
static kn_status named_at_all(kn_store *st, const char *key, int *yes,
			      kn_error *err)
{
	long w = 0, l = 0;
	kn_status s = kn_storage(st)->group_count(st, key, KN_WINNER, &w, err);

	if (s == KN_OK)
		s = kn_storage(st)->group_count(st, key, KN_LOSER, &l, err);
	*yes = w + l > 0;
	return s;
}

/* The distinct canonical keys of the names, in the order given, with
 * their dated roles under f. */
static kn_status load_actors(kn_store *st, const char *const *names,
			     size_t n, const kn_filter *f, actor_rows **out,
			     size_t *n_out, kn_error *err)
{
	kn_actor_ids *ids = NULL;
	actor_rows *a = calloc(n ? n : 1, sizeof *a);
	size_t i, j, k = 0;
	kn_status s = a ? kn_store_actor_ids(st, &ids, err) : nomem(err);
	int yes;

	for (i = 0; s == KN_OK && i < n; i++) {
		char *key = kn_actor_ids_resolve(ids, names[i], NULL);

		if (!key) {
			s = nomem(err);
			break;
		}
		if (!key[0]) { /* only punctuation or invisible characters */
			free(key);
			s = kn_error_set(err, KN_ERR_NOTFOUND, NULL, 0, 0, NULL,
					 "no signal names the actor \"%.200s\"", names[i]);
			break;
		}
		for (j = 0; j < k && strcmp(a[j].key, key) != 0; j++)
			;
		if (j < k) { /* another name of an actor already asked for */
			free(key);
			continue;
		}
		a[k].key = key;
		a[k].name = names[i];
		s = kn_storage(st)->group_dates(st, key, f, dated_row, &a[k], err);
		k++;
		yes = 1;
		if (s == KN_OK && a[k - 1].n == 0)
			s = named_at_all(st, key, &yes, err);
		if (s == KN_OK && !yes)
			s = kn_error_set(err, KN_ERR_NOTFOUND, NULL, 0, 0, NULL,
					 "no signal names the actor \"%.200s\"", names[i]);
	}
	kn_actor_ids_close(ids);
	if (s != KN_OK) {
		rows_release(a, k);
		return s;
	}
	*out = a;
	*n_out = k;
	return KN_OK;
}

/* The first period of the range and how many there are (0 when no date
 * bounds it and no signal of the actors is dated). */
static kn_status range_of(const kn_trend_opts *o, const actor_rows *a,
			  size_t n_actors, long *p0, long *n, kn_error *err)
{
	long since = 0, until = 0, dmin = 0, dmax = 0, x, lo, hi, p1;
	int have_since, have_until, have_data = 0;
	size_t i, j;

	have_since = o->filter.since && !kn_date_span(o->filter.since, &since, &x);
	have_until = o->filter.until && !kn_date_span(o->filter.until, &x, &until);
	for (i = 0; i < n_actors; i++) {
		for (j = 0; j < a[i].n; j++) {
			long d = a[i].v[j].day;

			if (!have_data || d < dmin)
				dmin = d;
			if (!have_data || d > dmax)
				dmax = d;
			have_data = 1;
		}
	}
	*n = 0;
	*p0 = 0;
	if (!have_since && !have_until && !have_data)
		return KN_OK;
	lo = have_since ? since : have_data ? dmin : until;
	hi = have_until ? until : have_data ? dmax : since;
	if (lo > hi)
		return KN_OK;
	*p0 = period_of(o->every, lo);
	p1 = period_of(o->every, hi);
	if (p1 - *p0 + 1 > KN_TREND_MAX_PERIODS)
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, "every",
				    "the range holds more than %d periods: narrow "
				    "--since/--until or count by a longer period",
				    KN_TREND_MAX_PERIODS);
	*n = p1 - *p0 + 1;
	return KN_OK;
}

/* The display name of the actor keyed key (heap). */
static kn_status display_name(kn_store *st, const actor_rows *a, char **out,
			      kn_error *err)
{
	const struct kn_storage_ops *ops = kn_storage(st);
	char *stored = NULL, *alias = NULL;
	const char *shown;
	kn_status s = ops->stored_name(st, a->key, &stored, err);

	if (s == KN_OK && !stored)
		s = ops->alias_name(st, a->key, &alias, err);
	shown = kn_actor_display(stored, alias);
	if (s == KN_OK && !(*out = strdup(shown ? shown : a->name)))
		s = nomem(err);
	free(stored);
	free(alias);
	return s;
}

static kn_status fill(kn_store *st, const kn_trend_opts *o, const actor_rows *a,
		      long p0, long n, kn_trend *t, kn_error *err)
{
	long i;
	size_t j;
	kn_status s = display_name(st, a, &t->actor, err);

	if (s != KN_OK)
		return s;
	t->points = calloc(n ? (size_t)n : 1, sizeof *t->points);
	if (!t->points)
		return nomem(err);
	for (i = 0; i < n; i++)
		period_point(o->every, p0 + i, &t->points[i]);
	t->n = (size_t)n;
	for (j = 0; j < a->n; j++) {
		long k = period_of(o->every, a->v[j].day) - p0;

		if (k < 0 || k >= n)
			continue;
		if (a->v[j].loser)
			t->points[k].loser++;
		else
			t->points[k].winner++;
	}
	return KN_OK;
}

static kn_status kn_query_trend_read(kn_store *st, const char *const *actors, size_t n,
				     const kn_trend_opts *o, kn_trends *out, kn_error *err)
{
	actor_rows *a = NULL;
	size_t n_actors = 0, i;
	long p0 = 0, periods = 0;
	kn_filter f = o->filter;
	kn_status s;

	kn_trends_release(out);
	f.limit = 0;
	if ((unsigned)o->every > KN_PERIOD_QUARTER)
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, "every",
				    "a period is a week, a month or a quarter");
	s = kn_filter_check(&f, err);
	if (s == KN_OK)
		s = load_actors(st, actors, n, &f, &a, &n_actors, err);
	if (s == KN_OK)
		s = range_of(o, a, n_actors, &p0, &periods, err);
	if (s == KN_OK && !(out->items = calloc(n_actors ? n_actors : 1,
						  sizeof *out->items)))
		s = nomem(err);
	for (i = 0; s == KN_OK && i < n_actors; i++) {
		s = fill(st, o, &a[i], p0, periods, &out->items[i], err);
		out->n = i + 1;
	}
	rows_release(a, n_actors);
	if (s != KN_OK)
		kn_trends_release(out);
	return s;
}

kn_status kn_query_trend(kn_store *st, const char *const *actors, size_t n,
			 const kn_trend_opts *o, kn_trends *out, kn_error *err)
{
	KN_RETURN_IN_SNAPSHOT(st, err, kn_query_trend_read(st, actors, n, o, out, err));
}
