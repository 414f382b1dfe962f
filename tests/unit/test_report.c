/* Unit tests of the report module: page structure, escaping of hostile
 * card text in every field (HTML and Markdown), unique ids, safe anchors
 * and URLs, temporary file + rename, the Markdown folder, determinism. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "knockon/query.h"
#include "knockon/report.h"
#include "report_internal.h"

/* Every hostile thing at once; and how it must read once HTML-escaped. */
#define EVIL "<script>alert(1)</script>\" onmouseover=\"x()\" ' ]]> --> <!-- " \
	     "& javascript:y() <img src=x onerror=z()>"
#define EVIL_HTML "&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=" \
		  "&quot;x()&quot; &#39; ]]&gt; --&gt; &lt;!-- &amp; " \
		  "javascript:y() &lt;img src=x onerror=z()&gt;"

static kn_renderer *renderer;
static kn_store *store;
static char dir[] = "/tmp/knockon-test-report-XXXXXX";

static void set(char **field, const char *name)
{
	char text[512];

	snprintf(text, sizeof text, "F_%s " EVIL, name);
	assert_int_equal(kn_signal_set(field, text), KN_OK);
}

/* A signal with hostile text in every field, its own id and url. */
static void put_hostile(const char *id, const char *url, const char *date)
{
	kn_signal s;
	kn_error err;
	char a[512], b[512];
	kn_put put;

	kn_signal_init(&s);
	kn_signal_set(&s.id, id);
	set(&s.title, "title");
	set(&s.summary, "summary");
	set(&s.why_now, "why_now");
	set(&s.why_important, "why_important");
	set(&s.why_changes, "why_changes");
	set(&s.category, "category");
	set(&s.publisher, "publisher");
	set(&s.section, "section");
	set(&s.feed, "feed");
	set(&s.horizon, "horizon");
	kn_signal_set(&s.url, url);
	kn_signal_set(&s.published, date);
	s.score = 70;
	snprintf(a, sizeof a, "F_winner %s", EVIL);
	snprintf(b, sizeof b, "F_note %s", EVIL);
	assert_int_equal(kn_signal_add_actor(&s, KN_WINNER, a, b), KN_OK);
	assert_int_equal(kn_signal_add_actor(&s, KN_LOSER, "F_loser " EVIL, NULL), KN_OK);
	assert_int_equal(kn_signal_add_actor(&s, KN_LOSER, "Shared Loser", NULL), KN_OK);
	kn_signal_add_effect(&s, NULL, 1, "F_effect1 " EVIL, NULL, 0, 0);
	kn_signal_add_effect(&s, NULL, 2, "F_effect2 " EVIL, NULL, 0, 0);
	assert_int_equal(kn_signal_finish(&s, &err), KN_OK);
	assert_int_equal(kn_store_put(store, &s, &put, &err), KN_OK);
	kn_signal_release(&s);
}

static int setup(void **state)
{
	char path[256];

	(void)state;
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/k.db", dir);
	if (kn_renderer_open(&renderer, NULL) != KN_OK ||
	    kn_store_open(path, 0, &store, NULL) != KN_OK)
		return -1;
	put_hostile("h1", "javascript:alert(document.domain)", "2026-01-02");
	put_hostile("x\"><script>alert(7)</script>", "https://e.com/\"onmouseover=\"x&y",
		    "2026-01-03T10:00");
	put_hostile("h3", "JaVaScRiPt:alert(2)", "2026-01-01");
	return 0;
}

