/* knockon: map the knock-on effects of news signals. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "knockon/map.h"
#include "knockon/store.h"

static const char main_usage[] =
	"usage: knockon [--db PATH] COMMAND [OPTIONS] [ARGS]\n";

static int run_command(const kn_command *cmd, int argc, char **argv,
		       kn_cli *cli)
{
	int status, i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			cli_print_usage(stdout, cmd);
			return EXIT_OK;
		}
	}
	/* opened by cli_getopt once the options are known to be right, so
	 * that a mistake in the options never needs, creates or locks a corpus */
	if (cmd->flags & CMD_OPENS_DB)
		cli_open_corpus_later(cli, cmd->flags);
	if (cmd->flags & CMD_RENDERS) {
		const char *why = kn_map_font_setup();

		if (why)
			cli_errorf("warning: %s", why);
	}
	status = cmd->run(argc, argv, cli);
	kn_store_close(cli->store);
	cli->store = NULL;
	return status;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	kn_cli cli = { NULL, NULL };
	const kn_command *cmd;
	int c, status;

	kn_store_process_init(); /* before SQLite starts: see its header */
	cli.db_path = getenv("KNOCKON_DB");
	if (!cli.db_path || !cli.db_path[0])
		cli.db_path = "knockon.db";
	/* "+" stops at the command name: its options are its own */
	while ((c = cli_getopt(argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			cli.db_path = optarg;
			break;
		case 'h': {
			static char help_name[] = "help";
			char *help_argv[] = { help_name, NULL };

			optind = 0;
			return cmd_help(1, help_argv, &cli);
		}
		case 'V':
			printf("knockon %s\n", KNOCKON_VERSION);
			return EXIT_OK;
		default:
			return cli_bad_option(NULL, c, argv);
		}
	}
	if (optind >= argc) {
		fputs(main_usage, stderr);
		fputs("run 'knockon help' for the commands\n", stderr);
		return EXIT_USAGE;
	}
	cmd = cli_find_command(argv[optind]);
	if (!cmd)
		return cli_unknown_command(argv[optind]);
	argc -= optind;
	argv += optind;
	optind = 0; /* a full reset for the command's own getopt_long */
	status = run_command(cmd, argc, argv, &cli);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_errorf("cannot write to standard output");
		return EXIT_FAIL;
	}
	return status;
}
