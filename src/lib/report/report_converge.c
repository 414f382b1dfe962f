/* "Where the ripples converge" (docs/report.md): the actors that effects
 * of order 2 or higher of several signals reach (kn_converge_query), at
 * most RPT_CONVERGE_ACTORS, each with its exposure map (the exposure
 * view, its strongest RPT_CONVERGE_MAP_ROWS ways) and its strongest
 * RPT_CONVERGE_ROWS exposure rows.  Bounded whatever the corpus; card
 * text goes through rpt_html / rpt_md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "knockon/converge.h"
#include "knockon/map.h"
#include "knockon/ripple.h"
#include "kn_file.h"
#include "report_internal.h"

#define RPT_CONVERGE_ACTORS 10
#define RPT_CONVERGE_ROWS 10
#define RPT_CONVERGE_MAP_ROWS 12

typedef struct rpt_conv_actor {
	kn_exposure expo;
	size_t top[RPT_CONVERGE_ROWS]; /* the strongest rows, strongest first */
	size_t n_top;
	kn_map *map;  /* until drawn */
	rpt_map svg;
} rpt_conv_actor;

struct rpt_converge {
	kn_converge conv;
	rpt_conv_actor *actors; /* conv.n of them */
};

static kn_status nomem(kn_error *err)
{
	return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
}

/* The strongest rows of e into a->top: by weight, then row order. */
static void pick_top(rpt_conv_actor *a)
{
	const kn_exposure *e = &a->expo;
	size_t i, j;

	a->n_top = 0;
	for (i = 0; i < e->n; i++) { /* insertion into at most 10: linear */
		double w = e->rows[i].weight;

		if (a->n_top == RPT_CONVERGE_ROWS &&
		    !(w > e->rows[a->top[a->n_top - 1]].weight))
			continue;
		if (a->n_top < RPT_CONVERGE_ROWS)
			a->n_top++;
		for (j = a->n_top - 1; j > 0 && w > e->rows[a->top[j - 1]].weight; j--)
			a->top[j] = a->top[j - 1];
		a->top[j] = i;
	}
}

static kn_status gather_actor(kn_store *st, const kn_filter *sel, rpt *r,
			      const char *name, rpt_conv_actor *a, kn_error *err)
{
	kn_exposure_opts eo;
	kn_filter mf = *sel;
	kn_status s;

	kn_exposure_opts_init(&eo);
	eo.filter = *sel;
	eo.filter.limit = 0;
	s = kn_query_exposure(st, name, &eo, &a->expo, err);
	if (s != KN_OK)
		return s;
	pick_top(a);
	if (!r->o->maps)
		return KN_OK;
	mf.limit = RPT_CONVERGE_MAP_ROWS;
	return kn_map_from_store(st, KN_VIEW_EXPOSURE, name, &mf, &a->map, err);
}

kn_status rpt_converge_gather(kn_store *st, const kn_filter *sel, rpt *r,
			      kn_error *err)
{
	struct rpt_converge *c = calloc(1, sizeof *c);
	kn_converge_opts o;
	kn_status s;
	size_t i;

	if (!c)
		return nomem(err);
	r->converge = c;
	kn_converge_init(&c->conv);
	kn_converge_opts_init(&o);
	o.filter = *sel;
	o.filter.limit = RPT_CONVERGE_ACTORS;
	s = kn_converge_query(st, &o, &c->conv, err);
	if (s == KN_OK && c->conv.n &&
	    !(c->actors = calloc(c->conv.n, sizeof *c->actors)))
		s = nomem(err);
	for (i = 0; s == KN_OK && i < c->conv.n; i++) {
		kn_exposure_init(&c->actors[i].expo);
		s = gather_actor(st, sel, r, c->conv.items[i].actor,
				 &c->actors[i], err);
	}
	return s;
}

kn_status rpt_converge_draw(rpt *r, kn_renderer *rr, kn_buf *tmp, kn_error *err)
{
	struct rpt_converge *c = r->converge;
	kn_map_options mo;
	char prefix[32];
	size_t i;
	kn_status s = KN_OK;

	for (i = 0; c && s == KN_OK && i < c->conv.n; i++) {
		rpt_conv_actor *a = &c->actors[i];

		if (!a->map)
			continue;
		kn_map_options_init(&mo);
		mo.view = KN_VIEW_EXPOSURE;
		mo.format = KN_FORMAT_SVG;
		mo.actor = c->conv.items[i].actor;
		snprintf(prefix, sizeof prefix, "cv%zu-", i + 1);
		mo.id_prefix = prefix;
		mo.scalable = r->o->format == KN_REPORT_HTML;
		mo.title = "";
		mo.legend = 0; /* the corpus map carries the page's legend */
		kn_buf_reset(tmp);
		s = kn_map_render(rr, a->map, &mo, tmp, err);
		if (s == KN_OK)
			s = rpt_svg_clean(tmp, &a->svg, err);
		kn_map_close(a->map);
		a->map = NULL;
	}
	return s;
}

