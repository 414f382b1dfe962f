/* Graphviz SVG made fit to inline in a page: no prolog, DOCTYPE or
 * comments (one names the Graphviz version, others carry node names), and
 * a last check, tag by tag, that nothing active reaches the page even if a
 * map ever gained a link or a script. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "report_internal.h"

static int is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ':' ||
	       c == '.';
}

/* Non-zero when the element name starting at p is one a map never needs
 * and a page must not run or load. */
static int bad_element(const char *p, size_t n)
{
	static const char *const bad[] = { "script", "foreignObject", "a",
					   "iframe", "image", "use", "animate",
					   "set", "handler", "style" };
	size_t i;

	for (i = 0; i < sizeof bad / sizeof *bad; i++)
		if (strlen(bad[i]) == n && strncasecmp(p, bad[i], n) == 0)
			return 1;
	return 0;
}

static int bad_attribute(const char *p, size_t n)
{
	if (n >= 2 && strncasecmp(p, "on", 2) == 0)
		return 1;
	return n >= 4 && strncasecmp(p + n - 4, "href", 4) == 0;
}

/* Checks the tag starting at '<' (not a comment); returns the position
 * after its '>', or NULL when it holds something forbidden or never ends. */
static const char *check_tag(const char *p)
{
	const char *q = p + 1, *name;

	if (*q == '/' || *q == '?' || *q == '!')
		q++;
	name = q;
	while (is_name_char(*q))
		q++;
	if (bad_element(name, (size_t)(q - name)))
		return NULL;
	for (;;) {
		while (*q == ' ' || *q == '\n' || *q == '\t' || *q == '\r' ||
		       *q == '/')
			q++;
		if (*q == '>')
			return q + 1;
		if (*q == '\0')
			return NULL;
		name = q;
		while (is_name_char(*q))
			q++;
		if (q == name || bad_attribute(name, (size_t)(q - name)))
			return NULL;
		if (*q == '=') {
			char quote = *++q;
			const char *end;

			if (quote != '"' && quote != '\'')
				return NULL;
			end = strchr(q + 1, quote);
			if (!end)
				return NULL;
			q = end + 1;
		}
	}
}

static void read_viewbox(const char *svg, rpt_map *map)
{
	const char *end = strchr(svg, '>');
	const char *vb = strstr(svg, " viewBox=\"");
	double x, y, w, h;

	map->width = map->height = 0;
	if (vb && end && vb < end &&
	    sscanf(vb + 10, "%lf %lf %lf %lf", &x, &y, &w, &h) == 4 &&
	    w > 0 && h > 0) {
		map->width = w;
		map->height = h;
	}
}

kn_status rpt_svg_clean(const kn_buf *svg, rpt_map *map, kn_error *err)
{
	const char *s = kn_buf_cstr(svg), *p, *next;

	kn_buf_reset(&map->svg);
	p = strstr(s, "<svg");
	if (!p || memchr(s, '\0', svg->len))
		return kn_error_set(err, KN_ERR_RENDER, NULL, 0, 0, NULL,
				    "graphviz gave no svg for a map");
	read_viewbox(p, map);
	while (*p) {
		next = strchr(p, '<');
		if (!next) {
			kn_buf_puts(&map->svg, p);
			break;
		}
		kn_buf_append(&map->svg, p, (size_t)(next - p));
		if (strncmp(next, "<!--", 4) == 0) {
			const char *end = strstr(next + 4, "-->");

			if (!end)
				break;
			p = end + 3;
			continue;
		}
		p = check_tag(next);
		if (!p)
			return kn_error_set(err, KN_ERR_RENDER, NULL, 0, 0, NULL,
					    "a map holds markup a report must not "
					    "inline (near \"%.40s\")", next);
		kn_buf_append(&map->svg, next, (size_t)(p - next));
	}
	/* drop the blank lines the comments leave behind */
	while (map->svg.len && (map->svg.data[map->svg.len - 1] == '\n'))
		map->svg.data[--map->svg.len] = '\0';
	return KN_OK;
}