static int teardown(void **state)
{
	char cmd[300];

	(void)state;
	kn_store_close(store);
	kn_renderer_close(renderer);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static char *report(kn_report_format format)
{
	kn_report_options o;
	kn_buf b = KN_BUF_INIT;
	kn_error err;

	kn_report_options_init(&o);
	o.format = format;
	o.renderer = renderer;
	o.title = "Report " EVIL;
	o.made = 1764547200; /* 2025-12-01 */
	kn_error_clear(&err);
	assert_int_equal(kn_report_write(store, NULL, &o, &b, &err), KN_OK);
	return kn_buf_detach(&b, NULL);
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

static void test_structure(void **state)
{
	char *html = report(KN_REPORT_HTML);
	static const char *const sections[] = { "summary", "changes", "timeline",
		"losers", "winners", "contested", "corpus-map", "signals", "actors" };
	char probe[64];
	size_t i;

	(void)state;
	assert_true(strncmp(html, "<!DOCTYPE html>", 15) == 0);
	assert_non_null(strstr(html, "<meta http-equiv=\"Content-Security-Policy\" "
			      "content=\"default-src 'none'; style-src "
			      "'unsafe-inline'; img-src data:\">"));
	for (i = 0; i < sizeof sections / sizeof *sections; i++) {
		snprintf(probe, sizeof probe, "<section id=\"%s\">", sections[i]);
		assert_int_equal(count(html, probe), 1);
	}
	assert_int_equal(count(html, "<article class=\"signal\""), 3);
	/* the scope in the header; What changed: the 30 days to 2026-01-03,
	 * Shared Loser new in all three signals */
	assert_non_null(strstr(html, "<p class=\"scope\">Signals: all. What changed: "
			      "<time>2025-12-05</time> to <time>2026-01-03</time> against "
			      "<time>2025-11-05</time> to <time>2025-12-04</time>.</p>"));
	assert_non_null(strstr(html, ">Shared Loser</a></td><td>loser</td><td class=\"n\">0"
			      "</td><td class=\"n\">3</td><td class=\"n\">+3</td><td><span "
			      "class=\"status new\">new</span>"));
	assert_true(strstr(html, "id=\"changes\"") < strstr(html, "id=\"losers\""));
	/* corpus + 3 signals + the time line, and a trend line per change */
	assert_true(count(html, "<svg class=\"spark") > 0);
	assert_int_equal(count(html, "<svg"), 5 + count(html, "<svg class=\"spark"));
	assert_int_equal(count(html, "<style>"), 1);
	assert_non_null(strstr(html, "@media print"));
	assert_non_null(strstr(html, "@media (max-width:"));
	assert_non_null(strstr(html, "break-before:page"));
	/* SVG inlined bare: no prolog, DOCTYPE or comment; scalable */
	assert_null(strstr(html, "<?xml"));
	assert_null(strstr(html, "<!DOCTYPE svg"));
	assert_null(strstr(html, "<!--"));
	assert_non_null(strstr(html, "id=\"c0-"));
	assert_non_null(strstr(html, "id=\"m3-"));
	/* the header's date, from o->made */
	assert_non_null(strstr(html, "Made on <time>2025-12-01</time> (UTC)"));
	/* the period and the shared loser counted */
	assert_non_null(strstr(html, "<time>2026-01-01</time> to <time>2026-01-03</time>"));
	assert_non_null(strstr(html, ">Shared Loser</a></td><td class=\"n\">3</td>"));
	free(html);
}

static void test_html_escapes_every_field(void **state)
{
	static const char *const fields[] = { "title", "summary", "why_now",
		"why_important", "why_changes", "category", "publisher",
		"section", "feed", "horizon", "winner", "note", "loser",
		"effect1", "effect2" };
	char *html = report(KN_REPORT_HTML);
	char probe[600];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof fields / sizeof *fields; i++) {
		snprintf(probe, sizeof probe, "F_%s " EVIL_HTML, fields[i]);
		if (!strstr(html, probe))
			fail_msg("field %s not escaped as expected", fields[i]);
	}
	assert_non_null(strstr(html, "<title>Report " EVIL_HTML "</title>"));
	/* nothing of the payload survives as markup, anywhere */
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "<img"));
	assert_null(strstr(html, "\" onmouseover"));
	assert_null(strstr(html, "]]>"));
	assert_null(strstr(html, "-->"));
	free(html);
}

static void test_html_urls(void **state)
{
	char *html = report(KN_REPORT_HTML);
	const char *p;

	(void)state;
	/* javascript: URLs are text; the http one is a link, escaped */
	assert_non_null(strstr(html, "<span class=\"url\">javascript:alert(document.domain)</span>"));
	assert_non_null(strstr(html, "<span class=\"url\">JaVaScRiPt:alert(2)</span>"));
	assert_non_null(strstr(html, "href=\"https://e.com/&quot;onmouseover=&quot;x&amp;y\">"));
	for (p = strstr(html, "href=\""); p; p = strstr(p + 1, "href=\""))
		assert_true(p[6] == '#' || strncmp(p + 6, "https://", 8) == 0);
	free(html);
}

/* Every id on the page is unique, and every #anchor has its target. */
static void test_unique_ids_and_anchors(void **state)
{
	char *html = report(KN_REPORT_HTML);
	char **ids = NULL, probe[300];
	size_t n = 0, i, j;
	const char *p, *e;

	(void)state;
	for (p = strstr(html, " id=\""); p; p = strstr(e, " id=\"")) {
		p += 5;
		e = strchr(p, '"');
		assert_non_null(e);
		ids = realloc(ids, (n + 1) * sizeof *ids);
		ids[n++] = strndup(p, (size_t)(e - p));
	}
	assert_true(n > 50);
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (strcmp(ids[i], ids[j]) == 0)
				fail_msg("duplicate id %s", ids[i]);
	for (p = strstr(html, "href=\"#"); p; p = strstr(e, "href=\"#")) {
		p += 7;
		e = strchr(p, '"');
		snprintf(probe, sizeof probe, " id=\"%.*s\"", (int)(e - p), p);
		if (!strstr(html, probe))
			fail_msg("anchor #%.*s has no target", (int)(e - p), p);
		/* anchors are restricted to a safe alphabet */
		assert_true(strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
			    == (size_t)(e - p));
	}
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	free(html);
}

