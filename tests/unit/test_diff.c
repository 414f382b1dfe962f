/* What changed, on answers known by hand: the calendar (kn_date.h), the
 * window arithmetic (month ends, leap days, weeks, quarters), every diff
 * status on a dated corpus, and trend periods (ISO weeks across a year
 * end, empty periods kept, aliases). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "kn_date.h"
#include "knockon/buf.h"
#include "knockon/json.h"
#include "knockon/query.h"
#include "knockon/store.h"

static char dir[] = "/tmp/kn-test-diff-XXXXXX";
static kn_store *st;

/* February 2026 is the window before, March the window after (1m, asof
 * 2026-03-31).  Losers: Acme 0 -> 2 (new; "ACME Corp" is its alias and
 * s05 names both), Globex 2 -> 0 (gone), Initech 1 -> 3 (rising),
 * Umbrella 3 -> 1 (fading), Hooli 2 -> 2 (steady).  Winners: Acme 1 -> 1,
 * Initech 1 -> 0.  Oldco and Newco fall outside; s09 is undated. */
static const char *const corpus[] = {
	"{\"id\":\"s01\",\"published\":\"2026-02-01\",\"title\":\"one\","
	"\"losers\":[\"Globex\",\"Initech\",\"Umbrella\",\"Hooli\"],\"winners\":[\"Acme\"]}",
	"{\"id\":\"s02\",\"published\":\"2026-02-14\",\"title\":\"two\","
	"\"losers\":[\"Globex\",\"Umbrella\",\"Hooli\"]}",
	"{\"id\":\"s03\",\"published\":\"2026-02-28T23:59:00\",\"title\":\"three\","
	"\"losers\":[\"Umbrella\"],\"winners\":[\"Initech\"]}",
	"{\"id\":\"s04\",\"published\":\"2026-03-01T00:00:00\",\"title\":\"four\","
	"\"losers\":[\"Acme\",\"Initech\",\"Hooli\"],\"winners\":[\"Acme\"]}",
	"{\"id\":\"s05\",\"published\":\"2026-03-15\",\"title\":\"five\","
	"\"losers\":[\"ACME Corp\",\"Acme\",\"Initech\",\"Umbrella\"]}",
	"{\"id\":\"s06\",\"published\":\"2026-03-31T23:59:00\",\"title\":\"six\","
	"\"losers\":[\"Initech\",\"Hooli\"]}",
	"{\"id\":\"s07\",\"published\":\"2026-01-31\",\"title\":\"seven\","
	"\"losers\":[\"Oldco\"]}",
	"{\"id\":\"s08\",\"published\":\"2026-04-01\",\"title\":\"eight\","
	"\"losers\":[\"Newco\"]}",
	"{\"id\":\"s09\",\"title\":\"nine\",\"losers\":[\"Acme\"]}",
};

static void put_json(const char *text)
{
	kn_signal s;
	kn_error err;
	kn_put r;

	kn_signal_init(&s);
	assert_int_equal(kn_signal_read_json(text, strlen(text), "t", 1, &s, &err), KN_OK);
	assert_int_equal(kn_store_put(st, &s, &r, &err), KN_OK);
	kn_signal_release(&s);
}

static int setup(void **state)
{
	char path[256];
	kn_error err;
	size_t i;

	(void)state;
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/d.db", dir);
	if (kn_store_open(path, 0, &st, &err))
		return -1;
	for (i = 0; i < sizeof corpus / sizeof corpus[0]; i++)
		put_json(corpus[i]);
	return kn_alias_add(st, "ACME Corp", "Acme", &err) == KN_OK ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	kn_store_close(st);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd);
}

static const char *code(kn_status s)
{
	return s == KN_ERR_USAGE ? "usage" : s == KN_ERR_NOTFOUND ? "notfound" : "other";
}

/* ---- the calendar ---- */

static const char *day(long d)
{
	static char out[11];

	kn_day_format(d, out);
	return out;
}

