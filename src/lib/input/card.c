/* Pasted signal cards (docs/format.md): splits a text into cards at their
 * header lines and reads each card's sections into a kn_signal.  Lines are read
 * by card_lines.c and the header by card_header.c; what a line is (a
 * header, a heading) comes from card_kinds.c.  The calls go one way:
 * card.c -> card_header.c -> card_lines.c -> card_kinds.c. */
#include "knockon/card.h"

#include <stdlib.h>
#include <string.h>

#include "knockon/buf.h"
#include "card_header.h"
#include "card_kinds.h"
#include "card_lines.h"
#include "kn_text.h"

#define MAX_ORDER 5

static const char *const order_names[MAX_ORDER + 1] = {
	"", "Direct", "Second", "Third", "Fourth", "Fifth"
};

/* A heading on its own line, or "Heading: text" with the text in *rest. */
static const kn_card_heading *heading_of(const kn_line *l, kn_line *rest)
{
	const kn_card_heading *h = kn_card_find_heading(l->p, l->n);
	size_t i;

	rest->p = l->p + l->n;
	rest->n = 0;
	rest->no = l->no;
	if (h)
		return h;
	for (i = 0; i < l->n && i < KN_CARD_HEADING_MAX; i++) {
		if (l->p[i] != ':')
			continue;
		h = kn_card_find_heading(l->p, i);
		if (h) {
			rest->p = l->p + i + 1;
			rest->n = l->n - i - 1;
			kn_card_trim(rest);
		}
		return h;
	}
	return NULL;
}

/* ---- the body of a card ---- */

typedef struct body {
	kn_card_reader *r;
	kn_signal *sig;
	enum kn_card_section sec;
	int order;
	char **target; /* where the paragraphs in text go */
	kn_buf text;
	kn_buf scratch; /* a NUL-terminated copy of one line */
	size_t count[MAX_ORDER + 1];
	long order_line[MAX_ORDER + 1];
} body;

static int ihas_prefix(const kn_line *l, const char *prefix)
{
	size_t i, n = strlen(prefix);

	if (l->n < n)
		return 0;
	for (i = 0; i < n; i++) {
		int c = (unsigned char)l->p[i];

		if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != prefix[i])
			return 0;
	}
	return 1;
}

static const char *line_cstr(body *b, const kn_line *l)
{
	kn_buf_reset(&b->scratch);
	kn_buf_append(&b->scratch, l->p, l->n);
	return kn_buf_failed(&b->scratch) ? NULL : kn_buf_cstr(&b->scratch);
}

static kn_status set_from(body *b, char **field, const char *p, size_t n)
{
	kn_line l = { p, n, 0 };
	const char *s;

	kn_card_trim(&l);
	s = line_cstr(b, &l);
	return s ? kn_signal_set(field, s) : KN_ERR_NOMEM;
}

static kn_status flush_text(body *b)
{
	kn_status st = KN_OK;

	if (kn_buf_failed(&b->text))
		st = KN_ERR_NOMEM;
	else if (b->target && b->text.len)
		st = kn_signal_set(b->target, kn_buf_cstr(&b->text));
	kn_buf_reset(&b->text);
	b->target = NULL;
	return st;
}

static char **target_of(kn_signal *s, enum kn_card_section sec)
{
	switch (sec) {
	case S_LEAD:
		return &s->summary;
	case S_WHY_NOW:
		return &s->why_now;
	case S_WHY: /* a lone "Why this matters" paragraph says why it's important */
	case S_WHY_IMPORTANT:
		return &s->why_important;
	case S_WHY_CHANGES:
		return &s->why_changes;
	default:
		return NULL;
	}
}

static kn_status enter(body *b, enum kn_card_section sec, int order, long line)
{
	kn_status st = flush_text(b);

	b->sec = sec;
	b->order = order;
	b->target = target_of(b->sig, sec);
	/* a heading given twice adds to the text under the first */
	if (b->target && *b->target)
		kn_buf_puts(&b->text, *b->target);
	if (sec == S_ORDER && !b->order_line[order])
		b->order_line[order] = line;
	return st;
}

/* Length of the list marker that starts l, 0 when none: "•", "·", "▪" and
 * the like; "-", "*", "+" only when a space follows, so that a name such
 * as "*NSYNC" survives; "1." or "2)" with a space after. */
