/* role_counts kept in C while a transaction stores signals: each signal
 * adds one to (role, actor) for every distinct pair it names, summed here
 * and written once per pair at commit (one upsert per pair of a batch
 * instead of a NOT EXISTS probe and an upsert per role row, as the insert
 * trigger of schema 1 did).  Deleting roles still goes through the delete
 * trigger, which reads role_counts: kn_counts_flush must run first. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct count_slot {
	sqlite3_int64 aid; /* 0 = free (actor ids start at 1) */
	int role;
	long n;
} count_slot;

struct kn_counts {
	count_slot *slot; /* open addressing, at most half full */
	size_t cap, n;
	sqlite3_stmt *upsert;
};

static size_t slot_of(const kn_counts *c, int role, sqlite3_int64 aid)
{
	unsigned long long h = (unsigned long long)aid * 2 + (unsigned)role;
	size_t i;

	h *= 0x9E3779B97F4A7C15ULL;
	i = (size_t)(h >> 20) & (c->cap - 1);
	while (c->slot[i].aid && (c->slot[i].aid != aid || c->slot[i].role != role))
		i = (i + 1) & (c->cap - 1);
	return i;
}

static int grow(kn_counts *c)
{
	size_t old_cap = c->cap, i;
	count_slot *old = c->slot;

	c->cap = old_cap ? 2 * old_cap : 1024;
	c->slot = calloc(c->cap, sizeof *c->slot);
	if (!c->slot) {
		c->slot = old;
		c->cap = old_cap;
		return -1;
	}
	for (i = 0; i < old_cap; i++)
		if (old[i].aid)
			c->slot[slot_of(c, old[i].role, old[i].aid)] = old[i];
	free(old);
	return 0;
}

kn_counts *kn_counts_new(void)
{
	return calloc(1, sizeof(kn_counts));
}

void kn_counts_free(kn_counts *c)
{
	if (!c)
		return;
	sqlite3_finalize(c->upsert);
	free(c->slot);
	free(c);
}

void kn_counts_forget(kn_counts *c)
{
	if (c && c->n) {
		memset(c->slot, 0, c->cap * sizeof *c->slot);
		c->n = 0;
	}
}

int kn_counts_reserve(kn_counts *c, size_t more)
{
	while (2 * (c->n + more) > c->cap)
		if (grow(c))
			return -1;
	return 0;
}

void kn_counts_add(kn_counts *c, int role, sqlite3_int64 aid)
{
	size_t i = slot_of(c, role, aid);

	if (!c->slot[i].aid) {
		c->slot[i].aid = aid;
		c->slot[i].role = role;
		c->n++;
	}
	c->slot[i].n++;
}

static int by_role_aid(const void *a, const void *b)
{
	const count_slot *x = a, *y = b;

	if (x->role != y->role)
		return x->role < y->role ? -1 : 1;
	return x->aid < y->aid ? -1 : x->aid > y->aid;
}

/* The pairs are written in (role, aid) order, the order of role_counts'
 * key, so the upserts walk its B-tree forwards. */
int kn_counts_flush(kn_counts *c, sqlite3 *db)
{
	static const char *const role_name[] = { "winner", "loser" };
	size_t i, k = 0;
	int rc = 0;

	if (!c || !c->n)
		return 0;
	if (!c->upsert &&
	    sqlite3_prepare_v3(db, "INSERT INTO role_counts (role, aid, n)"
			       " VALUES (?1, ?2, ?3) ON CONFLICT (role, aid)"
			       " DO UPDATE SET n = n + excluded.n", -1,
			       SQLITE_PREPARE_PERSISTENT, &c->upsert, NULL))
		return -1;
	for (i = 0; i < c->cap; i++) /* pack the used slots at the front */
		if (c->slot[i].aid)
			c->slot[k++] = c->slot[i];
	if (k > 1) /* qsort takes no NULL, even for 0 */
		qsort(c->slot, k, sizeof *c->slot, by_role_aid);
	for (i = 0; i < k && !rc; i++) {
		sqlite3_reset(c->upsert);
		sqlite3_bind_text(c->upsert, 1, role_name[c->slot[i].role], -1,
				  SQLITE_STATIC);
		sqlite3_bind_int64(c->upsert, 2, c->slot[i].aid);
		sqlite3_bind_int64(c->upsert, 3, c->slot[i].n);
		rc = sqlite3_step(c->upsert) == SQLITE_DONE ? 0 : -1;
	}
	sqlite3_reset(c->upsert);
	c->n = k; /* kn_counts_forget clears every slot */
	kn_counts_forget(c);
	return rc;
}
