/* The command table: one entry drives dispatch, set-up and help. */
#include <string.h>

#include "cli.h"
#include "commands.h"

const kn_command kn_commands[] = {
	{ "parse", cmd_parse, 0, "FILE...",
	  "read cards (text, JSON, NDJSON) and print canonical knockon/1 JSON",
	  cmd_parse_options },
	{ "ingest", cmd_ingest, CMD_OPENS_DB | CMD_WRITES, "FILE...",
	  "store cards (files or folders) in the corpus", cmd_ingest_options },
	{ "list", cmd_list, CMD_OPENS_DB, "",
	  "list the signals, newest first", cmd_list_options },
	{ "show", cmd_show, CMD_OPENS_DB, "ID", "show one signal",
	  cmd_show_options },
	{ "render", cmd_render, CMD_OPENS_DB | CMD_RENDERS, "[ID...]",
	  "draw a causal map", cmd_render_options },
	{ "losers", cmd_losers, CMD_OPENS_DB, "",
	  "actors that recur as losers", cmd_losers_options },
	{ "winners", cmd_winners, CMD_OPENS_DB, "",
	  "actors that recur as winners", cmd_winners_options },
	{ "actors", cmd_actors, CMD_OPENS_DB, "",
	  "every actor with its winner and loser counts", cmd_actors_options },
	{ "search", cmd_search, CMD_OPENS_DB, "TEXT",
	  "full-text search over signals and effects", cmd_search_options },
	{ "alias", cmd_alias, CMD_OPENS_DB | CMD_WRITES, "NAME CANONICAL",
	  "treat two actor names as one actor", cmd_alias_options },
	{ "links", cmd_links, CMD_OPENS_DB | CMD_WRITES, "[ACTOR]",
	  "links from effects to the actors they reach; reject detections",
	  cmd_links_options },
	{ "exposure", cmd_exposure, CMD_OPENS_DB, "ACTOR",
	  "every way the corpus reaches an actor, weighted by order",
	  cmd_exposure_options },
	{ "report", cmd_report, CMD_OPENS_DB | CMD_RENDERS, "",
	  "write an HTML or Markdown report with its maps embedded",
	  cmd_report_options },
	{ "help", cmd_help, 0, "[COMMAND]", "show help for knockon or a command",
	  cmd_help_options },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};

const kn_command *cli_find_command(const char *name)
{
	const kn_command *c;

	for (c = kn_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}
