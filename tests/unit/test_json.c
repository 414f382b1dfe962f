/* The JSON unit reader's own parser (json_tree.c) against jansson: on
 * hand-made edge cases and on thousands of mutations of real signals,
 * kn_signal_read_json (own parser, jansson only for what it leaves) gives
 * exactly what reading with jansson alone gives -- the same status, the
 * same message, line, column and field, the same signal -- and the own
 * parser never accepts what jansson rejects. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "json_internal.h"
#include "knockon/json.h"

/* The reading with jansson alone, as before the own parser. */
static kn_status jansson_read(const char *text, size_t len, kn_signal *out,
			      kn_error *err)
{
	kn_json_origin o = { "t.json", text, len, 3, "", 1 };
	json_error_t jerr;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	kn_status st;

	if (!root)
		return kn_json_syntax_error(&jerr, &o, err);
	st = kn_signal_from_json(root, &o, out, err);
	json_decref(root);
	return st;
}

static unsigned long fast_ok, fast_left, compared;

/* Both readings of text agree; the own parser accepts only what jansson
 * accepts. */
static void agree(const char *text, size_t len)
{
	kn_signal a, b;
	kn_error ea, eb;
	kn_status sa, sb;
	kn_buf ja = KN_BUF_INIT, jb = KN_BUF_INIT;
	kn_jtree t;
	int fast;

	kn_jtree_init(&t);
	fast = kn_jtree_parse(&t, text, len) == 0;
	kn_jtree_release(&t);
	if (fast) {
		json_error_t jerr;
		json_t *v = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);

		if (!v)
			fail_msg("own parser accepts what jansson rejects (%s): %.*s",
				 jerr.text, (int)len, text);
		json_decref(v);
	}
	fast ? fast_ok++ : fast_left++;
	compared++;
	kn_signal_init(&a);
	kn_signal_init(&b);
	kn_error_clear(&ea);
	kn_error_clear(&eb);
	sa = kn_signal_read_json(text, len, "t.json", 3, &a, &ea);
	sb = jansson_read(text, len, &b, &eb);
	if (sa != sb || strcmp(ea.message, eb.message) || ea.line != eb.line ||
	    ea.column != eb.column || strcmp(ea.field, eb.field))
		fail_msg("readings differ on %.*s:\n  %d %ld:%ld %s %s\n  %d %ld:%ld %s %s",
			 (int)len, text, sa, ea.line, ea.column, ea.field,
			 ea.message, sb, eb.line, eb.column, eb.field, eb.message);
	if (sa == KN_OK) {
		assert_int_equal(kn_signal_write_json(&a, &ja), KN_OK);
		assert_int_equal(kn_signal_write_json(&b, &jb), KN_OK);
		assert_string_equal(ja.data, jb.data);
	}
	kn_buf_release(&ja);
	kn_buf_release(&jb);
	kn_signal_release(&a);
	kn_signal_release(&b);
}

static void agree_str(const char *text)
{
	agree(text, strlen(text));
}

static const char base[] =
	"{\"format\": \"knockon/1\", \"id\": \"x-1\", \"feed\": \"F\", \"kind\": \"signal\","
	" \"category\": \"Energy\", \"published\": \"2026-06-24T21:36\", \"score\": 75,"
	" \"horizon\": \"Short term\", \"title\": \"Caf\\u00e9 \\\"quoted\\\" \\/ tab\\there\","
	" \"summary\": \"  padded \\n line  \", \"why\": {\"now\": \"n\", \"important\": null,"
	" \"changes\": \"c\"}, \"winners\": [\"Acme (gains)\", {\"name\": \"S\xc3\xa9" "bastien\","
	" \"note\": \"\xe2\x80\x98quoted\xe2\x80\x99\"}], \"losers\": [{\"name\": \"Globex\"}],"
	" \"effects\": [{\"id\": \"e1\", \"order\": 1, \"text\": \"first\"}, {\"id\": \"e2\","
	" \"order\": 2, \"text\": \"second\", \"causes\": [\"e1\"]}, {\"order\": 3,"
	" \"text\": \"third\"}], \"confidence\": 0, \"impact\": 100, \"source\":"
	" {\"publisher\": \"P\", \"section\": null, \"url\": \"https://x/y\"}}";

