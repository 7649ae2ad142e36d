/*
 * Stage-1 tables (4K granule) for the nisv side of the test: identity, or
 * with the buffer's pages swapped in pairs. Leaf pages are EL0 read/write
 * and executable (UXN = 0), so nisv's trap path can fetch the instruction
 * from the stub page or the buffer through the same walk.
 */
#include "pagetable.h"
#include "../support/pagetable.h"

#include <string.h>

#define NTABLES 32 /* a shared pool: several table sets can live side by side */
#define DESC_ATTR(i) ((uint64_t)(i) << 2)
#define DESC_AP_EL0 (1ull << 6)         /* AP[1]: EL0 access, AP[2] = 0: RW   */
#define DESC_SH_INNER (3ull << 8)
#define DESC_AF (1ull << 10)
#define DESC_NG (1ull << 11)

static uint64_t tables[NTABLES][512] __attribute__((aligned(4096)));
static unsigned ntables;

/* The tables are in host memory, identity-mapped: IPA == host address. */
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

static const struct pt_mem pool = { .host = pool_host, .alloc = pool_alloc };

int pagetable_build(struct pagetable *pt, uint64_t start, uint64_t end, unsigned va_bits, uint64_t swap_lo,
                    uint64_t swap_hi)
{
	struct pt t;

	pt->lo = (uint64_t)(uintptr_t)(tables + ntables);
	if (va_bits < 40 || va_bits > 48 || ((swap_lo | swap_hi) & 0xfff) || (swap_hi - swap_lo) % 8192 ||
	    pt_create(&t, &pool, 12, 64 - va_bits, 0))
		return -1;
	pt->swap_lo = swap_lo;
	pt->swap_hi = swap_hi;
	/* pages: EL0 RW (AP[2:1] = 01), UXN = PXN = 0 (EL0 may fetch) */
	for (uint64_t va = start & ~0xfffull; va < end; va += 4096)
		if (pt_map(&t, va, pt_ipa(pt, va), 3, DESC_NG | DESC_AF | DESC_SH_INNER | DESC_AP_EL0 | DESC_ATTR(0)))
			return -1;
	pt->ttbr0 = pt_ttbr(&t);
	pt->tcr = (uint64_t)(64 - va_bits)   /* T0SZ                       */
	          | 1ull << 8 | 1ull << 10     /* IRGN0, ORGN0: WB WA        */
	          | 3ull << 12                 /* SH0: inner shareable       */
	          | 0ull << 14                 /* TG0: 4K                    */
	          | 1ull << 23                 /* EPD1: no TTBR1 walks       */
	          | 5ull << 32                 /* IPS: 48 bits               */
	          | 1ull << 37;                /* TBI0                       */
	pt->mair = 0xffull | 0x00ull << 8;     /* Attr0 Normal WB, Attr1 nGnRnE */
	pt->hi = (uint64_t)(uintptr_t)(tables + ntables);
	return 0;
}