static size_t marker_len(const kn_line *l)
{
	static const char *const marks[] = {
		"\xE2\x80\xA2", "\xC2\xB7", "\xE2\x80\xA3", "\xE2\x97\xA6",
		"\xE2\x96\xAA", "\xE2\x97\x8F", "\xE2\x96\xA0", "\xE2\x96\xBA",
		"\xE2\x96\xB8", "\xE2\x81\x83"
	};
	size_t i, k;

	for (i = 0; i < sizeof marks / sizeof marks[0]; i++) {
		k = strlen(marks[i]);
		if (l->n >= k && memcmp(l->p, marks[i], k) == 0)
			return k;
	}
	if (l->n && strchr("-*+", l->p[0]) &&
	    (l->n == 1 || kn_is_space((unsigned char)l->p[1])))
		return 1;
	for (i = 0; i < 3 && i < l->n && l->p[i] >= '0' && l->p[i] <= '9';)
		i++;
	if (i && i + 1 < l->n && strchr(".)", l->p[i]) &&
	    kn_is_space((unsigned char)l->p[i + 1]))
		return i + 1;
	return 0;
}

/* Drops any run of list markers ("• ·") and the indentation around them. */
static void strip_bullets(kn_line *l)
{
	size_t k;

	kn_card_trim(l);
	while ((k = marker_len(l)) > 0) {
		l->p += k;
		l->n -= k;
		kn_card_trim(l);
	}
}

static kn_status add_actor(body *b, kn_line *l)
{
	kn_role role = b->sec == S_WINNERS ? KN_WINNER : KN_LOSER;
	size_t n = role == KN_WINNER ? b->sig->n_winners : b->sig->n_losers;
	const char *s;
	kn_status st;

	strip_bullets(l);
	if (!l->n)
		return KN_OK;
	if (n >= KN_MAX_ACTORS)
		return kn_error_set(b->r->err, KN_ERR_PARSE, b->r->source, l->no,
				    0, NULL,
				    "expected at most %d %s in one card", KN_MAX_ACTORS,
				    role == KN_WINNER ? "winners" : "losers");
	s = line_cstr(b, l);
	if (!s)
		return KN_ERR_NOMEM;
	st = kn_signal_add_actor_text(b->sig, role, s);
	if (st == KN_ERR_INVALID)
		return kn_error_set(b->r->err, KN_ERR_PARSE, b->r->source, l->no,
				    0, role == KN_WINNER ? "winners" : "losers",
				    "\"%s\" entry must name an actor, not only punctuation, got \"%.40s\"",
				    role == KN_WINNER ? "winners" : "losers", s);
	return st;
}

static kn_status add_effect(body *b, kn_line *l)
{
	const char *s;

	strip_bullets(l);
	if (!l->n)
		return KN_OK;
	if (b->sig->n_effects >= KN_MAX_EFFECTS)
		return kn_error_set(b->r->err, KN_ERR_PARSE, b->r->source, l->no,
				    0, NULL,
				    "expected at most %d effects in one card",
				    KN_MAX_EFFECTS);
	s = line_cstr(b, l);
	if (!s)
		return KN_ERR_NOMEM;
	b->count[b->order]++;
	return kn_signal_add_effect(b->sig, NULL, b->order, s, NULL, 0, 0);
}

/* A line of text under the current section. */
static kn_status content(body *b, kn_line *l)
{
	switch (b->sec) {
	case S_WINNERS:
	case S_LOSERS:
		return add_actor(b, l);
	case S_ORDER:
		return add_effect(b, l);
	case S_EFFECTS:
		return kn_error_set(b->r->err, KN_ERR_PARSE, b->r->source,
				    l->no, 0, NULL,
				    "expected \"Direct\", \"Second\" or \"Third\" before an effect");
	case S_FOOTER:
		return KN_OK;
	default:
		/* each line a paragraph: pasted paragraphs are one line each */
		if (b->text.len)
			kn_buf_puts(&b->text, "\n\n");
		kn_buf_append(&b->text, l->p, l->n);
		return kn_buf_failed(&b->text) ? KN_ERR_NOMEM : KN_OK;
	}
}

/* ---- the footer: scores and source ---- */

