/* knockon version — knockon's version and the libraries it runs with. */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "commands.h"
#include "knockon/json.h"
#include "knockon/map.h"
#include "knockon/store.h"

const char cmd_version_options[] =
	"  Prints \"knockon X.Y.Z\", then the version of each library it runs\n"
	"  with, as that library reports it: SQLite, jansson and Graphviz.\n"
	"  (knockon --version prints the first line alone.)\n";

int cmd_version(int argc, char **argv, kn_cli *cli)
{
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };
	const kn_command *cmd = cli_find_command("version");
	kn_renderer *r = NULL;
	kn_error err;
	int c;

	(void)cli;
	while ((c = cli_getopt(argc, argv, "", opts, NULL)) != -1)
		return cli_bad_option(cmd, c, argv);
	if (optind < argc)
		return cli_usage_error(cmd, "unexpected argument \"%s\"", argv[optind]);
	printf("knockon %s\n", KNOCKON_VERSION);
	printf("SQLite %s\n", kn_store_sqlite_version());
	printf("jansson %s\n", kn_json_jansson_version());
	kn_error_clear(&err);
	if (kn_renderer_open(&r, &err) != KN_OK) {
		cli_error(&err);
		return EXIT_FAIL;
	}
	printf("Graphviz %s\n", kn_renderer_graphviz_version(r));
	kn_renderer_close(r);
	return EXIT_OK;
}
