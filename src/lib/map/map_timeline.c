/* The time line (KN_VIEW_TIMELINE, docs/changes.md): a map's dated
 * signals along a date axis, one lane a category, each a dot whose size
 * says its score, with its title beside it when there are few enough.
 * Every position is computed here and pinned (map_pin.h), so the same
 * signals give the same drawing in SVG, PNG and PDF. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kn_date.h"
#include "kn_grow.h"
#include "map_pin.h"

#define TL_LEFT_MAX 170.0 /* widest lane label column */
#define TL_PLOT 660.0     /* width of the date axis */
#define TL_ROW 24.0       /* a row of dots in a lane */
#define TL_TOP 52.0       /* where the first lane starts */
#define TL_TITLE_COLS 28  /* columns of a title beside its dot */
#define TL_TITLE_SIZE 8.5
#define TL_ROWS_TITLED 6  /* rows a lane may take to keep titles apart */
#define TL_ROWS_PLAIN 3

static const char dot_fill[] = "#2456a6b3", dot_line[] = "#1d3557";

typedef struct item {
	const kn_signal *s;
	long day;
	size_t lane;
	int row;
	int titled;
	double x, r;
} item;

typedef struct lane {
	char *key;         /* ASCII case folded category; "" none */
	const char *label; /* a spelling of it (borrowed) */
	size_t n;
	int rows;
	double top;
} lane;

typedef struct tl {
	const kn_map *m;
	const kn_map_options *o;
	kn_pin p;
	item *items;
	size_t n, undated, left_out;
	lane *lanes;
	size_t n_lanes;
	long d0, d1;   /* the axis: first day, the day after the last */
	long dmin, dmax;
	double left;   /* x of the axis start */
	double bottom; /* y of the axis */
	int unit;      /* ticks: 0 day, 1 week, 2 month, 3 quarter, 4 year */
	int unscored;  /* some signal has no score */
} tl;

