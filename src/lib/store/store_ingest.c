/* Ingest: reading units from a kn_reader and storing them in batches. */
#include "store_internal.h"

#include <string.h>

#include "knockon/json.h"

#define KN_BATCH 1000

static void add_put(kn_ingest_stats *s, kn_put p)
{
	if (p == KN_PUT_ADDED)
		s->added++;
	else if (p == KN_PUT_UPDATED)
		s->updated++;
	else
		s->unchanged++;
	s->read++;
}

static void merge_stats(kn_ingest_stats *into, kn_ingest_stats *batch)
{
	into->read += batch->read;
	into->added += batch->added;
	into->updated += batch->updated;
	into->unchanged += batch->unchanged;
	into->rejected += batch->rejected;
	memset(batch, 0, sizeof *batch);
}

kn_status kn_store_ingest(kn_store *st, kn_reader *r, kn_ingest_stats *stats,
			  kn_reject_fn on_reject, kn_progress_fn on_progress,
			  void *ctx, kn_error *err)
{
	kn_ingest_stats batch;
	kn_signal sig;
	kn_error unit_err;
	kn_buf canonical = KN_BUF_INIT;
	kn_status rc = KN_OK, got;
	size_t in_batch = 0;

	memset(stats, 0, sizeof *stats);
	memset(&batch, 0, sizeof batch);
	kn_signal_init(&sig);
	while ((got = kn_reader_next(r, &sig, &unit_err)) != KN_DONE) {
		kn_put put;

		if (got == KN_ERR_NOMEM) {
			rc = kn_error_set(err, got, NULL, 0, 0, NULL, "out of memory");
			break;
		}
		if (got != KN_OK) {
			batch.rejected++;
			batch.read++;
			if (on_reject)
				on_reject(ctx, &unit_err);
			continue;
		}
		if (!kn_store_in_batch(st) && (rc = kn_store_begin(st, err)) != KN_OK)
			break;
		kn_buf_reset(&canonical);
		if (kn_signal_write_json(&sig, &canonical)) {
			rc = kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
					  "out of memory");
			break;
		}
		rc = kn_store_put_canonical(st, &sig, canonical.data, 0, &put, err);
		if (rc != KN_OK)
			break;
		add_put(&batch, put);
		if (++in_batch >= KN_BATCH) {
			if ((rc = kn_store_commit(st, err)) != KN_OK)
				break;
			in_batch = 0;
			merge_stats(stats, &batch);
			if (on_progress)
				on_progress(ctx, stats, r);
		}
	}
	kn_signal_release(&sig);
	kn_buf_release(&canonical);
	if (rc == KN_OK && kn_store_in_batch(st))
		rc = kn_store_commit(st, err);
	if (rc != KN_OK) {
		kn_store_rollback(st);
		stats->rejected += batch.rejected; /* rejected units stay rejected */
		stats->read += batch.rejected;
		return rc;
	}
	merge_stats(stats, &batch);
	if (on_progress)
		on_progress(ctx, stats, r);
	return KN_OK;
}
