/* The legend and the title of a map.  The legend is drawn with the map's
 * own node styles, so it cannot drift from them; it is made of plain nodes
 * (no cluster, no HTML table) to keep Graphviz from leaking per layout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "map_views.h"
#include "map_ripple.h"

typedef struct legend_item {
	const char *name; /* after "legend:" */
	kn_node_kind kind;
	const char *label; /* already a Graphviz label (trusted text) */
} legend_item;

static const legend_item items[] = {
	{ "signal", KN_NODE_SIGNAL, "SIGNAL (score,\\nconfidence, impact)" },
	{ "order-1", KN_NODE_ORDER1, "1 \xc2\xb7 DIRECT effect" },
	{ "order-2", KN_NODE_ORDER2, "2 \xc2\xb7 SECOND ORDER" },
	{ "order-3", KN_NODE_ORDER3, "3 \xc2\xb7 THIRD ORDER" },
	{ "winner", KN_NODE_WINNER, "\xe2\x96\xb2 WINNER\\nsolid arrow: benefits" },
	{ "loser", KN_NODE_LOSER, "\xe2\x96\xbc LOSER\\ndashed \xe2\x8a\xa3 : harms" },
	{ "both", KN_NODE_BOTH, "\xe2\x96\xb2\xe2\x96\xbc WINNER AND\\nLOSER in the map" },
	{ "more", KN_NODE_MORE, "+N NOT DRAWN\\n(counted)" },
};

/* Which items a view shows: effects where effects are drawn, actors where
 * actors are; "both" only when some actor is both. */
static int shown(const kn_builder *b, size_t i)
{
	kn_view v = b->o->view;
	Agnode_t *n;

	if (items[i].kind >= KN_NODE_ORDER1 && items[i].kind <= KN_NODE_ORDER3)
		return v != KN_VIEW_CORPUS || b->o->links;
	if (items[i].kind == KN_NODE_BOTH || items[i].kind == KN_NODE_MORE) {
		static char cls[] = "class";
		const char *want = items[i].kind == KN_NODE_BOTH ? "actor winner loser"
								 : "more";

		for (n = agfstnode(b->g); n; n = agnxtnode(b->g, n))
			if (strncmp(agget(n, cls), want, strlen(want)) == 0)
				return 1;
		return 0;
	}
	if (items[i].kind == KN_NODE_WINNER || items[i].kind == KN_NODE_LOSER)
		return v != KN_VIEW_CHAIN;
	return 1;
}

static Agnode_t *legend_node(kn_builder *b, Agraph_t *sub, const char *name,
			     kn_node_kind kind, const char *label)
{
	char cls[64];
	int created;
	Agnode_t *n;

	kn_buf_reset(&b->name);
	kn_buf_printf(&b->name, "legend:%s", name);
	snprintf(cls, sizeof cls, "legend legend-%s", name);
	n = kn_add_node(b, kn_buf_cstr(&b->name), kind, cls, &created);
	if (!n)
		return NULL;
	if (sub)
		agsubnode(sub, n, 1);
	kn_set(n, "label", label);
	kn_set(n, "fontsize", sub ? "10" : "9");
	return n;
}

/* ---- placed by knockon, beside or below the laid-out map ---- */

#define LEG_W 122.0   /* points: 1.7 in */
#define LEG_H 30.0
#define LEG_HEAD 18.0
#define LEG_GAP 6.0
#define LEG_MARGIN 18.0

static void pin(kn_builder *b, Agnode_t *n, double x, double y, double h)
{
	char v[64];

	kn_set(n, "fixedsize", "true");
	snprintf(v, sizeof v, "%.4f", LEG_W / 72.0);
	kn_set(n, "width", v);
	snprintf(v, sizeof v, "%.4f", h / 72.0);
	kn_set(n, "height", v);
	snprintf(v, sizeof v, "%.2f,%.2f", x, y);
	kn_set(n, "pos", v);
	(void)b;
}

/* The legend in one column at the map's right when that takes at most a
 * fifth of the width, else under it: the heading, then rows of items
 * read left to right.  bb grows to hold it. */
static void place(kn_builder *b, Agnode_t **v, size_t n, double bb[4])
{
	double w = bb[2] - bb[0], x, y, bottom = bb[1];
	size_t i, cols = 1;
	int beside = 4.0 * (LEG_W + LEG_MARGIN) <= w;

	if (!beside) {
		cols = (size_t)((w + LEG_GAP) / (LEG_W + LEG_GAP));
		cols = cols < 1 ? 1 : cols;
	}
	for (i = 0; i < n; i++) {
		/* under the map: the heading on a row of its own */
		size_t row = i ? 1 + (i - 1) / cols : 0, col = i ? (i - 1) % cols : 0;
		double h = i == 0 && beside ? LEG_HEAD : LEG_H;

		if (beside) {
			x = bb[2] + LEG_MARGIN + LEG_W / 2;
			y = i == 0 ? bb[3] - LEG_HEAD / 2
				   : bb[3] - LEG_HEAD - LEG_GAP - (i - 1) * (LEG_H + LEG_GAP) - LEG_H / 2;
		} else {
			x = bb[0] + col * (LEG_W + LEG_GAP) + LEG_W / 2;
			y = bb[1] - LEG_MARGIN - row * (LEG_H + LEG_GAP) - LEG_H / 2;
		}
		pin(b, v[i], x, y, h);
		if (y - h / 2 < bottom)
			bottom = y - h / 2;
		if (!beside && x + LEG_W / 2 > bb[2])
			bb[2] = x + LEG_W / 2;
	}
	if (beside)
		bb[2] += LEG_MARGIN + LEG_W;
	bb[1] = bottom;
}

