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
} kn_json_origin;

/* Reads the signal object root (borrowed) into out (initialised) and
 * finishes it.  Errors name the field and its place in the input. */
kn_status kn_signal_from_json(json_t *root, const kn_json_origin *origin,
			      kn_signal *out, kn_error *err);

/* Turns a jansson error into a kn_error for the input. */
kn_status kn_json_syntax_error(const json_error_t *jerr,
			       const kn_json_origin *origin, kn_error *err);

#endif
