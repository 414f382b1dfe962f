/* The command table: one entry drives dispatch, set-up and help.  Every
 * example runs as written in a folder holding the samples/ of the source
 * tree and their corpus (tests/scripts/help_examples.sh runs them all). */
#include <string.h>

#include "cli.h"
#include "commands.h"

/* The reference card, and its id (the id of every example that needs one). */
#define EX_CARD "samples/cards/2026-06-24-anthropic-alibaba.txt"
#define EX_ID "2026-06-24-anthropic-accuses-alibaba-of-obtaining-illicit-access-to-claude"

const kn_command kn_commands[] = {
	{ .name = "parse", .run = cmd_parse, .flags = 0, .args = "FILE...",
	  .summary = "read cards (text, JSON, NDJSON) and print canonical knockon/1 JSON",
	  .options = cmd_parse_options,
	  .examples = "knockon parse " EX_CARD "\n"
		      "knockon parse samples/json/ > signals.ndjson\n"
		      "knockon parse - < " EX_CARD "\n" },
	{ .name = "ingest", .run = cmd_ingest,
	  .flags = CMD_OPENS_DB | CMD_WRITES | CMD_FINISHES_LOADS,
	  .args = "FILE...",
	  .summary = "store cards (files or folders) in the corpus",
	  .options = cmd_ingest_options,
	  .examples = "knockon ingest samples/\n"
		      "knockon ingest -q " EX_CARD "\n"
		      "knockon --db other.db ingest -v samples/json/\n" },
	{ .name = "list", .run = cmd_list, .flags = CMD_OPENS_DB, .args = "",
	  .summary = "list the signals, newest first",
	  .options = cmd_list_options,
	  .examples = "knockon list --limit 5\n"
		      "knockon list --since 2026-06 --category \"Capital Markets\"\n"
		      "knockon list --format csv > signals.csv\n" },
	{ .name = "show", .run = cmd_show, .flags = CMD_OPENS_DB, .args = "ID",
	  .summary = "show one signal",
	  .options = cmd_show_options,
	  .examples = "knockon show " EX_ID "\n"
		      "knockon show " EX_ID " --format json\n" },
	{ .name = "render", .run = cmd_render,
	  .flags = CMD_OPENS_DB | CMD_RENDERS, .args = "[ID...]",
	  .summary = "draw a causal map",
	  .options = cmd_render_options,
	  .examples = "knockon render " EX_ID " -o map.svg\n"
		      "knockon render --view exposure Nvidia -T png -o nvidia.png\n"
		      "knockon render --view corpus --links --min 3 -o corpus.svg\n"
		      "knockon render --each --since 2026-06 -o maps/\n" },
	{ .name = "losers", .run = cmd_losers, .flags = CMD_OPENS_DB, .args = "",
	  .summary = "actors that recur as losers",
	  .options = cmd_losers_options,
	  .examples = "knockon losers --min 3\n"
		      "knockon losers --since 2026-06 --weighted\n"
		      "knockon losers --category Geopolitics --format csv\n" },
	{ .name = "winners", .run = cmd_winners, .flags = CMD_OPENS_DB, .args = "",
	  .summary = "actors that recur as winners",
	  .options = cmd_winners_options,
	  .examples = "knockon winners --limit 5\n"
		      "knockon winners --min 3 --format json\n" },
	{ .name = "actors", .run = cmd_actors, .flags = CMD_OPENS_DB, .args = "",
	  .summary = "every actor with its winner and loser counts",
	  .options = cmd_actors_options,
	  .examples = "knockon actors --contested\n"
		      "knockon actors --category Energy --format csv > actors.csv\n" },
	{ .name = "search", .run = cmd_search, .flags = CMD_OPENS_DB,
	  .args = "TEXT",
	  .summary = "full-text search over signals, effects and actors",
	  .options = cmd_search_options,
	  .examples = "knockon search tariff\n"
		      "knockon search \"export contr*\" --since 2026-01\n"
		      "knockon search lng --format json\n" },
	{ .name = "alias", .run = cmd_alias, .flags = CMD_OPENS_DB | CMD_WRITES,
	  .args = "NAME CANONICAL",
	  .summary = "treat two actor names as one actor",
	  .options = cmd_alias_options,
	  .examples = "knockon alias --force \"Alibaba Group\" Alibaba\n"
		      "knockon alias --list\n"
		      "knockon alias --remove \"Alibaba Group\"\n" },
	{ .name = "rm", .run = cmd_rm, .flags = CMD_OPENS_DB | CMD_WRITES,
	  .args = "ID...",
	  .summary = "remove signals and everything derived from them",
	  .options = cmd_rm_options,
	  .examples = "knockon rm --dry-run 2026-06-24-anthropic\n"
		      "knockon rm " EX_ID "\n" },
	{ .name = "check", .run = cmd_check, .flags = CMD_OPENS_DB | CMD_FINISHES_LOADS,
	  .args = "",
	  .summary = "check the derived tables against the signals, or repair them",
	  .options = cmd_check_options,
	  .examples = "knockon check\n"
		      "knockon check --repair\n" },
	{ .name = "diff", .run = cmd_diff, .flags = CMD_OPENS_DB, .args = "",
	  .summary = "what changed between two windows: new, rising, steady, fading, gone",
	  .options = cmd_diff_options,
	  .examples = "knockon diff\n"
		      "knockon diff --window 1m --asof 2026-10-31\n"
		      "knockon diff --from 2026-07 --to 2026-09 --against 2026-04..2026-06 --format json\n" },
	{ .name = "trend", .run = cmd_trend, .flags = CMD_OPENS_DB | CMD_RENDERS,
	  .args = "ACTOR...",
	  .summary = "an actor's signals per week, month or quarter",
	  .options = cmd_trend_options,
	  .examples = "knockon trend Alibaba\n"
		      "knockon trend Alibaba \"European automakers\" --every quarter --format csv\n"
		      "knockon trend Alibaba -T svg -o alibaba.svg\n" },
	{ .name = "links", .run = cmd_links, .flags = CMD_OPENS_DB | CMD_WRITES,
	  .args = "[ACTOR]",
	  .summary = "links from effects to the actors they reach; reject detections",
	  .options = cmd_links_options,
	  .examples = "knockon links Nvidia\n"
		      "knockon links --format json\n" },
	{ .name = "exposure", .run = cmd_exposure, .flags = CMD_OPENS_DB,
	  .args = "ACTOR",
	  .summary = "every way the corpus reaches an actor, weighted by order",
	  .options = cmd_exposure_options,
	  .examples = "knockon exposure Alibaba\n"
		      "knockon exposure Alibaba --by order\n"
		      "knockon exposure \"European automakers\" --format json\n" },
	{ .name = "converge", .run = cmd_converge, .flags = CMD_OPENS_DB,
	  .args = "",
	  .summary = "actors that high-order effects of several signals reach",
	  .options = cmd_converge_options,
	  .examples = "knockon converge\n"
		      "knockon converge --order 3 --min 1\n"
		      "knockon converge --limit 3 --format json\n" },
	{ .name = "path", .run = cmd_path, .flags = CMD_OPENS_DB,
	  .args = "FROM TO",
	  .summary = "chains from a signal or an actor to an actor, card by card",
	  .options = cmd_path_options,
	  .examples = "knockon path 2026-03-12-us-revokes Huawei\n"
		      "knockon path Nvidia \"Smaller AI labs\" --limit 3\n"
		      "knockon path Nvidia Alibaba --format json\n" },
	{ .name = "report", .run = cmd_report,
	  .flags = CMD_OPENS_DB | CMD_RENDERS, .args = "",
	  .summary = "write an HTML or Markdown report with its maps embedded",
	  .options = cmd_report_options,
	  .examples = "knockon report -o report.html\n"
		      "knockon report --category Geopolitics --title \"Geopolitics, 2026\" -o geo.html\n"
		      "knockon report --format md -o out/\n"
		      "knockon report --top 5 --format md -o brief.md\n" },
	{ .name = "version", .run = cmd_version, .flags = 0, .args = "",
	  .summary = "print the versions of knockon and of the libraries it runs with",
	  .options = cmd_version_options,
	  .examples = "knockon version\n"
		      "knockon --version\n" },
	{ .name = "help", .run = cmd_help, .flags = 0, .args = "[COMMAND]",
	  .summary = "show help for knockon or a command",
	  .options = cmd_help_options,
	  .examples = "knockon help\n"
		      "knockon help render\n" },
	{ .name = NULL }
};

const kn_command *cli_find_command(const char *name)
{
	const kn_command *c;

	for (c = kn_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}
