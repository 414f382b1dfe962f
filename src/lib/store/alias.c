/* Aliases: "NAME is CANONICAL".  Each alias is kept as given (key ->
 * target_key) and what it resolves to (canonical_key) is recomputed from
 * those edges after every change.  Because the edges are never rewritten,
 * removing an alias restores exactly what was there before it. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#include "knockon/query.h"
#include "kn_text.h"
#include "links.h"

/* Follows every alias to the end of its chain; the display name of a
 * canonical key is the first (by key) spelling given for it. */
static const char resolve_sql[] =
	"WITH RECURSIVE chain(key, cur, depth) AS ("
	" SELECT key, target_key, 1 FROM aliases"
	" UNION ALL SELECT c.key, a.target_key, c.depth + 1"
	" FROM chain c JOIN aliases a ON a.key = c.cur WHERE c.depth < 1000)"
	" UPDATE aliases SET canonical_key = (SELECT cur FROM chain"
	"  WHERE chain.key = aliases.key ORDER BY depth DESC LIMIT 1);"
	"UPDATE aliases SET canonical_name = (SELECT b.target_name FROM aliases b"
	" WHERE b.target_key = aliases.canonical_key ORDER BY b.key LIMIT 1);";

/* An alias change is one write: a transaction of its own through the
 * store's (kn_store_begin / commit / rollback), or inside a batch already
 * under way a savepoint of that batch. */
typedef struct alias_tx {
	kn_store *st;
	int own; /* began the transaction (else a savepoint) */
} alias_tx;

static kn_status tx_begin(alias_tx *t, kn_store *st, kn_error *err)
{
	t->st = st;
	t->own = !kn_store_in_batch(st);
	if (t->own)
		return kn_store_begin(st, err);
	if (sqlite3_exec(kn_store_db(st), "SAVEPOINT kn_alias", NULL, NULL,
			 NULL) != SQLITE_OK)
		return kn_store_fail(st, err, "cannot change the aliases");
	return KN_OK;
}

/* Commits when s is KN_OK, else rolls back; returns the final status. */
static kn_status tx_end(alias_tx *t, kn_status s, kn_error *err)
{
	sqlite3 *db = kn_store_db(t->st);

	if (t->own) {
		if (s == KN_OK)
			return kn_store_commit(t->st, err);
		kn_store_rollback(t->st);
		return s;
	}
	if (s == KN_OK) {
		if (sqlite3_exec(db, "RELEASE kn_alias", NULL, NULL, NULL) ==
		    SQLITE_OK)
			return KN_OK;
		s = kn_store_fail(t->st, err, "cannot change the aliases");
	}
	sqlite3_exec(db, "ROLLBACK TO kn_alias; RELEASE kn_alias", NULL, NULL,
		     NULL);
	kn_links_forget(t->st); /* the names it read are undone */
	return s;
}

/* One text column of the first row of sql with ?1 = key (heap), or NULL
 * in *out when there is no row. */
static kn_status lookup(kn_store *st, const char *sql, const char *key,
			char **out, kn_error *err)
{
	sqlite3_stmt *q;
	int rc;

	kn_status s;

	*out = NULL;
	if ((s = kn_store_stmt(st, sql, "cannot read the aliases", &q, err)))
		return s;
	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*out = strdup((const char *)sqlite3_column_text(q, 0));
		kn_store_stmt_done(st, q);
		return *out ? KN_OK
			    : kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
					   "out of memory");
	}
	kn_store_stmt_done(st, q);
	if (rc != SQLITE_DONE)
		return kn_store_fail(st, err, "cannot read the aliases");
	return KN_OK;
}

