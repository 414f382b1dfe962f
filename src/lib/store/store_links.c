/* The SQLite backend's effect-link operations (knockon/ripple.h): the
 * links of the corpus, rejecting and restoring a detection, and scanning
 * every effect again.  Keeping them current is links_state.c's work. */
#include "links.h"

#include <stdlib.h>
#include <string.h>

#include "knockon/ripple.h"
#include "schema.h"
#include "kn_text.h"

/* The keys of the actor keyed ?N after aliases: its canonical key and
 * every alias of that. */
#define GROUP_OF(p)                                                        \
	"(WITH t(k) AS (SELECT COALESCE((SELECT canonical_key FROM aliases"  \
	" WHERE key = " p "), " p ")) SELECT k FROM t UNION SELECT key"       \
	" FROM aliases WHERE canonical_key = (SELECT k FROM t))"

static kn_status nomem(kn_error *err)
{
	return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
}

void kn_link_list_init(kn_link_list *l)
{
	memset(l, 0, sizeof *l);
}

void kn_link_list_release(kn_link_list *l)
{
	size_t i;

	if (!l)
		return;
	for (i = 0; i < l->n; i++) {
		free(l->items[i].signal);
		free(l->items[i].effect);
		free(l->items[i].actor);
		free(l->items[i].name);
		free(l->items[i].matched);
	}
	free(l->items);
	kn_link_list_init(l);
}

static char *col_dup(sqlite3_stmt *q, int i)
{
	const char *v = (const char *)sqlite3_column_text(q, i);

	return v ? strdup(v) : NULL;
}

static int add_link(kn_link_list *l, sqlite3_stmt *q)
{
	kn_link *k;
	kn_effect_role role = KN_EFFECT_NAMED;

	if (KN_GROW(l->items, l->cap, l->n + 1))
		return -1;
	k = &l->items[l->n++];
	memset(k, 0, sizeof *k);
	k->signal = col_dup(q, 0);
	k->effect = col_dup(q, 1);
	k->order = sqlite3_column_int(q, 2);
	k->actor = col_dup(q, 3);
	k->name = col_dup(q, 4);
	kn_effect_role_parse((const char *)sqlite3_column_text(q, 5), &role);
	k->role = role;
	k->detected = strcmp((const char *)sqlite3_column_text(q, 6), "card") != 0;
	k->matched = col_dup(q, 7);
	k->offset = sqlite3_column_type(q, 8) == SQLITE_NULL
			    ? -1 : sqlite3_column_int64(q, 8);
	k->rejected = sqlite3_column_int(q, 9) != 0;
	return k->signal && k->effect && k->actor && k->name &&
	       (k->matched || !k->detected) ? 0 : -1;
}

static const char list_head[] =
	"SELECT s.id, l.eid, e.ord,"
	" COALESCE(ca.name, al.canonical_name, a.name, l.name), l.name, l.role,"
	" l.provenance, l.matched, l.match_offset, l.rejected"
	" FROM effect_links l JOIN signals s ON s.sid = l.sid"
	" JOIN effects e ON e.sid = l.sid AND e.eid = l.eid"
	" LEFT JOIN aliases al ON al.key = l.key"
	" LEFT JOIN actors ca ON ca.key = al.canonical_key"
	" LEFT JOIN actors a ON a.key = l.key"
	" WHERE l.rejected = ?1";
static const char list_actor[] = " AND l.key IN " GROUP_OF("?2");
static const char list_tail[] =
	" ORDER BY s.published DESC, s.id, e.position, l.provenance,"
	" l.match_offset, l.key LIMIT ?";

