/* Unit tests for the pasted-card parser (docs/format.md). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "knockon/card.h"

#define MAX_GOT 8

/* What kn_card_parse handed to its emit callback. */
typedef struct got {
	size_t n;
	size_t calls;
	kn_status status[MAX_GOT];
	kn_signal sig[MAX_GOT];
	kn_error err[MAX_GOT];
	kn_status stop_with; /* returned by the callback */
} got;

static kn_status collect(void *ctx, kn_status status, kn_signal *sig,
			 const kn_error *err)
{
	got *g = ctx;

	g->calls++;
	if (g->n == MAX_GOT)
		return g->stop_with;
	g->status[g->n] = status;
	kn_signal_init(&g->sig[g->n]);
	memset(&g->err[g->n], 0, sizeof g->err[g->n]);
	if (status == KN_OK) {
		g->sig[g->n] = *sig; /* take the contents */
		kn_signal_init(sig);
	} else {
		assert_non_null(err);
		g->err[g->n] = *err;
		assert_null(sig->title); /* never a half-filled signal */
		assert_int_equal(sig->n_effects, 0);
	}
	g->n++;
	return g->stop_with;
}

static void got_release(got *g)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		kn_signal_release(&g->sig[i]);
	memset(g, 0, sizeof *g);
}

static kn_status parse_mem(const char *text, size_t len, got *g)
{
	memset(g, 0, sizeof *g);
	return kn_card_parse(text, len, "test.txt", collect, g);
}

static kn_status parse_str(const char *text, got *g)
{
	return parse_mem(text, strlen(text), g);
}

static char *read_fixture(const char *name, size_t *len)
{
	const char *root = getenv("KN_SOURCE_DIR");
	char path[1024];
	FILE *f;
	char *buf;
	long size;

	snprintf(path, sizeof path, "%s/tests/data/cards/%s",
		 root ? root : "../..", name);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	size = ftell(f);
	assert_true(size >= 0);
	rewind(f);
	buf = malloc((size_t)size + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)size, f), (size_t)size);
	buf[size] = '\0';
	fclose(f);
	*len = (size_t)size;
	return buf;
}

static kn_status parse_fixture(const char *name, got *g)
{
	size_t len;
	char *text = read_fixture(name, &len);
	kn_status st;

	memset(g, 0, sizeof *g);
	st = kn_card_parse(text, len, name, collect, g);
	free(text);
	return st;
}

/* Parses text that must hold exactly one good card. */
static kn_signal *one_card(const char *text, size_t len, got *g)
{
	assert_int_equal(parse_mem(text, len, g), KN_OK);
	if (g->n != 1 || g->status[0] != KN_OK)
		fail_msg("expected one card, got %zu (first: %s)", g->n,
			 g->n ? g->err[0].message : "-");
	return &g->sig[0];
}

