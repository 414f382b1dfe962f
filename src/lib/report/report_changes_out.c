/* "What changed" and "Time line" as HTML and Markdown (report_changes.c
 * gathers them).  Card text (actor names) goes through rpt_html / rpt_md;
 * the trend lines are SVG made here of numbers only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

#define SPARK_W 96.0
#define SPARK_H 20.0

static const char *role_word(kn_role r)
{
	return r == KN_LOSER ? "loser" : "winner";
}

static long count_in(const kn_trend_point *p, kn_role role)
{
	return role == KN_LOSER ? p->loser : p->winner;
}

/* A date, in <time> in HTML so that it never breaks at its hyphens. */
static void html_date(kn_buf *b, const char *s)
{
	kn_buf_puts(b, "<time>");
	rpt_html(b, s);
	kn_buf_puts(b, "</time>");
}

static void intro(const rpt *r, const kn_diff *d, kn_buf *b,
		  void (*put)(kn_buf *, const char *))
{
	kn_buf_puts(b, "Signals naming each actor in the window after (");
	put(b, d->windows.after_from);
	kn_buf_puts(b, " to ");
	put(b, d->windows.after_to);
	kn_buf_puts(b, ") and in the window before (");
	put(b, d->windows.before_from);
	kn_buf_puts(b, " to ");
	put(b, d->windows.before_to);
	kn_buf_printf(b, "): the largest changes, at most %zu per role. The "
		      "trend line counts the actor's signals in that role per "
		      "ISO week across both windows.", r->top);
}

/* ---- HTML ---- */

/* A trend line of numbers only: nothing from a card reaches it. */
static void spark_svg(kn_buf *b, const kn_trend *t, kn_role role)
{
	long top = 1;
	size_t i;

	for (i = 0; t && i < t->n; i++)
		if (count_in(&t->points[i], role) > top)
			top = count_in(&t->points[i], role);
	kn_buf_printf(b, "<svg class=\"spark %s\" viewBox=\"0 0 %.0f %.0f\" "
		      "role=\"img\" aria-label=\"per week as %s:", role_word(role),
		      SPARK_W, SPARK_H, role_word(role));
	for (i = 0; t && i < t->n; i++)
		kn_buf_printf(b, " %ld", count_in(&t->points[i], role));
	kn_buf_printf(b, "\"><polyline fill=\"none\" stroke=\"%s\" "
		      "stroke-width=\"1.6\" stroke-linejoin=\"round\" points=\"",
		      role == KN_LOSER ? "#b3261e" : "#1b7f4b");
	for (i = 0; t && i < t->n; i++) {
		double x = t->n > 1 ? 2 + (SPARK_W - 4) * (double)i / (double)(t->n - 1)
				    : SPARK_W / 2;
		double y = SPARK_H - 2 - (SPARK_H - 4) *
			   (double)count_in(&t->points[i], role) / (double)top;

		kn_buf_printf(b, "%s%.1f,%.1f", i ? " " : "", x, y);
	}
	kn_buf_puts(b, "\"/></svg>");
}

static void actor_cell_html(const rpt *r, kn_buf *b, const kn_diff_row *row)
{
	unsigned long long h = rpt_actor_hash(r, row->actor);

	if (!rpt_group_of(r, h)) {
		rpt_html(b, row->actor);
		return;
	}
	kn_buf_printf(b, "<a class=\"actor %s\" href=\"#", role_word(row->role));
	rpt_actor_anchor(b, h);
	kn_buf_puts(b, "\">");
	rpt_html(b, row->actor);
	kn_buf_puts(b, "</a>");
}

static void table_html(const rpt *r, const kn_diff *d, kn_buf *b)
{
	size_t i;

	kn_buf_puts(b, "<div class=\"scroll\"><table class=\"changes\">\n"
		       "<thead><tr><th>Actor</th>"
		       "<th>Role</th><th>Before</th><th>After</th><th>Change</th>"
		       "<th>Status</th><th>Per week</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < d->n; i++) {
		const kn_diff_row *row = &d->items[i];
		long c = row->after - row->before;

		kn_buf_printf(b, "<tr class=\"%s\"><td class=\"actor\">",
			      role_word(row->role));
		actor_cell_html(r, b, row);
		kn_buf_printf(b, "</td><td>%s</td><td class=\"n\">%ld</td>"
			      "<td class=\"n\">%ld</td><td class=\"n\">%s%ld</td>"
			      "<td><span class=\"status %s\">%s</span></td><td>",
			      role_word(row->role), row->before, row->after,
			      c > 0 ? "+" : "", c, kn_diff_status_name(row->status),
			      kn_diff_status_name(row->status));
		spark_svg(b, rpt_changes_trend(r, i), row->role);
		kn_buf_puts(b, "</td></tr>\n");
	}
	kn_buf_puts(b, "</tbody>\n</table></div>\n");
}

