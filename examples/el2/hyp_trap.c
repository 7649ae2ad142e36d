/*
 * Every synchronous exception from the host lands here (hyp_entry.S saved
 * its registers in f):
 *   EC 0x24  data abort (stage 2): the host touched the protected device,
 *            the page after it or the hypervisor's memory; nisv finishes
 *            the access or takes the fault into the host's EL1 vector
 *   EC 0x16  HVC: PSCI (proxied to the firmware) and the example's calls
 *   EC 0x17  SMC (HCR_EL2.TSC): PSCI the same way
 */
#include "hyp.h"

#define EC_HVC64 0x16
#define EC_SMC64 0x17
#define EC_DABT_LOWER 0x24
#define ESR_ISV (1ull << 24)
#define ESR_FNV (1ull << 10)
#define HPFAR_FIPA 0x00000ffffffffff0ull /* IPA[51:12] at bits [43:4] */

/* exits by instruction class (nisv_op) and syndrome, for the summary */
static uint64_t exits[NISV_OP_COUNT][2], faults, hyp_failures;

static void count(uint64_t *n)
{
	__atomic_fetch_add(n, 1, __ATOMIC_RELAXED);
}

static void data_abort(struct hyp_cpu *c, uint64_t esr)
{
	uint64_t far = SYSREG_READ(far_el2), hpfar = SYSREG_READ(hpfar_el2);
	nisv_abort ab = {
		.esr = esr,
		.ipa = (hpfar & HPFAR_FIPA) << 8 | (far & 0xfff),
		.far = far,
		.flags = esr & ESR_FNV ? 0 : NISV_ABORT_FAR_VALID,
	};
	nisv_result res = { 0 };
	nisv_status st = nisv_handle_abort(&c->nv, &ab, &res);

	count(&exits[res.insn.op < NISV_OP_COUNT ? res.insn.op : 0][!!(esr & ESR_ISV)]);
	switch (st) {
	case NISV_OK:    /* emulated: registers written, PC advanced */
	case NISV_RETRY: /* stale: the host runs the instruction again */
		return;
	case NISV_FAULT: /* taken: ELR/SPSR_EL2 now enter the host's vector */
		count(&faults);
		c->faults++;
		c->last_esr = res.esr;
		c->last_far = res.va;
		return;
	default: /* a callback failed: a bug here, not the host's doing */
		count(&hyp_failures);
		rt_printf("el2: cpu%u: %s at PC 0x%lx, ESR 0x%lx IPA 0x%lx\n", c->index, nisv_status_name(st),
		          c->frame->elr, esr, ab.ipa);
		hyp_report(0, 0);
	}
}

/* PSCI CPU_ON: the new CPU starts in the hypervisor, which then enters
 * the host where it asked, with its context id in x0. */
static uint64_t cpu_on(uint64_t mpidr, uint64_t entry, uint64_t arg)
{
	unsigned idx = (unsigned)(mpidr & 0xff);

	if (idx >= NCPUS || (mpidr & ~0xffull))
		return (uint64_t)-2; /* PSCI INVALID_PARAMETERS */
	hyp_cpus[idx].host_entry = entry;
	hyp_cpus[idx].host_arg = arg;
	__asm__ volatile("dsb sy" ::: "memory");
	return hyp_smc(PSCI_CPU_ON, mpidr, (uint64_t)(uintptr_t)hyp_secondary_entry, idx);
}

static void hypercall(struct hyp_cpu *c, struct hyp_frame *f)
{
	uint64_t *x = f->x;

	switch ((uint32_t)x[0]) {
	case PSCI_CPU_ON:
		x[0] = cpu_on(x[1], x[2], x[3]);
		break;
	case HC_LAST_FAULT:
		x[0] = c->faults;
		x[1] = c->last_esr;
		x[2] = c->last_far;
		break;
	case HC_REPORT:
		hyp_report(x[1], x[2]);
	case PSCI_SYSTEM_OFF:
		hyp_power_off();
	default: /* other PSCI and SMCCC calls: the firmware's answer */
		x[0] = hyp_smc(x[0], x[1], x[2], x[3]);
		break;
	}
}

void hyp_trap(struct hyp_frame *f)
{
	struct hyp_cpu *c = this_hyp_cpu();
	uint64_t esr = SYSREG_READ(esr_el2);

	c->frame = f;
	switch (esr >> 26 & 0x3f) {
	case EC_DABT_LOWER:
		data_abort(c, esr);
		break;
	case EC_SMC64:
		f->elr += 4; /* a trapped SMC returns to itself */
		/* fall through */
	case EC_HVC64:
		hypercall(c, f);
		break;
	default:
		rt_printf("el2: cpu%u: unexpected trap ESR 0x%lx at 0x%lx\n", c->index, esr, f->elr);
		count(&hyp_failures);
		hyp_report(0, 0);
	}
}

void hyp_unexpected(unsigned vec)
{
	rt_printf("el2: exception in the hypervisor: vector %u ESR_EL2 0x%lx ELR_EL2 0x%lx FAR_EL2 0x%lx\n", vec,
	          SYSREG_READ(esr_el2), SYSREG_READ(elr_el2), SYSREG_READ(far_el2));
	count(&hyp_failures);
	hyp_report(0, 0);
}

/* The summary: exits by class, then the one line scripts/e2e/el2.sh keeps. */
void hyp_report(uint64_t passed, uint64_t failed)
{
	uint64_t isv[2] = { 0, 0 };

	rt_printf("el2: exits by class     ISV=1    ISV=0\n");
	for (unsigned op = 0; op < NISV_OP_COUNT; op++) {
		isv[0] += exits[op][0];
		isv[1] += exits[op][1];
		if (exits[op][0] || exits[op][1])
			rt_printf("el2:   %-16s %8lu %8lu\n", op ? nisv_op_name(op) : "(none)", exits[op][1], exits[op][0]);
	}
	for (unsigned cpu = 0; cpu < NCPUS; cpu++)
		rt_printf("el2: cpu%u: %lu faults taken into the host, EL2 stack high-water mark %u of %u bytes\n", cpu,
		          hyp_cpus[cpu].faults, hyp_stack_used(cpu), HYP_STACK);
	rt_printf("e2e el2: exits isv1=%lu isv0=%lu faults=%lu, checks %lu passed, %lu failed\n", isv[1], isv[0],
	          faults, passed, failed + hyp_failures);
	hyp_power_off();
}
