/*
 * Test-case generation: the description of one case, and the placement
 * helpers every class generator uses (the random numbers: ../support/rng.h).
 */
#ifndef DIFF_GEN_H
#define DIFF_GEN_H

#include <stddef.h>
#include <stdint.h>

#include "../support/rng.h"
#include "native.h"

uint64_t rnd_value(struct rng *r); /* 64-bit value biased to edge cases */

enum {
	CF_UNPRED = 1u << 0, /* CONSTRAINED UNPREDICTABLE register overlap      */
	CF_IMPDEF = 1u << 1, /* IMPLEMENTATION DEFINED outcome                  */
	CF_TAGGED = 1u << 2, /* base register carries a TBI tag in bits 63:56  */
};

#define MAX_PATCH 4
#define NOREG 0xff

/*
 * What the architecture reports in ESR_EL2 for a stage-2 Data Abort on one
 * emulated instruction's access (Arm ARM D19.2.46 "ESR_EL2", ISS encoding
 * for an exception from a Data Abort), and where the fault may be reported.
 * Filled by the generators, which know the form they encoded; the driver
 * never asks nisv's decoder.
 */
enum {
	SYN_WNR_READ = 0,
	SYN_WNR_WRITE = 1,
	SYN_WNR_EITHER = 2, /* read-modify-write: the read or the write faulted */
};

struct tsyn {
	uint8_t isv;       /* single general-purpose register, no writeback,   */
	                   /* not exclusive: SAS, SSE, SRT, SF, AR are valid  */
	uint8_t sas;       /* log2 of the access size                         */
	uint8_t sse;       /* sign-extending load                             */
	uint8_t sf;        /* the register is 64 bits wide                    */
	uint8_t ar;        /* acquire/release semantics                       */
	uint8_t srt;       /* Rt                                              */
	uint8_t wnr;       /* SYN_WNR_*                                       */
	uint8_t cm;        /* DC cache maintenance (CM = 1, WnR = 1)          */
	uint8_t nofault;   /* PRFM: never aborts, so any abort is stale       */
	uint8_t notag;     /* the address is not in the register that gets a */
	                   /* TBI tag (FAR carries the base's top byte)       */
	uint8_t set;       /* the generator filled this entry                 */
	uint64_t fa_lo, fa_hi; /* bytes a fault may be reported on (untagged) */
	uint64_t cv_lo, cv_hi; /* the bytes the access covers (stale check)   */
};

/* One test case. */
struct tcase {
	uint32_t words[SLOT_WORDS]; /* executed natively in the slot           */
	unsigned nwords;
	uint32_t emu[2];            /* emulated by nisv, in order              */
	unsigned nemu;
	unsigned emu_first;         /* slot index of emu[0] (PC)               */
	int code_in_buf;            /* emu[0] lives in the buffer at code_addr */
	uint64_t code_addr;         /*   (slot[0] branches there and back)     */
	struct nstate st;           /* initial registers                       */
	uint64_t acc_lo, acc_hi;    /* hull of the bytes accessed; empty: ==   */
	int may_write;
	struct {
		uint64_t addr;
		unsigned len;
		uint8_t b[16];
	} patch[MAX_PATCH];         /* initial memory contents to force        */
	unsigned npatch;
	int sign_reg;               /* PAC: sign this base first (-1: no)      */
	unsigned sign_key;          /* 0: DA (PACDZA), 1: DB (PACDZB)          */
	unsigned flags;             /* CF_*                                    */
	const char *note;           /* why CF_* is set                         */
	uint8_t rt, rt2, rn, rm, rs;
	uint8_t addr_reg;           /* address register when not Rn (DC ops)   */
	const char *what;           /* mnemonic-ish name of the variant        */
	struct tsyn syn[2];         /* the trap each emu[] word would raise    */
};

/* The environment generators work in. */
struct gen {
	struct rng *r;
	uint64_t buf, bufsz;   /* buffer address and size                      */
	uint64_t slot;         /* address of the slot                          */
	unsigned zva_bytes;    /* DC ZVA block size                            */
	unsigned feat;         /* FEAT_*                                       */
	int cross;             /* place the access across a page boundary when */
	                       /* the form allows it (place_base)             */
};

/* Pick a base for register n so that [base+lo, base+hi) lies in the buffer
 * and base is a multiple of align (at least 16 when n is SP). With g->cross,
 * [base+lo, base+hi) straddles a 4 KiB page boundary whenever an aligned
 * base allows it (an aligned access of its own size never can). */
uint64_t place_base(struct gen *g, int64_t lo, int64_t hi, uint64_t align, unsigned n);

