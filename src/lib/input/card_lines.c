/* Reading a pasted card line by line: LF, CRLF and lone CR line ends,
 * trimming, the byte checks (UTF-8, no control characters) and where one
 * card ends and the next begins. */
#include "card_lines.h"

#include <string.h>

#include "card_kinds.h"
#include "kn_text.h"

int kn_cursor_next(kn_cursor *c, kn_line *l)
{
	size_t i = c->pos;

	if (c->pos >= c->len)
		return 0;
	/* one pass for both ends: a text with only CRs must stay linear */
	while (i < c->len && c->text[i] != '\n' && c->text[i] != '\r')
		i++;
	l->p = c->text + c->pos;
	l->n = i - c->pos;
	l->no = ++c->no;
	if (i + 1 < c->len && c->text[i] == '\r' && c->text[i + 1] == '\n')
		i++;
	c->pos = i < c->len ? i + 1 : i;
	return 1;
}

/* Length of white space at the start (forward) or end of p[0..n). */
static size_t space_len(const unsigned char *p, size_t n, int at_end)
{
	if (n && kn_is_space(at_end ? p[n - 1] : p[0]))
		return 1;
	if (n >= 2 && !memcmp(at_end ? p + n - 2 : p, "\xC2\xA0", 2))
		return 2;
	if (n >= 3 && !memcmp(at_end ? p + n - 3 : p, "\xEF\xBB\xBF", 3))
		return 3;
	return 0;
}

void kn_card_trim(kn_line *l)
{
	size_t k;

	while ((k = space_len((const unsigned char *)l->p, l->n, 0)) > 0) {
		l->p += k;
		l->n -= k;
	}
	while ((k = space_len((const unsigned char *)l->p, l->n, 1)) > 0)
		l->n -= k;
}

/* 1-based column (in characters) of byte offset i of a line. */
static long column_of(const char *p, size_t i)
{
	long col = 1;
	size_t k;

	for (k = 0; k < i; k++)
		col += ((unsigned char)p[k] & 0xC0) != 0x80;
	return col;
}

int kn_card_check_bytes(kn_card_reader *r, const kn_line *l)
{
	long bad = kn_utf8_check(l->p, l->n);
	size_t i, end = bad < 0 ? l->n : (size_t)bad;

	for (i = 0; i < end; i++) {
		const unsigned char *u = (const unsigned char *)l->p + i;
		unsigned cp = u[0];

		if (u[0] == 0xC2 && u[1] < 0xA0)
			cp = u[1]; /* C1 control, U+0080–U+009F */
		else if ((u[0] >= 0x20 && u[0] != 0x7F) || u[0] == '\t')
			continue;
		kn_error_set(r->err, KN_ERR_PARSE, r->source, l->no,
			     column_of(l->p, i), NULL,
			     "expected text, got the control character U+%04X",
			     cp);
		return -1;
	}
	if (bad < 0)
		return 0;
	kn_error_set(r->err, KN_ERR_PARSE, r->source, l->no,
		     column_of(l->p, end), NULL,
		     "expected UTF-8 text, got the byte 0x%02X",
		     (unsigned char)l->p[end]);
	return -1;
}

int kn_card_line(kn_card_reader *r, kn_line *l)
{
	kn_cursor save = r->cur;
	kn_line raw;

	if (!kn_cursor_next(&r->cur, &raw))
		return 0;
	*l = raw;
	kn_card_trim(l);
	if (kn_card_is_header(l->p, l->n)) {
		r->cur = save;
		return 0;
	}
	return kn_card_check_bytes(r, &raw) ? -1 : 1;
}
