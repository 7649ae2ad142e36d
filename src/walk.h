/*
 * What the stage-1 walker keeps in the vCPU: the walk parameters decoded
 * from TCR_EL1 (walk_cfg.c), the remembered walks (walk_memo.c) and the
 * walk cache of one call (mmu.c).
 */
#ifndef NISV_WALK_H
#define NISV_WALK_H

#include <stdint.h>

/* What a stage-1 walk of one VA half takes from TCR_EL1. */
struct walk_cfg {
	uint64_t va_mask[2];  /* [fetch]: VA bits that must all equal bit 55 */
	uint64_t oa_over;     /* output address bits beyond the OA size      */
	uint64_t base_mask;   /* TTBR BADDR bits of the start-level table    */
	uint64_t desc_mask;   /* output address bits of a descriptor         */
	uint64_t hier_mask;   /* APTable/XNTable bits (0 with TCR_EL1.HPDn)  */
	uint8_t g, stride;    /* granule shift; index bits per level         */
	int8_t start;         /* start level, -1..3                          */
	uint8_t first_shift, first_bits; /* VA bits the start level indexes  */
	uint8_t block_levels; /* bit n: block descriptors allowed at level n */
	uint8_t fault0;       /* every walk faults at level 0 (TxSZ, EPDn)   */
	uint8_t e0pd;         /* EL0 walks fault at level 0 (E0PDn)          */
	uint8_t oa52;         /* 52-bit descriptors: OA52_DS or OA52_LPA     */
	uint8_t ttbr52;       /* TTBR[5:2] holds BADDR[51:48]                */
	uint8_t ha, hd;       /* hardware access flag / dirty state update   */
};

enum { OA52_DS = 1, OA52_LPA = 2 }; /* walk_cfg.oa52: FEAT_LPA2, FEAT_LPA */

/* A walk reads at most 5 descriptors (start level -1 to 3). */
#define WALK_MAX_READS 5

/* A remembered stage-1 walk and everything it read. */
struct walk_memo {
	uint64_t key; /* VA page | request << 1 | 1; 0: nothing remembered     */
	uint64_t sctlr, tcr, ttbr, mair;  /* the registers it read             */
	uint64_t addr[WALK_MAX_READS], raw[WALK_MAX_READS]; /* descriptors read
	                                     (as loaded), leaf last           */
	uint64_t result[6];       /* the translation of the page (struct xlat) */
	uint64_t gen;             /* which store this is (vCPU-wide count)    */
	uint64_t share_gen;       /* data walk: its first `shared` descriptors
	                             are those of fetch walk store share_gen */
	uint8_t nrec, mair_used, shared;
};

/* The final table of the call's last walk: VA bits above span equal to tag
 * index it at `level` (a walk cache, one call long). */
struct walk_cache {
	uint64_t tag, table, attrs;
	int8_t level;
	uint8_t shift, span, valid;
};

#endif
