/* The card header (docs/format.md): "SIGNAL", the category, the date, the
 * signal score and the horizon, either run together on one line
 * ("SIGNALCapital Markets·Jun 24, 2026, 9:36 PMSignal75Short term") or
 * spread over several lines, as different browsers paste them. */
#include "card_header.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "card_kinds.h"
#include "card_lines.h"

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_upper(int c)
{
	return c >= 'A' && c <= 'Z';
}

static int is_lower(int c)
{
	return c >= 'a' && c <= 'z';
}

static int is_alpha(int c)
{
	return is_upper(c) || is_lower(c);
}

static int to_lower(int c)
{
	return is_upper(c) ? c + 32 : c;
}

/* Byte at i as an unsigned value, or -1 past the end. */
static int at(const char *p, size_t n, size_t i)
{
	return i < n ? (unsigned char)p[i] : -1;
}

static int ieq(const char *p, const char *word, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (to_lower((unsigned char)p[i]) != word[i])
			return 0;
	return 1;
}

/* Length of the separators between header parts at p: white space,
 * U+00A0, '·', '•', '|', ',', '—', '–'. */
static size_t sep_len(const char *p, size_t n)
{
	static const char *const multi[] = { "\xC2\xA0", "\xC2\xB7",
					     "\xE2\x80\xA2", "\xE2\x80\x94",
					     "\xE2\x80\x93" };
	size_t i;

	if (n && strchr(" \t|,", p[0]))
		return 1;
	for (i = 0; i < sizeof multi / sizeof multi[0]; i++) {
		size_t k = strlen(multi[i]);

		if (n >= k && memcmp(p, multi[i], k) == 0)
			return k;
	}
	return 0;
}

static void skip_seps(const char **p, size_t *n)
{
	size_t k;

	while (*n && (k = sep_len(*p, *n)) > 0) {
		*p += k;
		*n -= k;
	}
}

/* Drops separators from the end too (a category written "Markets ·"). */
static void trim_seps(const char **p, size_t *n)
{
	int cut = 1;

	skip_seps(p, n);
	while (*n && cut) {
		size_t k;

		cut = 0;
		for (k = 1; k <= 3 && k <= *n; k++) {
			if (sep_len(*p + *n - k, k) == k) {
				*n -= k;
				cut = 1;
				break;
			}
		}
	}
}

typedef struct when {
	int y, mo, d, h, mi, s;
	int has_time, has_sec, valid;
} when;

static const char *const month_names[12] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};

/* Length of a month name at p ("Jun", "June", "Sept", "Jun."), its number
 * (1–12) in *mo; 0 when there is none. */
static size_t match_month(const char *p, size_t n, int *mo)
{
	size_t k = 0;
	int i;

	while (k < n && k <= 9 && is_alpha((unsigned char)p[k]))
		k++;
	if (k < 3 || k > 9)
		return 0;
	for (i = 0; i < 12; i++) {
		size_t full = strlen(month_names[i]);

		if ((k == 3 || k == full || (i == 8 && k == 4)) &&
		    ieq(p, month_names[i], k)) {
			*mo = i + 1;
			return k + (at(p, n, k) == '.');
		}
	}
	return 0;
}

/* Reads 1 to max digits at p into *v; returns how many. */
static size_t digits(const char *p, size_t n, size_t max, int *v)
{
	size_t k = 0;

	*v = 0;
	while (k < n && k < max && is_digit((unsigned char)p[k]))
		*v = *v * 10 + (p[k++] - '0');
	return k;
}

