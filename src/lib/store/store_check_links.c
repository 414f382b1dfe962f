/* "knockon check" of effect_links (schema 2), against what storing the
 * signals afresh would write (links_state.c, docs/ripple.md):
 *   - per signal, while the signals are read: the card's links, each
 *     effect actor of its JSON (the first of a key in an effect), with
 *     its name and role, nothing matched and never rejected;
 *   - then, with every name the signals and aliases give in one
 *     dictionary: each effect's detections, the names its text gives but
 *     those the card links there and second mentions of one actor, as a
 *     full scan (links --detect) finds them.
 * A rejected detection is the user's: it stays, found again or not (a
 * card edited and ingested again keeps it), while its signal is there. */
#include "store_check.h"

#include <stdlib.h>
#include <string.h>

#include "detect.h"
#include "links.h"
#include "kn_text.h"
#include "knockon/json.h"
#include "knockon/ripple.h"
#include "schema.h"

static kn_status nomem(kn_error *err)
{
	return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
}

/* One link as it should be or as it is stored. */
typedef struct want_link {
	const char *eid;
	char *key;
	const char *name, *role;
	size_t seq;          /* order in the card, to keep a key's first */
	size_t off, len;     /* a detection: text[off, off + len) */
	const char *text;    /* a detection: its effect's text; NULL: card */
} want_link;

typedef struct want_links {
	want_link *v;
	size_t n, cap;
} want_links;

static void wants_release(want_links *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		free(w->v[i].key);
	free(w->v);
	memset(w, 0, sizeof *w);
}

static int by_eid_key(const void *pa, const void *pb)
{
	const want_link *a = pa, *b = pb;
	int k = strcmp(a->eid, b->eid);

	if (!k)
		k = strcmp(a->key, b->key);
	return k ? k : (a->seq < b->seq ? -1 : a->seq > b->seq);
}

/* The card's links of g, sorted by effect and key, one per key. */
static int card_wants(const kn_signal *g, want_links *w)
{
	size_t i, k, n = 0;

	for (i = 0; i < g->n_effects; i++)
		for (k = 0; k < g->effects[i].n_actors; k++) {
			const kn_effect_actor *a = &g->effects[i].actors[k];
			char *key = kn_actor_key(a->name);

			if (!key || KN_GROW(w->v, w->cap, w->n + 1)) {
				free(key);
				return -1;
			}
			if (!key[0]) { /* names no actor: never stored */
				free(key);
				continue;
			}
			memset(&w->v[w->n], 0, sizeof w->v[w->n]);
			w->v[w->n].eid = g->effects[i].id;
			w->v[w->n].key = key;
			w->v[w->n].name = a->name;
			w->v[w->n].role = kn_effect_role_name(a->role);
			w->v[w->n++].seq = n++;
		}
	if (w->n)
		qsort(w->v, w->n, sizeof *w->v, by_eid_key);
	for (i = k = 0; i < w->n; i++) /* a key's first link in an effect */
		if (k && !strcmp(w->v[k - 1].eid, w->v[i].eid) &&
		    !strcmp(w->v[k - 1].key, w->v[i].key))
			free(w->v[i].key);
		else
			w->v[k++] = w->v[i];
	w->n = k;
	return 0;
}

static int same_text(const unsigned char *col, const char *want)
{
	return col && want && strcmp((const char *)col, want) == 0;
}

/* Remembers every card name (for the dictionary of the detections). */
static int note_cards(kn_checker *c, const want_links *w, sqlite3_int64 sid)
{
	size_t i;

	for (i = 0; i < w->n; i++) {
		kn_spelling *sp;

		if (KN_GROW(c->cards, c->cap_cards, c->n_cards + 1))
			return -1;
		sp = &c->cards[c->n_cards];
		sp->sid = sid;
		sp->seq = c->n_cards;
		sp->key = strdup(w->v[i].key);
		sp->name = strdup(w->v[i].name);
		if (!sp->key || !sp->name) {
			free(sp->key);
			free(sp->name);
			return -1;
		}
		c->n_cards++;
	}
	return 0;
}

