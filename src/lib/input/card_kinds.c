/* What a trimmed card line is (card_kinds.h): a card's header line or a
 * section heading. */
#include "card_kinds.h"

#include <string.h>

#include "kn_text.h"

static const kn_card_heading headings[] = {
	{ "why this matters", S_WHY, 0 },
	{ "why now", S_WHY_NOW, 0 },
	{ "why it's important", S_WHY_IMPORTANT, 0 },
	{ "why its important", S_WHY_IMPORTANT, 0 },
	{ "why it is important", S_WHY_IMPORTANT, 0 },
	{ "what changes", S_WHY_CHANGES, 0 },
	{ "winners", S_WINNERS, 0 },
	{ "losers", S_LOSERS, 0 },
	{ "second order effects", S_EFFECTS, 0 },
	{ "knock on effects", S_EFFECTS, 0 },
	{ "effects", S_EFFECTS, 0 },
	{ "direct", S_ORDER, 1 },
	{ "direct effects", S_ORDER, 1 },
	{ "first order", S_ORDER, 1 },
	{ "first order effects", S_ORDER, 1 },
	{ "second", S_ORDER, 2 },
	{ "second order", S_ORDER, 2 },
	{ "third", S_ORDER, 3 },
	{ "third order", S_ORDER, 3 },
	{ "third order effects", S_ORDER, 3 },
	{ "fourth", S_ORDER, 4 },
	{ "fourth order", S_ORDER, 4 },
	{ "fifth", S_ORDER, 5 },
	{ "fifth order", S_ORDER, 5 },
	{ "original report", S_FOOTER, 0 },
};

/* Writes the comparable form of a possible heading into out: ASCII
 * lowercase, typographic apostrophes folded, hyphens and dashes made
 * spaces, runs of spaces made one, a trailing colon dropped.  Returns 0
 * when p cannot be a heading (too long, other non-ASCII text). */
static int normalize(const char *p, size_t n, char out[KN_CARD_HEADING_MAX])
{
	size_t i = 0, k = 0;

	while (i < n) {
		const unsigned char *u = (const unsigned char *)p + i;
		char o;

		if (n - i >= 3 && u[0] == 0xE2 && u[1] == 0x80 &&
		    (u[2] == 0x98 || u[2] == 0x99)) {
			o = '\'';
			i += 3;
		} else if (n - i >= 3 && u[0] == 0xE2 && u[1] == 0x80 &&
			   (u[2] == 0x93 || u[2] == 0x94)) {
			o = ' ';
			i += 3;
		} else if (u[0] >= 0x80) {
			return 0;
		} else {
			o = (u[0] == '-' || kn_is_space(u[0])) ? ' ' : (char)u[0];
			if (o >= 'A' && o <= 'Z')
				o = (char)(o + 32);
			i++;
		}
		if (o == ' ' && (k == 0 || out[k - 1] == ' '))
			continue;
		if (k + 1 >= KN_CARD_HEADING_MAX)
			return 0;
		out[k++] = o;
	}
	while (k && (out[k - 1] == ' ' || out[k - 1] == ':'))
		k--;
	out[k] = '\0';
	return k > 0;
}

const kn_card_heading *kn_card_find_heading(const char *p, size_t n)
{
	char norm[KN_CARD_HEADING_MAX];
	size_t i;

	if (!normalize(p, n, norm))
		return NULL;
	for (i = 0; i < sizeof headings / sizeof headings[0]; i++)
		if (strcmp(norm, headings[i].name) == 0)
			return &headings[i];
	return NULL;
}

/* How far a look-alike of h may lie from it (kn_card_near_heading). */
static size_t reach(const kn_card_heading *h)
{
	size_t n = strlen(h->name);

	if (h->sec == S_ORDER && !strchr(h->name, ' '))
		return 0;
	return n < 12 ? 1 : 2;
}

/* Damerau-Levenshtein distance (adjacent transpositions, each substring
 * edited once) of a and b, both shorter than KN_CARD_HEADING_MAX. */
static size_t distance(const char *a, size_t na, const char *b, size_t nb)
{
	size_t rows[3][KN_CARD_HEADING_MAX + 1];
	size_t *two = rows[0], *one = rows[1], *cur = rows[2], *t;
	size_t i, j;

	for (j = 0; j <= nb; j++)
		one[j] = j;
	for (i = 1; i <= na; i++) {
		cur[0] = i;
		for (j = 1; j <= nb; j++) {
			size_t cost = a[i - 1] != b[j - 1], d = one[j - 1] + cost;

			if (one[j] + 1 < d)
				d = one[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && two[j - 2] + 1 < d)
				d = two[j - 2] + 1;
			cur[j] = d;
		}
		t = two;
		two = one;
		one = cur;
		cur = t;
	}
	return one[nb];
}

const kn_card_heading *kn_card_near_heading(const char *p, size_t n)
{
	const kn_card_heading *best = NULL;
	char norm[KN_CARD_HEADING_MAX];
	size_t i, len, best_d = (size_t)-1;

	if (!normalize(p, n, norm) || kn_card_find_heading(p, n))
		return NULL;
	len = strlen(norm);
	for (i = 0; i < sizeof headings / sizeof headings[0]; i++) {
		const kn_card_heading *h = &headings[i];
		size_t r = reach(h), hn = strlen(h->name), d;

		if (!r || (len > hn ? len - hn : hn - len) > r)
			continue; /* a length apart is a distance apart */
		d = distance(norm, len, h->name, hn);
		if (d <= r && d < best_d) {
			best = h;
			best_d = d;
		}
	}
	return best;
}

int kn_card_is_heading(const char *p, size_t n)
{
	return kn_card_find_heading(p, n) != NULL;
}

int kn_card_is_header(const char *p, size_t n)
{
	/* capitals run on from "SIGNAL" in a category such as "SIGNALAI·",
	 * but these make other words */
	static const char *const words[] = { "S", "ED", "ER", "ERS", "ING",
					     "LED", "LER", "LERS", "LING",
					     "LY" };
	size_t i, k = 6;
	int c;

	if (n < 6 || memcmp(p, "SIGNAL", 6) != 0)
		return 0;
	while (k < n && p[k] >= 'A' && p[k] <= 'Z')
		k++;
	c = k < n ? (unsigned char)p[k] : -1;
	if (c >= 'a' && c <= 'z')
		return 1; /* "SIGNALCapital": a capitalised word follows */
	if (c >= 0 && c < 0x80 && c != ' ' && c != '\t' && c != '|')
		return 0; /* "SIGNAL:", "SIGNAL7" */
	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (k - 6 == strlen(words[i]) && !memcmp(p + 6, words[i], k - 6))
			return 0;
	return 1;
}
