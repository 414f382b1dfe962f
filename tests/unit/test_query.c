/* Questions across the corpus, on a corpus whose answers are known by
 * construction: recurring losers and winners (ties, filters, date edges,
 * weights), actors and contested actors, search, aliases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "knockon/buf.h"
#include "knockon/json.h"
#include "knockon/query.h"
#include "knockon/store.h"

static char dir[] = "/tmp/kn-test-query-XXXXXX";

/* a1 names Acme twice; a2 has Globex as winner and loser; a3/a4 spell
 * Société Générale two ways; a5 is undated; a2 is a date-time late in its
 * day. */
static const char *const corpus[] = {
	"{\"id\":\"a1\",\"published\":\"2026-01-01\",\"category\":\"Energy\","
	"\"score\":80,\"confidence\":50,\"title\":\"Gas pipeline outage\","
	"\"summary\":\"A pipeline explodes near the border\","
	"\"losers\":[\"Acme\",\"ACME\"],\"winners\":[\"Globex\"]}",
	"{\"id\":\"a2\",\"published\":\"2026-01-02T23:59:00\",\"category\":\"energy\","
	"\"score\":40,\"confidence\":100,\"title\":\"Grid prices spike\","
	"\"losers\":[\"acme.\",\"Globex\"],\"winners\":[\"Globex\"]}",
	"{\"id\":\"a3\",\"published\":\"2026-01-03\",\"category\":\"Technology\","
	"\"score\":90,\"title\":\"Société Générale cuts jobs\","
	"\"losers\":[\"Société Générale\",\"Initech\"],\"winners\":[\"Acme\"]}",
	"{\"id\":\"a4\",\"published\":\"2026-01-04\",\"category\":\"Technology\","
	"\"score\":10,\"confidence\":10,\"title\":\"Bank automates back office\","
	"\"losers\":[\"SOCIÉTÉ GÉNÉRALE\",\"  Initech \"],"
	"\"effects\":[{\"order\":1,\"text\":\"Pipeline   costs\\nrise for banks\"}]}",
	"{\"id\":\"a5\",\"category\":\"Retail\",\"title\":\"Search giant stumbles\","
	"\"losers\":[\"Hooli\"],\"winners\":[\"Initech\"]}",
	"{\"id\":\"a6\",\"published\":\"2026-01-05\",\"title\":\"Chip export ban\","
	"\"losers\":[\"Hooli Inc\"]}",
};

static kn_store *st;

static void put_json(const char *text)
{
	kn_signal s;
	kn_error err;
	kn_put r;

	kn_signal_init(&s);
	assert_int_equal(kn_signal_read_json(text, strlen(text), "t", 1, &s, &err), KN_OK);
	assert_int_equal(kn_store_put(st, &s, &r, &err), KN_OK);
	kn_signal_release(&s);
}

static int setup(void **state)
{
	char path[256];
	kn_error err;
	size_t i;

	(void)state;
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/q.db", dir);
	if (kn_store_open(path, 0, &st, &err))
		return -1;
	for (i = 0; i < sizeof corpus / sizeof corpus[0]; i++)
		put_json(corpus[i]);
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	kn_store_close(st);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd);
}

/* "actor count [weight] id,id;…" of a recurring query, into a static buffer. */
static const char *recurring(const kn_recurring_opts *o)
{
	static char out[1024];
	kn_actor_counts l;
	kn_buf b = KN_BUF_INIT;
	kn_error err;
	size_t i, j;

	kn_actor_counts_init(&l);
	assert_int_equal(kn_query_recurring(st, o, &l, &err), KN_OK);
	for (i = 0; i < l.n; i++) {
		kn_buf_printf(&b, "%s%s %ld", i ? ";" : "", l.items[i].actor,
			      l.items[i].count);
		if (o->weighted)
			kn_buf_printf(&b, " w%lld", l.items[i].weight);
		for (j = 0; j < l.items[i].n_signals; j++)
			kn_buf_printf(&b, "%c%s", j ? ',' : ' ', l.items[i].signals[j]);
	}
	snprintf(out, sizeof out, "%s", kn_buf_cstr(&b));
	kn_buf_release(&b);
	kn_actor_counts_release(&l);
	return out;
}

