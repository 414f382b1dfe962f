/* The actors an effect names (docs/ripple.md): given by the card, each
 * with its role, checked like winners and losers. */
#include "knockon/signal.h"

#include <stdlib.h>
#include <string.h>

#include "signal_internal.h"
#include "kn_grow.h"
#include "kn_text.h"

static const char *const role_names[] = { "winner", "loser", "named" };

const char *kn_effect_role_name(kn_effect_role role)
{
	return (unsigned)role < 3 ? role_names[role] : "named";
}

int kn_effect_role_parse(const char *s, kn_effect_role *out)
{
	int i;

	for (i = 0; s && i < 3; i++)
		if (strcmp(s, role_names[i]) == 0) {
			*out = (kn_effect_role)i;
			return 0;
		}
	return -1;
}

kn_status kn_effect_add_actor(kn_effect *e, kn_effect_role role,
			      const char *name, const char *note)
{
	kn_effect_actor a = { NULL, NULL, role };

	if (kn_signal_set(&a.name, name))
		return KN_ERR_NOMEM;
	if (!a.name)
		return KN_ERR_INVALID;
	switch (kn_key_is_empty(a.name)) {
	case 0:
		break;
	case 1:
		free(a.name);
		return KN_ERR_INVALID;
	default:
		goto nomem;
	}
	if (kn_signal_set(&a.note, note))
		goto nomem;
	if (KN_GROW(e->actors, e->cap_actors, e->n_actors + 1))
		goto nomem;
	e->actors[e->n_actors++] = a;
	return KN_OK;
nomem:
	free(a.name);
	free(a.note);
	return KN_ERR_NOMEM;
}

kn_status kn_effect_add_actor_text(kn_effect *e, kn_effect_role role,
				   const char *text)
{
	char *name, *note;
	kn_status st = kn_split_note(text, &name, &note);

	if (st)
		return st;
	if (!name)
		return kn_effect_add_actor(e, role, text, NULL);
	st = kn_effect_add_actor(e, role, name, note[0] ? note : NULL);
	free(name);
	free(note);
	return st;
}

void kn_effect_free_actors(kn_effect *e)
{
	size_t i;

	for (i = 0; i < e->n_actors; i++) {
		free(e->actors[i].name);
		free(e->actors[i].note);
	}
	free(e->actors);
	e->actors = NULL;
	e->n_actors = e->cap_actors = 0;
}

kn_status kn_effect_copy_actors(kn_effect *dst, const kn_effect *src)
{
	size_t i;
	kn_status st;

	for (i = 0; i < src->n_actors; i++) {
		const kn_effect_actor *a = &src->actors[i];

		if ((st = kn_effect_add_actor(dst, a->role, a->name, a->note)))
			return st == KN_ERR_INVALID ? KN_OK : st;
	}
	return KN_OK;
}
