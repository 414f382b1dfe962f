/* Exposure (src/lib/query/exposure.c): the arithmetic of the weights
 * (score × confidence × impact / 100^3 × decay^order, absent numbers as
 * 50), each role and effect counted once, aliases, rejected links left
 * out, the filters, the limit and the groups, against answers worked
 * out by hand. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "knockon/json.h"
#include "knockon/query.h"
#include "knockon/ripple.h"
#include "knockon/store.h"

#include "exposure_ways.h"
#include "query_internal.h"

static char dir[] = "/tmp/kn-test-exposure-XXXXXX";
static kn_store *st;

/* s1: 80 × 50 × 40 → 0.16 at order 0; s2: no numbers → 0.125. */
static const char *const cards[] = {
	"{\"id\": \"s1\", \"title\": \"One\", \"published\": \"2026-03-05\","
	" \"score\": 80, \"confidence\": 50, \"impact\": 40,"
	" \"losers\": [\"Nvidia\"], \"effects\": ["
	" {\"id\": \"e1\", \"order\": 1, \"text\": \"Nvidia falls\"},"
	" {\"id\": \"e2\", \"order\": 2, \"text\": \"chips\","
	"  \"actors\": [{\"name\": \"NVIDIA\", \"role\": \"winner\"}]},"
	" {\"id\": \"e3\", \"order\": 3, \"text\": \"Team Green recovers\"},"
	" {\"id\": \"e4\", \"order\": 3, \"text\": \"nothing here\"}]}",
	"{\"id\": \"s2\", \"title\": \"Two\", \"published\": \"2026-01-20\","
	" \"winners\": [\"Nvidia\"], \"losers\": [\"nvidia\", \"Team Green\"],"
	" \"effects\": [{\"id\": \"e1\", \"order\": 1, \"text\":"
	" \"NVIDIA and Team Green\"}]}",
	"{\"id\": \"s3\", \"title\": \"Three\", \"losers\": [\"AMD\"]}",
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
	if (kn_store_open(path, 0, &st, &err))
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
	return kn_alias_add(st, "Team Green", "Nvidia", &err) ? -1 : 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	kn_store_close(st);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd);
}

static void near(double got, double want)
{
	if (fabs(got - want) > 1e-12)
		fail_msg("got %.15g, want %.15g", got, want);
}

static void query(const char *actor, const kn_exposure_opts *o, kn_exposure *e)
{
	kn_error err;

	kn_exposure_init(e);
	assert_int_equal(kn_query_exposure(st, actor, o, e, &err), KN_OK);
}

static void rows_and_weights(void **state)
{
	static const struct {
		const char *signal, *effect, *role, *via;
		int order;
		double weight;
	} want[] = {
		{ "s1", NULL, "loser", "role", 0, 0.16 },
		{ "s1", "e1", "named", "detected", 1, 0.08 },
		{ "s1", "e2", "winner", "card", 2, 0.04 },
		{ "s1", "e3", "named", "detected", 3, 0.02 },
		/* s2 names it as both: one row per role; "nvidia" and "Team
		 * Green" are the same loser, and one effect names both */
		{ "s2", NULL, "loser", "role", 0, 0.125 },
		{ "s2", NULL, "winner", "role", 0, 0.125 },
		{ "s2", "e1", "named", "detected", 1, 0.0625 },
	};
	kn_exposure_opts o;
	kn_exposure e;
	size_t i;

	(void)state;
	kn_exposure_opts_init(&o);
	query("team green", &o, &e);
	assert_string_equal(e.actor, "Nvidia");
	assert_int_equal(e.n, sizeof want / sizeof want[0]);
	for (i = 0; i < e.n; i++) {
		assert_string_equal(e.rows[i].signal, want[i].signal);
		assert_int_equal(e.rows[i].order, want[i].order);
		assert_string_equal(e.rows[i].role, want[i].role);
		assert_string_equal(e.rows[i].via, want[i].via);
		if (want[i].effect)
			assert_string_equal(e.rows[i].effect, want[i].effect);
		else
			assert_null(e.rows[i].effect);
		near(e.rows[i].weight, want[i].weight);
	}
	near(e.exposure, 0.6125);
	kn_exposure_release(&e);
}

