/* The corpus filters shared by list, the queries, maps and reports. */
#include <string.h>

#include "store_internal.h"
#include "kn_text.h"

void kn_filter_init(kn_filter *f)
{
	memset(f, 0, sizeof *f);
	f->min_score = KN_ABSENT;
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

kn_status kn_filter_check(const kn_filter *f, kn_error *err)
{
	kn_status st;

	if (f->since && (st = check_date("since", f->since, err)))
		return st;
	if (f->until && (st = check_date("until", f->until, err)))
		return st;
	if (f->min_score != KN_ABSENT && (f->min_score < 0 || f->min_score > 100))
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, "min-score",
				    "--min-score takes an integer from 0 to 100");
	return KN_OK;
}

void kn_filter_sql(const kn_filter *f, const char *alias, kn_buf *sql)
{
	if (!f)
		return;
	if (f->since)
		kn_buf_printf(sql, " AND %s.published >= ?", alias);
	if (f->until) /* "~" sorts after every character of a date-time */
		kn_buf_printf(sql, " AND %s.published <= ? || '~'", alias);
	if (f->category)
		kn_buf_printf(sql, " AND %s.category = ? COLLATE NOCASE", alias);
	if (f->min_score > 0)
		kn_buf_printf(sql, " AND %s.score >= ?", alias);
}

int kn_filter_bind(sqlite3_stmt *stmt, const kn_filter *f, int first)
{
	int i = first;

	if (!f)
		return i;
	if (f->since)
		sqlite3_bind_text(stmt, i++, f->since, -1, SQLITE_TRANSIENT);
	if (f->until)
		sqlite3_bind_text(stmt, i++, f->until, -1, SQLITE_TRANSIENT);
	if (f->category)
		sqlite3_bind_text(stmt, i++, f->category, -1, SQLITE_TRANSIENT);
	if (f->min_score > 0)
		sqlite3_bind_int(stmt, i++, f->min_score);
	return i;
}
