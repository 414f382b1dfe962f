/* knockon — the signal as JSON (docs/format.md): lenient reading, canonical writing. */
#ifndef KNOCKON_JSON_H
#define KNOCKON_JSON_H

#include "knockon/export.h"

#include <stddef.h>
#include "knockon/buf.h"
#include "knockon/error.h"
#include "knockon/signal.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Appends the canonical "knockon/1" JSON of s to out: one line, no
 * trailing newline, every field in a fixed order (absent text fields and
 * numbers as null, lists as []), text as kn_json_put_string writes it.
 * Returns KN_ERR_NOMEM when out failed. */
KN_API kn_status kn_signal_write_json(const kn_signal *s, kn_buf *out);

/* Appends s[0..n) to b as a JSON string literal: UTF-8 as is, but '"',
 * '\\' and every character that must not reach a terminal or a page raw
 * -- C0 controls, DEL, C1 controls (U+0080-U+009F), bidi controls and
 * U+2028/U+2029 -- as escapes (\n, \t, ... or \u00XX, lowercase hex).
 * Bytes that are not valid UTF-8 become \ufffd, so the result is always
 * valid JSON; it decodes to s exactly when s is valid UTF-8.  Every JSON
 * knockon prints goes through here. */
KN_API void kn_json_put_string(kn_buf *b, const char *s, size_t n);

/* Reads one signal from text holding exactly one JSON object (trailing
 * white space allowed).  source names the input in errors; first_line is
 * the line of text[0] in that input (1 for a whole file), so that errors
 * carry the input's own line and column.  The result is finished
 * (kn_signal_finish).  out must be initialised; on failure it is left
 * empty and err names line, column and field. */
KN_API kn_status kn_signal_read_json(const char *text, size_t len, const char *source,
				     long first_line, kn_signal *out, kn_error *err);

/* Finds where the value at a field path ("losers[1].name", "score",
 * "effects[0].causes[2]") starts in JSON text; sets *line and *column
 * (1-based, column counted in bytes).  Returns 0 when found, -1 when not
 * (then the position of the enclosing object is given if known). */
KN_API int kn_json_locate(const char *text, size_t len, const char *path, long *line,
			  long *column);

/* The version of the jansson library JSON is read with, e.g. "2.14" (a
 * static string). */
KN_API const char *kn_json_jansson_version(void);

#ifdef __cplusplus
}
#endif
#endif
