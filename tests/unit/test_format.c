/* The result shapes (format): aligned tables, CSV with formula cells
 * neutralised, JSON arrays with control characters escaped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "knockon/format.h"

/* Options of format fmt, width 0, no byte-order mark. */
static const kn_format_opts *as(kn_out_format fmt)
{
	static kn_format_opts o;

	kn_format_opts_init(&o, fmt);
	return &o;
}

/* Aligned by display width: "Zürich 東京" is 11 columns in 15 bytes; the
 * number column is right-aligned; an escape sequence in a cell is shown,
 * not sent. */
static void table_aligns_by_display_width(void **state)
{
	static const char *const hdr[] = { "actor", "count", "note" };
	static const char *const r1[] = { "Z\xc3\xbcrich \xe6\x9d\xb1\xe4\xba\xac", "7", "a" };
	static const char *const r2[] = { "Acme\x1b[2J", "12", NULL };
	kn_table *t = kn_table_new(3, hdr);
	kn_buf out = KN_BUF_INIT;

	(void)state;
	assert_non_null(t);
	kn_table_number(t, 1);
	kn_table_add(t, r1);
	kn_table_add(t, r2);
	assert_int_equal(kn_table_write(t, KN_OUT_TABLE, &out), KN_OK);
	assert_string_equal(kn_buf_cstr(&out),
		"actor        count  note\n"
		"Z\xc3\xbcrich \xe6\x9d\xb1\xe4\xba\xac      7  a\n"
		"Acme\\x1b[2J     12  \n");
	assert_int_equal(kn_table_write(t, KN_OUT_JSON, &out), KN_ERR_USAGE);
	kn_table_free(t);
	kn_buf_release(&out);
}

/* CSV: a text cell starting with = + - @ gets a leading ' and quotes; an
 * integer in a number column stays as it is; csv-raw leaves formulas. */
static void csv_neutralises_formulas(void **state)
{
	static const char *const hdr[] = { "name", "score", "text" };
	static const char *const r1[] = { "=HYPERLINK(\"x\")", "-5", "-5" };
	static const char *const r2[] = { "a,b", "+1", "line\nbreak" };
	kn_table *t = kn_table_new(3, hdr);
	kn_buf out = KN_BUF_INIT;

	(void)state;
	kn_table_number(t, 1);
	kn_table_add(t, r1);
	kn_table_add(t, r2);
	assert_int_equal(kn_table_write(t, KN_OUT_CSV, &out), KN_OK);
	assert_string_equal(kn_buf_cstr(&out),
		"name,score,text\r\n"
		"\"'=HYPERLINK(\"\"x\"\")\",-5,\"'-5\"\r\n"
		"\"a,b\",\"'+1\",\"line\nbreak\"\r\n");
	kn_buf_reset(&out);
	assert_int_equal(kn_table_write(t, KN_OUT_CSV_RAW, &out), KN_OK);
	assert_string_equal(kn_buf_cstr(&out),
		"name,score,text\r\n"
		"\"=HYPERLINK(\"\"x\"\")\",-5,-5\r\n"
		"\"a,b\",+1,\"line\nbreak\"\r\n");
	kn_table_free(t);
	kn_buf_release(&out);
}

/* The recurring-actor shape in each format, with a control character and
 * a bidi override in a name: escaped in JSON, shown escaped in tables. */