void rpt_changes_html(const rpt *r, kn_buf *b)
{
	const kn_diff *d = rpt_changes_diff(r);
	const rpt_map *tl = rpt_changes_timeline(r);

	kn_buf_puts(b, "<section id=\"changes\">\n<h2>What changed</h2>\n");
	if (!d) {
		kn_buf_puts(b, "<p class=\"muted\">No selected signal is dated: "
			       "there are no windows to compare.</p>\n</section>\n");
		return;
	}
	kn_buf_puts(b, "<p class=\"muted\">");
	intro(r, d, b, html_date);
	kn_buf_puts(b, "</p>\n");
	if (d->n)
		table_html(r, d, b);
	else
		kn_buf_puts(b, "<p>No actor is named in either window.</p>\n");
	kn_buf_puts(b, "</section>\n");
	if (!tl)
		return;
	kn_buf_puts(b, "<section id=\"timeline\">\n<h2>Time line</h2>\n"
		       "<figure class=\"map timeline\"");
	if (tl->width > 0)
		kn_buf_printf(b, " style=\"max-width:%.0fpt\"", tl->width + 16);
	kn_buf_puts(b, ">\n");
	kn_buf_append(b, tl->svg.data, tl->svg.len);
	kn_buf_puts(b, "\n<figcaption>The selected signals by date, one lane a "
		       "category; a larger dot is a higher score.</figcaption>\n"
		       "</figure>\n</section>\n");
}

/* ---- Markdown ---- */

/* The trend line as block characters, lowest ▁ to highest █. */
static void spark_text(kn_buf *b, const kn_trend *t, kn_role role)
{
	static const char *const bars[] = { "\xe2\x96\x81", "\xe2\x96\x82",
					    "\xe2\x96\x83", "\xe2\x96\x84",
					    "\xe2\x96\x85", "\xe2\x96\x86",
					    "\xe2\x96\x87", "\xe2\x96\x88" };
	long top = 1;
	size_t i;

	for (i = 0; t && i < t->n; i++)
		if (count_in(&t->points[i], role) > top)
			top = count_in(&t->points[i], role);
	for (i = 0; t && i < t->n; i++)
		kn_buf_puts(b, bars[count_in(&t->points[i], role) * 7 / top]);
}

static void actor_cell_md(const rpt *r, kn_buf *b, const kn_diff_row *row)
{
	unsigned long long h = rpt_actor_hash(r, row->actor);

	if (!rpt_group_of(r, h)) {
		rpt_md(b, row->actor);
		return;
	}
	kn_buf_puts(b, "[");
	rpt_md(b, row->actor);
	kn_buf_puts(b, "](#");
	rpt_actor_anchor(b, h);
	kn_buf_puts(b, ")");
}

void rpt_changes_md(const rpt *r, kn_buf *b, const char *map_dir)
{
	const kn_diff *d = rpt_changes_diff(r);
	size_t i;

	kn_buf_puts(b, "## <a id=\"changes\"></a>What changed\n\n");
	if (!d) {
		kn_buf_puts(b, "No selected signal is dated: there are no windows "
			       "to compare.\n\n");
		return;
	}
	intro(r, d, b, rpt_md);
	kn_buf_puts(b, "\n\n");
	if (!d->n)
		kn_buf_puts(b, "No actor is named in either window.\n\n");
	else
		kn_buf_puts(b, "| Actor | Role | Before | After | Change | Status "
			       "| Per week |\n|---|---|--:|--:|--:|---|---|\n");
	for (i = 0; i < d->n; i++) {
		const kn_diff_row *row = &d->items[i];
		long c = row->after - row->before;

		kn_buf_puts(b, "| ");
		actor_cell_md(r, b, row);
		kn_buf_printf(b, " | %s | %ld | %ld | %s%ld | %s | ",
			      role_word(row->role), row->before, row->after,
			      c > 0 ? "+" : "", c, kn_diff_status_name(row->status));
		spark_text(b, rpt_changes_trend(r, i), row->role);
		kn_buf_puts(b, " |\n");
	}
	kn_buf_puts(b, d->n ? "\n" : "");
	(void)map_dir;
	if (rpt_changes_timeline(r)) {
		kn_buf_puts(b, "## <a id=\"timeline\"></a>Time line\n\n![Time line "
			       "of the selected signals](");
		rpt_md_map_target(r, b, "timeline");
		kn_buf_puts(b, ")\n\n");
	}
}