static kn_recurring_opts opts(kn_role role, long min)
{
	kn_recurring_opts o;

	kn_recurring_opts_init(&o);
	o.role = role;
	o.min = min;
	return o;
}

static void test_losers_ties_and_identity(void **state)
{
	kn_recurring_opts o = opts(KN_LOSER, 2);

	(void)state;
	/* ties at 2 ordered by key; Acme named twice in a1 counts once;
	 * "acme." and case variants fold; Société/SOCIÉTÉ fold */
	assert_string_equal(recurring(&o),
			    "Acme 2 a2,a1;Initech 2 a4,a3;Société Générale 2 a4,a3");
	o.min = 1;
	assert_string_equal(recurring(&o),
			    "Acme 2 a2,a1;Initech 2 a4,a3;Société Générale 2 a4,a3;"
			    "Globex 1 a2;Hooli 1 a5;Hooli Inc 1 a6");
	o.min = 3;
	assert_string_equal(recurring(&o), "");
	o = opts(KN_WINNER, 2);
	assert_string_equal(recurring(&o), "Globex 2 a2,a1");
	o.max_signals = 1;
	assert_string_equal(recurring(&o), "Globex 2 a2");
}

static void test_losers_filters(void **state)
{
	kn_recurring_opts o = opts(KN_LOSER, 2);

	(void)state;
	o.filter.until = "2026-01-02"; /* covers a2 at 23:59 */
	assert_string_equal(recurring(&o), "Acme 2 a2,a1");
	o.filter.until = "2026-01-01";
	assert_string_equal(recurring(&o), "");
	o = opts(KN_LOSER, 1);
	o.filter.since = "2026-01-02";
	o.filter.until = "2026-01-02";
	assert_string_equal(recurring(&o), "Acme 1 a2;Globex 1 a2");
	o.filter.since = "2026-01-02T23:59:00";
	o.filter.until = "2026-01-03";
	assert_string_equal(recurring(&o),
			    "Acme 1 a2;Globex 1 a2;Initech 1 a3;Société Générale 1 a3");
	o = opts(KN_LOSER, 2);
	o.filter.categories[o.filter.n_categories++] = "ENERGY";
	assert_string_equal(recurring(&o), "Acme 2 a2,a1");
	/* categories: any of them */
	o = opts(KN_LOSER, 2);
	o.filter.categories[o.filter.n_categories++] = "retail";
	o.filter.categories[o.filter.n_categories++] = "technology";
	assert_string_equal(recurring(&o), "Initech 2 a4,a3;Société Générale 2 a4,a3");
	/* actors: the signals naming any of them, in either role */
	o = opts(KN_LOSER, 1);
	o.filter.actors[o.filter.n_actors++] = "  acme. ";
	assert_string_equal(recurring(&o), "Acme 2 a2,a1;Globex 1 a2;Initech 1 a3;"
					   "Société Générale 1 a3");
	o.filter.actors[o.filter.n_actors++] = "Hooli";
	assert_string_equal(recurring(&o), "Acme 2 a2,a1;Globex 1 a2;Hooli 1 a5;"
					   "Initech 1 a3;Société Générale 1 a3");
	o.filter.categories[o.filter.n_categories++] = "Retail";
	assert_string_equal(recurring(&o), "Hooli 1 a5");
	o = opts(KN_LOSER, 1);
	o.filter.min_score = 50;
	assert_string_equal(recurring(&o),
			    "Acme 1 a1;Initech 1 a3;Société Générale 1 a3");
	o = opts(KN_LOSER, 1);
	o.filter.limit = 2;
	assert_string_equal(recurring(&o), "Acme 2 a2,a1;Initech 2 a4,a3");
	o.filter.since = "yesterday";
	{
		kn_actor_counts l;
		kn_error err;

		kn_actor_counts_init(&l);
		assert_int_equal(kn_query_recurring(st, &o, &l, &err), KN_ERR_USAGE);
	}
}

