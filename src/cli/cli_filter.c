/* The corpus filter options the listing commands share (--since, --until,
 * --category, --min-score, --limit). */
#include <string.h>

#include "cli.h"

int cli_filter_option(const kn_command *cmd, const char *name,
		      const char *value, kn_filter *f)
{
	kn_error err;
	long v;

	if (strcmp(name, "since") == 0)
		f->since = value;
	else if (strcmp(name, "until") == 0)
		f->until = value;
	else if (strcmp(name, "category") == 0)
		f->category = value;
	else if (strcmp(name, "min-score") == 0) {
		if (cli_parse_long(value, 0, 100, &v)) {
			cli_usage_error(cmd, "--min-score takes an integer from 0 to 100, got \"%s\"",
					value);
			return -1;
		}
		f->min_score = (int)v;
	} else if (strcmp(name, "limit") == 0) {
		if (cli_parse_long(value, 1, 1000000000L, &v)) {
			cli_usage_error(cmd, "--limit takes a positive integer, got \"%s\"",
					value);
			return -1;
		}
		f->limit = v;
	} else {
		return 0;
	}
	kn_error_clear(&err);
	if ((strcmp(name, "since") == 0 || strcmp(name, "until") == 0) &&
	    kn_filter_check(f, &err)) {
		cli_usage_error(cmd, "%s", err.message);
		return -1;
	}
	return 1;
}
