/* The pieces every map view draws with (map_graph.h): nodes and edges in
 * the one legend's styles, their labels and names.  The lowest layer of
 * the graph builder: nothing here calls the views or map_build.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "map_graph.h"

/* cgraph takes char * for strings it only copies. */
char *kn_mut(const char *s)
{
	union {
		const char *c;
		char *m;
	} u;

	u.c = s;
	return u.m;
}

void kn_set(void *obj, const char *name, const char *value)
{
	agset(obj, kn_mut(name), kn_mut(value));
}

/* ---- node and edge styles: one legend (docs/maps.md) ---- */

typedef struct node_style {
	const char *cls, *shape, *style, *fill, *color, *fontcolor, *pen, *size;
} node_style;

static const node_style styles[] = {
	[KN_NODE_SIGNAL] = { "signal", "box", "rounded,filled,bold", "#1d3557",
			     "#1d3557", "white", "2", "12" },
	[KN_NODE_ORDER1] = { "effect order-1", "box", "filled", "#f4a261",
			     "#9c4a12", "#1a1a1a", "2", "11" },
	[KN_NODE_ORDER2] = { "effect order-2", "box", "filled", "#f9d9a8",
			     "#b5835a", "#1a1a1a", "1.4", "11" },
	[KN_NODE_ORDER3] = { "effect order-3", "box", "filled", "#fdf1e1",
			     "#c9a98a", "#1a1a1a", "1", "11" },
	[KN_NODE_ORDERN] = { NULL, "box", "filled,dotted", "white", "#c9a98a",
			     "#1a1a1a", "1", "11" },
	[KN_NODE_WINNER] = { "actor winner", "box", "rounded,filled", "#d8f3dc",
			     "#2d6a4f", "#1b4332", "1.6", "11" },
	[KN_NODE_LOSER] = { "actor loser", "box", "filled,dashed", "#ffd6d6",
			    "#9d0208", "#6a040f", "1.6", "11" },
	[KN_NODE_BOTH] = { "actor winner loser", "box", "rounded,filled,dashed",
			   "#eadcf8", "#5a189a", "#3c096c", "1.6", "11" },
	[KN_NODE_MORE] = { "more", "box", "rounded,filled,dotted", "white",
			   "#6c757d", "#1a1a1a", "1", "10" },
	[KN_NODE_NOTE] = { "legend", "plaintext", "solid", "white", "white",
			   "#1a1a1a", "1", "10" },
};

static void style_node(kn_builder *b, Agnode_t *n, kn_node_kind k,
		       const char *cls)
{
	const node_style *s = &styles[k];

	kn_set(n, "class", cls ? cls : s->cls);
	if (strcmp(s->shape, "box") != 0)
		kn_set(n, "shape", s->shape);
	kn_set(n, "style", s->style);
	kn_set(n, "fillcolor", s->fill);
	kn_set(n, "color", s->color);
	if (strcmp(s->fontcolor, "#1a1a1a") != 0)
		kn_set(n, "fontcolor", s->fontcolor);
	kn_set(n, "penwidth", s->pen);
	if (strcmp(s->size, "11") != 0)
		kn_set(n, "fontsize", s->size);
	(void)b;
}

Agnode_t *kn_add_node(kn_builder *b, const char *name, kn_node_kind k,
		      const char *cls, int *created)
{
	Agnode_t *n = agnode(b->g, kn_mut(name), 0);

	*created = 0;
	if (n)
		return n;
	n = agnode(b->g, kn_mut(name), 1);
	if (!n)
		return NULL;
	*created = 1;
	b->n_nodes++;
	kn_buf_reset(&b->id);
	kn_buf_printf(&b->id, "%s%s", b->prefix, name);
	kn_set(n, "id", kn_buf_cstr(&b->id));
	style_node(b, n, k, cls);
	return n;
}

Agedge_t *kn_add_edge(kn_builder *b, Agnode_t *t, Agnode_t *h,
		      kn_edge_kind k)
{
	static const char *const cls[] = { "causes", "benefits", "harms",
					   "legend", "more" };
	Agedge_t *e;

	kn_buf_reset(&b->name);
	kn_buf_printf(&b->name, "%s--%s", agnameof(t), agnameof(h));
	/* a signal naming an actor in both roles draws two edges */
	if (k == KN_EDGE_HARMS && agedge(b->g, t, h, kn_mut(kn_buf_cstr(&b->name)), 0))
		kn_buf_puts(&b->name, "--harms");
	e = agedge(b->g, t, h, kn_mut(kn_buf_cstr(&b->name)), 0);
	if (e)
		return e;
	e = agedge(b->g, t, h, kn_mut(kn_buf_cstr(&b->name)), 1);
	if (!e)
		return NULL;
	kn_buf_reset(&b->id);
	kn_buf_printf(&b->id, "%s%s", b->prefix, kn_buf_cstr(&b->name));
	kn_set(e, "id", kn_buf_cstr(&b->id));
	kn_set(e, "class", cls[k]);
	if (k == KN_EDGE_BENEFITS) {
		kn_set(e, "color", "#2d6a4f");
		kn_set(e, "penwidth", "1.6");
	} else if (k == KN_EDGE_LEGEND) {
		kn_set(e, "style", "invis");
	} else if (k == KN_EDGE_MORE) {
		kn_set(e, "style", "dotted");
		kn_set(e, "arrowhead", "none");
	} else if (k == KN_EDGE_HARMS) {
		kn_set(e, "color", "#9d0208");
		kn_set(e, "penwidth", "1.6");
		kn_set(e, "style", "dashed");
		kn_set(e, "arrowhead", "tee");
	}
	return e;
}

void kn_set_label(kn_builder *b, void *obj)
{
	kn_set(obj, "label", kn_buf_cstr(&b->label));
}

/* ---- names ---- */

const char *kn_sig_name(kn_builder *b, const kn_signal *s)
{
	kn_buf_reset(&b->name);
	kn_buf_puts(&b->name, "sig:");
	kn_map_put_id(&b->name, s->id);
	return kn_buf_cstr(&b->name);
}

const char *kn_eff_name(kn_builder *b, const kn_signal *s, const char *eid)
{
	kn_buf_reset(&b->name);
	kn_buf_puts(&b->name, "eff:");
	kn_map_put_id(&b->name, s->id);
	kn_buf_putc(&b->name, ':');
	kn_map_put_id(&b->name, eid);
	return kn_buf_cstr(&b->name);
}

const char *kn_act_name(kn_builder *b, const char *key)
{
	kn_buf_reset(&b->name);
	kn_buf_puts(&b->name, "act:");
	kn_map_put_id(&b->name, key);
	return kn_buf_cstr(&b->name);
}
