/* The hypervisor's internals (EL2). */
#ifndef EL2_HYP_H
#define EL2_HYP_H

#include <stdint.h>

#include <nisv.h>

#include "el2.h"
#include "rt.h"

/* The host's general registers and return state, saved by hyp_entry.S on
 * every exception from EL1 and restored from here at ERET. */
struct hyp_frame {
	uint64_t x[31];
	uint64_t elr, spsr; /* ELR_EL2 (the host's PC), SPSR_EL2 (its PSTATE) */
	uint64_t pad;
};

/* One per physical CPU; TPIDR_EL2 points at it. */
struct hyp_cpu {
	nisv_vcpu nv;             /* nisv's per-vCPU context (8 KiB)         */
	struct hyp_frame *frame;  /* the trap being handled                  */
	unsigned index;
	uint64_t host_entry, host_arg; /* where PSCI CPU_ON enters the host */
	uint64_t faults, last_esr, last_far; /* faults nisv injected here    */
};

extern struct hyp_cpu hyp_cpus[NCPUS];

static inline struct hyp_cpu *this_hyp_cpu(void)
{
	return (struct hyp_cpu *)SYSREG_READ(tpidr_el2);
}

/* hyp_entry.S */
void hyp_secondary_entry(void);
void hyp_enter_host(uint64_t entry, uint64_t arg) __attribute__((noreturn));
uint64_t hyp_smc(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3);

/* hyp_main.c: per-CPU EL2 setup, then the host at entry with x0 = arg */
void hyp_main(unsigned cpu) __attribute__((noreturn));
void hyp_power_off(void) __attribute__((noreturn));
unsigned hyp_stack_used(unsigned cpu); /* bytes of its EL2 stack ever used */

/* hyp_trap.c: every synchronous exception from the host */
void hyp_trap(struct hyp_frame *f);
void hyp_unexpected(unsigned vec) __attribute__((noreturn)); /* an exception at EL2 itself */

/* hyp_regs.c: nisv_reg_ops over the frame and the live EL1 registers */
extern const nisv_reg_ops hyp_reg_ops;
uint32_t hyp_sve_vqs(void);

/* hyp_vregs.S: the live SIMD&FP/SVE registers, whole, as bytes */
int hyp_vreg_read(unsigned file, unsigned n, void *buf);
int hyp_vreg_write(unsigned file, unsigned n, const void *buf);
unsigned hyp_sve_vl(void); /* RDVL: the current vector length in bytes */

/* pdev.c: the protected device and the bus nisv sees */
extern nisv_bus hyp_bus;

/* hyp_trap.c: the summary (exits by class, the e2e line), then power off */
void hyp_report(uint64_t passed, uint64_t failed) __attribute__((noreturn));

#endif
