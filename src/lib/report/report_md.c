/* The Markdown report, for docs pipelines and wikis: CommonMark with the
 * maps as SVG files beside it.  Card text reaches it only through rpt_md
 * (every ASCII punctuation backslash-escaped, white space collapsed), so a
 * card can add no HTML, link, emphasis or block of its own.  The only raw
 * HTML is ours: empty <a id> anchors whose ids come from the anchor
 * helpers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

static void anchor_sig(kn_buf *b, const kn_signal *s)
{
	kn_buf_puts(b, "<a id=\"");
	kn_signal_anchor(b, s->id);
	kn_buf_puts(b, "\"></a>");
}

static void sig_link(kn_buf *b, const kn_signal *s)
{
	kn_buf_puts(b, "[");
	rpt_md(b, s->title);
	kn_buf_puts(b, "](#");
	kn_signal_anchor(b, s->id);
	kn_buf_puts(b, ")");
}

static void actor_link(kn_buf *b, const rpt *r, const char *name)
{
	unsigned long long h = rpt_actor_hash(r, name);

	if (!rpt_group_of(r, h)) {
		rpt_md(b, name);
		return;
	}
	kn_buf_puts(b, "[");
	rpt_md(b, name);
	kn_buf_puts(b, "](#");
	rpt_actor_anchor(b, h);
	kn_buf_puts(b, ")");
}

static void summary(const rpt *r, kn_buf *b)
{
	const char *first, *last;
	size_t i, n;
	rpt_category *cats = rpt_categories(r, &n);

	rpt_period(r, &first, &last);
	kn_buf_printf(b, "## Summary\n\n- Signals: %zu\n- Period: ", r->n_sigs);
	if (first) {
		char d1[16], d2[16];

		snprintf(d1, sizeof d1, "%.10s", first);
		snprintf(d2, sizeof d2, "%.10s", last);
		rpt_md(b, d1);
		kn_buf_puts(b, " to ");
		rpt_md(b, d2);
	} else {
		kn_buf_puts(b, "undated");
	}
	kn_buf_puts(b, "\n- Categories: ");
	for (i = 0; cats && i < n; i++) {
		kn_buf_puts(b, i ? ", " : "");
		rpt_md(b, cats[i].name);
		kn_buf_printf(b, " \\(%zu\\)", cats[i].count);
	}
	kn_buf_printf(b, "%s\n- Actors: %zu\n\n", n ? "" : "none", r->n_groups);
	if (!cats)
		b->failed = 1;
	free(cats);
}

static void recurring(const rpt *r, kn_buf *b, const kn_actor_counts *l,
		      const char *heading)
{
	size_t i, j;

	kn_buf_printf(b, "## %s\n\n", heading);
	if (l->n == 0)
		kn_buf_printf(b, "No actor is named by %ld or more signals in "
			      "this role.\n\n",
			      r->o->min_recurring > 0 ? r->o->min_recurring : 2);
	for (i = 0; i < l->n; i++) {
		kn_buf_puts(b, "- ");
		actor_link(b, r, l->items[i].actor);
		kn_buf_printf(b, " — %ld signals: ", l->items[i].count);
		for (j = 0; j < l->items[i].n_signals; j++) {
			long k = rpt_find_sig(r, l->items[i].signals[j]);

			kn_buf_puts(b, j ? "; " : "");
			if (k >= 0)
				sig_link(b, &r->sigs[k]);
			else
				rpt_md(b, l->items[i].signals[j]);
		}
		kn_buf_puts(b, "\n");
	}
	kn_buf_puts(b, l->n ? "\n" : "");
}

static void contested(const rpt *r, kn_buf *b)
{
	size_t i, n = 0;

	kn_buf_puts(b, "## Contested actors\n\n");
	for (i = 0; i < r->actors.n; i++) {
		const kn_actor_roles *a = &r->actors.items[i];

		if (a->winner == 0 || a->loser == 0)
			continue;
		n++;
		kn_buf_puts(b, "- ");
		actor_link(b, r, a->actor);
		kn_buf_printf(b, " — wins in %ld, loses in %ld\n", a->winner,
			      a->loser);
	}
	kn_buf_puts(b, n ? "\n" : "None.\n\n");
}

static void map_image(const rpt *r, kn_buf *b, const char *map_dir,
		      const kn_signal *s)
{
	if (!r->o->maps)
		return;
	kn_buf_puts(b, "![");
	if (s) {
		kn_buf_puts(b, "Causal map of ");
		rpt_md(b, s->title);
	} else {
		kn_buf_puts(b, "Corpus map");
	}
	kn_buf_printf(b, "](%s/", map_dir);
	if (s)
		kn_signal_anchor(b, s->id);
	else
		kn_buf_puts(b, "corpus");
	kn_buf_puts(b, ".svg)\n\n");
}

static void field(kn_buf *b, const char *label, const char *value)
{
	if (!value)
		return;
	kn_buf_printf(b, "- %s: ", label);
	rpt_md(b, value);
	kn_buf_puts(b, "\n");
}

static void number(kn_buf *b, const char *label, int v)
{
	if (v != KN_ABSENT)
		kn_buf_printf(b, "- %s: %d\n", label, v);
}

static void metadata(const kn_signal *s, kn_buf *b)
{
	field(b, "Category", s->category);
	field(b, "Published", s->published);
	number(b, "Signal", s->score);
	field(b, "Horizon", s->horizon);
	number(b, "Editorial confidence", s->confidence);
	number(b, "Structural impact", s->impact);
	field(b, "Feed", s->feed);
	field(b, "Publisher", s->publisher);
	field(b, "Section", s->section);
	/* shown as escaped text, never as a link: a wiki would make any
	 * scheme clickable */
	field(b, "URL", s->url);
	kn_buf_puts(b, "\n");
}

