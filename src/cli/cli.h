/* knockon command line — what the commands share.  Nothing in src/cli
 * knows SQL or cgraph: commands parse options and call the library. */
#ifndef KN_CLI_H
#define KN_CLI_H

#include <stdio.h>

#include "knockon/buf.h"
#include "knockon/error.h"
#include "knockon/format.h"
#include "knockon/reader.h"
#include "knockon/store.h"

/* Exit statuses (README: 0 ok, 1 failure, 2 usage error). */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* Command flags: what main() sets up before calling the command. */
enum {
	CMD_OPENS_DB = 1u << 0, /* open the corpus (read-only unless CMD_WRITES) */
	CMD_WRITES = 1u << 1,   /* the command writes to the corpus */
	CMD_RENDERS = 1u << 2,  /* lays out maps: set up their font first */
	/* finishes a bulk load left undone, or reports it: no warning */
	CMD_FINISHES_LOADS = 1u << 3,
};

typedef struct kn_cli {
	const char *db_path; /* --db, $KNOCKON_DB or ./knockon.db */
	kn_store *store;     /* open when the command has CMD_OPENS_DB */
} kn_cli;

/* A command: argv[0] is its name, options and operands follow.  Returns an
 * exit status. */
typedef int (*kn_cmd_fn)(int argc, char **argv, kn_cli *cli);

typedef struct kn_command {
	const char *name;
	kn_cmd_fn run;
	unsigned flags;
	const char *args;    /* operand synopsis, e.g. "FILE..." */
	const char *summary; /* one line for "knockon help" */
	const char *options; /* the option lines of "knockon help NAME" */
	const char *examples; /* invocations that run as written on the
				 samples, one a line, after "examples:" */
} kn_command;

/* The command table (commands.c), ended by a zeroed entry. */
extern const kn_command kn_commands[];
const kn_command *cli_find_command(const char *name);

/* Prints "usage: knockon NAME ARGS" and the options of cmd to fp. */
void cli_print_usage(FILE *fp, const kn_command *cmd);