static size_t skip_blank(const char *p, size_t n, size_t i)
{
	while (i < n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	return i;
}

/* Offset just past the first case-insensitive occurrence of key (lower
 * case) in the line; 0 when absent. */
static size_t after_key(const kn_line *l, const char *key)
{
	size_t i, k = strlen(key);
	kn_line at;

	for (i = 0; i + k <= l->n; i++) {
		at.p = l->p + i;
		at.n = l->n - i;
		if (ihas_prefix(&at, key))
			return i + k;
	}
	return 0;
}

/* "Editorial confidence: 90 / 100", "Structural impact 55/100" or
 * "Confidence: 90" starts the line: the key, then a colon or a digit. */
static int is_metric_line(const kn_line *l)
{
	static const char *const keys[] = { "editorial confidence",
					    "structural impact", "confidence",
					    "impact" };
	size_t i, j;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if (!ihas_prefix(l, keys[i]))
			continue;
		j = skip_blank(l->p, l->n, strlen(keys[i]));
		return j < l->n && (l->p[j] == ':' ||
				    (l->p[j] >= '0' && l->p[j] <= '9'));
	}
	return 0;
}

/* Reads "N / 100", "N/100", "N%" or "N" after key, into *out. */
static kn_status read_metric(body *b, const kn_line *l, const char *key,
			     const char *name, int *out)
{
	const char *p = l->p;
	size_t n = l->n, i = after_key(l, key), start;
	int v = 0;

	if (!i)
		return KN_OK;
	i = skip_blank(p, n, i);
	if (i < n && p[i] == ':')
		i = skip_blank(p, n, i + 1);
	for (start = i; i < n && i - start < 9 && p[i] >= '0' && p[i] <= '9'; i++)
		v = v * 10 + (p[i] - '0');
	if (i == start)
		return kn_error_set(b->r->err, KN_ERR_PARSE, b->r->source, l->no,
				    0, key, "expected a number after \"%s\"", name);
	i = skip_blank(p, n, i);
	if (i < n && p[i] == '/') {
		i = skip_blank(p, n, i + 1);
		if (n - i < 3 || memcmp(p + i, "100", 3) != 0 ||
		    (n - i > 3 && p[i + 3] >= '0' && p[i + 3] <= '9'))
			return kn_error_set(b->r->err, KN_ERR_PARSE,
					    b->r->source, l->no, 0, key,
					    "expected \"%s\" as \"N / 100\"", name);
	}
	if (v > 100)
		return kn_error_set(b->r->err, KN_ERR_INVALID, b->r->source,
				    l->no, 0, key,
				    "expected \"%s\" from 0 to 100, got %d", name, v);
	*out = v;
	return KN_OK;
}

/* Offset and length of the first separator in the line ("—", "–", " - ",
 * "·", "|"); *len 0 when there is none. */
static size_t find_sep(const kn_line *l, size_t *len)
{
	static const char *const seps[] = { "\xE2\x80\x94", "\xE2\x80\x93",
					     " - ", "\xC2\xB7", "|" };
	size_t i, j;

	for (i = 0; i < l->n; i++) {
		for (j = 0; j < sizeof seps / sizeof seps[0]; j++) {
			size_t k = strlen(seps[j]);

			if (l->n - i >= k && memcmp(l->p + i, seps[j], k) == 0) {
				*len = k;
				return i;
			}
		}
	}
	*len = 0;
	return l->n;
}

/* "Read at Financial Times — Technology" */
static kn_status read_source(body *b, const kn_line *l)
{
	kn_line rest = { l->p + 8, l->n - 8, l->no };
	size_t len, at = find_sep(&rest, &len);
	kn_status st = set_from(b, &b->sig->publisher, rest.p, at);

	if (!st && len)
		st = set_from(b, &b->sig->section, rest.p + at + len,
			      rest.n - at - len);
	return st;
}

/* "Tracked by The Continuum Brief · live intelligence network" */
static kn_status read_feed(body *b, const kn_line *l)
{
	kn_line rest = { l->p + 11, l->n - 11, l->no };
	size_t len, at = find_sep(&rest, &len);

	return set_from(b, &b->sig->feed, rest.p, at);
}

/* Newsletter boxes and share buttons pasted along with the card. */
static int is_furniture(const kn_line *l)
{
	static const char *const starts[] = { "this signal links",
					      "stay ahead of", "by subscribing",
					      "the brief \xC2\xB7" };
	size_t i;

	if (l->n == 5 && ihas_prefix(l, "share"))
		return 1;
	for (i = 0; i < sizeof starts / sizeof starts[0]; i++)
		if (ihas_prefix(l, starts[i]))
			return 1;
	return 0;
}