static void test_losers_weighted(void **state)
{
	kn_recurring_opts o = opts(KN_LOSER, 2);

	(void)state;
	o.weighted = 1;
	/* Acme 80*50 + 40*100; a3 has no confidence: adds 0 */
	assert_string_equal(recurring(&o),
			    "Acme 2 w8000 a2,a1;Initech 2 w100 a4,a3;"
			    "Société Générale 2 w100 a4,a3");
	o.min = 1;
	o.filter.limit = 2;
	assert_string_equal(recurring(&o), "Acme 2 w8000 a2,a1;Globex 1 w4000 a2");
}

static const char *actors(const kn_filter *f, int contested)
{
	static char out[1024];
	kn_actor_roles_list l;
	kn_buf b = KN_BUF_INIT;
	kn_error err;
	size_t i;

	kn_actor_roles_list_init(&l);
	assert_int_equal(kn_query_actors(st, f, contested, &l, &err), KN_OK);
	for (i = 0; i < l.n; i++)
		kn_buf_printf(&b, "%s%s %ld/%ld %s..%s", i ? ";" : "", l.items[i].actor,
			      l.items[i].winner, l.items[i].loser,
			      l.items[i].first_seen ? l.items[i].first_seen : "-",
			      l.items[i].last_seen ? l.items[i].last_seen : "-");
	snprintf(out, sizeof out, "%s", kn_buf_cstr(&b));
	kn_buf_release(&b);
	kn_actor_roles_list_release(&l);
	return out;
}

static void test_actors(void **state)
{
	kn_filter f;

	(void)state;
	assert_string_equal(actors(NULL, 1),
			    "Acme 1/2 2026-01-01..2026-01-03;"
			    "Globex 2/1 2026-01-01..2026-01-02T23:59:00;"
			    "Initech 1/2 2026-01-03..2026-01-04");
	assert_string_equal(actors(NULL, 0),
			    "Acme 1/2 2026-01-01..2026-01-03;"
			    "Globex 2/1 2026-01-01..2026-01-02T23:59:00;"
			    "Initech 1/2 2026-01-03..2026-01-04;"
			    "Société Générale 0/2 2026-01-03..2026-01-04;"
			    "Hooli 0/1 -..-;Hooli Inc 0/1 2026-01-05..2026-01-05");
	kn_filter_init(&f);
	f.categories[f.n_categories++] = "technology";
	assert_string_equal(actors(&f, 1), "");
	f.n_categories = 0;
	f.until = "2026-01-02";
	assert_string_equal(actors(&f, 1),
			    "Globex 2/1 2026-01-01..2026-01-02T23:59:00");
	f.until = NULL;
	f.limit = 1;
	assert_string_equal(actors(&f, 0), "Acme 1/2 2026-01-01..2026-01-03");
	/* a short unfiltered --contested list reads role_counts: same answer */
	f.limit = 3;
	assert_string_equal(actors(&f, 1),
			    "Acme 1/2 2026-01-01..2026-01-03;"
			    "Globex 2/1 2026-01-01..2026-01-02T23:59:00;"
			    "Initech 1/2 2026-01-03..2026-01-04");
	f.limit = 2;
	assert_string_equal(actors(&f, 1),
			    "Acme 1/2 2026-01-01..2026-01-03;"
			    "Globex 2/1 2026-01-01..2026-01-02T23:59:00");
}

static const char *search(const char *text, kn_status want)
{
	static char out[1024];
	kn_search_hits l;
	kn_buf b = KN_BUF_INIT;
	kn_error err;
	size_t i;

	kn_search_hits_init(&l);
	assert_int_equal(kn_search(st, text, NULL, "<", ">", &l, &err), want);
	for (i = 0; i < l.n; i++)
		kn_buf_printf(&b, "%s%s|%s", i ? ";" : "", l.items[i].id,
			      l.items[i].snippet);
	snprintf(out, sizeof out, "%s", kn_buf_cstr(&b));
	kn_buf_release(&b);
	kn_search_hits_release(&l);
	return out;
}

