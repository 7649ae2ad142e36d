/*
 * nisv — finish every trapped AArch64 guest memory access.
 *
 * The core API. Freestanding: needs only <stdint.h> and <stddef.h>, never
 * allocates, holds no global mutable state. One nisv_vcpu per vCPU; different
 * vCPUs may be used concurrently from different threads.
 *
 * Flow of one emulation (see docs/architecture.md):
 *   prepare: decode (pure) -> plan (addresses) -> translate (stage 1) -> check
 *   execute: register reads -> AF/dirty updates -> perform (memory callbacks)
 *            -> scatter loaded data -> commit (registers, PC)
 * Nothing guest-visible (memory write, register write) happens before every
 * check of the instruction has passed; registers are written only on success.
 */
#ifndef NISV_H
#define NISV_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Version and ABI                                                           */
/* ------------------------------------------------------------------------ */

/*
 * The ABI of libnisv.so.0 is stable from 0.2.0 on: a later 0.x release only
 * adds (functions, enum values, meanings for reserved fields that were
 * zero). Every change of a public type's size or layout, or of a function's
 * signature, bumps NISV_VERSION_MAJOR and the soname. The test command
 * checks the exported ABI against abi/libnisv.abi (abidiff).
 */
#define NISV_VERSION_MAJOR 0
#define NISV_VERSION_MINOR 5
#define NISV_VERSION_PATCH 0
/* One number: major << 16 | minor << 8 | patch. */
#define NISV_VERSION (NISV_VERSION_MAJOR << 16 | NISV_VERSION_MINOR << 8 | NISV_VERSION_PATCH)

/* Marks what the library exports; it is built with -fvisibility=hidden. */
#if defined(__GNUC__) || defined(__clang__)
#define NISV_API __attribute__((visibility("default")))
#else
#define NISV_API
#endif

/* NISV_VERSION of the library actually linked (compare with the header's). */
NISV_API uint32_t nisv_version(void);

/* ------------------------------------------------------------------------ */
/* Status codes                                                              */
/* ------------------------------------------------------------------------ */

typedef enum nisv_status {
	NISV_OK = 0,           /* emulated; registers committed; PC advanced     */
	NISV_RETRY,            /* the fault is stale; nothing done; re-enter guest */
	NISV_FAULT,            /* a guest exception is due: see nisv_result.fault */
	NISV_UNSUPPORTED,      /* not a memory instruction, or not emulated yet   */
	NISV_CALLBACK_ERROR,   /* a register or memory callback returned failure  */
	NISV_INVALID_ARGUMENT, /* a NULL pointer or an inconsistent setup         */
} nisv_status;

/* A short constant name for a status, e.g. "NISV_OK". Never NULL. */
NISV_API const char *nisv_status_name(nisv_status s);

/* ------------------------------------------------------------------------ */
/* Decoding: one 32-bit A64 word -> one memory operation                      */
/* ------------------------------------------------------------------------ */

/* What the instruction does, by family. */
typedef enum nisv_op {
	NISV_OP_NONE = 0,    /* not a memory instruction nisv knows             */
	NISV_OP_LOAD,        /* LDR*, LDUR*, LDTR*, LDP*, LDNP, LDAR, LDAPR, ... */
	NISV_OP_STORE,       /* STR*, STUR*, STTR*, STP, STNP, STLR, STGP, ...   */
	NISV_OP_PREFETCH,    /* PRFM, PRFUM: decoded, performs no access          */
	NISV_OP_LOAD_EXCL,   /* LDXR, LDAXR, LDXP, LDAXP                          */
	NISV_OP_STORE_EXCL,  /* STXR, STLXR, STXP, STLXP (status in Rs)           */
	NISV_OP_ATOMIC,      /* LD<op>, ST<op>, SWP: see nisv_insn.atomic         */
	NISV_OP_CAS,         /* CAS, CASA, CASL, CASAL (B/H/W/X)                  */
	NISV_OP_CASP,        /* CASP family (W/X pairs)                           */
	NISV_OP_LD_MULTI,    /* LD1-LD4 multiple structures                       */
	NISV_OP_ST_MULTI,    /* ST1-ST4 multiple structures                       */
	NISV_OP_LD_LANE,     /* LD1-LD4 single structure (one lane)               */
	NISV_OP_ST_LANE,     /* ST1-ST4 single structure (one lane)               */
	NISV_OP_LD_REPL,     /* LD1R-LD4R                                          */
	NISV_OP_DC_ZVA,      /* DC ZVA: zero a block of DCZID_EL0 size            */
	NISV_OP_DC_GVA,      /* DC GVA: set allocation tags of a block (no data)  */
	NISV_OP_DC_GZVA,     /* DC GZVA: zero a block's data and tags             */
	NISV_OP_DC_MAINT,    /* DC CIVAC/CVAC/CVAU/CVAP/CVADP/IVAC (+tag forms)   */
	/* SVE (nisv_vcpu_set_vector_lengths): elements of 1 << msize_log2 bytes
	 * in memory, 1 << esize_log2 in the register, governed by P[pg] */
	NISV_OP_SVE_LOAD,    /* LD1*, LDNT1*, LD2-LD4, LD2Q-LD4Q, LDR (vector/
	                        predicate); SME LD1* (tile slice), LDR (ZA,
	                        ZT0); SME2/SVE2.1 multi-vector LD1*, LDNT1*  */
	NISV_OP_SVE_STORE,   /* ST1*, STNT1*, ST2-ST4, ST2Q-ST4Q, STR (vector/
	                        predicate); SME ST1* (tile slice), STR (ZA,
	                        ZT0); SME2/SVE2.1 multi-vector ST1*, STNT1*  */
	NISV_OP_SVE_LOAD_REPL, /* LD1R* (one element, vbytes 0), LD1RQ* (16-byte
	                        block, vbytes 16), LD1RO* (vbytes 32): loaded
	                        then replicated across the vector            */
	NISV_OP_COUNT
} nisv_op;

