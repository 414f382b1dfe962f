/* knockon search — placeholder until its issue lands; replaced by the real command. */
#include "cli.h"
#include "commands.h"

const char cmd_search_options[] = "";

int cmd_search(int argc, char **argv, kn_cli *cli)
{
	(void)argc;
	(void)argv;
	(void)cli;
	cli_errorf("'search' is not built yet");
	return EXIT_FAIL;
}