kn_status kn_check_card_links(kn_checker *c, sqlite3_int64 sid,
			      const kn_signal *g, int *differ, kn_error *err)
{
	static const char sql[] =
		"SELECT eid, key, name, role, matched IS NULL AND match_offset IS NULL"
		" AND rejected = 0 FROM effect_links WHERE sid = ?1"
		" AND provenance = 'card' ORDER BY eid, key";
	want_links w = { NULL, 0, 0 };
	sqlite3_stmt *q;
	kn_status s;
	size_t n = 0;
	int rc;

	*differ = 0;
	if (!c->has_links)
		return KN_OK;
	if (card_wants(g, &w) || note_cards(c, &w, sid)) {
		wants_release(&w);
		return nomem(err);
	}
	if ((s = kn_store_stmt(c->st, sql, "cannot check the effect links", &q, err))) {
		wants_release(&w);
		return s;
	}
	sqlite3_bind_int64(q, 1, sid);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const want_link *k = n < w.n ? &w.v[n] : NULL;

		n++;
		if (!k || !same_text(sqlite3_column_text(q, 0), k->eid) ||
		    !same_text(sqlite3_column_text(q, 1), k->key) ||
		    !same_text(sqlite3_column_text(q, 2), k->name) ||
		    !same_text(sqlite3_column_text(q, 3), k->role) ||
		    !sqlite3_column_int(q, 4))
			*differ = 1;
	}
	if (rc != SQLITE_DONE)
		s = kn_store_fail(c->st, err, "cannot check the effect links");
	kn_store_stmt_done(c->st, q);
	if (n != w.n)
		*differ = 1;
	wants_release(&w);
	return s;
}

/* ---- the detections ---- */

/* Canonical keys (borrowed) already linked in one effect. */
typedef struct keyset {
	const char **v;
	size_t cap;
} keyset;

static int set_reset(keyset *s, size_t n)
{
	size_t cap = 16;

	while (cap < 2 * n)
		cap *= 2;
	if (cap > s->cap) {
		free(s->v);
		s->cap = 0;
		if (!(s->v = malloc(cap * sizeof *s->v)))
			return -1;
		s->cap = cap;
	}
	memset(s->v, 0, s->cap * sizeof *s->v);
	return 0;
}

/* 1 when key was not in the set (now it is), 0 when it was. */
static int set_add(keyset *s, const char *key)
{
	size_t mask = s->cap - 1;
	size_t i = (size_t)kn_hash64(key, strlen(key)) & mask;

	for (; s->v[i]; i = (i + 1) & mask)
		if (strcmp(s->v[i], key) == 0)
			return 0;
	s->v[i] = key;
	return 1;
}

/* What one pass of the detections holds. */
typedef struct scan {
	kn_checker *c;
	kn_dict *dict;
	kn_founds found;
	keyset set;
	want_links want;
	char **parked; /* card keys no name of the dictionary matches */
	size_t n_parked, cap_parked;
	kn_buf items;  /* the differences of the signal, for its line */
	size_t n_items;
} scan;

static kn_status add_alias_names(scan *sc, kn_error *err)
{
	static const char *const sql[] = {
		"SELECT key, name FROM aliases ORDER BY key",
		"SELECT target_key, target_name FROM aliases ORDER BY key",
		"SELECT key, canonical_name, canonical_key FROM aliases ORDER BY key",
	};
	kn_status s = KN_OK;
	sqlite3_stmt *q;
	size_t i;
	int rc = SQLITE_DONE;

	for (i = 0; !s && i < 3; i++) {
		if ((s = kn_store_stmt(sc->c->st, sql[i], "cannot check the effect links",
				       &q, err)))
			return s;
		while ((rc = sqlite3_step(q)) == SQLITE_ROW)
			if (kn_dict_add(sc->dict, (const char *)sqlite3_column_text(q, 0),
					(const char *)sqlite3_column_text(q, 1),
					i == 2 ? (const char *)sqlite3_column_text(q, 2)
					       : NULL) < 0) {
				s = nomem(err);
				break;
			}
		if (!s && rc != SQLITE_DONE)
			s = kn_store_fail(sc->c->st, err, "cannot check the effect links");
		kn_store_stmt_done(sc->c->st, q);
	}
	return s;
}

