/* The ranking of a big corpus map's actors (pick_groups, docs/maps.md),
 * counted in memory: an array slot per actor row id, one pass over the
 * selection's roles, a bounded top of the most recurrent.
 *
 * - Filtered: a date window's roles are one range of roles_by_date
 *   (published, role, aid, sid); other filters select their signals into
 *   a bit per row id first (from a covering index, or for --actor from
 *   roles_by_actor), then their roles are read by signal (a seek each,
 *   or one scan of roles when the selection is a large part of it).
 *   A signal counts once per actor group however many times it names it.
 * - Unfiltered: the counts the triggers keep (role_counts, a signal
 *   naming an actor in both roles counts twice there) bound each group's
 *   count from above; the groups are counted exactly in that order, a
 *   merge of their two role runs, until no bound left can reach the top. */
#include "store_pick.h"

#include <stdlib.h>
#include <string.h>

#include "kn_grow.h"
#include "kn_text.h"

typedef struct rank_row {
	kn_row sid;
	unsigned grp;
	int loser;
} rank_row;

typedef struct ranker {
	kn_store *st;
	kn_error *err;
	size_t n_aid;          /* slots 0..n_aid-1, one per actor row id */
	unsigned *rep;         /* the group (its least aid) of each aid */
	unsigned char *multi;  /* groups of more than one actor */
	unsigned *n[3];        /* per group: signals, as a winner, as a loser */
	unsigned char *sel;    /* the selected row ids, a bit each; NULL: all */
	size_t n_sid, n_sel;   /* bits; how many are set */
	size_t n_signals;      /* in the corpus */
	rank_row *blk;         /* the rows of one signal, or one date */
	size_t n_blk, cap_blk;
	kn_buf block;          /* the date of the rows in blk */
	kn_buf prev;           /* the previous group's key (alias groups) */
	unsigned first;        /* and its least aid */
} ranker;

static kn_status nomem(kn_error *err)
{
	return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
}

static kn_status finish(ranker *r, sqlite3_stmt *q, int rc, int stop,
			const char *what)
{
	kn_status s = KN_OK;

	if (stop < 0)
		s = nomem(r->err);
	else if (!stop && rc != SQLITE_DONE && rc != SQLITE_ROW)
		s = kn_store_fail(r->st, r->err, what);
	kn_store_stmt_done(r->st, q);
	return s;
}

/* ---- a signal counts once per group ---- */

static int row_cmp(const void *a, const void *b)
{
	const rank_row *x = a, *y = b;

	if (x->grp != y->grp)
		return x->grp < y->grp ? -1 : 1;
	if (x->sid != y->sid)
		return x->sid < y->sid ? -1 : 1;
	return x->loser - y->loser;
}

static void block_flush(ranker *r)
{
	rank_row *v = r->blk, t;
	size_t i, j, n = r->n_blk;

	if (n > 16) {
		qsort(v, n, sizeof *v, row_cmp);
	} else {
		for (i = 1; i < n; i++)
			for (j = i, t = v[i]; j > 0 && row_cmp(&v[j - 1], &t) > 0; j--)
				v[j] = v[j - 1], v[j - 1] = t;
	}
	for (i = 0; i < n; i++) {
		int same = i > 0 && v[i].grp == v[i - 1].grp && v[i].sid == v[i - 1].sid;

		r->n[0][v[i].grp] += !same;
		if (!same || v[i].loser != v[i - 1].loser)
			r->n[1 + v[i].loser][v[i].grp]++;
	}
	r->n_blk = 0;
}

static int block_add(ranker *r, kn_row sid, kn_row aid, int loser)
{
	rank_row *row;

	if (aid < 0 || (size_t)aid >= r->n_aid)
		return 0; /* not an actor (the foreign key holds) */
	if (KN_GROW(r->blk, r->cap_blk, r->n_blk + 1))
		return -1;
	row = &r->blk[r->n_blk++];
	row->sid = sid;
	row->grp = r->rep[aid];
	row->loser = loser != 0;
	return 0;
}

