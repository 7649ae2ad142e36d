/* Stage-1 tables with a hole for the guard page (ptab.h). */
#include "ptab.h"

#include <string.h>

#include "../support/pagetable.h"

#define NTABLES 16
#define DESC_ATTR(i) ((uint64_t)(i) << 2)
#define DESC_AP_EL0 (1ull << 6)   /* AP[1]: EL0 access; AP[2] = 0: RW */
#define DESC_SH_INNER (3ull << 8)
#define DESC_AF (1ull << 10)
#define DESC_NG (1ull << 11)
#define VA_BITS 48

static uint64_t tables[NTABLES][512] __attribute__((aligned(4096)));
static unsigned ntables;

/* the tables are host memory, identity-mapped: IPA == host address */
static uint8_t *pool_host(void *ctx, uint64_t ipa)
{
	(void)ctx;
	return (uint8_t *)(uintptr_t)ipa;
}

static uint64_t pool_alloc(void *ctx, uint64_t bytes)
{
	(void)ctx;
	if (ntables >= NTABLES || bytes > sizeof tables[0])
		return UINT64_MAX;
	memset(tables[ntables], 0, sizeof tables[0]);
	return (uint64_t)(uintptr_t)tables[ntables++];
}

static const struct pt_mem pool = {.host = pool_host, .alloc = pool_alloc};

int sve_pt_build(struct sve_pt *pt, const struct native_env *env, int swapped)
{
	const uint64_t attrs = DESC_NG | DESC_AF | DESC_SH_INNER | DESC_AP_EL0 | DESC_ATTR(0);
	struct pt t;
	unsigned i;

	memset(pt, 0, sizeof *pt);
	pt->buf = (uint64_t)(uintptr_t)env->buf;
	pt->swapped = swapped;
	pt->lo = (uint64_t)(uintptr_t)(tables + ntables);
	if (pt_create(&t, &pool, 12, 64 - VA_BITS, 0))
		return -1;
	if (pt_map(&t, (uint64_t)(uintptr_t)env->page, (uint64_t)(uintptr_t)env->page, 3, attrs))
		return -1;
	for (i = 0; i < BUF_PAGES; i++) {
		uint64_t va = pt->buf + (uint64_t)i * PAGE;

		if (i != GUARD_PAGE && pt_map(&t, va, sve_pt_ipa(pt, va), 3, attrs))
			return -1;
	}
	pt->ttbr0 = pt_ttbr(&t);
	pt->tcr = (uint64_t)(64 - VA_BITS)   /* T0SZ                      */
	          | 1ull << 8 | 1ull << 10     /* IRGN0, ORGN0: WB WA       */
	          | 3ull << 12                 /* SH0: inner shareable      */
	          | 0ull << 14                 /* TG0: 4K                   */
	          | 1ull << 23                 /* EPD1: no TTBR1 walks      */
	          | 5ull << 32                 /* IPS: 48 bits              */
	          | 1ull << 37;                /* TBI0                      */
	pt->mair = 0xffull;                    /* Attr0 Normal WB           */
	pt->hi = (uint64_t)(uintptr_t)(tables + ntables);
	return 0;
}
