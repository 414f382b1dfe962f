/* kn_grow: geometric, overflow-checked array growth (kn_grow.h). */
#include "kn_grow.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int kn_grow(void *items_ptr, size_t *cap, size_t need, size_t elem_size)
{
	size_t n, max;
	void *old, *p;

	if (need <= *cap)
		return 0;
	if (elem_size == 0)
		return -1;
	/* no object over PTRDIFF_MAX bytes: pointer differences in it would
	 * overflow, and malloc refuses them anyway */
	max = PTRDIFF_MAX / elem_size;
	if (need > max)
		return -1;
	n = *cap < 8 ? 8 : *cap;
	while (n < need)
		n = n > max / 2 ? need : n * 2;
	if (n > max)
		n = need;
	memcpy(&old, items_ptr, sizeof old);
	p = realloc(old, n * elem_size);
	if (!p)
		return -1;
	memcpy(items_ptr, &p, sizeof p);
	*cap = n;
	return 0;
}
