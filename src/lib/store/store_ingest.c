/* Ingest: reading units from a kn_reader and storing them in batches.
 *
 * Two threads: a reading thread parses and checks each unit and writes
 * its canonical JSON; the calling thread, the only one that touches
 * SQLite, stores them in order.  They meet in a ring of BLOCKS blocks of
 * BLOCK units (one lock per block, and memory bounded whatever the input
 * size).  Everything the caller sees -- rejects, skipped files, progress,
 * the counts, what is stored -- comes in input order from the calling
 * thread, as with one thread (KNOCKON_INGEST_THREADS=1, or when no
 * thread can be started). */
#include "store_internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "knockon/json.h"
#include "kn_reader.h"
#include "kn_text.h"
#include "links.h"
#include "schema.h"

/* A transaction stores up to KN_BATCH signals, fewer when their full-text
 * rows (held until COMMIT) reach KN_BATCH_BYTES: every COMMIT writes each
 * page the batch touched, and the index pages a random key touches are
 * touched again by the next batch, so larger batches write much less
 * (100,000 signals: 803,000 page writes at 1,000 a batch, 409,000 at
 * 5,000; docs/ingest.md). */
#define KN_BATCH 10000
#define KN_BATCH_BYTES ((size_t)32 << 20)
#define BLOCK 32
#define BLOCKS 8

typedef enum { IT_UNIT, IT_SKIP, IT_END } item_kind;

/* One thing the reading thread met, for the storing thread. */
typedef struct item {
	item_kind kind;
	kn_status status;  /* IT_UNIT: from kn_reader_next; IT_END: DONE or NOMEM */
	kn_signal sig;     /* status KN_OK */
	kn_buf canonical;  /* status KN_OK: its canonical JSON */
	int nomem;         /* writing it ran out of memory */
	char **keys;       /* status KN_OK: its actors' keys, some maybe NULL */
	size_t keys_cap;
	kn_error err;      /* an IT_UNIT rejected */
	char *path;        /* IT_SKIP: the skipped folder entry */
	kn_skip_reason why;
} item;

typedef struct block {
	item it[BLOCK];
	size_t n;
} block;

/* The ring: blocks[head .. head + count) (mod BLOCKS) are full, the one at
 * head being stored; the reading thread fills blocks[fill], which is
 * head + count (mod BLOCKS) but its own copy, read without the lock. */
typedef struct ring {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	block *blocks;
	size_t head, count;
	size_t fill; /* the reading thread's alone */
	int stop; /* the storing thread gave up: read no more */
	kn_reader *r;
	kn_reader_skip_fn skip_fn; /* the caller's skip hook */
	void *skip_ctx;
} ring;

/* What the storing side keeps between units. */
typedef struct ingest {
	kn_store *st;
	kn_reader *r;
	kn_ingest_stats *stats, batch;
	size_t in_batch;
	kn_reject_fn on_reject;
	kn_progress_fn on_progress;
	void *ctx;
	kn_error *err;
	kn_buf legacy; /* a canonical JSON written again under a legacy id */
} ingest;

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

/* Stores one unit (got: what kn_reader_next said of it); canonical is
 * NULL when writing it ran out of memory.  KN_OK, or the error that ends
 * the ingest. */
static kn_status take_unit(ingest *g, kn_status got, kn_signal *sig,
			   const kn_buf *canonical, char **keys,
			   const kn_error *unit_err)
{
	const char *id = sig->id;
	kn_status rc;
	kn_put put;

	if (got == KN_ERR_NOMEM || (got == KN_OK && !canonical))
		return kn_error_set(g->err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
				    "out of memory");
	if (got != KN_OK) {
		g->batch.rejected++;
		g->batch.read++;
		if (g->on_reject)
			g->on_reject(g->ctx, unit_err);
		return KN_OK;
	}
	if (!kn_store_in_batch(g->st) && (rc = kn_store_begin(g->st, g->err)))
		return rc;
	/* the id an old corpus knows it by (store_legacy.c): its canonical
	 * JSON, which names the id, is written again with it */
	if ((rc = kn_store_legacy_id(g->st, sig, g->err)) != KN_OK)
		return rc;
	if (sig->id != id) {
		kn_buf_reset(&g->legacy);
		if (kn_signal_write_json(sig, &g->legacy))
			return kn_error_set(g->err, KN_ERR_NOMEM, NULL, 0, 0,
					    NULL, "out of memory");
		canonical = &g->legacy;
	}
	rc = kn_store_put_canonical(g->st, sig, canonical, keys, 0, &put, g->err);
	if (rc != KN_OK)
		return rc;
	add_put(&g->batch, put);
	if (++g->in_batch < KN_BATCH &&
	    kn_store_batch_bytes(g->st) < KN_BATCH_BYTES)
		return KN_OK;
	if ((rc = kn_store_commit(g->st, g->err)) != KN_OK)
		return rc;
	g->in_batch = 0;
	merge_stats(g->stats, &g->batch);
	if (g->on_progress)
		g->on_progress(g->ctx, g->stats, g->r);
	return KN_OK;
}

