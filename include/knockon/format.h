/* knockon — result shapes: the table, CSV and JSON that the listing
 * commands print, written by the library so that any program gets the
 * same bytes as `knockon losers --format json` (docs/queries.md).
 *
 * Every writer appends to a caller-owned kn_buf (knockon/buf.h) and prints
 * nothing; the caller writes out.data[0..out.len) where it likes and
 * releases the buffer.  A writer returns KN_ERR_NOMEM when the buffer
 * failed (then out holds nothing, see kn_buf), else KN_OK.
 *
 * Text from cards is untrusted, so every shape is safe to send to a
 * terminal: control and bidi characters are escaped in table and CSV
 * cells (as kn_buf_put_printable does) and in JSON strings (as
 * kn_json_put_string does).  Tables align columns by display width
 * (kn_display_width), so CJK and combining text line up. */
#ifndef KNOCKON_FORMAT_H
#define KNOCKON_FORMAT_H

#include "knockon/export.h"

#include <stddef.h>
#include "knockon/buf.h"
#include "knockon/error.h"
#include "knockon/query.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The output formats.  KN_OUT_CSV (RFC 4180, CRLF line ends) neutralises a
 * text cell a spreadsheet would run as a formula: one starting with = + -
 * @, a tab or a carriage return gets a leading ' and is quoted (integers
 * in a number column excepted).  KN_OUT_CSV_RAW writes such cells as they
 * are (controls still escaped). */
typedef enum kn_out_format {
	KN_OUT_TABLE,
	KN_OUT_JSON,
	KN_OUT_CSV,
	KN_OUT_CSV_RAW
} kn_out_format;

/* Parses "table", "json", "csv" or "csv-raw" into *out; -1 (and *out
 * untouched) when s is none of them. */
KN_API int kn_out_format_parse(const char *s, kn_out_format *out);

/* How a result is written: its format, and what suits where it goes. */
typedef struct kn_format_opts {
	kn_out_format format;
	/* KN_OUT_TABLE: fit every line into this many terminal columns by
	 * cutting the widest text columns, each cut cell ending in "…"
	 * (display width: wide characters count 2, combining marks 0).  A
	 * column is never cut below its header nor below 10 columns (so a
	 * date never is), and a table too wide for that keeps longer lines.
	 * Number columns are never cut.  0: never cut. */
	size_t width;
	/* KN_OUT_CSV, KN_OUT_CSV_RAW: begin with a UTF-8 byte-order mark
	 * (EF BB BF), which spreadsheets take as "this file is UTF-8" */
	int bom;
} kn_format_opts;

/* format, no width limit, no byte-order mark. */
KN_API void kn_format_opts_init(kn_format_opts *o, kn_out_format format);

/* A table's date cell: the day of an ISO 8601 "published" (YYYY-MM-DD, as
 * written: no time of day, no time-zone conversion), or YYYY-MM or YYYY
 * when that is all the date gives, or "-" for NULL, into out (at least
 * KN_DATE_CELL bytes).  Returns out.  JSON and CSV keep the stored value. */
#define KN_DATE_CELL 11
KN_API const char *kn_format_date_cell(const char *published, char *out);

/* ---- tables: aligned text or CSV ---- */

/* A table of ncols columns: a header row, then rows added one by one.
 * Cells are copied.  A failed allocation is sticky: kn_table_write then
 * returns KN_ERR_NOMEM. */
typedef struct kn_table kn_table;

/* A new table with the given header (ncols cells); NULL when out of
 * memory.  Free it with kn_table_free. */
KN_API kn_table *kn_table_new(size_t ncols, const char *const *header);
/* Frees t and its cells.  Accepts NULL. */
KN_API void kn_table_free(kn_table *t);
/* Marks column col as numbers: right-aligned in a table; in CSV its cells
 * that are whole integers ("-5" too) are never taken for formulas. */
KN_API void kn_table_number(kn_table *t, size_t col);
/* Appends a row of ncols cells (a NULL cell is empty).  Accepts a NULL t
 * (from a failed kn_table_new), which kn_table_write then reports; a NULL
 * cells (a row the caller could not build) fails the table. */
KN_API void kn_table_add(kn_table *t, const char *const *cells);
/* Appends t to out as KN_OUT_TABLE (columns two spaces apart, padded to
 * the widest cell, one row a line) or KN_OUT_CSV / KN_OUT_CSV_RAW.
 * KN_OUT_JSON is KN_ERR_USAGE (a table has no JSON shape).  KN_ERR_NOMEM
 * when t is NULL, failed, or out failed. */
