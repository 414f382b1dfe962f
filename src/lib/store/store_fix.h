/* knockon internal — keeping the derived tables right when signals go
 * (rm) or when they are rebuilt (check --repair): store_fix.c. */
#ifndef KN_STORE_FIX_H
#define KN_STORE_FIX_H

#include "store_internal.h"

/* The SQLite backend's operations behind kn_store_resolve_id,
 * kn_store_find_actor, kn_store_remove and kn_store_check (storage.c
 * dispatches those through the handle's table, store_actor.c). */
kn_status kn_sqlite_resolve_id(kn_store *st, const char *id, kn_lookup *l,
			       kn_error *err);
kn_status kn_sqlite_find_actor(kn_store *st, const char *name, kn_lookup *l,
			       kn_error *err);
kn_status kn_sqlite_remove(kn_store *st, const char *const *ids, size_t n,
			   int dry_run, kn_id_done_fn each, void *ctx,
			   kn_remove_stats *stats, kn_error *err);
kn_status kn_sqlite_check(kn_store *st, int repair, kn_problem_fn each,
			  void *ctx, kn_check_stats *stats, kn_error *err);

/* Runs sql, a statement returning no rows, with ?1 = a and (when t is not
 * NULL) ?2 = t; *changes (when not NULL) gets the rows it changed. */
kn_status kn_fix_exec(kn_store *st, const char *sql, sqlite3_int64 a,
		      const char *t, long long *changes, const char *what,
		      kn_error *err);

/* Sets role_counts of (role, aid) to the distinct signals roles name it
 * in (no row when none), whatever the triggers did. */
kn_status kn_fix_role_count(kn_store *st, const char *role, sqlite3_int64 aid,
			    kn_error *err);

/* The actors aids[0..n) (sorted here; repeats allowed) after the signals
 * naming them changed: each removed when no signal names it any more
 * (counted in *dropped, when not NULL), else given the spelling of its
 * earliest signal (smallest sid), winners before losers, as a corpus
 * ingested afresh in the same order would store it.  Only actors whose
 * earliest signal is from or later are respelled (0: every one).  sig,
 * when not NULL, is signal sid as just written.  Each signal involved is
 * read once, and its actors looked up by key in O(log n). */
kn_status kn_fix_actors(kn_store *st, sqlite3_int64 *aids, size_t n,
			sqlite3_int64 from, sqlite3_int64 sid,
			const kn_signal *sig, unsigned long long *dropped,
			kn_error *err);

/* After kn_store_put updated signal sid (now sig; old: the actors its
 * earlier version named): gives each actor it names or named the
 * spelling of its earliest signal, as kn_fix_actors does.  0 on success
 * (store.c's convention; the connection holds the error). */
int kn_fix_updated_actors(kn_store *st, sqlite3_int64 sid, const kn_signal *sig,
			  const sqlite3_int64 *old, size_t n_old);

/* Rewrites signal sid's row and every row derived from it from sig, as
 * an update by kn_store_put does (store.c); inside kn_store_begin. */
kn_status kn_store_rederive(kn_store *st, sqlite3_int64 sid,
			    const kn_signal *sig, kn_error *err);

#endif
