/* The SQLite library the store runs with (knockon version), and the
 * process-wide settings a program may give it before it starts. */
#include <sqlite3.h>

#include "knockon/store.h"

const char *kn_store_sqlite_version(void)
{
	return sqlite3_libversion();
}

/* SQLite counts every allocation under a process-wide mutex unless told
 * not to, and that can only be said before it starts; knockon reads no
 * memory statistics. */
int kn_store_process_init(void)
{
	return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK ? 0 : -1;
}
