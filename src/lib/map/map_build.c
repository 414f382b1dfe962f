/* Building the cgraph graph of a map, per view (design in
 * docs/maps.md).  Node names are ids, labels are escaped card text
 * (map_text.c); no clusters and no HTML-like labels, because Graphviz 2.42
 * leaks memory per layout for both (docs/maps.md) and a process may
 * render thousands of maps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "map_build.h"
#include "map_internal.h"

/* cgraph takes char * for strings it only copies. */
char *kn_mut(const char *s)
{
	union {
		const char *c;
		char *m;
	} u;

	u.c = s;
	return u.m;
}

void kn_set(void *obj, const char *name, const char *value)
{
	agset(obj, kn_mut(name), kn_mut(value));
}

static const char *const graph_attrs[][2] = {
	{ "id", "" }, { "label", "" }, { "labelloc", "t" }, { "labeljust", "l" },
	{ "fontname", KN_MAP_FONT }, { "fontsize", "18" }, { "rankdir", "LR" },
	{ "nodesep", "0.25" }, { "ranksep", "0.6" }, { "ordering", "" },
	{ "layout", "dot" }, { "splines", "true" }, { "overlap", "true" },
	{ "pad", "0.3" }, { "bgcolor", "white" }, { "nslimit", "" },
	{ "nslimit1", "" }, { "mclimit", "1.0" }, { "root", "" }, { "rank", "" },
	{ "outputorder", "edgesfirst" }, { "sep", "" }, { "pack", "" },
};
static const char *const node_attrs[][2] = {
	{ "label", "" }, { "id", "" }, { "class", "" }, { "shape", "box" },
	{ "style", "filled" }, { "fillcolor", "white" }, { "color", "#444444" },
	{ "fontcolor", "#1a1a1a" }, { "fontname", KN_MAP_FONT },
	{ "fontsize", "11" }, { "penwidth", "1" }, { "margin", "0.12,0.06" },
};
static const char *const edge_attrs[][2] = {
	{ "id", "" }, { "class", "" }, { "color", "#6c757d" }, { "style", "solid" },
	{ "arrowhead", "normal" }, { "penwidth", "1.2" }, { "arrowsize", "0.8" },
	{ "weight", "1" },
};

