/* Charts of counts per period (kn_chart, knockon/map.h): one panel a
 * subject, wins as a solid line with round marks and losses as a dashed
 * line with square marks, so that the two stay apart in grey print too.
 * Positions are computed here and pinned (map_pin.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "map_pin.h"

#define CH_LEFT 56.0    /* x of the plot's left edge */
#define CH_PLOT_H 110.0 /* height of a panel's plot */
#define CH_PANEL 172.0  /* height of a panel, title and labels included */

static const char win_color[] = "#1b7f4b", loss_color[] = "#b3261e";

/* A round top for the y axis: 1, 2 or 5 times a power of ten. */
static long nice_max(long v)
{
	long step = 1;

	if (v < 1)
		return 1;
	for (;;) {
		if (v <= step)
			return step;
		if (v <= 2 * step)
			return 2 * step;
		if (v <= 5 * step)
			return 5 * step;
		step *= 10;
	}
}

typedef struct chart {
	const kn_chart *c;
	kn_pin p;
	double width; /* of the plot */
	double top;   /* of the panel being drawn */
} chart;

static double x_at(const chart *ch, size_t i)
{
	if (ch->c->n < 2)
		return CH_LEFT + ch->width / 2;
	return CH_LEFT + ch->width * (double)i / (double)(ch->c->n - 1);
}

static void draw_frame(chart *ch, long top)
{
	double y0 = ch->top + 22, y1 = y0 + CH_PLOT_H, last = -1e9, x;
	char label[24];
	int k;
	size_t i;

	for (k = 0; k <= 2; k++) {
		double y = y1 - CH_PLOT_H * k / 2.0;

		if (k == 1 && top % 2)
			continue; /* counts are whole: no line at 0.5 or 2.5 */
		kn_pin_line(&ch->p, "grid", CH_LEFT - 4, y, CH_LEFT + ch->width + 4, y,
			    k ? "#e6e9ef" : "#1a1a1a", k ? 0.6 : 1, "solid");
		snprintf(label, sizeof label, "%ld", top * k / 2);
		kn_pin_text(&ch->p, "y-label", CH_LEFT - 8, y, label, 9, KN_PIN_RIGHT,
			    NULL);
	}
	for (i = 0; i < ch->c->n; i++) {
		x = x_at(ch, i);
		kn_pin_line(&ch->p, "tick", x, y1, x, y1 + 3, "#1a1a1a", 0.8, "solid");
		if (x - last < kn_pin_text_width(ch->c->periods[i], 8.5) + 6)
			continue; /* keep clear of the label before */
		kn_pin_text(&ch->p, "x-label", x, y1 + 12, ch->c->periods[i], 8.5,
			    KN_PIN_CENTRE, NULL);
		last = x;
	}
}

static void draw_series(chart *ch, const long *v, long top, int losses)
{
	double y1 = ch->top + 22 + CH_PLOT_H;
	Agnode_t *prev = NULL, *n;
	const char *color = losses ? loss_color : win_color;
	const char *cls = losses ? "losses" : "wins";
	size_t i;

	for (i = 0; i < ch->c->n; i++) {
		double y = y1 - CH_PLOT_H * (double)v[i] / (double)top;

		n = losses ? kn_pin_square(&ch->p, NULL, cls, x_at(ch, i), y, 2.4,
					   color, NULL)
			   : kn_pin_dot(&ch->p, NULL, cls, x_at(ch, i), y, 2.6, color,
					NULL);
		kn_pin_join(&ch->p, cls, prev, n, color, 1.6,
			    losses ? "dashed" : "solid");
		prev = n;
	}
}

static void draw_panel(chart *ch, const kn_chart_panel *pn)
{
	long top = 0;
	char *title = kn_pin_short(pn->title, 60);
	size_t i;

	for (i = 0; i < ch->c->n; i++) {
		if (pn->wins[i] > top)
			top = pn->wins[i];
		if (pn->losses[i] > top)
			top = pn->losses[i];
	}
	top = nice_max(top);
	kn_pin_text(&ch->p, "panel-title", CH_LEFT - 40, ch->top + 8,
		    title ? title : "", 11, KN_PIN_LEFT, NULL);
	free(title);
	if (ch->c->n == 0) {
		kn_pin_text(&ch->p, "empty", CH_LEFT, ch->top + 40,
			    "no dated signal in the range", 10, KN_PIN_LEFT, "#5b6474");
		return;
	}
	draw_frame(ch, top);
	draw_series(ch, pn->losses, top, 1);
	draw_series(ch, pn->wins, top, 0);
}

static void draw_head(chart *ch, double *y)
{
	double x = CH_LEFT - 40;

	if (ch->c->title && ch->c->title[0]) {
		kn_pin_text(&ch->p, "title", x, *y, ch->c->title, 14, KN_PIN_LEFT, NULL);
		*y += 18;
	}
	if (ch->c->note && ch->c->note[0]) {
		kn_pin_text(&ch->p, "note", x, *y, ch->c->note, 9, KN_PIN_LEFT,
			    "#5b6474");
		*y += 16;
	}
	kn_pin_line(&ch->p, "key wins", x, *y, x + 22, *y, win_color, 1.6, "solid");
	kn_pin_dot(&ch->p, NULL, "key wins", x + 11, *y, 2.6, win_color, NULL);
	kn_pin_text(&ch->p, "key", x + 28, *y, "as winner", 9, KN_PIN_LEFT, NULL);
	x += 100;
	kn_pin_line(&ch->p, "key losses", x, *y, x + 22, *y, loss_color, 1.6,
		    "dashed");
	kn_pin_square(&ch->p, NULL, "key losses", x + 11, *y, 2.4, loss_color, NULL);
	kn_pin_text(&ch->p, "key", x + 28, *y, "as loser", 9, KN_PIN_LEFT, NULL);
	*y += 14;
}

kn_status kn_chart_render(kn_renderer *r, const kn_chart *c,
			  const kn_map_options *o, kn_buf *out, kn_error *err)
{
	chart ch;
	double y = 16;
	size_t i;
	kn_status s = KN_OK;
	Agraph_t *g;

	if ((s = kn_map_options_check(o, err)) != KN_OK)
		return s;
	memset(&ch, 0, sizeof ch);
	ch.c = c;
	ch.width = (double)c->n * 18;
	ch.width = ch.width < 240 ? 240 : ch.width > 720 ? 720 : ch.width;
	g = kn_pin_open(&ch.p, o->id_prefix, "chart", err);
	if (!g) {
		kn_pin_release(&ch.p);
		return KN_ERR_RENDER;
	}
	draw_head(&ch, &y);
	for (i = 0; i < c->n_panels; i++) {
		ch.top = y + (double)i * CH_PANEL;
		draw_panel(&ch, &c->panels[i]);
	}
	if (kn_pin_failed(&ch.p))
		s = kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	if (s == KN_OK)
		s = kn_graph_render(r, g, o, out, err);
	agclose(g);
	kn_pin_release(&ch.p);
	return s;
}
