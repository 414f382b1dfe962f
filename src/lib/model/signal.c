/* The signal model: construction, completion and checks (docs/format.md). */
#include "knockon/signal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "knockon/buf.h"
#include "signal_internal.h"
#include "kn_legacy_id.h"
#include "kn_grow.h"
#include "kn_text.h"

void kn_signal_init(kn_signal *s)
{
	memset(s, 0, sizeof *s);
	s->score = KN_ABSENT;
	s->confidence = KN_ABSENT;
	s->impact = KN_ABSENT;
}

static void free_actors(kn_actor_ref *a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(a[i].name);
		free(a[i].note);
	}
	free(a);
}

static void free_effect(kn_effect *e)
{
	size_t i;

	free(e->id);
	free(e->text);
	for (i = 0; i < e->n_causes; i++)
		free(e->causes[i]);
	free(e->causes);
	kn_effect_free_actors(e);
}

void kn_signal_release(kn_signal *s)
{
	size_t i;

	if (!s)
		return;
	free(s->id);
	free(s->feed);
	free(s->kind);
	free(s->category);
	free(s->published);
	free(s->horizon);
	free(s->title);
	free(s->summary);
	free(s->why_now);
	free(s->why_important);
	free(s->why_changes);
	free_actors(s->winners, s->n_winners);
	free_actors(s->losers, s->n_losers);
	for (i = 0; i < s->n_effects; i++)
		free_effect(&s->effects[i]);
	free(s->effects);
	free(s->publisher);
	free(s->section);
	free(s->url);
	kn_signal_init(s);
}

kn_status kn_signal_set(char **field, const char *value)
{
	char *copy = NULL;

	if (value) {
		copy = kn_strndup_trim(value, strlen(value));
		if (!copy)
			return KN_ERR_NOMEM;
		if (!copy[0]) {
			free(copy);
			copy = NULL;
		}
	}
	free(*field);
	*field = copy;
	return KN_OK;
}

int kn_key_is_empty(const char *name)
{
	char *key = kn_actor_key(name);
	int empty;

	if (!key)
		return -1;
	empty = key[0] == '\0';
	free(key);
	return empty;
}

kn_status kn_signal_add_actor(kn_signal *s, kn_role role, const char *name,
			      const char *note)
{
	kn_actor_ref **list = role == KN_WINNER ? &s->winners : &s->losers;
	size_t *n = role == KN_WINNER ? &s->n_winners : &s->n_losers;
	size_t *cap = role == KN_WINNER ? &s->cap_winners : &s->cap_losers;
	kn_actor_ref a = { NULL, NULL };

	if (kn_signal_set(&a.name, name))
		return KN_ERR_NOMEM;
	if (!a.name)
		return KN_ERR_INVALID;
	switch (kn_key_is_empty(a.name)) {
	case 0:
		break;
	case 1:
		free(a.name);
		return KN_ERR_INVALID;
	default:
		goto nomem;
	}
	if (kn_signal_set(&a.note, note))
		goto nomem;
	if (kn_grow(list, cap, *n + 1, sizeof **list))
		goto nomem;
	(*list)[(*n)++] = a;
	return KN_OK;
nomem:
	free(a.name);
	free(a.note);
	return KN_ERR_NOMEM;
}

kn_status kn_split_note(const char *text, char **name, char **note)
{
	size_t n = strlen(text), open_at;
	int depth = 0;

	*name = *note = NULL;
	while (n && kn_is_space((unsigned char)text[n - 1]))
		n--;
	if (n < 2 || text[n - 1] != ')')
		return KN_OK;
	/* find the '(' that opens the trailing group */
	for (open_at = n; open_at-- > 0;) {
		if (text[open_at] == ')')
			depth++;
		else if (text[open_at] == '(' && --depth == 0)
			break;
	}
	if (depth != 0 || open_at == (size_t)-1)
		return KN_OK;
	*name = kn_strndup_trim(text, open_at);
	*note = kn_strndup_trim(text + open_at + 1, n - open_at - 2);
	if (!*name || !*note) {
		free(*name);
		free(*note);
		*name = *note = NULL;
		return KN_ERR_NOMEM;
	}
	if (!(*name)[0]) { /* all parenthesis: the name stays whole */
		free(*name);
		free(*note);
		*name = *note = NULL;
	}
	return KN_OK;
}

kn_status kn_signal_add_actor_text(kn_signal *s, kn_role role,
				   const char *text)
{
	char *name, *note;
	kn_status st = kn_split_note(text, &name, &note);

	if (st)
		return st;
	if (!name)
		return kn_signal_add_actor(s, role, text, NULL);
	st = kn_signal_add_actor(s, role, name, note[0] ? note : NULL);
	free(name);
	free(note);
	return st;
}

