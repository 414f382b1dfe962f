/* knockon internal — the ripple on maps (docs/ripple.md, docs/maps.md):
 * effect -> actor links on the corpus and signal views (map_links.c),
 * the exposure view (map_exposure.c) and the path view (map_path.c), and
 * what a kn_map holds for them (map_ripple.c).  Not part of the public
 * API. */
#ifndef KN_MAP_RIPPLE_H
#define KN_MAP_RIPPLE_H

#include "knockon/converge.h"
#include "knockon/ripple.h"
#include "map_views.h"

struct kn_map_ripple {
	kn_link_list links; /* kn_map_load_links: links of the map's signals */
	int has_expo;
	kn_exposure expo;   /* the exposure view: every row */
	size_t *drawn;      /* indexes into expo.rows of the rows drawn, in
			     * row order */
	size_t n_drawn;
	double left_weight; /* the weight of the rows left out */
	char *focus_key;    /* the exposure's actor key */
	int has_paths;
	kn_paths paths;     /* the path view: kn_map_from_path's chains */
	char *path_from, *path_to;
};
typedef struct kn_map_ripple kn_map_ripple;

/* m's ripple data, created empty on first use; NULL when out of memory. */
kn_map_ripple *kn_map_ripple_get(kn_map *m);

/* Fills m for the exposure view (kn_map_from_store). */
kn_status kn_map_load_exposure(kn_store *st, kn_map *m, const char *actor,
			       const kn_filter *f, kn_error *err);

/* An empty map that names and groups actors as the corpus does
 * (map_store.c). */
kn_status kn_map_from_store_ids(kn_store *st, kn_map **out, kn_error *err);

/* What the views draw (map_build.c calls them). */
kn_status kn_draw_links(kn_builder *b);
kn_status kn_draw_exposure(kn_builder *b);
kn_status kn_draw_path(kn_builder *b);
/* g (closed) written as DOT and read back: the graph the dot command
 * would lay out.  dot orders the exposure view's columns far better
 * from it (fewer crossings) than from the graph as built; the DOT is the
 * same.  NULL with err filled on failure. */
Agraph_t *kn_graph_reread(Agraph_t *g, kn_error *err);
/* The path view's default title (map_path.c). */
void kn_path_title(kn_builder *b, kn_buf *t);

/* The legend's items for links and named actors, after prev (map_legend.c
 * passes its own item maker, so they look like its items). */
typedef Agnode_t *(*kn_legend_item_fn)(kn_builder *b, Agraph_t *sub,
				       const char *name, kn_node_kind kind,
				       const char *label);
void kn_legend_ripple(kn_builder *b, Agraph_t *sub, Agnode_t *prev,
		      kn_legend_item_fn item);
/* Those items as unchained nodes for the placed legend, at most max in
 * v; returns how many. */
size_t kn_legend_ripple_items(kn_builder *b, kn_legend_item_fn item,
			      Agnode_t **v, size_t max);
/* The default title of the ripple views into t; 0 for other views. */
int kn_ripple_title(kn_builder *b, kn_buf *t);

/* ---- shared with map_views.c (defined there) ---- */
Agnode_t *kn_view_signal_node(kn_builder *b, const kn_signal *s, int compact);
Agnode_t *kn_view_effect_node(kn_builder *b, const kn_signal *s,
			      const kn_effect *e);

/* ---- shared by the ripple views (map_links.c) ---- */
/* The edge from effect node en to actor node an in the links' style:
 * class "link card|detected winner|loser|named", solid for the card's,
 * dashed for detected; weight >= 0 labels it (and thickens it by
 * weight / max_weight). */
Agedge_t *kn_link_edge(kn_builder *b, Agnode_t *en, Agnode_t *an,
		       int detected, const char *role, double weight,
		       double max_weight);
/* Labels edge e with a weight and thickens it by weight / max. */
void kn_link_edge_weigh(kn_builder *b, Agedge_t *e, double weight, double max);
/* Declares the edge attributes a label needs (the base graph has none). */
void kn_edge_label_attrs(Agraph_t *g);
/* An actor's node on a ripple view: styled by its roles in the map's
 * signals (winner, loser, both) when it has any, else as named; detail
 * (as for kn_named_actor_node) goes under the name. */
Agnode_t *kn_ripple_actor_node(kn_builder *b, const char *key,
			       const char *name, const char *detail);
/* The node of an actor that no drawn signal names as a winner or loser
 * (class "actor named"), labelled name and, when not NULL, detail
 * (trusted Graphviz label text, its line end included). */
Agnode_t *kn_named_actor_node(kn_builder *b, const char *key,
			      const char *name, const char *detail);

#endif
