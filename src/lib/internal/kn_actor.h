/* knockon internal — actor identity, the one rule for the whole library.
 * Not part of the public API.
 *
 * Two names are one actor when their keys are equal (kn_actor_key in
 * kn_text.h folds case, white space, typographic punctuation and invisible
 * characters) or when an alias makes one the other; the key an actor
 * resolves to is its canonical key.  An actor is shown by its display
 * name (kn_actor_display): the first spelling the corpus stored for the
 * canonical key, else the canonical name the alias gave.  Queries, maps
 * and reports all name actors by this rule, so a map and a table beside
 * it agree (docs/queries.md, docs/maps.md).
 *
 * A kn_actor_ids holds the aliases and display names one map or report
 * uses: kn_actor_ids_open / kn_actor_ids_close.  Filled from the corpus by
 * kn_store_actor_ids (kn_storage.h), or by hand for signals in memory. */
#ifndef KN_ACTOR_H
#define KN_ACTOR_H

#include <stddef.h>

#include "knockon/error.h"
#include "kn_text.h"

/* The display rule: stored (the corpus's first spelling of the canonical
 * key, or NULL) wins over alias_name (the alias's canonical name, or
 * NULL).  NULL when both are: the caller shows a spelling of its own. */
const char *kn_actor_display(const char *stored, const char *alias_name);

typedef struct kn_actor_ids kn_actor_ids;

kn_status kn_actor_ids_open(kn_actor_ids **out, kn_error *err);
/* Accepts NULL. */
void kn_actor_ids_close(kn_actor_ids *ids);

/* Makes name another name of the actor canonical (both keyed here;
 * canonical, trimmed, is the alias's canonical name).  A later alias of
 * the same name replaces nothing: aliases come resolved from the corpus
 * (each name once). */
kn_status kn_actor_ids_alias(kn_actor_ids *ids, const char *name,
			     const char *canonical, kn_error *err);

/* The canonical key of name (heap, free() it); NULL when out of memory.
 * *alias_name (when not NULL) is set to the alias's canonical name when
 * name is an alias or the canonical name of one (borrowed), else NULL. */
char *kn_actor_ids_resolve(const kn_actor_ids *ids, const char *name,
			   const char **alias_name);

/* The alias's canonical name for a canonical key (borrowed), or NULL. */
const char *kn_actor_ids_alias_name(const kn_actor_ids *ids, const char *key);

/* Records the display name of a canonical key (copied).  Keys are
 * expected in ascending order (then appending is O(1)); any order works. */
kn_status kn_actor_ids_set_name(kn_actor_ids *ids, const char *key,
				const char *name, kn_error *err);

/* The display name recorded for a canonical key (borrowed), or NULL. */
const char *kn_actor_ids_name(const kn_actor_ids *ids, const char *key);

/* Makes map m group and name its actors by ids (borrowed: ids outlives
 * m) instead of by its own aliases.  Defined by the map module. */
struct kn_map;
void kn_map_use_actor_ids(struct kn_map *m, const kn_actor_ids *ids);

#endif
