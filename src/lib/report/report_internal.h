/* knockon internal — what the report modules share: the data gathered from
 * the corpus once, and the escaping and naming helpers.  Not public API. */
#ifndef KN_REPORT_INTERNAL_H
#define KN_REPORT_INTERNAL_H

#include <stddef.h>

#include "knockon/buf.h"
#include "knockon/query.h"
#include "knockon/report.h"
#include "knockon/signal.h"
#include "kn_actor.h"
#include "kn_text.h"

/* One actor named by one signal in one role, keyed by the hash of the
 * actor key after aliases (what "#actor-HASH" is made of). */
typedef struct rpt_use {
	unsigned long long actor;
	size_t sig;
	kn_role role;
	const char *name; /* as the signal spells it (borrowed) */
	const char *note;
} rpt_use;

/* The uses of one actor: r->uses[first .. first + n). */
typedef struct rpt_group {
	unsigned long long actor;
	size_t first, n;
	long winner, loser; /* distinct signals per role */
} rpt_group;

/* A rendered map, cleaned for inlining. */
typedef struct rpt_map {
	kn_buf svg;    /* from "<svg" on, no comments; empty when no map */
	double width;  /* the viewBox size in points, 0 when unknown */
	double height;
} rpt_map;

/* One corpus map: the signals of one category it draws (the top ones by
 * score), the minimum count that keeps it within KN_REPORT_MAP_NODES
 * nodes, and its rendering. */
typedef struct rpt_cmap {
	const char *category; /* borrowed from a signal; NULL: uncategorised */
	size_t cat_signals;   /* selected signals of the category */
	size_t *sigs;         /* the signals drawn, by rank */
	size_t n_sigs;
	int min;              /* actors named by ≥ min of them */
	size_t n_actors;      /* actors drawn */
	size_t n_drawn;       /* signals drawn (naming a kept actor) */
	rpt_map map;
} rpt_cmap;

typedef struct rpt {
	const kn_report_options *o;
	const char *title;
	size_t top;      /* o->top, at least 1 */
	kn_signal *sigs; /* newest first */
	size_t n_sigs, cap_sigs;
	kn_actor_counts losers, winners;
	kn_actor_roles_list actors; /* every actor */
	kn_actor_ids *ids; /* the corpus's aliases and display names */
	rpt_use *uses; /* sorted by actor, then signal, then role */
	size_t n_uses;
	rpt_group *groups; /* sorted by actor */
	size_t n_groups;
	kn_signal **by_id; /* the signals sorted by id */
	size_t *order;   /* signal indices by score, then confidence, newest */
	size_t *rank;    /* rank[i]: the position of signal i in order */
	size_t n_shown;  /* order[0 .. n_shown) have a section */
	char *listed;    /* per group: has a row in the actor index */
	size_t n_listed;
	rpt_map *maps;   /* [i]: the map of signal i (when it has a section) */
	rpt_cmap *cmaps; /* the corpus maps, largest category first */
	size_t n_cmaps, n_categories;
	char made[11];   /* YYYY-MM-DD (UTC) */
	const char *md_maps; /* Markdown: the maps' folder, relative */
	int oom;       /* copying a signal failed */
	struct rpt_changes *changes; /* "What changed" (report_changes.c) */
	struct rpt_converge *converge; /* report_converge.c */
} rpt;

/* ---- report_select.c: what the report shows at any size ---- */

/* r->order, r->rank, r->n_shown (after the signals). */
int rpt_select_signals(rpt *r);
/* r->listed: the actors the shown tables and signals name (after the
 * tables and r->groups). */
int rpt_select_actors(rpt *r);
/* Plans r->cmaps (the signals and minimum count of each). */
int rpt_plan_corpus(rpt *r);
void rpt_select_release(rpt *r);
/* Non-zero when signal i has a section. */
int rpt_has_section(const rpt *r, size_t i);
/* Non-zero when the actor of g has a row in the index. */
int rpt_is_listed(const rpt *r, const rpt_group *g);
/* The distinct signals of g in role (KN_WINNER, KN_LOSER, or -1 for
 * both: each signal once per role), best rank first: at most max of them
 * into out (and their roles into roles, unless NULL); returns how many
 * there are in all. */
size_t rpt_group_signals(const rpt *r, const rpt_group *g, int role,
			 size_t *out, kn_role *roles, size_t max);

/* ---- report_text.c ---- */

/* Appends s HTML-escaped (& < > " ' as entities), C0 and C1 controls but
 * \n and \t dropped, bidi controls shown as "<U+202E>", invalid UTF-8
 * bytes as U+FFFD.  NULL appends nothing. */
void rpt_html(kn_buf *b, const char *s);
/* The same, with paragraphs (split on blank lines) as <p>…</p>. */
void rpt_html_paras(kn_buf *b, const char *s);
/* Appends s as Markdown text: every ASCII punctuation character
 * backslash-escaped, white space runs (newlines too) made one space,
 * controls dropped, bidi controls shown as "<U+202E>", invalid UTF-8 as
 * U+FFFD. */
void rpt_md(kn_buf *b, const char *s);
/* The same, paragraphs (split on blank lines) separated by a blank line. */
void rpt_md_paras(kn_buf *b, const char *s);
/* Non-zero when url is an http(s) URL safe to use as a link target: valid
 * UTF-8 with no white space, control, bidi or other invisible format
 * character (else it is shown as text). */
int rpt_url_linkable(const char *url);

/* Appends "actor-HASH" for an actor key hash. */
void rpt_actor_anchor(kn_buf *b, unsigned long long actor);

/* The hash of an actor's canonical key (kn_actor.h; 0 when out of
 * memory). */
