/* knockon show ID — one signal. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "cli_ids.h"
#include "commands.h"
#include "knockon/buf.h"
#include "knockon/format.h"
#include "knockon/json.h"

const char cmd_show_options[] =
	"  --format F         table (default: a readable card), json, csv or\n"
	"                     csv-raw\n"
	CLI_CSV_HELP
	CLI_BOM_HELP
	"  ID may be a unique prefix of a signal id (an exact id always wins)\n";

static void field(const char *name, const char *value)
{
	if (!value)
		return;
	printf("%-11s ", name);
	cli_put_printable(stdout, value, 0);
	putchar('\n');
}

static void number(const char *name, int v)
{
	if (v != KN_ABSENT)
		printf("%-11s %d\n", name, v);
}

static void actors(const char *name, const kn_actor_ref *a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		printf("%-11s ", i ? "" : name);
		cli_put_printable(stdout, a[i].name, 0);
		if (a[i].note) {
			fputs(" (", stdout);
			cli_put_printable(stdout, a[i].note, 0);
			putchar(')');
		}
		putchar('\n');
	}
}

/* "reaches Nvidia (loser), AMD (named: also hit)" under an effect that
 * names its actors. */
static void effect_actors(const kn_effect *e)
{
	size_t k;

	for (k = 0; k < e->n_actors; k++) {
		fputs(k ? ", " : "              reaches ", stdout);
		cli_put_printable(stdout, e->actors[k].name, 0);
		printf(" (%s", kn_effect_role_name(e->actors[k].role));
		if (e->actors[k].note) {
			fputs(": ", stdout);
			cli_put_printable(stdout, e->actors[k].note, 0);
		}
		putchar(')');
	}
	if (e->n_actors)
		putchar('\n');
}

static void show_card(const kn_signal *s)
{
	size_t i, k;

	field("id", s->id);
	field("title", s->title);
	field("summary", s->summary);
	field("category", s->category);
	field("published", s->published);
	number("score", s->score);
	field("horizon", s->horizon);
	field("why now", s->why_now);
	field("important", s->why_important);
	field("changes", s->why_changes);
	actors("winners", s->winners, s->n_winners);
	actors("losers", s->losers, s->n_losers);
	for (i = 0; i < s->n_effects; i++) {
		const kn_effect *e = &s->effects[i];

		printf("%-11s ", i ? "" : "effects");
		cli_put_printable(stdout, e->id, 0);
		printf(" [order %d", e->order);
		for (k = 0; k < e->n_causes; k++) {
			fputs(k ? ", " : "; from ", stdout);
			cli_put_printable(stdout, e->causes[k], 0);
		}
		fputs("] ", stdout);
		cli_put_printable(stdout, e->text, 0);
		putchar('\n');
		effect_actors(e);
	}
	number("confidence", s->confidence);
	number("impact", s->impact);
	field("publisher", s->publisher);
	field("section", s->section);
	field("url", s->url);
	field("feed", s->feed);
}

static kn_status show_csv(const kn_signal *s, const kn_format_opts *fo,
			  kn_buf *out)
{
	static const char *const header[] = { "id", "published", "score",
		"category", "horizon", "title", "confidence", "impact" };
	char score[8], conf[8], impact[8];
	const char *row[8];
	kn_table *t = kn_table_new(8, header);
	kn_status st;

	kn_table_number(t, 2);
	kn_table_number(t, 6);
	kn_table_number(t, 7);

	snprintf(score, sizeof score, "%d", s->score);
	snprintf(conf, sizeof conf, "%d", s->confidence);
	snprintf(impact, sizeof impact, "%d", s->impact);
	row[0] = s->id;
	row[1] = s->published;
	row[2] = s->score == KN_ABSENT ? "" : score;
	row[3] = s->category;
	row[4] = s->horizon;
	row[5] = s->title;
	row[6] = s->confidence == KN_ABSENT ? "" : conf;
	row[7] = s->impact == KN_ABSENT ? "" : impact;
	kn_table_add(t, row);
	st = kn_table_write_opts(t, fo, out);
	kn_table_free(t);
	return st;
}

int cmd_show(int argc, char **argv, kn_cli *cli)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "bom", no_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 }
	};
	const kn_command *cmd = cli_find_command("show");
	kn_out_format format = KN_OUT_TABLE;
	kn_format_opts fo;
	kn_signal sig;
	kn_error err;
	kn_buf out = KN_BUF_INIT;
	kn_status st = KN_OK;
	char *id;
	int c, bom = 0;

	cli_corpus_operands(1, 1);
	while ((c = cli_getopt(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'b')
			bom = 1;
		else if (c != 'f')
			return cli_bad_option(cmd, c, argv);
		else if (kn_out_format_parse(optarg, &format))
			return cli_usage_error(cmd, CLI_FORMAT_ERROR, optarg);
	}
	if (argc - optind != 1)
		return cli_usage_error(cmd, "give exactly one signal ID");
	if (cli_format_opts(cmd, format, bom, &fo) != EXIT_OK)
		return EXIT_USAGE;
	if (!(id = cli_resolve_id(cli->store, argv[optind])))
		return EXIT_FAIL;
	kn_signal_init(&sig);
	kn_error_clear(&err);
	st = kn_store_get(cli->store, id, &sig, &err);
	free(id);
	if (st) {
		cli_error(&err);
		return EXIT_FAIL;
	}
	if (format == KN_OUT_JSON) {
		kn_signal_write_json(&sig, &out);
		kn_buf_putc(&out, '\n');
	} else if (format != KN_OUT_TABLE) {
		st = show_csv(&sig, &fo, &out);
	} else {
		show_card(&sig);
	}
	kn_signal_release(&sig);
	return cli_output(&out, st);
}
