/*
 * Prepare an access (prepare.c): plan -> checks -> translate every page ->
 * [the trap's reported fault is covered] -> the integrator's check. Reads
 * registers and guest RAM (tables), writes nothing. Then execute.h.
 */
#ifndef NISV_PREPARE_H
#define NISV_PREPARE_H

#include "fault.h"
#include "plan.h"

/* PSTATE and SCTLR_EL1; NISV_UNSUPPORTED for EL2, and for AArch32 unless
 * aarch32_el0 allows AArch32 User mode (the trap path's syndrome cases). */
nisv_status read_context(struct vcpu *v, struct call_ctx *c, int aarch32_el0);

/* What the hypervisor reported: the planned access must cover it. */
struct reported {
	uint64_t ipa;
	uint64_t far;
	uint8_t far_valid;
};

/* plan -> checks -> every page translated (what nisv_describe needs). */
nisv_status prepare_pages(struct vcpu *v, const nisv_insn *d, const struct call_ctx *c, struct plan *p,
                          struct guest_fault *f);

/* prepare_pages -> covers rep (when given) -> check_devices. NISV_OK: *p
 * is ready for execute(). NISV_FAULT with *f; NISV_RETRY when the access
 * does not cover rep; other failures. */
nisv_status prepare(struct vcpu *v, const nisv_insn *d, const struct call_ctx *c, const struct reported *rep,
                    struct plan *p, struct guest_fault *f);

/* The integrator's mem_ops.check of a translated access (it may name the
 * device region: p->device). */
nisv_status check_devices(struct vcpu *v, const nisv_insn *d, struct plan *p, struct guest_fault *f);

#endif
