/* knockon internal — the card header (card_header.c): "SIGNAL", the
 * category, the date, the score and the horizon.  Called by card.c; it
 * reads lines through card_lines.h and never calls back into card.c.
 * Not part of the public API. */
#ifndef KN_CARD_HEADER_H
#define KN_CARD_HEADER_H

#include "knockon/error.h"
#include "knockon/signal.h"
#include "card_lines.h"

/* Parses the header that starts at the trimmed line first (past "SIGNAL"),
 * reading continuation lines from r when its parts are spread over lines.
 * Sets kind, category, published, score and horizon of sig. */
kn_status kn_card_read_header(kn_card_reader *r, const kn_line *first,
			      kn_signal *sig);

#endif
