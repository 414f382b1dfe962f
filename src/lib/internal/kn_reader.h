/* knockon internal — what the store needs of a kn_reader beyond its
 * public API.  Not part of the public API. */
#ifndef KN_READER_H
#define KN_READER_H

#include "knockon/reader.h"

/* The skip hook kn_reader_on_skip set (fn NULL when none), so that a
 * caller can put its own in front of it and hand the calls on later. */
void kn_reader_skip_hook(const kn_reader *r, kn_reader_skip_fn *fn, void **ctx);

#endif
