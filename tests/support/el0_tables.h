/*
 * Stage-1 tables for the nisv side of the CPU-oracle differentials: Linux
 * runs EL0 with the MMU on and user memory Normal write-back, so nisv gets
 * the same (with the MMU off every data access would be Device-nGnRnE,
 * where unaligned accesses and DC ZVA fault). 4K pages, EL0 RW and
 * executable (AP[2:1] = 01, UXN = 0), so nisv's trap path can fetch the
 * instruction through the same walk. Identity (VA == IPA == host address),
 * except in the swap ranges, whose pages are swapped in pairs: VA page 2k
 * holds IPA page 2k+1 and the other way round, so that an access across a
 * page boundary there lands on two IPA pages that are not adjacent in that
 * order. Built with ../support/pagetable.c in host memory, mapped 1:1.
 */
#ifndef SUPPORT_EL0_TABLES_H
#define SUPPORT_EL0_TABLES_H

#include <stdint.h>

#define EL0_PT_SWAPS 2

struct el0_pt {
	uint64_t ttbr0;    /* TTBR0_EL1 (PA of the level-0 table)          */
	uint64_t tcr;      /* TCR_EL1: 4K granule, T0SZ, TBI0, EPD1, IPS    */
	uint64_t mair;     /* MAIR_EL1: Attr0 Normal WB, Attr1 Device      */
	uint64_t lo, hi;   /* where the tables live (the walk reads them)  */
	uint64_t swap[EL0_PT_SWAPS][2]; /* VA ranges swapped in pairs      */
};

/*
 * Map the pages of the nmap ranges [map[i][0], map[i][1]), in that order;
 * the nswap swap ranges (page-aligned, an even number of pages each) are
 * swapped in pairs. va_bits: 64 - T0SZ (40 to 48). Each call takes new
 * tables from a shared pool, so several sets can be used side by side.
 * Returns 0, or -1 on bad arguments or when out of tables.
 */
int el0_pt_build(struct el0_pt *pt, unsigned va_bits, const uint64_t (*map)[2], unsigned nmap,
                 const uint64_t (*swap)[2], unsigned nswap);

/* The IPA of a VA (untagged); the same function takes an IPA back to the
 * host address (the pair swap is its own inverse). */
static inline uint64_t el0_pt_ipa(const struct el0_pt *pt, uint64_t va)
{
	for (unsigned i = 0; i < EL0_PT_SWAPS; i++)
		if (va >= pt->swap[i][0] && va < pt->swap[i][1])
			return pt->swap[i][0] + ((va - pt->swap[i][0]) ^ 4096u);
	return va;
}

static inline int el0_pt_swaps(const struct el0_pt *pt)
{
	return pt->swap[0][1] > pt->swap[0][0];
}

#endif
