/* knockon — causal maps (docs/maps.md): signals, their effects and their actors
 * as a Graphviz graph, laid out and rendered in this process.
 *
 * Three handles, each kn_x_open / kn_x_close (close accepts NULL):
 *   kn_renderer  the one Graphviz context of the process (plugins loaded
 *                once); not thread-safe, use processes to render in
 *                parallel.  Reuse it for every map.
 *   kn_map       what a map is made of: copies of signals and the actor
 *                aliases to apply.  Built in memory or from the corpus.
 *   options      a caller-owned kn_map_options (kn_map_options_init) saying
 *                how to draw it: view, format, engine, ids, legend, title.
 *
 * Node names are stable ids, never labels: "sig:ID", "eff:ID:EID" and
 * "act:KEY" (KEY = the actor key after aliases), with any byte outside
 * [A-Za-z0-9._-] and printable non-ASCII written %XX (a space as '+'), so
 * names and SVG ids never carry markup, DOT escapes or white space.  Every
 * node and edge has an "id" (the option's prefix + name; edges
 * "TAIL--HEAD") and a "class": "signal", "effect order-N",
 * "actor winner", "actor loser", "actor winner loser"; edges "causes",
 * "benefits", "harms"; legend objects "legend".
 *
 * Card text only ever reaches Graphviz as plain, escaped labels (see
 * docs/maps.md): no DOT escape is interpreted, nothing becomes markup or a
 * link.  The same map and options give byte-identical output. */
#ifndef KNOCKON_MAP_H
#define KNOCKON_MAP_H

#include "knockon/export.h"

#include <stddef.h>
#include "knockon/buf.h"
#include "knockon/error.h"
#include "knockon/signal.h"
#include "knockon/store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum kn_view {
	KN_VIEW_SIGNAL = 0, /* a signal: effects by order left to right, actors */
	KN_VIEW_CHAIN,      /* the effect chain alone: signal → 1 → 2 → 3 */
	KN_VIEW_ACTOR,      /* one actor, the signals naming it, their chains */
	KN_VIEW_CORPUS,     /* signals and their shared actors, no effects */
	KN_VIEW_TIMELINE,   /* signals along a date axis, one lane a category,
			     * sized by score (docs/changes.md) */
	KN_VIEW_EXPOSURE,   /* the chains that reach one actor, orders as
			     * columns, the actor last (docs/ripple.md) */
	KN_VIEW_PATH        /* chains from a signal or actor to an actor,
			     * hop by hop, each hop in its card */
} kn_view;

typedef enum kn_format {
	KN_FORMAT_DOT = 0, /* the graph before layout: re-reads with Graphviz */
	KN_FORMAT_SVG,
	KN_FORMAT_PNG,
	KN_FORMAT_PDF
} kn_format;

typedef struct kn_map_options {
	kn_view view;
	kn_format format;
	const char *engine;    /* NULL: the view's default (see docs/maps.md) */
	const char *id_prefix; /* NULL or "": none; only [A-Za-z0-9_.:-] */
	const char *title;     /* NULL: derived from the map; "" for none */
	const char *actor;     /* KN_VIEW_ACTOR: the actor (any case or alias) */
	int scalable;          /* SVG: no width/height on <svg>, viewBox kept */
	int legend;            /* draw the legend (default 1) */
	int min_count;         /* KN_VIEW_CORPUS: keep actors named by ≥ N
				  signals (default 1: all) */
	int wrap;              /* label width in columns (default 30) */
	int links;             /* KN_VIEW_CORPUS, KN_VIEW_SIGNAL: draw the
				  effect -> actor links kn_map_load_links
				  gave the map (card solid, detected dashed) */
	int max_nodes;         /* KN_VIEW_CORPUS, KN_VIEW_ACTOR: draw at most
				  about this many nodes, the most recurrent
				  actors and their strongest signals, the rest
				  counted per category (default
				  KN_MAP_MAX_NODES; 0: no limit) */
	int dpi;               /* PNG: dots per inch (default KN_MAP_DPI) */
} kn_map_options;

/* The default node budget of the corpus and actor views, and PNG's
 * resolution (meant for documents and slides). */
