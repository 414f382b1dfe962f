/* Reports: gather what a report shows from the corpus once (signals,
 * recurring actors, aliases, maps), then hand it to the HTML or Markdown
 * writer.  Timing is measured per phase so the benchmark can say where the
 * time goes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "kn_file.h"
#include "kn_grow.h"
#include "kn_storage.h"
#include "report_internal.h"
#include "kn_text.h"

void kn_report_options_init(kn_report_options *o)
{
	memset(o, 0, sizeof *o);
	o->format = KN_REPORT_HTML;
	o->min_recurring = 2;
	o->maps = 1;
	o->top = 20;
	o->made = KN_REPORT_MADE_NOW;
}

int kn_report_format_parse(const char *s, kn_report_format *out)
{
	if (strcmp(s, "html") == 0)
		*out = KN_REPORT_HTML;
	else if (strcmp(s, "md") == 0 || strcmp(s, "markdown") == 0)
		*out = KN_REPORT_MD;
	else
		return -1;
	return 0;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static kn_status nomem(kn_error *err)
{
	return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
}

static int keep_signal(void *ctx, const kn_signal *sig)
{
	rpt *r = ctx;

	if (KN_GROW(r->sigs, r->cap_sigs, r->n_sigs + 1)) {
		r->oom = 1;
		return 1;
	}
	kn_signal_init(&r->sigs[r->n_sigs]);
	if (kn_signal_copy(&r->sigs[r->n_sigs], sig) != KN_OK) {
		kn_signal_release(&r->sigs[r->n_sigs]);
		r->oom = 1;
		return 1;
	}
	r->n_sigs++;
	return 0;
}

/* The corpus's actor identity (kn_actor.h): the report's anchors, tables
 * and maps group and name actors as the queries do. */
static kn_status load_actor_ids(kn_store *st, rpt *r, kn_error *err)
{
	kn_status s = kn_store_actor_ids(st, &r->ids, err);

	if (s == KN_OK)
		s = kn_store_actor_names(st, r->ids, r->sigs, r->n_sigs, err);
	return s;
}

static int use_cmp(const void *a, const void *b)
{
	const rpt_use *x = a, *y = b;

	if (x->actor != y->actor)
		return x->actor < y->actor ? -1 : 1;
	if (x->sig != y->sig)
		return x->sig < y->sig ? -1 : 1;
	return (int)x->role - (int)y->role;
}

static kn_status index_actors(rpt *r, kn_error *err)
{
	size_t i, j, n = 0;

	for (i = 0; i < r->n_sigs; i++)
		n += kn_signal_n_actors(&r->sigs[i]);
	r->uses = calloc(n ? n : 1, sizeof *r->uses);
	if (!r->uses)
		return nomem(err);
	for (i = 0; i < r->n_sigs; i++) {
		const kn_signal *s = &r->sigs[i];

		for (j = 0; j < kn_signal_n_actors(s); j++) {
			rpt_use *u = &r->uses[r->n_uses++];
			const kn_actor_ref *a = kn_signal_actor(s, j, &u->role);

			u->actor = rpt_actor_hash(r, a->name);
			u->sig = i;
			u->name = a->name;
			u->note = a->note;
		}
	}
	if (r->n_uses > 1) /* qsort takes no NULL, even for 0 */
		qsort(r->uses, r->n_uses, sizeof *r->uses, use_cmp);
	return rpt_index(r) ? nomem(err) : KN_OK;
}

/* Signals, aliases, the recurring actors and the contested ones: all for
 * the same selection.  A filter's limit caps rows, which would make the
 * tables count a different set of signals than the one shown, so the
 * report ignores it. */
static kn_status gather(kn_store *st, const kn_filter *f, rpt *r,
			kn_error *err)
{
	kn_filter sel;
	kn_recurring_opts ro;
	kn_status s;
	int role;

	if (f)
		sel = *f;
	else
		kn_filter_init(&sel);
	sel.limit = 0;
	s = kn_filter_check(&sel, err);
	if (s == KN_OK)
		s = kn_store_list(st, &sel, keep_signal, r, err);
	if (s == KN_OK && r->oom)
		return nomem(err);
	if (s == KN_OK && r->n_sigs == 0)
		return kn_error_set(err, KN_ERR_NOTFOUND, NULL, 0, 0, NULL,
				    "no signal to report: the corpus is empty "
				    "or the filters select none");
	for (role = 0; s == KN_OK && role < 2; role++) {
		kn_recurring_opts_init(&ro);
		ro.role = role ? KN_LOSER : KN_WINNER;
		ro.min = r->o->min_recurring > 0 ? r->o->min_recurring : 2;
		ro.filter = sel;
		s = kn_query_recurring(st, &ro, role ? &r->losers : &r->winners,
				       err);
	}
	if (s == KN_OK)
		s = kn_query_actors(st, &sel, 0, &r->actors, err);
	if (s == KN_OK)
		s = load_actor_ids(st, r, err);
	if (s == KN_OK)
		s = index_actors(r, err);
	if (s == KN_OK)
		s = rpt_changes_gather(st, &sel, r, err);
	if (s == KN_OK)
		s = rpt_converge_gather(st, &sel, r, err);
	return s;
}

