/* knockon internal — the storage interface: every read and write of the
 * corpus the library makes goes through one table of operations, in the
 * manner of git's ref storage backends (struct ref_storage_be).  Not part
 * of the public API.
 *
 * The SQLite backend (src/lib/store/) is the only one today and the only
 * code that knows SQL; query/, map/ and report/ call these operations and
 * keep the logic that is not storage (ranking, grouping, naming, drawing).
 * Nothing here names an SQLite type or holds SQL text: a server backend
 * implements the same table.  Each operation returns a kn_status and fills
 * err on failure; callbacks return non-zero to stop early (then the
 * operation returns KN_OK).  Strings passed to callbacks are borrowed for
 * the call.  Rows come in the order each operation states, so every answer
 * built on them is deterministic. */
#ifndef KN_STORAGE_H
#define KN_STORAGE_H

#include <stddef.h>

#include "knockon/error.h"
#include "knockon/query.h"
#include "knockon/ripple.h"
#include "knockon/signal.h"
#include "knockon/store.h"
#include "kn_actor.h"

/* A signal's or an actor's row id in the backend: > 0, stable while the
 * handle is open, larger for later rows. */
typedef long long kn_row;

/* One role of one selected signal: loser is 1 for a loser, 0 a winner;
 * weight is score × confidence (0 when either is absent). */
typedef int (*kn_role_row_fn)(void *ctx, kn_row sid, kn_row aid, int loser,
			      const char *published, long long weight);
/* An actor that aliases put in a group: aid with its canonical key. */
typedef int (*kn_group_row_fn)(void *ctx, kn_row aid, const char *canonical_key);
/* An actor's distinct-signal counts: n[KN_WINNER], n[KN_LOSER] (the role
 * not asked for is 0). */
typedef int (*kn_count_row_fn)(void *ctx, kn_row aid, const long n[2]);
/* One of an actor's signals: its id, "published" (NULL when undated) and
 * title (NULL unless asked for). */
typedef int (*kn_id_fn)(void *ctx, const char *id, const char *published,
			const char *title);
/* A dated signal naming an actor: loser 1 for a loser, 0 a winner. */
typedef int (*kn_dated_role_fn)(void *ctx, kn_row sid, int loser,
				const char *published);

/* One way the corpus reaches an actor (converge_via): its own role in a
 * signal (order 0, via "role", no effect) or an effect of order k linking
 * it (via "card" or "detected").  Numbers are KN_ABSENT when absent. */
typedef struct kn_reach {
	const char *signal, *title, *published;
	int score, confidence, impact;
	int order;
	const char *role;   /* "winner", "loser" or "named" */
	const char *via;    /* "role", "card" or "detected" */
	const char *effect; /* NULL at order 0 */
	const char *text;   /* NULL at order 0 */
	const char *name;   /* the name as the role or link gives it */
} kn_reach;
typedef int (*kn_reach_fn)(void *ctx, const kn_reach *r);

/* One way the corpus reaches an actor as exposure_ways reads it, from the
 * indexes alone: no title, no text.  Strings are borrowed for the call. */
enum { KN_WAY_LOSER, KN_WAY_NAMED, KN_WAY_WINNER };   /* their names' order */
enum { KN_WAY_ROLE, KN_WAY_CARD, KN_WAY_DETECTED };
typedef struct kn_way {
	kn_row sid;
	const char *published; /* NULL when undated */
	const char *effect;    /* the effect's id; NULL at order 0 */
	const char *key;       /* a link's actor key (before aliases); NULL for a role */
	kn_row aid;            /* a role's actor; 0 for a link */
	long long base;        /* score × confidence × impact, absent = 50 */
	int order;
	int role;              /* KN_WAY_LOSER ... */
	int via;               /* KN_WAY_ROLE ... */
} kn_way;
typedef int (*kn_way_fn)(void *ctx, const kn_way *w);

