/* Reading signals from files, folders and stdin, one unit at a time. */
#include "knockon/reader.h"

#include <dirent.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "knockon/buf.h"
#include "knockon/card.h"
#include "json_internal.h"
#include "kn_grow.h"
#include "kn_reader.h"
#include "card_kinds.h"
#include "kn_text.h"

/* Largest whole file read into memory (JSON documents and card text);
 * NDJSON is streamed and has no such limit. */
#define KN_MAX_WHOLE_FILE ((size_t)256 << 20)

typedef struct unit {
	kn_status status;
	kn_signal sig;
	kn_error err;
} unit;

typedef enum { MODE_NONE, MODE_NDJSON, MODE_UNITS } read_mode;

struct line_in;

/* A queued input; sniff: a folder entry without a known extension, read
 * only when its content is a card or JSON and otherwise skipped. */
typedef struct queued {
	char *path;
	int sniff;
} queued;

struct kn_reader {
	queued *paths; /* queued inputs, consumed from the front */
	size_t n_paths, next_path, paths_cap;
	/* the input being read */
	FILE *fp;
	struct line_in *in;
	char *source;
	read_mode mode;
	long line;      /* NDJSON: lines read so far */
	kn_buf pending; /* NDJSON: the first line, read while detecting */
	int has_pending;
	unit *units;    /* MODE_UNITS: the units of a whole file */
	size_t n_units, next_unit, units_cap;
	/* atomic: kn_store_ingest reads on one thread and stores on another,
	 * and the progress callback asks from the storing one */
	_Atomic unsigned long long done, total;
	/* files and folders read so far, so that each is read once however
	 * many paths (symlinks, hard links) lead to it: an open-addressing
	 * set of (st_dev, st_ino), at most half full */
	struct seen_id *seen;
	size_t seen_cap, n_seen;
	int sniff; /* the current input is read only if it holds signals */
	_Atomic unsigned long long skipped;
	kn_reader_skip_fn on_skip;
	void *skip_ctx;
	kn_jtree tree; /* NDJSON: each line's JSON, in memory kept between lines */
	kn_buf line_buf; /* NDJSON: the line being read, likewise */
};

typedef struct seen_id {
	dev_t dev;
	ino_t ino;
	int used;
} seen_id;

static size_t seen_slot(const seen_id *set, size_t cap, dev_t dev, ino_t ino)
{
	unsigned long long key[2] = { (unsigned long long)dev,
				      (unsigned long long)ino };
	size_t h = (size_t)kn_hash64(key, sizeof key) & (cap - 1);

	while (set[h].used && (set[h].dev != dev || set[h].ino != ino))
		h = (h + 1) & (cap - 1);
	return h;
}

static int seen_grow(kn_reader *r)
{
	size_t cap = r->seen_cap ? 2 * r->seen_cap : 64, i;
	seen_id *set = calloc(cap, sizeof *set);

	if (!set)
		return -1;
	for (i = 0; i < r->seen_cap; i++)
		if (r->seen[i].used)
			set[seen_slot(set, cap, r->seen[i].dev, r->seen[i].ino)] =
				r->seen[i];
	free(r->seen);
	r->seen = set;
	r->seen_cap = cap;
	return 0;
}

/* 1 when the file or folder sb describes was met before, else 0 (and it
 * is remembered); -1 when out of memory. */
static int seen_before(kn_reader *r, const struct stat *sb)
{
	size_t h;

	if (2 * (r->n_seen + 1) > r->seen_cap && seen_grow(r))
		return -1;
	h = seen_slot(r->seen, r->seen_cap, sb->st_dev, sb->st_ino);
	if (r->seen[h].used)
		return 1;
	r->seen[h].dev = sb->st_dev;
	r->seen[h].ino = sb->st_ino;
	r->seen[h].used = 1;
	r->n_seen++;
	return 0;
}

kn_status kn_reader_open(kn_reader **out, kn_error *err)
{
	*out = calloc(1, sizeof **out);
	if (!*out)
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
				    "out of memory");
	return KN_OK;
}