/* Every name the corpus should know: the signals' actors, the cards'
 * effect actors and the aliases, as links_state.c reads them. */
static kn_status make_dict(scan *sc, kn_error *err)
{
	kn_checker *c = sc->c;
	size_t i;

	if (!(sc->dict = kn_dict_new()))
		return nomem(err);
	for (i = 0; i < c->n_names; i++)
		if (kn_dict_add(sc->dict, c->names[i].key, c->names[i].name, NULL) < 0)
			return nomem(err);
	for (i = 0; i < c->n_cards; i++)
		if (kn_dict_add(sc->dict, c->cards[i].key, c->cards[i].name, NULL) < 0)
			return nomem(err);
	return add_alias_names(sc, err);
}

/* The detections of effect e: its names but the actors its card links
 * and second mentions of one actor (as kn_lk_detect_effect). */
static int effect_wants(scan *sc, const kn_effect *e)
{
	size_t k;

	if (kn_dict_scan(sc->dict, e->text, strlen(e->text), &sc->found))
		return -1;
	if (!sc->found.n)
		return 0;
	if (set_reset(&sc->set, e->n_actors + sc->found.n))
		return -1;
	for (k = 0; k < e->n_actors; k++) {
		char *key = kn_actor_key(e->actors[k].name);
		const char *canon;

		if (!key)
			return -1;
		/* the set borrows: the dictionary's copy, or the key parked */
		canon = kn_dict_canonical(sc->dict, key);
		if (canon) {
			free(key);
			set_add(&sc->set, canon);
		} else if (KN_GROW(sc->parked, sc->cap_parked, sc->n_parked + 1)) {
			free(key);
			return -1;
		} else {
			sc->parked[sc->n_parked++] = key;
			set_add(&sc->set, key);
		}
	}
	for (k = 0; k < sc->found.n; k++) {
		const kn_found *f = &sc->found.items[k];
		want_link *w;

		if (!set_add(&sc->set, f->canonical))
			continue;
		if (KN_GROW(sc->want.v, sc->want.cap, sc->want.n + 1))
			return -1;
		w = &sc->want.v[sc->want.n];
		memset(w, 0, sizeof *w);
		w->eid = e->id;
		w->name = f->name;
		w->text = e->text;
		w->off = f->off;
		w->len = f->len;
		if (!(w->key = strdup(f->key)))
			return -1;
		sc->want.n++;
	}
	return 0;
}

/* At most this many differences are named on a signal's line. */
#define ITEMS_SHOWN 5

static void add_item(scan *sc, const char *eid, const char *name,
		     const char *what)
{
	if (sc->n_items++ >= ITEMS_SHOWN)
		return;
	kn_buf_printf(&sc->items, "%s%s \"%s\" %s", sc->n_items > 1 ? ", " : "",
		      eid ? eid : "", name ? name : "", what);
}

/* A stored row (eid, key, provenance, matched, match_offset, rejected,
 * name) against the link wanted there (NULL: none). */
static void compare_row(scan *sc, sqlite3_stmt *q, const want_link *w,
			const kn_signal *g)
{
	const char *eid = (const char *)sqlite3_column_text(q, 0);
	const char *name = (const char *)sqlite3_column_text(q, 6);
	int card = same_text(sqlite3_column_text(q, 2), "card");
	int rejected = sqlite3_column_int(q, 5) != 0;

	if (card || (w && !w->text)) /* cards: checked with each signal */
		return;
	if (!w) {
		if (rejected) /* a rejection stays, found again or not */
			return;
		add_item(sc, eid, name, eid && kn_signal_find_effect(g, eid) < 0
			 ? "linked to an effect the signal does not have"
			 : !kn_dict_has(sc->dict, (const char *)sqlite3_column_text(q, 1))
			 ? "linked, but no signal or alias gives the name"
			 : "linked but not in the text");
		return;
	}
	if (sqlite3_column_type(q, 4) != SQLITE_INTEGER ||
	    sqlite3_column_int64(q, 4) != (sqlite3_int64)w->off ||
	    (size_t)sqlite3_column_bytes(q, 3) != w->len ||
	    memcmp(sqlite3_column_blob(q, 3), w->text + w->off, w->len) != 0)
		add_item(sc, eid, w->name, "linked to other words than the text's");
}

