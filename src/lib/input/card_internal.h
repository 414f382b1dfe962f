/* knockon internal — pieces of the pasted-card parser (docs/format.md)
 * shared by card.c (the card layout) and card_header.c (the header and its date).
 * Not part of the public API. */
#ifndef KN_CARD_INTERNAL_H
#define KN_CARD_INTERNAL_H

#include <stddef.h>
#include "knockon/error.h"
#include "knockon/signal.h"

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

/* Non-zero when the trimmed line opens a card: "SIGNAL" followed by the
 * end, a space, a non-ASCII byte, capitals ("SIGNALAI·") or a capitalised
 * word ("SIGNALCapital"), but not "SIGNALS", "SIGNALING", "SIGNAL:" and
 * the like. */
int kn_card_is_header(const char *p, size_t n);

/* Non-zero when the trimmed line is a section heading ("Winners",
 * "Why now", "Direct", …), with or without a trailing colon. */
int kn_card_is_heading(const char *p, size_t n);

/* Reads the next line of the current card into *l, trimmed.  Returns 1
 * when a line was read, 0 at the end of the card (end of text, or the next
 * card's header line, which is left unread), -1 when the line holds
 * invalid UTF-8 or a control character (r->err says which and where). */
int kn_card_line(kn_card_reader *r, kn_line *l);

/* Checks that a line is valid UTF-8 without control characters other
 * than tab; fills r->err and returns -1 when not. */
int kn_card_check_bytes(kn_card_reader *r, const kn_line *l);

/* Parses the header that starts at the trimmed line first (past "SIGNAL"),
 * reading continuation lines from r when its parts are spread over lines.
 * Sets kind, category, published, score and horizon of sig. */
kn_status kn_card_read_header(kn_card_reader *r, const kn_line *first,
			      kn_signal *sig);

#endif
