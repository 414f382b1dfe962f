/* Keeping effect links current (links.h, docs/ripple.md): the names the
 * corpus knows, in memory; the links a put writes; and the rescans a new
 * or departed name queues for the end of the transaction. */
#include "links_state.h"

#include <stdlib.h>
#include <string.h>

#include "knockon/ripple.h"
#include "kn_text.h"

const char kn_schema_v2_links[] =
	"CREATE TABLE effect_links (\n"
	"  sid INTEGER NOT NULL REFERENCES signals(sid) ON DELETE CASCADE,\n"
	"  eid TEXT NOT NULL,\n"
	"  key TEXT NOT NULL,\n"
	"  name TEXT NOT NULL,\n"
	"  role TEXT NOT NULL CHECK (role IN ('winner', 'loser', 'named')),\n"
	"  provenance TEXT NOT NULL CHECK (provenance IN ('card', 'detected')),\n"
	"  matched TEXT,\n"
	"  match_offset INTEGER,\n"
	"  rejected INTEGER NOT NULL DEFAULT 0 CHECK (rejected IN (0, 1)),\n"
	"  PRIMARY KEY (sid, eid, key)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX effect_links_by_actor ON effect_links(key, sid, eid);\n"
	"CREATE INDEX effect_links_card ON effect_links(key, name)\n"
	"  WHERE provenance = 'card';\n";

/* The index is made again with the copies in it (an actor's links in
 * signal order, with what their weight needs), and effect_links_reach
 * holds the links in force of order 2 or more alike: what converge reads
 * by default. */
const char kn_schema_v5_links[] =
	"ALTER TABLE effect_links ADD COLUMN ord INTEGER;\n"
	"ALTER TABLE effect_links ADD COLUMN base INTEGER;\n"
	"DROP INDEX effect_links_by_actor;\n"
	"UPDATE effect_links SET ord = "
	KN_LINK_ORD_SQL("effect_links.sid", "effect_links.eid") ",\n"
	"  base = " KN_LINK_BASE_SQL("effect_links.sid") ";\n"
	"CREATE INDEX effect_links_by_actor ON effect_links(key, sid, eid,\n"
	"  rejected, ord, base);\n"
	/* rejected too, so that SQLite 3.40 reads the index alone */
	"CREATE INDEX effect_links_reach ON effect_links(key, sid, eid, ord, base,\n"
	"  rejected) WHERE rejected = 0 AND ord >= 2;\n";

const char kn_lk_refresh_copies[] =
	"UPDATE effect_links SET ord = "
	KN_LINK_ORD_SQL("effect_links.sid", "effect_links.eid") ","
	" base = " KN_LINK_BASE_SQL("?1") ", published = "
	KN_LINK_PUBLISHED_SQL("?1") " WHERE sid = ?1";

struct kn_link_state *kn_lk_state(kn_store *st)
{
	struct kn_link_state **p = kn_store_link_state(st);

	if (!*p)
		*p = calloc(1, sizeof **p);
	return *p;
}

void kn_lk_free_keys(char **v, size_t *n)
{
	size_t i;

	for (i = 0; i < *n; i++)
		free(v[i]);
	*n = 0;
}

void kn_lk_clear_queue(struct kn_link_state *L)
{
	size_t i;

	for (i = 0; i < L->n_names; i++)
		free(L->names[i].key);
	L->n_names = 0;
	kn_lk_free_keys(L->gone, &L->n_gone);
	if (L->puts)
		memset(L->puts, 0, L->cap_puts * sizeof *L->puts);
	L->n_puts = 0;
}

void kn_links_free(struct kn_link_state *L)
{
	if (!L)
		return;
	kn_lk_clear_queue(L);
	kn_lk_free_keys(L->old, &L->n_old);
	kn_dict_free(L->dict);
	free(L->names);
	free(L->gone);
	free(L->puts);
	free(L->old);
	free(L->sids);
	kn_lk_matcher_release(&L->m);
	free(L);
}

void kn_links_forget(kn_store *st)
{
	struct kn_link_state *L = *kn_store_link_state(st);

	if (!L)
		return;
	kn_dict_free(L->dict);
	L->dict = NULL;
	if (L->puts) /* the puts before were rescanned for nothing at worst */
		memset(L->puts, 0, L->cap_puts * sizeof *L->puts);
	L->n_puts = 0;
}

