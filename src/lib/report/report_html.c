/* The HTML report: one self-contained page.  Card text reaches it only
 * through rpt_html (escaped), ids and link targets only through the anchor
 * helpers, maps only through rpt_svg_clean; the CSP forbids scripts and
 * remote loads should anything slip through anyway. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

static const char html_head[] =
	"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
	"'none'; style-src 'unsafe-inline'; img-src data:\">\n"
	"<meta name=\"referrer\" content=\"no-referrer\">\n"
	"<meta name=\"viewport\" content=\"width=device-width, "
	"initial-scale=1\">\n"
	"<meta name=\"generator\" content=\"knockon\">\n";

static const char html_style[] =
	"<style>\n"
	":root{--ink:#1d2330;--muted:#5b6474;--line:#d9dee7;--bg:#fff;"
	"--soft:#f4f6f9;--win:#1b7f4b;--lose:#b3261e;--accent:#2456a6}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0;background:var(--bg);color:var(--ink);"
	"font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif}\n"
	"main{max-width:72rem;margin:0 auto;padding:1.5rem 2rem 4rem}\n"
	/* a word breaks only when it cannot fit a line alone (a hostile
	 * 500-letter token); names in tables never break: the table
	 * scrolls sideways instead */
	"h1,h2,h3,p,dd,li,figcaption{overflow-wrap:break-word}\n"
	"h1{font-size:2rem;margin:.5rem 0}h2{font-size:1.45rem;margin:2rem 0 .5rem}"
	"h3{font-size:1.05rem;margin:1.25rem 0 .4rem}\n"
	"a{color:var(--accent)}p{margin:.4rem 0}\n"
	".muted,.meta,.source,figcaption{color:var(--muted)}\n"
	"nav.toc{background:var(--soft);border:1px solid var(--line);"
	"border-radius:6px;padding:.75rem 1rem;margin:1rem 0}\n"
	"nav.toc ol{margin:.25rem 0;padding-left:1.25rem;columns:2}\n"
	"dl.summary{display:grid;grid-template-columns:max-content minmax(0,1fr);"
	"gap:.25rem 1rem}dl.summary dt{font-weight:600}dl.summary dd{margin:0}\n"
	"div.scroll{overflow-x:auto;margin:.5rem 0 1rem}\n"
	"table{border-collapse:collapse;width:100%}\n"
	"th,td{text-align:left;vertical-align:top;padding:.35rem .6rem;"
	"border-bottom:1px solid var(--line);overflow-wrap:normal;"
	"word-break:normal;hyphens:none}th{background:var(--soft);"
	"white-space:nowrap}\n"
	"td.actor{white-space:nowrap}a.more{white-space:nowrap}\n"
	"td.n{text-align:right;font-variant-numeric:tabular-nums;width:5rem}\n"
	"figure.map{margin:1rem 0;padding:.5rem;border:1px solid var(--line);"
	"border-radius:6px;background:#fff;overflow:auto}\n"
	"figure.map svg{display:block;width:100%;height:auto;"
	"min-width:calc(var(--w,0pt)*.8)}\n"
	/* a map never shrinks below 80 % of its size: wider ones scroll */
	"time{white-space:nowrap}.unlisted{color:var(--muted)}\n"
	"article.signal{border-top:3px solid var(--ink);margin-top:3rem;"
	"padding-top:.5rem}\n"
	".tag{display:inline-block;background:var(--soft);border:1px solid "
	"var(--line);border-radius:3px;padding:0 .4rem;margin-right:.25rem;"
	/* a tag wider than its line (a hostile category) wraps in it */
	"max-width:100%;overflow-wrap:anywhere}\n"
	"dl.why dt{font-weight:600;margin-top:.5rem}dl.why dd{margin:0 0 0 1rem}\n"
	".roles{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);"
	"gap:1rem}\n"
	".roles ul{margin:.25rem 0;padding-left:1.25rem}\n"
	"a.winner,h3.winner{color:var(--win)}a.loser,h3.loser{color:var(--lose)}\n"
	"ul.effects{list-style:none;padding-left:0}ul.effects li{margin:.3rem 0}\n"
	".order{font-weight:600;margin-right:.35rem}\n"
	".order-2{margin-left:1rem}.order-3{margin-left:2rem}"
	".order-4{margin-left:3rem}\n"
	".url{word-break:break-all}\n"
	"svg.spark{display:block;width:6rem;height:1.25rem}\n"
	"table.changes th{overflow-wrap:normal;white-space:nowrap}\n"
	"table.converge th,table.converge td:nth-child(n+2):nth-child(-n+6){overflow-wrap:normal;white-space:nowrap}\n"
	"@media (max-width:40rem){main{padding:1rem}h1{font-size:1.5rem}"
	"nav.toc ol{columns:1}.roles{grid-template-columns:minmax(0,1fr)}"
	"dl.summary{grid-template-columns:minmax(0,1fr)}"
	
	".order-2,.order-3,.order-4{margin-left:.5rem}}\n"
	"@media print{@page{margin:1.5cm}body{font-size:11pt}main{max-width:none;"
	"padding:0}nav.toc,.top{display:none}a{color:inherit;"
	"text-decoration:none}article.signal{break-before:page;border-top:0}"
	"figure.map{break-inside:avoid;border:0}"
	"table,tr,.roles{break-inside:avoid}h2,h3{break-after:avoid}}\n"
	"</style>\n</head>\n";

