/* Rescanning effects (links.h): when a name comes or goes, the effects
 * that may mention it or that link it, found through the full-text index
 * or the links' index, are scanned again just before the commit. */
#include "links_state.h"

#include <stdlib.h>
#include <string.h>

static void bind_str(sqlite3_stmt *q, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(q, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(q, i);
}

/* ---- rescans ---- */

/* The card's links of signal sid: eids[i] links keys[i]. */
typedef struct card_links {
	char **eids, **keys;
	size_t n, cap_e, cap_k;
} card_links;

static void cards_release(card_links *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->eids[i]);
		free(c->keys[i]);
	}
	free(c->eids);
	free(c->keys);
	memset(c, 0, sizeof *c);
}

static int cards_read(kn_store *st, sqlite3_int64 sid, card_links *c)
{
	static const char sql[] =
		"SELECT eid, key FROM effect_links WHERE sid = ?1"
		" AND provenance = 'card' ORDER BY eid, key";
	sqlite3_stmt *q = kn_lk_prep(st, sql);
	int rc;

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, sid);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		char *e, *k;

		if (KN_GROW(c->eids, c->cap_e, c->n + 1) ||
		    KN_GROW(c->keys, c->cap_k, c->n + 1))
			break;
		e = strdup((const char *)sqlite3_column_text(q, 0));
		k = strdup((const char *)sqlite3_column_text(q, 1));
		if (!e || !k) {
			free(e);
			free(k);
			break;
		}
		c->eids[c->n] = e;
		c->keys[c->n++] = k;
	}
	kn_store_stmt_done(st, q);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Scans the effects of sid (the dictionary in memory). */
static int rescan(kn_store *st, struct kn_link_state *L, sqlite3_int64 sid)
{
	static const char sql[] =
		"SELECT eid, text FROM effects WHERE sid = ?1 ORDER BY position";
	card_links c;
	sqlite3_stmt *q;
	size_t from = 0, to;
	int rc = SQLITE_DONE;

	memset(&c, 0, sizeof c);
	if (kn_lk_exec(st, kn_lk_clear_detected, sid, NULL, 0) ||
	    cards_read(st, sid, &c) || !(q = kn_lk_prep(st, sql))) {
		cards_release(&c);
		return -1;
	}
	sqlite3_bind_int64(q, 1, sid);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *eid = (const char *)sqlite3_column_text(q, 0);

		/* the card links are sorted by eid: find this effect's run */
		for (from = 0; from < c.n && strcmp(c.eids[from], eid) != 0; from++)
			;
		for (to = from; to < c.n && strcmp(c.eids[to], eid) == 0; to++)
			;
		if (kn_lk_detect_effect(st, L, sid, eid,
				  (const char *)sqlite3_column_text(q, 1),
				  c.keys + from, to - from)) {
			rc = SQLITE_ERROR;
			break;
		}
	}
	kn_store_stmt_done(st, q);
	cards_release(&c);
	return rc == SQLITE_DONE ? 0 : -1;
}

int kn_links_rescan(kn_store *st, sqlite3_int64 sid)
{
	struct kn_link_state *L = kn_lk_state(st);
	int failed;

	if (!L || (!kn_lk_dict(st, L, &failed) && failed))
		return -1;
	return L->dict ? rescan(st, L, sid) : 0;
}

static int add_sid(struct kn_link_state *L, sqlite3_int64 sid)
{
	if (KN_GROW(L->sids, L->cap_sids, L->n_sids + 1))
		return -1;
	L->sids[L->n_sids++] = sid;
	return 0;
}

/* The signals whose effects may mention the new name p: every one the
 * full-text index finds it in, but those put after it came. */
static int mentions(kn_store *st, struct kn_link_state *L, const pending *p)
{
	static const char sql[] =
		"SELECT rowid FROM signals_fts WHERE signals_fts MATCH ?1"
		" ORDER BY rowid";
	kn_buf phrase = KN_BUF_INIT;
	sqlite3_stmt *q;
	const char *k;
	int rc = SQLITE_DONE, words = 0;

	/* a phrase query of the name in the effects column; FTS5 cuts it
	 * into its own tokens (and folds diacritics: more candidates) */
	kn_buf_puts(&phrase, "effects : \"");
	for (k = p->key; *k; k++) {
		unsigned char c = (unsigned char)*k;

		words |= c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
		kn_buf_append(&phrase, k, 1);
		if (c == '"')
			kn_buf_putc(&phrase, '"');
	}
	kn_buf_putc(&phrase, '"');
	if (!words || kn_buf_failed(&phrase) || !(q = kn_lk_prep(st, sql))) {
		rc = words && !kn_buf_failed(&phrase) ? SQLITE_ERROR : SQLITE_DONE;
		kn_buf_release(&phrase);
		return rc == SQLITE_DONE ? 0 : -1;
	}
	sqlite3_bind_text(q, 1, phrase.data, (int)phrase.len, SQLITE_STATIC);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		sqlite3_int64 sid = sqlite3_column_int64(q, 0);
		unsigned long seq = kn_lk_put_seq(L, sid);

		if ((!seq || seq < p->seq) && add_sid(L, sid)) {
			rc = SQLITE_ERROR;
			break;
		}
	}
	kn_store_stmt_done(st, q);
	kn_buf_release(&phrase);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The signals with a link to key. */