static const char *const cases[] = {
	"{}", "{\"title\": \"t\"}", " \n\t{\"title\":\"t\"}\r\n ", "[]",
	"{\"title\": \"t\"} x", "{\"title\": \"t\",}", "{\"title\" \"t\"}",
	"{\"title\": \"t\", \"title\": \"u\"}",
	"{\"title\": \"t\", \"why\": {\"now\": \"a\", \"now\": \"b\"}}",
	"{\"title\": \"\\u0000\"}", "{\"title\": \"a\\ud83d\\ude00b\"}",
	"{\"title\": \"\\ud83d\"}", "{\"title\": \"\\ude00\"}", "{\"title\": \"\\u00\"}",
	"{\"title\": \"\\x41\"}", "{\"title\": \"\\u2028\\u202e\\u00A0x\"}",
	"{\"title\": \"raw\ttab\"}", "{\"title\": \"raw\x01\"}",
	"{\"title\": \"\xc3\x28\"}", "{\"title\": \"\xc0\xaf\"}", "{\"title\": \"\xed\xa0\x80\"}",
	"{\"title\": \"\xf4\x90\x80\x80\"}", "{\"title\": \"\xf0\x9f\x98\x80\"}",
	"{\"title\": \"t\", \"score\": 1e2}", "{\"title\": \"t\", \"score\": 50.0}",
	"{\"title\": \"t\", \"score\": -0}", "{\"title\": \"t\", \"score\": -5}",
	"{\"title\": \"t\", \"score\": 007}", "{\"title\": \"t\", \"score\": 0}",
	"{\"title\": \"t\", \"score\": 101}", "{\"title\": \"t\", \"score\": true}",
	"{\"title\": \"t\", \"score\": 99999999999999999999999}",
	"{\"title\": \"t\", \"score\": 123456789012345678}",
	"{\"title\": \"t\", \"score\": null}", "{\"title\": \"t\", \"score\": nul}",
	"{\"title\": \"t\", \"score\": \"high\"}", "{\"title\": 5}", "{\"title\": null}",
	"{\"title\": \"   \"}", "{\"title\": \"t\", \"bogus\": 1}",
	"{\"title\": \"t\", \"losers\": [\"\"]}", "{\"title\": \"t\", \"losers\": [\"...\"]}",
	"{\"title\": \"t\", \"losers\": [{\"name\": \"\"}]}",
	"{\"title\": \"t\", \"losers\": [{\"note\": \"n\"}]}",
	"{\"title\": \"t\", \"losers\": [1]}", "{\"title\": \"t\", \"losers\": \"A\"}",
	"{\"title\": \"t\", \"effects\": {\"direct\": [\"a\"], \"second\": [\"b\"]}}",
	"{\"title\": \"t\", \"effects\": {\"second\": [\"b\"]}}",
	"{\"title\": \"t\", \"effects\": {\"direct\": [\"\"]}}",
	"{\"title\": \"t\", \"effects\": [{\"order\": 2, \"text\": \"x\"}]}",
	"{\"title\": \"t\", \"effects\": [{\"id\": \"a\", \"order\": 1, \"text\": \"x\","
	" \"causes\": [\"a\"]}]}",
	"{\"title\": \"t\", \"effects\": [{\"id\": \"a\", \"order\": 1, \"text\": \"x\"},"
	" {\"id\": \"a\", \"order\": 1, \"text\": \"y\"}]}",
	"{\"title\": \"t\", \"effects\": [{\"order\": 1}]}",
	"{\"title\": \"t\", \"format\": \"knockon/2\"}",
	"{\"title\": \"t\", \"published\": \"2026-02-30\"}",
	"{\"title\": \"t\", \"why\": [\"a\"]}",
	"{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{\"h\":{\"i\":{\"j\":{\"k\":{\"l\":"
	"{\"m\":{\"n\":{\"o\":{\"p\":{\"q\":{\"r\":1}}}}}}}}}}}}}}}}}}",
	"{\"title\": \"t\", \"a1\":1,\"a2\":1,\"a3\":1,\"a4\":1,\"a5\":1,\"a6\":1,\"a7\":1,"
	"\"a8\":1,\"a9\":1,\"b1\":1,\"b2\":1,\"b3\":1,\"b4\":1,\"b5\":1,\"b6\":1,\"b7\":1,"
	"\"b8\":1,\"b9\":1,\"c1\":1,\"c2\":1,\"c3\":1,\"c4\":1,\"c5\":1,\"c6\":1,\"c7\":1,"
	"\"c8\":1,\"c9\":1,\"d1\":1,\"d2\":1,\"d3\":1,\"d4\":1,\"d5\":1,\"d6\":1}",
	"{\"title\": \"t\"", "{\"title\": \"t", "{\"title\":", "{",
};

