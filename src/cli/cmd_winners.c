/* knockon winners — actors that recur as winners (see cmd_losers.c). */
#include "cli.h"
#include "commands.h"
#include "knockon/signal.h"

int cmd_recurring(int argc, char **argv, kn_cli *cli, kn_role role);

const char cmd_winners_options[] =
	"  --min N            actors in at least N signals (default 2)\n"
	"  --weighted         rank by the sum of score x confidence\n"
	"  --format F         table (default: the date and title of each actor's\n"
	"                     newest signal), json, csv or csv-raw (every id)\n"
	CLI_TABLE_HELP
	CLI_CSV_HELP
	CLI_BOM_HELP
	CLI_FILTER_HELP;

int cmd_winners(int argc, char **argv, kn_cli *cli)
{
	return cmd_recurring(argc, argv, cli, KN_WINNER);
}
