/* Names given on the command line: a signal id by a unique prefix of it
 * (as git takes short ids), an actor by any spelling of it, and the
 * nearest ids or names when nothing matches.  Every lookup is a handful
 * of index range scans (signals.id and actors.key are UNIQUE, so indexed;
 * aliases.key is the primary key) reading at most a few dozen rows: the
 * work does not grow with the corpus. */
#include "store_fix.h"

#include <stdlib.h>
#include <string.h>

#include "kn_text.h"

#define NEAR_ROWS 8      /* rows read on each side of a probe */
#define NEAR_CUTS 3      /* shorter prefixes probed, at word breaks */
#define NEAR_LEN 256     /* bytes of a name the distance looks at */
#define NEAR_SHOWN 5     /* nearest names returned */
#define COUNT_CAP 100000 /* matches of an ambiguous prefix counted */

void kn_lookup_init(kn_lookup *l)
{
	memset(l, 0, sizeof *l);
}

void kn_lookup_release(kn_lookup *l)
{
	size_t i;

	if (!l)
		return;
	free(l->found);
	for (i = 0; i < l->n; i++)
		free(l->near[i]);
	free(l->near);
	kn_lookup_init(l);
}

static kn_status nomem(kn_error *err)
{
	return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
}

/* The edit distance (in bytes) from a to the nearest prefix of b: 0 when
 * a is a prefix of b.  Both are cut to NEAR_LEN bytes. */
static size_t prefix_distance(const char *a, const char *b)
{
	size_t row[NEAR_LEN + 1], n = strlen(a), m = strlen(b), i, j, best;

	n = n > NEAR_LEN ? NEAR_LEN : n;
	m = m > NEAR_LEN ? NEAR_LEN : m;
	for (j = 0; j <= m; j++)
		row[j] = j;
	for (i = 1; i <= n; i++) {
		size_t diag = row[0], up;

		row[0] = i;
		for (j = 1; j <= m; j++) {
			up = row[j];
			row[j] = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < row[j])
				row[j] = up + 1;
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			diag = up;
		}
	}
	for (best = row[0], j = 1; j <= m; j++)
		if (row[j] < best)
			best = row[j];
	return best;
}

/* A candidate: what it is compared by (an id, an actor key) and what is
 * shown (the id, the actor's name). */
typedef struct candidate {
	char *key, *shown;
	size_t distance;
} candidate;

typedef struct candidates {
	candidate *v;
	size_t n, cap;
} candidates;

static void candidates_release(candidates *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->v[i].key);
		free(c->v[i].shown);
	}
	free(c->v);
}

/* Adds row q's column 0 (key) and 1 (shown) unless the key is there. */
static int candidate_add(candidates *c, sqlite3_stmt *q)
{
	const char *key = (const char *)sqlite3_column_text(q, 0);
	const char *shown = (const char *)sqlite3_column_text(q, 1);
	size_t i;

	if (!key || !shown)
		return 0;
	for (i = 0; i < c->n; i++)
		if (strcmp(c->v[i].key, key) == 0)
			return 0;
	if (KN_GROW(c->v, c->cap, c->n + 1))
		return -1;
	c->v[c->n].key = strdup(key);
	c->v[c->n].shown = strdup(shown);
	c->v[c->n].distance = 0;
	c->n++;
	return c->v[c->n - 1].key && c->v[c->n - 1].shown ? 0 : -1;
}

/* Reads the rows of sql (?1 = from, at most NEAR_ROWS) into c. */
static kn_status probe(kn_store *st, const char *sql, const char *from,
		       size_t len, candidates *c, kn_error *err)
{
	sqlite3_stmt *q;
	kn_status s = kn_store_stmt(st, sql, "cannot look the name up", &q, err);
	int rc = SQLITE_DONE;

	if (s)
		return s;
	sqlite3_bind_text(q, 1, from, (int)len, SQLITE_TRANSIENT);
	sqlite3_bind_int(q, 2, NEAR_ROWS);
	while (!s && (rc = sqlite3_step(q)) == SQLITE_ROW)
		if (candidate_add(c, q))
			s = nomem(err);
	if (!s && rc != SQLITE_DONE)
		s = kn_store_fail(st, err, "cannot look the name up");
	kn_store_stmt_done(st, q);
	return s;
}

/* The probes around key in one ordered column: the rows just after and
 * just before key (among them the longest common prefixes, since the
 * column is sorted), then after shorter prefixes of key cut at its last
 * NEAR_CUTS word breaks (brk: '-' in ids, ' ' in actor keys). */
static kn_status probe_around(kn_store *st, const char *const sql[2],
			      const char *key, char brk, candidates *c,
			      kn_error *err)
{
	size_t len = strlen(key), cuts = 0;
	kn_status s = probe(st, sql[0], key, len, c, err);

	if (!s)
		s = probe(st, sql[1], key, len, c, err);
	while (!s && len > 1 && cuts < NEAR_CUTS) {
		len--;
		if (key[len - 1] != brk)
			continue;
		s = probe(st, sql[0], key, len, c, err);
		cuts++;
	}
	return s;
}