KN_API kn_status kn_table_write(const kn_table *t, kn_out_format fmt, kn_buf *out);
/* kn_table_write with the width and byte-order mark of o. */
KN_API kn_status kn_table_write_opts(const kn_table *t, const kn_format_opts *o,
				     kn_buf *out);

/* ---- JSON arrays, one element a line ---- */

/* Appends what goes before element i of a JSON array: "[\n" before the
 * first, ",\n" before the others.  Write the element itself after it (for
 * instance with kn_signal_write_json) and end with kn_json_array_end. */
KN_API void kn_json_array_item(kn_buf *out, size_t i);
/* Ends an array of n elements: "\n]\n", or "[]\n" when n is 0. */
KN_API void kn_json_array_end(kn_buf *out, size_t n);

/* ---- the query results (knockon/query.h) ---- */

/* Recurring actors (losers, winners).  JSON: one object an actor,
 * {"actor": NAME, "count": N[, "weight": W], "signals": [ID, ...]}, weight
 * only when weighted.  CSV: actor, count, weight (when weighted) and
 * every signal id, space-separated.  A table shows what a reader needs
 * instead of ids: actor, count, weight (when weighted), the date of the
 * newest signal (kn_format_date_cell) and its title, from latest_published
 * and latest_title (kn_recurring_opts.latest; "-" and "" when absent). */
KN_API kn_status kn_format_actor_counts(const kn_actor_counts *l, int weighted,
					const kn_format_opts *o, kn_buf *out);

/* Every actor with its roles.  JSON: {"actor", "winners", "losers",
 * "first_seen", "last_seen"} (the dates null when undated, else as
 * stored); a table shows the dates as kn_format_date_cell does ("-" when
 * undated), CSV as stored (empty cells when undated). */
KN_API kn_status kn_format_actor_roles(const kn_actor_roles_list *l,
				       const kn_format_opts *o, kn_buf *out);

/* Search hits.  JSON: {"id", "title", "snippet"}; table and CSV: the same
 * three columns. */
KN_API kn_status kn_format_search_hits(const kn_search_hits *l,
				       kn_out_format fmt, kn_buf *out);

/* Aliases.  JSON: {"name", "target", "canonical"}; table and CSV: the same
 * three columns. */
KN_API kn_status kn_format_aliases(const kn_aliases *l, kn_out_format fmt,
				   kn_buf *out);


/* What changed ("diff").  JSON: one object a row, {"actor": NAME, "role":
 * "loser"|"winner", "before": N, "after": M, "change": M-N, "status": S}.
 * A table starts with the windows (kn_format_diff_windows) on a line of
 * their own, then role, actor, before, after, change (signed: "+3") and
 * status; CSV has the same columns, change a plain integer, and no
 * windows line. */
KN_API kn_status kn_format_diff(const kn_diff *d, kn_out_format fmt,
				kn_buf *out);
/* kn_format_search_hits, kn_format_aliases, kn_format_diff and
 * kn_format_trends with the width and byte-order mark of o: a table cut
 * to o->width, CSV begun with the mark when o->bom (kn_table_write_opts);
 * diff's windows line goes on two lines when wider than o->width. */
KN_API kn_status kn_format_search_hits_opts(const kn_search_hits *l,
					    const kn_format_opts *o, kn_buf *out);
KN_API kn_status kn_format_aliases_opts(const kn_aliases *l,
					const kn_format_opts *o, kn_buf *out);
KN_API kn_status kn_format_diff_opts(const kn_diff *d, const kn_format_opts *o,
				     kn_buf *out);
KN_API kn_status kn_format_trends_opts(const kn_trends *l,
				       const kn_format_opts *o, kn_buf *out);

/* Appends "before: FROM to TO, after: FROM to TO" (no newline). */
KN_API void kn_format_diff_windows(const kn_diff_windows *w, kn_buf *out);

/* Counts per period ("trend").  JSON: one object per actor and period,
 * {"actor", "period", "start", "end", "winner", "loser"}, the actors in
 * the order asked for, each period in order; table and CSV: the same six
 * columns. */
KN_API kn_status kn_format_trends(const kn_trends *l, kn_out_format fmt,
				  kn_buf *out);

#ifdef __cplusplus
}
#endif
#endif
