/*
 * The e2e harness around the example VMM (vmm.c): run one guest image with
 * the instrumentation (stats.c, oracle.c) hooked in, and report what it
 * gave; probe what KVM offers (probe.c). main.c drives both.
 */
#ifndef EXAMPLE_E2E_H
#define EXAMPLE_E2E_H

#include <stdint.h>

#include "vmm.h"

struct e2e_options {
	struct vm_config vm;
	unsigned timeout_s; /* give up after this long (0: 60 s)              */
	unsigned log_exits; /* print the first N NISV/faulting exits per vCPU */
	int verbose;        /* also log TEST_LOG checkpoints                  */
};

/* What one guest run gave. */
struct e2e_result {
	uint32_t verdict;        /* 0 = pass, else the guest's code or VERDICT_* */
	uint64_t isv1, isv0;     /* KVM_EXIT_MMIO / KVM_EXIT_ARM_NISV exits      */
	uint64_t faults;         /* guest faults injected (KVM or registers)    */
	uint64_t passed, failed; /* the guest's own checks                      */
	int have_counts;         /* the guest reported its checks               */
	uint64_t oracle_checked, oracle_mismatches;
	double seconds;
};

/*
 * Run the guest image `path` until it writes its verdict to TEST_DONE (or
 * the timeout); print the guest's output, its exits and a table of them.
 */
void e2e_run_guest(const char *path, const char *name, const struct e2e_options *opt, struct e2e_result *res);

/* Print the tables over every guest run so far (stats_print_summary). */
void e2e_print_summary(void);

/* Print the KVM capabilities nisv uses and which registers KVM exposes.
 * Returns 0 when NISV_TO_USER is there. */
int vmm_probe(void);

#endif
