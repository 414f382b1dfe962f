/* knockon losers — actors that recur as losers.  The work of winners too
 * (cmd_winners.c calls cmd_recurring with the other role). */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "commands.h"
#include "knockon/format.h"
#include "knockon/query.h"

int cmd_recurring(int argc, char **argv, kn_cli *cli, kn_role role);

const char cmd_losers_options[] =
	"  --min N            actors in at least N signals (default 2)\n"
	"  --weighted         rank by the sum of score x confidence\n"
	"  --format F         table (default: the date and title of each actor's\n"
	"                     newest signal), json, csv or csv-raw (every id)\n"
	CLI_TABLE_HELP
	CLI_CSV_HELP
	CLI_BOM_HELP
	CLI_FILTER_HELP;

typedef struct recurring_cli {
	kn_recurring_opts o;
	kn_out_format fmt;
	int bom;
} recurring_cli;

static int parse_options(int argc, char **argv, const kn_command *cmd,
			 recurring_cli *r)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "min", required_argument, NULL, 'm' },
		{ "weighted", no_argument, NULL, 'w' },
		{ "bom", no_argument, NULL, 'b' },
		CLI_FILTER_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	int c, index;

	cli_corpus_operands(0, 0);
	while ((c = cli_getopt(argc, argv, "", opts, &index)) != -1) {
		if (c == 'f') {
			if (kn_out_format_parse(optarg, &r->fmt))
				return cli_usage_error(cmd, CLI_FORMAT_ERROR, optarg);
		} else if (c == 'm') {
			if (cli_parse_long(optarg, 1, 1000000000L, &r->o.min))
				return cli_usage_error(cmd, "--min takes a positive integer, got \"%s\"",
						       optarg);
		} else if (c == 'w') {
			r->o.weighted = 1;
		} else if (c == 'b') {
			r->bom = 1;
		} else if (c != 0) {
			return cli_bad_option(cmd, c, argv);
		} else if (cli_filter_option(cmd, opts[index].name, optarg,
					     &r->o.filter) != 1) {
			return EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cli_usage_error(cmd, "unexpected argument \"%s\"", argv[optind]);
	return EXIT_OK;
}

int cmd_recurring(int argc, char **argv, kn_cli *cli, kn_role role)
{
	const kn_command *cmd = cli_find_command(argv[0]);
	recurring_cli r = { .fmt = KN_OUT_TABLE };
	kn_format_opts fo;
	kn_actor_counts l;
	kn_buf out = KN_BUF_INIT;
	kn_error err;
	kn_status st;
	int rc;

	kn_recurring_opts_init(&r.o);
	r.o.role = role;
	if ((rc = parse_options(argc, argv, cmd, &r)) != EXIT_OK ||
	    (rc = cli_format_opts(cmd, r.fmt, r.bom, &fo)) != EXIT_OK)
		return rc;
	if (r.fmt == KN_OUT_TABLE) { /* the newest signal, not the ids */
		r.o.max_signals = 1;
		r.o.latest = 1;
	}
	kn_actor_counts_init(&l);
	kn_error_clear(&err);
	if (kn_query_recurring(cli->store, &r.o, &l, &err)) {
		cli_error(&err);
		return err.code == KN_ERR_USAGE ? EXIT_USAGE : EXIT_FAIL;
	}
	st = kn_format_actor_counts(&l, r.o.weighted, &fo, &out);
	kn_actor_counts_release(&l);
	return cli_output(&out, st);
}

int cmd_losers(int argc, char **argv, kn_cli *cli)
{
	return cmd_recurring(argc, argv, cli, KN_LOSER);
}
