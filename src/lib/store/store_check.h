/* knockon internal — "knockon check" (store_check.c reads the signals,
 * store_repair.c the rest and repairs). */
#ifndef KN_STORE_CHECK_H
#define KN_STORE_CHECK_H

#include "store_fix.h"

/* The spelling of an actor in one signal, in the order stored. */
typedef struct kn_spelling {
	char *key, *name;
	sqlite3_int64 sid;
	size_t seq;
} kn_spelling;

typedef struct kn_checker {
	kn_store *st;
	int repair;
	kn_problem_fn each;
	void *ctx;
	kn_check_stats *stats;
	kn_buf line;          /* the problem being written */
	sqlite3_int64 *redo;  /* signals whose derived rows differ */
	size_t n_redo, cap_redo;
	kn_spelling *names;   /* every actor of every signal, sid order */
	size_t n_names, cap_names;
	sqlite3_int64 *gone;  /* sids of removed signals with rows left */
	size_t n_gone, cap_gone;
	int fts_bad;          /* the search index fails its integrity check */
	int has_links;        /* the corpus has effect_links (schema 2) */
	int links_bad;        /* its detections differ from a full scan */
	int unfinished;       /* a bulk load left its indexes and its scan */
	kn_spelling *cards;   /* every card link's name (store_check_links.c) */
	size_t n_cards, cap_cards;
	unsigned long long unreadable; /* signals whose JSON cannot be read */
} kn_checker;

/* Reports the problem in c->line (then emptied). */
void kn_check_report(kn_checker *c, int repaired);

/* Checks every signal against its stored JSON, reporting each that
 * differs and keeping its sid in c->redo; fills c->names. */
kn_status kn_check_signals(kn_checker *c, kn_error *err);

/* Sets *differ when signal sid's stored card links (effect_links rows of
 * provenance 'card') are not g's, and notes their names in c->cards
 * (store_check_links.c).  Nothing when !c->has_links. */
kn_status kn_check_card_links(kn_checker *c, sqlite3_int64 sid,
			      const kn_signal *g, int *differ, kn_error *err);
/* After kn_check_signals: every signal's detections against those a full
 * scan with the names of c->names, c->cards and the aliases finds, a line
 * per signal that differs (c->links_bad set); rejected detections stay.
 * Nothing when !c->has_links or some signal could not be read. */
kn_status kn_check_detections(kn_checker *c, kn_error *err);
/* Schema 5: every link's copies of its effect's order and its signal's
 * weight (ord, base) against those rows, a line per signal that differs;
 * kn_fix_link_copies sets every copy that differs (after the signals are
 * repaired).  Nothing before schema 5. */
kn_status kn_check_link_copies(kn_checker *c, kn_error *err);
kn_status kn_fix_link_copies(kn_checker *c, kn_error *err);

#endif
