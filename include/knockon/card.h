/* knockon — signal cards as pasted from a web page (docs/format.md). */
#ifndef KNOCKON_CARD_H
#define KNOCKON_CARD_H

#include "knockon/export.h"

#include <stddef.h>
#include "knockon/error.h"
#include "knockon/signal.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Called once per card found.  status is KN_OK with sig holding a finished
 * signal (the callee may take its contents; it is released after the call
 * either way), or an error status with err naming the line and what was
 * expected (sig is then empty).  Returning anything but KN_OK stops the
 * parse and kn_card_parse returns that status. */
typedef kn_status (*kn_card_emit)(void *ctx, kn_status status, kn_signal *sig,
				  const kn_error *err);

/* Parses text holding one or more pasted cards (each begins at its header
 * line, "SIGNAL…").  LF, CRLF and lone CR line ends and a leading UTF-8 BOM
 * are accepted.  source names the input in errors.  Returns KN_OK when the
 * text was walked to its end (even if some cards were rejected: the emit
 * callback saw those), KN_ERR_PARSE when no card could be found at all
 * (also reported through emit), or what emit returned. */
KN_API kn_status kn_card_parse(const char *text, size_t len, const char *source,
			       kn_card_emit emit, void *ctx);

/* Non-zero when the first bytes of an input look like a pasted card rather
 * than JSON (the first non-blank byte after a BOM is not '{' or '['). */
KN_API int kn_looks_like_card(const char *text, size_t len);

#ifdef __cplusplus
}
#endif
#endif
