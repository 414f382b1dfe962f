/* knockon links — the links from effects to the actors they reach:
 * list them, reject and restore detections, scan every effect again. */
#include <getopt.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "knockon/format.h"
#include "knockon/ripple.h"

const char cmd_links_options[] =
	"  --list [ACTOR]     list the links in force (the default, --list or\n"
	"                     not; of ACTOR only, compared case-insensitively\n"
	"                     and after aliases): signal, effect, actor, role,\n"
	"                     provenance (card or detected) and the text\n"
	"                     matched; a listing only reads (a read-only\n"
	"                     corpus will do)\n"
	"  --rejected         list the rejected detections instead\n"
	"  --reject EFFECT NAME\n"
	"                     mark the detection of NAME in EFFECT as wrong;\n"
	"                     EFFECT is SIGNAL_ID:EFFECT_ID (e.g.\n"
	"                     2026-03-12-us-revokes-licences:e2); it stays\n"
	"                     rejected when the card is ingested again\n"
	"  --restore EFFECT NAME\n"
	"                     undo --reject: the effect is scanned again\n"
	"  --detect           scan the text of every effect again for every\n"
	"                     known name (after ingest --no-detect)\n"
	"  --format F         table (default), json (one array), csv or csv-raw\n"
	CLI_TABLE_HELP
	CLI_CSV_HELP
	CLI_BOM_HELP
	CLI_FILTER_HELP;

typedef struct links_args {
	const char *reject, *restore; /* EFFECT of --reject, --restore */
	int rejected, detect, bom;
	kn_out_format fmt;
	kn_filter f;
} links_args;

static int list_links(const kn_command *cmd, kn_cli *cli, const links_args *a,
		      const char *actor)
{
	kn_format_opts fo;
	kn_buf out = KN_BUF_INIT;
	kn_link_list l;
	kn_error err;
	kn_status st;

	if (cli_format_opts(cmd, a->fmt, a->bom, &fo) != EXIT_OK)
		return EXIT_USAGE;
	kn_link_list_init(&l);
	kn_error_clear(&err);
	if (kn_links_list(cli->store, actor, &a->f, a->rejected, &l, &err)) {
		cli_error(&err);
		return EXIT_FAIL;
	}
	st = kn_format_links_opts(&l, &fo, &out);
	kn_link_list_release(&l);
	return cli_output(&out, st);
}

/* --reject / --restore EFFECT NAME; EFFECT split at its last ':'. */
static int mark(const kn_command *cmd, kn_cli *cli, const char *effect,
		const char *name, int reject)
{
	const char *colon = strrchr(effect, ':');
	char signal[4096];
	kn_error err;
	kn_status st;
	size_t n;

	if (!colon || colon == effect || !colon[1])
		return cli_usage_error(cmd, "EFFECT is SIGNAL_ID:EFFECT_ID, got \"%s\"",
				       effect);
	n = (size_t)(colon - effect);
	if (n >= sizeof signal)
		return cli_usage_error(cmd, "the signal id in EFFECT is too long");
	memcpy(signal, effect, n);
	signal[n] = '\0';
	kn_error_clear(&err);
	st = reject ? kn_link_reject(cli->store, signal, colon + 1, name, &err)
		    : kn_link_restore(cli->store, signal, colon + 1, name, &err);
	if (st == KN_OK)
		return EXIT_OK;
	cli_error(&err);
	return EXIT_FAIL;
}

static int parse_args(const kn_command *cmd, int argc, char **argv,
		      links_args *a)
{
	static const struct option opts[] = {
		{ "list", no_argument, NULL, 'l' },
		{ "rejected", no_argument, NULL, 'j' },
		{ "reject", required_argument, NULL, 'r' },
		{ "restore", required_argument, NULL, 's' },
		{ "detect", no_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "bom", no_argument, NULL, 'b' },
		CLI_FILTER_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	int c, index;

	memset(a, 0, sizeof *a);
	a->fmt = KN_OUT_TABLE;
	kn_filter_init(&a->f);
	/* listing only reads; --reject, --restore and --detect write; a
	 * usage error in the operands opens no corpus */
	cli_corpus_writes(0);
	cli_corpus_operands(0, 1);
	while ((c = cli_getopt(argc, argv, "", opts, &index)) != -1) {
		if (c == 'r' || c == 's' || c == 'd') {
			cli_corpus_writes(1);
			cli_corpus_operands(c != 'd', c != 'd');
		}
		if (c == 'l')
			continue;
		else if (c == 'b')
			a->bom = 1;
		else if (c == 'j')
			a->rejected = 1;
		else if (c == 'r')
			a->reject = optarg;
		else if (c == 's')
			a->restore = optarg;
		else if (c == 'd')
			a->detect = 1;
		else if (c == 'f' && kn_out_format_parse(optarg, &a->fmt))
			return cli_usage_error(cmd, CLI_FORMAT_ERROR, optarg);
		else if (c == 0 &&
			 cli_filter_option(cmd, opts[index].name, optarg, &a->f) != 1)
			return EXIT_USAGE;
		else if (c != 'f' && c != 0)
			return cli_bad_option(cmd, c, argv);
	}
	return -1;
}

int cmd_links(int argc, char **argv, kn_cli *cli)
{
	const kn_command *cmd = cli_find_command("links");
	int operands, status, writes;
	links_args a;
	kn_error err;

	if ((status = parse_args(cmd, argc, argv, &a)) >= 0)
		return status;
	operands = argc - optind;
	writes = !!a.reject + !!a.restore + a.detect;
	if (writes > 1 || (writes && a.rejected))
		return cli_usage_error(cmd, "give one of --list, --reject, --restore and --detect");
	if ((a.reject || a.restore) && operands != 1)
		return cli_usage_error(cmd, "--%s takes EFFECT NAME",
				       a.reject ? "reject" : "restore");
	if (a.reject || a.restore)
		return mark(cmd, cli, a.reject ? a.reject : a.restore, argv[optind],
			    a.reject != NULL);
	if (operands > (a.detect ? 0 : 1))
		return cli_usage_error(cmd, "too many operands");
	if (!a.detect)
		return list_links(cmd, cli, &a, operands ? argv[optind] : NULL);
	kn_error_clear(&err);
	if (kn_links_detect(cli->store, &err) == KN_OK)
		return EXIT_OK;
	cli_error(&err);
	return EXIT_FAIL;
}
