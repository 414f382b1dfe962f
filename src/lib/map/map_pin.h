/* knockon internal — drawings with every position chosen by knockon: the
 * time line (map_timeline.c) and the trend charts (map_chart.c).  Each
 * object is a Graphviz node pinned where it goes, a line an edge between
 * two invisible pinned points, and the graph is laid out with "nop2"
 * (neato -n2: positions as given), so Graphviz only renders it, to the
 * same SVG, PNG and PDF as the maps.  Coordinates are points, y growing
 * downwards (as on a page); the pin layer flips them for Graphviz.  Not
 * part of the public API. */
#ifndef KN_MAP_PIN_H
#define KN_MAP_PIN_H

#include "map_graph.h"

typedef struct kn_pin {
	Agraph_t *g;
	const char *prefix; /* of every id */
	kn_buf name, id, label; /* scratch */
	unsigned long serial;   /* names of anonymous objects ("o:N") */
	kn_error *err;
} kn_pin;

/* Opens the graph (named for ids: PREFIX + what), layout nop2.  NULL
 * with err filled on failure; then kn_pin_release is still due. */
Agraph_t *kn_pin_open(kn_pin *p, const char *prefix, const char *what,
		      kn_error *err);
/* Frees the scratch buffers (not the graph: agclose it). */
void kn_pin_release(kn_pin *p);

/* Text alignment: x is the left edge, the centre or the right edge. */
enum { KN_PIN_LEFT = -1, KN_PIN_CENTRE = 0, KN_PIN_RIGHT = 1 };

/* Card text as one line of at most cols display columns (cut with an
 * ellipsis), controls and invisible characters dropped.  Heap; NULL
 * when out of memory. */
char *kn_pin_short(const char *text, size_t cols);
/* About how wide text set at size points is (an upper estimate). */
double kn_pin_text_width(const char *text, double size);

/* Text (untrusted: escaped here) with its middle at height y. */
Agnode_t *kn_pin_text(kn_pin *p, const char *cls, double x, double y,
		      const char *text, double size, int align,
		      const char *color);
/* A filled circle of radius r named name (NULL: anonymous); stroke may be
 * NULL for none. */
Agnode_t *kn_pin_dot(kn_pin *p, const char *name, const char *cls, double x,
		     double y, double r, const char *fill, const char *stroke);
/* A filled square of side 2r, as kn_pin_dot. */
Agnode_t *kn_pin_square(kn_pin *p, const char *name, const char *cls,
			double x, double y, double r, const char *fill,
			const char *stroke);
/* A line from (x0, y0) to (x1, y1); style "solid", "dashed" or "dotted". */
void kn_pin_line(kn_pin *p, const char *cls, double x0, double y0, double x1,
		 double y1, const char *color, double width, const char *style);
/* A line between two nodes placed by the calls above. */
void kn_pin_join(kn_pin *p, const char *cls, Agnode_t *a, Agnode_t *b,
		 const char *color, double width, const char *style);

/* Non-zero when an allocation failed along the way. */
int kn_pin_failed(const kn_pin *p);

#endif
