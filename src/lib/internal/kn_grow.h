/* knockon internal — one way to grow an array.  Not part of the public API.
 *
 * Every growable array in the library keeps (items, count, cap) and asks
 * for room before it stores; the capacity at least doubles, so n appends
 * cost O(n) copies, not the O(n^2) of growing by one element. */
#ifndef KN_GROW_H
#define KN_GROW_H

#include <stddef.h>

/* Makes the array hold at least need elements of elem_size bytes.
 * items_ptr is the address of the array's pointer (a T **, passed as
 * void * so any element type fits; the pointer is read and written with
 * memcpy, so no type punning).  When *cap < need, reallocates to
 * max(need, 2 * *cap, 8) elements and updates the pointer and *cap.
 * Returns 0 on success; -1 when the size would exceed PTRDIFF_MAX bytes
 * or memory runs out, leaving the pointer, the elements and *cap as they
 * were (the caller still owns and frees the array).  The pointer may be NULL with *cap 0. */
int kn_grow(void *items_ptr, size_t *cap, size_t need, size_t elem_size);

/* The usual form, for `T *p; size_t cap;`:
 *	if (KN_GROW(p, cap, n + 1)) return KN_ERR_NOMEM;
 * The element size comes from *p, so it cannot disagree with the type. */
#define KN_GROW(p, cap, need)                                              \
	((size_t)(need) <= (cap) ? 0 : kn_grow(&(p), &(cap), (need), sizeof *(p)))
/* (The test for room is in the macro, so the common case, room already
 * there, costs no call: kn_buf appends go through it for every byte.) */

#endif
