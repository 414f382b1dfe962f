/* Maps from the corpus: which signals a view needs, with the aliases.
 * Every query is ordered, so the same corpus gives the same map. */
#include <stdlib.h>
#include <string.h>

#include "map_internal.h"
#include "store_internal.h"
#include "kn_text.h"

static kn_status load_aliases(kn_store *st, kn_map *m, kn_error *err)
{
	sqlite3_stmt *q;
	kn_status rc = KN_OK;
	int step;

	if (sqlite3_prepare_v2(kn_store_db(st),
			       "SELECT name, canonical_name FROM aliases ORDER BY key",
			       -1, &q, NULL) != SQLITE_OK)
		return kn_store_fail(st, err, "cannot read the aliases");
	while (rc == KN_OK && (step = sqlite3_step(q)) == SQLITE_ROW)
		rc = kn_map_add_alias(m, (const char *)sqlite3_column_text(q, 0),
				      (const char *)sqlite3_column_text(q, 1), err);
	if (rc == KN_OK && step != SQLITE_DONE)
		rc = kn_store_fail(st, err, "cannot read the aliases");
	sqlite3_finalize(q);
	return rc;
}

static int add_listed(void *ctx, const kn_signal *sig)
{
	void **c = ctx;

	return kn_map_add_signal(c[0], sig, c[1]) != KN_OK;
}

/* The signals naming the actor whose key (after aliases) is key. */
static kn_status load_actor(kn_store *st, kn_map *m, const char *key,
			    const kn_filter *f, kn_error *err)
{
	kn_buf sql = KN_BUF_INIT;
	sqlite3_stmt *q = NULL;
	kn_signal sig;
	kn_status rc = KN_OK;
	int step;

	kn_buf_puts(&sql, "SELECT DISTINCT s.sid, s.published, s.id FROM signals s"
			  " JOIN roles r ON r.sid = s.sid"
			  " JOIN actor_names a ON a.aid = r.aid"
			  " WHERE a.canonical_key = ?1");
	kn_filter_sql(f, "s", &sql);
	kn_buf_puts(&sql, " ORDER BY s.published DESC, s.id");
	if (f && f->limit > 0)
		kn_buf_printf(&sql, " LIMIT %ld", f->limit);
	if (kn_buf_failed(&sql))
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	if (sqlite3_prepare_v2(kn_store_db(st), kn_buf_cstr(&sql), -1, &q,
			       NULL) != SQLITE_OK) {
		kn_buf_release(&sql);
		return kn_store_fail(st, err, "cannot find the actor's signals");
	}
	kn_buf_release(&sql);
	sqlite3_bind_text(q, 1, key, -1, SQLITE_TRANSIENT);
	kn_filter_bind(q, f, 2);
	kn_signal_init(&sig);
	while (rc == KN_OK && (step = sqlite3_step(q)) == SQLITE_ROW) {
		rc = kn_store_read_sid(st, sqlite3_column_int64(q, 0), &sig, err);
		if (rc == KN_OK)
			rc = kn_map_add_signal(m, &sig, err);
		kn_signal_release(&sig);
	}
	if (rc == KN_OK && step != SQLITE_DONE)
		rc = kn_store_fail(st, err, "cannot find the actor's signals");
	sqlite3_finalize(q);
	return rc;
}

static kn_status load(kn_store *st, kn_map *m, kn_view view, const char *what,
		      const kn_filter *f, kn_error *err)
{
	kn_signal sig;
	kn_status rc;
	void *ctx[2] = { m, err };
	char *key;

	switch (view) {
	case KN_VIEW_SIGNAL:
	case KN_VIEW_CHAIN:
		kn_signal_init(&sig);
		rc = kn_store_get(st, what, &sig, err);
		if (rc == KN_OK)
			rc = kn_map_add_signal(m, &sig, err);
		kn_signal_release(&sig);
		return rc;
	case KN_VIEW_ACTOR:
		key = kn_map_resolve(m, what, NULL);
		if (!key)
			return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
					    "out of memory");
		rc = load_actor(st, m, key, f, err);
		free(key);
		if (rc == KN_OK && m->n_sigs == 0)
			rc = kn_error_set(err, KN_ERR_NOTFOUND, NULL, 0, 0, NULL,
					  "no signal names the actor \"%.200s\"", what);
		return rc;
	case KN_VIEW_CORPUS:
		rc = kn_store_list(st, f, add_listed, ctx, err);
		if (rc == KN_OK && m->n_sigs == 0)
			rc = kn_error_set(err, KN_ERR_NOTFOUND, NULL, 0, 0, NULL,
					  "no signal matches the filters");
		return rc;
	}
	return KN_ERR_USAGE;
}

