/* knockon — status codes and error values.
 *
 * The library never prints and never exits: every call that can fail returns
 * a kn_status and, when the caller passes a kn_error, fills it with where the
 * problem is (source, line, column, field) and a message a user can act on.
 * Only the command line prints. */
#ifndef KNOCKON_ERROR_H
#define KNOCKON_ERROR_H

#include "knockon/export.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum kn_status {
	KN_OK = 0,
	KN_DONE,        /* an iterator has nothing more to give (not a failure) */
	KN_ERR_NOMEM,
	KN_ERR_IO,      /* a file could not be opened, read or written */
	KN_ERR_PARSE,   /* input is not well-formed (JSON syntax, card layout, UTF-8) */
	KN_ERR_INVALID, /* well-formed input with a bad field value */
	KN_ERR_DB,      /* the corpus (SQLite) failed */
	KN_ERR_NOTFOUND,
	KN_ERR_USAGE,   /* a caller passed arguments that do not fit */
	KN_ERR_RENDER   /* Graphviz could not lay out or render a map */
} kn_status;

/* Where and why something failed.  Fixed-size so that filling it never
 * allocates; text longer than a buffer is cut at a UTF-8 boundary. */
typedef struct kn_error {
	kn_status code;
	char source[512];  /* file name, "-" for stdin, or "" */
	long line;         /* 1-based; 0 when unknown */
	long column;       /* 1-based; 0 when unknown */
	char field[128];   /* e.g. "score", "losers[1].name"; "" when none */
	char message[768]; /* lowercase, no full stop, subject quoted */
} kn_error;

/* Resets err to "no error".  Accepts NULL. */
KN_API void kn_error_clear(kn_error *err);

/* Fills err (if not NULL) and returns code.  fmt is printf-style and makes
 * the message.  source and field may be NULL. */
KN_API kn_status kn_error_set(kn_error *err, kn_status code, const char *source,
			      long line, long column, const char *field,
			      const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 7, 8)))
#endif
	;

/* Writes "source:line:column: message" (parts that are unknown left out)
 * into out, NUL-terminated, cut to size.  Returns out. */
KN_API char *kn_error_format(const kn_error *err, char *out, size_t size);

/* A short English name for a status, e.g. "out of memory".  Static. */
KN_API const char *kn_status_name(kn_status code);

#ifdef __cplusplus
}
#endif
#endif
