/* knockon — the ripple across cards (docs/ripple.md): the links from
 * effects to the actors they reach, given by the card or found in the
 * effect's text, and rejecting and restoring the ones found.
 *
 * Results are caller-owned structs: *_init before the call, *_release
 * after; every string in them is heap-owned by the result.  Actors are
 * named as the queries name them (knockon/query.h): compared by key,
 * after aliases, shown by their canonical display name. */
#ifndef KNOCKON_RIPPLE_H
#define KNOCKON_RIPPLE_H

#include "knockon/export.h"

#include <stddef.h>
#include "knockon/buf.h"
#include "knockon/error.h"
#include "knockon/format.h"
#include "knockon/signal.h"
#include "knockon/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One link from an effect to an actor. */
typedef struct kn_link {
	char *signal;  /* the signal's id */
	char *effect;  /* the effect's id in it ("e1", ...) */
	int order;     /* the effect's order */
	char *actor;   /* the actor's canonical display name */
	char *name;    /* the name linked: as the card gives it, or the
			* corpus's spelling of the name found */
	kn_effect_role role; /* KN_EFFECT_NAMED for every detection */
	int detected;  /* 1: found in the text; 0: given by the card */
	char *matched; /* detected: the text matched, exactly as written */
	long long offset; /* detected: its byte offset in the effect text; else -1 */
	int rejected;  /* a detection marked wrong (kn_link_reject) */
} kn_link;

typedef struct kn_link_list {
	kn_link *items;
	size_t n, cap;
} kn_link_list;

KN_API void kn_link_list_init(kn_link_list *l);
/* Frees every item.  Accepts NULL. */
KN_API void kn_link_list_release(kn_link_list *l);

/* The links of the effects of the signals f selects (f may be NULL),
 * those reaching actor only when actor is not NULL (compared by key,
 * after aliases).  rejected: the rejected detections instead of the
 * links in force.  Order: signals newest first (then id), effects in
 * card order, the card's links first, then by offset.  f->limit caps
 * the rows.  out must be initialised; it is released first. */
KN_API kn_status kn_links_list(kn_store *st, const char *actor, const kn_filter *f,
			       int rejected, kn_link_list *out, kn_error *err);

/* Marks the detection of actor name (compared by key, after aliases) in
 * effect effect_id of signal signal_id as wrong: no query counts it, and
 * it stays rejected when the signal is ingested again or its effects are
 * scanned again.  KN_ERR_NOTFOUND when there is no such signal, effect
 * or detection; KN_ERR_INVALID when the card itself names the actor
 * there (edit the card instead).  Rejecting twice is KN_OK. */
KN_API kn_status kn_link_reject(kn_store *st, const char *signal_id,
				const char *effect_id, const char *name,
				kn_error *err);

/* Undoes kn_link_reject: the rejection is forgotten and the effect's text
 * scanned again.  KN_ERR_NOTFOUND when no such rejection exists. */
KN_API kn_status kn_link_restore(kn_store *st, const char *signal_id,
				 const char *effect_id, const char *name,
				 kn_error *err);

/* Scans the text of every effect in the corpus again for every known
 * actor name (one pass over the corpus, in one transaction): after an
 * ingest with detection turned off.  Rejections stay. */
KN_API kn_status kn_links_detect(kn_store *st, kn_error *err);

/* Turns the detection of actor names in effect text on (the default) or
 * off for the writes that follow on st: with it off, signals stored keep
 * only the links their cards give, and new names start no rescans. */
KN_API void kn_store_set_detect(kn_store *st, int on);

/* Links as table, CSV or JSON.  JSON: one object a link, {"signal",
 * "effect", "order", "actor", "name", "role", "provenance" ("card" or
 * "detected"), "matched", "offset" (null for the card's), "rejected"};
 * table and CSV: signal, effect, actor, role, provenance, matched. */
KN_API kn_status kn_format_links(const kn_link_list *l, kn_out_format fmt,
				 kn_buf *out);
/* kn_format_links with the width and byte-order mark of o (a table cut
 * to o->width, CSV begun with the mark when o->bom). */
KN_API kn_status kn_format_links_opts(const kn_link_list *l,
				      const kn_format_opts *o, kn_buf *out);

/* ---- exposure: every way the corpus reaches an actor ---- */

