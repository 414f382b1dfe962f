/* knockon trend — an actor's signals per week, month or quarter, as a
 * listing or a chart (docs/changes.md).  Options only: the counting is
 * kn_query_trend's, the shapes kn_format_trends', the chart
 * kn_trend_chart's. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "knockon/format.h"
#include "knockon/map.h"
#include "knockon/query.h"
#include "knockon/report.h"

const char cmd_trend_options[] =
	"  --every P          week (ISO 8601 weeks, Monday to Sunday), month\n"
	"                     (default) or quarter; every period of the range is\n"
	"                     listed, the empty ones too\n"
	"  --format F         table (default), json, csv or csv-raw\n"
	CLI_TABLE_HELP
	CLI_CSV_HELP
	CLI_BOM_HELP
	"  -T, --chart F      draw a chart instead: svg, png or pdf\n"
	"  -o, --output FILE  write the chart to FILE (default: standard output;\n"
	"                     without -T, a name ending .svg, .png or .pdf sets it)\n"
	"  --since DATE       the range starts with the period holding DATE\n"
	"                     (default: the earliest dated signal of the actors)\n"
	"  --until DATE       and ends with the one holding DATE (default: the\n"
	"                     latest); a date covers its whole day\n"
	"  --category C       signals of category C (case-insensitive)\n"
	"  --min-score N      signals with a score of at least N (0-100)\n";

typedef struct trend_job {
	kn_trend_opts o;
	kn_out_format fmt;
	int format_given, chart_given, bom;
	kn_format chart;
	const char *output;
} trend_job;

static int chart_of_path(const char *path, kn_format *out)
{
	static const char *const exts[] = { ".svg", ".png", ".pdf" };
	static const kn_format fmts[] = { KN_FORMAT_SVG, KN_FORMAT_PNG,
					  KN_FORMAT_PDF };
	size_t i, n = strlen(path);

	for (i = 0; i < 3; i++)
		if (n > 4 && strcasecmp(path + n - 4, exts[i]) == 0) {
			*out = fmts[i];
			return 0;
		}
	return -1;
}

static int trend_option(const kn_command *cmd, int c, trend_job *j)
{
	switch (c) {
	case 'e':
		if (kn_period_parse(optarg, &j->o.every))
			return cli_usage_error(cmd, "--every takes week, month or quarter, got \"%s\"",
					       optarg);
		return EXIT_OK;
	case 'f':
		j->format_given = 1;
		if (kn_out_format_parse(optarg, &j->fmt))
			return cli_usage_error(cmd, CLI_FORMAT_ERROR, optarg);
		return EXIT_OK;
	case 'T':
		j->chart_given = 1;
		if (kn_format_parse(optarg, &j->chart) || j->chart == KN_FORMAT_DOT)
			return cli_usage_error(cmd, "-T takes svg, png or pdf, got \"%s\"",
					       optarg);
		return EXIT_OK;
	case 'o':
		j->output = optarg;
		return EXIT_OK;
	case 'b':
		j->bom = 1;
		return EXIT_OK;
	}
	return EXIT_FAIL;
}

/* Settles -T, -o and --format: a chart, or a listing on stdout. */
static int settle(const kn_command *cmd, trend_job *j)
{
	kn_format by_name;
	int named = j->output && strcmp(j->output, "-") != 0 &&
		    chart_of_path(j->output, &by_name) == 0;

	if (j->output && !j->chart_given) {
		if (!named)
			return cli_usage_error(cmd, "-o writes a chart: give -T svg, png or pdf, or a FILE ending .svg, .png or .pdf");
		j->chart = by_name;
		j->chart_given = 1;
	} else if (named && by_name != j->chart) {
		return cli_usage_error(cmd, "-T %s contradicts -o %s",
				       kn_format_name(j->chart), j->output);
	}
	if (j->chart_given && (j->format_given || j->bom))
		return cli_usage_error(cmd, "--%s is for listings: a chart takes -T",
				       j->format_given ? "format" : "bom");
	if (j->chart_given && j->chart != KN_FORMAT_SVG &&
	    (!j->output || strcmp(j->output, "-") == 0) && isatty(STDOUT_FILENO))
		return cli_usage_error(cmd, "a %s chart is binary: not written to a terminal; use -o FILE (or a pipe)",
				       kn_format_name(j->chart));
	return EXIT_OK;
}

static int parse_options(int argc, char **argv, const kn_command *cmd,
			 trend_job *j)
{
	static const struct option opts[] = {
		{ "every", required_argument, NULL, 'e' },
		{ "format", required_argument, NULL, 'f' },
		{ "chart", required_argument, NULL, 'T' },
		{ "output", required_argument, NULL, 'o' },
		{ "bom", no_argument, NULL, 'b' },
		CLI_FILTER_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	int c, index, rc;

	cli_corpus_operands(1, INT_MAX);
	while ((c = cli_getopt(argc, argv, "T:o:", opts, &index)) != -1) {
		if (c == ':' || c == '?')
			return cli_bad_option(cmd, c, argv);
		if (c != 0) {
			if ((rc = trend_option(cmd, c, j)) != EXIT_OK)
				return rc;
		} else if (strcmp(opts[index].name, "limit") == 0) {
			return cli_usage_error(cmd, "--limit does not apply: every period is listed");
		} else if (cli_filter_option(cmd, opts[index].name, optarg,
					     &j->o.filter) != 1) {
			return EXIT_USAGE;
		}
	}
	if (optind >= argc)
		return cli_usage_error(cmd, "name at least one ACTOR");
	return settle(cmd, j);
}

static int draw(const trend_job *j, const kn_trends *t)
{
	kn_renderer *r = NULL;
	kn_map_options mo;
	kn_error err;
	kn_status st;

	kn_error_clear(&err);
	kn_map_options_init(&mo);
	mo.format = j->chart;
	st = kn_renderer_open(&r, &err);
	if (st == KN_OK)
		st = kn_trend_chart_file(r, t, j->o.every, &mo,
					 j->output ? j->output : "-", &err);
	kn_renderer_close(r);
	if (st != KN_OK) {
		cli_error(&err);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

int cmd_trend(int argc, char **argv, kn_cli *cli)
{
	const kn_command *cmd = cli_find_command("trend");
	kn_buf out = KN_BUF_INIT;
	kn_format_opts fo;
	kn_trends t;
	trend_job j;
	kn_error err;
	kn_status st;
	int rc;

	memset(&j, 0, sizeof j);
	kn_trend_opts_init(&j.o);
	j.fmt = KN_OUT_TABLE;
	if ((rc = parse_options(argc, argv, cmd, &j)) != EXIT_OK)
		return rc;
	if (!j.chart_given && cli_format_opts(cmd, j.fmt, j.bom, &fo) != EXIT_OK)
		return EXIT_USAGE;
	kn_trends_init(&t);
	kn_error_clear(&err);
	if (kn_query_trend(cli->store, (const char *const *)(argv + optind),
			   (size_t)(argc - optind), &j.o, &t, &err)) {
		if (err.code == KN_ERR_USAGE)
			return cli_usage_error(cmd, "%s", err.message);
		cli_error(&err);
		return EXIT_FAIL;
	}
	if (j.chart_given) {
		rc = draw(&j, &t);
		kn_trends_release(&t);
		return rc;
	}
	st = kn_format_trends_opts(&t, &fo, &out);
	kn_trends_release(&t);
	return cli_output(&out, st);
}
