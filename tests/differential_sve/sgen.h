/*
 * Test-case generation for the SVE differential (the random numbers:
 * ../support/rng.h): the description of one case (an SVE load/store, its
 * vector length, register state, predicate and placement), and the access
 * model: which bytes the active elements touch and where the architecture
 * reports a fault when they reach the unmapped guard page.
 */
#ifndef SVE_SGEN_H
#define SVE_SGEN_H

#include <stddef.h>
#include <stdint.h>

#include "../support/rng.h"
#include "native_sve.h"
#include "run_sve.h"

uint64_t rnd_value(struct rng *r); /* 64-bit value biased to edge cases */

#define NOREG 0xffu
#define XZR 31u
/* bytes one instruction may span: LD4D/LD4B at VL 2048 (1 KiB); the
 * window of a gather's or scatter's elements (gen_gather.c) */
#define MAXSPAN (3u * 4096u)

/* How the instruction touches memory (the Arm ARM pseudocode's loops). */
enum {
	SK_CONT, /* LD1/ST1/LDNT1/STNT1/LD2-4/ST2-4: element e of register r at
	          * EA + (e * nregs + r) * msize, governed by P[pg] element e  */
	SK_REPL, /* LD1R (rbytes 0: one element, if any element is active);
	          * LD1RQ/LD1RO (rbytes 16/32: element e < rbytes/msize at
	          * EA + e * msize, governed by P[pg] element e)              */
	SK_LDR,  /* LDR/STR Z (VL/8 bytes) and P (VL/64 bytes), no predicate:
	          * a byte loop                                               */
	SK_GATHER, /* gathers and scatters: element e at its own address
	            * ga.addr[e], in element order, governed by P[pg] e      */
};

/* The address forms of a gather or scatter (scase.ga.kind). */
enum {
	GK_VI,   /* [Zn.S|D{, #imm}]: a vector of bases plus an immediate     */
	GK_SV32, /* [Xn|SP, Zm.S|D, UXTW|SXTW {#msz}]: 32-bit offsets       */
	GK_SV64, /* [Xn|SP, Zm.D{, LSL #msz}]: 64-bit offsets               */
	GK_VS,   /* [Zn.S|D{, Xm}] (SVE2 LDNT1/STNT1): bases plus Xm         */
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
	                         * rm 31: XZR (LDFF1, SME tile slices)       */
	int64_t off;         /* imm forms: the byte offset at this VL         */
	/* --- sgen_finish fills these --- */
	unsigned vl;         /* bytes                                         */
	unsigned pattern, place;
	uint64_t ea;         /* effective address, untagged                   */
	uint64_t tag;        /* bits 63:56 of the address (TBI)               */
	uint64_t xm;         /* Xm (scalar+scalar)                            */
	uint32_t span;       /* bytes from ea the instruction may touch       */
	uint32_t nact;       /* bytes the active elements touch               */
	uint8_t act[MAXSPAN];/* act[i]: how many active elements touch byte
	                      * ea + i (more than 1: a gather's overlap)     */
	int undef;           /* UNDEFINED at this VL (LD1RO with VL < 256)    */
	int fault;           /* the model: an active access reaches the guard */
	uint64_t far;        /*   ... and the FAR it reports (untagged)       */
	int bug1;            /* qemu 7.2 aborts on it (README: qemu bug 1)    */
	int bug1_avoided;    /* ... so the split structure was made inactive  */
	unsigned ff_first;   /* LDFF1/LDNF1: the first active element (or the
	                      * number of elements when none is active)       */
	struct sve_regs st;  /* the initial registers (st.svcr: SME)          */
	/* --- gathers and scatters (gen_gather.c; gather_place the rest) --- */
	uint8_t prefetch;    /* PRF*: no access at all                        */
	struct {
		uint8_t kind;        /* GK_*                                      */
		uint8_t sxtw;        /* GK_SV32: SXTW (else UXTW)                 */
		uint8_t shift;       /* GK_SV*: the offsets' scaling (0 or msz)   */
		uint8_t prfop;       /* PRF*                                      */
		uint8_t wild[64];    /* element e anywhere (inactive, or a PRF's):
		                      * not in [ea, ea + span)                   */
		uint64_t addr[64];   /* element e's address (untagged)            */
		uint64_t tag[64];    /* ... and its bits 63:56                    */
	} ga;
	/* --- SME (gen_sme.c; sme_finish the rest) --- */
	uint8_t za_kind;     /* ZK_*: the part of ZA transferred              */
	uint8_t tile, wv;    /* the ZA tile; Wv (12-15)                       */
	uint8_t zoff;        /* the slice offset (LDR/STR ZA: also MUL VL's)  */
	unsigned slice;      /* (UInt(Wv) + zoff) MOD the slices there are    */
	unsigned zvl;        /* bytes of a Z register (P, FFR: zvl / 8): vl,
	                      * but the non-streaming VL for LDR/STR ZA out of
	                      * streaming mode (vl is the streaming one)      */
};

