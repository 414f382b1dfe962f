/* Tables as aligned text or CSV (knockon/format.h). */
#include "knockon/format.h"

#include <stdlib.h>
#include <string.h>

#include "kn_grow.h"
#include "kn_text.h"
#include "knockon/text.h"

struct kn_table {
	size_t ncols;
	size_t nrows;          /* including the header */
	char **cells;          /* nrows * ncols */
	size_t cap;            /* cells allocated */
	unsigned char *number; /* columns of numbers */
	int failed;
};

int kn_out_format_parse(const char *s, kn_out_format *out)
{
	static const char *const names[] = { "table", "json", "csv", "csv-raw" };
	static const kn_out_format values[] = { KN_OUT_TABLE, KN_OUT_JSON,
						KN_OUT_CSV, KN_OUT_CSV_RAW };
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = values[i];
			return 0;
		}
	return -1;
}

void kn_format_opts_init(kn_format_opts *o, kn_out_format format)
{
	memset(o, 0, sizeof *o);
	o->format = format;
}

const char *kn_format_date_cell(const char *published, char *out)
{
	size_t n = 0;

	if (!published || !published[0]) {
		strcpy(out, "-");
		return out;
	}
	/* the date part: up to a 'T' or ' ' before a time, at most 10 */
	while (n < KN_DATE_CELL - 1 && published[n] && published[n] != 'T' &&
	       published[n] != 't' && published[n] != ' ')
		n++;
	memcpy(out, published, n);
	out[n] = '\0';
	return out;
}

kn_table *kn_table_new(size_t ncols, const char *const *header)
{
	kn_table *t = calloc(1, sizeof *t);

	if (!t)
		return NULL;
	t->ncols = ncols;
	t->number = calloc(ncols ? ncols : 1, 1);
	if (!t->number) {
		free(t);
		return NULL;
	}
	kn_table_add(t, header);
	return t;
}

void kn_table_free(kn_table *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->number);
	free(t);
}

void kn_table_number(kn_table *t, size_t col)
{
	if (t && col < t->ncols)
		t->number[col] = 1;
}

void kn_table_add(kn_table *t, const char *const *cells)
{
	size_t i, base;

	if (!t || t->failed)
		return;
	if (!cells) {
		t->failed = 1;
		return;
	}
	base = t->nrows * t->ncols;
	if (t->ncols > (size_t)-1 - base || KN_GROW(t->cells, t->cap, base + t->ncols)) {
		t->failed = 1;
		return;
	}
	for (i = 0; i < t->ncols; i++) {
		t->cells[base + i] = strdup(cells[i] ? cells[i] : "");
		if (!t->cells[base + i])
			t->failed = 1;
	}
	t->nrows++;
}

/* A whole integer, as the numeric columns hold: "-5" there is a number,
 * not a formula. */
static int is_number(const char *s)
{
	if (*s == '-')
		s++;
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* The one CSV cell writer.  Card text is untrusted: control and bidi
 * characters are escaped as in tables, so a CSV piped to a terminal cannot
 * drive it; and unless raw, a text cell a spreadsheet would read as a
 * formula (one starting with = + - @, a tab or a carriage return) is
 * prefixed with ' and quoted, as OWASP advises.  A cell holding , " or a
 * line break is quoted, with " doubled (RFC 4180). */
static int put_csv_cell(kn_buf *out, const char *raw, int number, int is_raw)
{
	kn_buf b = KN_BUF_INIT;
	const char *s;
	int formula;

	kn_buf_put_printable(&b, raw, 1);
	if (kn_buf_failed(&b))
		return -1;
	s = kn_buf_cstr(&b);
	formula = !is_raw && (strchr("=+-@\t\r", raw[0]) || strchr("=+-@\t\r", s[0])) &&
		  raw[0] && !(number && is_number(s));
	if (!formula && !strpbrk(s, ",\"\r\n")) {
		kn_buf_append(out, s, b.len);
		kn_buf_release(&b);
		return 0;
	}
	kn_buf_puts(out, formula ? "\"'" : "\"");
	for (; *s; s++) {
		if (*s == '"')
			kn_buf_putc(out, '"');
		kn_buf_putc(out, *s);
	}
	kn_buf_putc(out, '"');
	kn_buf_release(&b);
	return 0;
}

static int write_csv(const kn_table *t, int raw, kn_buf *out)
{
	size_t r, c;

	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			if (c)
				kn_buf_putc(out, ',');
			if (put_csv_cell(out, t->cells[r * t->ncols + c],
					 r > 0 && t->number[c], raw))
				return -1;
		}
		kn_buf_puts(out, "\r\n");
	}
	return 0;
}

/* A cell as it shows in a terminal: escaped, on one line. */
static char *printable_cell(const char *s)
{
	kn_buf b = KN_BUF_INIT;

	kn_buf_put_printable(&b, s, 0);
	return kn_buf_detach(&b, NULL);
}

/* s (escaped, wider than w >= 2 columns) cut to at most w - 1 columns
 * and "…" (heap; NULL when out of memory).  Combining marks stay with the
 * character before them; a wide character that does not fit is left out. */
