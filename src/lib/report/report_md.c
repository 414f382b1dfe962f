/* The Markdown report, for docs pipelines and wikis: CommonMark with the
 * maps as SVG files beside it (FILE_maps/).  Card text reaches it only
 * through rpt_md (the characters CommonMark could read as structure
 * backslash-escaped, white space collapsed), so a card can add no HTML,
 * link, emphasis or block of its own.  The only raw HTML is ours: empty
 * <a id> anchors whose ids come from the anchor helpers or are fixed
 * section names.  The same limits as the HTML report: the top N rows,
 * sections for the top signals, at most a few signals a line. */
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

/* A signal named in a list: a link to its section, or its title. */
static void sig_ref(kn_buf *b, const rpt *r, size_t k)
{
	if (rpt_has_section(r, k))
		sig_link(b, &r->sigs[k]);
	else
		rpt_md(b, r->sigs[k].title);
}

/* As report_html.c's sig_cell: at most max signals, then "+N more". */
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
			kn_buf_puts(b, roles[i] == KN_WINNER ? " (wins)" : " (loses)");
	}
	if (total <= n)
		return;
	if (link) {
		kn_buf_printf(b, " [+%zu more](#", total - n);
		rpt_actor_anchor(b, g->actor);
		kn_buf_puts(b, ")");
	} else {
		kn_buf_printf(b, " and %zu more", total - n);
	}
}

static void top_note(kn_buf *b, size_t shown, size_t of, const char *what)
{
	if (shown < of)
		kn_buf_printf(b, "The top %zu of %zu %s (`--top N` shows more).\n\n",
			      shown, of, what);
}

/* "## Heading" with an anchor the table of contents links to. */
static void heading(kn_buf *b, const char *id, const char *text)
{
	kn_buf_printf(b, "## <a id=\"%s\"></a>%s\n\n", id, text);
}

static void summary(const rpt *r, kn_buf *b)
{
	const char *first, *last;
	size_t i, n;
	rpt_category *cats = rpt_categories(r, &n);

	rpt_period(r, &first, &last);
	heading(b, "summary", "Summary");
	kn_buf_printf(b, "- Signals: %zu\n- Period: ", r->n_sigs);
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
		kn_buf_printf(b, " (%zu)", cats[i].count);
	}
	kn_buf_printf(b, "%s\n- Actors: %zu\n\n", n ? "" : "none", r->n_groups);
	if (!cats)
		b->failed = 1;
	free(cats);
}

static void recurring(const rpt *r, kn_buf *b, const kn_actor_counts *l,
		      const char *id, const char *title, kn_role role)
{
	size_t i, n = l->n < r->top ? l->n : r->top;

	heading(b, id, title);
	if (l->n == 0)
		kn_buf_printf(b, "No actor is named by %ld or more signals in "
			      "this role.\n\n",
			      r->o->min_recurring > 0 ? r->o->min_recurring : 2);
	top_note(b, n, l->n, "actors");
	for (i = 0; i < n; i++) {
		const rpt_group *g = rpt_group_of(r, rpt_actor_hash(r,
							l->items[i].actor));

		kn_buf_puts(b, "- ");
		actor_link(b, r, l->items[i].actor);
		kn_buf_printf(b, " — %ld signals: ", l->items[i].count);
		if (g)
			sig_cell(b, r, g, (int)role, KN_REPORT_CELL_SIGNALS, 1);
		kn_buf_puts(b, "\n");
	}
	kn_buf_puts(b, n ? "\n" : "");
}