/* Register class of the transfer registers Rt/Rt2 (and Rs for CAS). */
typedef enum nisv_rclass {
	NISV_RC_NONE = 0, /* no transfer register (DC by VA uses Rt as address) */
	NISV_RC_W,        /* 32-bit general register, W31 = WZR               */
	NISV_RC_X,        /* 64-bit general register, X31 = XZR               */
	NISV_RC_V,        /* SIMD&FP register B/H/S/D/Q (by element size)     */
	NISV_RC_Z,        /* SVE vector register Z (VL bits)                  */
	NISV_RC_P,        /* SVE predicate register P (VL / 8 bits)           */
	/* SME (streaming vector length SVL): rs is the slice index register
	 * Wv (12-15) and lane the immediate offset added to it */
	NISV_RC_ZA,       /* ZA array vector ZA[Wv, #lane] (LDR/STR ZA)       */
	NISV_RC_ZA_H,     /* horizontal slice of tile ZA<rt>, element size
	                     esize_log2 (0-4: B..Q)                         */
	NISV_RC_ZA_V,     /* vertical slice of tile ZA<rt>                    */
	NISV_RC_ZT0,      /* ZT0, 512 bits (LDR/STR ZT0)                      */
} nisv_rclass;

/* How the address is formed from Rn (SP when 31) or the PC. */
typedef enum nisv_addr_mode {
	NISV_AM_BASE = 0,  /* [Xn|SP]                                          */
	NISV_AM_OFFSET,    /* [Xn|SP, #imm]                                    */
	NISV_AM_PRE,       /* [Xn|SP, #imm]!                                   */
	NISV_AM_POST,      /* [Xn|SP], #imm                                    */
	NISV_AM_REG,       /* [Xn|SP, Rm, extend #shift]                       */
	NISV_AM_POST_REG,  /* [Xn|SP], Xm  (structures)                        */
	NISV_AM_LITERAL,   /* PC + imm                                         */
	NISV_AM_MUL_VL,    /* [Xn|SP, #imm, MUL VL]: imm times the bytes one
	                      register of the access occupies in memory       */
	/* SVE gathers and scatters: one address per element; the offset or
	 * base vector has the transfer's element size (esize_log2) */
	NISV_AM_VEC_IMM,   /* [Zn.S|D{, #imm}]: base element zero-extended +
	                      imm (bytes)                                     */
	NISV_AM_SCALAR_VEC,/* [Xn|SP, Zm.S|D{, extend #shift}]: Xn + the offset
	                      element extended (UXTW/SXTW: its low 32 bits;
	                      LSL: all 64) and shifted left by shift          */
	NISV_AM_VEC_SCALAR,/* [Zn.S|D{, Xm}] (SVE2 LDNT1/STNT1, SVE2.1 LD1Q/
	                      ST1Q): base element zero-extended + Xm (XZR
	                      when 31)                                      */
} nisv_addr_mode;

typedef enum nisv_extend {
	NISV_EXT_UXTW = 2,
	NISV_EXT_LSL = 3, /* UXTX */
	NISV_EXT_SXTW = 6,
	NISV_EXT_SXTX = 7,
} nisv_extend;

/* Atomic memory operations (nisv_insn.atomic), Arm ARM "MemAtomicOp". */
typedef enum nisv_atomic {
	NISV_AT_ADD = 0,
	NISV_AT_CLR,  /* AND NOT */
	NISV_AT_EOR,
	NISV_AT_SET,  /* OR */
	NISV_AT_SMAX,
	NISV_AT_SMIN,
	NISV_AT_UMAX,
	NISV_AT_UMIN,
	NISV_AT_SWP,
} nisv_atomic;

/* Cache maintenance kind for NISV_OP_DC_MAINT (nisv_insn.dc). */
typedef enum nisv_dc {
	NISV_DC_IVAC = 0,
	NISV_DC_CVAC,
	NISV_DC_CVAU,
	NISV_DC_CIVAC,
	NISV_DC_CVAP,
	NISV_DC_CVADP,
} nisv_dc;