static int is_url(const kn_line *l)
{
	size_t i;

	if (!ihas_prefix(l, "https://") && !ihas_prefix(l, "http://"))
		return 0;
	for (i = 0; i < l->n; i++)
		if (kn_is_space((unsigned char)l->p[i]))
			return 0;
	return 1;
}

/* Lines that are not section text wherever they appear. */
static kn_status footer_line(body *b, const kn_line *l, int *taken)
{
	kn_status st = KN_OK;

	*taken = 1;
	if (is_metric_line(l)) {
		st = read_metric(b, l, "confidence", "Editorial confidence",
				 &b->sig->confidence);
		if (!st)
			st = read_metric(b, l, "impact", "Structural impact",
					 &b->sig->impact);
	} else if (ihas_prefix(l, "read at ") && l->n > 8) {
		st = read_source(b, l);
	} else if (ihas_prefix(l, "tracked by ") && l->n > 11) {
		st = read_feed(b, l);
	} else if (is_url(l)) {
		if (!b->sig->url)
			st = set_from(b, &b->sig->url, l->p, l->n);
		return st; /* a link does not end the section it sits in */
	} else if (!is_furniture(l)) {
		*taken = 0;
		return KN_OK;
	}
	return st ? st : enter(b, S_FOOTER, 0, l->no);
}

/* ---- one card ---- */

/* A misspelt heading read as text would move every line under it to the
 * section before ("Loosers" makes the losers winners), so a line alone
 * that looks like a heading is refused (docs/format.md); a list item
 * ("- Lasers") is always text, which keeps a name of that look. */
static kn_status near_heading(body *b, const kn_line *l)
{
	const kn_card_heading *h;
	int up;

	if (marker_len(l) || !(h = kn_card_near_heading(l->p, l->n)))
		return KN_OK;
	up = h->name[0] - ('a' - 'A'); /* names are lower case: "losers" */
	return kn_error_set(b->r->err, KN_ERR_PARSE, b->r->source, l->no, 0,
			    "heading",
			    "\"%.*s\" looks like the heading \"%c%s\" (did you mean \"%c%s\"? a name is kept when written as a \"- \" list item)",
			    (int)(l->n < 60 ? l->n : 60), l->p, up, h->name + 1,
			    up, h->name + 1);
}

static kn_status body_line(body *b, kn_line *l)
{
	const kn_card_heading *h;
	kn_line rest;
	kn_status st;
	int taken;

	h = heading_of(l, &rest);
	if (h) {
		st = enter(b, h->sec, h->order, l->no);
		return !st && rest.n ? content(b, &rest) : st;
	}
	st = footer_line(b, l, &taken);
	if (!st && !taken)
		st = near_heading(b, l);
	return st || taken ? st : content(b, l);
}

/* Effects of order n follow from those of order n - 1 (docs/format.md): a card
 * with "Second" effects but no "Direct" ones cannot be mapped. */
static kn_status check_orders(body *b)
{
	int k;

	for (k = 2; k <= MAX_ORDER; k++)
		if (b->count[k] && !b->count[k - 1])
			return kn_error_set(b->r->err, KN_ERR_PARSE,
					    b->r->source, b->order_line[k], 0,
					    "effects",
					    "expected \"%s\" effects before the \"%s\" effects",
					    order_names[k - 1], order_names[k]);
	return KN_OK;
}

static kn_status read_title(body *b)
{
	kn_card_reader *r = b->r;
	kn_line l;
	int got;

	while ((got = kn_card_line(r, &l)) == 1 && l.n == 0)
		;
	if (got < 0)
		return KN_ERR_PARSE;
	if (got == 0)
		return kn_error_set(r->err, KN_ERR_PARSE, r->source, r->cur.no + 1,
				    0, "title",
				    "expected the headline after the header line");
	if (kn_card_is_heading(l.p, l.n) || is_metric_line(&l))
		return kn_error_set(r->err, KN_ERR_PARSE, r->source, l.no, 0,
				    "title",
				    "expected the headline after the header line, got a section heading");
	return set_from(b, &b->sig->title, l.p, l.n);
}

