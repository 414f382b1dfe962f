/* The map model: options, signals and aliases.  Building the graph is in
 * map_build.c, the corpus side in map_store.c, Graphviz in map_render.c. */
#include <stdlib.h>
#include <string.h>

#include "map_internal.h"
#include "kn_grow.h"
#include "kn_text.h"

static const char *const view_names[] = { "signal", "chain", "actor", "corpus",
					   "timeline", "exposure", "path" };
#define N_VIEWS (sizeof view_names / sizeof view_names[0])
static const char *const format_names[] = { "dot", "svg", "png", "pdf" };
/* The layout engines of Graphviz 2.42 that give a sensible causal map. */
static const char *const engines[] = { "dot", "neato", "fdp", "sfdp", "twopi",
				       "circo", NULL };

void kn_map_options_init(kn_map_options *o)
{
	memset(o, 0, sizeof *o);
	o->view = KN_VIEW_SIGNAL;
	o->format = KN_FORMAT_SVG;
	o->legend = 1;
	o->min_count = 1;
	o->wrap = 30;
	o->max_nodes = KN_MAP_MAX_NODES;
	o->dpi = KN_MAP_DPI;
}

static int parse_name(const char *s, const char *const *names, int n)
{
	int i;

	for (i = 0; s && i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

int kn_view_parse(const char *s, kn_view *out)
{
	int i = parse_name(s, view_names, (int)N_VIEWS);

	if (i < 0)
		return -1;
	*out = (kn_view)i;
	return 0;
}

int kn_format_parse(const char *s, kn_format *out)
{
	int i = parse_name(s, format_names, 4);

	if (i < 0)
		return -1;
	*out = (kn_format)i;
	return 0;
}

const char *kn_view_name(kn_view v)
{
	return (unsigned)v < N_VIEWS ? view_names[v] : "?";
}

const char *kn_format_name(kn_format f)
{
	return (unsigned)f < 4 ? format_names[f] : "?";
}

static int prefix_ok(const char *p)
{
	for (; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '.' ||
		      c == ':' || c == '-'))
			return 0;
	}
	return 1;
}

kn_status kn_map_options_check(const kn_map_options *o, kn_error *err)
{
	size_t i;

	if ((unsigned)o->view > KN_VIEW_PATH)
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, "view",
				    "unknown view");
	if ((unsigned)o->format > KN_FORMAT_PDF)
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, "format",
				    "unknown format");
	if (o->id_prefix && (strlen(o->id_prefix) > 64 || !prefix_ok(o->id_prefix)))
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, "id-prefix",
				    "an id prefix takes at most 64 of A-Z a-z 0-9 _ . : -");
	if (o->engine) {
		for (i = 0; engines[i] && strcmp(engines[i], o->engine) != 0; i++)
			;
		if (!engines[i])
			return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, "engine",
					    "unknown layout engine \"%.64s\"; use dot, neato, fdp, sfdp, twopi or circo",
					    o->engine);
	}
	if (o->view == KN_VIEW_TIMELINE && o->engine)
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, "engine",
				    "the timeline view places everything itself: no layout engine applies");
	if ((o->view == KN_VIEW_ACTOR || o->view == KN_VIEW_EXPOSURE) &&
	    (!o->actor || !o->actor[0]))
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, "actor",
				    "the %s view needs an actor name",
				    kn_view_name(o->view));
	if (o->max_nodes < 0 || o->max_nodes > KN_MAP_NODES_LIMIT)
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, "max-nodes",
				    "the node budget takes 0 (no limit) to %d",
				    KN_MAP_NODES_LIMIT);
	if (o->dpi < 36 || o->dpi > 600)
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, "dpi",
				    "the resolution takes 36 to 600 dots per inch");
	if (o->wrap < 0 || o->wrap > 200 || o->min_count < 0)
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, NULL,
				    "wrap must be 0-200 and min at least 0");
	return KN_OK;
}

