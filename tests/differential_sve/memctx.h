/*
 * nisv's memory callbacks for the SVE differential: IPA -> host address
 * through the case's tables, and checks that every data piece is naturally
 * aligned, at most 16 bytes, on bytes an active element touches, written
 * only by a store, and that each such byte is accessed once. LDFF1/LDNF1
 * may also read the other active elements (MemNF[]); nisv says it does not,
 * so those are counted apart (nextra).
 */
#ifndef SVE_MEMCTX_H
#define SVE_MEMCTX_H

#include <stdint.h>

#include "nisv.h"
#include "ptab.h"
#include "sgen.h"

struct memctx {
	const struct sve_pt *pt;
	const struct scase *c;
	uint64_t lo, hi;         /* the buffer (host addresses)                */
	uint64_t guard_lo, guard_hi;
	uint64_t fetch_ipa;      /* where the instruction fetch must read      */
	unsigned nfetch, nwalk, ndata;
	uint8_t cnt[MAXSPAN];    /* data accesses of byte ea + i               */
	unsigned nextra;         /* LDFF1/LDNF1: pieces on active elements
	                          * beyond c->act (permitted, not nisv's choice) */
	uint64_t t_lo, t_hi;     /* hull of the bytes nisv touched (host)      */
	int lock_depth;
	unsigned nerr;
	char err[4][200];
};

extern const nisv_mem_ops memctx_ops;        /* walks through read()      */
extern const nisv_mem_ops memctx_ops_mapped; /* walks through ram_map()   */

void memctx_init(struct memctx *m, const struct sve_pt *pt, const struct scase *c, const struct native_env *env);

#endif
