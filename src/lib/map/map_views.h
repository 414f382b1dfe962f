/* knockon internal — the map views (map_views.c) and the legend and title
 * (map_legend.c), called by map_build.c.  They draw with map_graph.h and
 * never call map_build.c.  Not part of the public API. */
#ifndef KN_MAP_VIEWS_H
#define KN_MAP_VIEWS_H

#include "map_graph.h"

/* What each view draws into b->g (KN_OK, or an error in b->err). */
kn_status kn_draw_signals(kn_builder *b, int with_actors);
kn_status kn_draw_actor(kn_builder *b);
kn_status kn_draw_corpus(kn_builder *b);
void kn_draw_legend(kn_builder *b);
void kn_draw_title(kn_builder *b);

#endif