#define assert_str(actual, expected)                                        \
	do {                                                                \
		const char *a_ = (actual), *e_ = (expected);                \
		if (!e_)                                                    \
			assert_null(a_);                                    \
		else if (!a_)                                               \
			fail_msg("%s is NULL, expected \"%s\"", #actual, e_); \
		else                                                        \
			assert_string_equal(a_, e_);                        \
	} while (0)

static void assert_actor(const kn_actor_ref *a, const char *name,
			 const char *note)
{
	assert_str(a->name, name);
	assert_str(a->note, note);
}

static void assert_effect(const kn_effect *e, const char *id, int order,
			  const char *text)
{
	assert_str(e->id, id);
	assert_int_equal(e->order, order);
	assert_str(e->text, text);
}

static void assert_same_signal(const kn_signal *a, const kn_signal *b)
{
	size_t i;

	assert_str(a->id, b->id);
	assert_str(a->feed, b->feed);
	assert_str(a->kind, b->kind);
	assert_str(a->category, b->category);
	assert_str(a->published, b->published);
	assert_int_equal(a->score, b->score);
	assert_str(a->horizon, b->horizon);
	assert_str(a->title, b->title);
	assert_str(a->summary, b->summary);
	assert_str(a->why_now, b->why_now);
	assert_str(a->why_important, b->why_important);
	assert_str(a->why_changes, b->why_changes);
	assert_int_equal(a->n_winners, b->n_winners);
	for (i = 0; i < a->n_winners; i++)
		assert_actor(&a->winners[i], b->winners[i].name,
			     b->winners[i].note);
	assert_int_equal(a->n_losers, b->n_losers);
	for (i = 0; i < a->n_losers; i++)
		assert_actor(&a->losers[i], b->losers[i].name, b->losers[i].note);
	assert_int_equal(a->n_effects, b->n_effects);
	for (i = 0; i < a->n_effects; i++)
		assert_effect(&a->effects[i], b->effects[i].id,
			      b->effects[i].order, b->effects[i].text);
	assert_int_equal(a->confidence, b->confidence);
	assert_int_equal(a->impact, b->impact);
	assert_str(a->publisher, b->publisher);
	assert_str(a->section, b->section);
	assert_str(a->url, b->url);
}

/* ---- the reference card ---- */

static void check_reference(const kn_signal *s)
{
	assert_str(s->id, "2026-06-24-anthropic-accuses-alibaba-of-obtaining-illicit-access-to-claude");
	assert_str(s->kind, "signal");
	assert_str(s->feed, "The Continuum Brief");
	assert_str(s->category, "Capital Markets");
	assert_str(s->published, "2026-06-24T21:36");
	assert_int_equal(s->score, 75);
	assert_str(s->horizon, "Short term");
	assert_str(s->title, "Anthropic accuses Alibaba of obtaining \xE2\x80\x98illicit\xE2\x80\x99 access to Claude");
	assert_str(s->summary, "AI company says the Chinese ecommerce giant used fake accounts to \xE2\x80\x98" "extract\xE2\x80\x99 chatbot\xE2\x80\x99s capabilities");
	assert_str(s->why_now, "Accusations of intellectual property theft and unauthorized access in the AI space are becoming more frequent as foundational models gain strategic importance and competition intensifies.");
	assert_str(s->why_important, "This incident highlights the growing economic and national security sensitivities around AI model access and the potential for corporate espionage to extract valuable AI capabilities.");
	assert_str(s->why_changes, "The incident elevates the discussion around AI security, intellectual property protection, and potentially influences cross-border AI collaborations and data access policies.");
	assert_int_equal(s->n_winners, 2);
	assert_actor(&s->winners[0], "AI security software providers", NULL);
	assert_actor(&s->winners[1], "Legal firms specializing in IP protection", NULL);
	assert_int_equal(s->n_losers, 3);
	assert_actor(&s->losers[0], "Alibaba", NULL);
	assert_actor(&s->losers[1], "Anthropic", "reputational damage if not handled well");
	assert_actor(&s->losers[2], "Companies relying on weak AI IP protections", NULL);
	assert_int_equal(s->n_effects, 3);
	assert_effect(&s->effects[0], "e1", 1, "Anthropic will likely pursue legal action and implement stricter access controls for Claude.");
	assert_int_equal(s->effects[0].n_causes, 0);
	assert_effect(&s->effects[1], "e2", 2, "Other AI companies may re-evaluate their security protocols and partner vetting processes to prevent similar illicit access.");
	assert_int_equal(s->effects[1].n_causes, 1);
	assert_string_equal(s->effects[1].causes[0], "e1");
	assert_effect(&s->effects[2], "e3", 3, "Governments might consider new regulations or international agreements to address intellectual property theft and unauthorized access in the AI domain, particularly across geopolitical fault lines.");
	assert_int_equal(s->effects[2].n_causes, 1);
	assert_string_equal(s->effects[2].causes[0], "e2");
	assert_int_equal(s->confidence, 90);
	assert_int_equal(s->impact, 55);
	assert_str(s->publisher, "Financial Times");
	assert_str(s->section, "Technology");
	assert_null(s->url);
}

static void test_reference_card(void **state)
{
	got g;

	(void)state;
	assert_int_equal(parse_fixture("continuum-anthropic-alibaba.txt", &g),
			 KN_OK);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.status[0], KN_OK);
	check_reference(&g.sig[0]);
	got_release(&g);
}

/* Rewrites every "\n" of the reference card as eol, optionally with a
 * byte-order mark first and tabs for the bullet indentation. */
static char *reference_as(const char *eol, int bom, int tabs, size_t *out_len)
{
	size_t len, i, k = 0;
	char *ref = read_fixture("continuum-anthropic-alibaba.txt", &len);
	char *out = malloc(len * 4 + 8);

	assert_non_null(out);
	if (bom)
		k += (size_t)sprintf(out, "\xEF\xBB\xBF");
	for (i = 0; i < len; i++) {
		if (ref[i] == '\n') {
			k += (size_t)sprintf(out + k, "%s", eol);
		} else if (tabs && ref[i] == ' ' && i && ref[i - 1] == '\n' &&
			   ref[i + 1] == ' ') {
			out[k++] = '\t';
			i++;
		} else {
			out[k++] = ref[i];
		}
	}
	free(ref);
	*out_len = k;
	return out;
}

static void test_line_ends_bom_tabs(void **state)
{
	static const struct { const char *eol; int bom, tabs; } cases[] = {
		{ "\r\n", 0, 0 }, { "\r", 0, 0 }, { "\n", 1, 0 },
		{ "\r\n", 1, 1 }, { "\n", 0, 1 },
	};
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *text = reference_as(cases[i].eol, cases[i].bom,
					  cases[i].tabs, &len);
		got g;

		check_reference(one_card(text, len, &g));
		got_release(&g);
		free(text);
	}
}

/* The reference card with its header spread over lines, as some
 * browsers paste it, reads the same. */