/* nisv_insn.flags */
enum {
	NISV_F_SIGNED = 1u << 0,   /* sign-extend the loaded element          */
	NISV_F_ACQUIRE = 1u << 1,  /* load-acquire (LDAR, LDAXR, LDAPR, CASA...)*/
	NISV_F_RELEASE = 1u << 2,  /* store-release (STLR, STLXR, CASL ...)    */
	NISV_F_RCPC = 1u << 3,     /* RCpc acquire (LDAPR, LDAPUR)              */
	NISV_F_UNPRIV = 1u << 4,   /* LDTR/STTR: checked as EL0 when at EL1     */
	NISV_F_NONTEMP = 1u << 5,  /* LDNP/STNP                                 */
	NISV_F_PAC = 1u << 6,      /* LDRAA/LDRAB: pointer authentication field */
	NISV_F_PAC_KEY_B = 1u << 7,/* LDRAB (key DB) rather than LDRAA (key DA) */
	NISV_F_TAG = 1u << 8,      /* STGP, DC GVA/GZVA, DC *G*: also tags      */
	NISV_F_NO_RESULT = 1u << 9,/* ST<op> alias of LD<op> (Rt == XZR)        */
	NISV_F_FIRST_FAULT = 1u << 10, /* SVE LDFF1*: only the first active element
	                                 may fault; FFR records the rest       */
	NISV_F_NON_FAULT = 1u << 11,   /* SVE LDNF1*: no element faults         */
	NISV_F_PRED_AS_COUNTER = 1u << 12, /* SME2/SVE2.1 multi-vector: pg is a
	                                 predicate-as-counter PN8-PN15      */
};

/* nisv_insn.pg of an SVE access that no predicate governs (LDR/STR). */
#define NISV_PG_ALL 16

/*
 * One decoded memory instruction. Pure data: a function of the word only.
 * Element size is 1 << esize_log2 bytes (0..4; 4 = Q, 128 bits). Register
 * fields a form does not have are 0. reserved_ is zero (room for more
 * operands without an ABI break).
 *
 * SVE: esize_log2 is the element size in the register, msize_log2 in
 * memory (LD1B {z0.d} loads bytes into 64-bit elements); nregs counts the
 * Z registers Zt..Zt+nregs-1 (mod 32) of LD2-LD4/ST2-ST4, whose memory
 * structures interleave them; pg names the governing predicate P0-P7 or is
 * NISV_PG_ALL. NISV_AM_REG offsets are Xm << msize_log2 (extend LSL).
 * Gathers and scatters (NISV_AM_VEC_*) access one element per address, in
 * element order; nregs is 1. SVE2.1 128-bit elements (esize_log2 4):
 * LD1W/LD1D/ST1W/ST1D {Zt.Q} (msize_log2 2, 3), LD2Q-LD4Q/ST2Q-ST4Q
 * (msize_log2 4, interleaved like LD2-LD4), LD1Q/ST1Q [Zn.D{, Xm}]
 * (NISV_AM_VEC_SCALAR, msize_log2 4): the base of element e is the low
 * doubleword of Zn's 128-bit element e.
 *
 * SME2/SVE2.1 multi-vector LD1/LDNT1/ST1/STNT1 ({Z0.B-Z3.B}, {Z0.B,
 * Z8.B}): nregs 2 or 4 with selem 1 — register r's VL/8 bytes lie at
 * EA + r * VL/8, not interleaved — registers Zt, Zt + rstride, ...
 * (rstride 1 for a consecutive list, 8 or 4 for a strided one; 0 in
 * every other form, whose lists are consecutive); pg is PN8-PN15 with
 * NISV_F_PRED_AS_COUNTER: the governing predicate is the counter's
 * expansion over nregs * VL / esize elements (Arm ARM
 * "CounterToPredicate"). NISV_AM_MUL_VL imm counts registers (a
 * multiple of nregs); NISV_AM_REG allows Xm = XZR.
 *
 * SME: LD1/ST1 of a tile slice (NISV_RC_ZA_H/V) are [Xn|SP{, Xm, LSL
 * #msize_log2}] (NISV_AM_REG, Xm XZR when 31) with pg P0-P7; LDR/STR ZA
 * are [Xn|SP{, #lane, MUL VL}] (NISV_AM_MUL_VL, imm = lane) and
 * LDR/STR ZT0 [Xn|SP] (NISV_AM_BASE), both with pg NISV_PG_ALL.
 */
typedef struct nisv_insn {
	uint32_t word;
	/* what it does */
	uint8_t op;          /* nisv_op                                         */
	uint8_t rclass;      /* nisv_rclass of Rt (and Rt2, Rs)                 */
	uint8_t esize_log2;  /* element size: single access, pair member, lane  */
	uint8_t nregs;       /* transfer registers: 1, 2 (pair, CASP) or 1-4    */
	uint8_t selem;       /* structure elements per lane (1-4), else 1       */
	uint8_t vbytes;      /* vector width 8 or 16 (structures), else 0       */
	uint8_t lane;        /* lane index (NISV_OP_*_LANE); SME slice offset   */
	uint8_t atomic;      /* nisv_atomic (NISV_OP_ATOMIC)                    */
	uint8_t dc;          /* nisv_dc (NISV_OP_DC_MAINT)                      */
	/* registers */
	uint8_t rt, rt2, rs; /* transfer registers (SME: rt the tile number);
	                        Rs: CAS compare, atomic operand, store-
	                        exclusive status, SME slice index Wv        */
	uint8_t rn;          /* base (SP when 31; Zn for NISV_AM_VEC_*)        */
	uint8_t rm;          /* offset register (NISV_AM_REG, NISV_AM_POST_REG;
	                        Zm: NISV_AM_SCALAR_VEC, Xm: NISV_AM_VEC_SCALAR) */
	/* address */
	uint8_t addr;        /* nisv_addr_mode                                  */
	uint8_t extend;      /* nisv_extend (NISV_AM_REG, NISV_AM_SCALAR_VEC)   */
	uint8_t shift;       /* left shift of the extended Rm (same)            */
	uint8_t pg;          /* SVE governing predicate, or NISV_PG_ALL         */
	uint16_t flags;      /* NISV_F_*                                        */
	int64_t imm;         /* byte offset (OFFSET/PRE/POST/LITERAL); the
	                        multiple of the vector footprint (MUL_VL)      */
	uint8_t msize_log2;  /* SVE: element size in memory                    */
	uint8_t rstride;     /* SVE multi-vector: register number step, else 0  */
	uint8_t reserved_[6];
} nisv_insn;

