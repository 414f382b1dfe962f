/* Paths (knockon/converge.h, docs/ripple.md): chains from a signal or an
 * actor to an actor, card by card.
 *
 * The search is a shortest-path search over two kinds of global nodes,
 * cards and actors, with small whole-number edge lengths: actor -> card
 * is one edge (to the card's signal), card -> actor is the length of the
 * card's own chain from its signal to the actor (1 for a winner or loser,
 * 1 + the effects on the way for an effect's actor), found by a
 * breadth-first walk inside the card.  Nodes wait in one bucket per
 * distance; each card and each actor is expanded once, so the work is
 * bounded by the cards and actors within reach, whatever the corpus. */
#include "knockon/converge.h"

#include <stdlib.h>
#include <string.h>

#include "keymap.h"
#include "kn_actor.h"
#include "kn_grow.h"
#include "kn_storage.h"
#include "path_internal.h"

#define MAX_HOPS_CAP 64

void kn_path_opts_init(kn_path_opts *o)
{
	memset(o, 0, sizeof *o);
	o->max_hops = 8;
	o->limit = 5;
	kn_filter_init(&o->filter);
}

void kn_paths_init(kn_paths *p)
{
	memset(p, 0, sizeof *p);
}

void kn_path_free_hops(kn_path *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		free(p->hops[i].id);
		free(p->hops[i].signal);
	}
	free(p->hops);
	memset(p, 0, sizeof *p);
}

void kn_paths_release(kn_paths *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->n; i++)
		kn_path_free_hops(&p->items[i]);
	free(p->items);
	kn_paths_init(p);
}

static char *dup(const char *s)
{
	return s ? strdup(s) : NULL;
}

int kn_path_push(kn_path *p, kn_hop_kind kind, const char *id,
		 const char *signal)
{
	kn_hop *h;

	if (KN_GROW(p->hops, p->cap, p->n + 1))
		return -1;
	h = &p->hops[p->n++];
	h->kind = kind;
	h->id = dup(id);
	h->signal = dup(signal);
	return h->id && (h->signal || !signal) ? 0 : -1;
}

static int meet(kn_psearch *s, size_t i);

/* ---- the global nodes ---- */

static int push_entry(kn_psearch *s, int card, size_t idx, int dist)
{
	kn_bucket *b = &s->buckets[dist];

	if (KN_GROW(b->items, b->cap, b->n + 1))
		return -1;
	b->items[b->n].card = card;
	b->items[b->n].idx = idx;
	b->items[b->n].dist = dist;
	b->n++;
	return 0;
}

/* The actor node of key (added, with name, when new); KN_NO_INDEX when
 * out of memory. */
size_t kn_psearch_actor(kn_psearch *s, const char *key, const char *name)
{
	size_t i = kn_strmap_get(&s->actor_index, key);
	kn_anode *a;

	if (i != KN_NO_INDEX)
		return i;
	if (KN_GROW(s->actors, s->cap_actors, s->n_actors + 1) ||
	    kn_strmap_put(&s->actor_index, key, s->n_actors))
		return KN_NO_INDEX;
	a = &s->actors[s->n_actors];
	memset(a, 0, sizeof *a);
	a->dist = -1;
	a->pcard = KN_NO_INDEX;
	a->key = strdup(key);
	a->name = strdup(name ? name : key);
	if (!a->key || !a->name)
		return KN_NO_INDEX;
	return s->n_actors++;
}

/* Reaches actor i at distance dist from card c through the effects
 * eids[0..n) of its chain; a shorter way replaces the one kept. */
int kn_psearch_reach_actor(kn_psearch *s, size_t i, int dist, size_t c,
			  char *const *eids, size_t n)
{
	kn_anode *a = &s->actors[i];
	size_t k;

	if (a->expanded || (a->dist >= 0 && a->dist <= dist) ||
	    dist + 2 > s->max_hops)
		return 0;
	for (k = 0; k < a->n_peids; k++)
		free(a->peids[k]);
	free(a->peids);
	a->peids = NULL;
	a->n_peids = 0;
	if (n && !(a->peids = calloc(n, sizeof *a->peids)))
		return -1;
	for (k = 0; k < n; k++)
		if (!(a->peids[a->n_peids++] = strdup(eids[k])))
			return -1;
	a->dist = dist;
	a->pcard = c;
	/* the chains through the target's cards are known at once, so that
	 * a bucket before this actor's can stop early */
	return meet(s, i) ? -1 : push_entry(s, 0, i, dist);
}