/* One link in force of an effect of high order (converge_links): the
 * signal's row, the effect's id (NULL: an effect no row before gave, in
 * a group of one key), the actor's canonical key (after aliases), the effect's order and the signal's score × confidence ×
 * impact, an absent number counting as 50 (the weight before decay, in
 * millionths). */
typedef int (*kn_converge_link_fn)(void *ctx, kn_row sid, const char *eid,
				   const char *key, int order, long base);
/* One of a card's own links (card_edges).  KN_EDGE_CAUSE: from the
 * cause's effect id (NULL: the signal) to effect id to; KN_EDGE_ROLE:
 * from the signal (from NULL) to a winner or loser, to its canonical
 * key, name its stored spelling; KN_EDGE_LINK: from effect id from to
 * the canonical key to, name the name linked. */
enum { KN_EDGE_CAUSE = 0, KN_EDGE_ROLE, KN_EDGE_LINK };
typedef int (*kn_card_edge_fn)(void *ctx, int kind, const char *from,
			       const char *to, const char *name);
/* A card: its signal's row and id. */
typedef int (*kn_card_fn)(void *ctx, kn_row sid, const char *id);
/* What a big map draws (store_pick.c): an actor group and how many
 * selected signals name it; a selected signal by row id; a category
 * (NULL for none) and how many selected signals have it. */
typedef int (*kn_pick_group_fn)(void *ctx, const char *key, const long n[3],
				int exact);
typedef int (*kn_sid_fn)(void *ctx, kn_row sid);
typedef int (*kn_category_fn)(void *ctx, const char *category, long n);

struct kn_storage_ops {
	const char *name; /* "sqlite" */

	/* ---- one snapshot for a whole answer ---- */
	/* Starts a read snapshot when none is open, so that the statements of
	 * one answer read the same corpus at the cost of one start;
	 * *began 1 when this call started it (then read_end ends it), 0 when a
	 * snapshot or a write transaction was open already. */
	kn_status (*read_begin)(kn_store *st, int *began, kn_error *err);
	void (*read_end)(kn_store *st, int began);

	/* ---- signals ---- */
	kn_status (*put)(kn_store *st, const kn_signal *sig, kn_put *result,
			 kn_error *err);
	kn_status (*get)(kn_store *st, const char *id, kn_signal *out,
			 kn_error *err);
	kn_status (*get_row)(kn_store *st, kn_row sid, kn_signal *out,
			     kn_error *err);
	/* The signals f selects, newest first (published descending, then id). */
	kn_status (*list)(kn_store *st, const kn_filter *f, kn_signal_fn each,
			  void *ctx, kn_error *err);
	kn_status (*count)(kn_store *st, long long *count, kn_error *err);
	/* About how many signals there are (the largest row id); 0 on error. */
	long long (*size)(kn_store *st);
	/* The "published" of signal sid (heap; NULL when undated). */
	kn_status (*published)(kn_store *st, kn_row sid, char **out,
			       kn_error *err);

