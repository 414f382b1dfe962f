/* Options: getopt_long with knockon's own messages (one line per
 * mistake, the option meant suggested), and the corpus opened once the
 * options are known to be right. */
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* What the last cli_getopt call was given, for cli_bad_option. */
static struct {
	const struct option *longs;
	const char *shorts;
	int argc;
} seen;

/* The corpus main() asked for, opened when the options are parsed. */
static struct {
	kn_cli *cli;
	unsigned flags;
	int status;
	int min_ops, max_ops; /* opened only for this many operands */
} corpus;

void cli_open_corpus_later(kn_cli *cli, unsigned flags)
{
	corpus.cli = cli;
	corpus.flags = flags;
	corpus.status = EXIT_OK;
	corpus.min_ops = 0;
	corpus.max_ops = INT_MAX;
}

void cli_corpus_operands(int min, int max)
{
	corpus.min_ops = min;
	corpus.max_ops = max;
}

void cli_corpus_writes(int writes)
{
	if (writes)
		corpus.flags |= CMD_WRITES;
	else
		corpus.flags &= ~(unsigned)CMD_WRITES;
}

static int open_corpus(void)
{
	kn_cli *cli = corpus.cli;
	unsigned flags = corpus.flags & CMD_WRITES ? 0 : KN_STORE_READONLY;
	/* milliseconds to wait for another writer (tests shorten it) */
	const char *wait_ms = getenv("KNOCKON_BUSY_TIMEOUT");
	kn_error err;
	long ms = 0;

	corpus.cli = NULL;
	if (wait_ms && *wait_ms && cli_parse_long(wait_ms, 0, 86400000L, &ms)) {
		cli_errorf("KNOCKON_BUSY_TIMEOUT takes milliseconds, got \"%s\"",
			   wait_ms);
		return corpus.status = EXIT_USAGE;
	}
	kn_error_clear(&err);
	if (kn_store_open(cli->db_path, flags, &cli->store, &err)) {
		cli_error(&err);
		/* "", ":memory:", a URI: --db itself is wrong */
		return corpus.status = err.code == KN_ERR_USAGE ? EXIT_USAGE
								: EXIT_FAIL;
	}
	if (wait_ms && *wait_ms)
		kn_store_set_busy_timeout(cli->store, (int)ms);
	/* the answer may lack what the load had still to do: say so */
	if (!(corpus.flags & CMD_FINISHES_LOADS) && kn_store_unfinished(cli->store) == 1)
		cli_errorf("warning: %s: a bulk load has not finished (it is"
			   " running, or was cut short): effect links it has yet"
			   " to detect are missing and answers can be slow;"
			   " 'knockon check --repair' or the next ingest"
			   " finishes it", cli->db_path);
	return EXIT_OK;
}

int cli_getopt(int argc, char **argv, const char *shorts,
	       const struct option *longs, int *index)
{
	char spec[32] = "";
	int c;

	opterr = 0; /* the command says what was wrong (cli_bad_option) */
	if (shorts[0] == '+') /* "+" stays first, ":" comes right after */
		strcat(spec, "+");
	strcat(spec, ":");
	strncat(spec, shorts + (shorts[0] == '+'), sizeof spec - 3);
	seen.longs = longs;
	seen.shorts = shorts;
	seen.argc = argc;
	c = getopt_long(argc, argv, spec, longs, index);
	if (c == -1 && corpus.cli && argc - optind >= corpus.min_ops &&
	    argc - optind <= corpus.max_ops && open_corpus() != EXIT_OK)
		return '!';
	return c;
}

/* The long option name[0..n) stands for: an exact match, else the one
 * option it starts; NULL when none or several. */
static const struct option *resolve(const char *name, size_t n)
{
	const struct option *o, *found = NULL;
	int count = 0;

	for (o = seen.longs; o && o->name; o++) {
		if (strncmp(o->name, name, n) != 0)
			continue;
		if (o->name[n] == '\0')
			return o;
		found = o;
		count++;
	}
	return count == 1 ? found : NULL;
}

/* Whether getopt's error (c, optopt) is about the long option arg rather
 * than a short option further on. */
static int is_long_error(int c, const char *arg)
{
	const char *eq = strchr(arg, '=');
	const struct option *o;

	if (arg[0] != '-' || arg[1] != '-' || !arg[2])
		return 0;
	if (optopt == 0)
		return 1;
	o = resolve(arg + 2, eq ? (size_t)(eq - arg - 2) : strlen(arg + 2));
	return o && o->val == optopt &&
	       ((c == ':' && o->has_arg == required_argument && !eq) ||
		(c == '?' && o->has_arg == no_argument && eq));
}

/* A word as a shell reads it: quoted when it holds anything unusual. */
static void put_shell_word(kn_buf *b, const char *s)
{
	const char *p;

	if (s[0] && !s[strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP"
			       "QRSTUVWXYZ0123456789._/:@%+,-")]) {
		kn_buf_puts(b, s);
		return;
	}
	kn_buf_putc(b, '\'');
	for (p = s; *p; p++)
		if (*p == '\'')
			kn_buf_puts(b, "'\\''");
		else
			kn_buf_putc(b, *p);
	kn_buf_putc(b, '\'');
}

/* --db or --version after the command name: main()'s options. */
static int global_after_command(const kn_command *cmd, const char *name,
				size_t n, const char *eq, char **argv)
{
	kn_buf b = KN_BUF_INIT;
	int rc;

	if (n == 7 && strncmp(name, "version", 7) == 0)
		return cli_usage_error(cmd, "--version goes before the command: "
				       "knockon --version (or knockon version)");
	if (n != 2 || strncmp(name, "db", 2) != 0)
		return -1;
	kn_buf_puts(&b, "knockon --db ");
	if (eq)
		put_shell_word(&b, eq + 1);
	else if (optind < seen.argc)
		put_shell_word(&b, argv[optind]);
	else
		kn_buf_puts(&b, "PATH");
	kn_buf_printf(&b, " %s", cmd->name);
	rc = cli_usage_error(cmd, "--db goes before the command: %s",
			     kn_buf_failed(&b) ? "knockon --db PATH COMMAND"
					       : kn_buf_cstr(&b));
	kn_buf_release(&b);
	return rc;
}

