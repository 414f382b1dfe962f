/* knockon internal — effect links inside the SQLite backend: what
 * store.c, alias.c and the migration call so that the links stay
 * current (links_state.c), and the SQL the links live in (schema v2).
 * Not part of the public API; docs/ripple.md tells the rules.
 *
 * Links depend on the effect's text, the card's links of that effect and
 * the names the corpus knows (its actors, the card links' names and the
 * aliases).  A put writes the signal's links; a name that is new to the
 * corpus queues a rescan of the effects that mention it, found through
 * the full-text index, and a name that leaves it (or whose aliases
 * change) one of the effects linked to it; the queue runs just before
 * the transaction commits, when the full-text rows are written. */
#ifndef KN_LINKS_H
#define KN_LINKS_H

#include "store_internal.h"

struct kn_link_state;

/* The handle's link state (store.c owns the pointer; NULL until first
 * used). */
struct kn_link_state **kn_store_link_state(kn_store *st);
void kn_links_free(struct kn_link_state *s);

/* Schema version 2: the effect_links table and its indexes. */
extern const char kn_schema_v2_links[];
/* Schema version 5: each link carries copies of its effect's order (ord)
 * and of its signal's score × confidence × impact, an absent number
 * counting as 50 (base: the weight before decay, in millionths), and
 * effect_links_by_actor covers them, so that converge reads one index
 * (store_converge.c).  Filled in place. */
extern const char kn_schema_v5_links[];
/* The copies as SQL expressions, for signal sid and effect eid (SQL
 * text: a parameter or a column). */
#define KN_LINK_ORD_SQL(sid, eid) \
	"(SELECT e.ord FROM effects e WHERE e.sid = " sid " AND e.eid = " eid ")"
#define KN_LINK_BASE_SQL(sid) \
	"(SELECT COALESCE(s.score, 50) * COALESCE(s.confidence, 50) *" \
	" COALESCE(s.impact, 50) FROM signals s WHERE s.sid = " sid ")"
/* Schema version 6: each link also carries a copy of its signal's
 * published date, and effect_links_by_actor covers it, so that exposure
 * reads an actor's ways from one index (store_exposure.c). */
#define KN_LINK_PUBLISHED_SQL(sid) \
	"(SELECT s.published FROM signals s WHERE s.sid = " sid ")"
/* Every copy a link write sets, so that a new copy touches this file
 * alone: the columns, their values for signal sid and effect eid, and
 * the upsert's assignments. */
#define KN_LINK_COPY_COLUMNS "ord, base, published"
#define KN_LINK_COPY_VALUES(sid, eid) \
	KN_LINK_ORD_SQL(sid, eid) ", " KN_LINK_BASE_SQL(sid) ", " \
	KN_LINK_PUBLISHED_SQL(sid)
#define KN_LINK_COPY_EXCLUDED \
	"ord = excluded.ord, base = excluded.base, published = excluded.published"
/* Sets the copies of every link of ?1 = sid from its rows (the links a
 * put leaves as they were: its rejections). */
extern const char kn_lk_refresh_copies[];

/* Before a put writes anything (sid: the stored signal it replaces, or
 * 0): reads the names the corpus knows if they are not in memory, and
 * notes the names the stored signal gives, to see afterwards which of
 * them left the corpus.  0 on success. */
int kn_links_before_put(kn_store *st, sqlite3_int64 sid);
/* After signal g was written as row sid (update: it replaced a stored
 * one): its links replaced (rejections kept), its new names queued.  0
 * on success. */
int kn_links_put(kn_store *st, const kn_signal *g, sqlite3_int64 sid,
		 int update);
/* Around taking signal sid out of the corpus (rm): before its rows go,
 * notes the names it gives and deletes its links; after, the names the
 * corpus no longer gives leave the dictionary and their links elsewhere
 * are queued for a rescan.  0 on success. */
int kn_links_before_rm(kn_store *st, sqlite3_int64 sid);
int kn_links_after_rm(kn_store *st);
/* Right before COMMIT, after the full-text rows are written: runs the
 * queued rescans.  0 on success. */
int kn_links_commit(kn_store *st);
/* After a put was rolled back to its savepoint: the names in memory may
 * be wrong, so they are read again when next needed. */
void kn_links_forget(kn_store *st);
/* After the transaction was rolled back: the same, and the queue
 * emptied. */
void kn_links_reset(kn_store *st);
/* After an alias named key (to target_key; NULL when removed) changed,
 * inside the alias's transaction.  0 on success. */
int kn_links_alias_changed(kn_store *st, const char *key,
			   const char *target_key);
/* The migration's step to version version has run (inside its
 * transaction; ctx is the kn_store): at 2, every effect is scanned. */
kn_status kn_links_migrated(void *ctx, int version, kn_error *err);

/* The effect-link operations of the ops table (store_links.c,
 * links_state.c); see struct kn_storage_ops. */
kn_status kn_sqlite_links(kn_store *st, const char *actor, const kn_filter *f,
			  int rejected, kn_link_list *out, kn_error *err);
kn_status kn_sqlite_link_mark(kn_store *st, const char *signal_id,
			      const char *effect_id, const char *name,
			      int reject, kn_error *err);
kn_status kn_sqlite_links_detect(kn_store *st, kn_error *err);
void kn_sqlite_set_detect(kn_store *st, int on);
kn_status kn_sqlite_exposure_ways(kn_store *st, const char *key,
				  const kn_filter *f, kn_way_fn each,
				  void *ctx, kn_error *err);
kn_status kn_sqlite_exposure_sums(kn_store *st, const char *key,
				  const kn_filter *f, long long *rows,
				  long long *base, int n, int *max_order,
				  int *done, kn_error *err);
kn_status kn_sqlite_exposure_newest(kn_store *st, const char *key, size_t upto,
				    size_t max_signals, kn_way_fn each,
				    void *ctx, int *done, kn_error *err);
kn_status kn_sqlite_exposure_signal(kn_store *st, kn_row sid, char **id,
				    char **title, char **published,
				    int *numbers, kn_error *err);
kn_status kn_sqlite_exposure_effect(kn_store *st, kn_row sid, const char *eid,
				    int *position, char **text, kn_error *err);
kn_status kn_sqlite_exposure_name(kn_store *st, const kn_way *w, char **name,
				  kn_error *err);

/* 1 when detection is on (kn_sqlite_set_detect). */
int kn_links_detecting(kn_store *st);
/* Scans every effect again (inside the caller's transaction). */
kn_status kn_links_scan_all(kn_store *st, kn_error *err);
/* Scans the effects of signal sid again.  0 on success. */
int kn_links_rescan(kn_store *st, sqlite3_int64 sid);

#endif
