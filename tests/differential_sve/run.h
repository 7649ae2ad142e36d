/*
 * What the parts of the driver share: the options, the environment, the
 * buffer images, one case's run (struct run); the verdict of one nisv path
 * is ../support/verdict.h's.
 */
#ifndef SVE_RUN_H
#define SVE_RUN_H

#include <stdint.h>

#include "../support/el0_tables.h"
#include "../support/options.h"
#include "../support/verdict.h"
#include "ffjudge.h"
#include "native_sve.h"
#include "nisv.h"
#include "sgen.h"
#include "trap_sve.h"

#define BUFSZ ((uint64_t)BUF_PAGES * PAGE)
#define POISON 0xa5u /* nisv's register bytes no case uses hold it */

struct options {
	struct base_opts base;
	unsigned vl;        /* bytes; 0: random per case                      */
	unsigned svl;       /* SME classes' streaming VL, bytes; 0: random    */
	unsigned fault;     /* 1 in fault cases placed against the guard page */
	unsigned bug1;      /* keep 1 in bug1 cases qemu bug 1 applies to        */
	int noise;          /* random bits in predicates that no element uses   */
	int fork_all;       /* run every CPU fault case in a forked child      */
	struct trap_opts trap;
};

extern struct options opt;
extern struct native_env env;
extern uint8_t shadow[];  /* the buffer before a case (by offset)     */
extern uint8_t cpu_mem[]; /* the CPU's result inside the window       */

/* What the architecture (the CPU, or the model where qemu cannot tell)
 * says the instruction does. */
enum { EXP_OK, EXP_FAULT, EXP_UNDEF };

struct run {
	unsigned ci;
	uint64_t index;
	const struct sclass *cls;
	const struct scase *c;
	const struct sve_regs *cpu; /* the CPU's registers (EXP_OK)          */
	int expect;                 /* EXP_*                                 */
	int qemu_known;             /* qemu aborted: the model decides        */
	uint64_t w_lo, w_hi;        /* the memory window (addresses)          */
	uint64_t pc0, sp_el1;
	uint32_t vqs, svqs;         /* nisv_vcpu_set_vector_lengths           */
	uint64_t zcr, smcr;         /* ZCR_EL1, SMCR_EL1 (SME classes)        */
	const struct el0_pt *pt;
	const struct ff_ctx *ffx;   /* LDFF1/LDNF1: the permitted outcomes     */
	unsigned ff_qbug;           /* ... qemu's outcome explained by a known
	                             * qemu bug (QB_*), 0: none               */
	int za_qbug;                /* SME: qemu bug 5 changed the CPU's ZA;
	                             * the Arm ARM's replaced it              */
};

/* The nisv paths (paths.c). For LDFF1/LDNF1, v is the permitted-outcome
 * judge and vc the stricter check of nisv's documented choice. */
void paths_init(void);
void path_emulate(const struct run *u, struct rng *r, struct verdict *v, struct verdict *vc);
/* 0 when the case has no report to make (nothing on a mapped page, or
 * LDNF1, which never traps) */
int path_trap(const struct run *u, struct rng *r, struct verdict *v, struct verdict *vc, struct trap_report *rep);
const char *path_stale(const struct run *u, struct rng *r, struct verdict *v, struct trap_report *rep);
/* ZA/ZT0 of the nisv states still hold their poison */
int paths_za_intact(void);

/* Copy [lo, hi) (offsets in the buffer) from src to dst, not the guard page. */
void seg_copy(uint8_t *dst, const uint8_t *src, uint64_t lo, uint64_t hi);

#endif
