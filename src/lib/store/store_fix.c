/* Keeping the derived tables right when signals go or are rebuilt: the
 * count of one (role, actor) and the row of one actor, recomputed from
 * the roles and the signals' stored JSON. */
#include "store_fix.h"

#include <stdlib.h>
#include <string.h>

#include "kn_text.h"

kn_status kn_fix_exec(kn_store *st, const char *sql, sqlite3_int64 a,
		      const char *t, long long *changes, const char *what,
		      kn_error *err)
{
	sqlite3_stmt *q;
	kn_status s = kn_store_stmt(st, sql, what, &q, err);
	int rc;

	if (s)
		return s;
	sqlite3_bind_int64(q, 1, a);
	if (t)
		sqlite3_bind_text(q, 2, t, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		s = kn_store_fail(st, err, what);
	else if (changes)
		*changes = sqlite3_changes(kn_store_db(st));
	kn_store_stmt_done(st, q);
	return s;
}

kn_status kn_fix_role_count(kn_store *st, const char *role, sqlite3_int64 aid,
			    kn_error *err)
{
	static const char what[] = "cannot count the roles";
	kn_status s = kn_fix_exec(st, "DELETE FROM role_counts WHERE aid = ?1"
				  " AND role = ?2", aid, role, NULL, what, err);

	if (!s)
		s = kn_fix_exec(st, "INSERT INTO role_counts (role, aid, n)"
				" SELECT ?2, ?1, count(DISTINCT sid) FROM roles"
				" WHERE role = ?2 AND aid = ?1 HAVING count(*) > 0",
				aid, role, NULL, what, err);
	return s;
}

const char *kn_fix_spelling(const kn_signal *sig, const char *key)
{
	size_t j, n = kn_signal_n_actors(sig);

	for (j = 0; j < n; j++) {
		const char *name = kn_signal_actor(sig, j, NULL)->name;
		char *k = kn_actor_key(name);
		int same = k && strcmp(k, key) == 0;

		free(k);
		if (same)
			return name;
	}
	return NULL;
}

/* The earliest signal naming aid in either role (0 when none): two seeks
 * of roles_by_actor (role, aid, sid). */
static kn_status first_sid(kn_store *st, sqlite3_int64 aid, sqlite3_int64 *sid,
			   kn_error *err)
{
	static const char *const roles[] = { "winner", "loser" };
	sqlite3_stmt *q;
	kn_status s = KN_OK;
	int i;

	*sid = 0;
	for (i = 0; !s && i < 2; i++) {
		if ((s = kn_store_stmt(st, "SELECT min(sid) FROM roles WHERE role = ?2"
				       " AND aid = ?1", "cannot read the roles", &q,
				       err)))
			break;
		sqlite3_bind_int64(q, 1, aid);
		sqlite3_bind_text(q, 2, roles[i], -1, SQLITE_STATIC);
		if (sqlite3_step(q) != SQLITE_ROW)
			s = kn_store_fail(st, err, "cannot read the roles");
		else if (sqlite3_column_type(q, 0) != SQLITE_NULL &&
			 (!*sid || sqlite3_column_int64(q, 0) < *sid))
			*sid = sqlite3_column_int64(q, 0);
		kn_store_stmt_done(st, q);
	}
	return s;
}

/* The actor's key and stored name (heap; NULL when there is no row). */
static kn_status actor_row(kn_store *st, sqlite3_int64 aid, char **key,
			   char **name, kn_error *err)
{
	sqlite3_stmt *q;
	kn_status s = kn_store_stmt(st, "SELECT key, name FROM actors WHERE aid = ?1",
				    "cannot read the actors", &q, err);
	int rc;

	*key = *name = NULL;
	if (s)
		return s;
	sqlite3_bind_int64(q, 1, aid);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*key = strdup((const char *)sqlite3_column_text(q, 0));
		*name = strdup((const char *)sqlite3_column_text(q, 1));
		if (!*key || !*name)
			s = kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
					 "out of memory");
	} else if (rc != SQLITE_DONE) {
		s = kn_store_fail(st, err, "cannot read the actors");
	}
	kn_store_stmt_done(st, q);
	return s;
}

/* Gives actor aid the spelling of the actor keyed key in sig, unless it
 * has it (stored) or sig names no such actor. */
