/* knockon alias — treat two actor names as one actor. */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "commands.h"
#include "knockon/query.h"

const char cmd_alias_options[] =
	"  NAME CANONICAL     make NAME another name of CANONICAL\n"
	"  --list             the aliases (with --format table, json, csv or\n"
	"                     csv-raw; see 'knockon help list' for csv)\n"
	"  --remove NAME      undo the alias NAME\n";

static int print_list(const kn_aliases *l, cli_format fmt)
{
	static const char *const hdr[] = { "name", "target", "canonical" };
	cli_table *t;
	size_t i;
	int rc = 0;

	if (fmt == CLI_JSON) {
		if (!l->n)
			fputs("[]\n", stdout);
		for (i = 0; i < l->n && !rc; i++) {
			json_t *o = json_object();

			json_object_set_new(o, "name", json_string(l->items[i].name));
			json_object_set_new(o, "target", json_string(l->items[i].target));
			json_object_set_new(o, "canonical",
					    json_string(l->items[i].canonical));
			if (cli_json_array_item(o, i, l->n))
				rc = -1;
		}
		return rc;
	}
	t = cli_table_new(3, hdr);
	for (i = 0; i < l->n; i++) {
		const char *row[3] = { l->items[i].name, l->items[i].target,
				       l->items[i].canonical };

		cli_table_add(t, row);
	}
	rc = cli_table_print(t, stdout, fmt);
	cli_table_free(t);
	return rc;
}

static int list_aliases(kn_cli *cli, cli_format fmt)
{
	kn_aliases l;
	kn_error err;
	int rc;

	kn_aliases_init(&l);
	kn_error_clear(&err);
	if (kn_alias_list(cli->store, &l, &err)) {
		cli_error(&err);
		return EXIT_FAIL;
	}
	rc = print_list(&l, fmt);
	kn_aliases_release(&l);
	if (rc) {
		cli_errorf("out of memory");
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

int cmd_alias(int argc, char **argv, kn_cli *cli)
{
	static const struct option opts[] = {
		{ "list", no_argument, NULL, 'l' },
		{ "remove", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	const kn_command *cmd = cli_find_command("alias");
	const char *remove = NULL;
	cli_format fmt = CLI_TABLE;
	kn_error err;
	int c, list = 0, operands;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'l')
			list = 1;
		else if (c == 'r')
			remove = optarg;
		else if (c == 'f' && !cli_parse_format(optarg, &fmt))
			continue;
		else
			return c == 'f' ? cli_usage_error(cmd, CLI_FORMAT_ERROR, optarg)
					: cli_usage_error(cmd, "unknown option");
	}
	operands = argc - optind;
	if (list + !!remove + (operands > 0) > 1)
		return cli_usage_error(cmd, "give NAME CANONICAL, --list or --remove NAME");
	if (list)
		return list_aliases(cli, fmt);
	kn_error_clear(&err);
	if (remove) {
		if (!kn_alias_remove(cli->store, remove, &err))
			return EXIT_OK;
	} else if (operands != 2) {
		return cli_usage_error(cmd, "give NAME CANONICAL, --list or --remove NAME");
	} else if (!kn_alias_add(cli->store, argv[optind], argv[optind + 1], &err)) {
		return EXIT_OK;
	}
	cli_error(&err);
	return EXIT_FAIL;
}