unsigned long long rpt_actor_hash(const rpt *r, const char *name);

/* Cleans a Graphviz SVG for inlining into map: drops everything before
 * "<svg" and every comment, reads the viewBox size.  KN_ERR_RENDER when
 * the SVG holds what must never reach a page (script, foreignObject, a
 * link or an event attribute). */
kn_status rpt_svg_clean(const kn_buf *svg, rpt_map *map, kn_error *err);

/* ---- report_html.c / report_md.c ---- */

void rpt_write_html(const rpt *r, kn_buf *out);
/* map_dir: the relative folder of the map files ("maps"). */
void rpt_write_md(const rpt *r, kn_buf *out, const char *map_dir);

/* ---- report_file.c ---- */

/* Creates the folder path unless it exists. */
kn_status rpt_mkdir(const char *path, kn_error *err);

/* Where a Markdown report goes: FILE.md and its maps in FILE_maps/ beside
 * it; a folder DIR gets DIR/report.md and DIR/report_maps/. */
typedef struct rpt_md_dest {
	char *dir;       /* the folder of the .md file */
	char *md;        /* the .md file */
	char *maps;      /* the maps' folder */
	char *maps_name; /* the same, relative to dir ("FILE_maps") */
} rpt_md_dest;
kn_status rpt_md_dest_of(const char *path, rpt_md_dest *d, kn_error *err);
/* Writes the maps, then text as the .md file. */
kn_status rpt_md_write_files(const rpt *r, const rpt_md_dest *d,
			     const kn_buf *text, kn_error *err);
void rpt_md_dest_release(rpt_md_dest *d);
/* Appends the relative path of a map file to a Markdown link target:
 * folder/NAME.svg, each byte outside [A-Za-z0-9._~-] of folder %XX. */
void rpt_md_map_target(const rpt *r, kn_buf *b, const char *name);

/* ---- shared facts for both writers ---- */

/* The group of actor, or NULL when no selected signal names it. */
const rpt_group *rpt_group_of(const rpt *r, unsigned long long actor);
/* The index of the signal with this id, or -1. */
long rpt_find_sig(const rpt *r, const char *id);
/* Builds r->groups and r->by_id (after r->uses); -1 when out of memory. */
int rpt_index(rpt *r);
/* Earliest and latest "published" (first 10 characters), NULL if none. */
void rpt_period(const rpt *r, const char **first, const char **last);

/* Calls fn for every actor of the report, once each: in the order of
 * r->actors (count, then name) with its display name, then any actor the
 * query did not list, with the name the first signal gives it. */
typedef void (*rpt_actor_fn)(const rpt *r, kn_buf *b, const rpt_group *g,
			     const char *name);
void rpt_each_actor(const rpt *r, kn_buf *b, rpt_actor_fn fn);

/* Categories of the signals with their counts, most first then name. */
typedef struct rpt_category {
	const char *name; /* borrowed from a signal */
	size_t count;
} rpt_category;
rpt_category *rpt_categories(const rpt *r, size_t *n);

/* ---- report_changes.c: "What changed" and the time line ---- */

/* The diff of the windows up to the newest signal sel selects, and the
 * weekly counts of its actors (r->sigs gathered first). */
kn_status rpt_changes_gather(kn_store *st, const kn_filter *sel, rpt *r,
			     kn_error *err);
/* Renders the time line of r->sigs (nothing when none is dated). */
kn_status rpt_changes_draw(rpt *r, kn_renderer *rr, kn_buf *tmp,
			   kn_error *err);
void rpt_changes_release(rpt *r);
/* The rows compared, or NULL when no selected signal is dated. */
const kn_diff *rpt_changes_diff(const rpt *r);
/* The weekly counts of the actor of diff row i (NULL: none). */
const kn_trend *rpt_changes_trend(const rpt *r, size_t i);
/* The time line, or NULL when not drawn. */
const rpt_map *rpt_changes_timeline(const rpt *r);
/* The report's filter. */
const kn_filter *rpt_changes_filter(const rpt *r);
/* Appends the scope line: the filters and the windows, escaped for HTML
 * or (md) Markdown. */
void rpt_changes_scope(const rpt *r, const kn_filter *f, kn_buf *b, int md);
/* Writes MAPS/timeline.svg for the Markdown report (MAPS: its maps'
 * folder). */
kn_status rpt_changes_write_md_files(const rpt *r, const char *maps,
				     kn_error *err);

/* ---- report_changes_out.c: the sections as HTML and Markdown ---- */

void rpt_changes_html(const rpt *r, kn_buf *b);
void rpt_changes_md(const rpt *r, kn_buf *b, const char *map_dir);

/* ---- report_converge.c: "Where the ripples converge" ---- */

#include "knockon/map.h"
#include "knockon/store.h"

/* The top converging actors of the signals sel selects, their exposure
 * rows and (with maps) their exposure maps, ready to draw. */
kn_status rpt_converge_gather(kn_store *st, const kn_filter *sel, rpt *r,
			      kn_error *err);
kn_status rpt_converge_draw(rpt *r, kn_renderer *rr, kn_buf *tmp,
			    kn_error *err);
void rpt_converge_release(rpt *r);
/* 1 when the section is there (gathered). */
int rpt_converge_any(const rpt *r);
void rpt_converge_html(const rpt *r, kn_buf *b);
void rpt_converge_md(const rpt *r, kn_buf *b, const char *map_dir);
/* Writes DIR/maps/converge-N.svg for the Markdown report. */
kn_status rpt_converge_write_md_files(const rpt *r, const char *maps,
				      kn_error *err);

#endif
