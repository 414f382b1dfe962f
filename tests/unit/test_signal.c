/* The signal model: actors with notes, derived ids, finishing and checks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "knockon/signal.h"
#include "kn_legacy_id.h"
#include "kn_text.h"

static void actor_text_splits_trailing_note(void **state)
{
	kn_signal s;

	(void)state;
	kn_signal_init(&s);
	assert_int_equal(kn_signal_add_actor_text(&s, KN_LOSER,
		"Anthropic (reputational damage if not handled well)"), KN_OK);
	assert_int_equal(kn_signal_add_actor_text(&s, KN_LOSER,
		"Alibaba Cloud customers in the US, Europe and Japan"), KN_OK);
	assert_int_equal(kn_signal_add_actor_text(&s, KN_LOSER,
		"Samsung (Korea) chip unit (memory (DRAM) glut)"), KN_OK);
	assert_int_equal(kn_signal_add_actor_text(&s, KN_LOSER, "(only a note)"), KN_OK);
	assert_int_equal(kn_signal_add_actor_text(&s, KN_LOSER, "   "), KN_ERR_INVALID);
	assert_int_equal(s.n_losers, 4);
	assert_string_equal(s.losers[0].name, "Anthropic");
	assert_string_equal(s.losers[0].note, "reputational damage if not handled well");
	assert_string_equal(s.losers[1].name,
			    "Alibaba Cloud customers in the US, Europe and Japan");
	assert_null(s.losers[1].note);
	assert_string_equal(s.losers[2].name, "Samsung (Korea) chip unit");
	assert_string_equal(s.losers[2].note, "memory (DRAM) glut");
	assert_string_equal(s.losers[3].name, "(only a note)");
	kn_signal_release(&s);
}

static void derived_id_is_a_readable_slug(void **state)
{
	char *id;

	(void)state;
	id = kn_signal_derive_id("2026-06-24T21:36",
		"Anthropic accuses Alibaba of obtaining \xe2\x80\x98illicit\xe2\x80\x99 access to Claude");
	assert_string_equal(id,
		"2026-06-24-anthropic-accuses-alibaba-of-obtaining-illicit-access-to-claude");
	free(id);
	id = kn_signal_derive_id(NULL, "Soci\xc3\xa9t\xc3\xa9 G\xc3\xa9n\xc3\xa9rale: it's *done*!");
	assert_string_equal(id, "societe-generale-its-done");
	free(id);
	id = kn_signal_derive_id("2026-01-01", "\xe4\xb8\x89\xe8\x8f\xb1\xe5\x95\x86\xe4\xba\x8b");
	assert_true(strncmp(id, "signal-", 7) == 0);
	assert_int_equal(strlen(id), 7 + 16);
	free(id);
}

/* A slug longer than 80 is cut at a word boundary; the first rule (kept
 * for old corpora) cut inside the word. */
