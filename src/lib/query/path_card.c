/* Paths, continued (path_internal.h): the breadth-first walk inside one
 * card, and kn_path_query, which finds its ends and names the hops. */
#include "path_internal.h"

#include <stdlib.h>
#include <string.h>

#include "kn_actor.h"
#include "kn_grow.h"

/* One of the card's own links: from local node `from` (0 the signal,
 * then the effects) to local effect `to`, or to the actor key. */
typedef struct ledge {
	size_t from, to;
	char *key, *name; /* an actor's; NULL for an effect */
} ledge;

typedef struct card {
	kn_strmap eidx;  /* effect id -> local node */
	char **eids;     /* eids[i] of local node i (eids[0] NULL) */
	size_t n, cap;
	ledge *e;
	size_t n_e, cap_e;
	int failed;
} card;

/* The local node of effect eid (added when new); 0 on failure. */
static size_t local(card *c, const char *eid)
{
	size_t i = kn_strmap_get(&c->eidx, eid);

	if (i != KN_NO_INDEX)
		return i;
	if (KN_GROW(c->eids, c->cap, c->n + 1) ||
	    kn_strmap_put(&c->eidx, eid, c->n) || !(c->eids[c->n] = strdup(eid)))
		return 0;
	return c->n++;
}

static int on_edge(void *ctx, int kind, const char *from, const char *to,
		   const char *name)
{
	card *c = ctx;
	ledge *x;

	if (!to || KN_GROW(c->e, c->cap_e, c->n_e + 1))
		goto fail;
	x = &c->e[c->n_e];
	memset(x, 0, sizeof *x);
	x->from = from ? local(c, from) : 0;
	if ((from && !x->from))
		goto fail;
	if (kind == KN_EDGE_CAUSE) {
		if (!(x->to = local(c, to)))
			goto fail;
	} else if (!(x->key = strdup(to)) || !(x->name = strdup(name ? name : to))) {
		free(x->key);
		goto fail;
	}
	c->n_e++;
	return 0;
fail:
	c->failed = 1;
	return 1;
}

static void card_release(card *c)
{
	size_t i;

	for (i = 1; i < c->n; i++)
		free(c->eids[i]);
	for (i = 0; i < c->n_e; i++) {
		free(c->e[i].key);
		free(c->e[i].name);
	}
	free(c->eids);
	free(c->e);
	kn_strmap_release(&c->eidx);
}

/* The walk's state: the edges grouped by node (first[u]..first[u+1] in
 * order[]), each node's distance and parent, and the queue. */
typedef struct walk {
	size_t *first, *order, *parent, *queue, *chain;
	int *dist, *target_from;
} walk;

static void walk_release(walk *w)
{
	free(w->first);
	free(w->order);
	free(w->parent);
	free(w->queue);
	free(w->chain);
	free(w->dist);
	free(w->target_from);
}

/* Groups the edges by their node, keeping their order (a counting sort). */
static int walk_init(walk *w, const card *c)
{
	size_t i, n = c->n;

	memset(w, 0, sizeof *w);
	w->first = calloc(n + 2, sizeof *w->first);
	w->order = calloc(c->n_e + 1, sizeof *w->order);
	w->parent = calloc(n, sizeof *w->parent);
	w->queue = calloc(n, sizeof *w->queue);
	w->chain = calloc(n, sizeof *w->chain);
	w->dist = calloc(n, sizeof *w->dist);
	w->target_from = calloc(n, sizeof *w->target_from);
	if (!w->first || !w->order || !w->parent || !w->queue || !w->chain ||
	    !w->dist || !w->target_from)
		return -1;
	for (i = 0; i < c->n_e; i++)
		w->first[c->e[i].from + 2]++;
	for (i = 2; i < n + 2; i++)
		w->first[i] += w->first[i - 1];
	for (i = 0; i < c->n_e; i++)
		w->order[w->first[c->e[i].from + 1]++] = i;
	for (i = 0; i < n; i++)
		w->dist[i] = -1;
	return 0;
}

/* The effect ids on the way to local node u, signal excluded, in eids
 * (borrowed from c); their number. */
static size_t chain_of(const walk *w, const card *c, size_t u, char **eids)
{
	size_t n = 0, k, i;

	for (k = u; k; k = w->parent[k])
		w->chain[n++] = k;
	for (i = 0; i < n; i++)
		eids[i] = c->eids[w->chain[n - 1 - i]];
	return n;
}