static void test_reference_header_on_lines(void **state)
{
	static const char *const headers[] = {
		"SIGNAL\nCapital Markets\n\xC2\xB7\nJun 24, 2026, 9:36 PM\nSignal\n75\nShort term",
		"SIGNAL Capital Markets \xC2\xB7 Jun 24, 2026, 9:36 PM Signal 75 Short term",
		"  SIGNAL\t\n\tCapital Markets \xC2\xB7\n\tJun 24, 2026, 9:36 PM\n\tSignal 75\n\tShort term",
	};
	size_t len, i, eol;
	char *ref = read_fixture("continuum-anthropic-alibaba.txt", &len);
	got want, g;

	(void)state;
	eol = (size_t)(strchr(ref, '\n') - ref);
	assert_int_equal(parse_mem(ref, len, &want), KN_OK);
	for (i = 0; i < sizeof headers / sizeof headers[0]; i++) {
		size_t hl = strlen(headers[i]);
		char *text = malloc(hl + len - eol + 1);

		assert_non_null(text);
		memcpy(text, headers[i], hl);
		memcpy(text + hl, ref + eol, len - eol);
		assert_same_signal(one_card(text, hl + len - eol, &g),
				   &want.sig[0]);
		got_release(&g);
		free(text);
	}
	got_release(&want);
	free(ref);
}

/* ---- the header ---- */

