/* The corpus: opening, storing signals idempotently, reading them back. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "knockon/json.h"
#include "links.h"
#include "schema.h"
#include "store_fix.h"
#include "kn_text.h"

enum {
	Q_FIND, Q_INSERT, Q_UPDATE, Q_DEL_EFFECTS, Q_DEL_CAUSES, Q_OLD_ACTORS,
	Q_DEL_ROLES, Q_EFFECT, Q_CAUSE, Q_ACTOR_FIND, Q_ACTOR,
	Q_ROLE, Q_DROP_ACTOR, Q_COUNT
};

static const char *const sql_text[Q_COUNT] = {
	[Q_FIND] = "SELECT sid, canonical FROM signals WHERE id = ?1",
	[Q_INSERT] = "INSERT INTO signals (id, feed, kind, category, published,"
		" score, horizon, title, summary, why_now, why_important,"
		" why_changes, confidence, impact, publisher, section, url,"
		" canonical) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
		" ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
	[Q_UPDATE] = "UPDATE signals SET id = ?1, feed = ?2, kind = ?3,"
		" category = ?4, published = ?5, score = ?6, horizon = ?7,"
		" title = ?8, summary = ?9, why_now = ?10, why_important = ?11,"
		" why_changes = ?12, confidence = ?13, impact = ?14,"
		" publisher = ?15, section = ?16, url = ?17, canonical = ?18"
		" WHERE sid = ?19",
	[Q_DEL_EFFECTS] = "DELETE FROM effects WHERE sid = ?1",
	[Q_DEL_CAUSES] = "DELETE FROM effect_causes WHERE sid = ?1",
	[Q_OLD_ACTORS] = "SELECT DISTINCT aid FROM roles WHERE sid = ?1",
	[Q_DEL_ROLES] = "DELETE FROM roles WHERE sid = ?1",
	[Q_EFFECT] = "INSERT INTO effects (sid, eid, position, ord, text)"
		" VALUES (?1, ?2, ?3, ?4, ?5)",
	[Q_CAUSE] = "INSERT INTO effect_causes (sid, eid, position, cause)"
		" VALUES (?1, ?2, ?3, ?4)",
	[Q_ACTOR_FIND] = "SELECT aid FROM actors WHERE key = ?1",
	[Q_ACTOR] = "INSERT INTO actors (name, key) VALUES (?1, ?2)",
	[Q_ROLE] = "INSERT INTO roles (sid, role, position, aid, note, published,"
		" base) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[Q_DROP_ACTOR] = "DELETE FROM actors WHERE aid = ?1 AND NOT EXISTS"
		" (SELECT 1 FROM roles WHERE role IN ('winner', 'loser')"
		" AND aid = ?1)",
};

/* Actor ids already looked up in the current transaction, by key: most
 * signals name actors that recur, and a lookup here is much cheaper than
 * one in SQLite.  Emptied whenever a transaction or savepoint ends and
 * whenever an actor row is deleted, so it never holds a stale id. */
#define KN_ACTOR_SLOTS 8192 /* a power of two */

typedef struct actor_slot {
	char *key; /* owned; NULL when free */
	sqlite3_int64 aid;
} actor_slot;

/* One (role, actor) a signal names: role 0 winner, 1 loser. */
typedef struct role_pair {
	int role;
	sqlite3_int64 aid;
} role_pair;

struct kn_store {
	const struct kn_storage_ops *be; /* the backend: kn_sqlite_ops */
	sqlite3 *db;
	char *path;
	int readonly;
	int in_batch; /* inside kn_store_begin / commit */
	sqlite3_stmt *q[Q_COUNT];
	actor_slot *actors; /* KN_ACTOR_SLOTS, allocated on first use */
	size_t n_actors;
	kn_fts_queue fts;   /* full-text rows waiting for COMMIT (store_fts.c) */
	kn_counts *counts;  /* role_counts of this transaction's signals */
	role_pair *pairs;   /* the signal being stored: its (role, actor) pairs */
	char **keys;        /* and its actors' keys when given (taken one by one) */
	size_t n_pairs, cap_pairs;
	struct kn_stmt_cache *cache; /* the read statements (store_stmt.c) */
	struct kn_link_state *links; /* effect links (links_state.c) */
};