/* Messages to stderr, prefixed "knockon: ", control characters escaped. */
void cli_error(const kn_error *err);
void cli_errorf(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;
/* A usage error for cmd: prints the message and a hint; returns EXIT_USAGE. */
int cli_usage_error(const kn_command *cmd, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* Output formats of the listing commands are the library's result shapes
 * (knockon/format.h): kn_out_format_parse reads --format. */
/* The usage error of a bad --format value. */
#define CLI_FORMAT_ERROR "--format takes table, json, csv or csv-raw, got \"%s\""
/* The --help line of --format for the listing commands. */
#define CLI_CSV_HELP \
	"                     csv: a text cell starting with = + - @, tab or CR\n" \
	"                     gets a leading ' so no spreadsheet runs it as a\n"   \
	"                     formula; csv-raw: CSV with such cells as they are\n"

/* The options of a listing command's output: fmt, and --bom (a usage
 * error, returned, unless fmt is csv or csv-raw); a table is cut to the
 * terminal's width when stdout is a terminal ($COLUMNS, else the
 * terminal's own, else 80).  Returns EXIT_OK or EXIT_USAGE. */
int cli_format_opts(const kn_command *cmd, kn_out_format fmt, int bom,
		    kn_format_opts *o);
#define CLI_BOM_HELP \
	"  --bom              csv, csv-raw: begin with a UTF-8 byte-order mark\n" \
	"                     (for spreadsheets that need it to read UTF-8)\n"
#define CLI_TABLE_HELP \
	"                     a table on a terminal is cut to its width\n"

/* getopt_long with the command's own error messages: returns ':' for an
 * option missing its value and '?' for an unknown one (pass either to
 * cli_bad_option), getopt printing nothing.  It remembers the table, so
 * that cli_bad_option can suggest the option meant.  A command that
 * opens the corpus (CMD_OPENS_DB) has it opened when cli_getopt returns
 * -1, so a bad option never creates or needs a corpus; every such
 * command parses its options with cli_getopt.  When the corpus cannot
 * be opened, cli_getopt reports why and returns '!': pass that to
 * cli_bad_option too, which then prints nothing and returns the exit
 * status. */
struct option;
int cli_getopt(int argc, char **argv, const char *shorts,
	       const struct option *longs, int *index);
/* The usage error for what cli_getopt returned as c (':' or '?'), naming
 * the option actually at fault, e.g. "unknown option '-r'". */
int cli_bad_option(const kn_command *cmd, int c, char **argv);

/* main(): the corpus of cli->db_path is opened by cli_getopt (above),
 * read-only unless flags has CMD_WRITES; cli->store stays NULL until. */
void cli_open_corpus_later(kn_cli *cli, unsigned flags);
/* For a CMD_WRITES command whose options decide whether this run writes
 * (links --list, alias --list): call it in the option loop, before
 * cli_getopt returns -1; writes 0 opens the corpus read-only, as the
 * read commands do, so that listing works on a corpus this user cannot
 * write.  The last call wins. */
void cli_corpus_writes(int writes);
/* The number of operands a command takes, as its options leave it:
 * with fewer than min or more than max, cli_getopt leaves the corpus
 * closed (cli->store NULL), so that the usage error the command then
 * gives never creates or locks one.  Call it before the option loop or
 * in it; the last call wins.  Default: any number. */
void cli_corpus_operands(int min, int max);

/* ---- "did you mean" (cli_suggest.c) ---- */

/* Bytes of a word compared at most: a longer word is never near a name. */
#define CLI_SUGGEST_MAX 64
#define CLI_SUGGEST_HITS 3 /* names suggested at most */

typedef struct cli_suggest {
	const char *word;
	size_t len;
	unsigned best; /* the distance of hits */
	const char *hits[CLI_SUGGEST_HITS];
	size_t n;
} cli_suggest;

/* Optimal string alignment distance (Damerau-Levenshtein, a swap of
 * neighbours is one edit), ASCII case ignored; (unsigned)-1 when either
 * is longer than CLI_SUGGEST_MAX. */
unsigned cli_edit_distance(const char *a, size_t na, const char *b, size_t nb);
/* Collects the names nearest word[0..len): consider each candidate, then
 * cli_suggest_put appends "; did you mean 'a' or 'b'?" (prefix before
 * each name, quote around it), nothing when none is near enough. */
void cli_suggest_init(cli_suggest *s, const char *word, size_t len);
void cli_suggest_consider(cli_suggest *s, const char *name);
void cli_suggest_put(const cli_suggest *s, kn_buf *b, const char *prefix,
		     char quote);

/* "knockon: 'x' is not a knockon command; did you mean 'y'?" (or "see
 * 'knockon help'"); returns EXIT_USAGE. */
int cli_unknown_command(const char *name);
/* The usage error of a value that is none of valid[0..n): "OPTION takes
 * a, b or c, got \"x\"", with the nearest one suggested. */
int cli_bad_value(const kn_command *cmd, const char *option, const char *got,
		  const char *const *valid, size_t n);

/* The shared corpus filter options.  Call from a getopt_long loop with the
 * option's long name and optarg; returns 1 when it was a filter option, 0
 * when not, -1 (after printing a usage error) when its value is bad. */
int cli_filter_option(const kn_command *cmd, const char *name,
		      const char *value, kn_filter *f);
/* getopt_long entries for the filters, to splice into a command's table:
 * --since --until --category --actor --min-score --limit. */
#define CLI_FILTER_LONG_OPTIONS                                   \
	{ "since", required_argument, NULL, 0 },                  \
	{ "until", required_argument, NULL, 0 },                  \
	{ "category", required_argument, NULL, 0 },               \
	{ "actor", required_argument, NULL, 0 },                  \
	{ "min-score", required_argument, NULL, 0 },              \
	{ "limit", required_argument, NULL, 0 }
#define CLI_FILTER_HELP                                                      \
	"  --since DATE       signals published on or after DATE (YYYY[-MM[-DD]])\n" \
	"  --until DATE       signals published on or before DATE (the whole day)\n" \
	"  --category C       signals of category C (case-insensitive); repeat\n"  \
	"                     for any of several (at most 64)\n"                    \
	"  --actor NAME       signals naming NAME as a winner or loser (its\n"      \
	"                     aliases too); repeat for any of several (at most 64)\n" \
	"  --min-score N      signals with a score of at least N (0-100)\n"         \
	"  --limit N          at most N rows\n"

/* A reader over the FILE operands argv[first..argc); prints the error and
 * returns NULL when none could be set up (out of memory).  Close it with
 * kn_reader_close. */
kn_reader *cli_open_reader(int argc, char **argv, int first);

/* The output of a command: writes b to stdout and returns EXIT_OK, or
 * says "out of memory" and returns EXIT_FAIL when b failed (or st is not
 * KN_OK).  Releases b either way. */
int cli_output(kn_buf *b, kn_status st);

/* Parses a whole non-negative decimal number into *out; -1 when s is not. */
int cli_parse_long(const char *s, long min, long max, long *out);

/* Parses --decay's value, a plain decimal number from 0 to 1, into *out;
 * anything else is a usage error of cmd (printed) and -1. */
int cli_parse_decay(const kn_command *cmd, const char *s, double *out);

/* Writes s to fp with control and bidi characters escaped (for a terminal
 * or a table); newlines kept when allow_newline. */
void cli_put_printable(FILE *fp, const char *s, int allow_newline);

#endif