static void sig_anchor_attr(kn_buf *b, const kn_signal *s)
{
	kn_signal_anchor(b, s->id);
}

static void sig_link(kn_buf *b, const kn_signal *s)
{
	kn_buf_puts(b, "<a href=\"#");
	sig_anchor_attr(b, s);
	kn_buf_puts(b, "\">");
	rpt_html(b, s->title);
	kn_buf_puts(b, "</a>");
}

/* An actor name linked to its entry in the index, when it has one (every
 * actor a selected signal names has one). */
static void actor_link(kn_buf *b, const rpt *r, const char *name,
		       const char *cls)
{
	unsigned long long h = rpt_actor_hash(r, name);

	if (!rpt_group_of(r, h)) {
		rpt_html(b, name);
		return;
	}
	kn_buf_printf(b, "<a class=\"actor%s%s\" href=\"#", cls ? " " : "",
		      cls ? cls : "");
	rpt_actor_anchor(b, h);
	kn_buf_puts(b, "\">");
	rpt_html(b, name);
	kn_buf_puts(b, "</a>");
}

/* A signal named in a table: a link to its section, or its title as text
 * when it has none (a report of the top signals only). */
static void sig_ref(kn_buf *b, const rpt *r, size_t k)
{
	if (rpt_has_section(r, k)) {
		sig_link(b, &r->sigs[k]);
		return;
	}
	kn_buf_puts(b, "<span class=\"unlisted\">");
	rpt_html(b, r->sigs[k].title);
	kn_buf_puts(b, "</span>");
}

/* The signals of g in role (-1: both, each marked), best first, at most
 * max, then "+N more": a link to the actor's row when link is set. */
static void sig_cell(kn_buf *b, const rpt *r, const rpt_group *g, int role,
		     size_t max, int link)
{
	size_t k[KN_REPORT_ACTOR_SIGNALS], i, n, total;
	kn_role roles[KN_REPORT_ACTOR_SIGNALS];

	if (max > KN_REPORT_ACTOR_SIGNALS)
		max = KN_REPORT_ACTOR_SIGNALS;
	total = rpt_group_signals(r, g, role, k, roles, max);
	n = total < max ? total : max;
	for (i = 0; i < n; i++) {
		kn_buf_puts(b, i ? "; " : "");
		sig_ref(b, r, k[i]);
		if (role < 0)
			kn_buf_puts(b, roles[i] == KN_WINNER ? " <span class=\"muted\">"
				       "(wins)</span>" : " <span class=\"muted\">"
				       "(loses)</span>");
	}
	if (total <= n)
		return;
	if (link) {
		kn_buf_puts(b, " <a class=\"more\" href=\"#");
		rpt_actor_anchor(b, g->actor);
		kn_buf_printf(b, "\">+%zu more</a>", total - n);
	} else {
		kn_buf_printf(b, " <span class=\"muted\">and %zu more</span>",
			      total - n);
	}
}

