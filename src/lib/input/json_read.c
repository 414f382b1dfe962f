/* Reading knockon/1 JSON: lenient where docs/format.md says so, strict
 * elsewhere.  Every error names the field and where it is in the input. */
#include "json_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kn_text.h"

typedef struct reading {
	const kn_json_origin *origin;
	kn_signal *sig;
	kn_error *err;
} reading;

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

static const char *type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER: return "an integer";
	case JSON_REAL: return "a number";
	case JSON_TRUE: case JSON_FALSE: return "a boolean";
	case JSON_NULL: return "null";
	}
	return "a value";
}

/* A short JSON rendering of v for messages, e.g. "high" or 150. */
static void describe(const json_t *v, char *out, size_t size)
{
	char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
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
static kn_status read_text(reading *r, json_t *v, const char *path, char **dst)
{
	if (!v || json_is_null(v))
		return KN_OK;
	if (!json_is_string(v))
		return field_error(r, KN_ERR_INVALID, path,
				   "\"%s\" must be a string, got %s", path,
				   type_name(v));
	return kn_signal_set(dst, json_string_value(v));
}

static kn_status read_percent(reading *r, json_t *v, const char *path, int *dst)
{
	char got[64];

	if (!v || json_is_null(v))
		return KN_OK;
	if (json_is_integer(v) && json_integer_value(v) >= 0 &&
	    json_integer_value(v) <= 100) {
		*dst = (int)json_integer_value(v);
		return KN_OK;
	}
	describe(v, got, sizeof got);
	return field_error(r, KN_ERR_INVALID, path,
			   "\"%s\" must be an integer from 0 to 100, got %s",
			   path, got);
}

static kn_status read_object(reading *r, json_t *v, const char *path,
			     const char *const *keys)
{
	const char *key;
	json_t *val;
	char sub[160];

	if (!json_is_object(v))
		return field_error(r, KN_ERR_INVALID, path,
				   "\"%s\" must be an object, got %s", path,
				   type_name(v));
	json_object_foreach(v, key, val) {
		const char *const *k;

		for (k = keys; *k && strcmp(*k, key) != 0; k++)
			;
		if (*k)
			continue;
		snprintf(sub, sizeof sub, "%s%s%s", path, path[0] ? "." : "", key);
		return field_error(r, KN_ERR_INVALID, sub,
				   "unknown field \"%s\"", sub);
	}
	return KN_OK;
}

/* Rejects an actor name kn_signal_add_actor refused: empty, or only
 * punctuation and invisible characters. */
static kn_status bad_actor_name(reading *r, const char *path, const char *name)
{
	char *trimmed = kn_strndup_trim(name, strlen(name));
	kn_status st;

	if (!trimmed)
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

static kn_status read_actor(reading *r, json_t *v, kn_role role,
			    const char *path)
{
	static const char *const keys[] = { "name", "note", NULL };
	char sub[160];
	char *name = NULL, *note = NULL;
	json_t *jname;
	kn_status st;

	if (json_is_string(v)) {
		st = kn_signal_add_actor_text(r->sig, role, json_string_value(v));
		if (st == KN_ERR_INVALID)
			return bad_actor_name(r, path, json_string_value(v));
		return st;
	}
	if ((st = read_object(r, v, path, keys)) != KN_OK)
		return st;
	snprintf(sub, sizeof sub, "%s.name", path);
	jname = json_object_get(v, "name");
	if (!json_is_string(jname))
		return field_error(r, KN_ERR_INVALID, sub,
				   "\"%s\" must be a non-empty string", sub);
	st = read_text(r, jname, sub, &name);
	snprintf(sub, sizeof sub, "%s.note", path);
	if (!st)
		st = read_text(r, json_object_get(v, "note"), sub, &note);
	if (!st)
		st = kn_signal_add_actor(r->sig, role, name ? name : "", note);
	if (st == KN_ERR_INVALID) {
		snprintf(sub, sizeof sub, "%s.name", path);
		st = bad_actor_name(r, sub, json_string_value(jname));
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

static kn_status read_actors(reading *r, json_t *v, kn_role role,
			     const char *path)
{
	size_t i;
	json_t *item;
	char sub[64];
	kn_status st;

	if (!v || json_is_null(v))
		return KN_OK;
	if (!json_is_array(v))
		return field_error(r, KN_ERR_INVALID, path,
				   "\"%s\" must be an array, got %s", path,
				   type_name(v));
	if ((st = check_size(r, path, json_array_size(v), KN_MAX_ACTORS)))
		return st;
	json_array_foreach(v, i, item) {
		snprintf(sub, sizeof sub, "%s[%zu]", path, i);
		if (!json_is_string(item) && !json_is_object(item))
			return field_error(r, KN_ERR_INVALID, sub,
					   "\"%s\" must be a string or an object, got %s",
					   sub, type_name(item));
		if ((st = read_actor(r, item, role, sub)) != KN_OK)
			return st;
	}
	return KN_OK;
}

static kn_status read_causes(reading *r, json_t *v, const char *path,
			     const char ***out, size_t *n)
{
	size_t i;
	json_t *item;
	char sub[300];
	kn_status st;

	*n = 0;
	if (!json_is_array(v))
		return field_error(r, KN_ERR_INVALID, path,
				   "\"%s\" must be an array of effect ids, got %s",
				   path, type_name(v));
	if ((st = check_size(r, path, json_array_size(v), KN_MAX_CAUSES)))
		return st;
	*out = calloc(json_array_size(v) + 1, sizeof **out);
	if (!*out)
		return KN_ERR_NOMEM;
	json_array_foreach(v, i, item) {
		if (!json_is_string(item)) {
			snprintf(sub, sizeof sub, "%s[%zu]", path, i);
			return field_error(r, KN_ERR_INVALID, sub,
					   "\"%s\" must be a string, got %s", sub,
					   type_name(item));
		}
		(*out)[(*n)++] = json_string_value(item);
	}
	return KN_OK;
}

/* One entry of an effect's "actors": a string ("Nvidia (note)", role
 * named) or {"name", "role", "note"}. */
static kn_status read_effect_actor(reading *r, kn_effect *e, json_t *v,
				   const char *path)
{
	static const char *const keys[] = { "name", "role", "note", NULL };
	kn_effect_role role = KN_EFFECT_NAMED;
	json_t *jname, *jrole;
	char sub[320], got[64], *name = NULL, *note = NULL;
	kn_status st;

	if (json_is_string(v)) {
		st = kn_effect_add_actor_text(e, role, json_string_value(v));
		return st == KN_ERR_INVALID ? bad_actor_name(r, path, json_string_value(v))
					    : st;
	}
	if (!json_is_object(v))
		return field_error(r, KN_ERR_INVALID, path,
				   "\"%s\" must be a string or an object, got %s",
				   path, type_name(v));
	if ((st = read_object(r, v, path, keys)) != KN_OK)
		return st;
	snprintf(sub, sizeof sub, "%s.role", path);
	jrole = json_object_get(v, "role");
	if (jrole && !json_is_null(jrole) &&
	    (!json_is_string(jrole) ||
	     kn_effect_role_parse(json_string_value(jrole), &role))) {
		describe(jrole, got, sizeof got);
		return field_error(r, KN_ERR_INVALID, sub,
				   "\"%s\" must be \"winner\", \"loser\" or \"named\", got %s",
				   sub, got);
	}
	snprintf(sub, sizeof sub, "%s.name", path);
	jname = json_object_get(v, "name");
	if (!json_is_string(jname))
		return field_error(r, KN_ERR_INVALID, sub,
				   "\"%s\" must be a non-empty string", sub);
	st = read_text(r, jname, sub, &name);
	snprintf(sub, sizeof sub, "%s.note", path);
	if (!st)
		st = read_text(r, json_object_get(v, "note"), sub, &note);
	if (!st)
		st = kn_effect_add_actor(e, role, name ? name : "", note);
	if (st == KN_ERR_INVALID) {
		snprintf(sub, sizeof sub, "%s.name", path);
		st = bad_actor_name(r, sub, json_string_value(jname));
	}
	free(name);
	free(note);
	return st;
}

static kn_status read_effect_actors(reading *r, json_t *v, const char *path)
{
	kn_effect *e = &r->sig->effects[r->sig->n_effects - 1];
	char sub[300];
	json_t *item;
	size_t i;
	kn_status st;

	if (!v || json_is_null(v))
		return KN_OK;
	if (!json_is_array(v))
		return field_error(r, KN_ERR_INVALID, path,
				   "\"%s\" must be an array, got %s", path,
				   type_name(v));
	if ((st = check_size(r, path, json_array_size(v), KN_MAX_EFFECT_ACTORS)))
		return st;
	json_array_foreach(v, i, item) {
		snprintf(sub, sizeof sub, "%s[%zu]", path, i);
		if ((st = read_effect_actor(r, e, item, sub)) != KN_OK)
			return st;
	}
	return KN_OK;
}

static kn_status read_effect(reading *r, json_t *v, const char *path)
{
	static const char *const keys[] = { "id", "order", "text", "causes",
					    "actors", NULL };
	json_t *order = json_object_get(v, "order"), *causes;
	const char **list = NULL;
	size_t n = 0;
	char sub[256], *id = NULL, *text = NULL, got[64];
	kn_status st;

	if ((st = read_object(r, v, path, keys)) != KN_OK)
		return st;
	snprintf(sub, sizeof sub, "%s.order", path);
	if (!json_is_integer(order) || json_integer_value(order) < 1 ||
	    json_integer_value(order) > 99) {
		if (!order)
			return field_error(r, KN_ERR_INVALID, path,
					   "\"%s\" has no \"order\"", path);
		describe(order, got, sizeof got);
		return field_error(r, KN_ERR_INVALID, sub,
				   "\"%s\" must be an integer from 1 to 99, got %s",
				   sub, got);
	}
	snprintf(sub, sizeof sub, "%s.id", path);
	st = read_text(r, json_object_get(v, "id"), sub, &id);
	snprintf(sub, sizeof sub, "%s.text", path);
	if (!st)
		st = read_text(r, json_object_get(v, "text"), sub, &text);
	if (!st && !text)
		st = field_error(r, KN_ERR_INVALID, path,
				 "\"%s\" needs a non-empty \"text\"", path);
	causes = json_object_get(v, "causes");
	snprintf(sub, sizeof sub, "%s.causes", path);
	if (!st && causes && !json_is_null(causes))
		st = read_causes(r, causes, sub, &list, &n);
	if (!st)
		st = kn_signal_add_effect(r->sig, id, (int)json_integer_value(order),
					  text, list, n,
					  causes && !json_is_null(causes));
	snprintf(sub, sizeof sub, "%s.actors", path);
	if (!st)
		st = read_effect_actors(r, json_object_get(v, "actors"), sub);
	free(list);
	free(id);
	free(text);
	return st;
}

/* "effects": {"direct": [...], "second": [...], "third": [...]} */
static kn_status read_effects_by_order(reading *r, json_t *v)
{
	static const char *const names[] = { "direct", "second", "third", NULL };
	size_t o, i;
	json_t *list, *item;
	char sub[256];
	kn_status st;
	size_t total = 0;

	if ((st = read_object(r, v, "effects", names)) != KN_OK)
		return st;
	for (o = 0; names[o]; o++)
		total += json_array_size(json_object_get(v, names[o]));
	if ((st = check_size(r, "effects", total, KN_MAX_EFFECTS)))
		return st;
	for (o = 0; names[o]; o++) {
		list = json_object_get(v, names[o]);
		if (!list || json_is_null(list))
			continue;
		snprintf(sub, sizeof sub, "effects.%s", names[o]);
		if (!json_is_array(list))
			return field_error(r, KN_ERR_INVALID, sub,
					   "\"%s\" must be an array of strings, got %s",
					   sub, type_name(list));
		json_array_foreach(list, i, item) {
			snprintf(sub, sizeof sub, "effects.%s[%zu]", names[o], i);
			if (!json_is_string(item) || !json_string_length(item))
				return field_error(r, KN_ERR_INVALID, sub,
						   "\"%s\" must be a non-empty string",
						   sub);
			st = kn_signal_add_effect(r->sig, NULL, (int)o + 1,
						  json_string_value(item), NULL,
						  0, 0);
			if (st)
				return st;
		}
	}
	return KN_OK;
}

static kn_status read_effects(reading *r, json_t *v)
{
	size_t i;
	json_t *item;
	char sub[64];
	kn_status st;

	if (!v || json_is_null(v))
		return KN_OK;
	if (json_is_object(v))
		return read_effects_by_order(r, v);
	if (!json_is_array(v))
		return field_error(r, KN_ERR_INVALID, "effects",
				   "\"effects\" must be an array or an object, got %s",
				   type_name(v));
	if ((st = check_size(r, "effects", json_array_size(v), KN_MAX_EFFECTS)))
		return st;
	json_array_foreach(v, i, item) {
		snprintf(sub, sizeof sub, "effects[%zu]", i);
		if (!json_is_object(item))
			return field_error(r, KN_ERR_INVALID, sub,
					   "\"%s\" must be an object, got %s",
					   sub, type_name(item));
		if ((st = read_effect(r, item, sub)) != KN_OK)
			return st;
	}
	return KN_OK;
}

static kn_status read_nested(reading *r, json_t *v, const char *name,
			     const char *const *keys, char **const *dst)
{
	char sub[64];
	size_t i;
	kn_status st;

	if (!v || json_is_null(v))
		return KN_OK;
	if ((st = read_object(r, v, name, keys)) != KN_OK)
		return st;
	for (i = 0; keys[i]; i++) {
		snprintf(sub, sizeof sub, "%s.%s", name, keys[i]);
		st = read_text(r, json_object_get(v, keys[i]), sub, dst[i]);
		if (st)
			return st;
	}
	return KN_OK;
}

static kn_status read_fields(reading *r, json_t *root)
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
	json_t *format = json_object_get(root, "format");
	kn_status st;
	size_t i;

	if ((st = read_object(r, root, "", top)) != KN_OK)
		return st;
	if (format && !(json_is_string(format) &&
			strcmp(json_string_value(format), KN_FORMAT) == 0))
		return field_error(r, KN_ERR_INVALID, "format",
				   "\"format\" must be \"%s\"", KN_FORMAT);
	for (i = 0; i < sizeof text_names / sizeof text_names[0]; i++) {
		st = read_text(r, json_object_get(root, text_names[i]),
			       text_names[i], text_dst[i]);
		if (st)
			return st;
	}
	if ((st = read_percent(r, json_object_get(root, "score"), "score", &s->score)) ||
	    (st = read_percent(r, json_object_get(root, "confidence"), "confidence", &s->confidence)) ||
	    (st = read_percent(r, json_object_get(root, "impact"), "impact", &s->impact)) ||
	    (st = read_nested(r, json_object_get(root, "why"), "why", why, why_dst)) ||
	    (st = read_nested(r, json_object_get(root, "source"), "source", src, src_dst)) ||
	    (st = read_actors(r, json_object_get(root, "winners"), KN_WINNER, "winners")) ||
	    (st = read_actors(r, json_object_get(root, "losers"), KN_LOSER, "losers")) ||
	    (st = read_effects(r, json_object_get(root, "effects"))))
		return st;
	return KN_OK;
}

kn_status kn_signal_from_json(json_t *root, const kn_json_origin *origin,
			      kn_signal *out, kn_error *err)
{
	reading r = { origin, out, err };
	kn_status st;

	kn_signal_release(out);
	if (!json_is_object(root))
		st = field_error(&r, KN_ERR_INVALID, "",
				 "expected a signal (a JSON object), got %s",
				 type_name(root));
	else
		st = read_fields(&r, root);
	if (st == KN_OK) {
		kn_error fin;

		kn_error_clear(&fin);
		st = kn_signal_finish(out, &fin);
		if (st == KN_ERR_NOMEM)
			kn_error_set(err, st, origin->source, 0, 0, NULL,
				     "out of memory");
		else if (st)
			st = field_error(&r, st, fin.field, "%s", fin.message);
	} else if (st == KN_ERR_NOMEM) {
		kn_error_set(err, st, origin->source, 0, 0, NULL, "out of memory");
	}
	if (st)
		kn_signal_release(out);
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
	kn_json_origin o = { source, text, len, first_line, "", 1 };
	json_error_t jerr;
	json_t *root;
	kn_status st;

	kn_signal_release(out);
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return kn_json_syntax_error(&jerr, &o, err);
	st = kn_signal_from_json(root, &o, out, err);
	json_decref(root);
	return st;
}
