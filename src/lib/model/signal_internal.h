/* knockon internal — the checks kn_signal_finish makes (signal_check.c).
 * Not part of the public API. */
#ifndef KN_SIGNAL_INTERNAL_H
#define KN_SIGNAL_INTERNAL_H

#include "knockon/error.h"
#include "knockon/signal.h"

/* The limits every reader applies (KN_MAX_EFFECTS, KN_MAX_ACTORS,
 * KN_MAX_CAUSES), checked again for signals built by other means. */
kn_status kn_signal_check_limits(const kn_signal *s, kn_error *err);

/* Numbers effects without ids, checks orders, text and unique ids, fills
 * default causes and checks the causes (known ids, previous order, no
 * cycle).  err->field names the effect or cause at fault. */
kn_status kn_signal_check_effects(kn_signal *s, kn_error *err);

#endif
