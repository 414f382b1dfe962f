/* Unit tests of the map module: label escaping, ids, the four views,
 * formats, prefix and scalable SVG, aliases, --min, determinism. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <graphviz/cgraph.h>

#include "knockon/map.h"
#include "map_internal.h"

static kn_renderer *renderer;

static int setup(void **state)
{
	(void)state;
	return kn_renderer_open(&renderer, NULL) == KN_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	kn_renderer_close(renderer);
	return 0;
}

static void make_signal(kn_signal *s, const char *id, const char *title,
			const char *winner, const char *loser)
{
	kn_error err;

	kn_signal_init(s);
	kn_signal_set(&s->id, id);
	kn_signal_set(&s->title, title);
	kn_signal_set(&s->published, "2026-06-24");
	s->score = 75;
	s->confidence = 90;
	if (winner)
		assert_int_equal(kn_signal_add_actor_text(s, KN_WINNER, winner), KN_OK);
	if (loser)
		assert_int_equal(kn_signal_add_actor_text(s, KN_LOSER, loser), KN_OK);
	kn_signal_add_effect(s, NULL, 1, "direct one", NULL, 0, 0);
	kn_signal_add_effect(s, NULL, 2, "second one", NULL, 0, 0);
	kn_signal_add_effect(s, NULL, 3, "third one", NULL, 0, 0);
	assert_int_equal(kn_signal_finish(s, &err), KN_OK);
}

/* A map of two signals: Anthropic wins in one and loses in the other. */
static kn_map *two_signal_map(void)
{
	kn_map *m;
	kn_signal a, b;

	make_signal(&a, "s1", "First", "AI security vendors", "Anthropic (reputation)");
	make_signal(&b, "s2", "Second", "anthropic", "Alibaba Group");
	assert_int_equal(kn_map_open(&m, NULL), KN_OK);
	assert_int_equal(kn_map_add_signal(m, &a, NULL), KN_OK);
	assert_int_equal(kn_map_add_signal(m, &b, NULL), KN_OK);
	assert_int_equal(kn_map_add_signal(m, &a, NULL), KN_OK); /* skipped */
	assert_int_equal(kn_map_count(m), 2);
	kn_signal_release(&a);
	kn_signal_release(&b);
	return m;
}

static char *render(const kn_map *m, const kn_map_options *o, size_t *len)
{
	kn_buf out = KN_BUF_INIT;
	kn_error err;
	kn_status st;

	kn_error_clear(&err);
	st = kn_map_render(renderer, m, o, &out, &err);
	if (st != KN_OK)
		fail_msg("render: %s", err.message);
	return kn_buf_detach(&out, len);
}

static char *label_of(const char *text, size_t width)
{
	kn_buf b = KN_BUF_INIT;

	kn_map_put_label(&b, text, width, "\\l");
	return kn_buf_detach(&b, NULL);
}

static void test_label_escapes(void **state)
{
	char *s;

	(void)state;
	s = label_of("C:\\temp\\new & \\N", 0);
	assert_string_equal(s, "C:&#92;&#92;temp&#92;&#92;new &amp; &#92;&#92;N\\l");
	free(s);
	/* controls, bidi and ANSI dropped; tab a space; bad UTF-8 is U+FFFD */
	s = label_of("a\x1b[31m\xe2\x80\xae" "b\tc\x7f\xff", 0);
	assert_string_equal(s, "a[31mb c\xef\xbf\xbd\\l");
	free(s);
	s = label_of("one two three four", 9);
	assert_string_equal(s, "one two\\lthree\\lfour\\l");
	free(s);
	s = label_of("para one\n\npara two", 0);
	assert_string_equal(s, "para one\\lpara two\\l");
	free(s);
	s = label_of("", 10);
	assert_string_equal(s, "");
	free(s);
}

/* Item 1 and 10 of issue 12: at most KN_MAP_LABEL_LINES lines and
 * KN_MAP_LABEL_BYTES bytes a text, cut with "…"; run-on words split. */
