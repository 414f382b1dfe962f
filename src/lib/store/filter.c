/* The corpus filters shared by list, the queries, maps and reports. */
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"
#include "kn_text.h"

void kn_filter_init(kn_filter *f)
{
	memset(f, 0, sizeof *f);
	f->min_score = KN_ABSENT;
}

static kn_status add_value(const char **v, size_t *n, const char *value,
			   const char *opt, kn_error *err)
{
	if (*n >= KN_FILTER_MAX)
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, opt,
				    "--%s may be given at most %d times", opt,
				    KN_FILTER_MAX);
	v[(*n)++] = value;
	return KN_OK;
}

kn_status kn_filter_add_category(kn_filter *f, const char *category,
				 kn_error *err)
{
	return add_value(f->categories, &f->n_categories, category, "category",
			 err);
}

kn_status kn_filter_add_actor(kn_filter *f, const char *name, kn_error *err)
{
	return add_value(f->actors, &f->n_actors, name, "actor", err);
}

int kn_filter_empty(const kn_filter *f)
{
	return !f || (!f->since && !f->until && !f->n_categories &&
		      !f->n_actors && f->min_score <= 0);
}

/* A --since or --until value: the wrong shape, or a day that does not
 * exist (2026-06-31 would compare as a string and quietly return a list). */
static kn_status check_date(const char *opt, const char *v, kn_error *err)
{
	switch (kn_iso_date_fault(v)) {
	case KN_DATE_OK:
		return KN_OK;
	case KN_DATE_RANGE:
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, opt,
				    "--%s: no such date \"%s\"", opt, v);
	case KN_DATE_SHAPE:
	default:
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, opt,
				    "--%s takes a date like 2026-06-24, got \"%s\"",
				    opt, v);
	}
}

/* An --actor value must name an actor: a name that folds to nothing
 * (only punctuation, white space or invisible characters) would quietly
 * select no signal. */
static kn_status check_actor(const char *name, kn_error *err)
{
	char *key;
	int empty;

	if (!name || kn_utf8_check(name, strlen(name)) >= 0)
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, "actor",
				    "--actor takes a name in UTF-8");
	if (!(key = kn_actor_key(name)))
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
				    "out of memory");
	empty = !key[0];
	free(key);
	if (empty)
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, "actor",
				    "--actor \"%.200s\" names no actor", name);
	return KN_OK;
}

kn_status kn_filter_check(const kn_filter *f, kn_error *err)
{
	kn_status st;
	size_t i;

	if (f->since && (st = check_date("since", f->since, err)))
		return st;
	if (f->until && (st = check_date("until", f->until, err)))
		return st;
	if (f->min_score != KN_ABSENT && (f->min_score < 0 || f->min_score > 100))
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, "min-score",
				    "--min-score takes an integer from 0 to 100");
	if (f->n_categories > KN_FILTER_MAX || f->n_actors > KN_FILTER_MAX)
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0,
				    f->n_actors > KN_FILTER_MAX ? "actor" : "category",
				    "--%s may be given at most %d times",
				    f->n_actors > KN_FILTER_MAX ? "actor" : "category",
				    KN_FILTER_MAX);
	for (i = 0; i < f->n_categories; i++)
		if (!f->categories[i])
			return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, "category",
					    "--category takes a name");
	for (i = 0; i < f->n_actors; i++)
		if ((st = check_actor(f->actors[i], err)) != KN_OK)
			return st;
	return KN_OK;
}

/* The aids of the actor an --actor name is: its key's canonical key (the
 * alias it is, or the key itself), then every actor with that canonical
 * key.  Four parameters, each the name's key (kn_filter_bind). */
static const char actor_aids[] =
	"SELECT aid FROM actors WHERE key ="
	" COALESCE((SELECT canonical_key FROM aliases WHERE key = ?), ?)"
	" UNION ALL SELECT a.aid FROM aliases al JOIN actors a ON a.key = al.key"
	" WHERE al.canonical_key ="
	" COALESCE((SELECT canonical_key FROM aliases WHERE key = ?), ?)";

/* How many of a filter's values are read (kn_filter_check refuses more;
 * a caller that skipped it still gets no read past the array). */
static size_t count_of(size_t n)
{
	return n < KN_FILTER_MAX ? n : KN_FILTER_MAX;
}

void kn_filter_sql(const kn_filter *f, const char *alias, kn_buf *sql)
{
	size_t i, n_categories, n_actors;

	if (!f)
		return;
	n_categories = count_of(f->n_categories);
	n_actors = count_of(f->n_actors);
	if (f->since)
		kn_buf_printf(sql, " AND %s.published >= ?", alias);
	if (f->until) /* "~" sorts after every character of a date-time */
		kn_buf_printf(sql, " AND %s.published <= ? || '~'", alias);
	if (n_categories) {
		kn_buf_printf(sql, " AND %s.category COLLATE NOCASE IN (", alias);
		for (i = 0; i < n_categories; i++)
			kn_buf_puts(sql, i ? ", ?" : "?");
		kn_buf_puts(sql, ")");
	}
	if (f->min_score > 0)
		kn_buf_printf(sql, " AND %s.score >= ?", alias);
	if (n_actors) {
		/* role IN (...) lets roles_by_actor (role, aid, sid) find them */
		kn_buf_printf(sql, " AND %s.sid IN (SELECT sid FROM roles WHERE"
			      " role IN ('winner', 'loser') AND aid IN (", alias);
		for (i = 0; i < n_actors; i++)
			kn_buf_printf(sql, "%s%s", i ? " UNION ALL " : "", actor_aids);
		kn_buf_puts(sql, "))");
	}
}

int kn_filter_bind(sqlite3_stmt *stmt, const kn_filter *f, int first)
{
	int i = first, k;
	size_t j;

	if (!f)
		return i;
	if (f->since)
		sqlite3_bind_text(stmt, i++, f->since, -1, SQLITE_TRANSIENT);
	if (f->until)
		sqlite3_bind_text(stmt, i++, f->until, -1, SQLITE_TRANSIENT);
	for (j = 0; j < count_of(f->n_categories); j++)
		sqlite3_bind_text(stmt, i++, f->categories[j], -1, SQLITE_TRANSIENT);
	if (f->min_score > 0)
		sqlite3_bind_int(stmt, i++, f->min_score);
	for (j = 0; j < count_of(f->n_actors); j++) {
		/* NULL (no name, or out of memory) matches no actor */
		char *key = f->actors[j] ? kn_actor_key(f->actors[j]) : NULL;

		for (k = 0; k < 4; k++)
			sqlite3_bind_text(stmt, i++, key, -1, SQLITE_TRANSIENT);
		free(key);
	}
	return i;
}