void rpt_converge_release(rpt *r)
{
	struct rpt_converge *c = r->converge;
	size_t i;

	if (!c)
		return;
	for (i = 0; c->actors && i < c->conv.n; i++) {
		kn_exposure_release(&c->actors[i].expo);
		kn_map_close(c->actors[i].map);
		kn_buf_release(&c->actors[i].svg.svg);
	}
	free(c->actors);
	kn_converge_release(&c->conv);
	free(c);
	r->converge = NULL;
}

int rpt_converge_any(const rpt *r)
{
	return r->converge != NULL;
}

kn_status rpt_converge_write_md_files(const rpt *r, const char *maps,
				      kn_error *err)
{
	const struct rpt_converge *c = r->converge;
	kn_buf name = KN_BUF_INIT;
	kn_status s = KN_OK;
	size_t i;

	for (i = 0; c && s == KN_OK && i < c->conv.n; i++) {
		const rpt_map *m = &c->actors[i].svg;

		if (!m->svg.len)
			continue;
		kn_buf_reset(&name);
		kn_buf_printf(&name, "%s/converge-%zu.svg", maps, i + 1);
		s = kn_buf_failed(&name) ? nomem(err)
			: kn_file_write_atomic(kn_buf_cstr(&name), m->svg.data,
					       m->svg.len, "the map", err);
	}
	kn_buf_release(&name);
	return s;
}

/* ---- what both writers say ---- */

static const char intro_text[] =
	"Actors that effects of order 2 or higher of at least 2 distinct "
	"signals reach, most signals first (at most 10). Each with the map "
	"of the chains that reach it (its strongest 12 ways) and its "
	"strongest ways: weight = score/100 \xc3\x97 confidence/100 \xc3\x97 "
	"impact/100 \xc3\x97 0.5^order. On the maps, an effect's line to the "
	"actor is solid when the card names the actor and dashed when its "
	"name was found in the effect's text; each line into the actor "
	"carries its weight.";

static void counts(const kn_converge_actor *ca, const kn_exposure *e,
		   kn_buf *b)
{
	kn_buf_printf(b, "%zu signal%s reach it through order %d or higher "
		      "(%.4g of its exposure); exposure %.4g over %zu way%s",
		      ca->signals, ca->signals == 1 ? "" : "s", 2, ca->exposure,
		      e->exposure, e->n, e->n == 1 ? "" : "s");
	if (e->n > RPT_CONVERGE_ROWS)
		kn_buf_printf(b, ", the strongest %d below", RPT_CONVERGE_ROWS);
	kn_buf_puts(b, ".");
}

/* The day a signal was published (a date-time shows its date), or "–". */
static void day(kn_buf *b, const char *published,
		void (*put)(kn_buf *, const char *))
{
	char d[11];

	if (!published) {
		kn_buf_puts(b, "\xe2\x80\x93");
		return;
	}
	snprintf(d, sizeof d, "%.10s", published);
	put(b, d);
}

/* ---- HTML ---- */

static void html_row(const rpt *r, const kn_exposure_row *x, kn_buf *b)
{
	long si = rpt_find_sig(r, x->signal);

	kn_buf_puts(b, "<tr><td>");
	/* a link only to a signal with a section (the top signals) */
	if (si >= 0 && rpt_has_section(r, (size_t)si)) {
		kn_buf_puts(b, "<a href=\"#");
		kn_signal_anchor(b, x->signal);
		kn_buf_puts(b, "\">");
		rpt_html(b, x->title);
		kn_buf_puts(b, "</a>");
	} else {
		kn_buf_puts(b, "<span class=\"unlisted\">");
		rpt_html(b, x->title);
		kn_buf_puts(b, "</span>");
	}
	kn_buf_puts(b, "</td><td>");
	day(b, x->published, rpt_html);
	kn_buf_printf(b, "</td><td class=\"num\">%d</td><td>", x->order);
	rpt_html(b, x->role);
	kn_buf_puts(b, "</td><td>");
	rpt_html(b, x->via);
	kn_buf_printf(b, "</td><td class=\"num\">%.4f</td><td>", x->weight);
	rpt_html(b, x->text ? x->text : "(its own role)");
	kn_buf_puts(b, "</td></tr>\n");
}

