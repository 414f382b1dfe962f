/* knockon internal — calendar arithmetic on whole days, shared by the
 * windows of "diff", the periods of "trend" and the time line's axis.
 * Not part of the public API.
 *
 * A day is a number: days since 1970-01-01 in the proleptic Gregorian
 * calendar (negative before), so windows are subtraction and the leap
 * days come from one rule.  Years run from 0000 to 9999, the years an
 * ISO 8601 date of four digits can name. */
#ifndef KN_DATE_H
#define KN_DATE_H

/* The first and the last day a date can name (0000-01-01, 9999-12-31). */
#define KN_DAY_MIN (-719528L)
#define KN_DAY_MAX 2932896L

/* The day of y-m-d (m 1–12, d 1–31; not checked). */
long kn_day_of(int y, int m, int d);
/* The y-m-d of a day. */
void kn_day_civil(long day, int *y, int *m, int *d);
/* Days in month m of year y (leap years counted). */
int kn_days_in_month(int y, int m);
/* Writes day as YYYY-MM-DD into out (11 bytes with the NUL). */
void kn_day_format(long day, char out[11]);

/* The days a date covers, as the filters read it (--since, --until): 
 * "2026" is 2026-01-01 to 2026-12-31, "2026-02" the whole of February,
 * "2026-02-14" that day; a date-time covers the day it names.  Returns
 * 0, or -1 when s does not start with such a date (the caller checks the
 * rest of it with kn_iso_date_fault). */
int kn_date_span(const char *s, long *first, long *last);

/* The day k months after day (k < 0: before), the day of month kept, or
 * the last day of the month when that month is shorter (2026-03-31
 * minus one month is 2026-02-28).  When day is the last day of its month,
 * so is the result (2026-02-28 minus one month is 2026-01-31): whole
 * months stay whole months. */
long kn_day_add_months(long day, long k);

/* Day of the week, 1 Monday to 7 Sunday (ISO 8601). */
int kn_day_weekday(long day);
/* The ISO 8601 week of a day: its year (the year of that week's
 * Thursday, which may differ from the day's) and number, 1–53. */
void kn_day_iso_week(long day, int *year, int *week);

#endif
