/* knockon internal — what the files of the SQLite backend share.  Not
 * even the rest of the library sees this: it reaches the corpus through
 * the storage operations (kn_storage.h). */
#ifndef KN_STORE_INTERNAL_H
#define KN_STORE_INTERNAL_H

#include <sqlite3.h>

#include "knockon/buf.h"
#include "knockon/store.h"
#include "kn_grow.h"
#include "kn_storage.h"

/* The connection (borrowed; valid until kn_store_close). */
sqlite3 *kn_store_db(kn_store *st);

/* The handle's statement cache (store_stmt.c), and freeing it. */
struct kn_stmt_cache;
struct kn_stmt_cache **kn_store_cache(kn_store *st);
void kn_stmt_cache_free(struct kn_stmt_cache *c);

/* 1 when roles_by_date is there to be read, and with it each role's copy
 * of its signal's date: schema 4 or later (a corpus read as it is may be
 * older) and not being built (a bulk load in progress).  store_windows.c. */
int kn_store_has_role_dates(kn_store *st);
/* Signal g's score × confidence × impact, an absent number counting as
 * 50: the copy its roles carry (roles.base, schema 6), equal to
 * KN_LINK_BASE_SQL's (links.h). */
sqlite3_int64 kn_signal_base(const kn_signal *g);

/* 1 inside kn_store_begin / commit (a write then joins the batch as a
 * savepoint instead of committing on its own). */
int kn_store_in_batch(const kn_store *st);

/* Stores the finished signal sig, whose canonical JSON (kn_signal_write_json)
 * is in canonical, in the open transaction (kn_store_begin), as kn_store_put
 * does.  keys, when not NULL, holds the actor key (kn_actor_key) of each
 * of its actors, winners then losers, or NULL: the keys used are taken
 * (set to NULL), the caller frees what is left.  With savepoint, a
 * failure leaves the transaction as it was; without, the caller must roll
 * the transaction back after a failure. */
kn_status kn_store_put_canonical(kn_store *st, const kn_signal *sig,
				 const kn_buf *canonical, char **keys,
				 int savepoint, kn_put *result, kn_error *err);

/* The full-text row of a signal (store_fts.c): columns title, summary,
 * why (why_now, why_important, why_changes), effects (their texts, in
 * order) and actors (each winner's then loser's name, then note), the
 * parts of a column joined by '\n'.  kn_fts_text appends the columns to b
 * NUL-terminated, their offsets in off, bit k of *has set when column k
 * is not NULL (only title and summary can be); 0 on success.  Every
 * writer of signals_fts (ingest, migrations, repairs) goes through it. */
#define KN_FTS_COLUMNS 5
int kn_fts_text(const kn_signal *g, kn_buf *b, size_t off[KN_FTS_COLUMNS],
		unsigned *has);

/* Full-text rows waiting for COMMIT: kn_fts_queue_add queues the row of
 * g for sid (replace: delete its old row first); kn_fts_queue_flush
 * writes them (0 on success) and empties the queue; kn_fts_queue_bytes is
 * the memory they hold.  Zero-initialise; kn_fts_queue_release frees. */
typedef struct kn_fts_row {
	sqlite3_int64 sid;
	int replace;
	size_t off[KN_FTS_COLUMNS];
	unsigned has;
} kn_fts_row;

typedef struct kn_fts_queue {
	kn_fts_row *rows;
	size_t n, cap;
	kn_buf text;
	sqlite3_stmt *del, *ins;
} kn_fts_queue;

int kn_fts_queue_add(kn_fts_queue *q, const kn_signal *g, sqlite3_int64 sid,
		     int replace);
int kn_fts_queue_flush(kn_fts_queue *q, sqlite3 *db);
size_t kn_fts_queue_bytes(const kn_fts_queue *q);
void kn_fts_queue_forget(kn_fts_queue *q);
void kn_fts_queue_release(kn_fts_queue *q);

/* role_counts kept in C for the signals a transaction stores
 * (store_counts.c): kn_counts_add counts one distinct (role, actor) pair
 * of one signal (role 0 winner, 1 loser) and cannot fail once
 * kn_counts_reserve made room for that many new pairs; kn_counts_flush
 * adds the sums to role_counts (0 on success) and must run before COMMIT
 * and before any DELETE on roles in the transaction (the delete trigger
 * reads role_counts); kn_counts_forget drops them (at ROLLBACK). */
typedef struct kn_counts kn_counts;
kn_counts *kn_counts_new(void);
void kn_counts_free(kn_counts *c);
int kn_counts_reserve(kn_counts *c, size_t more);
void kn_counts_add(kn_counts *c, int role, sqlite3_int64 aid);
int kn_counts_flush(kn_counts *c, sqlite3 *db);
void kn_counts_forget(kn_counts *c);