static void test_header_variants(void **state)
{
	static const struct {
		const char *header, *category, *published;
		int score;
		const char *horizon;
	} cases[] = {
		{ "SIGNALCapital Markets\xC2\xB7Jun 24, 2026, 9:36 PMSignal75Short term",
		  "Capital Markets", "2026-06-24T21:36", 75, "Short term" },
		{ "SIGNALCapital Markets\xC2\xB7June 24, 2026Signal 75Short term",
		  "Capital Markets", "2026-06-24", 75, "Short term" },
		{ "SIGNALCapital MarketsJun 24, 2026Signal75",
		  "Capital Markets", "2026-06-24", 75, NULL },
		{ "SIGNAL Capital Markets \xC2\xB7 Jun 24, 2026, 9:36 PM \xC2\xB7 Signal 75 \xC2\xB7 Short term",
		  "Capital Markets", "2026-06-24T21:36", 75, "Short term" },
		{ "SIGNAL\nCapital Markets\n\xC2\xB7\nJun 24, 2026, 12:05 AM\nSignal 75\nShort term",
		  "Capital Markets", "2026-06-24T00:05", 75, "Short term" },
		{ "SIGNAL\n\nCapital Markets\n\nJun 24, 2026\n\nSignal\n75\n\nShort term",
		  "Capital Markets", "2026-06-24", 75, "Short term" },
		{ "SIGNALCapital Markets\xC2\xB7" "24 June 2026, 12:00 PMSignal9Long term",
		  "Capital Markets", "2026-06-24T12:00", 9, "Long term" },
		{ "SIGNAL \xC2\xB7 Capital Markets \xC2\xB7 2026-06-24T21:36 \xC2\xB7 Signal 0",
		  "Capital Markets", "2026-06-24T21:36", 0, NULL },
		{ "SIGNALCapital Markets\xC2\xB7Sept 1, 2026 at 21:36Signal100Medium term",
		  "Capital Markets", "2026-09-01T21:36", 100, "Medium term" },
		{ "SIGNALFeb 29, 2028Signal 5", NULL, "2028-02-29", 5, NULL },
		{ "SIGNALAI & Robotics\xC2\xB7Jun 24, 2026Signal75Short term",
		  "AI & Robotics", "2026-06-24", 75, "Short term" },
		{ "SIGNALCapital Markets\xC2\xB7Signal 75\xC2\xB7Short term",
		  "Capital Markets", NULL, 75, "Short term" },
		{ "SIGNAL\xC3\x89nergie\xC2\xB7Jun 24, 2026Signal75Court terme",
		  "\xC3\x89nergie", "2026-06-24", 75, "Court terme" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char text[512];
		kn_signal *s;
		got g;

		snprintf(text, sizeof text,
			 "%s\n\nShort-term thinking is the headline here\n\nA sub-headline\n",
			 cases[i].header);
		s = one_card(text, strlen(text), &g);
		assert_str(s->category, cases[i].category);
		assert_str(s->published, cases[i].published);
		assert_int_equal(s->score, cases[i].score);
		assert_str(s->horizon, cases[i].horizon);
		assert_str(s->title, "Short-term thinking is the headline here");
		assert_str(s->summary, "A sub-headline");
		got_release(&g);
	}
}

static void test_separate_lines_fixture(void **state)
{
	got g;
	kn_signal *s;

	(void)state;
	assert_int_equal(parse_fixture("separate-lines.txt", &g), KN_OK);
	assert_int_equal(g.n, 1);
	s = &g.sig[0];
	assert_str(s->category, "Energy & Utilities");
	assert_str(s->published, "2026-06-03");
	assert_int_equal(s->score, 60);
	assert_str(s->horizon, "Medium term");
	assert_str(s->title, "Grid operators brace for a record summer peak");
	assert_str(s->summary, "Heatwave forecasts push reserve margins to their thinnest in a decade");
	assert_str(s->why_now, "Forecasters expect the hottest July on record.");
	assert_null(s->why_important);
	assert_int_equal(s->n_winners, 1);
	assert_actor(&s->winners[0], "Battery storage operators", NULL);
	assert_int_equal(s->n_losers, 1);
	assert_actor(&s->losers[0], "Regional grid operators", NULL);
	assert_int_equal(s->n_effects, 1);
	assert_int_equal(s->confidence, 70);
	assert_int_equal(s->impact, 40);
	got_release(&g);

	assert_int_equal(parse_fixture("spaced-header.txt", &g), KN_OK);
	s = &g.sig[0];
	assert_str(s->category, "Technology");
	assert_str(s->published, "2026-03-05");
	assert_int_equal(s->score, 42);
	assert_str(s->horizon, "Long term");
	assert_str(s->title, "A header with spaces");
	assert_null(s->summary);
	assert_str(s->why_now, "Because.");
	assert_int_equal(s->confidence, KN_ABSENT);
	assert_int_equal(s->n_effects, 0);
	got_release(&g);
}

/* ---- lists, sections and effects ---- */

static void test_bullets_and_actor_names(void **state)
{
	got g;
	kn_signal *s;

	(void)state;
	assert_int_equal(parse_fixture("bullets.txt", &g), KN_OK);
	assert_int_equal(g.n, 1);
	s = &g.sig[0];
	assert_str(s->published, "2026-02-10T08:05");
	assert_int_equal(s->score, 68);
	assert_int_equal(s->n_winners, 7);
	assert_actor(&s->winners[0], "AI security software providers", NULL);
	assert_actor(&s->winners[1], "Multi-cloud brokers", NULL);
	assert_actor(&s->winners[2], "Backup (disaster recovery) vendors", "short-term demand spike");
	assert_actor(&s->winners[3], "Regional data centres", NULL);
	assert_actor(&s->winners[4], "Customs brokers with paper fallbacks", NULL);
	assert_actor(&s->winners[5], "Alibaba Cloud customers in the US, Europe and Japan", "if they had failover");
	assert_actor(&s->winners[6], "Tab-indented consultancy", NULL);
	assert_int_equal(s->n_losers, 3);
	assert_actor(&s->losers[0], "Alibaba Cloud customers in the US, Europe and Japan", NULL);
	assert_actor(&s->losers[1], "Just-in-time manufacturers", NULL);
	assert_actor(&s->losers[2], "*NSYNC Logistics", NULL);
	assert_int_equal(s->n_effects, 1);
	assert_effect(&s->effects[0], "e1", 1, "Exporters will file claims for delayed shipments.");
	assert_int_equal(s->confidence, 60);
	assert_int_equal(s->impact, 35);
	got_release(&g);
}

static void test_missing_sections(void **state)
{
	got g;
	kn_signal *s;

	(void)state;
	assert_int_equal(parse_fixture("missing-sections.txt", &g), KN_OK);
	assert_int_equal(g.n, 1);
	s = &g.sig[0];
	assert_str(s->category, "Healthcare");
	assert_str(s->published, "2026-01-08");
	assert_int_equal(s->score, 51);
	assert_str(s->horizon, "Long term");
	assert_str(s->title, "Generic insulin maker wins fast-track approval");
	assert_null(s->summary);
	assert_null(s->why_now);
	assert_null(s->why_important);
	assert_null(s->why_changes);
	assert_int_equal(s->n_winners, 0);
	assert_int_equal(s->n_losers, 1);
	assert_actor(&s->losers[0], "Branded insulin incumbents", NULL);
	assert_int_equal(s->n_effects, 1);
	assert_int_equal(s->confidence, 80);
	assert_int_equal(s->impact, 65);
	assert_str(s->publisher, "Reuters");
	assert_str(s->section, "Health");
	assert_null(s->feed);
	got_release(&g);
}

static void test_several_effects_per_order(void **state)
{
	got g;
	kn_signal *s;

	(void)state;
	assert_int_equal(parse_fixture("multi-effects.txt", &g), KN_OK);
	assert_int_equal(g.n, 1);
	s = &g.sig[0];
	assert_str(s->published, "2026-09-14T00:05");
	assert_str(s->why_now, "Tensions peaked after a week of drills.");
	assert_str(s->why_important, "A fifth of seaborne crude passes the strait.\n\nIt has not closed since 1988.");
	assert_str(s->why_changes, "Insurers reprice every route through the region.");
	assert_int_equal(s->n_effects, 5);
	assert_effect(&s->effects[0], "e1", 1, "Tanker rates double within a week.");
	assert_effect(&s->effects[1], "e2", 1, "Refiners in Asia draw down strategic reserves.");
	assert_effect(&s->effects[2], "e3", 2, "Airlines add fuel surcharges.");
	assert_effect(&s->effects[3], "e4", 3, "Consumer inflation ticks up in import-dependent economies.");
	assert_effect(&s->effects[4], "e5", 3, "Central banks delay planned rate cuts.");
	/* default causes: every effect of the previous order */
	assert_int_equal(s->effects[0].n_causes, 0);
	assert_int_equal(s->effects[2].n_causes, 2);
	assert_string_equal(s->effects[2].causes[0], "e1");
	assert_string_equal(s->effects[2].causes[1], "e2");
	assert_int_equal(s->effects[3].n_causes, 1);
	assert_string_equal(s->effects[3].causes[0], "e3");
	assert_int_equal(s->effects[4].n_causes, 1);
	assert_string_equal(s->effects[4].causes[0], "e3");
	got_release(&g);
}

static void test_inline_headings_and_url(void **state)
{
	const char *text =
		"SIGNALMarkets\xC2\xB7Jun 1, 2026Signal10\n"
		"Title\n"
		"Why now: It is cheap.\n"
		"Winners: Savers (for now)\n"
		"Direct: Rates fall.\n"
		"Second order: Banks lend more.\n"
		"Confidence: 33%\n"
		"https://example.com/story?id=1\n"
		"Impact 44 / 100\n";
	got g;
	kn_signal *s = one_card(text, strlen(text), &g);

	(void)state;
	assert_str(s->why_now, "It is cheap.");
	assert_int_equal(s->n_winners, 1);
	assert_actor(&s->winners[0], "Savers", "for now");
	assert_int_equal(s->n_effects, 2);
	assert_effect(&s->effects[0], "e1", 1, "Rates fall.");
	assert_effect(&s->effects[1], "e2", 2, "Banks lend more.");
	assert_int_equal(s->confidence, 33);
	assert_int_equal(s->impact, 44);
	assert_str(s->url, "https://example.com/story?id=1");
	got_release(&g);
}

static void test_unicode_kept_exactly(void **state)
{
	got g;
	kn_signal *s;

	(void)state;
	assert_int_equal(parse_fixture("unicode.txt", &g), KN_OK);
	assert_int_equal(g.n, 1);
	s = &g.sig[0];
	assert_str(s->category, "Marchés européens");
	assert_str(s->title, "Société Générale cède sa filiale à Zürich Versicherung");
	assert_str(s->summary, "L’opération « inattendue » valorise l’entité à 2,1 Md€");
	assert_int_equal(s->n_winners, 2);
	assert_actor(&s->winners[0], "Zürich Versicherungs-Gesellschaft", NULL);
	assert_actor(&s->winners[1], "株式会社みずほ銀行", "partenaire");
	assert_int_equal(s->n_losers, 3);
	assert_actor(&s->losers[0], "Société Générale", NULL);
	assert_actor(&s->losers[1], "Сбербанк", NULL);
	assert_actor(&s->losers[2], "بنك قطر الوطني", NULL);
	assert_effect(&s->effects[0], "e1", 1, "Les régulateurs examinent l’accord — 監督当局が審査する.");
	assert_str(s->feed, "Ἑλληνικὰ Νέα");
	got_release(&g);
}

/* ---- several cards, errors ---- */

static void test_several_cards_one_rejected(void **state)
{
	got g;

	(void)state;
	assert_int_equal(parse_fixture("multi-card.txt", &g), KN_OK);
	assert_int_equal(g.n, 3);
	assert_int_equal(g.status[0], KN_OK);
	assert_str(g.sig[0].title, "First card in the file");
	assert_int_equal(g.sig[0].n_losers, 1);
	assert_int_equal(g.sig[0].confidence, 90);
	assert_int_equal(g.status[1], KN_ERR_INVALID);
	assert_string_equal(g.err[1].source, "multi-card.txt");
	assert_int_equal(g.err[1].line, 11);
	assert_string_equal(g.err[1].field, "score");
	assert_string_equal(g.err[1].message,
			    "expected a signal score from 0 to 100, got 150");
	assert_int_equal(g.status[2], KN_OK);
	assert_str(g.sig[2].title, "Third card follows a byte-order mark");
	assert_str(g.sig[2].category, "Energy");
	assert_int_equal(g.sig[2].n_winners, 1);
	got_release(&g);
}

static void test_not_a_card(void **state)
{
	got g;

	(void)state;
	assert_int_equal(parse_fixture("not-a-card.txt", &g), KN_ERR_PARSE);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.status[0], KN_ERR_PARSE);
	assert_string_equal(g.err[0].source, "not-a-card.txt");
	assert_int_equal(g.err[0].line, 1);
	assert_string_equal(g.err[0].message,
			    "expected a header line starting with \"SIGNAL\"");
	got_release(&g);

	assert_int_equal(parse_str("", &g), KN_ERR_PARSE);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.err[0].line, 1);
	got_release(&g);

	assert_int_equal(parse_str("\n\n  \nSIGNALS are everywhere\n", &g),
			 KN_ERR_PARSE);
	assert_int_equal(g.err[0].line, 4);
	got_release(&g);
}

