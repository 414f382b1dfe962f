/* The shapes of effect links (knockon/ripple.h, docs/ripple.md). */
#include "knockon/ripple.h"

#include <string.h>

#include "knockon/json.h"

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

static void link_json(const kn_link *k, kn_buf *out)
{
	put_str(out, 1, "signal", k->signal);
	put_str(out, 0, "effect", k->effect);
	put_key(out, 0, "order");
	kn_buf_printf(out, "%d", k->order);
	put_str(out, 0, "actor", k->actor);
	put_str(out, 0, "name", k->name);
	put_str(out, 0, "role", kn_effect_role_name(k->role));
	put_str(out, 0, "provenance", k->detected ? "detected" : "card");
	put_str(out, 0, "matched", k->matched);
	put_key(out, 0, "offset");
	if (k->offset >= 0)
		kn_buf_printf(out, "%lld", k->offset);
	else
		kn_buf_puts(out, "null");
	put_key(out, 0, "rejected");
	kn_buf_puts(out, k->rejected ? "true}" : "false}");
}

kn_status kn_format_links(const kn_link_list *l, kn_out_format fmt,
			  kn_buf *out)
{
	kn_format_opts o;

	kn_format_opts_init(&o, fmt);
	return kn_format_links_opts(l, &o, out);
}

kn_status kn_format_links_opts(const kn_link_list *l, const kn_format_opts *o,
			       kn_buf *out)
{
	static const char *const hdr[] = { "signal", "effect", "actor", "role",
					   "provenance", "matched" };
	kn_table *t;
	kn_status s;
	size_t i;

	if (o->format == KN_OUT_JSON) {
		for (i = 0; i < l->n; i++) {
			kn_json_array_item(out, i);
			link_json(&l->items[i], out);
		}
		kn_json_array_end(out, l->n);
		return kn_buf_failed(out) ? KN_ERR_NOMEM : KN_OK;
	}
	t = kn_table_new(6, hdr);
	for (i = 0; i < l->n; i++) {
		const kn_link *k = &l->items[i];
		const char *row[6];

		row[0] = k->signal;
		row[1] = k->effect;
		row[2] = k->actor;
		row[3] = kn_effect_role_name(k->role);
		row[4] = k->detected ? "detected" : "card";
		row[5] = k->matched;
		kn_table_add(t, row);
	}
	s = kn_table_write_opts(t, o, out);
	kn_table_free(t);
	return s;
}