/* The pending role counts of the handle's transaction: flush them before
 * deleting rows of roles (kn_counts_flush(kn_store_counts(st), db)). */
kn_counts *kn_store_counts(kn_store *st);

/* Bytes a transaction's stored signals hold in memory until COMMIT
 * (their full-text rows), so that a batch can be bounded by them. */
size_t kn_store_batch_bytes(const kn_store *st);

/* 1 when the corpus holds no signal, 0 when it does, -1 on error. */
int kn_store_is_empty(kn_store *st);

/* Drops (drop 1: all) or builds (drop 0: those of which, each only when
 * missing) the indexes a bulk load builds after its rows (schema.h), in
 * a transaction of its own. */
kn_status kn_store_late_indexes(kn_store *st, int drop, int which,
				kn_error *err);

/* 1 when the index name is in the corpus, 0 when not (or on error): the
 * late indexes (schema.h) are missing while a bulk load runs and after
 * one cut short, until the next ingest or 'check --repair' builds them.
 * kn_store_indexed_by appends " INDEXED BY name" to sql only when it is
 * there, so that a query the planner needs told still answers (slower)
 * without it, instead of failing with "no such index". */
int kn_store_has_index(kn_store *st, const char *name);
void kn_store_indexed_by(kn_store *st, kn_buf *sql, const char *name);

/* The statement for sql, prepared once per handle and kept until
 * kn_store_close (a second one when the first is still stepping, e.g.
 * from a callback); *q NULL with err filled ("what: ...") on failure.  Give
 * it back with kn_store_stmt_done, which resets it (or finalizes the
 * second one): an unreset statement would hold its read lock. */
kn_status kn_store_stmt(kn_store *st, const char *sql, const char *what,
			sqlite3_stmt **q, kn_error *err);
void kn_store_stmt_done(kn_store *st, sqlite3_stmt *q);
/* kn_store_stmt for the SQL built in *sql, which it releases (out of
 * memory when building it failed). */
kn_status kn_store_stmt_buf(kn_store *st, kn_buf *sql, const char *what,
			    sqlite3_stmt **q, kn_error *err);
/* Ends a loop over q's rows: rc is the last sqlite3_step's, stop what
 * the row callback said (0 on, > 0 stopped, < 0 out of memory).  Gives q
 * back and returns KN_OK, or the error ("what: ..."). */
kn_status kn_store_rows_done(kn_store *st, sqlite3_stmt *q, int rc, int stop,
			     const char *what, kn_error *err);
/* The path the corpus was opened with (borrowed). */
const char *kn_store_path(const kn_store *st);

/* Fills err from the connection's current error: call right after the
 * failing sqlite3_* call, before any other.  Returns KN_ERR_DB. */
kn_status kn_store_fail(kn_store *st, kn_error *err, const char *what);

/* Appends " AND …" conditions selecting the signals f allows, for a query
 * where the signals table is named alias (e.g. "s").  Parameters are bound
 * by kn_filter_bind, in the same order, starting at index first; it
 * returns the next free index.  No text from f is ever put in the SQL. */
void kn_filter_sql(const kn_filter *f, const char *alias, kn_buf *sql);
int kn_filter_bind(sqlite3_stmt *stmt, const kn_filter *f, int first);

/* Before a derived id is stored (the ingest path): when the corpus does
 * not hold sig's id but holds the id the first rule derived from the same
 * date and title (kn_legacy_id.h), sig takes that id (store_legacy.c). */
kn_status kn_store_legacy_id(kn_store *st, kn_signal *sig, kn_error *err);

/* What a corpus path holds, as kn_corpus_check finds it. */
typedef enum kn_corpus_kind {
	KN_CORPUS_ABSENT, /* nothing there yet */
	KN_CORPUS_EMPTY,  /* an empty file, or an SQLite file with nothing in it */
	KN_CORPUS_OURS    /* a knockon corpus (marked, or made before the mark) */
} kn_corpus_kind;

/* Checks path is a plain path to a regular file (or nothing yet) and, by
 * reading it only, that it is a knockon corpus or empty.  Anything else
 * is refused with err filled, and nothing beside it is created. */
kn_status kn_corpus_check(const char *path, kn_corpus_kind *kind,
			  kn_error *err);

/* Opens a corpus for reading wherever it can be read: when its -shm
 * cannot be made or grown (a folder this user cannot write, a read-only
 * mount, a full disk) and no -wal holds changes, it is read in SQLite's
 * immutable mode.  *immutable says so.  *db is set even on failure. */
kn_status kn_corpus_open_read(const char *path, sqlite3 **db, int *immutable,
			      kn_error *err);

/* 1 when the folder path is in ("." for a bare name) is writable. */
int kn_corpus_folder_writable(const char *path);

/* 1 when path followed by suffix ("-wal", "-shm") exists. */
int kn_corpus_has(const char *path, const char *suffix);