static void test_text_before_first_card(void **state)
{
	got g;

	(void)state;
	assert_int_equal(parse_str("\nHome > Signals\nSIGNALX\xC2\xB7Jun 1, 2026Signal1\n\nTitle\n", &g),
			 KN_OK);
	assert_int_equal(g.n, 2);
	assert_int_equal(g.status[0], KN_ERR_PARSE);
	assert_int_equal(g.err[0].line, 2);
	assert_int_equal(g.status[1], KN_OK);
	assert_str(g.sig[1].title, "Title");
	got_release(&g);
}

static void test_layout_errors(void **state)
{
	static const struct {
		const char *text;
		long line;
		const char *message;
	} cases[] = {
		{ "SIGNALX\xC2\xB7Jun 1, 2026Signal1\n\n",
		  3, "expected the headline after the header line" },
		{ "SIGNALX\xC2\xB7Jun 1, 2026Signal1\n\nWinners\n\xE2\x80\xA2 A\n",
		  3, "expected the headline after the header line, got a section heading" },
		{ "SIGNAL processing, explained\nTitle\n",
		  1, "expected a date such as \"Jun 24, 2026\" or a score such as \"Signal 75\" after \"SIGNAL\"" },
		{ "SIGNALX\xC2\xB7" "Feb 30, 2026Signal1\nTitle\n",
		  1, "expected a real date in the header, got \"Feb 30, 2026\"" },
		{ "SIGNALX\xC2\xB7Jun 1, 2026, 13:10 PMSignal1\nTitle\n",
		  1, "expected a real date in the header, got \"Jun 1, 2026, 13:10 PM\"" },
		{ "SIGNALX\xC2\xB7Jun 1, 2026\nSignal\n\nTitle\n",
		  2, "expected the signal score after \"Signal\"" },
		{ "SIGNALX\xC2\xB7Jun 1, 2026Signal1\nTitle\nSecond-order effects\nDirect\n\nSecond\nB happens.\n",
		  6, "expected \"Direct\" effects before the \"Second\" effects" },
		{ "SIGNALX\xC2\xB7Jun 1, 2026Signal1\nTitle\nSecond-order effects\nA happens.\n",
		  4, "expected \"Direct\", \"Second\" or \"Third\" before an effect" },
		{ "SIGNALX\xC2\xB7Jun 1, 2026Signal1\nTitle\nEditorial confidence: 150 / 100\n",
		  3, "expected \"Editorial confidence\" from 0 to 100, got 150" },
		{ "SIGNALX\xC2\xB7Jun 1, 2026Signal1\nTitle\nEditorial confidence: 9 / 10\n",
		  3, "expected \"Editorial confidence\" as \"N / 100\"" },
		{ "SIGNALX\xC2\xB7Jun 1, 2026Signal1\nTitle\nStructural impact: high\n",
		  3, "expected a number after \"Structural impact\"" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got g;

		assert_int_equal(parse_str(cases[i].text, &g), KN_OK);
		assert_int_equal(g.n, 1);
		assert_int_not_equal(g.status[0], KN_OK);
		assert_string_equal(g.err[0].message, cases[i].message);
		assert_int_equal(g.err[0].line, cases[i].line);
		assert_string_equal(g.err[0].source, "test.txt");
		got_release(&g);
	}
}

/* A lone line a letter or two from a heading is refused, naming the
 * heading; names that only resemble one, and list items, stay text. */
static void test_misspelt_headings(void **state)
{
	static const char head[] = "SIGNALX\xC2\xB7Jun 1, 2026Signal1\nTitle\n";
	static const struct {
		const char *line;
		const char *heading;
	} typos[] = {
		{ "Loosers", "Losers" },
		{ "Winers", "Winners" },
		{ "LOSER:", "Losers" },
		{ "Why this maters", "Why this matters" },
		{ "Why now:", NULL }, /* a heading: no error */
		{ "Secnod-order effects", "Second order effects" },
		{ "Second order efects", "Second order effects" },
		{ "Waht changes", "What changes" },
		{ "Orignal report", "Original report" },
	};
	static const char *const names[] = {
		"Winners Club", "Direct Line Group", "Second Sight", "DirecTV",
		"Forth", "Thirds", "Fifth Third", "Wines", "Loser Inc",
		"- Lasers", "1. Winers",
	};
	char text[256], want[256];
	size_t i;
	got g;

	(void)state;
	for (i = 0; i < sizeof typos / sizeof typos[0]; i++) {
		snprintf(text, sizeof text, "%sWinners\n\xE2\x80\xA2 A\n%s\n\xE2\x80\xA2 B\n",
			 head, typos[i].line);
		assert_int_equal(parse_str(text, &g), KN_OK);
		assert_int_equal(g.n, 1);
		if (!typos[i].heading) {
			assert_int_equal(g.status[0], KN_OK);
			got_release(&g);
			continue;
		}
		assert_int_equal(g.status[0], KN_ERR_PARSE);
		assert_int_equal(g.err[0].line, 5);
		snprintf(want, sizeof want,
			 "\"%s\" looks like the heading \"%s\" (did you mean \"%s\"? a name is kept when written as a \"- \" list item)",
			 typos[i].line, typos[i].heading, typos[i].heading);
		assert_string_equal(g.err[0].message, want);
		got_release(&g);
	}
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		const char *name = names[i];

		snprintf(text, sizeof text, "%sLosers\n%s\n", head, name);
		assert_int_equal(parse_str(text, &g), KN_OK);
		assert_int_equal(g.n, 1);
		assert_int_equal(g.status[0], KN_OK);
		assert_int_equal(g.sig[0].n_losers, 1);
		if (name[0] == '-' || (name[0] >= '0' && name[0] <= '9'))
			name = strchr(name, ' ') + 1; /* the list marker goes */
		assert_string_equal(g.sig[0].losers[0].name, name);
		got_release(&g);
	}
}

