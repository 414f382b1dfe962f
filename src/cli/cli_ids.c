/* Signal ids by unique prefix: what show, render and rm share. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "cli_ids.h"

void cli_print_near(const char *heading, const kn_lookup *l)
{
	size_t i;

	if (!l->n)
		return;
	if (heading)
		fprintf(stderr, "%s\n", heading);
	for (i = 0; i < l->n; i++) {
		fputs("  ", stderr);
		cli_put_printable(stderr, l->near[i], 0);
		fputc('\n', stderr);
	}
	if (l->more > 0)
		fprintf(stderr, "  and %lld more\n", l->more);
}

char *cli_resolve_id(kn_store *st, const char *operand)
{
	kn_lookup l;
	kn_error err;
	char *id = NULL;

	kn_lookup_init(&l);
	kn_error_clear(&err);
	if (kn_store_resolve_id(st, operand, &l, &err) == KN_OK) {
		id = l.found;
		l.found = NULL;
	} else {
		cli_error(&err);
		if (err.code == KN_ERR_USAGE)
			cli_print_near(NULL, &l);
		else
			cli_print_near("the nearest ids:", &l);
	}
	kn_lookup_release(&l);
	return id;
}
