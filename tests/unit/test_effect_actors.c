/* The actors an effect names (src/lib/model/effect_actor.c): notes split
 * as for winners and losers, roles, copies, the limit, and the canonical
 * JSON (written only when there are some). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "knockon/json.h"
#include "knockon/signal.h"

static void add_and_split(void **state)
{
	kn_signal s;
	kn_effect *e;

	(void)state;
	kn_signal_init(&s);
	assert_int_equal(kn_signal_set(&s.title, "T"), KN_OK);
	assert_int_equal(kn_signal_add_effect(&s, NULL, 1, "x", NULL, 0, 0), KN_OK);
	e = &s.effects[0];
	assert_int_equal(kn_effect_add_actor_text(e, KN_EFFECT_LOSER,
						  "Nvidia (China revenue (most))"),
			 KN_OK);
	assert_int_equal(kn_effect_add_actor_text(e, KN_EFFECT_NAMED, "(all of it)"),
			 KN_OK);
	assert_int_equal(kn_effect_add_actor(e, KN_EFFECT_WINNER, "  Arm  ", NULL),
			 KN_OK);
	assert_int_equal(kn_effect_add_actor(e, KN_EFFECT_WINNER, "\xe2\x80\x8b..",
					     NULL), KN_ERR_INVALID);
	assert_int_equal(e->n_actors, 3);
	assert_string_equal(e->actors[0].name, "Nvidia");
	assert_string_equal(e->actors[0].note, "China revenue (most)");
	assert_int_equal(e->actors[0].role, KN_EFFECT_LOSER);
	assert_string_equal(e->actors[1].name, "(all of it)");
	assert_null(e->actors[1].note);
	assert_string_equal(e->actors[2].name, "Arm");
	kn_signal_release(&s);
}

static void roles(void **state)
{
	kn_effect_role r = KN_EFFECT_WINNER;

	(void)state;
	assert_int_equal(kn_effect_role_parse("loser", &r), 0);
	assert_int_equal(r, KN_EFFECT_LOSER);
	assert_int_equal(kn_effect_role_parse("Loser", &r), -1);
	assert_int_equal(kn_effect_role_parse(NULL, &r), -1);
	assert_int_equal(r, KN_EFFECT_LOSER);
	assert_string_equal(kn_effect_role_name(KN_EFFECT_NAMED), "named");
	assert_string_equal(kn_effect_role_name(KN_EFFECT_WINNER), "winner");
}

static void copy_and_json(void **state)
{
	static const char want[] =
		"\"effects\": [{\"id\": \"e1\", \"order\": 1, \"text\": \"x\","
		" \"causes\": [], \"actors\": [{\"name\": \"Nvidia\", \"role\":"
		" \"loser\", \"note\": \"n\"}]}, {\"id\": \"e2\", \"order\": 2,"
		" \"text\": \"y\", \"causes\": [\"e1\"]}]";
	kn_signal s, c;
	kn_buf b = KN_BUF_INIT, bc = KN_BUF_INIT;
	kn_error err;

	(void)state;
	kn_signal_init(&s);
	kn_signal_init(&c);
	assert_int_equal(kn_signal_set(&s.title, "T"), KN_OK);
	assert_int_equal(kn_signal_add_effect(&s, NULL, 1, "x", NULL, 0, 0), KN_OK);
	assert_int_equal(kn_signal_add_effect(&s, NULL, 2, "y", NULL, 0, 0), KN_OK);
	assert_int_equal(kn_effect_add_actor(&s.effects[0], KN_EFFECT_LOSER,
					     "Nvidia", "n"), KN_OK);
	assert_int_equal(kn_signal_finish(&s, &err), KN_OK);
	assert_int_equal(kn_signal_write_json(&s, &b), KN_OK);
	assert_non_null(strstr(kn_buf_cstr(&b), want));
	assert_int_equal(kn_signal_copy(&c, &s), KN_OK);
	assert_int_equal(kn_signal_write_json(&c, &bc), KN_OK);
	assert_string_equal(kn_buf_cstr(&b), kn_buf_cstr(&bc));
	kn_buf_release(&b);
	kn_buf_release(&bc);
	kn_signal_release(&s);
	kn_signal_release(&c);
}

/* A signal with n actors on its second effect, finished. */
static kn_status finish_with(int n, kn_error *err)
{
	kn_signal s;
	kn_status st;
	int i;

	kn_signal_init(&s);
	assert_int_equal(kn_signal_set(&s.title, "T"), KN_OK);
	assert_int_equal(kn_signal_add_effect(&s, NULL, 1, "x", NULL, 0, 0), KN_OK);
	assert_int_equal(kn_signal_add_effect(&s, NULL, 1, "y", NULL, 0, 0), KN_OK);
	for (i = 0; i < n; i++)
		assert_int_equal(kn_effect_add_actor(&s.effects[1], KN_EFFECT_NAMED,
						     "a", NULL), KN_OK);
	st = kn_signal_finish(&s, err);
	kn_signal_release(&s);
	return st;
}

static void limit(void **state)
{
	kn_error err;

	(void)state;
	assert_int_equal(finish_with(KN_MAX_EFFECT_ACTORS, &err), KN_OK);
	assert_int_equal(finish_with(KN_MAX_EFFECT_ACTORS + 1, &err), KN_ERR_INVALID);
	assert_string_equal(err.field, "effects[1].actors");
}

/* Finishing a finished signal (or a copy of one) again makes its default
 * causes again instead of writing past them. */
static void finish_twice(void **state)
{
	kn_signal s, c;
	kn_error err;

	(void)state;
	kn_signal_init(&s);
	kn_signal_init(&c);
	assert_int_equal(kn_signal_set(&s.title, "T"), KN_OK);
	assert_int_equal(kn_signal_add_effect(&s, NULL, 1, "x", NULL, 0, 0), KN_OK);
	assert_int_equal(kn_signal_add_effect(&s, NULL, 1, "y", NULL, 0, 0), KN_OK);
	assert_int_equal(kn_signal_add_effect(&s, NULL, 2, "z", NULL, 0, 0), KN_OK);
	assert_int_equal(kn_signal_finish(&s, &err), KN_OK);
	assert_int_equal(kn_signal_copy(&c, &s), KN_OK);
	assert_int_equal(kn_signal_finish(&s, &err), KN_OK);
	assert_int_equal(kn_signal_finish(&c, &err), KN_OK);
	assert_int_equal(s.effects[2].n_causes, 2);
	assert_int_equal(c.effects[2].n_causes, 2);
	assert_string_equal(c.effects[2].causes[1], "e2");
	kn_signal_release(&s);
	kn_signal_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(add_and_split),
		cmocka_unit_test(roles),
		cmocka_unit_test(copy_and_json),
		cmocka_unit_test(limit),
		cmocka_unit_test(finish_twice),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
