/* knockon render — placeholder until its issue lands; replaced by the real command. */
#include "cli.h"
#include "commands.h"

const char cmd_render_options[] = "";

int cmd_render(int argc, char **argv, kn_cli *cli)
{
	(void)argc;
	(void)argv;
	(void)cli;
	cli_errorf("'render' is not built yet");
	return EXIT_FAIL;
}
