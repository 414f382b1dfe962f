/* knockon ingest FILE... — store cards in the corpus. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "knockon/reader.h"
#include "knockon/ripple.h"
#include "skipped.h"

const char cmd_ingest_options[] =
	"  -q, --quiet        no summary line\n"
	"  -v, --verbose      name each file a folder walk skipped\n"
	"  --no-detect        do not look for known actor names in effect text\n"
	"                     (the cards' own effect links are stored; run\n"
	"                     'knockon links --detect' later)\n"
	"  FILE may be a card as pasted text, JSON, NDJSON, a folder, or '-'.\n"
	"  Idempotent by signal id.  Prints added / updated / unchanged /\n"
	"  rejected on stderr; exit status 1 when any unit was rejected.\n";

typedef struct ingest_ui {
	int progress; /* stderr is a terminal */
} ingest_ui;

static void on_reject(void *ctx, const kn_error *err)
{
	ingest_ui *ui = ctx;

	if (ui->progress)
		fputs("\r\033[K", stderr);
	cli_error(err);
}

static void on_progress(void *ctx, const kn_ingest_stats *s, const kn_reader *r)
{
	ingest_ui *ui = ctx;
	unsigned long long done, total;

	if (!ui->progress)
		return;
	kn_reader_progress(r, &done, &total);
	if (total > 0)
		fprintf(stderr, "\r\033[Kingest: %3llu%% %llu signals",
			done >= total ? 100 : done * 100 / total, s->read);
	else
		fprintf(stderr, "\r\033[Kingest: %llu signals", s->read);
	fflush(stderr);
}

int cmd_ingest(int argc, char **argv, kn_cli *cli)
{
	static const struct option opts[] = {
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "no-detect", no_argument, NULL, 'n' }, { NULL, 0, NULL, 0 }
	};
	const kn_command *cmd = cli_find_command("ingest");
	ingest_ui ui = { isatty(STDERR_FILENO) };
	cli_skips skips = { 0, 0, { 0 } };
	kn_ingest_stats stats;
	kn_reader *r = NULL;
	kn_error err;
	kn_status st;
	int c, quiet = 0, detect = 1;

	cli_corpus_operands(1, INT_MAX); /* no FILE: no corpus made */
	while ((c = cli_getopt(argc, argv, "qv", opts, NULL)) != -1) {
		if (c == 'q')
			quiet = 1;
		else if (c == 'v')
			skips.verbose = 1;
		else if (c == 'n')
			detect = 0;
		else
			return cli_bad_option(cmd, c, argv);
	}
	if (optind >= argc)
		return cli_usage_error(cmd, "no FILE given");
	/* the corpus is open once the options are read (cli_getopt) */
	kn_store_set_detect(cli->store, detect);
	if (!(r = cli_open_reader(argc, argv, optind)))
		return EXIT_FAIL;
	skips.progress = ui.progress;
	cli_skips_watch(&skips, r);
	kn_error_clear(&err);
	st = kn_store_ingest(cli->store, r, &stats, on_reject, on_progress, &ui,
			     &err);
	kn_reader_close(r);
	if (ui.progress)
		fputs("\r\033[K", stderr);
	if (st)
		cli_error(&err);
	if (!quiet || st)
		fprintf(stderr, "%llu read: %llu added, %llu updated, %llu unchanged, %llu rejected\n",
			stats.read, stats.added, stats.updated, stats.unchanged,
			stats.rejected);
	if (!quiet)
		cli_skips_report(&skips);
	return st || stats.rejected ? EXIT_FAIL : EXIT_OK;
}
