/* knockon actors — placeholder until its issue lands; replaced by the real command. */
#include "cli.h"
#include "commands.h"

const char cmd_actors_options[] = "";

int cmd_actors(int argc, char **argv, kn_cli *cli)
{
	(void)argc;
	(void)argv;
	(void)cli;
	cli_errorf("'actors' is not built yet");
	return EXIT_FAIL;
}