static char *cut_cell(const char *s, size_t w)
{
	kn_buf b = KN_BUF_INIT;
	size_t n = strlen(s), i = 0, used = 0;

	while (i < n) {
		unsigned long cp;
		size_t len = kn_utf8_decode(s + i, n - i, &cp);
		size_t cw = (size_t)kn_char_width(cp);

		if (used + cw > w - 1)
			break;
		used += cw;
		i += len;
	}
	kn_buf_append(&b, s, i);
	kn_buf_puts(&b, "\xe2\x80\xa6");
	return kn_buf_detach(&b, NULL);
}

/* The narrowest a cut column gets: its header, and 10 columns at least
 * (a date, "2026-06-24", is never cut). */
#define MIN_CUT 10
static size_t min_width(const char *header, size_t width)
{
	size_t h = kn_display_width(header), floor = width < MIN_CUT ? width : MIN_CUT;

	return h > floor ? h : floor;
}

/* Narrows the widest text columns until a line fits limit columns (or no
 * column can give more): each round takes the widest column that can
 * still give and brings it down to the next width, by one at least. */
static void fit_widths(const kn_table *t, char *const *shown, size_t *width,
		       size_t limit)
{
	size_t total = 2 * (t->ncols - 1), c;

	for (c = 0; c < t->ncols; c++)
		total += width[c];
	while (total > limit) {
		size_t widest = t->ncols, next = 0, to;

		for (c = 0; c < t->ncols; c++) {
			if (t->number[c] || width[c] <= min_width(shown[c], width[c]))
				continue;
			if (widest == t->ncols || width[c] > width[widest]) {
				if (widest != t->ncols && width[widest] > next)
					next = width[widest];
				widest = c;
			} else if (width[c] > next) {
				next = width[c];
			}
		}
		if (widest == t->ncols)
			return;
		to = width[widest] - 1;
		if (next < to)
			to = next;
		if (width[widest] - to > total - limit)
			to = width[widest] - (total - limit);
		if (to < min_width(shown[widest], width[widest]))
			to = min_width(shown[widest], width[widest]);
		total -= width[widest] - to;
		width[widest] = to;
	}
}

static void put_spaces(kn_buf *out, size_t n)
{
	static const char spaces[] = "                                ";

	for (; n > sizeof spaces - 1; n -= sizeof spaces - 1)
		kn_buf_append(out, spaces, sizeof spaces - 1);
	kn_buf_append(out, spaces, n);
}

/* cw: each shown cell's display width. */
static void put_aligned_rows(const kn_table *t, char *const *shown,
			     const size_t *cw, const size_t *width, kn_buf *out)
{
	size_t r, c;

	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			size_t i = r * t->ncols + c, pad = width[c] - cw[i];
			int last = c + 1 == t->ncols;

			if (t->number[c])
				put_spaces(out, pad);
			kn_buf_puts(out, shown[i]);
			if (!t->number[c] && !last)
				put_spaces(out, pad);
			kn_buf_puts(out, last ? "\n" : "  ");
		}
	}
}

static int write_aligned(const kn_table *t, size_t limit, kn_buf *out)
{
	size_t n = t->nrows * t->ncols, r;
	size_t *width = calloc(t->ncols ? t->ncols : 1, sizeof *width);
	size_t *cw = calloc(n ? n : 1, sizeof *cw);
	char **shown = calloc(n ? n : 1, sizeof *shown);
	int rc = 0;

	if (!width || !cw || !shown)
		rc = -1;
	for (r = 0; !rc && r < n; r++) {
		shown[r] = printable_cell(t->cells[r]);
		if (!shown[r])
			rc = -1;
		else if ((cw[r] = kn_display_width(shown[r])) > width[r % t->ncols])
			width[r % t->ncols] = cw[r];
	}
	if (!rc && limit && t->ncols) {
		fit_widths(t, shown, width, limit);
		for (r = 0; !rc && r < n; r++) {
			char *cut;

			if (cw[r] <= width[r % t->ncols])
				continue;
			if (!(cut = cut_cell(shown[r], width[r % t->ncols])))
				rc = -1;
			free(shown[r]);
			shown[r] = cut;
			if (cut)
				cw[r] = kn_display_width(cut);
		}
	}
	if (!rc)
		put_aligned_rows(t, shown, cw, width, out);
	for (r = 0; shown && r < n; r++)
		free(shown[r]);
	free(shown);
	free(cw);
	free(width);
	return rc;
}

kn_status kn_table_write_opts(const kn_table *t, const kn_format_opts *o,
			      kn_buf *out)
{
	if (o->format == KN_OUT_JSON)
		return KN_ERR_USAGE;
	if (!t || t->failed)
		return KN_ERR_NOMEM;
	if (o->bom && o->format != KN_OUT_TABLE)
		kn_buf_puts(out, "\xef\xbb\xbf");
	if (o->format == KN_OUT_TABLE ? write_aligned(t, o->width, out)
				      : write_csv(t, o->format == KN_OUT_CSV_RAW, out))
		return KN_ERR_NOMEM;
	return kn_buf_failed(out) ? KN_ERR_NOMEM : KN_OK;
}

kn_status kn_table_write(const kn_table *t, kn_out_format fmt, kn_buf *out)
{
	kn_format_opts o;

	kn_format_opts_init(&o, fmt);
	return kn_table_write_opts(t, &o, out);
}