/* "The top N of M": what a table leaves out, or nothing. */
static void top_note(kn_buf *b, size_t shown, size_t of,
		     const char *what)
{
	if (shown < of)
		kn_buf_printf(b, "<p class=\"muted\">The top %zu of %zu %s "
			      "(--top N shows more).</p>\n", shown, of, what);
}

static void summary(const rpt *r, kn_buf *b)
{
	const char *first, *last;
	size_t i, n;
	rpt_category *cats = rpt_categories(r, &n);

	rpt_period(r, &first, &last);
	kn_buf_puts(b, "<section id=\"summary\">\n<h2>Summary</h2>\n"
		       "<dl class=\"summary\">\n");
	kn_buf_printf(b, "<dt>Signals</dt><dd>%zu</dd>\n", r->n_sigs);
	kn_buf_puts(b, "<dt>Period</dt><dd>");
	if (first) {
		/* dates only: the times of day say nothing about a period */
		char d1[16], d2[16];

		snprintf(d1, sizeof d1, "%.10s", first);
		snprintf(d2, sizeof d2, "%.10s", last);
		kn_buf_puts(b, "<time>");
		rpt_html(b, d1);
		kn_buf_puts(b, "</time> to <time>");
		rpt_html(b, d2);
		kn_buf_puts(b, "</time>");
	} else {
		kn_buf_puts(b, "undated");
	}
	kn_buf_printf(b, "</dd>\n<dt>Categories</dt><dd>%s", n ? "" : "none");
	for (i = 0; cats && i < n; i++) {
		kn_buf_puts(b, "<span class=\"tag\">");
		rpt_html(b, cats[i].name);
		kn_buf_printf(b, " (%zu)</span> ", cats[i].count);
	}
	kn_buf_printf(b, "</dd>\n<dt>Actors</dt><dd>%zu</dd>\n</dl>\n"
		      "</section>\n", r->n_groups);
	if (!cats)
		b->failed = 1;
	free(cats);
}

static void recurring(const rpt *r, kn_buf *b, const kn_actor_counts *l,
		      const char *id, const char *heading, const char *cls)
{
	size_t i, n = l->n < r->top ? l->n : r->top;

	kn_buf_printf(b, "<section id=\"%s\">\n<h2>%s</h2>\n", id, heading);
	if (l->n == 0) {
		kn_buf_printf(b, "<p class=\"muted\">No actor is named by %ld "
			      "or more signals in this role.</p>\n</section>\n",
			      r->o->min_recurring > 0 ? r->o->min_recurring : 2);
		return;
	}
	top_note(b, n, l->n, "actors");
	kn_buf_puts(b, "<div class=\"scroll\"><table>\n<thead><tr><th>Actor</th>"
		       "<th>Signals</th><th>In</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		const rpt_group *g = rpt_group_of(r, rpt_actor_hash(r,
							l->items[i].actor));

		kn_buf_puts(b, "<tr><td class=\"actor\">");
		actor_link(b, r, l->items[i].actor, cls);
		kn_buf_printf(b, "</td><td class=\"n\">%ld</td><td>",
			      l->items[i].count);
		if (g)
			sig_cell(b, r, g, strcmp(cls, "loser") == 0 ? KN_LOSER
				 : KN_WINNER, KN_REPORT_CELL_SIGNALS, 1);
		kn_buf_puts(b, "</td></tr>\n");
	}
	kn_buf_puts(b, "</tbody>\n</table></div>\n</section>\n");
}

