/* The example VMM: one VM running one bare-metal guest image. */
#ifndef EXAMPLE_VMM_H
#define EXAMPLE_VMM_H

#include <stdint.h>

#include <nisv/kvm.h>

#define VERDICT_TIMEOUT 0xdead0001u
#define VERDICT_VMM_ERROR 0xdead0002u
#define VERDICT_NO_VERDICT 0xdead0003u /* the guest powered off silently */

struct vmm_options {
	unsigned ncpus;        /* vCPUs, 1..MAX_CPUS                          */
	unsigned timeout_s;    /* give up after this long (0: 60 s)           */
	unsigned log_exits;    /* print the first N NISV/faulting exits per vCPU */
	int verbose;           /* also log TEST_LOG checkpoints               */
	int quiet_table;       /* print only the short exit summary           */
	unsigned kvm_flags;    /* extra NISV_KVM_* flags (NISV_KVM_FAULTS_VIA_REGS) */
	int sve;               /* vCPUs with SVE (KVM_ARM_VCPU_SVE + FINALIZE) */
};

/* What one guest run gave. */
struct vmm_result {
	uint32_t verdict;          /* 0 = pass, else the guest's code or VERDICT_* */
	uint64_t isv1, isv0;       /* KVM_EXIT_MMIO / KVM_EXIT_ARM_NISV exits      */
	uint64_t faults;           /* guest faults injected (KVM or registers)    */
	uint64_t passed, failed;   /* the guest's own checks                      */
	int have_counts;           /* the guest reported its checks               */
	uint64_t oracle_checked, oracle_mismatches;
	double seconds;
};

/*
 * Run the guest image `path` (loaded at PLAT_RAM_BASE) until it writes its
 * verdict to TEST_DONE; print the guest's output and a table of exits.
 */
void vmm_run_guest(const char *path, const char *name, const struct vmm_options *opt, struct vmm_result *res);

/* Print the register ioctls per ISV=0 exit by instruction class, over
 * every guest run so far. */
void vmm_print_class_summary(void);

/* Print the KVM capabilities nisv uses and which registers KVM exposes.
 * Returns 0 when NISV_TO_USER is there. */
int vmm_probe(void);

#endif