static int selected(const ranker *r, kn_row sid)
{
	return !r->sel || (sid >= 0 && (size_t)sid < r->n_sid &&
			   (r->sel[sid >> 3] >> (sid & 7) & 1));
}

/* ---- the corpus's sizes and groups ---- */

/* 1 when the corpus's row ids are dense enough for a slot each. */
static kn_status sizes(ranker *r, kn_error *err)
{
	static const char sql[] =
		"SELECT (SELECT min(aid) FROM actors), (SELECT max(aid) FROM actors),"
		" (SELECT count(*) FROM actors), (SELECT min(sid) FROM signals),"
		" (SELECT max(sid) FROM signals), (SELECT count(*) FROM signals)";
	sqlite3_stmt *q;
	sqlite3_int64 v[6] = { 0 };
	int i, rc;
	kn_status s = kn_store_stmt(r->st, sql, "cannot read the corpus", &q, err);

	if (s)
		return s;
	if ((rc = sqlite3_step(q)) == SQLITE_ROW)
		for (i = 0; i < 6; i++)
			v[i] = sqlite3_column_int64(q, i);
	if ((s = finish(r, q, rc, 0, "cannot read the corpus")) != KN_OK)
		return s;
	if (v[0] < 0 || v[3] < 0 || v[1] > 8 * v[2] + (1 << 20) ||
	    v[4] > 16 * v[5] + (1 << 20) || v[1] >= 0x7fffffff)
		return KN_ERR_USAGE;
	r->n_aid = (size_t)v[1] + 1;
	r->n_sid = (size_t)v[4] + 1;
	r->n_signals = (size_t)v[5];
	return KN_OK;
}

static int add_alias(void *ctx, kn_row aid, const char *key)
{
	ranker *r = ctx;

	if (aid < 0 || (size_t)aid >= r->n_aid || !key)
		return 0;
	if (r->prev.len && strcmp(kn_buf_cstr(&r->prev), key) == 0) {
		r->rep[aid] = r->first;
		r->multi[r->first] = 1;
		return 0;
	}
	kn_buf_reset(&r->prev);
	kn_buf_puts(&r->prev, key);
	r->first = (unsigned)aid;
	return kn_buf_failed(&r->prev) ? -1 : 0;
}

static kn_status groups(ranker *r)
{
	size_t i;
	int k;

	r->rep = malloc(r->n_aid * sizeof *r->rep);
	r->multi = calloc(r->n_aid, 1);
	for (k = 0; k < 3; k++)
		r->n[k] = calloc(r->n_aid, sizeof *r->n[k]);
	if (!r->rep || !r->multi || !r->n[0] || !r->n[1] || !r->n[2])
		return nomem(r->err);
	for (i = 0; i < r->n_aid; i++)
		r->rep[i] = (unsigned)i;
	/* by key, then aid: a group's first row is its least aid */
	return kn_sqlite_alias_groups(r->st, add_alias, r, r->err);
}

/* ---- the selection, a bit per signal ---- */

static kn_status select_sids(ranker *r, const kn_filter *f)
{
	size_t bytes = (r->n_sid >> 3) + 1, i;
	unsigned char *other = NULL;
	kn_filter g = *f;
	kn_buf sql = KN_BUF_INIT;
	kn_status s;

	if (!(r->sel = calloc(bytes, 1)))
		return nomem(r->err);
	g.n_actors = 0;
	if (f->n_actors && f->limit <= 0) {
		/* the signals of the actors, then those of the rest */
		s = kn_pick_mark_actors(r->st, f, r->sel, r->n_sid, r->err);
		if (s != KN_OK || kn_filter_empty(&g))
			goto count;
		if (!(other = calloc(bytes, 1)))
			return nomem(r->err);
		f = &g;
	}
	/* +sid: from a covering index and sorted, not a scan of the table */
	kn_buf_puts(&sql, "SELECT s.sid FROM signals s WHERE 1");
	kn_pick_sel_sql(f, &sql);
	kn_buf_puts(&sql, " ORDER BY +s.sid");
	s = kn_buf_failed(&sql) ? nomem(r->err)
				: kn_pick_mark(r->st, kn_buf_cstr(&sql), f, NULL,
					       other ? other : r->sel, r->n_sid, r->err);
	kn_buf_release(&sql);
	for (i = 0; other && i < bytes; i++)
		r->sel[i] &= other[i];
	free(other);
count:
	for (i = 0, r->n_sel = 0; i < bytes; i++) {
		unsigned b = r->sel[i];

		for (; b; b &= b - 1)
			r->n_sel++;
	}
	return s;
}

