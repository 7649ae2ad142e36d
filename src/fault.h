/*
 * A guest exception that is due (fault.c): built in one place, then turned
 * into ESR_EL1 and, in NISV_FAULTS_INJECT mode, taken through the register
 * cache.
 */
#ifndef NISV_FAULT_H
#define NISV_FAULT_H

#include "vcpu.h"

/* What faulted: bits of guest_fault.access. */
enum {
	FA_WRITE = 1u << 0,       /* WnR: the access writes                      */
	FA_FETCH = 1u << 1,       /* an instruction abort                        */
	FA_CACHE_MAINT = 1u << 2, /* CM: a DC maintenance instruction faulted    */
};

struct guest_fault {
	uint8_t kind;   /* nisv_fault_kind                            */
	int8_t level;   /* lookup level for MMU faults                */
	uint8_t access; /* FA_*                                       */
	uint32_t word;  /* the instruction (a trapped DC's ISS)       */
	uint64_t far;   /* faulting virtual address                   */
};

/* The one way a stage says a guest exception is due. */
static inline nisv_status raise_fault(struct guest_fault *f, unsigned kind, int level, uint64_t far,
                                      unsigned access, uint32_t word)
{
	*f = (struct guest_fault){ .kind = (uint8_t)kind, .level = (int8_t)level, .access = (uint8_t)access,
		                   .word = word, .far = far };
	return NISV_FAULT;
}

/* ESR_EL1 value for a fault taken from the given PSTATE. */
uint32_t fault_syndrome(const struct guest_fault *f, uint64_t pstate);
/* Whether the syndrome of this fault kind comes with a valid FAR. */
int fault_has_far(unsigned kind);
/* Take the exception to EL1 through the register cache (caller commits). */
int exception_enter(struct vcpu *v, uint32_t esr, uint64_t far, int far_valid);

/* Record st in res; for NISV_FAULT, the fault and its syndrome. */
nisv_status record_result(nisv_result *res, nisv_status st, const struct guest_fault *f, uint64_t pstate);

/* The end of every emulating call: record_result, and in
 * NISV_FAULTS_INJECT mode take a fault (what the call had buffered is
 * dropped first). */
nisv_status deliver(struct vcpu *v, nisv_result *res, nisv_status st, const struct guest_fault *f,
                    uint64_t pstate);

#endif
