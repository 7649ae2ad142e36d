/* Round-trip cost of ISV=1 (ldr w) and ISV=0 (ldp w, w) device reads, timed with CNTVCT_EL0. */
#include <stdio.h>

#include "kc.h"

#define N 2000

static inline uint64_t cntvct(void)
{
	uint64_t v;
	__asm__ volatile("isb\n mrs %0, cntvct_el0" : "=r"(v) : : "memory");
	return v;
}

void case_bench(void)
{
	uint64_t frq;
	uint32_t a, b, sum = 0;
	const uint8_t *p = kc_dev.bar;
	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(frq));
	if (!kc_check(frq != 0, "CNTFRQ_EL0 is 0"))
		return;
	uint64_t t0 = cntvct();
	for (int i = 0; i < N; i++) {
		__asm__ volatile("ldr %w0, [%1]" : "=r"(a) : "r"(p) : "memory");
		sum += a;
	}
	uint64_t t1 = cntvct();
	for (int i = 0; i < N; i++) {
		__asm__ volatile("ldp %w0, %w1, [%2]" : "=r"(a), "=r"(b) : "r"(p) : "memory");
		sum += a + b;
	}
	uint64_t t2 = cntvct();
	double ns = 1e9 / (double)frq / N;
	printf("bench: roundtrip isv1=%.0f ns isv0=%.0f ns (%d each) [cntfrq %llu Hz, sum %#x]\n",
	       (double)(t1 - t0) * ns, (double)(t2 - t1) * ns, N, (unsigned long long)frq, sum);
	kc_check(t1 > t0 && t2 > t1, "counter did not advance");
}
