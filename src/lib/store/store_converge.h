/* knockon internal — the SQLite backend's operations for converge and
 * path (store_converge.c), as kn_storage.h declares them.  Not part of
 * the public API. */
#ifndef KN_STORE_CONVERGE_H
#define KN_STORE_CONVERGE_H

#include "store_internal.h"

#include "kn_storage.h"

kn_status kn_sqlite_converge_links(kn_store *st, int min_order,
				   const kn_filter *f, kn_converge_link_fn each,
				   void *ctx, kn_error *err);
kn_status kn_sqlite_converge_actor(kn_store *st, const char *key, int min_order,
				   const kn_filter *f, size_t signals,
				   char **name, char **newest, kn_error *err);
kn_status kn_sqlite_converge_via(kn_store *st, const char *key, int min_order,
				 const kn_filter *f, kn_reach_fn each, void *ctx,
				 kn_error *err);
kn_status kn_sqlite_card_edges(kn_store *st, kn_row sid, kn_card_edge_fn each,
			       void *ctx, kn_error *err);
kn_status kn_sqlite_actor_cards(kn_store *st, const char *key,
				const kn_filter *f, kn_card_fn each, void *ctx,
				kn_error *err);
kn_status kn_sqlite_signal_row(kn_store *st, const char *id, kn_row *sid,
			       kn_error *err);

#endif