/* The actor edge x leaving local node u at chain distance du. */
/* The prescan's edge x from local node u: a chain into the target, or an
 * actor the target card names. */
static int prescan_reach(kn_psearch *s, const card *c, walk *w, size_t u,
			 const ledge *x, char **eids)
{
	kn_tcard *t = &s->tcards[s->tcard];
	size_t n, k;
	kn_path *p;

	if (strcmp(x->key, s->actors[s->target].key) != 0) {
		for (k = 0; k < t->n_actors; k++)
			if (strcmp(t->actors[k], x->key) == 0)
				return 0;
		if (KN_GROW(t->actors, t->cap_actors, t->n_actors + 1) ||
		    !(t->actors[t->n_actors] = strdup(x->key)))
			return -1;
		t->n_actors++;
		return 0;
	}
	if (w->target_from[u])
		return 0;
	w->target_from[u] = 1;
	if (KN_GROW(t->chains, t->cap_chains, t->n_chains + 1))
		return -1;
	p = &t->chains[t->n_chains++];
	memset(p, 0, sizeof *p);
	n = chain_of(w, c, u, eids);
	for (k = 0; k < n; k++)
		if (kn_path_push(p, KN_HOP_EFFECT, eids[k], t->id))
			return -1;
	return 0;
}

static int reach(kn_psearch *s, size_t ci, const card *c, walk *w, size_t u,
		 const ledge *x, char **eids)
{
	int dist;
	size_t n, a;

	if (s->prescan)
		return prescan_reach(s, c, w, u, x, eids);
	dist = s->cards[ci].dist + w->dist[u] + 1;
	if (dist > s->max_hops)
		return 0;
	a = kn_psearch_actor(s, x->key, x->name);
	if (a == KN_NO_INDEX)
		return -1;
	n = chain_of(w, c, u, eids);
	if (a == s->target) {
		if (w->target_from[u])
			return 0; /* one chain per node the target hangs from */
		w->target_from[u] = 1;
		return kn_psearch_found(s, ci, eids, n);
	}
	return kn_psearch_reach_actor(s, a, dist, ci, eids, n);
}

static int walk_card(kn_psearch *s, size_t ci, const card *c, walk *w,
		     char **eids)
{
	size_t head = 0, tail = 0, k;

	w->dist[0] = 0;
	w->queue[tail++] = 0;
	while (head < tail) {
		size_t u = w->queue[head++];

		for (k = w->first[u]; k < w->first[u + 1]; k++) {
			const ledge *x = &c->e[w->order[k]];

			if (x->key) {
				if (reach(s, ci, c, w, u, x, eids))
					return -1;
			} else if (w->dist[x->to] < 0) {
				w->dist[x->to] = w->dist[u] + 1;
				w->parent[x->to] = u;
				w->queue[tail++] = x->to;
			}
		}
	}
	return 0;
}

/* Reads card sid and walks it (ci: its node, unless prescanning). */
static kn_status walk_sid(kn_psearch *s, kn_row sid, size_t ci, kn_error *err)
{
	card c;
	walk w;
	char **eids = NULL;
	kn_status st;
	int bad = 0;

	memset(&c, 0, sizeof c);
	c.n = 1;
	if (!(c.eids = calloc(1, sizeof *c.eids)))
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	c.cap = 1;
	st = kn_storage(s->st)->card_edges(s->st, sid, on_edge, &c, err);
	if (!st && !c.failed) {
		bad = walk_init(&w, &c) ||
		      !(eids = calloc(c.n, sizeof *eids)) ||
		      walk_card(s, ci, &c, &w, eids);
		walk_release(&w);
	}
	free(eids);
	card_release(&c);
	if (!st && (c.failed || bad))
		st = kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	return st;
}

kn_status kn_psearch_expand_card(kn_psearch *s, size_t ci, kn_error *err)
{
	s->cards[ci].expanded = 1;
	if (s->cards[ci].dist + 1 > s->max_hops)
		return KN_OK;
	return walk_sid(s, s->cards[ci].sid, ci, err);
}

typedef struct tcards_ctx {
	kn_psearch *s;
	int failed, many;
} tcards_ctx;

