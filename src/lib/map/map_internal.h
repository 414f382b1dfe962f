/* knockon internal — what the map modules share (map.c, map_text.c,
 * map_build.c, map_render.c).  Only these files include cgraph/gvc. */
#ifndef KN_MAP_INTERNAL_H
#define KN_MAP_INTERNAL_H

#include <graphviz/cgraph.h>

#include "knockon/buf.h"
#include "knockon/map.h"
#include "kn_actor.h"

/* What the corpus said about the selection when it loaded only what a big
 * map draws (map_store.c): the whole selection's counts, so that labels
 * and the line saying what was left out are true of it, not of the few
 * signals loaded.  NULL for a map holding its whole selection. */
typedef struct kn_pick_actor {
	char *key;
	long n[3]; /* signals naming it, as a winner, as a loser */
} kn_pick_actor;

typedef struct kn_pick_category {
	char *name; /* NULL: no category */
	long n;
} kn_pick_category;

typedef struct kn_map_totals {
	long long n_signals; /* signals selected */
	long long n_actors;  /* corpus: actor groups named by >= min of them */
	kn_pick_actor *actors; /* corpus: the ranked actors drawn; actor: the actor */
	size_t n_pick;
	kn_pick_category *cats; /* selected signals per category */
	size_t n_cats;
	int one_agg; /* no categories: one aggregate for all that is left out */
} kn_map_totals;

/* The actor view counts the signals it leaves out per category up to
 * this many signals naming the actor; past it, in one aggregate. */
#define KN_PICK_CATEGORIES_MAX 50000

void kn_map_totals_free(kn_map_totals *t);

struct kn_map {
	kn_signal *sigs; /* owned copies, in the order added */
	size_t n_sigs, cap_sigs;
	size_t *by_id; /* hash of the ids: 1 + index into sigs, 0 free */
	size_t cap_by_id; /* a power of two, over twice n_sigs */
	/* who is who: the aliases and, from the corpus, the name an actor
	 * is shown by (kn_actor.h); own_ids unless a report lent its own */
	kn_actor_ids *own_ids;
	const kn_actor_ids *ids;
	struct kn_map_ripple *rip; /* links, exposure, paths (map_ripple.h) */
	kn_map_totals *totals; /* owned; see above */
};

/* The signal of m with this id (borrowed), or NULL. */
const kn_signal *kn_map_find(const kn_map *m, const char *id);

/* Frees what kn_map holds for the ripple views (map_ripple.c). */
void kn_map_ripple_free(struct kn_map_ripple *rip);

/* The corpus's display name for a canonical actor key (borrowed), or NULL
 * when the map has none (maps of signals in memory): then the spelling
 * most of the map's mentions use is shown. */
const char *kn_map_display_name(const kn_map *m, const char *key);

/* The key an actor name resolves to after aliases (heap, free() it) and,
 * when an alias gave one, its canonical name (borrowed from m, else NULL).
 * NULL when out of memory. */
char *kn_map_resolve(const kn_map *m, const char *name, const char **canonical);

/* Appends s as a node-name/id fragment: [A-Za-z0-9._-] and printable
 * non-ASCII as is, ' ' as '+', anything else %XX (invalid UTF-8 too). */
void kn_map_put_id(kn_buf *b, const char *s);

/* Bounds on what one piece of card text puts in a label (docs/maps.md). */
#define KN_MAP_LABEL_LINES 40
#define KN_MAP_LABEL_BYTES 4096
#define KN_MAP_ELLIPSIS "\xe2\x80\xa6" /* … */

/* Appends untrusted text as a plain Graphviz label: invalid UTF-8 becomes
 * U+FFFD, controls (C0 but newline, DEL, C1), bidi and other invisible
 * format characters are dropped, '\\' becomes "&#92;&#92;" and '&'
 * "&amp;"; words are wrapped to width display columns (0: no wrapping)
 * and every line, including the last, ends with eol ("\\l" to left-justify,
 * "\\n" to centre).  Paragraph breaks in the text are kept.  At most
 * KN_MAP_LABEL_LINES lines and KN_MAP_LABEL_BYTES bytes of text are
 * written (Graphviz crashes on labels of tens of thousands of lines); text
 * left out ends the last line with KN_MAP_ELLIPSIS.  Linear in the text. */
void kn_map_put_label(kn_buf *b, const char *text, size_t width,
		      const char *eol);

/* The display form of text for one line: like kn_map_put_label without
 * escaping or wrapping (controls dropped, newlines as spaces).  Heap. */
char *kn_map_clean_text(const char *text);

/* Every actor of a map's signals, one row per key after aliases, sorted
 * by key: how many signals name it and in which role. */
typedef struct kn_actor_row {
	char *key;        /* owned */
	const char *name; /* borrowed from the map: canonical or first seen */
	size_t n_signals, n_wins, n_losses;
} kn_actor_row;

typedef struct kn_actor_table {
	kn_actor_row *rows;
	size_t n;
} kn_actor_table;

kn_status kn_actor_table_build(kn_actor_table *t, const kn_map *m);
const kn_actor_row *kn_actor_table_find(const kn_actor_table *t,
					const char *key);
void kn_actor_table_release(kn_actor_table *t);

/* Builds the graph of m for o (view, prefix, legend, title).  Returns NULL
 * with err filled on failure.  Free with agclose. */
Agraph_t *kn_map_build(const kn_map *m, const kn_map_options *o,
		       kn_error *err);

/* The time line of m's dated signals (map_timeline.c), as kn_map_build
 * returns a graph: laid out "nop2", everything placed by knockon. */
Agraph_t *kn_timeline_build(const kn_map *m, const kn_map_options *o,
			    kn_error *err);

/* Lays out and renders g (or writes it, for KN_FORMAT_DOT) as o says
 * (map_render.c), appending to out; g stays the caller's to agclose. */
kn_status kn_graph_render(kn_renderer *r, Agraph_t *g, const kn_map_options *o,
			  kn_buf *out, kn_error *err);

/* Adds o's legend to g, laid out and with its positions attached ("pos",
 * "bb"): pinned at the right of the map, or under it when the map is
 * narrow, and makes g's layout "nop2" to render it as placed. */
void kn_legend_place(Agraph_t *g, const kn_map_options *o);

/* The engine used when o->engine is NULL, for a graph of n nodes. */
const char *kn_map_default_engine(kn_view view, int n_nodes);

#endif
