/* Drawings with pinned positions (map_pin.h): text, dots, squares and
 * lines as Graphviz nodes and edges, laid out by "nop2". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "knockon/text.h"
#include "kn_text.h"
#include "map_pin.h"

static const char *const graph_attrs[][2] = {
	{ "id", "" }, { "layout", "nop2" }, { "bgcolor", "white" },
	{ "pad", "0.2" }, { "outputorder", "edgesfirst" }, { "splines", "line" },
	{ "fontname", KN_MAP_FONT },
};
static const char *const node_attrs[][2] = {
	/* label: Graphviz's own default, so that the DOT written keeps every
	 * node's label="" and dot re-reading it draws no names */
	{ "id", "" }, { "class", "" }, { "label", "\\N" }, { "pos", "" },
	{ "shape", "plaintext" }, { "fixedsize", "true" }, { "width", "0.01" },
	{ "height", "0.01" }, { "margin", "0" }, { "style", "solid" },
	{ "fillcolor", "white" }, { "color", "#1a1a1a" }, { "penwidth", "1" },
	{ "fontname", KN_MAP_FONT }, { "fontsize", "10" },
	{ "fontcolor", "#1a1a1a" },
};
static const char *const edge_attrs[][2] = {
	{ "id", "" }, { "class", "" }, { "color", "#1a1a1a" },
	{ "penwidth", "1" }, { "style", "solid" }, { "arrowhead", "none" },
};