/*
 * Decode one word. Returns NISV_OK and fills *out for a memory instruction;
 * NISV_UNSUPPORTED (with out->op == NISV_OP_NONE) for every other word.
 */
NISV_API nisv_status nisv_decode(uint32_t word, nisv_insn *out);

/* Short names: "LOAD", "W", "POST", "ADD", ... Never NULL. */
NISV_API const char *nisv_op_name(unsigned op);
NISV_API const char *nisv_atomic_name(unsigned atomic);

/* ------------------------------------------------------------------------ */
/* Registers                                                                 */
/* ------------------------------------------------------------------------ */

/* General and system registers, addressed through nisv_reg_ops. */
typedef enum nisv_reg {
	NISV_X0 = 0, /* X0..X30 are 0..30 */
	NISV_X30 = 30,
	NISV_SP_EL0 = 31,
	NISV_SP_EL1,
	NISV_PC,
	NISV_PSTATE,    /* SPSR-format: M[3:0] (EL, SP), NZCV, DAIF, PAN, ... */
	NISV_SCTLR_EL1,
	NISV_TCR_EL1,
	NISV_TTBR0_EL1,
	NISV_TTBR1_EL1,
	NISV_MAIR_EL1,
	NISV_VBAR_EL1,
	NISV_ESR_EL1,
	NISV_FAR_EL1,
	NISV_ELR_EL1,
	NISV_SPSR_EL1,
	NISV_DCZID_EL0, /* read-only: DC ZVA block size                        */
	NISV_ZCR_EL1,   /* SVE: LEN [3:0] asks for VL = (LEN + 1) * 128 bits     */
	NISV_SVCR,      /* SME: SM (bit 0) streaming mode, ZA (bit 1)            */
	NISV_SMCR_EL1,  /* SME: LEN [3:0] asks for the streaming VL              */
	NISV_REG_COUNT  /* registers defined so far; new ones are added here,
	                   below NISV_REG_SLOTS                              */
} nisv_reg;

/* Room for registers in nisv_state.reg: nisv_reg values stay below it. */
#define NISV_REG_SLOTS 64

/*
 * The vector register files, read and written as bytes in little-endian
 * order (byte 0 holds bits [7:0]) through nisv_reg_ops.get_vec/set_vec:
 * whole registers (offset 0, the length below), but for the one element
 * of each ZA row that a vertical tile slice holds. NISV_VFILE_V is the
 * SIMD&FP view; the others are the SVE and SME state, used only with
 * nisv_vcpu_set_vector_lengths (a callback that does not hold a file
 * returns non-zero).
 */
typedef enum nisv_vfile {
	NISV_VFILE_V = 0, /* V0-V31, 16 bytes. A write is an AArch64 write of
	                     V[n]: bits of Z[n] above 127 become zero        */
	NISV_VFILE_Z,     /* Z0-Z31, VL / 8 bytes                            */
	NISV_VFILE_P,     /* P0-P15, VL / 64 bytes                           */
	NISV_VFILE_FFR,   /* the first-fault register (n = 0), VL / 64 bytes */
	NISV_VFILE_ZA,    /* row n of ZA, SVL / 8 bytes                      */
	NISV_VFILE_ZT0,   /* ZT0 (n = 0), 64 bytes                           */
} nisv_vfile;

/* A 128-bit SIMD&FP register; lo holds bits [63:0]. */
typedef struct nisv_v128 {
	uint64_t lo, hi;
} nisv_v128;

/*
 * Register callbacks. Return 0 on success, non-zero on failure (the
 * emulation then stops with NISV_CALLBACK_ERROR, having written nothing if
 * the failure came before commit). get* are called lazily, at most once per
 * register per emulation; set* are called only at commit, once per register
 * that changed. get_vec/set_vec move bytes [offset, offset + len) of
 * register n of a nisv_vfile.
 */
typedef struct nisv_reg_ops {
	int (*get)(void *ctx, unsigned reg, uint64_t *val);
	int (*set)(void *ctx, unsigned reg, uint64_t val);
	int (*get_vec)(void *ctx, unsigned file, unsigned n, uint32_t offset, void *buf, uint32_t len);
	int (*set_vec)(void *ctx, unsigned file, unsigned n, uint32_t offset, const void *buf, uint32_t len);
} nisv_reg_ops;

/* ------------------------------------------------------------------------ */
/* Guest memory                                                              */
/* ------------------------------------------------------------------------ */

