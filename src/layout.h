/*
 * Where each memory element of an access comes from or goes to (layout.c):
 * registers -> store data and RMW operands; loaded data -> registers,
 * buffered in the register cache.
 */
#ifndef NISV_LAYOUT_H
#define NISV_LAYOUT_H

#include "plan.h"

/* Registers -> store data / RMW operand (memory order, little-endian elements). */
int layout_gather(struct vcpu *v, const nisv_insn *d, struct plan *p);
/* Fetch now every register layout_scatter() will read (before any access). */
int layout_prefetch(struct vcpu *v, const nisv_insn *d, struct plan *p);
/* Data read from memory -> register results (buffered in the cache). */
int layout_scatter(struct vcpu *v, const nisv_insn *d, const struct plan *p);

#endif
