/* knockon — the signal model (format "knockon/1", docs/format.md).
 *
 * A kn_signal is a caller-owned struct: kn_signal_init() before use,
 * kn_signal_release() after.  Every string in it is heap-owned by the
 * signal (NUL-terminated UTF-8, or NULL when the field is absent); the
 * setters below copy what they are given. */
#ifndef KNOCKON_SIGNAL_H
#define KNOCKON_SIGNAL_H

#include "knockon/export.h"

#include <stddef.h>
#include "knockon/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define KN_FORMAT "knockon/1"
#define KN_ABSENT (-1) /* score, confidence, impact when not given */

/* Limits on one signal, the same for every input (pasted cards and JSON):
 * real cards have a handful of effects and actors, and the caps keep a
 * hostile input from growing without bound.  Readers reject a signal over
 * them naming the field; kn_signal_finish checks them again. */
#define KN_MAX_EFFECTS 256           /* effects in one signal */
#define KN_MAX_ACTORS 1024           /* winners, and losers, each */
#define KN_MAX_CAUSES KN_MAX_EFFECTS /* causes of one effect */
#define KN_MAX_EFFECT_ACTORS 64      /* actors one effect names */

typedef enum kn_role { KN_WINNER = 0, KN_LOSER = 1 } kn_role;

typedef struct kn_actor_ref {
	char *name; /* never NULL, never empty */
	char *note; /* NULL when none */
} kn_actor_ref;

/* How an effect reaches an actor it names (docs/ripple.md): the actor
 * wins or loses by it, or is only named. */
typedef enum kn_effect_role {
	KN_EFFECT_WINNER = 0,
	KN_EFFECT_LOSER = 1,
	KN_EFFECT_NAMED = 2
} kn_effect_role;

typedef struct kn_effect_actor {
	char *name; /* never NULL, never empty */
	char *note; /* NULL when none */
	kn_effect_role role;
} kn_effect_actor;

typedef struct kn_effect {
	char *id;      /* "e1", …; unique in its signal */
	int order;     /* 1 = direct, 2 = second, 3 = third, higher allowed */
	char *text;
	char **causes; /* ids of effects of order - 1; empty for order 1 */
	size_t n_causes;
	int has_causes; /* causes were given (else kn_signal_finish fills them) */
	kn_effect_actor *actors; /* the actors the card says it reaches */
	size_t n_actors, cap_actors;
} kn_effect;

typedef struct kn_signal {
	char *id;
	char *feed;
	char *kind;      /* "signal" unless given */
	char *category;
	char *published; /* ISO 8601 date or date-time, as precise as given */
	int score;       /* 0–100 or KN_ABSENT */
	char *horizon;
	char *title;     /* required */
	char *summary;
	char *why_now;
	char *why_important;
	char *why_changes;
	kn_actor_ref *winners;
	size_t n_winners;
	kn_actor_ref *losers;
	size_t n_losers;
	kn_effect *effects; /* in input order */
	size_t n_effects;
	int confidence;     /* 0–100 or KN_ABSENT */
	int impact;         /* 0–100 or KN_ABSENT */
	char *publisher;
	char *section;
	char *url;
	/* Allocated lengths of winners, losers and effects, kept by
	 * kn_signal_add_actor/_effect so the arrays grow geometrically.  0 is
	 * always safe (the next add reallocates); set them back to 0 when
	 * replacing one of those arrays by hand. */
	size_t cap_winners, cap_losers, cap_effects;
} kn_signal;

KN_API void kn_signal_init(kn_signal *s);
/* Frees everything the signal owns and re-initialises it.  Accepts NULL. */
KN_API void kn_signal_release(kn_signal *s);

/* Replaces *field (one of the char * members of s) with a trimmed copy of
 * value; NULL or an all-white-space value makes the field absent. */
KN_API kn_status kn_signal_set(char **field, const char *value);

