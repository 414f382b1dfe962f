/* knockon internal — what the query modules (query.c, query_agg.c) share:
 * the per-actor aggregate table and the scan that fills it.  Not public. */
#ifndef KN_QUERY_INTERNAL_H
#define KN_QUERY_INTERNAL_H

#include "knockon/query.h"
#include "kn_grow.h"
#include "kn_storage.h"

/* One actor group: an actor's own aid (> 0), or an alias group (< 0: the
 * canonical key keys[-gid - 1] of the kn_groups it came from). */
typedef struct kn_agg {
	kn_row gid; /* 0 = empty slot */
	long n[2];         /* distinct signals, by kn_role */
	long long weight[2];
	kn_row seen[2];    /* last sid counted, by role */
	kn_row first, last; /* sids of the earliest / latest dated signal */
	char first_at[40], last_at[40]; /* their "published" (cut to fit) */
} kn_agg;

typedef struct kn_agg_map {
	kn_agg *slots;
	size_t cap; /* a power of two */
	size_t n;
} kn_agg_map;

/* The actors that aliases join into groups. */
typedef struct kn_groups {
	kn_row *aid; /* sorted */
	kn_row *gid; /* gid[i] is the group of aid[i] */
	size_t n;
	size_t cap_aid, cap_gid;
	char **keys; /* canonical key of group -(g + 1) */
	size_t n_keys, cap_keys;
} kn_groups;

void kn_agg_map_release(kn_agg_map *m);
/* The entry for gid, added zeroed when new; NULL when out of memory. */
kn_agg *kn_agg_get(kn_agg_map *m, kn_row gid);

kn_status kn_groups_load(kn_store *st, kn_groups *g, kn_error *err);
void kn_groups_release(kn_groups *g);
/* The group of an actor: its alias group, else the aid itself. */
kn_row kn_groups_of(const kn_groups *g, kn_row aid);

/* Scans the roles of the signals f selects, in row id order, into m:
 * role < 0 for both roles.  Counts distinct signals per group and role;
 * *n_signals is the number of signals seen (that name anyone in role). */
kn_status kn_agg_scan(kn_store *st, const kn_groups *g, const kn_filter *f,
		      int role, kn_agg_map *m, long long *n_signals, kn_error *err);
/* The same for both roles of a date window, without the weights (the
 * storage's window_scan). */
kn_status kn_agg_scan_window(kn_store *st, const kn_groups *g,
			     const kn_filter *f, kn_agg_map *m,
			     long long *n_signals, kn_error *err);

/* The canonical key and display name (kn_actor_display) of a group
 * (heap strings). */
kn_status kn_group_name(kn_store *st, const kn_groups *g, kn_row gid,
			char **key, char **name, kn_error *err);

/* The weight of one way a signal reaches an actor (exposure.c;
 * docs/ripple.md): score/100 × confidence/100 × impact/100 ×
 * decay^order, an absent number (KN_ABSENT) counting as 50. */
double kn_ripple_weight(int score, int confidence, int impact, int order,
			double decay);

#endif