static void edge_cases(void **state)
{
	size_t i;

	(void)state;
	agree_str(base);
	assert_true(fast_ok > 0); /* the own parser reads a whole signal */
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		agree_str(cases[i]);
	agree("{\"title\": \"a\0b\"}", 15); /* a raw NUL byte */
}

static unsigned long long rng = 0x9E3779B97F4A7C15ULL;

static unsigned next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng >> 32);
}

/* One random edit of text (len bytes) into out; the new length. */
static size_t mutate(const char *text, size_t len, char *out)
{
	static const char bytes[] = "\"\\{}[]:, 0123456789eE.+-nultrfasu\t\n"
				    "\x01\x7f\xc3\xa9\xed\xa0\x80\xf4\x90\xe2\x80\xa8";
	size_t at = next_rand() % (len + 1), n;
	char c = bytes[next_rand() % (sizeof bytes - 1)];

	switch (next_rand() % 4) {
	case 0: /* replace a byte */
		memcpy(out, text, len);
		if (at < len)
			out[at] = c;
		return len;
	case 1: /* insert one */
		memcpy(out, text, at);
		out[at] = c;
		memcpy(out + at + 1, text + at, len - at);
		return len + 1;
	case 2: /* delete one */
		if (at >= len)
			at = len ? len - 1 : 0;
		memcpy(out, text, at);
		memcpy(out + at, text + at + 1, len - at - (len ? 1 : 0));
		return len ? len - 1 : 0;
	default: /* repeat a short stretch (a duplicated key, element, escape) */
		n = next_rand() % 24;
		if (at + n > len)
			n = len - at;
		memcpy(out, text, at + n);
		memcpy(out + at + n, text + at, len - at);
		return len + n;
	}
}

static void mutations(void **state)
{
	size_t len = strlen(base), n, i, k;
	char *a = malloc(4 * len), *b = malloc(4 * len);

	(void)state;
	assert_non_null(a);
	assert_non_null(b);
	for (i = 0; i < 6000; i++) {
		memcpy(a, base, len);
		n = len;
		for (k = 0; k <= i % 3; k++) { /* one to three edits */
			n = mutate(a, n, b);
			memcpy(a, b, n);
			if (n > 3 * len)
				break;
		}
		agree(a, n);
	}
	free(a);
	free(b);
	/* both paths were exercised: many mutants stay valid JSON */
	assert_true(fast_ok > 500);
	assert_true(fast_left > 500);
	print_message("compared %lu inputs: %lu by the own parser, %lu left to jansson\n",
		      compared, fast_ok, fast_left);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(edge_cases),
		cmocka_unit_test(mutations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