static size_t spaces(const char *p, size_t n, size_t i)
{
	while (i < n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	return i;
}

/* A time after a date: ", 9:36 PM", " at 21:36", "T21:36:05".  Returns
 * the length taken, 0 when there is no time. */
static size_t match_time(const char *p, size_t n, when *w)
{
	size_t i = spaces(p, n, 0), k;
	int v, c;

	if (at(p, n, i) == ',' || at(p, n, i) == 'T')
		i = spaces(p, n, i + 1);
	if (n - i >= 3 && ieq(p + i, "at ", 3))
		i = spaces(p, n, i + 3);
	if ((k = digits(p + i, n - i, 2, &w->h)) == 0 || at(p, n, i + k) != ':')
		return 0;
	i += k + 1;
	if (digits(p + i, n - i, 2, &w->mi) != 2)
		return 0;
	i += 2;
	if (at(p, n, i) == ':' && digits(p + i + 1, n - i - 1, 2, &w->s) == 2) {
		w->has_sec = 1;
		i += 3;
	}
	w->has_time = 1;
	k = spaces(p, n, i);
	c = to_lower(at(p, n, k));
	if ((c == 'a' || c == 'p') && to_lower(at(p, n, k + 1)) == 'm' &&
	    !is_lower(at(p, n, k + 2))) {
		/* 12-hour clock: "12:05 AM" is five past midnight */
		v = w->h;
		w->valid = v >= 1 && v <= 12;
		w->h = (v % 12) + (c == 'p' ? 12 : 0);
		return k + 2;
	}
	w->valid = w->h <= 23;
	return i;
}

static int days_in(int y, int mo)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30,
				      31, 31, 30, 31, 30, 31 };

	if (mo == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[mo - 1];
}

/* The year after "Jun 24," or "24 June": four digits not followed by a
 * fifth. */
static size_t match_year(const char *p, size_t n, size_t i, int *y)
{
	if (at(p, n, i) == ',')
		i++;
	i = spaces(p, n, i);
	if (digits(p + i, n - i, 4, y) != 4 || is_digit(at(p, n, i + 4)))
		return 0;
	return i + 4;
}

/* "Jun 24, 2026", "June 24th 2026", "24 June 2026" or "2026-06-24". */
static size_t match_day(const char *p, size_t n, when *w)
{
	size_t i, k;

	if ((i = match_month(p, n, &w->mo)) > 0) {
		i = spaces(p, n, i);
		if ((k = digits(p + i, n - i, 2, &w->d)) == 0)
			return 0;
		i += k;
		if (n - i >= 2 && (ieq(p + i, "st", 2) || ieq(p + i, "nd", 2) ||
				   ieq(p + i, "rd", 2) || ieq(p + i, "th", 2)))
			i += 2;
		return match_year(p, n, i, &w->y);
	}
	if (digits(p, n, 4, &w->y) == 4 && at(p, n, 4) == '-' &&
	    digits(p + 5, n - 5, 2, &w->mo) == 2 && at(p, n, 7) == '-' &&
	    digits(p + 8, n - 8, 2, &w->d) == 2 && !is_digit(at(p, n, 10)))
		return 10;
	if ((i = digits(p, n, 2, &w->d)) == 0 || is_digit(at(p, n, i)))
		return 0;
	i = spaces(p, n, i);
	if ((k = match_month(p + i, n - i, &w->mo)) == 0)
		return 0;
	return match_year(p, n, i + k, &w->y);
}

/* A date, with its time when one follows; the length taken or 0. */
static size_t match_date(const char *p, size_t n, when *w)
{
	size_t i;

	memset(w, 0, sizeof *w);
	if ((i = match_day(p, n, w)) == 0)
		return 0;
	w->valid = w->mo >= 1 && w->mo <= 12 && w->d >= 1 &&
		   w->d <= days_in(w->y, w->mo);
	if (w->valid) {
		i += match_time(p + i, n - i, w);
		w->valid = w->valid && w->mi <= 59 && w->s <= 59;
	}
	return i;
}

/* Offset of the first date in p (where a word starts, or at a capital
 * letter, since parts run together: "MarketsJun 24"); n when none. */
static size_t find_date(const char *p, size_t n, when *w, size_t *len)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int c = (unsigned char)p[i], prev = i ? (unsigned char)p[i - 1] : ' ';

		if (is_alpha(c) && is_alpha(prev) && !is_upper(c))
			continue;
		if (is_digit(c) && is_digit(prev))
			continue;
		if (!is_alpha(c) && !is_digit(c))
			continue;
		if ((*len = match_date(p + i, n - i, w)) > 0)
			return i;
	}
	return n;
}