/* nisv_mem_ops flags: what kind of access a piece belongs to. */
enum {
	NISV_MEM_EXCLUSIVE = 1u << 0,
	NISV_MEM_ATOMIC = 1u << 1,
	NISV_MEM_ACQUIRE = 1u << 2,
	NISV_MEM_RELEASE = 1u << 3,
	NISV_MEM_WRITE = 1u << 4, /* (check) the access writes                     */
	NISV_MEM_FETCH = 1u << 5, /* (read) the instruction fetch                  */
	NISV_MEM_WALK = 1u << 6,  /* (read/cas64) a stage-1 translation table walk */
};

struct nisv_region;

/*
 * One data access as nisv will perform it (nisv_mem_ops.check): at most
 * two pages (a page-crossing access), each contiguous in IPA space, split
 * into naturally aligned pieces of piece_min to 16 bytes. An SVE gather or
 * scatter is checked element by element, every active element before the
 * first is performed.
 */
typedef struct nisv_access {
	uint64_t ipa;       /* the first byte (= page[0].ipa)                 */
	uint32_t len;       /* bytes in all                                   */
	uint32_t flags;     /* NISV_MEM_*; NISV_MEM_WRITE when it writes      */
	uint32_t npages;    /* 1 or 2                                         */
	uint32_t piece_min; /* the smallest piece read or written (1..16)     */
	struct {
		uint64_t ipa;
		uint32_t len;
	} page[2];
	/* out, optional: a device region (no RAM) that holds the whole access;
	 * nisv then performs each piece through its read/write callbacks, in
	 * its allowed widths, instead of calling mem_ops.read/write (NULL on
	 * entry) */
	const struct nisv_region *device;
} nisv_access;

/*
 * Guest-physical memory. Each call is one naturally-aligned piece of at most
 * 16 bytes, in guest byte order (byte 0 at ipa). Return 0 on success.
 * lock/unlock (optional, may be NULL) bracket the read-modify-write of an
 * atomic or compare-and-swap so the integrator can make it atomic against
 * other vCPUs.
 */
typedef struct nisv_mem_ops {
	int (*read)(void *ctx, uint64_t ipa, void *buf, uint32_t len, unsigned flags);
	int (*write)(void *ctx, uint64_t ipa, const void *buf, uint32_t len, unsigned flags);
	void (*lock)(void *ctx);
	void (*unlock)(void *ctx);
	/*
	 * Optional: atomic compare-and-swap of 8 bytes of guest RAM, used for the
	 * hardware update of a translation descriptor's access flag and dirty
	 * state (TCR_EL1.HA/HD). Returns 0 when *expected matched and desired was
	 * stored; 1 when it did not match (*expected = the current value);
	 * negative on failure. When NULL, nisv uses lock + read + write.
	 */
	int (*cas64)(void *ctx, uint64_t ipa, uint64_t *expected, uint64_t desired);
	/*
	 * Optional: called once for every data access, after every stage-1
	 * check passed and before its first piece is read or written, with
	 * the IPAs it covers. Return 0 if it can be performed, or a
	 * nisv_fault_kind (e.g. NISV_FAULT_EXTERNAL for a hole or a straddled
	 * region end, NISV_FAULT_UNSUPPORTED_EXCL for an exclusive or atomic
	 * the device does not support): the instruction then faults with
	 * nothing performed. Without it every piece is read or written, and a
	 * failing callback is NISV_CALLBACK_ERROR.
	 */
	int (*check)(void *ctx, struct nisv_access *access);
	/*
	 * Optional fast path for translation table walks and instruction
	 * fetches: the host mapping of the plain RAM that holds ipa. Returns the
	 * host address of guest-physical *base and sets [*base, *base + *size)
	 * to the RAM range around ipa, or returns NULL when ipa is not plain RAM
	 * (nisv then calls read() with NISV_MEM_WALK or NISV_MEM_FETCH, which
	 * may fail). nisv remembers the range for the rest of the call only;
	 * the mapping must stay valid until the call returns. Descriptors are
	 * read there with 8-byte single-copy-atomic loads.
	 */
	const void *(*ram_map)(void *ctx, uint64_t ipa, uint64_t *base, uint64_t *size);
	void *reserved_[2]; /* NULL */
} nisv_mem_ops;

/* ------------------------------------------------------------------------ */
/* An optional guest-physical bus: RAM and device regions                   */
/* ------------------------------------------------------------------------ */

/* nisv_region.policy */
enum {
	NISV_DEV_EXCLUSIVE = 1u << 0, /* LDXR/STXR allowed (local monitor in nisv) */
	NISV_DEV_ATOMIC = 1u << 1,    /* LSE atomics and CAS allowed (RMW under the
	                                 bus lock)                                 */
};

/*
 * One region of guest-physical space, [base, base + size), size > 0 and
 * base + size <= 2^64. RAM has a host pointer; a device has callbacks that
 * get the offset into the region and one naturally aligned piece whose size
 * is one of `widths` (bit n set: 1 << n bytes allowed; 0 means any size).
 */
typedef struct nisv_region {
	uint64_t base, size;
	void *ram; /* non-NULL: RAM at this host address */
	int (*read)(void *dev, uint64_t offset, void *buf, uint32_t len);
	int (*write)(void *dev, uint64_t offset, const void *buf, uint32_t len);
	void *dev;
	uint32_t widths;
	uint32_t policy; /* NISV_DEV_* */
} nisv_region;

