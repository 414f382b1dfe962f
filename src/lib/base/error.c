/* kn_error: status codes and error values. */
#include "knockon/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Copies src into dst (size > 0), cutting at a UTF-8 boundary. */
static void copy_cut(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

void kn_error_clear(kn_error *err)
{
	if (!err)
		return;
	err->code = KN_OK;
	err->source[0] = '\0';
	err->line = 0;
	err->column = 0;
	err->field[0] = '\0';
	err->message[0] = '\0';
}

kn_status kn_error_set(kn_error *err, kn_status code, const char *source,
		       long line, long column, const char *field,
		       const char *fmt, ...)
{
	char tmp[sizeof err->message];
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	copy_cut(err->source, sizeof err->source, source ? source : "");
	err->line = line;
	err->column = column;
	copy_cut(err->field, sizeof err->field, field ? field : "");
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	copy_cut(err->message, sizeof err->message, tmp);
	return code;
}

char *kn_error_format(const kn_error *err, char *out, size_t size)
{
	size_t n = 0;
	int w;

	if (!size)
		return out;
	out[0] = '\0';
	if (err->source[0]) {
		if (err->line > 0 && err->column > 0)
			w = snprintf(out, size, "%s:%ld:%ld: ", err->source,
				     err->line, err->column);
		else if (err->line > 0)
			w = snprintf(out, size, "%s:%ld: ", err->source,
				     err->line);
		else
			w = snprintf(out, size, "%s: ", err->source);
		n = w < 0 ? 0 : (size_t)w;
	}
	if (n < size)
		snprintf(out + n, size - n, "%s",
			 err->message[0] ? err->message
					 : kn_status_name(err->code));
	return out;
}

const char *kn_status_name(kn_status code)
{
	switch (code) {
	case KN_OK: return "ok";
	case KN_DONE: return "done";
	case KN_ERR_NOMEM: return "out of memory";
	case KN_ERR_IO: return "input/output error";
	case KN_ERR_PARSE: return "cannot parse input";
	case KN_ERR_INVALID: return "invalid value";
	case KN_ERR_DB: return "corpus error";
	case KN_ERR_NOTFOUND: return "not found";
	case KN_ERR_USAGE: return "usage error";
	case KN_ERR_RENDER: return "cannot render map";
	}
	return "unknown error";
}
