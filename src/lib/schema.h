/* knockon internal — the corpus schema and its migrations. */
#ifndef KN_SCHEMA_H
#define KN_SCHEMA_H

#include <sqlite3.h>
#include "knockon/error.h"

/* Brings the database to KN_SCHEMA_VERSION (creating it when empty), in
 * one transaction.  A file from a newer knockon is refused. */
kn_status kn_schema_migrate(sqlite3 *db, const char *path, kn_error *err);

/* The schema version stored in the file (PRAGMA user_version). */
int kn_schema_version(sqlite3 *db);

#endif