static int linked(kn_store *st, struct kn_link_state *L, const char *key)
{
	static const char sql[] =
		"SELECT DISTINCT sid FROM effect_links WHERE key = ?1 ORDER BY sid";
	sqlite3_stmt *q = kn_lk_prep(st, sql);
	int rc;

	if (!q)
		return -1;
	bind_str(q, 1, key);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		if (add_sid(L, sqlite3_column_int64(q, 0))) {
			rc = SQLITE_ERROR;
			break;
		}
	kn_store_stmt_done(st, q);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int by_sid(const void *a, const void *b)
{
	sqlite3_int64 x = *(const sqlite3_int64 *)a, y = *(const sqlite3_int64 *)b;

	return x < y ? -1 : x > y;
}

int kn_links_commit(kn_store *st)
{
	struct kn_link_state *L = *kn_store_link_state(st);
	size_t i, n = 0;
	int failed, rc = 0;

	if (!L || (!L->n_names && !L->n_gone) || !kn_lk_dict(st, L, &failed)) {
		if (L)
			kn_lk_clear_queue(L);
		return L && L->n_names + L->n_gone && failed ? -1 : 0;
	}
	L->n_sids = 0;
	for (i = 0; i < L->n_names && !rc; i++)
		rc = mentions(st, L, &L->names[i]);
	for (i = 0; i < L->n_gone && !rc; i++)
		rc = linked(st, L, L->gone[i]);
	if (L->n_sids)
		qsort(L->sids, L->n_sids, sizeof *L->sids, by_sid);
	for (i = 0; i < L->n_sids && !rc; i++)
		if (!n || L->sids[n - 1] != L->sids[i])
			L->sids[n++] = L->sids[i];
	for (i = 0; i < n && !rc; i++)
		rc = rescan(st, L, L->sids[i]);
	kn_lk_clear_queue(L);
	return rc;
}

int kn_links_alias_changed(kn_store *st, const char *key, const char *target_key)
{
	static const char sql[] =
		"SELECT key FROM aliases UNION SELECT target_key FROM aliases"
		" UNION SELECT canonical_key FROM aliases ORDER BY 1";
	struct kn_link_state *L = kn_lk_state(st);
	const char *names[2] = { key, target_key };
	sqlite3_stmt *q;
	int rc, failed, i;

	if (!L || L->off)
		return L ? 0 : -1;
	L->seq++;
	kn_dict_free(L->dict); /* aliases give names and canonical keys */
	L->dict = NULL;
	if (!kn_lk_dict(st, L, &failed))
		return -1;
	for (i = 0; i < 2 && names[i]; i++) {
		if (KN_GROW(L->names, L->cap_names, L->n_names + 1) ||
		    !(L->names[L->n_names].key = strdup(names[i])))
			return -1;
		L->names[L->n_names++].seq = L->seq;
	}
	/* every key an alias touches may resolve elsewhere now */
	if (kn_lk_queue_key(&L->gone, &L->n_gone, &L->cap_gone, key) ||
	    !(q = kn_lk_prep(st, sql)))
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		if (kn_lk_queue_key(&L->gone, &L->n_gone, &L->cap_gone,
			      (const char *)sqlite3_column_text(q, 0)))
			break;
	kn_store_stmt_done(st, q);
	return rc == SQLITE_DONE ? 0 : -1;
}

kn_status kn_links_scan_all(kn_store *st, kn_error *err)
{
	static const char clear[] =
		"DELETE FROM effect_links WHERE NOT EXISTS (SELECT 1 FROM signals s"
		" WHERE s.sid = effect_links.sid);"
		"DELETE FROM effect_links WHERE provenance = 'detected'"
		" AND rejected = 0";
	struct kn_link_state *L = kn_lk_state(st);
	sqlite3 *db = kn_store_db(st);
	kn_status s = KN_OK;
	int off, failed;

	if (!L)
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	off = L->off;
	L->off = 0;
	kn_dict_free(L->dict);
	L->dict = NULL;
	/* the scan writes detections only (role 'named', provenance
	 * 'detected': constants of the statement), so their CHECKs are not
	 * run: SQLite 3.40 tests role's list of three through a temporary
	 * table made and freed at each row, two thirds of a link's write */
	if (!kn_lk_dict(st, L, &failed) ||
	    sqlite3_exec(db, clear, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA ignore_check_constraints = ON", NULL, NULL,
			 NULL) != SQLITE_OK ||
	    kn_lk_scan_effects(st, L))
		s = kn_store_fail(st, err, "cannot scan the effects");
	sqlite3_exec(db, "PRAGMA ignore_check_constraints = OFF", NULL, NULL, NULL);
	L->off = off;
	kn_lk_clear_queue(L);
	if (off) {
		kn_dict_free(L->dict);
		L->dict = NULL;
	}
	return s;
}

/* The scan a corpus gains links by (at 2) writes them as the last
 * version has them (5: with their copies), so it runs after the last
 * step. */
kn_status kn_links_migrated(void *ctx, int version, kn_error *err)
{
	struct kn_link_state *L = kn_lk_state(ctx);

	if (!L)
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	if (version <= 2)
		L->scan_due = version == 2;
	if (version < KN_SCHEMA_VERSION || !L->scan_due)
		return KN_OK;
	L->scan_due = 0;
	return kn_links_scan_all(ctx, err);
}
