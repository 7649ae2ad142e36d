/*
 * The checks of an access that need no translation (checks.c): EL0 cache
 * maintenance, SP alignment, and the alignment the access class needs.
 */
#ifndef NISV_CHECKS_H
#define NISV_CHECKS_H

#include "fault.h"
#include "plan.h"

/* NISV_OK, or NISV_FAULT with *f; NISV_CALLBACK_ERROR. */
nisv_status check_before_translation(struct vcpu *v, const nisv_insn *d, const struct call_ctx *c,
                                     const struct plan *p, struct guest_fault *f);

#endif
