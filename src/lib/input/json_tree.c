/* The JSON tree the signal reader walks (kn_jtree), made two ways:
 *
 * - kn_jtree_parse: a strict parser for the JSON a signal is made of, in
 *   one pass over the text and two allocations.  It accepts only what
 *   jansson (with JSON_REJECT_DUPLICATES) accepts and gives the same
 *   values, and gives up (-1) on anything it does not handle: reals,
 *   booleans, negative or long integers, \u0000 and surrogate escapes,
 *   objects of many members, deep nesting, invalid UTF-8 or a syntax
 *   error.  The caller then reads the text with jansson, which either
 *   accepts it or says exactly what is wrong and where.
 * - kn_jtree_from_json: the same tree over a jansson value (borrowed),
 *   each node keeping its jansson value for messages that quote it. */
#include "json_internal.h"

#include <stdlib.h>
#include <string.h>

#include "kn_grow.h"
#include "kn_text.h"

#define MAX_DEPTH 16    /* a signal nests 4 deep */
#define MAX_MEMBERS 32  /* a signal object has 17 fields */
#define MAX_DIGITS 18   /* fits a long long with room */

void kn_jtree_init(kn_jtree *t)
{
	memset(t, 0, sizeof *t);
}

void kn_jtree_release(kn_jtree *t)
{
	free(t->nodes);
	free(t->text);
	kn_jtree_init(t);
}

/* A new node (index > 0) of type type, linked as the last child of
 * parent (0: the root); 0 when out of memory. */
static size_t add_node(kn_jtree *t, size_t parent, size_t *last, int type)
{
	kn_jnode *n;
	size_t i;

	if (KN_GROW(t->nodes, t->cap, (t->n ? t->n : 1) + 1))
		return 0;
	if (t->n == 0)
		t->n = 1; /* index 0 stands for "none" */
	i = t->n++;
	n = &t->nodes[i];
	memset(n, 0, sizeof *n);
	n->type = type;
	if (parent) {
		if (*last)
			t->nodes[*last].next = i;
		else
			t->nodes[parent].child = i;
		t->nodes[parent].count++;
		*last = i;
	}
	return i;
}

typedef struct lexer {
	const char *p, *end;
	char *out; /* decoded strings, NUL-terminated, in t->text */
} lexer;

static void skip_ws(lexer *x)
{
	while (x->p < x->end && (*x->p == ' ' || *x->p == '\n' ||
				 *x->p == '\r' || *x->p == '\t'))
		x->p++;
}

static int hex4(const char *p, unsigned long *v)
{
	int k;

	*v = 0;
	for (k = 0; k < 4; k++) {
		int c = (unsigned char)p[k], d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		*v = *v * 16 + (unsigned long)d;
	}
	return 0;
}

/* An escape after the backslash at x->p; -1 for what jansson rejects or
 * this parser leaves to it (\u0000, surrogates). */
static int unescape(lexer *x)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *e;
	unsigned long cp;

	if (++x->p >= x->end)
		return -1;
	if (*x->p != 'u') {
		if (!*x->p || !(e = strchr(from, *x->p)))
			return -1;
		*x->out++ = to[e - from];
		x->p++;
		return 0;
	}
	if (x->end - x->p < 5 || hex4(x->p + 1, &cp) || cp == 0 ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	x->p += 5;
	if (cp < 0x80) {
		*x->out++ = (char)cp;
	} else if (cp < 0x800) {
		*x->out++ = (char)(0xC0 | (cp >> 6));
		*x->out++ = (char)(0x80 | (cp & 0x3F));
	} else {
		*x->out++ = (char)(0xE0 | (cp >> 12));
		*x->out++ = (char)(0x80 | ((cp >> 6) & 0x3F));
		*x->out++ = (char)(0x80 | (cp & 0x3F));
	}
	return 0;
}