/*
 * A set of regions, used through nisv_bus_mem_ops (ctx = the nisv_bus).
 * Regions should not overlap (where they do, each address is the first
 * region's). An access belongs to the first region that holds its first
 * byte and is refused whole (NISV_FAULT_EXTERNAL, nothing performed) when
 * any byte of it lies outside that region or in an earlier one: a hole, or
 * a second region (e.g. a page-crossing STP from RAM into MMIO); walks
 * and instruction fetches are served from RAM regions only; an
 * exclusive or atomic to a device without the policy bit faults with DFSC
 * 0x35 (NISV_FAULT_UNSUPPORTED_EXCL). Device pieces wider than the widest
 * allowed width are split into naturally aligned allowed widths.
 */
typedef struct nisv_bus {
	const nisv_region *regions;
	unsigned count;
	/* optional: an emulated data access touched RAM (e.g. a page-crossing
	 * pair, or a stale fault); log it */
	void (*ram_warning)(void *ctx, uint64_t ipa, uint32_t len);
	void *warning_ctx;
	/* optional: serialise atomics/CAS against other vCPUs */
	void (*lock)(void *ctx);
	void (*unlock)(void *ctx);
	void *lock_ctx;
} nisv_bus;

NISV_API extern const nisv_mem_ops nisv_bus_mem_ops;

/* ------------------------------------------------------------------------ */
/* The per-vCPU context                                                      */
/* ------------------------------------------------------------------------ */

/*
 * Caller-owned, one per vCPU: NISV_VCPU_SIZE bytes, 8-byte aligned, opaque
 * (initialise with nisv_vcpu_init(); never touch its bytes). It holds the
 * register cache of the current call and, across calls, only what it
 * checks again before use: the walk parameters of the last TCR_EL1 value,
 * its last fetch and data walks (reused only when every register and
 * descriptor they read is unchanged; no host pointers are kept), the local
 * exclusive monitor and the settings below. It may be copied between
 * calls (a copy is an independent vCPU with the same settings).
 */
#define NISV_VCPU_SIZE 8192
typedef struct nisv_vcpu {
	uint64_t opaque_[NISV_VCPU_SIZE / 8];
} nisv_vcpu;

typedef struct nisv_state nisv_state;

/* Architecture features of the guest CPU that change emulation results. */
enum {
	/* FEAT_LSE2: unaligned ordered/atomic/exclusive accesses are allowed
	 * within a 16-byte block (and with SCTLR_EL1.nAA, ordered ones anywhere). */
	NISV_FEAT_LSE2 = 1u << 0,
	NISV_FEAT_LPA = 1u << 1,    /* 52-bit output addresses with the 64K granule */
	NISV_FEAT_LPA2 = 1u << 2,   /* 52-bit addresses with 4K/16K (TCR_EL1.DS)    */
	NISV_FEAT_LVA = 1u << 3,    /* 52-bit virtual addresses with 64K (TxSZ 12)  */
	NISV_FEAT_HAFDBS = 1u << 4, /* hardware access flag and dirty state update  */
	NISV_FEAT_MTE = 1u << 5,    /* exception entry sets PSTATE.TCO              */
};

/* NISV_INVALID_ARGUMENT for a NULL v, regs (or callback of it), mem,
 * mem->read or mem->write, or only one of mem->lock and mem->unlock. */
NISV_API nisv_status nisv_vcpu_init(nisv_vcpu *v, const nisv_reg_ops *regs, void *regs_ctx,
                                    const nisv_mem_ops *mem, void *mem_ctx);

/* Declare the guest CPU's features (NISV_FEAT_*); none after init. */
NISV_API void nisv_vcpu_set_features(nisv_vcpu *v, uint32_t features);
NISV_API uint32_t nisv_vcpu_features(const nisv_vcpu *v);
/*
 * Declare the vector lengths the guest CPU implements, as KVM's
 * KVM_REG_ARM64_SVE_VLS does: bit i of sve_vqs set means a VL of
 * 128 * (i + 1) bits is implemented (i < 16); sme_vqs is the same for the
 * streaming vector lengths. The VL an SVE instruction runs with is the
 * largest implemented one not above ZCR_EL1.LEN (SMCR_EL1.LEN in
 * streaming mode, SVCR.SM, read only when sme_vqs is not 0), as the Arm
 * ARM's "CurrentVL" constrains it. 0 (after init): no SVE (SME), and an
 * SVE instruction is UNDEFINED. Bits 16 and above are ignored.
 */
NISV_API void nisv_vcpu_set_vector_lengths(nisv_vcpu *v, uint32_t sve_vqs, uint32_t sme_vqs);
NISV_API uint32_t nisv_vcpu_sve_vqs(const nisv_vcpu *v);
NISV_API uint32_t nisv_vcpu_sme_vqs(const nisv_vcpu *v);
/* Declare the implemented physical address size in bits (32..52); 48 after init. */
NISV_API void nisv_vcpu_set_pa_bits(nisv_vcpu *v, unsigned bits);
NISV_API unsigned nisv_vcpu_pa_bits(const nisv_vcpu *v);

/* Clear the local exclusive monitor (e.g. on an exception return, ERET). */
NISV_API void nisv_clear_exclusive(nisv_vcpu *v);