static void html_actor(const rpt *r, size_t i, kn_buf *b)
{
	const kn_converge_actor *ca = &r->converge->conv.items[i];
	const rpt_conv_actor *a = &r->converge->actors[i];
	size_t j;

	kn_buf_printf(b, "<article class=\"converge\" id=\"converge-%zu\">\n<h3>",
		      i + 1);
	rpt_html(b, ca->actor);
	kn_buf_puts(b, "</h3>\n<p>");
	counts(ca, &a->expo, b);
	kn_buf_puts(b, "</p>\n");
	if (a->svg.svg.len) {
		kn_buf_puts(b, "<figure class=\"map\"");
		if (a->svg.width > 0)
			kn_buf_printf(b, " style=\"max-width:%.0fpt\"", a->svg.width + 16);
		kn_buf_puts(b, ">\n");
		kn_buf_append(b, a->svg.svg.data, a->svg.svg.len);
		kn_buf_puts(b, "\n<figcaption>The chains that reach ");
		rpt_html(b, ca->actor);
		kn_buf_puts(b, ": signals first, then each order, the actor last"
			       "</figcaption>\n</figure>\n");
	}
	kn_buf_puts(b, "<div class=\"scroll\"><table class=\"converge\">\n<thead><tr><th>Signal</th>"
		       "<th>Published</th><th>Order</th><th>Role</th><th>Via</th>"
		       "<th>Weight</th><th>Effect</th></tr></thead>\n<tbody>\n");
	for (j = 0; j < a->n_top; j++)
		html_row(r, &a->expo.rows[a->top[j]], b);
	kn_buf_puts(b, "</tbody>\n</table></div>\n</article>\n");
}

void rpt_converge_html(const rpt *r, kn_buf *b)
{
	const struct rpt_converge *c = r->converge;
	size_t i;

	if (!c)
		return;
	kn_buf_puts(b, "<section id=\"converge\">\n<h2>Where the ripples converge"
		       "</h2>\n<p class=\"muted\">");
	rpt_html(b, intro_text);
	kn_buf_puts(b, "</p>\n");
	if (!c->conv.n)
		kn_buf_puts(b, "<p>No actor is reached by effects of order 2 or "
			       "higher of 2 or more signals.</p>\n");
	for (i = 0; i < c->conv.n; i++)
		html_actor(r, i, b);
	kn_buf_puts(b, "</section>\n");
}

/* ---- Markdown ---- */

static void md_row(const rpt *r, const kn_exposure_row *x, kn_buf *b)
{
	long si = rpt_find_sig(r, x->signal);

	kn_buf_puts(b, "| ");
	if (si >= 0 && rpt_has_section(r, (size_t)si)) {
		kn_buf_puts(b, "[");
		rpt_md(b, x->title);
		kn_buf_puts(b, "](#");
		kn_signal_anchor(b, x->signal);
		kn_buf_puts(b, ")");
	} else {
		rpt_md(b, x->title);
	}
	kn_buf_puts(b, " | ");
	day(b, x->published, rpt_md);
	kn_buf_printf(b, " | %d | ", x->order);
	rpt_md(b, x->role);
	kn_buf_puts(b, " | ");
	rpt_md(b, x->via);
	kn_buf_printf(b, " | %.4f | ", x->weight);
	rpt_md(b, x->text ? x->text : "(its own role)");
	kn_buf_puts(b, " |\n");
}

void rpt_converge_md(const rpt *r, kn_buf *b, const char *map_dir)
{
	const struct rpt_converge *c = r->converge;
	size_t i, j;

	if (!c)
		return;
	kn_buf_puts(b, "## <a id=\"converge\"></a>Where the ripples converge\n\n");
	rpt_md(b, intro_text);
	kn_buf_puts(b, "\n\n");
	if (!c->conv.n)
		kn_buf_puts(b, "No actor is reached by effects of order 2 or higher "
			       "of 2 or more signals.\n\n");
	for (i = 0; i < c->conv.n; i++) {
		const kn_converge_actor *ca = &c->conv.items[i];
		const rpt_conv_actor *a = &c->actors[i];

		kn_buf_puts(b, "### ");
		rpt_md(b, ca->actor);
		kn_buf_puts(b, "\n\n");
		counts(ca, &a->expo, b);
		kn_buf_puts(b, "\n\n");
		if (a->svg.svg.len) {
			kn_buf_puts(b, "![Exposure map of ");
			rpt_md(b, ca->actor);
			kn_buf_printf(b, "](%s/converge-%zu.svg)\n\n", map_dir, i + 1);
		}
		kn_buf_puts(b, "| Signal | Published | Order | Role | Via | Weight "
			       "| Effect |\n|---|---|--:|---|---|--:|---|\n");
		for (j = 0; j < a->n_top; j++)
			md_row(r, &a->expo.rows[a->top[j]], b);
		kn_buf_puts(b, "\n");
	}
}