static void test_label_bounds(void **state)
{
	kn_buf in = KN_BUF_INIT, want = KN_BUF_INIT;
	char *s;
	int i;

	(void)state;
	for (i = 0; i < KN_MAP_LABEL_LINES + 5; i++)
		kn_buf_puts(&in, "x\n");
	for (i = 0; i < KN_MAP_LABEL_LINES - 1; i++)
		kn_buf_puts(&want, "x\\l");
	kn_buf_puts(&want, "x" KN_MAP_ELLIPSIS "\\l");
	s = label_of(kn_buf_cstr(&in), 30);
	assert_string_equal(s, kn_buf_cstr(&want));
	free(s);
	/* exactly the bound: nothing cut */
	kn_buf_reset(&in);
	for (i = 0; i < KN_MAP_LABEL_LINES; i++)
		kn_buf_puts(&in, "x\n");
	s = label_of(kn_buf_cstr(&in), 30);
	assert_null(strstr(s, KN_MAP_ELLIPSIS));
	free(s);
	/* a run-on word: lines of the width */
	s = label_of("abcdefghijklmnopqrstuvwxyz", 4);
	/* the rest, no wider than half as much again, is one word */
	assert_string_equal(s, "abcd\\lefgh\\lijkl\\lmnop\\lqrst\\luvwxyz\\l");
	free(s);
	/* bytes: no wrapping, 4,096 bytes then "…", whole characters only */
	kn_buf_reset(&in);
	kn_buf_putc(&in, 'a');
	for (i = 0; i < KN_MAP_LABEL_BYTES; i++)
		kn_buf_puts(&in, "\xc3\xa9");
	s = label_of(kn_buf_cstr(&in), 0);
	assert_int_equal(strlen(s), 1 + (KN_MAP_LABEL_BYTES - 2) + 3 + 2);
	assert_string_equal(s + strlen(s) - 5, KN_MAP_ELLIPSIS "\\l");
	free(s);
	/* what lies past the text looked at still shows as cut */
	kn_buf_reset(&in);
	kn_buf_puts(&in, "a");
	for (i = 0; i < 20 * KN_MAP_LABEL_BYTES; i++)
		kn_buf_putc(&in, ' ');
	kn_buf_puts(&in, "b");
	s = label_of(kn_buf_cstr(&in), 30);
	assert_string_equal(s, "a" KN_MAP_ELLIPSIS "\\l");
	free(s);
	kn_buf_release(&in);
	kn_buf_release(&want);
}

/* Item 12 of issue 12: at most KN_MAP_ROLE_MAX actors a signal and role
 * (50), the rest on one "+N more" node; an actor named twice counts once. */
static void test_many_actors(void **state)
{
	kn_signal s;
	kn_map *m;
	kn_map_options o;
	kn_error err;
	Agraph_t *g;
	Agnode_t *n;
	char name[32];
	static char label[] = "label";
	int i, acts = 0, more = 0;

	(void)state;
	kn_signal_init(&s);
	kn_signal_set(&s.id, "many");
	kn_signal_set(&s.title, "Many");
	for (i = 0; i < 120; i++) {
		snprintf(name, sizeof name, "Winner %d", i == 7 ? 6 : i);
		assert_int_equal(kn_signal_add_actor(&s, KN_WINNER, name, NULL), KN_OK);
	}
	assert_int_equal(kn_signal_add_actor(&s, KN_LOSER, "Winner 0", NULL), KN_OK);
	kn_signal_add_effect(&s, NULL, 1, "e", NULL, 0, 0);
	assert_int_equal(kn_signal_finish(&s, &err), KN_OK);
	assert_int_equal(kn_map_open(&m, NULL), KN_OK);
	assert_int_equal(kn_map_add_signal(m, &s, NULL), KN_OK);
	kn_map_options_init(&o);
	kn_error_clear(&err);
	g = kn_map_build(m, &o, &err);
	assert_non_null(g);
	for (n = agfstnode(g); n; n = agnxtnode(g, n)) {
		acts += strncmp(agnameof(n), "act:", 4) == 0;
		if (strcmp(agnameof(n), "more:many:winners") == 0) {
			more++;
			/* 119 distinct winners: 50 drawn, 69 not */
			assert_string_equal(agget(n, label),
					    "+69 more winners\\nnot drawn: at most 50 a signal\\n");
		}
		assert_int_not_equal(strcmp(agnameof(n), "more:many:losers"), 0);
	}
	assert_int_equal(more, 1);
	assert_int_equal(acts, 50); /* the loser "Winner 0" is one of them */
	agclose(g);
	kn_map_close(m);
	kn_signal_release(&s);
}

/* Signals are found by id through a hash: many, each added twice. */
static void test_many_signals(void **state)
{
	kn_signal s;
	kn_map *m;
	kn_error err;
	char id[32];
	int i, k;

	(void)state;
	assert_int_equal(kn_map_open(&m, NULL), KN_OK);
	for (k = 0; k < 2; k++)
		for (i = 0; i < 3000; i++) {
			snprintf(id, sizeof id, "s%d", i);
			kn_signal_init(&s);
			kn_signal_set(&s.id, id);
			kn_signal_set(&s.title, "T");
			assert_int_equal(kn_signal_finish(&s, &err), KN_OK);
			assert_int_equal(kn_map_add_signal(m, &s, NULL), KN_OK);
			kn_signal_release(&s);
		}
	assert_int_equal(kn_map_count(m), 3000);
	kn_map_close(m);
}