	/* ---- recurring actors: losers, winners, actors, contested ---- */
	/* Every aliased actor and every actor an alias resolves to, ordered
	 * by canonical key, then aid. */
	kn_status (*alias_groups)(kn_store *st, kn_group_row_fn each, void *ctx,
				  kn_error *err);
	/* Unfiltered distinct-signal counts of every actor: in role with at
	 * least min (role KN_WINNER or KN_LOSER), or, with role < 0, of the
	 * actors that are both (min ignored).  Any order. */
	kn_status (*role_counts)(kn_store *st, int role, long min,
				 kn_count_row_fn each, void *ctx, kn_error *err);
	/* Distinct signals naming the group with canonical key key in role. */
	kn_status (*group_count)(kn_store *st, const char *key, kn_role role,
				 long *n, kn_error *err);
	/* The roles of the signals f selects (role < 0: both), ordered by
	 * signal row id. */
	kn_status (*role_scan)(kn_store *st, const kn_filter *f, int role,
			       kn_role_row_fn each, void *ctx, kn_error *err);
	/* The ids of the signals f selects naming the group key in role,
	 * newest first, at most max (0: all).  by_date walks the selected
	 * signals newest first probing each (cheap when few are wanted);
	 * else the group's signals are fetched and sorted.  titles: pass
	 * each signal's title too. */
	kn_status (*group_signals)(kn_store *st, const char *key, kn_role role,
				   const kn_filter *f, int by_date, size_t max,
				   int titles, kn_id_fn each, void *ctx,
				   kn_error *err);
	/* The row id of the earliest (latest when latest) dated signal naming
	 * the group key in either role; 0 when none is dated.  frequent: the
	 * group is named often (walk the dates, probing). */
	kn_status (*group_seen)(kn_store *st, const char *key, int latest,
				int frequent, kn_row *sid, kn_error *err);
	/* An actor by row id: its key and first stored spelling (heap). */
	kn_status (*actor)(kn_store *st, kn_row aid, char **key, char **name,
			   kn_error *err);
	/* The first stored spelling of the actor keyed key (heap), NULL in
	 * *name when the corpus stores no actor with that key. */
	kn_status (*stored_name)(kn_store *st, const char *key, char **name,
				 kn_error *err);
	/* The canonical name the aliases give the canonical key key (heap),
	 * NULL in *name when no alias resolves to it. */
	kn_status (*alias_name)(kn_store *st, const char *key, char **name,
				kn_error *err);

	/* ---- search and aliases (knockon/query.h) ---- */
	kn_status (*search)(kn_store *st, const char *text, const kn_filter *f,
			    const char *open, const char *close,
			    kn_search_hits *out, kn_error *err);
	kn_status (*alias_add)(kn_store *st, const char *name,
			       const char *canonical, kn_error *err);
	kn_status (*alias_remove)(kn_store *st, const char *name, kn_error *err);
	kn_status (*alias_list)(kn_store *st, kn_aliases *out, kn_error *err);

	/* ---- maps ---- */
	/* The signals f selects naming an actor whose canonical key is key,
	 * newest first; f->limit caps them. */
	kn_status (*actor_signals)(kn_store *st, const char *key,
				   const kn_filter *f, kn_signal_fn each,
				   void *ctx, kn_error *err);
	/* The selection below is f's, or with f->limit the newest f->limit
	 * signals f selects.  pick_groups: the actor groups named by at
	 * least min selected signals, most first (then key), at most max of
	 * them; *total counts them all.  exact: n holds the group's signals,
	 * as a winner, as a loser (as pick_stats); else (unfiltered) n[0] is
	 * the sum of its role counts (a signal naming it in both roles
	 * counts twice): count the chosen ones with pick_stats.  pick_stats: the
	 * selected signals naming the group key, n[0], as a winner, n[1],
	 * and as a loser, n[2].  pick_signals: the max strongest selected
	 * signals (score x confidence descending, then newest, then id) of
	 * each group keys[0..n_keys), by row id, some more than once.  pick_categories: selected signals
	 * (naming the group key, unless NULL) per category, most first. */
	kn_status (*pick_groups)(kn_store *st, const kn_filter *f, long min,
				 size_t max, kn_pick_group_fn each, void *ctx,
				 long long *total, kn_error *err);
	kn_status (*pick_stats)(kn_store *st, const char *key,
				const kn_filter *f, long n[3], kn_error *err);
	kn_status (*pick_signals)(kn_store *st, const char *const *keys,
				  size_t n_keys, const kn_filter *f, size_t max,
				  kn_sid_fn each, void *ctx, kn_error *err);
	kn_status (*pick_categories)(kn_store *st, const char *key,
				     const kn_filter *f, kn_category_fn each,
				     void *ctx, kn_error *err);

