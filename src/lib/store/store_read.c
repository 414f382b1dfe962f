/* Reading the corpus back: one signal by id or row id, the count, and the
 * filtered list newest first.  Signals are read from their stored canonical
 * JSON, so what `show` prints is exactly what `parse` printed. */
#include <stdio.h>
#include <stdlib.h>

#include "knockon/json.h"
#include "store_internal.h"

/* Reads the one signal the cached query q (bound; handed back to the
 * cache here) selects, or fills err with what (the caller's "not found"
 * text). */
static kn_status read_one(kn_store *st, sqlite3_stmt *q, kn_signal *out,
			  const char *what, kn_error *err)
{
	kn_status rc;

	if (sqlite3_step(q) == SQLITE_ROW)
		rc = kn_signal_read_json((const char *)sqlite3_column_text(q, 0),
					 (size_t)sqlite3_column_bytes(q, 0),
					 kn_store_path(st), 1, out, err);
	else
		rc = kn_error_set(err, KN_ERR_NOTFOUND, NULL, 0, 0, NULL, "%s",
				  what);
	kn_store_stmt_done(st, q);
	return rc;
}

kn_status kn_store_read_sid(kn_store *st, sqlite3_int64 sid, kn_signal *out,
			    kn_error *err)
{
	sqlite3_stmt *q;
	char what[64];
	kn_status rc = kn_store_stmt(st, "SELECT canonical FROM signals WHERE sid = ?1",
				     "cannot read the corpus", &q, err);

	if (rc)
		return rc;
	sqlite3_bind_int64(q, 1, sid);
	snprintf(what, sizeof what, "no signal with row id %lld", (long long)sid);
	return read_one(st, q, out, what, err);
}

kn_status kn_sqlite_get(kn_store *st, const char *id, kn_signal *out,
		       kn_error *err)
{
	sqlite3_stmt *q;
	char what[600];
	kn_status rc = kn_store_stmt(st, "SELECT canonical FROM signals WHERE id = ?1",
				     "cannot read the corpus", &q, err);

	if (rc)
		return rc;
	sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
	snprintf(what, sizeof what, "no signal with id \"%.500s\"", id);
	return read_one(st, q, out, what, err);
}

kn_status kn_sqlite_count(kn_store *st, long long *count, kn_error *err)
{
	sqlite3_stmt *s;
	kn_status rc;

	*count = 0;
	rc = kn_store_stmt(st, "SELECT count(*) FROM signals",
			   "cannot read the corpus", &s, err);
	if (rc)
		return rc;
	if (sqlite3_step(s) == SQLITE_ROW)
		*count = sqlite3_column_int64(s, 0);
	else
		rc = kn_store_fail(st, err, "cannot read the corpus");
	kn_store_stmt_done(st, s);
	return rc;
}

kn_status kn_sqlite_list(kn_store *st, const kn_filter *f, kn_signal_fn each,
			void *ctx, kn_error *err)
{
	kn_buf sql = KN_BUF_INIT;
	sqlite3_stmt *s = NULL;
	kn_signal sig;
	kn_status rc = KN_OK;
	int step, next;

	kn_buf_puts(&sql, "SELECT s.canonical FROM signals s");
	/* newest first within several categories: the date index is in that
	 * order (the category index is so only within one category), so a
	 * limit stops the walk instead of sorting every match */
	if (f && f->limit > 0 && f->n_categories > 1 && !f->n_actors)
		kn_store_indexed_by(st, &sql, "signals_by_published");
	kn_buf_puts(&sql, " WHERE 1");
	kn_filter_sql(f, "s", &sql);
	kn_buf_puts(&sql, " ORDER BY s.published DESC, s.id");
	if (f && f->limit > 0)
		kn_buf_printf(&sql, " LIMIT %ld", f->limit);
	if (kn_buf_failed(&sql))
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
				    "out of memory");
	rc = kn_store_stmt(st, sql.data, "cannot list the corpus", &s, err);
	kn_buf_release(&sql);
	if (rc)
		return rc;
	next = kn_filter_bind(s, f, 1);
	(void)next;
	kn_signal_init(&sig);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		rc = kn_signal_read_json((const char *)sqlite3_column_text(s, 0),
					 (size_t)sqlite3_column_bytes(s, 0),
					 kn_store_path(st), 1, &sig, err);
		if (rc || each(ctx, &sig))
			break;
	}
	if (rc == KN_OK && step != SQLITE_ROW && step != SQLITE_DONE)
		rc = kn_store_fail(st, err, "cannot list the corpus");
	kn_signal_release(&sig);
	kn_store_stmt_done(st, s);
	return rc;
}
