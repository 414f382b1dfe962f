/* The public effect-link calls (knockon/ripple.h) go through the
 * handle's table of operations, as storage.c's do. */
#include "store_internal.h"

kn_status kn_links_list(kn_store *st, const char *actor, const kn_filter *f,
			int rejected, kn_link_list *out, kn_error *err)
{
	return kn_storage(st)->links(st, actor, f, rejected, out, err);
}

kn_status kn_link_reject(kn_store *st, const char *signal_id,
			 const char *effect_id, const char *name, kn_error *err)
{
	return kn_storage(st)->link_mark(st, signal_id, effect_id, name, 1, err);
}

kn_status kn_link_restore(kn_store *st, const char *signal_id,
			  const char *effect_id, const char *name, kn_error *err)
{
	return kn_storage(st)->link_mark(st, signal_id, effect_id, name, 0, err);
}

kn_status kn_links_detect(kn_store *st, kn_error *err)
{
	return kn_storage(st)->links_detect(st, err);
}

void kn_store_set_detect(kn_store *st, int on)
{
	kn_storage(st)->set_detect(st, on);
}
