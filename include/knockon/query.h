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
	char *published; /* as stored, NULL when undated */
	char *category;  /* NULL when none */
	int score;       /* 0-100 or KN_ABSENT */
} kn_search_hit;

typedef struct kn_search_hits {
	kn_search_hit *items;
	size_t n, cap;
} kn_search_hits;

KN_API void kn_search_hits_init(kn_search_hits *l);
KN_API void kn_search_hits_release(kn_search_hits *l);

/* Searches titles, summaries, why-paragraphs, effect texts and actors
 * (winners' and losers' names and notes) of the signals f selects (f may
 * be NULL) for text; a corpus made before knockon searched actors (schema
 * 2 or older) has its actors searched once it has been written to.  text is plain words, never
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


/* ---- what changed: "diff" (docs/changes.md) ---- */

/* The size of a window: n days, weeks (7 days), calendar months or
 * quarters (3 calendar months). */
typedef enum kn_window_unit {
	KN_WINDOW_DAYS = 0,
	KN_WINDOW_WEEKS,
	KN_WINDOW_MONTHS,
	KN_WINDOW_QUARTERS
} kn_window_unit;

typedef struct kn_window_size {
	long n; /* 1 to KN_WINDOW_MAX */
	kn_window_unit unit;
} kn_window_size;

#define KN_WINDOW_MAX 1000

/* Parses "30d", "4w", "1m" or "1q" (n from 1 to KN_WINDOW_MAX, then one
 * of d w m q) into *out; -1 (and *out untouched) when s is none. */
KN_API int kn_window_size_parse(const char *s, kn_window_size *out);

/* Two windows of whole days, both ends included, as YYYY-MM-DD: before
 * is the earlier one, the one after is compared against it. */
typedef struct kn_diff_windows {
	char before_from[11], before_to[11];
	char after_from[11], after_to[11];
} kn_diff_windows;

/* The windows of size w ending on asof (a date as the filters take one,
 * YYYY, YYYY-MM or YYYY-MM-DD, standing for the last day it covers: 2026-03
 * is 2026-03-31).  The window after ends on asof; the one before ends
 * where it starts.  Days and weeks count back whole days (30d with asof
 * 2026-03-31: 2026-03-02 to 2026-03-31 against 2026-01-31 to 2026-03-01).
 * Months and quarters are calendar months counted back from asof, the
 * day of month kept or, in a shorter month, its last day, and a month's
 * last day kept a month's last day: 1m with asof 2026-03-31 is March
 * against February (2026-02-01 to 2026-02-28).  KN_ERR_USAGE when asof
 * is not such a date or the windows would start before the year 0000. */
KN_API kn_status kn_diff_windows_set(const kn_window_size *w, const char *asof,
				     kn_diff_windows *out, kn_error *err);

typedef struct kn_diff_opts {
	kn_window_size window; /* default 30 days */
	const char *asof;      /* the last day of the window after; NULL: the
				* day of the newest dated signal the filter
				* selects */
	/* Explicit windows instead: after from..to, before against_from..
	 * against_to, all four given (dates as for asof, from standing for
	 * the first day it covers, to for the last).  Then window and asof
	 * must be left at their defaults. */
	const char *from, *to, *against_from, *against_to;
	kn_filter filter;      /* which signals count (category, score, ...);
				* the windows are its dates: since and until
				* must be NULL; limit caps the rows per role */
} kn_diff_opts;

/* Defaults: 30 days up to the newest signal, no filter. */
KN_API void kn_diff_opts_init(kn_diff_opts *o);

typedef enum kn_diff_status {
	KN_DIFF_NEW = 0, /* 0 before, some after */
	KN_DIFF_GONE,    /* some before, 0 after */
	KN_DIFF_RISING,  /* after > before > 0 */
	KN_DIFF_FADING,  /* 0 < after < before */
	KN_DIFF_STEADY   /* after = before > 0 */
} kn_diff_status;

/* "new", "gone", "rising", "fading", "steady" (static strings). */
KN_API const char *kn_diff_status_name(kn_diff_status s);

