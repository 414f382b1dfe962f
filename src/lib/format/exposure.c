/* The shapes of an exposure (knockon/ripple.h, docs/ripple.md). */
#include "knockon/ripple.h"

#include <stdio.h>
#include <string.h>

#include "knockon/json.h"
#include "knockon/text.h"

static void put_key(kn_buf *b, int first, const char *key)
{
	kn_buf_puts(b, first ? "{" : ", ");
	kn_json_put_string(b, key, strlen(key));
	kn_buf_puts(b, ": ");
}

static void put_str(kn_buf *b, int first, const char *key, const char *s)
{
	put_key(b, first, key);
	if (s)
		kn_json_put_string(b, s, strlen(s));
	else
		kn_buf_puts(b, "null");
}

static void put_num(kn_buf *b, const char *key, double v)
{
	put_key(b, 0, key);
	kn_buf_printf(b, "%.10g", v);
}

static const char *const by_names[] = { "rows", "signal", "order", "month" };

static void row_json(const kn_exposure_row *r, kn_buf *out)
{
	put_str(out, 1, "signal", r->signal);
	put_str(out, 0, "title", r->title);
	put_str(out, 0, "published", r->published);
	put_key(out, 0, "order");
	kn_buf_printf(out, "%d", r->order);
	put_str(out, 0, "role", r->role);
	put_str(out, 0, "via", r->via);
	put_str(out, 0, "effect", r->effect);
	put_str(out, 0, "text", r->text);
	put_num(out, "weight", r->weight);
	kn_buf_putc(out, '}');
}

static void group_json(const kn_exposure *e, const kn_exposure_group *g,
		       kn_buf *out)
{
	if (e->by == KN_EXPOSURE_BY_ORDER) {
		put_key(out, 1, "order");
		kn_buf_printf(out, "%d", g->order);
	} else {
		put_str(out, 1, by_names[e->by], g->key);
	}
	put_key(out, 0, "rows");
	kn_buf_printf(out, "%zu", g->rows);
	put_num(out, "exposure", g->exposure);
	kn_buf_putc(out, '}');
}

static kn_status write_json(const kn_exposure *e, kn_buf *out)
{
	size_t i, n = e->by == KN_EXPOSURE_ROWS ? e->n : e->n_groups;

	put_str(out, 1, "actor", e->actor);
	put_num(out, "exposure", e->exposure);
	if (e->by != KN_EXPOSURE_ROWS)
		put_str(out, 0, "by", by_names[e->by]);
	put_key(out, 0, e->by == KN_EXPOSURE_ROWS ? "rows" : "groups");
	kn_buf_putc(out, '[');
	for (i = 0; i < n; i++) {
		kn_buf_puts(out, i ? ",\n " : "\n ");
		if (e->by == KN_EXPOSURE_ROWS)
			row_json(&e->rows[i], out);
		else
			group_json(e, &e->groups[i], out);
	}
	kn_buf_puts(out, n ? "\n]}\n" : "]}\n");
	return kn_buf_failed(out) ? KN_ERR_NOMEM : KN_OK;
}

/* Copies the cells of a row, leaving out the title in a table (the id
 * names the signal there, and a line of nine columns could not fit an
 * 80-column terminal). */
static void add_cells(kn_table *t, const char *const all[9], int table)
{
	const char *row[9];
	size_t i, n = 0;

	for (i = 0; i < 9; i++)
		if (!(table && i == 1))
			row[n++] = all[i];
	kn_table_add(t, row);
}

static kn_table *rows_table(const kn_exposure *e, int table)
{
	static const char *const hdr[] = { "signal", "title", "published",
		"order", "effect", "role", "via", "weight", "text" };
	kn_table *t;
	size_t i;

	if (!table) {
		t = kn_table_new(9, hdr);
	} else {
		const char *const shown[8] = { hdr[0], hdr[2], hdr[3], hdr[4],
					       hdr[5], hdr[6], hdr[7], hdr[8] };

		t = kn_table_new(8, shown);
	}
	kn_table_number(t, table ? 2 : 3);
	kn_table_number(t, table ? 6 : 7);
	for (i = 0; i < e->n; i++) {
		const kn_exposure_row *r = &e->rows[i];
		char order[16], w[40], day[KN_DATE_CELL];
		const char *row[9];

		snprintf(order, sizeof order, "%d", r->order);
		snprintf(w, sizeof w, table ? "%.4f" : "%.10g", r->weight);
		row[0] = r->signal;
		row[1] = r->title;
		/* a table shows the day; CSV the value as stored */
		row[2] = table ? kn_format_date_cell(r->published, day)
			       : r->published ? r->published : "";
		row[3] = order;
		row[4] = r->effect ? r->effect : table ? "-" : "";
		row[5] = r->role;
		row[6] = r->via;
		row[7] = w;
		row[8] = r->text;
		add_cells(t, row, table);
	}
	return t;
}

static kn_table *groups_table(const kn_exposure *e, int table)
{
	const char *hdr[3] = { by_names[e->by], "rows", "exposure" };
	kn_table *t = kn_table_new(3, hdr);
	size_t i;

	kn_table_number(t, 1);
	kn_table_number(t, 2);
	if (e->by == KN_EXPOSURE_BY_ORDER)
		kn_table_number(t, 0);
	for (i = 0; i < e->n_groups; i++) {
		const kn_exposure_group *g = &e->groups[i];
		char order[16], rows[24], x[40];
		const char *row[3];

		snprintf(order, sizeof order, "%d", g->order);
		snprintf(rows, sizeof rows, "%zu", g->rows);
		snprintf(x, sizeof x, table ? "%.4f" : "%.10g", g->exposure);
		row[0] = e->by == KN_EXPOSURE_BY_ORDER ? order
			 : g->key ? g->key : table ? "-" : "";
		row[1] = rows;
		row[2] = x;
		kn_table_add(t, row);
	}
	return t;
}

kn_status kn_format_exposure(const kn_exposure *e, kn_out_format fmt,
			     kn_buf *out)
{
	kn_format_opts o;

	kn_format_opts_init(&o, fmt);
	return kn_format_exposure_opts(e, &o, out);
}

kn_status kn_format_exposure_opts(const kn_exposure *e, const kn_format_opts *o,
				  kn_buf *out)
{
	kn_out_format fmt = o->format;
	int table = fmt == KN_OUT_TABLE;
	kn_table *t;
	kn_status s;

	if (fmt == KN_OUT_JSON)
		return write_json(e, out);
	t = e->by == KN_EXPOSURE_ROWS ? rows_table(e, table)
				      : groups_table(e, table);
	s = kn_table_write_opts(t, o, out);
	kn_table_free(t);
	if (s || !table)
		return s;
	/* the total under the table, as text a terminal shows safely */
	kn_buf_puts(out, "exposure of ");
	kn_buf_put_printable(out, e->actor, 0);
	kn_buf_printf(out, ": %.4f from %zu row%s%s\n", e->exposure, e->n_all,
		      e->n_all == 1 ? "" : "s",
		      e->by == KN_EXPOSURE_ROWS && e->n < e->n_all ? " (some not listed)"
								 : "");
	return kn_buf_failed(out) ? KN_ERR_NOMEM : KN_OK;
}
