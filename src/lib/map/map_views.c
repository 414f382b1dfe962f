/* What each view draws (docs/maps.md): labels, grouping, legend and
 * title.  Styles and ids are in map_build.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "map_views.h"
#include "map_ripple.h"

#define MARK_WIN "\xe2\x96\xb2"  /* ▲ */
#define MARK_LOSE "\xe2\x96\xbc" /* ▼ */
#define DOT_SEP " \xc2\xb7 "     /* " · " */

static void put_number(kn_buf *b, const char *what, int v)
{
	if (v == KN_ABSENT)
		kn_buf_printf(b, "%s \xe2\x80\x93", what); /* "score –" */
	else
		kn_buf_printf(b, "%s %d", what, v);
}

/* "Capital Markets · 2026-06-24" from whatever the signal has. */
static void put_context(kn_buf *tmp, const kn_signal *s)
{
	if (s->category)
		kn_buf_puts(tmp, s->category);
	if (s->published) {
		if (s->category)
			kn_buf_puts(tmp, DOT_SEP);
		kn_buf_printf(tmp, "%.10s", s->published);
	}
}

static Agnode_t *signal_node(kn_builder *b, const kn_signal *s, int compact)
{
	kn_buf tmp = KN_BUF_INIT;
	int created;
	Agnode_t *n = kn_add_node(b, kn_sig_name(b, s), KN_NODE_SIGNAL, NULL,
				  &created);

	if (!n || !created)
		return n;
	kn_buf_reset(&b->label);
	if (!compact) {
		put_context(&tmp, s);
		kn_map_put_label(&b->label, kn_buf_cstr(&tmp), 0, "\\n");
	}
	kn_map_put_label(&b->label, s->title, b->wrap ? b->wrap + 6 : 0, "\\n");
	kn_buf_reset(&tmp);
	put_number(&tmp, "score", s->score);
	if (compact) {
		if (s->published)
			kn_buf_printf(&tmp, DOT_SEP "%.10s", s->published);
	} else {
		kn_buf_puts(&tmp, DOT_SEP);
		put_number(&tmp, "confidence", s->confidence);
		kn_buf_puts(&tmp, DOT_SEP);
		put_number(&tmp, "impact", s->impact);
		if (s->horizon)
			kn_buf_printf(&tmp, "\n%s", s->horizon);
	}
	kn_map_put_label(&b->label, kn_buf_cstr(&tmp), 0, "\\n");
	kn_buf_release(&tmp);
	kn_set_label(b, n);
	return n;
}

static const char *order_title(int order, char *buf, size_t size)
{
	static const char *const names[] = { "", "1 \xc2\xb7 DIRECT",
					     "2 \xc2\xb7 SECOND ORDER",
					     "3 \xc2\xb7 THIRD ORDER" };

	if (order >= 1 && order <= 3)
		return names[order];
	snprintf(buf, size, "%d \xc2\xb7 ORDER %d", order, order);
	return buf;
}

static Agnode_t *effect_node(kn_builder *b, const kn_signal *s,
			     const kn_effect *e)
{
	kn_node_kind k = e->order == 1 ? KN_NODE_ORDER1
			 : e->order == 2 ? KN_NODE_ORDER2
			 : e->order == 3 ? KN_NODE_ORDER3 : KN_NODE_ORDERN;
	char cls[48], head[48];
	int created;
	Agnode_t *n;

	snprintf(cls, sizeof cls, "effect order-%d", e->order);
	n = kn_add_node(b, kn_eff_name(b, s, e->id), k, cls, &created);
	if (!n || !created)
		return n;
	kn_buf_reset(&b->label);
	kn_buf_puts(&b->label, order_title(e->order, head, sizeof head));
	kn_buf_puts(&b->label, "\\l");
	kn_map_put_label(&b->label, e->text, b->wrap, "\\l");
	kn_set_label(b, n);
	return n;
}

/* Pass 1: the direct effects, from the signal.  Pass 2: the others, from
 * their causes (or from the signal when a card gave them none). */
static kn_status draw_effects(kn_builder *b, const kn_signal *s, Agnode_t *sn,
			      int pass)
{
	size_t i, j;

	for (i = 0; i < s->n_effects; i++) {
		const kn_effect *e = &s->effects[i];
		Agnode_t *en;

		if ((e->order == 1) != (pass == 1))
			continue;
		en = effect_node(b, s, e);
		if (!en)
			return KN_ERR_NOMEM;
		if (e->order == 1 || e->n_causes == 0) {
			kn_add_edge(b, sn, en, KN_EDGE_CAUSES);
			continue;
		}
		for (j = 0; j < e->n_causes; j++) {
			long c = kn_signal_find_effect(s, e->causes[j]);
			Agnode_t *cn = c < 0 ? NULL : effect_node(b, s, &s->effects[c]);

			if (cn)
				kn_add_edge(b, cn, en, KN_EDGE_CAUSES);
		}
	}
	return KN_OK;
}

