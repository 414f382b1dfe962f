/* knockon losers — actors that recur as losers.  The work of winners too
 * (cmd_winners.c calls cmd_recurring with the other role). */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "knockon/buf.h"
#include "knockon/query.h"

int cmd_recurring(int argc, char **argv, kn_cli *cli, kn_role role);

#define TABLE_IDS 2 /* signal ids shown per actor in a table */

const char cmd_losers_options[] =
	"  --min N            actors in at least N signals (default 2)\n"
	"  --weighted         rank by the sum of score x confidence\n"
	"  --format F         table (default: newest 2 ids), json, csv or csv-raw\n"
	"                     (all ids)\n"
	CLI_CSV_HELP
	CLI_FILTER_HELP;

static void ids_cell(const kn_actor_count *c, int all, kn_buf *b)
{
	size_t i;

	kn_buf_reset(b);
	for (i = 0; i < c->n_signals; i++)
		kn_buf_printf(b, "%s%s", i ? " " : "", c->signals[i]);
	if (!all && (size_t)c->count > c->n_signals)
		kn_buf_printf(b, " (+%lu more)",
			      (unsigned long)((size_t)c->count - c->n_signals));
}

static int print_table(const kn_actor_counts *l, int weighted, cli_format fmt)
{
	static const char *const head[] = { "actor", "count", "weight", "signals" };
	const char *hdr[4] = { head[0], head[1], weighted ? head[2] : head[3],
			       head[3] };
	size_t nc = weighted ? 4 : 3, i;
	cli_table *t = cli_table_new(nc, hdr);
	kn_buf ids = KN_BUF_INIT;
	int rc;

	cli_table_number(t, 1);
	if (weighted)
		cli_table_number(t, 2);
	for (i = 0; i < l->n; i++) {
		const kn_actor_count *c = &l->items[i];
		char count[24], weight[24];
		const char *row[4];

		snprintf(count, sizeof count, "%ld", c->count);
		snprintf(weight, sizeof weight, "%lld", c->weight);
		ids_cell(c, fmt != CLI_TABLE, &ids);
		row[0] = c->actor;
		row[1] = count;
		row[2] = weighted ? weight : kn_buf_cstr(&ids);
		row[3] = kn_buf_cstr(&ids);
		cli_table_add(t, row);
	}
	rc = cli_table_print(t, stdout, fmt);
	cli_table_free(t);
	kn_buf_release(&ids);
	return rc;
}

/* The documented shape (docs/queries.md): [{"actor": NAME, "count": N, "signals": [ID, ...]}, ...], one
 * actor a line. */
static int print_json(const kn_actor_counts *l, int weighted)
{
	size_t i, j;
	int rc = 0;

	if (!l->n)
		fputs("[]\n", stdout);
	for (i = 0; i < l->n && !rc; i++) {
		const kn_actor_count *c = &l->items[i];
		json_t *o = json_object(), *ids = json_array();

		json_object_set_new(o, "actor", json_string(c->actor));
		json_object_set_new(o, "count", json_integer(c->count));
		if (weighted)
			json_object_set_new(o, "weight", json_integer(c->weight));
		for (j = 0; j < c->n_signals; j++)
			json_array_append_new(ids, json_string(c->signals[j]));
		json_object_set_new(o, "signals", ids);
		if (cli_json_array_item(o, i, l->n))
			rc = -1;
	}
	return rc;
}

static int parse_options(int argc, char **argv, const kn_command *cmd,
			 kn_recurring_opts *o, cli_format *fmt)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "min", required_argument, NULL, 'm' },
		{ "weighted", no_argument, NULL, 'w' },
		CLI_FILTER_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	int c, index;

	while ((c = cli_getopt(argc, argv, "", opts, &index)) != -1) {
		if (c == 'f') {
			if (cli_parse_format(optarg, fmt))
				return cli_usage_error(cmd, CLI_FORMAT_ERROR, optarg);
		} else if (c == 'm') {
			if (cli_parse_long(optarg, 1, 1000000000L, &o->min))
				return cli_usage_error(cmd, "--min takes a positive integer, got \"%s\"",
						       optarg);
		} else if (c == 'w') {
			o->weighted = 1;
		} else if (c != 0) {
			return cli_bad_option(cmd, c, argv);
		} else if (cli_filter_option(cmd, opts[index].name, optarg,
					     &o->filter) != 1) {
			return EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cli_usage_error(cmd, "unexpected argument \"%s\"", argv[optind]);
	return EXIT_OK;
}

int cmd_recurring(int argc, char **argv, kn_cli *cli, kn_role role)
{
	const kn_command *cmd = cli_find_command(argv[0]);
	kn_recurring_opts o;
	kn_actor_counts l;
	cli_format fmt = CLI_TABLE;
	kn_error err;
	int rc;

	kn_recurring_opts_init(&o);
	o.role = role;
	if ((rc = parse_options(argc, argv, cmd, &o, &fmt)) != EXIT_OK)
		return rc;
	if (fmt == CLI_TABLE)
		o.max_signals = TABLE_IDS;
	kn_actor_counts_init(&l);
	kn_error_clear(&err);
	if (kn_query_recurring(cli->store, &o, &l, &err)) {
		cli_error(&err);
		return err.code == KN_ERR_USAGE ? EXIT_USAGE : EXIT_FAIL;
	}
	rc = fmt == CLI_JSON ? print_json(&l, o.weighted)
			     : print_table(&l, o.weighted, fmt);
	kn_actor_counts_release(&l);
	if (rc) {
		cli_errorf("out of memory");
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

int cmd_losers(int argc, char **argv, kn_cli *cli)
{
	return cmd_recurring(argc, argv, cli, KN_LOSER);
}
