/* knockon actors — every actor with its winner and loser counts. */
#include <getopt.h>

#include "cli.h"
#include "commands.h"
#include "knockon/format.h"
#include "knockon/query.h"

const char cmd_actors_options[] =
	"  --contested        only actors that are winners and losers\n"
	"  --format F         table (default), json (one array), csv or csv-raw\n"
	CLI_TABLE_HELP
	CLI_CSV_HELP
	CLI_BOM_HELP
	CLI_FILTER_HELP;

int cmd_actors(int argc, char **argv, kn_cli *cli)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "contested", no_argument, NULL, 'c' },
		{ "bom", no_argument, NULL, 'b' },
		CLI_FILTER_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	const kn_command *cmd = cli_find_command("actors");
	kn_out_format fmt = KN_OUT_TABLE;
	kn_format_opts fo;
	kn_actor_roles_list l;
	kn_buf out = KN_BUF_INIT;
	kn_filter f;
	kn_error err;
	int c, index, contested = 0, bom = 0;
	kn_status st;

	kn_filter_init(&f);
	cli_corpus_operands(0, 0);
	while ((c = cli_getopt(argc, argv, "", opts, &index)) != -1) {
		if (c == 'f') {
			if (kn_out_format_parse(optarg, &fmt))
				return cli_usage_error(cmd, CLI_FORMAT_ERROR, optarg);
		} else if (c == 'c') {
			contested = 1;
		} else if (c == 'b') {
			bom = 1;
		} else if (c != 0) {
			return cli_bad_option(cmd, c, argv);
		} else if (cli_filter_option(cmd, opts[index].name, optarg, &f) != 1) {
			return EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cli_usage_error(cmd, "unexpected argument \"%s\"", argv[optind]);
	if (cli_format_opts(cmd, fmt, bom, &fo) != EXIT_OK)
		return EXIT_USAGE;
	kn_actor_roles_list_init(&l);
	kn_error_clear(&err);
	if (kn_query_actors(cli->store, &f, contested, &l, &err)) {
		cli_error(&err);
		return EXIT_FAIL;
	}
	st = kn_format_actor_roles(&l, &fo, &out);
	kn_actor_roles_list_release(&l);
	return cli_output(&out, st);
}