static kn_node_kind actor_kind(const kn_actor_row *r)
{
	if (r->n_wins && r->n_losses)
		return KN_NODE_BOTH;
	return r->n_wins ? KN_NODE_WINNER : KN_NODE_LOSER;
}

static const char *actor_mark(const kn_actor_row *r)
{
	if (r->n_wins && r->n_losses)
		return MARK_WIN MARK_LOSE " ";
	return r->n_wins ? MARK_WIN " " : MARK_LOSE " ";
}

/* The actor node of a row; detail is the note (signal view) or NULL for
 * the counts (corpus and actor views). */
static Agnode_t *actor_node(kn_builder *b, const kn_actor_row *r,
			    const char *note, int counts)
{
	int created;
	Agnode_t *n = kn_add_node(b, kn_act_name(b, r->key), actor_kind(r),
				  NULL, &created);
	char line[128];

	if (!n || !created)
		return n;
	kn_buf_reset(&b->label);
	kn_buf_puts(&b->label, actor_mark(r));
	kn_map_put_label(&b->label, r->name, b->wrap, "\\n");
	if (note) {
		kn_buf tmp = KN_BUF_INIT;

		kn_buf_printf(&tmp, "(%s)", note);
		kn_map_put_label(&b->label, kn_buf_cstr(&tmp), b->wrap, "\\n");
		kn_buf_release(&tmp);
	}
	if (counts) {
		snprintf(line, sizeof line, "%zu signal%s" DOT_SEP MARK_WIN
			 "%zu " MARK_LOSE "%zu\\n", r->n_signals,
			 r->n_signals == 1 ? "" : "s", r->n_wins, r->n_losses);
		kn_buf_puts(&b->label, line);
	}
	if (counts && r->n_signals > 1) { /* recurring actors stand out */
		snprintf(line, sizeof line, "%zu",
			 11 + 2 * (r->n_signals < 6 ? r->n_signals - 1 : 5));
		kn_set(n, "fontsize", line);
	}
	kn_set_label(b, n);
	return n;
}

/* The node standing for the n actors of s in role that are not drawn. */
static void more_node(kn_builder *b, Agnode_t *sn, kn_role role, size_t n)
{
	const char *what = role == KN_WINNER ? "winner" : "loser";
	int created;
	Agnode_t *mn;

	kn_buf_reset(&b->name); /* "more:ID:winners" beside "sig:ID" */
	kn_buf_printf(&b->name, "more:%s:%ss", agnameof(sn) + 4, what);
	mn = kn_add_node(b, kn_buf_cstr(&b->name), KN_NODE_MORE, NULL, &created);
	if (!mn)
		return;
	kn_buf_reset(&b->label);
	kn_buf_printf(&b->label, "+%zu more %s%s\\nnot drawn: at most %d a signal\\n",
		      n, what, n == 1 ? "" : "s", KN_MAP_ROLE_MAX);
	kn_set_label(b, mn);
	kn_add_edge(b, sn, mn, role == KN_WINNER ? KN_EDGE_BENEFITS : KN_EDGE_HARMS);
}

/* The actors of s in one role, each with its edge from sn: at most
 * KN_MAP_ROLE_MAX of them, the rest counted on one "+N more" node.
 * min: only actors named by at least that many signals; b->focus: only
 * that key.  An actor named twice in one role is drawn and counted once. */
static kn_status draw_role(kn_builder *b, const kn_signal *s, Agnode_t *sn,
			   kn_role role, size_t min, int counts)
{
	const kn_actor_ref *a = role == KN_WINNER ? s->winners : s->losers;
	size_t i, n = role == KN_WINNER ? s->n_winners : s->n_losers;
	size_t drawn = 0, left = 0, stamp = ++b->stamp;

	for (i = 0; i < n; i++) {
		char *key = kn_map_resolve(b->m, a[i].name, NULL);
		const kn_actor_row *r = key ? kn_actor_table_find(&b->actors, key) : NULL;
		size_t *seen = r ? &b->seen[r - b->actors.rows] : NULL;
		Agnode_t *an;

		if (!key)
			return KN_ERR_NOMEM;
		if (r && r->n_signals >= min && *seen != stamp &&
		    (!b->pick.only || b->pick.only[r - b->actors.rows]) &&
		    (!b->focus || strcmp(b->focus, key) == 0)) {
			*seen = stamp;
			if (drawn++ >= KN_MAP_ROLE_MAX) {
				left++;
			} else {
				an = actor_node(b, r, counts ? NULL : a[i].note, counts);
				if (an)
					kn_add_edge(b, sn, an, role == KN_WINNER
							     ? KN_EDGE_BENEFITS : KN_EDGE_HARMS);
			}
		}
		free(key);
	}
	if (left)
		more_node(b, sn, role, left);
	return KN_OK;
}