static void drop_units(kn_reader *r)
{
	size_t i;

	for (i = 0; i < r->n_units; i++)
		kn_signal_release(&r->units[i].sig);
	free(r->units);
	r->units = NULL;
	r->n_units = r->next_unit = r->units_cap = 0;
}

/* Ends the current input. */
static void finish_input(kn_reader *r)
{
	if (r->fp && r->fp != stdin)
		fclose(r->fp);
	r->fp = NULL;
	free(r->source);
	r->source = NULL;
	kn_buf_release(&r->pending);
	r->has_pending = 0;
	drop_units(r);
	r->mode = MODE_NONE;
}

void kn_reader_close(kn_reader *r)
{
	size_t i;

	if (!r)
		return;
	finish_input(r);
	for (i = r->next_path; i < r->n_paths; i++)
		free(r->paths[i].path);
	free(r->paths);
	free(r->in);
	free(r->seen);
	kn_jtree_release(&r->tree);
	kn_buf_release(&r->line_buf);
	free(r);
}

static kn_status queue_path(kn_reader *r, const char *path, size_t at)
{
	char *copy = strdup(path);

	if (!copy)
		return KN_ERR_NOMEM;
	if (KN_GROW(r->paths, r->paths_cap, r->n_paths + 1)) {
		free(copy);
		return KN_ERR_NOMEM;
	}
	memmove(&r->paths[at + 1], &r->paths[at],
		(r->n_paths - at) * sizeof *r->paths);
	r->paths[at].path = copy;
	r->paths[at].sniff = 0;
	r->n_paths++;
	return KN_OK;
}

kn_status kn_reader_add(kn_reader *r, const char *path, kn_error *err)
{
	struct stat sb;

	if (strcmp(path, "-") != 0 && stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
		r->total += (unsigned long long)sb.st_size;
	if (queue_path(r, path, r->n_paths))
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
				    "out of memory");
	return KN_OK;
}

void kn_reader_progress(const kn_reader *r, unsigned long long *done,
			unsigned long long *total)
{
	*done = atomic_load_explicit(&r->done, memory_order_relaxed);
	*total = atomic_load_explicit(&r->total, memory_order_relaxed);
}

/* Puts n paths (heap strings, taken) at the front of the queue at once, so
 * that a tree of folders is queued in time linear in its entries. */
static kn_status queue_block(kn_reader *r, queued *names, size_t n)
{
	size_t left = r->n_paths - r->next_path;

	if (!n)
		return KN_OK;
	if (n > (size_t)-1 - r->n_paths ||
	    KN_GROW(r->paths, r->paths_cap, r->n_paths + n))
		return KN_ERR_NOMEM;
	memmove(&r->paths[r->next_path + n], &r->paths[r->next_path],
		left * sizeof *r->paths);
	memcpy(&r->paths[r->next_path], names, n * sizeof *names);
	r->n_paths += n;
	return KN_OK;
}

void kn_reader_on_skip(kn_reader *r, kn_reader_skip_fn fn, void *ctx)
{
	r->on_skip = fn;
	r->skip_ctx = ctx;
}

void kn_reader_skip_hook(const kn_reader *r, kn_reader_skip_fn *fn, void **ctx)
{
	*fn = r->on_skip;
	*ctx = r->skip_ctx;
}

unsigned long long kn_reader_skipped(const kn_reader *r)
{
	return r->skipped;
}

const char *kn_skip_reason_str(kn_skip_reason why)
{
	switch (why) {
	case KN_SKIP_HIDDEN:
		return "hidden";
	case KN_SKIP_BACKUP:
		return "editor backup";
	case KN_SKIP_NOT_SIGNALS:
		break;
	}
	return "neither a card nor JSON";
}

static void skip_entry(kn_reader *r, const char *path, kn_skip_reason why)
{
	r->skipped++;
	if (r->on_skip)
		r->on_skip(r->skip_ctx, path, why);
}

