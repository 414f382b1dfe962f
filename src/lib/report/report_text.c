/* Escaping and naming for reports: card text is untrusted (docs/report.md), so it
 * only ever reaches a page through these helpers, and anchors and file
 * names are never made of raw card text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "report_internal.h"
#include "kn_text.h"

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* Walks s calling put for each safe unit: an ASCII byte as itself, a valid
 * multibyte sequence whole, an invalid byte as U+FFFD.  Controls other
 * than \n and \t are dropped here and bidi controls made visible, once
 * for every output format. */
typedef void (*unit_fn)(kn_buf *b, const char *p, size_t n, void *ctx);

/* A bidi control would reorder what the reader sees (a title shown
 * reversed, a URL reading as another): it is shown as "<U+202E>", one
 * ASCII unit at a time so each format escapes the brackets its way. */
static void put_visible(kn_buf *b, unsigned long cp, unit_fn put, void *ctx)
{
	char name[16];
	int i, n = snprintf(name, sizeof name, "<U+%04lX>", cp);

	for (i = 0; i < n; i++)
		put(b, name + i, 1, ctx);
}

static void walk(kn_buf *b, const char *s, unit_fn put, void *ctx)
{
	size_t n = strlen(s), i = 0, k;
	unsigned long cp;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x80) {
			if (c >= 0x20 ? c != 0x7F : (c == '\n' || c == '\t'))
				put(b, s + i, 1, ctx);
			i++;
			continue;
		}
		k = kn_utf8_len(s + i, n - i);
		if (k == 0) {
			put(b, replacement, 3, ctx);
			i++;
			continue;
		}
		kn_utf8_decode(s + i, k, &cp);
		if (kn_is_bidi_control(cp))
			put_visible(b, cp, put, ctx);
		else if (!(cp >= 0x80 && cp <= 0x9F)) /* C1 dropped too */
			put(b, s + i, k, ctx);
		i += k;
	}
}

static void html_unit(kn_buf *b, const char *p, size_t n, void *ctx)
{
	(void)ctx;
	if (n == 1) {
		switch (p[0]) {
		case '&': kn_buf_puts(b, "&amp;"); return;
		case '<': kn_buf_puts(b, "&lt;"); return;
		case '>': kn_buf_puts(b, "&gt;"); return;
		case '"': kn_buf_puts(b, "&quot;"); return;
		case '\'': kn_buf_puts(b, "&#39;"); return;
		default: break;
		}
	}
	kn_buf_append(b, p, n);
}

void rpt_html(kn_buf *b, const char *s)
{
	if (s)
		walk(b, s, html_unit, NULL);
}

/* Calls each(b, paragraph) for the paragraphs of s (split on lines that
 * are blank), each one a temporary copy. */
static void paragraphs(kn_buf *b, const char *s,
		       void (*each)(kn_buf *b, const char *para, void *ctx),
		       void *ctx)
{
	const char *p = s, *end, *q;

	while (p && *p) {
		/* a blank line: "\n", optional spaces, "\n" */
		end = p;
		for (;;) {
			end = strchr(end, '\n');
			if (!end)
				break;
			q = end + 1;
			while (*q == ' ' || *q == '\t' || *q == '\r')
				q++;
			if (*q == '\n' || *q == '\0')
				break;
			end++;
		}
		{
			size_t n = end ? (size_t)(end - p) : strlen(p);
			char *para = kn_strndup_trim(p, n);

			if (!para) {
				b->failed = 1; /* the buffer's sticky failure */
				return;
			}
			if (para[0])
				each(b, para, ctx);
			free(para);
		}
		if (!end)
			break;
		p = end + 1;
	}
}

static void html_para(kn_buf *b, const char *para, void *ctx)
{
	(void)ctx;
	kn_buf_puts(b, "<p>");
	rpt_html(b, para);
	kn_buf_puts(b, "</p>\n");
}

void rpt_html_paras(kn_buf *b, const char *s)
{
	if (s)
		paragraphs(b, s, html_para, NULL);
}

/* Markdown: a backslash before exactly the characters that could make
 * CommonMark structure out of card text, so that "2025-12-03", "11.8%"
 * and "AI & Software" read as they are written:
 *   anywhere: \ ` * _ [ ] < | (escapes, code, emphasis, links, raw HTML,
 *             table cells), & before a letter, digit or # (an entity), :
 *             before // (a bare URL some renderers link);
 *   # at the start or after a space when a heading's marks could follow;
 *   at the start of the text (where it may begin a line): > (a quote),
 *             - + = ~ before white space, the end or the same character
 *             (a list, a rule, a heading underline, a fence), the . or )
 *             after up to nine digits before white space or the end (an
 *             ordered list).
 * White space runs (newlines too) become one space, so card text never
 * starts a line of its own: the start of the text is the only start. */
