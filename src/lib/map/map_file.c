/* The file names of maps in a folder ("-o DIR/", the report's maps/):
 * one naming for a signal's map wherever it is written (kn_signal_anchor,
 * which the report uses for its anchors and maps/ too). */
#include "knockon/map.h"
#include "kn_text.h"

void kn_map_file_stem(kn_buf *b, const char *id)
{
	kn_buf stem = KN_BUF_INIT;

	kn_map_id_append(&stem, id);
	if (stem.len <= KN_MAP_STEM_MAX)
		kn_buf_append(b, stem.data ? stem.data : "", stem.len);
	else
		kn_signal_anchor(b, id); /* too long: hashed, as the report names it */
	if (kn_buf_failed(&stem))
		b->failed = 1;
	kn_buf_release(&stem);
}