/* How the rows of an exposure are summed up. */
typedef enum kn_exposure_by {
	KN_EXPOSURE_ROWS = 0,   /* every row */
	KN_EXPOSURE_BY_SIGNAL,  /* one group per signal, most exposure first */
	KN_EXPOSURE_BY_ORDER,   /* one group per order, 0 first */
	KN_EXPOSURE_BY_MONTH    /* one group per month published, oldest first,
				 * signals without a month last */
} kn_exposure_by;

/* Parses "signal", "order" or "month"; -1 (and *out untouched) when s is
 * none of them. */
KN_API int kn_exposure_by_parse(const char *s, kn_exposure_by *out);

typedef struct kn_exposure_opts {
	double decay;       /* weight factor per order, 0 to 1; default 0.5 */
	kn_exposure_by by;
	kn_filter filter;   /* which signals count; filter.limit caps the rows
			     * (groups) returned, never the exposure summed */
} kn_exposure_opts;

/* Defaults: decay 0.5, every row, no filter. */
KN_API void kn_exposure_opts_init(kn_exposure_opts *o);

/* One way a signal reaches the actor: its own role (order 0, via
 * "role") or an effect of order k linking it (via "card" or
 * "detected"). */
typedef struct kn_exposure_row {
	char *signal, *title;
	char *published; /* NULL when undated */
	int order;
	char *role;      /* "winner", "loser" or "named" */
	char *via;       /* "role", "card" or "detected" */
	char *effect;    /* the effect's id; NULL at order 0 */
	char *text;      /* the effect's text; NULL at order 0 */
	int score, confidence, impact; /* KN_ABSENT when absent */
	/* score/100 × confidence/100 × impact/100 × decay^order, an absent
	 * number counting as 50 */
	double weight;
} kn_exposure_row;

typedef struct kn_exposure_group {
	char *key;        /* the signal id or the month (YYYY-MM); NULL for
			   * signals without a month, and by order */
	int order;        /* by order: the order; else 0 */
	size_t rows;
	double exposure;  /* the sum of the group's weights */
} kn_exposure_group;

typedef struct kn_exposure {
	char *actor;       /* canonical display name */
	double exposure;   /* the sum of every row's weight */
	size_t n_all;      /* rows counted (rows may hold fewer: the limit) */
	kn_exposure_by by;
	kn_exposure_row *rows; /* ordered by signal (newest first, then id),
				* then order, then effect position; empty
				* when by is not KN_EXPOSURE_ROWS */
	size_t n, cap;
	kn_exposure_group *groups;
	size_t n_groups, cap_groups;
} kn_exposure;

KN_API void kn_exposure_init(kn_exposure *e);
/* Frees everything it holds.  Accepts NULL. */
KN_API void kn_exposure_release(kn_exposure *e);

/* Every way the signals o->filter selects reach actor (compared by key,
 * after aliases): each signal naming it as a winner or loser (order 0,
 * once per role), and each effect in force linking it (once per effect,
 * whatever the role).  KN_ERR_NOTFOUND when the corpus names no such
 * actor; KN_ERR_USAGE when the decay is not from 0 to 1 or the filter is
 * bad.  out must be initialised; it is released first. */
KN_API kn_status kn_query_exposure(kn_store *st, const char *actor,
				   const kn_exposure_opts *o, kn_exposure *out,
				   kn_error *err);

/* An exposure as table, CSV or JSON.  JSON: {"actor": NAME, "exposure":
 * X, "rows": [{"signal", "title", "published", "order", "role", "via",
 * "effect", "text", "weight"}, ...]}, or with groups "by": "signal" and
 * "groups": [{"signal": ID, "rows": N, "exposure": X}, ...] ("order": K,
 * "month": M).  CSV: one line per row (signal, title, published, order,
 * effect, role, via, weight, text) or group; a table has the same
 * columns but the title, and ends with the total.  Numbers are written
 * with up to 10 significant digits (a table rounds weights to 4 decimals
 * and shows the day of published, kn_format_date_cell). */
KN_API kn_status kn_format_exposure(const kn_exposure *e, kn_out_format fmt,
				    kn_buf *out);
/* kn_format_exposure with the width and byte-order mark of o (a table
 * cut to o->width, the total under it never cut; CSV begun with the mark
 * when o->bom). */
KN_API kn_status kn_format_exposure_opts(const kn_exposure *e,
					 const kn_format_opts *o, kn_buf *out);

#ifdef __cplusplus
}
#endif
#endif
