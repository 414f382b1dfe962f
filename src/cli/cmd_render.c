/* knockon render — draw causal maps (docs/maps.md).  Options only: the
 * maps are built, laid out and written by the library (map.h). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cli_ids.h"
#include "commands.h"
#include "knockon/map.h"

const char cmd_render_options[] =
	"  --view V           signal (default), chain, actor, corpus, timeline,\n"
	"                     exposure or path\n"
	"                     signal, chain: ID... (or --each; an ID may be a\n"
	"                     unique prefix of one); actor: NAME;\n"
	"                     corpus: the signals the filters select; timeline:\n"
	"                     the same (at most 2000, the newest) along a date\n"
	"                     axis, one lane a category, sized by score;\n"
	"                     exposure: NAME, the chains that reach the actor,\n"
	"                     orders as columns (the strongest 30 ways, or\n"
	"                     --limit N); path: FROM TO, the chains from a\n"
	"                     signal or actor to an actor, hop by hop\n"
	"  -T, --format F     dot, svg (default), png or pdf; without -T, a file\n"
	"                     named .svg, .dot, .gv, .png or .pdf sets it\n"
	"  -o, --output PATH  a file (default: standard output), or DIR/ for one\n"
	"                     map per signal, DIR/ID.F (needed for several maps;\n"
	"                     an id over 200 bytes encoded: DIR/sigx-HASH.F)\n"
	"  --each             one map per signal the filters select (-o DIR/);\n"
	"                     a map that fails is reported, the others are\n"
	"                     written, and the exit status is 1; on a terminal,\n"
	"                     stderr shows how many maps are done\n"
	"  -K, --engine E     layout engine: dot, neato, fdp, sfdp, twopi, circo\n"
	"                     (default: dot; neato, or sfdp when big, for corpus)\n"
	"  --id-prefix P      prefix every SVG id with P (several maps on a page)\n"
	"  --scalable         SVG without fixed width and height (viewBox kept)\n"
	"  --min N            corpus: keep actors named by at least N signals\n"
	"  --links            corpus, signal: draw the effect -> actor links too\n"
	"                     (the card's solid, detected ones dashed)\n"
	"  --max-nodes N      corpus, actor: draw at most about N nodes (default\n"
	"                     60; 0: no limit): the most recurrent actors, their\n"
	"                     strongest signals (score x confidence), the rest\n"
	"                     counted per category; the map says what it left out\n"
	"  --dpi N            PNG resolution, 36 to 600 dots per inch (default 144)\n"
	"  --title T          the map's title (\"\" for none)\n"
	"  --no-legend        leave out the legend\n"
	"  --wrap N           wrap labels at N columns (default 30; 0: never)\n"
	CLI_FILTER_HELP;

typedef struct render_job {
	const kn_command *cmd;
	kn_cli *cli;
	kn_map_options o;
	kn_filter f;
	const char *output; /* NULL: stdout */
	int each;
	int format_given; /* -T was on the command line */
	kn_renderer *r;
} render_job;

static int is_dir_path(const char *p)
{
	struct stat sb;
	size_t n = p ? strlen(p) : 0;

	return n > 0 && (p[n - 1] == '/' || (stat(p, &sb) == 0 && S_ISDIR(sb.st_mode)));
}

/* The format a file name asks for by its extension (any case); -1 when
 * it names none of them. */
static int format_of_path(const char *path)
{
	static const struct {
		const char *ext;
		kn_format format;
	} exts[] = { { "svg", KN_FORMAT_SVG }, { "dot", KN_FORMAT_DOT },
		     { "gv", KN_FORMAT_DOT }, { "png", KN_FORMAT_PNG },
		     { "pdf", KN_FORMAT_PDF } };
	const char *dot = strrchr(path, '.');
	size_t i;

	if (!dot || strchr(dot, '/'))
		return -1;
	for (i = 0; i < sizeof exts / sizeof exts[0]; i++)
		if (strcasecmp(dot + 1, exts[i].ext) == 0)
			return (int)exts[i].format;
	return -1;
}

/* Settles the format against the output: -o x.png without -T means PNG
 * (an SVG in a .png file opens as a broken image), -T svg -o x.png is a
 * contradiction, and PNG or PDF bytes on a terminal only garble it.
 * -o DIR/ keeps -T or the default. */
