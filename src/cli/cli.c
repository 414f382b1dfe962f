/* What the commands share: messages, options, tabular output. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "knockon/buf.h"
#include "knockon/json.h"
#include "knockon/text.h"

void cli_print_usage(FILE *fp, const kn_command *cmd)
{
	fprintf(fp, "usage: knockon [--db PATH] %s%s%s\n\n%s.\n", cmd->name,
		cmd->args[0] ? " [OPTIONS] " : " [OPTIONS]", cmd->args,
		cmd->summary);
	if (cmd->options && cmd->options[0])
		fprintf(fp, "\noptions:\n%s", cmd->options);
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
	fprintf(stderr, "knockon %s: ", cmd->name);
	cli_put_printable(stderr, kn_buf_cstr(&b), 0);
	fprintf(stderr, "\nusage: knockon %s [OPTIONS] %s (see 'knockon help %s')\n",
		cmd->name, cmd->args, cmd->name);
	kn_buf_release(&b);
	return EXIT_USAGE;
}

int cli_parse_format(const char *s, cli_format *out)
{
	if (strcmp(s, "table") == 0)
		*out = CLI_TABLE;
	else if (strcmp(s, "json") == 0)
		*out = CLI_JSON;
	else if (strcmp(s, "csv") == 0)
		*out = CLI_CSV;
	else if (strcmp(s, "csv-raw") == 0)
		*out = CLI_CSV_RAW;
	else
		return -1;
	return 0;
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

int cli_bad_option(const kn_command *cmd, int c, char **argv)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "";

	if (optopt && !(arg[0] == '-' && arg[1] == '-')) {
		if (c == ':')
			return cli_usage_error(cmd, "option '-%c' needs a value", optopt);
		return cli_usage_error(cmd, "unknown option '-%c'", optopt);
	}
	if (c == ':')
		return cli_usage_error(cmd, "option '%s' needs a value", arg);
	if (optopt && strchr(arg, '=')) /* a known long option given a value */
		return cli_usage_error(cmd, "option '%.*s' takes no value",
				       (int)(strchr(arg, '=') - arg), arg);
	return cli_usage_error(cmd, "unknown option '%s'", arg);
}

int cli_getopt(int argc, char **argv, const char *shorts,
	       const struct option *longs, int *index)
{
	char spec[32] = ":";

	opterr = 0; /* the command says what was wrong (cli_bad_option) */
	strncat(spec, shorts, sizeof spec - 2);
	return getopt_long(argc, argv, spec, longs, index);
}

/* Writes v the way jansson's json_dumps would (", " and ": " between
 * items, keys in insertion order), every string through the library's one
 * JSON string writer, so controls and bidi characters leave escaped. */
static void put_json(kn_buf *b, json_t *v)
{
	const char *key;
	json_t *item;
	size_t i, first = 1;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		kn_buf_putc(b, '{');
		json_object_foreach(v, key, item) {
			kn_buf_puts(b, first ? "" : ", ");
			first = 0;
			kn_json_put_string(b, key, strlen(key));
			kn_buf_puts(b, ": ");
			put_json(b, item);
		}
		kn_buf_putc(b, '}');
		break;
	case JSON_ARRAY:
		kn_buf_putc(b, '[');
		json_array_foreach(v, i, item) {
			kn_buf_puts(b, i ? ", " : "");
			put_json(b, item);
		}
		kn_buf_putc(b, ']');
		break;
	case JSON_STRING:
		kn_json_put_string(b, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		kn_buf_printf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		break;
	case JSON_REAL:
		kn_buf_printf(b, "%.17g", json_real_value(v));
		break;
	case JSON_TRUE:
		kn_buf_puts(b, "true");
		break;
	case JSON_FALSE:
		kn_buf_puts(b, "false");
		break;
	default:
		kn_buf_puts(b, "null");
	}
}