/* "Signal75", "Signal 75", or a lone "Signal" whose number is on the next
 * line (*pending set).  The length taken, 0 when p does not start so. */
static size_t match_score(const char *p, size_t n, int *score, int *pending)
{
	size_t i, k;

	*pending = 0;
	if (n < 6 || memcmp(p, "Signal", 6) != 0)
		return 0;
	i = 6;
	while (i < n && sep_len(p + i, n - i) > 0)
		i += sep_len(p + i, n - i);
	if (i == n) {
		*pending = 1;
		return n;
	}
	if ((k = digits(p + i, n - i, 9, score)) == 0)
		return 0;
	return i + k;
}

static size_t find_score(const char *p, size_t n)
{
	size_t i;
	int score, pending;

	for (i = 0; i + 6 <= n; i++)
		if (p[i] == 'S' && match_score(p + i, n - i, &score, &pending))
			return i;
	return n;
}

/* A line that reads as a horizon when it stands alone: short, and about
 * time ("Short term", "6–12 months"). */
static int horizon_like(const char *p, size_t n)
{
	static const char *const words[] = { "term", "month", "year", "week",
					     "day", "immediate", "ongoing" };
	size_t i, j, spaces_seen = 0;

	if (n == 0 || n > 32)
		return 0;
	for (i = 0; i < n; i++)
		spaces_seen += p[i] == ' ';
	if (spaces_seen > 3)
		return 0;
	for (i = 0; i < n; i++)
		for (j = 0; j < sizeof words / sizeof words[0]; j++)
			if (n - i >= strlen(words[j]) &&
			    ieq(p + i, words[j], strlen(words[j])))
				return 1;
	return 0;
}

enum stage { H_CAT, H_DATE, H_SCORE, H_NUM, H_HORIZON, H_DONE };

typedef struct header {
	kn_card_reader *r;
	kn_signal *sig;
	enum stage stage;
	int have_date, have_score;
} header;

static kn_status set_part(char **field, const char *p, size_t n)
{
	char *copy = strndup(p, n);
	kn_status st;

	if (!copy)
		return KN_ERR_NOMEM;
	st = kn_signal_set(field, copy);
	free(copy);
	return st;
}

static kn_status take_date(header *h, const when *w, const char *p,
			   size_t len, long line)
{
	char iso[40];

	/* the matched text is ASCII letters, digits and punctuation only */
	if (!w->valid)
		return kn_error_set(h->r->err, KN_ERR_PARSE, h->r->source, line,
				    0, "published",
				    "expected a real date in the header, got \"%.*s\"",
				    (int)len, p);
	if (w->has_sec)
		snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d:%02d", w->y,
			 w->mo, w->d, w->h, w->mi, w->s);
	else if (w->has_time)
		snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d", w->y,
			 w->mo, w->d, w->h, w->mi);
	else
		snprintf(iso, sizeof iso, "%04d-%02d-%02d", w->y, w->mo, w->d);
	h->have_date = 1;
	return kn_signal_set(&h->sig->published, iso);
}

static kn_status take_score(header *h, int score, long line)
{
	if (score > 100)
		return kn_error_set(h->r->err, KN_ERR_INVALID, h->r->source,
				    line, 0, "score",
				    "expected a signal score from 0 to 100, got %d",
				    score);
	h->sig->score = score;
	h->have_score = 1;
	h->stage = H_HORIZON;
	return KN_OK;
}

/* The category runs up to the date (or the score when there is no date). */
static kn_status part_category(header *h, const char **p, size_t *n)
{
	when w;
	size_t dlen, d = find_date(*p, *n, &w, &dlen), s = find_score(*p, *n);
	size_t end = d < s ? d : s, cn = end;
	const char *c = *p;
	kn_status st = KN_OK;

	trim_seps(&c, &cn);
	if (cn)
		st = set_part(&h->sig->category, c, cn);
	h->stage = H_DATE;
	*p += end;
	*n -= end;
	return st;
}

