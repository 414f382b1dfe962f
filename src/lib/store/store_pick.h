/* knockon internal: what store_pick.c and store_pick_rank.c share. */
#ifndef KN_STORE_PICK_H
#define KN_STORE_PICK_H

#include "store_internal.h"

#include "kn_storage.h"

/* The selection of f on signals aliased s (a filter, or with a limit the
 * newest f->limit signals it selects), appended to a WHERE clause, and
 * its binding from parameter first; returns the next parameter. */
void kn_pick_sel_sql(const kn_filter *f, kn_buf *sql);
int kn_pick_sel_bind(sqlite3_stmt *q, const kn_filter *f, int first);

/* Marks in bits[0..n_bits/8] the row ids sql selects: bound to key at
 * ?1, or else to f (kn_pick_sel_bind). */
kn_status kn_pick_mark(kn_store *st, const char *sql, const kn_filter *f,
		       const char *key, unsigned char *bits, size_t n_bits,
		       kn_error *err);
/* Marks the signals naming any of f's --actor names. */
kn_status kn_pick_mark_actors(kn_store *st, const kn_filter *f,
			      unsigned char *bits, size_t n_bits, kn_error *err);

/* A selection for the pick's queries (store_pick_sel.c): f, with its
 * --actor names (no limit) as a bit per signal tested by kn_pick_in(s.sid)
 * while the selection is open.  kn_pick_sel_where appends it to a WHERE
 * clause on signals aliased s; bind p->f with kn_pick_sel_bind. */
typedef struct kn_pick_sel {
	kn_filter f; /* the filter less what the bits hold */
	int in;      /* kn_pick_in is defined and tests the bits */
} kn_pick_sel;

kn_status kn_pick_sel_open(kn_store *st, const kn_filter *f, kn_pick_sel *p,
			   kn_error *err);
void kn_pick_sel_where(const kn_pick_sel *p, kn_buf *sql);
void kn_pick_sel_close(kn_store *st, kn_pick_sel *p);

/* n[0..2] of the group of one actor, unfiltered, by a merge of its two
 * role runs of roles_by_actor; KN_ERR_USAGE when the group has more
 * than one actor (the caller counts it in SQL). */
kn_status kn_pick_stats_one(kn_store *st, const char *key, long n[3],
			    kn_error *err);

/* pick_groups counted in memory (store_pick_rank.c); KN_ERR_USAGE when
 * the corpus's row ids are too sparse for that (then SQL ranks). */
kn_status kn_pick_rank(kn_store *st, const kn_filter *f, long min, size_t max,
		       kn_pick_group_fn each, void *ctx, long long *total,
		       kn_error *err);

#endif
