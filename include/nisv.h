/*
 * nisv — finish every trapped AArch64 guest memory access.
 *
 * The core API. Freestanding: needs only <stdint.h> and <stddef.h>, never
 * allocates, holds no global mutable state. One nisv_vcpu per vCPU; different
 * vCPUs may be used concurrently from different threads.
 *
 * Flow of one emulation (see docs/architecture.md):
 *   decode (pure) -> plan (addresses, data, register results)
 *   -> translate/check -> perform (memory callbacks) -> commit (registers, PC)
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
const char *nisv_status_name(nisv_status s);

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
	NISV_OP_COUNT
} nisv_op;

/* Register class of the transfer registers Rt/Rt2 (and Rs for CAS). */
typedef enum nisv_rclass {
	NISV_RC_NONE = 0, /* no transfer register (DC by VA uses Rt as address) */
	NISV_RC_W,        /* 32-bit general register, W31 = WZR               */
	NISV_RC_X,        /* 64-bit general register, X31 = XZR               */
	NISV_RC_V,        /* SIMD&FP register B/H/S/D/Q (by element size)     */
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
};

/*
 * One decoded memory instruction. Pure data: a function of the word only.
 * Element size is 1 << esize_log2 bytes (0..4; 4 = Q, 128 bits). The order
 * of the fields is the decoder's: rt..atomic are one 8-byte group, in the
 * order that lets nisv_decode place the word's register fields with two
 * multiplies.
 */
typedef struct nisv_insn {
	uint32_t word;
	uint8_t op;          /* nisv_op                                         */
	uint8_t rclass;      /* nisv_rclass of Rt (and Rt2, Rs)                 */
	uint8_t esize_log2;  /* element size: single access, pair member, lane  */
	uint8_t nregs;       /* transfer registers: 1, 2 (pair, CASP) or 1-4    */
	uint8_t rt;
	uint8_t shift;       /* left shift of the extended Rm (NISV_AM_REG)     */
	uint8_t rm, rs, rn;
	uint8_t extend;      /* nisv_extend (NISV_AM_REG)                       */
	uint8_t rt2;
	uint8_t atomic;      /* nisv_atomic (NISV_OP_ATOMIC)                    */
	uint8_t dc;          /* nisv_dc (NISV_OP_DC_MAINT)                      */
	uint8_t selem;       /* structure elements per lane (1-4), else 1       */
	uint8_t lane;        /* lane index (NISV_OP_*_LANE)                     */
	uint8_t vbytes;      /* vector width 8 or 16 (structures), else 0       */
	uint8_t addr;        /* nisv_addr_mode                                  */
	uint16_t flags;      /* NISV_F_*                                        */
	int64_t imm;         /* byte offset (OFFSET/PRE/POST/LITERAL)           */
} nisv_insn;

/*
 * Decode one word. Returns NISV_OK and fills *out for a memory instruction;
 * NISV_UNSUPPORTED (with out->op == NISV_OP_NONE) for every other word.
 */
nisv_status nisv_decode(uint32_t word, nisv_insn *out);

/* Short names: "LOAD", "W", "POST", "ADD", ... Never NULL. */
const char *nisv_op_name(unsigned op);
const char *nisv_atomic_name(unsigned atomic);

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
	NISV_REG_COUNT
} nisv_reg;

/* A 128-bit SIMD&FP register; lo holds bits [63:0]. */
typedef struct nisv_v128 {
	uint64_t lo, hi;
} nisv_v128;

/*
 * Register callbacks. Return 0 on success, non-zero on failure (the
 * emulation then stops with NISV_CALLBACK_ERROR, having written nothing if
 * the failure came before commit). get_* are called lazily, at most once per
 * register per emulation; set_* are called only at commit, once per register
 * that changed.
 */
typedef struct nisv_reg_ops {
	int (*get)(void *ctx, unsigned reg, uint64_t *val);
	int (*set)(void *ctx, unsigned reg, uint64_t val);
	int (*get_v)(void *ctx, unsigned n, nisv_v128 *val);
	int (*set_v)(void *ctx, unsigned n, const nisv_v128 *val);
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
	NISV_MEM_WRITE = 1u << 4, /* (check) the piece will be written            */
	NISV_MEM_FETCH = 1u << 5, /* (read) the instruction fetch                  */
	NISV_MEM_WALK = 1u << 6,  /* (read/cas64) a stage-1 translation table walk */
};

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
	 * Optional: called for every piece of a data access, in order, before
	 * the first piece is read or written, with the same (ipa, len) the
	 * read/write calls will get (flags include NISV_MEM_WRITE for writes);
	 * access_ipa is the IPA of the access's first byte, so a bus can refuse
	 * an access whose pieces fall in different regions. Return 0 if the
	 * piece can be performed, or a nisv_fault_kind (e.g. NISV_FAULT_EXTERNAL
	 * for a hole or a straddled region end, NISV_FAULT_UNSUPPORTED_EXCL for
	 * an exclusive or atomic the device does not support): the instruction
	 * then faults with nothing performed.
	 */
	int (*check)(void *ctx, uint64_t ipa, uint32_t len, unsigned flags, uint64_t access_ipa);
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
 * An access is refused whole (NISV_FAULT_EXTERNAL, nothing performed) when
 * any piece falls outside every region or the access spans two regions
 * (e.g. a page-crossing STP from RAM into MMIO); translation table walks
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

extern const nisv_mem_ops nisv_bus_mem_ops;

/* ------------------------------------------------------------------------ */
/* The per-vCPU context                                                      */
/* ------------------------------------------------------------------------ */

