/* Finding where a field is in JSON text, so that errors found after
 * parsing (wrong types, bad values) still name a line and column. */
#include "knockon/json.h"
#include "json_internal.h"

#include <stdlib.h>
#include <string.h>

#include "kn_text.h"

typedef struct cursor {
	const char *p, *end;
} cursor;

static void skip_ws(cursor *c)
{
	while (c->p < c->end && kn_is_space((unsigned char)*c->p))
		c->p++;
}

/* Skips a string at c->p (which is '"'); sets key/keylen to its raw bytes. */
static int skip_string(cursor *c, const char **raw, size_t *rawlen)
{
	const char *start;

	if (c->p >= c->end || *c->p != '"')
		return -1;
	start = ++c->p;
	while (c->p < c->end && *c->p != '"') {
		if (*c->p == '\\')
			c->p++;
		c->p++;
	}
	if (c->p >= c->end)
		return -1;
	if (raw) {
		*raw = start;
		*rawlen = (size_t)(c->p - start);
	}
	c->p++;
	return 0;
}

/* Skips any value; nesting is tracked with a counter, not recursion, so
 * deep input cannot exhaust the stack. */
static int skip_value(cursor *c)
{
	long depth = 0;

	skip_ws(c);
	do {
		if (c->p >= c->end)
			return -1;
		switch (*c->p) {
		case '"':
			if (skip_string(c, NULL, NULL))
				return -1;
			break;
		case '{': case '[':
			depth++;
			c->p++;
			break;
		case '}': case ']':
			depth--;
			c->p++;
			break;
		default:
			c->p++;
			while (depth > 0 && c->p < c->end &&
			       !strchr("\"{}[]", *c->p))
				c->p++;
			if (depth == 0)
				while (c->p < c->end &&
				       !strchr(",}] \t\r\n", *c->p))
					c->p++;
		}
	} while (depth > 0);
	return 0;
}

/* Moves into member key of the object at c->p; 0 when found. */
static int enter_key(cursor *c, const char *key, size_t keylen)
{
	skip_ws(c);
	if (c->p >= c->end || *c->p != '{')
		return -1;
	c->p++;
	for (;;) {
		const char *raw;
		size_t rawlen;

		skip_ws(c);
		if (c->p >= c->end || *c->p == '}')
			return -1;
		if (skip_string(c, &raw, &rawlen))
			return -1;
		skip_ws(c);
		if (c->p >= c->end || *c->p != ':')
			return -1;
		c->p++;
		skip_ws(c);
		if (rawlen == keylen && memcmp(raw, key, keylen) == 0)
			return 0;
		if (skip_value(c))
			return -1;
		skip_ws(c);
		if (c->p < c->end && *c->p == ',')
			c->p++;
	}
}

/* Moves into element index of the array at c->p; 0 when found. */
static int enter_index(cursor *c, long index)
{
	skip_ws(c);
	if (c->p >= c->end || *c->p != '[')
		return -1;
	c->p++;
	while (index-- > 0) {
		if (skip_value(c))
			return -1;
		skip_ws(c);
		if (c->p >= c->end || *c->p != ',')
			return -1;
		c->p++;
	}
	skip_ws(c);
	return c->p < c->end && *c->p != ']' ? 0 : -1;
}

static void position(const char *text, const char *at, long *line, long *col)
{
	const char *p;

	*line = 1;
	*col = 1;
	for (p = text; p < at; p++) {
		if (*p == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)*p & 0xC0) != 0x80) {
			(*col)++;
		}
	}
}

int kn_json_locate(const char *text, size_t len, const char *path, long *line,
		   long *column)
{
	cursor c = { text, text + len };
	const char *found = NULL, *s = path;
	int rc = 0;

	skip_ws(&c);
	found = c.p;
	while (*s && rc == 0) {
		if (*s == '.') {
			s++;
		} else if (*s == '[') {
			char *end;
			long index = strtol(s + 1, &end, 10);

			s = *end == ']' ? end + 1 : end;
			rc = enter_index(&c, index);
		} else {
			size_t n = strcspn(s, ".[");

			rc = enter_key(&c, s, n);
			s += n;
		}
		if (rc == 0)
			found = c.p;
	}
	position(text, found, line, column);
	return rc;
}

/* Moves w's line and column count forward to byte at. */
static void count_to(kn_json_walk *w, const char *at)
{
	for (; w->counted < at; w->counted++) {
		if (*w->counted == '\n') {
			w->line++;
			w->col = 1;
		} else if (((unsigned char)*w->counted & 0xC0) != 0x80) {
			w->col++;
		}
	}
}

void kn_json_walk_init(kn_json_walk *w, const char *text, size_t len,
		       long first_line, long first_col)
{
	w->p = w->counted = text;
	w->end = text + len;
	w->line = first_line;
	w->col = first_col > 0 ? first_col : 1;
	w->started = 0;
}

int kn_json_walk_next(kn_json_walk *w, const char **at)
{
	cursor c = { w->p, w->end };

	skip_ws(&c);
	if (!w->started) {
		if (c.p >= c.end || *c.p != '[')
			return -1;
		c.p++;
		w->started = 1;
	} else if (c.p < c.end && *c.p == ',') {
		c.p++;
	}
	skip_ws(&c);
	if (c.p >= c.end || *c.p == ']')
		return -1;
	*at = c.p;
	count_to(w, c.p);
	if (skip_value(&c))
		return -1;
	w->p = c.p;
	return 0;
}
