/* The per-actor aggregation behind losers, winners and actors: one pass
 * over the selected signals' roles, counted in a hash table in memory.
 * Counting in C rather than with GROUP BY avoids a sort of every role row. */
#include "query_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t slot_of(sqlite3_int64 gid, size_t cap)
{
	unsigned long long h = (unsigned long long)gid * 0x9E3779B97F4A7C15ull;

	return (size_t)(h >> 20) & (cap - 1);
}

static int agg_grow(kn_agg_map *m)
{
	size_t cap = m->cap ? m->cap * 2 : 1024, i, j;
	kn_agg *slots = calloc(cap, sizeof *slots);

	if (!slots)
		return -1;
	for (i = 0; i < m->cap; i++) {
		if (!m->slots[i].gid)
			continue;
		for (j = slot_of(m->slots[i].gid, cap); slots[j].gid;
		     j = (j + 1) & (cap - 1))
			;
		slots[j] = m->slots[i];
	}
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
	return 0;
}

kn_agg *kn_agg_get(kn_agg_map *m, sqlite3_int64 gid)
{
	size_t i;

	if ((m->n + 1) * 2 > m->cap && agg_grow(m))
		return NULL;
	for (i = slot_of(gid, m->cap); m->slots[i].gid; i = (i + 1) & (m->cap - 1))
		if (m->slots[i].gid == gid)
			return &m->slots[i];
	m->slots[i].gid = gid;
	m->n++;
	return &m->slots[i];
}

void kn_agg_map_release(kn_agg_map *m)
{
	if (!m)
		return;
	free(m->slots);
	memset(m, 0, sizeof *m);
}

void kn_groups_release(kn_groups *g)
{
	size_t i;

	if (!g)
		return;
	free(g->aid);
	free(g->gid);
	for (i = 0; i < g->n_keys; i++)
		free(g->keys[i]);
	free(g->keys);
	memset(g, 0, sizeof *g);
}

sqlite3_int64 kn_groups_of(const kn_groups *g, sqlite3_int64 aid)
{
	size_t lo = 0, hi = g->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (g->aid[mid] == aid)
			return g->gid[mid];
		if (g->aid[mid] < aid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return aid;
}

/* Adds one (aid, canonical key) row; rows come ordered by key, then aid. */
static int groups_add(kn_groups *g, sqlite3_int64 aid, const char *key)
{
	if (!g->n_keys || strcmp(g->keys[g->n_keys - 1], key) != 0) {
		char **k = realloc(g->keys, (g->n_keys + 1) * sizeof *k);

		if (!k)
			return -1;
		g->keys = k;
		if (!(k[g->n_keys] = strdup(key)))
			return -1;
		g->n_keys++;
	}
	{
		sqlite3_int64 *a = realloc(g->aid, (g->n + 1) * sizeof *a);
		sqlite3_int64 *gi = a ? realloc(g->gid, (g->n + 1) * sizeof *gi) : NULL;

		if (a)
			g->aid = a;
		if (!gi)
			return -1;
		g->gid = gi;
	}
	g->aid[g->n] = aid;
	g->gid[g->n] = -(sqlite3_int64)g->n_keys;
	g->n++;
	return 0;
}

/* Sorts aid[] (with gid[] alongside) by aid, for kn_groups_of. */
static void groups_sort(kn_groups *g)
{
	size_t i, j;

	/* insertion sort: alias tables are small */
	for (i = 1; i < g->n; i++) {
		sqlite3_int64 a = g->aid[i], gi = g->gid[i];

		for (j = i; j > 0 && g->aid[j - 1] > a; j--) {
			g->aid[j] = g->aid[j - 1];
			g->gid[j] = g->gid[j - 1];
		}
		g->aid[j] = a;
		g->gid[j] = gi;
	}
}

kn_status kn_groups_load(kn_store *st, kn_groups *g, kn_error *err)
{
	static const char sql[] =
		"SELECT a.aid, al.canonical_key FROM aliases al"
		" JOIN actors a ON a.key = al.key"
		" UNION SELECT a.aid, a.key FROM actors a"
		" WHERE a.key IN (SELECT canonical_key FROM aliases)"
		" ORDER BY 2, 1";
	sqlite3_stmt *q;
	int rc;

	memset(g, 0, sizeof *g);
	if (sqlite3_prepare_v2(kn_store_db(st), sql, -1, &q, NULL) != SQLITE_OK)
		return kn_store_fail(st, err, "cannot read the aliases");
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (groups_add(g, sqlite3_column_int64(q, 0),
			       (const char *)sqlite3_column_text(q, 1))) {
			sqlite3_finalize(q);
			kn_groups_release(g);
			return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
					    "out of memory");
		}
	}
	if (rc != SQLITE_DONE) {
		kn_store_fail(st, err, "cannot read the aliases");
		sqlite3_finalize(q);
		kn_groups_release(g);
		return KN_ERR_DB;
	}
	sqlite3_finalize(q);
	groups_sort(g);
	return KN_OK;
}

static void count_row(kn_agg *a, int role, sqlite3_int64 sid,
		      const char *published, long long weight)
{
	if (a->seen[role] != sid) {
		a->seen[role] = sid;
		a->n[role]++;
		a->weight[role] += weight;
	}
	if (!published)
		return;
	if (!a->first || strcmp(published, a->first_at) < 0) {
		a->first = sid;
		snprintf(a->first_at, sizeof a->first_at, "%s", published);
	}
	if (!a->last || strcmp(published, a->last_at) > 0) {
		a->last = sid;
		snprintf(a->last_at, sizeof a->last_at, "%s", published);
	}
}

