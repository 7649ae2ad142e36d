/*
 * SVE loads and stores: the plan of a predicated access (sve_plan.c) and
 * where its elements come from or go to in the Z and P registers
 * (sve_layout.c). The rest of the path (pages, checks, perform) is the
 * one every access takes; plan_active() says which elements it touches.
 */
#ifndef NISV_SVE_H
#define NISV_SVE_H

#include "plan.h"

/* Address, active elements and kind of the SVE access d (plan_build). */
nisv_status sve_plan_build(struct vcpu *v, const nisv_insn *d, struct plan *p, struct guest_fault *f);

/* Registers -> store data (memory order, little-endian elements). */
int sve_gather(struct vcpu *v, const nisv_insn *d, struct plan *p);
/* Loaded data -> the destination register, staged for commit. */
int sve_scatter(struct vcpu *v, const nisv_insn *d, const struct plan *p);

#endif