const struct kn_storage_ops *kn_storage(const kn_store *st)
{
	return st->be;
}

kn_counts *kn_store_counts(kn_store *st)
{
	return st->counts;
}

struct kn_stmt_cache **kn_store_cache(kn_store *st)
{
	return &st->cache;
}

struct kn_link_state **kn_store_link_state(kn_store *st)
{
	return &st->links;
}

sqlite3 *kn_store_db(kn_store *st)
{
	return st->db;
}

const char *kn_store_path(const kn_store *st)
{
	return st->path;
}

void kn_store_set_busy_timeout(kn_store *st, int ms)
{
	sqlite3_busy_timeout(st->db, ms);
}

/* Switches a new corpus to WAL.  Several processes creating the same
 * corpus at once can meet in a lock upgrade that SQLite reports as busy
 * without calling the busy handler, so this waits itself (~5 s). */
static int set_wal(kn_store *st)
{
	int rc, tries;

	for (tries = 0; tries < 250; tries++) {
		rc = sqlite3_exec(st->db, "PRAGMA journal_mode = WAL", NULL, NULL,
				  NULL);
		if ((rc & 0xFF) != SQLITE_BUSY && (rc & 0xFF) != SQLITE_LOCKED)
			break;
		sqlite3_sleep(20);
	}
	return rc;
}

/* temp_store: statement journals (SAVEPOINT, upserts, FTS5) stay in
 * memory instead of spilling to files in /var/tmp, which cost a third of
 * ingest time; cache_size: 64 MiB keeps the indexes a batch touches in
 * memory.  Both belong to the connection: nothing is written. */
static int set_connection(kn_store *st)
{
	return sqlite3_exec(st->db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL) ||
	       sqlite3_exec(st->db, "PRAGMA cache_size = -65536", NULL, NULL, NULL);
}

static kn_status open_read(kn_store *st, kn_corpus_kind kind, kn_error *err)
{
	int version, immutable;

	if (kind == KN_CORPUS_ABSENT)
		return kn_error_set(err, KN_ERR_NOTFOUND, st->path, 0, 0, NULL,
				    "no corpus here; store cards first with 'knockon ingest FILE...'");
	if (kind == KN_CORPUS_EMPTY)
		return kn_error_set(err, KN_ERR_NOTFOUND, st->path, 0, 0, NULL,
				    "the corpus is empty; store cards first with 'knockon ingest FILE...'");
	st->readonly = 1;
	if (kn_corpus_open_read(st->path, &st->db, &immutable, err) != KN_OK)
		return KN_ERR_DB;
	sqlite3_busy_timeout(st->db, 5000);
	version = kn_schema_version(st->db);
	if (version < 0 || set_connection(st))
		return kn_store_fail(st, err, "cannot read the corpus");
	if (version > KN_SCHEMA_VERSION)
		return kn_error_set(err, KN_ERR_DB, st->path, 0, 0, NULL,
				    "corpus has schema version %d; this knockon reads up to %d",
				    version, KN_SCHEMA_VERSION);
	if (version == 0)
		return kn_error_set(err, KN_ERR_NOTFOUND, st->path, 0, 0, NULL,
				    "the corpus is empty; store cards first with 'knockon ingest FILE...'");
	return KN_OK;
}

/* A writer that cannot make the -wal and -shm beside the corpus. */
static kn_status setup_fail(kn_store *st, int code, kn_error *err)
{
	code &= 0xFF;
	if ((code == SQLITE_CANTOPEN || code == SQLITE_READONLY) &&
	    !kn_corpus_folder_writable(st->path))
		return kn_error_set(err, KN_ERR_DB, st->path, 0, 0, NULL,
				    "cannot write: the corpus's folder is not writable (its -wal and -shm files go beside it)");
	return kn_store_fail(st, err, "cannot set up the corpus");
}