static void contested(const rpt *r, kn_buf *b)
{
	size_t i, n = 0, all = 0;

	for (i = 0; i < r->actors.n; i++)
		all += r->actors.items[i].winner && r->actors.items[i].loser;
	kn_buf_puts(b, "<section id=\"contested\">\n<h2>Contested actors</h2>\n"
		       "<p class=\"muted\">Named as a winner by some signals "
		       "and as a loser by others.</p>\n");
	top_note(b, all < r->top ? all : r->top, all, "actors");
	for (i = 0; i < r->actors.n && n < r->top; i++) {
		const kn_actor_roles *a = &r->actors.items[i];

		if (a->winner == 0 || a->loser == 0)
			continue;
		if (n++ == 0)
			kn_buf_puts(b, "<div class=\"scroll\"><table>\n<thead><tr>"
				       "<th>Actor</th><th>As winner</th>"
				       "<th>As loser</th></tr></thead>\n<tbody>\n");
		kn_buf_puts(b, "<tr><td class=\"actor\">");
		actor_link(b, r, a->actor, NULL);
		kn_buf_printf(b, "</td><td class=\"n\">%ld</td><td class=\"n\">"
			      "%ld</td></tr>\n", a->winner, a->loser);
	}
	kn_buf_puts(b, n ? "</tbody>\n</table></div>\n</section>\n"
			 : "<p>None.</p>\n</section>\n");
}

/* A map inline, at most its natural width so small maps stay small, and
 * never under 80 % of it so its labels stay readable (wider maps scroll
 * in their frame); the caller writes the caption and calls figure_end. */
static int figure(const rpt_map *m, kn_buf *b, const char *cls)
{
	if (!m->svg.len)
		return 0;
	kn_buf_printf(b, "<figure class=\"map%s%s\"", cls ? " " : "", cls ? cls : "");
	if (m->width > 0)
		kn_buf_printf(b, " style=\"max-width:%.0fpt;--w:%.0fpt\"",
			      m->width + 16, m->width);
	kn_buf_puts(b, ">\n");
	kn_buf_append(b, m->svg.data, m->svg.len);
	kn_buf_puts(b, "\n<figcaption>");
	return 1;
}

static void figure_end(kn_buf *b)
{
	kn_buf_puts(b, "</figcaption>\n</figure>\n");
}

static void toc(const rpt *r, kn_buf *b)
{
	kn_buf_puts(b, "<nav class=\"toc\" aria-label=\"Contents\">\n<ol>\n"
		       "<li><a href=\"#summary\">Summary</a></li>\n"
		       "<li><a href=\"#changes\">What changed</a></li>\n");
	if (rpt_changes_timeline(r))
		kn_buf_puts(b, "<li><a href=\"#timeline\">Time line</a></li>\n");
	kn_buf_puts(b, "<li><a href=\"#losers\">Recurring losers</a></li>\n"
		       "<li><a href=\"#winners\">Recurring winners</a></li>\n"
		       "<li><a href=\"#contested\">Contested actors</a></li>\n");
	if (rpt_converge_any(r))
		kn_buf_puts(b, "<li><a href=\"#converge\">Where the ripples converge</a></li>\n");
	if (r->o->maps && r->n_cmaps)
		kn_buf_puts(b, "<li><a href=\"#corpus-map\">Corpus maps</a></li>\n");
	kn_buf_puts(b, "<li><a href=\"#signals\">Signals</a></li>\n"
		       "<li><a href=\"#actors\">Actors</a></li>\n</ol>\n</nav>\n");
}

/* The caption of corpus map c: what it draws of its category. */
static void cmap_caption(const rpt_cmap *c, kn_buf *b)
{
	kn_buf_puts(b, "<strong>");
	rpt_html(b, c->category ? c->category : "All signals");
	kn_buf_puts(b, "</strong>: ");
	if (c->n_sigs < c->cat_signals)
		kn_buf_printf(b, "of its %zu signals, the %zu highest-scoring",
			      c->cat_signals, c->n_sigs);
	else
		kn_buf_printf(b, "its %zu signal%s", c->n_sigs,
			      c->n_sigs == 1 ? "" : "s");
	if (c->min > 1)
		kn_buf_printf(b, "; the %zu actors at least %d of those name, and "
			      "the %zu signals naming one.", c->n_actors, c->min,
			      c->n_drawn);
	else
		kn_buf_printf(b, " and the %zu actors %s.", c->n_actors,
			      c->n_sigs == 1 ? "it names" : "they name");
}

