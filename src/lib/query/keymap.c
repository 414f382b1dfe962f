/* Open-addressing hash maps (keymap.h): linear probing, grown to keep
 * the load under a half. */
#include "keymap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static size_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)(h ^ (h >> 29));
}

static size_t hash_row(kn_row r)
{
	uint64_t h = (uint64_t)r * 0x9E3779B97F4A7C15ULL;

	return (size_t)(h ^ (h >> 31));
}

size_t kn_strmap_get(const kn_strmap *m, const char *key)
{
	size_t i;

	if (!m->cap)
		return KN_NO_INDEX;
	for (i = hash_str(key) & (m->cap - 1); m->keys[i];
	     i = (i + 1) & (m->cap - 1))
		if (strcmp(m->keys[i], key) == 0)
			return m->vals[i];
	return KN_NO_INDEX;
}

static void str_place(char **keys, size_t *vals, size_t cap, char *key,
		      size_t val)
{
	size_t i = hash_str(key) & (cap - 1);

	while (keys[i])
		i = (i + 1) & (cap - 1);
	keys[i] = key;
	vals[i] = val;
}

static int str_grow(kn_strmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64, i;
	char **keys = calloc(cap, sizeof *keys);
	size_t *vals = calloc(cap, sizeof *vals);

	if (!keys || !vals) {
		free(keys);
		free(vals);
		return -1;
	}
	for (i = 0; i < m->cap; i++)
		if (m->keys[i])
			str_place(keys, vals, cap, m->keys[i], m->vals[i]);
	free(m->keys);
	free(m->vals);
	m->keys = keys;
	m->vals = vals;
	m->cap = cap;
	return 0;
}

int kn_strmap_put(kn_strmap *m, const char *key, size_t val)
{
	size_t i;
	char *copy;

	if (m->cap) {
		for (i = hash_str(key) & (m->cap - 1); m->keys[i];
		     i = (i + 1) & (m->cap - 1))
			if (strcmp(m->keys[i], key) == 0) {
				m->vals[i] = val;
				return 0;
			}
	}
	if ((m->n + 1) * 2 > m->cap && str_grow(m))
		return -1;
	if (!(copy = strdup(key)))
		return -1;
	str_place(m->keys, m->vals, m->cap, copy, val);
	m->n++;
	return 0;
}

void kn_strmap_release(kn_strmap *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}

size_t kn_rowmap_get(const kn_rowmap *m, kn_row key)
{
	size_t i;

	if (!m->cap)
		return KN_NO_INDEX;
	for (i = hash_row(key) & (m->cap - 1); m->keys[i];
	     i = (i + 1) & (m->cap - 1))
		if (m->keys[i] == key)
			return m->vals[i];
	return KN_NO_INDEX;
}

static void row_place(kn_row *keys, size_t *vals, size_t cap, kn_row key,
		      size_t val)
{
	size_t i = hash_row(key) & (cap - 1);

	while (keys[i] && keys[i] != key)
		i = (i + 1) & (cap - 1);
	keys[i] = key;
	vals[i] = val;
}

int kn_rowmap_put(kn_rowmap *m, kn_row key, size_t val)
{
	if (kn_rowmap_get(m, key) == KN_NO_INDEX && (m->n + 1) * 2 > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 64, i;
		kn_row *keys = calloc(cap, sizeof *keys);
		size_t *vals = calloc(cap, sizeof *vals);

		if (!keys || !vals) {
			free(keys);
			free(vals);
			return -1;
		}
		for (i = 0; i < m->cap; i++)
			if (m->keys[i])
				row_place(keys, vals, cap, m->keys[i], m->vals[i]);
		free(m->keys);
		free(m->vals);
		m->keys = keys;
		m->vals = vals;
		m->cap = cap;
	}
	if (kn_rowmap_get(m, key) == KN_NO_INDEX)
		m->n++;
	row_place(m->keys, m->vals, m->cap, key, val);
	return 0;
}

void kn_rowmap_release(kn_rowmap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}
