/* UTF-8 and text helpers shared by the library modules. */
#include "kn_text.h"

#include <stdlib.h>
#include <string.h>

long kn_utf8_check(const char *p, size_t n)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i];
		unsigned long cp;
		size_t len, k;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			len = 2;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			len = 3;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			len = 4;
			cp = c & 0x07;
		} else {
			return (long)i;
		}
		if (n - i < len)
			return (long)i;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return (long)i;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return (long)i;
		i += len;
	}
	return -1;
}

size_t kn_utf8_len(const char *p, size_t n)
{
	unsigned char c = (unsigned char)p[0];
	size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2
		     : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;

	if (len == 0 || len > n || kn_utf8_check(p, len) != -1)
		return 0;
	return len;
}

size_t kn_utf8_decode(const char *p, size_t n, unsigned long *cp)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t len, k;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	len = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : 2;
	if (len > n) {
		*cp = s[0];
		return 1;
	}
	*cp = s[0] & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
	for (k = 1; k < len; k++)
		*cp = (*cp << 6) | (s[k] & 0x3F);
	return len;
}

void kn_utf8_put(kn_buf *b, unsigned long cp)
{
	char o[4];

	if (cp < 0x80) {
		o[0] = (char)cp;
		kn_buf_append(b, o, 1);
	} else if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		kn_buf_append(b, o, 2);
	} else if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		kn_buf_append(b, o, 3);
	} else {
		o[0] = (char)(0xF0 | (cp >> 18));
		o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[3] = (char)(0x80 | (cp & 0x3F));
		kn_buf_append(b, o, 4);
	}
}

int kn_is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
	       c == '\r';
}

/* Length of white space (ASCII or U+00A0) starting at p, 0 if none. */
static size_t space_at(const char *p, size_t n)
{
	if (n >= 1 && kn_is_space((unsigned char)p[0]))
		return 1;
	if (n >= 2 && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0)
		return 2;
	return 0;
}

char *kn_strndup_trim(const char *p, size_t n)
{
	size_t k;
	char *out;

	while (n && (k = space_at(p, n)) > 0) {
		p += k;
		n -= k;
	}
	for (;;) {
		if (n >= 1 && kn_is_space((unsigned char)p[n - 1]))
			n--;
		else if (n >= 2 && (unsigned char)p[n - 2] == 0xC2 &&
			 (unsigned char)p[n - 1] == 0xA0)
			n -= 2;
		else
			break;
	}
	out = malloc(n + 1);
	if (!out)
		return NULL;
	memcpy(out, p, n);
	out[n] = '\0';
	return out;
}

static unsigned long fold_case(unsigned long c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c < 0xC0)
		return c;
	if (c <= 0xDE && c != 0xD7)
		return c + 32;
	if (c >= 0x100 && c <= 0x137)
		return c | 1;
	if (c >= 0x139 && c <= 0x148)
		return (c & 1) ? c + 1 : c;
	if (c >= 0x14A && c <= 0x177)
		return c | 1;
	if (c == 0x178)
		return 0xFF;
	if (c >= 0x179 && c <= 0x17E)
		return (c & 1) ? c + 1 : c;
	if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2)
		return c + 32;
	if (c >= 0x410 && c <= 0x42F)
		return c + 32;
	if (c >= 0x400 && c <= 0x40F)
		return c + 80;
	return c;
}

/* Folds typographic punctuation and odd spaces to their ASCII form. */
static unsigned long fold_punct(unsigned long c)
{
	switch (c) {
	case 0x2018: case 0x2019: case 0x201B: case 0x2032: case 0x02BC:
		return '\'';
	case 0x201C: case 0x201D: case 0x201F: case 0x2033:
		return '"';
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2015: case 0x2212:
		return '-';
	case 0xA0: case 0x2002: case 0x2003: case 0x2009: case 0x202F:
	case 0x3000:
		return ' ';
	case 0xFF06:
		return '&';
	}
	return c;
}

/* Characters that draw nothing (Unicode's default-ignorable format
 * characters): a name with one inside looks like the name without it. */
