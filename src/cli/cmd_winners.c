/* knockon winners — placeholder until its issue lands; replaced by the real command. */
#include "cli.h"
#include "commands.h"

const char cmd_winners_options[] = "";

int cmd_winners(int argc, char **argv, kn_cli *cli)
{
	(void)argc;
	(void)argv;
	(void)cli;
	cli_errorf("'winners' is not built yet");
	return EXIT_FAIL;
}
