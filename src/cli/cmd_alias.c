/* knockon alias — placeholder until its issue lands; replaced by the real command. */
#include "cli.h"
#include "commands.h"

const char cmd_alias_options[] = "";

int cmd_alias(int argc, char **argv, kn_cli *cli)
{
	(void)argc;
	(void)argv;
	(void)cli;
	cli_errorf("'alias' is not built yet");
	return EXIT_FAIL;
}
