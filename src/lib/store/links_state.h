/* knockon internal — what the two halves of the link upkeep share:
 * links_state.c (the names in memory, the puts) and links_rescan.c
 * (rescans at commit, aliases, the full scan).  Not part of the public
 * API. */
#ifndef KN_LINKS_STATE_H
#define KN_LINKS_STATE_H

#include "links.h"
#include "detect.h"

/* A name new to the corpus, to look for in the text stored before it
 * came: seq orders it among the puts of the transaction. */
typedef struct pending {
	char *key;
	unsigned long seq;
} pending;

/* A signal put in this transaction, and when (0 sid: a free slot). */
typedef struct put_slot {
	sqlite3_int64 sid;
	unsigned long seq;
} put_slot;

/* What matching one effect's text needs besides the dictionary: the
 * names found, and the canonical keys already linked in the effect. */
typedef struct kn_lk_matcher {
	kn_founds found;
	const char **set;
	size_t cap_set;
} kn_lk_matcher;

struct kn_link_state {
	kn_dict *dict; /* the names the corpus knows; NULL: not read yet */
	int off;       /* detection turned off */
	int version;   /* PRAGMA data_version when dict was read */
	unsigned long seq;
	pending *names;
	size_t n_names, cap_names;
	char **gone; /* keys whose links must be looked at again */
	size_t n_gone, cap_gone;
	put_slot *puts; /* a power of two slots, at most half full */
	size_t n_puts, cap_puts;
	char **old; /* the names a replaced signal gave */
	size_t n_old, cap_old;
	kn_lk_matcher m; /* the puts' and rescans' */
	sqlite3_int64 *sids;
	size_t n_sids, cap_sids;
	int scan_due;  /* a migration passed version 2: scan at its end */
};

/* The handle's state, made on first use; NULL when out of memory. */
struct kn_link_state *kn_lk_state(kn_store *st);

/* Frees the n keys of v (not v) and sets *n to 0. */
void kn_lk_free_keys(char **v, size_t *n);
/* Empties the rescan queue and the puts of the transaction. */
void kn_lk_clear_queue(struct kn_link_state *L);
/* Appends a copy of key to the array *v; 0 on success. */
int kn_lk_queue_key(char ***v, size_t *n, size_t *cap, const char *key);

/* The statement for sql from the handle's cache (give it back with
 * kn_store_stmt_done), NULL on failure. */
sqlite3_stmt *kn_lk_prep(kn_store *st, const char *sql);
/* Runs sql with ?1 = sid and the n texts as ?2...; 0 on success. */
int kn_lk_exec(kn_store *st, const char *sql, sqlite3_int64 sid,
	       const char *const *text, int n);

/* The names the corpus knows, read when not in memory; NULL when
 * detection is off, or on failure with *failed set. */
kn_dict *kn_lk_dict(kn_store *st, struct kn_link_state *L, int *failed);

/* When signal sid was last put in this transaction (0: not). */
unsigned long kn_lk_put_seq(const struct kn_link_state *L, sqlite3_int64 sid);

/* Deletes the detections in force of ?1 = sid (rejections stay). */
extern const char kn_lk_clear_detected[];

/* The names of d in text (len bytes) that an effect links: every one
 * found, left to right, but the actors the card links there (cards:
 * their keys) and second mentions of one actor (after aliases); left in
 * m->found.  It only reads d, so it may run on another thread while no
 * one changes d (SQLite is not touched).  0 on success. */
int kn_lk_match(kn_lk_matcher *m, const kn_dict *d, const char *text,
		size_t len, char *const *cards, size_t n_cards);
void kn_lk_matcher_release(kn_lk_matcher *m);
/* Writes f, found in text of effect (sid, eid), as a detection (one
 * found again keeps its rejection; a card's link stands).  0 on
 * success. */
int kn_lk_write_found(kn_store *st, sqlite3_int64 sid, const char *eid,
		      const kn_found *f, const char *text);

/* Scans every effect of the corpus for the names of L->dict (its
 * detections in force deleted before) in one pass (links_scan.c).  0 on
 * success. */
int kn_lk_scan_effects(kn_store *st, struct kn_link_state *L);

/* Links the known names in text of effect (sid, eid), but the actors
 * the card links there (cards: their keys) and second mentions of one
 * actor.  0 on success. */
int kn_lk_detect_effect(kn_store *st, struct kn_link_state *L,
			sqlite3_int64 sid, const char *eid, const char *text,
			char *const *cards, size_t n_cards);

#endif
