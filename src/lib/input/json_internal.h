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

/* Reads the signal object root (borrowed) into out (initialised) and
 * finishes it.  Errors name the field and its place in the input. */
kn_status kn_signal_from_json(json_t *root, const kn_json_origin *origin,
			      kn_signal *out, kn_error *err);

/* Turns a jansson error into a kn_error for the input. */
kn_status kn_json_syntax_error(const json_error_t *jerr,
			       const kn_json_origin *origin, kn_error *err);

#endif
