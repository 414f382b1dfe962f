/* Laying out and rendering maps with the Graphviz libraries, in process.
 * The only file that calls gv*: one GVC_t per renderer (per process), and
 * per map always build → gvLayout → gvRenderData → gvFreeLayout → agclose. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <graphviz/gvc.h>

#include "kn_file.h"
#include "map_internal.h"

struct kn_renderer {
	GVC_t *gvc;
};

kn_status kn_renderer_open(kn_renderer **out, kn_error *err)
{
	kn_renderer *r = calloc(1, sizeof *r);

	*out = NULL;
	if (!r)
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
				    "out of memory");
	/* Graphviz prints its warnings and errors to stderr unless told not
	 * to; the library never prints, so keep them and report them */
	agseterr(AGMAX);
	kn_map_font_setup(); /* before Graphviz first asks fontconfig */
	r->gvc = gvContext();
	if (!r->gvc) {
		free(r);
		return kn_error_set(err, KN_ERR_RENDER, NULL, 0, 0, NULL,
				    "cannot start graphviz");
	}
	*out = r;
	return KN_OK;
}

void kn_renderer_close(kn_renderer *r)
{
	if (!r)
		return;
	gvFreeContext(r->gvc);
	free(r);
}

/* Fills err from Graphviz's own last message. */
static kn_status gv_fail(kn_error *err, const char *what)
{
	char *msg = aglasterr();
	size_t n = msg ? strlen(msg) : 0;

	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	kn_error_set(err, KN_ERR_RENDER, NULL, 0, 0, NULL, "%s: %.600s", what,
		     n ? msg : "graphviz gave no reason");
	free(msg);
	return KN_ERR_RENDER;
}

static kn_status write_dot(Agraph_t *g, kn_buf *out, kn_error *err)
{
	char *data = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&data, &len);
	int rc;

	if (!fp)
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
				    "out of memory");
	rc = agwrite(g, fp);
	if (fclose(fp) != 0 || rc != 0) {
		free(data);
		return gv_fail(err, "cannot write the graph");
	}
	kn_buf_append(out, data, len);
	free(data);
	return KN_OK;
}

/* Appends svg without the width and height of its <svg> element, so that
 * it scales to its container; the viewBox keeps the proportions. */
static void append_scalable(kn_buf *out, const char *svg, size_t len)
{
	const char *start = strstr(svg, "<svg"), *end, *p = svg, *a;
	static const char *const attrs[] = { " width=\"", " height=\"" };
	size_t i;

	end = start ? memchr(start, '>', len - (size_t)(start - svg)) : NULL;
	for (i = 0; end && i < 2; i++) {
		a = strstr(p, attrs[i]);
		if (!a || a > end)
			continue;
		kn_buf_append(out, p, (size_t)(a - p));
		a = strchr(a + strlen(attrs[i]), '"');
		p = a ? a + 1 : svg + len;
	}
	kn_buf_append(out, p, len - (size_t)(p - svg));
}

/* Appends svg with "&#45;" written back as '-' inside id and class
 * values: Graphviz escapes every '-' there, which is equivalent XML but
 * makes the ids and classes differ from the documented ones for anyone
 * matching text (comments keep the escape, where "--" would be invalid). */
static void append_plain_ids(kn_buf *out, const char *svg, size_t len)
{
	const char *p = svg, *end = svg + len, *q, *stop;

	while (p < end) {
		q = memchr(p, '=', (size_t)(end - p));
		if (!q || q + 1 >= end) {
			kn_buf_append(out, p, (size_t)(end - p));
			return;
		}
		q++;
		kn_buf_append(out, p, (size_t)(q - p));
		p = q;
		if (*p != '"' || !((q - svg >= 4 && memcmp(q - 4, " id=", 4) == 0) ||
				   (q - svg >= 7 && memcmp(q - 7, " class=", 7) == 0)))
			continue;
		stop = memchr(p + 1, '"', (size_t)(end - p - 1));
		stop = stop ? stop + 1 : end;
		for (; p < stop; p++) {
			if (stop - p >= 5 && memcmp(p, "&#45;", 5) == 0) {
				kn_buf_putc(out, '-');
				p += 4;
			} else {
				kn_buf_putc(out, *p);
			}
		}
	}
}

static void append_svg(kn_buf *out, const char *svg, size_t len, int scalable)
{
	kn_buf tmp = KN_BUF_INIT;

	if (!scalable) {
		append_plain_ids(out, svg, len);
		return;
	}
	append_plain_ids(&tmp, svg, len);
	if (kn_buf_failed(&tmp))
		out->failed = 1;
	else
		append_scalable(out, kn_buf_cstr(&tmp), tmp.len);
	kn_buf_release(&tmp);
}

/* cairo stamps PDFs with the time of day (and ignores SOURCE_DATE_EPOCH
 * in this version): overwrite the digits in place with a fixed date, so
 * the byte offsets of the cross-reference table stay right and the same
 * map gives the same file. */
