/*
 * The plan of one access (plan.c): what the instruction does to memory,
 * filled by the stages in order — plan_build (address, length, kind),
 * access_pages (the IPA of each page), execute (the data).
 */
#ifndef NISV_PLAN_H
#define NISV_PLAN_H

#include "mmu.h"

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
	/* check_devices: the device region mem_ops.check named, or NULL */
	const nisv_region *device;
	/* access_pages (plan_build clears the fields above this line) */
	uint8_t nseg;
	uint8_t hw_updates;   /* some page has an AF/dirty update due        */
	struct segment seg[PLAN_MAX_SEGS];
	struct xlat xl[PLAN_MAX_SEGS]; /* each page's translation           */
	/* execute: memory-order bytes: store data, or filled by the read */
	uint8_t data[PLAN_MAX_DATA];
	/* RMW operand: compare value (CAS/CASP) or Rs (atomics), memory order */
	uint8_t operand[16];
};

/* Address, length and kind of the access of d at the registers' values. */
nisv_status plan_build(struct vcpu *v, const nisv_insn *d, const struct call_ctx *c, struct plan *p);

/* ISV == 1: the single-register access the syndrome describes, at ipa
 * (VA far), already translated; d is filled in from the syndrome. */
void plan_from_syndrome(uint64_t esr, uint64_t ipa, uint64_t far, const struct call_ctx *c, nisv_insn *d,
                        struct plan *p);

static inline int plan_writes(const struct plan *p)
{
	return p->kind == PLAN_WRITE || p->kind == PLAN_RMW || p->kind == PLAN_ZERO;
}

#endif
