/* knockon internal — what a trimmed card line is: a card's header line
 * ("SIGNAL…") or a section heading ("Winners", "Why now", "Direct", …).
 * The lowest layer of the card parser: card_kinds.c calls nothing in the
 * other card files (card_lines.c, card_header.c and card.c call it).
 * Not part of the public API. */
#ifndef KN_CARD_KINDS_H
#define KN_CARD_KINDS_H

#include <stddef.h>

/* The sections of a card body, in the order a card usually has them. */
enum kn_card_section {
	S_LEAD, /* after the headline: the sub-headline */
	S_WHY,
	S_WHY_NOW,
	S_WHY_IMPORTANT,
	S_WHY_CHANGES,
	S_WINNERS,
	S_LOSERS,
	S_EFFECTS, /* "Second-order effects" before its first order */
	S_ORDER,
	S_FOOTER /* page furniture: read only for source and scores */
};

/* A heading line: the section it opens (and for S_ORDER, which order). */
typedef struct kn_card_heading {
	const char *name; /* its comparable form (card_kinds.c normalize) */
	enum kn_card_section sec;
	int order;
} kn_card_heading;

/* Bytes of a headings comparable form, its NUL included: a longer line
 * is no heading (and a "Heading: text" colon is looked for before it). */
#define KN_CARD_HEADING_MAX 48

/* The heading the trimmed line p[0..n) is, with or without a trailing
 * colon; NULL when it is none.  The result is static. */
const kn_card_heading *kn_card_find_heading(const char *p, size_t n);

/* The heading the trimmed line p[0..n) looks like without being one: its
 * comparable form within a small Damerau-Levenshtein distance of a
 * heading's ("Loosers", "Why this maters"), 1 for a heading shorter than
 * 12 bytes and 2 for a longer one; the single-word orders ("Direct",
 * "Third", …) are left out, as real names lie a letter away ("DirecTV",
 * "Forth").  NULL when the line is a heading or resembles none.  The work
 * is bounded: at most KN_CARD_HEADING_MAX squared steps per heading. */
const kn_card_heading *kn_card_near_heading(const char *p, size_t n);

/* Non-zero when the trimmed line is a section heading. */
int kn_card_is_heading(const char *p, size_t n);

/* Non-zero when the trimmed line opens a card: "SIGNAL" followed by the
 * end, a space, a non-ASCII byte, capitals ("SIGNALAI·") or a capitalised
 * word ("SIGNALCapital"), but not "SIGNALS", "SIGNALING", "SIGNAL:" and
 * the like. */
int kn_card_is_header(const char *p, size_t n);

#endif
