#!/bin/bash
# The store owns all SQL: outside src/lib/store/, no file under src/ or
# include/ holds SQL text in a string literal, calls sqlite3_*, includes
# <sqlite3.h> or reaches for the connection (kn_store_db).  The same check
# must find the SQL that is in src/lib/store/, so it cannot pass by
# matching nothing.
set -euo pipefail
src=${KN_SOURCE_DIR:?}
fail() { echo "sql_only_in_store: $*" >&2; exit 1; }

# A string literal holding an SQL keyword as a word, an sqlite3 call or
# type, the SQLite header, or the store's connection.
sql_re='"[^"]*\b(SELECT|INSERT|UPDATE|DELETE|CREATE|PRAGMA|BEGIN IMMEDIATE|SAVEPOINT|ROLLBACK)\b[^"]*"|\bsqlite3_[a-z0-9_]+ *\(|\bsqlite3 \*|<sqlite3\.h>|\bkn_store_db\b'

cd "$src"
inside=$(grep -rEl "$sql_re" src/lib/store --include='*.c' --include='*.h' | wc -l)
[ "$inside" -ge 5 ] || fail "the check finds SQL in only $inside files of src/lib/store/"
grep -qE "$sql_re" src/lib/store/store_query.c ||
	fail "the check misses the query SQL in src/lib/store/store_query.c"

outside=$(grep -rEn "$sql_re" src include --include='*.c' --include='*.h' |
	grep -v '^src/lib/store/' || true)
[ -z "$outside" ] || fail "SQL outside src/lib/store/:
$outside"
echo "sql_only_in_store: ok ($inside files of src/lib/store/ hold SQL, none outside)"