/* Set Xn (n < 31) or SP (n == 31). */
void set_xn_sp(struct tcase *t, unsigned n, uint64_t v);
/* Set Xn unless n == 31 (XZR). */
void set_x(struct tcase *t, unsigned n, uint64_t v);

/* A random register number 0..31 not in mask (bit i = register i). */
unsigned pick_reg(struct rng *r, uint32_t mask);

/* Record the accessed range and that the case may write. */
void set_access(struct tcase *t, uint64_t addr, uint64_t len, int write);

/* Force len bytes at addr (little-endian value v, len <= 8). */
void patch_mem(struct tcase *t, uint64_t addr, unsigned len, uint64_t v);

/* Make this a one-instruction case. */
void single(struct tcase *t, uint32_t word);

/* Trap description of emu[k]: an access with ISV = 0 covering [lo, lo+len)
 * (faults reported on any of its bytes); wnr is SYN_WNR_*. */
void syn_access(struct tcase *t, unsigned k, uint64_t lo, uint64_t len, unsigned wnr);
/* ... and make it ISV = 1: a single general-purpose register Rt of 2^sas
 * bytes (sse: sign-extending, sf: 64-bit register, ar: acquire/release). */
void syn_isv(struct tcase *t, unsigned k, unsigned sas, unsigned sse, unsigned sf, unsigned ar, unsigned rt);
/* A DC by VA: the fault is reported at the register's address exactly
 * (FAR = Xt); the access covers [cv_lo, cv_lo+cv_len) (cm: maintenance). */
void syn_dc(struct tcase *t, uint64_t xt, uint64_t cv_lo, uint64_t cv_len, int cm);

/* dclass.flags */
enum {
	CL_NOCROSS = 1u << 0, /* no byte range to put across a page (PRFM, DC) */
};

/* A class: a name and a generator. gen returns 0, or -1 when the CPU lacks
 * what the class needs. */
struct dclass {
	const char *name;
	int (*gen)(struct gen *g, struct tcase *t);
	unsigned need;  /* FEAT_* all required */
	unsigned flags; /* CL_*                */
};

extern const struct dclass dclasses[];
extern const unsigned ndclasses;

/* Generators, one per class (gen_*.c). */
int gen_ldst_uimm(struct gen *g, struct tcase *t);
int gen_ldst_uimm_fp(struct gen *g, struct tcase *t);
int gen_ldur(struct gen *g, struct tcase *t);
int gen_ldur_fp(struct gen *g, struct tcase *t);
int gen_ldst_pre(struct gen *g, struct tcase *t);
int gen_ldst_post(struct gen *g, struct tcase *t);
int gen_ldst_pre_fp(struct gen *g, struct tcase *t);
int gen_ldst_post_fp(struct gen *g, struct tcase *t);
int gen_ldst_regoff(struct gen *g, struct tcase *t);
int gen_ldst_regoff_fp(struct gen *g, struct tcase *t);
int gen_ldtr(struct gen *g, struct tcase *t);
int gen_ldr_literal(struct gen *g, struct tcase *t);
int gen_prfm(struct gen *g, struct tcase *t);
int gen_ldp_stp(struct gen *g, struct tcase *t);
int gen_ldp_stp_fp(struct gen *g, struct tcase *t);
int gen_ldpsw(struct gen *g, struct tcase *t);
int gen_ldnp_stnp(struct gen *g, struct tcase *t);
int gen_stgp(struct gen *g, struct tcase *t);
int gen_ldxr_stxr(struct gen *g, struct tcase *t);
int gen_ldxp_stxp(struct gen *g, struct tcase *t);
int gen_ldar_stlr(struct gen *g, struct tcase *t);
int gen_ldapr(struct gen *g, struct tcase *t);
int gen_ldapur(struct gen *g, struct tcase *t);
int gen_cas(struct gen *g, struct tcase *t);
int gen_casp(struct gen *g, struct tcase *t);
int gen_ldatomic(struct gen *g, struct tcase *t);
int gen_swp(struct gen *g, struct tcase *t);
int gen_ld1_multi(struct gen *g, struct tcase *t);
int gen_ld2_4_multi(struct gen *g, struct tcase *t);
int gen_st_multi(struct gen *g, struct tcase *t);
int gen_ld_lane(struct gen *g, struct tcase *t);
int gen_st_lane(struct gen *g, struct tcase *t);
int gen_ld_repl(struct gen *g, struct tcase *t);
int gen_ldraa(struct gen *g, struct tcase *t);
int gen_dc_zva(struct gen *g, struct tcase *t);
int gen_dc_cmo(struct gen *g, struct tcase *t);
int gen_dc_gzva(struct gen *g, struct tcase *t);
int gen_dc_gva(struct gen *g, struct tcase *t);

#endif
