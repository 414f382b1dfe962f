/* knockon diff — what changed between two windows of the corpus
 * (docs/changes.md).  Options only: the windows, the counting and the
 * shapes are the library's (kn_query_diff, kn_format_diff). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "knockon/format.h"
#include "knockon/query.h"

const char cmd_diff_options[] =
	"  --window W         the size of each window: Nd days, Nw weeks, Nm\n"
	"                     calendar months, Nq quarters (default 30d); months\n"
	"                     count back from --asof, a month's last day kept\n"
	"                     (1m to 2026-03-31: March against February)\n"
	"  --asof DATE        the last day of the window after (default: the day\n"
	"                     of the newest dated signal the filters select);\n"
	"                     2026-03 means 2026-03-31\n"
	"  --from A --to B --against C..D\n"
	"                     both windows explicitly: after A to B, before C to D\n"
	"                     (YYYY, YYYY-MM or YYYY-MM-DD, each covering its\n"
	"                     whole period; not with --window or --asof)\n"
	"  --format F         table (default: the windows on the first line),\n"
	"                     json, csv or csv-raw (the windows on stderr)\n"
	CLI_TABLE_HELP
	CLI_CSV_HELP
	CLI_BOM_HELP
	"  --category C       signals of category C (case-insensitive)\n"
	"  --min-score N      signals with a score of at least N (0-100)\n"
	"  --limit N          at most N actors per role\n"
	"  (--since and --until do not apply: the windows set the dates)\n"
	"status: new (0 before), gone (0 after), rising, fading, steady\n";

/* --against C..D into its two dates (pointing into the copy in buf). */
static int split_against(const char *v, char *buf, size_t size,
			 kn_diff_opts *o)
{
	char *dots;

	if (strlen(v) >= size || !(dots = strstr(strcpy(buf, v), "..")))
		return -1;
	*dots = '\0';
	o->against_from = buf;
	o->against_to = dots + 2;
	return 0;
}

static int diff_option(const kn_command *cmd, int c, kn_diff_opts *o,
		       kn_out_format *fmt, char *against, size_t size)
{
	switch (c) {
	case 'f':
		if (kn_out_format_parse(optarg, fmt))
			return cli_usage_error(cmd, CLI_FORMAT_ERROR, optarg);
		return EXIT_OK;
	case 'w':
		if (kn_window_size_parse(optarg, &o->window))
			return cli_usage_error(cmd, "--window takes Nd, Nw, Nm or Nq (N from 1 to %d), got \"%s\"",
					       KN_WINDOW_MAX, optarg);
		return EXIT_OK;
	case 'a':
		o->asof = optarg;
		return EXIT_OK;
	case 'F':
		o->from = optarg;
		return EXIT_OK;
	case 'T':
		o->to = optarg;
		return EXIT_OK;
	case 'A':
		if (split_against(optarg, against, size, o))
			return cli_usage_error(cmd, "--against takes C..D, got \"%s\"", optarg);
		return EXIT_OK;
	case 'b': /* --bom: settled with --format after the loop */
		return EXIT_OK;
	}
	return EXIT_FAIL;
}

static int parse_options(int argc, char **argv, const kn_command *cmd,
			 kn_diff_opts *o, kn_out_format *fmt, char *against,
			 size_t size, int *window_given, int *bom)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "window", required_argument, NULL, 'w' },
		{ "asof", required_argument, NULL, 'a' },
		{ "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 'T' },
		{ "against", required_argument, NULL, 'A' },
		{ "bom", no_argument, NULL, 'b' },
		CLI_FILTER_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	int c, index, rc;

	cli_corpus_operands(0, 0);
	while ((c = cli_getopt(argc, argv, "", opts, &index)) != -1) {
		if (c == ':' || c == '?')
			return cli_bad_option(cmd, c, argv);
		if (c != 0) {
			*window_given |= c == 'w';
			*bom |= c == 'b';
			if ((rc = diff_option(cmd, c, o, fmt, against, size)) != EXIT_OK)
				return rc;
		} else if (cli_filter_option(cmd, opts[index].name, optarg,
					     &o->filter) != 1) {
			return EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cli_usage_error(cmd, "unexpected argument \"%s\"", argv[optind]);
	/* --window 30d says the default's value: the library cannot tell */
	if (*window_given && (o->from || o->to || o->against_from))
		return cli_usage_error(cmd, "--from/--to/--against give both windows: leave out --window and --asof");
	return EXIT_OK;
}

int cmd_diff(int argc, char **argv, kn_cli *cli)
{
	const kn_command *cmd = cli_find_command("diff");
	kn_out_format fmt = KN_OUT_TABLE;
	kn_format_opts fo;
	kn_buf out = KN_BUF_INIT, windows = KN_BUF_INIT;
	char against[64];
	kn_diff_opts o;
	kn_diff d;
	kn_error err;
	kn_status st;
	int rc, window_given = 0, bom = 0;

	kn_diff_opts_init(&o);
	if ((rc = parse_options(argc, argv, cmd, &o, &fmt, against,
				sizeof against, &window_given, &bom)) != EXIT_OK)
		return rc;
	if (cli_format_opts(cmd, fmt, bom, &fo) != EXIT_OK)
		return EXIT_USAGE;
	kn_diff_init(&d);
	kn_error_clear(&err);
	if (kn_query_diff(cli->store, &o, &d, &err)) {
		if (err.code == KN_ERR_USAGE)
			return cli_usage_error(cmd, "%s", err.message);
		cli_error(&err);
		return EXIT_FAIL;
	}
	if (fmt != KN_OUT_TABLE) { /* the data alone on stdout */
		kn_format_diff_windows(&d.windows, &windows);
		cli_errorf("diff: %s", kn_buf_cstr(&windows));
		kn_buf_release(&windows);
	}
	st = kn_format_diff_opts(&d, &fo, &out);
	kn_diff_release(&d);
	return cli_output(&out, st);
}