/* Appends an actor to winners or losers.  name is trimmed; note may be NULL.
 * Returns KN_ERR_INVALID for a name that is empty or names no actor (only
 * punctuation, white space and invisible characters: its actor key, as
 * the corpus compares names, would be empty). */
KN_API kn_status kn_signal_add_actor(kn_signal *s, kn_role role, const char *name,
				     const char *note);

/* Appends an actor given as one string, splitting a trailing "(note)":
 * "Anthropic (reputational damage)" → name "Anthropic", note
 * "reputational damage".  A name that is all parenthesis stays whole. */
KN_API kn_status kn_signal_add_actor_text(kn_signal *s, kn_role role,
					  const char *text);

/* Appends an effect.  id may be NULL: then "e<N>" (N = its position, 1-based)
 * is given by kn_signal_finish.  causes may be NULL with n_causes 0; a
 * signal whose effect has causes == NULL and has_causes == 0 gets the
 * default causes (all effects of the previous order) from kn_signal_finish. */
KN_API kn_status kn_signal_add_effect(kn_signal *s, const char *id, int order,
				      const char *text, const char *const *causes,
				      size_t n_causes, int has_causes);

/* Appends an actor to the actors effect e names (see
 * kn_signal_add_actor for name and note; KN_ERR_INVALID the same way). */
KN_API kn_status kn_effect_add_actor(kn_effect *e, kn_effect_role role,
				     const char *name, const char *note);
/* The same, given one string with an optional trailing "(note)", as
 * kn_signal_add_actor_text splits it. */
KN_API kn_status kn_effect_add_actor_text(kn_effect *e, kn_effect_role role,
					  const char *text);
/* "winner", "loser" or "named". */
KN_API const char *kn_effect_role_name(kn_effect_role role);
/* Parses one of those names into *out; -1 (and *out untouched) when s is
 * none of them. */
KN_API int kn_effect_role_parse(const char *s, kn_effect_role *out);

/* Completes and checks a signal read from any input: derives a missing id
 * (kn_signal_derive_id), numbers effects without ids, fills default causes,
 * sets kind "signal" when absent, and checks what the format requires (a
 * title, unique effect ids, orders ≥ 1, causes naming effects of the
 * previous order, no cause cycles, numbers 0–100, the KN_MAX_* limits).
 * Time is linear in the size of the signal (plus the default causes it
 * fills).  On failure err->field
 * names the field and the signal is left as it was given. */
KN_API kn_status kn_signal_finish(kn_signal *s, kn_error *err);

/* The derived id: "<date>-<slug of title>", date = first 10 characters of
 * published (omitted when absent), slug = lowercase ASCII letters and
 * digits of the title joined by single '-', at most 80 characters (a
 * longer slug is cut at its last '-' at or before the 80th character, so
 * no word is cut in two, or at 80 when the first 80 hold no '-'),
 * non-ASCII letters folded to ASCII where simple (é → e) and dropped
 * otherwise; "signal-<hash>" when the slug is empty.  Returns a heap string
 * (free() it) or NULL when out of memory. */
KN_API char *kn_signal_derive_id(const char *published, const char *title);

/* Deep copy of src into dst (dst must be initialised, is released first). */
KN_API kn_status kn_signal_copy(kn_signal *dst, const kn_signal *src);

/* The actors a signal names, winners then losers, as one list: how many,
 * and the j-th (j < kn_signal_n_actors) with its role in *role (may be
 * NULL).  Borrowed from s. */
KN_API size_t kn_signal_n_actors(const kn_signal *s);
KN_API const kn_actor_ref *kn_signal_actor(const kn_signal *s, size_t j,
					   kn_role *role);

/* The largest effect order present, 0 when there are no effects. */
KN_API int kn_signal_max_order(const kn_signal *s);

/* Index of the effect with this id, or -1. */
KN_API long kn_signal_find_effect(const kn_signal *s, const char *id);

#ifdef __cplusplus
}
#endif
#endif