static int is_invisible(unsigned long c)
{
	return c == 0xAD || c == 0x34F || c == 0x61C || c == 0x180E ||
	       (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
	       (c >= 0x2060 && c <= 0x206F) || (c >= 0xFE00 && c <= 0xFE0F) ||
	       c == 0xFEFF || (c >= 0xE0000 && c <= 0xE0FFF);
}

unsigned long kn_actor_fold_cp(unsigned long cp)
{
	return is_invisible(cp) ? 0 : fold_case(fold_punct(cp));
}

char *kn_actor_key(const char *name)
{
	kn_buf b = KN_BUF_INIT;
	size_t n = strlen(name), i = 0;
	int pending_space = 0;

	while (i < n) {
		unsigned long cp;
		size_t len = kn_utf8_decode(name + i, n - i, &cp);

		i += len;
		if (is_invisible(cp))
			continue;
		cp = fold_case(fold_punct(cp));
		if (cp < 0x80 && kn_is_space((int)cp)) {
			pending_space = b.len > 0;
			continue;
		}
		if (pending_space)
			kn_buf_putc(&b, ' ');
		pending_space = 0;
		kn_utf8_put(&b, cp);
	}
	while (b.len && strchr(".,;:", b.data[b.len - 1]))
		b.data[--b.len] = '\0';
	while (b.len && b.data[b.len - 1] == ' ')
		b.data[--b.len] = '\0';
	return kn_buf_detach(&b, NULL);
}

static int in_ranges(unsigned long c, const unsigned long (*r)[2], size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (c >= r[i][0] && c <= r[i][1])
			return 1;
	return 0;
}

static const unsigned long wide_ranges[][2] = {
	{0x1100, 0x115F}, {0x2E80, 0x303E}, {0x3041, 0x33FF},
	{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xA000, 0xA4CF},
	{0xAC00, 0xD7A3}, {0xF900, 0xFAFF}, {0xFE30, 0xFE4F},
	{0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F},
	{0x1F900, 0x1F9FF}, {0x20000, 0x3FFFD},
};
static const unsigned long zero_ranges[][2] = {
	{0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD},
	{0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x2069},
	{0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F},
	{0xFEFF, 0xFEFF},
};

int kn_char_width(unsigned long cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 0;
	if (in_ranges(cp, zero_ranges, sizeof zero_ranges / sizeof zero_ranges[0]))
		return 0;
	return in_ranges(cp, wide_ranges,
			 sizeof wide_ranges / sizeof wide_ranges[0]) ? 2 : 1;
}

size_t kn_display_width(const char *s)
{
	size_t n = strlen(s), i = 0, w = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		unsigned long cp;

		if (c < 0x80) { /* ASCII: printable 1, control 0 */
			w += c >= 0x20 && c != 0x7F;
			i++;
			continue;
		}
		i += kn_utf8_decode(s + i, n - i, &cp);
		w += (size_t)kn_char_width(cp);
	}
	return w;
}

int kn_is_bidi_control(unsigned long cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0x200E || cp == 0x200F || cp == 0x061C;
}

void kn_buf_put_printable(kn_buf *b, const char *s, int allow_newline)
{
	size_t n = strlen(s), i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		unsigned long cp;
		size_t len;

		if (c < 0x80) {
			if ((c < 0x20 && !(allow_newline && (c == '\n' || c == '\t'))) ||
			    c == 0x7F)
				kn_buf_printf(b, "\\x%02x", c);
			else
				kn_buf_putc(b, (char)c);
			i++;
			continue;
		}
		if (kn_utf8_len(s + i, n - i) == 0) {
			kn_buf_printf(b, "\\x%02x", c);
			i++;
			continue;
		}
		len = kn_utf8_decode(s + i, n - i, &cp);
		if ((cp >= 0x80 && cp < 0xA0) || kn_is_bidi_control(cp))
			kn_buf_printf(b, "<U+%04lX>", cp);
		else
			kn_buf_append(b, s + i, len);
		i += len;
	}
}

