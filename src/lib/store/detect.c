/* Finding known actor names in effect text (detect.h, docs/ripple.md). */
#include "detect.h"

#include <stdlib.h>
#include <string.h>

#include "kn_grow.h"
#include "kn_text.h"

/* A slot of the open-addressing table: a name's key, or the leading
 * words of one (prefix_refs names continue it), or both. */
typedef struct entry {
	char *str; /* NULL: empty slot (a tombstone when dead) */
	size_t len;
	unsigned long long hash;
	char *name;      /* display name, when a name */
	char *canonical; /* NULL: itself */
	size_t prefix_refs;
	int is_name, dead;
} entry;

struct kn_dict {
	entry *slot;
	size_t cap;  /* a power of two, or 0 */
	size_t used; /* live entries and tombstones */
	size_t live, names;
};

#define FNV_INIT 0xcbf29ce484222325ULL

static unsigned long long fnv(unsigned long long h, const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* ---- folding and cutting text into words ---- */

/* Folded code points that are no part of a word: ASCII other than
 * letters and digits, Latin-1 punctuation and symbols, general
 * punctuation, currency, arrows to dingbats, CJK and fullwidth
 * punctuation, and pictographs. */
static int is_word(unsigned long c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		       (c >= 'A' && c <= 'Z');
	if (c <= 0xBF)
		return c == 0xAA || c == 0xB5 || c == 0xBA;
	if (c == 0xD7 || c == 0xF7)
		return 0;
	return !((c >= 0x2000 && c <= 0x20CF) || (c >= 0x2190 && c <= 0x2BFF) ||
		 (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE10 && c <= 0xFE6F) ||
		 (c >= 0xFF01 && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) ||
		 (c >= 0xFF5B && c <= 0xFF65) || (c >= 0x1F000 && c <= 0x1FAFF));
}

/* A word: bytes [fs, fe) of the folded text, [os, oe) of the original. */
typedef struct word {
	size_t fs, fe, os, oe;
} word;

/* The folded text: a byte array grown geometrically, failed for good
 * once memory runs out (appends are inline: one per byte of text). */
typedef struct fbuf {
	char *data;
	size_t len, cap;
	int failed;
} fbuf;

static void fb_put(fbuf *b, char c)
{
	if (KN_GROW(b->data, b->cap, b->len + 1)) {
		b->failed = 1;
		return;
	}
	b->data[b->len++] = c;
}

/* Appends cp (>= 0x80) as UTF-8. */
static void fb_put_cp(fbuf *b, unsigned long cp)
{
	if (cp < 0x800) {
		fb_put(b, (char)(0xC0 | (cp >> 6)));
	} else if (cp < 0x10000) {
		fb_put(b, (char)(0xE0 | (cp >> 12)));
		fb_put(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
	} else {
		fb_put(b, (char)(0xF0 | (cp >> 18)));
		fb_put(b, (char)(0x80 | ((cp >> 12) & 0x3F)));
		fb_put(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
	}
	fb_put(b, (char)(0x80 | (cp & 0x3F)));
}

static void fb_release(fbuf *b)
{
	free(b->data);
	memset(b, 0, sizeof *b);
}

/* Reads text word by word, appending to f the folded text (as
 * kn_actor_key folds it: white space runs made one space) up to the end
 * of each word. */
typedef struct lexer {
	const char *t;
	size_t n, i;
	fbuf f;
	int space; /* a space is owed before the next character */
} lexer;

static void lex_init(lexer *lx, const char *t, size_t n)
{
	lx->t = t;
	lx->n = n;
	lx->i = 0;
	memset(&lx->f, 0, sizeof lx->f);
	lx->space = 0;
}

/* The next word into *w; 0 at the end of the text. */
static int lex_next(lexer *lx, word *w)
{
	int in = 0;

	while (lx->i < lx->n) {
		unsigned char c = (unsigned char)lx->t[lx->i];
		size_t len = 1;
		unsigned long cp;

		if (c < 0x80) { /* most text: folded here, as the key folds it */
			cp = c >= 'A' && c <= 'Z' ? c + 32u : c;
		} else {
			cp = 0xFFFD;
			len = kn_utf8_len(lx->t + lx->i, lx->n - lx->i);
			if (len)
				kn_utf8_decode(lx->t + lx->i, len, &cp);
			else
				len = 1;
			cp = kn_actor_fold_cp(cp);
		}
		if (cp == 0) { /* invisible: dropped, joins what it splits */
			lx->i += len;
			continue;
		}
		if (cp < 0x80 && kn_is_space((int)cp)) {
			if (in)
				return 1;
			lx->space = lx->f.len > 0;
			lx->i += len;
			continue;
		}
		if (in && !is_word(cp))
			return 1;
		if (lx->space)
			fb_put(&lx->f, ' ');
		lx->space = 0;
		if (!in && is_word(cp)) {
			in = 1;
			w->fs = lx->f.len;
			w->os = lx->i;
		}
		if (cp < 0x80)
			fb_put(&lx->f, (char)cp);
		else
			fb_put_cp(&lx->f, cp);
		lx->i += len;
		if (in) {
			w->fe = lx->f.len;
			w->oe = lx->i;
		}
	}
	return in;
}

/* ---- the table ---- */

static entry *find(const kn_dict *d, unsigned long long h, const char *s,
		   size_t len)
{
	size_t i;

	if (!d->cap)
		return NULL;
	for (i = (size_t)h & (d->cap - 1);; i = (i + 1) & (d->cap - 1)) {
		entry *e = &d->slot[i];

		if (!e->str && !e->dead)
			return NULL;
		if (e->str && e->hash == h && e->len == len &&
		    memcmp(e->str, s, len) == 0)
			return e;
	}
}

static int rehash(kn_dict *d)
{
	size_t cap = 64, i, j;
	entry *slot;

	while (cap < 4 * (d->live + 1))
		cap *= 2;
	if (!(slot = calloc(cap, sizeof *slot)))
		return -1;
	for (i = 0; i < d->cap; i++) {
		if (!d->slot[i].str)
			continue;
		for (j = (size_t)d->slot[i].hash & (cap - 1); slot[j].str;
		     j = (j + 1) & (cap - 1))
			;
		slot[j] = d->slot[i];
	}
	free(d->slot);
	d->slot = slot;
	d->cap = cap;
	d->used = d->live;
	return 0;
}

/* The entry for s, made (empty: no name, no prefix count) when absent;
 * NULL when out of memory. */
static entry *get(kn_dict *d, const char *s, size_t len)
{
	unsigned long long h = fnv(FNV_INIT, s, len);
	entry *e = find(d, h, s, len);
	size_t i;

	if (e)
		return e;
	if (2 * (d->used + 1) > d->cap && rehash(d))
		return NULL;
	for (i = (size_t)h & (d->cap - 1); d->slot[i].str || d->slot[i].dead;
	     i = (i + 1) & (d->cap - 1))
		if (d->slot[i].dead)
			break; /* a tombstone is reused */
	e = &d->slot[i];
	if (!e->dead)
		d->used++;
	memset(e, 0, sizeof *e);
	if (!(e->str = malloc(len + 1)))
		return NULL;
	memcpy(e->str, s, len);
	e->str[len] = '\0';
	e->len = len;
	e->hash = h;
	d->live++;
	return e;
}

/* Empties e once nothing needs it. */
static void maybe_drop(kn_dict *d, entry *e)
{
	if (e->is_name || e->prefix_refs)
		return;
	free(e->str);
	free(e->name);
	free(e->canonical);
	memset(e, 0, sizeof *e);
	e->dead = 1;
	d->live--;
}

kn_dict *kn_dict_new(void)
{
	return calloc(1, sizeof(kn_dict));
}

void kn_dict_free(kn_dict *d)
{
	size_t i;

	if (!d)
		return;
	for (i = 0; i < d->cap; i++) {
		free(d->slot[i].str);
		free(d->slot[i].name);
		free(d->slot[i].canonical);
	}
	free(d->slot);
	free(d);
}

/* The words of key into w (at most KN_DETECT_MAX_WORDS); their number,
 * or 0 when the key cannot match as a run of words. */
static size_t key_words(const char *key, size_t len, word *w, lexer *lx)
{
	size_t n = 0;
	word extra;

	lex_init(lx, key, len);
	while (n < KN_DETECT_MAX_WORDS && lex_next(lx, &w[n]))
		n++;
	if (n == KN_DETECT_MAX_WORDS && lex_next(lx, &extra))
		n = 0;
	/* the folded key must be the key itself, from word to word */
	if (n && (lx->f.failed || w[0].fs != 0 || w[n - 1].fe != len ||
		  lx->f.len != len ||
		  memcmp(lx->f.data, key, len) != 0))
		n = 0;
	return n;
}

/* Adds delta to the prefix counts of the leading words of key. */
static int count_prefixes(kn_dict *d, const char *key, const word *w,
			  size_t n, int delta)
{
	size_t j;

	for (j = 0; j + 1 < n; j++) {
		entry *e = delta > 0 ? get(d, key, w[j].fe)
				     : find(d, fnv(FNV_INIT, key, w[j].fe), key,
					    w[j].fe);

		if (!e)
			return delta > 0 ? -1 : 0;
		if (delta > 0) {
			e->prefix_refs++;
		} else {
			e->prefix_refs--;
			maybe_drop(d, e);
		}
	}
	return 0;
}

static int set_canonical(entry *e, const char *canonical)
{
	char *c = NULL;

	if (canonical && strcmp(canonical, e->str) != 0 &&
	    !(c = strdup(canonical)))
		return -1;
	free(e->canonical);
	e->canonical = c;
	return 0;
}

int kn_dict_add(kn_dict *d, const char *key, const char *name,
		const char *canonical)
{
	size_t len = strlen(key), n;
	word w[KN_DETECT_MAX_WORDS];
	lexer lx;
	entry *e;
	int rc = -1;

	n = key_words(key, len, w, &lx);
	fb_release(&lx.f);
	if (!n)
		return 0;
	if (!(e = get(d, key, len)))
		return -1;
	if (e->is_name)
		return set_canonical(e, canonical);
	if (!(e->name = strdup(name)) || set_canonical(e, canonical))
		goto fail;
	e->is_name = 1;
	d->names++;
	if (count_prefixes(d, key, w, n, 1) == 0)
		return 1;
	/* out of memory part way: the name stays, some prefixes short of
	 * a count; the caller drops the whole dictionary */
	return -1;
fail:
	free(e->name);
	e->name = NULL;
	maybe_drop(d, e);
	return rc;
}

int kn_dict_remove(kn_dict *d, const char *key)
{
	size_t len = strlen(key), n;
	entry *e = find(d, fnv(FNV_INIT, key, len), key, len);
	word w[KN_DETECT_MAX_WORDS];
	lexer lx;

	if (!e || !e->is_name)
		return 0;
	n = key_words(key, len, w, &lx);
	fb_release(&lx.f);
	e->is_name = 0;
	free(e->name);
	free(e->canonical);
	e->name = e->canonical = NULL;
	d->names--;
	maybe_drop(d, e);
	count_prefixes(d, key, w, n, -1);
	return 1;
}

static const entry *find_name(const kn_dict *d, const char *key)
{
	size_t len = strlen(key);
	const entry *e = find(d, fnv(FNV_INIT, key, len), key, len);

	return e && e->is_name ? e : NULL;
}

int kn_dict_has(const kn_dict *d, const char *key)
{
	return find_name(d, key) != NULL;
}

const char *kn_dict_canonical(const kn_dict *d, const char *key)
{
	const entry *e = find_name(d, key);

	return !e ? NULL : e->canonical ? e->canonical : e->str;
}

size_t kn_dict_size(const kn_dict *d)
{
	return d->names;
}

void kn_founds_release(kn_founds *l)
{
	if (!l)
		return;
	free(l->items);
	l->items = NULL;
	l->n = l->cap = 0;
}

/* ---- scanning ---- */

#define RING 32 /* > KN_DETECT_MAX_WORDS, a power of two */

/* The longest name starting at word ring[head]: its length in words (0:
 * none) and entry. */
static size_t longest(const kn_dict *d, const lexer *lx, const word *ring,
		      size_t head, size_t count, const entry **best)
{
	unsigned long long h = FNV_INIT;
	const char *f = lx->f.data;
	size_t k, found = 0, start = ring[head].fs;

	for (k = 0; k < count; k++) {
		const word *b = &ring[(head + k) & (RING - 1)];
		size_t from = k ? ring[(head + k - 1) & (RING - 1)].fe : start;
		const entry *e;

		h = fnv(h, f + from, b->fe - from);
		if (!(e = find(d, h, f + start, b->fe - start)))
			break;
		if (e->is_name) {
			found = k + 1;
			*best = e;
		}
		if (!e->prefix_refs)
			break;
	}
	return found;
}

/* Moves the folded text of the words still to look at to the start of
 * the buffer, so that it stays as small as the longest name. */
static void compact(lexer *lx, word *ring, size_t head, size_t count)
{
	size_t shift = ring[head].fs, k;

	if (shift < 65536)
		return;
	memmove(lx->f.data, lx->f.data + shift, lx->f.len - shift);
	lx->f.len -= shift;
	for (k = 0; k < RING; k++) {
		ring[k].fs = ring[k].fs >= shift ? ring[k].fs - shift : 0;
		ring[k].fe = ring[k].fe >= shift ? ring[k].fe - shift : 0;
	}
	(void)count;
}

kn_status kn_dict_scan(const kn_dict *d, const char *text, size_t n,
		       kn_founds *out)
{
	word ring[RING];
	size_t head = 0, count = 0;
	int more = 1;
	lexer lx;

	out->n = 0;
	if (!d || !d->names)
		return KN_OK;
	lex_init(&lx, text, n);
	for (;;) {
		const entry *e = NULL;
		size_t k;

		while (more && count < KN_DETECT_MAX_WORDS)
			if ((more = lex_next(&lx, &ring[(head + count) & (RING - 1)])))
				count++;
		if (!count || lx.f.failed)
			break;
		k = longest(d, &lx, ring, head, count, &e);
		if (k) {
			const word *a = &ring[head];
			const word *b = &ring[(head + k - 1) & (RING - 1)];
			kn_found *fd;

			if (KN_GROW(out->items, out->cap, out->n + 1))
				break;
			fd = &out->items[out->n++];
			fd->off = a->os;
			fd->len = b->oe - a->os;
			fd->key = e->str;
			fd->name = e->name;
			fd->canonical = e->canonical ? e->canonical : e->str;
		}
		k = k ? k : 1;
		head = (head + k) & (RING - 1);
		count -= k;
		if (count)
			compact(&lx, ring, head, count);
		else if (!lx.f.failed)
			lx.f.len = 0; /* no word refers to it any more */
	}
	if (lx.f.failed || count) {
		fb_release(&lx.f);
		return KN_ERR_NOMEM;
	}
	fb_release(&lx.f);
	return KN_OK;
}
