/*
 * The round-trip cost of an ISV=0 exit (KVM_EXIT_ARM_NISV, finished by
 * nisv in the VMM) against an ISV=1 exit (KVM_EXIT_MMIO, decoded by KVM),
 * timed by the guest with CNTVCT_EL0 over N accesses of each, with the MMU
 * on (this build's granule, code and device at TTBR1 addresses):
 *
 *   store:  STR x, [dev]      (ISV=1)   vs  STP x, x, [dev]  (ISV=0)
 *   load:   LDR x, [dev]      (ISV=1)   vs  LDP x, x, [dev]  (ISV=0)
 *   store:  STR x, [dev]      (ISV=1)   vs  STR x, [dev], #0 (ISV=0, the
 *           same access; only the writeback makes KVM give up)
 *
 * The accesses run in bursts of 25, the six kinds interleaved, 24 rounds
 * (the nested host's speed drifts). Prints one "cost:" line per pair with the ratio; checks nothing
 * but that the data went through.
 */
#include "vm.h"

#define BURST 25
#define ROUNDS 24
#define N (BURST * ROUNDS)

static uint64_t ns(uint64_t ticks)
{
	return ticks * 1000000000ull / SYSREG_READ(cntfrq_el0);
}

static uint64_t now(void)
{
	uint64_t t;
	__asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(t));
	return t;
}

int vm_main(unsigned cpu, unsigned ncpus)
{
	uint64_t reg = KVA(PLAT_TEST_BASE) + TEST_SCRATCH, t0, x = 0, y = 0, p;
	uint64_t a[3] = { 0 }, b[3] = { 0 };

	(void)ncpus;
	if (cpu != 0)
		return 0;
	/* short bursts, ISV=1 and ISV=0 interleaved, so drift in the nested
	 * host's speed hits both alike */
	for (int r = 0; r < ROUNDS; r++) {
		t0 = now();
		for (unsigned i = 0; i < BURST; i++)
			__asm__ volatile("str %0, [%1]" : : "r"((uint64_t)i), "r"(reg) : "memory");
		a[0] += now() - t0;
		t0 = now();
		for (unsigned i = 0; i < BURST; i++)
			__asm__ volatile("stp %0, %0, [%1]" : : "r"((uint64_t)i), "r"(reg) : "memory");
		b[0] += now() - t0;
		t0 = now();
		for (unsigned i = 0; i < BURST; i++)
			__asm__ volatile("ldr %0, [%1]" : "=r"(x) : "r"(reg) : "memory");
		a[1] += now() - t0;
		t0 = now();
		for (unsigned i = 0; i < BURST; i++)
			__asm__ volatile("ldp %0, %1, [%2]" : "=&r"(x), "=&r"(y) : "r"(reg) : "memory");
		b[1] += now() - t0;
		t0 = now();
		for (unsigned i = 0; i < BURST; i++)
			__asm__ volatile("str %0, [%1]" : : "r"((uint64_t)i), "r"(reg + 8) : "memory");
		a[2] += now() - t0;
		p = reg + 8;
		t0 = now();
		for (unsigned i = 0; i < BURST; i++)
			__asm__ volatile("str %1, [%0], #0" : "+r"(p) : "r"((uint64_t)i) : "memory");
		b[2] += now() - t0;
	}
	CHECK_EQ(x, BURST - 1);
	CHECK_EQ(y, BURST - 1);
	CHECK_EQ(r64(reg + 8), BURST - 1);
	static const char *const what[3] = { "STR vs STP", "LDR vs LDP", "STR vs STR post-index #0" };
	for (int k = 0; k < 3; k++) {
		uint64_t r = b[k] * 100 / a[k];
		gprintf("cost: %uK granule, %s: ISV=1 %lu ns, ISV=0 %lu ns per access, ratio ISV=0/ISV=1 = %lu.%lu%lu\n",
		        (unsigned)G_KB, what[k], ns(a[k]) / N, ns(b[k]) / N, r / 100, r / 10 % 10, r % 10);
	}
	return 0;
}
