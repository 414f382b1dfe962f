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

#ifdef __cplusplus
}
#endif
#endif
