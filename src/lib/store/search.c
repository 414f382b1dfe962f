/* Full-text search over signals_fts (title, summary, why, effects; its
 * rowid is signals.sid).  The user's words are never FTS5 syntax: each one
 * is written as a quoted string, so quotes, parentheses, AND/OR/NOT/NEAR
 * and column filters in them are just text.  The query is bounded
 * (KN_SEARCH_MAX_WORDS, KN_SEARCH_MAX_BYTES): FTS5's cost grows with every
 * prefix term, and thousands of them took seconds. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#include "knockon/query.h"
#include "kn_text.h"

/* A word worth searching holds a letter or digit (any non-ASCII byte may
 * be one); FTS5 drops the rest as separators. */
static int searchable(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z'))
			return 1;
	}
	return 0;
}

/* Non-zero when the term written at q[start..) (after a space unless it
 * is the first) is already in q before it.  Words hold no space, so a
 * space always separates two terms.  Quadratic in the words, which are
 * bounded (KN_SEARCH_MAX_WORDS). */
static int repeated(const kn_buf *q, size_t start)
{
	const char *all = kn_buf_cstr(q), *p = all, *end;
	const char *t = all + start + 1;
	size_t n = q->len - start - 1;

	if (kn_buf_failed(q) || start == 0)
		return 0;
	while (p < all + start) {
		end = memchr(p, ' ', (size_t)(all + start - p));
		if (!end)
			end = all + start;
		if ((size_t)(end - p) == n && memcmp(p, t, n) == 0)
			return 1;
		p = end + 1;
	}
	return 0;
}

/* Writes text as an FTS5 query: "word" "word"* …, each distinct term
 * once; returns the number of distinct words. */
static int fts_query(const char *text, kn_buf *q)
{
	const char *p = text;
	int words = 0;

	while (*p) {
		const char *w;
		size_t n, i, start;
		int prefix;

		while (*p && kn_is_space((unsigned char)*p))
			p++;
		for (w = p; *p && !kn_is_space((unsigned char)*p); p++)
			;
		n = (size_t)(p - w);
		prefix = n > 1 && w[n - 1] == '*';
		if (prefix)
			n--;
		if (!n || !searchable(w, n))
			continue;
		start = q->len;
		kn_buf_puts(q, words ? " \"" : "\"");
		for (i = 0; i < n; i++) {
			if (w[i] == '"')
				kn_buf_putc(q, '"');
			kn_buf_putc(q, w[i]);
		}
		kn_buf_puts(q, prefix ? "\"*" : "\"");
		if (repeated(q, start)) {
			q->len = start; /* a word twice asks nothing more */
			if (q->data)
				q->data[start] = '\0';
			continue;
		}
		words++;
	}
	return words;
}

/* A copy of s with every run of white space made one space. */
static char *squeeze(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;
	int space = 0;

	if (!out)
		return NULL;
	for (; *s; s++) {
		if (kn_is_space((unsigned char)*s)) {
			space = o != out;
			continue;
		}
		if (space)
			*o++ = ' ';
		space = 0;
		*o++ = *s;
	}
	*o = '\0';
	return out;
}

void kn_search_hits_init(kn_search_hits *l)
{
	l->items = NULL;
	l->n = 0;
	l->cap = 0;
}

void kn_search_hits_release(kn_search_hits *l)
{
	size_t i;

	if (!l)
		return;
	for (i = 0; i < l->n; i++) {
		free(l->items[i].id);
		free(l->items[i].title);
		free(l->items[i].snippet);
		free(l->items[i].published);
		free(l->items[i].category);
	}
	free(l->items);
	kn_search_hits_init(l);
}

/* A copy of text column i of q, NULL for NULL; *bad set when out of
 * memory. */
static char *column_copy(sqlite3_stmt *q, int i, int *bad)
{
	const char *v = (const char *)sqlite3_column_text(q, i);
	char *copy = v ? strdup(v) : NULL;

	if (v && !copy)
		*bad = 1;
	return copy;
}

static int add_hit(kn_search_hits *l, sqlite3_stmt *q)
{
	kn_search_hit *h;
	int bad = 0;

	if (KN_GROW(l->items, l->cap, l->n + 1))
		return -1;
	h = &l->items[l->n++];
	h->id = column_copy(q, 1, &bad);
	h->title = column_copy(q, 2, &bad);
	h->snippet = NULL;
	h->published = column_copy(q, 3, &bad);
	h->category = column_copy(q, 5, &bad);
	h->score = sqlite3_column_type(q, 4) == SQLITE_NULL ? KN_ABSENT
							     : sqlite3_column_int(q, 4);
	return h->id && h->title && !bad ? 0 : -1;
}

/* Ranks first and makes snippets only for the hits kept: a snippet costs
 * more than ranking, and --limit keeps few of many matches. */
static const char rank_sql[] =
	"SELECT s.sid, s.id, s.title, s.published, s.score, s.category"
	" FROM signals_fts JOIN signals s ON s.sid = signals_fts.rowid"
	" WHERE signals_fts MATCH ?1";
