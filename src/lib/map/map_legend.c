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
	{ "signal", KN_NODE_SIGNAL, "SIGNAL\\nscore \xc2\xb7 confidence \xc2\xb7 impact" },
	{ "order-1", KN_NODE_ORDER1, "1 \xc2\xb7 DIRECT effect\\l" },
	{ "order-2", KN_NODE_ORDER2, "2 \xc2\xb7 SECOND-ORDER effect\\l" },
	{ "order-3", KN_NODE_ORDER3, "3 \xc2\xb7 THIRD-ORDER effect\\l" },
	{ "winner", KN_NODE_WINNER,
	  "\xe2\x96\xb2 WINNER, rounded\\nsolid arrow: benefits" },
	{ "loser", KN_NODE_LOSER,
	  "\xe2\x96\xbc LOSER, square, dashed\\ndashed \xe2\x8a\xa3 : harms" },
	{ "both", KN_NODE_BOTH, "\xe2\x96\xb2\xe2\x96\xbc WINNER AND LOSER\\nin the signals shown" },
};

/* Which items a view shows: effects where effects are drawn, actors where
 * actors are; "both" only when some actor is both. */
static int shown(const kn_builder *b, size_t i)
{
	kn_view v = b->o->view;
	Agnode_t *n;

	if (items[i].kind >= KN_NODE_ORDER1 && items[i].kind <= KN_NODE_ORDER3)
		return v != KN_VIEW_CORPUS || b->o->links;
	if (items[i].kind == KN_NODE_BOTH) {
		static char cls[] = "class";

		for (n = agfstnode(b->g); n; n = agnxtnode(b->g, n))
			if (strcmp(agget(n, cls), "actor winner loser") == 0)
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
	agsubnode(sub, n, 1);
	kn_set(n, "label", label);
	kn_set(n, "fontsize", "10");
	return n;
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

void kn_draw_title(kn_builder *b)
{
	kn_buf t = KN_BUF_INIT;

	if (b->o->title && !b->o->title[0])
		return;
	if (b->o->title)
		kn_buf_puts(&t, b->o->title);
	else
		default_title(b, &t);
	kn_buf_reset(&b->label);
	kn_map_put_label(&b->label, kn_buf_cstr(&t), 100, "\\l");
	kn_buf_release(&t);
	kn_set_label(b, b->g);
}
