/*
 * Test-case generation: the random number generator, the description of one
 * case, and the placement helpers every class generator uses.
 */
#ifndef DIFF_GEN_H
#define DIFF_GEN_H

#include <stddef.h>
#include <stdint.h>

#include "native.h"

/* xoshiro256** seeded through splitmix64. */
struct rng {
	uint64_t s[4];
};

void rng_seed(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
uint64_t rnd_below(struct rng *r, uint64_t n);           /* [0, n), n > 0 */
int64_t rnd_range(struct rng *r, int64_t lo, int64_t hi); /* [lo, hi]      */
int chance(struct rng *r, unsigned num, unsigned den);
uint64_t rnd_value(struct rng *r); /* 64-bit value biased to edge cases   */

enum {
	CF_UNPRED = 1u << 0, /* CONSTRAINED UNPREDICTABLE register overlap      */
	CF_IMPDEF = 1u << 1, /* IMPLEMENTATION DEFINED outcome                  */
	CF_TAGGED = 1u << 2, /* base register carries a TBI tag in bits 63:56  */
};

#define MAX_PATCH 4
#define NOREG 0xff

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
};

/* The environment generators work in. */
struct gen {
	struct rng *r;
	uint64_t buf, bufsz;   /* buffer address and size                      */
	uint64_t slot;         /* address of the slot                          */
	unsigned zva_bytes;    /* DC ZVA block size                            */
	unsigned feat;         /* FEAT_*                                       */
};

/* Pick a base for register n so that [base+lo, base+hi) lies in the buffer
 * and base is a multiple of align (at least 16 when n is SP). */
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

/* A class: a name and a generator. gen returns 0, or -1 when the CPU lacks
 * what the class needs. */
struct dclass {
	const char *name;
	int (*gen)(struct gen *g, struct tcase *t);
	unsigned need; /* FEAT_* all required */
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
