/* Maps from the corpus: which signals a view needs, through the storage
 * operations (kn_storage.h), with the corpus's actor identity: its
 * aliases, and actors named as the queries name them. */
#include <stdlib.h>
#include <string.h>

#include "map_internal.h"
#include "kn_storage.h"
#include "map_ripple.h"

static int add_listed(void *ctx, const kn_signal *sig)
{
	void **c = ctx;

	return kn_map_add_signal(c[0], sig, c[1]) != KN_OK;
}

/* The time line's selection: the filter's, at most KN_TIMELINE_MAX. */
static const kn_filter *timeline_filter(const kn_filter *f, kn_filter *tf)
{
	if (f)
		*tf = *f;
	else
		kn_filter_init(tf);
	if (tf->limit <= 0 || tf->limit > KN_TIMELINE_MAX)
		tf->limit = KN_TIMELINE_MAX;
	return tf;
}

static kn_status load(kn_store *st, kn_map *m, kn_view view, const char *what,
		      const kn_filter *f, kn_error *err)
{
	kn_filter tf;
	kn_signal sig;
	kn_status rc;
	void *ctx[2] = { m, err };
	char *key;

	switch (view) {
	case KN_VIEW_SIGNAL:
	case KN_VIEW_CHAIN:
		kn_signal_init(&sig);
		rc = kn_storage(st)->get(st, what, &sig, err);
		if (rc == KN_OK)
			rc = kn_map_add_signal(m, &sig, err);
		kn_signal_release(&sig);
		return rc;
	case KN_VIEW_ACTOR:
		key = kn_map_resolve(m, what, NULL);
		if (!key)
			return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
					    "out of memory");
		rc = kn_storage(st)->actor_signals(st, key, f, add_listed, ctx, err);
		free(key);
		if (rc == KN_OK && m->n_sigs == 0)
			rc = kn_error_set(err, KN_ERR_NOTFOUND, NULL, 0, 0, NULL,
					  "no signal names the actor \"%.200s\"", what);
		return rc;
	case KN_VIEW_EXPOSURE:
		return kn_map_load_exposure(st, m, what, f, err);
	case KN_VIEW_PATH:
		break;
	case KN_VIEW_TIMELINE:
	case KN_VIEW_CORPUS:
		rc = kn_storage(st)->list(st, view == KN_VIEW_TIMELINE ?
					  timeline_filter(f, &tf) : f,
					  add_listed, ctx, err);
		if (rc == KN_OK && m->n_sigs == 0)
			rc = kn_error_set(err, KN_ERR_NOTFOUND, NULL, 0, 0, NULL,
					  "no signal matches the filters");
		return rc;
	}
	return KN_ERR_USAGE;
}

kn_status kn_map_from_store_ids(kn_store *st, kn_map **out, kn_error *err)
{
	kn_map *m;
	kn_status rc = kn_map_open(&m, err);

	*out = NULL;
	if (rc != KN_OK)
		return rc;
	kn_actor_ids_close(m->own_ids);
	m->ids = NULL;
	rc = kn_store_actor_ids(st, &m->own_ids, err);
	m->ids = m->own_ids;
	if (rc != KN_OK) {
		kn_map_close(m);
		return rc;
	}
	*out = m;
	return KN_OK;
}

kn_status kn_map_from_store(kn_store *st, kn_view view, const char *what,
			    const kn_filter *f, kn_map **out, kn_error *err)
{
	kn_map *m = NULL;
	kn_status rc;

	*out = NULL;
	if (view != KN_VIEW_CORPUS && view != KN_VIEW_TIMELINE && (!what || !what[0]))
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, NULL,
				    "the %s view needs %s", kn_view_name(view),
				    view == KN_VIEW_ACTOR || view == KN_VIEW_EXPOSURE
				    ? "an actor name" : "a signal id");
	if (view == KN_VIEW_PATH)
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, NULL,
				    "the path view is made by kn_map_from_path");
	rc = kn_map_from_store_ids(st, &m, err);
	if (rc == KN_OK)
		rc = load(st, m, view, what, f, err);
	if (rc == KN_OK)
		rc = kn_store_actor_names(st, m->own_ids, m->sigs, m->n_sigs, err);
	if (rc != KN_OK) {
		kn_map_close(m);
		return rc;
	}
	*out = m;
	return KN_OK;
}
