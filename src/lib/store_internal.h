/* knockon internal — what the library's query, map and report modules use
 * of the corpus.  Not public API: callers outside src/lib use store.h. */
#ifndef KN_STORE_INTERNAL_H
#define KN_STORE_INTERNAL_H

#include <sqlite3.h>

#include "knockon/buf.h"
#include "knockon/store.h"

/* The connection (borrowed; valid until kn_store_close). */
sqlite3 *kn_store_db(kn_store *st);
/* The path the corpus was opened with (borrowed). */
const char *kn_store_path(const kn_store *st);

/* Fills err from the connection's current error: call right after the
 * failing sqlite3_* call, before any other.  Returns KN_ERR_DB. */
kn_status kn_store_fail(kn_store *st, kn_error *err, const char *what);

/* Appends " AND …" conditions selecting the signals f allows, for a query
 * where the signals table is named alias (e.g. "s").  Parameters are bound
 * by kn_filter_bind, in the same order, starting at index first; it
 * returns the next free index.  No text from f is ever put in the SQL. */
void kn_filter_sql(const kn_filter *f, const char *alias, kn_buf *sql);
int kn_filter_bind(sqlite3_stmt *stmt, const kn_filter *f, int first);

/* Reads the signal with internal row id sid into *out (initialised). */
kn_status kn_store_read_sid(kn_store *st, sqlite3_int64 sid, kn_signal *out,
			    kn_error *err);

#endif
