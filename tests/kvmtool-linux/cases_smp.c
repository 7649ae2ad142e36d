/*
 * atomic-smp: two threads (on two vCPUs when the guest has them) each add 1
 * to the same device word N times with LDADD. kvmtool with nisv performs
 * every one as a read-modify-write under one lock: the device must end at
 * start + 2N, and the old values the LDADDs returned must be exactly
 * start .. start + 2N - 1, each once (no update lost, none seen twice).
 * Built with -march=armv8.1-a; needs HWCAP_ATOMICS.
 */
#include <pthread.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "kc.h"

#ifndef HWCAP_ATOMICS
#define HWCAP_ATOMICS (1 << 8)
#endif

#define N 500
#define WORD_OFF 16	/* entry 1's address field: no mask bit there */

struct adder { uint32_t *word; uint32_t old[N]; };

static void *add_n(void *arg)
{
	struct adder *a = arg;
	for (int i = 0; i < N; i++)
		__asm__ volatile("ldadd %w1, %w0, [%2]" : "=&r"(a->old[i]) : "r"(1), "r"(a->word) : "memory");
	return NULL;
}

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)ref_rd8(p) | (uint32_t)ref_rd8(p + 1) << 8 | (uint32_t)ref_rd8(p + 2) << 16 |
	       (uint32_t)ref_rd8(p + 3) << 24;
}

void case_atomic_smp(void)
{
	if (!(getauxval(AT_HWCAP) & HWCAP_ATOMICS)) {
		kc_note("skipped: no FEAT_LSE (HWCAP_ATOMICS)");
		return;
	}
	uint8_t *p = kc_dev.bar + WORD_OFF;
	const uint32_t start = 0x10000;
	for (int i = 0; i < 4; i++)
		ref_wr8(p + i, (uint8_t)(start >> 8 * i));
	kc_note("%ld CPUs online", sysconf(_SC_NPROCESSORS_ONLN));

	static struct adder a[2];
	pthread_t t[2];
	int ok = 1;
	for (int i = 0; i < 2; i++) {
		a[i].word = (uint32_t *)(void *)p;
		ok &= pthread_create(&t[i], NULL, add_n, &a[i]) == 0;
	}
	if (!kc_check(ok, "pthread_create failed"))
		return;
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);

	uint32_t end = rd32(p);
	kc_check(end == start + 2 * N, "device word %#x after 2 x %d LDADD #1 from %#x, expected %#x", end, N,
		 start, start + 2 * N);
	static uint8_t seen[2 * N];
	int dup = 0, out = 0;
	for (int i = 0; i < 2; i++)
		for (int j = 0; j < N; j++) {
			uint32_t k = a[i].old[j] - start;
			if (k >= 2 * N)
				out++;
			else
				dup += seen[k]++ != 0;
		}
	kc_check(!out && !dup, "LDADD returned %d old values out of range and %d twice", out, dup);
}
