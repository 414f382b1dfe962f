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

#define KN_SCHEMA_VERSION 2
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
 * still whole or not at all; a batch commits every ~1,000 signals).  Bad
 * units are counted and passed to on_reject; they never stop the ingest.
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

/* The filters shared by the corpus commands (README: --since, --until, --category, --min-score, --limit).  kn_filter_init (or
 * zero-initialising) gives "everything". */
typedef struct kn_filter {
	const char *since;    /* published on or after this date, or NULL */
	const char *until;    /* published on or before (a date covers its whole day) */
	const char *category; /* exact category, compared case-insensitively */
	int min_score;        /* score ≥ this; 0 or KN_ABSENT for no bound */
	long limit;           /* at most this many rows; 0 = no limit */
} kn_filter;

KN_API void kn_filter_init(kn_filter *f);
/* Checks the dates are ISO 8601 (YYYY, YYYY-MM, YYYY-MM-DD or a date-time)
 * and min_score 0–100.  err->field names the option ("since", …). */
KN_API kn_status kn_filter_check(const kn_filter *f, kn_error *err);

/* Called per signal, newest first (published descending, then id); sig is
 * borrowed for the call.  Return non-zero to stop early. */
typedef int (*kn_signal_fn)(void *ctx, const kn_signal *sig);

/* The signals the filter selects, newest first. */
KN_API kn_status kn_store_list(kn_store *st, const kn_filter *f, kn_signal_fn each,
			       void *ctx, kn_error *err);

/* Number of signals in the corpus. */
KN_API kn_status kn_store_count(kn_store *st, long long *count, kn_error *err);

#ifdef __cplusplus
}
#endif
#endif
