/* knockon losers — placeholder until its issue lands; replaced by the real command. */
#include "cli.h"
#include "commands.h"

const char cmd_losers_options[] = "";

int cmd_losers(int argc, char **argv, kn_cli *cli)
{
	(void)argc;
	(void)argv;
	(void)cli;
	cli_errorf("'losers' is not built yet");
	return EXIT_FAIL;
}