/* Renders a map of the signals sigs[0 .. n) (one: the signal view, else
 * a corpus map keeping actors named by at least min) into *out. */
static kn_status draw(rpt *r, kn_renderer *rr, const size_t *sigs, size_t n,
		      int min, const char *prefix, int legend, rpt_map *out,
		      kn_buf *tmp, kn_error *err)
{
	kn_map *m = NULL;
	kn_map_options mo;
	size_t i;
	kn_status s = kn_map_open(&m, err);

	for (i = 0; s == KN_OK && i < n; i++)
		s = kn_map_add_signal(m, &r->sigs[sigs[i]], err);
	if (s == KN_OK)
		kn_map_use_actor_ids(m, r->ids);
	kn_map_options_init(&mo);
	mo.view = min ? KN_VIEW_CORPUS : KN_VIEW_SIGNAL;
	mo.format = KN_FORMAT_SVG;
	/* ids unique per map so that many maps share one page */
	mo.id_prefix = prefix;
	mo.scalable = r->o->format == KN_REPORT_HTML;
	mo.title = "";
	mo.legend = legend;
	if (min) {
		mo.min_count = min;
		/* dot lays a corpus map out as two columns, signals and
		 * actors, that read at page width; the force-directed
		 * engines spread the same map twice as wide, at 4x the time */
		mo.engine = "dot";
	}
	kn_buf_reset(tmp);
	if (s == KN_OK)
		s = kn_map_render(rr, m, &mo, tmp, err);
	if (s == KN_OK)
		s = rpt_svg_clean(tmp, out, err);
	kn_map_close(m);
	return s;
}

static void progress(const rpt *r, size_t done, size_t total)
{
	if (r->o->progress)
		r->o->progress(r->o->progress_ctx, done, total);
}

/* The corpus maps, then a map per signal with a section. */
static kn_status draw_maps(rpt *r, kn_renderer *rr, kn_buf *tmp, kn_error *err)
{
	size_t i, done = 0, total = r->n_cmaps + r->n_shown + 1;
	char prefix[32];
	kn_status s = KN_OK;

	for (i = 0; s == KN_OK && i < r->n_cmaps; i++) {
		rpt_cmap *c = &r->cmaps[i];

		snprintf(prefix, sizeof prefix, "c%zu-", i);
		progress(r, done++, total);
		/* the page shows the legend once, by the first corpus map */
		s = draw(r, rr, c->sigs, c->n_sigs, c->min > 0 ? c->min : 1,
			 prefix, i == 0, &c->map, tmp, err);
	}
	for (i = 0; s == KN_OK && i < r->n_shown; i++) {
		size_t k = r->order[i];

		snprintf(prefix, sizeof prefix, "m%zu-", k + 1);
		progress(r, done++, total);
		s = draw(r, rr, &k, 1, 0, prefix, 0, &r->maps[k], tmp, err);
	}
	progress(r, done, total);
	if (s == KN_OK)
		s = rpt_changes_draw(r, rr, tmp, err);
	if (s == KN_OK)
		s = rpt_converge_draw(r, rr, tmp, err);
	progress(r, total, total);
	if (s == KN_OK && r->o->timing)
		r->o->timing->maps = r->n_cmaps + r->n_shown +
				     (rpt_changes_timeline(r) != NULL);
	return s;
}

static kn_status draw_all(rpt *r, kn_error *err)
{
	kn_renderer *rr = r->o->renderer;
	kn_buf tmp = KN_BUF_INIT;
	kn_status s = KN_OK;

	r->maps = calloc(r->n_sigs ? r->n_sigs : 1, sizeof *r->maps);
	if (!r->maps)
		return nomem(err);
	if (!r->o->maps)
		return KN_OK;
	if (!rr)
		s = kn_renderer_open(&rr, err);
	if (s == KN_OK)
		s = draw_maps(r, rr, &tmp, err);
	if (rr != r->o->renderer)
		kn_renderer_close(rr);
	kn_buf_release(&tmp);
	return s;
}

