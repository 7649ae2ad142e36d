/* The shared emulation core of nisv_emulate() and the trap path. */
#ifndef NISV_EMULATE_H
#define NISV_EMULATE_H

#include "internal.h"

/* What the hypervisor reported: the planned access must cover it. */
struct stale_check {
	uint64_t ipa;
	uint64_t far;
	uint8_t far_valid;
};

NISV_INTERNAL int stale_covered(const struct stale_check *s, const struct plan *p);

/* PSTATE and SCTLR_EL1; NISV_UNSUPPORTED for EL2, and for AArch32 unless
 * aarch32_el0 allows AArch32 User mode (the trap path's syndrome cases). */
NISV_INTERNAL nisv_status read_context(nisv_vcpu *v, struct access_ctx *a, int aarch32_el0);
/* Emulate one decoded instruction; a fault is described in *f. */
NISV_INTERNAL nisv_status emulate_insn(nisv_vcpu *v, const nisv_insn *d, struct access_ctx *a,
                                       const struct stale_check *stale, nisv_result *res, struct guest_fault *f);
/* Record the status; for a fault, its syndrome, and take it if injecting. */
NISV_INTERNAL nisv_status finish(nisv_vcpu *v, nisv_result *res, nisv_status st, const struct guest_fault *f,
                                 uint64_t pstate);

#endif
