/* The corpus's actor identity for maps and reports (kn_storage.h): every
 * alias, then the display name of each actor some signals name, by the
 * rule in kn_actor.h.  Backend-neutral: built on the storage operations. */
#include <stdlib.h>
#include <string.h>

#include "kn_storage.h"

kn_status kn_store_actor_ids(kn_store *st, kn_actor_ids **out, kn_error *err)
{
	kn_aliases l;
	kn_status s;
	size_t i;

	*out = NULL;
	kn_aliases_init(&l);
	if ((s = kn_storage(st)->alias_list(st, &l, err)) == KN_OK &&
	    (s = kn_actor_ids_open(out, err)) == KN_OK)
		for (i = 0; i < l.n && !s; i++)
			s = kn_actor_ids_alias(*out, l.items[i].name,
					       l.items[i].canonical, err);
	kn_aliases_release(&l);
	if (s) {
		kn_actor_ids_close(*out);
		*out = NULL;
	}
	return s;
}

static int key_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The canonical keys of every actor the signals name, sorted (heap). */
static kn_status actor_keys(const kn_actor_ids *ids, const kn_signal *sigs,
			    size_t n, char ***out, size_t *n_out)
{
	size_t i, j, total = 0, k = 0;
	char **v;

	for (i = 0; i < n; i++)
		total += kn_signal_n_actors(&sigs[i]);
	*out = v = calloc(total ? total : 1, sizeof *v);
	*n_out = 0;
	if (!v)
		return KN_ERR_NOMEM;
	for (i = 0; i < n; i++)
		for (j = 0; j < kn_signal_n_actors(&sigs[i]); j++) {
			v[k] = kn_actor_ids_resolve(
				ids, kn_signal_actor(&sigs[i], j, NULL)->name, NULL);
			*n_out = k + 1;
			if (!v[k++])
				return KN_ERR_NOMEM;
		}
	qsort(v, k, sizeof *v, key_cmp);
	return KN_OK;
}

kn_status kn_store_actor_names(kn_store *st, kn_actor_ids *ids,
			       const kn_signal *sigs, size_t n, kn_error *err)
{
	const struct kn_storage_ops *ops = kn_storage(st);
	char **keys = NULL, *stored = NULL;
	size_t n_keys = 0, i;
	kn_status s = actor_keys(ids, sigs, n, &keys, &n_keys);
	const char *shown;

	if (s)
		s = kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	for (i = 0; !s && i < n_keys; i++) {
		if ((i > 0 && strcmp(keys[i], keys[i - 1]) == 0) ||
		    kn_actor_ids_name(ids, keys[i]))
			continue;
		if ((s = ops->stored_name(st, keys[i], &stored, err)) != KN_OK)
			break;
		shown = kn_actor_display(stored, kn_actor_ids_alias_name(ids, keys[i]));
		if (shown) /* else not stored: the map's own choice stands */
			s = kn_actor_ids_set_name(ids, keys[i], shown, err);
		free(stored);
		stored = NULL;
	}
	for (i = 0; i < n_keys; i++)
		free(keys[i]);
	free(keys);
	return s;
}