/* The string at x->p (a '"'), decoded to x->out; its start and length. */
static int lex_string(lexer *x, const char **s, size_t *len)
{
	char *start = x->out;

	if (x->p >= x->end || *x->p != '"')
		return -1;
	x->p++;
	for (;;) {
		const char *run = x->p;
		size_t n;

		while (x->p < x->end && (unsigned char)*x->p >= 0x20 &&
		       (unsigned char)*x->p < 0x80 && *x->p != '"' && *x->p != '\\')
			x->p++;
		memcpy(x->out, run, (size_t)(x->p - run));
		x->out += x->p - run;
		if (x->p >= x->end)
			return -1;
		if (*x->p == '"')
			break;
		if (*x->p == '\\') {
			if (unescape(x))
				return -1;
			continue;
		}
		if ((unsigned char)*x->p < 0x20)
			return -1; /* a raw control character */
		n = kn_utf8_len(x->p, (size_t)(x->end - x->p));
		if (!n)
			return -1;
		memcpy(x->out, x->p, n);
		x->out += n;
		x->p += n;
	}
	x->p++;
	*x->out++ = '\0';
	*s = start;
	*len = (size_t)(x->out - start - 1);
	return 0;
}

static size_t parse_value(kn_jtree *t, lexer *x, size_t parent, size_t *last,
			  int depth);

static int parse_members(kn_jtree *t, lexer *x, size_t obj, int depth)
{
	size_t last = 0, k, i;

	x->p++;
	skip_ws(x);
	if (x->p < x->end && *x->p == '}') {
		x->p++;
		return 0;
	}
	for (;;) {
		const char *key;
		size_t klen; /* no NUL in it: \u0000 is left to jansson */

		skip_ws(x);
		if (lex_string(x, &key, &klen))
			return -1;
		skip_ws(x);
		if (x->p >= x->end || *x->p != ':' ||
		    t->nodes[obj].count >= MAX_MEMBERS)
			return -1;
		x->p++;
		for (k = t->nodes[obj].child; k; k = t->nodes[k].next)
			if (strcmp(t->nodes[k].key, key) == 0)
				return -1; /* a duplicate key: jansson says so */
		if (!(i = parse_value(t, x, obj, &last, depth + 1)))
			return -1;
		t->nodes[i].key = key;
		skip_ws(x);
		if (x->p < x->end && *x->p == ',') {
			x->p++;
			continue;
		}
		if (x->p < x->end && *x->p == '}') {
			x->p++;
			return 0;
		}
		return -1;
	}
}

static int parse_elements(kn_jtree *t, lexer *x, size_t arr, int depth)
{
	size_t last = 0;

	x->p++;
	skip_ws(x);
	if (x->p < x->end && *x->p == ']') {
		x->p++;
		return 0;
	}
	for (;;) {
		if (!parse_value(t, x, arr, &last, depth + 1))
			return -1;
		skip_ws(x);
		if (x->p < x->end && *x->p == ',') {
			x->p++;
			continue;
		}
		if (x->p < x->end && *x->p == ']') {
			x->p++;
			return 0;
		}
		return -1;
	}
}

/* A non-negative integer of at most MAX_DIGITS digits, no leading zero. */
static int lex_integer(lexer *x, long long *v)
{
	const char *start = x->p;

	*v = 0;
	/* digits past MAX_DIGITS are only counted: the value would overflow */
	while (x->p < x->end && *x->p >= '0' && *x->p <= '9') {
		if (x->p - start < MAX_DIGITS)
			*v = *v * 10 + (*x->p - '0');
		x->p++;
	}
	if (x->p - start > MAX_DIGITS || (*start == '0' && x->p - start > 1))
		return -1;
	if (x->p < x->end && (*x->p == '.' || *x->p == 'e' || *x->p == 'E'))
		return -1; /* a real */
	return 0;
}

/* Parses the value at x->p as a new child of parent; its index, 0 when
 * this parser leaves the text to jansson. */