static void test_search(void **state)
{
	(void)state;
	/* the title match ranks first; white space in snippets is squeezed */
	assert_string_equal(search("pipeline", KN_OK),
			    "a1|Gas <pipeline> outage;a4|<Pipeline> costs rise for banks");
	assert_string_equal(search("PIPE*", KN_OK),
			    "a1|Gas <pipeline> outage;a4|<Pipeline> costs rise for banks");
	/* a3 has it in its title, a4 only as a loser: the title ranks first */
	assert_string_equal(search("societe", KN_OK),
			    "a3|<Société> Générale cuts jobs;a4|<SOCIÉTÉ> GÉNÉRALE Initech");
	assert_string_equal(search("pipeline banks", KN_OK),
			    "a4|<Pipeline> costs rise for <banks>");
	/* FTS5 syntax in user text is just text */
	assert_string_equal(search("\"pipeline\" OR (chip", KN_OK), "");
	assert_string_equal(search("NEAR(chip export) title:ban", KN_OK), "");
	assert_string_equal(search("chip* ban", KN_OK), "a6|<Chip> export <ban>");
	assert_string_equal(search("nothing-like-this", KN_OK), "");
	assert_string_equal(search("   ", KN_ERR_USAGE), "");
	assert_string_equal(search(" * ** !? ", KN_ERR_USAGE), "");
	assert_string_equal(search("—", KN_OK), "");
}

/* Actors are searched: winners and losers, by name and by note, and a
 * search's words may be spread over actors and text; each hit carries its
 * date, score and category. */
static void test_search_actors(void **state)
{
	kn_search_hits l;
	kn_error err;

	(void)state;
	assert_string_equal(search("hooli", KN_OK),
			    "a5|Initech <Hooli>;a6|<Hooli> Inc");
	assert_string_equal(search("initech search", KN_OK),
			    "a5|<Search> giant stumbles");
	put_json("{\"id\":\"n1\",\"published\":\"2026-02-01\",\"title\":\"Port strike\","
		 "\"winners\":[{\"name\":\"Truckers\",\"note\":\"rerouted freight\"}],"
		 "\"losers\":[\"Wonka (delayed cocoa)\"]}");
	assert_string_equal(search("freight", KN_OK),
			    "n1|Truckers rerouted <freight> Wonka delayed cocoa");
	assert_string_equal(search("cocoa wonka", KN_OK),
			    "n1|Truckers rerouted freight <Wonka> delayed <cocoa>");
	kn_search_hits_init(&l);
	assert_int_equal(kn_search(st, "pipeline", NULL, NULL, NULL, &l, &err), KN_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.items[0].published, "2026-01-01");
	assert_string_equal(l.items[0].category, "Energy");
	assert_int_equal(l.items[0].score, 80);
	kn_search_hits_release(&l);
	assert_int_equal(kn_search(st, "chip", NULL, NULL, NULL, &l, &err), KN_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.items[0].published, "2026-01-05");
	assert_null(l.items[0].category);
	assert_int_equal(l.items[0].score, KN_ABSENT);
	kn_search_hits_release(&l);
	assert_int_equal(kn_search(st, "stumbles", NULL, NULL, NULL, &l, &err), KN_OK);
	assert_null(l.items[0].published);
	kn_search_hits_release(&l);
}

static const char *alias_list(void)
{
	static char out[512];
	kn_aliases l;
	kn_buf b = KN_BUF_INIT;
	kn_error err;
	size_t i;

	kn_aliases_init(&l);
	assert_int_equal(kn_alias_list(st, &l, &err), KN_OK);
	for (i = 0; i < l.n; i++)
		kn_buf_printf(&b, "%s%s>%s=%s", i ? ";" : "", l.items[i].name,
			      l.items[i].target, l.items[i].canonical);
	snprintf(out, sizeof out, "%s", kn_buf_cstr(&b));
	kn_buf_release(&b);
	kn_aliases_release(&l);
	return out;
}