#define KN_MAP_MAX_NODES 60
#define KN_MAP_DPI 144
/* The largest node budget an option may ask for. */
#define KN_MAP_NODES_LIMIT 100000

/* Defaults: signal view, SVG, default engine, legend on, no prefix. */
KN_API void kn_map_options_init(kn_map_options *o);

/* Parses "signal", "chain", "actor", "corpus", "timeline", "exposure",
 * "path" / "dot", "svg",
 * "png", "pdf".  Returns 0, or -1 when s is none of them. */
KN_API int kn_view_parse(const char *s, kn_view *out);
KN_API int kn_format_parse(const char *s, kn_format *out);
/* "signal", … / "dot", … (static strings). */
KN_API const char *kn_view_name(kn_view v);
KN_API const char *kn_format_name(kn_format f);

/* Appends s encoded as node ids are (see above).  With an extension
 * after it, it is also a safe file name: no '/', white space or control
 * character. */
KN_API void kn_map_id_append(kn_buf *b, const char *s);

/* Bytes above which a signal's map file is not named after its id. */
#define KN_MAP_STEM_MAX 200

/* Appends the stem of the file that holds signal id's map in a folder
 * ("-o DIR/"): the id encoded as by kn_map_id_append when that takes at
 * most KN_MAP_STEM_MAX bytes, else "sigx-" and a hash of the id, the
 * stem the Markdown report gives the same signal's map.  With an
 * extension it always fits a file name (at most 255 bytes). */
KN_API void kn_map_file_stem(kn_buf *b, const char *id);

/* Checks options that come from users (prefix characters, engine name,
 * ranges).  err->field names the option. */
KN_API kn_status kn_map_options_check(const kn_map_options *o, kn_error *err);

/* ---- the renderer: one Graphviz context per process ---- */

typedef struct kn_renderer kn_renderer;

/* Creates the Graphviz context and silences Graphviz's own stderr messages
 * (they are returned in kn_error instead).  *out is NULL on failure. */
KN_API kn_status kn_renderer_open(kn_renderer **out, kn_error *err);
/* Frees the context.  Accepts NULL. */
KN_API void kn_renderer_close(kn_renderer *r);
/* The version of the Graphviz libraries r renders with, e.g. "2.42.2"
 * (owned by Graphviz, valid while r is open). */
KN_API const char *kn_renderer_graphviz_version(const kn_renderer *r);

/* Makes knockon's own font the only one Graphviz can use, so that a map's
 * layout does not depend on the fonts a machine has (docs/maps.md:
 * fonts-dejavu-core's DejaVu Sans, or $KNOCKON_FONT_FILE; "system" keeps
 * the machine's fonts).  Done once per process, before the first renderer;
 * kn_renderer_open calls it.  Returns NULL when that font is in use, else
 * why not (a static string, for the caller to show once). */
KN_API const char *kn_map_font_setup(void);

/* ---- the map ---- */

typedef struct kn_map kn_map;

/* An empty map.  Free with kn_map_close. */
KN_API kn_status kn_map_open(kn_map **out, kn_error *err);
KN_API void kn_map_close(kn_map *m);

/* Adds a deep copy of a finished signal (the caller keeps sig).  A signal
 * whose id is already in the map replaces nothing and is skipped. */
KN_API kn_status kn_map_add_signal(kn_map *m, const kn_signal *sig, kn_error *err);
/* Treats actor name as canonical (both compared by actor key). */
KN_API kn_status kn_map_add_alias(kn_map *m, const char *name, const char *canonical,
				  kn_error *err);
/* Number of signals in the map. */
KN_API size_t kn_map_count(const kn_map *m);

/* Builds the map a view needs from the corpus, with its aliases:
 *   signal, chain: what is the signal id (filter ignored);
 *   actor: what is the actor name (matched by key, after aliases); the
 *          signals naming it that the filter selects;
 *   corpus: what is ignored; the signals the filter selects;
 *   timeline: the same, at most KN_TIMELINE_MAX of them (the newest);
 *   exposure: what is the actor; its exposure (kn_query_exposure, decay
 *          0.5) over the signals the filter selects, of which the
 *          strongest f->limit rows (0: KN_EXPOSURE_MAP_ROWS) are drawn,
 *          with the signals they come from;
 *   path: KN_ERR_USAGE (use kn_map_from_path).
 * KN_ERR_NOTFOUND when the id or actor is unknown or no signal is
 * selected.  *out (free with kn_map_close) is NULL on failure. */