static void fix_pdf_date(kn_buf *out, size_t from)
{
	static const char key[] = "/CreationDate (D:";
	static const char fixed[] = "20000101000000";
	size_t i, n = sizeof key - 1;

	for (i = from; i + n + 14 <= out->len; i++) {
		if (memcmp(out->data + i, key, n) == 0) {
			memcpy(out->data + i + n, fixed, 14);
			return;
		}
	}
}

static const char *gv_format(kn_format f)
{
	/* named plugins, so that the output does not depend on which
	 * plugin the local config ranks first */
	switch (f) {
	case KN_FORMAT_SVG:
		return "svg:svg:core";
	case KN_FORMAT_PNG:
		return "png:cairo:cairo";
	case KN_FORMAT_PDF:
		return "pdf:cairo:cairo";
	default:
		return "dot";
	}
}

static kn_status layout_and_render(kn_renderer *r, Agraph_t *g,
				   const kn_map_options *o, kn_buf *out,
				   kn_error *err)
{
	char *data = NULL;
	unsigned int len = 0;
	static char layout_attr[] = "layout";
	char *engine = agget(g, layout_attr);
	kn_status st = KN_OK;

	static char dpi_attr[] = "dpi";
	char dpi[16];

	/* resolution is PNG's alone: SVG and PDF are in points */
	if (o->format == KN_FORMAT_PNG) {
		snprintf(dpi, sizeof dpi, "%d", o->dpi > 0 ? o->dpi : KN_MAP_DPI);
		agattr(g, AGRAPH, dpi_attr, dpi);
	}
	agreseterrors();
	if (gvLayout(r->gvc, g, engine) != 0 || agerrors() > 0)
		return gv_fail(err, "cannot lay out the map");
	if (gvRenderData(r->gvc, g, gv_format(o->format), &data, &len) != 0 ||
	    agerrors() > 0 || !data)
		st = gv_fail(err, "cannot render the map");
	else if (o->format == KN_FORMAT_SVG)
		append_svg(out, data, len, o->scalable);
	else {
		size_t from = out->len;

		kn_buf_append(out, data, len);
		if (o->format == KN_FORMAT_PDF && !kn_buf_failed(out))
			fix_pdf_date(out, from);
	}
	if (data)
		gvFreeRenderData(data);
	gvFreeLayout(r->gvc, g);
	return st;
}

/* Lays g out with its engine and keeps the positions as attributes
 * ("pos", "bb"), as the DOT writer attaches them (attach_attrs), for a
 * second layout that only adds pinned objects ("nop2"). */
static kn_status layout_attached(kn_renderer *r, Agraph_t *g, kn_error *err)
{
	static char layout_attr[] = "layout";

	agreseterrors();
	if (gvLayout(r->gvc, g, agget(g, layout_attr)) != 0 || agerrors() > 0)
		return gv_fail(err, "cannot lay out the map");
	attach_attrs(g);
	gvFreeLayout(r->gvc, g);
	return KN_OK;
}

kn_status kn_map_render(kn_renderer *r, const kn_map *m,
			const kn_map_options *o, kn_buf *out, kn_error *err)
{
	Agraph_t *g;
	kn_status st;
	kn_map_options bare;
	/* the legend is placed by knockon once the map is laid out, so that
	 * it reads the same under every engine (docs/maps.md); the DOT
	 * output keeps it as nodes for dot to place */
	int place = o->legend && o->format != KN_FORMAT_DOT &&
		    o->view != KN_VIEW_TIMELINE;

	st = kn_map_options_check(o, err);
	if (st != KN_OK)
		return st;
	bare = *o;
	bare.legend = place ? 0 : o->legend;
	g = kn_map_build(m, &bare, err);
	if (!g)
		return err ? err->code : KN_ERR_RENDER;
	if (place && (st = layout_attached(r, g, err)) == KN_OK)
		kn_legend_place(g, o);
	if (st == KN_OK)
		st = kn_graph_render(r, g, o, out, err);
	agclose(g);
	return st;
}

kn_status kn_graph_render(kn_renderer *r, Agraph_t *g, const kn_map_options *o,
			  kn_buf *out, kn_error *err)
{
	kn_status st;

	if (o->format == KN_FORMAT_DOT)
		st = write_dot(g, out, err);
	else
		st = layout_and_render(r, g, o, out, err);
	if (st == KN_OK && kn_buf_failed(out))
		st = kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
				  "out of memory");
	return st;
}

kn_status kn_map_render_file(kn_renderer *r, const kn_map *m,
			     const kn_map_options *o, const char *path,
			     kn_error *err)
{
	kn_buf out = KN_BUF_INIT;
	kn_status st = kn_map_render(r, m, o, &out, err);

	if (st == KN_OK)
		st = kn_file_write_atomic(path, out.data, out.len, "the map", err);
	kn_buf_release(&out);
	return st;
}

const char *kn_renderer_graphviz_version(const kn_renderer *r)
{
	const char *v = r ? gvcVersion(r->gvc) : NULL;

	return v ? v : "unknown";
}
