/* Building the cgraph graph of a map, per view (design in
 * docs/maps.md).  Node names are ids, labels are escaped card text
 * (map_text.c); no clusters and no HTML-like labels, because Graphviz 2.42
 * leaks memory per layout for both (docs/maps.md) and a process may
 * render thousands of maps.  The top of the builder: it opens the graph
 * and calls the views (map_views.c, map_legend.c), which draw with
 * map_graph.c; neither calls back up. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "map_graph.h"
#include "map_internal.h"
#include "map_views.h"
#include "map_ripple.h"

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

/* ---- the whole graph ---- */

static void builder_release(kn_builder *b)
{
	kn_actor_table_release(&b->actors);
	kn_pick_release(&b->pick);
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
	/* routing splines round the nodes grows with edges x nodes (a
	 * corpus map of 200 nodes and 213 edges: 2.4 s of its 2.6 s under
	 * neato); many edges are drawn curved, not routed */
	if (strcmp(b->engine, "dot") != 0 && agnedges(b->g) > KN_MAP_ROUTED_EDGES)
		kn_set(b->g, "splines", "curved");
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
	case KN_VIEW_EXPOSURE:
		return kn_draw_exposure(b);
	case KN_VIEW_PATH:
		return kn_draw_path(b);
	case KN_VIEW_TIMELINE:
		break; /* built by kn_timeline_build */
	}
	return KN_ERR_USAGE;
}

Agraph_t *kn_map_build(const kn_map *m, const kn_map_options *o,
		       kn_error *err)
{
	kn_builder b;
	kn_status st;

	if (o->view == KN_VIEW_TIMELINE) /* positions of its own (map_timeline.c) */
		return kn_timeline_build(m, o, err);
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
	if (st == KN_OK && o->links)
		st = kn_draw_links(&b);
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
	if (st == KN_OK && o->view == KN_VIEW_EXPOSURE &&
	    !(b.g = kn_graph_reread(b.g, err)))
		st = KN_ERR_RENDER;
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