/* ---- the selection's roles ---- */


/* A date window: one range of roles_by_date, a block per date (a
 * signal's roles share its date). */
static kn_status count_dates(ranker *r, const kn_filter *f)
{
	static const char what[] = "cannot count the actors";
	kn_filter d;
	kn_buf sql = KN_BUF_INIT;
	sqlite3_stmt *q;
	int rc = SQLITE_DONE, stop = 0;
	kn_status s;

	kn_filter_init(&d);
	d.since = f->since;
	d.until = f->until;
	kn_buf_puts(&sql, "SELECT r.published, r.sid, r.role = 'loser', r.aid"
			  " FROM roles r INDEXED BY roles_by_date"
			  " WHERE r.published IS NOT NULL");
	kn_filter_sql(&d, "r", &sql);
	kn_buf_puts(&sql, " ORDER BY r.published, r.role, r.aid, r.sid");
	s = kn_buf_failed(&sql) ? nomem(r->err)
				: kn_store_stmt(r->st, kn_buf_cstr(&sql), what, &q, r->err);
	kn_buf_release(&sql);
	if (s)
		return s;
	kn_filter_bind(q, &d, 1);
	kn_buf_reset(&r->block);
	while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *day = (const char *)sqlite3_column_text(q, 0);
		kn_row sid = sqlite3_column_int64(q, 1);

		if (!day || !selected(r, sid))
			continue;
		if (strcmp(day, kn_buf_cstr(&r->block)) != 0) {
			block_flush(r);
			kn_buf_reset(&r->block);
			kn_buf_puts(&r->block, day);
			stop = -kn_buf_failed(&r->block);
		}
		if (!stop)
			stop = block_add(r, sid, sqlite3_column_int64(q, 3),
					 sqlite3_column_int(q, 2));
	}
	block_flush(r);
	return finish(r, q, rc, stop, what);
}

/* The selected signals' roles: a seek each, or one scan of roles in
 * signal order when they are a third of the corpus or more. */
static kn_status count_signals(ranker *r)
{
	static const char what[] = "cannot count the actors";
	static const char seek[] = "SELECT role = 'loser', aid FROM roles"
				   " WHERE sid = ?1 ORDER BY role, position";
	static const char scan[] = "SELECT role = 'loser', aid, sid FROM roles"
				   " ORDER BY sid, role, position";
	int by_seek = r->n_sel * 3 < r->n_signals, rc = SQLITE_DONE, stop = 0;
	sqlite3_stmt *q;
	kn_row sid, last = -1;
	kn_status s = kn_store_stmt(r->st, by_seek ? seek : scan, what, &q, r->err);

	if (s)
		return s;
	for (sid = 0; by_seek && !stop && (size_t)sid < r->n_sid; sid++) {
		if (!(r->sel[sid >> 3] >> (sid & 7) & 1))
			continue;
		sqlite3_reset(q);
		sqlite3_bind_int64(q, 1, sid);
		while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW)
			stop = block_add(r, sid, sqlite3_column_int64(q, 1),
					 sqlite3_column_int(q, 0));
		block_flush(r);
		if (rc != SQLITE_DONE)
			break;
	}
	while (!by_seek && !stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		sid = sqlite3_column_int64(q, 2);
		if (sid != last)
			block_flush(r);
		last = sid;
		if (selected(r, sid))
			stop = block_add(r, sid, sqlite3_column_int64(q, 1),
					 sqlite3_column_int(q, 0));
	}
	block_flush(r);
	return finish(r, q, rc, stop, what);
}

