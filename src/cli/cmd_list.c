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
	"                     (every field but the effects; winners and losers\n"
	"                     as \"Name (note); Name\"); a table on a terminal is\n"
	"                     cut to its width\n"
	CLI_CSV_HELP
	CLI_BOM_HELP
	CLI_FILTER_HELP;

/* The columns: a table's five, CSV's every field (effects aside: a graph,
 * in --format json). */
static const char *const table_head[] = { "published", "score", "category",
					  "id", "title" };
static const char *const csv_head[] = {
	"id", "published", "feed", "kind", "category", "score", "horizon",
	"confidence", "impact", "title", "summary", "why_now", "why_important",
	"why_changes", "winners", "losers", "publisher", "section", "url"
};
#define TABLE_COLS (sizeof table_head / sizeof table_head[0])
#define CSV_COLS (sizeof csv_head / sizeof csv_head[0])

typedef struct listing {
	kn_out_format format;
	kn_table *table;
	kn_buf out; /* the JSON, or the table once written */
	kn_buf winners, losers; /* scratch for the CSV cells */
	long count;
} listing;

static void number_text(int v, char *out, size_t size, kn_out_format format)
{
	if (v == KN_ABSENT)
		snprintf(out, size, "%s", format != KN_OUT_TABLE ? "" : "-");
	else
		snprintf(out, size, "%d", v);
}

/* "Name (note); Name": the names in order, a note in parentheses after
 * its name, "; " between them (a name holding "; " reads ambiguously
 * here; JSON keeps them apart). */
static const char *actors_cell(const kn_actor_ref *a, size_t n, kn_buf *b)
{
	size_t i;

	kn_buf_reset(b);
	for (i = 0; i < n; i++) {
		kn_buf_printf(b, "%s%s", i ? "; " : "", a[i].name);
		if (a[i].note)
			kn_buf_printf(b, " (%s)", a[i].note);
	}
	return kn_buf_cstr(b);
}

static void csv_row(listing *l, const kn_signal *s)
{
	char score[8], confidence[8], impact[8];
	const char *row[CSV_COLS] = {
		s->id, s->published, s->feed, s->kind, s->category, score,
		s->horizon, confidence, impact, s->title, s->summary, s->why_now,
		s->why_important, s->why_changes,
		actors_cell(s->winners, s->n_winners, &l->winners),
		actors_cell(s->losers, s->n_losers, &l->losers),
		s->publisher, s->section, s->url
	};

	number_text(s->score, score, sizeof score, l->format);
	number_text(s->confidence, confidence, sizeof confidence, l->format);
	number_text(s->impact, impact, sizeof impact, l->format);
	kn_table_add(l->table, kn_buf_failed(&l->winners) ||
				       kn_buf_failed(&l->losers) ? NULL : row);
}

static int each_signal(void *ctx, const kn_signal *s)
{
	listing *l = ctx;
	char score[8], date[KN_DATE_CELL];

	if (l->format == KN_OUT_JSON) {
		kn_json_array_item(&l->out, (size_t)l->count);
		kn_signal_write_json(s, &l->out);
	} else if (l->format != KN_OUT_TABLE) {
		csv_row(l, s);
	} else {
		const char *row[TABLE_COLS];

		number_text(s->score, score, sizeof score, l->format);
		row[0] = kn_format_date_cell(s->published, date);
		row[1] = score;
		row[2] = s->category;
		row[3] = s->id;
		row[4] = s->title;
		kn_table_add(l->table, row);
	}
	l->count++;
	return 0;
}

/* The options; EXIT_OK or the usage error's exit status. */
static int parse_options(int argc, char **argv, const kn_command *cmd,
			 kn_filter *f, kn_format_opts *fo)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "bom", no_argument, NULL, 'b' },
		CLI_FILTER_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	kn_out_format format = KN_OUT_TABLE;
	int c, index, bom = 0;

	cli_corpus_operands(0, 0);
	while ((c = cli_getopt(argc, argv, "", opts, &index)) != -1) {
		if (c == 'f') {
			if (kn_out_format_parse(optarg, &format))
				return cli_usage_error(cmd, CLI_FORMAT_ERROR, optarg);
		} else if (c == 'b') {
			bom = 1;
		} else if (c != 0) {
			return cli_bad_option(cmd, c, argv);
		} else if (cli_filter_option(cmd, opts[index].name, optarg, f) != 1) {
			return EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cli_usage_error(cmd, "unexpected argument \"%s\"", argv[optind]);
	return cli_format_opts(cmd, format, bom, fo);
}

int cmd_list(int argc, char **argv, kn_cli *cli)
{
	const kn_command *cmd = cli_find_command("list");
	listing l = { KN_OUT_TABLE, NULL, KN_BUF_INIT, KN_BUF_INIT, KN_BUF_INIT, 0 };
	kn_format_opts fo;
	kn_filter f;
	kn_error err;
	kn_status st = KN_OK;
	int rc;

	kn_filter_init(&f);
	if ((rc = parse_options(argc, argv, cmd, &f, &fo)) != EXIT_OK)
		return rc;
	l.format = fo.format;
	if (l.format == KN_OUT_TABLE) {
		l.table = kn_table_new(TABLE_COLS, table_head);
		kn_table_number(l.table, 1);
	} else if (l.format != KN_OUT_JSON) {
		l.table = kn_table_new(CSV_COLS, csv_head);
		kn_table_number(l.table, 5);
		kn_table_number(l.table, 7);
		kn_table_number(l.table, 8);
	}
	kn_error_clear(&err);
	if (kn_store_list(cli->store, &f, each_signal, &l, &err)) {
		cli_error(&err);
		st = KN_ERR_DB;
	} else if (l.format == KN_OUT_JSON) {
		kn_json_array_end(&l.out, (size_t)l.count);
	} else {
		st = kn_table_write_opts(l.table, &fo, &l.out);
	}
	kn_table_free(l.table);
	kn_buf_release(&l.winners);
	kn_buf_release(&l.losers);
	if (st == KN_ERR_DB) {
		kn_buf_release(&l.out);
		return EXIT_FAIL;
	}
	return cli_output(&l.out, st);
}