/* One actor in one role.  Exposure (effects that name actors) is to be
 * compared the same way: a measure beside the two roles, its count per
 * window filled by its own scan into the same per-actor counters
 * (src/lib/query/query_diff.c, count_window). */
typedef struct kn_diff_row {
	char *actor;   /* canonical display name */
	kn_role role;
	long before;   /* distinct signals naming it in role, window before */
	long after;    /* the same in the window after */
	kn_diff_status status;
} kn_diff_row;

typedef struct kn_diff {
	kn_diff_windows windows; /* the windows compared */
	kn_diff_row *items;
	size_t n;
} kn_diff;

KN_API void kn_diff_init(kn_diff *d);
/* Frees every row.  Accepts NULL. */
KN_API void kn_diff_release(kn_diff *d);

/* Every actor named, as loser or as winner, by a signal of either window
 * that o->filter selects, with its count in each window.  An actor in
 * neither window is not listed.  Order: losers, then winners; in each,
 * |after - before| descending, then display name (byte order of the key,
 * then of the name).  KN_ERR_USAGE for bad options (a date that is not
 * one, from after to, explicit windows with window or asof, since or
 * until set); KN_ERR_NOTFOUND when asof is NULL and no signal the filter
 * selects is dated.  out must be initialised; it is released first. */
KN_API kn_status kn_query_diff(kn_store *st, const kn_diff_opts *o, kn_diff *out,
			       kn_error *err);


/* ---- counts per period: "trend" (docs/changes.md) ---- */

typedef enum kn_period {
	KN_PERIOD_WEEK = 0, /* ISO 8601 weeks, Monday to Sunday: "2026-W05" */
	KN_PERIOD_MONTH,    /* "2026-02" */
	KN_PERIOD_QUARTER   /* "2026-Q1" */
} kn_period;

/* Parses "week", "month" or "quarter"; -1 (and *out untouched) when s is
 * none of them. */
KN_API int kn_period_parse(const char *s, kn_period *out);

/* The most periods one trend holds. */
#define KN_TREND_MAX_PERIODS 10000

typedef struct kn_trend_opts {
	kn_period every;  /* default month */
	kn_filter filter; /* which signals count; since and until also bound
			   * the periods listed (else the first and last
			   * dated signal of the actors asked for); limit is
			   * ignored */
} kn_trend_opts;

KN_API void kn_trend_opts_init(kn_trend_opts *o);

typedef struct kn_trend_point {
	char period[12]; /* "2026-W05", "2026-02", "2026-Q1" */
	char start[11];  /* its first day, YYYY-MM-DD */
	char end[11];    /* its last day */
	long winner;     /* distinct signals naming the actor as a winner,
			  * published in the period */
	long loser;      /* the same as a loser */
} kn_trend_point;

typedef struct kn_trend {
	char *actor;            /* canonical display name */
	kn_trend_point *points; /* every period of the range, in order, the
				 * empty ones too; the same periods for every
				 * actor of a kn_trends */
	size_t n;
} kn_trend;

typedef struct kn_trends {
	kn_trend *items;
	size_t n;
} kn_trends;

KN_API void kn_trends_init(kn_trends *l);
/* Frees every trend.  Accepts NULL. */
KN_API void kn_trends_release(kn_trends *l);

/* The signals per period o->filter selects that name each of the n
 * actors (matched by key, after aliases; two names of one actor give one
 * trend) as a winner and as a loser, in the order given.  Undated signals
 * are in no period.  Periods run from the one holding o->filter.since (or
 * the earliest dated signal of these actors) to the one holding
 * o->filter.until (or the latest); none when neither is known.
 * KN_ERR_NOTFOUND when no signal names one of the actors (the message
 * names it); KN_ERR_USAGE when the range holds more than
 * KN_TREND_MAX_PERIODS periods.  out must be initialised; released first. */
KN_API kn_status kn_query_trend(kn_store *st, const char *const *actors,
				size_t n, const kn_trend_opts *o, kn_trends *out,
				kn_error *err);

#ifdef __cplusplus
}
#endif
#endif