static void test_bad_bytes_rejected(void **state)
{
	static const struct {
		const char *text;
		size_t len;
		long line, column;
		const char *message;
	} cases[] = {
#define C(s) s, sizeof(s) - 1
		{ C("SIGNALX\xC2\xB7Jun 1, 2026Signal1\nTitle\nWinners\n\xE2\x80\xA2 A\x01" "B\n"),
		  4, 4, "expected text, got the control character U+0001" },
		{ C("SIGNALX\xC2\xB7Jun 1, 2026Signal1\r\nTitle\r\n\r\nA caf\xE9\r\n"),
		  4, 6, "expected UTF-8 text, got the byte 0xE9" },
		{ C("SIGNALX\xC2\xB7Jun 1, 2026Signal1\nTi\xC2\x85tle\n"),
		  2, 3, "expected text, got the control character U+0085" },
		{ C("SIGNALX\xC2\xB7Jun 1, 2026\0Signal1\nTitle\n"),
		  1, 20, "expected text, got the control character U+0000" },
		{ C("SIGNALX\xC2\xB7Jun 1, 2026Signal1\nTitle\nShare\n\x1b[31m\n"),
		  4, 1, "expected text, got the control character U+001B" },
		{ C("SIGNALX\xC2\xB7Jun 1, 2026Signal1\nTitle\n\xED\xA0\x80\n"),
		  3, 1, "expected UTF-8 text, got the byte 0xED" },
#undef C
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got g;

		assert_int_equal(parse_mem(cases[i].text, cases[i].len, &g), KN_OK);
		assert_int_equal(g.n, 1);
		assert_int_equal(g.status[0], KN_ERR_PARSE);
		assert_string_equal(g.err[0].message, cases[i].message);
		assert_int_equal(g.err[0].line, cases[i].line);
		assert_int_equal(g.err[0].column, cases[i].column);
		got_release(&g);
	}
}

