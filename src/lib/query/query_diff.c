/* What changed between two windows of the corpus ("diff", docs/changes.md):
 * the window arithmetic, then one scan of each window's signals into a
 * per-actor table (query_agg.c), merged, named and ordered. */
#include "query_internal.h"

#include <stdlib.h>
#include <string.h>

#include "kn_date.h"
#include "kn_text.h"

static kn_status nomem(kn_error *err)
{
	return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
}

void kn_diff_opts_init(kn_diff_opts *o)
{
	memset(o, 0, sizeof *o);
	o->window.n = 30;
	o->window.unit = KN_WINDOW_DAYS;
	kn_filter_init(&o->filter);
}

void kn_diff_init(kn_diff *d)
{
	memset(d, 0, sizeof *d);
}

void kn_diff_release(kn_diff *d)
{
	size_t i;

	if (!d)
		return;
	for (i = 0; i < d->n; i++)
		free(d->items[i].actor);
	free(d->items);
	memset(d, 0, sizeof *d);
}

const char *kn_diff_status_name(kn_diff_status s)
{
	static const char *const names[] = { "new", "gone", "rising", "fading",
					     "steady" };

	return (unsigned)s < 5 ? names[s] : "?";
}

int kn_window_size_parse(const char *s, kn_window_size *out)
{
	static const char units[] = "dwmq";
	const char *u;
	long n = 0;
	size_t i;

	for (i = 0; s[i] >= '0' && s[i] <= '9' && i < 5; i++)
		n = n * 10 + (s[i] - '0');
	if (i == 0 || s[i] == '\0' || s[i + 1] != '\0' || n < 1 ||
	    n > KN_WINDOW_MAX || !(u = strchr(units, s[i])))
		return -1;
	out->n = n;
	out->unit = (kn_window_unit)(u - units);
	return 0;
}

/* A window date: YYYY, YYYY-MM or YYYY-MM-DD (no time of day), as the
 * days it covers. */
static kn_status window_date(const char *opt, const char *s, long *first,
			     long *last, kn_error *err)
{
	if (!s || strlen(s) > 10 || kn_iso_date_fault(s) != KN_DATE_OK ||
	    kn_date_span(s, first, last))
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, opt,
				    "--%s takes a date (YYYY, YYYY-MM or YYYY-MM-DD), got \"%.64s\"",
				    opt, s ? s : "");
	return KN_OK;
}

static void set_windows(kn_diff_windows *w, long b0, long b1, long a0, long a1)
{
	kn_day_format(b0, w->before_from);
	kn_day_format(b1, w->before_to);
	kn_day_format(a0, w->after_from);
	kn_day_format(a1, w->after_to);
}

kn_status kn_diff_windows_set(const kn_window_size *w, const char *asof,
			      kn_diff_windows *out, kn_error *err)
{
	long first, end, b1, b2, len;
	kn_status s = window_date("asof", asof, &first, &end, err);

	if (s)
		return s;
	if (w->n < 1 || w->n > KN_WINDOW_MAX || (unsigned)w->unit > KN_WINDOW_QUARTERS)
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, "window",
				    "a window is 1 to %d days, weeks, months or quarters",
				    KN_WINDOW_MAX);
	if (w->unit == KN_WINDOW_DAYS || w->unit == KN_WINDOW_WEEKS) {
		len = w->unit == KN_WINDOW_WEEKS ? 7 * w->n : w->n;
		b1 = end - len;
		b2 = end - 2 * len;
	} else {
		len = w->unit == KN_WINDOW_QUARTERS ? 3 * w->n : w->n;
		b1 = kn_day_add_months(end, -len);
		b2 = kn_day_add_months(end, -2 * len);
	}
	if (b2 + 1 < KN_DAY_MIN)
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, "window",
				    "the windows would start before the year 0000");
	set_windows(out, b2 + 1, b1, b1 + 1, end);
	return KN_OK;
}

static int newest_row(void *ctx, const kn_signal *sig)
{
	char **out = ctx;

	if (sig->published)
		*out = strdup(sig->published);
	return 1;
}