static kn_status open_write(kn_store *st, kn_error *err)
{
	int had_wal = kn_corpus_has(st->path, "-wal");
	int had_shm = kn_corpus_has(st->path, "-shm");
	int rc, version;

	rc = sqlite3_open_v2(st->path, &st->db, SQLITE_OPEN_READWRITE |
			     SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK)
		return kn_error_set(err, KN_ERR_DB, st->path, 0, 0, NULL,
				    "cannot open the corpus: %s",
				    st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
	sqlite3_busy_timeout(st->db, 5000);
	sqlite3_extended_result_codes(st->db, 1);
	if (sqlite3_db_readonly(st->db, "main") == 1)
		return kn_error_set(err, KN_ERR_DB, st->path, 0, 0, NULL,
				    "cannot write: the corpus is read-only");
	version = kn_schema_version(st->db);
	if (version < 0) { /* e.g. no -shm: a full disk, a locked folder */
		setup_fail(st, sqlite3_extended_errcode(st->db), err);
		sqlite3_close(st->db);
		st->db = NULL;
		kn_corpus_tidy(st->path, had_wal, had_shm);
		return KN_ERR_DB;
	}
	if (version > KN_SCHEMA_VERSION) /* decided before anything is written */
		return kn_error_set(err, KN_ERR_DB, st->path, 0, 0, NULL,
				    "corpus has schema version %d; this knockon reads up to %d",
				    version, KN_SCHEMA_VERSION);
	/* a new corpus gets 16 KiB pages (set before WAL writes page 1):
	 * ingesting 100,000 signals takes 12 % less CPU than with 4 KiB, a
	 * quarter of the write calls; an existing corpus keeps its own */
	if (version == 0)
		sqlite3_exec(st->db, "PRAGMA page_size = 16384", NULL, NULL, NULL);
	rc = set_wal(st);
	if (rc || set_connection(st) ||
	    sqlite3_exec(st->db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL))
		return setup_fail(st, rc, err);
	if (version == KN_SCHEMA_VERSION && kn_schema_marked(st->db))
		return KN_OK;
	return kn_schema_migrate(st->db, st->path, kn_links_migrated, st, err);
}

kn_status kn_store_open(const char *path, unsigned flags, kn_store **out,
			kn_error *err)
{
	kn_store *st = calloc(1, sizeof *st);
	kn_corpus_kind kind;
	kn_status rc;

	*out = NULL;
	if (!st || !(st->path = strdup(path))) {
		free(st);
		return kn_error_set(err, KN_ERR_NOMEM, path, 0, 0, NULL,
				    "out of memory");
	}
	/* the one backend today; another would be chosen here, by path */
	st->be = &kn_sqlite_ops;
	if (!(st->counts = kn_counts_new())) {
		free(st->path);
		free(st);
		return kn_error_set(err, KN_ERR_NOMEM, path, 0, 0, NULL,
				    "out of memory");
	}
	rc = kn_corpus_check(path, &kind, err);
	if (rc == KN_OK)
		rc = flags & KN_STORE_READONLY ? open_read(st, kind, err)
					       : open_write(st, err);
	if (rc != KN_OK) {
		kn_store_close(st);
		return rc;
	}
	*out = st;
	return KN_OK;
}

void kn_store_close(kn_store *st)
{
	size_t i;

	if (!st)
		return;
	if (st->in_batch)
		kn_store_rollback(st);
	for (i = 0; i < Q_COUNT; i++)
		sqlite3_finalize(st->q[i]);
	free(st->actors);
	kn_fts_queue_release(&st->fts);
	kn_counts_free(st->counts);
	free(st->pairs);
	kn_stmt_cache_free(st->cache);
	kn_links_free(st->links);
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

/* The prepared statement for q, prepared once and reset for reuse. */
static sqlite3_stmt *stmt(kn_store *st, int q)
{
	if (!st->q[q] &&
	    sqlite3_prepare_v3(st->db, sql_text[q], -1, SQLITE_PREPARE_PERSISTENT,
			       &st->q[q], NULL) != SQLITE_OK)
		return NULL;
	sqlite3_reset(st->q[q]);
	sqlite3_clear_bindings(st->q[q]);
	return st->q[q];
}

static void forget_actors(kn_store *st)
{
	size_t i;

	for (i = 0; st->actors && st->n_actors && i < KN_ACTOR_SLOTS; i++) {
		free(st->actors[i].key);
		st->actors[i].key = NULL;
	}
	st->n_actors = 0;
}

static int run(sqlite3_stmt *s);
static int bind_text(sqlite3_stmt *s, int i, const char *v);

kn_status kn_store_begin(kn_store *st, kn_error *err)
{
	forget_actors(st);
	kn_fts_queue_forget(&st->fts);
	kn_counts_forget(st->counts);
	if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return kn_store_fail(st, err, "cannot start writing");
	st->in_batch = 1;
	return KN_OK;
}

kn_status kn_store_commit(kn_store *st, kn_error *err)
{
	forget_actors(st);
	if (kn_fts_queue_flush(&st->fts, st->db) ||
	    kn_counts_flush(st->counts, st->db) || kn_links_commit(st) ||
	    sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		kn_store_fail(st, err, "cannot commit");
		kn_store_rollback(st);
		return KN_ERR_DB;
	}
	st->in_batch = 0;
	return KN_OK;
}

int kn_store_in_batch(const kn_store *st)
{
	return st->in_batch;
}

size_t kn_store_batch_bytes(const kn_store *st)
{
	return kn_fts_queue_bytes(&st->fts);
}

int kn_store_is_empty(kn_store *st)
{
	sqlite3_stmt *q;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM signals LIMIT 1", -1, &q,
			       NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 1 : rc == SQLITE_ROW ? 0 : -1;
}

/* One attempt at the late indexes, with the sort's runs in temporary
 * files (temp_store FILE) or in memory. */
static kn_status late_indexes_once(kn_store *st, int drop, int which,
				   int in_files, kn_error *err)
{
	kn_status rc;

	if (in_files &&
	    sqlite3_exec(st->db, "PRAGMA temp_store = FILE", NULL, NULL, NULL))
		return kn_store_fail(st, err, "cannot build the indexes");
	if ((rc = kn_store_begin(st, err)) != KN_OK)
		return rc;
	if ((drop ? kn_schema_drop_late_indexes(st->db)
		  : kn_schema_create_late_indexes(st->db, which)) != 0) {
		kn_store_fail(st, err, drop ? "cannot write" : "cannot build the indexes");
		kn_store_rollback(st);
		return KN_ERR_DB;
	}
	return kn_store_commit(st, err);
}

/* A bulk load's work left undone shows as its late indexes missing; a
 * corpus read as it is at an older schema lacks some of them by design. */
int kn_sqlite_unfinished(kn_store *st)
{
	int version = kn_schema_version(st->db);

	if (version < 0)
		return -1;
	return version < KN_SCHEMA_VERSION ? 0 : kn_schema_late_indexes_missing(st->db);
}

/* Building an index sorts its keys in runs as large as the page cache;
 * with temp_store MEMORY every run would stay in memory (1,000,000
 * signals: 290 MB), so the runs go to temporary files and the cache is
 * made small for the build: memory stays what it is for ingesting.  Where
 * no temporary file can be made, the runs stay in memory. */
kn_status kn_store_late_indexes(kn_store *st, int drop, int which,
				kn_error *err)
{
	kn_status rc;

	if (drop)
		return late_indexes_once(st, 1, 0, 0, err);
	sqlite3_exec(st->db, "PRAGMA cache_size = -16384", NULL, NULL, NULL);
	rc = late_indexes_once(st, 0, which, 1, err);
	sqlite3_exec(st->db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
	if (rc != KN_OK)
		rc = late_indexes_once(st, 0, which, 0, err);
	sqlite3_exec(st->db, "PRAGMA cache_size = -65536", NULL, NULL, NULL);
	return rc;
}

void kn_store_rollback(kn_store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->in_batch = 0;
	forget_actors(st);
	kn_fts_queue_forget(&st->fts);
	kn_counts_forget(st->counts);
	kn_links_reset(st);
}

static int bind_text(sqlite3_stmt *s, int i, const char *v)
{
	return v ? sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC)
		 : sqlite3_bind_null(s, i);
}

static int bind_int(sqlite3_stmt *s, int i, int v)
{
	return v == KN_ABSENT ? sqlite3_bind_null(s, i) : sqlite3_bind_int(s, i, v);
}

/* Runs a statement that returns no rows; 0 on success. */
static int run(sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

static int write_row(kn_store *st, const kn_signal *g, const kn_buf *canonical,
		     sqlite3_int64 *sid)
{
	sqlite3_stmt *s = stmt(st, *sid ? Q_UPDATE : Q_INSERT);
	const char *text[] = { g->id, g->feed, g->kind, g->category,
			       g->published };
	int i;

	if (!s)
		return -1;
	for (i = 0; i < 5; i++)
		bind_text(s, i + 1, text[i]);
	bind_int(s, 6, g->score);
	bind_text(s, 7, g->horizon);
	bind_text(s, 8, g->title);
	bind_text(s, 9, g->summary);
	bind_text(s, 10, g->why_now);
	bind_text(s, 11, g->why_important);
	bind_text(s, 12, g->why_changes);
	bind_int(s, 13, g->confidence);
	bind_int(s, 14, g->impact);
	bind_text(s, 15, g->publisher);
	bind_text(s, 16, g->section);
	bind_text(s, 17, g->url);
	sqlite3_bind_text(s, 18, canonical->data, (int)canonical->len,
			  SQLITE_STATIC);
	if (*sid)
		sqlite3_bind_int64(s, 19, *sid);
	if (run(s))
		return -1;
	if (!*sid)
		*sid = sqlite3_last_insert_rowid(st->db);
	return 0;
}

/* Removes what an earlier version of the signal stored beside its row;
 * the actors it alone named are collected in *old for dropping later. */
static int clear_signal(kn_store *st, sqlite3_int64 sid, sqlite3_int64 **old,
			size_t *n_old, size_t *cap_old)
{
	/* the full-text row is replaced at COMMIT (kn_fts_queue_flush) */
	static const int dels[] = { Q_DEL_CAUSES, Q_DEL_EFFECTS, Q_DEL_ROLES };
	sqlite3_stmt *s = stmt(st, Q_OLD_ACTORS);
	size_t i;
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, sid);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (KN_GROW(*old, *cap_old, *n_old + 1))
			return -1;
		(*old)[(*n_old)++] = sqlite3_column_int64(s, 0);
	}
	if (rc != SQLITE_DONE || kn_counts_flush(st->counts, st->db))
		return -1; /* the delete trigger reads role_counts */
	for (i = 0; i < sizeof dels / sizeof dels[0]; i++) {
		if (!(s = stmt(st, dels[i])))
			return -1;
		sqlite3_bind_int64(s, 1, sid);
		if (run(s))
			return -1;
	}
	return 0;
}

static int write_effects(kn_store *st, const kn_signal *g, sqlite3_int64 sid)
{
	size_t i, k;

	for (i = 0; i < g->n_effects; i++) {
		const kn_effect *e = &g->effects[i];
		sqlite3_stmt *s = stmt(st, Q_EFFECT);

		if (!s)
			return -1;
		sqlite3_bind_int64(s, 1, sid);
		bind_text(s, 2, e->id);
		sqlite3_bind_int64(s, 3, (sqlite3_int64)i);
		sqlite3_bind_int(s, 4, e->order);
		bind_text(s, 5, e->text);
		if (run(s))
			return -1;
		for (k = 0; k < e->n_causes; k++) {
			if (!(s = stmt(st, Q_CAUSE)))
				return -1;
			sqlite3_bind_int64(s, 1, sid);
			bind_text(s, 2, e->id);
			sqlite3_bind_int64(s, 3, (sqlite3_int64)k);
			bind_text(s, 4, e->causes[k]);
			if (run(s))
				return -1;
		}
	}
	return 0;
}

static size_t key_hash(const char *key)
{
	return (size_t)kn_hash64(key, strlen(key));
}

/* The slot for key: the one holding it, or the free one to fill. */
static actor_slot *actor_slot_of(kn_store *st, const char *key)
{
	size_t i = key_hash(key) & (KN_ACTOR_SLOTS - 1);

	while (st->actors[i].key && strcmp(st->actors[i].key, key) != 0)
		i = (i + 1) & (KN_ACTOR_SLOTS - 1);
	return &st->actors[i];
}

/* The id of the actor with this key, added (named name) when new.  Takes
 * key (freed or kept in the cache).  0 on success. */
static int actor_id(kn_store *st, const char *name, char *key,
		    sqlite3_int64 *aid)
{
	actor_slot *slot;
	sqlite3_stmt *s;
	int rc;

	if (!st->actors && !(st->actors = calloc(KN_ACTOR_SLOTS, sizeof *slot)))
		goto fail;
	if (st->n_actors >= KN_ACTOR_SLOTS / 2)
		forget_actors(st);
	slot = actor_slot_of(st, key);
	if (slot->key) {
		*aid = slot->aid;
		free(key);
		return 0;
	}
	if (!(s = stmt(st, Q_ACTOR_FIND)))
		goto fail;
	bind_text(s, 1, key);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*aid = sqlite3_column_int64(s, 0);
	} else if (rc != SQLITE_DONE || !(s = stmt(st, Q_ACTOR))) {
		goto fail;
	} else {
		bind_text(s, 1, name);
		bind_text(s, 2, key);
		if (run(s))
			goto fail;
		*aid = sqlite3_last_insert_rowid(st->db);
	}
	sqlite3_reset(s);
	slot->key = key;
	slot->aid = *aid;
	st->n_actors++;
	return 0;
fail:
	free(key);
	return -1;
}

