/* The JSON, table and CSV shapes of "diff" and "trend" (knockon/format.h,
 * docs/changes.md). */
#include "knockon/format.h"

#include <stdio.h>
#include <string.h>

#include "knockon/json.h"

static const char *role_name(kn_role r)
{
	return r == KN_LOSER ? "loser" : "winner";
}

static void put_key(kn_buf *b, int first, const char *key)
{
	kn_buf_puts(b, first ? "{" : ", ");
	kn_json_put_string(b, key, strlen(key));
	kn_buf_puts(b, ": ");
}

static void put_str(kn_buf *b, int first, const char *key, const char *s)
{
	put_key(b, first, key);
	kn_json_put_string(b, s, strlen(s));
}

static void put_int(kn_buf *b, const char *key, long long v)
{
	put_key(b, 0, key);
	kn_buf_printf(b, "%lld", v);
}

static kn_status write_table(kn_table *t, const kn_format_opts *o, kn_buf *out)
{
	kn_status s = kn_table_write_opts(t, o, out);

	kn_table_free(t);
	return s;
}

void kn_format_diff_windows(const kn_diff_windows *w, kn_buf *out)
{
	kn_buf_printf(out, "before: %s to %s, after: %s to %s", w->before_from,
		      w->before_to, w->after_from, w->after_to);
}

/* The windows over a table, on two lines when one would be wider than
 * width (0: any width). */
static void put_windows_line(const kn_diff_windows *w, size_t width,
			     kn_buf *out)
{
	int n = snprintf(NULL, 0, "before: %s to %s, after: %s to %s",
			 w->before_from, w->before_to, w->after_from, w->after_to);

	kn_buf_printf(out, "before: %s to %s,%safter: %s to %s\n", w->before_from,
		      w->before_to, width && n > 0 && (size_t)n > width ? "\n" : " ",
		      w->after_from, w->after_to);
}

static void diff_json(const kn_diff *d, kn_buf *out)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		const kn_diff_row *r = &d->items[i];

		kn_json_array_item(out, i);
		put_str(out, 1, "actor", r->actor);
		put_str(out, 0, "role", role_name(r->role));
		put_int(out, "before", r->before);
		put_int(out, "after", r->after);
		put_int(out, "change", (long long)r->after - r->before);
		put_str(out, 0, "status", kn_diff_status_name(r->status));
		kn_buf_putc(out, '}');
	}
	kn_json_array_end(out, d->n);
}

kn_status kn_format_diff(const kn_diff *d, kn_out_format fmt, kn_buf *out)
{
	kn_format_opts o;

	kn_format_opts_init(&o, fmt);
	return kn_format_diff_opts(d, &o, out);
}

kn_status kn_format_diff_opts(const kn_diff *d, const kn_format_opts *o,
			      kn_buf *out)
{
	static const char *const hdr[] = { "role", "actor", "before", "after",
					   "change", "status" };
	kn_out_format fmt = o->format;
	kn_table *t;
	size_t i;

	if (fmt == KN_OUT_JSON) {
		diff_json(d, out);
		return kn_buf_failed(out) ? KN_ERR_NOMEM : KN_OK;
	}
	if (fmt == KN_OUT_TABLE)
		put_windows_line(&d->windows, o->width, out);
	t = kn_table_new(6, hdr);
	for (i = 2; i < 5; i++)
		kn_table_number(t, i);
	for (i = 0; i < d->n; i++) {
		const kn_diff_row *r = &d->items[i];
		char before[24], after[24], change[24];
		const char *row[6];
		long c = r->after - r->before;

		snprintf(before, sizeof before, "%ld", r->before);
		snprintf(after, sizeof after, "%ld", r->after);
		/* a table shows the sign; CSV keeps a plain integer */
		snprintf(change, sizeof change,
			 fmt == KN_OUT_TABLE && c > 0 ? "+%ld" : "%ld", c);
		row[0] = role_name(r->role);
		row[1] = r->actor;
		row[2] = before;
		row[3] = after;
		row[4] = change;
		row[5] = kn_diff_status_name(r->status);
		kn_table_add(t, row);
	}
	return write_table(t, o, out);
}

kn_status kn_format_trends(const kn_trends *l, kn_out_format fmt, kn_buf *out)
{
	kn_format_opts o;

	kn_format_opts_init(&o, fmt);
	return kn_format_trends_opts(l, &o, out);
}

kn_status kn_format_trends_opts(const kn_trends *l, const kn_format_opts *o,
				kn_buf *out)
{
	static const char *const hdr[] = { "actor", "period", "start", "end",
					   "winner", "loser" };
	kn_out_format fmt = o->format;
	kn_table *t = NULL;
	size_t i, j, k = 0;

	if (fmt != KN_OUT_JSON && (t = kn_table_new(6, hdr)) != NULL) {
		kn_table_number(t, 4);
		kn_table_number(t, 5);
	}
	for (i = 0; i < l->n; i++) {
		const kn_trend *tr = &l->items[i];

		for (j = 0; j < tr->n; j++, k++) {
			const kn_trend_point *p = &tr->points[j];
			char w[24], s[24];
			const char *row[6];

			if (fmt == KN_OUT_JSON) {
				kn_json_array_item(out, k);
				put_str(out, 1, "actor", tr->actor);
				put_str(out, 0, "period", p->period);
				put_str(out, 0, "start", p->start);
				put_str(out, 0, "end", p->end);
				put_int(out, "winner", p->winner);
				put_int(out, "loser", p->loser);
				kn_buf_putc(out, '}');
				continue;
			}
			snprintf(w, sizeof w, "%ld", p->winner);
			snprintf(s, sizeof s, "%ld", p->loser);
			row[0] = tr->actor;
			row[1] = p->period;
			row[2] = p->start;
			row[3] = p->end;
			row[4] = w;
			row[5] = s;
			kn_table_add(t, row);
		}
	}
	if (fmt != KN_OUT_JSON)
		return write_table(t, o, out);
	kn_json_array_end(out, k);
	return kn_buf_failed(out) ? KN_ERR_NOMEM : KN_OK;
}