static void test_parsing_continues_after_bad_card(void **state)
{
	static const char text[] =
		"SIGNALX\xC2\xB7Jun 1, 2026Signal1\nBad \xFF title\n"
		"SIGNALY\xC2\xB7Jun 2, 2026Signal2\nGood title\n";
	got g;

	(void)state;
	assert_int_equal(parse_mem(text, sizeof text - 1, &g), KN_OK);
	assert_int_equal(g.n, 2);
	assert_int_equal(g.status[0], KN_ERR_PARSE);
	assert_int_equal(g.err[0].line, 2);
	assert_int_equal(g.status[1], KN_OK);
	assert_str(g.sig[1].title, "Good title");
	assert_str(g.sig[1].category, "Y");
	got_release(&g);
}

static void test_emit_can_stop(void **state)
{
	static const char text[] =
		"SIGNALX\xC2\xB7Jun 1, 2026Signal1\nOne\n"
		"SIGNALX\xC2\xB7Jun 2, 2026Signal2\nTwo\n";
	got g;

	(void)state;
	memset(&g, 0, sizeof g);
	g.stop_with = KN_ERR_USAGE;
	assert_int_equal(kn_card_parse(text, sizeof text - 1, NULL, collect, &g),
			 KN_ERR_USAGE);
	assert_int_equal(g.calls, 1);
	got_release(&g);
}

/* ---- hostile input ---- */

static char *repeat(const char *head, const char *unit, size_t times,
		    size_t *len)
{
	size_t h = strlen(head), u = strlen(unit), i;
	char *p = malloc(h + u * times + 1);

	assert_non_null(p);
	memcpy(p, head, h);
	for (i = 0; i < times; i++)
		memcpy(p + h + i * u, unit, u);
	*len = h + u * times;
	p[*len] = '\0';
	return p;
}