static void test_markdown_escapes(void **state)
{
	char *md = report(KN_REPORT_MD);
	const char *p;

	(void)state;
	assert_true(strncmp(md, "# Report ", 9) == 0);
	/* every '<' is escaped, or opens one of our own empty anchors */
	for (p = strchr(md, '<'); p; p = strchr(p + 1, '<')) {
		if (p > md && p[-1] == '\\')
			continue;
		if (strncmp(p, "<a id=\"", 7) != 0)
			fail_msg("raw '<' in markdown: %.40s", p);
		p = strstr(p, "\"></a>");
		assert_non_null(p);
		p += 5;
	}
	assert_non_null(strstr(md, "F\\_title \\<script>alert(1)\\</script>"));
	assert_non_null(strstr(md, "F\\_effect1 "));
	assert_null(strstr(md, "](javascript"));
	assert_non_null(strstr(md, "javascript:alert(document.domain)"));
	assert_non_null(strstr(md, "](report_maps/corpus-1.svg)"));
	assert_non_null(strstr(md, "](report_maps/sig-h1.svg)"));
	assert_non_null(strstr(md, "Made on 2025-12-01 (UTC)"));
	assert_non_null(strstr(md, "[Summary](#summary)"));
	assert_non_null(strstr(md, "## <a id=\"summary\"></a>Summary"));
	free(md);
}

static void test_deterministic(void **state)
{
	char *a = report(KN_REPORT_HTML), *b = report(KN_REPORT_HTML);

	(void)state;
	assert_string_equal(a, b);
	free(a);
	free(b);
}

static int no_temp_files(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int ok = 1;

	assert_non_null(d);
	/* temporary files are ".NAME.XXXXXX" */
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] == '.' && strcmp(e->d_name, ".") != 0 &&
		    strcmp(e->d_name, "..") != 0)
			ok = 0;
	closedir(d);
	return ok;
}

static void test_file_temp_and_rename(void **state)
{
	char path[300], bad[300], buf[64];
	kn_report_options o;
	kn_filter f;
	kn_error err;
	struct stat sb;
	FILE *fp;

	(void)state;
	kn_report_options_init(&o);
	o.renderer = renderer;
	snprintf(path, sizeof path, "%s/out/r.html", dir);
	snprintf(bad, sizeof bad, "%s/out", dir);
	assert_int_equal(mkdir(bad, 0777), 0);
	/* an old report stays whole when the new one fails */
	fp = fopen(path, "w");
	fputs("old report", fp);
	fclose(fp);
	kn_filter_init(&f);
	f.categories[f.n_categories++] = "no such category";
	assert_int_equal(kn_report_write_file(store, &f, &o, path, &err), KN_ERR_NOTFOUND);
	fp = fopen(path, "r");
	assert_non_null(fgets(buf, sizeof buf, fp));
	fclose(fp);
	assert_string_equal(buf, "old report");
	/* a success replaces it, leaving no temporary file */
	assert_int_equal(kn_report_write_file(store, NULL, &o, path, &err), KN_OK);
	assert_int_equal(stat(path, &sb), 0);
	assert_true(sb.st_size > 10000);
	assert_true(no_temp_files(bad));
	/* a folder that cannot be written: an error, nothing left behind */
	snprintf(bad, sizeof bad, "%s/out/r.html/x.html", dir);
	assert_int_equal(kn_report_write_file(store, NULL, &o, bad, &err), KN_ERR_IO);
}

