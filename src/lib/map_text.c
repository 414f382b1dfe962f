/* Card text made safe for Graphviz: node ids and plain labels.
 *
 * Graphviz reads a plain label in three passes (DEPENDENCIES.md): DOT
 * escapes (\N \G \l …), then HTML entities, then \n \l \r.  Text therefore
 * reaches it with '\\' as "&#92;&#92;" (the entity pass leaves "\\\\", the
 * escape pass "\\") and '&' as "&amp;", so no escape and no entity of the
 * card's own is ever interpreted.  Control characters are dropped because
 * Graphviz copies them raw into SVG, where they make the XML invalid. */
#include <stdlib.h>
#include <string.h>

#include "map_internal.h"
#include "text.h"

#define REPLACEMENT 0xFFFDul

/* What to do with a code point in a label: 1 keep, 0 drop, ' ' or '\n'. */
static int classify(unsigned long cp)
{
	if (cp == '\n')
		return '\n';
	if (cp == '\t' || cp == 0x2028 || cp == 0x2029 || cp == 0xA0)
		return ' ';
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return 0;
	if (cp == 0x061C || cp == 0x200B || cp == 0x200E || cp == 0x200F ||
	    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) ||
	    cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF)
		return 0;
	return 1;
}

char *kn_map_clean_text(const char *text)
{
	kn_buf b = KN_BUF_INIT;
	size_t n = text ? strlen(text) : 0, i = 0, len;
	unsigned long cp;
	int what;

	while (i < n) {
		len = kn_utf8_len(text + i, n - i);
		if (len == 0) {
			kn_utf8_put(&b, REPLACEMENT);
			i++;
			continue;
		}
		kn_utf8_decode(text + i, len, &cp);
		what = classify(cp);
		if (what == 1)
			kn_buf_append(&b, text + i, len);
		else if (what)
			kn_buf_putc(&b, (char)what);
		i += len;
	}
	return kn_buf_detach(&b, NULL);
}

void kn_map_put_id(kn_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(s), i = 0, len;
	unsigned long cp;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-') {
			kn_buf_putc(b, (char)c);
			i++;
			continue;
		}
		if (c == ' ') {
			kn_buf_putc(b, '+');
			i++;
			continue;
		}
		len = c >= 0x80 ? kn_utf8_len(s + i, n - i) : 0;
		if (len) {
			kn_utf8_decode(s + i, len, &cp);
			if (classify(cp) == 1) {
				kn_buf_append(b, s + i, len);
				i += len;
				continue;
			}
			len = 0;
		}
		kn_buf_putc(b, '%');
		kn_buf_putc(b, hex[c >> 4]);
		kn_buf_putc(b, hex[c & 15]);
		i++;
	}
}

static void put_escaped(kn_buf *b, const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] == '\\')
			kn_buf_puts(b, "&#92;&#92;");
		else if (p[i] == '&')
			kn_buf_puts(b, "&amp;");
		else
			kn_buf_putc(b, p[i]);
	}
}

/* Display width of p[0..n) (valid UTF-8). */
static size_t width_of(const char *p, size_t n)
{
	char tmp[256];

	if (n < sizeof tmp) {
		memcpy(tmp, p, n);
		tmp[n] = '\0';
		return kn_display_width(tmp);
	}
	return n; /* a very long word: bytes are a fair upper bound */
}

/* Bytes of the longest prefix of word p[0..n) no wider than width. */
static size_t fit_prefix(const char *p, size_t n, size_t width)
{
	size_t i = 0, len;
	unsigned long cp;

	while (i < n) {
		len = kn_utf8_decode(p + i, n - i, &cp);
		if (width_of(p, i + len) > width && i > 0)
			break;
		i += len;
	}
	return i;
}

/* Wraps one paragraph (no newlines) greedily at spaces. */
static void put_paragraph(kn_buf *b, const char *p, size_t n, size_t width,
			  const char *eol)
{
	size_t i = 0, line = 0, w, wl, cut;

	while (i < n) {
		while (i < n && p[i] == ' ')
			i++;
		for (wl = 0; i + wl < n && p[i + wl] != ' '; wl++)
			;
		if (wl == 0)
			break;
		w = width_of(p + i, wl);
		if (line > 0 && width && line + 1 + w > width) {
			kn_buf_puts(b, eol);
			line = 0;
		}
		if (width && w > width + width / 2) { /* a URL or a run-on word */
			cut = fit_prefix(p + i, wl, width); /* line is 0 here */
			put_escaped(b, p + i, cut);
			kn_buf_puts(b, eol);
			line = 0;
			i += cut;
			continue;
		}
		if (line > 0) {
			kn_buf_putc(b, ' ');
			line++;
		}
		put_escaped(b, p + i, wl);
		line += w;
		i += wl;
	}
	if (line > 0)
		kn_buf_puts(b, eol);
}

void kn_map_put_label(kn_buf *b, const char *text, size_t width,
		      const char *eol)
{
	char *clean = kn_map_clean_text(text), *p, *nl;

	if (!clean)
		return;
	for (p = clean; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p);
		put_paragraph(b, p, (size_t)(nl - p), width, eol);
		if (!*nl)
			break;
	}
	free(clean);
}

void kn_map_id_append(kn_buf *b, const char *s)
{
	kn_map_put_id(b, s);
}
