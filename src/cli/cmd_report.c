/* knockon report — an HTML (or Markdown) report of the selected signals,
 * its maps embedded.  The work is kn_report_write_file. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "knockon/report.h"

const char cmd_report_options[] =
	"  -o, --output PATH  where to write: an HTML file or - (default: standard\n"
	"                     output); for --format md FILE.md (its maps go to\n"
	"                     FILE_maps/) or a folder (report.md, report_maps/)\n"
	"  --format F         html (default, one self-contained file) or md\n"
	"  --title T          the report's title (default \"knockon report\")\n"
	"  --min N            recurring losers and winners: named by at least N\n"
	"                     signals (default 2)\n"
	"  --no-maps          leave the maps out\n"
	"  --top N            rows per table, signal sections and corpus maps\n"
	"                     (one a category): the top N (default 20)\n"
	"  --all              a section for every signal, not only the top N by\n"
	"                     score\n"
	"  --since DATE       signals published on or after DATE (YYYY[-MM[-DD]])\n"
	"  --until DATE       signals published on or before DATE (the whole day)\n"
	"  --category C       signals of category C (case-insensitive); repeat\n"
	"                     for any of several (at most 64)\n"
	"  --actor NAME       signals naming NAME as a winner or loser (its\n"
	"                     aliases too); repeat for any of several (at most 64)\n"
	"  --min-score N      signals with a score of at least N (0-100)\n"
	"  The header gives the date it was made: SOURCE_DATE_EPOCH (seconds\n"
	"  since 1970) when set, for the same bytes on every run, else today.\n"
	"  On a terminal, progress goes to standard error.\n";

/* Reads one option of the report's own; 0 when fine, -1 when c is not
 * one, else an exit status. */
static int report_option(const kn_command *cmd, int c, const char *arg,
			 kn_report_options *o, const char **out)
{
	static const char *const formats[] = { "html", "md" };
	long n;

	switch (c) {
	case 'o':
		*out = arg;
		return 0;
	case 'f':
		if (kn_report_format_parse(arg, &o->format))
			return cli_bad_value(cmd, "--format", arg, formats, 2);
		return 0;
	case 't':
		o->title = arg;
		return 0;
	case 'm':
		if (cli_parse_long(arg, 1, 1000000, &n))
			return cli_usage_error(cmd, "--min takes a positive integer, got \"%s\"",
					       arg);
		o->min_recurring = n;
		return 0;
	case 'n':
		o->maps = 0;
		return 0;
	case 'T':
		if (cli_parse_long(arg, 1, 1000000, &n))
			return cli_usage_error(cmd, "--top takes a positive integer, got \"%s\"",
					       arg);
		o->top = (size_t)n;
		return 0;
	case 'A':
		o->all = 1;
		return 0;
	default:
		return -1;
	}
}

/* An HTML report is one file: -o DIR/ (or an existing folder) gets the
 * file name it needs rather than an error from the file system. */
static int check_html_output(const kn_command *cmd, const char *out)
{
	struct stat sb;
	size_t n = strlen(out);

	if (n == 0 || (out[n - 1] != '/' && !(stat(out, &sb) == 0 &&
					      S_ISDIR(sb.st_mode))))
		return 0;
	return cli_usage_error(cmd, "an HTML report is one file, and \"%s\" is a "
			       "folder: give -o %s%sreport.html (--format md writes "
			       "a folder)", out, out, out[n - 1] == '/' ? "" : "/");
}

/* The maps drawn so far, on a terminal only; cleared at the end. */
static void on_progress(void *ctx, size_t done, size_t total)
{
	int *shown = ctx;

	if (done >= total) {
		if (*shown)
			fputs("\r\033[K", stderr);
		*shown = 0;
		return;
	}
	fprintf(stderr, "\r\033[Kreport: maps %zu/%zu", done, total);
	fflush(stderr);
	*shown = 1;
}

/* SOURCE_DATE_EPOCH (reproducible-builds.org): the header's date. */
static int made_from_env(const kn_command *cmd, kn_report_options *o)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (!e)
		return 0;
	v = strtoll(e, &end, 10);
	if (!*e || *end || v < 0 || e[0] == '-' || e[0] == '+' || e[0] == ' ')
		return cli_usage_error(cmd, "SOURCE_DATE_EPOCH must be a number of "
				       "seconds since 1970, got \"%s\"", e);
	o->made = v;
	return 0;
}

int cmd_report(int argc, char **argv, kn_cli *cli)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "title", required_argument, NULL, 't' },
		{ "min", required_argument, NULL, 'm' },
		{ "no-maps", no_argument, NULL, 'n' },
		{ "top", required_argument, NULL, 'T' },
		{ "all", no_argument, NULL, 'A' },
		CLI_FILTER_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	const kn_command *cmd = cli_find_command("report");
	const char *out = NULL;
	kn_report_options o;
	kn_report_timing timing;
	kn_filter f;
	kn_error err;
	int c, index, rc, shown = 0;

	kn_report_options_init(&o);
	kn_filter_init(&f);
	cli_corpus_operands(0, 0);
	while ((c = cli_getopt(argc, argv, "o:", opts, &index)) != -1) {
		if (c == 0 && strcmp(opts[index].name, "limit") == 0)
			/* a report's tables count every selected signal */
			return cli_usage_error(cmd, "--limit does not apply to a "
					       "report; select with the other filters");
		if (c == 0) {
			if (cli_filter_option(cmd, opts[index].name, optarg, &f) != 1)
				return EXIT_USAGE;
		} else if ((rc = report_option(cmd, c, optarg, &o, &out)) != 0) {
			return rc < 0 ? cli_bad_option(cmd, c, argv) : rc;
		}
	}
	if (optind < argc)
		return cli_usage_error(cmd, "unexpected argument \"%s\"", argv[optind]);
	if (!out && o.format == KN_REPORT_MD)
		return cli_usage_error(cmd, "--format md writes files: give -o FILE.md or -o DIR/");
	if (out && o.format == KN_REPORT_HTML &&
	    (rc = check_html_output(cmd, out)) != 0)
		return rc;
	if ((rc = made_from_env(cmd, &o)) != 0)
		return rc;
	if (getenv("KNOCKON_REPORT_TIMING"))
		o.timing = &timing;
	if (isatty(STDERR_FILENO)) {
		o.progress = on_progress;
		o.progress_ctx = &shown;
	}
	kn_error_clear(&err);
	if (kn_report_write_file(cli->store, &f, &o, out ? out : "-", &err)) {
		on_progress(&shown, 1, 1);
		cli_error(&err);
		return err.code == KN_ERR_USAGE ? EXIT_USAGE : EXIT_FAIL;
	}
	if (o.timing)
		/* for bench/report_bench.sh: where the time went */
		fprintf(stderr, "knockon: report timing: query %.3f s, render "
			"%.3f s (%zu maps), write %.3f s\n", timing.query,
			timing.render, timing.maps, timing.write);
	return EXIT_OK;
}