kn_status kn_signal_add_effect(kn_signal *s, const char *id, int order,
			       const char *text, const char *const *causes,
			       size_t n_causes, int has_causes)
{
	kn_effect e;
	size_t i;

	memset(&e, 0, sizeof e);
	e.order = order;
	e.has_causes = has_causes;
	if (kn_signal_set(&e.id, id) || kn_signal_set(&e.text, text))
		goto nomem;
	if (n_causes) {
		e.causes = calloc(n_causes, sizeof *e.causes);
		if (!e.causes)
			goto nomem;
		for (i = 0; i < n_causes; i++) {
			e.causes[i] = kn_strndup_trim(causes[i], strlen(causes[i]));
			if (!e.causes[i])
				goto nomem;
			e.n_causes++;
		}
	}
	if (KN_GROW(s->effects, s->cap_effects, s->n_effects + 1))
		goto nomem;
	s->effects[s->n_effects++] = e;
	return KN_OK;
nomem:
	free_effect(&e);
	return KN_ERR_NOMEM;
}

size_t kn_signal_n_actors(const kn_signal *s)
{
	return s->n_winners + s->n_losers;
}

const kn_actor_ref *kn_signal_actor(const kn_signal *s, size_t j,
				    kn_role *role)
{
	int win = j < s->n_winners;

	if (role)
		*role = win ? KN_WINNER : KN_LOSER;
	return win ? &s->winners[j] : &s->losers[j - s->n_winners];
}

long kn_signal_find_effect(const kn_signal *s, const char *id)
{
	size_t i;

	for (i = 0; i < s->n_effects; i++)
		if (s->effects[i].id && strcmp(s->effects[i].id, id) == 0)
			return (long)i;
	return -1;
}

int kn_signal_max_order(const kn_signal *s)
{
	size_t i;
	int max = 0;

	for (i = 0; i < s->n_effects; i++)
		if (s->effects[i].order > max)
			max = s->effects[i].order;
	return max;
}

/* ASCII spelling of a Latin-1 / Latin Extended-A letter into out[3];
 * NULL when there is none. */
static const char *ascii_fold(unsigned long cp, char out[3])
{
	static const char *latin1 =
		"aaaaaaeceeeeiiii" "dnooooo ouuuuyts" /* C0–DF */
		"aaaaaaeceeeeiiii" "dnooooo ouuuuyty"; /* E0–FF */
	if (cp == 0xDF)
		return "ss";
	if (cp == 0xC6 || cp == 0xE6)
		return "ae";
	if (cp == 0x152 || cp == 0x153)
		return "oe";
	if (cp >= 0xC0 && cp <= 0xFF && latin1[cp - 0xC0] != ' ') {
		out[0] = latin1[cp - 0xC0];
		out[1] = '\0';
		return out;
	}
	if (cp >= 0x100 && cp <= 0x17F) {
		static const char *ext =
			"aaaaaaccccccccdd" "ddeeeeeeeeeegggg"
			"gggghhhhiiiiiiii" "iiiijjkkklllllll"
			"lllnnnnnnnnnoooo" "oooorrrrrrssssss"
			"ssttttttuuuuuuuu" "uuuuwwyyyzzzzzzs";
		out[0] = ext[cp - 0x100];
		out[1] = '\0';
		return out;
	}
	return NULL;
}

#define SLUG_MAX 80 /* characters of a derived id after its date */

/* Cuts a slug longer than SLUG_MAX (b holds the slug from start, at least
 * SLUG_MAX + 1 characters of it when it is longer): at the last '-' at or
 * before the limit, or at the limit inside a word longer than it.  legacy
 * keeps the rule ids were first derived by (always at the limit, even
 * inside a word), so that a corpus made then still finds its signals. */
static void cut_slug(kn_buf *b, size_t start, int legacy)
{
	size_t end = start + SLUG_MAX, p;

	if (b->len <= end)
		return;
	if (!legacy && b->data[end] != '-') {
		for (p = end; p > start && b->data[p] != '-'; p--)
			;
		if (p > start)
			end = p;
	}
	b->len = end;
	b->data[b->len] = '\0';
	while (b->len > start && b->data[b->len - 1] == '-')
		b->data[--b->len] = '\0';
}

static char *derive_id(const char *published, const char *title, int legacy)
{
	kn_buf b = KN_BUF_INIT;
	size_t n = title ? strlen(title) : 0, i = 0, start;
	int dash = 0;

	if (published && strlen(published) >= 10) {
		kn_buf_append(&b, published, 10);
		kn_buf_putc(&b, '-');
	} else if (published && published[0]) {
		kn_buf_puts(&b, published);
		kn_buf_putc(&b, '-');
	}
	start = b.len;
	/* one character past the limit tells whether the cut is in a word */
	while (i < n && b.len - start <= SLUG_MAX) {
		unsigned long cp;
		const char *fold = NULL;
		char c[2] = { 0, 0 }, spelled[3];

		i += kn_utf8_decode(title + i, n - i, &cp);
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
			c[0] = (char)cp;
		else if (cp >= 'A' && cp <= 'Z')
			c[0] = (char)(cp + 32);
		else if (cp >= 0x80 && (fold = ascii_fold(cp, spelled)) == NULL)
			continue; /* other scripts are dropped */
		else if (cp == '\'' || cp == 0x2019 || cp == 0x2018)
			continue; /* "it's" → "its" */
		if (!c[0] && !fold) {
			dash = 1;
			continue;
		}
		if (dash && b.len > start)
			kn_buf_putc(&b, '-');
		dash = 0;
		kn_buf_puts(&b, fold ? fold : c);
	}
	cut_slug(&b, start, legacy);
	if (b.len == start) {
		/* nothing readable in the title: a stable hash stands in */
		unsigned long long h = kn_hash64(title ? title : "", n);

		if (published)
			h ^= kn_hash64(published, strlen(published));
		kn_buf_reset(&b);
		kn_buf_printf(&b, "signal-%016llx", h);
	}
	return kn_buf_detach(&b, NULL);
}

