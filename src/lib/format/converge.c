/* The shapes of convergence and paths (knockon/converge.h,
 * docs/ripple.md). */
#include "knockon/converge.h"

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

static void via_json(const kn_converge_via *v, kn_buf *out)
{
	put_str(out, 1, "signal", v->signal);
	put_str(out, 0, "effect", v->effect);
	put_key(out, 0, "order");
	kn_buf_printf(out, "%d", v->order);
	put_str(out, 0, "role", v->role);
	put_str(out, 0, "provenance", v->provenance);
	put_key(out, 0, "weight");
	kn_buf_printf(out, "%.10g}", v->weight);
}

static kn_status converge_json(const kn_converge *c, kn_buf *out)
{
	size_t i, j;

	kn_buf_putc(out, '[');
	for (i = 0; i < c->n; i++) {
		const kn_converge_actor *a = &c->items[i];

		kn_buf_puts(out, i ? ",\n " : "\n ");
		put_str(out, 1, "actor", a->actor);
		put_key(out, 0, "signals");
		kn_buf_printf(out, "%zu", a->signals);
		put_key(out, 0, "exposure");
		kn_buf_printf(out, "%.10g", a->exposure);
		put_key(out, 0, "effects");
		kn_buf_printf(out, "%zu", a->effects);
		put_str(out, 0, "newest", a->newest);
		put_key(out, 0, "via");
		kn_buf_putc(out, '[');
		for (j = 0; j < a->n_via; j++) {
			kn_buf_puts(out, j ? ",\n  " : "\n  ");
			via_json(&a->via[j], out);
		}
		kn_buf_puts(out, "]}");
	}
	kn_buf_puts(out, c->n ? "\n]\n" : "]\n");
	return kn_buf_failed(out) ? KN_ERR_NOMEM : KN_OK;
}

kn_status kn_format_converge(const kn_converge *c, kn_out_format fmt,
			     kn_buf *out)
{
	kn_format_opts o;

	kn_format_opts_init(&o, fmt);
	return kn_format_converge_opts(c, &o, out);
}

kn_status kn_format_converge_opts(const kn_converge *c,
				  const kn_format_opts *o, kn_buf *out)
{
	static const char *const hdr[] = { "actor", "signals", "exposure",
		"effects", "newest" };
	kn_out_format fmt = o->format;
	int table = fmt == KN_OUT_TABLE;
	kn_table *t;
	kn_status s;
	size_t i;

	if (fmt == KN_OUT_JSON)
		return converge_json(c, out);
	t = kn_table_new(5, hdr);
	kn_table_number(t, 1);
	kn_table_number(t, 2);
	kn_table_number(t, 3);
	for (i = 0; i < c->n; i++) {
		const kn_converge_actor *a = &c->items[i];
		char n[24], x[40], e[24];
		const char *row[5];

		snprintf(n, sizeof n, "%zu", a->signals);
		snprintf(x, sizeof x, table ? "%.4f" : "%.10g", a->exposure);
		snprintf(e, sizeof e, "%zu", a->effects);
		row[0] = a->actor;
		row[1] = n;
		row[2] = x;
		row[3] = e;
		row[4] = a->newest ? a->newest : "";
		kn_table_add(t, row);
	}
	s = kn_table_write_opts(t, o, out);
	kn_table_free(t);
	return s;
}

const char *kn_hop_kind_name(kn_hop_kind k)
{
	return k == KN_HOP_SIGNAL ? "signal" : k == KN_HOP_EFFECT ? "effect"
								   : "actor";
}

static kn_status paths_json(const kn_paths *p, kn_buf *out)
{
	size_t i, j;

	kn_buf_putc(out, '[');
	for (i = 0; i < p->n; i++) {
		kn_buf_puts(out, i ? ",\n " : "\n ");
		put_key(out, 1, "hops");
		kn_buf_putc(out, '[');
		for (j = 0; j < p->items[i].n; j++) {
			const kn_hop *h = &p->items[i].hops[j];

			kn_buf_puts(out, j ? ",\n  " : "\n  ");
			put_str(out, 1, "kind", kn_hop_kind_name(h->kind));
			put_str(out, 0, "id", h->id);
			put_str(out, 0, "signal", h->signal);
			kn_buf_putc(out, '}');
		}
		kn_buf_puts(out, "]}");
	}
	kn_buf_puts(out, p->n ? "\n]\n" : "]\n");
	return kn_buf_failed(out) ? KN_ERR_NOMEM : KN_OK;
}

kn_status kn_format_paths(const kn_paths *p, kn_out_format fmt, kn_buf *out)
{
	kn_format_opts o;

	kn_format_opts_init(&o, fmt);
	return kn_format_paths_opts(p, &o, out);
}

kn_status kn_format_paths_opts(const kn_paths *p, const kn_format_opts *o,
			       kn_buf *out)
{
	static const char *const hdr[] = { "path", "hop", "kind", "id",
		"signal" };
	kn_out_format fmt = o->format;
	int table = fmt == KN_OUT_TABLE;
	kn_table *t;
	kn_status s;
	size_t i, j;

	if (fmt == KN_OUT_JSON)
		return paths_json(p, out);
	t = kn_table_new(5, hdr);
	kn_table_number(t, 0);
	kn_table_number(t, 1);
	for (i = 0; i < p->n; i++)
		for (j = 0; j < p->items[i].n; j++) {
			const kn_hop *h = &p->items[i].hops[j];
			char n[24], k[24];
			const char *row[5];

			snprintf(n, sizeof n, "%zu", i + 1);
			snprintf(k, sizeof k, "%zu", j);
			row[0] = n;
			row[1] = k;
			row[2] = kn_hop_kind_name(h->kind);
			row[3] = h->id;
			row[4] = h->signal ? h->signal : table ? "-" : "";
			kn_table_add(t, row);
		}
	s = kn_table_write_opts(t, o, out);
	kn_table_free(t);
	return s;
}
