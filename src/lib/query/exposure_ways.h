/* knockon internal — the ways of an exposure (exposure.c): every way the
 * corpus reaches an actor, read narrow from the storage operations (no
 * title, no text), in the answer's order, each effect or role once. */
#ifndef KN_EXPOSURE_WAYS_H
#define KN_EXPOSURE_WAYS_H

#include "kn_storage.h"

#define KN_XNO_DATE 0xffffffffu

/* What the rows shown need of a signal, read once (kn_xways_settle). */
typedef struct kn_xsig {
	char *id, *title, *published;
	int numbers[3]; /* score, confidence, impact; KN_ABSENT when absent */
	int gone;       /* its row is not there (a corpus edited by hand) */
} kn_xsig;

typedef struct kn_xway {
	kn_way w;      /* its strings in the kn_xways's arena */
	kn_xsig *sig;  /* its signal (kn_xways's); NULL until read */
	char *text;    /* its effect's text (heap); NULL until read */
	int position;  /* the effect's position; -1 until read */
	unsigned rank; /* its date among the distinct dates, newest first;
			* KN_XNO_DATE when undated */
} kn_xway;

struct kn_xchunk;

typedef struct kn_xways {
	kn_xway *v;
	size_t n, cap;
	int max_order;              /* the highest order of a way */
	struct kn_xchunk *chunks;   /* the arena */
	kn_xsig **sigs;             /* the signals read */
	size_t n_sigs, cap_sigs;
	const char **dates;         /* the distinct dates (in the arena) */
	size_t n_dates, cap_dates;
	unsigned *slots;            /* a hash table of indexes into dates */
	size_t n_slots;
	const char *link_key;       /* the first link's key, */
	kn_row role_aid;            /* the first role's actor, */
	int many;                   /* and 1 when another name reaches it too */
	size_t sorted;              /* the first sorted ways are in order */
} kn_xways;

/* Reads the ways by which the signals f selects reach the actor group of
 * canonical key key into x (zeroed, or released), an effect or role that
 * two names of the group reach kept once; in no given order until
 * kn_xways_sort or kn_xways_settle. */
kn_status kn_xways_read(kn_store *st, const char *key, const kn_filter *f,
			kn_xways *x, kn_error *err);
/* As kn_xways_read, unfiltered, for an actor of one name: only the ways
 * of its newest signals, enough for the first upto ways of the answer
 * (exposure_newest); *done 0 when they could not be read so within
 * max_signals signals (x then holds nothing; read every way). */
kn_status kn_xways_newest(kn_store *st, const char *key, size_t upto,
			  size_t max_signals, kn_xways *x, int *done,
			  kn_error *err);
/* Sorts the ways newest signal first, then by signal row, order, effect
 * id (a role: by role): the runs of one signal or one month. */
kn_status kn_xways_sort(kn_xways *x, kn_error *err);
/* Puts the first upto ways in the answer's order, the others after them:
 * newest first, the signals of one date by id, the effects of one order
 * of a signal by position; and reads, for those and the other ways of
 * the last date among them alone, their signal's columns (sig) and their
 * effect's text and position. */
kn_status kn_xways_settle(kn_store *st, kn_xways *x, size_t upto,
			  kn_error *err);
void kn_xways_release(kn_xways *x);

/* The exposure of ways whose bases (score × confidence × impact, in
 * millionths) sum to base[k] at order k, k < n: the sum over k of
 * base[k] / 10^6 × decay^k.  Every total and group is this of exact
 * integer sums, so that it does not depend on the order of the ways. */
double kn_ripple_sum(const long long *base, int n, double decay);

#endif
