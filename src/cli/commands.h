/* The commands, one per file: src/cli/cmd_<name>.c defines cmd_<name> and
 * cmd_<name>_options (the option lines printed by "knockon help NAME"). */
#ifndef KN_COMMANDS_H
#define KN_COMMANDS_H

#include "cli.h"

#define KN_DECLARE_COMMAND(name)                                  \
	int cmd_##name(int argc, char **argv, kn_cli *cli);      \
	extern const char cmd_##name##_options[]

KN_DECLARE_COMMAND(parse);
KN_DECLARE_COMMAND(ingest);
KN_DECLARE_COMMAND(list);
KN_DECLARE_COMMAND(show);
KN_DECLARE_COMMAND(render);
KN_DECLARE_COMMAND(losers);
KN_DECLARE_COMMAND(winners);
KN_DECLARE_COMMAND(actors);
KN_DECLARE_COMMAND(search);
KN_DECLARE_COMMAND(alias);
KN_DECLARE_COMMAND(rm);
KN_DECLARE_COMMAND(check);
KN_DECLARE_COMMAND(report);
KN_DECLARE_COMMAND(version);
KN_DECLARE_COMMAND(diff);
KN_DECLARE_COMMAND(trend);
KN_DECLARE_COMMAND(links);
KN_DECLARE_COMMAND(exposure);
KN_DECLARE_COMMAND(converge);
KN_DECLARE_COMMAND(path);
KN_DECLARE_COMMAND(help);

#endif