/* ------------------------------------------------------------------------ */
/* Emulation                                                                 */
/* ------------------------------------------------------------------------ */

/* What kind of guest exception is due (status NISV_FAULT). */
typedef enum nisv_fault_kind {
	NISV_FAULT_NONE = 0,
	NISV_FAULT_ALIGNMENT,   /* DFSC 0x21                                  */
	NISV_FAULT_EXTERNAL,    /* synchronous external abort, DFSC 0x10      */
	NISV_FAULT_UNSUPPORTED_EXCL, /* DFSC 0x35: exclusive/atomic not allowed */
	NISV_FAULT_UNDEFINED,   /* not a memory instruction / prohibited      */
	NISV_FAULT_SP_ALIGNMENT, /* SP not 16-byte aligned with SCTLR_EL1.SA/SA0 */
	NISV_FAULT_ADDRESS_SIZE, /* address beyond the physical address size   */
	NISV_FAULT_TRANSLATION, /* stage-1 translation fault (with level)     */
	NISV_FAULT_ACCESS_FLAG, /* stage-1 access flag fault (with level)     */
	NISV_FAULT_PERMISSION,  /* stage-1 permission fault (with level)      */
	NISV_FAULT_WALK_EXTERNAL, /* external abort on a translation table walk */
	NISV_FAULT_SYS_TRAP,    /* EC 0x18: DC at EL0 without SCTLR_EL1.DZE/UCI */
	NISV_FAULT_PC_ALIGNMENT, /* EC 0x22: the PC to fetch is not 4-aligned   */
} nisv_fault_kind;

typedef struct nisv_result {
	nisv_status status;
	uint8_t fault;      /* nisv_fault_kind: the exception due (NISV_FAULT), or
	                       NISV_FAULT_UNDEFINED for a non-memory word      */
	uint8_t write;      /* the access (or the faulting access) writes       */
	uint8_t injected;   /* the fault was taken through the registers         */
	int8_t level;       /* lookup level of a translation/AF/permission fault */
	uint8_t device;     /* nisv_translate: the memory type is Device        */
	uint32_t esr;       /* ESR_EL1 of the fault (whether injected or not)   */
	uint64_t va;        /* the access's VA; for a fault, the FAR            */
	nisv_insn insn;     /* the instruction, when it decoded                 */
	uint64_t reserved_[2];
} nisv_result;

/* What nisv does with a guest fault (default: report). */
typedef enum nisv_fault_mode {
	NISV_FAULTS_REPORT = 0, /* return NISV_FAULT; res says which exception */
	NISV_FAULTS_INJECT,     /* also take it: ESR/FAR/ELR/SPSR_EL1, PSTATE, PC */
} nisv_fault_mode;

NISV_API void nisv_vcpu_set_fault_mode(nisv_vcpu *v, nisv_fault_mode mode);

/*
 * Emulate the instruction `word` as executed at the vCPU's PC: translate
 * (stage 1 per SCTLR_EL1/TCR_EL1/TTBRn_EL1), check, perform, commit. On
 * NISV_OK the registers are committed and PC += 4. On NISV_FAULT nothing was
 * performed; with NISV_FAULTS_INJECT the exception has been taken. On
 * NISV_RETRY, NISV_UNSUPPORTED and NISV_INVALID_ARGUMENT nothing was written.
 * NISV_CALLBACK_ERROR: a callback failed; every register is read before the
 * first memory access, so only a memory callback failing midway (which a
 * mem_ops.check that passed had promised would not happen) or a register
 * write failing at commit can leave memory written. res may be NULL.
 */
NISV_API nisv_status nisv_emulate(nisv_vcpu *v, uint32_t word, nisv_result *res);

/* What nisv_describe() reports: an access as planned, nothing performed. */
typedef struct nisv_description {
	nisv_insn insn;
	uint64_t va;        /* the first byte, as the guest addresses it       */
	uint32_t len;       /* bytes accessed (0: no data access, e.g. PRFM)    */
	uint8_t write;      /* writes memory (stores, atomics, DC ZVA)          */
	uint8_t read;       /* reads memory (loads, atomics)                    */
	uint8_t device;     /* the first page is Device memory                  */
	uint8_t npages;     /* 1 or 2 (0 with len 0); a gather or scatter: the
	                       pages of its first active elements           */
	struct {
		uint64_t va, ipa;
		uint32_t len;
	} page[2];
	uint64_t regs_read;     /* bit r: nisv_reg r is read (X, SP, PC, ...)   */
	uint64_t regs_written;  /* bit r: nisv_reg r is written on success      */
	uint32_t vregs_read;    /* bit n: V[n] (Z[n] for SVE) is read           */
	uint32_t vregs_written; /* bit n: V[n] (Z[n] for SVE) is written        */
	uint16_t pregs_read;    /* bit n: SVE P[n] is read                      */
	uint16_t pregs_written; /* bit n: SVE P[n] is written on success        */
	uint32_t reserved0_;
	uint64_t reserved_[1];
} nisv_description;

/*
 * Describe the instruction `word` at the vCPU's state without performing
 * it: decode, plan, translate (stage 1) and every check nisv_emulate makes
 * before the first access, through the same callbacks (registers are read,
 * nothing is written: no memory access, no access-flag update, no register
 * write, mem_ops.check is not called). NISV_OK and *out; NISV_FAULT with
 * res (may be NULL) saying which exception nisv_emulate would raise
 * (never injected); NISV_UNSUPPORTED for a word that is not a memory
 * instruction. regs_written is what a successful emulation writes; the
 * registers a fault entry writes are not in it.
 */
