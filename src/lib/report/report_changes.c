/* The report's "What changed" and "Time line" (docs/report.md): the diff
 * of the 30 days up to the newest selected signal against the 30 before
 * (kn_query_diff), each actor's weekly counts across both windows as a
 * small trend line (kn_query_trend), and the time line of the selected
 * signals (the map module's timeline view).  The scope line of the header
 * says which filters and windows these are. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kn_file.h"
#include "report_internal.h"

struct rpt_changes {
	kn_filter sel;   /* the report's filter (borrowed strings) */
	int dated;       /* a dated signal set the windows */
	kn_diff diff;
	kn_trends trends; /* weekly, one per distinct actor of diff */
	size_t *trend_of; /* diff row -> trend */
	rpt_map timeline;
};

static kn_status nomem(kn_error *err)
{
	return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
}

/* The day of the newest dated selected signal (signals are newest first). */
static const char *newest_day(const rpt *r, char day[11])
{
	size_t i;

	for (i = 0; i < r->n_sigs; i++) {
		const char *p = r->sigs[i].published;

		if (p && strlen(p) >= 10 && p[4] == '-' && p[7] == '-') {
			snprintf(day, 11, "%.10s", p);
			return day;
		}
	}
	return NULL;
}

/* Weekly counts over both windows for every actor of the diff. */
static kn_status load_trends(kn_store *st, struct rpt_changes *c,
			     kn_error *err)
{
	const char **names = calloc(c->diff.n + 1, sizeof *names);
	size_t i, j, n = 0;
	kn_trend_opts to;
	kn_status s;

	c->trend_of = calloc(c->diff.n + 1, sizeof *c->trend_of);
	if (!names || !c->trend_of) {
		free(names);
		return nomem(err);
	}
	for (i = 0; i < c->diff.n; i++) {
		for (j = 0; j < n && strcmp(names[j], c->diff.items[i].actor) != 0; j++)
			;
		if (j == n)
			names[n++] = c->diff.items[i].actor;
		c->trend_of[i] = j;
	}
	kn_trend_opts_init(&to);
	to.every = KN_PERIOD_WEEK;
	to.filter = c->sel;
	to.filter.limit = 0;
	to.filter.since = c->diff.windows.before_from;
	to.filter.until = c->diff.windows.after_to;
	s = n ? kn_query_trend(st, names, n, &to, &c->trends, err) : KN_OK;
	free(names);
	return s;
}

kn_status rpt_changes_gather(kn_store *st, const kn_filter *sel, rpt *r,
			     kn_error *err)
{
	struct rpt_changes *c = calloc(1, sizeof *c);
	kn_diff_opts o;
	char day[11];

	if (!c)
		return nomem(err);
	r->changes = c;
	c->sel = *sel;
	kn_diff_init(&c->diff);
	kn_trends_init(&c->trends);
	if (!newest_day(r, day))
		return KN_OK; /* nothing dated: no windows to compare */
	c->dated = 1;
	kn_diff_opts_init(&o);
	o.asof = day;
	o.filter = *sel;
	/* the windows set the dates; the filter's until set asof already */
	o.filter.since = o.filter.until = NULL;
	o.filter.limit = (long)r->top; /* per role: the largest changes */
	if (kn_query_diff(st, &o, &c->diff, err) != KN_OK)
		return err ? err->code : KN_ERR_DB;
	return load_trends(st, c, err);
}

kn_status rpt_changes_draw(rpt *r, kn_renderer *rr, kn_buf *tmp, kn_error *err)
{
	kn_map *m = NULL;
	kn_map_options mo;
	size_t i;
	kn_status s;

	if (!r->changes || !r->changes->dated)
		return KN_OK;
	s = kn_map_open(&m, err);
	for (i = 0; s == KN_OK && i < r->n_sigs && i < KN_TIMELINE_MAX; i++)
		s = kn_map_add_signal(m, &r->sigs[i], err);
	if (s == KN_OK)
		kn_map_use_actor_ids(m, r->ids);
	kn_map_options_init(&mo);
	mo.view = KN_VIEW_TIMELINE;
	mo.format = KN_FORMAT_SVG;
	mo.id_prefix = "tl-";
	mo.scalable = r->o->format == KN_REPORT_HTML;
	kn_buf_reset(tmp);
	if (s == KN_OK)
		s = kn_map_render(rr, m, &mo, tmp, err);
	if (s == KN_OK)
		s = rpt_svg_clean(tmp, &r->changes->timeline, err);
	kn_map_close(m);
	return s;
}

