/*
 * Two CPUs hammer one device register with LDADD at once. Every LDADD
 * traps (ISV=0) and nisv performs its read-modify-write at EL2 under the
 * bus lock; the total must be exact. The second CPU is started the way a
 * kernel starts it: PSCI CPU_ON (HVC), which the hypervisor proxies to the
 * firmware after noting where to enter the host.
 */
#include "host.h"

#define N 20000 /* LDADDs per CPU */

static volatile unsigned up[NCPUS], go, done[NCPUS];

static uint64_t smc(uint64_t fn)
{
	register uint64_t x0 __asm__("x0") = fn;

	__asm__ volatile("smc #0" : "+r"(x0) : : "x1", "x2", "x3", "memory");
	return x0;
}

static uint64_t now(void)
{
	return SYSREG_READ(cntvct_el0);
}

static void hammer(unsigned cpu)
{
	uint64_t c = KVA(PDEV_BASE) + PDEV_COUNTER, old, prev = 0;
	int grows = 1;

	for (unsigned i = 0; i < N; i++) {
		__asm__ volatile(ASM_ISA "ldadd %1, %0, [%2]" : "=&r"(old) : "r"(1ull), "r"(c) : "memory");
		grows &= i == 0 || old > prev; /* each CPU sees the counter only grow */
		prev = old;
	}
	CHECK(grows);
	__asm__ volatile("dsb sy" ::: "memory");
	done[cpu] = 1;
}

/* wait for *flag, at most 30 s */
static int wait_for(volatile unsigned *flag)
{
	uint64_t t0 = now(), limit = 30 * SYSREG_READ(cntfrq_el0);

	while (!*flag)
		if (now() - t0 > limit)
			return 0;
	return 1;
}

void secondary_main(unsigned cpu)
{
	host_mmu_on();
	up[cpu] = 1;
	while (!go)
		;
	hammer(cpu);
	for (;;)
		__asm__ volatile("wfe");
}

void smp(void)
{
	extern char _start[];
	uint64_t c = KVA(PDEV_BASE) + PDEV_COUNTER, t0, t1;

	w64(c, 0);
	/* the host's SMCs trap to EL2 (HCR_EL2.TSC) and reach the same PSCI */
	CHECK_EQ(smc(PSCI_VERSION), hvc(PSCI_VERSION, 0, 0, 0).x0);
	for (unsigned cpu = 1; cpu < NCPUS; cpu++) {
		CHECK_EQ(hvc(PSCI_CPU_ON, cpu, (uint64_t)_start, cpu).x0, 0); /* PSCI SUCCESS */
		CHECK(wait_for(&up[cpu]));
	}
	t0 = now();
	go = 1;
	hammer(0);
	for (unsigned cpu = 1; cpu < NCPUS; cpu++)
		CHECK(wait_for(&done[cpu]));
	t1 = now();
	CHECK_EQ(r64(c), (uint64_t)N * NCPUS);
	rt_printf("host: smp: %u CPUs x %u LDADD on one device counter: %lu (expected %lu), %lu us per LDADD\n",
	          NCPUS, N, r64(c), (uint64_t)N * NCPUS,
	          (t1 - t0) * 1000000 / SYSREG_READ(cntfrq_el0) / N);
}
