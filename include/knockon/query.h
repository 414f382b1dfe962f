/* knockon — questions across the corpus (docs/queries.md): which actors recur as
 * losers or winners, every actor with its roles, full-text search, and the
 * aliases that make two names one actor.
 *
 * Actor identity: two names are one actor when their keys are equal (case,
 * white space and typographic punctuation folded; see docs/queries.md) or
 * when an alias makes one the other.  An actor is shown by its canonical
 * display name: the name as first stored for the canonical key, else the
 * spelling given to "alias".  Counts are of DISTINCT signals: a signal that
 * names an actor twice counts once; an actor that is both winner and loser
 * in one signal counts once in each role.
 *
 * Results are caller-owned structs: *_init before the call (or zero them),
 * *_release after; every string in them is heap-owned by the result.  Every
 * order is total, so the same corpus always gives the same answer. */
#ifndef KNOCKON_QUERY_H
#define KNOCKON_QUERY_H

#include "knockon/export.h"

#include <stddef.h>
#include "knockon/error.h"
#include "knockon/signal.h"
#include "knockon/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- recurring actors: "losers" and "winners" ---- */

typedef struct kn_recurring_opts {
	kn_role role;
	long min;           /* at least this many signals; default 2 */
	int weighted;       /* rank by weight instead of count */
	size_t max_signals; /* ids to return per actor, newest first; 0 = all */
	kn_filter filter;   /* which signals count; filter.limit caps actors */
	int latest;         /* also read the date and title of each actor's
			     * newest signal (latest_published, latest_title) */
} kn_recurring_opts;

/* Defaults: losers, min 2, by count, every id, no filter. */
KN_API void kn_recurring_opts_init(kn_recurring_opts *o);

typedef struct kn_actor_count {
	char *actor;      /* canonical display name */
	long count;       /* distinct signals naming the actor in the role */
	long long weight; /* sum over those signals of score × confidence; a
			   * signal without a score or a confidence adds 0 */
	char **signals;   /* signal ids, newest first (published descending,
			   * undated last, then id); at most max_signals */
	size_t n_signals;
	/* with kn_recurring_opts.latest: the "published" (as stored; NULL
	 * when undated) and the title of signals[0], the newest; else NULL */
	char *latest_published;
	char *latest_title;
} kn_actor_count;

typedef struct kn_actor_counts {
	kn_actor_count *items;
	size_t n;
} kn_actor_counts;

KN_API void kn_actor_counts_init(kn_actor_counts *l);
/* Frees every item.  Accepts NULL. */
KN_API void kn_actor_counts_release(kn_actor_counts *l);

/* The actors named in role o->role by at least o->min of the signals
 * o->filter selects.  Order: count descending (weight descending when
 * o->weighted, then count descending), then display name (byte order of
 * the key, then of the name).  An empty answer is KN_OK with out->n == 0.
 * out must be initialised; it is released first. */
KN_API kn_status kn_query_recurring(kn_store *st, const kn_recurring_opts *o,
				    kn_actor_counts *out, kn_error *err);

/* ---- every actor with its roles: "actors" ---- */

typedef struct kn_actor_roles {
	char *actor;      /* canonical display name */
	long winner;      /* distinct signals naming it as a winner */
	long loser;       /* distinct signals naming it as a loser */
	char *first_seen; /* earliest "published" of those signals, as stored */
	char *last_seen;  /* latest; both NULL when none of them is dated */
} kn_actor_roles;

typedef struct kn_actor_roles_list {
	kn_actor_roles *items;
	size_t n;
} kn_actor_roles_list;

KN_API void kn_actor_roles_list_init(kn_actor_roles_list *l);
KN_API void kn_actor_roles_list_release(kn_actor_roles_list *l);

/* Every actor named by the signals f selects (f may be NULL), with its
 * winner and loser counts.  contested keeps the actors with both counts
 * above zero.  Order: winner + loser descending, then display name;
 * f->limit caps the rows.  out must be initialised; released first. */
KN_API kn_status kn_query_actors(kn_store *st, const kn_filter *f, int contested,
				 kn_actor_roles_list *out, kn_error *err);

/* ---- full-text search: "search" ---- */

typedef struct kn_search_hit {
	char *id;
	char *title;
	char *snippet; /* matching text with the matched terms between the
			* markers, white space runs made one space */
} kn_search_hit;

typedef struct kn_search_hits {
	kn_search_hit *items;
	size_t n, cap;
} kn_search_hits;

KN_API void kn_search_hits_init(kn_search_hits *l);
KN_API void kn_search_hits_release(kn_search_hits *l);

/* Searches titles, summaries, why-paragraphs and effect texts of the
 * signals f selects (f may be NULL) for text.  text is plain words, never
 * FTS5 syntax: every word must occur (case and diacritics folded), a word
 * ending in '*' matches as a prefix, and quotes or operators in it are just
 * characters.  Order: best first (bm25; a title match weighs most), then
 * id.  open/close mark the matched terms in the snippet (NULL: "[" and
 * "]").  A word given twice counts once.  KN_ERR_USAGE when text holds
 * no word to search for, or more than KN_SEARCH_MAX_WORDS distinct words,
 * or is longer than KN_SEARCH_MAX_BYTES (the message names the limit). */
#define KN_SEARCH_MAX_WORDS 64
#define KN_SEARCH_MAX_BYTES 4096
KN_API kn_status kn_search(kn_store *st, const char *text, const kn_filter *f,
			   const char *open, const char *close, kn_search_hits *out,
			   kn_error *err);

/* ---- aliases: "alias" ---- */

typedef struct kn_alias {
	char *name;      /* the alias as given */
	char *target;    /* what it was aliased to, as given */
	char *canonical; /* the actor it resolves to (display name) */
} kn_alias;

typedef struct kn_aliases {
	kn_alias *items;
	size_t n, cap;
} kn_aliases;

KN_API void kn_aliases_init(kn_aliases *l);
KN_API void kn_aliases_release(kn_aliases *l);

/* Makes name another name of canonical, for every query and map.  Both are
 * compared as actor keys.  A canonical that is itself an alias resolves to
 * what that alias resolves to; names already aliased to name now resolve
 * to canonical as well (and go back to name when this alias is removed).
 * Adding the same alias again is KN_OK.  KN_ERR_INVALID when name and
 * canonical are already one actor, when name is already an alias of
 * something else (remove it first), when the alias would make a cycle, or
 * when a name is not valid UTF-8 or names no actor (empty, or only
 * punctuation and invisible characters). */
KN_API kn_status kn_alias_add(kn_store *st, const char *name, const char *canonical,
			      kn_error *err);

/* Removes the alias name, undoing kn_alias_add exactly.  KN_ERR_NOTFOUND
 * when name is not an alias. */
KN_API kn_status kn_alias_remove(kn_store *st, const char *name, kn_error *err);

/* Every alias, ordered by key.  out must be initialised; released first. */
KN_API kn_status kn_alias_list(kn_store *st, kn_aliases *out, kn_error *err);

#ifdef __cplusplus
}
#endif
#endif
