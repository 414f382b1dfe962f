/* knockon: map the knock-on effects of news signals. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "knockon/map.h"

static const char main_usage[] =
	"usage: knockon [--db PATH] COMMAND [OPTIONS] [ARGS]\n";

static int run_command(const kn_command *cmd, int argc, char **argv,
		       kn_cli *cli)
{
	kn_error err;
	int status, i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			cli_print_usage(stdout, cmd);
			return EXIT_OK;
		}
	}
	if (cmd->flags & CMD_OPENS_DB) {
		unsigned flags = cmd->flags & CMD_WRITES ? 0 : KN_STORE_READONLY;
		const char *wait_ms = getenv("KNOCKON_BUSY_TIMEOUT");

		kn_error_clear(&err);
		if (kn_store_open(cli->db_path, flags, &cli->store, &err)) {
			cli_error(&err);
			/* "", ":memory:", a URI: --db itself is wrong */
			return err.code == KN_ERR_USAGE ? EXIT_USAGE : EXIT_FAIL;
		}
		/* milliseconds to wait for another writer (tests shorten it) */
		if (wait_ms && *wait_ms) {
			long ms;

			if (cli_parse_long(wait_ms, 0, 86400000L, &ms)) {
				cli_errorf("KNOCKON_BUSY_TIMEOUT takes milliseconds, got \"%s\"",
					   wait_ms);
				kn_store_close(cli->store);
				cli->store = NULL;
				return EXIT_USAGE;
			}
			kn_store_set_busy_timeout(cli->store, (int)ms);
		}
	}
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

	cli.db_path = getenv("KNOCKON_DB");
	if (!cli.db_path || !cli.db_path[0])
		cli.db_path = "knockon.db";
	/* "+" stops at the command name: its options are its own */
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			cli.db_path = optarg;
			break;
		case 'h': {
			static char help_name[] = "help";
			char *help_argv[] = { help_name, NULL };

			return cmd_help(1, help_argv, &cli);
		}
		case 'V':
			printf("knockon %s\n", KNOCKON_VERSION);
			return EXIT_OK;
		default:
			fputs(main_usage, stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fputs(main_usage, stderr);
		fputs("run 'knockon help' for the commands\n", stderr);
		return EXIT_USAGE;
	}
	cmd = cli_find_command(argv[optind]);
	if (!cmd) {
		cli_errorf("'%s' is not a knockon command; see 'knockon help'",
			   argv[optind]);
		return EXIT_USAGE;
	}
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