/* Whether name ends with the lower-case ASCII end, in any case (not
 * strcasecmp: its idea of case follows the locale). */
static int ends_with(const char *name, const char *end)
{
	size_t n = strlen(name), k = strlen(end), i;

	if (n <= k)
		return 0;
	for (i = 0; i < k; i++) {
		int c = (unsigned char)name[n - k + i];

		if ((c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c) != end[i])
			return 0;
	}
	return 1;
}

/* Editor leftovers, passed over by name: "x~" (Emacs, vim), "#x#" (Emacs
 * autosave), "x.swp" / "x.swo" (vim), "x.bak", "x.orig" (merge tools). */
static int backup_name(const char *name)
{
	size_t n = strlen(name);

	return name[n - 1] == '~' || (n > 2 && name[0] == '#' && name[n - 1] == '#') ||
	       ends_with(name, ".swp") || ends_with(name, ".swo") ||
	       ends_with(name, ".bak") || ends_with(name, ".orig");
}

/* Extensions read as signals whatever they hold (a bad one is rejected),
 * in any case ("x.TXT"); any other file is sniffed. */
static int known_extension(const char *name)
{
	static const char *const ends[] = { ".json", ".ndjson", ".jsonl",
					    ".txt", ".card", NULL };
	size_t i;

	for (i = 0; ends[i]; i++)
		if (ends_with(name, ends[i]))
			return 1;
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const queued *)a)->path, ((const queued *)b)->path);
}

/* Whether the folder entry at path (named name) is queued: folders and
 * regular files, but not hidden entries and editor backups, which are
 * counted as skipped.  A FIFO or device (named x.json or not) would block
 * or never end, and a dangling link is no file: neither is counted. */
static int take_entry(kn_reader *r, const char *path, const char *name,
		      int *sniff)
{
	struct stat sb;

	if (stat(path, &sb) != 0 ||
	    !(S_ISDIR(sb.st_mode) || S_ISREG(sb.st_mode)))
		return 0;
	if (name[0] == '.' || (S_ISREG(sb.st_mode) && backup_name(name))) {
		skip_entry(r, path, name[0] == '.' ? KN_SKIP_HIDDEN : KN_SKIP_BACKUP);
		return 0;
	}
	*sniff = S_ISREG(sb.st_mode) && !known_extension(name);
	if (S_ISREG(sb.st_mode))
		r->total += (unsigned long long)sb.st_size;
	return 1;
}

/* Replaces the folder at the front of the queue by its entries, sorted:
 * sub-folders and files (take_entry).  Entries are sorted before they are
 * judged, so what is skipped is reported in the same order everywhere
 * (readdir's order depends on the file system). */
