/* knockon internal — reading a signal from a parsed jansson value. */
#ifndef KN_JSON_INTERNAL_H
#define KN_JSON_INTERNAL_H

#include <jansson.h>

#include "knockon/json.h"

/* Where a JSON value came from, so errors can point into the input. */
typedef struct kn_json_origin {
	const char *source;  /* file name for errors */
	const char *text;    /* the text the value was parsed from */
	size_t len;
	long first_line;     /* line of text[0] in the input */
	const char *prefix;  /* path of the value in text, "" or "[3]" */
	long first_col;      /* column of text[0] on first_line (0 = 1) */
} kn_json_origin;

/* Walks the elements of a JSON array in its text, so that each element
 * can be given its own origin: finding element i from the array's start
 * for every error would make an array of bad signals quadratic. */
typedef struct kn_json_walk {
	const char *p, *end;
	const char *counted; /* line and col are those of this byte */
	long line, col;
	int started;
} kn_json_walk;

/* text is where a well-formed array starts (white space allowed before
 * its '['), at line first_line, column first_col. */
void kn_json_walk_init(kn_json_walk *w, const char *text, size_t len,
		       long first_line, long first_col);

/* Stores where the next element starts in *at (with its line and column
 * in w->line, w->col) and moves past it; -1 after the last element. */
int kn_json_walk_next(kn_json_walk *w, const char **at);

/* A JSON value as the signal reader sees it: a node of a kn_jtree.
 * Children are linked (first child, next sibling) by index into the
 * tree's nodes, 0 meaning none; node 1 is the root. */
enum { KN_J_OBJECT, KN_J_ARRAY, KN_J_STRING, KN_J_INTEGER, KN_J_REAL,
       KN_J_BOOLEAN, KN_J_NULL };

typedef struct kn_jnode {
	int type;
	const char *key;     /* a member's name; NULL in an array */
	const char *s;       /* KN_J_STRING: NUL-terminated UTF-8 */
	size_t len;          /* its length in bytes */
	long long i;         /* KN_J_INTEGER */
	json_t *orig;        /* the jansson value, in a kn_jtree_from_json tree */
	size_t child, next;  /* first child, next sibling */
	size_t count;        /* children (object members, array elements) */
} kn_jnode;

typedef struct kn_jtree {
	kn_jnode *nodes;
	size_t n, cap;
	char *text; /* kn_jtree_parse: the decoded strings */
	size_t text_cap;
} kn_jtree;

void kn_jtree_init(kn_jtree *t);
void kn_jtree_release(kn_jtree *t);

/* Parses text (a signal: one JSON object, white space around it) into
 * t, reusing its memory.  0 on success; -1 when the text is not what this
 * parser reads (see json_tree.c: then jansson must read it) or out of
 * memory.  What it accepts, jansson accepts with the same values. */
int kn_jtree_parse(kn_jtree *t, const char *text, size_t len);

/* Makes t the tree of the jansson value v (borrowed: v must outlive t's
 * use); every node keeps its value in orig.  0 on success, -1 when out of
 * memory. */
int kn_jtree_from_json(kn_jtree *t, json_t *v);

static inline const kn_jnode *kn_jroot(const kn_jtree *t)
{
	return t->n > 1 ? &t->nodes[1] : NULL;
}

static inline const kn_jnode *kn_jfirst(const kn_jtree *t, const kn_jnode *v)
{
	return v->child ? &t->nodes[v->child] : NULL;
}

static inline const kn_jnode *kn_jnext(const kn_jtree *t, const kn_jnode *v)
{
	return v->next ? &t->nodes[v->next] : NULL;
}

/* The member key of object obj, or NULL (also when obj is NULL or not an
 * object). */
const kn_jnode *kn_jget(const kn_jtree *t, const kn_jnode *obj,
			const char *key);

/* kn_signal_read_json with the tree t (initialised; kept for the next
 * call, released by the caller), so that a reader of many units
 * allocates once. */
kn_status kn_signal_read_json_in(kn_jtree *t, const char *text, size_t len,
				 const char *source, long first_line,
				 kn_signal *out, kn_error *err);

/* Reads the signal object root (borrowed) into out (initialised) and
 * finishes it.  Errors name the field and its place in the input. */
kn_status kn_signal_from_json(json_t *root, const kn_json_origin *origin,
			      kn_signal *out, kn_error *err);

/* Turns a jansson error into a kn_error for the input. */
kn_status kn_json_syntax_error(const json_error_t *jerr,
			       const kn_json_origin *origin, kn_error *err);

#endif