/* Private (walk_cfg.c): what a stage-1 walk of one VA half takes from TCR_EL1. */
typedef struct nisv_walk_cfg {
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
	uint8_t oa52;         /* 52-bit descriptors: 1 FEAT_LPA2, 2 FEAT_LPA */
	uint8_t ttbr52;       /* TTBR[5:2] holds BADDR[51:48]                */
	uint8_t ha, hd;       /* hardware access flag / dirty state update   */
} nisv_walk_cfg;

/* Private (walk_memo.c): a remembered stage-1 walk and everything it read. */
typedef struct nisv_walk_memo {
	uint64_t key; /* VA page | request << 1 | 1; 0: nothing remembered     */
	uint64_t sctlr, tcr, ttbr, mair;  /* the registers it read             */
	uint64_t addr[5], raw[5]; /* descriptors read (as loaded), leaf last  */
	uint64_t result[6];       /* the translation of the page              */
	uint64_t gen;             /* which store this is (vCPU-wide count)    */
	uint64_t share_gen;       /* data walk: its first `shared` descriptors
	                             are those of fetch walk store share_gen */
	uint8_t nrec, mair_used, shared;
} nisv_walk_memo;

/*
 * Caller-owned, one per vCPU. Fields are private: initialise with
 * nisv_vcpu_init() and do not touch them afterwards. The register cache
 * lives for one emulation call. Across calls the vCPU keeps only what it
 * checks again before use: the walk parameters of the last TCR_EL1 value,
 * and its last fetch and data walks, reused only when every register and
 * descriptor they read is unchanged (no host pointers are kept).
 */
typedef struct nisv_state nisv_state;

typedef struct nisv_vcpu {
	const nisv_reg_ops *regs;
	void *regs_ctx;
	nisv_state *state; /* regs_ctx when regs is nisv_state_reg_ops: used in place */
	const nisv_mem_ops *mem;
	void *mem_ctx;
	/* register cache for the current emulation */
	uint64_t reg[NISV_REG_COUNT];
	uint64_t reg_valid, reg_dirty;
	nisv_v128 v[32];
	uint32_t v_valid, v_dirty;
	/* guest RAM range from mem->ram_map, for the current emulation */
	const uint8_t *ram_host;
	uint64_t ram_base, ram_size;
	uint64_t ram_desc_lim; /* offsets below it: an aligned descriptor load */
	/* the final table of the call's last walk: VA bits above wc_span equal
	 * to wc_tag index it at level wc_level (a walk cache, one call long) */
	uint64_t wc_tag, wc_table, wc_attrs;
	int8_t wc_level;
	uint8_t wc_shift, wc_span, wc_valid;
	/* local exclusive monitor (Arm ARM B2.9): armed by load-exclusive */
	uint64_t excl_addr;
	uint32_t excl_size;
	uint32_t excl_armed;
	uint32_t features; /* NISV_FEAT_* */
	uint8_t pa_bits;   /* implemented physical address size (0: 48) */
	uint8_t inject;    /* nisv_fault_mode */
	/* walk parameters of TCR_EL1 == walk_cfg_tcr, while walk_cfg_valid */
	uint8_t walk_cfg_valid;
	uint64_t walk_cfg_tcr;
	nisv_walk_cfg walk_cfg[2];
	nisv_walk_memo memo[2]; /* the last data walk [0] and fetch walk [1] */
	uint64_t memo_gen;      /* walks remembered so far                    */
	uint8_t fetch_read;     /* this call read memo[1]'s descriptors       */
} nisv_vcpu;

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

nisv_status nisv_vcpu_init(nisv_vcpu *v, const nisv_reg_ops *regs, void *regs_ctx,
                           const nisv_mem_ops *mem, void *mem_ctx);

/* Declare the guest CPU's features (NISV_FEAT_*); none after init. */
void nisv_vcpu_set_features(nisv_vcpu *v, uint32_t features);
/* Declare the implemented physical address size in bits (32..52); 48 after init. */
void nisv_vcpu_set_pa_bits(nisv_vcpu *v, unsigned bits);

/* Clear the local exclusive monitor (e.g. on an exception return, ERET). */
void nisv_clear_exclusive(nisv_vcpu *v);

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
} nisv_result;

/* What nisv does with a guest fault (default: report). */
typedef enum nisv_fault_mode {
	NISV_FAULTS_REPORT = 0, /* return NISV_FAULT; res says which exception */
	NISV_FAULTS_INJECT,     /* also take it: ESR/FAR/ELR/SPSR_EL1, PSTATE, PC */
} nisv_fault_mode;

void nisv_vcpu_set_fault_mode(nisv_vcpu *v, nisv_fault_mode mode);

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
nisv_status nisv_emulate(nisv_vcpu *v, uint32_t word, nisv_result *res);

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
nisv_status nisv_handle_abort(nisv_vcpu *v, const nisv_abort *abort, nisv_result *res);

/*
 * Take a fault that a call in NISV_FAULTS_REPORT mode returned (res->status
 * == NISV_FAULT, res->injected == 0): exception entry to EL1 through the
 * register callbacks, with res->esr and (where the syndrome has one) res->va
 * as FAR. For a backend that first tries its own injection ABI.
 */
nisv_status nisv_inject(nisv_vcpu *v, const nisv_result *res);

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
nisv_status nisv_translate(nisv_vcpu *v, uint64_t va, unsigned flags, uint64_t *ipa, nisv_result *res);

/* ------------------------------------------------------------------------ */
/* A plain in-memory vCPU state with ready-made register callbacks           */
/* ------------------------------------------------------------------------ */

struct nisv_state {
	uint64_t reg[NISV_REG_COUNT]; /* indexed by nisv_reg */
	nisv_v128 v[32];
};

/* Register callbacks whose ctx is a nisv_state *. */
extern const nisv_reg_ops nisv_state_reg_ops;

#ifdef __cplusplus
}
#endif
#endif /* NISV_H */
