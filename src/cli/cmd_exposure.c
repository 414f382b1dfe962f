/* knockon exposure ACTOR — every way the corpus reaches an actor. */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "commands.h"
#include "knockon/format.h"
#include "knockon/ripple.h"

const char cmd_exposure_options[] =
	"  ACTOR              the actor (case-insensitive, after aliases): its\n"
	"                     own roles (order 0) and every effect of order k of\n"
	"                     any signal linking it (knockon links), each\n"
	"                     weighted score/100 x confidence/100 x impact/100\n"
	"                     x decay^k (an absent number counts as 50); the\n"
	"                     exposure is their sum\n"
	"  --decay D          the weight kept per order, 0 to 1 (default 0.5)\n"
	"  --by B             sum up by signal (most exposure first), order or\n"
	"                     month (oldest first) instead of listing the rows\n"
	"  --format F         table (default, ends with the total), json (one\n"
	"                     object), csv or csv-raw\n"
	CLI_TABLE_HELP
	CLI_CSV_HELP
	CLI_BOM_HELP
	CLI_FILTER_HELP
	"                     (--limit lists N rows or groups; all count)\n";

int cmd_exposure(int argc, char **argv, kn_cli *cli)
{
	static const struct option opts[] = {
		{ "decay", required_argument, NULL, 'd' },
		{ "by", required_argument, NULL, 'b' },
		{ "format", required_argument, NULL, 'f' },
		{ "bom", no_argument, NULL, 'B' },
		CLI_FILTER_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	const kn_command *cmd = cli_find_command("exposure");
	kn_out_format fmt = KN_OUT_TABLE;
	kn_format_opts fo;
	kn_buf out = KN_BUF_INIT;
	kn_exposure_opts o;
	kn_exposure e;
	kn_error err;
	kn_status st;
	int c, index, bom = 0;

	kn_exposure_opts_init(&o);
	cli_corpus_operands(1, 1);
	while ((c = cli_getopt(argc, argv, "", opts, &index)) != -1) {
		if (c == 'd' && cli_parse_decay(cmd, optarg, &o.decay))
			return EXIT_USAGE;
		else if (c == 'b' && kn_exposure_by_parse(optarg, &o.by))
			return cli_usage_error(cmd, "--by takes signal, order or month, got \"%s\"",
					       optarg);
		else if (c == 'f' && kn_out_format_parse(optarg, &fmt))
			return cli_usage_error(cmd, CLI_FORMAT_ERROR, optarg);
		else if (c == 0 &&
			 cli_filter_option(cmd, opts[index].name, optarg, &o.filter) != 1)
			return EXIT_USAGE;
		else if (c == 'B')
			bom = 1;
		else if (c != 'd' && c != 'b' && c != 'f' && c != 0)
			return cli_bad_option(cmd, c, argv);
	}
	if (argc - optind != 1)
		return cli_usage_error(cmd, "give exactly one ACTOR");
	if (cli_format_opts(cmd, fmt, bom, &fo) != EXIT_OK)
		return EXIT_USAGE;
	kn_exposure_init(&e);
	kn_error_clear(&err);
	if (kn_query_exposure(cli->store, argv[optind], &o, &e, &err)) {
		if (err.code == KN_ERR_USAGE)
			return cli_usage_error(cmd, "%s", err.message);
		cli_error(&err);
		return EXIT_FAIL;
	}
	st = kn_format_exposure_opts(&e, &fo, &out);
	kn_exposure_release(&e);
	return cli_output(&out, st);
}