/* ---- one actor, unfiltered: a merge of its two role runs ---- */

static int next_sid(sqlite3_stmt *q, int *rc, kn_row *sid)
{
	if ((*rc = sqlite3_step(q)) != SQLITE_ROW)
		return 0;
	*sid = sqlite3_column_int64(q, 0);
	return 1;
}

static kn_status merge_stats(kn_store *st, kn_row aid, long n[3], kn_error *err)
{
	static const char what[] = "cannot count an actor's signals";
	static const char run[2][80] = {
		"SELECT sid FROM roles WHERE role = 'winner' AND aid = ?1 ORDER BY sid",
		"SELECT sid FROM roles WHERE role = 'loser' AND aid = ?1 ORDER BY sid",
	};
	sqlite3_stmt *q[2] = { NULL, NULL };
	int rc[2] = { SQLITE_DONE, SQLITE_DONE }, has[2], k;
	kn_row at[2] = { 0, 0 }, cur;
	kn_status s = kn_store_stmt(st, run[0], what, &q[0], err);

	if (s == KN_OK && (s = kn_store_stmt(st, run[1], what, &q[1], err)) != KN_OK)
		kn_store_stmt_done(st, q[0]);
	if (s)
		return s;
	n[0] = n[1] = n[2] = 0;
	for (k = 0; k < 2; k++) {
		sqlite3_bind_int64(q[k], 1, aid);
		has[k] = next_sid(q[k], &rc[k], &at[k]);
	}
	while (has[0] || has[1]) {
		cur = has[0] && (!has[1] || at[0] <= at[1]) ? at[0] : at[1];
		n[0]++;
		for (k = 0; k < 2; k++) {
			n[1 + k] += has[k] && at[k] == cur;
			while (has[k] && at[k] == cur) /* the same signal again */
				has[k] = next_sid(q[k], &rc[k], &at[k]);
		}
	}
	for (k = 0; k < 2; k++)
		kn_store_stmt_done(st, q[k]);
	return rc[0] == SQLITE_DONE && rc[1] == SQLITE_DONE
		       ? KN_OK : kn_store_fail(st, err, what);
}

kn_status kn_pick_stats_one(kn_store *st, const char *key, long n[3],
			    kn_error *err)
{
	static const char sql[] =
		"SELECT aid FROM actors WHERE key = ?1 UNION ALL SELECT a.aid"
		" FROM aliases al JOIN actors a ON a.key = al.key"
		" WHERE al.canonical_key = ?1 ORDER BY 1 LIMIT 2";
	static const char what[] = "cannot count an actor's signals";
	sqlite3_stmt *q;
	kn_row aid = -1;
	int found = 0, rc;
	kn_status s = kn_store_stmt(st, sql, what, &q, err);

	if (s)
		return s;
	sqlite3_bind_text(q, 1, key, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW && found++ == 0)
		aid = sqlite3_column_int64(q, 0);
	kn_store_stmt_done(st, q);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return kn_store_fail(st, err, what);
	if (found == 0) {
		n[0] = n[1] = n[2] = 0;
		return KN_OK;
	}
	return found == 1 ? merge_stats(st, aid, n, err) : KN_ERR_USAGE;
}

/* ---- the top ---- */

typedef struct rank_pick {
	unsigned grp;
	long n[3];
	char *key;
} rank_pick;

static int by_count(const void *a, const void *b)
{
	const rank_pick *x = a, *y = b;

	return x->n[0] != y->n[0] ? (x->n[0] > y->n[0] ? -1 : 1)
				  : (x->grp > y->grp) - (x->grp < y->grp);
}

