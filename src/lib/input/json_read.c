/* Reading knockon/1 JSON: lenient where docs/format.md says so, strict
 * elsewhere.  Every error names the field and where it is in the input. */
#include "json_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kn_text.h"

/* fast: reading a kn_jtree_parse tree, where any fault sends the text to
 * jansson to be read again (kn_signal_read_json): then no message and no
 * field path is made, which is most of what a fault costs. */
typedef struct reading {
	const kn_json_origin *origin;
	kn_signal *sig;
	kn_error *err;
	const kn_jtree *t;
	int fast;
} reading;

/* Writes a field path for messages into out (empty when r->fast). */
static void path_of(const reading *r, char *out, size_t size, const char *fmt,
		    ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

static void path_of(const reading *r, char *out, size_t size, const char *fmt,
		    ...)
{
	va_list ap;

	out[0] = '\0';
	if (r->fast)
		return;
	va_start(ap, fmt);
	vsnprintf(out, size, fmt, ap);
	va_end(ap);
}

static const kn_jnode *get(const reading *r, const kn_jnode *obj,
			   const char *key)
{
	return kn_jget(r->t, obj, key);
}

static int is_null(const kn_jnode *v)
{
	return !v || v->type == KN_J_NULL;
}

/* Reports a bad field: locates path in the input for line and column. */
static kn_status field_error(reading *r, kn_status code, const char *path,
			     const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

static kn_status field_error(reading *r, kn_status code, const char *path,
			     const char *fmt, ...)
{
	const kn_json_origin *o = r->origin;
	char full[256], msg[sizeof r->err->message];
	long line = 0, col = 0;
	va_list ap;

	if (r->fast)
		return code; /* read again by jansson, which says it */
	snprintf(full, sizeof full, "%s%s%s", o->prefix,
		 o->prefix[0] && path[0] && path[0] != '[' ? "." : "", path);
	kn_json_locate(o->text, o->len, full, &line, &col);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (line <= 1 && o->first_col > 1)
		col += o->first_col - 1;
	return kn_error_set(r->err, code, o->source,
			    line ? line + o->first_line - 1 : o->first_line,
			    col, path, "%s", msg);
}

static const char *type_name(const kn_jnode *v)
{
	switch (v->type) {
	case KN_J_OBJECT: return "an object";
	case KN_J_ARRAY: return "an array";
	case KN_J_STRING: return "a string";
	case KN_J_INTEGER: return "an integer";
	case KN_J_REAL: return "a number";
	case KN_J_BOOLEAN: return "a boolean";
	case KN_J_NULL: return "null";
	}
	return "a value";
}

/* A short JSON rendering of v for messages, e.g. "high" or 150 (as
 * jansson writes it; only a tree made from jansson values has them). */
static void describe(const kn_jnode *v, char *out, size_t size)
{
	char *s = v->orig ? json_dumps(v->orig, JSON_ENCODE_ANY | JSON_COMPACT)
			  : NULL;
	size_t n;

	if (!s) {
		snprintf(out, size, "%s", type_name(v));
		return;
	}
	n = strlen(s);
	if (n > 40)
		snprintf(out, size, "%.37s...", s);
	else
		snprintf(out, size, "%s", s);
	free(s);
}

/* Optional text field: string or null. */
static kn_status read_text(reading *r, const kn_jnode *v, const char *path,
			   char **dst)
{
	if (is_null(v))
		return KN_OK;
	if (v->type != KN_J_STRING)
		return field_error(r, KN_ERR_INVALID, path,
				   "\"%s\" must be a string, got %s", path,
				   type_name(v));
	return kn_signal_set(dst, v->s);
}

static kn_status read_percent(reading *r, const kn_jnode *v, const char *path,
			      int *dst)
{
	char got[64];

	if (is_null(v))
		return KN_OK;
	if (v->type == KN_J_INTEGER && v->i >= 0 && v->i <= 100) {
		*dst = (int)v->i;
		return KN_OK;
	}
	describe(v, got, sizeof got);
	return field_error(r, KN_ERR_INVALID, path,
			   "\"%s\" must be an integer from 0 to 100, got %s",
			   path, got);
}

static kn_status read_object(reading *r, const kn_jnode *v, const char *path,
			     const char *const *keys)
{
	const kn_jnode *m;
	char sub[160];

	if (v->type != KN_J_OBJECT)
		return field_error(r, KN_ERR_INVALID, path,
				   "\"%s\" must be an object, got %s", path,
				   type_name(v));
	for (m = kn_jfirst(r->t, v); m; m = kn_jnext(r->t, m)) {
		const char *const *k;

		for (k = keys; *k && strcmp(*k, m->key) != 0; k++)
			;
		if (*k)
			continue;
		path_of(r, sub, sizeof sub, "%s%s%s", path, path[0] ? "." : "",
			m->key);
		return field_error(r, KN_ERR_INVALID, sub,
				   "unknown field \"%s\"", sub);
	}
	return KN_OK;
}

/* Rejects an actor name kn_signal_add_actor refused: empty, or only
 * punctuation and invisible characters. */
static kn_status bad_actor_name(reading *r, const char *path, const char *name)
{
	char *trimmed;
	kn_status st;

	if (r->fast)
		return KN_ERR_INVALID;
	if (!(trimmed = kn_strndup_trim(name, strlen(name))))
		return KN_ERR_NOMEM;
	if (!trimmed[0])
		st = field_error(r, KN_ERR_INVALID, path, "\"%s\" is empty", path);
	else
		st = field_error(r, KN_ERR_INVALID, path,
				 "\"%s\" must name an actor, not only punctuation, got \"%.40s\"",
				 path, trimmed);
	free(trimmed);
	return st;
}

static kn_status read_actor(reading *r, const kn_jnode *v, kn_role role,
			    const char *path)
{
	static const char *const keys[] = { "name", "note", NULL };
	char sub[160];
	char *name = NULL, *note = NULL;
	const kn_jnode *jname;
	kn_status st;

	if (v->type == KN_J_STRING) {
		st = kn_signal_add_actor_text(r->sig, role, v->s);
		if (st == KN_ERR_INVALID)
			return bad_actor_name(r, path, v->s);
		return st;
	}
	if ((st = read_object(r, v, path, keys)) != KN_OK)
		return st;
	path_of(r, sub, sizeof sub, "%s.name", path);
	jname = get(r, v, "name");
	if (!jname || jname->type != KN_J_STRING)
		return field_error(r, KN_ERR_INVALID, sub,
				   "\"%s\" must be a non-empty string", sub);
	st = read_text(r, jname, sub, &name);
	path_of(r, sub, sizeof sub, "%s.note", path);
	if (!st)
		st = read_text(r, get(r, v, "note"), sub, &note);
	if (!st)
		st = kn_signal_add_actor(r->sig, role, name ? name : "", note);
	if (st == KN_ERR_INVALID) {
		path_of(r, sub, sizeof sub, "%s.name", path);
		st = bad_actor_name(r, sub, jname->s);
	}
	free(name);
	free(note);
	return st;
}

/* Rejects a list longer than the limit before anything of it is read. */
static kn_status check_size(reading *r, const char *path, size_t n, size_t max)
{
	if (n <= max)
		return KN_OK;
	return field_error(r, KN_ERR_INVALID, path,
			   "\"%s\" has %zu entries, at most %zu are allowed",
			   path, n, max);
}

static kn_status read_actors(reading *r, const kn_jnode *v, kn_role role,
			     const char *path)
{
	size_t i = 0;
	const kn_jnode *item;
	char sub[64];
	kn_status st;

	if (is_null(v))
		return KN_OK;
	if (v->type != KN_J_ARRAY)
		return field_error(r, KN_ERR_INVALID, path,
				   "\"%s\" must be an array, got %s", path,
				   type_name(v));
	if ((st = check_size(r, path, v->count, KN_MAX_ACTORS)))
		return st;
	for (item = kn_jfirst(r->t, v); item; item = kn_jnext(r->t, item), i++) {
		path_of(r, sub, sizeof sub, "%s[%zu]", path, i);
		if (item->type != KN_J_STRING && item->type != KN_J_OBJECT)
			return field_error(r, KN_ERR_INVALID, sub,
					   "\"%s\" must be a string or an object, got %s",
					   sub, type_name(item));
		if ((st = read_actor(r, item, role, sub)) != KN_OK)
			return st;
	}
	return KN_OK;
}

static kn_status read_causes(reading *r, const kn_jnode *v, const char *path,
			     const char ***out, size_t *n)
{
	size_t i = 0;
	const kn_jnode *item;
	char sub[300];
	kn_status st;

	*n = 0;
	if (v->type != KN_J_ARRAY)
		return field_error(r, KN_ERR_INVALID, path,
				   "\"%s\" must be an array of effect ids, got %s",
				   path, type_name(v));
	if ((st = check_size(r, path, v->count, KN_MAX_CAUSES)))
		return st;
	*out = calloc(v->count + 1, sizeof **out);
	if (!*out)
		return KN_ERR_NOMEM;
	for (item = kn_jfirst(r->t, v); item; item = kn_jnext(r->t, item), i++) {
		if (item->type != KN_J_STRING) {
			path_of(r, sub, sizeof sub, "%s[%zu]", path, i);
			return field_error(r, KN_ERR_INVALID, sub,
					   "\"%s\" must be a string, got %s", sub,
					   type_name(item));
		}
		(*out)[(*n)++] = item->s;
	}
	return KN_OK;
}

/* One entry of an effect's "actors": a string ("Nvidia (note)", role
 * named) or {"name", "role", "note"}. */
static kn_status read_effect_actor(reading *r, kn_effect *e, const kn_jnode *v,
				   const char *path)
{
	static const char *const keys[] = { "name", "role", "note", NULL };
	kn_effect_role role = KN_EFFECT_NAMED;
	const kn_jnode *jname, *jrole;
	char sub[320], got[64], *name = NULL, *note = NULL;
	kn_status st;

	if (v->type == KN_J_STRING) {
		st = kn_effect_add_actor_text(e, role, v->s);
		return st == KN_ERR_INVALID ? bad_actor_name(r, path, v->s) : st;
	}
	if (v->type != KN_J_OBJECT)
		return field_error(r, KN_ERR_INVALID, path,
				   "\"%s\" must be a string or an object, got %s",
				   path, type_name(v));
	if ((st = read_object(r, v, path, keys)) != KN_OK)
		return st;
	path_of(r, sub, sizeof sub, "%s.role", path);
	jrole = get(r, v, "role");
	if (!is_null(jrole) &&
	    (jrole->type != KN_J_STRING || kn_effect_role_parse(jrole->s, &role))) {
		describe(jrole, got, sizeof got);
		return field_error(r, KN_ERR_INVALID, sub,
				   "\"%s\" must be \"winner\", \"loser\" or \"named\", got %s",
				   sub, got);
	}
	path_of(r, sub, sizeof sub, "%s.name", path);
	jname = get(r, v, "name");
	if (!jname || jname->type != KN_J_STRING)
		return field_error(r, KN_ERR_INVALID, sub,
				   "\"%s\" must be a non-empty string", sub);
	st = read_text(r, jname, sub, &name);
	path_of(r, sub, sizeof sub, "%s.note", path);
	if (!st)
		st = read_text(r, get(r, v, "note"), sub, &note);
	if (!st)
		st = kn_effect_add_actor(e, role, name ? name : "", note);
	if (st == KN_ERR_INVALID) {
		path_of(r, sub, sizeof sub, "%s.name", path);
		st = bad_actor_name(r, sub, jname->s);
	}
	free(name);
	free(note);
	return st;
}

static kn_status read_effect_actors(reading *r, const kn_jnode *v,
				    const char *path)
{
	kn_effect *e = &r->sig->effects[r->sig->n_effects - 1];
	const kn_jnode *item;
	char sub[300];
	size_t i = 0;
	kn_status st;

	if (is_null(v))
		return KN_OK;
	if (v->type != KN_J_ARRAY)
		return field_error(r, KN_ERR_INVALID, path,
				   "\"%s\" must be an array, got %s", path,
				   type_name(v));
	if ((st = check_size(r, path, v->count, KN_MAX_EFFECT_ACTORS)))
		return st;
	for (item = kn_jfirst(r->t, v); item; item = kn_jnext(r->t, item), i++) {
		path_of(r, sub, sizeof sub, "%s[%zu]", path, i);
		if ((st = read_effect_actor(r, e, item, sub)) != KN_OK)
			return st;
	}
	return KN_OK;
}

static kn_status read_effect(reading *r, const kn_jnode *v, const char *path)
{
	static const char *const keys[] = { "id", "order", "text", "causes",
					    "actors", NULL };
	const kn_jnode *order = get(r, v, "order"), *causes;
	const char **list = NULL;
	size_t n = 0;
	char sub[256], *id = NULL, *text = NULL, got[64];
	kn_status st;

	if ((st = read_object(r, v, path, keys)) != KN_OK)
		return st;
	path_of(r, sub, sizeof sub, "%s.order", path);
	if (!order || order->type != KN_J_INTEGER || order->i < 1 || order->i > 99) {
		if (!order)
			return field_error(r, KN_ERR_INVALID, path,
					   "\"%s\" has no \"order\"", path);
		describe(order, got, sizeof got);
		return field_error(r, KN_ERR_INVALID, sub,
				   "\"%s\" must be an integer from 1 to 99, got %s",
				   sub, got);
	}
	path_of(r, sub, sizeof sub, "%s.id", path);
	st = read_text(r, get(r, v, "id"), sub, &id);
	path_of(r, sub, sizeof sub, "%s.text", path);
	if (!st)
		st = read_text(r, get(r, v, "text"), sub, &text);
	if (!st && !text)
		st = field_error(r, KN_ERR_INVALID, path,
				 "\"%s\" needs a non-empty \"text\"", path);
	causes = get(r, v, "causes");
	path_of(r, sub, sizeof sub, "%s.causes", path);
	if (!st && !is_null(causes))
		st = read_causes(r, causes, sub, &list, &n);
	if (!st)
		st = kn_signal_add_effect(r->sig, id, (int)order->i, text, list,
					  n, !is_null(causes));
	path_of(r, sub, sizeof sub, "%s.actors", path);
	if (!st)
		st = read_effect_actors(r, get(r, v, "actors"), sub);
	free(list);
	free(id);
	free(text);
	return st;
}

/* "effects": {"direct": [...], "second": [...], "third": [...]} */
static kn_status read_effects_by_order(reading *r, const kn_jnode *v)
{
	static const char *const names[] = { "direct", "second", "third", NULL };
	size_t o, i;
	const kn_jnode *list, *item;
	char sub[256];
	kn_status st;
	size_t total = 0;

	if ((st = read_object(r, v, "effects", names)) != KN_OK)
		return st;
	for (o = 0; names[o]; o++) {
		list = get(r, v, names[o]);
		total += list && list->type == KN_J_ARRAY ? list->count : 0;
	}
	if ((st = check_size(r, "effects", total, KN_MAX_EFFECTS)))
		return st;
	for (o = 0; names[o]; o++) {
		list = get(r, v, names[o]);
		if (is_null(list))
			continue;
		path_of(r, sub, sizeof sub, "effects.%s", names[o]);
		if (list->type != KN_J_ARRAY)
			return field_error(r, KN_ERR_INVALID, sub,
					   "\"%s\" must be an array of strings, got %s",
					   sub, type_name(list));
		i = 0;
		for (item = kn_jfirst(r->t, list); item;
		     item = kn_jnext(r->t, item), i++) {
			path_of(r, sub, sizeof sub, "effects.%s[%zu]", names[o], i);
			if (item->type != KN_J_STRING || !item->len)
				return field_error(r, KN_ERR_INVALID, sub,
						   "\"%s\" must be a non-empty string",
						   sub);
			st = kn_signal_add_effect(r->sig, NULL, (int)o + 1,
						  item->s, NULL, 0, 0);
			if (st)
				return st;
		}
	}
	return KN_OK;
}

static kn_status read_effects(reading *r, const kn_jnode *v)
{
	size_t i = 0;
	const kn_jnode *item;
	char sub[64];
	kn_status st;

	if (is_null(v))
		return KN_OK;
	if (v->type == KN_J_OBJECT)
		return read_effects_by_order(r, v);
	if (v->type != KN_J_ARRAY)
		return field_error(r, KN_ERR_INVALID, "effects",
				   "\"effects\" must be an array or an object, got %s",
				   type_name(v));
	if ((st = check_size(r, "effects", v->count, KN_MAX_EFFECTS)))
		return st;
	for (item = kn_jfirst(r->t, v); item; item = kn_jnext(r->t, item), i++) {
		path_of(r, sub, sizeof sub, "effects[%zu]", i);
		if (item->type != KN_J_OBJECT)
			return field_error(r, KN_ERR_INVALID, sub,
					   "\"%s\" must be an object, got %s",
					   sub, type_name(item));
		if ((st = read_effect(r, item, sub)) != KN_OK)
			return st;
	}
	return KN_OK;
}

static kn_status read_nested(reading *r, const kn_jnode *v, const char *name,
			     const char *const *keys, char **const *dst)
{
	char sub[64];
	size_t i;
	kn_status st;

	if (is_null(v))
		return KN_OK;
	if ((st = read_object(r, v, name, keys)) != KN_OK)
		return st;
	for (i = 0; keys[i]; i++) {
		path_of(r, sub, sizeof sub, "%s.%s", name, keys[i]);
		st = read_text(r, get(r, v, keys[i]), sub, dst[i]);
		if (st)
			return st;
	}
	return KN_OK;
}

static kn_status read_fields(reading *r, const kn_jnode *root)
{
	static const char *const top[] = {
		"format", "id", "feed", "kind", "category", "published",
		"score", "horizon", "title", "summary", "why", "winners",
		"losers", "effects", "confidence", "impact", "source", NULL
	};
	static const char *const why[] = { "now", "important", "changes", NULL };
	static const char *const src[] = { "publisher", "section", "url", NULL };
	kn_signal *s = r->sig;
	char **const why_dst[] = { &s->why_now, &s->why_important, &s->why_changes };
	char **const src_dst[] = { &s->publisher, &s->section, &s->url };
	char **const text_dst[] = { &s->id, &s->feed, &s->kind, &s->category,
				    &s->published, &s->horizon, &s->title,
				    &s->summary };
	static const char *const text_names[] = { "id", "feed", "kind",
		"category", "published", "horizon", "title", "summary" };
	const kn_jnode *format = get(r, root, "format");
	kn_status st;
	size_t i;

	if ((st = read_object(r, root, "", top)) != KN_OK)
		return st;
	if (format && !(format->type == KN_J_STRING &&
			strcmp(format->s, KN_FORMAT) == 0))
		return field_error(r, KN_ERR_INVALID, "format",
				   "\"format\" must be \"%s\"", KN_FORMAT);
	for (i = 0; i < sizeof text_names / sizeof text_names[0]; i++) {
		st = read_text(r, get(r, root, text_names[i]),
			       text_names[i], text_dst[i]);
		if (st)
			return st;
	}
	if ((st = read_percent(r, get(r, root, "score"), "score", &s->score)) ||
	    (st = read_percent(r, get(r, root, "confidence"), "confidence", &s->confidence)) ||
	    (st = read_percent(r, get(r, root, "impact"), "impact", &s->impact)) ||
	    (st = read_nested(r, get(r, root, "why"), "why", why, why_dst)) ||
	    (st = read_nested(r, get(r, root, "source"), "source", src, src_dst)) ||
	    (st = read_actors(r, get(r, root, "winners"), KN_WINNER, "winners")) ||
	    (st = read_actors(r, get(r, root, "losers"), KN_LOSER, "losers")) ||
	    (st = read_effects(r, get(r, root, "effects"))))
		return st;
	return KN_OK;
}

/* Reads the root of r->t into out and finishes it. */
static kn_status read_tree(reading *r, kn_signal *out)
{
	const kn_jnode *root = kn_jroot(r->t);
	kn_status st;

	kn_signal_release(out);
	if (root->type != KN_J_OBJECT)
		st = field_error(r, KN_ERR_INVALID, "",
				 "expected a signal (a JSON object), got %s",
				 type_name(root));
	else
		st = read_fields(r, root);
	if (st == KN_OK) {
		kn_error fin;

		kn_error_clear(&fin);
		st = kn_signal_finish(out, &fin);
		if (st == KN_ERR_NOMEM && !r->fast)
			kn_error_set(r->err, st, r->origin->source, 0, 0, NULL,
				     "out of memory");
		else if (st)
			st = field_error(r, st, fin.field, "%s", fin.message);
	} else if (st == KN_ERR_NOMEM && !r->fast) {
		kn_error_set(r->err, st, r->origin->source, 0, 0, NULL,
			     "out of memory");
	}
	if (st)
		kn_signal_release(out);
	return st;
}

kn_status kn_signal_from_json(json_t *root, const kn_json_origin *origin,
			      kn_signal *out, kn_error *err)
{
	kn_jtree t;
	reading r = { origin, out, err, &t, 0 };
	kn_status st;

	kn_jtree_init(&t);
	if (kn_jtree_from_json(&t, root)) {
		kn_signal_release(out);
		st = kn_error_set(err, KN_ERR_NOMEM, origin->source, 0, 0, NULL,
				  "out of memory");
	} else {
		st = read_tree(&r, out);
	}
	kn_jtree_release(&t);
	return st;
}

kn_status kn_json_syntax_error(const json_error_t *jerr,
			       const kn_json_origin *origin, kn_error *err)
{
	const char *what = jerr->text;
	long line = jerr->line > 0 ? jerr->line + origin->first_line - 1
				   : origin->first_line;

	if (json_error_code(jerr) == json_error_duplicate_key) {
		/* jansson says: duplicate object key near '"title"' */
		const char *q = strstr(what, "near '");
		char key[96] = "";

		if (q && strlen(q + 6) > 1)
			snprintf(key, sizeof key, "%.*s",
				 (int)strlen(q + 6) - 1, q + 6);
		return kn_error_set(err, KN_ERR_PARSE, origin->source, line,
				    jerr->column, NULL, "duplicate key %s",
				    key[0] ? key : "in object");
	}
	if (json_error_code(jerr) == json_error_null_character)
		return kn_error_set(err, KN_ERR_PARSE, origin->source, line,
				    jerr->column, NULL,
				    "NUL character (\\u0000) is not allowed in text");
	if (json_error_code(jerr) == json_error_invalid_utf8)
		return kn_error_set(err, KN_ERR_PARSE, origin->source, line,
				    jerr->column, NULL,
				    "invalid UTF-8 in JSON input");
	return kn_error_set(err, KN_ERR_PARSE, origin->source, line,
			    jerr->column, NULL, "invalid JSON: %s", what);
}

kn_status kn_signal_read_json(const char *text, size_t len, const char *source,
			      long first_line, kn_signal *out, kn_error *err)
{
	kn_jtree t;
	kn_status st;

	kn_jtree_init(&t);
	st = kn_signal_read_json_in(&t, text, len, source, first_line, out, err);
	kn_jtree_release(&t);
	return st;
}

kn_status kn_signal_read_json_in(kn_jtree *t, const char *text, size_t len,
				 const char *source, long first_line,
				 kn_signal *out, kn_error *err)
{
	kn_json_origin o = { source, text, len, first_line, "", 1 };
	json_error_t jerr;
	json_t *root;
	kn_status st;
	reading r = { &o, out, err, t, 1 };

	/* Parsed and read once; only a unit at fault (or JSON this parser
	 * leaves to jansson) is read again, by jansson, to say what is wrong
	 * and where. */
	st = kn_jtree_parse(t, text, len) ? KN_ERR_INVALID : read_tree(&r, out);
	if (st == KN_OK)
		return KN_OK;
	kn_signal_release(out);
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return kn_json_syntax_error(&jerr, &o, err);
	st = kn_signal_from_json(root, &o, out, err);
	json_decref(root);
	return st;
}