static void test_days(void **state)
{
	int y, m, d, w;
	long k;

	(void)state;
	assert_int_equal(kn_day_of(1970, 1, 1), 0);
	assert_int_equal(kn_day_of(2000, 3, 1), 11017);
	assert_int_equal(kn_day_of(2024, 2, 29), 19782);
	assert_int_equal(kn_day_of(0, 1, 1), KN_DAY_MIN);
	assert_int_equal(kn_day_of(9999, 12, 31), KN_DAY_MAX);
	/* every day of 0000 to 9999 goes there and back */
	for (k = KN_DAY_MIN; k <= KN_DAY_MAX; k++) {
		kn_day_civil(k, &y, &m, &d);
		if (kn_day_of(y, m, d) != k || d > kn_days_in_month(y, m))
			fail_msg("day %ld: %d-%d-%d", k, y, m, d);
	}
	assert_int_equal(kn_days_in_month(1900, 2), 28);
	assert_int_equal(kn_days_in_month(2000, 2), 29);
	assert_int_equal(kn_days_in_month(2024, 2), 29);
	assert_int_equal(kn_day_weekday(kn_day_of(2026, 6, 24)), 3); /* a Wednesday */
	/* ISO weeks: the week of the Thursday's year */
	kn_day_iso_week(kn_day_of(2026, 1, 1), &y, &w);
	assert_true(y == 2026 && w == 1);
	kn_day_iso_week(kn_day_of(2025, 12, 29), &y, &w);
	assert_true(y == 2026 && w == 1);
	kn_day_iso_week(kn_day_of(2027, 1, 3), &y, &w);
	assert_true(y == 2026 && w == 53);
	kn_day_iso_week(kn_day_of(2021, 1, 3), &y, &w);
	assert_true(y == 2020 && w == 53);
	kn_day_iso_week(kn_day_of(2024, 12, 30), &y, &w);
	assert_true(y == 2025 && w == 1);
}

static void test_months(void **state)
{
	long a, b;

	(void)state;
	assert_string_equal(day(kn_day_add_months(kn_day_of(2026, 3, 31), -1)), "2026-02-28");
	/* a month's last day stays a month's last day */
	assert_string_equal(day(kn_day_add_months(kn_day_of(2026, 2, 28), -1)), "2026-01-31");
	assert_string_equal(day(kn_day_add_months(kn_day_of(2026, 3, 30), -1)), "2026-02-28");
	assert_string_equal(day(kn_day_add_months(kn_day_of(2026, 1, 15), -1)), "2025-12-15");
	assert_string_equal(day(kn_day_add_months(kn_day_of(2024, 2, 29), -12)), "2023-02-28");
	assert_string_equal(day(kn_day_add_months(kn_day_of(2024, 2, 29), 12)), "2025-02-28");
	assert_string_equal(day(kn_day_add_months(kn_day_of(2023, 2, 28), 12)), "2024-02-29");
	assert_string_equal(day(kn_day_add_months(kn_day_of(2024, 3, 29), -1)), "2024-02-29");
	assert_string_equal(day(kn_day_add_months(kn_day_of(2026, 1, 31), -13)), "2024-12-31");
	assert_int_equal(kn_date_span("2026", &a, &b), 0);
	assert_true(a == kn_day_of(2026, 1, 1) && b == kn_day_of(2026, 12, 31));
	assert_int_equal(kn_date_span("2024-02", &a, &b), 0);
	assert_true(a == kn_day_of(2024, 2, 1) && b == kn_day_of(2024, 2, 29));
	assert_int_equal(kn_date_span("2026-06-24T21:36:00+02:00", &a, &b), 0);
	assert_true(a == b && a == kn_day_of(2026, 6, 24));
	assert_int_equal(kn_date_span("2026-02-30", &a, &b), -1);
	assert_int_equal(kn_date_span("yesterday", &a, &b), -1);
}

/* ---- the windows ---- */

static const char *windows(const char *size, const char *asof)
{
	static char out[128];
	kn_window_size w;
	kn_diff_windows dw;
	kn_error err;

	assert_int_equal(kn_window_size_parse(size, &w), 0);
	if (kn_diff_windows_set(&w, asof, &dw, &err) != KN_OK) {
		snprintf(out, sizeof out, "error %s", code(err.code));
		return out;
	}
	snprintf(out, sizeof out, "%s..%s %s..%s", dw.before_from, dw.before_to,
		 dw.after_from, dw.after_to);
	return out;
}