static void declare(Agraph_t *g, int kind, const char *const (*a)[2], size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		agattr(g, kind, kn_mut(a[i][0]), kn_mut(a[i][1]));
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

Agraph_t *kn_pin_open(kn_pin *p, const char *prefix, const char *what,
		      kn_error *err)
{
	memset(p, 0, sizeof *p);
	p->prefix = prefix ? prefix : "";
	p->err = err;
	p->g = agopen(kn_mut("knockon"), Agdirected, NULL);
	if (!p->g) {
		kn_error_set(err, KN_ERR_RENDER, NULL, 0, 0, NULL,
			     "graphviz could not create a graph");
		return NULL;
	}
	declare(p->g, AGRAPH, graph_attrs, COUNT(graph_attrs));
	declare(p->g, AGNODE, node_attrs, COUNT(node_attrs));
	declare(p->g, AGEDGE, edge_attrs, COUNT(edge_attrs));
	kn_buf_printf(&p->id, "%s%s", p->prefix, what);
	kn_set(p->g, "id", kn_buf_cstr(&p->id));
	return p->g;
}

void kn_pin_release(kn_pin *p)
{
	kn_buf_release(&p->name);
	kn_buf_release(&p->id);
	kn_buf_release(&p->label);
}

int kn_pin_failed(const kn_pin *p)
{
	return kn_buf_failed(&p->name) || kn_buf_failed(&p->id) ||
	       kn_buf_failed(&p->label);
}

char *kn_pin_short(const char *text, size_t cols)
{
	char *clean = kn_map_clean_text(text ? text : ""), *out, one[8];
	size_t i = 0, n, len, used = 0, cut = 0;

	if (!clean)
		return NULL;
	n = strlen(clean);
	while (i < n) {
		len = kn_utf8_len(clean + i, n - i);
		len = len ? len : 1;
		memcpy(one, clean + i, len);
		one[len] = '\0';
		used += kn_display_width(one);
		if (used > cols)
			break;
		i += len;
		if (used + 1 <= cols) /* still room for the ellipsis after it */
			cut = i;
	}
	if (i >= n)
		return clean;
	out = malloc(cut + sizeof KN_MAP_ELLIPSIS);
	if (out) {
		memcpy(out, clean, cut);
		memcpy(out + cut, KN_MAP_ELLIPSIS, sizeof KN_MAP_ELLIPSIS);
	}
	free(clean);
	return out;
}

double kn_pin_text_width(const char *text, double size)
{
	/* DejaVu Sans averages about 0.55 em a column; 0.62 errs wide */
	return (double)kn_display_width(text) * size * 0.62 + 4;
}

/* The anonymous name of the next object, in p->name. */
static const char *anon(kn_pin *p)
{
	kn_buf_reset(&p->name);
	kn_buf_printf(&p->name, "o:%lu", ++p->serial);
	return kn_buf_cstr(&p->name);
}

static void put_num(kn_buf *b, double v)
{
	kn_buf_printf(b, "%.2f", v);
}

static Agnode_t *place(kn_pin *p, const char *name, const char *cls, double x,
		       double y, double w, double h)
{
	Agnode_t *n = agnode(p->g, kn_mut(name ? name : anon(p)), 1);
	kn_buf pos = KN_BUF_INIT;

	if (!n)
		return NULL;
	kn_buf_reset(&p->id);
	kn_buf_printf(&p->id, "%s%s", p->prefix, agnameof(n));
	kn_set(n, "id", kn_buf_cstr(&p->id));
	kn_set(n, "label", "");
	if (cls)
		kn_set(n, "class", cls);
	put_num(&pos, x);
	kn_buf_putc(&pos, ',');
	put_num(&pos, -y); /* Graphviz's y grows upwards */
	kn_set(n, "pos", kn_buf_cstr(&pos));
	kn_buf_reset(&pos);
	put_num(&pos, w / 72);
	kn_set(n, "width", kn_buf_cstr(&pos));
	kn_buf_reset(&pos);
	put_num(&pos, h / 72);
	kn_set(n, "height", kn_buf_cstr(&pos));
	if (kn_buf_failed(&pos))
		p->label.failed = 1;
	kn_buf_release(&pos);
	return n;
}

Agnode_t *kn_pin_text(kn_pin *p, const char *cls, double x, double y,
		      const char *text, double size, int align,
		      const char *color)
{
	char *clean = kn_map_clean_text(text ? text : "");
	double w = kn_pin_text_width(clean ? clean : "", size), h = size * 1.4;
	double cx = align == KN_PIN_LEFT ? x + w / 2 : align == KN_PIN_RIGHT ? x - w / 2 : x;
	Agnode_t *n = clean ? place(p, NULL, cls, cx, y, w, h) : NULL;
	char fs[16];

	if (!n) {
		free(clean);
		p->label.failed = 1;
		return NULL;
	}
	kn_buf_reset(&p->label);
	kn_map_put_label(&p->label, clean, 0,
			 align == KN_PIN_LEFT ? "\\l" : align == KN_PIN_RIGHT ? "\\r" : "\\n");
	free(clean);
	kn_set(n, "label", kn_buf_cstr(&p->label));
	snprintf(fs, sizeof fs, "%.1f", size);
	kn_set(n, "fontsize", fs);
	if (color)
		kn_set(n, "fontcolor", color);
	return n;
}

static Agnode_t *shape(kn_pin *p, const char *name, const char *cls,
		       const char *shp, double x, double y, double r,
		       const char *fill, const char *stroke)
{
	Agnode_t *n = place(p, name, cls, x, y, 2 * r, 2 * r);

	if (!n)
		return NULL;
	kn_set(n, "shape", shp);
	kn_set(n, "style", "filled");
	kn_set(n, "fillcolor", fill);
	kn_set(n, "color", stroke ? stroke : fill);
	kn_set(n, "penwidth", stroke ? "0.8" : "0");
	return n;
}

Agnode_t *kn_pin_dot(kn_pin *p, const char *name, const char *cls, double x,
		     double y, double r, const char *fill, const char *stroke)
{
	return shape(p, name, cls, "circle", x, y, r, fill, stroke);
}

Agnode_t *kn_pin_square(kn_pin *p, const char *name, const char *cls,
			double x, double y, double r, const char *fill,
			const char *stroke)
{
	return shape(p, name, cls, "square", x, y, r, fill, stroke);
}

void kn_pin_join(kn_pin *p, const char *cls, Agnode_t *a, Agnode_t *b,
		 const char *color, double width, const char *style)
{
	Agedge_t *e;
	char pw[16];

	if (!a || !b)
		return;
	kn_buf_reset(&p->name);
	kn_buf_printf(&p->name, "%s--%s", agnameof(a), agnameof(b));
	e = agedge(p->g, a, b, kn_mut(kn_buf_cstr(&p->name)), 1);
	if (!e) {
		p->label.failed = 1;
		return;
	}
	kn_buf_reset(&p->id);
	kn_buf_printf(&p->id, "%s%s", p->prefix, kn_buf_cstr(&p->name));
	kn_set(e, "id", kn_buf_cstr(&p->id));
	if (cls)
		kn_set(e, "class", cls);
	kn_set(e, "color", color);
	snprintf(pw, sizeof pw, "%.2f", width);
	kn_set(e, "penwidth", pw);
	kn_set(e, "style", style);
}

void kn_pin_line(kn_pin *p, const char *cls, double x0, double y0, double x1,
		 double y1, const char *color, double width, const char *style)
{
	Agnode_t *a = place(p, NULL, NULL, x0, y0, 0.01, 0.01);
	Agnode_t *b = place(p, NULL, NULL, x1, y1, 0.01, 0.01);

	if (!a || !b) {
		p->label.failed = 1;
		return;
	}
	kn_set(a, "shape", "point");
	kn_set(a, "style", "invis");
	kn_set(b, "shape", "point");
	kn_set(b, "style", "invis");
	kn_pin_join(p, cls, a, b, color, width, style);
}