static void declare(Agraph_t *g, int kind, const char *const (*a)[2], size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		agattr(g, kind, kn_mut(a[i][0]), kn_mut(a[i][1]));
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static Agraph_t *open_graph(const kn_map_options *o, kn_buf *tmp)
{
	Agraph_t *g = agopen(kn_mut("knockon"), Agdirected, NULL);

	if (!g)
		return NULL;
	declare(g, AGRAPH, graph_attrs, COUNT(graph_attrs));
	declare(g, AGNODE, node_attrs, COUNT(node_attrs));
	declare(g, AGEDGE, edge_attrs, COUNT(edge_attrs));
	kn_buf_reset(tmp);
	kn_buf_printf(tmp, "%smap", o->id_prefix ? o->id_prefix : "");
	kn_set(g, "id", kn_buf_cstr(tmp));
	return g;
}

/* ---- node and edge styles: one legend (docs/maps.md) ---- */

typedef struct node_style {
	const char *cls, *shape, *style, *fill, *color, *fontcolor, *pen, *size;
} node_style;

static const node_style styles[] = {
	[KN_NODE_SIGNAL] = { "signal", "box", "rounded,filled,bold", "#1d3557",
			     "#1d3557", "white", "2", "12" },
	[KN_NODE_ORDER1] = { "effect order-1", "box", "filled", "#f4a261",
			     "#9c4a12", "#1a1a1a", "2", "11" },
	[KN_NODE_ORDER2] = { "effect order-2", "box", "filled", "#f9d9a8",
			     "#b5835a", "#1a1a1a", "1.4", "11" },
	[KN_NODE_ORDER3] = { "effect order-3", "box", "filled", "#fdf1e1",
			     "#c9a98a", "#1a1a1a", "1", "11" },
	[KN_NODE_ORDERN] = { NULL, "box", "filled,dotted", "white", "#c9a98a",
			     "#1a1a1a", "1", "11" },
	[KN_NODE_WINNER] = { "actor winner", "box", "rounded,filled", "#d8f3dc",
			     "#2d6a4f", "#1b4332", "1.6", "11" },
	[KN_NODE_LOSER] = { "actor loser", "box", "filled,dashed", "#ffd6d6",
			    "#9d0208", "#6a040f", "1.6", "11" },
	[KN_NODE_BOTH] = { "actor winner loser", "box", "rounded,filled,dashed",
			   "#eadcf8", "#5a189a", "#3c096c", "1.6", "11" },
	[KN_NODE_MORE] = { "more", "box", "rounded,filled,dotted", "white",
			   "#6c757d", "#1a1a1a", "1", "10" },
	[KN_NODE_NOTE] = { "legend", "plaintext", "solid", "white", "white",
			   "#1a1a1a", "1", "10" },
};

static void style_node(kn_builder *b, Agnode_t *n, kn_node_kind k,
		       const char *cls)
{
	const node_style *s = &styles[k];

	kn_set(n, "class", cls ? cls : s->cls);
	if (strcmp(s->shape, "box") != 0)
		kn_set(n, "shape", s->shape);
	kn_set(n, "style", s->style);
	kn_set(n, "fillcolor", s->fill);
	kn_set(n, "color", s->color);
	if (strcmp(s->fontcolor, "#1a1a1a") != 0)
		kn_set(n, "fontcolor", s->fontcolor);
	kn_set(n, "penwidth", s->pen);
	if (strcmp(s->size, "11") != 0)
		kn_set(n, "fontsize", s->size);
	(void)b;
}

Agnode_t *kn_add_node(kn_builder *b, const char *name, kn_node_kind k,
		      const char *cls, int *created)
{
	Agnode_t *n = agnode(b->g, kn_mut(name), 0);

	*created = 0;
	if (n)
		return n;
	n = agnode(b->g, kn_mut(name), 1);
	if (!n)
		return NULL;
	*created = 1;
	b->n_nodes++;
	kn_buf_reset(&b->id);
	kn_buf_printf(&b->id, "%s%s", b->prefix, name);
	kn_set(n, "id", kn_buf_cstr(&b->id));
	style_node(b, n, k, cls);
	return n;
}

Agedge_t *kn_add_edge(kn_builder *b, Agnode_t *t, Agnode_t *h,
		      kn_edge_kind k)
{
	static const char *const cls[] = { "causes", "benefits", "harms",
					   "legend" };
	Agedge_t *e;

	kn_buf_reset(&b->name);
	kn_buf_printf(&b->name, "%s--%s", agnameof(t), agnameof(h));
	/* a signal naming an actor in both roles draws two edges */
	if (k == KN_EDGE_HARMS && agedge(b->g, t, h, kn_mut(kn_buf_cstr(&b->name)), 0))
		kn_buf_puts(&b->name, "--harms");
	e = agedge(b->g, t, h, kn_mut(kn_buf_cstr(&b->name)), 0);
	if (e)
		return e;
	e = agedge(b->g, t, h, kn_mut(kn_buf_cstr(&b->name)), 1);
	if (!e)
		return NULL;
	kn_buf_reset(&b->id);
	kn_buf_printf(&b->id, "%s%s", b->prefix, kn_buf_cstr(&b->name));
	kn_set(e, "id", kn_buf_cstr(&b->id));
	kn_set(e, "class", cls[k]);
	if (k == KN_EDGE_BENEFITS) {
		kn_set(e, "color", "#2d6a4f");
		kn_set(e, "penwidth", "1.6");
	} else if (k == KN_EDGE_LEGEND) {
		kn_set(e, "style", "invis");
	} else if (k == KN_EDGE_HARMS) {
		kn_set(e, "color", "#9d0208");
		kn_set(e, "penwidth", "1.6");
		kn_set(e, "style", "dashed");
		kn_set(e, "arrowhead", "tee");
	}
	return e;
}

void kn_set_label(kn_builder *b, void *obj)
{
	kn_set(obj, "label", kn_buf_cstr(&b->label));
}

/* ---- names ---- */

const char *kn_sig_name(kn_builder *b, const kn_signal *s)
{
	kn_buf_reset(&b->name);
	kn_buf_puts(&b->name, "sig:");
	kn_map_put_id(&b->name, s->id);
	return kn_buf_cstr(&b->name);
}

const char *kn_eff_name(kn_builder *b, const kn_signal *s, const char *eid)
{
	kn_buf_reset(&b->name);
	kn_buf_puts(&b->name, "eff:");
	kn_map_put_id(&b->name, s->id);
	kn_buf_putc(&b->name, ':');
	kn_map_put_id(&b->name, eid);
	return kn_buf_cstr(&b->name);
}

const char *kn_act_name(kn_builder *b, const char *key)
{
	kn_buf_reset(&b->name);
	kn_buf_puts(&b->name, "act:");
	kn_map_put_id(&b->name, key);
	return kn_buf_cstr(&b->name);
}

/* ---- the whole graph ---- */

static void builder_release(kn_builder *b)
{
	kn_actor_table_release(&b->actors);
	free(b->seen);
	free(b->focus);
	kn_buf_release(&b->name);
	kn_buf_release(&b->id);
	kn_buf_release(&b->label);
}

/* The engine goes into the graph ("layout") so that the DOT output lays
 * out the same with the dot command as in knockon. */
static void set_engine(kn_builder *b)
{
	b->engine = b->o->engine ? b->o->engine
				 : kn_map_default_engine(b->o->view, b->n_nodes);
	kn_set(b->g, "layout", b->engine);
	if (strcmp(b->engine, "dot") == 0 && b->n_nodes > KN_MAP_BIG) {
		/* network simplex dominates dot on big maps: bound it */
		kn_set(b->g, "nslimit", "2");
		kn_set(b->g, "nslimit1", "2");
		kn_set(b->g, "mclimit", "0.5");
	}
	if (strcmp(b->engine, "dot") != 0) {
		kn_set(b->g, "overlap", "prism");
		kn_set(b->g, "pack", "true");
		kn_set(b->g, "sep", "+6");
	}
}

const char *kn_map_default_engine(kn_view view, int n_nodes)
{
	if (view == KN_VIEW_CORPUS)
		return n_nodes > KN_MAP_BIG ? "sfdp" : "neato";
	return "dot";
}

static kn_status draw_view(kn_builder *b)
{
	switch (b->o->view) {
	case KN_VIEW_SIGNAL:
		return kn_draw_signals(b, 1);
	case KN_VIEW_CHAIN:
		return kn_draw_signals(b, 0);
	case KN_VIEW_ACTOR:
		return kn_draw_actor(b);
	case KN_VIEW_CORPUS:
		return kn_draw_corpus(b);
	}
	return KN_ERR_USAGE;
}

Agraph_t *kn_map_build(const kn_map *m, const kn_map_options *o,
		       kn_error *err)
{
	kn_builder b;
	kn_status st;

	memset(&b, 0, sizeof b);
	b.m = m;
	b.o = o;
	b.err = err;
	b.prefix = o->id_prefix ? o->id_prefix : "";
	b.wrap = o->wrap > 0 ? (size_t)o->wrap : 0;
	if (kn_actor_table_build(&b.actors, m) != KN_OK ||
	    !(b.seen = calloc(b.actors.n + 1, sizeof *b.seen))) {
		kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
		builder_release(&b);
		return NULL;
	}
	b.g = open_graph(o, &b.id);
	st = b.g ? draw_view(&b) : KN_ERR_RENDER;
	if (st == KN_OK)
		set_engine(&b);
	if (st == KN_OK && o->legend)
		kn_draw_legend(&b);
	if (st == KN_OK)
		kn_draw_title(&b);
	if (st == KN_OK && (kn_buf_failed(&b.name) || kn_buf_failed(&b.id) ||
			    kn_buf_failed(&b.label)))
		st = kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
				  "out of memory");
	if (st != KN_OK && b.g) {
		if (err && err->code == KN_OK)
			kn_error_set(err, st, NULL, 0, 0, NULL,
				     "cannot build the map");
		agclose(b.g);
		b.g = NULL;
	} else if (!b.g) {
		kn_error_set(err, KN_ERR_RENDER, NULL, 0, 0, NULL,
			     "graphviz could not create a graph");
	}
	builder_release(&b);
	return b.g;
}