int cli_json_array_item(json_t *o, size_t i, size_t n)
{
	kn_buf b = KN_BUF_INIT;
	int rc = 0;

	if (!o)
		return -1;
	put_json(&b, o);
	json_decref(o);
	if (kn_buf_failed(&b))
		rc = -1;
	else
		printf("%s%s%s\n", i == 0 ? "[\n" : "", kn_buf_cstr(&b),
		       i + 1 < n ? "," : "\n]");
	kn_buf_release(&b);
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

int cli_filter_option(const kn_command *cmd, const char *name,
		      const char *value, kn_filter *f)
{
	kn_error err;
	long v;

	if (strcmp(name, "since") == 0)
		f->since = value;
	else if (strcmp(name, "until") == 0)
		f->until = value;
	else if (strcmp(name, "category") == 0)
		f->category = value;
	else if (strcmp(name, "min-score") == 0) {
		if (cli_parse_long(value, 0, 100, &v)) {
			cli_usage_error(cmd, "--min-score takes an integer from 0 to 100, got \"%s\"",
					value);
			return -1;
		}
		f->min_score = (int)v;
	} else if (strcmp(name, "limit") == 0) {
		if (cli_parse_long(value, 1, 1000000000L, &v)) {
			cli_usage_error(cmd, "--limit takes a positive integer, got \"%s\"",
					value);
			return -1;
		}
		f->limit = v;
	} else {
		return 0;
	}
	kn_error_clear(&err);
	if ((strcmp(name, "since") == 0 || strcmp(name, "until") == 0) &&
	    kn_filter_check(f, &err)) {
		cli_usage_error(cmd, "%s", err.message);
		return -1;
	}
	return 1;
}

struct cli_table {
	size_t ncols;
	size_t nrows; /* including the header */
	char **cells; /* nrows * ncols */
	unsigned char *number; /* columns of numbers */
	int failed;
};

cli_table *cli_table_new(size_t ncols, const char *const *header)
{
	cli_table *t = calloc(1, sizeof *t);

	if (!t)
		return NULL;
	t->ncols = ncols;
	t->number = calloc(ncols, 1);
	if (!t->number) {
		free(t);
		return NULL;
	}
	cli_table_add(t, header);
	return t;
}

void cli_table_number(cli_table *t, size_t col)
{
	if (t && col < t->ncols)
		t->number[col] = 1;
}

void cli_table_add(cli_table *t, const char *const *cells)
{
	char **grown;
	size_t i, base;

	if (!t || t->failed)
		return;
	grown = realloc(t->cells, (t->nrows + 1) * t->ncols * sizeof *grown);
	if (!grown) {
		t->failed = 1;
		return;
	}
	t->cells = grown;
	base = t->nrows * t->ncols;
	for (i = 0; i < t->ncols; i++) {
		t->cells[base + i] = strdup(cells[i] ? cells[i] : "");
		if (!t->cells[base + i])
			t->failed = 1;
	}
	t->nrows++;
}

/* A whole integer, as the numeric columns hold: "-5" there is a number,
 * not a formula. */
static int is_number(const char *s)
{
	if (*s == '-')
		s++;
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* The one CSV cell writer.  Card text is untrusted: control and bidi
 * characters are escaped as in tables, so a CSV piped to a terminal cannot
 * drive it; and unless raw, a text cell a spreadsheet would read as a
 * formula (one starting with = + - @, a tab or a carriage return) is
 * prefixed with ' and quoted, as OWASP advises.  A cell holding , " or a
 * line break is quoted, with " doubled (RFC 4180). */
static void put_csv_cell(FILE *fp, const char *raw, int number, int is_raw)
{
	kn_buf b = KN_BUF_INIT;
	const char *s;
	int formula;

	kn_buf_put_printable(&b, raw, 1);
	s = kn_buf_cstr(&b);
	formula = !is_raw && (strchr("=+-@\t\r", raw[0]) || strchr("=+-@\t\r", s[0])) &&
		  raw[0] && !(number && is_number(s));
	if (!formula && !strpbrk(s, ",\"\r\n")) {
		fputs(s, fp);
		kn_buf_release(&b);
		return;
	}
	fputs(formula ? "\"'" : "\"", fp);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
	kn_buf_release(&b);
}

/* A cell as it shows in a terminal: escaped, on one line. */
static char *printable_cell(const char *s)
{
	kn_buf b = KN_BUF_INIT;

	kn_buf_put_printable(&b, s, 0);
	return kn_buf_detach(&b, NULL);
}

static int print_aligned(cli_table *t, FILE *fp)
{
	size_t *width = calloc(t->ncols, sizeof *width), r, c, n = t->nrows * t->ncols;
	char **shown = calloc(n ? n : 1, sizeof *shown);
	int rc = 0;

	if (!width || !shown)
		rc = -1;
	for (r = 0; !rc && r < n; r++) {
		shown[r] = printable_cell(t->cells[r]);
		if (!shown[r])
			rc = -1;
		else if (kn_display_width(shown[r]) > width[r % t->ncols])
			width[r % t->ncols] = kn_display_width(shown[r]);
	}
	for (r = 0; !rc && r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			const char *s = shown[r * t->ncols + c];
			size_t pad = width[c] - kn_display_width(s);
			int last = c + 1 == t->ncols;

			if (t->number[c])
				fprintf(fp, "%*s", (int)pad, "");
			fputs(s, fp);
			if (!t->number[c] && !last)
				fprintf(fp, "%*s", (int)pad, "");
			fputs(last ? "\n" : "  ", fp);
		}
	}
	for (r = 0; shown && r < n; r++)
		free(shown[r]);
	free(shown);
	free(width);
	return rc;
}

int cli_table_print(cli_table *t, FILE *fp, cli_format fmt)
{
	size_t r, c;

	if (!t || t->failed)
		return -1;
	if (fmt != CLI_CSV && fmt != CLI_CSV_RAW)
		return print_aligned(t, fp);
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			if (c)
				fputc(',', fp);
			put_csv_cell(fp, t->cells[r * t->ncols + c],
				     r > 0 && t->number[c], fmt == CLI_CSV_RAW);
		}
		fputs("\r\n", fp);
	}
	return 0;
}

void cli_table_free(cli_table *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->number);
	free(t);
}