typedef struct key_pair {
	char *resolved; /* the canonical key, after the map's aliases */
	char *raw;      /* the key of one name that resolves to it */
} key_pair;

static int pair_cmp(const void *a, const void *b)
{
	return strcmp(((const key_pair *)a)->resolved,
		      ((const key_pair *)b)->resolved);
}

/* Every (canonical key, own key) pair of the map's actor mentions, sorted
 * by canonical key. */
static kn_status collect_keys(const kn_map *m, key_pair **out, size_t *n)
{
	size_t i, j, total = 0, k = 0;
	key_pair *v;

	for (i = 0; i < m->n_sigs; i++)
		total += kn_signal_n_actors(&m->sigs[i]);
	*out = v = calloc(total ? total : 1, sizeof *v);
	if (!v)
		return KN_ERR_NOMEM;
	for (i = 0; i < m->n_sigs; i++) {
		const kn_signal *s = &m->sigs[i];

		for (j = 0; j < kn_signal_n_actors(s); j++) {
			const char *name = kn_signal_actor(s, j, NULL)->name;

			v[k].resolved = kn_map_resolve(m, name, NULL);
			v[k].raw = kn_actor_key(name);
			if (!v[k].resolved || !v[k].raw) {
				*n = k + 1;
				return KN_ERR_NOMEM;
			}
			k++;
		}
	}
	qsort(v, k, sizeof *v, pair_cmp);
	*n = k;
	return KN_OK;
}

/* Names the map's actors as the queries do (actor_names.canonical_name),
 * so a map and a "losers" table beside it in a report agree. */
static kn_status load_names(kn_store *st, kn_map *m, kn_error *err)
{
	key_pair *v = NULL;
	size_t n = 0, i;
	sqlite3_stmt *q = NULL;
	kn_status rc = collect_keys(m, &v, &n);

	if (rc == KN_OK && sqlite3_prepare_v2(kn_store_db(st),
			"SELECT canonical_name FROM actor_names WHERE key = ?1",
			-1, &q, NULL) != SQLITE_OK)
		rc = kn_store_fail(st, err, "cannot read the actors");
	if (rc == KN_OK && !(m->names = calloc(n ? n : 1, sizeof *m->names)))
		rc = KN_ERR_NOMEM;
	for (i = 0; rc == KN_OK && i < n; i++) {
		kn_alias *a = &m->names[m->n_names];

		if (i > 0 && strcmp(v[i].resolved, v[i - 1].resolved) == 0)
			continue;
		sqlite3_reset(q);
		sqlite3_bind_text(q, 1, v[i].raw, -1, SQLITE_STATIC);
		if (sqlite3_step(q) != SQLITE_ROW)
			continue; /* not stored: the map's own choice stands */
		a->canonical_key = strdup(v[i].resolved);
		a->canonical_name = strdup((const char *)sqlite3_column_text(q, 0));
		m->n_names++;
		if (!a->canonical_key || !a->canonical_name)
			rc = KN_ERR_NOMEM;
	}
	if (rc == KN_ERR_NOMEM)
		kn_error_set(err, rc, NULL, 0, 0, NULL, "out of memory");
	sqlite3_finalize(q);
	for (i = 0; i < n; i++) {
		free(v[i].resolved);
		free(v[i].raw);
	}
	free(v);
	return rc;
}

kn_status kn_map_from_store(kn_store *st, kn_view view, const char *what,
			    const kn_filter *f, kn_map **out, kn_error *err)
{
	kn_map *m;
	kn_status rc;

	*out = NULL;
	if (view != KN_VIEW_CORPUS && (!what || !what[0]))
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, NULL,
				    "the %s view needs %s", kn_view_name(view),
				    view == KN_VIEW_ACTOR ? "an actor name" : "a signal id");
	rc = kn_map_open(&m, err);
	if (rc == KN_OK)
		rc = load_aliases(st, m, err);
	if (rc == KN_OK)
		rc = load(st, m, view, what, f, err);
	if (rc == KN_OK)
		rc = load_names(st, m, err);
	if (rc != KN_OK) {
		kn_map_close(m);
		return rc;
	}
	*out = m;
	return KN_OK;
}