static size_t add_card(kn_psearch *s, kn_row sid, const char *id, int dist,
		       size_t pactor)
{
	kn_cnode *c;

	if (KN_GROW(s->cards, s->cap_cards, s->n_cards + 1) ||
	    kn_rowmap_put(&s->card_index, sid, s->n_cards))
		return KN_NO_INDEX;
	c = &s->cards[s->n_cards];
	memset(c, 0, sizeof *c);
	c->sid = sid;
	c->dist = dist;
	c->pactor = pactor;
	if (!(c->id = strdup(id)) || push_entry(s, 1, s->n_cards, dist))
		return KN_NO_INDEX;
	return s->n_cards++;
}

typedef struct card_ctx {
	kn_psearch *s;
	size_t from; /* the actor expanded */
	int failed;
} card_ctx;

static int on_card(void *ctx, kn_row sid, const char *id)
{
	card_ctx *c = ctx;
	kn_psearch *s = c->s;

	if (kn_rowmap_get(&s->card_index, sid) != KN_NO_INDEX)
		return 0; /* first reached by a way as short or shorter */
	if (add_card(s, sid, id, s->actors[c->from].dist + 1, c->from) ==
	    KN_NO_INDEX) {
		c->failed = 1;
		return 1;
	}
	return 0;
}

/* The cards naming actor i that the chains have not reached yet. */
static kn_status expand_actor(kn_psearch *s, size_t i, kn_error *err)
{
	card_ctx c;
	kn_status st;

	s->actors[i].expanded = 1;
	if (s->actors[i].dist + 2 > s->max_hops)
		return KN_OK;
	c.s = s;
	c.from = i;
	c.failed = 0;
	st = kn_storage(s->st)->actor_cards(s->st, s->actors[i].key, &s->filter,
					     on_card, &c, err);
	if (!st && c.failed)
		st = kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	return st;
}

/* ---- chains ---- */

static int chain_to_actor(const kn_psearch *s, size_t i, kn_path *out);

/* Appends the chain from the start to card c's signal. */
static int chain_to_card(const kn_psearch *s, size_t c, kn_path *out)
{
	const kn_cnode *n = &s->cards[c];

	if (n->pactor != KN_NO_INDEX && chain_to_actor(s, n->pactor, out))
		return -1;
	return kn_path_push(out, KN_HOP_SIGNAL, n->id, n->id);
}

/* Appends the chain from the start to actor i (ids are keys until
 * kn_psearch_name_hops). */
static int chain_to_actor(const kn_psearch *s, size_t i, kn_path *out)
{
	const kn_anode *a = &s->actors[i];
	const char *card;
	size_t k;

	if (a->pcard == KN_NO_INDEX)
		return kn_path_push(out, KN_HOP_ACTOR, a->key, NULL);
	card = s->cards[a->pcard].id;
	if (chain_to_card(s, a->pcard, out))
		return -1;
	for (k = 0; k < a->n_peids; k++)
		if (kn_path_push(out, KN_HOP_EFFECT, a->peids[k], card))
			return -1;
	return kn_path_push(out, KN_HOP_ACTOR, a->key, card);
}

static int same_chain(const kn_path *a, const kn_path *b)
{
	size_t i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (a->hops[i].kind != b->hops[i].kind ||
		    strcmp(a->hops[i].id, b->hops[i].id) != 0)
			return 0;
	return 1;
}