static void derived_id_cuts_at_a_word_boundary(void **state)
{
	static const char title[] = "Chile's state miner Codelco now also takes"
		" majority stakes in Atacama brine projects";
	static const char one_word[] = "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbccccc d";
	char *id;

	(void)state;
	id = kn_signal_derive_id("2026-04-01", title);
	assert_string_equal(id, "2026-04-01-chiles-state-miner-codelco-now-also-"
			    "takes-majority-stakes-in-atacama-brine");
	free(id);
	id = kn_signal_legacy_id("2026-04-01", title);
	assert_string_equal(id, "2026-04-01-chiles-state-miner-codelco-now-also-"
			    "takes-majority-stakes-in-atacama-brine-proje");
	free(id);
	/* no '-' in the first 80: cut at 80 */
	id = kn_signal_derive_id(NULL, one_word);
	assert_int_equal(strlen(id), 80);
	assert_true(strncmp(id, "aaaa", 4) == 0 && id[79] == 'b');
	free(id);
	/* a '-' just past the 80th character: the cut is at a boundary */
	id = kn_signal_derive_id(NULL, "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa "
				 "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb cc");
	assert_int_equal(strlen(id), 80);
	assert_true(id[79] == 'b');
	free(id);
	/* exactly 80 with nothing after: untouched by either rule */
	id = kn_signal_derive_id(NULL, "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa "
				 "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
	assert_int_equal(strlen(id), 80);
	free(id);
}

static void finish_fills_ids_and_default_causes(void **state)
{
	kn_signal s;
	kn_error err;

	(void)state;
	kn_signal_init(&s);
	kn_signal_set(&s.title, "  T  ");
	kn_signal_add_effect(&s, NULL, 1, "a", NULL, 0, 0);
	kn_signal_add_effect(&s, NULL, 1, "b", NULL, 0, 0);
	kn_signal_add_effect(&s, NULL, 2, "c", NULL, 0, 0);
	kn_signal_add_effect(&s, NULL, 3, "d", NULL, 0, 0);
	assert_int_equal(kn_signal_finish(&s, &err), KN_OK);
	assert_string_equal(s.title, "T");
	assert_string_equal(s.id, "t");
	assert_string_equal(s.kind, "signal");
	assert_string_equal(s.effects[2].id, "e3");
	assert_int_equal(s.effects[2].n_causes, 2);
	assert_string_equal(s.effects[2].causes[0], "e1");
	assert_string_equal(s.effects[2].causes[1], "e2");
	assert_int_equal(s.effects[3].n_causes, 1);
	assert_string_equal(s.effects[3].causes[0], "e3");
	assert_int_equal(kn_signal_max_order(&s), 3);
	kn_signal_release(&s);
}

static kn_status finish_with(const char *const *causes, size_t n, int order2,
			     kn_error *err)
{
	kn_signal s;
	kn_status st;

	kn_signal_init(&s);
	kn_signal_set(&s.title, "t");
	kn_signal_add_effect(&s, "e1", 1, "a", NULL, 0, 0);
	kn_signal_add_effect(&s, "e2", order2, "b", causes, n, 1);
	kn_signal_add_effect(&s, "e3", 2, "c", (const char *const[]){ "e2" }, 1, 1);
	st = kn_signal_finish(&s, err);
	kn_signal_release(&s);
	return st;
}

static void finish_rejects_bad_causes(void **state)
{
	kn_error err;
	const char *unknown[] = { "e9" };
	const char *cycle[] = { "e3" };
	const char *ok[] = { "e1" };

	(void)state;
	assert_int_equal(finish_with(unknown, 1, 2, &err), KN_ERR_INVALID);
	assert_string_equal(err.field, "effects[1].causes[0]");
	assert_string_equal(err.message,
		"effect \"e2\" names cause \"e9\" but no effect has that id");
	assert_int_equal(finish_with(cycle, 1, 2, &err), KN_ERR_INVALID);
	assert_string_equal(err.message, "effect \"e2\" is part of a cause cycle");
	/* e3 (order 2) caused by e2 (order 2): wrong order, not a cycle */
	assert_int_equal(finish_with(ok, 1, 2, &err), KN_ERR_INVALID);
	assert_string_equal(err.field, "effects[2].causes[0]");
	assert_int_equal(finish_with(ok, 1, 1, &err), KN_ERR_INVALID);
	assert_string_equal(err.message,
		"effect \"e2\" has order 1 and so is caused by the signal itself, not by \"e1\"");
}

static void finish_requires_title_and_ranges(void **state)
{
	kn_signal s;
	kn_error err;

	(void)state;
	kn_signal_init(&s);
	assert_int_equal(kn_signal_finish(&s, &err), KN_ERR_INVALID);
	assert_string_equal(err.field, "title");
	kn_signal_set(&s.title, "x");
	s.impact = 101;
	assert_int_equal(kn_signal_finish(&s, &err), KN_ERR_INVALID);
	assert_string_equal(err.message,
			    "\"impact\" must be an integer from 0 to 100, got 101");
	kn_signal_release(&s);
}

static void copy_is_deep(void **state)
{
	kn_signal a, b;
	kn_error err;

	(void)state;
	kn_signal_init(&a);
	kn_signal_init(&b);
	kn_signal_set(&a.title, "x");
	kn_signal_add_actor(&a, KN_WINNER, "W", "n");
	kn_signal_add_effect(&a, NULL, 1, "a", NULL, 0, 0);
	kn_signal_add_effect(&a, NULL, 2, "b", NULL, 0, 0);
	assert_int_equal(kn_signal_finish(&a, &err), KN_OK);
	assert_int_equal(kn_signal_copy(&b, &a), KN_OK);
	kn_signal_release(&a);
	assert_string_equal(b.winners[0].note, "n");
	assert_string_equal(b.effects[1].causes[0], "e1");
	kn_signal_release(&b);
}

static void actor_keys_fold_case_space_and_punctuation(void **state)
{
	char *a = kn_actor_key("  European   Automakers. ");
	char *b = kn_actor_key("european automakers");
	char *c = kn_actor_key("SOCI\xc3\x89T\xc3\x89 G\xc3\x89N\xc3\x89RALE");
	char *d = kn_actor_key("Soci\xc3\xa9t\xc3\xa9 G\xc3\xa9n\xc3\xa9rale");
	char *e = kn_actor_key("U.S.");
	char *f = kn_actor_key("US");
	char *g = kn_actor_key("Moody\xe2\x80\x99s");

	(void)state;
	assert_string_equal(a, b);
	assert_string_equal(c, d);
	assert_string_not_equal(e, f);
	assert_string_equal(e, "u.s");
	assert_string_equal(g, "moody's");
	free(a); free(b); free(c); free(d); free(e); free(f); free(g);
}

static void utf8_check_finds_bad_bytes(void **state)
{
	(void)state;
	assert_int_equal(kn_utf8_check("caf\xc3\xa9", 5), -1);
	assert_int_equal(kn_utf8_check("caf\xe9!", 5), 3);
	assert_int_equal(kn_utf8_check("\xc0\xaf", 2), 0);         /* overlong */
	assert_int_equal(kn_utf8_check("a\xed\xa0\x80", 4), 1);    /* surrogate */
	assert_int_equal(kn_utf8_check("\xf4\x90\x80\x80", 4), 0); /* > U+10FFFF */
	assert_int_equal(kn_display_width("\xe4\xb8\x89\xe8\x8f\xb1"), 4);
	assert_int_equal(kn_display_width("e\xcc\x81t\xc3\xa9"), 3);
}

static void printable_escapes_terminal_controls(void **state)
{
	kn_buf b = KN_BUF_INIT;

	(void)state;
	kn_buf_put_printable(&b, "a\x1b[31mred\xe2\x80\xae!\n\xff", 0);
	assert_string_equal(kn_buf_cstr(&b), "a\\x1b[31mred<U+202E>!\\x0a\\xff");
	kn_buf_release(&b);
}

static void buf_detach_and_printf(void **state)
{
	kn_buf b = KN_BUF_INIT;
	size_t n;
	char *s;

	(void)state;
	kn_buf_printf(&b, "%s-%d", "x", 42);
	kn_buf_putc(&b, '!');
	s = kn_buf_detach(&b, &n);
	assert_string_equal(s, "x-42!");
	assert_int_equal(n, 5);
	assert_null(b.data);
	free(s);
	s = kn_buf_detach(&b, &n);
	assert_string_equal(s, "");
	free(s);
	b.failed = 1;
	kn_buf_puts(&b, "ignored");
	assert_null(kn_buf_detach(&b, NULL));
}

/* n effects e1..en, effect i of order i caused by e(i-1); with cycle, all
 * are of order 2 and e1 is caused by en, closing one cycle through all. */
static kn_status chain_of(size_t n, int cycle, kn_error *err, kn_signal *s)
{
	size_t i;
	char id[16], cause[16];

	kn_signal_init(s);
	kn_signal_set(&s->title, "chain");
	for (i = 1; i <= n; i++) {
		const char *causes[1] = { cause };

		snprintf(id, sizeof id, "e%zu", i);
		snprintf(cause, sizeof cause, "e%zu", i == 1 ? n : i - 1);
		kn_signal_add_effect(s, id, cycle ? 2 : (int)i, "t", causes,
				     i == 1 && !cycle ? 0 : 1, 1);
	}
	return kn_signal_finish(s, err);
}

static void finish_checks_long_chain_at_limit(void **state)
{
	kn_signal s;
	kn_error err;

	(void)state;
	/* the whole chain at the limit is walked, without recursion */
	assert_int_equal(chain_of(KN_MAX_EFFECTS, 0, &err, &s), KN_OK);
	assert_int_equal(s.n_effects, 256);
	assert_int_equal(s.effects[255].order, 256);
	assert_string_equal(s.effects[255].causes[0], "e255");
	kn_signal_release(&s);
	assert_int_equal(chain_of(KN_MAX_EFFECTS, 1, &err, &s), KN_ERR_INVALID);
	assert_string_equal(err.message, "effect \"e1\" is part of a cause cycle");
	assert_string_equal(err.field, "effects[0].causes");
	kn_signal_release(&s);
	assert_int_equal(chain_of(KN_MAX_EFFECTS + 1, 0, &err, &s), KN_ERR_INVALID);
	assert_string_equal(err.field, "effects");
	assert_string_equal(err.message,
			    "\"effects\" has 257 entries, at most 256 are allowed");
	kn_signal_release(&s);
}

static void finish_finds_duplicate_ids_by_hash(void **state)
{
	kn_signal s;
	kn_error err;
	size_t i;
	char id[16];

	(void)state;
	kn_signal_init(&s);
	kn_signal_set(&s.title, "t");
	for (i = 0; i < 200; i++) {
		snprintf(id, sizeof id, "x%zu", i);
		kn_signal_add_effect(&s, id, 1, "t", NULL, 0, 0);
	}
	kn_signal_add_effect(&s, NULL, 1, "t", NULL, 0, 0); /* becomes e201 */
	kn_signal_add_effect(&s, "x137", 1, "t", NULL, 0, 0);
	assert_int_equal(kn_signal_finish(&s, &err), KN_ERR_INVALID);
	assert_string_equal(err.field, "effects[201]");
	assert_string_equal(err.message, "two effects have the id \"x137\"");
	kn_signal_release(&s);
}

static void finish_limits_actors(void **state)
{
	kn_signal s;
	kn_error err;
	size_t i;
	char name[32];

	(void)state;
	kn_signal_init(&s);
	kn_signal_set(&s.title, "t");
	for (i = 0; i < KN_MAX_ACTORS; i++) {
		snprintf(name, sizeof name, "Actor %zu", i);
		assert_int_equal(kn_signal_add_actor(&s, KN_LOSER, name, NULL), KN_OK);
	}
	assert_int_equal(kn_signal_finish(&s, &err), KN_OK);
	kn_signal_add_actor(&s, KN_LOSER, "One too many", NULL);
	assert_int_equal(kn_signal_finish(&s, &err), KN_ERR_INVALID);
	assert_string_equal(err.field, "losers");
	assert_string_equal(err.message,
			    "\"losers\" has 1025 entries, at most 1024 are allowed");
	kn_signal_release(&s);
}

static void actor_names_of_only_punctuation_are_refused(void **state)
{
	static const char *const bad[] = { ".", ",,,", ":;", " . ",
		"\xe2\x80\x8b", "\xc2\xad.", NULL };
	kn_signal s;
	size_t i;

	(void)state;
	kn_signal_init(&s);
	for (i = 0; bad[i]; i++)
		assert_int_equal(kn_signal_add_actor(&s, KN_WINNER, bad[i], NULL),
				 KN_ERR_INVALID);
	assert_int_equal(kn_signal_add_actor_text(&s, KN_WINNER, ", (note)"),
			 KN_ERR_INVALID);
	assert_int_equal(kn_signal_add_actor(&s, KN_WINNER, "-", NULL), KN_OK);
	assert_int_equal(kn_signal_add_actor(&s, KN_WINNER, "U.S.", NULL), KN_OK);
	assert_int_equal(s.n_winners, 2);
	kn_signal_release(&s);
}

static void actor_keys_drop_invisible_characters(void **state)
{
	static const char *const same[] = {
		"Ali\xe2\x80\x8b" "baba",          /* U+200B zero-width space */
		"Ali\xc2\xad" "baba",              /* U+00AD soft hyphen */
		"Ali\xe2\x80\x8c" "ba\xe2\x80\x8d" "ba", /* U+200C, U+200D */
		"\xe2\x81\xa0" "Alibaba",          /* U+2060 word joiner */
		"Alibaba\xef\xbb\xbf",             /* U+FEFF */
		"Ali\xe2\x80\xae" "baba",          /* U+202E */
		NULL };
	char *want = kn_actor_key("Alibaba"), *got;
	size_t i;

	(void)state;
	for (i = 0; same[i]; i++) {
		got = kn_actor_key(same[i]);
		assert_string_equal(got, want);
		free(got);
	}
	got = kn_actor_key("Ali \xe2\x80\x8b baba");
	assert_string_equal(got, "ali baba");
	free(got);
	got = kn_actor_key("\xe2\x80\x8b.");
	assert_string_equal(got, "");
	free(got);
	free(want);
}

static void iso_dates_must_exist(void **state)
{
	static const char *const ok[] = {
		"2026", "2026-06", "2026-06-30", "2028-02-29", "2000-02-29",
		"2026-12-31T23:59:59", "2026-06-24T21:36", "2026-06-24T21",
		"2026-06-24 21:36:05.123Z", "2026-06-24T21:36:05+05:30",
		"2026-06-24T21:36-0800", "2026-06-24T21:36+01", NULL
	};
	static const char *const range[] = {
		"2026-13", "2026-00", "2026-06-31", "2026-02-29", "1900-02-29",
		"2026-06-00", "2026-13-45T99:99", "2026-06-24T24:00",
		"2026-06-24T21:60", "2026-06-24T21:36:60",
		"2026-06-24T21:36+24:00", NULL
	};
	static const char *const shape[] = {
		"", "yesterday", "26-06-24", "2026-6-24", "2026-06-24T",
		"2026-06-24T2136", "2026-06-24T21:36.5", "2026-06-24T21:36:05.",
		"2026-06-24T21:36+05:", "2026-06-24T21:36Zx", "2026-06-24x21:36",
		NULL
	};
	size_t i;

	(void)state;
	for (i = 0; ok[i]; i++) {
		assert_int_equal(kn_iso_date_fault(ok[i]), KN_DATE_OK);
		assert_true(kn_is_iso_date(ok[i]));
	}
	for (i = 0; range[i]; i++) {
		assert_int_equal(kn_iso_date_fault(range[i]), KN_DATE_RANGE);
		assert_false(kn_is_iso_date(range[i]));
	}
	for (i = 0; shape[i]; i++)
		assert_int_equal(kn_iso_date_fault(shape[i]), KN_DATE_SHAPE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(actor_text_splits_trailing_note),
		cmocka_unit_test(derived_id_is_a_readable_slug),
		cmocka_unit_test(derived_id_cuts_at_a_word_boundary),
		cmocka_unit_test(finish_fills_ids_and_default_causes),
		cmocka_unit_test(finish_rejects_bad_causes),
		cmocka_unit_test(finish_requires_title_and_ranges),
		cmocka_unit_test(copy_is_deep),
		cmocka_unit_test(actor_keys_fold_case_space_and_punctuation),
		cmocka_unit_test(utf8_check_finds_bad_bytes),
		cmocka_unit_test(printable_escapes_terminal_controls),
		cmocka_unit_test(buf_detach_and_printf),
		cmocka_unit_test(finish_checks_long_chain_at_limit),
		cmocka_unit_test(finish_finds_duplicate_ids_by_hash),
		cmocka_unit_test(finish_limits_actors),
		cmocka_unit_test(actor_names_of_only_punctuation_are_refused),
		cmocka_unit_test(actor_keys_drop_invisible_characters),
		cmocka_unit_test(iso_dates_must_exist),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