sqlite3_int64 kn_signal_base(const kn_signal *g)
{
	sqlite3_int64 s = g->score == KN_ABSENT ? 50 : g->score;
	sqlite3_int64 c = g->confidence == KN_ABSENT ? 50 : g->confidence;
	sqlite3_int64 i = g->impact == KN_ABSENT ? 50 : g->impact;

	return s * c * i;
}

static int write_role(kn_store *st, sqlite3_int64 sid, int role,
		      size_t position, const kn_actor_ref *a, size_t j,
		      const kn_signal *g)
{
	static const char *const role_name[] = { "winner", "loser" };
	char *key = st->keys && st->keys[j] ? st->keys[j] : kn_actor_key(a->name);
	sqlite3_stmt *s;
	sqlite3_int64 aid;

	if (st->keys)
		st->keys[j] = NULL; /* taken */
	if (!key || actor_id(st, a->name, key, &aid))
		return -1;
	if (!(s = stmt(st, Q_ROLE)))
		return -1;
	sqlite3_bind_int64(s, 1, sid);
	bind_text(s, 2, role_name[role]);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)position);
	sqlite3_bind_int64(s, 4, aid);
	bind_text(s, 5, a->note);
	/* the signal's, for roles_by_date and exposure (schema 4 and 6) */
	bind_text(s, 6, g->published);
	sqlite3_bind_int64(s, 7, kn_signal_base(g));
	st->pairs[st->n_pairs].role = role;
	st->pairs[st->n_pairs++].aid = aid;
	return run(s);
}

