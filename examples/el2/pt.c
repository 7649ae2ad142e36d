/* 4K-granule translation tables (see pt.h). */
#include "pt.h"

#define OA_MASK 0x0000fffffffff000ull

static unsigned level_shift(int level)
{
	return 12 + 9 * (unsigned)(3 - level);
}

uint64_t pt_alloc(struct pt_pool *pool)
{
	uint64_t pa = pool->next;

	if (pa + PAGE_SIZE > pool->end)
		return 0;
	pool->next = pa + PAGE_SIZE;
	for (volatile uint64_t *t = (uint64_t *)pa; t < (uint64_t *)(pa + PAGE_SIZE); t++)
		*t = 0;
	return pa;
}

/* One block or page at the first level where it fits; tables on the way. */
static int map_one(struct pt_pool *pool, uint64_t root, uint64_t va, uint64_t pa, uint64_t size,
                   uint64_t attrs, uint64_t *mapped)
{
	uint64_t table = root;

	for (int level = 0;; level++) {
		uint64_t bsz = 1ull << level_shift(level);
		volatile uint64_t *e = (uint64_t *)table + (va >> level_shift(level) & 511);
		int block_ok = level == 3 || ((level == 1 || level == 2) && !((va | pa) & (bsz - 1)) && size >= bsz);

		if (block_ok) {
			*e = pa | attrs | (level == 3 ? 3 : 1);
			*mapped = bsz;
			return 0;
		}
		if ((*e & 3) != 3) {
			uint64_t t = pt_alloc(pool);
			if (!t)
				return -1;
			*e = t | 3;
		}
		table = *e & OA_MASK;
	}
}

int pt_map(struct pt_pool *pool, uint64_t root, uint64_t va, uint64_t pa, uint64_t size, uint64_t attrs)
{
	while (size) {
		uint64_t done;
		if (map_one(pool, root, va, pa, size, attrs, &done))
			return -1;
		va += done;
		pa += done;
		size -= done;
	}
	return 0;
}
