/* knockon internal — the id rule signals were first derived by, for
 * corpora made with it.  Not part of the public API.
 *
 * kn_signal_derive_id cuts a long slug at the last '-' at or before 80
 * characters; the first rule cut at 80 even inside a word
 * ("…-atacama-brine-proje").  A corpus keeps the ids it was given, so the
 * ingest path (kn_store_legacy_id, store_legacy.c) looks a signal up under
 * its legacy id when its derived id is not in the corpus. */
#ifndef KN_LEGACY_ID_H
#define KN_LEGACY_ID_H

/* The id the first rule derived from published and title (heap, free() it;
 * NULL when out of memory).  It differs from kn_signal_derive_id's only
 * when the slug of title is longer than 80 characters. */
char *kn_signal_legacy_id(const char *published, const char *title);

#endif