static kn_status read_body(body *b)
{
	kn_status st = KN_OK;
	kn_line l;
	int got = 0;

	while (!st && (got = kn_card_line(b->r, &l)) == 1)
		if (l.n)
			st = body_line(b, &l);
	if (!st && got < 0)
		st = KN_ERR_PARSE;
	if (!st)
		st = flush_text(b);
	return st ? st : check_orders(b);
}

/* kn_signal_finish knows no lines: its complaint is placed at the header. */
static kn_status finish(kn_card_reader *r, kn_signal *sig, long header_no)
{
	kn_error e;
	kn_status st;

	kn_error_clear(&e);
	st = kn_signal_finish(sig, &e);
	if (st && st != KN_ERR_NOMEM)
		kn_error_set(r->err, st, r->source, header_no, 0, e.field, "%s",
			     e.message);
	return st;
}

/* Reads the card whose header is the raw line first into sig. */
static kn_status read_card(kn_card_reader *r, const kn_line *first,
			   kn_signal *sig)
{
	body b;
	kn_line head = *first;
	kn_status st;

	if (kn_card_check_bytes(r, first))
		return KN_ERR_PARSE;
	memset(&b, 0, sizeof b);
	b.r = r;
	b.sig = sig;
	kn_card_trim(&head);
	st = kn_card_read_header(r, &head, sig);
	if (!st)
		st = read_title(&b);
	if (!st) {
		enter(&b, S_LEAD, 0, head.no);
		st = read_body(&b);
	}
	kn_buf_release(&b.text);
	kn_buf_release(&b.scratch);
	return st ? st : finish(r, sig, head.no);
}

/* Reads one card and hands it (or its error) to emit. */
static kn_status one_card(kn_card_reader *r, const kn_line *first,
			  kn_card_emit emit, void *ctx)
{
	kn_signal sig;
	kn_status st, ret;

	kn_signal_init(&sig);
	kn_error_clear(r->err);
	st = read_card(r, first, &sig);
	if (st == KN_ERR_NOMEM)
		kn_error_set(r->err, st, r->source, r->cur.no, 0, NULL,
			     "out of memory while reading the card");
	if (st)
		kn_signal_release(&sig); /* never a half-filled signal */
	else
		kn_error_clear(r->err); /* a peek past the header may have filled it */
	ret = emit(ctx, st, &sig, r->err);
	kn_signal_release(&sig);
	return ret ? ret : st == KN_ERR_NOMEM ? st : KN_OK;
}

static kn_status not_a_card(kn_card_reader *r, long line, kn_card_emit emit,
			    void *ctx)
{
	kn_signal sig;
	kn_status ret;

	kn_signal_init(&sig);
	kn_error_set(r->err, KN_ERR_PARSE, r->source, line, 0, NULL,
		     "expected a header line starting with \"SIGNAL\"");
	ret = emit(ctx, KN_ERR_PARSE, &sig, r->err);
	kn_signal_release(&sig);
	return ret;
}

kn_status kn_card_parse(const char *text, size_t len, const char *source,
			kn_card_emit emit, void *ctx)
{
	kn_card_reader r;
	kn_error err;
	kn_line raw, l;
	long stray = 0;
	int cards = 0;
	kn_status st;

	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	memset(&r, 0, sizeof r);
	r.cur.text = text;
	r.cur.len = len;
	r.source = source;
	r.err = &err;
	kn_error_clear(&err);
	while (kn_cursor_next(&r.cur, &raw)) {
		l = raw;
		kn_card_trim(&l);
		if (!kn_card_is_header(l.p, l.n)) {
			/* after a rejected card, its rest is skipped quietly */
			if (l.n && !stray && !cards)
				stray = l.no;
			continue;
		}
		if (stray && !cards && (st = not_a_card(&r, stray, emit, ctx)))
			return st;
		cards++;
		if ((st = one_card(&r, &raw, emit, ctx)) != KN_OK)
			return st;
	}
	if (cards)
		return KN_OK;
	st = not_a_card(&r, stray ? stray : 1, emit, ctx);
	return st ? st : KN_ERR_PARSE;
}

int kn_looks_like_card(const char *text, size_t len)
{
	size_t i = 0;

	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && kn_is_space((unsigned char)text[i]))
		i++;
	return i < len && text[i] != '{' && text[i] != '[';
}
