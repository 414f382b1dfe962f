/* How the listing commands write their results: a table cut to the
 * terminal's width when stdout is one (full width into a pipe or a file),
 * and --bom for CSV. */
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"

/* The width of the terminal on stdout: $COLUMNS, else what the terminal
 * says, else 80; 0 when stdout is not a terminal. */
static size_t terminal_width(void)
{
	const char *env = getenv("COLUMNS");
	struct winsize ws;
	long v;

	if (!isatty(STDOUT_FILENO))
		return 0;
	if (env && cli_parse_long(env, 1, 100000, &v) == 0)
		return (size_t)v;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

int cli_format_opts(const kn_command *cmd, kn_out_format fmt, int bom,
		    kn_format_opts *o)
{
	kn_format_opts_init(o, fmt);
	if (bom && fmt != KN_OUT_CSV && fmt != KN_OUT_CSV_RAW)
		return cli_usage_error(cmd, "--bom goes with --format csv or csv-raw");
	o->bom = bom;
	if (fmt == KN_OUT_TABLE)
		o->width = terminal_width();
	return EXIT_OK;
}
