/*
 * The example VMM (vmm.c): one KVM VM running one bare-metal guest image,
 * every trapped access finished by nisv. The e2e instrumentation (e2e.c,
 * stats.c, oracle.c) uses these types through vm->on_exit and vm->user; a
 * copy of the VMM needs none of it.
 */
#ifndef EXAMPLE_VMM_H
#define EXAMPLE_VMM_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include <nisv.h>
#include <nisv/kvm.h>

#include "devices.h"

/* vm->verdict besides the guest's own (0 = pass) */
#define VERDICT_TIMEOUT 0xdead0001u
#define VERDICT_VMM_ERROR 0xdead0002u
#define VERDICT_NO_VERDICT 0xdead0003u /* the guest powered off silently */

struct vm_config {
	unsigned ncpus;     /* vCPUs, 1..MAX_CPUS                                 */
	unsigned kvm_flags; /* extra NISV_KVM_* flags (NISV_KVM_FAULTS_VIA_REGS) */
	int sve;            /* vCPUs with SVE (KVM_ARM_VCPU_SVE + FINALIZE)       */
	unsigned sve_max_vl; /* SVE: offer only vector lengths up to this many
	                        bits (KVM_REG_ARM64_SVE_VLS); 0: all KVM offers */
};

struct vm;

struct vcpu {
	struct vm *vm;
	unsigned index;
	int fd;
	struct kvm_run *run;
	pthread_t thread;
	int started;
	nisv_kvm_vcpu kv; /* nisv's per-vCPU context + KVM register access */
};

struct vm {
	struct vm_config cfg;
	int kvm, fd;
	size_t run_size;
	void *ram;
	unsigned features; /* NISV_KVM_* the VM offers */
	struct uart uart;
	struct testdev test;
	nisv_region regions[2 + TESTDEV_REGIONS]; /* RAM, UART, test device */
	nisv_bus bus;
	pthread_mutex_t bus_lock;
	atomic_int done;
	atomic_uint verdict;
	struct vcpu cpu[MAX_CPUS];
	/* optional instrumentation, called by each vCPU thread after
	 * nisv_kvm_handle_exit (run_errno 0) or nisv_kvm_handle_run_error
	 * (run_errno = KVM_RUN's errno) returned r, which took `seconds` */
	void (*on_exit)(struct vcpu *c, int run_errno, const nisv_kvm_exit *ex, int r, double seconds);
	void *user; /* the instrumentation's */
};

/* Create the VM: RAM with the image at PLAT_RAM_BASE, the devices, the
 * bus, the vCPUs (not running yet). vm must be zeroed. 0 or -1 (printed). */
int vm_create(struct vm *vm, const char *image, const struct vm_config *cfg);
/* One thread per vCPU, each looping on KVM_RUN until vm_stop. */
int vm_start(struct vm *vm);
/* Stop every vCPU; the first verdict given wins (any thread). */
void vm_stop(struct vm *vm, uint32_t verdict);
/* Join the vCPU threads (after the guest's verdict or vm_stop). */
void vm_wait(struct vm *vm);
/* Close and unmap what vm_create made (also after it failed). */
void vm_destroy(struct vm *vm);

/* CLOCK_MONOTONIC in seconds. */
double vm_now(void);

#endif
