/* knockon search — full-text search over signals and effects. */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "commands.h"
#include "knockon/buf.h"
#include "knockon/query.h"

#define STR(x) #x
#define XSTR(x) STR(x)

const char cmd_search_options[] =
	"  TEXT               words that must all occur (case and accents folded);\n"
	"                     word* matches a prefix; nothing else is syntax;\n"
	"                     at most " XSTR(KN_SEARCH_MAX_WORDS) " words and "
	XSTR(KN_SEARCH_MAX_BYTES) " bytes\n"
	"  --format F         table (default), json (one array), csv or csv-raw\n"
	CLI_CSV_HELP
	CLI_FILTER_HELP;

static int print_json(const kn_search_hits *l)
{
	size_t i;
	int rc = 0;

	if (!l->n)
		fputs("[]\n", stdout);
	for (i = 0; i < l->n && !rc; i++) {
		json_t *o = json_object();

		json_object_set_new(o, "id", json_string(l->items[i].id));
		json_object_set_new(o, "title", json_string(l->items[i].title));
		json_object_set_new(o, "snippet", json_string(l->items[i].snippet));
		if (cli_json_array_item(o, i, l->n))
			rc = -1;
	}
	return rc;
}

static int print_table(const kn_search_hits *l, cli_format fmt)
{
	static const char *const hdr[] = { "id", "title", "snippet" };
	cli_table *t = cli_table_new(3, hdr);
	size_t i;
	int rc;

	for (i = 0; i < l->n; i++) {
		const char *row[3] = { l->items[i].id, l->items[i].title,
				       l->items[i].snippet };

		cli_table_add(t, row);
	}
	rc = cli_table_print(t, stdout, fmt);
	cli_table_free(t);
	return rc;
}

int cmd_search(int argc, char **argv, kn_cli *cli)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		CLI_FILTER_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	const kn_command *cmd = cli_find_command("search");
	cli_format fmt = CLI_TABLE;
	kn_search_hits l;
	kn_buf text = KN_BUF_INIT;
	kn_filter f;
	kn_error err;
	int c, index, rc;

	kn_filter_init(&f);
	while ((c = cli_getopt(argc, argv, "", opts, &index)) != -1) {
		if (c == 'f') {
			if (cli_parse_format(optarg, &fmt))
				return cli_usage_error(cmd, CLI_FORMAT_ERROR, optarg);
		} else if (c != 0) {
			return cli_bad_option(cmd, c, argv);
		} else if (cli_filter_option(cmd, opts[index].name, optarg, &f) != 1) {
			return EXIT_USAGE;
		}
	}
	if (optind >= argc)
		return cli_usage_error(cmd, "give the text to search for");
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
	rc = fmt == CLI_JSON ? print_json(&l) : print_table(&l, fmt);
	kn_search_hits_release(&l);
	if (rc) {
		cli_errorf("out of memory");
		return EXIT_FAIL;
	}
	return EXIT_OK;
}
