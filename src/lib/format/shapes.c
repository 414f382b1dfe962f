/* The JSON, table and CSV shapes of the query results (knockon/format.h,
 * docs/queries.md). */
#include "knockon/format.h"

#include <stdio.h>
#include <string.h>

#include "knockon/json.h"

void kn_json_array_item(kn_buf *out, size_t i)
{
	kn_buf_puts(out, i == 0 ? "[\n" : ",\n");
}

void kn_json_array_end(kn_buf *out, size_t n)
{
	kn_buf_puts(out, n ? "\n]\n" : "[]\n");
}

/* Object members as jansson's json_dumps wrote them before: ", " between
 * members, ": " after the key; strings through kn_json_put_string. */
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

static void put_int(kn_buf *b, int first, const char *key, long long v)
{
	put_key(b, first, key);
	kn_buf_printf(b, "%lld", v);
}

static kn_status done(kn_buf *out)
{
	return kn_buf_failed(out) ? KN_ERR_NOMEM : KN_OK;
}

/* Writes t (NULL when it could not be made) and frees it. */
static kn_status write_table(kn_table *t, const kn_format_opts *o, kn_buf *out)
{
	kn_status s = kn_table_write_opts(t, o, out);

	kn_table_free(t);
	return s;
}

/* The ids of one actor, space-separated. */
static void ids_cell(const kn_actor_count *c, kn_buf *b)
{
	size_t i;

	kn_buf_reset(b);
	for (i = 0; i < c->n_signals; i++)
		kn_buf_printf(b, "%s%s", i ? " " : "", c->signals[i]);
}

static void counts_json(const kn_actor_counts *l, int weighted, kn_buf *out)
{
	size_t i, j;

	for (i = 0; i < l->n; i++) {
		const kn_actor_count *c = &l->items[i];

		kn_json_array_item(out, i);
		put_str(out, 1, "actor", c->actor);
		put_int(out, 0, "count", c->count);
		if (weighted)
			put_int(out, 0, "weight", c->weight);
		put_key(out, 0, "signals");
		kn_buf_putc(out, '[');
		for (j = 0; j < c->n_signals; j++) {
			kn_buf_puts(out, j ? ", " : "");
			kn_json_put_string(out, c->signals[j], strlen(c->signals[j]));
		}
		kn_buf_puts(out, "]}");
	}
	kn_json_array_end(out, l->n);
}

/* The table of recurring actors: the newest signal's date and title
 * where CSV lists the ids. */
static kn_status counts_table(const kn_actor_counts *l, int weighted,
			      const kn_format_opts *o, kn_buf *out)
{
	static const char *const head[] = { "actor", "count", "weight", "latest",
					    "latest signal" };
	const char *hdr[5];
	size_t i, k = 0, ncols = weighted ? 5 : 4;
	kn_table *t;

	for (i = 0; i < 5; i++)
		if (weighted || i != 2)
			hdr[k++] = head[i];
	t = kn_table_new(ncols, hdr);
	kn_table_number(t, 1);
	if (weighted)
		kn_table_number(t, 2);
	for (i = 0; i < l->n; i++) {
		const kn_actor_count *c = &l->items[i];
		char count[24], weight[24], date[KN_DATE_CELL];
		const char *row[5];

		snprintf(count, sizeof count, "%ld", c->count);
		snprintf(weight, sizeof weight, "%lld", c->weight);
		k = 0;
		row[k++] = c->actor;
		row[k++] = count;
		if (weighted)
			row[k++] = weight;
		row[k++] = kn_format_date_cell(c->latest_published, date);
		row[k++] = c->latest_title;
		kn_table_add(t, row);
	}
	return write_table(t, o, out);
}

kn_status kn_format_actor_counts(const kn_actor_counts *l, int weighted,
				 const kn_format_opts *o, kn_buf *out)
{
	static const char *const head[] = { "actor", "count", "weight", "signals" };
	const char *hdr[4] = { head[0], head[1], weighted ? head[2] : head[3],
			       head[3] };
	kn_buf ids = KN_BUF_INIT;
	kn_table *t;
	size_t i;

	if (o->format == KN_OUT_JSON) {
		counts_json(l, weighted, out);
		return done(out);
	}
	if (o->format == KN_OUT_TABLE)
		return counts_table(l, weighted, o, out);
	t = kn_table_new(weighted ? 4 : 3, hdr);
	kn_table_number(t, 1);
	if (weighted)
		kn_table_number(t, 2);
	for (i = 0; i < l->n; i++) {
		const kn_actor_count *c = &l->items[i];
		char count[24], weight[24];
		const char *row[4];

		snprintf(count, sizeof count, "%ld", c->count);
		snprintf(weight, sizeof weight, "%lld", c->weight);
		ids_cell(c, &ids);
		row[0] = c->actor;
		row[1] = count;
		row[2] = weighted ? weight : kn_buf_cstr(&ids);
		row[3] = kn_buf_cstr(&ids);
		kn_table_add(t, kn_buf_failed(&ids) ? NULL : row);
	}
	kn_buf_release(&ids);
	return write_table(t, o, out);
}

