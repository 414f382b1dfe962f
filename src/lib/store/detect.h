/* knockon internal — finding known actor names in effect text
 * (docs/ripple.md).  No SQL: the store fills the dictionary from the
 * corpus and writes what is found.  Not part of the public API.
 *
 * A kn_dict holds actor keys (kn_actor_key), each with the spelling to
 * show and the canonical key it resolves to through aliases.  Text is
 * folded once as the keys are (kn_actor_fold_cp) and cut into words
 * (letters and digits of any script; punctuation, symbols and white space
 * separate them); at each word the longest run of words whose folded text
 * is a key is a match, and matching goes on after it, so a name is never
 * found inside a longer one found there.  Lookups are by hash, and the
 * dictionary also holds every key's leading words, so each word costs as
 * many lookups as the longest name starting there that could still match:
 * the time is linear in the text (a name has at most KN_DETECT_MAX_WORDS
 * words), whatever the size of the dictionary. */
#ifndef KN_DETECT_H
#define KN_DETECT_H

#include <stddef.h>

#include "knockon/error.h"

/* Names of more words than this are never looked for. */
#define KN_DETECT_MAX_WORDS 16

typedef struct kn_dict kn_dict;

/* A new, empty dictionary (NULL when out of memory); free with
 * kn_dict_free, which accepts NULL. */
kn_dict *kn_dict_new(void);
void kn_dict_free(kn_dict *d);

/* Adds key (an actor key, not empty) with its display name and
 * canonical key (NULL: itself); both are copied.  A key already there
 * keeps its name and takes the canonical given.  Returns 1 when the key
 * is new, 0 when it was there or can never match (it does not start and
 * end with a letter or digit, or has more than KN_DETECT_MAX_WORDS
 * words), -1 when out of memory. */
int kn_dict_add(kn_dict *d, const char *key, const char *name,
		const char *canonical);

/* Removes key; 1 when it was there, 0 when not. */
int kn_dict_remove(kn_dict *d, const char *key);

/* 1 when key is in the dictionary (as a name, not only as the start of
 * one). */
int kn_dict_has(const kn_dict *d, const char *key);

/* The canonical key of key (borrowed), or NULL when it is not there. */
const char *kn_dict_canonical(const kn_dict *d, const char *key);

/* Number of names. */
size_t kn_dict_size(const kn_dict *d);

/* One name found in a text: bytes [off, off + len) of the text; key,
 * name and canonical borrowed from the dictionary (valid until it
 * changes). */
typedef struct kn_found {
	size_t off, len;
	const char *key, *name, *canonical;
} kn_found;

typedef struct kn_founds {
	kn_found *items;
	size_t n, cap;
} kn_founds;

/* Frees the list's array.  Accepts NULL. */
void kn_founds_release(kn_founds *l);

/* The names of d in text[0..n) (valid UTF-8), left to right, longest
 * first and never overlapping, into out (emptied first).  KN_ERR_NOMEM
 * when out of memory. */
kn_status kn_dict_scan(const kn_dict *d, const char *text, size_t n,
		       kn_founds *out);

#endif
