/* knockon internal — UTF-8 and text helpers shared by the library modules.
 * Not part of the public API. */
#ifndef KN_TEXT_H
#define KN_TEXT_H

#include <stddef.h>
#include "knockon/buf.h"
#include "knockon/text.h"

/* Returns -1 when p[0..n) is valid UTF-8 (no overlong forms, no surrogates,
 * nothing above U+10FFFF), else the byte offset of the first bad byte. */
long kn_utf8_check(const char *p, size_t n);

/* Length of the valid UTF-8 sequence starting at p (n > 0 bytes left): 1
 * for ASCII, 2–4 for a well-formed multibyte character, 0 when the bytes
 * there are not one (the caller replaces or escapes that byte). */
size_t kn_utf8_len(const char *p, size_t n);

/* Decodes one code point at p (valid UTF-8 assumed, n > 0); returns its
 * length in bytes and stores the code point in *cp. */
size_t kn_utf8_decode(const char *p, size_t n, unsigned long *cp);

/* Appends the UTF-8 encoding of cp to b. */
void kn_utf8_put(kn_buf *b, unsigned long cp);

/* Terminal columns of one code point, as kn_display_width counts them: 2
 * for wide East Asian characters, 0 for combining marks and controls. */
int kn_char_width(unsigned long cp);

/* Non-zero for ASCII white space (space, \t, \n, \v, \f, \r); safe for any
 * char value, unlike isspace() on a negative char. */
int kn_is_space(int c);

/* A heap copy of p[0..n) with surrounding white space (ASCII and U+00A0)
 * removed; NULL when out of memory. */
char *kn_strndup_trim(const char *p, size_t n);

/* The actor key: names that compare equal as actors have equal keys.
 * Trimmed; inner runs of white space made one space; letters lowercased
 * (ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic); typographic
 * quotes, apostrophes and dashes folded to ASCII; invisible format
 * characters (soft hyphen, zero-width space and joiners, word joiner,
 * BOM, bidi controls, variation selectors) dropped; trailing '.', ',',
 * ';', ':' dropped.  "U.S." and "US" stay different.  Empty for a name of
 * only such characters (which names no actor).  Heap string or NULL. */
char *kn_actor_key(const char *name);

/* kn_actor_key's folding of one code point, for matching names in text
 * as the corpus compares them: the folded code point (case and
 * typographic punctuation folded, odd spaces made ' '), or 0 for an
 * invisible character the key drops. */
unsigned long kn_actor_fold_cp(unsigned long cp);


/* Non-zero for the bidi controls that reorder text on screen: U+202A–
 * U+202E, U+2066–U+2069, U+200E/U+200F and U+061C. */
int kn_is_bidi_control(unsigned long cp);


/* Appends the file stem and page anchor of a signal's map: "sig-ID" when
 * ID is [A-Za-z0-9._-]{1,120} starting with a letter or digit, else
 * "sigx-HASH" (16 hex digits), a name that is always safe. */
void kn_signal_anchor(kn_buf *b, const char *id);

/* Fast non-cryptographic 64-bit hash (FNV-1a) of n bytes. */
unsigned long long kn_hash64(const void *p, size_t n);

/* What is wrong with a date: its shape ("yesterday"), or a value no
 * calendar or clock has ("2026-06-31", "T25:00"). */
typedef enum kn_date_fault {
	KN_DATE_OK,
	KN_DATE_SHAPE,
	KN_DATE_RANGE
} kn_date_fault;

/* Whether s is an ISO 8601 date as knockon takes one: YYYY, YYYY-MM or
 * YYYY-MM-DD, optionally followed by T (or a space) and a time HH, HH:MM
 * or HH:MM:SS[.fraction], then optionally Z, +HH, +HHMM or +HH:MM.  The
 * month, the day (leap years counted), the hour, minute and second must
 * exist. */
kn_date_fault kn_iso_date_fault(const char *s);

/* Non-zero when kn_iso_date_fault finds nothing wrong with s. */
int kn_is_iso_date(const char *s);

#endif
