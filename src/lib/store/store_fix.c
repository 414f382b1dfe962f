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

/* The actors of one signal by key, for finding a spelling in
 * O(log n): (key, position) sorted, the first position of a key first. */
typedef struct spelling {
	char *key;
	const char *name; /* borrowed from the signal */
	size_t j;
} spelling;

typedef struct spellings {
	sqlite3_int64 sid; /* 0: none loaded */
	kn_signal own;     /* the signal when read here */
	spelling *v;
	size_t n;
} spellings;

static void spellings_clear(spellings *sp)
{
	size_t i;

	for (i = 0; i < sp->n; i++)
		free(sp->v[i].key);
	free(sp->v);
	sp->v = NULL;
	sp->n = 0;
	sp->sid = 0;
	kn_signal_release(&sp->own);
}

static int by_spelling(const void *pa, const void *pb)
{
	const spelling *a = pa, *b = pb;
	int k = strcmp(a->key, b->key);

	return k ? k : (a->j < b->j ? -1 : a->j > b->j);
}

/* Loads signal sid's spellings: sig when given, else read from the corpus. */
static kn_status spellings_load(kn_store *st, spellings *sp, sqlite3_int64 sid,
				const kn_signal *sig, kn_error *err)
{
	size_t j, n;
	kn_status s = KN_OK;

	spellings_clear(sp);
	if (!sig && (s = kn_store_read_sid(st, sid, &sp->own, err)) == KN_OK)
		sig = &sp->own;
	if (s)
		return s;
	n = kn_signal_n_actors(sig);
	if (n && !(sp->v = calloc(n, sizeof *sp->v)))
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	for (j = 0; j < n; j++, sp->n++) {
		sp->v[j].name = kn_signal_actor(sig, j, NULL)->name;
		sp->v[j].j = j;
		if (!(sp->v[j].key = kn_actor_key(sp->v[j].name)))
			return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
					    "out of memory");
	}
	if (n)
		qsort(sp->v, n, sizeof *sp->v, by_spelling);
	sp->sid = sid;
	return KN_OK;
}

/* The first spelling of key in the loaded signal, or NULL. */
static const char *spellings_find(const spellings *sp, const char *key)
{
	size_t lo = 0, hi = sp->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(sp->v[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < sp->n && strcmp(sp->v[lo].key, key) == 0 ? sp->v[lo].name : NULL;
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

/* Gives actor aid the spelling its key has in the loaded signal, unless
 * it has it already. */
static kn_status respell(kn_store *st, sqlite3_int64 aid, const spellings *sp,
			 kn_error *err)
{
	static const char what[] = "cannot update the actors";
	sqlite3_stmt *q;
	const char *key, *stored, *name = NULL;
	kn_status s = kn_store_stmt(st, "SELECT key, name FROM actors WHERE aid = ?1",
				    what, &q, err);
	int rc;

	if (s)
		return s;
	sqlite3_bind_int64(q, 1, aid);
	if ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		key = (const char *)sqlite3_column_text(q, 0);
		stored = (const char *)sqlite3_column_text(q, 1);
		name = key ? spellings_find(sp, key) : NULL;
		if (name && stored && strcmp(stored, name) == 0)
			name = NULL;
	} else if (rc != SQLITE_DONE) {
		s = kn_store_fail(st, err, what);
	}
	kn_store_stmt_done(st, q);
	if (!s && name)
		s = kn_fix_exec(st, "UPDATE actors SET name = ?2 WHERE aid = ?1", aid,
				name, NULL, what, err);
	return s;
}

/* An actor to respell from its earliest signal. */
typedef struct respelling {
	sqlite3_int64 first, aid;
} respelling;

static int by_first(const void *pa, const void *pb)
{
	const respelling *a = pa, *b = pb;

	if (a->first != b->first)
		return a->first < b->first ? -1 : 1;
	return a->aid < b->aid ? -1 : a->aid > b->aid;
}

/* Respells the actors w[0..n) (by earliest signal: each signal is read
 * and indexed once). */
static kn_status respell_all(kn_store *st, respelling *w, size_t n,
			     sqlite3_int64 sid, const kn_signal *sig,
			     kn_error *err)
{
	spellings sp;
	kn_status s = KN_OK;
	size_t i;

	memset(&sp, 0, sizeof sp);
	kn_signal_init(&sp.own);
	if (n)
		qsort(w, n, sizeof *w, by_first);
	for (i = 0; !s && i < n; i++) {
		if (w[i].first != sp.sid)
			s = spellings_load(st, &sp, w[i].first,
					   w[i].first == sid ? sig : NULL, err);
		if (!s)
			s = respell(st, w[i].aid, &sp, err);
	}
	spellings_clear(&sp);
	return s;
}

static int by_aid(const void *pa, const void *pb)
{
	sqlite3_int64 a = *(const sqlite3_int64 *)pa, b = *(const sqlite3_int64 *)pb;

	return a < b ? -1 : a > b;
}

kn_status kn_fix_actors(kn_store *st, sqlite3_int64 *aids, size_t n,
			sqlite3_int64 from, sqlite3_int64 sid,
			const kn_signal *sig, unsigned long long *dropped,
			kn_error *err)
{
	respelling *w = calloc(n ? n : 1, sizeof *w);
	sqlite3_int64 first;
	long long gone;
	size_t i, k = 0;
	kn_status s = w ? KN_OK : kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0,
					       NULL, "out of memory");

	if (!s && n)
		qsort(aids, n, sizeof *aids, by_aid);
	for (i = 0; !s && i < n; i++) {
		if ((i && aids[i] == aids[i - 1]) ||
		    (s = first_sid(st, aids[i], &first, err)))
			continue;
		if (!first) {
			s = kn_fix_exec(st, "DELETE FROM actors WHERE aid = ?1", aids[i],
					NULL, &gone, "cannot update the actors", err);
			if (dropped && gone > 0)
				(*dropped)++;
		} else if (first >= from) { /* else: its spelling stays */
			w[k].first = first;
			w[k++].aid = aids[i];
		}
	}
	if (!s)
		s = respell_all(st, w, k, sid, sig, err);
	free(w);
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

int kn_fix_updated_actors(kn_store *st, sqlite3_int64 sid, const kn_signal *sig,
			  const sqlite3_int64 *old, size_t n_old)
{
	sqlite3_int64 *aids;
	size_t n;
	kn_status s = actors_of(st, sid, old, n_old, &aids, &n, NULL);

	/* an actor whose earliest signal is an earlier one keeps its
	 * spelling: only those from sid on can change */
	if (!s)
		s = kn_fix_actors(st, aids, n, sid, sid, sig, NULL, NULL);
	free(aids);
	return s ? -1 : 0;
}
