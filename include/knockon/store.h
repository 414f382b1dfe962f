/* knockon — the corpus: one SQLite file (schema in docs/schema.md).
 *
 * A kn_store is a heap handle: kn_store_open / kn_store_close.  It is not
 * shared between threads.  Writers take the lock up front (BEGIN
 * IMMEDIATE) and wait up to the busy timeout for another writer. */
#ifndef KNOCKON_STORE_H
#define KNOCKON_STORE_H

#include "knockon/export.h"

#include <stddef.h>
#include "knockon/error.h"
#include "knockon/reader.h"
#include "knockon/signal.h"

#ifdef __cplusplus
extern "C" {
#endif

#define KN_SCHEMA_VERSION 6
/* PRAGMA application_id of a corpus: "KnOc" in ASCII, as a big-endian
 * 32-bit integer (1265520483). */
#define KN_APPLICATION_ID 0x4B6E4F63

typedef struct kn_store kn_store;

enum {
	KN_STORE_READONLY = 1u << 0, /* never create, migrate or write; fail if absent */
};

/* Opens (creating and migrating as needed, unless KN_STORE_READONLY) the
 * corpus at path, a plain path to a regular file: "", ":memory:", SQLite
 * URIs ("file:...") and devices, FIFOs or folders are refused.  A new or
 * empty file becomes a corpus; an SQLite database of another program is
 * refused without anything written to it or created beside it.  A corpus
 * that can be read can be read with KN_STORE_READONLY, even where it
 * cannot be written.  *out is NULL on failure. */
KN_API kn_status kn_store_open(const char *path, unsigned flags, kn_store **out,
			       kn_error *err);
/* Closes the corpus, rolling back an open transaction.  Accepts NULL. */
KN_API void kn_store_close(kn_store *st);

/* Milliseconds a writer waits for another writer's lock (default 5000). */
KN_API void kn_store_set_busy_timeout(kn_store *st, int ms);

/* The version of the SQLite library the store runs with, e.g. "3.40.1"
 * (a static string). */
KN_API const char *kn_store_sqlite_version(void);

/* Optional, once per process, before any other call into knockon or
 * SQLite, in a program that uses SQLite through knockon alone (the
 * knockon command does): turns off SQLite's memory statistics, which
 * otherwise take a process-wide mutex on every allocation (about 4 % of
 * the instructions of an ingest's storing thread).  0, or -1 when SQLite
 * has already started (then nothing changes). */
KN_API int kn_store_process_init(void);

typedef enum kn_put {
	KN_PUT_ADDED = 0,
	KN_PUT_UPDATED,
	KN_PUT_UNCHANGED
} kn_put;

/* Stores one finished signal, idempotent by id: a new id is added; the
 * same canonical JSON as stored is unchanged; anything else updates (its
 * effects and roles replaced).  The signal is written whole or not at all.
 * Inside kn_store_begin/commit it joins that transaction (as a savepoint);
 * otherwise it commits on its own. */
KN_API kn_status kn_store_put(kn_store *st, const kn_signal *sig, kn_put *result,
			      kn_error *err);

/* An explicit write transaction for batching puts (BEGIN IMMEDIATE). */
KN_API kn_status kn_store_begin(kn_store *st, kn_error *err);
KN_API kn_status kn_store_commit(kn_store *st, kn_error *err);
KN_API void kn_store_rollback(kn_store *st);

typedef struct kn_ingest_stats {
	unsigned long long read; /* units seen = the four below added up */
	unsigned long long added;
	unsigned long long updated;
	unsigned long long unchanged;
	unsigned long long rejected;
} kn_ingest_stats;

/* Called for each rejected unit; err is borrowed for the call. */
typedef void (*kn_reject_fn)(void *ctx, const kn_error *err);
/* Called now and then with the running totals (may be NULL). */
typedef void (*kn_progress_fn)(void *ctx, const kn_ingest_stats *stats,
			       const kn_reader *r);

/* Reads every unit from r and stores the good ones, in batches (each signal
 * still whole or not at all; a batch commits every ~10,000 signals).  Bad
 * units are counted and passed to on_reject; they never stop the ingest.
 * r is read on a second thread while this one stores; the callbacks (and
 * r's skip hook) are called on this thread, in input order.  Into an empty
 * corpus, the secondary indexes are built after the rows, and the effects
 * scanned for actor names once, at the end.
 * A signal with a derived id that the corpus holds only under the id an
 * older knockon derived (cut inside a word, kn_signal_derive_id) is
 * stored under that older id, so re-ingesting a card updates it.
 * Returns KN_OK when everything read was stored or rejected; an error
 * (with err filled) only when the corpus itself failed, in which case the
 * batch under way is rolled back and stats count what was committed. */
KN_API kn_status kn_store_ingest(kn_store *st, kn_reader *r, kn_ingest_stats *stats,
				 kn_reject_fn on_reject, kn_progress_fn on_progress,
				 void *ctx, kn_error *err);

/* Reads the signal with this id into *out (initialised by the caller).
 * KN_ERR_NOTFOUND when there is none. */
KN_API kn_status kn_store_get(kn_store *st, const char *id, kn_signal *out,
			      kn_error *err);

/* The filters shared by the corpus commands (README: --since, --until,
 * --category, --actor, --min-score, --limit).  kn_filter_init (or
 * zero-initialising) gives "everything".  A signal is selected when it
 * passes every filter given; categories and actors each select the
 * signals matching any one of their values.  Strings are borrowed. */
#define KN_FILTER_MAX 64 /* values of --category, and of --actor */
typedef struct kn_filter {
	const char *since;    /* published on or after this date, or NULL */
	const char *until;    /* published on or before (a date covers its whole day) */
	/* exact categories, compared case-insensitively: any of them */
	const char *categories[KN_FILTER_MAX];
	size_t n_categories;
	/* actors named as winner or loser: any of them; each name is one
	 * actor as the queries see it (its key, then its aliases: an alias
	 * and its canonical name select the same signals) */
	const char *actors[KN_FILTER_MAX];
	size_t n_actors;
	int min_score;        /* score ≥ this; 0 or KN_ABSENT for no bound */
	long limit;           /* at most this many rows; 0 = no limit */
} kn_filter;

KN_API void kn_filter_init(kn_filter *f);
/* Adds a category, or an actor (borrowed).  KN_ERR_USAGE, f unchanged,
 * when it already holds KN_FILTER_MAX of them (the message says so). */
KN_API kn_status kn_filter_add_category(kn_filter *f, const char *category,
					kn_error *err);
KN_API kn_status kn_filter_add_actor(kn_filter *f, const char *name,
				     kn_error *err);
/* Checks the dates are ISO 8601 (YYYY, YYYY-MM, YYYY-MM-DD or a date-time),
 * min_score 0–100, at most KN_FILTER_MAX categories and actors, and that
 * each actor name is valid UTF-8 and names an actor (not only
 * punctuation or invisible characters).  KN_ERR_USAGE; err->field names
 * the option ("since", "actor", …). */
KN_API kn_status kn_filter_check(const kn_filter *f, kn_error *err);

/* Called per signal, newest first (published descending, then id); sig is
 * borrowed for the call.  Return non-zero to stop early. */
typedef int (*kn_signal_fn)(void *ctx, const kn_signal *sig);

/* The signals the filter selects, newest first. */
KN_API kn_status kn_store_list(kn_store *st, const kn_filter *f, kn_signal_fn each,
			       void *ctx, kn_error *err);

/* Number of signals in the corpus. */
KN_API kn_status kn_store_count(kn_store *st, long long *count, kn_error *err);

/* ---- signals by id prefix, removing signals, checking the corpus ---- */

/* What a lookup by name found: the one match, or why there is none.
 * kn_lookup_init before, kn_lookup_release after; strings are heap. */
typedef struct kn_lookup {
	char *found;     /* the full id (or the actor's stored name) */
	char **near;     /* ambiguous: the matching ids, in byte order;
			  * not found: the nearest names, nearest first */
	size_t n;        /* entries in near (at most KN_LOOKUP_SHOWN) */
	long long more;  /* ambiguous: how many more match (at least) */
} kn_lookup;
#define KN_LOOKUP_SHOWN 10

KN_API void kn_lookup_init(kn_lookup *l);
KN_API void kn_lookup_release(kn_lookup *l);

/* Resolves id, an exact signal id or a unique prefix of one (an exact id
 * always wins), into l->found.  KN_ERR_USAGE when the prefix matches
 * several ids (in l->near, l->more beyond them); KN_ERR_NOTFOUND when it
 * matches none (l->near: the nearest ids, maybe none).  Index range scans
 * only: the work is bounded whatever the corpus size. */
KN_API kn_status kn_store_resolve_id(kn_store *st, const char *id, kn_lookup *l,
				     kn_error *err);

/* Finds an actor the corpus knows by name (a stored actor, or a name
 * already given to alias), l->found its stored spelling; KN_ERR_NOTFOUND
 * with the nearest actor names in l->near when there is none, and
 * KN_ERR_INVALID for a name alias refuses (not UTF-8, only punctuation). */
KN_API kn_status kn_store_find_actor(kn_store *st, const char *name, kn_lookup *l,
				     kn_error *err);

typedef struct kn_remove_stats {
	unsigned long long signals, effects, causes, roles, actors, search;
} kn_remove_stats;

/* Called per removed signal (id borrowed for the call). */
typedef void (*kn_id_done_fn)(void *ctx, const char *id);

/* Removes the signals with the n exact ids and everything stored beside
 * them (effects, causes, roles and their counts, search rows, actors no
 * other signal names; an actor keeps the spelling of its earliest
 * remaining signal), in one transaction.  An id not stored: KN_ERR_NOTFOUND
 * naming it, nothing removed.  dry_run: the same counts, nothing changed. */
KN_API kn_status kn_store_remove(kn_store *st, const char *const *ids, size_t n,
				 int dry_run, kn_id_done_fn each, void *ctx,
				 kn_remove_stats *stats, kn_error *err);

typedef struct kn_check_stats {
	unsigned long long signals;  /* signals checked */
	unsigned long long problems; /* discrepancies found */
	unsigned long long repaired; /* of those, repaired (with repair) */
} kn_check_stats;

/* Called per discrepancy: a line a user can act on (borrowed; card text
 * in it is raw), and whether it was repaired. */
typedef void (*kn_problem_fn)(void *ctx, const char *problem, int repaired);

/* Checks every table derived from the signals' stored JSON (their
 * columns, effects, causes, roles, role counts, actors, the search index)
 * against it; with repair, rebuilds what differs in one transaction.  A
 * load left unfinished (kn_store_unfinished) is one problem, and repair
 * finishes it as the next kn_store_ingest would. */
KN_API kn_status kn_store_check(kn_store *st, int repair, kn_problem_fn each,
				void *ctx, kn_check_stats *stats, kn_error *err);

/* 1 when a load into the corpus has left work undone: a bulk load (the
 * first ingest into an empty corpus) builds the secondary indexes and
 * detects the actors its effects name only at its end, so while one runs,
 * and after one was cut short (killed), answers can be slow and lack the
 * detected effect links.  The next ingest, or kn_store_check with repair,
 * finishes the work.  0 when nothing is left undone, -1 on error. */
KN_API int kn_store_unfinished(kn_store *st);

#ifdef __cplusplus
}
#endif
#endif
