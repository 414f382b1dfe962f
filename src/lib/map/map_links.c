/* Effect -> actor links on maps (docs/maps.md, "Links"): what a map holds
 * for the ripple views, the links' edges and the actors only effects
 * name, drawn on the corpus and signal views with --links, and their
 * legend items.  The exposure and path views draw with the same pieces. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "map_ripple.h"

#define MARK_NAMED "\xe2\x97\x86 " /* ◆ */
#define MARK_WIN "\xe2\x96\xb2"  /* ▲ */
#define MARK_LOSE "\xe2\x96\xbc" /* ▼ */
#define ELLIPSIS_AT 90 /* bytes of an effect's text on the corpus view */

kn_map_ripple *kn_map_ripple_get(kn_map *m)
{
	if (!m->rip && (m->rip = calloc(1, sizeof *m->rip)) != NULL) {
		kn_link_list_init(&m->rip->links);
		kn_exposure_init(&m->rip->expo);
		kn_paths_init(&m->rip->paths);
	}
	return m->rip;
}

void kn_map_ripple_free(kn_map_ripple *rip)
{
	if (!rip)
		return;
	kn_link_list_release(&rip->links);
	kn_exposure_release(&rip->expo);
	kn_paths_release(&rip->paths);
	free(rip->path_from);
	free(rip->path_to);
	free(rip->drawn);
	free(rip->focus_key);
	free(rip);
}

static void link_free(kn_link *l)
{
	free(l->signal);
	free(l->effect);
	free(l->actor);
	free(l->name);
	free(l->matched);
}

kn_status kn_map_load_links(kn_map *m, kn_store *st, const kn_filter *f,
			    kn_error *err)
{
	kn_map_ripple *rip = kn_map_ripple_get(m);
	kn_link_list all;
	kn_filter lf;
	kn_status rc;
	size_t i, k = 0;
	char day[11] = "";

	if (!rip)
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	if (f)
		lf = *f;
	else
		kn_filter_init(&lf);
	lf.limit = 0;
	/* one dated signal (the signal view): only the links of its day */
	if (!f && m->n_sigs == 1 && m->sigs[0].published &&
	    strlen(m->sigs[0].published) >= 10) {
		memcpy(day, m->sigs[0].published, 10);
		lf.since = lf.until = day;
	}
	kn_link_list_init(&all);
	rc = kn_links_list(st, NULL, &lf, 0, &all, err);
	if (rc != KN_OK) {
		kn_link_list_release(&all);
		return rc;
	}
	/* keep the links of the map's signals, in the order listed */
	for (i = 0; i < all.n; i++) {
		kn_link tmp;

		if (!kn_map_find(m, all.items[i].signal))
			continue;
		tmp = all.items[k];
		all.items[k++] = all.items[i];
		all.items[i] = tmp;
	}
	for (i = k; i < all.n; i++) /* the others: fields only */
		link_free(&all.items[i]);
	all.n = k;
	kn_link_list_release(&rip->links);
	rip->links = all;
	return KN_OK;
}

static const char *role_color(const char *role)
{
	if (strcmp(role, "winner") == 0)
		return "#2d6a4f";
	if (strcmp(role, "loser") == 0)
		return "#9d0208";
	return "#457b9d";
}

/* Declares an edge attribute the base graph does not (edge labels). */
static void edge_attr(Agraph_t *g, const char *name, const char *dflt)
{
	if (!agattr(g, AGEDGE, kn_mut(name), NULL))
		agattr(g, AGEDGE, kn_mut(name), kn_mut(dflt));
}

void kn_edge_label_attrs(Agraph_t *g)
{
	edge_attr(g, "label", "");
	edge_attr(g, "fontname", KN_MAP_FONT);
	edge_attr(g, "fontsize", "9");
	edge_attr(g, "fontcolor", "#444444");
}

void kn_link_edge_weigh(kn_builder *b, Agedge_t *e, double weight, double max)
{
	char num[32];

	kn_edge_label_attrs(b->g);
	snprintf(num, sizeof num, "%.3g", weight);
	kn_set(e, "label", num);
	snprintf(num, sizeof num, "%.2f", 1.0 + (max > 0 ? 3.0 * weight / max : 0));
	kn_set(e, "penwidth", num);
}

Agedge_t *kn_link_edge(kn_builder *b, Agnode_t *en, Agnode_t *an,
		       int detected, const char *role, double weight,
		       double max_weight)
{
	Agedge_t *e = kn_add_edge(b, en, an, KN_EDGE_CAUSES);
	char cls[64];

	if (!e)
		return NULL;
	snprintf(cls, sizeof cls, "link %s %s", detected ? "detected" : "card",
		 role);
	kn_set(e, "class", cls);
	kn_set(e, "color", role_color(role));
	kn_set(e, "penwidth", "1.4");
	kn_set(e, "style", detected ? "dashed" : "solid");
	kn_set(e, "arrowhead", strcmp(role, "loser") == 0 ? "tee" : "empty");
	if (weight >= 0)
		kn_link_edge_weigh(b, e, weight, max_weight);
	return e;
}

