/*
 * Test-case generation for the SVE differential (the random numbers:
 * ../support/rng.h): the description of one case (an SVE load/store, its
 * vector length, register state, predicate and placement), and the access
 * model: which bytes the active elements touch and where the architecture
 * reports a fault when they reach the unmapped guard page.
 */
#ifndef SVE_SGEN_H
#define SVE_SGEN_H

#include <stdint.h>

#include "../support/rng.h"
#include "native_sve.h"
#include "run_sve.h"

uint64_t rnd_value(struct rng *r); /* 64-bit value biased to edge cases */

#define NOREG 0xffu
#define XZR 31u
#define MAXSPAN 1024u /* bytes one instruction may span: LD4D/LD4B at VL 2048 */

/* How the instruction touches memory (the Arm ARM pseudocode's loops). */
enum {
	SK_CONT, /* LD1/ST1/LDNT1/STNT1/LD2-4/ST2-4: element e of register r at
	          * EA + (e * nregs + r) * msize, governed by P[pg] element e  */
	SK_REPL, /* LD1R (rbytes 0: one element, if any element is active);
	          * LD1RQ/LD1RO (rbytes 16/32: element e < rbytes/msize at
	          * EA + e * msize, governed by P[pg] element e)              */
	SK_LDR,  /* LDR/STR Z (VL/8 bytes) and P (VL/64 bytes), no predicate:
	          * a byte loop                                               */
};

/* First-fault and non-fault loads (scase.ff). */
enum { FF_NONE, FF_FIRST, FF_NON };

/* Predicate patterns (of the governing predicate's element bits). */
enum { PAT_ALL, PAT_NONE, PAT_PREFIX, PAT_RANDOM, PAT_ONE, PAT_SUFFIX, PAT_COUNT };
/* Placements of the effective address. */
enum { PL_PLAIN, PL_CROSS, PL_GUARD_ABOVE, PL_GUARD_BELOW, PL_GUARD_INSIDE, PL_COUNT };

struct scase {
	/* --- the class generator fills these --- */
	uint32_t word;
	const char *mn;      /* mnemonic as binutils prints it, e.g. "ld1sb"  */
	uint8_t shape;       /* SK_*                                          */
	uint8_t store;
	uint8_t msz, esz;    /* log2 of the memory / register element size    */
	uint8_t nregs;       /* Z registers (1-4)                             */
	uint8_t rbytes;      /* SK_REPL: 0 (LD1R), 16 (LD1RQ), 32 (LD1RO)     */
	uint8_t preg;        /* SK_LDR: the P form                            */
	uint8_t sgn;         /* sign-extending                                */
	uint8_t ff;          /* FF_FIRST (LDFF1*), FF_NON (LDNF1*), else 0     */
	uint8_t zt, pg, rn, rm; /* pg NOREG: no predicate; rm NOREG: imm form;
	                         * rm 31: XZR (LDFF1 only)                   */
	int64_t off;         /* imm forms: the byte offset at this VL         */
	/* --- sgen_finish fills these --- */
	unsigned vl;         /* bytes                                         */
	unsigned pattern, place;
	uint64_t ea;         /* effective address, untagged                   */
	uint64_t tag;        /* bits 63:56 of the address (TBI)               */
	uint64_t xm;         /* Xm (scalar+scalar)                            */
	uint32_t span;       /* bytes from ea the instruction may touch       */
	uint32_t nact;       /* bytes the active elements touch               */
	uint8_t act[MAXSPAN];/* act[i]: byte ea + i is touched                */
	int undef;           /* UNDEFINED at this VL (LD1RO with VL < 256)    */
	int fault;           /* the model: an active access reaches the guard */
	uint64_t far;        /*   ... and the FAR it reports (untagged)       */
	int bug1;            /* qemu 7.2 aborts on it (README: qemu bug 1)    */
	int bug1_avoided;    /* ... so the split structure was made inactive  */
	unsigned ff_first;   /* LDFF1/LDNF1: the first active element (or the
	                      * number of elements when none is active)       */
	struct sve_regs st;  /* the initial registers                         */
};

