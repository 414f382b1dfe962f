/* Effect links in the corpus (docs/ripple.md): detection at ingest,
 * rescans when a name arrives later or leaves, aliases, the card's links
 * beating detections, rejections that survive re-ingest and rescans,
 * detection turned off, one batch, and the upgrade of a schema-1 corpus
 * (tests/data/ripple/corpus-v1.sqlite, made by the knockon before links). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "knockon/json.h"
#include "knockon/ripple.h"
#include "knockon/store.h"
#include "store_internal.h"
#include "schema.h"
#include "links.h"
#include "knockon/query.h"

static char dir[] = "/tmp/kn-test-links-XXXXXX";

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

static kn_store *open_fresh(const char *name)
{
	char path[256];
	kn_store *st = NULL;
	kn_error err;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	unlink(path);
	assert_int_equal(kn_store_open(path, 0, &st, &err), KN_OK);
	return st;
}

static void put(kn_store *st, const char *json)
{
	kn_signal s;
	kn_error err;
	kn_put p;

	kn_signal_init(&s);
	assert_int_equal(kn_signal_read_json(json, strlen(json), "t", 1, &s, &err),
			 KN_OK);
	assert_int_equal(kn_store_put(st, &s, &p, &err), KN_OK);
	kn_signal_release(&s);
}

/* The links as "signal:effect actor/provenance[/matched]" joined by
 * " | ", in the listing's order. */
static const char *links(kn_store *st, const char *actor, int rejected)
{
	static char out[8192];
	kn_link_list l;
	kn_error err;
	size_t i, n = 0;

	kn_link_list_init(&l);
	assert_int_equal(kn_links_list(st, actor, NULL, rejected, &l, &err), KN_OK);
	out[0] = '\0';
	for (i = 0; i < l.n; i++) {
		const kn_link *k = &l.items[i];

		n += (size_t)snprintf(out + n, sizeof out - n, "%s%s:%s %s/%s%s%s",
				      i ? " | " : "", k->signal, k->effect, k->actor,
				      k->detected ? "detected" : k->role == KN_EFFECT_WINNER
				      ? "winner" : k->role == KN_EFFECT_LOSER ? "loser"
				      : "named", k->matched ? "/" : "",
				      k->matched ? k->matched : "");
	}
	kn_link_list_release(&l);
	return out;
}

