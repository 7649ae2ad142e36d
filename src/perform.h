/*
 * Perform a planned, checked access on guest-physical memory (perform.c):
 * naturally aligned pieces through the integrator's read/write callbacks,
 * big-endian data converted, read-modify-writes under the integrator's lock.
 */
#ifndef NISV_PERFORM_H
#define NISV_PERFORM_H

#include "plan.h"

/* The NISV_MEM_* flags of the access's pieces. */
unsigned perform_mem_flags(const nisv_insn *d);
/* The smallest piece perform() will make of segments [first_seg, end_seg). */
uint32_t perform_piece_min(const struct plan *p, unsigned first_seg, unsigned end_seg);
/* NISV_OK, or NISV_CALLBACK_ERROR (a callback failed, part may be done). */
nisv_status perform(struct vcpu *v, const nisv_insn *d, struct plan *p);

/* Byte order: reverse each element of a memory-order buffer in place. */
void swap_elements(uint8_t *buf, uint32_t len, unsigned esize);

/* The arithmetic of an RMW (atomic_ops.c): the new memory value from the
 * old; 0 when nothing is stored (a CAS that does not match). */
int rmw_compute(const nisv_insn *d, const struct plan *p, const uint8_t *old, uint8_t *new_val);

#endif
