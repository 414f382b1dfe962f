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
	"main{max-width:72rem;margin:0 auto;padding:1.5rem 2rem 4rem;"
	"overflow-wrap:anywhere}\n"
	"h1{font-size:2rem;margin:.5rem 0}h2{font-size:1.45rem;margin:2rem 0 .5rem}"
	"h3{font-size:1.05rem;margin:1.25rem 0 .4rem}\n"
	"a{color:var(--accent)}p{margin:.4rem 0}\n"
	".muted,.meta,.source,figcaption{color:var(--muted)}\n"
	"nav.toc{background:var(--soft);border:1px solid var(--line);"
	"border-radius:6px;padding:.75rem 1rem;margin:1rem 0}\n"
	"nav.toc ol{margin:.25rem 0;padding-left:1.25rem;columns:2}\n"
	"dl.summary{display:grid;grid-template-columns:max-content 1fr;"
	"gap:.25rem 1rem}dl.summary dt{font-weight:600}dl.summary dd{margin:0}\n"
	"table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}\n"
	"th,td{text-align:left;vertical-align:top;padding:.35rem .6rem;"
	"border-bottom:1px solid var(--line)}th{background:var(--soft)}\n"
	"td.n{text-align:right;font-variant-numeric:tabular-nums;width:5rem}\n"
	"figure.map{margin:1rem 0;padding:.5rem;border:1px solid var(--line);"
	"border-radius:6px;background:#fff;overflow:auto}\n"
	"figure.map svg{display:block;width:100%;height:auto}\n"
	"article.signal{border-top:3px solid var(--ink);margin-top:3rem;"
	"padding-top:.5rem}\n"
	".tag{display:inline-block;background:var(--soft);border:1px solid "
	"var(--line);border-radius:3px;padding:0 .4rem;margin-right:.25rem}\n"
	"dl.why dt{font-weight:600;margin-top:.5rem}dl.why dd{margin:0 0 0 1rem}\n"
	".roles{display:grid;grid-template-columns:1fr 1fr;gap:1rem}\n"
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
	"nav.toc ol{columns:1}.roles{grid-template-columns:1fr}"
	"dl.summary{grid-template-columns:1fr}"
	"table{display:block;overflow-x:auto}"
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
	size_t i, j;

	kn_buf_printf(b, "<section id=\"%s\">\n<h2>%s</h2>\n", id, heading);
	if (l->n == 0) {
		kn_buf_printf(b, "<p class=\"muted\">No actor is named by %ld "
			      "or more signals in this role.</p>\n</section>\n",
			      r->o->min_recurring > 0 ? r->o->min_recurring : 2);
		return;
	}
	kn_buf_puts(b, "<table>\n<thead><tr><th>Actor</th><th>Signals</th>"
		       "<th>In</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < l->n; i++) {
		kn_buf_puts(b, "<tr><td>");
		actor_link(b, r, l->items[i].actor, cls);
		kn_buf_printf(b, "</td><td class=\"n\">%ld</td><td>",
			      l->items[i].count);
		for (j = 0; j < l->items[i].n_signals; j++) {
			long k = rpt_find_sig(r, l->items[i].signals[j]);

			kn_buf_puts(b, j ? "; " : "");
			if (k >= 0)
				sig_link(b, &r->sigs[k]);
			else
				rpt_html(b, l->items[i].signals[j]);
		}
		kn_buf_puts(b, "</td></tr>\n");
	}
	kn_buf_puts(b, "</tbody>\n</table>\n</section>\n");
}

static void contested(const rpt *r, kn_buf *b)
{
	size_t i, n = 0;

	kn_buf_puts(b, "<section id=\"contested\">\n<h2>Contested actors</h2>\n"
		       "<p class=\"muted\">Named as a winner by some signals "
		       "and as a loser by others.</p>\n");
	for (i = 0; i < r->actors.n; i++) {
		const kn_actor_roles *a = &r->actors.items[i];

		if (a->winner == 0 || a->loser == 0)
			continue;
		if (n++ == 0)
			kn_buf_puts(b, "<table>\n<thead><tr><th>Actor</th>"
				       "<th>As winner</th><th>As loser</th>"
				       "</tr></thead>\n<tbody>\n");
		kn_buf_puts(b, "<tr><td>");
		actor_link(b, r, a->actor, NULL);
		kn_buf_printf(b, "</td><td class=\"n\">%ld</td><td class=\"n\">"
			      "%ld</td></tr>\n", a->winner, a->loser);
	}
	kn_buf_puts(b, n ? "</tbody>\n</table>\n</section>\n"
			 : "<p>None.</p>\n</section>\n");
}

/* A map inline, at most its natural width so small maps stay small. */
static void figure(const rpt_map *m, kn_buf *b, const char *caption)
{
	if (!m->svg.len)
		return;
	kn_buf_puts(b, "<figure class=\"map\"");
	if (m->width > 0)
		kn_buf_printf(b, " style=\"max-width:%.0fpt\"", m->width + 16);
	kn_buf_puts(b, ">\n");
	kn_buf_append(b, m->svg.data, m->svg.len);
	kn_buf_printf(b, "\n<figcaption>%s</figcaption>\n</figure>\n", caption);
}