static int on_tcard(void *ctx, kn_row sid, const char *id)
{
	tcards_ctx *c = ctx;
	kn_psearch *s = c->s;
	kn_tcard *t;

	if (s->n_tcards >= KN_TARGET_CARDS) {
		c->many = 1;
		return 1;
	}
	if (KN_GROW(s->tcards, s->cap_tcards, s->n_tcards + 1))
		goto oom;
	t = &s->tcards[s->n_tcards];
	memset(t, 0, sizeof *t);
	t->sid = sid;
	if (!(t->id = strdup(id)))
		goto oom;
	s->n_tcards++;
	return 0;
oom:
	c->failed = 1;
	return 1;
}

static int by_meet(const void *a, const void *b)
{
	const kn_meet *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : x->tcard < y->tcard ? -1 : x->tcard > y->tcard;
}

/* The meets, sorted, and the index of each key's first. */
static int index_meets(kn_psearch *s)
{
	size_t i, k;

	for (i = 0; i < s->n_tcards; i++)
		for (k = 0; s->tcards[i].n_chains && k < s->tcards[i].n_actors; k++) {
			if (KN_GROW(s->meets, s->cap_meets, s->n_meets + 1))
				return -1;
			s->meets[s->n_meets].key = s->tcards[i].actors[k];
			s->meets[s->n_meets++].tcard = i;
		}
	if (s->n_meets)
		qsort(s->meets, s->n_meets, sizeof *s->meets, by_meet);
	for (i = s->n_meets; i-- > 0;)
		if (kn_strmap_put(&s->meet_index, s->meets[i].key, i))
			return -1;
	return 0;
}

kn_status kn_psearch_prescan(kn_psearch *s, kn_error *err)
{
	tcards_ctx c = { s, 0, 0 };
	kn_status st;
	size_t i;

	st = kn_storage(s->st)->actor_cards(s->st, s->actors[s->target].key,
					     &s->filter, on_tcard, &c, err);
	if (!st && c.failed)
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	if (st || c.many)
		return st; /* many: the search goes on without meeting */
	s->prescan = 1;
	for (i = 0; !st && i < s->n_tcards; i++) {
		s->tcard = i;
		st = walk_sid(s, s->tcards[i].sid, 0, err);
	}
	s->prescan = 0;
	for (i = 0; !st && i < s->n_tcards; i++)
		if (kn_rowmap_put(&s->tcard_index, s->tcards[i].sid, i))
			st = KN_ERR_NOMEM;
	s->prescanned = !st;
	if (!st && index_meets(s))
		st = kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	return st;
}

/* ---- the ends, the names, the query ---- */

static int any_card(void *ctx, kn_row sid, const char *id)
{
	(void)sid;
	(void)id;
	*(int *)ctx = 1;
	return 1;
}

/* The canonical key of actor name (heap) in *key and its display name
 * (heap) in *shown, or *key NULL when the corpus names no such actor. */
static kn_status find_actor(kn_store *st, const char *name, char **key,
			    char **shown, kn_error *err)
{
	const struct kn_storage_ops *ops = kn_storage(st);
	char *stored = NULL, *alias = NULL;
	kn_actor_ids *ids;
	kn_status s;
	int named = 0;

	*key = *shown = NULL;
	if ((s = kn_store_actor_ids(st, &ids, err)))
		return s;
	*key = kn_actor_ids_resolve(ids, name, NULL);
	kn_actor_ids_close(ids);
	if (!*key)
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	if (!(s = ops->stored_name(st, *key, &stored, err)) &&
	    !(s = ops->alias_name(st, *key, &alias, err)) &&
	    !kn_actor_display(stored, alias))
		s = ops->actor_cards(st, *key, NULL, any_card, &named, err);
	if (!s && kn_actor_display(stored, alias))
		*shown = strdup(kn_actor_display(stored, alias));
	else if (!s && named)
		*shown = strdup(name);
	if (!s && !*shown) {
		free(*key);
		*key = NULL;
	}
	free(stored);
	free(alias);
	return s;
}

