/* knockon — where the ripples meet (docs/ripple.md): the actors that
 * effects of high order of several signals converge on, and the chains
 * that lead from a signal or an actor to an actor, card by card.
 *
 * Results are caller-owned structs: *_init before the call, *_release
 * after; every string in them is heap-owned by the result.  Actors are
 * compared by key, after aliases, and named by their canonical display
 * name, as everywhere in knockon (knockon/query.h). */
#ifndef KNOCKON_CONVERGE_H
#define KNOCKON_CONVERGE_H

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

/* ---- converge: actors that effects of several signals reach ---- */

typedef struct kn_converge_opts {
	int min_order;     /* effects of this order or higher count; default 2 */
	long min_signals;  /* at least this many distinct signals; default 2 */
	double decay;      /* weight kept per order, 0 to 1; default 0.5 */
	long max_via;      /* via rows listed per actor, newest first: -1 (the
			    * default) all, 0 none (signals, exposure, effects
			    * and newest are filled either way) */
	kn_filter filter;  /* which signals count; filter.limit caps the
			    * actors returned (0: all) */
} kn_converge_opts;

/* Defaults: order 2, 2 signals, decay 0.5, every via row, no filter, no
 * limit. */
KN_API void kn_converge_opts_init(kn_converge_opts *o);

/* One effect by which a signal reaches the actor. */
typedef struct kn_converge_via {
	char *signal;    /* the signal's id */
	char *effect;    /* the effect's id in it */
	int order;
	char *role;      /* "winner", "loser" or "named" */
	char *provenance; /* "card" or "detected" */
	/* score/100 × confidence/100 × impact/100 × decay^order, an absent
	 * number counting as 50 (as kn_query_exposure weighs it) */
	double weight;
} kn_converge_via;

typedef struct kn_converge_actor {
	char *actor;      /* canonical display name */
	size_t signals;   /* distinct signals reaching it */
	size_t effects;   /* effects reaching it (via rows, listed or not) */
	char *newest;     /* the newest of those signals (then the least id) */
	double exposure;  /* the sum of the via weights: the part of the
			   * actor's exposure that comes through effects of
			   * order min_order or higher */
	kn_converge_via *via; /* signal newest first (then id), then order,
			       * then effect position; one row per effect */
	size_t n_via, cap_via;
} kn_converge_actor;

typedef struct kn_converge {
	int min_order;
	kn_converge_actor *items; /* most distinct signals first, then most
				   * exposure, then actor name, then key */
	size_t n, cap;
	size_t n_all;  /* actors that qualify (items may hold fewer: limit) */
} kn_converge;

KN_API void kn_converge_init(kn_converge *c);
/* Frees everything it holds.  Accepts NULL. */
KN_API void kn_converge_release(kn_converge *c);

/* The actors that effects in force (links given by the card or detected,
 * rejected detections left out) of order o->min_order or higher of at
 * least o->min_signals distinct signals of those o->filter selects reach.
 * KN_ERR_USAGE when an option is out of range (order < 1, min < 1, decay
 * not from 0 to 1) or the filter is bad.  out must be initialised; it is
 * released first. */
KN_API kn_status kn_converge_query(kn_store *st, const kn_converge_opts *o,
				   kn_converge *out, kn_error *err);

/* As table, CSV or JSON.  JSON: an array of {"actor": NAME, "signals": N,
 * "exposure": X, "effects": N, "newest": ID, "via": [{"signal": ID, "effect": EID, "order": K,
 * "role": R, "provenance": P, "weight": W}, ...]} (via as listed); table
 * and CSV: actor, signals, exposure, effects, newest (a signal id). */
KN_API kn_status kn_format_converge(const kn_converge *c, kn_out_format fmt,
				    kn_buf *out);
/* kn_format_converge with the width and byte-order mark of o. */
KN_API kn_status kn_format_converge_opts(const kn_converge *c,
					 const kn_format_opts *o, kn_buf *out);

/* ---- path: chains from a signal or an actor to an actor ---- */

typedef enum kn_hop_kind {
	KN_HOP_SIGNAL = 0,
	KN_HOP_EFFECT,
	KN_HOP_ACTOR
} kn_hop_kind;

/* "signal", "effect" or "actor". */
KN_API const char *kn_hop_kind_name(kn_hop_kind k);

/* One node of a chain. */
typedef struct kn_hop {
	kn_hop_kind kind;
	char *id;     /* signal: its id; effect: its id in the card ("e2");
		       * actor: its canonical display name */
	char *signal; /* the card the hop belongs to: the signal's id for
		       * signal and effect hops, and for an actor hop the
		       * card through which the chain reached it (NULL for
		       * the actor a chain starts from) */
} kn_hop;

typedef struct kn_path {
	kn_hop *hops;  /* from the start to the target actor */
	size_t n, cap; /* n - 1 edges */
} kn_path;

typedef struct kn_paths {
	kn_path *items; /* shortest first; ties in the order of the search */
	size_t n, cap;
} kn_paths;

typedef struct kn_path_opts {
	int max_hops;     /* at most this many edges a chain; default 8 */
	size_t limit;     /* at most this many chains; default 5 */
	kn_filter filter; /* which cards a chain may go through (limit
			   * ignored); the starting signal is always one */
} kn_path_opts;

/* Defaults: 8 edges, 5 chains, no filter. */
KN_API void kn_path_opts_init(kn_path_opts *o);

KN_API void kn_paths_init(kn_paths *p);
/* Frees everything it holds.  Accepts NULL. */
KN_API void kn_paths_release(kn_paths *p);

/* The chains from `from` (a signal id or a unique prefix of one; else an
 * actor name, after aliases) to actor `to`, breadth first, each node
 * reached once.  Inside a card a chain follows the card's own links:
 * signal -> the effects it causes (those without causes), effect -> the
 * effects it causes, signal -> its winners and losers, effect -> the
 * actors it reaches (links in force).  It moves to another card only
 * from an actor to the signal of a card naming it (as a winner, loser or
 * effect actor), never from an effect of one card to another card's.
 * Each chain ends with its own last edge into `to` (chains differ at
 * least there); a node on the way is reached by the first chain the
 * search found to it.  Ties: signals newest first (then id), effects and
 * actors in card order.  Every visit is bounded: each signal, effect and
 * actor is expanded at most once.  out->n == 0 when no chain exists
 * (within max_hops).  KN_ERR_NOTFOUND when `from` or `to` names nothing
 * in the corpus (a prefix matching several signals: KN_ERR_INVALID, the
 * message says so; an exact signal id wins over an actor's name, which
 * wins over a prefix); KN_ERR_USAGE when max_hops < 1, limit < 1 or the
 * filter is bad.  out must be initialised; it is released first. */
KN_API kn_status kn_path_query(kn_store *st, const char *from, const char *to,
			       const kn_path_opts *o, kn_paths *out,
			       kn_error *err);

/* As table, CSV or JSON.  JSON: an array of {"hops": [{"kind": K, "id":
 * ID_OR_NAME, "signal": ID_OR_NULL}, ...]}; table and CSV: one line per
 * hop: path (1, 2, ...), hop (0, 1, ...), kind, id, signal. */
KN_API kn_status kn_format_paths(const kn_paths *p, kn_out_format fmt,
				 kn_buf *out);
/* kn_format_paths with the width and byte-order mark of o. */
KN_API kn_status kn_format_paths_opts(const kn_paths *p,
				      const kn_format_opts *o, kn_buf *out);

#ifdef __cplusplus
}
#endif
#endif
