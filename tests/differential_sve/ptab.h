/*
 * Stage-1 tables for the nisv side (4K granule, Normal WB, EL0 RW and
 * executable): the stub page and every buffer page except the guard page,
 * which stays unmapped (a level-3 translation fault, as on the CPU).
 * Identity (VA == IPA == host address), or with buffer pages swapped in
 * pairs (2k <-> 2k+1, pairs that hold the guard page excluded), so that an
 * access across a page lands on two IPA pages that are not adjacent in that
 * order.
 */
#ifndef SVE_PTAB_H
#define SVE_PTAB_H

#include <stdint.h>

#include "native_sve.h"

struct sve_pt {
	uint64_t ttbr0, tcr, mair;
	uint64_t lo, hi;     /* where the tables are (the walk reads them)   */
	uint64_t buf;        /* the buffer                                    */
	int swapped;
};

/* 0, or -1 when out of tables. */
int sve_pt_build(struct sve_pt *pt, const struct native_env *env, int swapped);

/* The buffer page that VA page i of the buffer maps to (its own inverse). */
static inline unsigned sve_pt_partner(const struct sve_pt *pt, unsigned i)
{
	unsigned j = i ^ 1u;

	if (!pt->swapped || i == GUARD_PAGE || j == GUARD_PAGE || j >= BUF_PAGES)
		return i;
	return j;
}

/* VA (untagged) -> IPA; and, being its own inverse, IPA -> host address.
 * The guard page maps to itself (it has no IPA: nothing may use one). */
static inline uint64_t sve_pt_ipa(const struct sve_pt *pt, uint64_t va)
{
	uint64_t off = va - pt->buf;

	if (va < pt->buf || off >= (uint64_t)BUF_PAGES * PAGE)
		return va;
	return pt->buf + (uint64_t)sve_pt_partner(pt, (unsigned)(off / PAGE)) * PAGE + off % PAGE;
}

#endif
