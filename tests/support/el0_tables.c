/* Stage-1 tables for EL0 in host memory (el0_tables.h). */
#include "el0_tables.h"

#include <string.h>

#include "pagetable.h"

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

static const struct pt_mem pool = {.host = pool_host, .alloc = pool_alloc};

int el0_pt_build(struct el0_pt *pt, unsigned va_bits, const uint64_t (*map)[2], unsigned nmap,
                 const uint64_t (*swap)[2], unsigned nswap)
{
	/* pages: EL0 RW (AP[2:1] = 01), UXN = PXN = 0 (EL0 may fetch) */
	const uint64_t attrs = DESC_NG | DESC_AF | DESC_SH_INNER | DESC_AP_EL0 | DESC_ATTR(0);
	struct pt t;

	memset(pt, 0, sizeof *pt);
	if (va_bits < 40 || va_bits > 48 || nswap > EL0_PT_SWAPS)
		return -1;
	for (unsigned i = 0; i < nswap; i++) {
		if (((swap[i][0] | swap[i][1]) & 0xfff) || swap[i][1] < swap[i][0] || (swap[i][1] - swap[i][0]) % 8192)
			return -1;
		pt->swap[i][0] = swap[i][0];
		pt->swap[i][1] = swap[i][1];
	}
	pt->lo = (uint64_t)(uintptr_t)(tables + ntables);
	if (pt_create(&t, &pool, 12, 64 - va_bits, 0))
		return -1;
	for (unsigned i = 0; i < nmap; i++)
		for (uint64_t va = map[i][0] & ~0xfffull; va < map[i][1]; va += 4096)
			if (pt_map(&t, va, el0_pt_ipa(pt, va), 3, attrs))
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