static void test_ids(void **state)
{
	kn_buf b = KN_BUF_INIT;

	(void)state;
	kn_map_put_id(&b, "a b/c%\"<>&\\:caf\xc3\xa9\x1b\xe2\x80\xae\xff");
	assert_string_equal(kn_buf_cstr(&b),
			    "a+b%2Fc%25%22%3C%3E%26%5C%3Acaf\xc3\xa9%1B%E2%80%AE%FF");
	kn_buf_release(&b);
}

static void test_signal_view_svg(void **state)
{
	kn_map *m = two_signal_map();
	kn_map_options o;
	char *a, *b;

	(void)state;
	kn_map_options_init(&o);
	a = render(m, &o, NULL);
	b = render(m, &o, NULL);
	assert_string_equal(a, b); /* deterministic */
	assert_non_null(strstr(a, "<g id=\"sig:s1\" class=\"node signal\">"));
	assert_non_null(strstr(a, "<g id=\"eff:s1:e2\" class=\"node effect order-2\">"));
	assert_non_null(strstr(a, "<g id=\"act:ai+security+vendors\" class=\"node actor winner\">"));
	assert_non_null(strstr(a, "<g id=\"act:alibaba+group\" class=\"node actor loser\">"));
	/* one node for Anthropic, winner in s2 and loser in s1 */
	assert_non_null(strstr(a, "<g id=\"act:anthropic\" class=\"node actor winner loser\">"));
	assert_non_null(strstr(a, "<g id=\"sig:s1--act:anthropic\" class=\"edge harms\">"));
	assert_non_null(strstr(a, "<g id=\"sig:s2--act:anthropic\" class=\"edge benefits\">"));
	assert_non_null(strstr(a, "<g id=\"eff:s1:e1--eff:s1:e2\" class=\"edge causes\">"));
	assert_non_null(strstr(a, "score 75 \xc2\xb7 confidence 90"));
	assert_non_null(strstr(a, "(reputation)"));
	assert_non_null(strstr(a, "class=\"node legend legend-loser\""));
	assert_non_null(strstr(a, "<svg width="));
	free(a);
	free(b);
	kn_map_close(m);
}

static void test_prefix_and_scalable(void **state)
{
	kn_map *m = two_signal_map();
	kn_map_options o;
	char *s, *p;

	(void)state;
	kn_map_options_init(&o);
	o.id_prefix = "m2-";
	o.scalable = 1;
	s = render(m, &o, NULL);
	assert_null(strstr(s, "<svg width="));
	assert_non_null(strstr(s, "viewBox="));
	for (p = strstr(s, " id=\""); p; p = strstr(p + 1, " id=\""))
		assert_memory_equal(p + 5, "m2-", 3);
	free(s);
	o.id_prefix = "bad prefix\"";
	{
		kn_buf out = KN_BUF_INIT;
		kn_error err;

		assert_int_equal(kn_map_render(renderer, m, &o, &out, &err), KN_ERR_USAGE);
		assert_string_equal(err.field, "id-prefix");
		o.id_prefix = NULL;
		o.engine = "rm -rf";
		assert_int_equal(kn_map_render(renderer, m, &o, &out, &err), KN_ERR_USAGE);
		assert_int_equal(out.len, 0);
		kn_buf_release(&out);
	}
	kn_map_close(m);
}

static void test_chain_view(void **state)
{
	kn_map *m = two_signal_map();
	kn_map_options o;
	char *s;

	(void)state;
	kn_map_options_init(&o);
	o.view = KN_VIEW_CHAIN;
	s = render(m, &o, NULL);
	assert_null(strstr(s, "class=\"node actor"));
	assert_non_null(strstr(s, "class=\"node effect order-3\""));
	assert_non_null(strstr(s, "Effect chain"));
	free(s);
	kn_map_close(m);
}

static void test_actor_view_aliases(void **state)
{
	kn_map *m = two_signal_map();
	kn_map_options o;
	kn_buf out = KN_BUF_INIT;
	kn_error err;
	char *s;

	(void)state;
	assert_int_equal(kn_map_add_alias(m, "Alibaba Group", "Alibaba", NULL), KN_OK);
	kn_map_options_init(&o);
	o.view = KN_VIEW_ACTOR;
	o.actor = "ALIBABA";
	s = render(m, &o, NULL);
	assert_non_null(strstr(s, "<g id=\"act:alibaba\" class=\"node actor loser\">"));
	assert_non_null(strstr(s, "id=\"sig:s2\""));
	assert_null(strstr(s, "id=\"sig:s1\"")); /* s1 does not name Alibaba */
	assert_non_null(strstr(s, "Actor map: Alibaba"));
	free(s);
	o.actor = "Nobody";
	assert_int_equal(kn_map_render(renderer, m, &o, &out, &err), KN_ERR_NOTFOUND);
	kn_buf_release(&out);
	kn_map_close(m);
}

