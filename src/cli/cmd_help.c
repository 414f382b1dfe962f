/* knockon help [COMMAND] */
#include <stdio.h>

#include "cli.h"
#include "commands.h"

const char cmd_help_options[] = "";

int cmd_help(int argc, char **argv, kn_cli *cli)
{
	const kn_command *c;

	(void)cli;
	if (argc > 2)
		return cli_usage_error(cli_find_command("help"),
				       "too many arguments");
	if (argc == 2) {
		c = cli_find_command(argv[1]);
		if (!c) {
			cli_errorf("'%s' is not a knockon command; see 'knockon help'",
				   argv[1]);
			return EXIT_USAGE;
		}
		cli_print_usage(stdout, c);
		return EXIT_OK;
	}
	fputs("usage: knockon [--db PATH] COMMAND [OPTIONS] [ARGS]\n\n"
	      "Maps the knock-on effects of news signals.\n\n"
	      "The corpus is one SQLite file: --db PATH, else $KNOCKON_DB, else\n"
	      "./knockon.db.  A writer waits up to 5 s for another writer\n"
	      "($KNOCKON_BUSY_TIMEOUT milliseconds).  FILE may be '-' for stdin\n"
	      "or stdout.\n\n"
	      "commands:\n", stdout);
	for (c = kn_commands; c->name; c++)
		printf("  %-8s %s\n", c->name, c->summary);
	fputs("\nRun 'knockon help COMMAND' or 'knockon COMMAND --help' for a "
	      "command's options.\nExit status: 0 ok, 1 failure, 2 usage error.\n",
	      stdout);
	return EXIT_OK;
}
