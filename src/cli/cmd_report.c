/* knockon report — placeholder until its issue lands; replaced by the real command. */
#include "cli.h"
#include "commands.h"

const char cmd_report_options[] = "";

int cmd_report(int argc, char **argv, kn_cli *cli)
{
	(void)argc;
	(void)argv;
	(void)cli;
	cli_errorf("'report' is not built yet");
	return EXIT_FAIL;
}