unsigned long long kn_hash64(const void *p, size_t n)
{
	const unsigned char *s = p;
	unsigned long long h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static int days_in_month(int y, int mo)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30,
				      31, 31, 30, 31, 30, 31 };

	if (mo == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[mo - 1];
}

/* The number in the two digits at s; -1 when they are not two digits. */
static int two_digits(const char *s)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/* A zone after a time: Z, +HH, +HHMM or +HH:MM (or -). */
static kn_date_fault zone_fault(const char *z)
{
	int h, m = 0;

	if (*z == 'Z')
		return z[1] ? KN_DATE_SHAPE : KN_DATE_OK;
	if ((*z != '+' && *z != '-') || (h = two_digits(z + 1)) < 0)
		return KN_DATE_SHAPE;
	z += 3;
	if (*z == ':')
		z++;
	if (*z && ((m = two_digits(z)) < 0 || z[2]))
		return KN_DATE_SHAPE;
	if (z[-1] == ':' && !*z)
		return KN_DATE_SHAPE;
	return h > 23 || m > 59 ? KN_DATE_RANGE : KN_DATE_OK;
}

/* HH, HH:MM or HH:MM:SS (seconds may carry a fraction), then a zone. */
static kn_date_fault time_fault(const char *t)
{
	static const int max[3] = { 23, 59, 59 };
	int v[3];
	int k;
	kn_date_fault zone = KN_DATE_OK;

	for (k = 0;; k++) {
		if ((v[k] = two_digits(t)) < 0)
			return KN_DATE_SHAPE;
		t += 2;
		if (k == 2 || *t != ':')
			break;
		t++;
	}
	if (k == 2 && *t == '.') {
		if (*++t < '0' || *t > '9')
			return KN_DATE_SHAPE;
		while (*t >= '0' && *t <= '9')
			t++;
	}
	if (*t && (zone = zone_fault(t)) == KN_DATE_SHAPE)
		return KN_DATE_SHAPE;
	for (; k >= 0; k--)
		if (v[k] > max[k])
			return KN_DATE_RANGE;
	return zone;
}

kn_date_fault kn_iso_date_fault(const char *s)
{
	static const char shape[] = "dddd-dd-dd";
	size_t i, n = strlen(s);
	int y, mo, d;

	if (n != 4 && n != 7 && n < 10)
		return KN_DATE_SHAPE;
	for (i = 0; i < n && i < 10; i++) {
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != '-')
			return KN_DATE_SHAPE;
	}
	if (n > 10 && ((s[10] != 'T' && s[10] != ' ') ||
		       time_fault(s + 11) == KN_DATE_SHAPE))
		return KN_DATE_SHAPE;
	if (n == 4)
		return KN_DATE_OK;
	y = atoi(s);
	mo = two_digits(s + 5);
	if (mo < 1 || mo > 12)
		return KN_DATE_RANGE;
	if (n == 7)
		return KN_DATE_OK;
	d = two_digits(s + 8);
	if (d < 1 || d > days_in_month(y, mo))
		return KN_DATE_RANGE;
	return n > 10 ? time_fault(s + 11) : KN_DATE_OK;
}

int kn_is_iso_date(const char *s)
{
	return kn_iso_date_fault(s) == KN_DATE_OK;
}

static int safe_id(const char *id)
{
	size_t i, n = strlen(id);

	if (n == 0 || n > 120)
		return 0;
	for (i = 0; i < n; i++) {
		char c = id[i];
		int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			    (c >= '0' && c <= '9');

		if (!alnum && (i == 0 || !strchr("._-", c)))
			return 0;
	}
	return 1;
}

void kn_signal_anchor(kn_buf *b, const char *id)
{
	/* "sigx-" can never be produced by the readable form, whose ids
	 * follow "sig-" */
	if (safe_id(id))
		kn_buf_printf(b, "sig-%s", id);
	else
		kn_buf_printf(b, "sigx-%016llx", kn_hash64(id, strlen(id)));
}
