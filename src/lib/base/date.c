/* Calendar arithmetic on whole days (kn_date.h).  Days from a civil date
 * and back follow Howard Hinnant's "chrono-compatible low-level date
 * algorithms": exact for every Gregorian date, no tables, no loops. */
#include "kn_date.h"

#include <stdio.h>

long kn_day_of(int y, int m, int d)
{
	long yy = (long)y - (m <= 2);
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;
	long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void kn_day_civil(long day, int *y, int *m, int *d)
{
	long z = day + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long mm = mp < 10 ? mp + 3 : mp - 9;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)mm;
	*y = (int)(yoe + era * 400 + (mm <= 2));
}

int kn_days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	if (m < 1 || m > 12)
		return 0;
	return m == 2 ? 28 + leap : days[m - 1];
}

void kn_day_format(long day, char out[11])
{
	int y, m, d;

	kn_day_civil(day, &y, &m, &d);
	if (y < 0 || y > 9999) /* never a date of ours: keep the shape */
		y = y < 0 ? 0 : 9999;
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

static int digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int kn_date_span(const char *s, long *first, long *last)
{
	int y = digits(s, 4), m = 1, d = 1, m_last = 12, d_last;

	if (y < 0)
		return -1;
	if (s[4] == '-') {
		if ((m = digits(s + 5, 2)) < 1 || m > 12)
			return -1;
		m_last = m;
		if (s[7] == '-') {
			d = digits(s + 8, 2);
			if (d < 1 || d > kn_days_in_month(y, m))
				return -1;
		}
	} else if (s[4] != '\0') {
		return -1;
	}
	d_last = s[4] == '-' && s[7] == '-' ? d : kn_days_in_month(y, m_last);
	*first = kn_day_of(y, m, d);
	*last = kn_day_of(y, m_last, d_last);
	return 0;
}

long kn_day_add_months(long day, long k)
{
	int y, m, d, month_end, n;
	long total;

	kn_day_civil(day, &y, &m, &d);
	month_end = d == kn_days_in_month(y, m);
	total = (long)y * 12 + (m - 1) + k;
	y = (int)(total >= 0 ? total / 12 : (total - 11) / 12);
	m = (int)(total - (long)y * 12) + 1;
	n = kn_days_in_month(y, m);
	if (month_end || d > n)
		d = n;
	return kn_day_of(y, m, d);
}

int kn_day_weekday(long day)
{
	/* 1970-01-01 was a Thursday (4) */
	long w = (day + 3) % 7;

	return (int)(w < 0 ? w + 7 : w) + 1;
}

void kn_day_iso_week(long day, int *year, int *week)
{
	long thursday = day - kn_day_weekday(day) + 4;
	int m, d;

	kn_day_civil(thursday, year, &m, &d);
	*week = (int)((thursday - kn_day_of(*year, 1, 1)) / 7) + 1;
}
