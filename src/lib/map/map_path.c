/* The path view (docs/maps.md): the chains of kn_path_query
 * (knockon/converge.h) from a signal or an actor to an actor, hop by
 * hop.  Cards are numbered in the order the chains first enter them;
 * every signal and effect node names its card ("CARD 2"), every edge
 * into an actor says through which card it was reached, and the edge
 * from an actor to the next card's signal is dotted: the only way a
 * chain leaves a card.  Chains that share hops share nodes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kn_storage.h"
#include "map_ripple.h"

#define DOT_SEP " \xc2\xb7 "

static kn_status kn_map_from_path_read(kn_store *st, const char *from, const char *to,
				       const kn_filter *f, kn_map **out, kn_error *err)
{
	kn_path_opts o;
	kn_map *m = NULL;
	kn_map_ripple *rip;
	kn_status rc;
	size_t i, j;

	*out = NULL;
	kn_path_opts_init(&o);
	if (f) {
		o.filter = *f;
		if (f->limit > 0)
			o.limit = (size_t)f->limit;
	}
	o.filter.limit = 0;
	rc = kn_map_from_store_ids(st, &m, err);
	if (rc != KN_OK)
		return rc;
	rip = kn_map_ripple_get(m);
	rc = rip ? kn_path_query(st, from, to, &o, &rip->paths, err)
		 : kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	if (rc == KN_OK && rip->paths.n == 0)
		rc = kn_error_set(err, KN_ERR_NOTFOUND, NULL, 0, 0, NULL,
				  "no chain from \"%.200s\" to \"%.200s\" within %d hops",
				  from, to, o.max_hops);
	for (i = 0; rc == KN_OK && i < rip->paths.n; i++) {
		const kn_path *p = &rip->paths.items[i];

		for (j = 0; rc == KN_OK && j < p->n; j++) {
			kn_signal sig;

			if (p->hops[j].kind != KN_HOP_SIGNAL ||
			    kn_map_find(m, p->hops[j].id))
				continue;
			kn_signal_init(&sig);
			rc = kn_storage(st)->get(st, p->hops[j].id, &sig, err);
			if (rc == KN_OK)
				rc = kn_map_add_signal(m, &sig, err);
			kn_signal_release(&sig);
		}
	}
	if (rc == KN_OK) {
		rip->has_paths = 1;
		rip->path_from = strdup(from);
		rip->path_to = strdup(to);
		if (!rip->path_from || !rip->path_to)
			rc = kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	}
	if (rc == KN_OK)
		rc = kn_store_actor_names(st, m->own_ids, m->sigs, m->n_sigs, err);
	if (rc != KN_OK) {
		kn_map_close(m);
		return rc;
	}
	*out = m;
	return KN_OK;
}

kn_status kn_map_from_path(kn_store *st, const char *from, const char *to,
			   const kn_filter *f, kn_map **out, kn_error *err)
{
	KN_RETURN_IN_SNAPSHOT(st, err, kn_map_from_path_read(st, from, to, f, out, err));
}

/* The card number of signal id: 1 + its index among the map's signals,
 * which were added in the order the chains enter them. */
static size_t card_no(const kn_map *m, const char *id)
{
	const kn_signal *s = id ? kn_map_find(m, id) : NULL;

	return s ? (size_t)(s - m->sigs) + 1 : 0;
}

static Agnode_t *signal_hop(kn_builder *b, const kn_signal *s, size_t card)
{
	int drawn = agnode(b->g, kn_mut(kn_sig_name(b, s)), 0) != NULL;
	Agnode_t *n = kn_view_signal_node(b, s, 1);
	kn_buf tmp = KN_BUF_INIT;

	if (!n || drawn)
		return n;
	kn_buf_printf(&tmp, "CARD %zu\\n%s", card, agget(n, kn_mut("label")));
	kn_set(n, "label", kn_buf_cstr(&tmp));
	kn_buf_release(&tmp);
	return n;
}

static Agnode_t *effect_hop(kn_builder *b, const kn_signal *s, const char *eid,
			    size_t card)
{
	long i = kn_signal_find_effect(s, eid);
	int drawn = agnode(b->g, kn_mut(kn_eff_name(b, s, eid)), 0) != NULL;
	Agnode_t *n = i >= 0 ? kn_view_effect_node(b, s, &s->effects[i]) : NULL;
	kn_buf tmp = KN_BUF_INIT;

	if (!n || drawn)
		return n;
	kn_buf_printf(&tmp, "CARD %zu" DOT_SEP "%s", card, agget(n, kn_mut("label")));
	kn_set(n, "label", kn_buf_cstr(&tmp));
	kn_buf_release(&tmp);
	return n;
}

static Agnode_t *actor_hop(kn_builder *b, const char *name, int end)
{
	char *key = kn_map_resolve(b->m, name, NULL);
	Agnode_t *n;

	if (!key)
		return NULL;
	n = kn_ripple_actor_node(b, key, name, NULL);
	if (n && end)
		kn_set(n, "penwidth", "3");
	free(key);
	return n;
}

/* How signal s (or its effect e) reaches actor `name`: a role of the
 * signal, or the effect's own link (the card's role), else a detection. */
