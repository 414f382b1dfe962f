/* Detection of known actor names in effect text (src/lib/store/detect.c):
 * word boundaries, longest match, case and the corpus's folding,
 * possessives, invisible characters, removal, and the limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "detect.h"
#include "kn_text.h"

/* Adds each name (keyed as the corpus keys it) to d. */
static void add_names(kn_dict *d, const char *const *names)
{
	for (; *names; names++) {
		char *key = kn_actor_key(*names);

		assert_non_null(key);
		assert_int_equal(kn_dict_add(d, key, *names, NULL), 1);
		free(key);
	}
}

/* What scanning text finds, as "name@off+len" joined by '|'. */
static char *scan(const kn_dict *d, const char *text)
{
	static char out[4096];
	kn_founds f = { NULL, 0, 0 };
	size_t i, n = 0;

	assert_int_equal(kn_dict_scan(d, text, strlen(text), &f), KN_OK);
	out[0] = '\0';
	for (i = 0; i < f.n; i++)
		n += (size_t)snprintf(out + n, sizeof out - n, "%s%s@%zu+%zu",
				      i ? "|" : "", f.items[i].name,
				      f.items[i].off, f.items[i].len);
	kn_founds_release(&f);
	return out;
}

static void test_word_boundaries(void **state)
{
	static const char *const names[] = { "Intel", "AI", NULL };
	kn_dict *d = kn_dict_new();

	(void)state;
	add_names(d, names);
	assert_string_equal(scan(d, "Artificial Intelligence at Intelsat"), "");
	assert_string_equal(scan(d, "Intel gains; AIs and AI-chips, not AIDS"),
			    "Intel@0+5|AI@21+2");
	assert_string_equal(scan(d, "(Intel)"), "Intel@1+5");
	assert_string_equal(scan(d, "Intel2 and 2Intel"), "");
	kn_dict_free(d);
}

static void test_longest_first(void **state)
{
	static const char *const names[] = { "European", "European automakers",
		"Bank", "Bank of America", "New York Times", "Times Square", NULL };
	kn_dict *d = kn_dict_new();

	(void)state;
	add_names(d, names);
	assert_string_equal(scan(d, "European automakers lose to European rivals"),
			    "European automakers@0+19|European@28+8");
	assert_string_equal(scan(d, "Bank of America and Bank of England"),
			    "Bank of America@0+15|Bank@20+4");
	/* a prefix of a name alone is no name */
	assert_string_equal(scan(d, "the New York Post"), "");
	/* never a second name overlapping the one found */
	assert_string_equal(scan(d, "New York Times Square"), "New York Times@0+14");
	assert_int_equal(kn_dict_remove(d, "european automakers"), 1);
	assert_string_equal(scan(d, "European automakers"), "European@0+8");
	assert_int_equal(kn_dict_remove(d, "european automakers"), 0);
	assert_int_equal(kn_dict_size(d), 5);
	kn_dict_free(d);
}

static void test_case_and_folding(void **state)
{
	static const char *const names[] = { "Nvidia", "Électricité de France",
		"Газпром", "U.S.", "Rolls-Royce", "AT&T", NULL };
	kn_dict *d = kn_dict_new();

	(void)state;
	add_names(d, names);
	assert_string_equal(scan(d, "NVIDIA and nvidia"), "Nvidia@0+6|Nvidia@11+6");
	/* case folds, accents stay as the corpus keys them */
	assert_string_equal(scan(d, "ÉLECTRICITÉ DE FRANCE"),
			    "Électricité de France@0+23");
	assert_string_equal(scan(d, "Electricite de France"), "");
	assert_string_equal(scan(d, "ГАЗПРОМ"), "Газпром@0+14");
	/* white space runs fold to one space, typographic dashes to '-' */
	assert_string_equal(scan(d, "Electricit\xc3\xa9   de\nFrance"), "");
	assert_string_equal(scan(d, "\xc3\x89lectricit\xc3\xa9   de\nFrance"),
			    "Électricité de France@0+25");
	assert_string_equal(scan(d, "Rolls\xe2\x80\x93Royce, not Rolls Royce"),
			    "Rolls-Royce@0+13");
	assert_string_equal(scan(d, "U.S. firms and AT&T"), "U.S.@0+3|AT&T@15+4");
	kn_dict_free(d);
}

