/* Card text made safe for Graphviz: node ids and plain labels.
 *
 * Graphviz reads a plain label in three passes (docs/maps.md): DOT
 * escapes (\N \G \l …), then HTML entities, then \n \l \r.  Text therefore
 * reaches it with '\\' as "&#92;&#92;" (the entity pass leaves "\\\\", the
 * escape pass "\\") and '&' as "&amp;", so no escape and no entity of the
 * card's own is ever interpreted.  Control characters are dropped because
 * Graphviz copies them raw into SVG, where they make the XML invalid. */
#include <stdlib.h>
#include <string.h>

#include "map_internal.h"
#include "kn_text.h"

#define REPLACEMENT 0xFFFDul
/* Cleaned bytes a label is made from (16 times what it may show). */
#define KN_MAP_LABEL_SCAN (16 * KN_MAP_LABEL_BYTES)

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

/* Cleans text until the result holds more than limit bytes; *more says
 * whether text was left uncleaned. */
static char *clean_upto(const char *text, size_t limit, int *more)
{
	kn_buf b = KN_BUF_INIT;
	size_t n = text ? strlen(text) : 0, i = 0, len;
	unsigned long cp;
	int what;

	while (i < n && b.len <= limit) {
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
	*more = i < n;
	return kn_buf_detach(&b, NULL);
}

char *kn_map_clean_text(const char *text)
{
	int more;

	return clean_upto(text, (size_t)-1, &more);
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

/* Display columns of the one character at p[0..len). */
static size_t char_width(const char *p, size_t len)
{
	char tmp[8];

	memcpy(tmp, p, len);
	tmp[len] = '\0';
	return kn_display_width(tmp);
}

/* A label being written: lines and bytes are bounded (map_internal.h). */
typedef struct wrap {
	kn_buf *b;
	size_t width;    /* display columns; 0: no wrapping */
	const char *eol;
	size_t col;      /* columns on the current line */
	size_t lines;    /* lines begun */
	size_t bytes;    /* text bytes written (before escaping) */
	int fresh;       /* the next word begins a line (a new paragraph) */
	int cut;         /* the label is full: the rest is left out */
} wrap;

/* Ends the current line and begins another: 0 (and the label cut) when
 * it has all the lines it may have. */
static int new_line(wrap *w)
{
	if (w->lines >= KN_MAP_LABEL_LINES) {
		w->cut = 1;
		return 0;
	}
	if (w->lines > 0)
		kn_buf_puts(w->b, w->eol);
	w->lines++;
	w->col = 0;
	w->fresh = 0;
	return 1;
}

/* Writes p[0..n) (cols wide) on the current line, after a space when
 * space; only what fits in the byte bound, cutting the label if not all
 * of it does. */
static void put_piece(wrap *w, const char *p, size_t n, size_t cols,
		      int space)
{
	size_t room = KN_MAP_LABEL_BYTES - w->bytes;

	if (space + n > room) {
		n = room > (size_t)space ? room - space : 0;
		while (n > 0 && ((unsigned char)p[n] & 0xC0) == 0x80)
			n--; /* whole characters only */
		w->cut = 1;
	}
	if (space)
		kn_buf_putc(w->b, ' ');
	put_escaped(w->b, p, n);
	w->bytes += space + n;
	w->col += space + cols;
}

/* Writes the word at p[0..n) (up to the next space), or its first line
 * when it is a run-on word (a URL) wider than half as much again as a
 * line.  Returns the bytes used; measuring stops at that width or at the
 * byte bound, so a word of any length costs what its label shows. */
static size_t put_word(wrap *w, const char *p, size_t n)
{
	size_t limit = w->width ? w->width + w->width / 2 : (size_t)-1;
	size_t room = KN_MAP_LABEL_BYTES - w->bytes;
	size_t i = 0, cols = 0, fit = 0, fit_cols = 0, len, cw;

	while (i < n && p[i] != ' ' && cols <= limit && i <= room) {
		len = kn_utf8_len(p + i, n - i);
		cw = char_width(p + i, len);
		if (!w->width || i == 0 || cols + cw <= w->width) {
			fit = i + len;
			fit_cols = cols + cw;
		}
		cols += cw;
		i += len;
	}
	if (cols > limit) { /* a run-on word: one line of it */
		if (new_line(w))
			put_piece(w, p, fit, fit_cols, 0);
		w->fresh = 1;
		return fit;
	}
	if (w->fresh || w->lines == 0 ||
	    (w->width && w->col + 1 + cols > w->width)) {
		if (!new_line(w))
			return 0;
		put_piece(w, p, i, cols, 0);
	} else {
		put_piece(w, p, i, cols, 1);
	}
	return i;
}

/* Wraps one paragraph (no newlines) greedily at spaces. */
static void put_paragraph(wrap *w, const char *p, size_t n)
{
	size_t i = 0;

	w->fresh = 1;
	while (i < n && !w->cut) {
		while (i < n && p[i] == ' ')
			i++;
		if (i < n)
			i += put_word(w, p + i, n - i);
	}
}

void kn_map_put_label(kn_buf *b, const char *text, size_t width,
		      const char *eol)
{
	char *p, *nl, *clean;
	wrap w;
	int more;

	/* a label shows at most KN_MAP_LABEL_BYTES: what lies far beyond
	 * them (blank runs and controls aside) is never looked at */
	clean = clean_upto(text, KN_MAP_LABEL_SCAN, &more);
	if (!clean)
		return;
	memset(&w, 0, sizeof w);
	w.b = b;
	w.width = width;
	w.eol = eol;
	for (p = clean; *p && !w.cut; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p);
		put_paragraph(&w, p, (size_t)(nl - p));
		if (!*nl)
			break;
	}
	if (w.cut || more) {
		kn_buf_puts(b, KN_MAP_ELLIPSIS);
		w.lines += w.lines == 0;
	}
	if (w.lines > 0)
		kn_buf_puts(b, eol);
	free(clean);
}

void kn_map_id_append(kn_buf *b, const char *s)
{
	kn_map_put_id(b, s);
}