void kn_legend_place(Agraph_t *g, const kn_map_options *o)
{
	static char bb_attr[] = "bb";
	Agnode_t *v[1 + sizeof items / sizeof items[0] + 4];
	double bb[4];
	size_t i, n = 0;
	char box[128];
	kn_builder b;

	if (sscanf(agget(g, bb_attr), "%lf,%lf,%lf,%lf", &bb[0], &bb[1], &bb[2],
		   &bb[3]) != 4)
		return;
	memset(&b, 0, sizeof b);
	b.g = g;
	b.o = o;
	b.prefix = o->id_prefix ? o->id_prefix : "";
	v[n] = legend_node(&b, NULL, "heading", KN_NODE_NOTE, "LEGEND");
	n += v[n] != NULL;
	for (i = 0; i < sizeof items / sizeof items[0]; i++)
		if (shown(&b, i) &&
		    (v[n] = legend_node(&b, NULL, items[i].name, items[i].kind,
					items[i].label)) != NULL)
			n++;
	n += kn_legend_ripple_items(&b, legend_node, v + n,
				    sizeof v / sizeof v[0] - n);
	place(&b, v, n, bb);
	snprintf(box, sizeof box, "%.2f,%.2f,%.2f,%.2f", bb[0], bb[1], bb[2], bb[3]);
	kn_set(g, "bb", box);
	kn_set(g, "layout", "nop2");
	kn_buf_release(&b.name);
	kn_buf_release(&b.id);
	kn_buf_release(&b.label);
}

void kn_draw_legend(kn_builder *b)
{
	Agraph_t *sub = agsubg(b->g, kn_mut("legend"), 1);
	Agnode_t *prev, *n;
	size_t i;

	if (!sub)
		return;
	/* a plain subgraph, not a cluster, with rank=same: one column (the
	 * first) in a dot layout.  Not rank=sink or min: dot 2.42 leaks the
	 * virtual edges of those (~1.4 KB per map, seen with valgrind).
	 * Invisible edges keep the order, and make the legend one component
	 * that the other engines pack aside. */
	kn_set(sub, "rank", "same");
	prev = legend_node(b, sub, "heading", KN_NODE_NOTE, "LEGEND");
	for (i = 0; prev && i < sizeof items / sizeof items[0]; i++) {
		if (!shown(b, i))
			continue;
		n = legend_node(b, sub, items[i].name, items[i].kind,
				items[i].label);
		if (n)
			kn_add_edge(b, prev, n, KN_EDGE_LEGEND);
		prev = n;
	}
	kn_legend_ripple(b, sub, prev, legend_node);
}

static void default_title(kn_builder *b, kn_buf *t)
{
	const kn_map *m = b->m;
	const kn_actor_row *r;
	int n_sigs = 0, n_acts = 0;
	Agnode_t *n;

	if (kn_ripple_title(b, t))
		return;
	if (b->o->view == KN_VIEW_ACTOR && b->focus &&
	    (r = kn_actor_table_find(&b->actors, b->focus)) != NULL) {
		kn_buf_printf(t, "Actor map: %s \xc2\xb7 named by %zu signal%s"
			      " (\xe2\x96\xb2 %zu as winner, \xe2\x96\xbc %zu as loser)",
			      r->name, r->n_signals, r->n_signals == 1 ? "" : "s",
			      r->n_wins, r->n_losses);
		return;
	}
	if (b->o->view == KN_VIEW_CORPUS) {
		for (n = agfstnode(b->g); n; n = agnxtnode(b->g, n)) {
			n_sigs += strncmp(agnameof(n), "sig:", 4) == 0;
			n_acts += strncmp(agnameof(n), "act:", 4) == 0;
		}
		kn_buf_printf(t, "Corpus map \xc2\xb7 %d signal%s \xc2\xb7 %d actor%s",
			      n_sigs, n_sigs == 1 ? "" : "s", n_acts,
			      n_acts == 1 ? "" : "s");
		if (b->o->min_count > 1)
			kn_buf_printf(t, " named by at least %d signals",
				      b->o->min_count);
		return;
	}
	kn_buf_puts(t, b->o->view == KN_VIEW_CHAIN ? "Effect chain" : "Knock-on effects");
	if (m->n_sigs == 1)
		kn_buf_printf(t, ": %s", m->sigs[0].title);
	else
		kn_buf_printf(t, " \xc2\xb7 %zu signals", m->n_sigs);
}

/* The line saying what a picked map left out and how to see it. */
static void left_out(const kn_builder *b, kn_buf *t)
{
	const kn_pick *p = &b->pick;

	if (!p->active)
		return;
	if (t->len)
		kn_buf_putc(t, '\n');
	kn_buf_printf(t, "%lld signal%s", p->left_signals,
		      p->left_signals == 1 ? "" : "s");
	if (b->o->view == KN_VIEW_CORPUS)
		kn_buf_printf(t, " and %lld actor%s", p->left_actors,
			      p->left_actors == 1 ? "" : "s");
	kn_buf_printf(t, " not drawn (at most about %d nodes): use --max-nodes or filters",
		      b->o->max_nodes);
}

void kn_draw_title(kn_builder *b)
{
	kn_buf t = KN_BUF_INIT;

	if (b->o->title && !b->o->title[0] && !b->pick.active)
		return;
	if (b->o->title)
		kn_buf_puts(&t, b->o->title);
	else
		default_title(b, &t);
	left_out(b, &t);
	kn_buf_reset(&b->label);
	kn_map_put_label(&b->label, kn_buf_cstr(&t), 100, "\\l");
	kn_buf_release(&t);
	kn_set_label(b, b->g);
}