static void corpus_maps(const rpt *r, kn_buf *b)
{
	size_t i;

	if (!r->o->maps || !r->n_cmaps)
		return;
	kn_buf_printf(b, "<section id=\"corpus-map\">\n<h2>Corpus maps</h2>\n"
		      "<p class=\"muted\">One map a category, each of at most "
		      "%d signals and actors: an actor is one node however many "
		      "signals name it.", KN_REPORT_MAP_NODES);
	if (r->n_cmaps < r->n_categories)
		kn_buf_printf(b, " The %zu largest of %zu categories (--top N "
			      "shows more).", r->n_cmaps, r->n_categories);
	kn_buf_puts(b, "</p>\n");
	for (i = 0; i < r->n_cmaps; i++)
		if (figure(&r->cmaps[i].map, b, "corpus")) {
			cmap_caption(&r->cmaps[i], b);
			figure_end(b);
		}
	kn_buf_puts(b, "</section>\n");
}

static void header(const rpt *r, kn_buf *b)
{
	kn_buf_puts(b, "<body>\n<main id=\"top\">\n<header>\n<h1>");
	rpt_html(b, r->title);
	kn_buf_printf(b, "</h1>\n<p class=\"muted\">%zu signal%s, their knock-on "
		      "effects and who keeps winning or losing.</p>\n",
		      r->n_sigs, r->n_sigs == 1 ? "" : "s");
	if (rpt_changes_filter(r)) { /* the scope: filters and windows */
		kn_buf_puts(b, "<p class=\"scope\">");
		rpt_changes_scope(r, rpt_changes_filter(r), b, 0);
		kn_buf_puts(b, "</p>\n");
	}
	kn_buf_printf(b, "<p class=\"made muted\">Made on <time>%s</time> "
		      "(UTC) by knockon.</p>\n</header>\n", r->made);
}

static void html_signal(const rpt *r, size_t i, kn_buf *b);
static void html_actors(const rpt *r, kn_buf *b);

static void signal_list(const rpt *r, kn_buf *b)
{
	size_t i;

	kn_buf_puts(b, "<section id=\"signals\">\n<h2>Signals</h2>\n");
	if (r->n_shown < r->n_sigs)
		kn_buf_printf(b, "<p class=\"muted\">The %zu highest-scoring of "
			      "the %zu signals have a section (--all gives every "
			      "one); the others are named as text.</p>\n",
			      r->n_shown, r->n_sigs);
	kn_buf_puts(b, "<ol class=\"signals\">\n");
	for (i = 0; i < r->n_shown; i++) {
		kn_buf_puts(b, "<li>");
		sig_link(b, &r->sigs[r->order[i]]);
		kn_buf_puts(b, "</li>\n");
	}
	kn_buf_puts(b, "</ol>\n");
	for (i = 0; i < r->n_shown; i++)
		html_signal(r, r->order[i], b);
	kn_buf_puts(b, "</section>\n");
}

void rpt_write_html(const rpt *r, kn_buf *b)
{
	kn_buf_puts(b, html_head);
	kn_buf_puts(b, "<title>");
	rpt_html(b, r->title);
	kn_buf_puts(b, "</title>\n");
	kn_buf_puts(b, html_style);
	header(r, b);
	toc(r, b);
	summary(r, b);
	rpt_changes_html(r, b);
	recurring(r, b, &r->losers, "losers", "Recurring losers", "loser");
	recurring(r, b, &r->winners, "winners", "Recurring winners", "winner");
	contested(r, b);
	rpt_converge_html(r, b);
	corpus_maps(r, b);
	signal_list(r, b);
	html_actors(r, b);
	kn_buf_puts(b, "</main>\n</body>\n</html>\n");
}