void kn_links_reset(kn_store *st)
{
	struct kn_link_state *L = *kn_store_link_state(st);

	kn_links_forget(st);
	if (L)
		kn_lk_clear_queue(L);
}

void kn_sqlite_set_detect(kn_store *st, int on)
{
	struct kn_link_state *L = kn_lk_state(st);

	if (!L)
		return;
	L->off = !on;
	if (L->off) { /* not kept up to date while off */
		kn_dict_free(L->dict);
		L->dict = NULL;
	}
}

int kn_links_detecting(kn_store *st)
{
	struct kn_link_state *L = kn_lk_state(st);

	return L && !L->off;
}

/* ---- statements ---- */

sqlite3_stmt *kn_lk_prep(kn_store *st, const char *sql)
{
	sqlite3_stmt *q;
	kn_error err;

	return kn_store_stmt(st, sql, "links", &q, &err) ? NULL : q;
}

static void bind_str(sqlite3_stmt *q, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(q, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(q, i);
}

/* Runs a statement with ?1 = sid and text parameters ?2… ; 0 on success. */
int kn_lk_exec(kn_store *st, const char *sql, sqlite3_int64 sid,
		    const char *const *text, int n)
{
	sqlite3_stmt *q = kn_lk_prep(st, sql);
	int i, rc;

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, sid);
	for (i = 0; i < n; i++)
		bind_str(q, i + 2, text[i]);
	rc = sqlite3_step(q);
	kn_store_stmt_done(st, q);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* ---- the names the corpus knows ---- */

static const char *const load_sql[] = {
	"SELECT key, name FROM actors ORDER BY aid",
	("SELECT key, name FROM effect_links WHERE provenance = 'card'"
	 " ORDER BY key, name"),
	"SELECT key, name FROM aliases ORDER BY key",
	"SELECT target_key, target_name FROM aliases ORDER BY key",
	"SELECT key, canonical_name, canonical_key FROM aliases ORDER BY key",
};

static int load_rows(kn_store *st, kn_dict *d, const char *sql, int canon)
{
	sqlite3_stmt *q = kn_lk_prep(st, sql);
	int rc;

	if (!q)
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		if (kn_dict_add(d, (const char *)sqlite3_column_text(q, 0),
				(const char *)sqlite3_column_text(q, 1),
				canon ? (const char *)sqlite3_column_text(q, 2)
				      : NULL) < 0)
			break;
	kn_store_stmt_done(st, q);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The dictionary, read from the corpus when not in memory; NULL when
 * detection is off or on failure (*failed then set). */
/* PRAGMA data_version: changes when another connection commits. */
static int data_version(kn_store *st)
{
	sqlite3_stmt *q = kn_lk_prep(st, "PRAGMA data_version");
	int v = -1;

	if (q && sqlite3_step(q) == SQLITE_ROW)
		v = sqlite3_column_int(q, 0);
	if (q)
		kn_store_stmt_done(st, q);
	return v;
}

kn_dict *kn_lk_dict(kn_store *st, struct kn_link_state *L, int *failed)
{
	size_t i;

	*failed = 0;
	if (L->off)
		return NULL;
	if (L->dict)
		return L->dict;
	L->version = data_version(st);
	if (!(L->dict = kn_dict_new()))
		goto fail;
	for (i = 0; i < sizeof load_sql / sizeof load_sql[0]; i++)
		if (load_rows(st, L->dict, load_sql[i], i == 4))
			goto fail;
	return L->dict;
fail:
	kn_dict_free(L->dict);
	L->dict = NULL;
	*failed = 1;
	return NULL;
}

int kn_lk_queue_key(char ***v, size_t *n, size_t *cap, const char *key)
{
	char *k = strdup(key);

	if (!k || KN_GROW(*v, *cap, *n + 1)) {
		free(k);
		return -1;
	}
	(*v)[(*n)++] = k;
	return 0;
}

/* Makes the name known; a new one is queued for the effects stored
 * before it.  0 on success. */
static int know(struct kn_link_state *L, const char *key, const char *name)
{
	int added;

	if (!L->dict)
		return 0;
	added = kn_dict_add(L->dict, key, name, NULL);
	if (added <= 0)
		return added;
	if (KN_GROW(L->names, L->cap_names, L->n_names + 1) ||
	    !(L->names[L->n_names].key = strdup(key)))
		return -1;
	L->names[L->n_names++].seq = L->seq;
	return 0;
}

/* 1 when the corpus still gives the name key, 0 when not, -1 on error. */
static int still_known(kn_store *st, const char *key)
{
	static const char sql[] =
		"SELECT EXISTS (SELECT 1 FROM actors WHERE key = ?1)"
		" OR EXISTS (SELECT 1 FROM effect_links WHERE key = ?1"
		"  AND provenance = 'card')"
		" OR EXISTS (SELECT 1 FROM aliases WHERE key = ?1 OR target_key = ?1)";
	sqlite3_stmt *q = kn_lk_prep(st, sql);
	int rc, known = -1;

	if (!q)
		return -1;
	bind_str(q, 1, key);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		known = sqlite3_column_int(q, 0) != 0;
	kn_store_stmt_done(st, q);
	return known;
}

/* ---- the puts of this transaction ---- */

static int note_put(struct kn_link_state *L, sqlite3_int64 sid)
{
	size_t i;

	if (2 * (L->n_puts + 1) > L->cap_puts) {
		put_slot *old = L->puts;
		size_t cap = L->cap_puts ? 2 * L->cap_puts : 1024, k, j;

		if (!(L->puts = calloc(cap, sizeof *L->puts))) {
			L->puts = old;
			return -1;
		}
		for (k = 0; k < L->cap_puts; k++) {
			if (!old[k].sid)
				continue;
			for (j = (size_t)old[k].sid & (cap - 1); L->puts[j].sid;
			     j = (j + 1) & (cap - 1))
				;
			L->puts[j] = old[k];
		}
		free(old);
		L->cap_puts = cap;
	}
	for (i = (size_t)sid & (L->cap_puts - 1);
	     L->puts[i].sid && L->puts[i].sid != sid; i = (i + 1) & (L->cap_puts - 1))
		;
	if (!L->puts[i].sid)
		L->n_puts++;
	L->puts[i].sid = sid;
	L->puts[i].seq = L->seq;
	return 0;
}

/* When sid was last put in this transaction (0: not). */
unsigned long kn_lk_put_seq(const struct kn_link_state *L, sqlite3_int64 sid)
{
	size_t i;

	if (!L->cap_puts)
		return 0;
	for (i = (size_t)sid & (L->cap_puts - 1); L->puts[i].sid;
	     i = (i + 1) & (L->cap_puts - 1))
		if (L->puts[i].sid == sid)
			return L->puts[i].seq;
	return 0;
}

/* ---- writing one effect's links ---- */

static const char sql_clear_all[] = "DELETE FROM effect_links WHERE sid = ?1";
static const char sql_clear_kept[] =
	"DELETE FROM effect_links WHERE sid = ?1 AND rejected = 0";
const char kn_lk_clear_detected[] =
	"DELETE FROM effect_links WHERE sid = ?1 AND provenance = 'detected'"
	" AND rejected = 0";
/* the card's link replaces a detection (rejected or not) of the name */
static const char sql_card[] =
	"INSERT INTO effect_links (sid, eid, key, name, role, provenance, "
	KN_LINK_COPY_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, 'card', "
	KN_LINK_COPY_VALUES("?1", "?2") ") ON CONFLICT (sid, eid, key)"
	" DO UPDATE SET name = excluded.name, role = excluded.role,"
	" provenance = 'card', matched = NULL, match_offset = NULL, rejected = 0, "
	KN_LINK_COPY_EXCLUDED " WHERE effect_links.provenance = 'detected'";
/* a detection found again keeps its rejection */
static const char sql_found[] =
	"INSERT INTO effect_links (sid, eid, key, name, role, provenance,"
	" matched, match_offset, " KN_LINK_COPY_COLUMNS ") VALUES (?1, ?2, ?3,"
	" ?4, 'named', 'detected', ?5, ?6, " KN_LINK_COPY_VALUES("?1", "?2")
	") ON CONFLICT (sid, eid, key) DO UPDATE SET"
	" name = excluded.name, matched = excluded.matched,"
	" match_offset = excluded.match_offset, " KN_LINK_COPY_EXCLUDED
	" WHERE effect_links.provenance = 'detected'";

void kn_lk_matcher_release(kn_lk_matcher *m)
{
	kn_founds_release(&m->found);
	free(m->set);
	memset(m, 0, sizeof *m);
}

/* Empties the set of canonical keys, with room for n. */
static int set_reset(kn_lk_matcher *m, size_t n)
{
	size_t cap = 16;

	while (cap < 2 * n)
		cap *= 2;
	if (cap > m->cap_set) {
		free(m->set);
		m->cap_set = 0;
		if (!(m->set = malloc(cap * sizeof *m->set)))
			return -1;
		m->cap_set = cap;
	}
	memset(m->set, 0, m->cap_set * sizeof *m->set);
	return 0;
}

/* 1 when key was not in the set (now it is), 0 when it was. */
static int set_add(kn_lk_matcher *m, const char *key)
{
	size_t mask = m->cap_set - 1;
	size_t i = (size_t)kn_hash64(key, strlen(key)) & mask;

	for (; m->set[i]; i = (i + 1) & mask)
		if (strcmp(m->set[i], key) == 0)
			return 0;
	m->set[i] = key;
	return 1;
}

int kn_lk_write_found(kn_store *st, sqlite3_int64 sid, const char *eid,
		      const kn_found *f, const char *text)
{
	sqlite3_stmt *q = kn_lk_prep(st, sql_found);
	int rc;

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, sid);
	bind_str(q, 2, eid);
	bind_str(q, 3, f->key);
	bind_str(q, 4, f->name);
	sqlite3_bind_text(q, 5, text + f->off, (int)f->len, SQLITE_STATIC);
	sqlite3_bind_int64(q, 6, (sqlite3_int64)f->off);
	rc = sqlite3_step(q);
	kn_store_stmt_done(st, q);
	return rc == SQLITE_DONE ? 0 : -1;
}

int kn_lk_match(kn_lk_matcher *m, const kn_dict *d, const char *text,
		size_t len, char *const *cards, size_t n_cards)
{
	size_t i, n = 0;

	if (kn_dict_scan(d, text, len, &m->found))
		return -1;
	if (!m->found.n)
		return 0;
	if (set_reset(m, n_cards + m->found.n))
		return -1;
	for (i = 0; i < n_cards; i++) {
		const char *c = kn_dict_canonical(d, cards[i]);

		set_add(m, c ? c : cards[i]);
	}
	for (i = 0; i < m->found.n; i++)
		if (set_add(m, m->found.items[i].canonical))
			m->found.items[n++] = m->found.items[i];
	m->found.n = n;
	return 0;
}

/* Finds the known names in one effect's text and links them, but for
 * an actor the card links there (cards: its keys) and for a second
 * mention of one actor (after aliases). */
int kn_lk_detect_effect(kn_store *st, struct kn_link_state *L,
			 sqlite3_int64 sid, const char *eid, const char *text,
			 char *const *cards, size_t n_cards)
{
	size_t i;

	if (kn_lk_match(&L->m, L->dict, text, strlen(text), cards, n_cards))
		return -1;
	for (i = 0; i < L->m.found.n; i++)
		if (kn_lk_write_found(st, sid, eid, &L->m.found.items[i], text))
			return -1;
	return 0;
}

/* Writes the card's links of effect e; its actors' keys go to keys
 * (room for e->n_actors; the caller frees them). */
static int write_cards(kn_store *st, struct kn_link_state *L,
		       sqlite3_int64 sid, const kn_effect *e, char **keys)
{
	size_t k;

	for (k = 0; k < e->n_actors; k++) {
		const kn_effect_actor *a = &e->actors[k];
		const char *v[4];

		if (!(keys[k] = kn_actor_key(a->name)))
			return -1;
		if (!keys[k][0]) /* names no actor: refused by the model */
			continue;
		v[0] = e->id;
		v[1] = keys[k];
		v[2] = a->name;
		v[3] = kn_effect_role_name(a->role);
		if (kn_lk_exec(st, sql_card, sid, v, 4) ||
		    know(L, keys[k], a->name))
			return -1;
	}
	return 0;
}

static int put_effects(kn_store *st, struct kn_link_state *L,
		       const kn_signal *g, sqlite3_int64 sid)
{
	size_t i, k;
	int rc = 0;

	for (i = 0; i < g->n_effects && !rc; i++) {
		const kn_effect *e = &g->effects[i];
		char **keys = calloc(e->n_actors + 1, sizeof *keys);

		if (!keys)
			return -1;
		rc = write_cards(st, L, sid, e, keys);
		for (k = 0; k < e->n_actors; k++)
			free(keys[k]);
		free(keys);
	}
	/* detection after every card link of the signal is known */
	for (i = 0; i < g->n_effects && !rc && L->dict; i++) {
		const kn_effect *e = &g->effects[i];
		char **keys = calloc(e->n_actors + 1, sizeof *keys);

		for (k = 0; keys && k < e->n_actors; k++)
			if (!(keys[k] = kn_actor_key(e->actors[k].name)))
				break;
		rc = !keys || k < e->n_actors ||
		     kn_lk_detect_effect(st, L, sid, e->id, e->text, keys, e->n_actors);
		for (k = 0; keys && k < e->n_actors; k++)
			free(keys[k]);
		free(keys);
	}
	return rc ? -1 : 0;
}

static int know_roles(struct kn_link_state *L, const kn_signal *g)
{
	size_t j;

	for (j = 0; L->dict && j < kn_signal_n_actors(g); j++) {
		const kn_actor_ref *a = kn_signal_actor(g, j, NULL);
		char *key = kn_actor_key(a->name);
		int rc = key ? know(L, key, a->name) : -1;

		free(key);
		if (rc)
			return -1;
	}
	return 0;
}

int kn_links_before_put(kn_store *st, sqlite3_int64 sid)
{
	static const char sql[] =
		"SELECT a.key FROM roles r JOIN actors a ON a.aid = r.aid"
		" WHERE r.sid = ?1 UNION SELECT key FROM effect_links"
		" WHERE sid = ?1 AND provenance = 'card' ORDER BY 1";
	struct kn_link_state *L = kn_lk_state(st);
	sqlite3_stmt *q;
	int rc, failed;

	if (!L)
		return -1;
	kn_lk_free_keys(L->old, &L->n_old);
	/* another process may have added names since they were read (a
	 * transaction's first put asks) */
	if (L->dict && !L->n_puts && data_version(st) != L->version) {
		kn_dict_free(L->dict);
		L->dict = NULL;
	}
	/* read before the put writes: its new names must be seen as new */
	kn_lk_dict(st, L, &failed);
	if (failed)
		return -1;
	if (L->off || !sid)
		return 0;
	if (!(q = kn_lk_prep(st, sql)))
		return -1;
	sqlite3_bind_int64(q, 1, sid);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		if (kn_lk_queue_key(&L->old, &L->n_old, &L->cap_old,
			      (const char *)sqlite3_column_text(q, 0)))
			break;
	kn_store_stmt_done(st, q);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The names the replaced signal gave that the corpus no longer gives
 * leave the dictionary; their links are looked at again. */
static int drop_old(kn_store *st, struct kn_link_state *L)
{
	size_t i;
	int known;

	for (i = 0; i < L->n_old; i++) {
		if ((known = still_known(st, L->old[i])) < 0)
			return -1;
		if (known)
			continue;
		if (L->dict)
			kn_dict_remove(L->dict, L->old[i]);
		if (kn_lk_queue_key(&L->gone, &L->n_gone, &L->cap_gone, L->old[i]))
			return -1;
	}
	kn_lk_free_keys(L->old, &L->n_old);
	return 0;
}

int kn_links_before_rm(kn_store *st, sqlite3_int64 sid)
{
	return kn_links_before_put(st, sid) ||
	       kn_lk_exec(st, sql_clear_all, sid, NULL, 0) ? -1 : 0;
}

int kn_links_after_rm(kn_store *st)
{
	struct kn_link_state *L = kn_lk_state(st);

	return L ? drop_old(st, L) : -1;
}

int kn_links_put(kn_store *st, const kn_signal *g, sqlite3_int64 sid,
		 int update)
{
	struct kn_link_state *L = kn_lk_state(st);
	int failed;

	if (!L)
		return -1;
	L->seq++;
	if (note_put(L, sid) ||
	    kn_lk_exec(st, update ? sql_clear_kept : sql_clear_all, sid, NULL, 0))
		return -1;
	kn_lk_dict(st, L, &failed);
	if (failed || know_roles(L, g) || put_effects(st, L, g, sid))
		return -1;
	/* the rejections it kept: the effect's order or the numbers may
	 * have changed */
	if (update && kn_lk_exec(st, kn_lk_refresh_copies, sid, NULL, 0))
		return -1;
	return update ? drop_old(st, L) : 0;
}

