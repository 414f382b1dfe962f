/* knockon list — the signals, newest first. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "knockon/buf.h"
#include "knockon/format.h"
#include "knockon/json.h"

const char cmd_list_options[] =
	"  --format F         table (default), json (one array), csv or csv-raw\n"
	CLI_CSV_HELP
	CLI_FILTER_HELP;

typedef struct listing {
	kn_out_format format;
	kn_table *table;
	kn_buf out; /* the JSON, or the table once written */
	long count;
} listing;

static void score_text(int v, char *out, size_t size, kn_out_format format)
{
	if (v == KN_ABSENT)
		snprintf(out, size, "%s", format != KN_OUT_TABLE ? "" : "-");
	else
		snprintf(out, size, "%d", v);
}

static int each_signal(void *ctx, const kn_signal *s)
{
	listing *l = ctx;
	char score[8], date[11] = "";

	if (l->format == KN_OUT_JSON) {
		kn_json_array_item(&l->out, (size_t)l->count);
		kn_signal_write_json(s, &l->out);
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
		kn_table_add(l->table, row);
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
	listing l = { KN_OUT_TABLE, NULL, KN_BUF_INIT, 0 };
	kn_filter f;
	kn_error err;
	kn_status st = KN_OK;
	int c, index;

	kn_filter_init(&f);
	while ((c = cli_getopt(argc, argv, "", opts, &index)) != -1) {
		if (c == 'f') {
			if (kn_out_format_parse(optarg, &l.format))
				return cli_usage_error(cmd, CLI_FORMAT_ERROR, optarg);
		} else if (c != 0) {
			return cli_bad_option(cmd, c, argv);
		} else if (cli_filter_option(cmd, opts[index].name, optarg, &f) != 1) {
			return EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cli_usage_error(cmd, "unexpected argument \"%s\"", argv[optind]);
	l.table = kn_table_new(5, header);
	kn_table_number(l.table, 1);
	kn_error_clear(&err);
	if (kn_store_list(cli->store, &f, each_signal, &l, &err)) {
		cli_error(&err);
		kn_table_free(l.table);
		kn_buf_release(&l.out);
		return EXIT_FAIL;
	}
	if (l.format == KN_OUT_JSON)
		kn_json_array_end(&l.out, (size_t)l.count);
	else
		st = kn_table_write(l.table, l.format, &l.out);
	kn_table_free(l.table);
	return cli_output(&l.out, st);
}