/* The day of the newest dated signal f selects, as YYYY-MM-DD in day. */
static kn_status newest_day(kn_store *st, const kn_filter *f, char day[11],
			    kn_error *err)
{
	kn_filter one = *f;
	char *published = NULL;
	long first, last;
	kn_status s;

	one.limit = 1;
	s = kn_storage(st)->list(st, &one, newest_row, &published, err);
	if (s)
		return s;
	if (!published || kn_date_span(published, &first, &last)) {
		free(published);
		return kn_error_set(err, KN_ERR_NOTFOUND, NULL, 0, 0, NULL,
				    "no dated signal to set the windows by; give --asof DATE");
	}
	free(published);
	kn_day_format(last, day);
	return KN_OK;
}

static kn_status explicit_windows(const kn_diff_opts *o, kn_diff_windows *w,
				  kn_error *err)
{
	long a0, a1, b0, b1, x;
	kn_status s;

	if (!o->from || !o->to || !o->against_from || !o->against_to)
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, "from",
				    "explicit windows need --from, --to and --against");
	if (o->asof || o->window.n != 30 || o->window.unit != KN_WINDOW_DAYS)
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, "from",
				    "--from/--to/--against give both windows: leave out --window and --asof");
	if ((s = window_date("from", o->from, &a0, &x, err)) ||
	    (s = window_date("to", o->to, &x, &a1, err)) ||
	    (s = window_date("against", o->against_from, &b0, &x, err)) ||
	    (s = window_date("against", o->against_to, &x, &b1, err)))
		return s;
	if (a0 > a1 || b0 > b1)
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, a0 > a1 ? "from" : "against",
				    "a window ends before it starts (%s)",
				    a0 > a1 ? "--from after --to" : "--against C..D with C after D");
	set_windows(w, b0, b1, a0, a1);
	return KN_OK;
}

/* The windows o asks for, into w. */
static kn_status windows_for(kn_store *st, const kn_diff_opts *o,
			     kn_diff_windows *w, kn_error *err)
{
	char day[11];
	kn_status s;

	if (o->filter.since || o->filter.until)
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, "since",
				    "--since and --until do not apply: the windows "
				    "set the dates (--asof, --window, or --from/--to/--against)");
	if (o->from || o->to || o->against_from || o->against_to)
		return explicit_windows(o, w, err);
	if (o->asof)
		return kn_diff_windows_set(&o->window, o->asof, w, err);
	if ((s = newest_day(st, &o->filter, day, err)) != KN_OK)
		return s;
	return kn_diff_windows_set(&o->window, day, w, err);
}

/* ---- counting and ordering ---- */

/* The measures a row can hold, per window: the two roles (kn_role).  An
 * exposure measure would be a third, filled by a scan of its own. */
#define MEASURES 2

typedef struct drow {
	kn_row gid;
	kn_role role;
	long before, after;
	char *key, *name;
} drow;

typedef struct drows {
	drow *v;
	size_t n, cap;
} drows;

static void drows_release(drows *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->v[i].key);
		free(r->v[i].name);
	}
	free(r->v);
	memset(r, 0, sizeof *r);
}

/* One window's signals, counted per actor group and role into m. */
static kn_status count_window(kn_store *st, const kn_groups *g,
			      const kn_filter *base, const char *from,
			      const char *to, kn_agg_map *m, kn_error *err)
{
	kn_filter f = *base;
	long long n;

	f.since = from;
	f.until = to;
	f.limit = 0;
	return kn_agg_scan_window(st, g, &f, m, &n, err);
}

static long magnitude(const drow *r)
{
	return r->after > r->before ? r->after - r->before : r->before - r->after;
}

static int cmp_rows(const void *pa, const void *pb)
{
	const drow *a = pa, *b = pb;
	int c;

	if (a->role != b->role)
		return a->role == KN_LOSER ? -1 : 1;
	if (magnitude(a) != magnitude(b))
		return magnitude(a) > magnitude(b) ? -1 : 1;
	if ((c = strcmp(a->key, b->key)) != 0)
		return c;
	if ((c = strcmp(a->name, b->name)) != 0)
		return c;
	return a->gid < b->gid ? -1 : a->gid > b->gid;
}

