/* knockon internal — the search behind kn_path_query, shared by path.c
 * (the global nodes, buckets and chains) and path_card.c (the walk
 * inside one card, and the query itself).  Not public. */
#ifndef KN_PATH_INTERNAL_H
#define KN_PATH_INTERNAL_H

#include "knockon/converge.h"
#include "keymap.h"
#include "kn_storage.h"

/* An actor: reached at dist (-1: not yet) from card pcard (KN_NO_INDEX:
 * the start) through the effects peids of that card's chain. */
typedef struct kn_anode {
	char *key, *name; /* canonical key; the first spelling seen */
	int dist, expanded;
	size_t pcard;
	char **peids;
	size_t n_peids;
} kn_anode;

/* A card (its signal): reached at dist from actor pactor (KN_NO_INDEX:
 * the start). */
typedef struct kn_cnode {
	kn_row sid;
	char *id;
	int dist, expanded;
	size_t pactor;
} kn_cnode;

typedef struct kn_qent {
	int card;    /* 1: a card, 0: an actor */
	size_t idx;
	int dist;
} kn_qent;

typedef struct kn_bucket {
	kn_qent *items;
	size_t n, cap;
} kn_bucket;

/* A card naming the target (the search's far end, read before it starts
 * when there are few): its chains into the target and the actors it names. */
typedef struct kn_tcard {
	kn_row sid;
	char *id;
	kn_path *chains;   /* effect hops only (kind KN_HOP_EFFECT), in walk order */
	size_t n_chains, cap_chains;
	char **actors;     /* the keys of the other actors it names */
	size_t n_actors, cap_actors;
} kn_tcard;

/* An actor a target card names: reaching it, a chain can end through
 * that card without entering any other (the meeting of the two ends). */
typedef struct kn_meet {
	const char *key; /* borrowed from its kn_tcard */
	size_t tcard;
} kn_meet;

typedef struct kn_psearch {
	kn_store *st;
	int max_hops;
	size_t limit;
	kn_filter filter;   /* the cards chains may enter (no limit) */
	size_t target;      /* the target's actor node */
	kn_anode *actors;
	size_t n_actors, cap_actors;
	kn_cnode *cards;
	size_t n_cards, cap_cards;
	kn_strmap actor_index;
	kn_rowmap card_index;
	kn_bucket *buckets; /* one per distance, 0..max_hops */
	kn_paths found;     /* the shortest chains, at most limit */
	kn_tcard *tcards;   /* the target's cards, when few (KN_TARGET_CARDS) */
	size_t n_tcards, cap_tcards;
	kn_meet *meets;     /* sorted by key, then target card */
	size_t n_meets, cap_meets;
	kn_strmap meet_index; /* key -> its first meet */
	kn_rowmap tcard_index; /* the target cards' sids (when prescanned) */
	int prescanned;     /* tcards holds every card naming the target */
	int prescan;        /* walking target card `tcard`, not the search's */
	size_t tcard;
} kn_psearch;

/* The target's cards are read first when it has at most this many. */
#define KN_TARGET_CARDS 4096

/* path.c */
kn_status kn_psearch_init(kn_psearch *s, kn_store *st, const kn_path_opts *o,
			 kn_error *err);
void kn_psearch_release(kn_psearch *s);
size_t kn_psearch_actor(kn_psearch *s, const char *key, const char *name);
int kn_psearch_start(kn_psearch *s, kn_row sid, const char *id, size_t a);
int kn_psearch_reach_actor(kn_psearch *s, size_t i, int dist, size_t c,
			  char *const *eids, size_t n);
int kn_psearch_found(kn_psearch *s, size_t c, char *const *eids, size_t n);
kn_status kn_psearch_run(kn_psearch *s, kn_error *err);
int kn_path_push(kn_path *p, kn_hop_kind kind, const char *id,
		 const char *signal);
void kn_path_free_hops(kn_path *p);

/* path_card.c: the walk inside card c (its actors reached, chains into
 * the target found). */
kn_status kn_psearch_expand_card(kn_psearch *s, size_t c, kn_error *err);
/* Reads the target's cards (when few) and the actors they name. */
kn_status kn_psearch_prescan(kn_psearch *s, kn_error *err);
/* path.c: keeps chain p (taken over) among the limit shortest, unless
 * the same chain is there; 0, or -1 when out of memory. */
int kn_psearch_keep(kn_psearch *s, kn_path *p);

#endif