static void test_windows(void **state)
{
	kn_window_size w;

	(void)state;
	/* days and weeks: whole days back from asof, leap days counted */
	assert_string_equal(windows("30d", "2026-03-31"), "2026-01-31..2026-03-01 2026-03-02..2026-03-31");
	assert_string_equal(windows("30d", "2024-03-01"), "2024-01-02..2024-01-31 2024-02-01..2024-03-01");
	assert_string_equal(windows("4w", "2024-03-10"), "2024-01-15..2024-02-11 2024-02-12..2024-03-10");
	assert_string_equal(windows("1d", "2026-01-01"), "2025-12-31..2025-12-31 2026-01-01..2026-01-01");
	/* calendar months back from asof; month ends stay month ends */
	assert_string_equal(windows("1m", "2026-03-31"), "2026-02-01..2026-02-28 2026-03-01..2026-03-31");
	assert_string_equal(windows("1m", "2026-03-30"), "2026-01-31..2026-02-28 2026-03-01..2026-03-30");
	assert_string_equal(windows("1m", "2026-03-15"), "2026-01-16..2026-02-15 2026-02-16..2026-03-15");
	assert_string_equal(windows("1m", "2024-02-29"), "2024-01-01..2024-01-31 2024-02-01..2024-02-29");
	assert_string_equal(windows("1m", "2024-03-29"), "2024-01-30..2024-02-29 2024-03-01..2024-03-29");
	assert_string_equal(windows("2m", "2026-03-31"), "2025-12-01..2026-01-31 2026-02-01..2026-03-31");
	assert_string_equal(windows("1q", "2024-02-29"), "2023-09-01..2023-11-30 2023-12-01..2024-02-29");
	assert_string_equal(windows("1q", "2026-06-30"), "2026-01-01..2026-03-31 2026-04-01..2026-06-30");
	/* a month or a year as asof stands for its last day */
	assert_string_equal(windows("1m", "2026-03"), "2026-02-01..2026-02-28 2026-03-01..2026-03-31");
	assert_string_equal(windows("1q", "2026"), "2026-07-01..2026-09-30 2026-10-01..2026-12-31");
	/* refused: no such day, a time of day, before the year 0000 */
	assert_string_equal(windows("1m", "2026-02-30"), "error usage");
	assert_string_equal(windows("1m", "2026-03-31T10:00"), "error usage");
	assert_string_equal(windows("1000q", "0100-01-01"), "error usage");
	assert_int_equal(kn_window_size_parse("0d", &w), -1);
	assert_int_equal(kn_window_size_parse("1001d", &w), -1);
	assert_int_equal(kn_window_size_parse("30", &w), -1);
	assert_int_equal(kn_window_size_parse("d", &w), -1);
	assert_int_equal(kn_window_size_parse("30dd", &w), -1);
	assert_int_equal(kn_window_size_parse("1y", &w), -1);
	assert_int_equal(kn_window_size_parse("1000q", &w), 0);
	assert_true(w.n == 1000 && w.unit == KN_WINDOW_QUARTERS);
}

/* ---- diff ---- */

static const char *diff(kn_diff_opts *o)
{
	static char out[1024];
	kn_buf b = KN_BUF_INIT;
	kn_diff d;
	kn_error err;
	size_t i;

	kn_diff_init(&d);
	if (kn_query_diff(st, o, &d, &err) != KN_OK) {
		snprintf(out, sizeof out, "error %s: %s", code(err.code), err.message);
		return out;
	}
	kn_buf_printf(&b, "%s..%s %s..%s:", d.windows.before_from, d.windows.before_to,
		      d.windows.after_from, d.windows.after_to);
	for (i = 0; i < d.n; i++)
		kn_buf_printf(&b, " %c:%s %ld>%ld %s",
			      d.items[i].role == KN_LOSER ? 'L' : 'W', d.items[i].actor,
			      d.items[i].before, d.items[i].after,
			      kn_diff_status_name(d.items[i].status));
	snprintf(out, sizeof out, "%s", kn_buf_cstr(&b));
	kn_buf_release(&b);
	kn_diff_release(&d);
	return out;
}

static void test_diff_statuses(void **state)
{
	kn_diff_opts o;

	(void)state;
	kn_diff_opts_init(&o);
	o.asof = "2026-03-31";
	o.window.unit = KN_WINDOW_MONTHS;
	o.window.n = 1;
	assert_string_equal(diff(&o),
		"2026-02-01..2026-02-28 2026-03-01..2026-03-31:"
		" L:Acme 0>2 new L:Globex 2>0 gone L:Initech 1>3 rising"
		" L:Umbrella 3>1 fading L:Hooli 2>2 steady"
		" W:Initech 1>0 gone W:Acme 1>1 steady");
	/* the same windows given explicitly */
	kn_diff_opts_init(&o);
	o.from = "2026-03";
	o.to = "2026-03-31";
	o.against_from = "2026-02-01";
	o.against_to = "2026-02";
	assert_string_equal(diff(&o),
		"2026-02-01..2026-02-28 2026-03-01..2026-03-31:"
		" L:Acme 0>2 new L:Globex 2>0 gone L:Initech 1>3 rising"
		" L:Umbrella 3>1 fading L:Hooli 2>2 steady"
		" W:Initech 1>0 gone W:Acme 1>1 steady");
	/* limit: per role */
	kn_diff_opts_init(&o);
	o.asof = "2026-03";
	o.window.unit = KN_WINDOW_MONTHS;
	o.window.n = 1;
	o.filter.limit = 1;
	assert_string_equal(diff(&o), "2026-02-01..2026-02-28 2026-03-01..2026-03-31:"
				      " L:Acme 0>2 new W:Initech 1>0 gone");
}