/* ---- one signal ---- */

static void meta_item(kn_buf *b, const char *label, const char *value)
{
	if (!value)
		return;
	kn_buf_puts(b, "<span class=\"tag\">");
	if (label)
		kn_buf_printf(b, "%s ", label);
	rpt_html(b, value);
	kn_buf_puts(b, "</span>");
}

static void meta_number(kn_buf *b, const char *label, int v)
{
	if (v != KN_ABSENT)
		kn_buf_printf(b, "<span class=\"tag\">%s %d</span>", label, v);
}

static void source(const kn_signal *s, kn_buf *b)
{
	if (!s->publisher && !s->section && !s->url && !s->feed)
		return;
	kn_buf_puts(b, "<p class=\"source\">");
	if (s->publisher || s->section) {
		kn_buf_puts(b, "Read at ");
		rpt_html(b, s->publisher);
		kn_buf_puts(b, s->publisher && s->section ? " — " : "");
		rpt_html(b, s->section);
	}
	if (s->url) {
		kn_buf_puts(b, s->publisher || s->section ? " · " : "");
		/* only an http(s) URL becomes a link; anything else (a
		 * javascript: or data: URL) is shown as text */
		if (rpt_url_linkable(s->url)) {
			kn_buf_puts(b, "<a class=\"url\" rel=\"noopener noreferrer "
				       "nofollow\" href=\"");
			rpt_html(b, s->url);
			kn_buf_puts(b, "\">");
			rpt_html(b, s->url);
			kn_buf_puts(b, "</a>");
		} else {
			kn_buf_puts(b, "<span class=\"url\">");
			rpt_html(b, s->url);
			kn_buf_puts(b, "</span>");
		}
	}
	if (s->feed) {
		kn_buf_puts(b, s->publisher || s->section || s->url ? " · " : "");
		kn_buf_puts(b, "via ");
		rpt_html(b, s->feed);
	}
	kn_buf_puts(b, "</p>\n");
}

static void why(const kn_signal *s, kn_buf *b)
{
	static const char *const labels[] = { "Why now", "Why it’s important",
					      "What changes" };
	const char *text[3];
	size_t i;

	text[0] = s->why_now;
	text[1] = s->why_important;
	text[2] = s->why_changes;
	if (!text[0] && !text[1] && !text[2])
		return;
	kn_buf_puts(b, "<h3>Why it matters</h3>\n<dl class=\"why\">\n");
	for (i = 0; i < 3; i++) {
		if (!text[i])
			continue;
		kn_buf_printf(b, "<dt>%s</dt>\n<dd>", labels[i]);
		rpt_html_paras(b, text[i]);
		kn_buf_puts(b, "</dd>\n");
	}
	kn_buf_puts(b, "</dl>\n");
}

static void role_list(const rpt *r, kn_buf *b, const kn_actor_ref *a,
		      size_t n, const char *cls, const char *heading)
{
	size_t i;

	kn_buf_printf(b, "<section>\n<h3 class=\"%s\">%s</h3>\n", cls, heading);
	if (n == 0)
		kn_buf_puts(b, "<p class=\"muted\">None named.</p>\n");
	else
		kn_buf_puts(b, "<ul>\n");
	for (i = 0; i < n; i++) {
		kn_buf_puts(b, "<li>");
		actor_link(b, r, a[i].name, cls);
		if (a[i].note) {
			kn_buf_puts(b, " <span class=\"muted\">— ");
			rpt_html(b, a[i].note);
			kn_buf_puts(b, "</span>");
		}
		kn_buf_puts(b, "</li>\n");
	}
	kn_buf_puts(b, n ? "</ul>\n</section>\n" : "</section>\n");
}

