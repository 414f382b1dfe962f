/* knockon rm ID... — remove signals and everything derived from them. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "cli_ids.h"
#include "commands.h"
#include "knockon/text.h"

const char cmd_rm_options[] =
	"  -n, --dry-run      say what would be removed; change nothing\n"
	"  -q, --quiet        no summary line\n"
	"  ID may be a unique prefix of a signal id.  Removes the signals with\n"
	"  their effects, causes, roles and search rows, and the actors no\n"
	"  other signal names, in one transaction; prints each id removed on\n"
	"  stdout and a summary on stderr.  An ID that names no signal, or\n"
	"  more than one: nothing is removed, exit status 1.\n";

/* The ids removed, printed once the transaction has committed. */
static void add_id(void *ctx, const char *id)
{
	kn_buf_put_printable(ctx, id, 0);
	kn_buf_putc(ctx, '\n');
}

static const char *plural(unsigned long long n, const char *one,
			  const char *many)
{
	return n == 1 ? one : many;
}

static void summary(const kn_remove_stats *s, int dry_run)
{
	fprintf(stderr, "%s %llu %s (%llu %s, %llu %s, %llu actor %s; %llu %s"
		" no other signal names)%s\n", dry_run ? "would remove" : "removed",
		s->signals, plural(s->signals, "signal", "signals"),
		s->effects, plural(s->effects, "effect", "effects"),
		s->causes, plural(s->causes, "cause", "causes"),
		s->roles, plural(s->roles, "role", "roles"),
		s->actors, plural(s->actors, "actor", "actors"),
		dry_run ? "; nothing changed (--dry-run)" : "");
}

/* Every operand's full id (heap array of heap strings), or NULL after
 * saying why each bad one names no single signal. */
static char **resolve_all(kn_store *st, int argc, char **argv, int first)
{
	char **ids = calloc((size_t)(argc - first), sizeof *ids);
	int i, bad = !ids;

	for (i = first; ids && i < argc; i++)
		if (!(ids[i - first] = cli_resolve_id(st, argv[i])))
			bad = 1;
	if (!bad)
		return ids;
	for (i = first; ids && i < argc; i++)
		free(ids[i - first]);
	free(ids);
	if (!ids)
		cli_errorf("out of memory");
	else
		cli_errorf("nothing removed");
	return NULL;
}

int cmd_rm(int argc, char **argv, kn_cli *cli)
{
	static const struct option opts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "quiet", no_argument, NULL, 'q' }, { NULL, 0, NULL, 0 }
	};
	const kn_command *cmd = cli_find_command("rm");
	kn_remove_stats stats;
	kn_buf out = KN_BUF_INIT;
	kn_error err;
	kn_status st;
	char **ids;
	int c, i, dry_run = 0, quiet = 0;

	cli_corpus_operands(1, INT_MAX); /* no ID: no corpus made */
	while ((c = cli_getopt(argc, argv, "nq", opts, NULL)) != -1) {
		if (c == 'n')
			dry_run = 1;
		else if (c == 'q')
			quiet = 1;
		else
			return cli_bad_option(cmd, c, argv);
	}
	if (optind >= argc)
		return cli_usage_error(cmd, "give at least one signal ID");
	if (!(ids = resolve_all(cli->store, argc, argv, optind)))
		return EXIT_FAIL;
	kn_error_clear(&err);
	st = kn_store_remove(cli->store, (const char *const *)ids,
			     (size_t)(argc - optind), dry_run, add_id, &out,
			     &stats, &err);
	for (i = 0; i < argc - optind; i++)
		free(ids[i]);
	free(ids);
	if (st) {
		kn_buf_release(&out);
		cli_error(&err);
		return EXIT_FAIL;
	}
	if (!quiet)
		summary(&stats, dry_run);
	return cli_output(&out, KN_OK);
}
