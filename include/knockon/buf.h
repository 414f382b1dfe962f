/* knockon — a growable byte buffer with a sticky failure (after sqlite3_str
 * and git's strbuf).  Appends never report failure one by one: once an
 * allocation fails the buffer drops what it held and stops growing:
 * kn_buf_failed() says so, len is 0, kn_buf_cstr() is "" and
 * kn_buf_detach() returns NULL, so the three always agree.  Check
 * kn_buf_failed() before using the contents.  The data is always
 * NUL-terminated when len > 0. */
#ifndef KNOCKON_BUF_H
#define KNOCKON_BUF_H

#include "knockon/export.h"

#include <stdarg.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kn_buf {
	char *data; /* owned; NULL until the first append */
	size_t len;
	size_t cap;
	int failed; /* sticky; then data is NULL and len 0 */
} kn_buf;

#define KN_BUF_INIT { NULL, 0, 0, 0 }

KN_API void kn_buf_init(kn_buf *b);
/* Frees the storage and resets b to empty.  Accepts NULL. */
KN_API void kn_buf_release(kn_buf *b);
/* Empties b but keeps its storage (and clears a failure). */
KN_API void kn_buf_reset(kn_buf *b);

KN_API void kn_buf_append(kn_buf *b, const void *data, size_t len);
KN_API void kn_buf_puts(kn_buf *b, const char *s);
KN_API void kn_buf_putc(kn_buf *b, char c);
KN_API void kn_buf_printf(kn_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
KN_API void kn_buf_vprintf(kn_buf *b, const char *fmt, va_list ap);

/* Non-zero once any append failed. */
KN_API int kn_buf_failed(const kn_buf *b);
/* A NUL-terminated view of the contents ("" when empty).  Borrowed: valid
 * until the next append, reset or release. */
KN_API const char *kn_buf_cstr(const kn_buf *b);
/* Hands the storage to the caller (free() it) and leaves b empty.  Returns
 * NULL if any append failed; an empty buffer gives a new "" string. */
KN_API char *kn_buf_detach(kn_buf *b, size_t *len);

#ifdef __cplusplus
}
#endif
#endif
