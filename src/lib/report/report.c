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

/* Renders one map (the corpus when one is NULL) into r->maps[index]. */
static kn_status draw(rpt *r, kn_renderer *rr, const kn_signal *one,
		      size_t index, kn_buf *tmp, kn_error *err)
{
	kn_map *m = NULL;
	kn_map_options mo;
	char prefix[32];
	size_t i;
	kn_status s = kn_map_open(&m, err);

	for (i = 0; s == KN_OK && i < (one ? 1 : rpt_corpus_signals(r)); i++)
		s = kn_map_add_signal(m, one ? one : &r->sigs[i], err);
	if (s == KN_OK)
		kn_map_use_actor_ids(m, r->ids);
	kn_map_options_init(&mo);
	mo.view = one ? KN_VIEW_SIGNAL : KN_VIEW_CORPUS;
	mo.format = KN_FORMAT_SVG;
	/* ids unique per map so that many maps share one page */
	snprintf(prefix, sizeof prefix, "m%zu-", index);
	mo.id_prefix = prefix;
	mo.scalable = r->o->format == KN_REPORT_HTML;
	mo.title = "";
	mo.legend = !one; /* the page shows the legend once, by the corpus map */
	if (!one) {
		mo.min_count = rpt_corpus_min(r);
		/* the force-directed default takes tens of seconds past a few
		 * dozen signals (20 s for 200 here); dot's two ranks take
		 * well under a second */
		if (rpt_corpus_signals(r) > RPT_CORPUS_FORCE_MAX)
			mo.engine = "dot";
	}
	kn_buf_reset(tmp);
	if (s == KN_OK)
		s = kn_map_render(rr, m, &mo, tmp, err);
	if (s == KN_OK)
		s = rpt_svg_clean(tmp, &r->maps[index], err);
	kn_map_close(m);
	return s;
}

static kn_status draw_all(rpt *r, kn_error *err)
{
	kn_renderer *rr = r->o->renderer;
	kn_buf tmp = KN_BUF_INIT;
	kn_status s = KN_OK;
	size_t i;

	r->maps = calloc(r->n_sigs + 1, sizeof *r->maps);
	if (!r->maps)
		return nomem(err);
	if (!r->o->maps)
		return KN_OK;
	if (!rr)
		s = kn_renderer_open(&rr, err);
	for (i = 0; s == KN_OK && i <= r->n_sigs; i++)
		s = draw(r, rr, i ? &r->sigs[i - 1] : NULL, i, &tmp, err);
	if (s == KN_OK)
		s = rpt_changes_draw(r, rr, &tmp, err);
	if (s == KN_OK)
		s = rpt_converge_draw(r, rr, &tmp, err);
	if (s == KN_OK && r->o->timing)
		r->o->timing->maps = r->n_sigs + 1;
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
	for (i = 0; r->maps && i <= r->n_sigs; i++)
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
	kn_actor_counts_init(&r->losers);
	kn_actor_counts_init(&r->winners);
	kn_actor_roles_list_init(&r->actors);
	if (o->timing)
		memset(o->timing, 0, sizeof *o->timing);
	s = gather(st, f, r, err);
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
		rpt_write_md(r, out, "maps");
	else
		rpt_write_html(r, out);
}

kn_status kn_report_write(kn_store *st, const kn_filter *f,
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

/* Where the Markdown report goes: *dir (heap) holds report.md, or the
 * .md file path names, and maps/. */
static kn_status md_paths(const char *path, char **dir, char **md,
			  kn_error *err)
{
	size_t n = strlen(path);
	const char *slash;
	kn_buf b = KN_BUF_INIT;

	struct stat sb;

	if (n > 3 && strcmp(path + n - 3, ".md") == 0 &&
	    !(stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))) {
		slash = strrchr(path, '/');
		*dir = slash ? strndup(path, (size_t)(slash - path) + 1)
			     : strdup(".");
		*md = strdup(path);
	} else {
		while (n > 1 && path[n - 1] == '/')
			n--;
		*dir = strndup(path, n);
		kn_buf_printf(&b, "%.*s/report.md", (int)n, path);
		*md = kn_buf_detach(&b, NULL);
	}
	if (!*dir || !*md)
		return nomem(err);
	return KN_OK;
}

static kn_status write_md_files(const rpt *r, const char *path,
				const kn_buf *text, kn_error *err)
{
	char *dir = NULL, *md = NULL;
	kn_buf name = KN_BUF_INIT;
	kn_status s = md_paths(path, &dir, &md, err);
	size_t i;

	if (s == KN_OK)
		s = rpt_mkdir(dir, err);
	kn_buf_printf(&name, "%s/maps", dir ? dir : ".");
	if (s == KN_OK && r->o->maps)
		s = rpt_mkdir(kn_buf_cstr(&name), err);
	for (i = 0; s == KN_OK && r->o->maps && i <= r->n_sigs; i++) {
		kn_buf_reset(&name);
		kn_buf_printf(&name, "%s/maps/", dir);
		if (i)
			kn_signal_anchor(&name, r->sigs[i - 1].id);
		else
			kn_buf_puts(&name, "corpus");
		kn_buf_puts(&name, ".svg");
		s = kn_buf_failed(&name) ? nomem(err)
			: kn_file_write_atomic(kn_buf_cstr(&name), r->maps[i].svg.data,
					       r->maps[i].svg.len, "the map", err);
	}
	if (s == KN_OK && r->o->maps)
		s = rpt_changes_write_md_files(r, dir, err);
	if (s == KN_OK && r->o->maps)
		s = rpt_converge_write_md_files(r, dir, err);
	/* the report last: its links only ever point at complete maps */
	if (s == KN_OK)
		s = kn_file_write_atomic(md, text->data, text->len, "the report", err);
	kn_buf_release(&name);
	free(dir);
	free(md);
	return s;
}

kn_status kn_report_write_file(kn_store *st, const kn_filter *f,
			       const kn_report_options *o, const char *path,
			       kn_error *err)
{
	kn_report_options defaults;
	kn_buf text = KN_BUF_INIT;
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
	s = prepare(st, f, o, &r, err);
	t0 = now();
	if (s == KN_OK) {
		compose(&r, &text);
		if (kn_buf_failed(&text))
			s = nomem(err);
	}
	if (s == KN_OK && o->format == KN_REPORT_MD)
		s = write_md_files(&r, path, &text, err);
	else if (s == KN_OK)
		s = kn_file_write_atomic(path, text.data, text.len, "the report", err);
	if (o->timing)
		o->timing->write = now() - t0;
	kn_buf_release(&text);
	release(&r);
	return s;
}