static void decay(void **state)
{
	kn_exposure_opts o;
	kn_exposure e;
	kn_error err;

	(void)state;
	kn_exposure_opts_init(&o);
	o.decay = 1;
	query("Nvidia", &o, &e);
	near(e.exposure, 4 * 0.16 + 3 * 0.125);
	kn_exposure_release(&e);
	o.decay = 0; /* the roles alone */
	query("Nvidia", &o, &e);
	near(e.exposure, 0.16 + 2 * 0.125);
	kn_exposure_release(&e);
	o.decay = 1.5;
	assert_int_equal(kn_query_exposure(st, "Nvidia", &o, &e, &err), KN_ERR_USAGE);
	o.decay = 0.5;
	assert_int_equal(kn_query_exposure(st, "Intel", &o, &e, &err), KN_ERR_NOTFOUND);
}

static void groups(void **state)
{
	kn_exposure_opts o;
	kn_exposure e;

	(void)state;
	kn_exposure_opts_init(&o);
	o.by = KN_EXPOSURE_BY_ORDER;
	query("Nvidia", &o, &e);
	assert_int_equal(e.n, 0);
	assert_int_equal(e.n_groups, 4);
	assert_int_equal(e.groups[0].order, 0);
	assert_int_equal(e.groups[0].rows, 3);
	near(e.groups[0].exposure, 0.41);
	assert_int_equal(e.groups[1].order, 1);
	near(e.groups[1].exposure, 0.1425);
	near(e.groups[2].exposure, 0.04);
	near(e.groups[3].exposure, 0.02);
	kn_exposure_release(&e);
	o.by = KN_EXPOSURE_BY_MONTH; /* oldest first */
	query("Nvidia", &o, &e);
	assert_int_equal(e.n_groups, 2);
	assert_string_equal(e.groups[0].key, "2026-01");
	near(e.groups[0].exposure, 0.3125);
	assert_string_equal(e.groups[1].key, "2026-03");
	near(e.groups[1].exposure, 0.3);
	kn_exposure_release(&e);
	o.by = KN_EXPOSURE_BY_SIGNAL; /* most exposure first */
	o.filter.limit = 1;
	query("Nvidia", &o, &e);
	assert_int_equal(e.n_groups, 1);
	assert_string_equal(e.groups[0].key, "s2");
	near(e.exposure, 0.6125); /* the limit lists fewer, all count */
	kn_exposure_release(&e);
}

static void filters_and_rejections(void **state)
{
	kn_exposure_opts o;
	kn_exposure e;
	kn_error err;

	(void)state;
	kn_exposure_opts_init(&o);
	o.filter.since = "2026-02";
	query("Nvidia", &o, &e);
	near(e.exposure, 0.30);
	assert_int_equal(e.n_all, 4);
	kn_exposure_release(&e);
	kn_exposure_opts_init(&o);
	o.filter.limit = 2;
	query("Nvidia", &o, &e);
	assert_int_equal(e.n, 2);
	assert_int_equal(e.n_all, 7);
	near(e.exposure, 0.6125);
	kn_exposure_release(&e);
	assert_int_equal(kn_link_reject(st, "s1", "e1", "Nvidia", &err), KN_OK);
	o.filter.limit = 0;
	query("Nvidia", &o, &e);
	near(e.exposure, 0.6125 - 0.08);
	kn_exposure_release(&e);
	assert_int_equal(kn_link_restore(st, "s1", "e1", "Nvidia", &err), KN_OK);
	query("AMD", &o, &e);
	near(e.exposure, 0.125);
	kn_exposure_release(&e);
}

/* The sum every total and group is (exposure_ways.h): integer bases per
 * order, each times decay^order; a one-way sum is that way's weight to
 * the bit, and the bases of one order are summed exactly. */
static void sums(void **state)
{
	const long long one[] = { 160000 };
	const long long orders[] = { 125000, 160000, 0, 200000 };
	const long long three[] = { 0, 3 * 150000 };

	(void)state;
	assert_true(kn_ripple_sum(one, 1, 0.5) == kn_ripple_weight(80, 50, 40, 0, 0.5));
	/* 0.125 + 0.08 + 0.025, decay 0.5 */
	assert_true(kn_ripple_sum(orders, 4, 0.5) ==
		    (0.125 + 0.16 * 0.5) + 0.2 * 0.5 * 0.5 * 0.5);
	assert_true(kn_ripple_sum(orders, 4, 0) == 0.125);
	/* three ways of 60 x 50 x 50 at order 1: 0.45 x 0.5 */
	assert_true(kn_ripple_sum(three, 2, 0.5) == 0.45 * 0.5);
	assert_true(kn_ripple_sum(three, 0, 0.5) == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rows_and_weights),
		cmocka_unit_test(decay),
		cmocka_unit_test(groups),
		cmocka_unit_test(filters_and_rejections),
		cmocka_unit_test(sums),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
