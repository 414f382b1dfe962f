/* Statements prepared once per handle, and the errors of the connection: the read operations ask for their
 * SQL by text (the filter variants differ only in their text), and the
 * statement stays prepared until kn_store_close. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#include "kn_grow.h"

/* Errors name what failed and why in terms a user can act on. */
kn_status kn_store_fail(kn_store *st, kn_error *err, const char *what)
{
	int code = sqlite3_extended_errcode(kn_store_db(st));

	if ((code & 0xFF) == SQLITE_BUSY)
		return kn_error_set(err, KN_ERR_DB, kn_store_path(st), 0, 0, NULL,
				    "%s: the corpus is locked by another writer (waited %s)",
				    what, "for the busy timeout");
	if ((code & 0xFF) == SQLITE_READONLY)
		return kn_error_set(err, KN_ERR_DB, kn_store_path(st), 0, 0, NULL,
				    "%s: the corpus is read-only", what);
	/* "disk I/O error" alone does not say what went wrong */
	if ((code & 0xFF) == SQLITE_IOERR && sqlite3_system_errno(kn_store_db(st)))
		return kn_error_set(err, KN_ERR_DB, kn_store_path(st), 0, 0, NULL,
				    "%s: %s (%s)", what, sqlite3_errmsg(kn_store_db(st)),
				    strerror(sqlite3_system_errno(kn_store_db(st))));
	return kn_error_set(err, KN_ERR_DB, kn_store_path(st), 0, 0, NULL, "%s: %s",
			    what, sqlite3_errmsg(kn_store_db(st)));
}

struct kn_stmt_cache {
	char **sql;
	sqlite3_stmt **q;
	size_t n, cap_sql, cap_q;
};

kn_status kn_store_stmt(kn_store *st, const char *sql, const char *what,
			sqlite3_stmt **out, kn_error *err)
{
	struct kn_stmt_cache **slot = kn_store_cache(st), *c = *slot;
	sqlite3_stmt *q = NULL;
	size_t i;

	*out = NULL;
	if (!c && !(c = *slot = calloc(1, sizeof *c)))
		goto nomem;
	for (i = 0; i < c->n; i++)
		if (strcmp(c->sql[i], sql) == 0) {
			/* in use further up (a callback querying again):
			 * a statement of its own, finalized when done */
			if (sqlite3_stmt_busy(c->q[i]))
				break;
			*out = c->q[i];
			return KN_OK;
		}
	if (sqlite3_prepare_v3(kn_store_db(st), sql, -1, SQLITE_PREPARE_PERSISTENT,
			       &q, NULL) != SQLITE_OK) {
		kn_status s = kn_store_fail(st, err, what);

		sqlite3_finalize(q);
		return s;
	}
	*out = q;
	if (i < c->n)
		return KN_OK;
	if (KN_GROW(c->sql, c->cap_sql, c->n + 1) ||
	    KN_GROW(c->q, c->cap_q, c->n + 1) || !(c->sql[c->n] = strdup(sql))) {
		sqlite3_finalize(q);
		*out = NULL;
		goto nomem;
	}
	c->q[c->n++] = q;
	return KN_OK;
nomem:
	return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
}

kn_status kn_store_stmt_buf(kn_store *st, kn_buf *sql, const char *what,
			    sqlite3_stmt **q, kn_error *err)
{
	kn_status s = kn_buf_failed(sql)
			      ? kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
					     "out of memory")
			      : kn_store_stmt(st, kn_buf_cstr(sql), what, q, err);

	kn_buf_release(sql);
	return s;
}

int kn_store_has_index(kn_store *st, const char *name)
{
	sqlite3_stmt *q;
	int rc;

	if (kn_store_stmt(st, "SELECT 1 FROM sqlite_schema WHERE type = 'index'"
			  " AND name = ?1", "cannot read the corpus's indexes",
			  &q, NULL))
		return 0;
	sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	kn_store_stmt_done(st, q);
	return rc == SQLITE_ROW;
}

void kn_store_indexed_by(kn_store *st, kn_buf *sql, const char *name)
{
	if (kn_store_has_index(st, name)) {
		kn_buf_puts(sql, " INDEXED BY ");
		kn_buf_puts(sql, name);
	}
}

void kn_store_stmt_done(kn_store *st, sqlite3_stmt *q)
{
	struct kn_stmt_cache *c = *kn_store_cache(st);
	size_t i;

	if (!q)
		return;
	for (i = 0; c && i < c->n; i++)
		if (c->q[i] == q) {
			/* reset: a statement left stepping holds a read lock */
			sqlite3_reset(q);
			sqlite3_clear_bindings(q);
			return;
		}
	sqlite3_finalize(q);
}

kn_status kn_store_rows_done(kn_store *st, sqlite3_stmt *q, int rc, int stop,
			     const char *what, kn_error *err)
{
	kn_status s = KN_OK;

	if (stop < 0)
		s = kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	else if (!stop && rc != SQLITE_DONE)
		s = kn_store_fail(st, err, what);
	kn_store_stmt_done(st, q);
	return s;
}

void kn_stmt_cache_free(struct kn_stmt_cache *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->n; i++) {
		sqlite3_finalize(c->q[i]);
		free(c->sql[i]);
	}
	free(c->sql);
	free(c->q);
	free(c);
}