static void test_corpus_min(void **state)
{
	kn_map *m = two_signal_map();
	kn_map_options o;
	char *s;

	(void)state;
	kn_map_options_init(&o);
	o.view = KN_VIEW_CORPUS;
	o.format = KN_FORMAT_DOT;
	s = render(m, &o, NULL);
	assert_non_null(strstr(s, "\"act:alibaba+group\""));
	assert_null(strstr(s, "\"eff:"));
	assert_non_null(strstr(s, "layout=neato"));
	free(s);
	o.min_count = 2;
	s = render(m, &o, NULL);
	assert_null(strstr(s, "\"act:alibaba+group\""));
	assert_non_null(strstr(s, "\"act:anthropic\""));
	assert_non_null(strstr(s, "named by at least 2 signals"));
	free(s);
	kn_map_close(m);
}

/* The DOT output re-reads with cgraph and gives back every label. */
static void test_dot_rereads(void **state)
{
	kn_map *m;
	kn_signal a;
	kn_map_options o;
	Agraph_t *g;
	Agnode_t *n;
	char *s;
	static char label[] = "label";

	(void)state;
	make_signal(&a, "x\\y", "T \\N \\G end\\", "w \" ]]>", "l <!-- x");
	kn_map_open(&m, NULL);
	kn_map_add_signal(m, &a, NULL);
	kn_map_options_init(&o);
	o.format = KN_FORMAT_DOT;
	s = render(m, &o, NULL);
	g = agmemread(s);
	assert_non_null(g);
	n = agnode(g, (char[]){ "sig:x%5Cy" }, 0);
	assert_non_null(n);
	assert_non_null(strstr(agget(n, label), "T &#92;&#92;N &#92;&#92;G end&#92;&#92;"));
	assert_non_null(agnode(g, (char[]){ "act:w+%22+%5D%5D%3E" }, 0));
	agclose(g);
	free(s);
	kn_map_close(m);
	kn_signal_release(&a);
}

static void test_binary_formats(void **state)
{
	kn_map *m = two_signal_map();
	kn_map_options o;
	size_t len;
	char *s;

	(void)state;
	kn_map_options_init(&o);
	o.format = KN_FORMAT_PNG;
	s = render(m, &o, &len);
	assert_true(len > 1000);
	assert_memory_equal(s, "\x89PNG\r\n\x1a\n", 8);
	assert_true(strlen(s) < len); /* binary: NUL bytes inside */
	free(s);
	o.format = KN_FORMAT_PDF;
	s = render(m, &o, &len);
	assert_memory_equal(s, "%PDF-", 5);
	free(s);
	kn_map_close(m);
}

static void test_render_file(void **state)
{
	kn_map *m = two_signal_map();
	kn_map_options o;
	kn_error err;
	char dir[] = "/tmp/kn-map-XXXXXX", path[64];
	FILE *fp;
	char head[6] = "";

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/m.svg", dir);
	kn_map_options_init(&o);
	assert_int_equal(kn_map_render_file(renderer, m, &o, path, &err), KN_OK);
	fp = fopen(path, "rb");
	assert_non_null(fp);
	assert_int_equal(fread(head, 1, 5, fp), 5);
	fclose(fp);
	assert_string_equal(head, "<?xml");
	unlink(path);
	rmdir(dir);
	snprintf(path, sizeof path, "%s/no/such/m.svg", dir);
	assert_int_equal(kn_map_render_file(renderer, m, &o, path, &err), KN_ERR_IO);
	kn_map_close(m);
}

static void test_parse_names(void **state)
{
	kn_view v;
	kn_format f;

	(void)state;
	assert_int_equal(kn_view_parse("actor", &v), 0);
	assert_int_equal(v, KN_VIEW_ACTOR);
	assert_int_equal(kn_view_parse("Actor", &v), -1);
	assert_int_equal(kn_format_parse("pdf", &f), 0);
	assert_string_equal(kn_format_name(f), "pdf");
	assert_int_equal(kn_format_parse("gif", &f), -1);
	kn_map_close(NULL);
	kn_renderer_close(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_label_escapes),
		cmocka_unit_test(test_label_bounds),
		cmocka_unit_test(test_many_actors),
		cmocka_unit_test(test_many_signals),
		cmocka_unit_test(test_ids),
		cmocka_unit_test(test_signal_view_svg),
		cmocka_unit_test(test_prefix_and_scalable),
		cmocka_unit_test(test_chain_view),
		cmocka_unit_test(test_actor_view_aliases),
		cmocka_unit_test(test_corpus_min),
		cmocka_unit_test(test_dot_rereads),
		cmocka_unit_test(test_binary_formats),
		cmocka_unit_test(test_render_file),
		cmocka_unit_test(test_parse_names),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
