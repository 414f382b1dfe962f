/* knockon command line — signal ids as the user gives them: a whole id or
 * a unique prefix of one (cli_ids.c). */
#ifndef KN_CLI_IDS_H
#define KN_CLI_IDS_H

#include "knockon/store.h"

/* The full id operand names (heap: free() it), or NULL after saying on
 * stderr why there is none: no signal (with the nearest ids), an
 * ambiguous prefix (with the ids it matches), or a corpus error.  Either
 * way the command's exit status is then EXIT_FAIL. */
char *cli_resolve_id(kn_store *st, const char *operand);

/* Prints l->near on stderr, one indented line each, after heading (if
 * not NULL),
 * then "and N more" when l->more (what kn_store_resolve_id and
 * kn_store_find_actor return). */
void cli_print_near(const char *heading, const kn_lookup *l);

#endif
