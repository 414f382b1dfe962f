/* knockon list — the signals, newest first. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "knockon/buf.h"
#include "knockon/json.h"

const char cmd_list_options[] =
	"  --format F         table (default), json (one array), csv or csv-raw\n"
	CLI_CSV_HELP
	CLI_FILTER_HELP;

typedef struct listing {
	cli_format format;
	cli_table *table;
	kn_buf json;
	long count;
} listing;

static void score_text(int v, char *out, size_t size, cli_format format)
{
	if (v == KN_ABSENT)
		snprintf(out, size, "%s", format != CLI_TABLE ? "" : "-");
	else
		snprintf(out, size, "%d", v);
}

static int each_signal(void *ctx, const kn_signal *s)
{
	listing *l = ctx;
	char score[8], date[11] = "";

	if (l->format == CLI_JSON) {
		kn_buf_puts(&l->json, l->count ? ",\n" : "[\n");
		kn_signal_write_json(s, &l->json);
	} else {
		const char *row[5];

		if (s->published)
			snprintf(date, sizeof date, "%.10s", s->published);
		score_text(s->score, score, sizeof score, l->format);
		row[0] = date;
		row[1] = score;
		row[2] = s->category ? s->category : "";
		row[3] = s->id;
		row[4] = s->title;
		cli_table_add(l->table, row);
	}
	l->count++;
	return 0;
}

int cmd_list(int argc, char **argv, kn_cli *cli)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		CLI_FILTER_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	static const char *const header[] = { "published", "score", "category",
					      "id", "title" };
	const kn_command *cmd = cli_find_command("list");
	listing l = { CLI_TABLE, NULL, KN_BUF_INIT, 0 };
	kn_filter f;
	kn_error err;
	int c, index, rc = EXIT_OK;

	kn_filter_init(&f);
	while ((c = cli_getopt(argc, argv, "", opts, &index)) != -1) {
		if (c == 'f') {
			if (cli_parse_format(optarg, &l.format))
				return cli_usage_error(cmd, CLI_FORMAT_ERROR, optarg);
		} else if (c != 0) {
			return cli_bad_option(cmd, c, argv);
		} else if (cli_filter_option(cmd, opts[index].name, optarg, &f) != 1) {
			return EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cli_usage_error(cmd, "unexpected argument \"%s\"", argv[optind]);
	l.table = cli_table_new(5, header);
	cli_table_number(l.table, 1);
	kn_error_clear(&err);
	if (kn_store_list(cli->store, &f, each_signal, &l, &err)) {
		cli_error(&err);
		rc = EXIT_FAIL;
	} else if (l.format == CLI_JSON) {
		kn_buf_puts(&l.json, l.count ? "\n]\n" : "[]\n");
		if (kn_buf_failed(&l.json)) {
			cli_errorf("out of memory");
			rc = EXIT_FAIL;
		} else {
			fwrite(kn_buf_cstr(&l.json), 1, l.json.len, stdout);
		}
	} else if (cli_table_print(l.table, stdout, l.format)) {
		cli_errorf("out of memory");
		rc = EXIT_FAIL;
	}
	cli_table_free(l.table);
	kn_buf_release(&l.json);
	return rc;
}