/* One thread: read a unit, store it. */
static kn_status ingest_serial(ingest *g)
{
	kn_buf canonical = KN_BUF_INIT;
	kn_signal sig;
	kn_error unit_err;
	kn_status rc = KN_OK, got;

	kn_signal_init(&sig);
	while (rc == KN_OK &&
	       (got = kn_reader_next(g->r, &sig, &unit_err)) != KN_DONE) {
		kn_buf_reset(&canonical);
		if (got == KN_OK && kn_signal_write_json(&sig, &canonical))
			rc = take_unit(g, got, &sig, NULL, NULL, &unit_err);
		else
			rc = take_unit(g, got, &sig, &canonical, NULL, &unit_err);
	}
	kn_signal_release(&sig);
	kn_buf_release(&canonical);
	return rc;
}

/* The reading thread's next free item, in the block it fills; a full
 * block goes to the storing thread first.  NULL when told to stop. */
static item *next_slot(ring *q)
{
	block *b = &q->blocks[q->fill];
	int stop;

	if (b->n < BLOCK)
		return &b->it[b->n++];
	pthread_mutex_lock(&q->mu);
	q->count++;
	q->fill = (q->fill + 1) % BLOCKS;
	pthread_cond_signal(&q->cv);
	while (q->count == BLOCKS && !q->stop)
		pthread_cond_wait(&q->cv, &q->mu);
	stop = q->stop;
	pthread_mutex_unlock(&q->mu);
	if (stop)
		return NULL;
	b = &q->blocks[q->fill]; /* stored and emptied (n 0) by now */
	b->n = 1;
	return &b->it[0];
}

/* Hands the block being filled to the storing thread, full or not. */
static void push_block(ring *q)
{
	pthread_mutex_lock(&q->mu);
	q->count++;
	pthread_cond_signal(&q->cv);
	pthread_mutex_unlock(&q->mu);
}

/* The actor keys of it->sig, made here so that the storing thread need
 * not (a key it lacks, it makes itself). */
static void make_keys(item *it)
{
	size_t n = kn_signal_n_actors(&it->sig), j;

	if (KN_GROW(it->keys, it->keys_cap, n + 1))
		return;
	for (j = 0; j < n; j++)
		it->keys[j] = kn_actor_key(kn_signal_actor(&it->sig, j, NULL)->name);
}

/* Frees the keys of it the storing thread did not take. */
static void free_keys(item *it)
{
	size_t n = kn_signal_n_actors(&it->sig), j;

	for (j = 0; it->keys && j < n; j++) {
		free(it->keys[j]);
		it->keys[j] = NULL;
	}
}

/* Empties a slot the storing thread is done with: what it read is freed
 * here, on the reading thread, which allocated it. */
static void clear_item(item *it)
{
	if (it->kind == IT_UNIT && it->status == KN_OK)
		free_keys(it);
	kn_signal_release(&it->sig);
	free(it->path);
	it->path = NULL;
	it->kind = IT_UNIT;
	it->status = KN_DONE;
}

/* The reader's skip hook on the reading thread: queued, so the caller's
 * hook runs on the storing thread in input order. */
static void forward_skip(void *ctx, const char *path, kn_skip_reason why)
{
	ring *q = ctx;
	item *it;
	char *copy;

	if (!q->skip_fn || !(copy = strdup(path)))
		return; /* out of memory: the entry is still counted */
	if (!(it = next_slot(q))) {
		free(copy);
		return;
	}
	clear_item(it);
	it->kind = IT_SKIP;
	it->path = copy;
	it->why = why;
}