static char *fold(const char *s)
{
	char *k = strdup(s ? s : ""), *c;

	for (c = k; c && *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	return k;
}

static double radius(const kn_signal *s)
{
	return s->score == KN_ABSENT ? 3.0 : 3.0 + 0.07 * s->score;
}

/* ---- periods of the axis ---- */

static long unit_start(int unit, long day)
{
	int y, m, d;

	if (unit <= 1)
		return unit == 0 ? day : day - (kn_day_weekday(day) - 1);
	kn_day_civil(day, &y, &m, &d);
	if (unit == 3)
		m = (m - 1) / 3 * 3 + 1;
	else if (unit == 4)
		m = 1;
	return kn_day_of(y, m, 1);
}

static long unit_next(int unit, long start)
{
	static const long months[] = { 0, 0, 1, 3, 12 };

	if (unit <= 1)
		return start + (unit == 0 ? 1 : 7);
	return kn_day_add_months(start, months[unit]);
}

static void unit_label(int unit, long day, char *out, size_t size)
{
	int y, m, d;

	kn_day_civil(day, &y, &m, &d);
	if (unit <= 1)
		kn_day_format(day, out);
	else if (unit == 2)
		snprintf(out, size, "%04d-%02d", y, m);
	else if (unit == 3)
		snprintf(out, size, "%04d-Q%d", y, (m - 1) / 3 + 1);
	else
		snprintf(out, size, "%04d", y);
}

/* Ticks by the span: days up to a fortnight, weeks up to nine, months
 * up to three years, quarters up to twelve, then years. */
static void set_axis(tl *t)
{
	long span = t->dmax - t->dmin;

	t->unit = span <= 14 ? 0 : span <= 63 ? 1 : span <= 3 * 366 ? 2
		: span <= 12 * 366 ? 3 : 4;
	t->d0 = unit_start(t->unit, t->dmin);
	t->d1 = unit_next(t->unit, unit_start(t->unit, t->dmax));
}

static double x_of(const tl *t, long day)
{
	return t->left + (double)(day - t->d0) / (double)(t->d1 - t->d0) * TL_PLOT;
}

/* ---- gathering: items and lanes ---- */

static int cmp_item(const void *pa, const void *pb)
{
	const item *a = pa, *b = pb;

	if (a->lane != b->lane)
		return a->lane < b->lane ? -1 : 1;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return strcmp(a->s->id, b->s->id);
}

static int cmp_lane(const void *pa, const void *pb)
{
	const lane *a = pa, *b = pb;

	if (!a->key[0] != !b->key[0]) /* no category: last */
		return a->key[0] ? -1 : 1;
	if (a->n != b->n)
		return a->n > b->n ? -1 : 1;
	return strcmp(a->key, b->key);
}

/* The lane of category cat (added when new); (size_t)-1 when out of
 * memory.  Lanes are few: a linear search. */
static size_t lane_of(tl *t, const char *cat, size_t *cap)
{
	char *key = fold(cat);
	size_t i;

	if (!key)
		return (size_t)-1;
	for (i = 0; i < t->n_lanes; i++)
		if (strcmp(t->lanes[i].key, key) == 0) {
			free(key);
			return i;
		}
	if (KN_GROW(t->lanes, *cap, t->n_lanes + 1)) {
		free(key);
		return (size_t)-1;
	}
	memset(&t->lanes[i], 0, sizeof t->lanes[i]);
	t->lanes[i].key = key;
	t->lanes[i].label = cat;
	return t->n_lanes++;
}

static kn_status gather(tl *t)
{
	size_t i, j, cap = 0;
	long first, last;

	t->items = calloc(t->m->n_sigs ? t->m->n_sigs : 1, sizeof *t->items);
	if (!t->items)
		return KN_ERR_NOMEM;
	for (i = 0; i < t->m->n_sigs; i++) {
		const kn_signal *s = &t->m->sigs[i];
		item *it = &t->items[t->n];

		if (!s->published || kn_date_span(s->published, &first, &last)) {
			t->undated++;
			continue;
		}
		if (t->n == KN_TIMELINE_MAX) { /* the first so many only */
			t->left_out++;
			continue;
		}
		it->s = s;
		it->day = first;
		t->unscored |= s->score == KN_ABSENT;
		if ((it->lane = lane_of(t, s->category, &cap)) == (size_t)-1)
			return KN_ERR_NOMEM;
		t->lanes[it->lane].n++;
		if (!t->n || first < t->dmin)
			t->dmin = first;
		if (!t->n || first > t->dmax)
			t->dmax = first;
		t->n++;
	}
	if (t->n_lanes > 1)
		qsort(t->lanes, t->n_lanes, sizeof *t->lanes, cmp_lane);
	/* the items' lanes were numbered by first sight: renumber */
	for (i = 0; i < t->n; i++) {
		char *key = fold(t->items[i].s->category);

		if (!key)
			return KN_ERR_NOMEM;
		for (j = 0; strcmp(t->lanes[j].key, key) != 0; j++)
			;
		free(key);
		t->items[i].lane = j;
	}
	if (t->n > 1)
		qsort(t->items, t->n, sizeof *t->items, cmp_item);
	return KN_OK;
}

/* ---- placing: rows in lanes, titles kept apart ---- */

static int fits(const double *end, int k, double from)
{
	return end[k] + 4 <= from;
}

/* Places items[from, to) (one lane) in rows; returns the rows used. */
static int place_lane(tl *t, size_t from, size_t to, int titles)
{
	double end[TL_ROWS_TITLED];
	int rows = titles ? TL_ROWS_TITLED : TL_ROWS_PLAIN, used = 1, k, best;
	size_t i;

	for (k = 0; k < rows; k++)
		end[k] = -1e9;
	for (i = from; i < to; i++) {
		item *it = &t->items[i];
		char *shown = titles ? kn_pin_short(it->s->title, TL_TITLE_COLS) : NULL;
		double w = shown ? kn_pin_text_width(shown, TL_TITLE_SIZE) + 3 : 0;

		free(shown);
		it->x = x_of(t, it->day);
		it->r = radius(it->s);
		for (k = 0; titles && k < rows && !fits(end, k, it->x - it->r); k++)
			;
		it->titled = titles && k < rows;
		if (!it->titled) /* no room with a title: the dot alone */
			for (k = 0; k < rows && !fits(end, k, it->x - it->r); k++)
				;
		if (k == rows) { /* no room at all: the least crowded row */
			for (k = 0, best = 1; best < rows; best++)
				if (end[best] < end[k])
					k = best;
		}
		it->row = k;
		end[k] = it->x + it->r + (it->titled ? w : 0);
		if (k + 1 > used)
			used = k + 1;
	}
	return used;
}

static void place(tl *t)
{
	size_t i = 0, j, l;
	double y = TL_TOP;
	int titles = t->n <= KN_TIMELINE_TITLED;

	for (l = 0; l < t->n_lanes; l++) {
		for (j = i; j < t->n && t->items[j].lane == l; j++)
			;
		t->lanes[l].rows = place_lane(t, i, j, titles);
		t->lanes[l].top = y;
		y += t->lanes[l].rows * TL_ROW + 8;
		i = j;
	}
	t->bottom = y + 4;
}

/* ---- drawing ---- */

static void draw_title(tl *t)
{
	kn_buf b = KN_BUF_INIT;
	char a[11], z[11];

	if (t->o->title && !t->o->title[0])
		return;
	kn_day_format(t->dmin, a);
	kn_day_format(t->dmax, z);
	if (t->o->title)
		kn_buf_puts(&b, t->o->title);
	else
		kn_buf_printf(&b, "Time line \xc2\xb7 %zu signal%s \xc2\xb7 %s to %s",
			      t->n, t->n == 1 ? "" : "s", a, z);
	if (!t->o->title && t->left_out)
		kn_buf_printf(&b, " \xc2\xb7 %zu more not shown", t->left_out);
	if (!t->o->title && t->undated)
		kn_buf_printf(&b, " \xc2\xb7 %zu undated not shown", t->undated);
	kn_pin_text(&t->p, "title", 8, 16, kn_buf_cstr(&b), 14, KN_PIN_LEFT, NULL);
	kn_pin_text(&t->p, "note", 8, 34,
		    "one lane a category \xc2\xb7 a dot a signal, larger for a higher score",
		    9, KN_PIN_LEFT, "#5b6474");
	if (kn_buf_failed(&b))
		t->p.label.failed = 1;
	kn_buf_release(&b);
}

static void draw_axis(tl *t)
{
	double right = t->left + TL_PLOT, last_label = -1e9, x;
	char label[32];
	long d;

	for (d = t->d0; d <= t->d1; d = unit_next(t->unit, d)) {
		x = x_of(t, d);
		kn_pin_line(&t->p, "grid", x, TL_TOP - 4, x, t->bottom, "#e6e9ef",
			    0.6, "solid");
		kn_pin_line(&t->p, "tick", x, t->bottom, x, t->bottom + 4,
			    "#1a1a1a", 1, "solid");
		unit_label(t->unit, d, label, sizeof label);
		/* a label only where it keeps clear of the one before */
		if (d < t->d1 && x - last_label >= kn_pin_text_width(label, 9) + 6) {
			kn_pin_text(&t->p, "tick-label", x, t->bottom + 13, label, 9,
				    KN_PIN_CENTRE, NULL);
			last_label = x;
		}
		if (d == t->d1)
			break;
	}
	kn_pin_line(&t->p, "axis", t->left, t->bottom, right, t->bottom,
		    "#1a1a1a", 1, "solid");
}

static void draw_key(tl *t)
{
	static const int scores[] = { 0, 50, 100 };
	double x = t->left + TL_PLOT, y = t->bottom + 34;
	char label[16];
	int i;

	for (i = 2; i >= 0; i--) {
		double r = 3.0 + 0.07 * scores[i];

		snprintf(label, sizeof label, "%d", scores[i]);
		kn_pin_text(&t->p, "key", x, y, label, 9, KN_PIN_RIGHT, NULL);
		x -= kn_pin_text_width(label, 9) + r + 2;
		kn_pin_dot(&t->p, NULL, "key", x, y, r, dot_fill, dot_line);
		x -= r + 8;
	}
	kn_pin_text(&t->p, "key", x, y, "score", 9, KN_PIN_RIGHT, NULL);
	if (!t->unscored)
		return;
	kn_pin_dot(&t->p, NULL, "key", t->left + 6, y, 3, "white", dot_line);
	kn_pin_text(&t->p, "key", t->left + 12, y, "no score", 9, KN_PIN_LEFT, NULL);
}

static void draw_lanes(tl *t)
{
	char count[32];
	kn_buf label = KN_BUF_INIT;
	size_t l;

	for (l = 0; l < t->n_lanes; l++) {
		const lane *ln = &t->lanes[l];
		char *shown = kn_pin_short(ln->key[0] ? ln->label : "(no category)", 26);

		snprintf(count, sizeof count, " (%zu)", ln->n);
		kn_buf_reset(&label);
		kn_buf_puts(&label, shown ? shown : "");
		kn_buf_puts(&label, count);
		free(shown);
		kn_pin_text(&t->p, "lane", t->left - 8, ln->top + TL_ROW / 2,
			    kn_buf_cstr(&label), 10, KN_PIN_RIGHT, NULL);
		kn_pin_line(&t->p, "lane-edge", 8, ln->top + ln->rows * TL_ROW + 4,
			    t->left + TL_PLOT, ln->top + ln->rows * TL_ROW + 4,
			    "#d9dee7", 0.8, "solid");
	}
	if (kn_buf_failed(&label))
		t->p.label.failed = 1;
	kn_buf_release(&label);
}

static void draw_signals(tl *t)
{
	kn_buf name = KN_BUF_INIT;
	size_t i;

	for (i = 0; i < t->n; i++) {
		const item *it = &t->items[i];
		double y = t->lanes[it->lane].top + it->row * TL_ROW + TL_ROW / 2;
		char *shown;

		kn_buf_reset(&name);
		kn_buf_puts(&name, "sig:");
		kn_map_put_id(&name, it->s->id);
		kn_pin_dot(&t->p, kn_buf_cstr(&name), "signal", it->x, y, it->r,
			   it->s->score == KN_ABSENT ? "white" : dot_fill, dot_line);
		if (!it->titled)
			continue;
		shown = kn_pin_short(it->s->title, TL_TITLE_COLS);
		kn_pin_text(&t->p, "signal-title", it->x + it->r + 3, y, shown,
			    TL_TITLE_SIZE, KN_PIN_LEFT, "#1d2330");
		free(shown);
	}
	if (kn_buf_failed(&name))
		t->p.label.failed = 1;
	kn_buf_release(&name);
}

/* The lane label column: as wide as the widest label, within bounds. */
static double left_of(const tl *t)
{
	double w = 60, x;
	size_t l;

	for (l = 0; l < t->n_lanes; l++) {
		char *shown = kn_pin_short(t->lanes[l].key[0] ? t->lanes[l].label
							     : "(no category)", 26);

		x = kn_pin_text_width(shown ? shown : "", 10) + 30;
		free(shown);
		if (x > w)
			w = x;
	}
	return (w > TL_LEFT_MAX ? TL_LEFT_MAX : w) + 16;
}

static void tl_release(tl *t)
{
	size_t i;

	for (i = 0; i < t->n_lanes; i++)
		free(t->lanes[i].key);
	free(t->lanes);
	free(t->items);
	kn_pin_release(&t->p);
}

Agraph_t *kn_timeline_build(const kn_map *m, const kn_map_options *o,
			    kn_error *err)
{
	tl t;
	kn_status s;
	Agraph_t *g;

	memset(&t, 0, sizeof t);
	t.m = m;
	t.o = o;
	s = gather(&t);
	if (s == KN_OK && t.n == 0)
		s = kn_error_set(err, KN_ERR_NOTFOUND, NULL, 0, 0, NULL,
				 "no dated signal to place on the time line");
	else if (s != KN_OK)
		kn_error_set(err, s, NULL, 0, 0, NULL, "out of memory");
	g = s == KN_OK ? kn_pin_open(&t.p, o->id_prefix, "timeline", err) : NULL;
	if (g) {
		set_axis(&t);
		t.left = left_of(&t);
		place(&t);
		draw_title(&t);
		draw_lanes(&t);
		draw_axis(&t);
		draw_signals(&t);
		draw_key(&t);
		if (kn_pin_failed(&t.p)) {
			kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
			agclose(g);
			g = NULL;
		}
	}
	tl_release(&t);
	return g;
}