typedef struct md_state {
	int space;   /* white space pending */
	size_t pos;  /* units written */
	int digits;  /* every unit so far a digit */
} md_state;

static int md_end(char c)
{
	return c == '\0' || c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* The next byte from p that walk keeps: controls (C0 but \n and \t, DEL,
 * C1) are dropped, so they must not hide what follows a character. */
static const char *kept(const char *p)
{
	for (;;) {
		unsigned char c = (unsigned char)p[0];

		if ((c < 0x20 && c != '\0' && c != '\n' && c != '\t') || c == 0x7F)
			p++;
		else if (c == 0xC2 && (unsigned char)p[1] >= 0x80 &&
			 (unsigned char)p[1] <= 0x9F)
			p += 2;
		else
			return p;
	}
}

static int md_needs_escape(const char *at, const md_state *st)
{
	char c = at[0], p[3];
	const char *q = kept(at + 1);

	/* the kept characters after this one */
	p[0] = c;
	p[1] = *q;
	p[2] = *q ? *kept(q + 1) : '\0';

	if (strchr("\\`*_[]<|", c))
		return 1;
	if (c == '&')
		return (p[1] >= 'a' && p[1] <= 'z') || (p[1] >= 'A' && p[1] <= 'Z') ||
		       (p[1] >= '0' && p[1] <= '9') || p[1] == '#';
	if (c == ':')
		return p[1] == '/' && p[2] == '/';
	if (c == '#')
		return st->pos == 0 || (st->space && (md_end(p[1]) || p[1] == '#'));
	if (st->pos == 0 && c == '>')
		return 1;
	if (st->pos == 0 && strchr("-+=~", c))
		return md_end(p[1]) || p[1] == c;
	if ((c == '.' || c == ')') && st->digits && st->pos > 0 && st->pos <= 9)
		return md_end(p[1]);
	return 0;
}

static void md_unit(kn_buf *b, const char *p, size_t n, void *ctx)
{
	md_state *st = ctx;

	if (n == 1 && (p[0] == ' ' || p[0] == '\n' || p[0] == '\t' ||
		       p[0] == '\r')) {
		st->space = 1;
		return;
	}
	if (st->space)
		kn_buf_putc(b, ' ');
	if (n == 1 && md_needs_escape(p, st))
		kn_buf_putc(b, '\\');
	st->digits = (st->pos == 0 || st->digits) && !st->space && n == 1 &&
		     p[0] >= '0' && p[0] <= '9';
	st->space = 0;
	st->pos++;
	kn_buf_append(b, p, n);
}

void rpt_md(kn_buf *b, const char *s)
{
	md_state st = { 0, 0, 0 };

	if (!s)
		return;
	while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
		s++;
	walk(b, s, md_unit, &st);
}

static void md_para(kn_buf *b, const char *para, void *ctx)
{
	int *first = ctx;

	if (!*first)
		kn_buf_puts(b, "\n\n");
	*first = 0;
	rpt_md(b, para);
}

void rpt_md_paras(kn_buf *b, const char *s)
{
	int first = 1;

	if (s)
		paragraphs(b, s, md_para, &first);
}

/* Non-zero unless cp is a control, a bidi or other format character or
 * white space: a link whose text is not what it seems is not made. */
static int url_char(unsigned long cp)
{
	if (cp <= 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0xAD)
		return 0;
	if (kn_is_bidi_control(cp) || cp == 0x1680 || cp == 0x180E ||
	    (cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) ||
	    (cp >= 0x205F && cp <= 0x206F) || cp == 0x3000 || cp == 0xFEFF)
		return 0;
	return 1;
}

int rpt_url_linkable(const char *url)
{
	size_t n, i = 0, k;
	unsigned long cp;

	if (!url)
		return 0;
	if (strncasecmp(url, "http://", 7) != 0 &&
	    strncasecmp(url, "https://", 8) != 0)
		return 0;
	n = strlen(url);
	while (i < n) {
		k = kn_utf8_len(url + i, n - i);
		if (k == 0)
			return 0;
		kn_utf8_decode(url + i, k, &cp);
		if (!url_char(cp))
			return 0;
		i += k;
	}
	return 1;
}

void rpt_actor_anchor(kn_buf *b, unsigned long long actor)
{
	kn_buf_printf(b, "actor-%016llx", actor);
}

unsigned long long rpt_actor_hash(const rpt *r, const char *name)
{
	char *key = kn_actor_ids_resolve(r->ids, name, NULL);
	unsigned long long h;

	if (!key)
		return 0;
	h = kn_hash64(key, strlen(key));
	free(key);
	return h;
}