static void *read_units(void *arg)
{
	ring *q = arg;
	kn_signal sig;
	kn_error e;
	kn_status got;
	item *it;

	kn_signal_init(&sig);
	do {
		got = kn_reader_next(q->r, &sig, &e); /* may queue skips */
		if (!(it = next_slot(q)))
			break;
		clear_item(it);
		it->kind = got == KN_DONE || got == KN_ERR_NOMEM ? IT_END : IT_UNIT;
		it->status = got;
		it->nomem = 0;
		kn_buf_reset(&it->canonical);
		if (got == KN_OK) {
			it->sig = sig;
			kn_signal_init(&sig);
			if (kn_signal_write_json(&it->sig, &it->canonical)) {
				kn_buf_release(&it->canonical);
				it->nomem = 1;
			}
			make_keys(it);
		} else if (it->kind == IT_UNIT) {
			it->err = e;
		}
	} while (it->kind != IT_END);
	kn_signal_release(&sig);
	if (it)
		push_block(q);
	return NULL;
}

/* Stores the units of one block; *end set at IT_END. */
static kn_status store_block(ingest *g, ring *q, block *b, int *end)
{
	kn_status rc = KN_OK;
	size_t i;

	for (i = 0; i < b->n && rc == KN_OK && !*end; i++) {
		item *it = &b->it[i];

		if (it->kind == IT_SKIP) {
			q->skip_fn(q->skip_ctx, it->path, it->why);
			continue;
		}
		if (it->kind == IT_END && it->status == KN_DONE) {
			*end = 1;
			continue;
		}
		rc = take_unit(g, it->status, &it->sig,
			       it->nomem ? NULL : &it->canonical,
			       it->status == KN_OK ? it->keys : NULL, &it->err);
	} /* the reading thread frees the items when it fills them again */
	return rc;
}

/* Frees everything the items of b hold (at the end: every slot, as
 * slots past b->n may still hold what an earlier round left). */
static void drop_block(block *b)
{
	size_t i;

	for (i = 0; i < BLOCK; i++) {
		clear_item(&b->it[i]);
		kn_buf_release(&b->it[i].canonical);
		free(b->it[i].keys);
	}
	b->n = 0;
}

static kn_status store_units(ingest *g, ring *q)
{
	kn_status rc = KN_OK;
	int end = 0;

	while (rc == KN_OK && !end) {
		block *b;

		pthread_mutex_lock(&q->mu);
		while (q->count == 0)
			pthread_cond_wait(&q->cv, &q->mu);
		pthread_mutex_unlock(&q->mu);
		b = &q->blocks[q->head];
		rc = store_block(g, q, b, &end);
		if (rc != KN_OK || end)
			break;
		pthread_mutex_lock(&q->mu);
		q->head = (q->head + 1) % BLOCKS;
		q->count--;
		pthread_cond_signal(&q->cv);
		pthread_mutex_unlock(&q->mu);
	}
	pthread_mutex_lock(&q->mu);
	q->stop = 1;
	pthread_cond_signal(&q->cv);
	pthread_mutex_unlock(&q->mu);
	return rc;
}

/* Two threads; -1 when the reading thread cannot be started (nothing has
 * been read then). */
static int ingest_threaded(ingest *g, kn_status *rc)
{
	ring q;
	pthread_t reader;
	size_t i;
	int started;

	memset(&q, 0, sizeof q);
	q.r = g->r;
	if (!(q.blocks = calloc(BLOCKS, sizeof *q.blocks)))
		return -1;
	for (i = 0; i < BLOCKS * BLOCK; i++) {
		kn_signal_init(&q.blocks[i / BLOCK].it[i % BLOCK].sig);
		q.blocks[i / BLOCK].it[i % BLOCK].status = KN_DONE;
	}
	pthread_mutex_init(&q.mu, NULL);
	pthread_cond_init(&q.cv, NULL);
	kn_reader_skip_hook(g->r, &q.skip_fn, &q.skip_ctx);
	kn_reader_on_skip(g->r, forward_skip, &q);
	started = pthread_create(&reader, NULL, read_units, &q) == 0;
	if (started) {
		*rc = store_units(g, &q);
		pthread_join(reader, NULL);
	}
	kn_reader_on_skip(g->r, q.skip_fn, q.skip_ctx);
	for (i = 0; i < BLOCKS; i++)
		drop_block(&q.blocks[i]);
	free(q.blocks);
	pthread_cond_destroy(&q.cv);
	pthread_mutex_destroy(&q.mu);
	return started ? 0 : -1;
}

