/* The file names of maps in a folder ("-o DIR/", the report's maps/):
 * one naming for a signal's map wherever it is written.  Kept apart from
 * map_text.c because the report's naming (report_internal.h) and the
 * map's internals do not share one translation unit. */
#include "knockon/map.h"
#include "report_internal.h"

void kn_map_file_stem(kn_buf *b, const char *id)
{
	kn_buf stem = KN_BUF_INIT;

	kn_map_id_append(&stem, id);
	if (stem.len <= KN_MAP_STEM_MAX)
		kn_buf_append(b, stem.data ? stem.data : "", stem.len);
	else
		rpt_sig_anchor(b, id); /* too long: hashed, as the report names it */
	if (kn_buf_failed(&stem))
		b->failed = 1;
	kn_buf_release(&stem);
}
