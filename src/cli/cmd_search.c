/* knockon search — full-text search over signals, effects and actors. */
#include <getopt.h>
#include <limits.h>

#include "cli.h"
#include "commands.h"
#include "knockon/buf.h"
#include "knockon/format.h"
#include "knockon/query.h"

#define STR(x) #x
#define XSTR(x) STR(x)

const char cmd_search_options[] =
	"  TEXT               words that must all occur in one signal: its text,\n"
	"                     effects, actors' names and notes (case and accents\n"
	"                     folded); word* matches a prefix; nothing else is\n"
	"                     syntax; at most " XSTR(KN_SEARCH_MAX_WORDS) " words and "
	XSTR(KN_SEARCH_MAX_BYTES) " bytes\n"
	"  --format F         table (default), json (one array, with each hit's\n"
	"                     published, score and category), csv or csv-raw\n"
	CLI_CSV_HELP
	CLI_TABLE_HELP
	CLI_BOM_HELP
	CLI_FILTER_HELP;

int cmd_search(int argc, char **argv, kn_cli *cli)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "bom", no_argument, NULL, 'b' },
		CLI_FILTER_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	const kn_command *cmd = cli_find_command("search");
	kn_out_format fmt = KN_OUT_TABLE;
	kn_format_opts fo;
	kn_search_hits l;
	kn_buf text = KN_BUF_INIT, out = KN_BUF_INIT;
	kn_filter f;
	kn_error err;
	int c, index, bom = 0;
	kn_status st;

	kn_filter_init(&f);
	cli_corpus_operands(1, INT_MAX);
	while ((c = cli_getopt(argc, argv, "", opts, &index)) != -1) {
		if (c == 'f') {
			if (kn_out_format_parse(optarg, &fmt))
				return cli_usage_error(cmd, CLI_FORMAT_ERROR, optarg);
		} else if (c == 'b') {
			bom = 1;
		} else if (c != 0) {
			return cli_bad_option(cmd, c, argv);
		} else if (cli_filter_option(cmd, opts[index].name, optarg, &f) != 1) {
			return EXIT_USAGE;
		}
	}
	if (optind >= argc)
		return cli_usage_error(cmd, "give the text to search for");
	if (cli_format_opts(cmd, fmt, bom, &fo) != EXIT_OK)
		return EXIT_USAGE;
	for (c = optind; c < argc; c++) /* several words are one query */
		kn_buf_printf(&text, "%s%s", c > optind ? " " : "", argv[c]);
	kn_search_hits_init(&l);
	kn_error_clear(&err);
	if (kn_search(cli->store, kn_buf_cstr(&text), &f, NULL, NULL, &l, &err)) {
		kn_buf_release(&text);
		if (err.code == KN_ERR_USAGE)
			return cli_usage_error(cmd, "%s", err.message);
		cli_error(&err);
		return EXIT_FAIL;
	}
	kn_buf_release(&text);
	st = kn_format_search_hits_opts(&l, &fo, &out);
	kn_search_hits_release(&l);
	return cli_output(&out, st);
}