static int settle_format(render_job *j)
{
	int to_stdout = !j->output || strcmp(j->output, "-") == 0;
	int by_name = to_stdout || is_dir_path(j->output) ? -1
			: format_of_path(j->output);

	if (by_name >= 0 && !j->format_given)
		j->o.format = (kn_format)by_name;
	else if (by_name >= 0 && (kn_format)by_name != j->o.format)
		return cli_usage_error(j->cmd, "-T %s contradicts -o %s (a %s file)",
				       kn_format_name(j->o.format), j->output,
				       kn_format_name((kn_format)by_name));
	if (to_stdout && isatty(STDOUT_FILENO) &&
	    (j->o.format == KN_FORMAT_PNG || j->o.format == KN_FORMAT_PDF))
		return cli_usage_error(j->cmd,
				       "a %s map is binary: not written to a terminal; use -o FILE (or a pipe)",
				       kn_format_name(j->o.format));
	return EXIT_OK;
}

/* Renders the map of one id or name to path ("-" for stdout). */
static int render_one(render_job *j, const char *what, const char *path)
{
	kn_map *m = NULL;
	kn_error err;
	kn_status st;

	int note = !j->each && isatty(STDERR_FILENO) &&
		   j->o.view != KN_VIEW_SIGNAL && j->o.view != KN_VIEW_CHAIN;

	kn_error_clear(&err);
	if (j->o.view == KN_VIEW_ACTOR || j->o.view == KN_VIEW_EXPOSURE)
		j->o.actor = what;
	if (note) /* a corpus map can take seconds: say what is going on */
		fprintf(stderr, "rendering the %s map\xe2\x80\xa6", kn_view_name(j->o.view));
	st = kn_map_from_store_for(j->cli->store, &j->o, what, &j->f, &m, &err);
	if (st == KN_OK && j->o.links)
		st = kn_map_load_links(m, j->cli->store, j->o.view == KN_VIEW_CORPUS
				       ? &j->f : NULL, &err);
	if (st == KN_OK)
		st = kn_map_render_file(j->r, m, &j->o, path, &err);
	if (note)
		fputs("\r\033[K", stderr);
	kn_map_close(m);
	if (st != KN_OK) {
		if (!err.source[0] && strcmp(path, "-") != 0) /* which map */
			snprintf(err.source, sizeof err.source, "%s", path);
		cli_error(&err);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

/* The path view: the chains from `from` to `to`. */
static int render_path(render_job *j, const char *from, const char *to)
{
	const char *path = j->output ? j->output : "-";
	kn_map *m = NULL;
	kn_error err;
	kn_status st;

	kn_error_clear(&err);
	st = kn_map_from_path(j->cli->store, from, to, &j->f, &m, &err);
	if (st == KN_OK)
		st = kn_map_render_file(j->r, m, &j->o, path, &err);
	kn_map_close(m);
	if (st != KN_OK) {
		cli_error(&err);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

/* Creates DIR (one level, like git's -o DIR/ options) when it is not
 * there yet; an error is reported when the first map is written. */
static void make_dir(const char *dir)
{
	struct stat sb;

	if (stat(dir, &sb) != 0)
		mkdir(dir, 0777);
}

/* DIR/STEM.EXT, the id encoded so that it cannot leave DIR (and hashed
 * when too long for a file name). */
static int render_into_dir(render_job *j, const char *id)
{
	kn_buf path = KN_BUF_INIT;
	size_t n = strlen(j->output);
	int rc;

	kn_buf_puts(&path, j->output);
	if (n && j->output[n - 1] != '/')
		kn_buf_putc(&path, '/');
	kn_map_file_stem(&path, id);
	kn_buf_printf(&path, ".%s", kn_format_name(j->o.format));
	if (kn_buf_failed(&path)) {
		cli_errorf("out of memory");
		return EXIT_FAIL;
	}
	rc = render_one(j, id, kn_buf_cstr(&path));
	kn_buf_release(&path);
	return rc;
}

typedef struct id_list {
	char **ids;
	size_t n, cap;
} id_list;

static int collect_id(void *ctx, const kn_signal *sig)
{
	id_list *l = ctx;
	char **p;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		p = realloc(l->ids, l->cap * sizeof *p);
		if (!p)
			return 1;
		l->ids = p;
	}
	l->ids[l->n] = strdup(sig->id);
	return l->ids[l->n++] == NULL;
}

/* "rendering 120/1000 maps" on a terminal only, at most a few times a
 * second's worth (every 1%), cleared when done. */
static void progress(size_t done, size_t total)
{
	static int tty = -1;

	if (tty < 0)
		tty = isatty(STDERR_FILENO);
	if (!tty || total < 20)
		return;
	if (done == total)
		fputs("\r\033[K", stderr);
	else if (done % (total / 100 + 1) == 0)
		fprintf(stderr, "\rrendering %zu/%zu maps", done, total);
}

/* --each: every signal the filters select, one file each.  A map that
 * fails is reported and the others are still written. */
static int render_each(render_job *j)
{
	id_list l = { NULL, 0, 0 };
	kn_error err;
	size_t i;
	int rc = EXIT_OK, listed;

	kn_error_clear(&err);
	listed = kn_store_list(j->cli->store, &j->f, collect_id, &l, &err) == KN_OK;
	if (!listed) {
		cli_error(&err);
		rc = EXIT_FAIL;
	}
	for (i = 0; i < l.n; i++) {
		if (listed && l.ids[i] && render_into_dir(j, l.ids[i]) != EXIT_OK)
			rc = EXIT_FAIL;
		free(l.ids[i]);
		progress(i + 1, l.n);
	}
	free(l.ids);
	return rc;
}

/* One operand of the signal, chain or actor view: a signal id (or a
 * unique prefix of one) or an actor name, to -o FILE (or stdout) when
 * alone, else into -o DIR/ under the full id. */
static int render_operand(render_job *j, const char *what, int alone)
{
	char *id = NULL;
	int rc;

	if (j->o.view != KN_VIEW_ACTOR &&
	    !(what = id = cli_resolve_id(j->cli->store, what)))
		return EXIT_FAIL;
	rc = alone ? render_one(j, what, j->output ? j->output : "-")
		   : render_into_dir(j, what);
	free(id);
	return rc;
}

static int run(render_job *j, int argc, char **argv)
{
	int i, rc = EXIT_OK, n = argc - optind;
	int per_signal = j->o.view == KN_VIEW_SIGNAL || j->o.view == KN_VIEW_CHAIN;

	if (j->o.links && j->o.view != KN_VIEW_CORPUS && j->o.view != KN_VIEW_SIGNAL)
		return cli_usage_error(j->cmd, "--links draws on the corpus and signal views only");
	if (j->o.view == KN_VIEW_CORPUS || j->o.view == KN_VIEW_TIMELINE)
		return n ? cli_usage_error(j->cmd, "the %s view takes no operand",
					   kn_view_name(j->o.view))
			 : render_one(j, NULL, j->output ? j->output : "-");
	if (j->o.view == KN_VIEW_EXPOSURE)
		return n != 1 || j->each
		       ? cli_usage_error(j->cmd, "the exposure view takes one actor NAME")
		       : render_one(j, argv[optind], j->output ? j->output : "-");
	if (j->o.view == KN_VIEW_PATH)
		return n != 2 || j->each
		       ? cli_usage_error(j->cmd, "the path view takes FROM (a signal ID or an actor NAME) and TO (an actor NAME)")
		       : render_path(j, argv[optind], argv[optind + 1]);
	if (j->output && is_dir_path(j->output))
		make_dir(j->output);
	if (j->each && (!per_signal || !is_dir_path(j->output)))
		return cli_usage_error(j->cmd, "--each needs --view signal or chain and -o DIR/");
	if (j->each)
		return render_each(j);
	if (n == 0)
		return cli_usage_error(j->cmd, "the %s view needs %s",
				       kn_view_name(j->o.view),
				       per_signal ? "a signal ID (or --each)" : "an actor NAME");
	if (n > 1 && !is_dir_path(j->output))
		return cli_usage_error(j->cmd, "several maps need -o DIR/");
	for (i = optind; i < argc; i++)
		if (render_operand(j, argv[i], n == 1 && !is_dir_path(j->output)))
			rc = EXIT_FAIL;
	return rc;
}

/* The options that are not filters; 1 when handled, -1 on a bad value. */
static int render_option(render_job *j, int c, const char *arg)
{
	long v;

	switch (c) {
	case 'v':
		return kn_view_parse(arg, &j->o.view) ? -1 : 1;
	case 'T':
		j->format_given = 1;
		return kn_format_parse(arg, &j->o.format) ? -1 : 1;
	case 'o':
		j->output = arg;
		return 1;
	case 'K':
		j->o.engine = arg;
		return 1;
	case 'p':
		j->o.id_prefix = arg;
		return 1;
	case 's':
		j->o.scalable = 1;
		return 1;
	case 'm':
		if (cli_parse_long(arg, 0, 1000000, &v))
			return -1;
		j->o.min_count = (int)v;
		return 1;
	case 't':
		j->o.title = arg;
		return 1;
	case 'L':
		j->o.legend = 0;
		return 1;
	case 'w':
		if (cli_parse_long(arg, 0, 200, &v))
			return -1;
		j->o.wrap = (int)v;
		return 1;
	case 'e':
		j->each = 1;
		return 1;
	case 'l':
		j->o.links = 1;
		return 1;
	case 'N':
		if (cli_parse_long(arg, 0, KN_MAP_NODES_LIMIT, &v))
			return -1;
		j->o.max_nodes = (int)v;
		return 1;
	case 'D':
		if (cli_parse_long(arg, 36, 600, &v))
			return -1;
		j->o.dpi = (int)v;
		return 1;
	}
	return 0;
}

/* The usage error of a bad value of option c (its name as typed: -T or
 * --format); the enumerations list what they take. */
static int bad_value(render_job *j, int c, const char *arg, char **argv)
{
	const char *typed = optind >= 2 && argv[optind - 1] == arg
			    ? argv[optind - 2] : argv[optind - 1];
	const char *names[8];
	size_t n = 0;

	if (c == 'v') {
		while (n < 8 && strcmp(kn_view_name((kn_view)n), "?") != 0) {
			names[n] = kn_view_name((kn_view)n);
			n++;
		}
		return cli_bad_value(j->cmd, "--view", arg, names, n);
	}
	if (c == 'T') {
		while (n < 8 && strcmp(kn_format_name((kn_format)n), "?") != 0) {
			names[n] = kn_format_name((kn_format)n);
			n++;
		}
		return cli_bad_value(j->cmd, typed[1] == '-' ? "--format" : "-T",
				     arg, names, n);
	}
	if (c == 'w')
		return cli_usage_error(j->cmd, "--wrap takes an integer from 0 to "
				       "200, got \"%s\"", arg);
	if (c == 'N')
		return cli_usage_error(j->cmd, "--max-nodes takes an integer from 0 "
				       "to %d, got \"%s\"", KN_MAP_NODES_LIMIT, arg);
	if (c == 'D')
		return cli_usage_error(j->cmd, "--dpi takes an integer from 36 to "
				       "600, got \"%s\"", arg);
	return cli_usage_error(j->cmd, "--min takes a non-negative integer, "
			       "got \"%s\"", arg);
}

static int parse_options(render_job *j, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "view", required_argument, NULL, 'v' },
		{ "format", required_argument, NULL, 'T' },
		{ "output", required_argument, NULL, 'o' },
		{ "engine", required_argument, NULL, 'K' },
		{ "id-prefix", required_argument, NULL, 'p' },
		{ "scalable", no_argument, NULL, 's' },
		{ "min", required_argument, NULL, 'm' },
		{ "title", required_argument, NULL, 't' },
		{ "no-legend", no_argument, NULL, 'L' },
		{ "wrap", required_argument, NULL, 'w' },
		{ "each", no_argument, NULL, 'e' },
		{ "links", no_argument, NULL, 'l' },
		{ "max-nodes", required_argument, NULL, 'N' },
		{ "dpi", required_argument, NULL, 'D' },
		CLI_FILTER_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	int c, index, got;

	while ((c = cli_getopt(argc, argv, "T:o:K:", opts, &index)) != -1) {
		if (c == 0) {
			got = cli_filter_option(j->cmd, opts[index].name, optarg, &j->f);
			if (got != 1)
				return EXIT_USAGE;
			continue;
		}
		got = render_option(j, c, optarg);
		if (got == 0)
			return cli_bad_option(j->cmd, c, argv);
		if (got < 0)
			return bad_value(j, c, optarg, argv);
	}
	return EXIT_OK;
}

int cmd_render(int argc, char **argv, kn_cli *cli)
{
	render_job j;
	kn_error err;
	int rc;

	memset(&j, 0, sizeof j);
	j.cmd = cli_find_command("render");
	j.cli = cli;
	kn_map_options_init(&j.o);
	kn_filter_init(&j.f);
	rc = parse_options(&j, argc, argv);
	if (rc == EXIT_OK)
		rc = settle_format(&j);
	if (rc != EXIT_OK)
		return rc;
	kn_error_clear(&err);
	j.o.actor = j.o.view == KN_VIEW_ACTOR || j.o.view == KN_VIEW_EXPOSURE
		    ? "?" : NULL; /* checked per map */
	if (kn_map_options_check(&j.o, &err) != KN_OK ||
	    kn_filter_check(&j.f, &err) != KN_OK)
		return cli_usage_error(j.cmd, "%s", err.message);
	if (kn_renderer_open(&j.r, &err) != KN_OK) {
		cli_error(&err);
		return EXIT_FAIL;
	}
	rc = run(&j, argc, argv);
	kn_renderer_close(j.r);
	return rc;
}