/* The selected signals are sorted by row id before their roles are read:
 * roles is clustered by sid, so its pages are then read in order instead
 * of at random (a date window is in date order, not in sid order), which
 * made filtered scans several times faster on a million signals.  Sorted
 * by sid, a signal's rows also stay together, which is what makes
 * "distinct signals" a compare with the last one counted. */
static const char scan_head[] =
	"SELECT r.sid, r.aid, r.role = 'loser', s.published, s.w FROM"
	" (SELECT s.sid AS sid, s.published AS published,"
	" COALESCE(s.score * s.confidence, 0) AS w FROM signals s";
/* LIMIT -1 keeps the subquery (and its ORDER BY) from being flattened */
static const char scan_tail[] =
	" ORDER BY s.sid LIMIT -1) s CROSS JOIN roles r ON r.sid = s.sid";

kn_status kn_agg_scan(kn_store *st, const kn_groups *g, const kn_filter *f,
		      int role, kn_agg_map *m, long long *n_signals, kn_error *err)
{
	sqlite3_int64 last = 0;
	kn_buf sql = KN_BUF_INIT;
	sqlite3_stmt *q = NULL;
	int rc;

	kn_buf_puts(&sql, scan_head);
	/* covering indexes; else the planner reads the whole table in sid
	 * order to skip the sort */
	kn_buf_puts(&sql, f && f->category ? " INDEXED BY signals_by_category"
					   : " INDEXED BY signals_by_published");
	kn_buf_puts(&sql, " WHERE 1");
	kn_filter_sql(f, "s", &sql);
	kn_buf_puts(&sql, scan_tail);
	if (role >= 0)
		kn_buf_puts(&sql, " AND r.role = :role");
	if (kn_buf_failed(&sql))
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	rc = sqlite3_prepare_v2(kn_store_db(st), kn_buf_cstr(&sql), -1, &q, NULL);
	kn_buf_release(&sql);
	if (rc != SQLITE_OK)
		return kn_store_fail(st, err, "cannot query the corpus");
	kn_filter_bind(q, f, 1);
	if (role >= 0)
		sqlite3_bind_text(q, sqlite3_bind_parameter_index(q, ":role"),
				  role == KN_LOSER ? "loser" : "winner", -1,
				  SQLITE_STATIC);
	*n_signals = 0;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		sqlite3_int64 sid = sqlite3_column_int64(q, 0);
		kn_agg *a = kn_agg_get(m, kn_groups_of(g, sqlite3_column_int64(q, 1)));

		if (!a) {
			sqlite3_finalize(q);
			return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
					    "out of memory");
		}
		if (sid != last) {
			last = sid;
			++*n_signals;
		}
		count_row(a, sqlite3_column_int(q, 2), sid,
			  (const char *)sqlite3_column_text(q, 3),
			  sqlite3_column_int64(q, 4));
	}
	if (rc != SQLITE_DONE) {
		kn_store_fail(st, err, "cannot query the corpus");
		sqlite3_finalize(q);
		return KN_ERR_DB;
	}
	sqlite3_finalize(q);
	return KN_OK;
}

void kn_group_aids_sql(kn_buf *sql, int n)
{
	kn_buf_printf(sql,
		      "SELECT aid FROM actors WHERE key = ?%d"
		      " UNION ALL SELECT a.aid FROM aliases al"
		      " JOIN actors a ON a.key = al.key WHERE al.canonical_key = ?%d",
		      n, n);
}

static char *column_dup(sqlite3_stmt *q, int i)
{
	const char *s = (const char *)sqlite3_column_text(q, i);

	return strdup(s ? s : "");
}

kn_status kn_group_name(kn_store *st, const kn_groups *g, sqlite3_stmt **cache,
			sqlite3_int64 gid, char **key, char **name, kn_error *err)
{
	static const char *const sql[2] = {
		"SELECT key, name FROM actors WHERE aid = ?1",
		"SELECT ?1, COALESCE((SELECT name FROM actors WHERE key = ?1),"
		" (SELECT canonical_name FROM aliases WHERE canonical_key = ?1"
		" ORDER BY key LIMIT 1), ?1)"
	};
	int k = gid > 0 ? 0 : 1, rc;
	sqlite3_stmt *q = cache[k];

	*key = *name = NULL;
	if (!q && sqlite3_prepare_v2(kn_store_db(st), sql[k], -1, &cache[k],
				     NULL) != SQLITE_OK)
		return kn_store_fail(st, err, "cannot read an actor");
	q = cache[k];
	sqlite3_reset(q);
	if (gid > 0)
		sqlite3_bind_int64(q, 1, gid);
	else
		sqlite3_bind_text(q, 1, g->keys[-gid - 1], -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? kn_error_set(err, KN_ERR_DB, NULL, 0, 0,
							NULL, "an actor vanished while reading")
					 : kn_store_fail(st, err, "cannot read an actor");
	*key = column_dup(q, 0);
	*name = column_dup(q, 1);
	sqlite3_reset(q);
	if (!*key || !*name) {
		free(*key);
		free(*name);
		*key = *name = NULL;
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	}
	return KN_OK;
}
