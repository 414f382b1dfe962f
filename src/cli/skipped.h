/* What a folder walk skipped, for parse and ingest: a count always, the
 * names with -v (the library counts and calls back; the CLI speaks). */
#ifndef KNOCKON_CLI_SKIPPED_H
#define KNOCKON_CLI_SKIPPED_H

#include "knockon/reader.h"

typedef struct cli_skips {
	int verbose;        /* name each skipped entry */
	int progress;       /* a progress line is on stderr: clear it first */
	unsigned long long by_reason[KN_SKIP_NOT_SIGNALS + 1];
} cli_skips;

/* Installs the skip hook on r, counting into s. */
void cli_skips_watch(cli_skips *s, kn_reader *r);

/* One stderr line when anything was skipped: how many, and why. */
void cli_skips_report(const cli_skips *s);

#endif