static void test_aliases(void **state)
{
	kn_recurring_opts o = opts(KN_LOSER, 2), w = opts(KN_LOSER, 1);
	char before[1024], before_w[1024];
	kn_error err;

	(void)state;
	snprintf(before, sizeof before, "%s", recurring(&o));
	w.weighted = 1;
	snprintf(before_w, sizeof before_w, "%s", recurring(&w));
	assert_int_equal(kn_alias_add(st, "Hooli Inc", "hooli", &err), KN_OK);
	assert_int_equal(kn_alias_add(st, "hooli inc", "HOOLI", &err), KN_OK);
	assert_string_equal(alias_list(), "Hooli Inc>hooli=Hooli");
	assert_string_equal(recurring(&o), "Acme 2 a2,a1;Hooli 2 a6,a5;"
					   "Initech 2 a4,a3;Société Générale 2 a4,a3");
	/* refusals */
	assert_int_equal(kn_alias_add(st, "hooli", "Hooli Inc", &err), KN_ERR_INVALID);
	assert_int_equal(kn_alias_add(st, "HOOLI INC", "Acme", &err), KN_ERR_INVALID);
	assert_int_equal(kn_alias_add(st, "Acme", " acme ", &err), KN_ERR_INVALID);
	assert_int_equal(kn_alias_add(st, "", "Acme", &err), KN_ERR_INVALID);
	/* a chain resolves to the end; a group counts a signal once */
	assert_int_equal(kn_alias_add(st, "Initech", "Hooli Inc", &err), KN_OK);
	assert_string_equal(alias_list(), "Hooli Inc>hooli=Hooli;Initech>Hooli Inc=Hooli");
	assert_string_equal(recurring(&o), "Hooli 4 a6,a4,a3,a5;Acme 2 a2,a1;"
					   "Société Générale 2 a4,a3");
	/* aliasing the canonical re-points the names aliased to it */
	assert_int_equal(kn_alias_add(st, "hooli", "Globex", &err), KN_OK);
	assert_string_equal(alias_list(), "hooli>Globex=Globex;Hooli Inc>hooli=Globex;"
					  "Initech>Hooli Inc=Globex");
	assert_string_equal(recurring(&o), "Globex 5 a6,a4,a3,a2,a5;Acme 2 a2,a1;"
					   "Société Générale 2 a4,a3");
	{
		kn_filter f;

		kn_filter_init(&f);
		f.limit = 5;
		/* Globex + Initech (a5 winner) + Hooli…: one actor, 3 / 5 */
		assert_string_equal(actors(&f, 1),
				    "Globex 3/5 2026-01-01..2026-01-05;"
				    "Acme 1/2 2026-01-01..2026-01-03");
		assert_string_equal(actors(NULL, 1),
				    "Globex 3/5 2026-01-01..2026-01-05;"
				    "Acme 1/2 2026-01-01..2026-01-03");
	}
	/* the filtered scan agrees with the counted path */
	o.filter.min_score = 1;
	assert_string_equal(recurring(&o), "Globex 3 a4,a3,a2;Acme 2 a2,a1;"
					   "Société Générale 2 a4,a3");
	o.filter.min_score = KN_ABSENT;
	/* removing undoes exactly, in any order */
	assert_int_equal(kn_alias_remove(st, "HOOLI", &err), KN_OK);
	assert_string_equal(recurring(&o), "Hooli 4 a6,a4,a3,a5;Acme 2 a2,a1;"
					   "Société Générale 2 a4,a3");
	assert_int_equal(kn_alias_remove(st, "hooli inc", &err), KN_OK);
	assert_int_equal(kn_alias_remove(st, "Hooli Inc", &err), KN_ERR_NOTFOUND);
	assert_int_equal(kn_alias_remove(st, "Initech", &err), KN_OK);
	assert_string_equal(alias_list(), "");
	assert_string_equal(recurring(&o), before);
	assert_string_equal(recurring(&w), before_w);
	/* an alias to a name no signal uses shows the given spelling */
	assert_int_equal(kn_alias_add(st, "Hooli", "Alphabet Inc.", &err), KN_OK);
	o.min = 1;
	o.filter.limit = 5;
	assert_string_equal(recurring(&o), "Acme 2 a2,a1;Initech 2 a4,a3;"
					   "Société Générale 2 a4,a3;Alphabet Inc. 1 a5;"
					   "Globex 1 a2");
	assert_int_equal(kn_alias_remove(st, "Hooli", &err), KN_OK);
}

static int add_id(void *ctx, const kn_signal *sig)
{
	kn_buf *b = ctx;

	kn_buf_printf(b, "%s%s", b->len ? "," : "", sig->id);
	return 0;
}

