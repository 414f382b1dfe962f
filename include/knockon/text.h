/* knockon — showing card text safely: terminal columns and visible escapes
 * for what must never reach a terminal raw. */
#ifndef KNOCKON_TEXT_H
#define KNOCKON_TEXT_H

#include "knockon/export.h"

#include <stddef.h>
#include "knockon/buf.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Number of terminal columns the UTF-8 string takes (wide East Asian
 * characters count 2, combining marks 0, control characters 0). */
KN_API size_t kn_display_width(const char *s);

/* Appends s to b with control characters (C0 but \n and \t when allowed,
 * DEL, C1) and bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C)
 * replaced by their visible escape, e.g. "\x1b" → "\\x1b", "U+202E" →
 * "<U+202E>", so nothing reaches a terminal raw.  Invalid UTF-8 bytes come
 * out as "\\xNN". */
KN_API void kn_buf_put_printable(kn_buf *b, const char *s, int allow_newline);

#ifdef __cplusplus
}
#endif
#endif
