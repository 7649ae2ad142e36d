/* Types shared by the emulation stages (not part of the public API). */
#ifndef NISV_INTERNAL_H
#define NISV_INTERNAL_H

#include "nisv.h"
#include "arch.h"

/* The core is one translation unit (core.c includes every stage's file):
 * the functions the stages share are internal to it, so the compiler can
 * inline them into one another on the trap path. */
#define NISV_INTERNAL static

/* For the helpers of the trap path whose callers each pass constants, and
 * the stages it runs once per call (a build for size, -Os, leaves the
 * choice to the compiler). */
#ifdef __OPTIMIZE_SIZE__
#define NISV_ALWAYS_INLINE static inline
#else
#define NISV_ALWAYS_INLINE static inline __attribute__((always_inline))
#endif

/* ---- register cache (regcache.c) ---------------------------------------- */
NISV_INTERNAL void rc_reset(nisv_vcpu *v);
/* Drop buffered writes, keep what was read (for a fault taken afterwards). */
NISV_INTERNAL void rc_discard_writes(nisv_vcpu *v);
NISV_INTERNAL int rc_fetch(nisv_vcpu *v, unsigned reg, uint64_t *val); /* the callback, then cache */

/* A register of a nisv_state (nisv_state_reg_ops) is read in place: the
 * state cannot change during the call, so it needs no cache. */
NISV_ALWAYS_INLINE int rc_get(nisv_vcpu *v, unsigned reg, uint64_t *val)
{
	if (v->reg_valid >> reg & 1)
		*val = v->reg[reg];
	else if (v->state)
		*val = v->state->reg[reg];
	else
		return rc_fetch(v, reg, val);
	return 0;
}

NISV_ALWAYS_INLINE void rc_set(nisv_vcpu *v, unsigned reg, uint64_t val)
{
	v->reg[reg] = val;
	v->reg_valid |= 1ull << reg;
	v->reg_dirty |= 1ull << reg;
}
NISV_INTERNAL int rc_get_v(nisv_vcpu *v, unsigned n, nisv_v128 *val);
NISV_INTERNAL void rc_set_v(nisv_vcpu *v, unsigned n, const nisv_v128 *val);
NISV_INTERNAL int rc_commit(nisv_vcpu *v);

/* The SP that PSTATE selects. */
NISV_INTERNAL int rc_get_sp(nisv_vcpu *v, uint64_t *val);
NISV_INTERNAL int rc_set_sp(nisv_vcpu *v, uint64_t val);

/* X[n] with n == 31 read as zero (XZR) or as the current SP. */
NISV_ALWAYS_INLINE int rc_get_x(nisv_vcpu *v, unsigned n, uint64_t *val)
{
	if (n != 31)
		return rc_get(v, n, val);
	*val = 0;
	return 0;
}

NISV_ALWAYS_INLINE int rc_get_x_or_sp(nisv_vcpu *v, unsigned n, uint64_t *val)
{
	return n != 31 ? rc_get(v, n, val) : rc_get_sp(v, val);
}

/* Write X[n] (n == 31 discards) or, for writeback, X[n]/SP. */
NISV_ALWAYS_INLINE void rc_set_x(nisv_vcpu *v, unsigned n, uint64_t val)
{
	if (n != 31)
		rc_set(v, n, val);
}

NISV_ALWAYS_INLINE int rc_set_x_or_sp(nisv_vcpu *v, unsigned n, uint64_t val)
{
	if (n == 31)
		return rc_set_sp(v, val);
	rc_set(v, n, val);
	return 0;
}

/* ---- stage-1 walk parameters (walk_cfg.c) ------------------------------- */
enum { OA52_DS = 1, OA52_LPA = 2 }; /* nisv_walk_cfg.oa52 */

/* Decode tcr into v->walk_cfg[] (both halves). */
NISV_INTERNAL void walk_cfg_fill(nisv_vcpu *v, uint64_t tcr);

/* The walk parameters of TCR_EL1 == tcr for the half `upper` (VA bit 55). */
static inline const nisv_walk_cfg *walk_cfg_get(nisv_vcpu *v, uint64_t tcr, unsigned upper)
{
	if (!v->walk_cfg_valid || v->walk_cfg_tcr != tcr)
		walk_cfg_fill(v, tcr);
	return &v->walk_cfg[upper];
}

/* Drop what the vCPU keeps across calls (walk parameters, remembered
 * walks): the features or the PA size changed. */