static void test_markdown_folder(void **state)
{
	char path[300], file[400];
	kn_report_options o;
	kn_error err;
	struct stat sb;
	FILE *fp;

	(void)state;
	kn_report_options_init(&o);
	o.renderer = renderer;
	o.format = KN_REPORT_MD;
	assert_int_equal(kn_report_write_file(store, NULL, &o, "-", &err), KN_ERR_USAGE);
	snprintf(path, sizeof path, "%s/md/", dir);
	assert_int_equal(kn_report_write_file(store, NULL, &o, path, &err), KN_OK);
	snprintf(file, sizeof file, "%sreport.md", path);
	assert_int_equal(stat(file, &sb), 0);
	snprintf(file, sizeof file, "%sreport_maps/corpus-1.svg", path);
	fp = fopen(file, "r");
	assert_non_null(fp);
	assert_int_equal(fgetc(fp), '<');
	fclose(fp);
	snprintf(file, sizeof file, "%sreport_maps/sig-h1.svg", path);
	assert_int_equal(stat(file, &sb), 0);
	snprintf(file, sizeof file, "%sreport_maps", path);
	assert_true(no_temp_files(file));
	/* FILE.md: its maps in FILE_maps/, an existing maps/ untouched */
	snprintf(file, sizeof file, "%s/brief/maps", dir);
	snprintf(path, sizeof path, "%s/brief", dir);
	assert_int_equal(mkdir(path, 0777), 0);
	assert_int_equal(mkdir(file, 0777), 0);
	snprintf(path, sizeof path, "%s/brief/weekly.md", dir);
	assert_int_equal(kn_report_write_file(store, NULL, &o, path, &err), KN_OK);
	snprintf(path, sizeof path, "%s/brief/weekly_maps/corpus-1.svg", dir);
	assert_int_equal(stat(path, &sb), 0);
	assert_true(no_temp_files(file));
	assert_int_equal(rmdir(file), 0); /* still empty */
}

static void md_is(kn_buf *b, const char *in, const char *want)
{
	kn_buf_reset(b);
	rpt_md(b, in);
	assert_string_equal(kn_buf_cstr(b), want);
}

static void test_helpers(void **state)
{
	kn_report_format f;
	kn_buf b = KN_BUF_INIT;

	(void)state;
	assert_int_equal(kn_report_format_parse("md", &f), 0);
	assert_int_equal(f, KN_REPORT_MD);
	assert_int_equal(kn_report_format_parse("html", &f), 0);
	assert_int_equal(f, KN_REPORT_HTML);
	assert_int_equal(kn_report_format_parse("pdf", &f), -1);
	assert_false(rpt_url_linkable("javascript:alert(1)"));
	assert_false(rpt_url_linkable("https://a b"));
	assert_false(rpt_url_linkable("data:text/html,x"));
	assert_true(rpt_url_linkable("HTTPS://example.com/a?b=c&d"));
	kn_signal_anchor(&b, "../etc");
	assert_true(strncmp(kn_buf_cstr(&b), "sigx-", 5) == 0);
	kn_buf_reset(&b);
	rpt_html(&b, "a\x01" "b\xff" "c\xc2\x85" "d");
	assert_string_equal(kn_buf_cstr(&b), "ab\xEF\xBF\xBD" "cd");
	kn_buf_reset(&b);
	rpt_md(&b, "  # x\n\n1. y *z*");
	assert_string_equal(kn_buf_cstr(&b), "\\# x 1. y \\*z\\*");
	/* only what CommonMark needs: plain text stays as written */
	md_is(&b, "2025-12-03 11.8% AI & Software, U.S. (C#) - x!", "2025-12-03 "
	      "11.8% AI & Software, U.S. (C#) - x!");
	/* what would start a block, at the start */
	md_is(&b, "1. a", "1\\. a");
	md_is(&b, "12) a", "12\\) a");
	md_is(&b, "1234567890. a", "1234567890. a");
	md_is(&b, "- a", "\\- a");
	md_is(&b, "---", "\\---");
	md_is(&b, "+ a", "\\+ a");
	md_is(&b, "= a", "\\= a");
	md_is(&b, "> a", "\\> a");
	md_is(&b, "~~~", "\\~~~");
	md_is(&b, "#a", "\\#a");
	md_is(&b, "-5% a", "-5% a");
	/* a dropped control hides nothing: "-\x01 a" is "- a" once dropped */
	md_is(&b, "-\x01 a", "\\- a");
	md_is(&b, "-\xc2\x85 a", "\\- a");
	md_is(&b, "&\x01" "amp;", "\\&amp;");
	/* anywhere */
	md_is(&b, "a *b* _c_ `d` [e](f) <g> h|i \\j", "a \\*b\\* \\_c\\_ \\`d\\` "
	      "\\[e\\](f) \\<g> h\\|i \\\\j");
	md_is(&b, "&amp; &#60; & x", "\\&amp; \\&#60; & x");
	md_is(&b, "see https://x.example", "see https\\://x.example");
	md_is(&b, "Title #", "Title \\#");
	kn_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_structure),
		cmocka_unit_test(test_html_escapes_every_field),
		cmocka_unit_test(test_html_urls),
		cmocka_unit_test(test_unique_ids_and_anchors),
		cmocka_unit_test(test_markdown_escapes),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_file_temp_and_rename),
		cmocka_unit_test(test_markdown_folder),
		cmocka_unit_test(test_helpers),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
