/*
 * nisv-vmm --probe (and the first lines of the e2e run): what this KVM
 * offers nisv — the capabilities it uses and the registers it reads.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/kvm.h>

#include <nisv/kvm.h>

#include "e2e.h"

#define CORE_REG(name) (KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE | KVM_REG_ARM_CORE_REG(name))

int vmm_probe(void)
{
	static const struct {
		const char *name;
		uint64_t id;
	} regs[] = {
		{ "SCTLR_EL1", ARM64_SYS_REG(3, 0, 1, 0, 0) },  { "TCR_EL1", ARM64_SYS_REG(3, 0, 2, 0, 2) },
		{ "TTBR0_EL1", ARM64_SYS_REG(3, 0, 2, 0, 0) },  { "TTBR1_EL1", ARM64_SYS_REG(3, 0, 2, 0, 1) },
		{ "MAIR_EL1", ARM64_SYS_REG(3, 0, 10, 2, 0) },  { "VBAR_EL1", ARM64_SYS_REG(3, 0, 12, 0, 0) },
		{ "ESR_EL1", ARM64_SYS_REG(3, 0, 5, 2, 0) },    { "FAR_EL1", ARM64_SYS_REG(3, 0, 6, 0, 0) },
		{ "DCZID_EL0", ARM64_SYS_REG(3, 3, 0, 0, 7) },  { "ELR_EL1 (sysreg)", ARM64_SYS_REG(3, 0, 4, 0, 1) },
		{ "SPSR_EL1 (sysreg)", ARM64_SYS_REG(3, 0, 4, 0, 0) }, { "SP_EL1 (core)", CORE_REG(sp_el1) },
		{ "ELR_EL1 (core)", CORE_REG(elr_el1) },       { "SPSR_EL1 (core)", CORE_REG(spsr[KVM_SPSR_EL1]) },
	};
	static const struct {
		const char *name;
		long cap;
	} caps[] = {
		{ "KVM_CAP_ARM_NISV_TO_USER", KVM_CAP_ARM_NISV_TO_USER },
		{ "KVM_CAP_ARM_INJECT_EXT_DABT", KVM_CAP_ARM_INJECT_EXT_DABT },
		{ "KVM_CAP_VCPU_EVENTS", KVM_CAP_VCPU_EVENTS },
		{ "KVM_CAP_ARM_EL1_32BIT", KVM_CAP_ARM_EL1_32BIT },
		{ "KVM_CAP_ARM_SVE", KVM_CAP_ARM_SVE },
		{ "KVM_CAP_ARM_PTRAUTH_ADDRESS", KVM_CAP_ARM_PTRAUTH_ADDRESS },
		{ "KVM_CAP_ARM_MTE", KVM_CAP_ARM_MTE },
		{ "KVM_CAP_ARM_VM_IPA_SIZE", KVM_CAP_ARM_VM_IPA_SIZE },
	};
	struct kvm_vcpu_init init;
	struct kvm_reg_list probe = { .n = 0 }, *list = NULL;
	int kvm, vm, vcpu, ok = 0;

	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0) {
		printf("probe: /dev/kvm: %s\n", strerror(errno));
		return -1;
	}
	printf("probe: KVM_GET_API_VERSION %d\n", ioctl(kvm, KVM_GET_API_VERSION, 0));
	for (unsigned i = 0; i < sizeof(caps) / sizeof(caps[0]); i++) {
		long v = nisv_kvm_check_extension(kvm, caps[i].cap);
		printf("probe: %-30s (%3ld) = %ld\n", caps[i].name, caps[i].cap, v);
		if (caps[i].cap == KVM_CAP_ARM_NISV_TO_USER)
			ok = v > 0;
	}
	vm = ioctl(kvm, KVM_CREATE_VM, 0);
	if (vm < 0 || ioctl(vm, KVM_ARM_PREFERRED_TARGET, &init) < 0 || (vcpu = ioctl(vm, KVM_CREATE_VCPU, 0)) < 0 ||
	    ioctl(vcpu, KVM_ARM_VCPU_INIT, &init) < 0) {
		printf("probe: cannot create a vCPU: %s\n", strerror(errno));
		return -1;
	}
	printf("probe: KVM_ENABLE_CAP(NISV_TO_USER) = %d\n", nisv_kvm_enable_nisv_to_user(vm));
	ioctl(vcpu, KVM_GET_REG_LIST, &probe); /* E2BIG: tells the count */
	list = calloc(1, sizeof(*list) + probe.n * sizeof(list->reg[0]));
	if (list) {
		list->n = probe.n;
		if (ioctl(vcpu, KVM_GET_REG_LIST, list) < 0)
			list->n = 0;
	}
	printf("probe: KVM_GET_REG_LIST: %llu registers\n", list ? (unsigned long long)list->n : 0ull);
	for (unsigned i = 0; i < sizeof(regs) / sizeof(regs[0]); i++) {
		uint64_t v = 0;
		struct kvm_one_reg r = { .id = regs[i].id, .addr = (uint64_t)(uintptr_t)&v };
		int listed = 0, got = ioctl(vcpu, KVM_GET_ONE_REG, &r);
		int e = errno;
		for (uint64_t k = 0; list && k < list->n; k++)
			listed |= list->reg[k] == regs[i].id;
		printf("probe: %-18s %s, KVM_GET_ONE_REG %s", regs[i].name, listed ? "listed" : "not listed",
		       got == 0 ? "ok" : strerror(e));
		if (got == 0)
			printf(" = 0x%llx", (unsigned long long)v);
		printf("\n");
	}
#if defined(__aarch64__)
	{
		uint64_t dczid;
		__asm__ volatile("mrs %0, dczid_el0" : "=r"(dczid));
		printf("probe: host DCZID_EL0 = 0x%llx (the guest sees the same: KVM does not trap it)\n",
		       (unsigned long long)dczid);
	}
#endif
	free(list);
	close(vcpu);
	close(vm);
	close(kvm);
	return ok ? 0 : -1;
}