/* After a failed first read (the connection closed): removes the empty
 * -wal and 3-byte -shm SQLite leaves when it cannot grow a new -shm (a
 * full disk), if this attempt made them (had_wal, had_shm: they existed
 * before) and no connection uses them. */
void kn_corpus_tidy(const char *path, int had_wal, int had_shm);

/* A bulk load into an empty corpus writes with a rollback journal
 * (TRUNCATE) instead of WAL: each page is written once, into the corpus,
 * not into the -wal first and again at the checkpoint.  A crash leaves
 * a hot journal that the next opener rolls back, as before every stored
 * batch whole.  kn_corpus_load_journal switches when no other connection
 * has the corpus open (1; else 0, WAL kept); kn_corpus_wal_again makes it
 * a WAL corpus again (0; -1 when it could not, and the next writer's open
 * does it). */
int kn_corpus_load_journal(sqlite3 *db);
int kn_corpus_wal_again(sqlite3 *db);

/* Opens path (a plain file path) read-only in immutable mode. */
kn_status kn_corpus_open_immutable(const char *path, sqlite3 **db,
				   kn_error *err);

/* Reads the signal with internal row id sid into *out (initialised). */
kn_status kn_store_read_sid(kn_store *st, sqlite3_int64 sid, kn_signal *out,
			    kn_error *err);

/* The SQLite backend's table of operations (store_actor.c), which every
 * store opened today uses, and its operations behind the public
 * kn_store_put/get/list/count, kn_search and kn_alias_* (storage.c
 * dispatches those through the handle's table). */
extern const struct kn_storage_ops kn_sqlite_ops;
kn_status kn_sqlite_put(kn_store *st, const kn_signal *sig, kn_put *result,
			kn_error *err);
kn_status kn_sqlite_get(kn_store *st, const char *id, kn_signal *out,
			kn_error *err);
kn_status kn_sqlite_list(kn_store *st, const kn_filter *f, kn_signal_fn each,
			 void *ctx, kn_error *err);
kn_status kn_sqlite_count(kn_store *st, long long *count, kn_error *err);
kn_status kn_sqlite_search(kn_store *st, const char *text, const kn_filter *f,
			   const char *open, const char *close,
			   kn_search_hits *out, kn_error *err);
kn_status kn_sqlite_alias_add(kn_store *st, const char *name,
			      const char *canonical, kn_error *err);
kn_status kn_sqlite_alias_remove(kn_store *st, const char *name, kn_error *err);
kn_status kn_sqlite_alias_list(kn_store *st, kn_aliases *out, kn_error *err);
int kn_sqlite_unfinished(kn_store *st);

/* The recurring-actor operations of the ops table (store_query.c); see
 * struct kn_storage_ops. */
kn_status kn_sqlite_alias_groups(kn_store *st, kn_group_row_fn each, void *ctx,
				 kn_error *err);
kn_status kn_sqlite_role_counts(kn_store *st, int role, long min,
				kn_count_row_fn each, void *ctx, kn_error *err);
kn_status kn_sqlite_group_count(kn_store *st, const char *key, kn_role role,
				long *n, kn_error *err);
kn_status kn_sqlite_role_scan(kn_store *st, const kn_filter *f, int role,
			      kn_role_row_fn each, void *ctx, kn_error *err);
kn_status kn_sqlite_group_signals(kn_store *st, const char *key, kn_role role,
				  const kn_filter *f, int by_date, size_t max,
				  int titles, kn_id_fn each, void *ctx,
				  kn_error *err);
kn_status kn_sqlite_group_seen(kn_store *st, const char *key, int latest,
			       int frequent, kn_row *sid, kn_error *err);

/* The trend's operation (store_windows.c); see struct kn_storage_ops. */
kn_status kn_sqlite_group_dates(kn_store *st, const char *key,
				const kn_filter *f, kn_dated_role_fn each,
				void *ctx, kn_error *err);
kn_status kn_sqlite_window_scan(kn_store *st, const kn_filter *f,
				kn_role_row_fn each, void *ctx, kn_error *err);

/* What a big map draws (store_pick.c); see struct kn_storage_ops. */
kn_status kn_sqlite_pick_groups(kn_store *st, const kn_filter *f, long min,
				size_t max, kn_pick_group_fn each, void *ctx,
				long long *total, kn_error *err);
kn_status kn_sqlite_pick_stats(kn_store *st, const char *key,
			       const kn_filter *f, long n[3], kn_error *err);
kn_status kn_sqlite_pick_signals(kn_store *st, const char *const *keys,
				 size_t n_keys, const kn_filter *f, size_t max,
				 kn_sid_fn each, void *ctx, kn_error *err);
kn_status kn_sqlite_pick_categories(kn_store *st, const char *key,
				    const kn_filter *f, kn_category_fn each,
				    void *ctx, kn_error *err);

#endif