static int long_option_error(const kn_command *cmd, int c, const char *arg,
			     char **argv)
{
	const char *name = arg + 2, *eq = strchr(arg, '=');
	size_t n = eq ? (size_t)(eq - name) : strlen(name);
	const struct option *o = resolve(name, n), *p;
	kn_buf b = KN_BUF_INIT;
	cli_suggest s;
	int rc, count = 0, k;

	if (c == ':' && o)
		return cli_usage_error(cmd, "option '--%s' needs a value", o->name);
	if (o && eq)
		return cli_usage_error(cmd, "option '--%s' takes no value", o->name);
	if (cmd && (rc = global_after_command(cmd, name, n, eq, argv)) >= 0)
		return rc;
	cli_suggest_init(&s, name, n);
	for (p = seen.longs; p && p->name; p++) {
		if (n && strncmp(p->name, name, n) == 0)
			count++;
		cli_suggest_consider(&s, p->name);
	}
	if (count > 1) { /* several options start so: name them all */
		kn_buf_printf(&b, "option '--%.*s' is ambiguous; did you mean ",
			      (int)n, name);
		for (p = seen.longs, k = 0; p->name; p++)
			if (strncmp(p->name, name, n) == 0) {
				kn_buf_printf(&b, "%s'--%s'", k == 0 ? ""
					      : k + 1 == count ? " or " : ", ", p->name);
				k++;
			}
		kn_buf_putc(&b, '?');
	} else {
		cli_suggest_consider(&s, "help");
		kn_buf_printf(&b, "unknown option '--%.*s'", (int)n, name);
		cli_suggest_put(&s, &b, "--", '\'');
	}
	rc = cli_usage_error(cmd, "%s", kn_buf_cstr(&b));
	kn_buf_release(&b);
	return rc;
}

/* The argument that holds the short option getopt stopped at. */
static const char *short_arg(char **argv)
{
	const char *next = optind < seen.argc ? argv[optind] : NULL;

	/* mid-cluster, getopt has not moved past the argument yet */
	if (next && next[0] == '-' && next[1] != '-' && optopt &&
	    strchr(next + 1, optopt))
		return next;
	return optind > 0 && optind <= seen.argc ? argv[optind - 1] : "";
}

static int short_option_error(const kn_command *cmd, int c, char **argv)
{
	const char *arg = short_arg(argv), *eq = strchr(arg, '=');
	const struct option *p;
	kn_buf b = KN_BUF_INIT;
	cli_suggest s;
	size_t n;
	int rc;

	if (c == ':')
		return cli_usage_error(cmd, "option '-%c' needs a value", optopt);
	if (optopt == '=' && eq && eq - arg >= 2) /* -q=1 */
		return cli_usage_error(cmd, "option '-%c' takes no value", eq[-1]);
	kn_buf_printf(&b, "unknown option '-%c'", optopt);
	/* -since for --since */
	n = eq ? (size_t)(eq - arg - 1) : strlen(arg + 1);
	if (arg[0] == '-' && n >= 3) {
		cli_suggest_init(&s, arg + 1, n);
		for (p = seen.longs; p && p->name; p++)
			cli_suggest_consider(&s, p->name);
		cli_suggest_put(&s, &b, "--", '\'');
	}
	rc = cli_usage_error(cmd, "%s", kn_buf_cstr(&b));
	kn_buf_release(&b);
	return rc;
}

int cli_bad_option(const kn_command *cmd, int c, char **argv)
{
	const char *arg = optind > 0 && optind <= seen.argc ? argv[optind - 1] : "";

	if (c == '!')
		return corpus.status;
	if (is_long_error(c, arg))
		return long_option_error(cmd, c, arg, argv);
	if (optopt)
		return short_option_error(cmd, c, argv);
	return cli_usage_error(cmd, "unknown option '%s'", arg);
}

int cli_unknown_command(const char *name)
{
	const kn_command *c;
	kn_buf b = KN_BUF_INIT;
	cli_suggest s;

	cli_suggest_init(&s, name, strlen(name));
	for (c = kn_commands; c->name; c++)
		cli_suggest_consider(&s, c->name);
	kn_buf_printf(&b, "'%s' is not a knockon command", name);
	if (s.n)
		cli_suggest_put(&s, &b, "", '\'');
	else
		kn_buf_puts(&b, "; see 'knockon help'");
	cli_errorf("%s", kn_buf_failed(&b) ? "not a knockon command"
					     : kn_buf_cstr(&b));
	kn_buf_release(&b);
	return EXIT_USAGE;
}

int cli_bad_value(const kn_command *cmd, const char *option, const char *got,
		  const char *const *valid, size_t n)
{
	kn_buf b = KN_BUF_INIT;
	cli_suggest s;
	size_t i;
	int rc;

	cli_suggest_init(&s, got, strlen(got));
	kn_buf_printf(&b, "%s takes ", option);
	for (i = 0; i < n; i++) {
		kn_buf_printf(&b, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ",
			      valid[i]);
		cli_suggest_consider(&s, valid[i]);
	}
	kn_buf_printf(&b, ", got \"%s\"", got);
	cli_suggest_put(&s, &b, "", '"');
	rc = cli_usage_error(cmd, "%s", kn_buf_cstr(&b));
	kn_buf_release(&b);
	return rc;
}