/* SME: what of ZA an instruction transfers (scase.za_kind). */
enum { ZK_NONE, ZK_ARRAY, ZK_H, ZK_V };

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
	unsigned needs; /* NEED_*: what the CPU must have                 */
	int ff;      /* LDFF1/LDNF1: judged by the permitted-outcome rule */
};

/* sclass.needs: FEAT_F64MM (LD1RO); FEAT_SME, and the class is an SME
 * one: it runs at a streaming VL (sgen.vl) with st.svcr; FEAT_SVE2
 * (LDNT1/STNT1 vector plus scalar). */
enum { NEED_F64MM = 1u << 0, NEED_SME = 1u << 1, NEED_SVE2 = 1u << 2 };
#define SCLASS_SME(cls) (((cls)->needs & NEED_SME) != 0)

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
void gen_sme(struct sgen *g, struct scase *c, unsigned arg);    /* G_ARG(SF_*) | G_STORE */
void gen_gather(struct sgen *g, struct scase *c, unsigned arg); /* G_ARG(GF_* | GA_*) */

/* gen_gather's families, and the address forms a class draws from:
 * G_ARG(GF_* | GA_*). */
enum { GF_LD1, GF_LDFF1, GF_ST1, GF_LDNT1, GF_STNT1, GF_PRF, GF_COUNT };
enum { GA_VI = 8, GA_SV = 16, GA_VS = 32 }; /* [Zn, #imm]; [Xn, Zm]; [Zn, Xm] */

/* Gathers and scatters (gen_gather.c). gather_place (from sgen_finish,
 * after the predicate): the elements' addresses, ea and span their hull,
 * the base and offset registers. */
void gather_place(struct sgen *g, struct scase *c);
/* The first active element from `from` on whose bytes hold [a, a + len),
 * -1 when only an earlier one does, -2 when none. */
int gather_piece_elem(const struct scase *c, uint64_t a, uint32_t len, unsigned from);
/* An active element straddles a page boundary. */
int gather_splits(const struct scase *c);
/* The memory operand as binutils prints it, without spaces (--dump). */
void gather_operand_text(const struct scase *c, char *out, size_t n);
/* The elements (the active ones, the first 24 unless all). */
void gather_print(const struct scase *c, int all);
/* Bits 63:56 of the address of byte va: the tag of the active element
 * that holds it (gathers), else the case's. */
uint64_t tag_at(const struct scase *c, uint64_t va);
/* How many active elements hold byte va (in [ea, ea + span)). */
unsigned active_at(const struct scase *c, uint64_t va);
/* What a gather's case has (1 << GS_*), for the summary: among the active
 * elements, two at one address, two overlapping otherwise, a later one at
 * a lower address, two pages touched; a tagged address; a wild element. */
enum { GS_DUP, GS_OVERLAP, GS_UNORDERED, GS_PAGES, GS_TAGGED, GS_WILD, GS_COUNT };
unsigned gather_flags(const struct scase *c);

/* gen_sme's families (G_ARG): LD1/ST1 of a tile slice, LDR/STR ZA, the
 * contiguous SVE classes in streaming mode. */
enum { SF_TILE, SF_ARRAY, SF_STREAMING };

/* SME classes, after sgen_finish: zvl, FFR (zero in streaming mode), ZA
 * (random, into za) when on, the slice. nsvl: the non-streaming VL. */
void sme_finish(struct sgen *g, struct scase *c, unsigned nsvl, uint8_t (*za)[256]);

#endif
