/*
 * The plan of one access (plan.c): what the instruction does to memory,
 * filled by the stages in order — plan_build (address, length, kind),
 * access_pages (the IPA of each page), execute (the data).
 */
#ifndef NISV_PLAN_H
#define NISV_PLAN_H

#include "mmu.h"

struct guest_fault;

/* How the access touches memory. */
enum plan_kind {
	PLAN_NONE = 0, /* no data access (PRFM, DC maintenance)        */
	PLAN_READ,
	PLAN_WRITE,
	PLAN_RMW,      /* atomics, CAS: read, compute, maybe write      */
	PLAN_ZERO,     /* DC ZVA/GZVA: write zeros over the block       */
};

/* Largest data transfer: SVE LD4/ST4 of four 2048-bit registers. */
#define PLAN_MAX_DATA 1024
/* Most elements of an SVE gather or scatter: 2048 bits of 32-bit offsets. */
#define PLAN_MAX_ELEMS 64
/* A contiguous access (at most 1 KiB, or one aligned DC ZVA block) spans
 * two pages at most; each element of a gather can cross a page. */
#define PLAN_MAX_SEGS (2 * PLAN_MAX_ELEMS)

/* One page of an access: bytes [off, off + len) of the access live at pa,
 * on the device region mem_ops.check named for them (or NULL). */
struct segment {
	uint64_t pa;
	uint32_t off, len;
	const nisv_region *device;
};

/* What every stage reads of the vCPU's state once per call. */
struct call_ctx {
	uint64_t pstate, sctlr;
	uint8_t il32;     /* AArch32: the trapped instruction is 32 bits (ESR.IL) */
	uint8_t describe; /* nisv_describe: translations report the memory type */
};

struct plan {
	/* plan_build */
	uint64_t va;          /* first byte, as the guest addressed it      */
	uint64_t far_va;      /* FAR for a fault on the first page: va, or
	                         DC ZVA's Xt before the block alignment     */
	uint32_t len;         /* bytes                                       */
	uint8_t esize;        /* element bytes: byte order, access pieces    */
	uint8_t kind;         /* enum plan_kind                              */
	uint8_t align;        /* alignment the access class needs, or 0      */
	uint8_t ordered;      /* acquire/release (LSE2/nAA alignment rule)   */
	uint8_t tag_align;    /* STGP: 16-byte alignment, even with LSE2     */
	uint8_t big_endian;   /* data endianness (SCTLR_EL1.EE / E0E)        */
	uint8_t fault_access; /* FA_* of a fault on this access              */
	uint8_t wback;        /* writeback to Rn after the access            */
	uint64_t wback_val;
	/* SVE (sve_plan.c): with `masked`, element k of the access (esize
	 * bytes at va + k * esize) is structure (first + k) / sve_nregs of the
	 * registers, active when its predicate bit (structure << sve_elog) in
	 * pred is set; only active elements are read or written */
	uint16_t vl;          /* bytes of a Z register (SVE ops), else 0     */
	uint8_t masked;
	uint8_t sve_nregs;    /* registers whose elements interleave (1-4)    */
	uint8_t sve_elog;     /* log2 of the register element size            */
	uint16_t first;       /* memory element of va in the whole access     */
	uint16_t slice;       /* SME: the ZA array vector (LDR/STR ZA) or tile
	                         slice ((Wv + offset) MOD its count)        */
	uint8_t gather;       /* gather/scatter: element k is at elem_va[k],
	                         not at va + (k - first) * esize             */
	/* access_pages (plan_build clears the fields above this line) */
	uint8_t nseg;
	uint8_t hw_updates;   /* some page has an AF/dirty update due        */
	struct segment seg[PLAN_MAX_SEGS];
	struct xlat xl[PLAN_MAX_SEGS]; /* each page's translation           */
	/* execute: memory-order bytes: store data, or filled by the read */
	uint8_t data[PLAN_MAX_DATA];
	/* RMW operand: compare value (CAS/CASP) or Rs (atomics), memory order */
	uint8_t operand[16];
	/* SVE first-fault and non-fault loads: FFR as read, VL / 64 bytes */
	uint8_t ffr[32];
	/* the governing predicate of a predicated SVE access (sve_plan_build
	 * fills it): P[pg], VL / 64 bytes, or a multi-vector access's
	 * predicate-as-counter expanded over its registers, up to 4 x VL / 64 */
	uint8_t pred[4 * 32];
	/* gathers and scatters: the address of each active element */
	uint64_t elem_va[PLAN_MAX_ELEMS];
};

/* Address, length and kind of the access of d at the registers' values. */
nisv_status plan_build(struct vcpu *v, const nisv_insn *d, const struct call_ctx *c, struct plan *p,
                       struct guest_fault *f);

/* ISV == 1: the single-register access the syndrome describes, at ipa
 * (VA far), already translated; d is filled in from the syndrome. */
void plan_from_syndrome(uint64_t esr, uint64_t ipa, uint64_t far, const struct call_ctx *c, nisv_insn *d,
                        struct plan *p);

/* DC by VA: Xt holds the address, no transfer register. */
static inline int is_dc_op(unsigned op)
{
	return op >= NISV_OP_DC_ZVA && op <= NISV_OP_DC_MAINT;
}

/* Whether byte off of the access is read or written: every byte, or one
 * of an active element of a predicated access. */
static inline int plan_active(const struct plan *p, uint32_t off)
{
	uint32_t bit;

	if (!p->masked)
		return 1;
	bit = (p->first + off / p->esize) / p->sve_nregs << p->sve_elog;
	return p->pred[bit >> 3] >> (bit & 7) & 1;
}

/* The first byte at or after offset off that an active element holds
 * (off itself when its element is active); len when there is none. */
static inline uint32_t plan_active_from(const struct plan *p, uint32_t off)
{
	for (uint32_t k = off / p->esize; k * p->esize < p->len; k++)
		if (plan_active(p, k * p->esize))
			return k * p->esize > off ? k * p->esize : off;
	return p->len;
}

/* The VA of byte off of the access. */
static inline uint64_t plan_va(const struct plan *p, uint32_t off)
{
	if (p->gather)
		return p->elem_va[p->first + off / p->esize] + off % p->esize;
	return p->va + off;
}

/*
 * FAR of a fault at byte off of the access: far_va at its start, else the
 * byte itself or, with a predicate, the first byte of the next active
 * element (elements are accessed in order, and a misaligned one byte by
 * byte: Arm ARM "Mem[]" for an unaligned access).
 */
static inline uint64_t plan_fault_va(const struct plan *p, uint32_t off)
{
	return off ? plan_va(p, p->masked ? plan_active_from(p, off) : off) : p->far_va;
}

static inline int plan_writes(const struct plan *p)
{
	return p->kind == PLAN_WRITE || p->kind == PLAN_RMW || p->kind == PLAN_ZERO;
}

#endif
