/* The SQLite library the store runs with (knockon version). */
#include <sqlite3.h>

#include "knockon/store.h"

const char *kn_store_sqlite_version(void)
{
	return sqlite3_libversion();
}