static int by_pair(const void *a, const void *b)
{
	const role_pair *x = a, *y = b;

	if (x->role != y->role)
		return x->role < y->role ? -1 : 1;
	return x->aid < y->aid ? -1 : x->aid > y->aid;
}

/* Writes the roles and collects the signal's distinct (role, actor)
 * pairs in st->pairs, for count_roles once the signal is stored. */
static int write_roles(kn_store *st, const kn_signal *g, sqlite3_int64 sid)
{
	size_t i, k, n = g->n_winners + g->n_losers;

	st->n_pairs = 0;
	if (KN_GROW(st->pairs, st->cap_pairs, n + 1))
		return -1;
	for (i = 0; i < g->n_winners; i++)
		if (write_role(st, sid, 0, i, &g->winners[i], i, g))
			return -1;
	for (i = 0; i < g->n_losers; i++)
		if (write_role(st, sid, 1, i, &g->losers[i], g->n_winners + i, g))
			return -1;
	if (n > 1) /* qsort takes no NULL, even for 0 */
		qsort(st->pairs, n, sizeof *st->pairs, by_pair);
	for (i = k = 0; i < n; i++) /* an actor named twice counts once */
		if (!k || by_pair(&st->pairs[k - 1], &st->pairs[i]))
			st->pairs[k++] = st->pairs[i];
	st->n_pairs = k;
	return kn_counts_reserve(st->counts, k);
}