void rpt_changes_release(rpt *r)
{
	struct rpt_changes *c = r->changes;

	if (!c)
		return;
	kn_diff_release(&c->diff);
	kn_trends_release(&c->trends);
	free(c->trend_of);
	kn_buf_release(&c->timeline.svg);
	free(c);
	r->changes = NULL;
}

const rpt_map *rpt_changes_timeline(const rpt *r)
{
	return r->changes && r->changes->timeline.svg.len ? &r->changes->timeline
							   : NULL;
}

kn_status rpt_changes_write_md_files(const rpt *r, const char *maps,
				     kn_error *err)
{
	const rpt_map *tl = rpt_changes_timeline(r);
	kn_buf name = KN_BUF_INIT;
	kn_status s;

	if (!tl)
		return KN_OK;
	kn_buf_printf(&name, "%s/timeline.svg", maps);
	s = kn_buf_failed(&name) ? nomem(err)
		: kn_file_write_atomic(kn_buf_cstr(&name), tl->svg.data, tl->svg.len,
				       "the time line", err);
	kn_buf_release(&name);
	return s;
}

/* ---- what both writers say ---- */

/* ", category A" or ", categories A or B": 1 when it wrote any. */
static int name_list(kn_buf *b, int any, const char *one, const char *many,
		     const char *const *names, size_t n,
		     void (*put)(kn_buf *, const char *))
{
	size_t i;

	if (!n)
		return 0;
	kn_buf_printf(b, "%s%s ", any ? ", " : "", n == 1 ? one : many);
	for (i = 0; i < n; i++) {
		if (i)
			kn_buf_puts(b, i + 1 == n ? " or " : ", ");
		put(b, names[i]);
	}
	return 1;
}

/* The filters in words, escaped by put (rpt_html or rpt_md). */
static void filter_words(const kn_filter *f, kn_buf *b,
			 void (*put)(kn_buf *, const char *))
{
	int any = 0;

	kn_buf_puts(b, "Signals: ");
	if (f->since || f->until) {
		kn_buf_puts(b, "published ");
		if (f->since) {
			kn_buf_puts(b, "from ");
			put(b, f->since);
		}
		if (f->until) {
			kn_buf_puts(b, f->since ? " to " : "up to ");
			put(b, f->until);
		}
		any = 1;
	}
	any |= name_list(b, any, "category", "categories", f->categories,
			 f->n_categories, put);
	any |= name_list(b, any, "actor", "actors", f->actors, f->n_actors, put);
	if (f->min_score > 0) {
		kn_buf_printf(b, "%sscore at least %d", any ? ", " : "", f->min_score);
		any = 1;
	}
	if (!any)
		kn_buf_puts(b, "all");
}

static void scope(const rpt *r, const kn_filter *f, kn_buf *b,
		  void (*put)(kn_buf *, const char *))
{
	const kn_diff_windows *w = &r->changes->diff.windows;

	filter_words(f, b, put);
	if (!r->changes->dated) {
		kn_buf_puts(b, ". What changed: no dated signal to compare.");
		return;
	}
	/* <time> in HTML: a date never breaks at its hyphens */
	if (put == rpt_html)
		kn_buf_printf(b, ". What changed: <time>%s</time> to <time>%s</time> "
			      "against <time>%s</time> to <time>%s</time>.",
			      w->after_from, w->after_to, w->before_from, w->before_to);
	else
		kn_buf_printf(b, ". What changed: %s to %s against %s to %s.",
			      w->after_from, w->after_to, w->before_from, w->before_to);
}

void rpt_changes_scope(const rpt *r, const kn_filter *f, kn_buf *b, int md)
{
	if (r->changes)
		scope(r, f, b, md ? rpt_md : rpt_html);
}

const kn_filter *rpt_changes_filter(const rpt *r)
{
	return r->changes ? &r->changes->sel : NULL;
}

/* The weekly counts of row i's actor in its role; NULL when none. */
const kn_trend *rpt_changes_trend(const rpt *r, size_t i)
{
	const struct rpt_changes *c = r->changes;

	if (!c || i >= c->diff.n || !c->trend_of || c->trend_of[i] >= c->trends.n)
		return NULL;
	return &c->trends.items[c->trend_of[i]];
}

const kn_diff *rpt_changes_diff(const rpt *r)
{
	return r->changes && r->changes->dated ? &r->changes->diff : NULL;
}