/* What generators work with. */
struct sgen {
	struct rng *r;
	unsigned vl;         /* bytes                                         */
	uint64_t buf;        /* the buffer: BUF_PAGES pages, GUARD_PAGE unmapped */
	unsigned cross;      /* 1 in cross cases placed across a page (0: never) */
	unsigned fault;      /* 1 in fault cases placed against the guard page   */
	unsigned tbi;        /* 1 in tbi cases gets a tagged address (0: never)  */
	int noise;           /* predicates may have bits set that no element uses */
	unsigned bug1;       /* keep 1 in bug1 cases qemu bug 1 applies to (0: none) */
};

/* Bytes the register list of one vector occupies in memory at this VL:
 * (VL/8 >> esz) << msz, times nregs for LD2-LD4/ST2-ST4. */
static inline uint64_t mul_vl_bytes(const struct sgen *g, unsigned esz, unsigned msz, unsigned nregs)
{
	return ((uint64_t)(g->vl >> esz) << msz) * nregs;
}

/* Registers for the operands: Zt any, Pg P0-P7, Rn any (31 = SP), Rm
 * (has_rm) 0-30 and not Rn. Encoded at their usual fields by the caller. */
void pick_operands(struct sgen *g, struct scase *c, int has_pg, int has_rm);

/* Place the access, set the predicate, the base and offset registers, and
 * work out the access model. Called by the driver after the generator. */
void sgen_finish(struct sgen *g, struct scase *c);

/* Random registers: X, SP (16-aligned), NZCV, Z, P, FFR (monotonic). */
void sgen_init_state(struct rng *r, struct sve_regs *st);

/* Is element e of predicate p (element size 1 << esz) active? */
static inline int pred_active(const uint8_t *p, unsigned e, unsigned esz)
{
	unsigned bit = e << esz;

	return (p[bit / 8] >> (bit % 8)) & 1;
}

/* A class: a name, a generator and its argument (the generator fills its
 * fields of c), and how the class is judged. */
struct sclass {
	const char *name;
	void (*gen)(struct sgen *g, struct scase *c, unsigned arg);
	unsigned arg;
	int need_f64mm;
	int ff;      /* LDFF1/LDNF1: judged by the permitted-outcome rule */
};

extern const struct sclass sclasses[];
extern const unsigned nsclasses;

/* sclass.arg: flags, and a value above them (G_ARG). */
enum {
	G_REG = 1u << 0,   /* scalar plus scalar (else scalar plus immediate) */
	G_STORE = 1u << 1, /* the store of the pair                          */
	G_PREG = 1u << 2,  /* LDR/STR of a P register (else of a Z register)  */
};
#define G_ARG(v) ((unsigned)(v) << 3)
#define G_VALUE(arg) ((arg) >> 3)

/* gen_cont's families (G_ARG) */
enum { CF_LD1, CF_LDNT1, CF_ST1, CF_STNT1, CF_LDNF1, CF_LDFF1, CF_COUNT };

/* The dtype field of LD1 (contiguous), LD1R, LDFF1 and LDNF1: memory and
 * register element sizes, sign extension (Arm ARM: "SVE contiguous load",
 * dtype table), and the mnemonics. */
enum { MN_LD1, MN_LD1R, MN_LDFF1, MN_LDNF1, MN_COUNT };
struct sve_dtype {
	uint8_t msz, esz, sgn;
	const char *mn[MN_COUNT];
};
extern const struct sve_dtype sve_dtypes[16];

/* Generators (gen_*.c), with the argument they take. */
void gen_cont(struct sgen *g, struct scase *c, unsigned arg);   /* G_ARG(CF_*) | G_REG */
void gen_ldff1(struct sgen *g, struct scase *c, unsigned arg);  /* LDFF1 scalar plus scalar; none */
void gen_ldn(struct sgen *g, struct scase *c, unsigned arg);    /* LD2-LD4, ST2-ST4: G_STORE | G_REG */
void gen_ldr(struct sgen *g, struct scase *c, unsigned arg);    /* LDR/STR: G_STORE | G_PREG */
void gen_ld1r(struct sgen *g, struct scase *c, unsigned arg);   /* none */
void gen_ld1rqo(struct sgen *g, struct scase *c, unsigned arg); /* G_ARG(16: LD1RQ, 32: LD1RO) | G_REG */

#endif
