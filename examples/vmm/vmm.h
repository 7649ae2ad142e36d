/* The example VMM: one VM running one bare-metal guest image. */
#ifndef EXAMPLE_VMM_H
#define EXAMPLE_VMM_H

#include <stdint.h>

#include <nisv/kvm.h>

#define VERDICT_TIMEOUT 0xdead0001u
#define VERDICT_VMM_ERROR 0xdead0002u

struct vmm_options {
	unsigned ncpus;        /* vCPUs, 1..MAX_CPUS                          */
	unsigned timeout_s;    /* give up after this long (0: 60 s)           */
	unsigned log_exits;    /* print the first N NISV/faulting exits per vCPU */
	int verbose;           /* also log TEST_LOG checkpoints               */
	unsigned kvm_flags;    /* extra NISV_KVM_* flags (NISV_KVM_FAULTS_VIA_REGS) */
};

/*
 * Run the guest image `path` (loaded at PLAT_RAM_BASE) until it writes its
 * verdict to TEST_DONE; print the guest's output and a table of exits.
 * Returns the verdict (0 = pass), or VERDICT_TIMEOUT / VERDICT_VMM_ERROR.
 */
uint32_t vmm_run_guest(const char *path, const char *name, const struct vmm_options *opt);

/* Print the KVM capabilities nisv uses and which registers KVM exposes.
 * Returns 0 when NISV_TO_USER is there. */
int vmm_probe(void);

#endif
