/* knockon internal — the lines of a pasted card: a cursor over the text,
 * trimming, the byte checks, and reading one card's lines (card_lines.c).
 * Below card_header.c and card.c; it uses only card_kinds.h.
 * Not part of the public API. */
#ifndef KN_CARD_LINES_H
#define KN_CARD_LINES_H

#include <stddef.h>
#include "knockon/error.h"

/* One line of input without its line end, usually trimmed; no = 1-based. */
typedef struct kn_line {
	const char *p;
	size_t n;
	long no;
} kn_line;

/* Walks a text line by line; LF, CRLF and lone CR each end a line. */
typedef struct kn_cursor {
	const char *text;
	size_t len;
	size_t pos;
	long no; /* number of the last line returned */
} kn_cursor;

/* Reads one card's lines for the parsers. */
typedef struct kn_card_reader {
	kn_cursor cur;
	const char *source;
	kn_error *err;
} kn_card_reader;

/* Stores the next raw line in *l (untrimmed); 0 at the end of the text. */
int kn_cursor_next(kn_cursor *c, kn_line *l);

/* Trims ASCII white space, U+00A0 and a U+FEFF (a byte-order mark left
 * where two pasted files were joined) from both ends of *l. */
void kn_card_trim(kn_line *l);

/* Reads the next line of the current card into *l, trimmed.  Returns 1
 * when a line was read, 0 at the end of the card (end of text, or the next
 * card's header line, which is left unread), -1 when the line holds
 * invalid UTF-8 or a control character (r->err says which and where). */
int kn_card_line(kn_card_reader *r, kn_line *l);

/* Checks that a line is valid UTF-8 without control characters other
 * than tab; fills r->err and returns -1 when not. */
int kn_card_check_bytes(kn_card_reader *r, const kn_line *l);

#endif
