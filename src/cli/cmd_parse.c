/* knockon parse FILE... — cards in, canonical knockon/1 JSON out. */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "commands.h"
#include "knockon/buf.h"
#include "knockon/json.h"
#include "knockon/reader.h"
#include "skipped.h"

const char cmd_parse_options[] =
	"  -v, --verbose      name each file a folder walk skipped\n"
	"  FILE may be a card as pasted text, JSON, NDJSON, a folder, or '-'.\n"
	"  Prints one signal a line; bad units are reported on stderr and the\n"
	"  exit status is 1 when any was rejected.\n";

int cmd_parse(int argc, char **argv, kn_cli *cli)
{
	static const struct option opts[] = {
		{ "verbose", no_argument, NULL, 'v' }, { NULL, 0, NULL, 0 }
	};
	cli_skips skips = { 0, 0, { 0 } };
	const kn_command *cmd = cli_find_command("parse");
	kn_reader *r = NULL;
	kn_signal sig;
	kn_error err;
	kn_buf out = KN_BUF_INIT;
	kn_status st;
	int rejected = 0, c;

	(void)cli;
	while ((c = cli_getopt(argc, argv, "v", opts, NULL)) != -1) {
		if (c != 'v')
			return cli_bad_option(cmd, c, argv);
		skips.verbose = 1;
	}
	if (optind >= argc)
		return cli_usage_error(cmd, "no FILE given");
	if (!(r = cli_open_reader(argc, argv, optind)))
		return EXIT_FAIL;
	cli_skips_watch(&skips, r);
	kn_error_clear(&err);
	kn_signal_init(&sig);
	while ((st = kn_reader_next(r, &sig, &err)) != KN_DONE) {
		if (st != KN_OK) {
			cli_error(&err);
			rejected++;
			if (st == KN_ERR_NOMEM)
				break;
			continue;
		}
		kn_buf_reset(&out);
		kn_signal_write_json(&sig, &out);
		kn_buf_putc(&out, '\n');
		if (kn_buf_failed(&out)) {
			cli_errorf("out of memory");
			rejected++;
			break;
		}
		fwrite(kn_buf_cstr(&out), 1, out.len, stdout);
	}
	kn_signal_release(&sig);
	kn_buf_release(&out);
	kn_reader_close(r);
	cli_skips_report(&skips);
	return rejected ? EXIT_FAIL : EXIT_OK;
}