static int cmp_row(sqlite3_stmt *q, const want_link *w)
{
	const char *eid = (const char *)sqlite3_column_text(q, 0);
	const char *key = (const char *)sqlite3_column_text(q, 1);
	int k = strcmp(eid ? eid : "", w->eid);

	return k ? k : strcmp(key ? key : "", w->key);
}

/* Walks the stored links of sid (by eid, key) beside sc->want (sorted
 * alike). */
static kn_status compare_links(scan *sc, sqlite3_int64 sid, const kn_signal *g,
			       kn_error *err)
{
	static const char sql[] =
		"SELECT eid, key, provenance, matched, match_offset, rejected, name"
		" FROM effect_links WHERE sid = ?1 ORDER BY eid, key";
	sqlite3_stmt *q;
	kn_status s = kn_store_stmt(sc->c->st, sql, "cannot check the effect links",
				    &q, err);
	size_t i = 0;
	int rc;

	if (s)
		return s;
	sqlite3_bind_int64(q, 1, sid);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		/* wanted links before this row are missing */
		while (i < sc->want.n && cmp_row(q, &sc->want.v[i]) > 0) {
			if (sc->want.v[i].text)
				add_item(sc, sc->want.v[i].eid, sc->want.v[i].name,
					 "not linked");
			i++;
		}
		if (i < sc->want.n && cmp_row(q, &sc->want.v[i]) == 0)
			compare_row(sc, q, &sc->want.v[i++], g);
		else
			compare_row(sc, q, NULL, g);
	}
	for (; i < sc->want.n; i++)
		if (sc->want.v[i].text)
			add_item(sc, sc->want.v[i].eid, sc->want.v[i].name, "not linked");
	if (rc != SQLITE_DONE)
		s = kn_store_fail(sc->c->st, err, "cannot check the effect links");
	kn_store_stmt_done(sc->c->st, q);
	return s;
}

static void scan_reset(scan *sc)
{
	size_t i;

	wants_release(&sc->want);
	for (i = 0; i < sc->n_parked; i++)
		free(sc->parked[i]);
	sc->n_parked = 0;
	kn_buf_reset(&sc->items);
	sc->n_items = 0;
}

/* One signal: what it should link, against what is stored. */
static kn_status check_signal_links(scan *sc, sqlite3_int64 sid,
				    const char *id, const kn_signal *g,
				    kn_error *err)
{
	kn_status s;
	size_t i;

	scan_reset(sc);
	if (card_wants(g, &sc->want))
		return nomem(err);
	for (i = 0; i < g->n_effects; i++)
		if (effect_wants(sc, &g->effects[i]))
			return nomem(err);
	if (sc->want.n)
		qsort(sc->want.v, sc->want.n, sizeof *sc->want.v, by_eid_key);
	if ((s = compare_links(sc, sid, g, err)) || !sc->n_items)
		return s;
	kn_buf_printf(&sc->c->line, "signal \"%s\": its detected links differ from"
		      " its effects' text: %s", id, kn_buf_cstr(&sc->items));
	if (sc->n_items > ITEMS_SHOWN)
		kn_buf_printf(&sc->c->line, " and %zu more", sc->n_items - ITEMS_SHOWN);
	kn_check_report(sc->c, sc->c->repair);
	sc->c->links_bad = 1;
	return KN_OK;
}

static kn_status scan_signals(scan *sc, kn_error *err)
{
	static const char sql[] = "SELECT sid, id, canonical FROM signals ORDER BY sid";
	sqlite3_stmt *q;
	kn_status s = kn_store_stmt(sc->c->st, sql, "cannot check the effect links",
				    &q, err);
	int rc = SQLITE_DONE;

	if (s)
		return s;
	while (!s && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *json = (const char *)sqlite3_column_text(q, 2);
		const char *id = (const char *)sqlite3_column_text(q, 1);
		kn_signal g;
		kn_error bad;

		kn_signal_init(&g);
		/* an unreadable one was reported (and stops the whole pass) */
		if (json && kn_signal_read_json(json, (size_t)sqlite3_column_bytes(q, 2),
						"", 1, &g, &bad) == KN_OK)
			s = check_signal_links(sc, sqlite3_column_int64(q, 0),
					       id ? id : "", &g, err);
		kn_signal_release(&g);
	}
	if (!s && rc != SQLITE_DONE)
		s = kn_store_fail(sc->c->st, err, "cannot check the effect links");
	kn_store_stmt_done(sc->c->st, q);
	return s;
}