static void release(rpt *r)
{
	size_t i;

	for (i = 0; i < r->n_sigs; i++)
		kn_signal_release(&r->sigs[i]);
	free(r->sigs);
	for (i = 0; r->maps && i < r->n_sigs; i++)
		kn_buf_release(&r->maps[i].svg);
	free(r->maps);
	kn_actor_ids_close(r->ids);
	free(r->uses);
	free(r->groups);
	free(r->by_id);
	kn_actor_counts_release(&r->losers);
	kn_actor_counts_release(&r->winners);
	kn_actor_roles_list_release(&r->actors);
	rpt_changes_release(r);
	rpt_converge_release(r);
	rpt_select_release(r);
}

/* The header's date: YYYY-MM-DD of o->made, or of now, in UTC. */
static void made_date(rpt *r)
{
	time_t t = r->o->made >= 0 ? (time_t)r->o->made : time(NULL);
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(r->made, sizeof r->made, "%Y-%m-%d", &tm) == 0)
		snprintf(r->made, sizeof r->made, "unknown");
}

/* What the page shows of the selection: the signals with a section,
 * the actors of the index, the corpus maps. */
static kn_status select_shown(rpt *r, kn_error *err)
{
	if (rpt_select_signals(r) || rpt_select_actors(r) ||
	    (r->o->maps && rpt_plan_corpus(r)))
		return nomem(err);
	return KN_OK;
}

/* Everything but the writing: the corpus read and the maps drawn. */
static kn_status prepare(kn_store *st, const kn_filter *f,
			 const kn_report_options *o, rpt *r, kn_error *err)
{
	double t0 = now(), t1;
	kn_status s;

	memset(r, 0, sizeof *r);
	r->o = o;
	r->title = o->title && o->title[0] ? o->title : "knockon report";
	r->top = o->top ? o->top : 20;
	r->md_maps = "report_maps";
	made_date(r);
	kn_actor_counts_init(&r->losers);
	kn_actor_counts_init(&r->winners);
	kn_actor_roles_list_init(&r->actors);
	if (o->timing)
		memset(o->timing, 0, sizeof *o->timing);
	s = gather(st, f, r, err);
	if (s == KN_OK)
		s = select_shown(r, err);
	t1 = now();
	if (s == KN_OK)
		s = draw_all(r, err);
	if (o->timing) {
		o->timing->query = t1 - t0;
		o->timing->render = now() - t1;
	}
	return s;
}

static void compose(const rpt *r, kn_buf *out)
{
	if (r->o->format == KN_REPORT_MD)
		rpt_write_md(r, out, r->md_maps);
	else
		rpt_write_html(r, out);
}

static kn_status kn_report_write_read(kn_store *st, const kn_filter *f,
				      const kn_report_options *o, kn_buf *out,
				      kn_error *err)
{
	kn_report_options defaults;
	rpt r;
	kn_status s;
	double t0;

	if (!o) {
		kn_report_options_init(&defaults);
		o = &defaults;
	}
	s = prepare(st, f, o, &r, err);
	t0 = now();
	if (s == KN_OK) {
		compose(&r, out);
		if (kn_buf_failed(out))
			s = nomem(err);
	}
	if (o->timing)
		o->timing->write = now() - t0;
	release(&r);
	return s;
}

kn_status kn_report_write(kn_store *st, const kn_filter *f,
			  const kn_report_options *o, kn_buf *out,
			  kn_error *err)
{
	KN_RETURN_IN_SNAPSHOT(st, err, kn_report_write_read(st, f, o, out, err));
}

kn_status kn_report_write_file(kn_store *st, const kn_filter *f,
			       const kn_report_options *o, const char *path,
			       kn_error *err)
{
	kn_report_options defaults;
	kn_buf text = KN_BUF_INIT;
	rpt_md_dest dest;
	rpt r;
	kn_status s;
	double t0;

	if (!o) {
		kn_report_options_init(&defaults);
		o = &defaults;
	}
	if (o->format == KN_REPORT_MD && strcmp(path, "-") == 0)
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, "output",
				    "a markdown report is a folder with its maps: "
				    "give -o DIR/");
	memset(&dest, 0, sizeof dest);
	s = o->format == KN_REPORT_MD ? rpt_md_dest_of(path, &dest, err) : KN_OK;
	if (s == KN_OK)
		s = prepare(st, f, o, &r, err);
	else
		memset(&r, 0, sizeof r);
	if (dest.maps_name)
		r.md_maps = dest.maps_name;
	t0 = now();
	if (s == KN_OK) {
		compose(&r, &text);
		if (kn_buf_failed(&text))
			s = nomem(err);
	}
	if (s == KN_OK && o->format == KN_REPORT_MD)
		s = rpt_md_write_files(&r, &dest, &text, err);
	else if (s == KN_OK)
		s = kn_file_write_atomic(path, text.data, text.len, "the report", err);
	if (o->timing)
		o->timing->write = now() - t0;
	kn_buf_release(&text);
	release(&r);
	rpt_md_dest_release(&dest);
	return s;
}
