/* Removing signals ("knockon rm"): each signal's row and every row stored
 * beside it — effects, causes, roles (with role_counts made right again),
 * its search row — then the actors it named: dropped when no other signal
 * names them, else given the spelling of their earliest remaining signal.
 * All in one transaction: the corpus is then what ingesting every other
 * signal afresh, in the same order, would have made. */
#include "links.h"
#include "store_fix.h"

#include <stdlib.h>
#include <string.h>

static kn_status nomem(kn_error *err)
{
	return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
}

/* A (role, actor) a removed signal named. */
typedef struct role_ref {
	int loser;
	sqlite3_int64 aid;
} role_ref;

typedef struct removal {
	kn_store *st;
	role_ref *refs;
	size_t n_refs, cap_refs;
	kn_remove_stats *stats;
} removal;

static const char *const role_names[2] = { "winner", "loser" };

static kn_status collect_roles(removal *r, sqlite3_int64 sid, kn_error *err)
{
	static const char sql[] =
		"SELECT DISTINCT role = 'loser', aid FROM roles WHERE sid = ?1"
		" ORDER BY 1, 2";
	sqlite3_stmt *q;
	kn_status s = kn_store_stmt(r->st, sql, "cannot read the roles", &q, err);
	int rc = SQLITE_DONE;

	if (s)
		return s;
	sqlite3_bind_int64(q, 1, sid);
	while (!s && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (KN_GROW(r->refs, r->cap_refs, r->n_refs + 1)) {
			s = nomem(err);
			break;
		}
		r->refs[r->n_refs].loser = sqlite3_column_int(q, 0) != 0;
		r->refs[r->n_refs++].aid = sqlite3_column_int64(q, 1);
	}
	if (!s && rc != SQLITE_DONE)
		s = kn_store_fail(r->st, err, "cannot read the roles");
	kn_store_stmt_done(r->st, q);
	return s;
}

/* Deletes signal sid and the rows beside it, counting them. */
static kn_status remove_sid(removal *r, sqlite3_int64 sid, kn_error *err)
{
	static const char *const sql[] = {
		"DELETE FROM effect_causes WHERE sid = ?1",
		"DELETE FROM effects WHERE sid = ?1",
		"DELETE FROM roles WHERE sid = ?1",
		"DELETE FROM signals_fts WHERE rowid = ?1",
		"DELETE FROM signals WHERE sid = ?1",
	};
	unsigned long long *counts[] = {
		&r->stats->causes, &r->stats->effects, &r->stats->roles,
		&r->stats->search, &r->stats->signals,
	};
	long long n = 0;
	size_t i;
	kn_status s = collect_roles(r, sid, err);

	/* its effect links go, and the names only it gave leave detection */
	if (!s && kn_links_before_rm(r->st, sid))
		s = kn_error_set(err, KN_ERR_DB, NULL, 0, 0, NULL,
				 "cannot remove the signal's effect links");
	for (i = 0; !s && i < sizeof sql / sizeof sql[0]; i++) {
		s = kn_fix_exec(r->st, sql[i], sid, NULL, &n,
				"cannot remove the signal", err);
		*counts[i] += (unsigned long long)n;
	}
	return s;
}

static int by_ref(const void *pa, const void *pb)
{
	const role_ref *a = pa, *b = pb;

	if (a->aid != b->aid)
		return a->aid < b->aid ? -1 : 1;
	return a->loser - b->loser;
}

/* role_counts and actors of everything the removed signals named. */
static kn_status fix_actors(removal *r, kn_error *err)
{
	sqlite3_int64 *aids = calloc(r->n_refs ? r->n_refs : 1, sizeof *aids);
	size_t i, n = 0;
	kn_status s = aids ? KN_OK : nomem(err);

	if (r->n_refs)
		qsort(r->refs, r->n_refs, sizeof *r->refs, by_ref);
	for (i = 0; !s && i < r->n_refs; i++) {
		const role_ref *p = &r->refs[i];

		if (i && by_ref(p, p - 1) == 0)
			continue;
		s = kn_fix_role_count(r->st, role_names[p->loser], p->aid, err);
		if (i == 0 || p[-1].aid != p->aid)
			aids[n++] = p->aid;
	}
	if (!s)
		s = kn_fix_actors(r->st, aids, n, 0, 0, NULL, &r->stats->actors, err);
	free(aids);
	return s;
}