/* Every effect scanned for the names the corpus knows, in a transaction
 * of its own (what 'knockon links --detect' does). */
static kn_status scan_effects(kn_store *st, kn_error *err)
{
	kn_status rc = kn_store_begin(st, err);

	if (rc == KN_OK && (rc = kn_links_scan_all(st, err)) != KN_OK)
		kn_store_rollback(st);
	else if (rc == KN_OK)
		rc = kn_store_commit(st, err);
	return rc;
}

/* What a bulk load leaves to its end (this one's, or one cut short
 * before, whose late indexes are still missing): the card links' index
 * (the scan reads the names there), the scan of every effect, then the
 * other indexes (the scan writes links into them).  This load's scan runs
 * even when a 'check --repair' between its batches built the indexes.  A
 * failure leaves the rest missing, for the next ingest. */
static kn_status finish_late(kn_store *st, int detect, int bulk, kn_error *err)
{
	kn_status rc;

	if (!bulk && kn_schema_late_indexes_missing(kn_store_db(st)) != 1)
		return KN_OK;
	if ((rc = kn_store_late_indexes(st, 0, KN_LATE_BEFORE_SCAN, err)) != KN_OK ||
	    (detect && (rc = scan_effects(st, err)) != KN_OK))
		return rc;
	return kn_store_late_indexes(st, 0, KN_LATE_AFTER_SCAN, err);
}

/* After the load: on a failure, what the last batch began is rolled
 * back; then the late indexes and the detection of a bulk load. */
static kn_status finish(ingest *g, kn_status rc, int detect, int bulk)
{
	kn_store *st = g->st;

	if (rc == KN_OK && kn_store_in_batch(st))
		rc = kn_store_commit(st, g->err);
	if (rc != KN_OK) {
		kn_store_rollback(st);
		/* the batches already committed get their indexes and their
		 * detections now, as a whole load's would */
		if (!kn_store_in_batch(st))
			finish_late(st, detect, bulk, NULL);
		g->stats->rejected += g->batch.rejected; /* rejected units stay rejected */
		g->stats->read += g->batch.rejected;
		return rc;
	}
	merge_stats(g->stats, &g->batch);
	return finish_late(st, detect, bulk, g->err);
}

kn_status kn_store_ingest(kn_store *st, kn_reader *r, kn_ingest_stats *stats,
			  kn_reject_fn on_reject, kn_progress_fn on_progress,
			  void *ctx, kn_error *err)
{
	ingest g;
	const char *threads = getenv("KNOCKON_INGEST_THREADS");
	kn_status rc = KN_OK;
	int detect, bulk, journal = 0;

	memset(&g, 0, sizeof g);
	g.st = st;
	g.r = r;
	g.stats = stats;
	g.on_reject = on_reject;
	g.on_progress = on_progress;
	g.ctx = ctx;
	g.err = err;
	memset(stats, 0, sizeof *stats);
	/* into an empty corpus, the secondary indexes are built after the
	 * rows, and the effects scanned for names once, at the end, with
	 * every name the load brings (instead of a full-text query per name
	 * new to the corpus); a load cut short leaves both to the next
	 * ingest.  It is written with a rollback journal, WAL again at the
	 * end (store_internal.h) */
	detect = kn_links_detecting(st);
	bulk = !kn_store_in_batch(st) && kn_store_is_empty(st) == 1;
	if (bulk && !getenv("KNOCKON_LOAD_WAL"))
		journal = kn_corpus_load_journal(kn_store_db(st));
	if (bulk && (rc = kn_store_late_indexes(st, 1, 0, err)) != KN_OK)
		goto out;
	if (bulk && detect)
		kn_sqlite_set_detect(st, 0);
	if ((threads && strcmp(threads, "1") == 0) || ingest_threaded(&g, &rc))
		rc = ingest_serial(&g);
	if (bulk && detect)
		kn_sqlite_set_detect(st, 1);
	kn_buf_release(&g.legacy);
	rc = finish(&g, rc, detect, bulk);
	if (rc == KN_OK && on_progress)
		on_progress(ctx, stats, r);
out:
	if (journal)
		kn_corpus_wal_again(kn_store_db(st));
	return rc;
}