static int by_distance(const void *pa, const void *pb)
{
	const candidate *a = pa, *b = pb;

	if (a->distance != b->distance)
		return a->distance < b->distance ? -1 : 1;
	return strcmp(a->key, b->key);
}

/* Keeps in l->near the candidates near enough to key, nearest first:
 * the shorter of the two is at most a quarter of its length (at least
 * one byte) of edits from a prefix of the longer, and 3 bytes or more. */
static kn_status keep_nearest(candidates *c, const char *key, kn_lookup *l,
			      kn_error *err)
{
	size_t i, kept = 0, shorter, limit;

	for (i = 0; i < c->n; i++) {
		candidate *v = &c->v[i];
		int key_first = strlen(key) <= strlen(v->key);

		shorter = strlen(key_first ? key : v->key);
		limit = shorter / 4 ? shorter / 4 : 1;
		v->distance = key_first ? prefix_distance(key, v->key)
					: prefix_distance(v->key, key);
		if (shorter >= 3 && v->distance <= limit)
			c->v[kept++] = *v;
		else {
			free(v->key);
			free(v->shown);
		}
	}
	c->n = kept;
	qsort(c->v, c->n, sizeof *c->v, by_distance);
	if (c->n && !(l->near = calloc(c->n, sizeof *l->near)))
		return nomem(err);
	for (i = 0; i < c->n && i < NEAR_SHOWN; i++) {
		l->near[i] = c->v[i].shown;
		c->v[i].shown = NULL;
		l->n++;
	}
	return KN_OK;
}

/* The first value of sql with ?1 = key (heap in *out, NULL when none). */
static kn_status first_value(kn_store *st, const char *sql, const char *key,
			     char **out, kn_error *err)
{
	sqlite3_stmt *q;
	kn_status s = kn_store_stmt(st, sql, "cannot look the name up", &q, err);
	int rc;

	*out = NULL;
	if (s)
		return s;
	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW &&
	    !(*out = strdup((const char *)sqlite3_column_text(q, 0))))
		s = nomem(err);
	else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = kn_store_fail(st, err, "cannot look the name up");
	kn_store_stmt_done(st, q);
	return s;
}

static kn_status nearest_ids(kn_store *st, const char *id, kn_lookup *l,
			     kn_error *err)
{
	static const char *const sql[2] = {
		"SELECT id, id FROM signals WHERE id >= ?1 ORDER BY id LIMIT ?2",
		"SELECT id, id FROM signals WHERE id < ?1 ORDER BY id DESC LIMIT ?2",
	};
	candidates c = { NULL, 0, 0 };
	kn_status s = probe_around(st, sql, id, '-', &c, err);

	if (!s)
		s = keep_nearest(&c, id, l, err);
	candidates_release(&c);
	return s;
}

/* The smallest string above every string starting with p[0..n): p with
 * trailing 0xFF bytes dropped and its last byte raised; 0 when there is
 * none (p is all 0xFF bytes). */
static size_t prefix_end(char *p, size_t n)
{
	while (n > 0 && (unsigned char)p[n - 1] == 0xFF)
		n--;
	if (n > 0)
		p[n - 1] = (char)((unsigned char)p[n - 1] + 1);
	return n;
}

/* The ids starting with prefix (no more than KN_LOOKUP_SHOWN + 1 kept);
 * *count: how many there are, counted up to COUNT_CAP. */
static kn_status prefix_ids(kn_store *st, const char *prefix, kn_lookup *l,
			    long long *count, kn_error *err)
{
	static const char list_sql[] =
		"SELECT id FROM signals WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT ?3";
	static const char count_sql[] =
		"SELECT count(*) FROM (SELECT 1 FROM signals WHERE id >= ?1"
		" AND id < ?2 ORDER BY id LIMIT ?3)";
	size_t len = strlen(prefix), end_len;
	char *end = strdup(prefix);
	sqlite3_stmt *q;
	kn_status s;
	int rc = SQLITE_DONE, pass;

	*count = 0;
	if (!end || !(l->near = calloc(KN_LOOKUP_SHOWN + 1, sizeof *l->near))) {
		free(end);
		return nomem(err);
	}
	end_len = prefix_end(end, len);
	for (pass = 0, s = KN_OK; end_len && !s && pass < 2; pass++) {
		if ((s = kn_store_stmt(st, pass ? count_sql : list_sql,
				       "cannot look the id up", &q, err)))
			break;
		sqlite3_bind_text(q, 1, prefix, (int)len, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, end, (int)end_len, SQLITE_STATIC);
		sqlite3_bind_int(q, 3, pass ? COUNT_CAP : KN_LOOKUP_SHOWN + 1);
		while (!s && (rc = sqlite3_step(q)) == SQLITE_ROW) {
			if (pass)
				*count = sqlite3_column_int64(q, 0);
			else if ((l->near[l->n] = strdup((const char *)
					sqlite3_column_text(q, 0))) != NULL)
				*count = (long long)++l->n;
			else
				s = nomem(err);
		}
		if (!s && rc != SQLITE_DONE)
			s = kn_store_fail(st, err, "cannot look the id up");
		kn_store_stmt_done(st, q);
		if (l->n <= KN_LOOKUP_SHOWN)
			break; /* every match is listed: no count needed */
	}
	free(end);
	return s;
}