static inline void forget_translations(nisv_vcpu *v)
{
	v->walk_cfg_valid = 0;
	v->memo[0].key = v->memo[1].key = 0;
}

/* ---- stage-1 translation (mmu.c) ---------------------------------------- */
/* What a translation is asked for: bits of xlat_req.flags. The first four
 * are nisv_translate()'s NISV_XLAT_* flags. */
enum {
	XR_WRITE = 1u << 0,  /* needs write permission                            */
	XR_EXEC = 1u << 1,   /* instruction fetch                                  */
	XR_EL0 = 1u << 2,    /* checked as EL0: at EL0, or LDTR/STTR at EL1 (!UAO) */
	XR_PAN = 1u << 3,    /* PSTATE.PAN applies to this EL1 data access         */
	XR_DEVICE_MISALIGNED = 1u << 4, /* Device memory here is an Alignment fault:
	                                   unaligned element, or DC ZVA         */
	XR_ATTRS = 1u << 5,  /* report the memory type even when nothing needs it */
};

struct xlat_req {
	uint64_t va;
	uint64_t sctlr; /* SCTLR_EL1 as the caller read it */
	uint8_t flags;  /* XR_* */
};

struct xlat {
	uint64_t pa;
	uint64_t page_bytes;      /* translation granule: split accesses here  */
	uint64_t desc_addr, desc; /* the leaf descriptor as read               */
	uint64_t new_desc;        /* non-zero: hardware AF/dirty update due    */
	uint8_t fault;            /* nisv_fault_kind                           */
	int8_t level;             /* lookup level of the fault or the leaf     */
	uint8_t device;           /* Device memory (known when the request
	                             needed it: MAIR_EL1 is read only then)    */
	uint8_t big_endian_walk;  /* SCTLR_EL1.EE: descriptors are big-endian  */
};

NISV_INTERNAL nisv_status mmu_translate(nisv_vcpu *v, const struct xlat_req *rq, struct xlat *x);

/* ---- remembered walks (walk_memo.c) -------------------------------------- */
/* What one successful walk from TTBRn read: a walk reads at most 5 descriptors. */
#define WALK_MAX_READS 5
struct walk_record {
	uint64_t addr[WALK_MAX_READS], desc[WALK_MAX_READS];
	uint64_t ttbr, mair;
	uint8_t n, from_ttbr, mair_used;
};
/* 1 when the remembered walk decides this one: *st and *x (all of it) are
 * what the walk would give (NISV_OK; NISV_FAULT for a descriptor read that
 * now fails; NISV_CALLBACK_ERROR, x untouched); 0 when the walk must run. */
NISV_INTERNAL int memo_lookup(nisv_vcpu *v, const struct xlat_req *rq, uint64_t tcr, struct xlat *x,
                              nisv_status *st);
NISV_INTERNAL void memo_store(nisv_vcpu *v, const struct xlat_req *rq, uint64_t tcr, const struct xlat *x,
                              const struct walk_record *rec);
/* Apply the hardware AF/dirty update a successful walk left in x, if any. */
NISV_INTERNAL nisv_status mmu_write_update(nisv_vcpu *v, const struct xlat *x);
static inline nisv_status mmu_apply_update(nisv_vcpu *v, const struct xlat *x)
{
	return x->new_desc ? mmu_write_update(v, x) : NISV_OK;
}

/* ---- guest exceptions (exception.c) ------------------------------------- */
struct guest_fault {
	uint8_t kind;        /* nisv_fault_kind                          */
	int8_t level;        /* lookup level for MMU faults              */
	uint8_t write;       /* WnR                                       */
	uint8_t fetch;       /* instruction abort                         */
	uint8_t cache_maint; /* CM: a DC maintenance instruction faulted  */
	uint32_t word;       /* the instruction (for a trapped DC's ISS)  */
	uint64_t far;        /* faulting virtual address                 */
};

/* ESR_EL1 value for a fault taken from the given PSTATE. */
NISV_INTERNAL uint32_t exception_syndrome(const struct guest_fault *f, uint64_t pstate);
/* Whether the syndrome of this fault kind comes with a valid FAR. */
NISV_INTERNAL int fault_has_far(unsigned kind);
/* Take the exception to EL1 through the register cache (caller commits). */
NISV_INTERNAL int exception_enter(nisv_vcpu *v, uint32_t esr, uint64_t far, int far_valid);

/* ---- plan (plan.c) ------------------------------------------------------- */