/* The ids kn_store_list selects with f. */
static const char *listed(const kn_filter *f)
{
	static char out[256];
	kn_buf b = KN_BUF_INIT;
	kn_error err;

	assert_int_equal(kn_store_list(st, f, add_id, &b, &err), KN_OK);
	snprintf(out, sizeof out, "%s", kn_buf_cstr(&b));
	kn_buf_release(&b);
	return out;
}

/* --actor goes through actor identity: key folding, then aliases. */
static void test_filter_actors(void **state)
{
	kn_filter f;
	kn_error err;
	int i;

	(void)state;
	kn_filter_init(&f);
	assert_int_equal(kn_filter_add_actor(&f, "ACME", &err), KN_OK);
	assert_string_equal(listed(&f), "a3,a2,a1");
	f.n_actors = 0;
	assert_int_equal(kn_filter_add_actor(&f, "hooli", &err), KN_OK);
	assert_string_equal(listed(&f), "a5");
	assert_int_equal(kn_alias_add(st, "Hooli Inc", "Hooli", &err), KN_OK);
	assert_string_equal(listed(&f), "a6,a5");
	f.actors[0] = "HOOLI INC"; /* the alias selects the same */
	assert_string_equal(listed(&f), "a6,a5");
	assert_int_equal(kn_filter_add_actor(&f, "Société  générale", &err), KN_OK);
	assert_string_equal(listed(&f), "a6,a4,a3,a5");
	assert_int_equal(kn_filter_add_category(&f, "technology", &err), KN_OK);
	assert_string_equal(listed(&f), "a4,a3");
	assert_int_equal(kn_alias_remove(st, "Hooli Inc", &err), KN_OK);
	/* a name no signal uses selects none */
	kn_filter_init(&f);
	assert_int_equal(kn_filter_add_actor(&f, "Nobody", &err), KN_OK);
	assert_string_equal(listed(&f), "");
	/* names of no actor, bad UTF-8 and too many are usage errors */
	f.actors[0] = " .; ";
	assert_int_equal(kn_filter_check(&f, &err), KN_ERR_USAGE);
	assert_string_equal(err.field, "actor");
	f.actors[0] = "\xff";
	assert_int_equal(kn_filter_check(&f, &err), KN_ERR_USAGE);
	kn_filter_init(&f);
	for (i = 0; i < KN_FILTER_MAX; i++)
		assert_int_equal(kn_filter_add_category(&f, "x", &err), KN_OK);
	assert_int_equal(kn_filter_add_category(&f, "x", &err), KN_ERR_USAGE);
	assert_int_equal((int)f.n_categories, KN_FILTER_MAX);
	assert_non_null(strstr(err.message, "at most 64"));
}

/* Updating a signal moves its counts (role_counts is kept by the store
 * and the delete trigger). */
static void test_update_keeps_counts(void **state)
{
	kn_recurring_opts o = opts(KN_LOSER, 2), w = opts(KN_LOSER, 2);

	(void)state;
	w.weighted = 1;
	put_json("{\"id\":\"a1\",\"published\":\"2026-01-01\",\"title\":\"Gas\","
		 "\"losers\":[\"Initech\",\"Initech\"]}");
	assert_string_equal(recurring(&o), "Initech 3 a4,a3,a1;Société Générale 2 a4,a3");
	assert_string_equal(recurring(&w), "Initech 3 w100 a4,a3,a1;"
					   "Société Générale 2 w100 a4,a3");
	put_json(corpus[0]);
	assert_string_equal(recurring(&o),
			    "Acme 2 a2,a1;Initech 2 a4,a3;Société Générale 2 a4,a3");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_losers_ties_and_identity),
		cmocka_unit_test(test_losers_filters),
		cmocka_unit_test(test_losers_weighted),
		cmocka_unit_test(test_actors),
		cmocka_unit_test(test_search),
		cmocka_unit_test(test_search_actors),
		cmocka_unit_test(test_aliases),
		cmocka_unit_test(test_filter_actors),
		cmocka_unit_test(test_update_keeps_counts),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