int kn_psearch_keep(kn_psearch *s, kn_path *p)
{
	kn_paths *r = &s->found;
	size_t at, k;

	for (k = 0; k < r->n; k++)
		if (same_chain(&r->items[k], p)) {
			kn_path_free_hops(p);
			return 0;
		}
	for (at = r->n; at > 0 && r->items[at - 1].n > p->n; at--)
		;
	if (at >= s->limit || p->n - 1 > (size_t)s->max_hops) {
		kn_path_free_hops(p);
		return 0;
	}
	if (r->n == s->limit)
		kn_path_free_hops(&r->items[--r->n]);
	if (KN_GROW(r->items, r->cap, r->n + 1)) {
		kn_path_free_hops(p);
		return -1;
	}
	memmove(&r->items[at + 1], &r->items[at], (r->n - at) * sizeof *r->items);
	r->items[at] = *p;
	r->n++;
	return 0;
}

/* A chain ending in the target through card c and its effects eids: kept
 * among the limit shortest (stable: earlier finds first at equal
 * length). */
int kn_psearch_found(kn_psearch *s, size_t c, char *const *eids, size_t n)
{
	kn_path p = { NULL, 0, 0 };
	size_t k;

	if (chain_to_card(s, c, &p))
		goto oom;
	for (k = 0; k < n; k++)
		if (kn_path_push(&p, KN_HOP_EFFECT, eids[k], s->cards[c].id))
			goto oom;
	if (kn_path_push(&p, KN_HOP_ACTOR, s->actors[s->target].key,
			 s->cards[c].id))
		goto oom;
	return kn_psearch_keep(s, &p);
oom:
	kn_path_free_hops(&p);
	return -1;
}

/* The chains through the target cards that name actor i, reached at
 * dist: actor -> that card's signal -> its chain into the target. */
static int meet(kn_psearch *s, size_t i)
{
	size_t m = kn_strmap_get(&s->meet_index, s->actors[i].key), c, k;

	for (; m != KN_NO_INDEX && m < s->n_meets &&
	       strcmp(s->meets[m].key, s->actors[i].key) == 0; m++) {
		const kn_tcard *t = &s->tcards[s->meets[m].tcard];
		size_t seen = kn_rowmap_get(&s->card_index, t->sid);

		if (seen != KN_NO_INDEX && s->cards[seen].dist <= s->actors[i].dist)
			continue; /* entered already: its own chains are found */
		for (c = 0; c < t->n_chains; c++) {
			kn_path p = { NULL, 0, 0 };
			int bad = chain_to_actor(s, i, &p) ||
				  kn_path_push(&p, KN_HOP_SIGNAL, t->id, t->id);

			for (k = 0; !bad && k < t->chains[c].n; k++)
				bad = kn_path_push(&p, KN_HOP_EFFECT,
						   t->chains[c].hops[k].id, t->id);
			if (bad || kn_path_push(&p, KN_HOP_ACTOR,
						s->actors[s->target].key, t->id) ||
			    kn_psearch_keep(s, &p)) {
				kn_path_free_hops(&p);
				return -1;
			}
		}
	}
	return 0;
}

/* ---- the search ---- */

/* 1 when the chains found can no longer change: limit of them, none
 * longer than the shortest chain still to come (dist + 1). */
static int done(const kn_psearch *s, int dist)
{
	const kn_paths *r = &s->found;

	return r->n == s->limit && r->items[r->n - 1].n - 1 <= (size_t)dist + 1;
}

/* 1 when the chains kept can no longer change by chains of length len
 * or more: limit of them, none longer than len. */
static int full(const kn_psearch *s, size_t len)
{
	const kn_paths *r = &s->found;

	return r->n == s->limit && r->items[r->n - 1].n - 1 <= len;
}

static int live_actor(const kn_psearch *s, const kn_qent *e, int d)
{
	return !e->card && !s->actors[e->idx].expanded &&
	       s->actors[e->idx].dist == d && e->idx != s->target;
}

/* Bucket d in two passes: the cards (chains of d + 1 edges or more),
 * then the actors (d + 2 or more; their chains through the target's
 * cards were kept when they were reached), each pass only while it can
 * still change the chains kept: an actor named by most of the corpus is
 * never expanded once shorter chains are known. */
