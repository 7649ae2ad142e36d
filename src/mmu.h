/*
 * Stage-1 translation of the EL1&0 regime (mmu.c): a VA and the access to
 * check -> the IPA, the memory type, and any hardware AF/dirty update due;
 * or the fault, with its level. Nothing is written by a translation.
 */
#ifndef NISV_MMU_H
#define NISV_MMU_H

#include "vcpu.h"

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

/* NISV_OK with *x; NISV_FAULT with x->fault and x->level; or
 * NISV_CALLBACK_ERROR. */
nisv_status s1_translate(struct vcpu *v, const struct xlat_req *rq, struct xlat *x);

/* Apply the hardware AF/dirty update a successful translation left in x,
 * if any: NISV_OK, NISV_RETRY (the descriptor changed since), or
 * NISV_CALLBACK_ERROR. */
nisv_status s1_write_update(struct vcpu *v, const struct xlat *x);
static inline nisv_status s1_apply_update(struct vcpu *v, const struct xlat *x)
{
	return x->new_desc ? s1_write_update(v, x) : NISV_OK;
}

/* ---- between mmu.c, walk_cfg.c and walk_memo.c ---- */

/* The walk parameters of TCR_EL1 == tcr for the half `upper` (VA bit 55). */
const struct walk_cfg *walk_cfg_get(struct vcpu *v, uint64_t tcr, unsigned upper);

/* What one successful walk from TTBRn read. */
struct walk_record {
	uint64_t addr[WALK_MAX_READS], desc[WALK_MAX_READS];
	uint64_t ttbr, mair;
	uint8_t n, from_ttbr, mair_used;
};

/* 1 when the remembered walk decides this one: *st and *x (all of it) are
 * what the walk would give (NISV_OK; NISV_FAULT for a descriptor read that
 * now fails; NISV_CALLBACK_ERROR, x untouched); 0 when the walk must run. */
int memo_lookup(struct vcpu *v, const struct xlat_req *rq, uint64_t tcr, struct xlat *x, nisv_status *st);
void memo_store(struct vcpu *v, const struct xlat_req *rq, uint64_t tcr, const struct xlat *x,
                const struct walk_record *rec);

#endif