KN_API kn_status kn_map_from_store(kn_store *st, kn_view view, const char *what,
				   const kn_filter *f, kn_map **out, kn_error *err);
/* The same for the map o describes (o->view, o->max_nodes, o->min_count):
 * when the corpus or actor view would pass o->max_nodes, only what it
 * draws is read from the corpus (docs/maps.md), in time bounded by
 * o->max_nodes and the size of the selection's indexes.  kn_map_from_store
 * is this with the default options of view. */
KN_API kn_status kn_map_from_store_for(kn_store *st, const kn_map_options *o,
				       const char *what, const kn_filter *f,
				       kn_map **out, kn_error *err);

/* The map of the path view: the chains kn_path_query (knockon/converge.h)
 * finds from `from` (a signal id, or a unique prefix of one, else an
 * actor name) to actor `to` through the cards f selects, at most 8 edges
 * each, at most f->limit of them (0: 5), with the signals they go
 * through.  KN_ERR_NOTFOUND when `from` or `to` names nothing or no
 * chain exists (the message says which).  *out is NULL on failure. */
KN_API kn_status kn_map_from_path(kn_store *st, const char *from, const char *to,
				  const kn_filter *f, kn_map **out, kn_error *err);

/* Rows of an exposure the exposure view draws unless told otherwise: the
 * strongest by weight; the map says how many it left out. */
#define KN_EXPOSURE_MAP_ROWS 30

/* Adds to m the effect -> actor links in force (knockon/ripple.h) of its
 * signals, for o->links: those of the signals f selects (f->limit
 * ignored; NULL: every signal) that are in m.  Linear in the links f
 * selects. */
KN_API kn_status kn_map_load_links(kn_map *m, kn_store *st, const kn_filter *f,
				   kn_error *err);

/* Lays out and renders m as o says, appending the bytes to out (binary
 * for PNG and PDF: use out->len, not strlen).  KN_ERR_RENDER with
 * Graphviz's own message when layout or rendering fails; KN_ERR_NOTFOUND
 * when the actor view's actor is not in the map. */
KN_API kn_status kn_map_render(kn_renderer *r, const kn_map *m,
			       const kn_map_options *o, kn_buf *out, kn_error *err);

/* The same, written to path through a temporary file in the same folder
 * that is renamed over path only once complete ("-" writes to stdout). */
KN_API kn_status kn_map_render_file(kn_renderer *r, const kn_map *m,
				    const kn_map_options *o, const char *path,
				    kn_error *err);


/* ---- the time line and charts: positions chosen by knockon ---- */

/* The time line (KN_VIEW_TIMELINE) draws at most this many signals, the
 * newest; with at most KN_TIMELINE_TITLED of them each shows its title. */
#define KN_TIMELINE_MAX 2000
#define KN_TIMELINE_TITLED 120

/* A chart of counts per period: one panel a subject (an actor), each with
 * two lines, wins (solid, round marks) and losses (dashed, square marks),
 * over the same periods.  Text is card text: escaped as in the maps. */
typedef struct kn_chart_panel {
	const char *title;   /* the panel's subject */
	const long *wins;    /* n values */
	const long *losses;  /* n values */
} kn_chart_panel;

typedef struct kn_chart {
	const char *title;          /* NULL or "": none */
	const char *note;           /* a line under the title, or NULL */
	const char *const *periods; /* n labels along the x axis */
	size_t n;
	const kn_chart_panel *panels;
	size_t n_panels;
} kn_chart;

/* Renders c as o->format (svg, png, pdf; dot for the graph itself),
 * o->id_prefix and o->scalable applying as for maps; the view, engine
 * and legend options are ignored.  Deterministic, as maps are. */
KN_API kn_status kn_chart_render(kn_renderer *r, const kn_chart *c,
				 const kn_map_options *o, kn_buf *out,
				 kn_error *err);

#ifdef __cplusplus
}
#endif
#endif
