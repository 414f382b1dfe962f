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

/* Splits a trailing "(note)" off text: *name and *note heap copies
 * (trimmed), or both NULL when text has no such note (or is all
 * parenthesis) and stays whole.  KN_ERR_NOMEM when out of memory. */
kn_status kn_split_note(const char *text, char **name, char **note);

/* 1 when the actor key of name is empty (only punctuation and invisible
 * characters), 0 when not, -1 when out of memory. */
int kn_key_is_empty(const char *name);

/* Frees the actors effect e names (effect_actor.c). */
void kn_effect_free_actors(kn_effect *e);
/* Appends copies of src's actors to dst's; KN_ERR_NOMEM on failure. */
kn_status kn_effect_copy_actors(kn_effect *dst, const kn_effect *src);

#endif
