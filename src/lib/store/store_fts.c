/* The full-text rows of signals_fts: what text each column holds for a
 * signal (kn_fts_text, the one definition ingest and migrations share),
 * and the rows a transaction queues until its COMMIT.
 *
 * Why a queue: FTS5 flushes its pending terms to a new segment at every
 * savepoint once it has been written in a transaction, and a statement
 * journal counts as one; rows written signal by signal cost a segment
 * each, rows written together just before COMMIT one flush a batch.  The
 * texts live in one arena. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

/* Appends text to b after a newline unless it is the first part since
 * start; NULL texts are skipped. */
static void put_part(kn_buf *b, size_t start, const char *text)
{
	if (!text)
		return;
	if (b->len > start)
		kn_buf_putc(b, '\n');
	kn_buf_puts(b, text);
}

int kn_fts_text(const kn_signal *g, kn_buf *b, size_t off[KN_FTS_COLUMNS],
		unsigned *has)
{
	const char *why[] = { g->why_now, g->why_important, g->why_changes };
	size_t i;

	*has = (g->title ? 1u : 0) | (g->summary ? 2u : 0) | 4u | 8u | 16u;
	off[0] = b->len;
	put_part(b, b->len, g->title);
	kn_buf_append(b, "", 1);
	off[1] = b->len;
	put_part(b, b->len, g->summary);
	kn_buf_append(b, "", 1);
	off[2] = b->len;
	for (i = 0; i < 3; i++)
		put_part(b, off[2], why[i]);
	kn_buf_append(b, "", 1);
	off[3] = b->len;
	for (i = 0; i < g->n_effects; i++)
		put_part(b, off[3], g->effects[i].text);
	kn_buf_append(b, "", 1);
	off[4] = b->len;
	for (i = 0; i < kn_signal_n_actors(g); i++) {
		const kn_actor_ref *a = kn_signal_actor(g, i, NULL);

		put_part(b, off[4], a->name);
		put_part(b, off[4], a->note);
	}
	kn_buf_append(b, "", 1);
	return kn_buf_failed(b) ? -1 : 0;
}

int kn_fts_queue_add(kn_fts_queue *q, const kn_signal *g, sqlite3_int64 sid,
		     int replace)
{
	kn_fts_row *f;

	if (KN_GROW(q->rows, q->cap, q->n + 1))
		return -1;
	f = &q->rows[q->n];
	f->sid = sid;
	f->replace = replace;
	if (kn_fts_text(g, &q->text, f->off, &f->has))
		return -1;
	q->n++;
	return 0;
}

size_t kn_fts_queue_bytes(const kn_fts_queue *q)
{
	return q->text.len + q->n * sizeof *q->rows;
}

void kn_fts_queue_forget(kn_fts_queue *q)
{
	q->n = 0;
	kn_buf_reset(&q->text);
}

void kn_fts_queue_release(kn_fts_queue *q)
{
	sqlite3_finalize(q->del);
	sqlite3_finalize(q->ins);
	free(q->rows);
	kn_buf_release(&q->text);
	memset(q, 0, sizeof *q);
}

static int step(sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int prepare(sqlite3 *db, const char *sql, sqlite3_stmt **s)
{
	return *s ? 0 : sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT,
					   s, NULL) == SQLITE_OK ? 0 : -1;
}

int kn_fts_queue_flush(kn_fts_queue *q, sqlite3 *db)
{
	size_t i;
	int k, rc = 0;

	if (prepare(db, "DELETE FROM signals_fts WHERE rowid = ?1", &q->del) ||
	    prepare(db, "INSERT INTO signals_fts (rowid, title, summary, why,"
		    " effects, actors) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &q->ins))
		return -1;
	for (i = 0; i < q->n && !rc; i++) {
		const kn_fts_row *f = &q->rows[i];

		if (f->replace) {
			sqlite3_bind_int64(q->del, 1, f->sid);
			if (step(q->del))
				rc = -1;
		}
		sqlite3_bind_int64(q->ins, 1, f->sid);
		for (k = 0; k < KN_FTS_COLUMNS; k++)
			if (f->has & (1u << k))
				sqlite3_bind_text(q->ins, k + 2, q->text.data + f->off[k],
						  -1, SQLITE_STATIC);
			else
				sqlite3_bind_null(q->ins, k + 2);
		if (!rc && step(q->ins))
			rc = -1;
	}
	sqlite3_clear_bindings(q->ins);
	kn_fts_queue_forget(q);
	return rc;
}