static kn_status list_rows(kn_store *st, const char *key, const kn_filter *f,
			   int rejected, kn_link_list *out, kn_error *err)
{
	kn_buf sql = KN_BUF_INIT;
	sqlite3_stmt *q;
	kn_status s;
	int i, rc;

	kn_buf_puts(&sql, list_head);
	if (key)
		kn_buf_puts(&sql, list_actor);
	kn_filter_sql(f, "s", &sql);
	kn_buf_puts(&sql, list_tail);
	if (kn_buf_failed(&sql))
		return nomem(err);
	s = kn_store_stmt(st, kn_buf_cstr(&sql), "cannot read the links", &q, err);
	kn_buf_release(&sql);
	if (s)
		return s;
	sqlite3_bind_int(q, 1, rejected != 0);
	if (key)
		sqlite3_bind_text(q, 2, key, -1, SQLITE_STATIC);
	i = kn_filter_bind(q, f, key ? 3 : 2);
	sqlite3_bind_int64(q, i, f && f->limit > 0 ? f->limit : -1);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		if (add_link(out, q)) {
			s = nomem(err);
			break;
		}
	if (!s && rc != SQLITE_DONE)
		s = kn_store_fail(st, err, "cannot read the links");
	kn_store_stmt_done(st, q);
	return s;
}

kn_status kn_sqlite_links(kn_store *st, const char *actor, const kn_filter *f,
			  int rejected, kn_link_list *out, kn_error *err)
{
	char *key = NULL;
	kn_status s;

	kn_link_list_release(out);
	if (f && (s = kn_filter_check(f, err)))
		return s;
	if (kn_schema_version(kn_store_db(st)) < 2)
		return KN_OK; /* a corpus from before links, read only: none */
	if (actor && !(key = kn_actor_key(actor)))
		return nomem(err);
	s = list_rows(st, key, f, rejected, out, err);
	free(key);
	if (s)
		kn_link_list_release(out);
	return s;
}

/* ---- rejecting and restoring ---- */

/* One write of its own, or a savepoint of the batch under way. */
static kn_status tx_begin(kn_store *st, int *own, kn_error *err)
{
	*own = !kn_store_in_batch(st);
	if (*own)
		return kn_store_begin(st, err);
	if (sqlite3_exec(kn_store_db(st), "SAVEPOINT kn_link", NULL, NULL,
			 NULL) != SQLITE_OK)
		return kn_store_fail(st, err, "cannot change the links");
	return KN_OK;
}

static kn_status tx_end(kn_store *st, int own, kn_status s, kn_error *err)
{
	if (own) {
		if (s == KN_OK)
			return kn_store_commit(st, err);
		kn_store_rollback(st);
		return s;
	}
	if (s == KN_OK &&
	    sqlite3_exec(kn_store_db(st), "RELEASE kn_link", NULL, NULL,
			 NULL) == SQLITE_OK)
		return KN_OK;
	if (s == KN_OK)
		s = kn_store_fail(st, err, "cannot change the links");
	sqlite3_exec(kn_store_db(st), "ROLLBACK TO kn_link; RELEASE kn_link",
		     NULL, NULL, NULL);
	kn_links_forget(st);
	return s;
}

/* The row of signal id that has effect eid; KN_ERR_NOTFOUND when none. */
static kn_status find_effect(kn_store *st, const char *id, const char *eid,
			     sqlite3_int64 *sid, kn_error *err)
{
	static const char sql[] =
		"SELECT s.sid, EXISTS (SELECT 1 FROM effects e WHERE e.sid = s.sid"
		" AND e.eid = ?2) FROM signals s WHERE s.id = ?1";
	sqlite3_stmt *q;
	kn_status s = kn_store_stmt(st, sql, "cannot read the links", &q, err);
	int rc, has = 0;

	if (s)
		return s;
	sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, eid, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*sid = sqlite3_column_int64(q, 0);
		has = sqlite3_column_int(q, 1);
	}
	kn_store_stmt_done(st, q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return kn_store_fail(st, err, "cannot read the links");
	if (rc == SQLITE_DONE)
		return kn_error_set(err, KN_ERR_NOTFOUND, NULL, 0, 0, NULL,
				    "no signal with id \"%s\"", id);
	if (!has)
		return kn_error_set(err, KN_ERR_NOTFOUND, NULL, 0, 0, NULL,
				    "signal \"%s\" has no effect \"%s\"", id, eid);
	return KN_OK;
}

/* How effect (sid, eid) links the actor keyed key: counts of the card's
 * links, of detections in force and of rejected ones. */