	/* ---- names, removal, checking (knockon/store.h) ---- */
	kn_status (*resolve_id)(kn_store *st, const char *id, kn_lookup *l,
				kn_error *err);
	kn_status (*find_actor)(kn_store *st, const char *name, kn_lookup *l,
				kn_error *err);
	kn_status (*remove)(kn_store *st, const char *const *ids, size_t n,
			    int dry_run, kn_id_done_fn each, void *ctx,
			    kn_remove_stats *stats, kn_error *err);
	kn_status (*check)(kn_store *st, int repair, kn_problem_fn each,
			   void *ctx, kn_check_stats *stats, kn_error *err);
	int (*unfinished)(kn_store *st);
	/* ---- counts per period: trend (store_windows.c) ---- */
	/* The dated signals f selects that name the group with canonical key
	 * key as a winner or a loser: one row per signal and role, ordered by
	 * signal row id, then role. */
	kn_status (*group_dates)(kn_store *st, const char *key,
				 const kn_filter *f, kn_dated_role_fn each,
				 void *ctx, kn_error *err);
	/* role_scan for a date window ("diff"), without the weights (0):
	 * the same rows, in the same order of signals */
	kn_status (*window_scan)(kn_store *st, const kn_filter *f,
				 kn_role_row_fn each, void *ctx, kn_error *err);
	/* ---- effect links (knockon/ripple.h) ---- */
	kn_status (*links)(kn_store *st, const char *actor, const kn_filter *f,
			   int rejected, kn_link_list *out, kn_error *err);
	/* kn_link_reject (reject 1) and kn_link_restore (reject 0) */
	kn_status (*link_mark)(kn_store *st, const char *signal_id,
			       const char *effect_id, const char *name,
			       int reject, kn_error *err);
	kn_status (*links_detect)(kn_store *st, kn_error *err);
	void (*set_detect)(kn_store *st, int on);
	/* Every way the signals f selects reach the actor group with
	 * canonical key key: roles and links in force, in no given order;
	 * one effect or role may come once per name of the group.  f->limit
	 * is ignored. */
	kn_status (*exposure_ways)(kn_store *st, const char *key,
				   const kn_filter *f, kn_way_fn each,
				   void *ctx, kn_error *err);
	/* What exposure_ways would give, each effect and role once, summed
	 * per order: rows[k] ways whose bases sum to base[k], k < n (zeroed
	 * first); *max_order the highest order with a way (0 when none).
	 * *done 0 when the backend cannot sum them so (then read the ways):
	 * the sums must be those of the ways, deduplicated. */
	/* The ways of the one name key (no alias joins another to it) in the
	 * newest signals (published descending, then id; undated last), a
	 * signal's all at once, until upto ways have come and every signal
	 * of the date of the upto-th has been read: what the first upto ways
	 * of the answer are chosen from.  Unfiltered.  *done 0 when it could
	 * not (no date index, or max_signals signals read before that): then
	 * read every way. */
	kn_status (*exposure_newest)(kn_store *st, const char *key, size_t upto,
				     size_t max_signals, kn_way_fn each,
				     void *ctx, int *done, kn_error *err);
	kn_status (*exposure_sums)(kn_store *st, const char *key,
				   const kn_filter *f, long long *rows,
				   long long *base, int n, int *max_order,
				   int *done, kn_error *err);
	/* Of signal sid: its id, and when the pointers are not NULL its
	 * title, published date (NULL when undated) and score, confidence
	 * and impact (KN_ABSENT when absent); heap strings. */
	kn_status (*exposure_signal)(kn_store *st, kn_row sid, char **id,
				     char **title, char **published, int *numbers,
				     kn_error *err);
	/* Effect eid of signal sid: its position and, when text is not NULL,
	 * its text (heap). */
	kn_status (*exposure_effect)(kn_store *st, kn_row sid, const char *eid,
				     int *position, char **text, kn_error *err);
	/* The name way w gives (the link's, or the role's actor's): heap.
	 * These three return KN_ERR_NOTFOUND, err untouched, when the row is
	 * not there (a corpus edited by hand). */
	kn_status (*exposure_name)(kn_store *st, const kn_way *w, char **name,
				   kn_error *err);
	/* ---- converge and path (knockon/converge.h) ---- */
	/* The links in force of the effects of order min_order or higher of
	 * the signals f selects, one run of rows per actor group (its
	 * canonical key), in a run by signal row, effect id, key (one effect
	 * may come once per name of the group).  f->limit is ignored. */
	kn_status (*converge_links)(kn_store *st, int min_order,
				    const kn_filter *f, kn_converge_link_fn each,
				    void *ctx, kn_error *err);
	/* Of those links of the actor group key (signals: how many distinct
	 * signals they come from, a hint for the plan), the name the first
	 * gives (*name) and the id of the newest signal (*newest: published
	 * descending, undated last, then id); heap strings, NULL when there
	 * is none; either pointer may be NULL for "not wanted". */
	kn_status (*converge_actor)(kn_store *st, const char *key, int min_order,
				    const kn_filter *f, size_t signals,
				    char **name, char **newest, kn_error *err);
	/* The links in force of effects of order min_order or higher reaching
	 * the actor group key, of the signals f selects, in the order of
	 * exposure's rows (published descending, then id, order, effect
	 * position; via "card" or "detected"). */
	kn_status (*converge_via)(kn_store *st, const char *key, int min_order,
				  const kn_filter *f, kn_reach_fn each,
				  void *ctx, kn_error *err);
	/* The card sid's own links: causes in effect position order (then
	 * the cause's position), then winners, then losers (by position),
	 * then the links in force by effect position (the card's first,
	 * then by offset). */
	kn_status (*card_edges)(kn_store *st, kn_row sid, kn_card_edge_fn each,
				void *ctx, kn_error *err);
	/* The signals f selects naming the actor group with canonical key
	 * key as a winner, a loser or by a link in force, once each, newest
	 * first (then id); f->limit is ignored. */
	kn_status (*actor_cards)(kn_store *st, const char *key,
				 const kn_filter *f, kn_card_fn each, void *ctx,
				 kn_error *err);
	/* The row of the signal with the exact id id; 0 when none. */
	kn_status (*signal_row)(kn_store *st, const char *id, kn_row *sid,
				kn_error *err);
};

