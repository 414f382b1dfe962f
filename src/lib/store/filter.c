/* The corpus filters shared by list, the queries, maps and reports. */
#include <string.h>

#include "store_internal.h"
#include "kn_text.h"

void kn_filter_init(kn_filter *f)
{
	memset(f, 0, sizeof *f);
	f->min_score = KN_ABSENT;
}

kn_status kn_filter_check(const kn_filter *f, kn_error *err)
{
	if (f->since && !kn_is_iso_date(f->since))
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, "since",
				    "--since takes a date like 2026-06-24, got \"%s\"",
				    f->since);
	if (f->until && !kn_is_iso_date(f->until))
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, "until",
				    "--until takes a date like 2026-06-24, got \"%s\"",
				    f->until);
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