/* Counts the stored signal in role_counts (cannot fail: write_roles made
 * room). */
static void count_roles(kn_store *st)
{
	size_t i;

	for (i = 0; i < st->n_pairs; i++)
		kn_counts_add(st->counts, st->pairs[i].role, st->pairs[i].aid);
	st->n_pairs = 0;
}

/* Looks the id up: *sid 0 when new; *same when the stored canonical JSON
 * equals canonical. */
static int find_signal(kn_store *st, const char *id, const kn_buf *canonical,
		       sqlite3_int64 *sid, int *same)
{
	sqlite3_stmt *s = stmt(st, Q_FIND);
	int rc;

	*sid = 0;
	*same = 0;
	if (!s)
		return -1;
	bind_text(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*sid = sqlite3_column_int64(s, 0);
		const void *stored = sqlite3_column_blob(s, 1);

		*same = (size_t)sqlite3_column_bytes(s, 1) == canonical->len &&
			(!canonical->len || memcmp(stored, canonical->data,
						   canonical->len) == 0);
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

static int put_inside(kn_store *st, const kn_signal *g, const kn_buf *canonical,
		      sqlite3_int64 sid)
{
	sqlite3_int64 *old = NULL, old_sid = sid;
	size_t n_old = 0, cap_old = 0, i;
	int rc = 0;

	if (kn_links_before_put(st, sid) ||
	    (sid && clear_signal(st, sid, &old, &n_old, &cap_old)))
		rc = -1;
	if (!rc && (write_row(st, g, canonical, &sid) ||
		    write_effects(st, g, sid) || write_roles(st, g, sid)))
		rc = -1;
	for (i = 0; !rc && i < n_old; i++) {
		sqlite3_stmt *s = stmt(st, Q_DROP_ACTOR);

		if (!s)
			rc = -1;
		else {
			sqlite3_bind_int64(s, 1, old[i]);
			rc = run(s);
			if (sqlite3_changes(st->db) > 0)
				forget_actors(st); /* its id may be cached */
		}
	}
	/* an actor's spelling is its earliest signal's (store_fix.c) */
	if (!rc && old_sid)
		rc = kn_fix_updated_actors(st, sid, g, old, n_old);
	free(old);
	if (!rc && kn_links_put(st, g, sid, old_sid != 0))
		rc = -1;
	if (rc || kn_fts_queue_add(&st->fts, g, sid, old_sid != 0))
		return -1;
	count_roles(st);
	return 0;
}

static kn_status put_signal(kn_store *st, const kn_signal *sig,
			    const kn_buf *canonical, int savepoint,
			    kn_put *result, kn_error *err);

/* Stores sig, whose canonical JSON is canonical, in the open transaction.
 * With savepoint, a failure leaves the transaction as it was; without,
 * the caller rolls the whole transaction back on failure (the ingest
 * does: a savepoint costs a copy of every page the signal touches). */
kn_status kn_store_put_canonical(kn_store *st, const kn_signal *sig,
				 const kn_buf *canonical, char **keys,
				 int savepoint, kn_put *result, kn_error *err)
{
	kn_status rc;

	st->keys = keys;
	rc = put_signal(st, sig, canonical, savepoint, result, err);
	st->keys = NULL;
	return rc;
}

static kn_status put_signal(kn_store *st, const kn_signal *sig,
			    const kn_buf *canonical, int savepoint,
			    kn_put *result, kn_error *err)
{
	sqlite3_int64 sid;
	int same;

	if (find_signal(st, sig->id, canonical, &sid, &same))
		return kn_store_fail(st, err, "cannot read the corpus");
	if (same) {
		*result = KN_PUT_UNCHANGED;
		return KN_OK;
	}
	/* the counts so far go in before the savepoint: a ROLLBACK TO must
	 * not take rows of role_counts that the C sums no longer hold */
	if (sid && kn_counts_flush(st->counts, st->db))
		return kn_store_fail(st, err, "cannot store the signal");
	if (savepoint && sqlite3_exec(st->db, "SAVEPOINT put", NULL, NULL, NULL))
		return kn_store_fail(st, err, "cannot store the signal");
	if (put_inside(st, sig, canonical, sid)) {
		kn_store_fail(st, err, "cannot store the signal");
		if (savepoint) {
			sqlite3_exec(st->db, "ROLLBACK TO put", NULL, NULL, NULL);
			sqlite3_exec(st->db, "RELEASE put", NULL, NULL, NULL);
		}
		forget_actors(st); /* ids added since SAVEPOINT are gone */
		kn_links_forget(st);
		return KN_ERR_DB;
	}
	if (savepoint)
		sqlite3_exec(st->db, "RELEASE put", NULL, NULL, NULL);
	*result = sid ? KN_PUT_UPDATED : KN_PUT_ADDED;
	return KN_OK;
}

kn_status kn_sqlite_put(kn_store *st, const kn_signal *sig, kn_put *result,
		       kn_error *err)
{
	kn_buf canonical = KN_BUF_INIT;
	int own = !st->in_batch;
	kn_status rc = KN_OK;

	if (!sig->id || !sig->title)
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, NULL,
				    "kn_store_put needs a finished signal");
	if (kn_signal_write_json(sig, &canonical))
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
				    "out of memory");
	if (own && (rc = kn_store_begin(st, err)) != KN_OK)
		goto done;
	rc = kn_store_put_canonical(st, sig, &canonical, NULL, 1, result, err);
	if (own && rc == KN_OK)
		rc = kn_store_commit(st, err);
	else if (own)
		kn_store_rollback(st);
done:
	kn_buf_release(&canonical);
	return rc;
}

