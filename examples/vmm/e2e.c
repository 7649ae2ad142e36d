/*
 * The e2e harness around the example VMM: one guest run with the
 * instrumentation hooked in (vm->on_exit: stats.c; the test device's
 * TEST_ORACLE: oracle.c), a time limit, and the guest's result.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/kvm.h>

#include "e2e.h"
#include "oracle.h"
#include "stats.h"

struct e2e {
	const struct e2e_options *opt;
	struct cpu_stats cpu[MAX_CPUS];
};

static void on_exit_hook(struct vcpu *c, int run_errno, const nisv_kvm_exit *ex, int r, double seconds)
{
	struct e2e *e = c->vm->user;

	stats_exit(&e->cpu[c->index], c->index, e->opt->log_exits, run_errno, ex, r, seconds);
}

/* the guest's TEST_ORACLE write: check its batch of AT results */
static uint64_t on_oracle(void *ctx, uint64_t ipa)
{
	struct vm *vm = ctx;
	struct e2e *e = vm->user;
	unsigned i = (unsigned)current_cpu % MAX_CPUS;
	struct vcpu *c = &vm->cpu[i];

	return oracle_check_batch(c->fd, nisv_vcpu_features(&c->kv.nisv), nisv_vcpu_pa_bits(&c->kv.nisv),
	                          &nisv_bus_mem_ops, &vm->bus, ipa, &e->cpu[i].oracle);
}

/* -s: the vCPUs have SVE, and the backend sees it (it then moves V[n]
 * through the Z registers) with the vector lengths KVM offers (-sBITS:
 * those up to BITS) */
static int check_sve(const struct vm *vm)
{
	uint64_t vls[KVM_ARM64_SVE_VLS_WORDS] = { 0 };
	struct kvm_one_reg r = { .id = KVM_REG_ARM64_SVE_VLS, .addr = (uint64_t)(uintptr_t)vls };
	unsigned max_vq = 0, min_vq = 0;

	for (unsigned i = 0; i < vm->cfg.ncpus; i++)
		if (vm->cpu[i].kv.sve != !!vm->cfg.sve) {
			printf("vmm: vCPU %u: nisv sees %s SVE vCPU\n", i, vm->cpu[i].kv.sve ? "an" : "no");
			return -1;
		}
	if (!vm->cfg.sve)
		return 0;
	if (ioctl(vm->cpu[0].fd, KVM_GET_ONE_REG, &r) < 0) {
		printf("vmm: KVM_REG_ARM64_SVE_VLS: %s\n", strerror(errno));
		return -1;
	}
	for (unsigned vq = KVM_ARM64_SVE_VQ_MIN; vq <= KVM_ARM64_SVE_VQ_MAX; vq++)
		if (vls[(vq - KVM_ARM64_SVE_VQ_MIN) / 64] >> ((vq - KVM_ARM64_SVE_VQ_MIN) % 64) & 1) {
			max_vq = vq;
			if (!min_vq)
				min_vq = vq;
		}
	printf("vmm: SVE vCPUs, vector lengths %u to %u bits (KVM_REG_ARM64_SVE_VLS 0x%llx)\n", min_vq * 128,
	       max_vq * 128, (unsigned long long)vls[0]);
	if (vm->cfg.sve_max_vl && max_vq * 128 > vm->cfg.sve_max_vl) {
		printf("vmm: SVE vector lengths not restricted to %u bits\n", vm->cfg.sve_max_vl);
		return -1;
	}
	for (unsigned i = 0; i < vm->cfg.ncpus; i++)
		if (nisv_vcpu_sve_vqs(&vm->cpu[i].kv.nisv) != (uint32_t)(vls[0] & 0xffff)) {
			printf("vmm: vCPU %u: nisv has the vector lengths 0x%x, KVM 0x%llx\n", i,
			       nisv_vcpu_sve_vqs(&vm->cpu[i].kv.nisv), (unsigned long long)vls[0]);
			return -1;
		}
	return 0;
}

static void print_oracle(const struct e2e *e, unsigned ncpus, const struct e2e_result *res)
{
	struct oracle_stats o = { 0 };

	for (unsigned i = 0; i < ncpus; i++) {
		const struct oracle_stats *s = &e->cpu[i].oracle;
		o.ok += s->ok, o.xlat += s->xlat, o.af += s->af, o.perm += s->perm, o.size += s->size;
		o.other += s->other;
		o.edge_checked += s->edge_checked;
		o.edge_mismatches += s->edge_mismatches;
	}
	printf("vmm: oracle 4 (AT + PAR_EL1 vs nisv's walker): %llu VAs, %llu mismatches; CPU results: "
	       "%llu translated, %llu translation faults, %llu access flag, %llu permission, %llu address size, "
	       "%llu other\n",
	       (unsigned long long)res->oracle_checked, (unsigned long long)res->oracle_mismatches,
	       (unsigned long long)o.ok, (unsigned long long)o.xlat, (unsigned long long)o.af,
	       (unsigned long long)o.perm, (unsigned long long)o.size, (unsigned long long)o.other);
	if (o.edge_checked)
		printf("vmm: oracle 4 edge cases (blocks at levels allowed only with TCR_EL1.DS or FEAT_LPA): %llu VAs, "
		       "%llu differences\n",
		       (unsigned long long)o.edge_checked, (unsigned long long)o.edge_mismatches);
}