static kn_status run_bucket(kn_psearch *s, int d, kn_error *err)
{
	kn_bucket *b = &s->buckets[d];
	kn_status st = KN_OK;
	size_t k;

	for (k = 0; !st && k < b->n && !full(s, (size_t)d + 1); k++) {
		const kn_cnode *c = &s->cards[b->items[k].idx];

		/* a card not naming the target gives chains of d + 3 or more */
		if (!b->items[k].card || c->expanded ||
		    (s->prescanned && full(s, (size_t)d + 3) &&
		     kn_rowmap_get(&s->tcard_index, c->sid) == KN_NO_INDEX))
			continue;
		st = kn_psearch_expand_card(s, b->items[k].idx, err);
	}
	/* with every target card known, the chains from an actor through one
	 * are its meets: entering its cards gives d + 4 edges or more */
	for (k = 0; !st && k < b->n && !full(s, (size_t)d + (s->prescanned ? 4 : 2));
	     k++)
		if (live_actor(s, &b->items[k], d))
			st = expand_actor(s, b->items[k].idx, err);
	return st;
}

kn_status kn_psearch_run(kn_psearch *s, kn_error *err)
{
	kn_status st = KN_OK;
	int d;

	for (d = 0; !st && d <= s->max_hops && !done(s, d); d++)
		st = run_bucket(s, d, err);
	if (st == KN_ERR_NOMEM)
		kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	return st;
}

void kn_psearch_release(kn_psearch *s)
{
	size_t i, k;
	int d;

	for (i = 0; i < s->n_actors; i++) {
		free(s->actors[i].key);
		free(s->actors[i].name);
		for (k = 0; k < s->actors[i].n_peids; k++)
			free(s->actors[i].peids[k]);
		free(s->actors[i].peids);
	}
	for (i = 0; i < s->n_cards; i++)
		free(s->cards[i].id);
	for (d = 0; s->buckets && d <= s->max_hops; d++)
		free(s->buckets[d].items);
	free(s->buckets);
	free(s->actors);
	free(s->cards);
	kn_strmap_release(&s->actor_index);
	kn_rowmap_release(&s->card_index);
	kn_paths_release(&s->found);
	for (i = 0; i < s->n_tcards; i++) {
		free(s->tcards[i].id);
		for (k = 0; k < s->tcards[i].n_chains; k++)
			kn_path_free_hops(&s->tcards[i].chains[k]);
		free(s->tcards[i].chains);
		for (k = 0; k < s->tcards[i].n_actors; k++)
			free(s->tcards[i].actors[k]);
		free(s->tcards[i].actors);
	}
	free(s->tcards);
	free(s->meets);
	kn_strmap_release(&s->meet_index);
	kn_rowmap_release(&s->tcard_index);
}

kn_status kn_psearch_init(kn_psearch *s, kn_store *st, const kn_path_opts *o,
			 kn_error *err)
{
	memset(s, 0, sizeof *s);
	if (o->max_hops < 1 || o->max_hops > MAX_HOPS_CAP)
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, "max-hops",
				    "--max-hops takes a whole number from 1 to %d",
				    MAX_HOPS_CAP);
	if (o->limit < 1)
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, "limit",
				    "--limit takes a whole number of at least 1");
	s->st = st;
	s->max_hops = o->max_hops;
	s->limit = o->limit;
	s->filter = o->filter;
	s->filter.limit = 0;
	s->target = KN_NO_INDEX;
	if (!(s->buckets = calloc((size_t)o->max_hops + 1, sizeof *s->buckets)))
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	return kn_filter_check(&o->filter, err);
}

/* Starts the search at signal sid (id) or actor node a. */
int kn_psearch_start(kn_psearch *s, kn_row sid, const char *id, size_t a)
{
	if (sid)
		return add_card(s, sid, id, 0, KN_NO_INDEX) == KN_NO_INDEX ? -1 : 0;
	s->actors[a].dist = 0;
	return meet(s, a) ? -1 : push_entry(s, 0, a, 0);
}