kn_status kn_store_rederive(kn_store *st, sqlite3_int64 sid,
			    const kn_signal *sig, kn_error *err)
{
	kn_buf canonical = KN_BUF_INIT;
	kn_status rc = KN_OK;

	if (kn_signal_write_json(sig, &canonical))
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
				    "out of memory");
	if (kn_counts_flush(st->counts, st->db) ||
	    sqlite3_exec(st->db, "SAVEPOINT put", NULL, NULL, NULL)) {
		rc = kn_store_fail(st, err, "cannot rebuild the signal");
	} else if (put_inside(st, sig, &canonical, sid)) {
		rc = kn_store_fail(st, err, "cannot rebuild the signal");
		sqlite3_exec(st->db, "ROLLBACK TO put", NULL, NULL, NULL);
		sqlite3_exec(st->db, "RELEASE put", NULL, NULL, NULL);
		forget_actors(st);
		kn_links_forget(st);
	} else {
		sqlite3_exec(st->db, "RELEASE put", NULL, NULL, NULL);
		/* its role counts go in now: the repair checks role_counts
		 * against the roles before it commits */
		if (kn_counts_flush(st->counts, st->db))
			rc = kn_store_fail(st, err, "cannot rebuild the signal");
	}
	kn_buf_release(&canonical);
	return rc;
}
