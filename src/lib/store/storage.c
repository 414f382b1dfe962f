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