/* How the access touches memory. */
enum plan_kind {
	PLAN_NONE = 0, /* no data access (PRFM, DC maintenance)        */
	PLAN_READ,
	PLAN_WRITE,
	PLAN_RMW,      /* atomics, CAS: read, compute, maybe write      */
	PLAN_ZERO,     /* DC ZVA/GZVA: write zeros over the block       */
};

/* Largest data transfer: LD4/ST4 or LD1 of four Q registers, 64 bytes. */
#define PLAN_MAX_DATA 64
/* At most 64 bytes, or one aligned DC ZVA block: two pages at most. */
#define PLAN_MAX_SEGS 2

/* One page of an access: bytes [off, off + len) of the access live at pa. */
struct segment {
	uint64_t pa;
	uint32_t off, len;
};

struct plan {
	uint64_t va;          /* first byte, as the guest addressed it      */
	uint64_t far_va;      /* FAR for a fault on the first page: va, or
	                         DC ZVA's Xt before the block alignment     */
	uint32_t len;         /* bytes                                       */
	uint8_t esize;        /* element bytes: byte order, access pieces    */
	uint8_t kind;         /* enum plan_kind                              */
	uint8_t align;        /* alignment the access class needs, or 0      */
	uint8_t ordered;      /* acquire/release (LSE2/nAA alignment rule)   */
	uint8_t wback;        /* writeback to Rn after the access            */
	uint8_t tag_align;    /* STGP: 16-byte alignment, even with LSE2     */
	uint8_t big_endian;   /* data endianness (SCTLR_EL1.EE / E0E)        */
	uint8_t nseg;         /* pages, filled by translate_access()         */
	uint8_t mem_flags;    /* NISV_MEM_* of every piece, set by perform_check() */
	uint8_t one_piece;    /* one aligned element in one page, likewise   */
	const nisv_region *region; /* v->mem is the nisv_bus: the access's region,
	                              set by perform_check()                  */
	uint64_t wback_val;
	struct segment seg[PLAN_MAX_SEGS];
	/* memory-order bytes: store data, or filled by the read */
	uint8_t data[PLAN_MAX_DATA];
	/* RMW operand: compare value (CAS/CASP) or Rs (atomics), memory order */
	uint8_t operand[16];
};

NISV_INTERNAL nisv_status plan_build(nisv_vcpu *v, const nisv_insn *d, struct plan *p);

/* ---- translate (translate.c): every page of the access, no side effects -- */
struct access_ctx {
	uint64_t pstate, sctlr;
	struct xlat xl[PLAN_MAX_SEGS]; /* per page: pending AF/dirty updates */
	uint8_t hw_updates;            /* some xl[] has one (translate_access) */
};

NISV_INTERNAL nisv_status translate_access(nisv_vcpu *v, const nisv_insn *d, struct plan *p,
                                           struct access_ctx *a, struct guest_fault *f);
NISV_INTERNAL nisv_status apply_hw_updates(nisv_vcpu *v, const struct plan *p, const struct access_ctx *a);

/* ---- element layout (layout.c): memory element <-> register lane -------- */
/* Registers -> store data / RMW operand (memory order, little-endian elements). */
NISV_INTERNAL int layout_gather(nisv_vcpu *v, const nisv_insn *d, struct plan *p);
/* Data read from memory -> register results (buffered in the cache). */
NISV_INTERNAL int layout_scatter(nisv_vcpu *v, const nisv_insn *d, const struct plan *p);
/* Fetch now every register layout_scatter() will read (before any access). */
NISV_INTERNAL int layout_prefetch(nisv_vcpu *v, const nisv_insn *d);

/* ---- atomic arithmetic (atomic_ops.c) ------------------------------------ */
/* Compute the new memory value of an RMW; returns 0 when nothing is stored. */
NISV_INTERNAL int rmw_compute(const nisv_insn *d, const struct plan *p, const uint8_t *old, uint8_t *new_val);

/* ---- memory (perform.c) -------------------------------------------------- */
NISV_INTERNAL nisv_status perform(nisv_vcpu *v, const nisv_insn *d, struct plan *p);
/* Dry run of perform() through mem->check: 0, or the nisv_fault_kind it reports. */
NISV_INTERNAL int perform_check(nisv_vcpu *v, const nisv_insn *d, struct plan *p);

/* Byte order: reverse each element of a memory-order buffer in place. */
NISV_INTERNAL void swap_elements(uint8_t *buf, uint32_t len, unsigned esize);

#endif