static const char *reach_role(kn_builder *b, const kn_signal *s,
			      const kn_effect *e, const char *name, int *detected)
{
	char *key = kn_map_resolve(b->m, name, NULL), *k;
	const char *role = NULL;
	size_t i;
	kn_role r;

	*detected = 0;
	for (i = 0; key && !role && e && i < e->n_actors; i++) {
		k = kn_map_resolve(b->m, e->actors[i].name, NULL);
		if (k && strcmp(k, key) == 0)
			role = kn_effect_role_name(e->actors[i].role);
		free(k);
	}
	for (i = 0; key && !role && !e && i < kn_signal_n_actors(s); i++) {
		const kn_actor_ref *a = kn_signal_actor(s, i, &r);

		k = kn_map_resolve(b->m, a->name, NULL);
		if (k && strcmp(k, key) == 0)
			role = r == KN_WINNER ? "winner" : "loser";
		free(k);
	}
	free(key);
	if (!role)
		*detected = 1;
	return role ? role : "named";
}

static void card_label(kn_builder *b, Agedge_t *e, const char *what, size_t card)
{
	char text[48];

	if (!e)
		return;
	kn_edge_label_attrs(b->g);
	snprintf(text, sizeof text, "%s %zu", what, card);
	kn_set(e, "label", text);
	kn_set(e, "penwidth", "1.6");
}

/* The edge from hop node t to actor node h, reached in card s. */
static void edge_to_actor(kn_builder *b, Agnode_t *t, Agnode_t *h,
			  const kn_signal *s, const kn_effect *e,
			  const char *name, size_t card)
{
	int detected;
	const char *role = reach_role(b, s, e, name, &detected);
	Agedge_t *edge;

	if (e)
		edge = kn_link_edge(b, t, h, detected, role, -1, 0);
	else
		edge = kn_add_edge(b, t, h, strcmp(role, "loser") == 0
				   ? KN_EDGE_HARMS : KN_EDGE_BENEFITS);
	card_label(b, edge, "card", card);
}

/* The edge of hop j - 1 -> hop j of p. */
static void draw_hop(kn_builder *b, const kn_path *p, size_t j, Agnode_t *prev,
		     Agnode_t *cur)
{
	const kn_hop *h = &p->hops[j], *g = &p->hops[j - 1];
	const kn_signal *s = kn_map_find(b->m, h->signal ? h->signal : g->signal);
	size_t card = card_no(b->m, s ? s->id : NULL);
	Agedge_t *e;
	long ei;

	if (h->kind == KN_HOP_SIGNAL) { /* from an actor into a card */
		e = kn_add_edge(b, prev, cur, KN_EDGE_CAUSES);
		if (!e)
			return;
		kn_set(e, "class", "hop");
		kn_set(e, "style", "dotted");
		kn_set(e, "arrowhead", "vee");
		card_label(b, e, "into card", card);
		kn_set(e, "penwidth", "2");
	} else if (h->kind == KN_HOP_EFFECT) {
		kn_add_edge(b, prev, cur, KN_EDGE_CAUSES);
	} else if (s) {
		ei = g->kind == KN_HOP_EFFECT ? kn_signal_find_effect(s, g->id) : -1;
		edge_to_actor(b, prev, cur, s, ei >= 0 ? &s->effects[ei] : NULL,
			      h->id, card);
	}
}

static Agnode_t *hop_node(kn_builder *b, const kn_path *p, size_t j)
{
	const kn_hop *h = &p->hops[j];
	const kn_signal *s = h->signal ? kn_map_find(b->m, h->signal) : NULL;

	switch (h->kind) {
	case KN_HOP_SIGNAL:
		s = kn_map_find(b->m, h->id);
		return s ? signal_hop(b, s, card_no(b->m, s->id)) : NULL;
	case KN_HOP_EFFECT:
		return s ? effect_hop(b, s, h->id, card_no(b->m, s->id)) : NULL;
	case KN_HOP_ACTOR:
		return actor_hop(b, h->id, j == 0 || j + 1 == p->n);
	}
	return NULL;
}

kn_status kn_draw_path(kn_builder *b)
{
	const kn_map_ripple *rip = b->m->rip;
	size_t i, j;

	if (!rip || !rip->has_paths)
		return kn_error_set(b->err, KN_ERR_NOTFOUND, NULL, 0, 0, NULL,
				    "the path view needs a map made by kn_map_from_path");
	for (i = 0; i < rip->paths.n; i++) {
		const kn_path *p = &rip->paths.items[i];
		Agnode_t *prev = NULL, *cur;

		for (j = 0; j < p->n; j++, prev = cur) {
			cur = hop_node(b, p, j);
			if (!cur)
				return KN_ERR_NOMEM;
			if (prev)
				draw_hop(b, p, j, prev, cur);
		}
	}
	return KN_OK;
}

void kn_path_title(kn_builder *b, kn_buf *t)
{
	const kn_map_ripple *rip = b->m->rip;
	size_t shortest = rip->paths.items[0].n - 1;

	const kn_hop *first = &rip->paths.items[0].hops[0];
	const kn_hop *last = &rip->paths.items[0].hops[shortest];

	kn_buf_printf(t, "Paths from %s to %s" DOT_SEP "%zu chain%s, the shortest "
		      "%zu hop%s", first->id, last->id, rip->paths.n,
		      rip->paths.n == 1 ? "" : "s", shortest, shortest == 1 ? "" : "s");
}