static void actor_counts_in_each_format(void **state)
{
	static char s1[] = "s1", s2[] = "s2";
	static char acme[] = "Acme\x01 \xe2\x80\xae" "Corp", cmd[] = "=cmd";
	char *ids[] = { s2, s1 };
	static char date[] = "2026-03-04T10:00", title[] = "Acme \xe6\x9d\xb1 falls";
	kn_actor_count items[] = {
		{ acme, 3, 150, ids, 2, date, title },
		{ cmd, 2, 0, ids, 1, NULL, NULL },
	};
	kn_actor_counts l = { items, 2 }, none = { NULL, 0 };
	kn_buf out = KN_BUF_INIT;

	(void)state;
	assert_int_equal(kn_format_actor_counts(&l, 1, as(KN_OUT_JSON), &out), KN_OK);
	assert_string_equal(kn_buf_cstr(&out),
		"[\n"
		"{\"actor\": \"Acme\\u0001 \\u202eCorp\", \"count\": 3, \"weight\": 150, "
		"\"signals\": [\"s2\", \"s1\"]},\n"
		"{\"actor\": \"=cmd\", \"count\": 2, \"weight\": 0, \"signals\": [\"s2\"]}\n"
		"]\n");
	kn_buf_reset(&out);
	/* a table: the newest signal's day and title, not ids */
	assert_int_equal(kn_format_actor_counts(&l, 0, as(KN_OUT_TABLE), &out), KN_OK);
	assert_string_equal(kn_buf_cstr(&out),
		"actor                  count  latest      latest signal\n"
		"Acme\\x01 <U+202E>Corp      3  2026-03-04  Acme \xe6\x9d\xb1 falls\n"
		"=cmd                       2  -           \n");
	kn_buf_reset(&out);
	assert_int_equal(kn_format_actor_counts(&l, 1, as(KN_OUT_TABLE), &out), KN_OK);
	assert_string_equal(kn_buf_cstr(&out),
		"actor                  count  weight  latest      latest signal\n"
		"Acme\\x01 <U+202E>Corp      3     150  2026-03-04  Acme \xe6\x9d\xb1 falls\n"
		"=cmd                       2       0  -           \n");
	kn_buf_reset(&out);
	assert_int_equal(kn_format_actor_counts(&l, 0, as(KN_OUT_CSV), &out), KN_OK);
	assert_string_equal(kn_buf_cstr(&out),
		"actor,count,signals\r\n"
		"Acme\\x01 <U+202E>Corp,3,s2 s1\r\n"
		"\"'=cmd\",2,s2\r\n");
	kn_buf_reset(&out);
	assert_int_equal(kn_format_actor_counts(&none, 0, as(KN_OUT_JSON), &out), KN_OK);
	assert_string_equal(kn_buf_cstr(&out), "[]\n");
	kn_buf_release(&out);
}

static void roles_hits_and_aliases(void **state)
{
	static char acme[] = "Acme", undated[] = "Undated", d1[] = "2026-01-02",
		d2[] = "2026-03-04T05:06:07+02:00", id[] = "s1", title[] = "Tab\there",
		snippet[] = "a [match]", name[] = "ACME", target[] = "acme corp",
		canonical[] = "Acme Corp";
	kn_actor_roles roles[] = { { acme, 2, 1, d1, d2 },
				   { undated, 0, 1, NULL, NULL } };
	kn_actor_roles_list rl = { roles, 2 };
	kn_search_hit hits[] = { { id, title, snippet, d1, NULL, 75 } };
	kn_search_hits hl = { hits, 1, 1 };
	kn_alias aliases[] = { { name, target, canonical } };
	kn_aliases al = { aliases, 1, 1 };
	kn_buf out = KN_BUF_INIT;

	(void)state;
	assert_int_equal(kn_format_actor_roles(&rl, as(KN_OUT_JSON), &out), KN_OK);
	assert_string_equal(kn_buf_cstr(&out),
		"[\n"
		"{\"actor\": \"Acme\", \"winners\": 2, \"losers\": 1, "
		"\"first_seen\": \"2026-01-02\", \"last_seen\": \"2026-03-04T05:06:07+02:00\"},\n"
		"{\"actor\": \"Undated\", \"winners\": 0, \"losers\": 1, "
		"\"first_seen\": null, \"last_seen\": null}\n"
		"]\n");
	kn_buf_reset(&out);
	/* the table shows the day, CSV the stored value */
	assert_int_equal(kn_format_actor_roles(&rl, as(KN_OUT_TABLE), &out), KN_OK);
	assert_string_equal(kn_buf_cstr(&out),
		"actor    winners  losers  first_seen  last_seen\n"
		"Acme           2       1  2026-01-02  2026-03-04\n"
		"Undated        0       1  -           -\n");
	kn_buf_reset(&out);
	assert_int_equal(kn_format_actor_roles(&rl, as(KN_OUT_CSV), &out), KN_OK);
	assert_string_equal(kn_buf_cstr(&out),
		"actor,winners,losers,first_seen,last_seen\r\n"
		"Acme,2,1,2026-01-02,2026-03-04T05:06:07+02:00\r\n"
		"Undated,0,1,,\r\n");
	kn_buf_reset(&out);
	assert_int_equal(kn_format_search_hits(&hl, KN_OUT_JSON, &out), KN_OK);
	assert_string_equal(kn_buf_cstr(&out),
		"[\n{\"id\": \"s1\", \"title\": \"Tab\\there\", \"published\": \"2026-01-02\", "
		"\"score\": 75, \"category\": null, \"snippet\": \"a [match]\"}\n]\n");
	kn_buf_reset(&out);
	hits[0].score = KN_ABSENT; /* no score: null, as an absent date */
	hits[0].published = NULL;
	hits[0].category = acme;
	assert_int_equal(kn_format_search_hits(&hl, KN_OUT_JSON, &out), KN_OK);
	assert_string_equal(kn_buf_cstr(&out),
		"[\n{\"id\": \"s1\", \"title\": \"Tab\\there\", \"published\": null, "
		"\"score\": null, \"category\": \"Acme\", \"snippet\": \"a [match]\"}\n]\n");
	kn_buf_reset(&out);
	assert_int_equal(kn_format_search_hits(&hl, KN_OUT_CSV, &out), KN_OK);
	assert_string_equal(kn_buf_cstr(&out),
		"id,title,snippet\r\ns1,Tab\there,a [match]\r\n");
	kn_buf_reset(&out);
	title[0] = '@'; /* now a formula */
	assert_int_equal(kn_format_search_hits(&hl, KN_OUT_CSV, &out), KN_OK);
	assert_string_equal(kn_buf_cstr(&out),
		"id,title,snippet\r\ns1,\"'@ab\there\",a [match]\r\n");
	kn_buf_reset(&out);
	assert_int_equal(kn_format_aliases(&al, KN_OUT_TABLE, &out), KN_OK);
	assert_string_equal(kn_buf_cstr(&out),
		"name  target     canonical\n"
		"ACME  acme corp  Acme Corp\n");
	kn_buf_release(&out);
}

