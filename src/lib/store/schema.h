/* knockon internal — the corpus schema and its migrations. */
#ifndef KN_SCHEMA_H
#define KN_SCHEMA_H

#include <sqlite3.h>
#include "knockon/error.h"

/* Called inside the migration's transaction once the step to version
 * has run (ctx as given), to fill what SQL alone cannot; a failure (err
 * filled) rolls the whole migration back. */
typedef kn_status (*kn_schema_step_fn)(void *ctx, int version, kn_error *err);

/* Brings the database to KN_SCHEMA_VERSION (creating it when empty) and
 * marks it with KN_APPLICATION_ID, in one transaction, calling step (may
 * be NULL) after each version's SQL.  A file from a newer knockon is
 * refused.  The caller has checked (kn_corpus_check) that the file is a
 * knockon corpus or empty. */
kn_status kn_schema_migrate(sqlite3 *db, const char *path,
			    kn_schema_step_fn step, void *ctx, kn_error *err);

/* The schema version stored in the file (PRAGMA user_version). */
int kn_schema_version(sqlite3 *db);

/* 1 when the file carries knockon's PRAGMA application_id. */
int kn_schema_marked(sqlite3 *db);

/* The secondary indexes of signals, roles and effect links, which a bulk
 * load into an empty corpus drops first and builds after the rows, in
 * one sort each (maintaining them row by row costs a B-tree descent and a
 * page written per row and index).  Each returns 0 on success (inside the
 * caller's transaction); kn_schema_create_late_indexes builds those of
 * which (the ones the scan of the effects at the end of the load reads,
 * those built after it, or both); kn_schema_late_indexes_missing is 1 when
 * one of them is missing (a bulk load under way or cut short), 0 when
 * not, -1 on error. */
enum { KN_LATE_BEFORE_SCAN = 1, KN_LATE_AFTER_SCAN = 2, KN_LATE_ALL = 3 };
int kn_schema_drop_late_indexes(sqlite3 *db);
int kn_schema_create_late_indexes(sqlite3 *db, int which);
int kn_schema_late_indexes_missing(sqlite3 *db);

#endif
