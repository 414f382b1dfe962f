/* Replays every fuzz regression input and the committed fuzz seeds through
 * the same checks the libFuzzer targets make (tests/fuzz/fuzz_*.c), so a
 * crash once found stays fixed in every build, with or without clang. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KN_FUZZ_NO_MAIN
#include "../fuzz/fuzz_json.c"
#include "../fuzz/fuzz_card.c"

typedef int (*fuzz_fn)(const uint8_t *data, size_t size);

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *data = NULL;
	long n;

	assert_non_null(fp);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	assert_true(n >= 0);
	rewind(fp);
	data = malloc((size_t)n + 1);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	*len = (size_t)n;
	return data;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Feeds every file in KN_SOURCE_DIR/<sub> to fn; returns how
 * many. The input is copied to an exact-size buffer so reads past its end
 * are caught by ASan or valgrind. */
static size_t replay(const char *sub, fuzz_fn fn)
{
	const char *src = getenv("KN_SOURCE_DIR");
	char dir[1024], path[2048];
	char *names[4096];
	size_t n = 0, i;
	struct dirent *e;
	DIR *d;

	snprintf(dir, sizeof dir, "%s/%s", src ? src : "../..", sub);
	d = opendir(dir);
	if (!d)
		return 0;
	while ((e = readdir(d)) != NULL && n < 4096)
		if (e->d_name[0] != '.')
			names[n++] = strdup(e->d_name);
	closedir(d);
	qsort(names, n, sizeof *names, by_name);
	for (i = 0; i < n; i++) {
		size_t len;
		char *data;
		uint8_t *exact;

		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		data = slurp(path, &len);
		exact = malloc(len ? len : 1);
		assert_non_null(exact);
		memcpy(exact, data, len);
		print_message("replay %s/%s\n", sub, names[i]);
		fn(exact, len);
		free(exact);
		free(data);
		free(names[i]);
	}
	return n;
}

static void test_json_regressions(void **state)
{
	(void)state;
	replay("tests/fuzz/regressions/json", kn_fuzz_json);
}

static void test_card_regressions(void **state)
{
	(void)state;
	replay("tests/fuzz/regressions/card", kn_fuzz_card);
}

/* The seeds: the committed corpus and the bad-input files, through both
 * targets (a card parser must survive JSON and the reader any card). */
static void test_seeds(void **state)
{
	(void)state;
	assert_true(replay("tests/fuzz/corpus/json", kn_fuzz_json) > 0);
	assert_true(replay("tests/fuzz/corpus/card", kn_fuzz_card) > 0);
	assert_true(replay("tests/data/bad", kn_fuzz_json) > 0);
	assert_true(replay("tests/data/bad", kn_fuzz_card) > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_regressions),
		cmocka_unit_test(test_card_regressions),
		cmocka_unit_test(test_seeds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
