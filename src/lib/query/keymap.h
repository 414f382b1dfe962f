/* knockon internal — small open-addressing hash maps for the query
 * module (converge.c, path.c): a string or a row id to an index in the
 * caller's array.  Not public. */
#ifndef KN_KEYMAP_H
#define KN_KEYMAP_H

#include <stddef.h>

#include "kn_storage.h"

#define KN_NO_INDEX ((size_t)-1)

/* String keys, copied into the map. */
typedef struct kn_strmap {
	char **keys;
	size_t *vals;
	size_t cap, n; /* cap: 0 or a power of two */
} kn_strmap;

/* Row id keys (> 0). */
typedef struct kn_rowmap {
	kn_row *keys;
	size_t *vals;
	size_t cap, n;
} kn_rowmap;

/* The index stored for key, KN_NO_INDEX when there is none. */
size_t kn_strmap_get(const kn_strmap *m, const char *key);
/* Stores val for key (new: the key is copied).  0, or -1 when out of
 * memory. */
int kn_strmap_put(kn_strmap *m, const char *key, size_t val);
void kn_strmap_release(kn_strmap *m);

size_t kn_rowmap_get(const kn_rowmap *m, kn_row key);
int kn_rowmap_put(kn_rowmap *m, kn_row key, size_t val);
void kn_rowmap_release(kn_rowmap *m);

#endif
