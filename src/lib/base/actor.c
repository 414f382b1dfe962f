/* Actor identity (kn_actor.h): aliases and display names as two sorted
 * arrays, searched by key. */
#include "kn_actor.h"

#include <stdlib.h>
#include <string.h>

#include "kn_grow.h"

typedef struct alias_row {
	char *key;            /* actor key of the alias */
	char *canonical_key;  /* actor key it resolves to */
	char *canonical_name; /* the alias's canonical name */
} alias_row;

typedef struct name_row {
	char *key;  /* canonical key */
	char *name; /* its display name */
} name_row;

struct kn_actor_ids {
	alias_row *aliases; /* sorted by key */
	size_t n_aliases, cap_aliases;
	name_row *names; /* sorted by key */
	size_t n_names, cap_names;
};

const char *kn_actor_display(const char *stored, const char *alias_name)
{
	return stored ? stored : alias_name;
}

static kn_status nomem(kn_error *err)
{
	return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
}

kn_status kn_actor_ids_open(kn_actor_ids **out, kn_error *err)
{
	*out = calloc(1, sizeof **out);
	return *out ? KN_OK : nomem(err);
}

void kn_actor_ids_close(kn_actor_ids *ids)
{
	size_t i;

	if (!ids)
		return;
	for (i = 0; i < ids->n_aliases; i++) {
		free(ids->aliases[i].key);
		free(ids->aliases[i].canonical_key);
		free(ids->aliases[i].canonical_name);
	}
	for (i = 0; i < ids->n_names; i++) {
		free(ids->names[i].key);
		free(ids->names[i].name);
	}
	free(ids->aliases);
	free(ids->names);
	free(ids);
}

/* Both row types start with their key. */
static int key_cmp(const void *key, const void *row)
{
	return strcmp(key, *(char *const *)row);
}

static int row_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

kn_status kn_actor_ids_alias(kn_actor_ids *ids, const char *name,
			     const char *canonical, kn_error *err)
{
	alias_row *a;

	if (KN_GROW(ids->aliases, ids->cap_aliases, ids->n_aliases + 1))
		return nomem(err);
	a = &ids->aliases[ids->n_aliases];
	a->key = kn_actor_key(name);
	a->canonical_key = kn_actor_key(canonical);
	a->canonical_name = kn_strndup_trim(canonical, strlen(canonical));
	if (!a->key || !a->canonical_key || !a->canonical_name) {
		free(a->key);
		free(a->canonical_key);
		free(a->canonical_name);
		return nomem(err);
	}
	ids->n_aliases++;
	/* resolving is a binary search (done per actor per render); aliases
	 * are few and added once */
	if (ids->n_aliases > 1 &&
	    strcmp(ids->aliases[ids->n_aliases - 2].key, a->key) > 0)
		qsort(ids->aliases, ids->n_aliases, sizeof *ids->aliases, row_cmp);
	return KN_OK;
}

const char *kn_actor_ids_alias_name(const kn_actor_ids *ids, const char *key)
{
	size_t i;

	/* the first alias (by key) naming it: aliases of one canonical key
	 * share their canonical name when they come from the corpus */
	for (i = 0; i < ids->n_aliases; i++)
		if (strcmp(ids->aliases[i].canonical_key, key) == 0)
			return ids->aliases[i].canonical_name;
	return NULL;
}

char *kn_actor_ids_resolve(const kn_actor_ids *ids, const char *name,
			   const char **alias_name)
{
	const alias_row *hit;
	char *key = kn_actor_key(name);

	if (alias_name)
		*alias_name = NULL;
	if (!key || ids->n_aliases == 0)
		return key;
	hit = bsearch(key, ids->aliases, ids->n_aliases, sizeof *ids->aliases,
		      key_cmp);
	if (!hit) {
		if (alias_name)
			*alias_name = kn_actor_ids_alias_name(ids, key);
		return key;
	}
	free(key);
	if (alias_name)
		*alias_name = hit->canonical_name;
	return strdup(hit->canonical_key);
}

kn_status kn_actor_ids_set_name(kn_actor_ids *ids, const char *key,
				const char *name, kn_error *err)
{
	name_row *r;

	if (KN_GROW(ids->names, ids->cap_names, ids->n_names + 1))
		return nomem(err);
	r = &ids->names[ids->n_names];
	r->key = strdup(key);
	r->name = strdup(name);
	if (!r->key || !r->name) {
		free(r->key);
		free(r->name);
		return nomem(err);
	}
	ids->n_names++;
	if (ids->n_names > 1 && strcmp(ids->names[ids->n_names - 2].key, key) > 0)
		qsort(ids->names, ids->n_names, sizeof *ids->names, row_cmp);
	return KN_OK;
}

const char *kn_actor_ids_name(const kn_actor_ids *ids, const char *key)
{
	const name_row *hit = ids->n_names ? bsearch(key, ids->names, ids->n_names,
						     sizeof *ids->names, key_cmp)
					   : NULL;

	return hit ? hit->name : NULL;
}
