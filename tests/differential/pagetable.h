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
};

/* Map [start, end) 1:1 (VA == IPA == host address), 4K pages, EL0 RW,
 * Normal memory. va_bits: 64 - T0SZ. Returns 0, or -1 if out of tables. */
int pagetable_build(struct pagetable *pt, uint64_t start, uint64_t end, unsigned va_bits);

#endif
