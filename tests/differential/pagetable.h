/*
 * Identity-mapped stage-1 tables for nisv: Linux runs EL0 with the MMU on
 * and user memory Normal write-back, so nisv gets the same (with the MMU off
 * every data access would be Device-nGnRnE, where unaligned accesses and
 * DC ZVA fault).
 */
#ifndef DIFF_PAGETABLE_H
#define DIFF_PAGETABLE_H

#include <stdint.h>

struct pagetable {
	uint64_t ttbr0;    /* TTBR0_EL1 (PA of the level-0 table)          */
	uint64_t tcr;      /* TCR_EL1: 4K granule, T0SZ, TBI0, EPD1, IPS    */
	uint64_t mair;     /* MAIR_EL1: Attr0 Normal WB, Attr1 Device      */
	uint64_t lo, hi;   /* where the tables live (the walk reads them)  */
	uint64_t swap_lo, swap_hi; /* pages swapped in pairs (empty: none) */
};

/* Map [start, end) with 4K pages, EL0 RW and executable (AP[2:1] = 01,
 * UXN = 0), Normal memory. 1:1 (VA == IPA == host address), except that the
 * pages of [swap_lo, swap_hi) (page-aligned, an even number of pages; may
 * be empty) are swapped in pairs: VA page 2k holds IPA page 2k+1 and the
 * other way round, so an access crossing a page boundary there lands on two
 * IPA pages that are not adjacent in that order. va_bits: 64 - T0SZ.
 * Each call takes new tables from a shared pool, so several sets can be
 * used side by side. Returns 0, or -1 if out of tables. */
int pagetable_build(struct pagetable *pt, uint64_t start, uint64_t end, unsigned va_bits, uint64_t swap_lo,
                    uint64_t swap_hi);

/* The IPA of a VA (untagged); the same function takes an IPA back to the
 * host address (the pair swap is its own inverse). */
static inline uint64_t pt_ipa(const struct pagetable *pt, uint64_t va)
{
	if (va >= pt->swap_lo && va < pt->swap_hi)
		return pt->swap_lo + ((va - pt->swap_lo) ^ 4096u);
	return va;
}

#endif