/* The sid of the signal id, 0 when there is none. */
static kn_status find_sid(kn_store *st, const char *id, sqlite3_int64 *sid,
			  kn_error *err)
{
	sqlite3_stmt *q;
	kn_status s = kn_store_stmt(st, "SELECT sid FROM signals WHERE id = ?1",
				    "cannot read the corpus", &q, err);
	int rc;

	*sid = 0;
	if (s)
		return s;
	sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*sid = sqlite3_column_int64(q, 0);
	else if (rc != SQLITE_DONE)
		s = kn_store_fail(st, err, "cannot read the corpus");
	kn_store_stmt_done(st, q);
	return s;
}

typedef struct operand {
	const char *id;
	size_t index;
} operand;

static int by_operand(const void *pa, const void *pb)
{
	const operand *a = pa, *b = pb;
	int c = strcmp(a->id, b->id);

	return c ? c : (a->index < b->index ? -1 : a->index > b->index);
}

/* repeat[i] 1 when ids[i] repeats an earlier operand (n log n). */
static kn_status mark_repeats(const char *const *ids, size_t n,
			      unsigned char **repeat, kn_error *err)
{
	operand *v = malloc((n ? n : 1) * sizeof *v);
	size_t i;

	*repeat = calloc(n ? n : 1, 1);
	if (!v || !*repeat) {
		free(v);
		free(*repeat);
		*repeat = NULL;
		return nomem(err);
	}
	for (i = 0; i < n; i++) {
		v[i].id = ids[i];
		v[i].index = i;
	}
	qsort(v, n, sizeof *v, by_operand);
	for (i = 1; i < n; i++)
		if (strcmp(v[i].id, v[i - 1].id) == 0)
			(*repeat)[v[i].index] = 1;
	free(v);
	return KN_OK;
}

static kn_status remove_all(removal *r, const char *const *ids, size_t n,
			    kn_id_done_fn each, void *ctx, kn_error *err)
{
	unsigned char *repeat = NULL;
	sqlite3_int64 sid;
	size_t i;
	kn_status s = mark_repeats(ids, n, &repeat, err);

	for (i = 0; !s && i < n; i++) {
		if (repeat[i])
			continue;
		if ((s = find_sid(r->st, ids[i], &sid, err)))
			break;
		if (!sid)
			s = kn_error_set(err, KN_ERR_NOTFOUND, NULL, 0, 0, NULL,
					 "no signal with id \"%.500s\"", ids[i]);
		else if (!(s = remove_sid(r, sid, err)) && each)
			each(ctx, ids[i]);
	}
	free(repeat);
	if (!s)
		s = fix_actors(r, err);
	if (!s && kn_links_after_rm(r->st))
		s = kn_error_set(err, KN_ERR_DB, NULL, 0, 0, NULL,
				 "cannot rescan the effects that named a removed actor");
	return s;
}

kn_status kn_sqlite_remove(kn_store *st, const char *const *ids, size_t n,
			   int dry_run, kn_id_done_fn each, void *ctx,
			   kn_remove_stats *stats, kn_error *err)
{
	removal r;
	kn_status s;

	memset(stats, 0, sizeof *stats);
	if (kn_store_in_batch(st))
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, NULL,
				    "kn_store_remove runs in a transaction of its own");
	memset(&r, 0, sizeof r);
	r.st = st;
	r.stats = stats;
	if ((s = kn_store_begin(st, err)) != KN_OK)
		return s;
	s = remove_all(&r, ids, n, each, ctx, err);
	free(r.refs);
	if (s == KN_OK && !dry_run)
		return kn_store_commit(st, err);
	kn_store_rollback(st);
	if (s != KN_OK)
		memset(stats, 0, sizeof *stats);
	return s;
}
