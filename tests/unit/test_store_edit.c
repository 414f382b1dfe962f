/* Editing the corpus through the library: ids by prefix, actors by name,
 * removing signals (all or nothing), checking and repairing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "knockon/json.h"
#include "knockon/store.h"
#include "store_internal.h"

static char dir[] = "/tmp/kn-test-store-edit-XXXXXX";

static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd);
}

/* A corpus holding the signals of the NDJSON lines. */
static kn_store *corpus(const char *name, const char *const *lines, size_t n)
{
	char path[256];
	kn_store *st = NULL;
	kn_error err;
	kn_signal s;
	kn_put put;
	size_t i;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	assert_int_equal(kn_store_open(path, 0, &st, &err), KN_OK);
	for (i = 0; i < n; i++) {
		kn_signal_init(&s);
		assert_int_equal(kn_signal_read_json(lines[i], strlen(lines[i]), "t",
						     1, &s, &err), KN_OK);
		assert_int_equal(kn_store_put(st, &s, &put, &err), KN_OK);
		kn_signal_release(&s);
	}
	return st;
}

static long long count(kn_store *st, const char *sql)
{
	sqlite3_stmt *s;
	long long n = -1;

	assert_int_equal(sqlite3_prepare_v2(kn_store_db(st), sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

static void resolve_prefers_exact_and_counts_the_ambiguous(void **state)
{
	char lines[14][80];
	const char *v[14];
	kn_store *st;
	kn_lookup l;
	kn_error err;
	size_t i;

	(void)state;
	for (i = 0; i < 14; i++) {
		snprintf(lines[i], sizeof lines[i], "{\"id\": \"s%zu\", \"title\": \"T\"}", i);
		v[i] = lines[i];
	}
	st = corpus("ids.db", v, 14);
	kn_lookup_init(&l);
	assert_int_equal(kn_store_resolve_id(st, "s1", &l, &err), KN_OK);
	assert_string_equal(l.found, "s1"); /* not s10..s13 */
	assert_int_equal(kn_store_resolve_id(st, "s", &l, &err), KN_ERR_USAGE);
	assert_null(l.found);
	assert_int_equal(l.n, KN_LOOKUP_SHOWN);
	assert_int_equal(l.more, 14 - KN_LOOKUP_SHOWN);
	assert_string_equal(l.near[0], "s0");
	assert_non_null(strstr(err.message, "14 signals"));
	assert_int_equal(kn_store_resolve_id(st, "s1", &l, &err), KN_OK);
	assert_int_equal(l.n, 0); /* released before the next lookup */
	assert_int_equal(kn_store_resolve_id(st, "s12x", &l, &err), KN_ERR_NOTFOUND);
	assert_true(l.n >= 1);
	assert_string_equal(l.near[0], "s12");
	assert_int_equal(kn_store_resolve_id(st, "\xff\xff", &l, &err), KN_ERR_NOTFOUND);
	assert_int_equal(kn_store_resolve_id(st, "", &l, &err), KN_ERR_NOTFOUND);
	kn_lookup_release(&l);
	kn_store_close(st);
}

static void find_actor_knows_actors_and_aliases(void **state)
{
	const char *v[] = { "{\"id\": \"a\", \"title\": \"T\", \"losers\": [\"Acme Corp\"]}" };
	kn_store *st = corpus("actors.db", v, 1);
	kn_lookup l;
	kn_error err;

	(void)state;
	kn_lookup_init(&l);
	assert_int_equal(kn_store_find_actor(st, "ACME  corp.", &l, &err), KN_OK);
	assert_string_equal(l.found, "Acme Corp");
	assert_int_equal(kn_store_find_actor(st, "Acme Crop", &l, &err), KN_ERR_NOTFOUND);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.near[0], "Acme Corp");
	assert_int_equal(kn_store_find_actor(st, "...", &l, &err), KN_ERR_INVALID);
	assert_int_equal(kn_alias_add(st, "Initech", "Globex", &err), KN_OK);
	assert_int_equal(kn_store_find_actor(st, "initech", &l, &err), KN_OK);
	assert_int_equal(kn_store_find_actor(st, "GLOBEX", &l, &err), KN_OK);
	assert_string_equal(l.found, "Globex");
	kn_lookup_release(&l);
	kn_store_close(st);
}

static void remove_is_all_or_nothing(void **state)
{
	const char *v[] = {
		"{\"id\": \"a\", \"title\": \"T\", \"losers\": [\"X\", \"Y\"],"
		" \"effects\": {\"direct\": [\"e\"], \"second\": [\"f\"]}}",
		"{\"id\": \"b\", \"title\": \"U\", \"losers\": [\"x\"]}",
	};
	const char *bad[] = { "a", "nope" }, *good[] = { "a", "a" };
	kn_store *st = corpus("rm.db", v, 2);
	kn_remove_stats rs;
	kn_check_stats cs;
	kn_error err;

	(void)state;
	assert_int_equal(kn_store_remove(st, bad, 2, 0, NULL, NULL, &rs, &err),
			 KN_ERR_NOTFOUND);
	assert_non_null(strstr(err.message, "\"nope\""));
	assert_int_equal(rs.signals, 0);
	assert_int_equal(count(st, "SELECT count(*) FROM signals"), 2);
	assert_int_equal(kn_store_remove(st, good, 2, 1, NULL, NULL, &rs, &err), KN_OK);
	assert_int_equal(rs.signals, 1);
	assert_int_equal(rs.effects, 2);
	assert_int_equal(rs.causes, 1);
	assert_int_equal(rs.actors, 1); /* Y; X stays, named by b */
	assert_int_equal(count(st, "SELECT count(*) FROM effects"), 2); /* dry run */
	assert_int_equal(kn_store_remove(st, good, 2, 0, NULL, NULL, &rs, &err), KN_OK);
	assert_int_equal(count(st, "SELECT count(*) FROM effects"), 0);
	assert_int_equal(count(st, "SELECT count(*) FROM signals_fts"), 1);
	assert_int_equal(count(st, "SELECT n FROM role_counts"), 1);
	/* X keeps the spelling of b, its earliest signal now */
	assert_int_equal(count(st, "SELECT count(*) FROM actors WHERE name = 'x'"), 1);
	assert_int_equal(kn_store_check(st, 0, NULL, NULL, &cs, &err), KN_OK);
	assert_int_equal(cs.signals, 1);
	assert_int_equal(cs.problems, 0);
	assert_int_equal(kn_store_begin(st, &err), KN_OK);
	assert_int_equal(kn_store_remove(st, good, 1, 0, NULL, NULL, &rs, &err),
			 KN_ERR_USAGE);
	kn_store_rollback(st);
	kn_store_close(st);
}

static void check_repairs_what_it_reports(void **state)
{
	const char *v[] = {
		"{\"id\": \"a\", \"title\": \"T\", \"losers\": [\"X\"]}",
		"{\"id\": \"b\", \"title\": \"U\", \"losers\": [\"x\", \"Z\"]}",
	};
	kn_store *st = corpus("check.db", v, 2);
	kn_check_stats cs;
	kn_error err;

	(void)state;
	assert_int_equal(sqlite3_exec(kn_store_db(st),
				      "DELETE FROM signals WHERE id = 'a';"
				      "UPDATE role_counts SET n = 7 WHERE aid = (SELECT aid"
				      " FROM actors WHERE key = 'z')", NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(kn_store_check(st, 0, NULL, NULL, &cs, &err), KN_OK);
	/* a's rows, X's spelling (now b's "x"), Z's count */
	assert_int_equal(cs.problems, 3);
	assert_int_equal(cs.repaired, 0);
	assert_int_equal(kn_store_check(st, 1, NULL, NULL, &cs, &err), KN_OK);
	assert_int_equal(cs.repaired, cs.problems);
	assert_int_equal(kn_store_check(st, 0, NULL, NULL, &cs, &err), KN_OK);
	assert_int_equal(cs.problems, 0);
	assert_int_equal(count(st, "SELECT count(*) FROM actors WHERE name = 'x'"), 1);
	assert_int_equal(count(st, "SELECT sum(n) FROM role_counts"), 2);
	kn_store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(resolve_prefers_exact_and_counts_the_ambiguous),
		cmocka_unit_test(find_actor_knows_actors_and_aliases),
		cmocka_unit_test(remove_is_all_or_nothing),
		cmocka_unit_test(check_repairs_what_it_reports),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