NISV_API nisv_status nisv_describe(nisv_vcpu *v, uint32_t word, nisv_description *out, nisv_result *res);

/* ------------------------------------------------------------------------ */
/* The trap path: finish a data abort the hypervisor took                    */
/* ------------------------------------------------------------------------ */

/* nisv_abort.flags */
enum {
	NISV_ABORT_FAR_VALID = 1u << 0, /* far holds FAR_EL2                        */
	NISV_ABORT_ISS_ONLY = 1u << 1,  /* esr is only the ISS (KVM's sanitized
	                                   esr_iss: CM|WnR|DFSC); a data abort from
	                                   the guest is implied                     */
};

/* What the hypervisor reported for a data abort. */
typedef struct nisv_abort {
	uint64_t esr;   /* ESR_EL2 (or just its ISS, see NISV_ABORT_ISS_ONLY)   */
	uint64_t ipa;   /* faulting IPA, byte-exact: HPFAR_EL2.FIPA:FAR[11:0],
	                   as KVM's fault_ipa                                   */
	uint64_t far;   /* FAR_EL2, when NISV_ABORT_FAR_VALID                  */
	uint32_t flags;
} nisv_abort;

/*
 * Finish a data abort taken from the guest:
 * - ISV == 1: the syndrome describes the access (SAS, SSE, SRT, SF, AR,
 *   WnR); it is performed at the IPA without fetching anything.
 * - CM == 1: cache maintenance on the trapped page; completed (PC += 4)
 *   without touching any device.
 * - otherwise: fetch the instruction at PC through stage 1, decode it and
 *   emulate it (nisv_emulate). The planned access must cover the reported
 *   IPA (and FAR, when valid); if not, the guest changed the instruction or
 *   the mapping under us: NISV_RETRY, nothing done.
 * A word that is not a memory instruction is UNDEFINED; a PC that cannot be
 * fetched is an instruction abort; a stage-1 walk that itself hit MMIO
 * (S1PTW) is a synchronous external abort. From AArch32 EL0, ISV=1 and CM=1
 * are finished (PC steps by ESR.IL) and ISV=0 is a synchronous external
 * abort (nisv decodes A64 only).
 */
NISV_API nisv_status nisv_handle_abort(nisv_vcpu *v, const nisv_abort *abort, nisv_result *res);

/*
 * Take a fault that a call in NISV_FAULTS_REPORT mode returned (res->status
 * == NISV_FAULT, res->injected == 0): exception entry to EL1 through the
 * register callbacks, with res->esr and (where the syndrome has one) res->va
 * as FAR. For a backend that first tries its own injection ABI.
 */
NISV_API nisv_status nisv_inject(nisv_vcpu *v, const nisv_result *res);

/* nisv_translate flags: the access to check, as the AT instructions do. */
enum {
	NISV_XLAT_WRITE = 1u << 0, /* AT S1E1W / S1E0W                        */
	NISV_XLAT_FETCH = 1u << 1, /* an instruction fetch                     */
	NISV_XLAT_EL0 = 1u << 2,   /* EL0 permissions (AT S1E0R / S1E0W)       */
	NISV_XLAT_PAN = 1u << 3,   /* PSTATE.PAN applies (AT S1E1RP / S1E1WP)  */
};

/*
 * Stage-1 translation of va in the EL1&0 regime from the vCPU's registers,
 * with the permission check of the access in flags — what AT S1E1R & co.
 * report in PAR_EL1. NISV_OK and *ipa, or NISV_FAULT with res->fault and
 * res->level. Nothing is written (no access-flag update).
 */
NISV_API nisv_status nisv_translate(nisv_vcpu *v, uint64_t va, unsigned flags, uint64_t *ipa, nisv_result *res);

/* ------------------------------------------------------------------------ */
/* A plain in-memory vCPU state with ready-made register callbacks           */
/* ------------------------------------------------------------------------ */

/*
 * The SVE and SME register files of a nisv_state, each register as bytes in
 * nisv_vfile order (byte 0 holds bits [7:0]); only the first VL / 8 (Z),
 * VL / 64 (P, FFR) or SVL / 8 (ZA rows) bytes are used. Z[n] bytes 0-15
 * are V[n]: with a file, nisv_state.v is not used.
 */
struct nisv_sve_state {
	uint8_t z[32][256];
	uint8_t p[16][32];
	uint8_t ffr[32];
	uint8_t za[256][256];
	uint8_t zt0[64];
};

struct nisv_state {
	uint64_t reg[NISV_REG_SLOTS]; /* indexed by nisv_reg; the rest zero */
	nisv_v128 v[32];              /* V0-V31 when sve is NULL            */
	struct nisv_sve_state *sve;   /* optional: the SVE/SME files         */
	void *reserved_[3];           /* NULL                                */
};

/* Register callbacks whose ctx is a nisv_state *. */
NISV_API extern const nisv_reg_ops nisv_state_reg_ops;

#ifdef __cplusplus
}
#endif
#endif /* NISV_H */
