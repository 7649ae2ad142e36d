/*
 * SVE loads and stores: the plan of a predicated access (sve_plan.c) and
 * where its elements come from or go to in the Z and P registers
 * (sve_layout.c), the addresses of a gather or scatter (sve_addr.c). The rest of the path (pages, checks, perform) is the
 * one every access takes; plan_active() says which elements it touches.
 */
#ifndef NISV_SVE_H
#define NISV_SVE_H

#include "plan.h"

/* Address, active elements and kind of the SVE access d (plan_build). */
nisv_status sve_plan_build(struct vcpu *v, const nisv_insn *d, struct plan *p, struct guest_fault *f);

/* Gathers and scatters: the addresses of elements [first, end) into
 * p->elem_va. */
int sve_element_addresses(struct vcpu *v, const nisv_insn *d, struct plan *p, unsigned first, unsigned end);

/* Registers -> store data (memory order, little-endian elements). */
int sve_store_data(struct vcpu *v, const nisv_insn *d, struct plan *p);
/* Loaded data -> the destination register, staged for commit. */
int sve_load_result(struct vcpu *v, const nisv_insn *d, const struct plan *p);

/* LDR/STR (vector, predicate): no predicate, the register's bytes are the memory's. */
static inline int sve_whole_register(const nisv_insn *d)
{
	return d->pg == NISV_PG_ALL;
}

/* SVE2.1 LD1W/LD1D/ST1W/ST1D of 128-bit elements: words or doublewords in
 * memory ("128-bit element" encodings, "CheckNonStreamingSVEEnabled"). */
static inline int sve_widened_q(const nisv_insn *d)
{
	return d->rclass == NISV_RC_Z && d->esize_log2 == 4 && d->msize_log2 < 4;
}

/* Gathers and scatters: an address per element (NISV_AM_VEC_IMM ...). */
static inline int sve_per_element_address(const nisv_insn *d)
{
	return d->addr >= NISV_AM_VEC_IMM && d->addr <= NISV_AM_VEC_SCALAR;
}

#endif
