/* knockon alias — treat two actor names as one actor. */
#include <getopt.h>
#include <string.h>

#include "cli.h"
#include "cli_ids.h"
#include "commands.h"
#include "knockon/format.h"
#include "knockon/query.h"

const char cmd_alias_options[] =
	"  NAME CANONICAL     make NAME another name of CANONICAL; each must\n"
	"                     be an actor some card names (or a name aliased\n"
	"                     before), else nothing is stored and exit status\n"
	"                     is 1, with the nearest actor names\n"
	"  --force            store it even so (a name cards will use later)\n"
	"  --list             the aliases\n"
	"  --format F         with --list: table (default), json, csv or csv-raw\n"
	"                     (see 'knockon help list' for csv); a table on a\n"
	"                     terminal is cut to its width\n"
	"  --bom              with --list, csv, csv-raw: begin with a UTF-8\n"
	"                     byte-order mark (for spreadsheets)\n"
	"  --remove NAME      undo the alias NAME\n";

static int list_aliases(kn_cli *cli, const kn_format_opts *fo)
{
	kn_buf out = KN_BUF_INIT;
	kn_aliases l;
	kn_error err;
	kn_status st;

	kn_aliases_init(&l);
	kn_error_clear(&err);
	if (kn_alias_list(cli->store, &l, &err)) {
		cli_error(&err);
		return EXIT_FAIL;
	}
	st = kn_format_aliases_opts(&l, fo, &out);
	kn_aliases_release(&l);
	return cli_output(&out, st);
}

/* 0 when name is an actor the corpus knows; else says why not (with the
 * nearest actor names) and returns -1. */
static int known_actor(kn_cli *cli, const char *name)
{
	kn_lookup l;
	kn_error err;
	kn_status st;

	kn_lookup_init(&l);
	kn_error_clear(&err);
	st = kn_store_find_actor(cli->store, name, &l, &err);
	if (st == KN_ERR_NOTFOUND) {
		cli_errorf("\"%s\" is no known actor: no card names it; give"
			   " --force for a name cards will use later", name);
		cli_print_near("the nearest actors:", &l);
	} else if (st) {
		cli_error(&err);
	}
	kn_lookup_release(&l);
	return st ? -1 : 0;
}

typedef struct alias_args {
	const char *remove;
	kn_out_format fmt;
	int list, force, bom;
} alias_args;

/* What the options so far leave the corpus: read-only for --list, and
 * never opened when the operands (or --bom) make a usage error. */
static void settle_corpus(const alias_args *a)
{
	cli_corpus_writes(!a->list);
	if (a->bom && !a->list)
		cli_corpus_operands(1, 0);
	else if (a->list || a->remove)
		cli_corpus_operands(0, 0);
	else
		cli_corpus_operands(2, 2);
}

/* The options into a; -1 when they are fine, else the exit status. */
static int parse_args(const kn_command *cmd, int argc, char **argv,
		      alias_args *a)
{
	static const struct option opts[] = {
		{ "list", no_argument, NULL, 'l' },
		{ "remove", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		{ "force", no_argument, NULL, 'F' },
		{ "bom", no_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	memset(a, 0, sizeof *a);
	a->fmt = KN_OUT_TABLE;
	settle_corpus(a);
	while ((c = cli_getopt(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'l':
			a->list = 1;
			break;
		case 'b':
			a->bom = 1;
			break;
		case 'r':
			a->remove = optarg;
			break;
		case 'F':
			a->force = 1;
			break;
		case 'f':
			if (kn_out_format_parse(optarg, &a->fmt))
				return cli_usage_error(cmd, CLI_FORMAT_ERROR, optarg);
			break;
		default:
			return cli_bad_option(cmd, c, argv);
		}
		settle_corpus(a);
	}
	return -1;
}

int cmd_alias(int argc, char **argv, kn_cli *cli)
{
	const kn_command *cmd = cli_find_command("alias");
	kn_format_opts fo;
	alias_args a;
	kn_error err;
	int operands, status;

	if ((status = parse_args(cmd, argc, argv, &a)) >= 0)
		return status;
	operands = argc - optind;
	if (a.list + !!a.remove + (operands > 0) > 1)
		return cli_usage_error(cmd, "give NAME CANONICAL, --list or --remove NAME");
	if (a.bom && !a.list)
		return cli_usage_error(cmd, "--bom goes with --list");
	if (cli_format_opts(cmd, a.fmt, a.bom, &fo) != EXIT_OK)
		return EXIT_USAGE;
	if (a.list)
		return list_aliases(cli, &fo);
	kn_error_clear(&err);
	if (a.remove) {
		if (!kn_alias_remove(cli->store, a.remove, &err))
			return EXIT_OK;
	} else if (operands != 2) {
		return cli_usage_error(cmd, "give NAME CANONICAL, --list or --remove NAME");
	} else if (!a.force && (known_actor(cli, argv[optind]) |
				known_actor(cli, argv[optind + 1]))) {
		return EXIT_FAIL;
	} else if (!kn_alias_add(cli->store, argv[optind], argv[optind + 1], &err)) {
		return EXIT_OK;
	}
	cli_error(&err);
	return EXIT_FAIL;
}
