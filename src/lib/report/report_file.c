/* The report's folders and the Markdown report's files, each written
 * whole by kn_file_write_atomic (file.c). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kn_file.h"
#include "report_internal.h"

static kn_status io_fail(kn_error *err, const char *path, const char *what,
			 int e)
{
	return kn_error_set(err, KN_ERR_IO, path, 0, 0, NULL, "cannot %s: %s",
			    what, strerror(e));
}

kn_status rpt_mkdir(const char *path, kn_error *err)
{
	struct stat sb;

	if (mkdir(path, 0777) == 0)
		return KN_OK;
	if (errno == EEXIST && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
		return KN_OK;
	return io_fail(err, path, "create the folder", errno);
}

static kn_status nomem(kn_error *err)
{
	return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
}

kn_status rpt_md_dest_of(const char *path, rpt_md_dest *d, kn_error *err)
{
	size_t n = strlen(path);
	const char *slash, *base;
	kn_buf b = KN_BUF_INIT;
	struct stat sb;

	memset(d, 0, sizeof *d);
	if (n > 3 && strcmp(path + n - 3, ".md") == 0 &&
	    !(stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))) {
		slash = strrchr(path, '/');
		base = slash ? slash + 1 : path;
		d->dir = slash ? strndup(path, (size_t)(slash - path) + 1)
			       : strdup(".");
		d->md = strdup(path);
		/* named after the file: two reports in one folder keep
		 * their own maps, and no maps/ of the user's is touched */
		kn_buf_printf(&b, "%.*s_maps", (int)(strlen(base) - 3), base);
	} else {
		while (n > 1 && path[n - 1] == '/')
			n--;
		d->dir = strndup(path, n);
		kn_buf_printf(&b, "%.*s/report.md", (int)n, path);
		d->md = kn_buf_detach(&b, NULL);
		kn_buf_puts(&b, "report_maps");
	}
	d->maps_name = kn_buf_detach(&b, NULL);
	if (d->dir && d->maps_name) {
		kn_buf_printf(&b, "%s/%s", d->dir, d->maps_name);
		d->maps = kn_buf_detach(&b, NULL);
	}
	if (!d->dir || !d->md || !d->maps_name || !d->maps)
		return nomem(err);
	return KN_OK;
}

void rpt_md_dest_release(rpt_md_dest *d)
{
	free(d->dir);
	free(d->md);
	free(d->maps);
	free(d->maps_name);
	memset(d, 0, sizeof *d);
}

void rpt_md_map_target(const rpt *r, kn_buf *b, const char *name)
{
	const char *p;

	for (p = r->md_maps; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("._~-", c))
			kn_buf_putc(b, (char)c);
		else
			kn_buf_printf(b, "%%%02X", c);
	}
	kn_buf_printf(b, "/%s.svg", name);
}

static kn_status put_map(const char *dir, const char *name, const rpt_map *m,
			 kn_error *err)
{
	kn_buf path = KN_BUF_INIT;
	kn_status s;

	kn_buf_printf(&path, "%s/%s.svg", dir, name);
	s = kn_buf_failed(&path) ? nomem(err)
		: kn_file_write_atomic(kn_buf_cstr(&path), m->svg.data, m->svg.len,
				       "the map", err);
	kn_buf_release(&path);
	return s;
}

kn_status rpt_md_write_files(const rpt *r, const rpt_md_dest *d,
			     const kn_buf *text, kn_error *err)
{
	kn_buf name = KN_BUF_INIT;
	kn_status s = rpt_mkdir(d->dir, err);
	size_t i;

	if (s == KN_OK && r->o->maps)
		s = rpt_mkdir(d->maps, err);
	for (i = 0; s == KN_OK && r->o->maps && i < r->n_cmaps; i++) {
		kn_buf_reset(&name);
		kn_buf_printf(&name, "corpus-%zu", i + 1);
		s = put_map(d->maps, kn_buf_cstr(&name), &r->cmaps[i].map, err);
	}
	for (i = 0; s == KN_OK && r->o->maps && i < r->n_shown; i++) {
		kn_buf_reset(&name);
		kn_signal_anchor(&name, r->sigs[r->order[i]].id);
		s = kn_buf_failed(&name) ? nomem(err)
			: put_map(d->maps, kn_buf_cstr(&name),
				  &r->maps[r->order[i]], err);
	}
	if (s == KN_OK && r->o->maps)
		s = rpt_changes_write_md_files(r, d->maps, err);
	if (s == KN_OK && r->o->maps)
		s = rpt_converge_write_md_files(r, d->maps, err);
	/* the report last: its links only ever point at complete maps */
	if (s == KN_OK)
		s = kn_file_write_atomic(d->md, text->data, text->len, "the report",
					 err);
	kn_buf_release(&name);
	return s;
}