kn_status kn_map_open(kn_map **out, kn_error *err)
{
	kn_status s;

	*out = calloc(1, sizeof **out);
	if (!*out)
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
				    "out of memory");
	if ((s = kn_actor_ids_open(&(*out)->own_ids, err)) != KN_OK) {
		free(*out);
		*out = NULL;
		return s;
	}
	(*out)->ids = (*out)->own_ids;
	return KN_OK;
}

void kn_map_close(kn_map *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->n_sigs; i++)
		kn_signal_release(&m->sigs[i]);
	kn_actor_ids_close(m->own_ids);
	kn_map_ripple_free(m->rip);
	kn_map_totals_free(m->totals);
	free(m->sigs);
	free(m->by_id);
	free(m);
}

void kn_map_use_actor_ids(kn_map *m, const kn_actor_ids *ids)
{
	m->ids = ids;
}

const char *kn_map_display_name(const kn_map *m, const char *key)
{
	return kn_actor_ids_name(m->ids, key);
}

size_t kn_map_count(const kn_map *m)
{
	return m ? m->n_sigs : 0;
}

/* The slot of id in m->by_id: where it is, or the free slot it would
 * take. */
static size_t id_slot(const kn_map *m, const char *id)
{
	size_t mask = m->cap_by_id - 1;
	size_t i = (size_t)kn_hash64(id, strlen(id)) & mask;

	while (m->by_id[i] && strcmp(m->sigs[m->by_id[i] - 1].id, id) != 0)
		i = (i + 1) & mask;
	return i;
}

/* Makes room in the id hash for one more signal (kept under half full). */
static int grow_index(kn_map *m)
{
	size_t cap = m->cap_by_id ? m->cap_by_id : 32, i, *old = m->by_id;
	size_t old_cap = m->cap_by_id;

	if (m->cap_by_id && 2 * (m->n_sigs + 1) < m->cap_by_id)
		return 0;
	while (2 * (m->n_sigs + 1) >= cap)
		cap *= 2;
	m->by_id = calloc(cap, sizeof *m->by_id);
	if (!m->by_id) {
		m->by_id = old;
		return -1;
	}
	m->cap_by_id = cap;
	for (i = 0; i < old_cap; i++)
		if (old[i])
			m->by_id[id_slot(m, m->sigs[old[i] - 1].id)] = old[i];
	free(old);
	return 0;
}

kn_status kn_map_add_signal(kn_map *m, const kn_signal *sig, kn_error *err)
{
	size_t slot;
	kn_status st;

	if (!sig->id || !sig->title)
		return kn_error_set(err, KN_ERR_INVALID, NULL, 0, 0, "id",
				    "a signal needs an id and a title (finish it first)");
	if (grow_index(m) || KN_GROW(m->sigs, m->cap_sigs, m->n_sigs + 1))
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
				    "out of memory");
	slot = id_slot(m, sig->id);
	if (m->by_id[slot])
		return KN_OK; /* already in the map */
	kn_signal_init(&m->sigs[m->n_sigs]);
	st = kn_signal_copy(&m->sigs[m->n_sigs], sig);
	if (st != KN_OK) {
		kn_signal_release(&m->sigs[m->n_sigs]);
		return kn_error_set(err, st, NULL, 0, 0, NULL, "out of memory");
	}
	m->by_id[slot] = ++m->n_sigs;
	return KN_OK;
}

kn_status kn_map_add_alias(kn_map *m, const char *name, const char *canonical,
			   kn_error *err)
{
	if (m->ids != m->own_ids) /* a lent identity is the corpus's, whole */
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, NULL,
				    "this map's aliases come from the corpus");
	return kn_actor_ids_alias(m->own_ids, name, canonical, err);
}

char *kn_map_resolve(const kn_map *m, const char *name, const char **canonical)
{
	return kn_actor_ids_resolve(m->ids, name, canonical);
}

const kn_signal *kn_map_find(const kn_map *m, const char *id)
{
	size_t slot;

	if (!m->cap_by_id || !id)
		return NULL;
	slot = id_slot(m, id);
	return m->by_id[slot] ? &m->sigs[m->by_id[slot] - 1] : NULL;
}