static long long count_links(kn_store *st)
{
	sqlite3_stmt *q;
	long long n = -1;

	assert_int_equal(sqlite3_prepare_v2(kn_store_db(st),
		"SELECT count(*) FROM effect_links", -1, &q, NULL), SQLITE_OK);
	if (sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return n;
}

static const char sig_a[] =
	"{\"id\": \"a\", \"title\": \"A\", \"published\": \"2026-01-01\","
	" \"effects\": [{\"id\": \"e1\", \"order\": 1, \"text\":"
	" \"Intelligence agencies and Intel's rivals; NVIDIA gains\"},"
	" {\"id\": \"e2\", \"order\": 2, \"text\": \"European automakers lose\"}]}";

static void detects_at_ingest_and_rescans_later(void **state)
{
	kn_store *st = open_fresh("later.db");

	(void)state;
	put(st, sig_a);
	assert_string_equal(links(st, NULL, 0), ""); /* no name known yet */
	put(st, "{\"id\": \"b\", \"title\": \"B\", \"published\": \"2026-02-01\","
		" \"losers\": [\"Intel\", \"European\"], \"winners\": [\"Nvidia\"]}");
	assert_string_equal(links(st, NULL, 0),
			    "a:e1 Intel/detected/Intel | a:e1 Nvidia/detected/NVIDIA"
			    " | a:e2 European/detected/European");
	/* a longer name arrives: it takes the place of the shorter one */
	put(st, "{\"id\": \"c\", \"title\": \"C\", \"losers\": [\"european automakers\"]}");
	assert_string_equal(links(st, "EUROPEAN AUTOMAKERS", 0),
			    "a:e2 european automakers/detected/European automakers");
	assert_string_equal(links(st, "European", 0), "");
	/* the only signal naming Intel stops naming it: its detections go */
	put(st, "{\"id\": \"b\", \"title\": \"B\", \"published\": \"2026-02-01\","
		" \"losers\": [\"European\"], \"winners\": [\"Nvidia\"]}");
	assert_string_equal(links(st, NULL, 0),
			    "a:e1 Nvidia/detected/NVIDIA"
			    " | a:e2 european automakers/detected/European automakers");
	kn_store_close(st);
}

static void aliases_relink(void **state)
{
	kn_store *st = open_fresh("alias.db");
	kn_error err;

	(void)state;
	put(st, "{\"id\": \"n\", \"title\": \"N\", \"losers\": [\"Nvidia\"],"
		" \"effects\": {\"direct\": [\"Team Green and Nvidia both slip\"]}}");
	assert_string_equal(links(st, NULL, 0), "n:e1 Nvidia/detected/Nvidia");
	assert_int_equal(kn_alias_add(st, "Team Green", "nvidia", &err), KN_OK);
	/* one actor, linked once: its first mention */
	assert_string_equal(links(st, NULL, 0), "n:e1 Nvidia/detected/Team Green");
	assert_string_equal(links(st, "team green", 0), links(st, "Nvidia", 0));
	assert_int_equal(kn_alias_remove(st, "Team Green", &err), KN_OK);
	assert_string_equal(links(st, NULL, 0), "n:e1 Nvidia/detected/Nvidia");
	kn_store_close(st);
}

static void card_links_beat_detection(void **state)
{
	kn_store *st = open_fresh("card.db");

	(void)state;
	put(st, "{\"id\": \"k\", \"title\": \"K\", \"losers\": [\"AMD\"], \"effects\":"
		" [{\"id\": \"e1\", \"order\": 1, \"text\": \"Intel gains, AMD and"
		" Arm too\", \"actors\": [{\"name\": \"intel\", \"role\": \"winner\"},"
		" \"Arm (licensing)\"]}]}");
	assert_string_equal(links(st, NULL, 0),
			    "k:e1 Arm/named | k:e1 intel/winner | k:e1 AMD/detected/AMD");
	kn_store_close(st);
}

static void rejections_stay(void **state)
{
	kn_store *st = open_fresh("reject.db");
	kn_error err;

	(void)state;
	put(st, sig_a);
	put(st, "{\"id\": \"b\", \"title\": \"B\", \"losers\": [\"Intel\", \"Nvidia\"]}");
	assert_int_equal(kn_link_reject(st, "a", "e1", "intel", &err), KN_OK);
	assert_int_equal(kn_link_reject(st, "a", "e1", "Intel", &err), KN_OK);
	assert_int_equal(kn_link_reject(st, "a", "e2", "Intel", &err), KN_ERR_NOTFOUND);
	assert_int_equal(kn_link_reject(st, "a", "e9", "Intel", &err), KN_ERR_NOTFOUND);
	assert_int_equal(kn_link_reject(st, "zz", "e1", "Intel", &err), KN_ERR_NOTFOUND);
	assert_string_equal(links(st, NULL, 1), "a:e1 Intel/detected/Intel");
	assert_string_equal(links(st, NULL, 0), "a:e1 Nvidia/detected/NVIDIA");
	/* ingested again, changed: still rejected */
	put(st, "{\"id\": \"a\", \"title\": \"A2\", \"effects\": [{\"id\": \"e1\","
		" \"order\": 1, \"text\": \"Now Intel and Nvidia\"}]}");
	assert_string_equal(links(st, NULL, 1), "a:e1 Intel/detected/Intel");
	assert_string_equal(links(st, NULL, 0), "a:e1 Nvidia/detected/Nvidia");
	/* a rescan (a new name) and a full scan leave it rejected */
	put(st, "{\"id\": \"c\", \"title\": \"C\", \"winners\": [\"Now\"]}");
	assert_int_equal(kn_links_detect(st, &err), KN_OK);
	assert_string_equal(links(st, NULL, 1), "a:e1 Intel/detected/Intel");
	assert_string_equal(links(st, NULL, 0),
			    "a:e1 Now/detected/Now | a:e1 Nvidia/detected/Nvidia");
	/* the card's own link cannot be rejected; restoring brings it back */
	assert_int_equal(kn_link_restore(st, "a", "e1", "Nvidia", &err),
			 KN_ERR_NOTFOUND);
	assert_int_equal(kn_link_restore(st, "a", "e1", "INTEL", &err), KN_OK);
	assert_string_equal(links(st, NULL, 1), "");
	assert_string_equal(links(st, "intel", 0), "a:e1 Intel/detected/Intel");
	put(st, "{\"id\": \"d\", \"title\": \"D\", \"effects\": [{\"order\": 1,"
		" \"text\": \"Intel\", \"actors\": [\"Intel\"]}]}");
	assert_int_equal(kn_link_reject(st, "d", "e1", "Intel", &err), KN_ERR_INVALID);
	kn_store_close(st);
}

static void detection_off_then_on(void **state)
{
	kn_store *st = open_fresh("off.db");
	kn_error err;

	(void)state;
	kn_store_set_detect(st, 0);
	put(st, "{\"id\": \"b\", \"title\": \"B\", \"losers\": [\"Intel\"]}");
	put(st, sig_a);
	put(st, "{\"id\": \"k\", \"title\": \"K\", \"effects\": [{\"order\": 1,"
		" \"text\": \"x\", \"actors\": [\"AMD\"]}]}");
	assert_string_equal(links(st, NULL, 0), "k:e1 AMD/named");
	assert_int_equal(kn_links_detect(st, &err), KN_OK);
	/* undated signals list last */
	assert_string_equal(links(st, NULL, 0),
			    "a:e1 Intel/detected/Intel | k:e1 AMD/named");
	kn_store_close(st);
}

/* In one batch, a signal that mentions a name stored before the signal
 * that names it: linked when the batch commits. */
static void one_batch(void **state)
{
	kn_store *st = open_fresh("batch.db");
	kn_error err;

	(void)state;
	assert_int_equal(kn_store_begin(st, &err), KN_OK);
	put(st, sig_a);
	put(st, "{\"id\": \"b\", \"title\": \"B\", \"losers\": [\"Intel\"]}");
	assert_int_equal(kn_store_commit(st, &err), KN_OK);
	assert_string_equal(links(st, NULL, 0), "a:e1 Intel/detected/Intel");
	/* a batch rolled back leaves nothing of its names behind */
	assert_int_equal(kn_store_begin(st, &err), KN_OK);
	put(st, "{\"id\": \"c\", \"title\": \"C\", \"losers\": [\"European automakers\"]}");
	kn_store_rollback(st);
	put(st, "{\"id\": \"d\", \"title\": \"D\", \"effects\": {\"direct\":"
		" [\"European automakers and Intel\"]}}");
	assert_string_equal(links(st, NULL, 0),
			    "a:e1 Intel/detected/Intel | d:e1 Intel/detected/Intel");
	kn_store_close(st);
}

/* Another process adds a name between two writes of this one: the names
 * are read again. */
static void two_writers(void **state)
{
	char path[256];
	kn_store *a = open_fresh("two.db"), *b = NULL;
	kn_error err;

	(void)state;
	snprintf(path, sizeof path, "%s/two.db", dir);
	put(a, "{\"id\": \"x\", \"title\": \"X\", \"losers\": [\"AMD\"]}");
	assert_int_equal(kn_store_open(path, 0, &b, &err), KN_OK);
	put(b, "{\"id\": \"y\", \"title\": \"Y\", \"losers\": [\"Intel\"]}");
	kn_store_close(b);
	put(a, "{\"id\": \"z\", \"title\": \"Z\", \"effects\": {\"direct\":"
	       " [\"Intel and AMD\"]}}");
	assert_string_equal(links(a, NULL, 0),
			    "z:e1 Intel/detected/Intel | z:e1 AMD/detected/AMD");
	kn_store_close(a);
}

/* What rm does around taking a signal out (links.h): the names only it
 * gave stop being found elsewhere. */
static void removal_hooks(void **state)
{
	static const char *const sql[] = {
		"DELETE FROM roles WHERE sid = (SELECT sid FROM signals WHERE id = 'b')",
		"DELETE FROM actors WHERE key = 'intel'",
		"DELETE FROM signals_fts WHERE rowid = (SELECT sid FROM signals WHERE id = 'b')",
		"DELETE FROM signals WHERE id = 'b'",
	};
	kn_store *st = open_fresh("rm.db");
	sqlite3_stmt *q;
	sqlite3_int64 sid;
	kn_error err;
	size_t i;

	(void)state;
	put(st, sig_a);
	put(st, "{\"id\": \"b\", \"title\": \"B\", \"losers\": [\"Intel\"],"
		" \"effects\": {\"direct\": [\"Intel\"]}}");
	assert_string_equal(links(st, NULL, 0),
			    "a:e1 Intel/detected/Intel | b:e1 Intel/detected/Intel");
	assert_int_equal(sqlite3_prepare_v2(kn_store_db(st),
		"SELECT sid FROM signals WHERE id = 'b'", -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	sid = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	assert_int_equal(kn_store_begin(st, &err), KN_OK);
	assert_int_equal(kn_links_before_rm(st, sid), 0);
	for (i = 0; i < sizeof sql / sizeof sql[0]; i++)
		assert_int_equal(sqlite3_exec(kn_store_db(st), sql[i], NULL, NULL,
					      NULL), SQLITE_OK);
	assert_int_equal(kn_links_after_rm(st), 0);
	assert_int_equal(kn_store_commit(st, &err), KN_OK);
	assert_string_equal(links(st, NULL, 0), "");
	assert_int_equal(count_links(st), 0);
	kn_store_close(st);
}

static void upgrades_a_schema_1_corpus(void **state)
{
	const char *src = getenv("KN_SOURCE_DIR");
	char from[512], to[512], cmd[1200];
	kn_store *st = NULL;
	kn_error err;
	kn_aliases al;
	long long n = 0;

	(void)state;
	assert_non_null(src);
	snprintf(from, sizeof from, "%s/tests/data/ripple/corpus-v1.sqlite", src);
	snprintf(to, sizeof to, "%s/v1.db", dir);
	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", from, to);
	assert_int_equal(system(cmd), 0);
	/* read only: it stays at schema 1 and has no links */
	assert_int_equal(kn_store_open(to, KN_STORE_READONLY, &st, &err), KN_OK);
	assert_int_equal(kn_schema_version(kn_store_db(st)), 1);
	assert_string_equal(links(st, NULL, 0), "");
	kn_store_close(st);
	assert_int_equal(kn_store_open(to, 0, &st, &err), KN_OK);
	assert_int_equal(kn_schema_version(kn_store_db(st)), KN_SCHEMA_VERSION);
	assert_string_equal(links(st, NULL, 0),
			    "r2:e1 Nvidia/detected/Team Green"
			    " | r1:e1 Nvidia/detected/Nvidia"
			    " | r1:e2 European automakers/detected/European automakers");
	/* and answers as before */
	assert_int_equal(kn_store_count(st, &n, &err), KN_OK);
	assert_int_equal(n, 2);
	kn_aliases_init(&al);
	assert_int_equal(kn_alias_list(st, &al, &err), KN_OK);
	assert_int_equal(al.n, 1);
	assert_string_equal(al.items[0].canonical, "Nvidia");
	kn_aliases_release(&al);
	kn_store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(detects_at_ingest_and_rescans_later),
		cmocka_unit_test(aliases_relink),
		cmocka_unit_test(card_links_beat_detection),
		cmocka_unit_test(rejections_stay),
		cmocka_unit_test(detection_off_then_on),
		cmocka_unit_test(one_batch),
		cmocka_unit_test(two_writers),
		cmocka_unit_test(removal_hooks),
		cmocka_unit_test(upgrades_a_schema_1_corpus),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