kn_status kn_format_actor_roles(const kn_actor_roles_list *l,
				const kn_format_opts *o, kn_buf *out)
{
	static const char *const hdr[] = { "actor", "winners", "losers",
					   "first_seen", "last_seen" };
	kn_out_format fmt = o->format;
	kn_table *t;
	size_t i;

	for (i = 0; fmt == KN_OUT_JSON && i < l->n; i++) {
		const kn_actor_roles *a = &l->items[i];

		kn_json_array_item(out, i);
		put_str(out, 1, "actor", a->actor);
		put_int(out, 0, "winners", a->winner);
		put_int(out, 0, "losers", a->loser);
		put_str(out, 0, "first_seen", a->first_seen);
		put_str(out, 0, "last_seen", a->last_seen);
		kn_buf_putc(out, '}');
	}
	if (fmt == KN_OUT_JSON) {
		kn_json_array_end(out, l->n);
		return done(out);
	}
	t = kn_table_new(5, hdr);
	kn_table_number(t, 1);
	kn_table_number(t, 2);
	for (i = 0; i < l->n; i++) {
		const kn_actor_roles *a = &l->items[i];
		char w[24], s[24], first[KN_DATE_CELL], last[KN_DATE_CELL];
		const char *row[5];

		snprintf(w, sizeof w, "%ld", a->winner);
		snprintf(s, sizeof s, "%ld", a->loser);
		row[0] = a->actor;
		row[1] = w;
		row[2] = s;
		/* a table shows the day; CSV the value as stored */
		row[3] = fmt != KN_OUT_TABLE ? a->first_seen
					     : kn_format_date_cell(a->first_seen, first);
		row[4] = fmt != KN_OUT_TABLE ? a->last_seen
					     : kn_format_date_cell(a->last_seen, last);
		kn_table_add(t, row);
	}
	return write_table(t, o, out);
}

/* The shape of a list of three-text records, as search hits and aliases
 * are: cell(item, k) is the k-th text of an item. */
typedef const char *(*text_of)(const void *items, size_t i, size_t k);

static kn_status columns3(const void *items, size_t n, text_of cell,
			  const char *const hdr[3], const kn_format_opts *o,
			  kn_buf *out)
{
	kn_table *t;
	size_t i, k;

	if (o->format == KN_OUT_JSON) {
		for (i = 0; i < n; i++) {
			kn_json_array_item(out, i);
			for (k = 0; k < 3; k++)
				put_str(out, k == 0, hdr[k], cell(items, i, k));
			kn_buf_putc(out, '}');
		}
		kn_json_array_end(out, n);
		return done(out);
	}
	t = kn_table_new(3, hdr);
	for (i = 0; i < n; i++) {
		const char *row[3];

		for (k = 0; k < 3; k++)
			row[k] = cell(items, i, k);
		kn_table_add(t, row);
	}
	return write_table(t, o, out);
}

static kn_status three_columns(const void *items, size_t n, text_of cell,
			       const char *const hdr[3], kn_out_format fmt,
			       kn_buf *out)
{
	kn_format_opts o;

	kn_format_opts_init(&o, fmt);
	return columns3(items, n, cell, hdr, &o, out);
}

static const char *hit_text(const void *items, size_t i, size_t k)
{
	const kn_search_hit *h = (const kn_search_hit *)items + i;

	return k == 0 ? h->id : k == 1 ? h->title : h->snippet;
}

static const char *alias_text(const void *items, size_t i, size_t k)
{
	const kn_alias *a = (const kn_alias *)items + i;

	return k == 0 ? a->name : k == 1 ? a->target : a->canonical;
}

/* JSON also carries each hit's date, score and category (null when
 * absent); the table and CSV keep to the three texts. */
kn_status kn_format_search_hits(const kn_search_hits *l, kn_out_format fmt,
				kn_buf *out)
{
	static const char *const hdr[] = { "id", "title", "snippet" };
	size_t i;

	if (fmt != KN_OUT_JSON)
		return three_columns(l->items, l->n, hit_text, hdr, fmt, out);
	for (i = 0; i < l->n; i++) {
		const kn_search_hit *h = &l->items[i];

		kn_json_array_item(out, i);
		put_str(out, 1, "id", h->id);
		put_str(out, 0, "title", h->title);
		put_str(out, 0, "published", h->published);
		if (h->score == KN_ABSENT)
			put_str(out, 0, "score", NULL);
		else
			put_int(out, 0, "score", h->score);
		put_str(out, 0, "category", h->category);
		put_str(out, 0, "snippet", h->snippet);
		kn_buf_putc(out, '}');
	}
	kn_json_array_end(out, l->n);
	return done(out);
}

kn_status kn_format_aliases(const kn_aliases *l, kn_out_format fmt, kn_buf *out)
{
	static const char *const hdr[] = { "name", "target", "canonical" };

	return three_columns(l->items, l->n, alias_text, hdr, fmt, out);
}

kn_status kn_format_search_hits_opts(const kn_search_hits *l,
				     const kn_format_opts *o, kn_buf *out)
{
	static const char *const hdr[] = { "id", "title", "snippet" };

	if (o->format == KN_OUT_JSON)
		return kn_format_search_hits(l, KN_OUT_JSON, out);
	return columns3(l->items, l->n, hit_text, hdr, o, out);
}

kn_status kn_format_aliases_opts(const kn_aliases *l, const kn_format_opts *o,
				 kn_buf *out)
{
	static const char *const hdr[] = { "name", "target", "canonical" };

	return columns3(l->items, l->n, alias_text, hdr, o, out);
}
