/*
 * Execute a prepared access (execute.c): register reads -> AF/dirty
 * updates -> perform -> scatter loaded data -> commit (exclusive monitor,
 * writeback, PC). The only stage with side effects.
 */
#ifndef NISV_EXECUTE_H
#define NISV_EXECUTE_H

#include "plan.h"

nisv_status execute(struct vcpu *v, const nisv_insn *d, const struct call_ctx *c, struct plan *p);

/* Step over the trapped instruction and commit the registers. */
nisv_status advance_pc(struct vcpu *v, const struct call_ctx *c);

#endif
