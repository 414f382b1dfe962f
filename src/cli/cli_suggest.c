/* "Did you mean": the names nearest a mistyped command, option or value.
 * The distance is Damerau-Levenshtein's optimal string alignment (a swap
 * of two neighbours costs one), ASCII case ignored; a word that starts a
 * name counts as one edit away.  Words over CLI_SUGGEST_MAX bytes are
 * never compared, so a huge argument costs only its strlen. */
#include <string.h>

#include "cli.h"

static unsigned char fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

static unsigned min3(unsigned a, unsigned b, unsigned c)
{
	unsigned m = a < b ? a : b;

	return m < c ? m : c;
}

unsigned cli_edit_distance(const char *a, size_t na, const char *b, size_t nb)
{
	unsigned rows[3][CLI_SUGGEST_MAX + 1];
	unsigned *before = rows[0], *prev = rows[1], *cur = rows[2], *t;
	size_t i, j;

	if (na > CLI_SUGGEST_MAX || nb > CLI_SUGGEST_MAX)
		return (unsigned)-1;
	for (j = 0; j <= nb; j++)
		prev[j] = (unsigned)j;
	for (i = 1; i <= na; i++) {
		unsigned char ai = fold((unsigned char)a[i - 1]);

		cur[0] = (unsigned)i;
		for (j = 1; j <= nb; j++) {
			unsigned char bj = fold((unsigned char)b[j - 1]);
			unsigned cost = ai != bj;

			cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
			if (i > 1 && j > 1 && ai == fold((unsigned char)b[j - 2]) &&
			    fold((unsigned char)a[i - 2]) == bj &&
			    before[j - 2] + 1 < cur[j])
				cur[j] = before[j - 2] + 1;
		}
		t = before;
		before = prev;
		prev = cur;
		cur = t;
	}
	return prev[nb];
}

/* How many edits still count as a slip for a word of n bytes. */
static unsigned threshold(size_t n)
{
	return n <= 4 ? 1 : n <= 8 ? 2 : 3;
}

static int starts(const char *word, size_t len, const char *name)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!name[i] || fold((unsigned char)name[i]) !=
					fold((unsigned char)word[i]))
			return 0;
	return 1;
}

void cli_suggest_init(cli_suggest *s, const char *word, size_t len)
{
	memset(s, 0, sizeof *s);
	s->word = word;
	s->len = len;
	s->best = (unsigned)-1;
}

void cli_suggest_consider(cli_suggest *s, const char *name)
{
	size_t n = strlen(name), k;
	unsigned d, limit = threshold(s->len);

	if (s->len == 0 || s->len > CLI_SUGGEST_MAX)
		return;
	if (s->len >= 2 && s->len < n && starts(s->word, s->len, name))
		d = 1; /* the start of the name */
	else if ((n > s->len ? n - s->len : s->len - n) > limit)
		return;
	else
		d = cli_edit_distance(s->word, s->len, name, n);
	if (d > limit || d > s->best)
		return;
	if (d < s->best) {
		s->best = d;
		s->n = 0;
	}
	for (k = 0; k < s->n; k++)
		if (strcmp(s->hits[k], name) == 0)
			return;
	if (s->n < CLI_SUGGEST_HITS)
		s->hits[s->n++] = name;
}

void cli_suggest_put(const cli_suggest *s, kn_buf *b, const char *prefix,
		     char quote)
{
	size_t k;

	if (s->n == 0)
		return;
	kn_buf_puts(b, "; did you mean ");
	for (k = 0; k < s->n; k++)
		kn_buf_printf(b, "%s%c%s%s%c",
			      k == 0 ? "" : k + 1 == s->n ? " or " : ", ", quote,
			      prefix, s->hits[k], quote);
	kn_buf_putc(b, '?');
}