static kn_status expand_folder(kn_reader *r, const char *dir, kn_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	queued *names = NULL;
	size_t n = 0, cap = 0, i, kept = 0;
	kn_status st = KN_OK;

	if (!d)
		return kn_error_set(err, KN_ERR_IO, dir, 0, 0, NULL,
				    "cannot read folder: %s", strerror(errno));
	while ((e = readdir(d)) != NULL) {
		kn_buf p = KN_BUF_INIT;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		kn_buf_printf(&p, "%s%s%s", dir,
			      dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
		if (kn_buf_failed(&p) || KN_GROW(names, cap, n + 1)) {
			kn_buf_release(&p);
			st = KN_ERR_NOMEM;
			break;
		}
		names[n].sniff = 0;
		names[n++].path = kn_buf_detach(&p, NULL);
	}
	closedir(d);
	if (names)
		qsort(names, n, sizeof *names, by_name);
	for (i = 0; st == KN_OK && i < n; i++) {
		const char *name = strrchr(names[i].path, '/') + 1;
		int sniff = 0;

		if (take_entry(r, names[i].path, name, &sniff)) {
			names[i].sniff = sniff;
			names[kept++] = names[i];
		} else {
			free(names[i].path);
		}
	}
	if (st == KN_OK)
		st = queue_block(r, names, kept);
	else
		kept = n; /* nothing was judged: every path is still owned */
	for (i = 0; st && i < kept; i++)
		free(names[i].path);
	free(names);
	if (st)
		kn_error_set(err, st, dir, 0, 0, NULL, "out of memory");
	return st;
}

/* Buffered input with lines of any length (getline would read /dev/zero
 * forever; this stops at the first NUL byte while detecting). */
typedef struct line_in {
	char buf[1 << 16];
	size_t pos, len;
	int eof, error;
} line_in;

static line_in *lin_of(kn_reader *r)
{
	return r->in;
}

static int fill(kn_reader *r, line_in *in)
{
	size_t n;

	if (in->eof || in->error)
		return -1;
	n = fread(in->buf, 1, sizeof in->buf, r->fp);
	if (n == 0) {
		if (ferror(r->fp))
			in->error = errno ? errno : EIO;
		else
			in->eof = 1;
		return -1;
	}
	in->pos = 0;
	in->len = n;
	r->done += n;
	return 0;
}

/* Appends the next line (with its '\n') to out.  Returns 1 when a line was
 * read, 0 at end of input, -1 on a read error. */
static int read_line(kn_reader *r, kn_buf *out)
{
	line_in *in = lin_of(r);
	int got = 0, nul;

	for (;;) {
		char *nl;
		size_t n;

		if (in->pos >= in->len && fill(r, in))
			return in->error ? -1 : got;
		nl = memchr(in->buf + in->pos, '\n', in->len - in->pos);
		n = nl ? (size_t)(nl - (in->buf + in->pos)) + 1 : in->len - in->pos;
		/* only the new bytes are looked at, so a line of any length
		 * is read in linear time */
		nul = memchr(in->buf + in->pos, '\0', n) != NULL;
		kn_buf_append(out, in->buf + in->pos, n);
		in->pos += n;
		got = 1;
		if (nl || nul || kn_buf_failed(out))
			return 1; /* a NUL byte: binary, the caller rejects it */
	}
}

/* Reads the rest of the input after prefix into out, up to the limit. */
static int read_rest(kn_reader *r, kn_buf *out)
{
	line_in *in = lin_of(r);

	for (;;) {
		if (in->pos >= in->len && fill(r, in))
			return in->error ? -1 : 0;
		kn_buf_append(out, in->buf + in->pos, in->len - in->pos);
		in->pos = in->len;
		if (kn_buf_failed(out) || out->len > KN_MAX_WHOLE_FILE)
			return -2;
	}
}

static kn_status push_unit(kn_reader *r, kn_status status, kn_signal *sig,
			   const kn_error *err)
{
	unit *u;

	if (KN_GROW(r->units, r->units_cap, r->n_units + 1))
		return KN_ERR_NOMEM;
	u = &r->units[r->n_units++];
	u->status = status;
	kn_signal_init(&u->sig);
	kn_error_clear(&u->err);
	if (status == KN_OK && sig) {
		u->sig = *sig; /* take the contents */
		kn_signal_init(sig);
	} else if (err) {
		u->err = *err;
	}
	return KN_OK;
}

static kn_status reject_input(kn_reader *r, kn_status code, long line,
			      const char *what, const char *detail)
{
	kn_error e;

	kn_error_set(&e, code, r->source, line, 0, NULL, "%s%s", what,
		     detail ? detail : "");
	return push_unit(r, code, NULL, &e);
}

static kn_status card_emit(void *ctx, kn_status status, kn_signal *sig,
			   const kn_error *err)
{
	return push_unit(ctx, status, sig, err);
}

/* The elements of a JSON array, each with its own origin (where it starts
 * in the text), so that an error in element i is located from there
 * rather than from the array's start. */
static kn_status units_from_array(kn_reader *r, json_t *root,
				  const kn_json_origin *array)
{
	kn_json_walk w;
	kn_status st = KN_OK;
	size_t i;

	kn_json_walk_init(&w, array->text, array->len, array->first_line, 1);
	for (i = 0; i < json_array_size(root) && st == KN_OK; i++) {
		kn_json_origin o = *array;
		char prefix[32];
		const char *at;
		kn_signal sig;
		kn_error e;

		if (kn_json_walk_next(&w, &at) == 0) {
			o.text = at;
			o.len = array->len - (size_t)(at - array->text);
			o.first_line = w.line;
			o.first_col = w.col;
		} else { /* cannot happen for what jansson read: locate from the start */
			snprintf(prefix, sizeof prefix, "[%zu]", i);
			o.prefix = prefix;
		}
		kn_signal_init(&sig);
		kn_error_clear(&e);
		st = kn_signal_from_json(json_array_get(root, i), &o, &sig, &e);
		st = push_unit(r, st, &sig, &e);
		kn_signal_release(&sig);
	}
	return st;
}

/* A JSON document (object, array, or concatenated values) read whole. */
static kn_status units_from_json(kn_reader *r, const char *text, size_t len)
{
	size_t off = 0;
	long line = 1;

	for (;;) {
		kn_json_origin o = { r->source, text, len, 1, "", 1 };
		json_error_t jerr;
		json_t *root;
		kn_error e;
		kn_status st = KN_OK;
		size_t i;

		while (off < len && kn_is_space((unsigned char)text[off]))
			line += text[off++] == '\n';
		if (off >= len)
			return KN_OK;
		root = json_loadb(text + off, len - off,
				  JSON_REJECT_DUPLICATES | JSON_DISABLE_EOF_CHECK,
				  &jerr);
		o.text = text + off;
		o.len = len - off;
		o.first_line = line;
		if (!root) {
			kn_json_syntax_error(&jerr, &o, &e);
			return push_unit(r, e.code, NULL, &e);
		}
		if (json_is_array(root)) {
			st = units_from_array(r, root, &o);
		} else {
			kn_signal sig;

			kn_signal_init(&sig);
			st = kn_signal_from_json(root, &o, &sig, &e);
			st = push_unit(r, st, &sig, &e);
			kn_signal_release(&sig);
		}
		json_decref(root);
		if (st)
			return st;
		for (i = 0; i < (size_t)jerr.position; i++)
			line += text[off + i] == '\n';
		off += (size_t)jerr.position;
	}
}

/* Non-zero when the NUL-free line holds one whole JSON value. */
static int whole_json_line(const char *p, size_t n)
{
	json_error_t jerr;
	json_t *v = json_loadb(p, n, JSON_REJECT_DUPLICATES, &jerr);

	if (v) {
		json_decref(v);
		return 1;
	}
	return json_error_code(&jerr) != json_error_premature_end_of_input;
}

/* Reads a whole file (its first bytes already in head) into units. */
static kn_status read_whole(kn_reader *r, kn_buf *head, int is_card)
{
	int rc = read_rest(r, head);
	const char *text = head->data;
	size_t len = head->len;

	if (rc == -1)
		return reject_input(r, KN_ERR_IO, 0, "cannot read: ",
				    strerror(lin_of(r)->error));
	if (rc == -2)
		return reject_input(r, KN_ERR_IO, 0, "",
				    "file too large to read whole (over 256 MiB); use NDJSON");
	if (memchr(text, '\0', len))
		return reject_input(r, KN_ERR_PARSE, 0, "",
				    "binary data: the input holds a NUL byte");
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if (is_card)
		return kn_card_parse(text, len, r->source, card_emit, r) ==
				       KN_ERR_NOMEM ? KN_ERR_NOMEM : KN_OK;
	return units_from_json(r, text, len);
}

/* Non-zero when b holds only white space, after an optional UTF-8 BOM
 * (a NUL byte is not blank), given that its first `from` bytes are blank:
 * only what was appended since is looked at. */
static int is_blank(const kn_buf *b, size_t from)
{
	size_t i = from;

	if (i == 0 && b->len >= 3 && memcmp(b->data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < b->len && kn_is_space((unsigned char)b->data[i]))
		i++;
	return i == b->len;
}

/* Whether head (the blank lines read so far and the first other line)
 * starts a card or JSON: what a sniffed file must hold to be read. */
static int holds_signals(const kn_buf *head)
{
	size_t i = 0, end = head->len;

	if (end >= 3 && memcmp(head->data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < end && kn_is_space((unsigned char)head->data[i]))
		i++;
	if (i < end && (head->data[i] == '{' || head->data[i] == '['))
		return 1;
	while (end > i && kn_is_space((unsigned char)head->data[end - 1]))
		end--;
	return i < end && kn_card_is_header(head->data + i, end - i);
}

/* Opens the next queued input and decides how to read it. */
static kn_status start_input(kn_reader *r, const char *path)
{
	kn_buf head = KN_BUF_INIT;
	size_t n, skip = 0;
	kn_status st = KN_OK;
	int rc, blank;

	r->source = strdup(path);
	if (!r->source || (!r->in && !(r->in = malloc(sizeof *r->in))))
		return KN_ERR_NOMEM;
	memset(r->in, 0, sizeof *r->in);
	r->mode = MODE_UNITS;
	r->line = 0;
	r->fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!r->fp)
		return reject_input(r, KN_ERR_IO, 0, "cannot open: ",
				    strerror(errno));
	do { /* skip blank lines (and a BOM), counting them */
		size_t had = head.len;

		rc = read_line(r, &head);
		if (rc > 0)
			r->line++;
		blank = is_blank(&head, had);
	} while (rc > 0 && blank);
	if (kn_buf_failed(&head))
		st = KN_ERR_NOMEM;
	else if (rc < 0)
		st = reject_input(r, KN_ERR_IO, 0, "cannot read: ",
				  strerror(lin_of(r)->error));
	else if (blank)
		st = reject_input(r, KN_ERR_PARSE, 0, "",
				  "no signal found: the input is empty");
	else if (head.len >= 2 && ((unsigned char)head.data[0] == 0xFF ||
				   (unsigned char)head.data[0] == 0xFE))
		st = reject_input(r, KN_ERR_PARSE, 1, "",
				  "UTF-16 input is not supported; convert it to UTF-8");
	else if (memchr(head.data, '\0', head.len))
		st = reject_input(r, KN_ERR_PARSE, r->line, "",
				  "binary data: the input holds a NUL byte");
	if (!st && rc >= 0 && r->sniff && !holds_signals(&head)) {
		drop_units(r); /* empty, UTF-16: not signals either */
		skip_entry(r, path, KN_SKIP_NOT_SIGNALS);
		kn_buf_release(&head);
		return KN_OK; /* with no units: the next input follows */
	}
	if (st || r->n_units) {
		kn_buf_release(&head);
		return st;
	}
	n = head.len;
	if (n >= 3 && memcmp(head.data, "\xEF\xBB\xBF", 3) == 0)
		skip = 3;
	if (!kn_looks_like_card(head.data + skip, n - skip) &&
	    head.data[skip + strspn(head.data + skip, " \t\r\n")] == '{' &&
	    whole_json_line(head.data + skip, n - skip)) {
		r->mode = MODE_NDJSON;
		r->pending = head;
		r->has_pending = 1;
		return KN_OK;
	}
	st = read_whole(r, &head, kn_looks_like_card(head.data + skip, n - skip));
	kn_buf_release(&head);
	return st;
}

/* The next NDJSON unit; KN_DONE at the end of the input. */
static kn_status next_ndjson(kn_reader *r, kn_signal *sig, kn_error *err)
{
	kn_buf line = r->line_buf; /* given back below, its memory kept */
	const char *text;
	size_t len;
	kn_status st;
	int rc;

	kn_buf_init(&r->line_buf);
	for (;;) {
		if (r->has_pending) {
			kn_buf_release(&line);
			line = r->pending;
			kn_buf_init(&r->pending);
			r->has_pending = 0;
			rc = 1;
		} else {
			kn_buf_reset(&line);
			rc = read_line(r, &line);
			r->line += rc > 0;
		}
		if (rc <= 0 || kn_buf_failed(&line))
			break;
		text = line.data;
		len = line.len;
		if (memchr(text, '\n', len) != text + len - 1 &&
		    memchr(text, '\n', len)) { /* leading blank lines */
			const char *last = text + len - 1;

			while (last > text && last[-1] != '\n')
				last--;
			len -= (size_t)(last - text);
			text = last;
		}
		if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 && r->line == 1) {
			text += 3;
			len -= 3;
		}
		if (strspn(text, " \t\r\n") == len)
			continue;
		if (memchr(text, '\0', len))
			st = kn_error_set(err, KN_ERR_PARSE, r->source, r->line,
					  (long)((const char *)memchr(text, '\0', len) - text) + 1,
					  NULL, "NUL byte in input");
		else
			st = kn_signal_read_json_in(&r->tree, text, len,
						    r->source, r->line, sig, err);
		if (line.cap > ((size_t)1 << 20))
			kn_buf_release(&line); /* a long line's memory is not kept */
		else
			r->line_buf = line;
		return st;
	}
	st = kn_buf_failed(&line) ? KN_ERR_NOMEM : KN_DONE;
	kn_buf_release(&line);
	if (rc < 0)
		return kn_error_set(err, KN_ERR_IO, r->source, r->line, 0, NULL,
				    "cannot read: %s", strerror(lin_of(r)->error));
	if (st == KN_ERR_NOMEM)
		return kn_error_set(err, st, r->source, r->line, 0, NULL,
				    "out of memory");
	return KN_DONE;
}

/* Deals with a queued path that is a folder or was met before: KN_DONE
 * when it was expanded or skipped, KN_OK when it is a file to open. */
static kn_status take_folder(kn_reader *r, const char *path, kn_error *err)
{
	struct stat sb;
	kn_status st;

	if (strcmp(path, "-") == 0 || stat(path, &sb) != 0)
		return KN_OK; /* opening it says what is wrong */
	switch (seen_before(r, &sb)) {
	case 0:
		break;
	case 1: /* a loop, or a second path to what was read */
		if (S_ISREG(sb.st_mode) &&
		    atomic_load(&r->total) >= (unsigned long long)sb.st_size)
			r->total -= (unsigned long long)sb.st_size;
		return KN_DONE;
	default:
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
				    "out of memory");
	}
	if (!S_ISDIR(sb.st_mode))
		return KN_OK;
	st = expand_folder(r, path, err);
	return st ? st : KN_DONE;
}