static void contested(const rpt *r, kn_buf *b)
{
	size_t i, n = 0, all = 0;

	for (i = 0; i < r->actors.n; i++)
		all += r->actors.items[i].winner && r->actors.items[i].loser;
	heading(b, "contested", "Contested actors");
	top_note(b, all < r->top ? all : r->top, all, "actors");
	for (i = 0; i < r->actors.n && n < r->top; i++) {
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

static void map_image(const rpt *r, kn_buf *b, const kn_signal *s)
{
	kn_buf name = KN_BUF_INIT;

	if (!r->o->maps)
		return;
	kn_buf_puts(b, "![Causal map of ");
	rpt_md(b, s->title);
	kn_buf_puts(b, "](");
	kn_signal_anchor(&name, s->id);
	rpt_md_map_target(r, b, kn_buf_cstr(&name));
	kn_buf_puts(b, ")\n\n");
	if (kn_buf_failed(&name))
		b->failed = 1;
	kn_buf_release(&name);
}

static void corpus_maps(const rpt *r, kn_buf *b)
{
	char name[32];
	size_t i;

	if (!r->o->maps || !r->n_cmaps)
		return;
	heading(b, "corpus-map", "Corpus maps");
	kn_buf_printf(b, "One map a category, each of at most %d signals and "
		      "actors.", KN_REPORT_MAP_NODES);
	if (r->n_cmaps < r->n_categories)
		kn_buf_printf(b, " The %zu largest of %zu categories (`--top N` "
			      "shows more).", r->n_cmaps, r->n_categories);
	kn_buf_puts(b, "\n\n");
	for (i = 0; i < r->n_cmaps; i++) {
		const rpt_cmap *c = &r->cmaps[i];

		kn_buf_puts(b, "**");
		rpt_md(b, c->category ? c->category : "All signals");
		if (c->n_sigs < c->cat_signals)
			kn_buf_printf(b, "**: of its %zu signals, the %zu "
				      "highest-scoring", c->cat_signals, c->n_sigs);
		else
			kn_buf_printf(b, "**: its %zu signal%s", c->n_sigs,
				      c->n_sigs == 1 ? "" : "s");
		if (c->min > 1)
			kn_buf_printf(b, "; the %zu actors at least %d of those "
				      "name, and the %zu signals naming one.\n\n",
				      c->n_actors, c->min, c->n_drawn);
		else
			kn_buf_printf(b, " and the %zu actors %s.\n\n", c->n_actors,
				      c->n_sigs == 1 ? "it names" : "they name");
		snprintf(name, sizeof name, "corpus-%zu", i + 1);
		kn_buf_puts(b, "![Corpus map of ");
		rpt_md(b, c->category ? c->category : "all signals");
		kn_buf_puts(b, "](");
		rpt_md_map_target(r, b, name);
		kn_buf_puts(b, ")\n\n");
	}
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

static void signal(const rpt *r, kn_buf *b, const kn_signal *s)
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
	map_image(r, b, s);
	roles(r, b, s->winners, s->n_winners, "Winners");
	roles(r, b, s->losers, s->n_losers, "Losers");
	effects(s, b);
}

static void actor_entry(const rpt *r, kn_buf *b, const rpt_group *g,
			const char *name)
{
	if (!rpt_is_listed(r, g))
		return;
	kn_buf_puts(b, "- <a id=\"");
	rpt_actor_anchor(b, g->actor);
	kn_buf_puts(b, "\"></a>");
	rpt_md(b, name);
	kn_buf_printf(b, " — wins %ld, loses %ld: ", g->winner, g->loser);
	sig_cell(b, r, g, -1, KN_REPORT_ACTOR_SIGNALS, 0);
	kn_buf_puts(b, "\n");
}

static void actors(const rpt *r, kn_buf *b)
{
	heading(b, "actors", "Actors");
	if (r->n_listed < r->n_groups)
		kn_buf_printf(b, "The %zu actors this report names, of the %zu "
			      "the selected signals name, each with its %d best "
			      "signals at most.\n\n", r->n_listed, r->n_groups,
			      KN_REPORT_ACTOR_SIGNALS);
	rpt_each_actor(r, b, actor_entry);
}

/* The table of contents, numbered as the HTML one. */
static void toc(const rpt *r, kn_buf *b)
{
	static const char *const parts[][2] = {
		{ "summary", "Summary" }, { "changes", "What changed" },
		{ "timeline", "Time line" }, { "losers", "Recurring losers" },
		{ "winners", "Recurring winners" },
		{ "contested", "Contested actors" },
		{ "converge", "Where the ripples converge" },
		{ "corpus-map", "Corpus maps" }, { "signals", "Signals" },
		{ "actors", "Actors" } };
	size_t i, n = 0;

	for (i = 0; i < sizeof parts / sizeof *parts; i++) {
		if ((i == 2 && !rpt_changes_timeline(r)) ||
		    (i == 6 && !rpt_converge_any(r)) ||
		    (i == 7 && !(r->o->maps && r->n_cmaps)))
			continue;
		kn_buf_printf(b, "%zu. [%s](#%s)\n", ++n, parts[i][1], parts[i][0]);
	}
	kn_buf_puts(b, "\n");
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
	kn_buf_printf(b, "Made on %s (UTC) by knockon.\n\n", r->made);
	toc(r, b);
	summary(r, b);
	rpt_changes_md(r, b, map_dir);
	recurring(r, b, &r->losers, "losers", "Recurring losers", KN_LOSER);
	recurring(r, b, &r->winners, "winners", "Recurring winners", KN_WINNER);
	contested(r, b);
	rpt_converge_md(r, b, map_dir);
	corpus_maps(r, b);
	heading(b, "signals", "Signals");
	if (r->n_shown < r->n_sigs)
		kn_buf_printf(b, "The %zu highest-scoring of the %zu signals have a "
			      "section (`--all` gives every one); the others are "
			      "named as text.\n\n", r->n_shown, r->n_sigs);
	for (i = 0; i < r->n_shown; i++)
		signal(r, b, &r->sigs[r->order[i]]);
	actors(r, b);
}