static void parses_format_names(void **state)
{
	kn_out_format f = KN_OUT_TABLE;

	(void)state;
	assert_int_equal(kn_out_format_parse("csv-raw", &f), 0);
	assert_int_equal(f, KN_OUT_CSV_RAW);
	assert_int_equal(kn_out_format_parse("json", &f), 0);
	assert_int_equal(f, KN_OUT_JSON);
	assert_int_equal(kn_out_format_parse("JSON", &f), -1);
	assert_int_equal(kn_out_format_parse("", &f), -1);
	assert_int_equal(f, KN_OUT_JSON);
}

/* A table fitted to a width: the widest text columns are cut with "…"
 * by display width (a wide character counts 2, a combining mark 0), the
 * number columns and the headers never. */
static void table_fits_a_width(void **state)
{
	static const char *const hdr[] = { "n", "name", "title" };
	static const char *const r1[] = { "7", "Zu\xcc\x88rich AG", "Grid operators brace for a peak" };
	static const char *const r2[] = { "12", "\xe6\x9d\xb1\xe4\xba\xac\xe9\x9b\xbb\xe5\x8a\x9b", "Short" };
	kn_table *t = kn_table_new(3, hdr);
	kn_format_opts o;
	kn_buf out = KN_BUF_INIT;

	(void)state;
	kn_table_number(t, 0);
	kn_table_add(t, r1);
	kn_table_add(t, r2);
	kn_format_opts_init(&o, KN_OUT_TABLE);
	o.width = 80; /* fits: as wide as it is */
	assert_int_equal(kn_table_write_opts(t, &o, &out), KN_OK);
	assert_string_equal(kn_buf_cstr(&out),
		" n  name       title\n"
		" 7  Zu\xcc\x88rich AG  Grid operators brace for a peak\n"
		"12  \xe6\x9d\xb1\xe4\xba\xac\xe9\x9b\xbb\xe5\x8a\x9b   Short\n");
	kn_buf_reset(&out);
	o.width = 30; /* 2 + 2 + 9 + 2 + 31 = 46: the title gives 16 */
	assert_int_equal(kn_table_write_opts(t, &o, &out), KN_OK);
	assert_string_equal(kn_buf_cstr(&out),
		" n  name       title\n"
		" 7  Zu\xcc\x88rich AG  Grid operators\xe2\x80\xa6\n"
		"12  \xe6\x9d\xb1\xe4\xba\xac\xe9\x9b\xbb\xe5\x8a\x9b   Short\n");
	kn_buf_reset(&out);
	o.width = 5; /* a column is never cut below 10 (nor its header):
		      * the title stops at 10, the name (9) is never cut */
	assert_int_equal(kn_table_write_opts(t, &o, &out), KN_OK);
	assert_string_equal(kn_buf_cstr(&out),
		" n  name       title\n"
		" 7  Zu\xcc\x88rich AG  Grid oper\xe2\x80\xa6\n"
		"12  \xe6\x9d\xb1\xe4\xba\xac\xe9\x9b\xbb\xe5\x8a\x9b   Short\n");
	kn_buf_reset(&out);
	o.format = KN_OUT_CSV; /* width is for tables only */
	assert_int_equal(kn_table_write_opts(t, &o, &out), KN_OK);
	assert_non_null(strstr(kn_buf_cstr(&out), "Grid operators brace for a peak"));
	kn_table_free(t);
	/* a wide character that does not fit before the "…" leaves a space */
	{
		static const char *const h2[] = { "name", "n" };
		static const char *const r3[] = { "\xe6\x9d\xb1\xe4\xba\xac\xe9\x9b\xbb\xe5\x8a\x9b"
						  "\xe6\x9d\xb1\xe4\xba\xac\xe9\x9b\xbb\xe5\x8a\x9b", "1" };

		t = kn_table_new(2, h2);
		kn_table_number(t, 1);
		kn_table_add(t, r3);
		kn_buf_reset(&out);
		o.format = KN_OUT_TABLE;
		o.width = 15; /* the name gets 12: 5 characters (10) and "…" */
		assert_int_equal(kn_table_write_opts(t, &o, &out), KN_OK);
		assert_string_equal(kn_buf_cstr(&out),
			"name          n\n"
			"\xe6\x9d\xb1\xe4\xba\xac\xe9\x9b\xbb\xe5\x8a\x9b\xe6\x9d\xb1\xe2\x80\xa6   1\n");
		kn_table_free(t);
	}
	kn_buf_release(&out);
}

