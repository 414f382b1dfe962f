/* knockon — reports (docs/report.md): the signals a filter selects, as one
 * self-contained HTML page or as Markdown with its maps beside it.
 *
 * A report holds a header (the filters and the date it was made), a
 * summary (how many signals, the period, the categories), what changed,
 * the recurring losers and winners and the contested actors (the top N
 * rows of each), the corpus maps (one per category, each of at most
 * KN_REPORT_MAP_NODES nodes), then a section for each of the top N
 * signals by score (every signal with o->all: title, metadata, why it
 * matters, its causal map, its winners, losers and effects) and an index
 * of the actors those name.  Signals and actors link to each other by
 * anchors ("#sig-ID" when the id is made of [A-Za-z0-9._-] and starts
 * with a letter or digit, else "#sigx-HASH"; "#actor-HASH" from the actor
 * key after aliases), so no card text ever becomes an id, a file name or
 * a link target; a signal without a section is named as text.
 *
 * HTML: styles inline, maps inline as SVG (prolog, DOCTYPE and comments
 * removed; ids prefixed "cK-" for the K-th corpus map, "mN-" for the N-th
 * signal), a Content-Security-Policy that allows no script and no remote
 * load, print and narrow-screen CSS.  Every card text is HTML-escaped; a
 * card URL becomes a link only when it is http(s).
 *
 * Markdown: NAME.md with the maps as SVG files in NAME_maps/ beside it,
 * linked relatively.  Card text is escaped so that it stays text (no raw
 * HTML, no emphasis, links or block structure from a card).
 *
 * Output is deterministic: the same corpus, filter and options (o->made
 * included) give the same bytes. */
#ifndef KNOCKON_REPORT_H
#define KNOCKON_REPORT_H

#include "knockon/export.h"

#include <stddef.h>
#include "knockon/buf.h"
#include "knockon/error.h"
#include "knockon/map.h"
#include "knockon/query.h"
#include "knockon/store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum kn_report_format {
	KN_REPORT_HTML = 0,
	KN_REPORT_MD
} kn_report_format;

/* Where the time went, in seconds, when the caller asks for it. */
typedef struct kn_report_timing {
	double query;  /* reading signals, recurring actors, aliases, maps'
			* signals from the corpus */
	double render; /* Graphviz layout and SVG rendering */
	double write;  /* assembling the page and writing the files */
	size_t maps;   /* maps rendered */
} kn_report_timing;

/* Called while the maps are drawn (done of total), for a progress line;
 * the library never prints it. */
typedef void (*kn_report_progress_fn)(void *ctx, size_t done, size_t total);

/* The date in the header when the caller gives none: the current time. */
#define KN_REPORT_MADE_NOW (-1LL)

/* A signal or table cell names at most this many signals, then "+N more"
 * linking to the actor's row in the index, which names at most
 * KN_REPORT_ACTOR_SIGNALS. */
#define KN_REPORT_CELL_SIGNALS 10
#define KN_REPORT_ACTOR_SIGNALS 25
/* Nodes per corpus map at most: the corpus is drawn as one map per
 * category, each this size or smaller, so its labels stay readable. */
#define KN_REPORT_MAP_NODES 40

typedef struct kn_report_options {
	kn_report_format format;
	const char *title;       /* NULL: "knockon report" */
	long min_recurring;      /* losers/winners tables: named by ≥ N
				  * signals (default 2) */
	int corpus_min_count;    /* corpus maps: actors named by ≥ N of a
				  * map's signals; 0 (default): the smallest
				  * N that keeps the map within
				  * KN_REPORT_MAP_NODES nodes */
	int maps;                /* draw the maps (default 1) */
	size_t top;              /* rows per table, signal sections and
				  * corpus maps (default 20, at least 1) */
	int all;                 /* a section for every signal, not only
				  * the top ones by score (default 0) */
	long long made;          /* the header's date, seconds since 1970
				  * (SOURCE_DATE_EPOCH); KN_REPORT_MADE_NOW
				  * (default): the current time */
	kn_report_progress_fn progress; /* NULL, or called as maps are drawn */
	void *progress_ctx;
	kn_renderer *renderer;   /* NULL: one is opened for the call */
	kn_report_timing *timing; /* NULL, or filled (zeroed first) */
} kn_report_options;

/* Defaults: HTML, default title, min_recurring 2, maps on, top 20, the
 * current date. */
KN_API void kn_report_options_init(kn_report_options *o);

/* Parses "html" or "md" (also "markdown").  Returns 0, or -1. */
KN_API int kn_report_format_parse(const char *s, kn_report_format *out);

/* Appends the report of the signals f selects (f may be NULL: all) to out.
 * Markdown written this way refers to report_maps/NAME.svg files that only
 * kn_report_write_file writes.  KN_ERR_NOTFOUND when the filter selects no
 * signal; KN_ERR_RENDER when a map cannot be drawn. */
KN_API kn_status kn_report_write(kn_store *st, const kn_filter *f,
				 const kn_report_options *o, kn_buf *out,
				 kn_error *err);

/* Writes the report to path:
 *   HTML: path is the file ("-": standard output);
 *   Markdown: path is a folder (created if missing, "DIR/" or "DIR")
 *   receiving report.md and report_maps/NAME.svg; a path ending in ".md"
 *   that is not a folder is the Markdown file itself, FILE.md, with its
 *   maps in FILE_maps/ beside it (never an existing maps/ folder).
 * Each file is written under a temporary name in its folder and renamed
 * over the final name only when complete, so a failure never leaves half
 * a file; report.md is renamed last.  KN_ERR_USAGE for Markdown to "-". */
KN_API kn_status kn_report_write_file(kn_store *st, const kn_filter *f,
				      const kn_report_options *o, const char *path,
				      kn_error *err);


/* ---- trend charts ("trend -T", docs/changes.md) ---- */

/* Draws t (from kn_query_trend, counted every period) as a chart, one
 * panel an actor, wins and losses per period (kn_chart_render): o->format
 * svg, png or pdf, o->id_prefix and o->scalable as for maps. */
KN_API kn_status kn_trend_chart(kn_renderer *r, const kn_trends *t,
				kn_period every, const kn_map_options *o,
				kn_buf *out, kn_error *err);
/* The same, written to path as kn_map_render_file writes a map ("-":
 * standard output). */
KN_API kn_status kn_trend_chart_file(kn_renderer *r, const kn_trends *t,
				     kn_period every, const kn_map_options *o,
				     const char *path, kn_error *err);

#ifdef __cplusplus
}
#endif
#endif
