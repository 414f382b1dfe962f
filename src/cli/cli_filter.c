/* The corpus filter options the listing commands share (--since, --until,
 * --category, --actor, --min-score, --limit). */
#include <string.h>

#include "cli.h"

/* A filter option with a value to check or count; 1 when name is one. */
static int checked_option(const char *name, const char *value, kn_filter *f,
			  kn_error *err, kn_status *st)
{
	*st = KN_OK;
	if (strcmp(name, "since") == 0)
		f->since = value;
	else if (strcmp(name, "until") == 0)
		f->until = value;
	else if (strcmp(name, "category") == 0)
		*st = kn_filter_add_category(f, value, err);
	else if (strcmp(name, "actor") == 0)
		*st = kn_filter_add_actor(f, value, err);
	else
		return 0;
	if (*st == KN_OK)
		*st = kn_filter_check(f, err);
	return 1;
}

int cli_filter_option(const kn_command *cmd, const char *name,
		      const char *value, kn_filter *f)
{
	kn_error err;
	kn_status st;
	long v;

	kn_error_clear(&err);
	if (checked_option(name, value, f, &err, &st)) {
		if (st == KN_OK)
			return 1;
		if (st == KN_ERR_USAGE)
			cli_usage_error(cmd, "%s", err.message);
		else
			cli_error(&err);
		return -1;
	}
	if (strcmp(name, "min-score") == 0) {
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
	return 1;
}