/* a title match weighs 4, the summary and the actors 2, why and effects
 * 1 (a corpus of schema 2 or older has no actors column: its weight is
 * not used) */
static const char order_sql[] =
	" ORDER BY bm25(signals_fts, 4.0, 2.0, 1.0, 1.0, 2.0), s.id LIMIT ?";
static const char snippet_sql[] =
	"SELECT snippet(signals_fts, -1, ?2, ?3, '…', 16) FROM signals_fts"
	" WHERE signals_fts MATCH ?1 AND rowid = ?4";

static kn_status prepare(kn_store *st, const kn_filter *f, sqlite3_stmt **q,
			 kn_error *err)
{
	kn_buf sql = KN_BUF_INIT;
	kn_status rc;

	kn_buf_puts(&sql, rank_sql);
	kn_filter_sql(f, "s", &sql);
	kn_buf_puts(&sql, order_sql);
	if (kn_buf_failed(&sql))
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	rc = kn_store_stmt(st, kn_buf_cstr(&sql), "cannot search the corpus", q,
			   err);
	kn_buf_release(&sql);
	return rc;
}

static kn_status snippets(kn_store *st, const char *match, const char *open,
			  const char *close, const sqlite3_int64 *sid,
			  kn_search_hits *out, kn_error *err)
{
	sqlite3_stmt *q;
	size_t i;
	kn_status rc = kn_store_stmt(st, snippet_sql, "cannot search the corpus",
				     &q, err);

	if (rc)
		return rc;
	sqlite3_bind_text(q, 1, match, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, open ? open : "[", -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, close ? close : "]", -1, SQLITE_STATIC);
	for (i = 0; i < out->n; i++) {
		const char *snip;

		sqlite3_reset(q);
		sqlite3_bind_int64(q, 4, sid[i]);
		if (sqlite3_step(q) != SQLITE_ROW) {
			kn_store_fail(st, err, "cannot search the corpus");
			kn_store_stmt_done(st, q);
			return KN_ERR_DB;
		}
		snip = (const char *)sqlite3_column_text(q, 0);
		if (!(out->items[i].snippet = squeeze(snip ? snip : ""))) {
			kn_store_stmt_done(st, q);
			return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
					    "out of memory");
		}
	}
	kn_store_stmt_done(st, q);
	return KN_OK;
}

/* Runs the ranking query; the row ids of the hits go to *sid (heap). */
static kn_status rank(kn_store *st, sqlite3_stmt *q, kn_search_hits *out,
		      sqlite3_int64 **sid, kn_error *err)
{
	size_t cap = 0;
	int rc;

	*sid = NULL;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (KN_GROW(*sid, cap, out->n + 1) || add_hit(out, q))
			return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
					    "out of memory");
		(*sid)[out->n - 1] = sqlite3_column_int64(q, 0);
	}
	if (rc != SQLITE_DONE)
		return kn_store_fail(st, err, "cannot search the corpus");
	return KN_OK;
}

kn_status kn_sqlite_search(kn_store *st, const char *text, const kn_filter *f,
		    const char *open, const char *close, kn_search_hits *out,
		    kn_error *err)
{
	kn_buf match = KN_BUF_INIT;
	sqlite3_stmt *q = NULL;
	sqlite3_int64 *sid = NULL;
	kn_status s;
	int i, words;

	kn_search_hits_release(out);
	if (f && (s = kn_filter_check(f, err)) != KN_OK)
		return s;
	if (!text)
		text = "";
	if (strlen(text) > KN_SEARCH_MAX_BYTES)
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, NULL,
				    "the search text takes at most %d bytes, got %zu",
				    KN_SEARCH_MAX_BYTES, strlen(text));
	words = fts_query(text, &match);
	if (!words || words > KN_SEARCH_MAX_WORDS) {
		kn_buf_release(&match);
		if (words)
			return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, NULL,
					    "a search takes at most %d distinct words, got %d",
					    KN_SEARCH_MAX_WORDS, words);
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, NULL,
				    "nothing to search for: give a word");
	}
	if (kn_buf_failed(&match)) {
		kn_buf_release(&match);
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL, "out of memory");
	}
	if ((s = prepare(st, f, &q, err)) != KN_OK) {
		kn_buf_release(&match);
		return s;
	}
	sqlite3_bind_text(q, 1, kn_buf_cstr(&match), -1, SQLITE_STATIC);
	i = kn_filter_bind(q, f, 2);
	sqlite3_bind_int64(q, i, f && f->limit > 0 ? f->limit : -1);
	s = rank(st, q, out, &sid, err);
	kn_store_stmt_done(st, q);
	if (!s)
		s = snippets(st, kn_buf_cstr(&match), open, close, sid, out, err);
	free(sid);
	kn_buf_release(&match);
	if (s)
		kn_search_hits_release(out);
	return s;
}
