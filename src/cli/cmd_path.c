/* knockon path FROM TO — chains from a signal or an actor to an actor,
 * card by card. */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "commands.h"
#include "knockon/converge.h"
#include "knockon/format.h"

const char cmd_path_options[] =
	"  FROM               a signal id (or a unique prefix of one) or an\n"
	"                     actor (case-insensitive, after aliases)\n"
	"  TO                 an actor\n"
	"                     inside a card a chain follows the card's links\n"
	"                     (signal -> effect -> caused effects, signal -> its\n"
	"                     winners and losers, effect -> the actors it names);\n"
	"                     it moves to another card only through an actor\n"
	"                     that card names; exit 1 when there is no chain\n"
	"  --max-hops N       at most N edges a chain (default 8, at most 64)\n"
	"  --limit N          at most N chains (default 5), shortest first\n"
	"  --format F         table (default: one line per hop), json (an\n"
	"                     array of {\"hops\": [...]}), csv or csv-raw\n"
	CLI_CSV_HELP
	CLI_BOM_HELP
	"  --since, --until, --category, --actor, --min-score\n"
	"                     the cards a chain may go through (as for list)\n";

int cmd_path(int argc, char **argv, kn_cli *cli)
{
	static const struct option opts[] = {
		{ "max-hops", required_argument, NULL, 'x' },
		{ "format", required_argument, NULL, 'f' },
		{ "bom", no_argument, NULL, 'B' },
		CLI_FILTER_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	const kn_command *cmd = cli_find_command("path");
	kn_out_format fmt = KN_OUT_TABLE;
	kn_format_opts fo;
	kn_buf out = KN_BUF_INIT;
	kn_path_opts o;
	kn_paths p;
	kn_error err;
	kn_status st;
	long v;
	int c, index, bom = 0;

	kn_path_opts_init(&o);
	while ((c = cli_getopt(argc, argv, "", opts, &index)) != -1) {
		if (c == 'x' && cli_parse_long(optarg, 1, 64, &v) == 0)
			o.max_hops = (int)v;
		else if (c == 'x')
			return cli_usage_error(cmd, "--max-hops takes a whole number from 1 to 64, got \"%s\"",
					       optarg);
		else if (c == 'f' && kn_out_format_parse(optarg, &fmt))
			return cli_usage_error(cmd, CLI_FORMAT_ERROR, optarg);
		else if (c == 0 &&
			 cli_filter_option(cmd, opts[index].name, optarg, &o.filter) != 1)
			return EXIT_USAGE;
		else if (c == 'B')
			bom = 1;
		else if (c != 'x' && c != 'f' && c != 0)
			return cli_bad_option(cmd, c, argv);
	}
	if (argc - optind != 2)
		return cli_usage_error(cmd, "give FROM (a signal id or an actor) and TO (an actor)");
	if (cli_format_opts(cmd, fmt, bom, &fo) != EXIT_OK)
		return EXIT_USAGE;
	if (o.filter.limit > 0)
		o.limit = (size_t)o.filter.limit;
	kn_paths_init(&p);
	kn_error_clear(&err);
	if (kn_path_query(cli->store, argv[optind], argv[optind + 1], &o, &p, &err)) {
		if (err.code == KN_ERR_USAGE)
			return cli_usage_error(cmd, "%s", err.message);
		cli_error(&err);
		return EXIT_FAIL;
	}
	if (p.n == 0) {
		cli_errorf("no chain from \"%s\" to \"%s\" within %d hops",
			   argv[optind], argv[optind + 1], o.max_hops);
		kn_paths_release(&p);
		return EXIT_FAIL;
	}
	st = kn_format_paths_opts(&p, &fo, &out);
	kn_paths_release(&p);
	return cli_output(&out, st);
}
