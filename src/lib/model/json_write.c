/* The canonical knockon/1 JSON writer: fixed field order, UTF-8 as is
 * but for the controls that must never reach a terminal raw. */
#include "knockon/json.h"

#include <string.h>

#include "kn_text.h"

/* Which code points leave as \uXXXX: C0 and DEL, C1 (U+009B is a
 * terminal's CSI, U+0085 a line break), the bidi controls and the
 * Unicode line and paragraph separators.  JSON allows them raw, but they
 * would reach a terminal or a page that shows the output. */
static int needs_escape(unsigned long cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || kn_is_bidi_control(cp) ||
	       cp == 0x2028 || cp == 0x2029;
}

void kn_json_put_string(kn_buf *b, const char *s, size_t n)
{
	size_t i = 0, run = 0;

	kn_buf_putc(b, '"');
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t len;
		unsigned long cp = 0xFFFD; /* an invalid byte */
		const char *esc = NULL;

		if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
			i++; /* plain ASCII, most of any text: no decoding */
			continue;
		}
		len = kn_utf8_len(s + i, n - i);
		if (len)
			kn_utf8_decode(s + i, len, &cp);
		if (len && !needs_escape(cp) && c != '"' && c != '\\') {
			i += len;
			continue;
		}
		kn_buf_append(b, s + run, i - run);
		switch (len ? cp : 0xFFFD) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		default: kn_buf_printf(b, "\\u%04lx", cp);
		}
		if (esc)
			kn_buf_puts(b, esc);
		i += len ? len : 1;
		run = i;
	}
	kn_buf_append(b, s + run, n - run);
	kn_buf_putc(b, '"');
}

static void put_string(kn_buf *b, const char *s)
{
	kn_json_put_string(b, s, strlen(s));
}

static void put_key(kn_buf *b, const char *key, int first)
{
	if (!first)
		kn_buf_puts(b, ", ");
	put_string(b, key);
	kn_buf_puts(b, ": ");
}

static void put_text(kn_buf *b, const char *key, const char *value, int first)
{
	put_key(b, key, first);
	if (value)
		put_string(b, value);
	else
		kn_buf_puts(b, "null");
}

static void put_int(kn_buf *b, const char *key, int value)
{
	char digits[16];
	size_t n = sizeof digits;
	unsigned v = value < 0 ? 0u - (unsigned)value : (unsigned)value;

	put_key(b, key, 0);
	if (value == KN_ABSENT) {
		kn_buf_puts(b, "null");
		return;
	}
	do { /* what printf's %d writes, without parsing a format */
		digits[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	if (value < 0)
		digits[--n] = '-';
	kn_buf_append(b, digits + n, sizeof digits - n);
}

static void put_actors(kn_buf *b, const char *key, const kn_actor_ref *a,
		       size_t n)
{
	size_t i;

	put_key(b, key, 0);
	kn_buf_putc(b, '[');
	for (i = 0; i < n; i++) {
		kn_buf_puts(b, i ? ", {" : "{");
		put_text(b, "name", a[i].name, 1);
		if (a[i].note)
			put_text(b, "note", a[i].note, 0);
		kn_buf_putc(b, '}');
	}
	kn_buf_putc(b, ']');
}

static void put_effect_actors(kn_buf *b, const kn_effect *e)
{
	size_t i;

	put_key(b, "actors", 0);
	kn_buf_putc(b, '[');
	for (i = 0; i < e->n_actors; i++) {
		kn_buf_puts(b, i ? ", {" : "{");
		put_text(b, "name", e->actors[i].name, 1);
		put_text(b, "role", kn_effect_role_name(e->actors[i].role), 0);
		if (e->actors[i].note)
			put_text(b, "note", e->actors[i].note, 0);
		kn_buf_putc(b, '}');
	}
	kn_buf_putc(b, ']');
}

static void put_effects(kn_buf *b, const kn_signal *s)
{
	size_t i, k;

	put_key(b, "effects", 0);
	kn_buf_putc(b, '[');
	for (i = 0; i < s->n_effects; i++) {
		const kn_effect *e = &s->effects[i];

		kn_buf_puts(b, i ? ", {" : "{");
		put_text(b, "id", e->id, 1);
		put_int(b, "order", e->order);
		put_text(b, "text", e->text, 0);
		put_key(b, "causes", 0);
		kn_buf_putc(b, '[');
		for (k = 0; k < e->n_causes; k++) {
			if (k)
				kn_buf_puts(b, ", ");
			put_string(b, e->causes[k]);
		}
		kn_buf_putc(b, ']');
		if (e->n_actors) /* absent when none: older output unchanged */
			put_effect_actors(b, e);
		kn_buf_putc(b, '}');
	}
	kn_buf_putc(b, ']');
}

kn_status kn_signal_write_json(const kn_signal *s, kn_buf *out)
{
	kn_buf_putc(out, '{');
	put_text(out, "format", KN_FORMAT, 1);
	put_text(out, "id", s->id, 0);
	put_text(out, "feed", s->feed, 0);
	put_text(out, "kind", s->kind, 0);
	put_text(out, "category", s->category, 0);
	put_text(out, "published", s->published, 0);
	put_int(out, "score", s->score);
	put_text(out, "horizon", s->horizon, 0);
	put_text(out, "title", s->title, 0);
	put_text(out, "summary", s->summary, 0);
	put_key(out, "why", 0);
	kn_buf_putc(out, '{');
	put_text(out, "now", s->why_now, 1);
	put_text(out, "important", s->why_important, 0);
	put_text(out, "changes", s->why_changes, 0);
	kn_buf_putc(out, '}');
	put_actors(out, "winners", s->winners, s->n_winners);
	put_actors(out, "losers", s->losers, s->n_losers);
	put_effects(out, s);
	put_int(out, "confidence", s->confidence);
	put_int(out, "impact", s->impact);
	put_key(out, "source", 0);
	kn_buf_putc(out, '{');
	put_text(out, "publisher", s->publisher, 1);
	put_text(out, "section", s->section, 0);
	put_text(out, "url", s->url, 0);
	kn_buf_puts(out, "}}");
	return kn_buf_failed(out) ? KN_ERR_NOMEM : KN_OK;
}