static kn_status respell(kn_store *st, sqlite3_int64 aid, const char *key,
			 const char *stored, const kn_signal *sig, kn_error *err)
{
	const char *name = kn_fix_spelling(sig, key);

	if (!name || (stored && strcmp(stored, name) == 0))
		return KN_OK;
	return kn_fix_exec(st, "UPDATE actors SET name = ?2 WHERE aid = ?1", aid,
			   name, NULL, "cannot update the actors", err);
}

kn_status kn_fix_actor(kn_store *st, sqlite3_int64 aid, int *dropped,
		       kn_error *err)
{
	sqlite3_int64 sid;
	char *key = NULL, *name = NULL;
	long long n = 0;
	kn_signal sig;
	kn_status s = first_sid(st, aid, &sid, err);

	*dropped = 0;
	kn_signal_init(&sig);
	if (!s && !sid) {
		s = kn_fix_exec(st, "DELETE FROM actors WHERE aid = ?1", aid, NULL,
				&n, "cannot update the actors", err);
		*dropped = n > 0;
	} else if (!s && !(s = actor_row(st, aid, &key, &name, err)) && key &&
		   !(s = kn_store_read_sid(st, sid, &sig, err))) {
		s = respell(st, aid, key, name, &sig, err);
	}
	kn_signal_release(&sig);
	free(key);
	free(name);
	return s;
}

/* The actors of signal sid after put wrote it (sig) in place of an
 * earlier version that named old[0..n_old). */
static kn_status actors_of(kn_store *st, sqlite3_int64 sid,
			   const sqlite3_int64 *old, size_t n_old,
			   sqlite3_int64 **out, size_t *n, kn_error *err)
{
	sqlite3_stmt *q;
	size_t cap = 0, i;
	int rc = SQLITE_DONE;
	kn_status s = kn_store_stmt(st, "SELECT DISTINCT aid FROM roles"
				    " WHERE sid = ?1 ORDER BY aid",
				    "cannot read the roles", &q, err);

	*out = NULL;
	*n = 0;
	for (i = 0; !s && i <= n_old; i++) {
		if (KN_GROW(*out, cap, *n + 1))
			s = kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
					 "out of memory");
		else if (i < n_old)
			(*out)[(*n)++] = old[i];
	}
	if (s)
		return s;
	sqlite3_bind_int64(q, 1, sid);
	while (!s && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (KN_GROW(*out, cap, *n + 1))
			s = kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
					 "out of memory");
		else
			(*out)[(*n)++] = sqlite3_column_int64(q, 0);
	}
	if (!s && rc != SQLITE_DONE)
		s = kn_store_fail(st, err, "cannot read the roles");
	kn_store_stmt_done(st, q);
	return s;
}

/* An actor of an updated signal: its spelling follows its earliest
 * signal.  Only when that is the updated one (its spelling is in sig) or
 * a later one (the update dropped the actor) can the spelling change. */
static kn_status refresh_actor(kn_store *st, sqlite3_int64 sid,
			       const kn_signal *sig, sqlite3_int64 aid,
			       kn_error *err)
{
	sqlite3_int64 first;
	char *key = NULL, *name = NULL;
	kn_signal other;
	kn_status s = first_sid(st, aid, &first, err);

	if (s || first < sid) /* none (dropped), or earlier: unchanged */
		return s;
	kn_signal_init(&other);
	if (!(s = actor_row(st, aid, &key, &name, err)) && key) {
		if (first == sid)
			s = respell(st, aid, key, name, sig, err);
		else if (!(s = kn_store_read_sid(st, first, &other, err)))
			s = respell(st, aid, key, name, &other, err);
	}
	kn_signal_release(&other);
	free(key);
	free(name);
	return s;
}

static int by_aid(const void *pa, const void *pb)
{
	sqlite3_int64 a = *(const sqlite3_int64 *)pa, b = *(const sqlite3_int64 *)pb;

	return a < b ? -1 : a > b;
}

int kn_fix_updated_actors(kn_store *st, sqlite3_int64 sid, const kn_signal *sig,
			  const sqlite3_int64 *old, size_t n_old)
{
	sqlite3_int64 *aids;
	size_t n, i;
	kn_status s = actors_of(st, sid, old, n_old, &aids, &n, NULL);

	if (!s && n)
		qsort(aids, n, sizeof *aids, by_aid);
	for (i = 0; !s && i < n; i++)
		if (i == 0 || aids[i] != aids[i - 1])
			s = refresh_actor(st, sid, sig, aids[i], NULL);
	free(aids);
	return s ? -1 : 0;
}
