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
	kn_actor_count items[] = {
		{ acme, 3, 150, ids, 2 },
		{ cmd, 2, 0, ids, 1 },
	};
	kn_actor_counts l = { items, 2 }, none = { NULL, 0 };
	kn_buf out = KN_BUF_INIT;

	(void)state;
	assert_int_equal(kn_format_actor_counts(&l, 1, KN_OUT_JSON, &out), KN_OK);
	assert_string_equal(kn_buf_cstr(&out),
		"[\n"
		"{\"actor\": \"Acme\\u0001 \\u202eCorp\", \"count\": 3, \"weight\": 150, "
		"\"signals\": [\"s2\", \"s1\"]},\n"
		"{\"actor\": \"=cmd\", \"count\": 2, \"weight\": 0, \"signals\": [\"s2\"]}\n"
		"]\n");
	kn_buf_reset(&out);
	assert_int_equal(kn_format_actor_counts(&l, 0, KN_OUT_TABLE, &out), KN_OK);
	assert_string_equal(kn_buf_cstr(&out),
		"actor                  count  signals\n"
		"Acme\\x01 <U+202E>Corp      3  s2 s1 (+1 more)\n"
		"=cmd                       2  s2 (+1 more)\n");
	kn_buf_reset(&out);
	assert_int_equal(kn_format_actor_counts(&l, 0, KN_OUT_CSV, &out), KN_OK);
	assert_string_equal(kn_buf_cstr(&out),
		"actor,count,signals\r\n"
		"Acme\\x01 <U+202E>Corp,3,s2 s1\r\n"
		"\"'=cmd\",2,s2\r\n");
	kn_buf_reset(&out);
	assert_int_equal(kn_format_actor_counts(&none, 0, KN_OUT_JSON, &out), KN_OK);
	assert_string_equal(kn_buf_cstr(&out), "[]\n");
	kn_buf_release(&out);
}

static void roles_hits_and_aliases(void **state)
{
	static char acme[] = "Acme", undated[] = "Undated", d1[] = "2026-01-02",
		d2[] = "2026-03-04", id[] = "s1", title[] = "Tab\there",
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
	assert_int_equal(kn_format_actor_roles(&rl, KN_OUT_JSON, &out), KN_OK);
	assert_string_equal(kn_buf_cstr(&out),
		"[\n"
		"{\"actor\": \"Acme\", \"winners\": 2, \"losers\": 1, "
		"\"first_seen\": \"2026-01-02\", \"last_seen\": \"2026-03-04\"},\n"
		"{\"actor\": \"Undated\", \"winners\": 0, \"losers\": 1, "
		"\"first_seen\": null, \"last_seen\": null}\n"
		"]\n");
	kn_buf_reset(&out);
	assert_int_equal(kn_format_actor_roles(&rl, KN_OUT_TABLE, &out), KN_OK);
	assert_string_equal(kn_buf_cstr(&out),
		"actor    winners  losers  first_seen  last_seen\n"
		"Acme           2       1  2026-01-02  2026-03-04\n"
		"Undated        0       1  -           -\n");
	kn_buf_reset(&out);
	assert_int_equal(kn_format_actor_roles(&rl, KN_OUT_CSV, &out), KN_OK);
	assert_string_equal(kn_buf_cstr(&out),
		"actor,winners,losers,first_seen,last_seen\r\n"
		"Acme,2,1,2026-01-02,2026-03-04\r\n"
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
		cmocka_unit_test(roles_hits_and_aliases),
		cmocka_unit_test(parses_format_names),
		cmocka_unit_test(failures_are_reported),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