static int by_count_key(const void *a, const void *b)
{
	const rank_pick *x = a, *y = b;

	if (x->n[0] != y->n[0])
		return x->n[0] > y->n[0] ? -1 : 1;
	return strcmp(x->key ? x->key : "", y->key ? y->key : "");
}

static kn_status key_of(ranker *r, rank_pick *p)
{
	static const char what[] = "cannot read an actor's name";
	sqlite3_stmt *q;
	int rc;
	kn_status s;

	if (p->key)
		return KN_OK;
	if ((s = kn_store_stmt(r->st, "SELECT canonical_key FROM actor_names"
			       " WHERE aid = ?1", what, &q, r->err)) != KN_OK)
		return s;
	sqlite3_bind_int64(q, 1, p->grp);
	if ((rc = sqlite3_step(q)) == SQLITE_ROW && sqlite3_column_text(q, 0) &&
	    !(p->key = strdup((const char *)sqlite3_column_text(q, 0))))
		rc = -1;
	kn_store_stmt_done(r->st, q);
	if (rc == -1)
		return nomem(r->err);
	return rc == SQLITE_ROW ? KN_OK : kn_store_fail(r->st, r->err, what);
}

/* p[0..n) sorted by count, then key; the first max of at least min. */
static kn_status emit(ranker *r, rank_pick *p, size_t n, long min, size_t max,
		      kn_pick_group_fn each, void *ctx)
{
	size_t i, k = 0;
	kn_status s = KN_OK;
	int stop = 0;

	for (i = 0; s == KN_OK && i < n; i++)
		s = key_of(r, &p[i]);
	if (s)
		return s;
	if (n > 1) /* qsort takes no NULL, even for 0 */
		qsort(p, n, sizeof *p, by_count_key);
	for (i = 0; !stop && i < n && k < max; i++)
		if (p[i].n[0] >= min && p[i].n[0] > 0) {
			stop = each(ctx, p[i].key, p[i].n, 1);
			k++;
		}
	return stop < 0 ? nomem(r->err) : KN_OK;
}

/* The groups of at least min (and one) signals, most first; *n of them. */
static rank_pick *candidates(ranker *r, long min, size_t *n)
{
	rank_pick *p;
	size_t i, k = 0;

	for (i = 0; i < r->n_aid; i++)
		k += r->rep[i] == i && r->n[0][i] > 0 && (long)r->n[0][i] >= min;
	if (!(p = calloc(k + 1, sizeof *p)))
		return NULL;
	for (i = 0, k = 0; i < r->n_aid; i++)
		if (r->rep[i] == i && r->n[0][i] > 0 && (long)r->n[0][i] >= min) {
			p[k].grp = (unsigned)i;
			p[k].n[0] = r->n[0][i];
			p[k].n[1] = r->n[1][i];
			p[k].n[2] = r->n[2][i];
			k++;
		}
	if (k > 1) /* qsort takes no NULL, even for 0 */
		qsort(p, k, sizeof *p, by_count);
	*n = k;
	return p;
}

/* Counted exactly: the top max and every group tied with the last. */
static size_t top_exact(const rank_pick *p, size_t n, size_t max)
{
	size_t end = n > max ? max : n;

	while (end > 0 && end < n && p[end].n[0] == p[end - 1].n[0])
		end++;
	return end;
}

/* The least of the max greatest values seen (top[0..*n) ascending). */
static long keep_top(long *top, size_t *n, size_t max, long v)
{
	size_t i;

	if (*n < max) {
		for (i = (*n)++; i > 0 && top[i - 1] > v; i--)
			top[i] = top[i - 1];
		top[i] = v;
	} else if (max && v > top[0]) {
		for (i = 0; i + 1 < max && top[i + 1] < v; i++)
			top[i] = top[i + 1];
		top[i] = v;
	}
	return *n == max && max ? top[0] : -1;
}

