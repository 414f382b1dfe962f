/* knockon check [--repair] — the derived tables against the signals. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "commands.h"

const char cmd_check_options[] =
	"  --repair           rebuild what differs from the signals, in one\n"
	"                     transaction (needs write access)\n"
	"  Compares every table derived from the signals' stored JSON (their\n"
	"  columns, effects, causes, roles, role counts, actors, the search\n"
	"  rows, the effect links: the card's, and the detections a scan of\n"
	"  every effect finds, rejections kept) with it and prints one line per\n"
	"  discrepancy; exit status 1 when there is any (after --repair: when\n"
	"  one could not be repaired).  After ingest --no-detect the detections\n"
	"  not made yet are discrepancies; --repair makes them.  A bulk load\n"
	"  (the first ingest into an empty corpus) that was killed is one\n"
	"  line: its indexes and detections are left undone, and --repair\n"
	"  finishes them as the next ingest would.\n";

static void print_problem(void *ctx, const char *problem, int repaired)
{
	int repair = *(const int *)ctx;

	cli_put_printable(stdout, problem, 0);
	fputs(repair && !repaired ? " (not repaired)\n" : "\n", stdout);
}

/* --repair writes: the corpus, opened read-only to be checked, is opened
 * again for writing (it exists, so nothing is created). */
static int reopen_for_writing(kn_cli *cli)
{
	const char *wait_ms = getenv("KNOCKON_BUSY_TIMEOUT");
	kn_error err;
	long ms;

	kn_store_close(cli->store);
	cli->store = NULL;
	kn_error_clear(&err);
	if (kn_store_open(cli->db_path, 0, &cli->store, &err)) {
		cli_error(&err);
		return EXIT_FAIL;
	}
	if (wait_ms && *wait_ms && !cli_parse_long(wait_ms, 0, 86400000L, &ms))
		kn_store_set_busy_timeout(cli->store, (int)ms);
	return EXIT_OK;
}

static int verdict(const kn_check_stats *s, int repair)
{
	unsigned long long left = s->problems - s->repaired;

	if (!s->problems) {
		printf("ok: %llu signal%s checked; the effects, roles, actors,"
		       " counts, search rows and effect links agree\n", s->signals,
		       s->signals == 1 ? "" : "s");
		return EXIT_OK;
	}
	if (repair) {
		printf("repaired %llu of %llu problems\n", s->repaired, s->problems);
		return left ? EXIT_FAIL : EXIT_OK;
	}
	printf("%llu problem%s: 'knockon check --repair' rebuilds the derived"
	       " tables from the signals\n", s->problems, s->problems > 1 ? "s" : "");
	return EXIT_FAIL;
}

int cmd_check(int argc, char **argv, kn_cli *cli)
{
	static const struct option opts[] = {
		{ "repair", no_argument, NULL, 'r' }, { NULL, 0, NULL, 0 }
	};
	const kn_command *cmd = cli_find_command("check");
	kn_check_stats stats;
	kn_error err;
	int c, repair = 0;

	cli_corpus_operands(0, 0);
	while ((c = cli_getopt(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'r')
			return cli_bad_option(cmd, c, argv);
		repair = 1;
	}
	if (optind < argc)
		return cli_usage_error(cmd, "check takes no operand");
	if (repair && reopen_for_writing(cli) != EXIT_OK)
		return EXIT_FAIL;
	kn_error_clear(&err);
	if (kn_store_check(cli->store, repair, print_problem, &repair, &stats,
			   &err)) {
		cli_error(&err);
		return EXIT_FAIL;
	}
	return verdict(&stats, repair);
}