static void toc(const rpt *r, kn_buf *b)
{
	kn_buf_puts(b, "<nav class=\"toc\" aria-label=\"Contents\">\n<ol>\n"
		       "<li><a href=\"#summary\">Summary</a></li>\n"
		       "<li><a href=\"#changes\">What changed</a></li>\n"
		       "<li><a href=\"#losers\">Recurring losers</a></li>\n"
		       "<li><a href=\"#winners\">Recurring winners</a></li>\n"
		       "<li><a href=\"#contested\">Contested actors</a></li>\n");
	if (rpt_converge_any(r))
		kn_buf_puts(b, "<li><a href=\"#converge\">Where the ripples converge</a></li>\n");
	if (rpt_changes_timeline(r))
		kn_buf_puts(b, "<li><a href=\"#timeline\">Time line</a></li>\n");
	if (r->o->maps)
		kn_buf_puts(b, "<li><a href=\"#corpus-map\">Corpus map</a></li>\n");
	kn_buf_puts(b, "<li><a href=\"#signals\">Signals</a></li>\n"
		       "<li><a href=\"#actors\">Actors</a></li>\n</ol>\n</nav>\n");
}

static void html_signal(const rpt *r, size_t i, kn_buf *b);
static void html_actors(const rpt *r, kn_buf *b);

void rpt_write_html(const rpt *r, kn_buf *b)
{
	size_t i;

	kn_buf_puts(b, html_head);
	kn_buf_puts(b, "<title>");
	rpt_html(b, r->title);
	kn_buf_puts(b, "</title>\n");
	kn_buf_puts(b, html_style);
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
	kn_buf_puts(b, "</header>\n");
	toc(r, b);
	summary(r, b);
	rpt_changes_html(r, b);
	recurring(r, b, &r->losers, "losers", "Recurring losers", "loser");
	recurring(r, b, &r->winners, "winners", "Recurring winners", "winner");
	contested(r, b);
	rpt_converge_html(r, b);
	if (r->o->maps) {
		kn_buf_puts(b, "<section id=\"corpus-map\">\n<h2>Corpus map</h2>\n");
		int min = rpt_corpus_min(r);
		char caption[200];

		size_t shown = rpt_corpus_signals(r);
		char part[80] = "Signals";

		if (shown < r->n_sigs)
			snprintf(part, sizeof part, "The newest %zu signals", shown);
		if (min > 1)
			snprintf(caption, sizeof caption, "%s and the actors "
				 "named by at least %d of them: an actor is one "
				 "node however many signals name it.", part, min);
		else
			snprintf(caption, sizeof caption, "%s and the actors "
				 "they name: an actor is one node however many "
				 "signals name it.", part);
		figure(&r->maps[0], b, caption);
		kn_buf_puts(b, "</section>\n");
	}
	kn_buf_printf(b, "<section id=\"signals\">\n<h2>Signals</h2>\n"
		      "<ol class=\"signals\">\n");
	for (i = 0; i < r->n_sigs; i++) {
		kn_buf_puts(b, "<li>");
		sig_link(b, &r->sigs[i]);
		kn_buf_puts(b, "</li>\n");
	}
	kn_buf_puts(b, "</ol>\n");
	for (i = 0; i < r->n_sigs; i++)
		html_signal(r, i, b);
	kn_buf_puts(b, "</section>\n");
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
	if (r->o->maps)
		figure(&r->maps[i + 1], b, "Causal map: the signal, its effects "
		       "by order, and the actors it helps or harms.");
	kn_buf_puts(b, "<div class=\"roles\">\n");
	role_list(r, b, s->winners, s->n_winners, "winner", "Winners");
	role_list(r, b, s->losers, s->n_losers, "loser", "Losers");
	kn_buf_puts(b, "</div>\n");
	effects(s, b);
	kn_buf_puts(b, "<p class=\"top\"><a href=\"#top\">Back to top</a></p>\n"
		       "</article>\n");
}

/* The actor index: every actor the selected signals name, with the
 * signals naming it; the target of every actor link. */
static void actor_entry(const rpt *r, kn_buf *b, const rpt_group *g,
			const char *name)
{
	size_t j;

	kn_buf_puts(b, "<tr id=\"");
	rpt_actor_anchor(b, g->actor);
	kn_buf_puts(b, "\"><td>");
	rpt_html(b, name);
	kn_buf_printf(b, "</td><td class=\"n\">%ld</td><td class=\"n\">%ld</td>"
		      "<td>", g->winner, g->loser);
	for (j = g->first; j < g->first + g->n; j++) {
		const rpt_use *u = &r->uses[j];

		if (j > g->first && u[-1].sig == u->sig && u[-1].role == u->role)
			continue;
		kn_buf_puts(b, j > g->first ? "; " : "");
		sig_link(b, &r->sigs[u->sig]);
		kn_buf_puts(b, u->role == KN_WINNER ? " <span class=\"muted\">"
			       "(wins)</span>" : " <span class=\"muted\">"
			       "(loses)</span>");
	}
	kn_buf_puts(b, "</td></tr>\n");
}

static void html_actors(const rpt *r, kn_buf *b)
{
	kn_buf_puts(b, "<section id=\"actors\">\n<h2>Actors</h2>\n<table>\n"
		       "<thead><tr><th>Actor</th><th>Wins</th><th>Loses</th>"
		       "<th>Signals</th></tr></thead>\n<tbody>\n");
	rpt_each_actor(r, b, actor_entry);
	kn_buf_puts(b, "</tbody>\n</table>\n</section>\n");
}