/* A row per (group, role) counted in either window, named. */
static kn_status merge(kn_store *st, const kn_groups *g, kn_agg_map m[2],
		       drows *out, kn_error *err)
{
	size_t i;
	int role;
	kn_status s = KN_OK;

	/* every group of the window before gets an entry in the one after
	 * (zero when absent), so one walk of the after table sees all */
	for (i = 0; i < m[0].cap; i++)
		if (m[0].slots[i].gid && !kn_agg_get(&m[1], m[0].slots[i].gid))
			return nomem(err);
	for (i = 0; i < m[1].cap && !s; i++) {
		kn_agg a = m[1].slots[i], *b;
		char *key = NULL, *name = NULL;

		if (!a.gid)
			continue;
		if (!(b = kn_agg_get(&m[0], a.gid)))
			return nomem(err);
		for (role = 0; role < MEASURES && !s; role++) {
			drow *r;

			if (b->n[role] == 0 && a.n[role] == 0)
				continue;
			if (!key && (s = kn_group_name(st, g, a.gid, &key, &name, err)))
				break;
			if (KN_GROW(out->v, out->cap, out->n + 1)) {
				s = nomem(err);
				break;
			}
			r = &out->v[out->n];
			r->key = strdup(key);
			r->name = strdup(name);
			if (!r->key || !r->name) {
				free(r->key);
				free(r->name);
				s = nomem(err);
				break;
			}
			r->gid = a.gid;
			r->role = (kn_role)role;
			r->before = b->n[role];
			r->after = a.n[role];
			out->n++;
		}
		free(key);
		free(name);
	}
	return s;
}

static kn_diff_status status_of(long before, long after)
{
	if (before == 0)
		return KN_DIFF_NEW;
	if (after == 0)
		return KN_DIFF_GONE;
	if (after > before)
		return KN_DIFF_RISING;
	return after < before ? KN_DIFF_FADING : KN_DIFF_STEADY;
}

/* Moves the ordered rows into out, at most limit per role (0: all). */
static kn_status publish(drows *r, long limit, kn_diff *out, kn_error *err)
{
	size_t i, in_role = 0;

	if (r->n > 1)
		qsort(r->v, r->n, sizeof r->v[0], cmp_rows);
	out->items = calloc(r->n ? r->n : 1, sizeof *out->items);
	if (!out->items)
		return nomem(err);
	for (i = 0; i < r->n; i++) {
		drow *d = &r->v[i];
		kn_diff_row *o;

		in_role = i && r->v[i - 1].role == d->role ? in_role + 1 : 0;
		if (limit > 0 && in_role >= (size_t)limit)
			continue;
		o = &out->items[out->n++];
		o->actor = d->name;
		d->name = NULL;
		o->role = d->role;
		o->before = d->before;
		o->after = d->after;
		o->status = status_of(d->before, d->after);
	}
	return KN_OK;
}

static kn_status kn_query_diff_read(kn_store *st, const kn_diff_opts *o, kn_diff *out,
				    kn_error *err)
{
	kn_agg_map m[2];
	kn_groups g;
	drows rows = { NULL, 0, 0 };
	kn_status s;

	kn_diff_release(out);
	memset(m, 0, sizeof m);
	memset(&g, 0, sizeof g);
	s = kn_filter_check(&o->filter, err);
	if (s == KN_OK)
		s = windows_for(st, o, &out->windows, err);
	if (s == KN_OK)
		s = kn_groups_load(st, &g, err);
	if (s == KN_OK)
		s = count_window(st, &g, &o->filter, out->windows.before_from,
				 out->windows.before_to, &m[0], err);
	if (s == KN_OK)
		s = count_window(st, &g, &o->filter, out->windows.after_from,
				 out->windows.after_to, &m[1], err);
	if (s == KN_OK)
		s = merge(st, &g, m, &rows, err);
	if (s == KN_OK)
		s = publish(&rows, o->filter.limit, out, err);
	drows_release(&rows);
	kn_agg_map_release(&m[0]);
	kn_agg_map_release(&m[1]);
	kn_groups_release(&g);
	if (s != KN_OK) {
		kn_diff_windows w = out->windows;

		kn_diff_release(out);
		out->windows = w;
	}
	return s;
}

kn_status kn_query_diff(kn_store *st, const kn_diff_opts *o, kn_diff *out,
			kn_error *err)
{
	KN_RETURN_IN_SNAPSHOT(st, err, kn_query_diff_read(st, o, out, err));
}
