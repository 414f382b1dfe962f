/* What the commands share: messages, options, output. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "knockon/buf.h"
#include "knockon/text.h"

void cli_print_usage(FILE *fp, const kn_command *cmd)
{
	const char *e;
	size_t n;

	fprintf(fp, "usage: knockon [--db PATH] %s%s%s\n\n%s.\n", cmd->name,
		cmd->args[0] ? " [OPTIONS] " : " [OPTIONS]", cmd->args,
		cmd->summary);
	if (cmd->options && cmd->options[0])
		fprintf(fp, "\noptions:\n%s", cmd->options);
	if (!cmd->examples || !cmd->examples[0])
		return;
	fputs("\nexamples:\n", fp);
	for (e = cmd->examples; *e; e += n + (e[n] == '\n')) {
		n = strcspn(e, "\n");
		fprintf(fp, "  %.*s\n", (int)n, e);
	}
}

void cli_put_printable(FILE *fp, const char *s, int allow_newline)
{
	kn_buf b = KN_BUF_INIT;

	kn_buf_put_printable(&b, s, allow_newline);
	fputs(kn_buf_cstr(&b), fp);
	kn_buf_release(&b);
}

void cli_error(const kn_error *err)
{
	char line[2048];

	fputs("knockon: ", stderr);
	cli_put_printable(stderr, kn_error_format(err, line, sizeof line), 0);
	fputc('\n', stderr);
}

void cli_errorf(const char *fmt, ...)
{
	kn_buf b = KN_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	kn_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	fputs("knockon: ", stderr);
	cli_put_printable(stderr, kn_buf_cstr(&b), 0);
	fputc('\n', stderr);
	kn_buf_release(&b);
}

int cli_usage_error(const kn_command *cmd, const char *fmt, ...)
{
	kn_buf b = KN_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	kn_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (!cmd) { /* knockon's own options, before the command */
		fputs("knockon: ", stderr);
		cli_put_printable(stderr, kn_buf_cstr(&b), 0);
		fputs("\nusage: knockon [--db PATH] COMMAND [OPTIONS] [ARGS] "
		      "(see 'knockon help')\n", stderr);
		kn_buf_release(&b);
		return EXIT_USAGE;
	}
	fprintf(stderr, "knockon %s: ", cmd->name);
	cli_put_printable(stderr, kn_buf_cstr(&b), 0);
	fprintf(stderr, "\nusage: knockon %s [OPTIONS] %s%s(see 'knockon help %s')\n",
		cmd->name, cmd->args, *cmd->args ? " " : "", cmd->name);
	kn_buf_release(&b);
	return EXIT_USAGE;
}

kn_reader *cli_open_reader(int argc, char **argv, int first)
{
	kn_reader *r = NULL;
	kn_error err;
	int i;

	kn_error_clear(&err);
	if (kn_reader_open(&r, &err) == KN_OK)
		for (i = first; i < argc; i++)
			if (kn_reader_add(r, argv[i], &err) != KN_OK) {
				kn_reader_close(r);
				r = NULL;
				break;
			}
	if (!r)
		cli_error(&err);
	return r;
}


int cli_output(kn_buf *b, kn_status st)
{
	int rc = EXIT_OK;

	if (st != KN_OK || kn_buf_failed(b)) {
		cli_errorf("out of memory");
		rc = EXIT_FAIL;
	} else {
		fwrite(b->data ? b->data : "", 1, b->len, stdout);
	}
	kn_buf_release(b);
	return rc;
}

int cli_parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (!s[0] || s[0] == '+' || s[0] == ' ')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int cli_parse_decay(const kn_command *cmd, const char *s, double *out)
{
	size_t digits = strspn(s, "0123456789"), dot = s[digits] == '.';
	size_t frac = dot ? strspn(s + digits + 1, "0123456789") : 0;
	double v;

	/* plain decimal only: no sign, space, exponent, hex, inf or nan */
	if (digits + frac == 0 || s[digits + dot + frac] ||
	    (v = strtod(s, NULL)) > 1) {
		cli_usage_error(cmd, "--decay takes a number from 0 to 1, got \"%s\"", s);
		return -1;
	}
	*out = v;
	return 0;
}