static size_t parse_value(kn_jtree *t, lexer *x, size_t parent, size_t *last,
			  int depth)
{
	size_t i;
	int c;

	skip_ws(x);
	if (x->p >= x->end || depth > MAX_DEPTH)
		return 0;
	c = *x->p;
	i = add_node(t, parent, last, c == '{' ? KN_J_OBJECT : c == '[' ?
		     KN_J_ARRAY : c == '"' ? KN_J_STRING : c == 'n' ?
		     KN_J_NULL : KN_J_INTEGER);
	if (!i)
		return 0;
	if (c == '{')
		return parse_members(t, x, i, depth) ? 0 : i;
	if (c == '[')
		return parse_elements(t, x, i, depth) ? 0 : i;
	if (c == '"')
		return lex_string(x, &t->nodes[i].s, &t->nodes[i].len) ? 0 : i;
	if (c == 'n') {
		if (x->end - x->p < 4 || memcmp(x->p, "null", 4) != 0)
			return 0;
		x->p += 4;
		return i;
	}
	if (c < '0' || c > '9')
		return 0; /* true, false, a negative number, a syntax error */
	return lex_integer(x, &t->nodes[i].i) ? 0 : i;
}

int kn_jtree_parse(kn_jtree *t, const char *text, size_t len)
{
	lexer x;
	size_t root, none = 0;

	t->n = 0;
	/* room for the ~1 node per 16 bytes a signal has, in one allocation;
	 * a tree read into again keeps its memory */
	if (KN_GROW(t->text, t->text_cap, len + 1) ||
	    KN_GROW(t->nodes, t->cap, len / 16 + 16))
		return -1;
	x.p = text;
	x.end = text + len;
	x.out = t->text;
	skip_ws(&x);
	if (x.p >= x.end || *x.p != '{')
		return -1;
	root = parse_value(t, &x, 0, &none, 0);
	skip_ws(&x);
	return root == 1 && x.p == x.end ? 0 : -1;
}

static size_t convert(kn_jtree *t, json_t *v, size_t parent, size_t *last,
		      const char *key)
{
	size_t i, kid = 0, k;
	const char *name;
	json_t *item;
	int type;

	switch (json_typeof(v)) {
	case JSON_OBJECT: type = KN_J_OBJECT; break;
	case JSON_ARRAY: type = KN_J_ARRAY; break;
	case JSON_STRING: type = KN_J_STRING; break;
	case JSON_INTEGER: type = KN_J_INTEGER; break;
	case JSON_REAL: type = KN_J_REAL; break;
	case JSON_NULL: type = KN_J_NULL; break;
	default: type = KN_J_BOOLEAN; break;
	}
	if (!(i = add_node(t, parent, last, type)))
		return 0;
	t->nodes[i].orig = v;
	t->nodes[i].key = key;
	if (type == KN_J_STRING) {
		t->nodes[i].s = json_string_value(v);
		t->nodes[i].len = json_string_length(v);
	} else if (type == KN_J_INTEGER) {
		t->nodes[i].i = (long long)json_integer_value(v);
	} else if (type == KN_J_OBJECT) {
		json_object_foreach(v, name, item)
			if (!convert(t, item, i, &kid, name))
				return 0;
	} else if (type == KN_J_ARRAY) {
		json_array_foreach(v, k, item)
			if (!convert(t, item, i, &kid, NULL))
				return 0;
	}
	return i;
}

int kn_jtree_from_json(kn_jtree *t, json_t *v)
{
	size_t none = 0;

	t->n = 0;
	return convert(t, v, 0, &none, NULL) == 1 ? 0 : -1;
}

const kn_jnode *kn_jget(const kn_jtree *t, const kn_jnode *obj, const char *key)
{
	const kn_jnode *k;

	if (!obj || obj->type != KN_J_OBJECT)
		return NULL;
	for (k = kn_jfirst(t, obj); k; k = kn_jnext(t, k))
		if (strcmp(k->key, key) == 0)
			return k;
	return NULL;
}
