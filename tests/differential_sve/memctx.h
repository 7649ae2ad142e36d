/*
 * The SVE differential's rule for nisv's data pieces (with
 * ../support/memcheck.h, which translates and checks the rest): on bytes an
 * active element touches, never on the unmapped guard page, written only
 * by a store, and each such byte accessed once per active element that
 * touches it (a gather's elements may overlap); a gather's or scatter's
 * pieces each inside one active element, in element order. LDFF1/LDNF1 may
 * also read the other active elements (MemNF[]); nisv says it does not, so
 * those are counted apart (nextra).
 */
#ifndef SVE_MEMCTX_H
#define SVE_MEMCTX_H

#include <stdint.h>

#include "../support/memcheck.h"
#include "sgen.h"

struct memctx {
	struct memcheck mc;      /* nisv's mem_ctx                            */
	const struct scase *c;
	uint64_t guard_lo, guard_hi;
	uint8_t cnt[MAXSPAN];    /* data accesses of byte ea + i               */
	unsigned nextra;         /* LDFF1/LDNF1: pieces on active elements
	                          * beyond c->act (permitted, not nisv's choice) */
	unsigned elem;           /* gathers: the element of the last piece      */
};

void memctx_init(struct memctx *m, const struct el0_pt *pt, const struct scase *c, const struct native_env *env);

#endif