static kn_status part_date(header *h, const char **p, size_t *n, long line)
{
	when w;
	size_t len = match_date(*p, *n, &w);
	kn_status st;

	h->stage = H_SCORE;
	if (!len)
		return KN_OK; /* no date: the score may follow */
	st = take_date(h, &w, *p, len, line);
	*p += len;
	*n -= len;
	return st;
}

static kn_status part_score(header *h, const char **p, size_t *n, long line)
{
	int score = 0, pending;
	size_t len = match_score(*p, *n, &score, &pending);

	if (!len) {
		h->stage = H_HORIZON; /* no score: the horizon may follow */
		return KN_OK;
	}
	*p += len;
	*n -= len;
	if (pending) {
		h->stage = H_NUM;
		return KN_OK;
	}
	return take_score(h, score, line);
}

static kn_status part_number(header *h, const char **p, size_t *n, long line)
{
	int score;
	size_t k = digits(*p, *n, 9, &score);

	if (!k)
		return kn_error_set(h->r->err, KN_ERR_PARSE, h->r->source, line,
				    0, "score",
				    "expected the signal score after \"Signal\"");
	*p += k;
	*n -= k;
	return take_score(h, score, line);
}

/* Takes as many header parts from p as it holds, in their order. */
static kn_status parse_text(header *h, const char *p, size_t n, long line)
{
	kn_status st = KN_OK;

	while (!st && h->stage != H_DONE) {
		skip_seps(&p, &n);
		if (!n)
			break;
		switch (h->stage) {
		case H_CAT:
			st = part_category(h, &p, &n);
			break;
		case H_DATE:
			st = part_date(h, &p, &n, line);
			break;
		case H_SCORE:
			st = part_score(h, &p, &n, line);
			break;
		case H_NUM:
			st = part_number(h, &p, &n, line);
			break;
		default:
			trim_seps(&p, &n);
			st = set_part(&h->sig->horizon, p, n);
			h->stage = H_DONE;
			n = 0;
		}
	}
	return st;
}

/* Whether a following line carries the next header part rather than the
 * headline: only what the current stage can take is accepted. */
static int continues(const header *h, const char *p, size_t n)
{
	when w;
	int v, pending;
	const char *q = p;
	size_t m = n;

	skip_seps(&q, &m);
	if (m == 0)
		return 1; /* a lone "·" between parts */
	switch (h->stage) {
	case H_CAT:
		return !kn_card_is_heading(p, n);
	case H_DATE:
		return match_date(q, m, &w) > 0 ||
		       match_score(q, m, &v, &pending) > 0;
	case H_SCORE:
		return match_score(q, m, &v, &pending) > 0 ||
		       horizon_like(q, m);
	case H_NUM:
		return digits(q, m, 9, &v) == m;
	case H_HORIZON:
		return horizon_like(q, m);
	default:
		return 0;
	}
}

kn_status kn_card_read_header(kn_card_reader *r, const kn_line *first,
			      kn_signal *sig)
{
	header h = { r, sig, H_CAT, 0, 0 };
	long line = first->no;
	kn_status st;

	st = kn_signal_set(&sig->kind, "signal");
	if (!st)
		st = parse_text(&h, first->p + 6, first->n - 6, line);
	while (!st && h.stage != H_DONE) {
		kn_cursor save = r->cur;
		kn_line l;
		int got;

		while ((got = kn_card_line(r, &l)) == 1 && l.n == 0)
			;
		if (got != 1 || !continues(&h, l.p, l.n)) {
			r->cur = save; /* the body reads (and checks) it again */
			break;
		}
		line = l.no;
		st = parse_text(&h, l.p, l.n, line);
	}
	if (st)
		return st;
	if (h.stage == H_NUM)
		return kn_error_set(r->err, KN_ERR_PARSE, r->source, line, 0,
				    "score",
				    "expected the signal score after \"Signal\"");
	if (!h.have_date && !h.have_score)
		return kn_error_set(r->err, KN_ERR_PARSE, r->source, first->no,
				    0, NULL,
				    "expected a date such as \"Jun 24, 2026\" or a score such as \"Signal 75\" after \"SIGNAL\"");
	return KN_OK;
}
