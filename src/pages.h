/*
 * Translate every page an access touches (pages.c), before anything is
 * performed: stage-1 faults with level and FAR, including the Device-memory
 * alignment rule. Writes nothing: the hardware AF/dirty updates stay in the
 * plan until pages_apply_updates() once every check has passed.
 */
#ifndef NISV_PAGES_H
#define NISV_PAGES_H

#include "fault.h"
#include "plan.h"

nisv_status access_pages(struct vcpu *v, const nisv_insn *d, const struct call_ctx *c, struct plan *p,
                         struct guest_fault *f);
nisv_status pages_apply_updates(struct vcpu *v, const struct plan *p);

#endif