static kn_status effect_links_of(kn_store *st, sqlite3_int64 sid,
				 const char *eid, const char *key, int n[3],
				 kn_error *err)
{
	static const char sql[] =
		"SELECT total(provenance = 'card'),"
		" total(provenance = 'detected' AND rejected = 0),"
		" total(rejected = 1) FROM effect_links"
		" WHERE sid = ?1 AND eid = ?2 AND key IN " GROUP_OF("?3");
	sqlite3_stmt *q;
	kn_status s = kn_store_stmt(st, sql, "cannot read the links", &q, err);
	int rc, i;

	if (s)
		return s;
	sqlite3_bind_int64(q, 1, sid);
	sqlite3_bind_text(q, 2, eid, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	for (i = 0; i < 3; i++)
		n[i] = rc == SQLITE_ROW ? sqlite3_column_int(q, i) : 0;
	kn_store_stmt_done(st, q);
	return rc == SQLITE_ROW ? KN_OK
				: kn_store_fail(st, err, "cannot read the links");
}

static kn_status exec_link(kn_store *st, const char *sql, sqlite3_int64 sid,
			   const char *eid, const char *key, kn_error *err)
{
	sqlite3_stmt *q;
	kn_status s = kn_store_stmt(st, sql, "cannot change the links", &q, err);
	int rc;

	if (s)
		return s;
	sqlite3_bind_int64(q, 1, sid);
	sqlite3_bind_text(q, 2, eid, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	kn_store_stmt_done(st, q);
	return rc == SQLITE_DONE ? KN_OK
				 : kn_store_fail(st, err, "cannot change the links");
}

static kn_status mark(kn_store *st, sqlite3_int64 sid, const char *id,
		      const char *eid, const char *name, const char *key,
		      int reject, kn_error *err)
{
	int n[3];
	kn_status s = effect_links_of(st, sid, eid, key, n, err);

	if (s)
		return s;
	if (reject && n[0])
		return kn_error_set(err, KN_ERR_INVALID, NULL, 0, 0, NULL,
				    "the card of \"%s\" links \"%s\" to effect \"%s\" itself; edit the card to change it",
				    id, name, eid);
	if (reject && !n[1])
		return n[2] ? KN_OK
			    : kn_error_set(err, KN_ERR_NOTFOUND, NULL, 0, 0, NULL,
					   "effect \"%s:%s\" has no detected link to \"%s\"",
					   id, eid, name);
	if (reject)
		return exec_link(st,
				 "UPDATE effect_links SET rejected = 1 WHERE sid = ?1"
				 " AND eid = ?2 AND provenance = 'detected' AND key IN "
				 GROUP_OF("?3"), sid, eid, key, err);
	if (!n[2])
		return kn_error_set(err, KN_ERR_NOTFOUND, NULL, 0, 0, NULL,
				    "effect \"%s:%s\" has no rejected link to \"%s\"",
				    id, eid, name);
	s = exec_link(st,
		      "DELETE FROM effect_links WHERE sid = ?1 AND eid = ?2"
		      " AND rejected = 1 AND key IN " GROUP_OF("?3"),
		      sid, eid, key, err);
	if (!s && kn_links_rescan(st, sid))
		s = kn_store_fail(st, err, "cannot scan the effect again");
	return s;
}

kn_status kn_sqlite_link_mark(kn_store *st, const char *signal_id,
			      const char *effect_id, const char *name,
			      int reject, kn_error *err)
{
	char *key = kn_actor_key(name ? name : "");
	sqlite3_int64 sid = 0;
	kn_status s;
	int own;

	if (!key)
		return nomem(err);
	if (!key[0]) {
		free(key);
		return kn_error_set(err, KN_ERR_INVALID, NULL, 0, 0, NULL,
				    "\"%s\" names no actor", name ? name : "");
	}
	if (!(s = tx_begin(st, &own, err))) {
		s = find_effect(st, signal_id, effect_id, &sid, err);
		if (!s)
			s = mark(st, sid, signal_id, effect_id, name, key, reject,
				 err);
		s = tx_end(st, own, s, err);
	}
	free(key);
	return s;
}

kn_status kn_sqlite_links_detect(kn_store *st, kn_error *err)
{
	kn_status s;
	int own;

	if ((s = tx_begin(st, &own, err)))
		return s;
	return tx_end(st, own, kn_links_scan_all(st, err), err);
}