static void paras(kn_buf *b, const char *heading, const char *text)
{
	if (!text)
		return;
	if (heading)
		kn_buf_printf(b, "**%s**\n\n", heading);
	rpt_md_paras(b, text);
	kn_buf_puts(b, "\n\n");
}

static void roles(const rpt *r, kn_buf *b, const kn_actor_ref *a, size_t n,
		  const char *heading)
{
	size_t i;

	kn_buf_printf(b, "### %s\n\n", heading);
	if (n == 0)
		kn_buf_puts(b, "None named.\n");
	for (i = 0; i < n; i++) {
		kn_buf_puts(b, "- ");
		actor_link(b, r, a[i].name);
		if (a[i].note) {
			kn_buf_puts(b, " — ");
			rpt_md(b, a[i].note);
		}
		kn_buf_puts(b, "\n");
	}
	kn_buf_puts(b, "\n");
}

static void effects(const kn_signal *s, kn_buf *b)
{
	static const char *const names[] = { "Direct", "Second", "Third" };
	int order, max = kn_signal_max_order(s);
	size_t i;

	if (!s->n_effects)
		return;
	kn_buf_puts(b, "### Second-order effects\n\n");
	for (order = 1; order <= max; order++)
		for (i = 0; i < s->n_effects; i++) {
			if (s->effects[i].order != order)
				continue;
			if (order <= 3)
				kn_buf_printf(b, "- **%s:** ", names[order - 1]);
			else
				kn_buf_printf(b, "- **Order %d:** ", order);
			rpt_md(b, s->effects[i].text);
			kn_buf_puts(b, "\n");
		}
	kn_buf_puts(b, "\n");
}

static void signal(const rpt *r, kn_buf *b, const kn_signal *s,
		   const char *map_dir)
{
	kn_buf_puts(b, "## ");
	anchor_sig(b, s);
	rpt_md(b, s->title);
	kn_buf_puts(b, "\n\n");
	metadata(s, b);
	paras(b, NULL, s->summary);
	if (s->why_now || s->why_important || s->why_changes)
		kn_buf_puts(b, "### Why it matters\n\n");
	paras(b, "Why now", s->why_now);
	paras(b, "Why it’s important", s->why_important);
	paras(b, "What changes", s->why_changes);
	map_image(r, b, map_dir, s);
	roles(r, b, s->winners, s->n_winners, "Winners");
	roles(r, b, s->losers, s->n_losers, "Losers");
	effects(s, b);
}

static void actor_entry(const rpt *r, kn_buf *b, const rpt_group *g,
			const char *name)
{
	size_t j;

	kn_buf_puts(b, "- <a id=\"");
	rpt_actor_anchor(b, g->actor);
	kn_buf_puts(b, "\"></a>");
	rpt_md(b, name);
	kn_buf_printf(b, " — wins %ld, loses %ld: ", g->winner, g->loser);
	for (j = g->first; j < g->first + g->n; j++) {
		const rpt_use *u = &r->uses[j];

		if (j > g->first && u[-1].sig == u->sig && u[-1].role == u->role)
			continue;
		kn_buf_puts(b, j > g->first ? "; " : "");
		sig_link(b, &r->sigs[u->sig]);
		kn_buf_puts(b, u->role == KN_WINNER ? " \\(wins\\)"
						    : " \\(loses\\)");
	}
	kn_buf_puts(b, "\n");
}

static void actors(const rpt *r, kn_buf *b)
{
	kn_buf_puts(b, "## Actors\n\n");
	rpt_each_actor(r, b, actor_entry);
}

void rpt_write_md(const rpt *r, kn_buf *b, const char *map_dir)
{
	size_t i;

	kn_buf_puts(b, "# ");
	rpt_md(b, r->title);
	kn_buf_puts(b, "\n\n");
	if (rpt_changes_filter(r)) { /* the scope: filters and windows */
		rpt_changes_scope(r, rpt_changes_filter(r), b, 1);
		kn_buf_puts(b, "\n\n");
	}
	summary(r, b);
	rpt_changes_md(r, b, map_dir);
	recurring(r, b, &r->losers, "Recurring losers");
	recurring(r, b, &r->winners, "Recurring winners");
	contested(r, b);
	rpt_converge_md(r, b, map_dir);
	if (r->o->maps) {
		kn_buf_puts(b, "## Corpus map\n\n");
		map_image(r, b, map_dir, NULL);
	}
	for (i = 0; i < r->n_sigs; i++)
		signal(r, b, &r->sigs[i], map_dir);
	actors(r, b);
}
