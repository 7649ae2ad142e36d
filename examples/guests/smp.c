/*
 * SMP: every vCPU increments one device counter 25,000 times with each of
 * two ISV=0 atomic sequences; the final counts must be exact. nisv does the
 * read-modify-write under the example VMM's bus lock.
 *
 *   LDADD                    one instruction: ISV=0 -> nisv
 *   LDR + CAS loop           the LDR is ISV=1 (KVM), the CAS ISV=0 (nisv)
 *   LDXR + STXR loop         blocked: see below; bounded, and reported
 *
 * LDXR/STXR on MMIO cannot work under KVM: the VMM can emulate LDXR (and
 * arm nisv's monitor), but it cannot arm the vCPU's own local monitor, so
 * the CPU fails the STXR by itself (status 1) without any exit. The guest
 * runs a bounded number of attempts on the exclusive window, where the VMM
 * allows exclusives, and checks that each STXR failed without an exit and
 * the counter is unchanged.
 */
#include "guest.h"

#define N 25000
#define EXCL_TRIES 200
#define ASM_LSE ".arch_extension lse\n"

static volatile unsigned go, done_ldadd[MAX_CPUS];
static volatile unsigned long excl_fail[MAX_CPUS], cas_retries[MAX_CPUS];

static void barrier_all(volatile unsigned *flags, unsigned cpu, unsigned ncpus)
{
	flags[cpu] = 1;
	for (unsigned i = 0; i < ncpus; i++)
		while (!flags[i])
			__asm__ volatile("yield" ::: "memory");
}

int guest_main(unsigned cpu, unsigned ncpus)
{
	const uint64_t c1 = PLAT_WIN_BASE + 0x800, c2 = PLAT_WIN_BASE + 0x840, c3 = PLAT_EXCL_BASE + 0x40;
	uint64_t t0, t1, freq = SYSREG_READ(cntfrq_el0);

	if (cpu == 0) {
		w64(c1, 0);
		w64(c2, 0);
		w64(c3, 0);
		gprintf("smp: %u vCPUs x %u increments: LDADD, then an LDR+CAS loop, on one device counter each\n",
		        ncpus, N);
		go = 1;
	}
	while (!go)
		__asm__ volatile("yield" ::: "memory");

	t0 = SYSREG_READ(cntvct_el0);
	for (unsigned i = 0; i < N; i++) {
		uint64_t old;
		__asm__ volatile(ASM_LSE "ldadd %1, %0, [%2]" : "=&r"(old) : "r"(1ull), "r"(c1) : "memory");
	}
	t1 = SYSREG_READ(cntvct_el0);
	if (cpu == 0)
		gprintf("smp: cpu0 LDADD loop: %lu us per increment\n", (t1 - t0) * 1000000 / freq / N);

	for (unsigned i = 0; i < N; i++) {
		uint64_t old = r64(c2), seen;
		for (;;) {
			seen = old;
			__asm__ volatile(ASM_LSE "casal %0, %1, [%2]" : "+r"(seen) : "r"(old + 1), "r"(c2) : "memory");
			if (seen == old)
				break;
			old = seen;
			cas_retries[cpu]++;
		}
	}

	/* LDXR/STXR: bounded attempts, each STXR must fail without an exit */
	for (unsigned i = 0; i < EXCL_TRIES; i++) {
		uint64_t v, status;
		__asm__ volatile("ldxr %0, [%2]\n\t"
		                 "add %0, %0, #1\n\t"
		                 "stxr %w1, %0, [%2]"
		                 : "=&r"(v), "=&r"(status)
		                 : "r"(c3)
		                 : "memory");
		if (status)
			excl_fail[cpu]++;
	}

	barrier_all(done_ldadd, cpu, ncpus);
	if (cpu == 0) {
		unsigned long retries = 0, fails = 0;
		for (unsigned i = 0; i < ncpus; i++) {
			retries += cas_retries[i];
			fails += excl_fail[i];
		}
		uint64_t a = r64(c1), b = r64(c2), c = r64(c3);
		gprintf("smp: LDADD counter %lu (expected %lu), CAS-loop counter %lu (expected %lu, %lu CAS retries)\n",
		        a, (uint64_t)N * ncpus, b, (uint64_t)N * ncpus, retries);
		gprintf("smp: LDXR/STXR: %lu of %lu STXR failed, counter %lu: BLOCKED (the CPU's local monitor is "
		        "never armed by an emulated LDXR)\n",
		        fails, (unsigned long)EXCL_TRIES * ncpus, c);
		CHECK_EQ(a, (uint64_t)N * ncpus);
		CHECK_EQ(b, (uint64_t)N * ncpus);
		CHECK_EQ(fails, (unsigned long)EXCL_TRIES * ncpus);
		CHECK_EQ(c, 0);
	}
	return (int)cpu_finished(cpu, ncpus);
}