kn_status kn_reader_next(kn_reader *r, kn_signal *sig, kn_error *err)
{
	kn_signal_release(sig);
	kn_error_clear(err);
	for (;;) {
		kn_status st;
		char *path;

		if (r->mode == MODE_UNITS && r->next_unit < r->n_units) {
			unit *u = &r->units[r->next_unit++];

			if (u->status == KN_OK) {
				*sig = u->sig;
				kn_signal_init(&u->sig);
			} else if (err) {
				*err = u->err;
			}
			return u->status;
		}
		if (r->mode == MODE_NDJSON) {
			st = next_ndjson(r, sig, err);
			if (st != KN_DONE)
				return st;
		}
		if (r->mode != MODE_NONE) {
			finish_input(r);
			continue;
		}
		if (r->next_path >= r->n_paths)
			return KN_DONE;
		r->sniff = r->paths[r->next_path].sniff;
		path = r->paths[r->next_path++].path;
		st = take_folder(r, path, err);
		if (st == KN_DONE) {
			free(path);
			continue;
		}
		if (st) {
			free(path);
			return st;
		}
		st = start_input(r, path);
		free(path);
		if (st == KN_ERR_NOMEM)
			return kn_error_set(err, st, NULL, 0, 0, NULL,
					    "out of memory");
	}
}
