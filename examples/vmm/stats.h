/*
 * e2e instrumentation: what each exit was and what it cost (register
 * ioctls, time in the VMM), logged per exit and tabled per guest and over
 * all guests.
 */
#ifndef EXAMPLE_STATS_H
#define EXAMPLE_STATS_H

#include <stdint.h>

#include "oracle.h"
#include "vmm.h"

/* ISV=0 exits by instruction class: op, pair, register class, addressing,
 * and whether the guest's MMU was on */
#define NCLASS1 (NISV_OP_COUNT * 2 * 8 * 8)
#define NCLASS (2 * NCLASS1)

struct class_stat {
	uint64_t n, get, set;
	double seconds; /* in nisv_kvm_handle_exit */
};

/* One vCPU's exits (the backend counts the rest: kv.stats). */
struct cpu_stats {
	struct class_stat cls[NCLASS]; /* ISV=0 exits nisv emulated */
	uint64_t faults[16];           /* injected, by nisv_fault_kind */
	double isv1_s, isv0_s;         /* time in nisv_kvm_handle_exit */
	uint64_t run_errors;           /* KVM_RUN failures turned into guest faults */
	unsigned logged;
	uint64_t exits;       /* MMIO and NISV exits */
	nisv_kvm_exit last;   /* the last of them */
	uint64_t same_pc;     /* how many exits in a row had its PC */
	struct oracle_stats oracle;
};

/* Count (and log, the first log_limit) one exit the run loop handled. */
void stats_exit(struct cpu_stats *s, unsigned cpu, unsigned log_limit, int run_errno, const nisv_kvm_exit *ex,
                int r, double seconds);

/* A guest that gave no verdict: each vCPU's last exit and how many in a
 * row came from the same PC (a guest or emulation loop shows there). */
void stats_print_stuck(const struct vm *vm, const struct cpu_stats *s);

/* The guest's table of exits, per vCPU; adds them to the totals. */
void stats_print_vm(const struct vm *vm, const struct cpu_stats *s);

/* Over every guest so far: register ioctls per exit by outcome and per
 * ISV=0 exit by instruction class, time per exit. */
void stats_print_summary(void);

#endif