/* The display names of the actor hops (their ids are keys until now). */
static kn_status name_hops(kn_psearch *s, kn_error *err)
{
	const struct kn_storage_ops *ops = kn_storage(s->st);
	size_t i, j, a;
	kn_status st = KN_OK;

	for (i = 0; !st && i < s->found.n; i++)
		for (j = 0; !st && j < s->found.items[i].n; j++) {
			kn_hop *h = &s->found.items[i].hops[j];
			char *stored = NULL, *alias = NULL, *d;
			const char *show;

			if (h->kind != KN_HOP_ACTOR)
				continue;
			a = kn_strmap_get(&s->actor_index, h->id);
			if (!(st = ops->stored_name(s->st, h->id, &stored, err)) &&
			    !(st = ops->alias_name(s->st, h->id, &alias, err))) {
				show = kn_actor_display(stored, alias);
				if (!show)
					show = a != KN_NO_INDEX ? s->actors[a].name : h->id;
				if (!(d = strdup(show)))
					st = kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0,
							  NULL, "out of memory");
				else {
					free(h->id);
					h->id = d;
				}
			}
			free(stored);
			free(alias);
		}
	return st;
}

/* Where the chains start: an exact signal id, else an actor, else a
 * unique prefix of a signal id. */
static kn_status start(kn_psearch *s, const char *from, const char *to_key,
		       kn_error *err)
{
	char *key = NULL, *shown = NULL;
	kn_lookup l;
	kn_row sid;
	kn_status st;
	size_t a;

	if ((st = kn_storage(s->st)->signal_row(s->st, from, &sid, err)))
		return st;
	if (sid)
		return kn_psearch_start(s, sid, from, 0) ? KN_ERR_NOMEM : KN_OK;
	if ((st = find_actor(s->st, from, &key, &shown, err)))
		return st;
	if (key) {
		if (strcmp(key, to_key) == 0)
			st = kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, NULL,
					  "\"%s\" and the target are the same actor", from);
		else if ((a = kn_psearch_actor(s, key, shown)) == KN_NO_INDEX ||
			 kn_psearch_start(s, 0, NULL, a))
			st = KN_ERR_NOMEM;
		free(key);
		free(shown);
		return st;
	}
	kn_lookup_init(&l);
	if ((st = kn_store_resolve_id(s->st, from, &l, err)) == KN_OK &&
	    (st = kn_storage(s->st)->signal_row(s->st, l.found, &sid, err)) == KN_OK &&
	    (!sid || kn_psearch_start(s, sid, l.found, 0)))
		st = KN_ERR_NOMEM;
	else if (st == KN_ERR_NOTFOUND)
		st = kn_error_set(err, KN_ERR_NOTFOUND, NULL, 0, 0, NULL,
				  "no signal or actor \"%s\" in the corpus", from);
	else if (st == KN_ERR_USAGE && err)
		st = err->code = KN_ERR_INVALID; /* an ambiguous prefix: said */
	kn_lookup_release(&l);
	return st;
}

static kn_status kn_path_query_read(kn_store *st, const char *from, const char *to,
				    const kn_path_opts *o, kn_paths *out, kn_error *err)
{
	char *key = NULL, *shown = NULL;
	kn_psearch s;
	kn_status r;

	kn_paths_release(out);
	if ((r = kn_psearch_init(&s, st, o, err)))
		goto done;
	if ((r = find_actor(st, to ? to : "", &key, &shown, err)))
		goto done;
	if (!key) {
		r = kn_error_set(err, KN_ERR_NOTFOUND, NULL, 0, 0, NULL,
				 "no actor \"%s\" in the corpus", to ? to : "");
		goto done;
	}
	if ((s.target = kn_psearch_actor(&s, key, shown)) == KN_NO_INDEX) {
		r = KN_ERR_NOMEM;
		goto done;
	}
	if (!(r = kn_psearch_prescan(&s, err)) &&
	    !(r = start(&s, from ? from : "", key, err)) &&
	    !(r = kn_psearch_run(&s, err)) && !(r = name_hops(&s, err))) {
		*out = s.found;
		kn_paths_init(&s.found);
	}
done:
	if (r == KN_ERR_NOMEM && (!err || !err->message[0]))
		kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	free(key);
	free(shown);
	kn_psearch_release(&s);
	return r;
}

kn_status kn_path_query(kn_store *st, const char *from, const char *to,
			const kn_path_opts *o, kn_paths *out, kn_error *err)
{
	KN_RETURN_IN_SNAPSHOT(st, err, kn_path_query_read(st, from, to, o, out, err));
}
