/* Corpora made before derived ids were cut at a word boundary
 * (kn_legacy_id.h): a signal whose id is derived, and which the corpus
 * holds under the id the first rule derived, keeps that id, so that
 * ingesting its card again updates it instead of adding a second one. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#include "kn_legacy_id.h"

/* Whether the corpus holds id (*now) or only legacy (*old). */
static kn_status look_up(kn_store *st, const char *id, const char *legacy,
			 int *now, int *old, kn_error *err)
{
	static const char what[] = "cannot read the corpus";
	sqlite3_stmt *q;
	kn_status s = kn_store_stmt(st, "SELECT id = ?1 FROM signals WHERE id IN"
				    " (?1, ?2) ORDER BY 1 DESC LIMIT 1", what, &q, err);
	int rc;

	*now = *old = 0;
	if (s)
		return s;
	sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, legacy, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*(sqlite3_column_int(q, 0) ? now : old) = 1;
	else if (rc != SQLITE_DONE)
		s = kn_store_fail(st, err, what);
	kn_store_stmt_done(st, q);
	return s;
}

kn_status kn_store_legacy_id(kn_store *st, kn_signal *sig, kn_error *err)
{
	char *derived, *legacy = NULL;
	int now = 0, old = 0;
	kn_status s = KN_OK;

	/* a slug is never longer than its title: the rules agree below 81 */
	if (!sig->id || !sig->title || strlen(sig->title) <= 80)
		return KN_OK;
	derived = kn_signal_derive_id(sig->published, sig->title);
	if (derived && strcmp(derived, sig->id) == 0)
		legacy = kn_signal_legacy_id(sig->published, sig->title);
	if (!derived || (strcmp(derived, sig->id) == 0 && !legacy))
		s = kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	else if (legacy && strcmp(legacy, sig->id) != 0)
		s = look_up(st, sig->id, legacy, &now, &old, err);
	if (!s && old && !now) {
		free(sig->id);
		sig->id = legacy;
		legacy = NULL;
	}
	free(derived);
	free(legacy);
	return s;
}
