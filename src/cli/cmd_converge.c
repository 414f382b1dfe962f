/* knockon converge — the actors that high-order effects of several
 * signals reach. */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "commands.h"
#include "knockon/converge.h"
#include "knockon/format.h"

const char cmd_converge_options[] =
	"  --order N          count effects of order N or higher (default 2:\n"
	"                     the second- and third-order effects)\n"
	"  --min N            actors reached by at least N distinct signals\n"
	"                     (default 2)\n"
	"  --decay D          the weight kept per order, 0 to 1 (default 0.5),\n"
	"                     as knockon exposure weighs each effect\n"
	"  --format F         table (default: counts and the newest signal), json\n"
	"                     (an array, with every effect in \"via\"), csv or csv-raw\n"
	"                     most distinct signals first, then exposure (the\n"
	"                     sum of those effects' weights), then actor name\n"
	CLI_CSV_HELP
	CLI_BOM_HELP
	CLI_FILTER_HELP
	"                     (--limit: at most N actors)\n";

int cmd_converge(int argc, char **argv, kn_cli *cli)
{
	static const struct option opts[] = {
		{ "order", required_argument, NULL, 'o' },
		{ "min", required_argument, NULL, 'm' },
		{ "decay", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "bom", no_argument, NULL, 'B' },
		CLI_FILTER_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	const kn_command *cmd = cli_find_command("converge");
	kn_out_format fmt = KN_OUT_TABLE;
	kn_format_opts fo;
	kn_buf out = KN_BUF_INIT;
	kn_converge_opts o;
	kn_converge c;
	kn_error err;
	kn_status st;
	long v;
	int ch, index, bom = 0;

	kn_converge_opts_init(&o);
	while ((ch = cli_getopt(argc, argv, "", opts, &index)) != -1) {
		if (ch == 'o' && cli_parse_long(optarg, 1, 1000, &v) == 0)
			o.min_order = (int)v;
		else if (ch == 'o')
			return cli_usage_error(cmd, "--order takes a whole number from 1 to 1000, got \"%s\"",
					       optarg);
		else if (ch == 'm' && cli_parse_long(optarg, 1, 1000000000L, &v) == 0)
			o.min_signals = v;
		else if (ch == 'm')
			return cli_usage_error(cmd, "--min takes a positive whole number, got \"%s\"",
					       optarg);
		else if (ch == 'd' && cli_parse_decay(cmd, optarg, &o.decay))
			return EXIT_USAGE;
		else if (ch == 'f' && kn_out_format_parse(optarg, &fmt))
			return cli_usage_error(cmd, CLI_FORMAT_ERROR, optarg);
		else if (ch == 0 &&
			 cli_filter_option(cmd, opts[index].name, optarg, &o.filter) != 1)
			return EXIT_USAGE;
		else if (ch == 'B')
			bom = 1;
		else if (ch != 'o' && ch != 'm' && ch != 'd' && ch != 'f' && ch != 0)
			return cli_bad_option(cmd, ch, argv);
	}
	if (argc - optind != 0)
		return cli_usage_error(cmd, "converge takes no operands, got \"%s\"",
				       argv[optind]);
	if (cli_format_opts(cmd, fmt, bom, &fo) != EXIT_OK)
		return EXIT_USAGE;
	if (fmt != KN_OUT_JSON)
		o.max_via = 0; /* a table lists none: no effect is read again */
	kn_converge_init(&c);
	kn_error_clear(&err);
	if (kn_converge_query(cli->store, &o, &c, &err)) {
		if (err.code == KN_ERR_USAGE)
			return cli_usage_error(cmd, "%s", err.message);
		cli_error(&err);
		return EXIT_FAIL;
	}
	st = kn_format_converge_opts(&c, &fo, &out);
	kn_converge_release(&c);
	return cli_output(&out, st);
}
