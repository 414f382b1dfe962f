/* knockon internal — what the map views draw with (map_graph.c): the
 * builder's state, node and edge kinds, nodes and edges in their styles,
 * labels and names.  Used by map_build.c and the views (map_views.c,
 * map_legend.c); it declares nothing of theirs, so the calls go one way.
 * Not part of the public API. */
#ifndef KN_MAP_GRAPH_H
#define KN_MAP_GRAPH_H

#include "map_internal.h"

/* One font for every object: the family knockon lays maps out with
 * (map_font.c), then a generic fallback for viewers of the SVG. */
#define KN_MAP_FONT "DejaVu Sans,sans-serif"
/* Nodes above which a map counts as big (engine and dot limits). */
#define KN_MAP_BIG 300
/* Edges routed round the nodes (splines=true) in a map not laid out by
 * dot; more are drawn curved (map_build.c). */
#define KN_MAP_ROUTED_EDGES 120
/* Actors drawn per signal and role; the rest are one "+N more" node
 * (dot's layout time grows with the square of a rank's nodes). */
#define KN_MAP_ROLE_MAX 50

typedef enum kn_node_kind {
	KN_NODE_SIGNAL,
	KN_NODE_ORDER1,
	KN_NODE_ORDER2,
	KN_NODE_ORDER3,
	KN_NODE_ORDERN,
	KN_NODE_WINNER,
	KN_NODE_LOSER,
	KN_NODE_BOTH,
	KN_NODE_MORE, /* "+N more winners": the actors not drawn */
	KN_NODE_NOTE  /* plain text (legend heading) */
} kn_node_kind;

typedef enum kn_edge_kind {
	KN_EDGE_CAUSES,
	KN_EDGE_BENEFITS,
	KN_EDGE_HARMS,
	KN_EDGE_LEGEND,
	KN_EDGE_MORE /* to an aggregate of signals not drawn */
} kn_edge_kind;

/* What a corpus or actor map draws when all of it would pass
 * o->max_nodes (map_pick.c): the most recurrent actors, their strongest
 * signals, and one aggregate per category for the rest. */
typedef struct kn_pick_agg {
	const char *name; /* borrowed; NULL: no category; "" other categories */
	long long n;      /* signals of it not drawn */
} kn_pick_agg;

typedef struct kn_pick {
	int active;            /* something is left out */
	unsigned char *drawn;  /* per map signal: 1 drawn, 2 left out, 0 not
				  of the selection (another actor's) */
	unsigned char *only;   /* corpus: per actor row: drawn (NULL: any) */
	long long left_signals, left_actors;
	kn_pick_agg *aggs;
	size_t n_aggs;
} kn_pick;

typedef struct kn_builder {
	const kn_map *m;
	const kn_map_options *o;
	kn_error *err;
	Agraph_t *g;
	const char *prefix;
	size_t wrap;
	kn_actor_table actors;
	char *focus; /* the actor view's actor key */
	const char *engine; /* the layout engine the graph asks for */
	kn_buf name, id, label; /* scratch */
	int n_nodes;
	size_t *seen; /* per actor row: the draw_role call that saw it last */
	size_t stamp; /* draw_role calls so far */
	kn_pick pick;
} kn_builder;

char *kn_mut(const char *s);
void kn_set(void *obj, const char *name, const char *value);

/* The node named name, created (with id, class and style of kind k; cls
 * overrides the class) when new: *created says which. */
Agnode_t *kn_add_node(kn_builder *b, const char *name, kn_node_kind k,
		      const char *cls, int *created);
/* The edge t → h of kind k, created once (named "T--H"). */
Agedge_t *kn_add_edge(kn_builder *b, Agnode_t *t, Agnode_t *h,
		      kn_edge_kind k);
/* Sets obj's label to b->label (already escaped). */
void kn_set_label(kn_builder *b, void *obj);

/* Names in b->name (valid until the next name call). */
const char *kn_sig_name(kn_builder *b, const kn_signal *s);
const char *kn_eff_name(kn_builder *b, const kn_signal *s, const char *eid);
const char *kn_act_name(kn_builder *b, const char *key);

/* Chooses what b's corpus or actor view draws (map_pick.c); b->pick
 * stays inactive when everything fits.  Releases with kn_pick_release. */
kn_status kn_pick_choose(kn_builder *b);
void kn_pick_release(kn_pick *p);
/* Draws the aggregates of b->pick, from the actor node focus (or none). */
void kn_pick_draw_aggs(kn_builder *b, Agnode_t *focus);
/* The corpus pick's shape for a budget of max nodes: how many actors and
 * how many strongest signals each (also used to load from the corpus). */
void kn_pick_shape(int max, size_t n_ranked, size_t *n_actors, size_t *per_actor);
/* Aggregate nodes at most (the last one "other categories"). */
#define KN_PICK_AGGS 6

#endif
