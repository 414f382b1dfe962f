/* knockon actors — every actor with its winner and loser counts. */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "commands.h"
#include "knockon/query.h"

const char cmd_actors_options[] =
	"  --contested        only actors that are winners and losers\n"
	"  --format F         table (default), json (one array), csv or csv-raw\n"
	CLI_CSV_HELP
	CLI_FILTER_HELP;

static json_t *text_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static int print_json(const kn_actor_roles_list *l)
{
	size_t i;
	int rc = 0;

	if (!l->n)
		fputs("[]\n", stdout);
	for (i = 0; i < l->n && !rc; i++) {
		const kn_actor_roles *a = &l->items[i];
		json_t *o = json_object();

		json_object_set_new(o, "actor", json_string(a->actor));
		json_object_set_new(o, "winners", json_integer(a->winner));
		json_object_set_new(o, "losers", json_integer(a->loser));
		json_object_set_new(o, "first_seen", text_or_null(a->first_seen));
		json_object_set_new(o, "last_seen", text_or_null(a->last_seen));
		if (cli_json_array_item(o, i, l->n))
			rc = -1;
	}
	return rc;
}

static int print_table(const kn_actor_roles_list *l, cli_format fmt)
{
	static const char *const hdr[] = { "actor", "winners", "losers",
					   "first_seen", "last_seen" };
	cli_table *t = cli_table_new(5, hdr);
	size_t i;
	int rc;

	cli_table_number(t, 1);
	cli_table_number(t, 2);
	for (i = 0; i < l->n; i++) {
		const kn_actor_roles *a = &l->items[i];
		char w[24], s[24];
		const char *row[5];

		snprintf(w, sizeof w, "%ld", a->winner);
		snprintf(s, sizeof s, "%ld", a->loser);
		row[0] = a->actor;
		row[1] = w;
		row[2] = s;
		row[3] = a->first_seen ? a->first_seen : fmt != CLI_TABLE ? "" : "-";
		row[4] = a->last_seen ? a->last_seen : fmt != CLI_TABLE ? "" : "-";
		cli_table_add(t, row);
	}
	rc = cli_table_print(t, stdout, fmt);
	cli_table_free(t);
	return rc;
}

int cmd_actors(int argc, char **argv, kn_cli *cli)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "contested", no_argument, NULL, 'c' },
		CLI_FILTER_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	const kn_command *cmd = cli_find_command("actors");
	cli_format fmt = CLI_TABLE;
	kn_actor_roles_list l;
	kn_filter f;
	kn_error err;
	int c, index, contested = 0, rc;

	kn_filter_init(&f);
	while ((c = cli_getopt(argc, argv, "", opts, &index)) != -1) {
		if (c == 'f') {
			if (cli_parse_format(optarg, &fmt))
				return cli_usage_error(cmd, CLI_FORMAT_ERROR, optarg);
		} else if (c == 'c') {
			contested = 1;
		} else if (c != 0) {
			return cli_bad_option(cmd, c, argv);
		} else if (cli_filter_option(cmd, opts[index].name, optarg, &f) != 1) {
			return EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cli_usage_error(cmd, "unexpected argument \"%s\"", argv[optind]);
	kn_actor_roles_list_init(&l);
	kn_error_clear(&err);
	if (kn_query_actors(cli->store, &f, contested, &l, &err)) {
		cli_error(&err);
		return EXIT_FAIL;
	}
	rc = fmt == CLI_JSON ? print_json(&l) : print_table(&l, fmt);
	kn_actor_roles_list_release(&l);
	if (rc) {
		cli_errorf("out of memory");
		return EXIT_FAIL;
	}
	return EXIT_OK;
}