static kn_status exec_bound(kn_store *st, const char *sql, const char *const *v,
			    int n, kn_error *err)
{
	sqlite3_stmt *q;
	int i, rc;
	kn_status s;

	if ((s = kn_store_stmt(st, sql, "cannot change the aliases", &q, err)))
		return s;
	for (i = 0; i < n; i++)
		sqlite3_bind_text(q, i + 1, v[i], -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	kn_store_stmt_done(st, q);
	if (rc != SQLITE_DONE)
		return kn_store_fail(st, err, "cannot change the aliases");
	return KN_OK;
}

static kn_status resolve(kn_store *st, kn_error *err)
{
	if (sqlite3_exec(kn_store_db(st), resolve_sql, NULL, NULL, NULL) != SQLITE_OK)
		return kn_store_fail(st, err, "cannot resolve the aliases");
	return KN_OK;
}

/* Refuses what cannot be an alias; KN_DONE when it is there already. */
static kn_status check_add(kn_store *st, const char *const *v, kn_error *err)
{
	char *target = NULL, *root = NULL;
	kn_status s;

	s = lookup(st, "SELECT target_key FROM aliases WHERE key = ?1", v[0],
		   &target, err);
	if (!s && target)
		s = strcmp(target, v[2]) == 0
			    ? KN_DONE
			    : kn_error_set(err, KN_ERR_INVALID, NULL, 0, 0, NULL,
					   "\"%s\" is already an alias of another actor;"
					   " remove it first (alias --remove)", v[1]);
	if (!s)
		s = lookup(st, "SELECT canonical_key FROM aliases WHERE key = ?1",
			   v[2], &root, err);
	if (!s && root && strcmp(root, v[0]) == 0)
		s = kn_error_set(err, KN_ERR_INVALID, NULL, 0, 0, NULL,
				 "cannot alias \"%s\" to \"%s\": \"%s\" is already"
				 " an alias of \"%s\"", v[1], v[3], v[3], v[1]);
	free(target);
	free(root);
	return s;
}

/* An alias name follows the rules for actor names in signals: valid
 * UTF-8, and something left once punctuation and invisible characters are
 * dropped (a non-empty key). */
static kn_status check_name(const char *name, const char *key, kn_error *err)
{
	if (kn_utf8_check(name, strlen(name)) >= 0)
		return kn_error_set(err, KN_ERR_INVALID, NULL, 0, 0, NULL,
				    "actor name \"%s\" is not valid UTF-8", name);
	if (!name[0])
		return kn_error_set(err, KN_ERR_INVALID, NULL, 0, 0, NULL,
				    "an actor name is empty");
	if (!key[0])
		return kn_error_set(err, KN_ERR_INVALID, NULL, 0, 0, NULL,
				    "actor name \"%s\" must name an actor, not only punctuation",
				    name);
	return KN_OK;
}

kn_status kn_sqlite_alias_add(kn_store *st, const char *name, const char *canonical,
		       kn_error *err)
{
	/* key, name, target key, target name */
	char *v[4] = { NULL, NULL, NULL, NULL };
	alias_tx t;
	kn_status s = KN_OK;
	int i;

	v[0] = kn_actor_key(name ? name : "");
	v[1] = kn_strndup_trim(name ? name : "", name ? strlen(name) : 0);
	v[2] = kn_actor_key(canonical ? canonical : "");
	v[3] = kn_strndup_trim(canonical ? canonical : "",
			       canonical ? strlen(canonical) : 0);
	for (i = 0; i < 4; i++)
		if (!v[i])
			s = kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	for (i = 0; i < 4 && !s; i += 2)
		s = check_name(v[i + 1], v[i], err);
	if (!s && strcmp(v[0], v[2]) == 0)
		s = kn_error_set(err, KN_ERR_INVALID, NULL, 0, 0, NULL,
				 "\"%s\" and \"%s\" are already one actor", v[1], v[3]);
	if (!s && !(s = tx_begin(&t, st, err))) {
		s = check_add(st, (const char *const *)v, err);
		if (!s)
			s = exec_bound(st,
				       "INSERT INTO aliases (key, name, target_key,"
				       " target_name, canonical_key, canonical_name)"
				       " VALUES (?1, ?2, ?3, ?4, ?3, ?4)",
				       (const char *const *)v, 4, err);
		if (!s)
			s = resolve(st, err);
		if (!s && kn_links_alias_changed(st, v[0], v[2]))
			s = kn_store_fail(st, err, "cannot relink the effects");
		if (s == KN_DONE)
			s = KN_OK;
		s = tx_end(&t, s, err);
	}
	for (i = 0; i < 4; i++)
		free(v[i]);
	return s;
}

kn_status kn_sqlite_alias_remove(kn_store *st, const char *name, kn_error *err)
{
	char *key = kn_actor_key(name ? name : "");
	alias_tx t;
	kn_status s;

	if (!key)
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	if (!(s = tx_begin(&t, st, err))) {
		const char *v[1] = { key };

		s = exec_bound(st, "DELETE FROM aliases WHERE key = ?1", v, 1, err);
		if (!s && sqlite3_changes(kn_store_db(st)) == 0)
			s = kn_error_set(err, KN_ERR_NOTFOUND, NULL, 0, 0, NULL,
					 "\"%s\" is not an alias", name);
		if (!s)
			s = resolve(st, err);
		if (!s && kn_links_alias_changed(st, key, NULL))
			s = kn_store_fail(st, err, "cannot relink the effects");
		s = tx_end(&t, s, err);
	}
	free(key);
	return s;
}

void kn_aliases_init(kn_aliases *l)
{
	l->items = NULL;
	l->n = 0;
	l->cap = 0;
}

void kn_aliases_release(kn_aliases *l)
{
	size_t i;

	if (!l)
		return;
	for (i = 0; i < l->n; i++) {
		free(l->items[i].name);
		free(l->items[i].target);
		free(l->items[i].canonical);
	}
	free(l->items);
	kn_aliases_init(l);
}

static int add_alias(kn_aliases *l, sqlite3_stmt *q)
{
	kn_alias *a;

	if (KN_GROW(l->items, l->cap, l->n + 1))
		return -1;
	a = &l->items[l->n];
	a->name = strdup((const char *)sqlite3_column_text(q, 0));
	a->target = strdup((const char *)sqlite3_column_text(q, 1));
	a->canonical = strdup((const char *)sqlite3_column_text(q, 2));
	l->n++;
	return a->name && a->target && a->canonical ? 0 : -1;
}

kn_status kn_sqlite_alias_list(kn_store *st, kn_aliases *out, kn_error *err)
{
	static const char sql[] =
		"SELECT al.name, al.target_name,"
		" COALESCE(a.name, al.canonical_name) FROM aliases al"
		" LEFT JOIN actors a ON a.key = al.canonical_key ORDER BY al.key";
	sqlite3_stmt *q;
	int rc;
	kn_status s;

	kn_aliases_release(out);
	if ((s = kn_store_stmt(st, sql, "cannot read the aliases", &q, err)))
		return s;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		if (add_alias(out, q)) {
			s = kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
					 "out of memory");
			break;
		}
	if (s == KN_OK && rc != SQLITE_DONE)
		s = kn_store_fail(st, err, "cannot read the aliases");
	kn_store_stmt_done(st, q);
	if (s)
		kn_aliases_release(out);
	return s;
}