kn_status kn_check_detections(kn_checker *c, kn_error *err)
{
	scan sc;
	kn_status s;

	if (!c->has_links || c->unreadable)
		return KN_OK;
	memset(&sc, 0, sizeof sc);
	sc.c = c;
	kn_buf_init(&sc.items);
	s = make_dict(&sc, err);
	if (!s)
		s = scan_signals(&sc, err);
	scan_reset(&sc);
	free(sc.parked);
	free(sc.set.v);
	kn_buf_release(&sc.items);
	kn_founds_release(&sc.found);
	kn_dict_free(sc.dict);
	return s;
}

/* ---- the copies of schema 5 ---- */

#define COPIES_DIFFER_V5 \
	" (effect_links.ord IS NOT " \
	KN_LINK_ORD_SQL("effect_links.sid", "effect_links.eid") \
	" OR effect_links.base IS NOT " KN_LINK_BASE_SQL("effect_links.sid")
/* and of schema 6 */
#define COPIES_DIFFER COPIES_DIFFER_V5 \
	" OR effect_links.published IS NOT " \
	KN_LINK_PUBLISHED_SQL("effect_links.sid") ")"

kn_status kn_check_link_copies(kn_checker *c, kn_error *err)
{
	static const char sql[] =
		"SELECT t.id, count(*) FROM effect_links JOIN signals t"
		" ON t.sid = effect_links.sid WHERE" COPIES_DIFFER
		" GROUP BY effect_links.sid ORDER BY effect_links.sid";
	/* a corpus read as it is at schema 5 */
	static const char sql_v5[] =
		"SELECT t.id, count(*) FROM effect_links JOIN signals t"
		" ON t.sid = effect_links.sid WHERE" COPIES_DIFFER_V5 ")"
		" GROUP BY effect_links.sid ORDER BY effect_links.sid";
	static const char what[] = "cannot check the effect links";
	int version = kn_schema_version(kn_store_db(c->st)), rc;
	sqlite3_stmt *q;
	kn_status s;

	if (!c->has_links || version < 5)
		return KN_OK;
	if ((s = kn_store_stmt(c->st, version < 6 ? sql_v5 : sql, what, &q, err)))
		return s;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		long n = (long)sqlite3_column_int64(q, 1);

		kn_buf_printf(&c->line, "signal \"%s\": %ld of its effect links %s"
			      " a wrong copy of the effect's order or the signal's"
			      " weight or date", (const char *)sqlite3_column_text(q, 0), n,
			      n == 1 ? "holds" : "hold");
		kn_check_report(c, c->repair);
	}
	if (rc != SQLITE_DONE)
		s = kn_store_fail(c->st, err, what);
	kn_store_stmt_done(c->st, q);
	return s;
}

kn_status kn_fix_link_copies(kn_checker *c, kn_error *err)
{
	static const char sql[] =
		"UPDATE effect_links SET ord = "
		KN_LINK_ORD_SQL("effect_links.sid", "effect_links.eid") ", base = "
		KN_LINK_BASE_SQL("effect_links.sid") ", published = "
		KN_LINK_PUBLISHED_SQL("effect_links.sid") " WHERE" COPIES_DIFFER;

	/* repair writes: the corpus is at the current schema */
	if (!c->has_links || kn_schema_version(kn_store_db(c->st)) < 5)
		return KN_OK;
	if (sqlite3_exec(kn_store_db(c->st), sql, NULL, NULL, NULL) != SQLITE_OK)
		return kn_store_fail(c->st, err, "cannot repair the effect links");
	return KN_OK;
}