static kn_status count_bounded(ranker *r, rank_pick *p, size_t n, size_t max,
			       size_t *done)
{
	long *top = malloc((max + 1) * sizeof *top), least = -1;
	size_t i, n_top = 0;
	kn_status s = KN_OK;

	if (!top)
		return nomem(r->err);
	/* p[i].n[0] bounds the count from above; a bound under the least of
	 * the top cannot enter it, nor can any after it */
	for (i = 0; s == KN_OK && i < n && p[i].n[0] >= least; i++) {
		if (!r->multi[p[i].grp]) {
			s = merge_stats(r->st, p[i].grp, p[i].n, r->err);
		} else if ((s = key_of(r, &p[i])) == KN_OK) {
			s = kn_sqlite_pick_stats(r->st, p[i].key, NULL, p[i].n, r->err);
		}
		least = keep_top(top, &n_top, max, p[i].n[0]);
	}
	free(top);
	*done = i;
	return s;
}

static kn_status read_counts(ranker *r)
{
	static const char what[] = "cannot count the actors";
	sqlite3_stmt *q;
	int rc;
	kn_status s = kn_store_stmt(r->st, "SELECT aid, role = 'loser', n FROM role_counts"
				    " ORDER BY role, aid", what, &q, r->err);

	if (s)
		return s;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		kn_row aid = sqlite3_column_int64(q, 0);
		sqlite3_int64 v = sqlite3_column_int64(q, 2);
		unsigned g;

		if (aid < 0 || (size_t)aid >= r->n_aid || v <= 0)
			continue;
		g = r->rep[aid];
		r->n[1 + (sqlite3_column_int(q, 1) != 0)][g] += (unsigned)v;
		r->n[0][g] += (unsigned)v;
	}
	return finish(r, q, rc, 0, what);
}

/* The selection's roles counted per group: a date window from
 * roles_by_date, else by signal. */
static kn_status count_selection(ranker *r, const kn_filter *f)
{
	int dated = (f->since || f->until) && kn_store_has_role_dates(r->st);
	kn_status s = KN_OK;

	if (!dated || f->n_categories || f->n_actors || f->min_score > 0 ||
	    f->limit > 0)
		s = select_sids(r, f);
	if (s)
		return s;
	return dated ? count_dates(r, f) : count_signals(r);
}

static kn_status rank(ranker *r, const kn_filter *f, long min, size_t max,
		      kn_pick_group_fn each, void *ctx, long long *total)
{
	int all = kn_filter_empty(f) && (!f || f->limit <= 0);
	rank_pick *p = NULL;
	size_t n = 0, i, end = 0;
	kn_status s = all ? read_counts(r) : count_selection(r, f);

	if (s == KN_OK && !(p = candidates(r, min, &n)))
		s = nomem(r->err);
	*total = (long long)n;
	if (s == KN_OK && all && max > 0)
		s = count_bounded(r, p, n, max, &end);
	else if (s == KN_OK && !all)
		end = top_exact(p, n, max);
	if (s == KN_OK)
		s = emit(r, p, end, min, max, each, ctx);
	for (i = 0; p && i < n; i++)
		free(p[i].key);
	free(p);
	return s;
}

kn_status kn_pick_rank(kn_store *st, const kn_filter *f, long min, size_t max,
		       kn_pick_group_fn each, void *ctx, long long *total,
		       kn_error *err)
{
	ranker r;
	kn_status s;
	int k, own;

	memset(&r, 0, sizeof r);
	r.st = st;
	r.err = err;
	kn_buf_init(&r.block);
	kn_buf_init(&r.prev);
	*total = 0;
	/* one read snapshot, not a lock taken and dropped per seek */
	s = kn_read_begin(st, &own, err);
	if (s == KN_OK)
		s = sizes(&r, err);
	if (s == KN_OK)
		s = groups(&r);
	if (s == KN_OK)
		s = rank(&r, f, min, max, each, ctx, total);
	kn_read_end(st, own);
	free(r.rep);
	free(r.multi);
	for (k = 0; k < 3; k++)
		free(r.n[k]);
	free(r.sel);
	free(r.blk);
	kn_buf_release(&r.block);
	kn_buf_release(&r.prev);
	return s;
}