static void style_named(Agnode_t *n)
{
	kn_set(n, "style", "rounded,filled");
	kn_set(n, "fillcolor", "#e7eef6");
	kn_set(n, "color", "#457b9d");
	kn_set(n, "fontcolor", "#1d3557");
	kn_set(n, "penwidth", "1.6");
}

Agnode_t *kn_named_actor_node(kn_builder *b, const char *key,
			      const char *name, const char *detail)
{
	int created;
	Agnode_t *n = kn_add_node(b, kn_act_name(b, key), KN_NODE_WINNER,
				  "actor named", &created);

	if (!n || !created)
		return n;
	style_named(n);
	kn_buf_reset(&b->label);
	kn_buf_puts(&b->label, MARK_NAMED);
	kn_map_put_label(&b->label, name, b->wrap, "\\n");
	if (detail) /* trusted label text, its own line end included */
		kn_buf_puts(&b->label, detail);
	kn_set_label(b, n);
	return n;
}

Agnode_t *kn_ripple_actor_node(kn_builder *b, const char *key,
			       const char *name, const char *detail)
{
	const kn_actor_row *r = kn_actor_table_find(&b->actors, key);
	int both = r && r->n_wins && r->n_losses, created;
	kn_node_kind k = both ? KN_NODE_BOTH : r && r->n_wins ? KN_NODE_WINNER
			 : KN_NODE_LOSER;
	Agnode_t *n;

	if (!r)
		return kn_named_actor_node(b, key, name, detail);
	n = kn_add_node(b, kn_act_name(b, key), k, NULL, &created);
	if (!n || !created)
		return n;
	kn_buf_reset(&b->label);
	kn_buf_puts(&b->label, both ? MARK_WIN MARK_LOSE " " : r->n_wins
		    ? MARK_WIN " " : MARK_LOSE " ");
	kn_map_put_label(&b->label, name, b->wrap, "\\n");
	if (detail)
		kn_buf_puts(&b->label, detail);
	kn_set_label(b, n);
	return n;
}

static kn_node_kind order_kind(int order)
{
	return order == 1 ? KN_NODE_ORDER1 : order == 2 ? KN_NODE_ORDER2
	       : order == 3 ? KN_NODE_ORDER3 : KN_NODE_ORDERN;
}

/* An effect on the corpus view: its order and the start of its text
 * (the map shows who is reached, the card the whole chain). */
static Agnode_t *short_effect_node(kn_builder *b, const kn_signal *s,
				   const kn_effect *e)
{
	char cls[48];
	char *text;
	size_t n;
	int created;
	Agnode_t *en;

	snprintf(cls, sizeof cls, "effect order-%d", e->order);
	en = kn_add_node(b, kn_eff_name(b, s, e->id), order_kind(e->order), cls,
			 &created);
	if (!en || !created)
		return en;
	text = kn_map_clean_text(e->text);
	if (!text)
		return NULL;
	n = strlen(text);
	if (n > ELLIPSIS_AT) { /* cut at a character, then "…" */
		n = ELLIPSIS_AT;
		while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--;
		memcpy(text + n, KN_MAP_ELLIPSIS, sizeof KN_MAP_ELLIPSIS);
	}
	kn_buf_reset(&b->label);
	kn_buf_printf(&b->label, "%d \xc2\xb7 %s\\l", e->order, e->id);
	kn_map_put_label(&b->label, text, b->wrap, "\\l");
	free(text);
	kn_set_label(b, en);
	return en;
}

/* The effect node a link leaves from: drawn already (signal view), or
 * drawn now from its signal (corpus view). */
static Agnode_t *link_effect(kn_builder *b, const kn_signal *s, Agnode_t *sn,
			     const char *eid)
{
	Agnode_t *en = agnode(b->g, kn_mut(kn_eff_name(b, s, eid)), 0);
	long i;

	if (en || b->o->view != KN_VIEW_CORPUS)
		return en;
	i = kn_signal_find_effect(s, eid);
	if (i < 0)
		return NULL;
	en = short_effect_node(b, s, &s->effects[i]);
	if (en)
		kn_add_edge(b, sn, en, KN_EDGE_CAUSES);
	return en;
}

/* The actor node a link reaches: drawn already, or (unless --min keeps
 * only recurring actors) drawn now as an actor only effects name. */
static Agnode_t *link_actor(kn_builder *b, const kn_link *l)
{
	char *key = kn_map_resolve(b->m, l->actor, NULL);
	const char *name;
	Agnode_t *an;

	if (!key)
		return NULL;
	an = agnode(b->g, kn_mut(kn_act_name(b, key)), 0);
	if (!an && !(b->o->view == KN_VIEW_CORPUS && b->o->min_count > 1)) {
		name = kn_map_display_name(b->m, key);
		an = kn_named_actor_node(b, key, name ? name : l->actor,
					 "(named by effects)\\n");
	}
	free(key);
	return an;
}