/* Sizes a quadratic walk could not finish in a test's lifetime. */
static void test_large_inputs_stay_linear(void **state)
{
	static const struct {
		const char *head, *unit;
		size_t times;
		kn_status status;
	} cases[] = {
		{ "", "\r", 1000000, KN_ERR_PARSE },
		{ "SIGNALX\xC2\xB7Jun 1, 2026Signal1\nTitle\nWhy now\n", "\n", 1000000, KN_OK },
		{ "SIGNALX\xC2\xB7Jun 1, 2026Signal1\nTitle\nWhy now\n", "word ", 500000, KN_OK },
		{ "SIGNAL", "Ab1 ", 250000, KN_OK },
		{ "SIGNAL\n", "\xC2\xB7\n", 250000, KN_OK },
		{ "SIGNALX\xC2\xB7Jun 1, 2026Signal1\nT\nLosers\n", "\xE2\x80\xA2 Same loser\n", 200000, KN_OK },
		{ "SIGNALX\xC2\xB7Jun 1, 2026Signal1\nT\nDirect\n", "Same effect.\n", 200000, KN_OK },
		{ "", "SIGNALX\xC2\xB7Jun 1, 2026Signal1\nT\nWinners\n\xE2\x80\xA2 A\n", 20000, KN_OK },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len;
		char *text = repeat(cases[i].head, cases[i].unit, cases[i].times,
				    &len);
		got g;

		assert_int_equal(parse_mem(text, len, &g), cases[i].status);
		assert_true(g.calls >= 1);
		got_release(&g);
		free(text);
	}
}

/* Random mixes of card fragments and junk bytes: no crash, and every call
 * is a finished signal or an error with a line. */
static void test_random_fragments(void **state)
{
	static const char *const parts[] = {
		"SIGNAL", "SIGNALX\xC2\xB7Jun 1, 2026Signal1", "Signal", "75",
		"Jun 24, 2026", "9:36 PM", "\xC2\xB7", "\xE2\x80\xA2", "Winners",
		"Losers", "Direct", "Second", "Third", "Why now",
		"Second-order effects", "Editorial confidence: ", "/ 100",
		"Read at ", "Tracked by ", "(", ")", "\n", "\r", "\r\n", "\t",
		" ", "\xEF\xBB\xBF", "\xFF", "\xE2\x80", "\x01", "Share", "text",
	};
	unsigned long seed = 12345;
	char buf[4096];
	int round;

	(void)state;
	for (round = 0; round < 5000; round++) {
		size_t len = 0, k, n_parts;
		got g;

		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		n_parts = (seed >> 33) % 60;
		for (k = 0; k < n_parts; k++) {
			const char *p;
			size_t pl;

			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			p = parts[(seed >> 33) % (sizeof parts / sizeof parts[0])];
			pl = strlen(p);
			if (len + pl >= sizeof buf)
				break;
			memcpy(buf + len, p, pl);
			len += pl;
		}
		(void)parse_mem(buf, len, &g);
		for (k = 0; k < g.n; k++) {
			if (g.status[k] == KN_OK)
				assert_non_null(g.sig[k].title);
			else
				assert_true(g.err[k].line >= 1);
		}
		got_release(&g);
	}
}

static void test_looks_like_card(void **state)
{
	(void)state;
	assert_true(kn_looks_like_card("SIGNALX", 7));
	assert_true(kn_looks_like_card("\xEF\xBB\xBF\r\n  SIGNAL", 12));
	assert_true(kn_looks_like_card("Home\n{", 6));
	assert_false(kn_looks_like_card("{\"title\":\"x\"}", 13));
	assert_false(kn_looks_like_card("\xEF\xBB\xBF \n\t[{}]", 9));
	assert_false(kn_looks_like_card("  \n{", 4));
	assert_false(kn_looks_like_card("", 0));
	assert_false(kn_looks_like_card(" \r\n\t", 4));
	/* only len bytes are read */
	assert_false(kn_looks_like_card("   SIGNAL", 3));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reference_card),
		cmocka_unit_test(test_line_ends_bom_tabs),
		cmocka_unit_test(test_reference_header_on_lines),
		cmocka_unit_test(test_header_variants),
		cmocka_unit_test(test_separate_lines_fixture),
		cmocka_unit_test(test_bullets_and_actor_names),
		cmocka_unit_test(test_missing_sections),
		cmocka_unit_test(test_several_effects_per_order),
		cmocka_unit_test(test_inline_headings_and_url),
		cmocka_unit_test(test_unicode_kept_exactly),
		cmocka_unit_test(test_several_cards_one_rejected),
		cmocka_unit_test(test_not_a_card),
		cmocka_unit_test(test_text_before_first_card),
		cmocka_unit_test(test_layout_errors),
		cmocka_unit_test(test_misspelt_headings),
		cmocka_unit_test(test_bad_bytes_rejected),
		cmocka_unit_test(test_parsing_continues_after_bad_card),
		cmocka_unit_test(test_emit_can_stop),
		cmocka_unit_test(test_large_inputs_stay_linear),
		cmocka_unit_test(test_random_fragments),
		cmocka_unit_test(test_looks_like_card),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
