/*
 * The permitted outcomes of a first-fault (LDFF1*) or non-fault (LDNF1*)
 * contiguous load that does not fault. The architecture leaves latitude
 * (Arm ARM, "LDFF1B (scalar plus scalar)" and "LDNF1B" pseudocode,
 * MemNF[]), so nisv and the CPU are each judged against the rule rather
 * than against each other:
 *
 *  - every active element after the first (LDFF1) or every active element
 *    (LDNF1) may be suppressed "for any reason"; one that touches an
 *    unmapped page must be;
 *  - from the first suppressed element k on, FFR is cleared, every
 *    predicate bit of every element ("ElemFFR[e, esize] = '0'" once
 *    faulted); the bits before k are as they were;
 *  - an element is UNKNOWN from k on, and from the first element whose
 *    FFR bit (its lowest) was 0 on entry: it holds its data (only when it
 *    was not itself suppressed: Unpredictable_SVELDNFDATA), zero
 *    (Unpredictable_SVELDNFZERO) or the old Zt element (merge); an inactive
 *    element's data is zero;
 *  - every other element holds its data (zero when inactive).
 *
 * A case is permitted when some suppression point k (or none) explains
 * the FFR and every Zt element.
 */
#ifndef SVE_FFJUDGE_H
#define SVE_FFJUDGE_H

#include <stddef.h>
#include <stdint.h>

#include "sgen.h"

struct ff_ctx {
	unsigned ne;            /* elements (VL / esize)                        */
	unsigned first;         /* first active element (ne: none)             */
	unsigned lim;           /* first active element that cannot be loaded
	                         * (a byte on the guard page), else ne         */
	uint8_t active[256];
	uint8_t loadable[256];  /* no byte on the guard page                   */
	uint64_t mem[256];      /* the element as a load would extend it       */
	uint64_t data[256];     /* ... when active, else 0 (the pseudocode's)  */
};

/* mem: the c->span bytes at c->ea before the instruction; guard_lo: the
 * unmapped page */
void ff_prepare(const struct scase *c, const uint8_t *mem, uint64_t guard_lo, struct ff_ctx *x);

/* Element e of a VL-byte vector register (esize 1 << esz bytes). */
uint64_t ff_elem(const uint8_t *z, unsigned e, unsigned esz);

/* 0 when Zt and FFR after the instruction (VL/8 and VL/64 bytes) are a
 * permitted outcome; else -1 and why (one line). */
int ff_permitted(const struct scase *c, const struct ff_ctx *x, const uint8_t *zt, const uint8_t *ffr, char *why,
                 size_t n);

/* nisv's documented choice (src/sve_layout.c, docs/architecture.md
 * "SVE"): LDFF1 loads its first active element only, every other active
 * element is suppressed: FFR cleared from the next active element (LDNF1:
 * from the first), Zt zero but for LDFF1's first active element. */
void ff_nisv_choice(const struct scase *c, const struct ff_ctx *x, uint8_t *zt, uint8_t *ffr);

/* FFR (VL/64 bytes) with the bits of elements from k on cleared. */
void ff_clear_from(const struct scase *c, const uint8_t *in, unsigned k, uint8_t *out);

#endif