static void effects(const kn_signal *s, kn_buf *b)
{
	static const char *const names[] = { "Direct", "Second", "Third" };
	int order, max = kn_signal_max_order(s);
	size_t i;

	if (s->n_effects == 0)
		return;
	kn_buf_puts(b, "<h3>Second-order effects</h3>\n<ul class=\"effects\">\n");
	for (order = 1; order <= max; order++) {
		for (i = 0; i < s->n_effects; i++) {
			if (s->effects[i].order != order)
				continue;
			kn_buf_printf(b, "<li class=\"order-%d\"><span class="
				      "\"order\">", order > 4 ? 4 : order);
			if (order <= 3)
				kn_buf_puts(b, names[order - 1]);
			else
				kn_buf_printf(b, "Order %d", order);
			kn_buf_puts(b, "</span>");
			rpt_html(b, s->effects[i].text);
			kn_buf_puts(b, "</li>\n");
		}
	}
	kn_buf_puts(b, "</ol>\n");
}

static void html_signal(const rpt *r, size_t i, kn_buf *b)
{
	const kn_signal *s = &r->sigs[i];

	kn_buf_puts(b, "<article class=\"signal\" id=\"");
	sig_anchor_attr(b, s);
	kn_buf_puts(b, "\">\n<h2>");
	rpt_html(b, s->title);
	kn_buf_puts(b, "</h2>\n<p class=\"meta\">");
	meta_item(b, NULL, s->category);
	meta_item(b, NULL, s->published);
	meta_number(b, "Signal", s->score);
	meta_item(b, NULL, s->horizon);
	meta_number(b, "Confidence", s->confidence);
	meta_number(b, "Impact", s->impact);
	kn_buf_puts(b, "</p>\n");
	source(s, b);
	if (s->summary) {
		kn_buf_puts(b, "<div class=\"summary\">\n");
		rpt_html_paras(b, s->summary);
		kn_buf_puts(b, "</div>\n");
	}
	why(s, b);
	if (r->o->maps && figure(&r->maps[i], b, NULL)) {
		kn_buf_puts(b, "Causal map: the signal, its effects by order, and "
			       "the actors it helps or harms.");
		figure_end(b);
	}
	kn_buf_puts(b, "<div class=\"roles\">\n");
	role_list(r, b, s->winners, s->n_winners, "winner", "Winners");
	role_list(r, b, s->losers, s->n_losers, "loser", "Losers");
	kn_buf_puts(b, "</div>\n");
	effects(s, b);
	kn_buf_puts(b, "<p class=\"top\"><a href=\"#top\">Back to top</a></p>\n"
		       "</article>\n");
}

/* The actor index: the actors the page names (every actor with --all),
 * with their best signals; the target of every actor link. */
static void actor_entry(const rpt *r, kn_buf *b, const rpt_group *g,
			const char *name)
{
	if (!rpt_is_listed(r, g))
		return;
	kn_buf_puts(b, "<tr id=\"");
	rpt_actor_anchor(b, g->actor);
	kn_buf_puts(b, "\"><td class=\"actor\">");
	rpt_html(b, name);
	kn_buf_printf(b, "</td><td class=\"n\">%ld</td><td class=\"n\">%ld</td>"
		      "<td>", g->winner, g->loser);
	sig_cell(b, r, g, -1, KN_REPORT_ACTOR_SIGNALS, 0);
	kn_buf_puts(b, "</td></tr>\n");
}

static void html_actors(const rpt *r, kn_buf *b)
{
	kn_buf_puts(b, "<section id=\"actors\">\n<h2>Actors</h2>\n");
	if (r->n_listed < r->n_groups)
		kn_buf_printf(b, "<p class=\"muted\">The %zu actors this page "
			      "names, of the %zu the selected signals name, each "
			      "with its %d best signals at most.</p>\n",
			      r->n_listed, r->n_groups, KN_REPORT_ACTOR_SIGNALS);
	kn_buf_puts(b, "<div class=\"scroll\"><table>\n<thead><tr><th>Actor</th>"
		       "<th>Wins</th><th>Loses</th><th>Signals</th></tr></thead>\n"
		       "<tbody>\n");
	rpt_each_actor(r, b, actor_entry);
	kn_buf_puts(b, "</tbody>\n</table></div>\n</section>\n");
}