char *kn_signal_derive_id(const char *published, const char *title)
{
	return derive_id(published, title, 0);
}

char *kn_signal_legacy_id(const char *published, const char *title)
{
	return derive_id(published, title, 1);
}

static int check_percent(const char *name, int v, kn_error *err)
{
	if (v == KN_ABSENT || (v >= 0 && v <= 100))
		return 0;
	kn_error_set(err, KN_ERR_INVALID, NULL, 0, 0, name,
		     "\"%s\" must be an integer from 0 to 100, got %d", name, v);
	return -1;
}

kn_status kn_signal_finish(kn_signal *s, kn_error *err)
{
	kn_status st;

	if (!s->title)
		return kn_error_set(err, KN_ERR_INVALID, NULL, 0, 0, "title",
				    "\"title\" is required");
	if (check_percent("score", s->score, err) ||
	    check_percent("confidence", s->confidence, err) ||
	    check_percent("impact", s->impact, err))
		return KN_ERR_INVALID;
	if (s->published && !kn_is_iso_date(s->published))
		return kn_error_set(err, KN_ERR_INVALID, NULL, 0, 0, "published",
				    "\"published\" must be an ISO 8601 date (YYYY, YYYY-MM, YYYY-MM-DD or a date-time), got \"%.64s\"",
				    s->published);
	st = kn_signal_check_limits(s, err);
	if (!st)
		st = kn_signal_check_effects(s, err);
	if (st)
		return st;
	if (!s->kind && kn_signal_set(&s->kind, "signal"))
		return KN_ERR_NOMEM;
	if (!s->id) {
		s->id = kn_signal_derive_id(s->published, s->title);
		if (!s->id)
			return KN_ERR_NOMEM;
	}
	return KN_OK;
}

static int dup_str(char **dst, const char *src)
{
	*dst = NULL;
	if (!src)
		return 0;
	*dst = strdup(src);
	return *dst ? 0 : -1;
}

static int copy_actors(kn_actor_ref **dst, size_t *nd, const kn_actor_ref *src,
		       size_t n)
{
	size_t i;

	*dst = NULL;
	*nd = 0;
	if (!n)
		return 0;
	*dst = calloc(n, sizeof **dst);
	if (!*dst)
		return -1;
	for (i = 0; i < n; i++) {
		*nd = i + 1;
		if (dup_str(&(*dst)[i].name, src[i].name) ||
		    dup_str(&(*dst)[i].note, src[i].note))
			return -1;
	}
	return 0;
}

kn_status kn_signal_copy(kn_signal *dst, const kn_signal *src)
{
	size_t i;

	kn_signal_release(dst);
	dst->score = src->score;
	dst->confidence = src->confidence;
	dst->impact = src->impact;
	if (dup_str(&dst->id, src->id) || dup_str(&dst->feed, src->feed) ||
	    dup_str(&dst->kind, src->kind) ||
	    dup_str(&dst->category, src->category) ||
	    dup_str(&dst->published, src->published) ||
	    dup_str(&dst->horizon, src->horizon) ||
	    dup_str(&dst->title, src->title) ||
	    dup_str(&dst->summary, src->summary) ||
	    dup_str(&dst->why_now, src->why_now) ||
	    dup_str(&dst->why_important, src->why_important) ||
	    dup_str(&dst->why_changes, src->why_changes) ||
	    dup_str(&dst->publisher, src->publisher) ||
	    dup_str(&dst->section, src->section) ||
	    dup_str(&dst->url, src->url) ||
	    copy_actors(&dst->winners, &dst->n_winners, src->winners,
			src->n_winners) ||
	    copy_actors(&dst->losers, &dst->n_losers, src->losers,
			src->n_losers))
		goto nomem;
	for (i = 0; i < src->n_effects; i++) {
		const kn_effect *e = &src->effects[i];

		if (kn_signal_add_effect(dst, e->id, e->order, e->text,
					 (const char *const *)e->causes,
					 e->n_causes, e->has_causes) ||
		    kn_effect_copy_actors(&dst->effects[dst->n_effects - 1], e))
			goto nomem;
	}
	return KN_OK;
nomem:
	kn_signal_release(dst);
	return KN_ERR_NOMEM;
}
