/* The CLI's "did you mean" (src/cli/cli_suggest.c, compiled in here: the
 * CLI is not part of the library): the optimal string alignment distance,
 * its cap, and which names are suggested for a slip. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../src/cli/cli_suggest.c"

static unsigned dist(const char *a, const char *b)
{
	return cli_edit_distance(a, strlen(a), b, strlen(b));
}

static void distance_is_osa(void **state)
{
	(void)state;
	assert_int_equal(dist("list", "list"), 0);
	assert_int_equal(dist("", "list"), 4);
	assert_int_equal(dist("list", ""), 4);
	assert_int_equal(dist("lsit", "list"), 1);   /* a swap is one edit */
	assert_int_equal(dist("veiw", "view"), 1);
	assert_int_equal(dist("sinse", "since"), 1); /* a substitution */
	assert_int_equal(dist("rendr", "render"), 1); /* an insertion */
	assert_int_equal(dist("losers", "loser"), 1); /* a deletion */
	assert_int_equal(dist("LiSt", "list"), 0);    /* ASCII case ignored */
	assert_int_equal(dist("kitten", "sitting"), 3);
	/* optimal string alignment, not full Damerau: "ca" -> "abc" is 3 */
	assert_int_equal(dist("ca", "abc"), 3);
}

static void long_words_are_not_compared(void **state)
{
	char word[CLI_SUGGEST_MAX + 2];

	(void)state;
	memset(word, 'a', sizeof word - 1);
	word[sizeof word - 1] = '\0';
	assert_int_equal(cli_edit_distance(word, CLI_SUGGEST_MAX, word,
					   CLI_SUGGEST_MAX), 0);
	assert_int_equal(cli_edit_distance(word, CLI_SUGGEST_MAX + 1, "a", 1),
			 (unsigned)-1);
}

static const char *const names[] = { "parse", "ingest", "list", "show",
	"render", "losers", "winners", "actors", "search", "alias", "report",
	"version", "help" };

/* The suggestion for word, as cli_suggest_put writes it. */
static char *suggest(const char *word, char *out, size_t n)
{
	cli_suggest s;
	kn_buf b = KN_BUF_INIT;
	size_t i;

	cli_suggest_init(&s, word, strlen(word));
	for (i = 0; i < sizeof names / sizeof *names; i++)
		cli_suggest_consider(&s, names[i]);
	cli_suggest_put(&s, &b, "", '\'');
	snprintf(out, n, "%s", kn_buf_cstr(&b));
	kn_buf_release(&b);
	return out;
}

static void suggests_the_nearest(void **state)
{
	char got[256];

	(void)state;
	assert_string_equal(suggest("lsit", got, sizeof got), "; did you mean 'list'?");
	assert_string_equal(suggest("loser", got, sizeof got), "; did you mean 'losers'?");
	assert_string_equal(suggest("li", got, sizeof got), "; did you mean 'list'?");
	/* a start shared by two, in table order */
	assert_string_equal(suggest("re", got, sizeof got),
			    "; did you mean 'render' or 'report'?");
	/* nearer beats farther: "sho" is a start of show only */
	assert_string_equal(suggest("sho", got, sizeof got), "; did you mean 'show'?");
	assert_string_equal(suggest("nosuch", got, sizeof got), "");
	assert_string_equal(suggest("x", got, sizeof got), "");
	assert_string_equal(suggest("", got, sizeof got), "");
	/* short words allow one edit only */
	assert_string_equal(suggest("lsot", got, sizeof got), "");
}

static void at_most_three_names(void **state)
{
	static const char *const many[] = { "aa1", "aa2", "aa3", "aa4" };
	cli_suggest s;
	size_t i;

	(void)state;
	cli_suggest_init(&s, "aa", 2);
	for (i = 0; i < 4; i++)
		cli_suggest_consider(&s, many[i]);
	assert_int_equal(s.n, CLI_SUGGEST_HITS);
	cli_suggest_consider(&s, "aa1"); /* no name twice */
	assert_int_equal(s.n, CLI_SUGGEST_HITS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(distance_is_osa),
		cmocka_unit_test(long_words_are_not_compared),
		cmocka_unit_test(suggests_the_nearest),
		cmocka_unit_test(at_most_three_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