kn_status kn_draw_signals(kn_builder *b, int with_actors)
{
	size_t i;
	kn_status st = KN_OK;

	/* winners, direct effects, losers: with ordering=out dot keeps the
	 * signal's out-edges in this order, so winners sit above the chain
	 * and losers below it without clusters */
	kn_set(b->g, "ordering", "out");
	for (i = 0; i < b->m->n_sigs && st == KN_OK; i++) {
		const kn_signal *s = &b->m->sigs[i];
		Agnode_t *sn = signal_node(b, s, 0);

		if (!sn)
			return KN_ERR_NOMEM;
		if (with_actors)
			st = draw_role(b, s, sn, KN_WINNER, 0, 0);
		if (st == KN_OK)
			st = draw_effects(b, s, sn, 1);
		if (st == KN_OK && with_actors)
			st = draw_role(b, s, sn, KN_LOSER, 0, 0);
		if (st == KN_OK)
			st = draw_effects(b, s, sn, 2);
	}
	return st;
}

/* Does s name the focus actor? */
static int names_focus(kn_builder *b, const kn_signal *s)
{
	size_t i;
	int hit = 0;

	for (i = 0; i < kn_signal_n_actors(s) && !hit; i++) {
		const char *name = kn_signal_actor(s, i, NULL)->name;
		char *key = kn_map_resolve(b->m, name, NULL);

		hit = key && strcmp(key, b->focus) == 0;
		free(key);
	}
	return hit;
}

kn_status kn_draw_actor(kn_builder *b)
{
	const kn_actor_row *r;
	Agnode_t *an;
	size_t i;
	kn_status st = KN_OK;

	b->focus = kn_map_resolve(b->m, b->o->actor, NULL);
	if (!b->focus)
		return KN_ERR_NOMEM;
	r = kn_actor_table_find(&b->actors, b->focus);
	if (!r)
		return kn_error_set(b->err, KN_ERR_NOTFOUND, NULL, 0, 0, "actor",
				    "no signal in the map names \"%.200s\"",
				    b->o->actor);
	if ((st = kn_pick_choose(b)) != KN_OK)
		return st;
	/* the actor first, so that it leads the layout */
	if (!(an = actor_node(b, r, NULL, 1)))
		return KN_ERR_NOMEM;
	for (i = 0; i < b->m->n_sigs && st == KN_OK; i++) {
		const kn_signal *s = &b->m->sigs[i];
		Agnode_t *sn;

		if (b->pick.active ? b->pick.drawn[i] != 1 : !names_focus(b, s))
			continue;
		sn = signal_node(b, s, 0);
		if (!sn)
			return KN_ERR_NOMEM;
		st = draw_role(b, s, sn, KN_WINNER, 0, 1);
		if (st == KN_OK)
			st = draw_role(b, s, sn, KN_LOSER, 0, 1);
		if (st == KN_OK)
			st = draw_effects(b, s, sn, 1);
		if (st == KN_OK)
			st = draw_effects(b, s, sn, 2);
	}
	if (st == KN_OK)
		kn_pick_draw_aggs(b, an);
	return st;
}

/* Does s name an actor named by at least min signals? */
static int has_kept_actor(kn_builder *b, const kn_signal *s, size_t min)
{
	size_t i;
	int hit = 0;

	for (i = 0; i < kn_signal_n_actors(s) && !hit; i++) {
		const char *name = kn_signal_actor(s, i, NULL)->name;
		char *key = kn_map_resolve(b->m, name, NULL);
		const kn_actor_row *r = key ? kn_actor_table_find(&b->actors, key) : NULL;

		hit = r && r->n_signals >= min;
		free(key);
	}
	return hit;
}

kn_status kn_draw_corpus(kn_builder *b)
{
	size_t i, min = b->o->min_count > 1 ? (size_t)b->o->min_count : 1;
	kn_status st = kn_pick_choose(b);

	for (i = 0; i < b->m->n_sigs && st == KN_OK; i++) {
		const kn_signal *s = &b->m->sigs[i];
		Agnode_t *sn;

		if (b->pick.active && b->pick.drawn[i] != 1)
			continue;
		/* with --min, a signal left without actors is only noise */
		if (min > 1 && !has_kept_actor(b, s, min))
			continue;
		sn = signal_node(b, s, 1);
		if (!sn)
			return KN_ERR_NOMEM;
		st = draw_role(b, s, sn, KN_WINNER, min, 1);
		if (st == KN_OK)
			st = draw_role(b, s, sn, KN_LOSER, min, 1);
	}
	if (st == KN_OK)
		kn_pick_draw_aggs(b, NULL);
	return st;
}

/* For the ripple views (map_ripple.h): the same nodes as the others. */
Agnode_t *kn_view_signal_node(kn_builder *b, const kn_signal *s, int compact)
{
	return signal_node(b, s, compact);
}

Agnode_t *kn_view_effect_node(kn_builder *b, const kn_signal *s,
			      const kn_effect *e)
{
	return effect_node(b, s, e);
}