static void test_possessives_and_invisibles(void **state)
{
	static const char *const names[] = { "Nvidia", "European automakers",
		"Alibaba", "McDonald's", NULL };
	kn_dict *d = kn_dict_new();

	(void)state;
	add_names(d, names);
	assert_string_equal(scan(d, "Nvidia's margins"), "Nvidia@0+6");
	assert_string_equal(scan(d, "Nvidia\xe2\x80\x99s margins"), "Nvidia@0+6");
	assert_string_equal(scan(d, "European automakers' margins"),
			    "European automakers@0+19");
	assert_string_equal(scan(d, "McDonald\xe2\x80\x99s and McDonald"),
			    "McDonald's@0+12");
	/* a zero-width space inside a word does not hide the name */
	assert_string_equal(scan(d, "Ali\xe2\x80\x8b" "baba sues"), "Alibaba@0+10");
	kn_dict_free(d);
}

static void test_keys_that_cannot_match(void **state)
{
	kn_dict *d = kn_dict_new();
	char name[256] = "";
	int i;

	(void)state;
	assert_int_equal(kn_dict_add(d, "c++", "C++", NULL), 0);
	assert_int_equal(kn_dict_add(d, "(the firm)", "(the firm)", NULL), 0);
	for (i = 0; i < KN_DETECT_MAX_WORDS; i++)
		strcat(name, i ? " w" : "w");
	assert_int_equal(kn_dict_add(d, name, name, NULL), 1);
	strcat(name, " w");
	assert_int_equal(kn_dict_add(d, name, name, NULL), 0);
	assert_int_equal(kn_dict_add(d, "w", "W", NULL), 1);
	assert_int_equal(kn_dict_add(d, "w", "W again", NULL), 0);
	assert_int_equal(kn_dict_size(d), 2);
	assert_string_equal(scan(d, "C++ and w"), "W@8+1");
	kn_dict_free(d);
}

static void test_canonical(void **state)
{
	kn_dict *d = kn_dict_new();
	kn_founds f = { NULL, 0, 0 };

	(void)state;
	assert_int_equal(kn_dict_add(d, "team green", "Team Green", "nvidia"), 1);
	assert_int_equal(kn_dict_add(d, "nvidia", "Nvidia", NULL), 1);
	assert_string_equal(kn_dict_canonical(d, "team green"), "nvidia");
	assert_string_equal(kn_dict_canonical(d, "nvidia"), "nvidia");
	assert_null(kn_dict_canonical(d, "team"));
	assert_int_equal(kn_dict_has(d, "team"), 0);
	assert_int_equal(kn_dict_scan(d, "Team Green", 10, &f), KN_OK);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.items[0].canonical, "nvidia");
	assert_string_equal(f.items[0].key, "team green");
	kn_founds_release(&f);
	kn_dict_free(d);
}

/* Many names and a long text: every name found, the table grown and
 * shrunk through removals and tombstones. */
static void test_many(void **state)
{
	kn_dict *d = kn_dict_new();
	kn_founds f = { NULL, 0, 0 };
	char key[64], *text;
	size_t i, n = 20000, len = 0;

	(void)state;
	text = malloc(n * 24);
	assert_non_null(text);
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof key, "actor%zu group", i);
		assert_int_equal(kn_dict_add(d, key, key, NULL), 1);
		len += (size_t)sprintf(text + len, "Actor%zu Group, ", i);
	}
	for (i = 0; i < n; i += 2) {
		snprintf(key, sizeof key, "actor%zu group", i);
		assert_int_equal(kn_dict_remove(d, key), 1);
	}
	assert_int_equal(kn_dict_size(d), n / 2);
	assert_int_equal(kn_dict_scan(d, text, len, &f), KN_OK);
	assert_int_equal(f.n, n / 2);
	assert_string_equal(f.items[0].key, "actor1 group");
	kn_founds_release(&f);
	free(text);
	kn_dict_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_word_boundaries),
		cmocka_unit_test(test_longest_first),
		cmocka_unit_test(test_case_and_folding),
		cmocka_unit_test(test_possessives_and_invisibles),
		cmocka_unit_test(test_keys_that_cannot_match),
		cmocka_unit_test(test_canonical),
		cmocka_unit_test(test_many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
