/* The scan of every effect (kn_links_scan_all, links_state.h): one pass
 * over the effects in the order of their key, with the card's links read
 * beside them, instead of three statements a signal.  The names are
 * matched on a second thread (kn_lk_match reads the dictionary only)
 * while this one reads effects and writes links: SQLite stays on this
 * thread, and the links of each batch are written in the order the
 * effects were read, so what is stored is what matching here would
 * store.  Memory is bounded: BATCHES batches of BATCH effects. */
#include "links_state.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define BATCHES 4
#define BATCH 64

enum { B_FREE, B_FULL, B_MATCHED, B_FAILED };

/* One effect: offsets in its batch's arena, ranges of its lists. */
typedef struct item {
	sqlite3_int64 sid;
	size_t eid, text;
	size_t card, n_cards; /* its card links' keys */
	size_t found, n_found; /* the names it links */
} item;

typedef struct batch {
	item *it;
	size_t n, cap;
	kn_buf arena; /* eids, texts and card keys, each NUL-terminated */
	size_t *card_off;
	size_t n_cards, cap_off;
	char **cards; /* card_off as pointers, once the arena is complete */
	size_t cap_cards;
	kn_found *found; /* borrowed from the dictionary and the arena */
	size_t n_found, cap_found;
	int state; /* set under mu when threaded */
} batch;

typedef struct scan_pipe {
	batch b[BATCHES];
	const kn_dict *dict;
	kn_lk_matcher m; /* the matching side's */
	int threaded, stop;
	pthread_mutex_t mu;
	pthread_cond_t cv;
} scan_pipe;

/* ---- the card links, read beside the effects ---- */

/* The first card link not yet given to an effect (copied: links are
 * written between two steps). */
typedef struct held {
	sqlite3_stmt *q;
	int rc; /* of the last step: SQLITE_ROW while a row is held */
	sqlite3_int64 sid;
	char *eid, *key;
} held;

static int held_next(held *h)
{
	free(h->eid);
	free(h->key);
	h->eid = h->key = NULL;
	if ((h->rc = sqlite3_step(h->q)) == SQLITE_DONE)
		return 0;
	if (h->rc != SQLITE_ROW)
		return -1;
	h->sid = sqlite3_column_int64(h->q, 0);
	h->eid = strdup((const char *)sqlite3_column_text(h->q, 1));
	h->key = strdup((const char *)sqlite3_column_text(h->q, 2));
	return h->eid && h->key ? 0 : -1;
}

/* <0, 0, >0 as the held link comes before, at or after effect (sid,
 * eid) (text compared as SQLite's BINARY collation does) */
static int held_cmp(const held *h, sqlite3_int64 sid, const char *eid)
{
	if (h->sid != sid)
		return h->sid < sid ? -1 : 1;
	return strcmp(h->eid, eid);
}

/* ---- filling a batch (this thread) ---- */

static size_t put_str(kn_buf *b, const char *s)
{
	size_t at = b->len;

	kn_buf_append(b, s, strlen(s) + 1);
	return at;
}

/* Adds effect (sid, eid) of text to b, with its card links' keys. */
static int add_effect(batch *b, held *h, sqlite3_int64 sid, const char *eid,
		      const char *text)
{
	item *t;

	if (KN_GROW(b->it, b->cap, b->n + 1))
		return -1;
	t = &b->it[b->n];
	t->sid = sid;
	t->eid = put_str(&b->arena, eid);
	t->text = put_str(&b->arena, text);
	t->card = b->n_cards;
	while (h->rc == SQLITE_ROW && held_cmp(h, sid, eid) < 0)
		if (held_next(h))
			return -1;
	while (h->rc == SQLITE_ROW && held_cmp(h, sid, eid) == 0) {
		if (KN_GROW(b->card_off, b->cap_off, b->n_cards + 1))
			return -1;
		b->card_off[b->n_cards++] = put_str(&b->arena, h->key);
		if (held_next(h))
			return -1;
	}
	t->n_cards = b->n_cards - t->card;
	b->n++;
	return kn_buf_failed(&b->arena) ? -1 : 0;
}

/* ---- matching a batch (the other thread, or this one) ---- */

static int match_batch(scan_pipe *p, batch *b)
{
	kn_lk_matcher *m = &p->m;
	size_t i;

	b->n_found = 0;
	for (i = 0; i < b->n; i++) {
		item *t = &b->it[i];
		const char *text = b->arena.data + t->text;

		if (kn_lk_match(m, p->dict, text, strlen(text), b->cards + t->card,
				t->n_cards) ||
		    KN_GROW(b->found, b->cap_found, b->n_found + m->found.n))
			return -1;
		t->found = b->n_found;
		t->n_found = m->found.n;
		if (m->found.n)
			memcpy(b->found + b->n_found, m->found.items,
			       m->found.n * sizeof *b->found);
		b->n_found += m->found.n;
	}
	return 0;
}

