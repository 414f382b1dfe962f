/* Trend charts (knockon/report.h): kn_query_trend's counts handed to the
 * map module's chart (kn_chart_render), and the small inline trend line
 * the report's "What changed" table shows per actor (report_changes.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kn_file.h"
#include "report_internal.h"

static const char *const every_name[] = { "ISO week", "month", "quarter" };

kn_status kn_trend_chart(kn_renderer *r, const kn_trends *t, kn_period every,
			 const kn_map_options *o, kn_buf *out, kn_error *err)
{
	size_t n = t->n ? t->items[0].n : 0, i, j;
	const char **periods = calloc(n ? n : 1, sizeof *periods);
	long *counts = calloc(2 * n * t->n + 1, sizeof *counts);
	kn_chart_panel *panels = calloc(t->n ? t->n : 1, sizeof *panels);
	char title[64], note[64] = "";
	kn_chart c;
	kn_status s;

	if (!periods || !counts || !panels) {
		free(periods);
		free(counts);
		free(panels);
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	}
	for (j = 0; j < n; j++)
		periods[j] = t->items[0].points[j].period;
	for (i = 0; i < t->n; i++) {
		long *w = counts + 2 * n * i, *l = w + n;

		for (j = 0; j < n && j < t->items[i].n; j++) {
			w[j] = t->items[i].points[j].winner;
			l[j] = t->items[i].points[j].loser;
		}
		panels[i].title = t->items[i].actor;
		panels[i].wins = w;
		panels[i].losses = l;
	}
	snprintf(title, sizeof title, "Signals per %s",
		 every_name[(unsigned)every < 3 ? every : 1]);
	if (n)
		snprintf(note, sizeof note, "%s to %s", t->items[0].points[0].start,
			 t->items[0].points[n - 1].end);
	memset(&c, 0, sizeof c);
	c.title = title;
	c.note = note;
	c.periods = periods;
	c.n = n;
	c.panels = panels;
	c.n_panels = t->n;
	s = kn_chart_render(r, &c, o, out, err);
	free(periods);
	free(counts);
	free(panels);
	return s;
}

kn_status kn_trend_chart_file(kn_renderer *r, const kn_trends *t,
			      kn_period every, const kn_map_options *o,
			      const char *path, kn_error *err)
{
	kn_buf out = KN_BUF_INIT;
	kn_status s = kn_trend_chart(r, t, every, o, &out, err);

	if (s == KN_OK)
		s = kn_file_write_atomic(path, out.data, out.len, "the chart", err);
	kn_buf_release(&out);
	return s;
}