static void test_diff_default_and_edges(void **state)
{
	kn_diff_opts o;

	(void)state;
	/* the newest dated signal is s08 (2026-04-01): 30 days to it */
	kn_diff_opts_init(&o);
	assert_string_equal(diff(&o),
		"2026-02-01..2026-03-02 2026-03-03..2026-04-01:"
		" L:Globex 2>0 gone L:Hooli 3>1 fading L:Umbrella 3>1 fading"
		" L:Newco 0>1 new L:Acme 1>1 steady L:Initech 2>2 steady"
		" W:Acme 2>0 gone W:Initech 1>0 gone");
	/* asof before the first signal: nothing in either window */
	kn_diff_opts_init(&o);
	o.asof = "2020-01-01";
	assert_string_equal(diff(&o), "2019-11-03..2019-12-02 2019-12-03..2020-01-01:");
	/* refused */
	kn_diff_opts_init(&o);
	o.filter.since = "2026-01";
	assert_int_equal(strncmp(diff(&o), "error usage", 11), 0);
	kn_diff_opts_init(&o);
	o.from = "2026-03";
	assert_int_equal(strncmp(diff(&o), "error usage", 11), 0);
	kn_diff_opts_init(&o);
	o.from = "2026-04";
	o.to = "2026-03";
	o.against_from = "2026-01";
	o.against_to = "2026-02";
	assert_int_equal(strncmp(diff(&o), "error usage", 11), 0);
	o.from = "2026-03";
	o.asof = "2026-03-31";
	assert_int_equal(strncmp(diff(&o), "error usage", 11), 0);
}

/* ---- trend ---- */

static const char *trend(const char *const *names, size_t n, kn_period every,
			 const char *since, const char *until)
{
	static char out[2048];
	kn_buf b = KN_BUF_INIT;
	kn_trend_opts o;
	kn_trends t;
	kn_error err;
	size_t i, j;

	kn_trend_opts_init(&o);
	o.every = every;
	o.filter.since = since;
	o.filter.until = until;
	kn_trends_init(&t);
	if (kn_query_trend(st, names, n, &o, &t, &err) != KN_OK) {
		snprintf(out, sizeof out, "error %s: %s", code(err.code), err.message);
		return out;
	}
	for (i = 0; i < t.n; i++) {
		kn_buf_printf(&b, "%s%s:", i ? " | " : "", t.items[i].actor);
		for (j = 0; j < t.items[i].n; j++)
			kn_buf_printf(&b, " %s=%ld/%ld", t.items[i].points[j].period,
				      t.items[i].points[j].winner,
				      t.items[i].points[j].loser);
	}
	snprintf(out, sizeof out, "%s", kn_buf_cstr(&b));
	kn_buf_release(&b);
	kn_trends_release(&t);
	return out;
}

static void test_trend(void **state)
{
	static const char *const acme[] = { "acme corp", "ACME" };
	static const char *const two[] = { "Umbrella", "Newco" };
	static const char *const nobody[] = { "Acme", "Nobody" };

	(void)state;
	/* two names of one actor: one trend, named as the corpus names it */
	assert_string_equal(trend(acme, 2, KN_PERIOD_MONTH, NULL, NULL),
			    "Acme: 2026-02=1/0 2026-03=1/2");
	/* the range of both actors; the empty month between kept */
	assert_string_equal(trend(two, 2, KN_PERIOD_MONTH, NULL, NULL),
			    "Umbrella: 2026-02=0/3 2026-03=0/1 2026-04=0/0 |"
			    " Newco: 2026-02=0/0 2026-03=0/0 2026-04=0/1");
	assert_string_equal(trend(two, 1, KN_PERIOD_QUARTER, "2025-12", NULL),
			    "Umbrella: 2025-Q4=0/0 2026-Q1=0/4");
	/* ISO weeks: 2026-02-01 is a Sunday, in W05 */
	assert_string_equal(trend(two, 1, KN_PERIOD_WEEK, NULL, "2026-02-20"),
			    "Umbrella: 2026-W05=0/1 2026-W06=0/0 2026-W07=0/1 2026-W08=0/0");
	/* and across a year end: 2026 has a week 53 */
	assert_string_equal(trend(two + 1, 1, KN_PERIOD_WEEK, "2026-12-25", "2027-01-05"),
			    "Newco: 2026-W52=0/0 2026-W53=0/0 2027-W01=0/0");
	assert_string_equal(trend(nobody, 2, KN_PERIOD_MONTH, NULL, NULL),
			    "error notfound: no signal names the actor \"Nobody\"");
	assert_int_equal(strncmp(trend(acme, 1, KN_PERIOD_WEEK, "0001", "9999"),
				 "error usage", 11), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_days),
		cmocka_unit_test(test_months),
		cmocka_unit_test(test_windows),
		cmocka_unit_test(test_diff_statuses),
		cmocka_unit_test(test_diff_default_and_edges),
		cmocka_unit_test(test_trend),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