kn_status kn_draw_links(kn_builder *b)
{
	const kn_map_ripple *rip = b->m->rip;
	size_t i;

	if (!rip || (b->o->view != KN_VIEW_CORPUS && b->o->view != KN_VIEW_SIGNAL))
		return KN_OK;
	for (i = 0; i < rip->links.n; i++) {
		const kn_link *l = &rip->links.items[i];
		const kn_signal *s = kn_map_find(b->m, l->signal);
		Agnode_t *sn = s ? agnode(b->g, kn_mut(kn_sig_name(b, s)), 0) : NULL;
		Agnode_t *en = sn ? link_effect(b, s, sn, l->effect) : NULL;
		Agnode_t *an = en ? link_actor(b, l) : NULL;

		if (an)
			kn_link_edge(b, en, an, l->detected,
				     kn_effect_role_name(l->role), -1, 0);
	}
	return KN_OK;
}

/* Does g have a node of class cls, an edge whose class starts with
 * "link "? */
static int has_node(kn_builder *b, const char *cls)
{
	static char attr[] = "class";
	Agnode_t *n;

	for (n = agfstnode(b->g); n; n = agnxtnode(b->g, n))
		if (strcmp(agget(n, attr), cls) == 0)
			return 1;
	return 0;
}

static int has_links(kn_builder *b)
{
	static char attr[] = "class";
	Agnode_t *n;
	Agedge_t *e;

	for (n = agfstnode(b->g); n; n = agnxtnode(b->g, n))
		for (e = agfstout(b->g, n); e; e = agnxtout(b->g, e))
			if (strncmp(agget(e, attr), "link ", 5) == 0)
				return 1;
	return 0;
}

/* Appends one item to the legend's chain. */
static Agnode_t *append(kn_builder *b, Agraph_t *sub, Agnode_t *prev,
			kn_legend_item_fn item, const char *name,
			kn_node_kind kind, const char *label)
{
	Agnode_t *n = prev ? item(b, sub, name, kind, label) : NULL;

	if (n)
		kn_add_edge(b, prev, n, KN_EDGE_LEGEND);
	return n ? n : prev;
}

/* The legend's column is the signals' column here: its invisible edges
 * weigh nothing, else dot bends every long edge around them. */
static void loosen_legend(kn_builder *b, Agraph_t *sub)
{
	static char attr[] = "class";
	Agnode_t *n;
	Agedge_t *e;

	for (n = agfstnode(sub); n; n = agnxtnode(sub, n))
		for (e = agfstout(b->g, n); e; e = agnxtout(b->g, e))
			if (strcmp(agget(e, attr), "legend") == 0)
				kn_set(e, "weight", "0");
}

void kn_legend_ripple(kn_builder *b, Agraph_t *sub, Agnode_t *prev,
		      kn_legend_item_fn item)
{
	Agnode_t *n;

	if (has_node(b, "actor named")) {
		n = append(b, sub, prev, item, "named", KN_NODE_WINNER,
			   MARK_NAMED "NAMED by effects only\\n"
			   "no winner or loser role here");
		if (n != prev)
			style_named(n);
		prev = n;
	}
	if (has_links(b))
		prev = append(b, sub, prev, item, "links", KN_NODE_NOTE,
			      "EFFECT \xe2\x86\x92 ACTOR LINKS\\l"
			      "solid line: the card names the actor\\l"
			      "dashed line: found in the effect's text\\l"
			      "green \xe2\x96\xb7 wins \xc2\xb7 red \xe2\x8a\xa3 loses"
			      " \xc2\xb7 blue \xe2\x96\xb7 named\\l");
	if (b->o->view == KN_VIEW_PATH)
		append(b, sub, prev, item, "hops", KN_NODE_NOTE,
		       "CARD N: the card a hop belongs to\\l"
		       "dotted \xe2\x80\xba: the chain goes on in another\\l"
		       "card that names the actor\\l");
	if (b->o->view == KN_VIEW_EXPOSURE || b->o->view == KN_VIEW_PATH)
		loosen_legend(b, sub);
}

/* The same items for the legend knockon places itself (kn_legend_place):
 * nodes of a fixed size, so short labels of two lines at most. */
size_t kn_legend_ripple_items(kn_builder *b, kn_legend_item_fn item,
			      Agnode_t **v, size_t max)
{
	size_t n = 0;

	if (n < max && has_node(b, "actor named") &&
	    (v[n] = item(b, NULL, "named", KN_NODE_WINNER,
			 MARK_NAMED "NAMED\\nby effects only")) != NULL)
		style_named(v[n++]);
	if (has_links(b)) {
		if (n < max && (v[n] = item(b, NULL, "links", KN_NODE_NOTE,
				"EFFECT \xe2\x86\x92 ACTOR\\nsolid: the card names it")) != NULL)
			n++;
		if (n < max && (v[n] = item(b, NULL, "detected", KN_NODE_NOTE,
				"DASHED LINK\\nfound in the effect's text")) != NULL)
			n++;
	}
	if (n < max && b->o->view == KN_VIEW_PATH &&
	    (v[n] = item(b, NULL, "hops", KN_NODE_NOTE,
			 "CARD N: a hop's card\\ndotted: into another card")) != NULL)
		n++;
	return n;
}