/* 1 when f (or NULL) selects every signal: no date, category, actor or
 * score filter (a limit aside).  Defined in store/filter.c. */
int kn_filter_empty(const kn_filter *f);

/* The operations of the backend holding st. */
const struct kn_storage_ops *kn_storage(const kn_store *st);

/* read_begin and read_end of st's backend: every public query runs its
 * statements between them (storage.c). */
kn_status kn_read_begin(kn_store *st, int *began, kn_error *err);
void kn_read_end(kn_store *st, int began);
/* The body of a public query: returns call (a kn_status expression) run
 * between kn_read_begin and kn_read_end of st. */
#define KN_RETURN_IN_SNAPSHOT(st, err, call)                              \
	do {                                                              \
		int kn_began_;                                            \
		kn_status kn_s_ = kn_read_begin((st), &kn_began_, (err)); \
									  \
		if (kn_s_ == KN_OK) {                                     \
			kn_s_ = (call);                                   \
			kn_read_end((st), kn_began_);                     \
		}                                                         \
		return kn_s_;                                             \
	} while (0)

/* The corpus's actor identity: a kn_actor_ids holding every alias
 * (kn_actor_ids_open; close it).  Then kn_store_actor_names gives it the
 * display name (kn_actor_display) of each actor the n signals sigs name,
 * so that maps and reports name actors as the queries do. */
kn_status kn_store_actor_ids(kn_store *st, kn_actor_ids **out, kn_error *err);
kn_status kn_store_actor_names(kn_store *st, kn_actor_ids *ids,
			       const kn_signal *sigs, size_t n, kn_error *err);

#endif
