/* The public corpus calls go through the handle's table of operations
 * (kn_storage.h), so a second backend needs no change above the store:
 * kn_store_open picks the table, and these calls follow it. */
#include "store_internal.h"

kn_status kn_store_put(kn_store *st, const kn_signal *sig, kn_put *result,
		       kn_error *err)
{
	return kn_storage(st)->put(st, sig, result, err);
}

kn_status kn_store_get(kn_store *st, const char *id, kn_signal *out,
		       kn_error *err)
{
	return kn_storage(st)->get(st, id, out, err);
}

kn_status kn_store_list(kn_store *st, const kn_filter *f, kn_signal_fn each,
			void *ctx, kn_error *err)
{
	return kn_storage(st)->list(st, f, each, ctx, err);
}

kn_status kn_store_count(kn_store *st, long long *count, kn_error *err)
{
	return kn_storage(st)->count(st, count, err);
}

kn_status kn_search(kn_store *st, const char *text, const kn_filter *f,
		    const char *open, const char *close, kn_search_hits *out,
		    kn_error *err)
{
	return kn_storage(st)->search(st, text, f, open, close, out, err);
}

kn_status kn_alias_add(kn_store *st, const char *name, const char *canonical,
		       kn_error *err)
{
	return kn_storage(st)->alias_add(st, name, canonical, err);
}

kn_status kn_alias_remove(kn_store *st, const char *name, kn_error *err)
{
	return kn_storage(st)->alias_remove(st, name, err);
}

kn_status kn_alias_list(kn_store *st, kn_aliases *out, kn_error *err)
{
	return kn_storage(st)->alias_list(st, out, err);
}

kn_status kn_store_resolve_id(kn_store *st, const char *id, kn_lookup *l,
			      kn_error *err)
{
	return kn_storage(st)->resolve_id(st, id, l, err);
}

kn_status kn_store_find_actor(kn_store *st, const char *name, kn_lookup *l,
			      kn_error *err)
{
	return kn_storage(st)->find_actor(st, name, l, err);
}

kn_status kn_store_remove(kn_store *st, const char *const *ids, size_t n,
			  int dry_run, kn_id_done_fn each, void *ctx,
			  kn_remove_stats *stats, kn_error *err)
{
	return kn_storage(st)->remove(st, ids, n, dry_run, each, ctx, stats, err);
}

int kn_store_unfinished(kn_store *st)
{
	return kn_storage(st)->unfinished(st);
}

kn_status kn_store_check(kn_store *st, int repair, kn_problem_fn each,
			 void *ctx, kn_check_stats *stats, kn_error *err)
{
	return kn_storage(st)->check(st, repair, each, ctx, stats, err);
}

kn_status kn_read_begin(kn_store *st, int *began, kn_error *err)
{
	return kn_storage(st)->read_begin(st, began, err);
}

void kn_read_end(kn_store *st, int began)
{
	kn_storage(st)->read_end(st, began);
}
