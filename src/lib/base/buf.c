/* kn_buf: growable byte buffer with a sticky failure. */
#include "knockon/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kn_grow.h"

void kn_buf_init(kn_buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->failed = 0;
}

void kn_buf_release(kn_buf *b)
{
	if (!b)
		return;
	free(b->data);
	kn_buf_init(b);
}

void kn_buf_reset(kn_buf *b)
{
	b->len = 0;
	b->failed = 0;
	if (b->data)
		b->data[0] = '\0';
}

/* A failed buffer holds nothing: the partial contents are released so
 * that len, kn_buf_cstr() and kn_buf_detach() all say "empty", and a
 * caller writing len bytes from kn_buf_cstr() cannot read past "". */
static void set_failed(kn_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->failed = 1;
}

/* Makes room for extra more bytes plus a NUL; 0 on success.  A new
 * buffer starts at 64 bytes: most hold a line or a name. */
static int grow(kn_buf *b, size_t extra)
{
	size_t need;

	if (b->failed)
		return -1;
	if (extra > (size_t)-1 - b->len - 1)
		goto fail;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	if (kn_grow(&b->data, &b->cap, need < 64 ? 64 : need, 1) == 0)
		return 0;
fail:
	set_failed(b);
	return -1;
}

void kn_buf_append(kn_buf *b, const void *data, size_t len)
{
	if (grow(b, len))
		return;
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void kn_buf_puts(kn_buf *b, const char *s)
{
	kn_buf_append(b, s, strlen(s));
}

void kn_buf_putc(kn_buf *b, char c)
{
	kn_buf_append(b, &c, 1);
}

void kn_buf_vprintf(kn_buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	if (b->failed)
		return;
	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0) {
		set_failed(b);
		return;
	}
	if (grow(b, (size_t)n))
		return;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void kn_buf_printf(kn_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kn_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

int kn_buf_failed(const kn_buf *b)
{
	return b->failed;
}

const char *kn_buf_cstr(const kn_buf *b)
{
	return b->data && !b->failed ? b->data : "";
}

char *kn_buf_detach(kn_buf *b, size_t *len)
{
	char *p;

	if (b->failed) {
		kn_buf_release(b);
		if (len)
			*len = 0;
		return NULL;
	}
	p = b->data ? b->data : calloc(1, 1);
	if (len)
		*len = p ? b->len : 0;
	kn_buf_init(b);
	return p;
}
