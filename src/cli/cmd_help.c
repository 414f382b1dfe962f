/* knockon help [COMMAND]
 *
 * For shell completion (and not shown in the help itself):
 *   knockon help --commands        the command names, one a line
 *   knockon help --options [CMD]   CMD's options (knockon's own without
 *                                  CMD), one a line, "-T F" when it takes
 *                                  a value; read from the help text, so
 *                                  the completions always match it */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"

const char cmd_help_options[] = "";

/* knockon's own options, as "knockon help" shows them. */
static const char main_options[] =
	"  --db PATH          the corpus\n"
	"  -h, --help         this help\n"
	"  --version          knockon's version\n";

/* Prints the options an option line of a help text starts with
 * ("  -T, --format F     ..."), each with its value's name if any. */
static void option_line(const char *line, size_t n)
{
	size_t i = 2, start, len;
	const char *value = "";
	size_t vlen = 0;

	if (n < 3 || strncmp(line, "  -", 3) != 0)
		return;
	/* the options end where two spaces start the description */
	len = n;
	for (start = 2; start + 1 < n; start++)
		if (line[start] == ' ' && line[start + 1] == ' ') {
			len = start;
			break;
		}
	/* the value's name: what follows the last option's space */
	for (start = len; start > 2 && line[start - 1] != ' ' &&
			  line[start - 1] != ','; start--)
		;
	if (start > 2 && line[start - 1] == ' ' && line[start] != '-') {
		value = line + start;
		vlen = len - start;
		len = start - 1;
	}
	while (i < len) {
		start = i;
		while (i < len && line[i] != ',' && line[i] != ' ')
			i++;
		if (line[start] == '-')
			printf("%.*s%s%.*s\n", (int)(i - start), line + start,
			       vlen ? " " : "", (int)vlen, value);
		while (i < len && (line[i] == ',' || line[i] == ' '))
			i++;
	}
}

static void list_options(const char *text)
{
	size_t n;

	for (; *text; text += n + (text[n] == '\n')) {
		n = strcspn(text, "\n");
		option_line(text, n);
	}
}

static int for_completion(const kn_command *help, int commands, int argc,
			  char **argv)
{
	const kn_command *c;

	if (commands) {
		if (argc > optind)
			return cli_usage_error(help, "--commands takes no COMMAND");
		for (c = kn_commands; c->name; c++)
			puts(c->name);
		return EXIT_OK;
	}
	if (argc > optind + 1)
		return cli_usage_error(help, "--options takes one COMMAND at most");
	if (argc == optind) {
		list_options(main_options);
		return EXIT_OK;
	}
	if (!(c = cli_find_command(argv[optind])))
		return cli_unknown_command(argv[optind]);
	list_options(c->options);
	puts("-h");
	puts("--help");
	return EXIT_OK;
}

int cmd_help(int argc, char **argv, kn_cli *cli)
{
	static const struct option opts[] = {
		{ "commands", no_argument, NULL, 'c' },
		{ "options", no_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	const kn_command *help = cli_find_command("help"), *c;
	int opt, commands = 0, options = 0;

	(void)cli;
	while ((opt = cli_getopt(argc, argv, "", opts, NULL)) != -1) {
		if (opt == 'c')
			commands = 1;
		else if (opt == 'o')
			options = 1;
		else
			return cli_bad_option(help, opt, argv);
	}
	if (commands && options)
		return cli_usage_error(help, "give --commands or --options, not both");
	if (commands || options)
		return for_completion(help, commands, argc, argv);
	if (argc > optind + 1)
		return cli_usage_error(help, "too many arguments");
	if (argc == optind + 1) {
		c = cli_find_command(argv[optind]);
		if (!c)
			return cli_unknown_command(argv[optind]);
		cli_print_usage(stdout, c);
		return EXIT_OK;
	}
	fputs("usage: knockon [--db PATH] COMMAND [OPTIONS] [ARGS]\n\n"
	      "Maps the knock-on effects of news signals.\n\n"
	      "The corpus is one SQLite file: --db PATH, else $KNOCKON_DB, else\n"
	      "./knockon.db.  A writer waits up to 5 s for another writer\n"
	      "($KNOCKON_BUSY_TIMEOUT milliseconds).  FILE may be '-' for stdin\n"
	      "or stdout.\n\n"
	      "commands:\n", stdout);
	for (c = kn_commands; c->name; c++)
		printf("  %-8s %s\n", c->name, c->summary);
	fputs("\nRun 'knockon help COMMAND' or 'knockon COMMAND --help' for a "
	      "command's options.\nExit status: 0 ok, 1 failure, 2 usage error.\n"
	      "The manual page knockon(1) has every command and option.\n",
	      stdout);
	return EXIT_OK;
}