/* One match: it is the id.  Several: ambiguous, the first
 * KN_LOOKUP_SHOWN listed.  None: not found, the nearest listed. */
static kn_status settle_prefix(kn_store *st, const char *id, kn_lookup *l,
			       long long count, kn_error *err)
{
	kn_status s;

	if (l->n == 1) {
		l->found = l->near[0];
		l->near[0] = NULL;
		l->n = 0;
		return KN_OK;
	}
	if (l->n > 1) {
		if (l->n > KN_LOOKUP_SHOWN)
			free(l->near[--l->n]);
		l->more = count - (long long)l->n;
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, NULL,
				    "id prefix \"%.500s\" is ambiguous (%s%lld signals): give more of the id",
				    id, count >= COUNT_CAP ? "at least " : "", count);
	}
	free(l->near);
	l->near = NULL;
	if ((s = nearest_ids(st, id, l, err)) != KN_OK)
		return s;
	return kn_error_set(err, KN_ERR_NOTFOUND, NULL, 0, 0, NULL,
			    "no signal with id \"%.500s\"", id);
}

kn_status kn_sqlite_resolve_id(kn_store *st, const char *id, kn_lookup *l,
			       kn_error *err)
{
	long long count = 0;
	kn_status s;

	kn_lookup_release(l);
	if (!id[0])
		return kn_error_set(err, KN_ERR_NOTFOUND, NULL, 0, 0, NULL,
				    "no signal with id \"\"");
	s = first_value(st, "SELECT id FROM signals WHERE id = ?1", id, &l->found,
			err);
	if (s || l->found)
		return s;
	if ((s = prefix_ids(st, id, l, &count, err)) != KN_OK) {
		kn_lookup_release(l);
		return s;
	}
	return settle_prefix(st, id, l, count, err);
}

static kn_status nearest_actors(kn_store *st, const char *key, kn_lookup *l,
				kn_error *err)
{
	static const char *const actor_sql[2] = {
		"SELECT key, name FROM actors WHERE key >= ?1 ORDER BY key LIMIT ?2",
		"SELECT key, name FROM actors WHERE key < ?1 ORDER BY key DESC LIMIT ?2",
	};
	static const char *const alias_sql[2] = {
		"SELECT key, name FROM aliases WHERE key >= ?1 ORDER BY key LIMIT ?2",
		"SELECT key, name FROM aliases WHERE key < ?1 ORDER BY key DESC LIMIT ?2",
	};
	candidates c = { NULL, 0, 0 };
	kn_status s = probe_around(st, actor_sql, key, ' ', &c, err);

	if (!s)
		s = probe_around(st, alias_sql, key, ' ', &c, err);
	if (!s)
		s = keep_nearest(&c, key, l, err);
	candidates_release(&c);
	return s;
}

/* The names alias refuses (alias.c), refused alike: not valid UTF-8, or
 * nothing left once punctuation and invisible characters are dropped. */
static kn_status check_name(const char *name, const char *key, kn_error *err)
{
	char *trimmed;
	int empty;

	if (kn_utf8_check(name, strlen(name)) >= 0)
		return kn_error_set(err, KN_ERR_INVALID, NULL, 0, 0, NULL,
				    "actor name \"%.500s\" is not valid UTF-8", name);
	if (!(trimmed = kn_strndup_trim(name, strlen(name))))
		return nomem(err);
	empty = !trimmed[0];
	free(trimmed);
	if (empty)
		return kn_error_set(err, KN_ERR_INVALID, NULL, 0, 0, NULL,
				    "an actor name is empty");
	if (!key[0])
		return kn_error_set(err, KN_ERR_INVALID, NULL, 0, 0, NULL,
				    "actor name \"%.500s\" must name an actor, not only punctuation",
				    name);
	return KN_OK;
}

kn_status kn_sqlite_find_actor(kn_store *st, const char *name, kn_lookup *l,
			       kn_error *err)
{
	static const char *const known[] = {
		"SELECT name FROM actors WHERE key = ?1",
		"SELECT name FROM aliases WHERE key = ?1",
		/* a target that is no alias is its own canonical key */
		("SELECT canonical_name FROM aliases WHERE canonical_key = ?1"
		 " ORDER BY key LIMIT 1"),
	};
	char *key = kn_actor_key(name);
	kn_status s = key ? check_name(name, key, err) : nomem(err);
	size_t i;

	kn_lookup_release(l);
	for (i = 0; !s && !l->found && i < sizeof known / sizeof known[0]; i++)
		s = first_value(st, known[i], key, &l->found, err);
	if (!s && !l->found && !(s = nearest_actors(st, key, l, err)))
		s = kn_error_set(err, KN_ERR_NOTFOUND, NULL, 0, 0, NULL,
				 "\"%.500s\" is no known actor", name);
	free(key);
	return s;
}