/* --bom: CSV begins with EF BB BF; a table never does. */
static void csv_byte_order_mark(void **state)
{
	static const char *const hdr[] = { "a" };
	static const char *const r1[] = { "=1" };
	kn_table *t = kn_table_new(1, hdr);
	kn_format_opts o;
	kn_buf out = KN_BUF_INIT;

	(void)state;
	kn_table_add(t, r1);
	kn_format_opts_init(&o, KN_OUT_CSV);
	o.bom = 1;
	assert_int_equal(kn_table_write_opts(t, &o, &out), KN_OK);
	assert_string_equal(kn_buf_cstr(&out), "\xef\xbb\xbf" "a\r\n\"'=1\"\r\n");
	kn_buf_reset(&out);
	o.format = KN_OUT_CSV_RAW;
	assert_int_equal(kn_table_write_opts(t, &o, &out), KN_OK);
	assert_string_equal(kn_buf_cstr(&out), "\xef\xbb\xbf" "a\r\n=1\r\n");
	kn_buf_reset(&out);
	o.format = KN_OUT_TABLE;
	assert_int_equal(kn_table_write_opts(t, &o, &out), KN_OK);
	assert_string_equal(kn_buf_cstr(&out), "a\n=1\n");
	kn_table_free(t);
	kn_buf_release(&out);
}

/* A date cell: the day as written, or less when less is known. */
static void date_cells(void **state)
{
	char d[KN_DATE_CELL];

	(void)state;
	assert_string_equal(kn_format_date_cell("2026-06-24T21:36", d), "2026-06-24");
	assert_string_equal(kn_format_date_cell("2026-06-24T23:30:00-05:00", d), "2026-06-24");
	assert_string_equal(kn_format_date_cell("2026-06-24", d), "2026-06-24");
	assert_string_equal(kn_format_date_cell("2026-06", d), "2026-06");
	assert_string_equal(kn_format_date_cell("2026", d), "2026");
	assert_string_equal(kn_format_date_cell(NULL, d), "-");
	assert_string_equal(kn_format_date_cell("", d), "-");
}

/* A table that could not be made or grown says so instead of writing. */
static void failures_are_reported(void **state)
{
	static const char *const hdr[] = { "a" };
	kn_table *t = kn_table_new(1, hdr);
	kn_buf out = KN_BUF_INIT;

	(void)state;
	assert_int_equal(kn_table_write(NULL, KN_OUT_TABLE, &out), KN_ERR_NOMEM);
	kn_table_add(t, NULL);
	assert_int_equal(kn_table_write(t, KN_OUT_CSV, &out), KN_ERR_NOMEM);
	assert_int_equal(out.len, 0);
	kn_table_free(t);
	kn_buf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_aligns_by_display_width),
		cmocka_unit_test(csv_neutralises_formulas),
		cmocka_unit_test(actor_counts_in_each_format),
		cmocka_unit_test(table_fits_a_width),
		cmocka_unit_test(csv_byte_order_mark),
		cmocka_unit_test(date_cells),
		cmocka_unit_test(roles_hits_and_aliases),
		cmocka_unit_test(parses_format_names),
		cmocka_unit_test(failures_are_reported),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