static void set_state(scan_pipe *p, batch *b, int state)
{
	if (!p->threaded) {
		b->state = state;
		return;
	}
	pthread_mutex_lock(&p->mu);
	b->state = state;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

static void *matcher(void *arg)
{
	scan_pipe *p = arg;
	size_t k;

	for (k = 0;; k++) {
		batch *b = &p->b[k % BATCHES];
		int go;

		pthread_mutex_lock(&p->mu);
		while (b->state != B_FULL && !p->stop)
			pthread_cond_wait(&p->cv, &p->mu);
		go = !p->stop;
		pthread_mutex_unlock(&p->mu);
		if (!go)
			break;
		set_state(p, b, match_batch(p, b) ? B_FAILED : B_MATCHED);
	}
	return NULL;
}

/* The batch is complete: it goes to be matched (here when not
 * threaded). */
static int publish(scan_pipe *p, batch *b)
{
	size_t i;

	if (KN_GROW(b->cards, b->cap_cards, b->n_cards + 1))
		return -1;
	for (i = 0; i < b->n_cards; i++)
		b->cards[i] = b->arena.data + b->card_off[i];
	if (!p->threaded)
		return match_batch(p, b) ? -1 : 0;
	set_state(p, b, B_FULL);
	return 0;
}

/* ---- writing a batch's links (this thread) ---- */

static int write_batch(kn_store *st, scan_pipe *p, batch *b)
{
	size_t i, j;
	int state;

	if (p->threaded) {
		pthread_mutex_lock(&p->mu);
		while (b->state == B_FULL)
			pthread_cond_wait(&p->cv, &p->mu);
		state = b->state;
		pthread_mutex_unlock(&p->mu);
		if (state != B_MATCHED)
			return -1;
	}
	for (i = 0; i < b->n; i++) {
		const item *t = &b->it[i];

		for (j = 0; j < t->n_found; j++)
			if (kn_lk_write_found(st, t->sid, b->arena.data + t->eid,
					      &b->found[t->found + j],
					      b->arena.data + t->text))
				return -1;
	}
	b->n = b->n_cards = b->n_found = 0;
	kn_buf_reset(&b->arena);
	set_state(p, b, B_FREE);
	return 0;
}

/* ---- the pass ---- */

/* Reads every effect into the batches, each written once matched, the
 * oldest first when all are taken.  0 on success. */
static int run(kn_store *st, scan_pipe *p, sqlite3_stmt *q, held *h)
{
	size_t filled = 0, written = 0;
	int rc;

	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		batch *b = &p->b[filled % BATCHES];

		if (add_effect(b, h, sqlite3_column_int64(q, 0),
			       (const char *)sqlite3_column_text(q, 1),
			       (const char *)sqlite3_column_text(q, 2)))
			return -1;
		if (b->n < BATCH)
			continue;
		if (publish(p, b))
			return -1;
		if (++filled - written == BATCHES &&
		    write_batch(st, p, &p->b[written++ % BATCHES]))
			return -1;
	}
	if (rc != SQLITE_DONE)
		return -1;
	if (p->b[filled % BATCHES].n && publish(p, &p->b[filled++ % BATCHES]))
		return -1;
	while (written < filled)
		if (write_batch(st, p, &p->b[written++ % BATCHES]))
			return -1;
	return 0;
}

static void pipe_release(scan_pipe *p)
{
	size_t i;

	for (i = 0; i < BATCHES; i++) {
		batch *b = &p->b[i];

		free(b->it);
		kn_buf_release(&b->arena);
		free(b->card_off);
		free(b->cards);
		free(b->found);
	}
	kn_lk_matcher_release(&p->m);
}

/* One thread matches unless KNOCKON_INGEST_THREADS=1 (as for ingest) or
 * none can be started. */
static int start(scan_pipe *p, pthread_t *t)
{
	const char *threads = getenv("KNOCKON_INGEST_THREADS");

	if (threads && strcmp(threads, "1") == 0)
		return 0;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	p->threaded = pthread_create(t, NULL, matcher, p) == 0;
	if (!p->threaded) {
		pthread_cond_destroy(&p->cv);
		pthread_mutex_destroy(&p->mu);
	}
	return p->threaded;
}

static void stop(scan_pipe *p, pthread_t t)
{
	if (!p->threaded)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	pthread_join(t, NULL);
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mu);
}

int kn_lk_scan_effects(kn_store *st, struct kn_link_state *L)
{
	/* signals joined: an effect of no signal is not scanned */
	static const char effects_sql[] =
		"SELECT e.sid, e.eid, e.text FROM signals s JOIN effects e"
		" ON e.sid = s.sid ORDER BY e.sid, e.eid";
	/* links are written behind this cursor, or ahead of it as
	 * detections, which it skips */
	static const char cards_sql[] =
		"SELECT sid, eid, key FROM effect_links WHERE provenance = 'card'"
		" ORDER BY sid, eid, key";
	sqlite3_stmt *q = NULL;
	scan_pipe *p = calloc(1, sizeof *p);
	pthread_t t;
	held h;
	int rc = -1;

	memset(&h, 0, sizeof h);
	if (!p)
		return -1;
	p->dict = L->dict;
	if ((h.q = kn_lk_prep(st, cards_sql)) && !held_next(&h) &&
	    (q = kn_lk_prep(st, effects_sql))) {
		start(p, &t);
		rc = run(st, p, q, &h);
		stop(p, t);
	}
	if (q)
		kn_store_stmt_done(st, q);
	if (h.q)
		kn_store_stmt_done(st, h.q);
	free(h.eid);
	free(h.key);
	pipe_release(p);
	free(p);
	return rc;
}
