/* The ripple maps through the public API (include/knockon/map.h): the
 * exposure view built from the corpus (strongest rows, what is left out),
 * the path view (kn_map_from_path), the effect -> actor links of
 * kn_map_load_links, and their errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "knockon/json.h"
#include "knockon/map.h"
#include "knockon/store.h"

static char dir[] = "/tmp/kn-test-map-ripple-XXXXXX";
static kn_store *st;
static kn_renderer *rr;

/* s1 reaches Nvidia as a loser (0.16), by e1 detected (0.08) and e2 by
 * the card (0.04); s2 by its e1 detected (0.0625). */
static const char *const cards[] = {
	"{\"id\": \"s1\", \"title\": \"One\", \"published\": \"2026-03-05\","
	" \"score\": 80, \"confidence\": 50, \"impact\": 40,"
	" \"losers\": [\"Nvidia\"], \"effects\": ["
	" {\"id\": \"e1\", \"order\": 1, \"text\": \"Nvidia falls\"},"
	" {\"id\": \"e2\", \"order\": 2, \"text\": \"chips\","
	"  \"actors\": [{\"name\": \"NVIDIA\", \"role\": \"winner\"}]}]}",
	"{\"id\": \"s2\", \"title\": \"Two\", \"published\": \"2026-01-20\","
	" \"winners\": [\"AMD\"], \"effects\": [{\"id\": \"e1\", \"order\": 1,"
	" \"text\": \"Nvidia loses share\"}]}",
	"{\"id\": \"s3\", \"title\": \"Three\", \"winners\": [\"Zed\"]}",
};

static int setup(void **state)
{
	char path[256];
	kn_error err;
	size_t i;

	(void)state;
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/x.db", dir);
	if (kn_store_open(path, 0, &st, &err) || kn_renderer_open(&rr, &err))
		return -1;
	for (i = 0; i < sizeof cards / sizeof cards[0]; i++) {
		kn_signal s;
		kn_put p;

		kn_signal_init(&s);
		if (kn_signal_read_json(cards[i], strlen(cards[i]), "t", 1, &s, &err) ||
		    kn_store_put(st, &s, &p, &err))
			return -1;
		kn_signal_release(&s);
	}
	return 0;
}

static int teardown(void **state)
{
	char cmd[300];

	(void)state;
	kn_renderer_close(rr);
	kn_store_close(st);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* The DOT of m drawn as view v (actor a), NUL-terminated; free() it. */
static char *dot_of(const kn_map *m, kn_view v, const char *a, int links)
{
	kn_map_options o;
	kn_buf b = KN_BUF_INIT;
	kn_error err;

	kn_map_options_init(&o);
	o.view = v;
	o.actor = a;
	o.links = links;
	o.format = KN_FORMAT_DOT;
	assert_int_equal(kn_map_render(rr, m, &o, &b, &err), KN_OK);
	return kn_buf_detach(&b, NULL);
}

static void views(void **state)
{
	kn_view v;

	(void)state;
	assert_int_equal(kn_view_parse("exposure", &v), 0);
	assert_int_equal(v, KN_VIEW_EXPOSURE);
	assert_int_equal(kn_view_parse("path", &v), 0);
	assert_string_equal(kn_view_name(KN_VIEW_PATH), "path");
	assert_string_equal(kn_view_name((kn_view)(KN_VIEW_PATH + 1)), "?");
}

static void exposure(void **state)
{
	kn_map *m = NULL;
	kn_filter f;
	kn_error err;
	char *d;

	(void)state;
	kn_filter_init(&f);
	assert_int_equal(kn_map_from_store(st, KN_VIEW_EXPOSURE, "nvidia", &f, &m,
					   &err), KN_OK);
	d = dot_of(m, KN_VIEW_EXPOSURE, "nvidia", 0);
	assert_non_null(strstr(d, "4 ways from 2 signals"));
	assert_non_null(strstr(d, "\"sig:s1\" -> \"act:nvidia\""));
	assert_non_null(strstr(d, "class=\"link card winner\""));
	assert_non_null(strstr(d, "class=\"link detected named\""));
	assert_non_null(strstr(d, "\"eff:s1:e1\" -> \"eff:s1:e2\""));
	assert_null(strstr(d, "more:rows"));
	assert_null(strstr(d, "sig:s3"));
	free(d);
	kn_map_close(m);
	/* the strongest two: s1's role (0.16) and e1 (0.08); 0.1025 left */
	f.limit = 2;
	assert_int_equal(kn_map_from_store(st, KN_VIEW_EXPOSURE, "Nvidia", &f, &m,
					   &err), KN_OK);
	d = dot_of(m, KN_VIEW_EXPOSURE, "Nvidia", 0);
	assert_non_null(strstr(d, "+2 more ways not drawn\\nweight 0.1025 of 0.3425"));
	assert_non_null(strstr(d, "the strongest 2 drawn"));
	assert_null(strstr(d, "sig:s2"));
	assert_null(strstr(d, "\"eff:s1:e2\""));
	free(d);
	kn_map_close(m);
	f.limit = 0;
	f.since = "2027";
	assert_int_equal(kn_map_from_store(st, KN_VIEW_EXPOSURE, "Nvidia", &f, &m,
					   &err), KN_ERR_NOTFOUND);
	assert_null(m);
	assert_int_equal(kn_map_from_store(st, KN_VIEW_EXPOSURE, "Nobody", NULL, &m,
					   &err), KN_ERR_NOTFOUND);
}

static void path(void **state)
{
	kn_map *m = NULL;
	kn_error err;
	char *d;

	(void)state;
	assert_int_equal(kn_map_from_store(st, KN_VIEW_PATH, "s1", NULL, &m, &err),
			 KN_ERR_USAGE);
	assert_int_equal(kn_map_from_path(st, "s3", "Nvidia", NULL, &m, &err),
			 KN_ERR_NOTFOUND);
	assert_null(m);
	assert_non_null(strstr(err.message, "no chain"));
	assert_int_equal(kn_map_from_path(st, "s1", "Nvidia", NULL, &m, &err), KN_OK);
	d = dot_of(m, KN_VIEW_PATH, NULL, 0);
	assert_non_null(strstr(d, "CARD 1\\n"));
	assert_non_null(strstr(d, "label=\"card 1\""));
	assert_non_null(strstr(d, "Paths from s1 to Nvidia"));
	free(d);
	kn_map_close(m);
}

static void links(void **state)
{
	kn_map *m = NULL;
	kn_error err;
	char *d;

	(void)state;
	assert_int_equal(kn_map_from_store(st, KN_VIEW_CORPUS, NULL, NULL, &m, &err),
			 KN_OK);
	d = dot_of(m, KN_VIEW_CORPUS, NULL, 1); /* nothing loaded: none drawn */
	assert_null(strstr(d, "class=\"link "));
	free(d);
	assert_int_equal(kn_map_load_links(m, st, NULL, &err), KN_OK);
	d = dot_of(m, KN_VIEW_CORPUS, NULL, 0); /* loaded, not asked for */
	assert_null(strstr(d, "class=\"link "));
	free(d);
	d = dot_of(m, KN_VIEW_CORPUS, NULL, 1);
	assert_non_null(strstr(d, "\"eff:s2:e1\" -> \"act:nvidia\""));
	assert_non_null(strstr(d, "\"eff:s1:e2\" -> \"act:nvidia\""));
	assert_non_null(strstr(d, "legend:links"));
	free(d);
	kn_map_close(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(views),
		cmocka_unit_test(exposure),
		cmocka_unit_test(path),
		cmocka_unit_test(links),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