/* After the run: the tables and the totals of every vCPU. */
static void collect(const struct vm *vm, const struct e2e *e, struct e2e_result *res)
{
	stats_print_vm(vm, e->cpu);
	for (unsigned i = 0; i < vm->cfg.ncpus; i++) {
		const nisv_kvm_stats *ks = &vm->cpu[i].kv.stats;
		res->isv1 += ks->mmio_exits;
		res->isv0 += ks->nisv_exits;
		res->faults += ks->faults_ext_dabt + ks->faults_regs;
		res->oracle_checked += e->cpu[i].oracle.checked;
		res->oracle_mismatches += e->cpu[i].oracle.mismatches;
	}
	if (res->oracle_checked)
		print_oracle(e, vm->cfg.ncpus, res);
	res->have_counts = vm->test.have_counts;
	res->passed = vm->test.passed;
	res->failed = vm->test.failed;
}

#define CORE_REG(name) (KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE | KVM_REG_ARM_CORE_REG(name))

/* where each vCPU of a guest that gave no verdict stopped */
static void print_stuck(const struct vm *vm, const struct e2e *e)
{
	for (unsigned i = 0; i < vm->cfg.ncpus; i++) {
		uint64_t pc = 0, pstate = 0;
		struct kvm_one_reg r[2] = { { CORE_REG(regs.pc), (uint64_t)(uintptr_t)&pc },
			                    { CORE_REG(regs.pstate), (uint64_t)(uintptr_t)&pstate } };

		if (ioctl(vm->cpu[i].fd, KVM_GET_ONE_REG, &r[0]) < 0 || ioctl(vm->cpu[i].fd, KVM_GET_ONE_REG, &r[1]) < 0)
			printf("vmm: gave no verdict: cpu%u: KVM_GET_ONE_REG: %s\n", i, strerror(errno));
		else
			printf("vmm: gave no verdict: cpu%u stopped at PC 0x%llx, PSTATE 0x%llx\n", i,
			       (unsigned long long)pc, (unsigned long long)pstate);
	}
	stats_print_stuck(vm, e->cpu);
}

void e2e_run_guest(const char *path, const char *name, const struct e2e_options *opt, struct e2e_result *res)
{
	struct vm *vm = calloc(1, sizeof(*vm));
	struct e2e *e = calloc(1, sizeof(*e));
	double t0, limit = opt->timeout_s ? opt->timeout_s : 60;
	int timed_out = 0;

	memset(res, 0, sizeof(*res));
	res->verdict = VERDICT_VMM_ERROR;
	if (!vm || !e || opt->vm.ncpus < 1 || opt->vm.ncpus > MAX_CPUS)
		goto out;
	printf("vmm: running guest '%s' on %u vCPU%s\n", name, opt->vm.ncpus, opt->vm.ncpus > 1 ? "s" : "");
	if (vm_create(vm, path, &opt->vm) || check_sve(vm)) {
		vm_destroy(vm);
		goto out;
	}
	e->opt = opt;
	vm->user = e;
	vm->on_exit = on_exit_hook;
	vm->test.on_oracle = on_oracle; /* ctx: vm->test.done_ctx, the vm */
	vm->test.verbose = opt->verbose;

	t0 = vm_now();
	if (vm_start(vm) == 0) {
		while (!atomic_load(&vm->done) && vm_now() - t0 < limit)
			usleep(2000);
		if (!atomic_load(&vm->done)) {
			printf("vmm: guest '%s' gave no verdict in %.0f s\n", name, limit);
			vm_stop(vm, VERDICT_TIMEOUT);
			timed_out = 1;
		}
	}
	vm_wait(vm);
	if (timed_out)
		print_stuck(vm, e);
	res->seconds = vm_now() - t0;
	collect(vm, e, res);
	res->verdict = atomic_load(&vm->verdict);
	printf("vmm: guest '%s' verdict 0x%x (%s) after %.3f s\n", name, res->verdict, res->verdict ? "FAIL" : "PASS",
	       res->seconds);
	vm_destroy(vm);
out:
	free(e);
	free(vm);
}

void e2e_print_summary(void)
{
	stats_print_summary();
}
