/*
 * The first guest (MMU off): say hello through the UART three ways, then
 * exercise the test device from every vCPU.
 *
 *   strb w, [x]            ISV=1: KVM decodes it -> KVM_EXIT_MMIO
 *   stp x, x, [x]          ISV=0: KVM_EXIT_ARM_NISV -> nisv emulates
 *   str w, [x], #4         ISV=0 (writeback): KVM_EXIT_ARM_NISV -> nisv
 */
#include "guest.h"

#define WINDOW (PLAT_UART_BASE + UART_WINDOW)

/* copy a string into zero-padded 64-bit words (RAM, ordinary accesses) */
static unsigned pack(const char *s, uint64_t *words, unsigned max_words)
{
	unsigned n = 0;

	for (unsigned i = 0; i < max_words; i++)
		words[i] = 0;
	for (; s[n] && n < 8 * max_words; n++)
		words[n / 8] |= (uint64_t)(uint8_t)s[n] << (8 * (n % 8));
	return (n + 7) / 8;
}

/* 16 bytes per STP into the UART's burst window */
static void hello_stp(const char *s)
{
	uint64_t w[16];
	unsigned n = pack(s, w, 16);

	for (unsigned i = 0; i < n; i += 2)
		__asm__ volatile("stp %0, %1, [%2]" : : "r"(w[i]), "r"(w[i + 1]), "r"(WINDOW) : "memory");
}

/* 4 bytes per post-indexed STR, walking the burst window */
static void hello_str_post(const char *s)
{
	uint64_t w[16];
	unsigned n = pack(s, w, 16);
	uint64_t p = WINDOW;
	const uint32_t *h = (const uint32_t *)w;

	for (unsigned i = 0; i < 2 * n; i++)
		__asm__ volatile("str %w1, [%0], #4" : "+r"(p) : "r"(h[i]) : "memory");
	CHECK_EQ(p, WINDOW + 8 * n); /* the writeback nisv committed */
}

static void registers(unsigned cpu)
{
	uint64_t base = PLAT_TEST_BASE + TEST_SCRATCH + 16 * cpu; /* two registers per vCPU */
	uint64_t a = 0x1111111100000000ull | cpu, b = 0x2222222200000000ull | cpu, x, y, p;

	CHECK_EQ(r64(PLAT_TEST_BASE + TEST_ID), TEST_ID_VALUE); /* ISV=1 load */

	__asm__ volatile("stp %0, %1, [%2]" : : "r"(a), "r"(b), "r"(base) : "memory"); /* ISV=0 */
	CHECK_EQ(r64(base), a);
	CHECK_EQ(r64(base + 8), b);

	__asm__ volatile("ldp %0, %1, [%2]" : "=&r"(x), "=&r"(y) : "r"(base) : "memory"); /* ISV=0 */
	CHECK_EQ(x, a);
	CHECK_EQ(y, b);

	p = base;
	__asm__ volatile("ldr %0, [%1], #8" : "=&r"(x), "+r"(p) : : "memory"); /* ISV=0: writeback */
	CHECK_EQ(x, a);
	CHECK_EQ(p, base + 8);

	__asm__ volatile("ldr %w0, [%1, #4]!" : "=&r"(x), "+r"(p) : : "memory"); /* pre-index, W: zero-extends */
	CHECK_EQ(x, b >> 32);
	CHECK_EQ(p, base + 12);
}

int guest_main(unsigned cpu, unsigned ncpus)
{
	if (cpu == 0) {
		gputs("hello from strb (ISV=1 -> KVM_EXIT_MMIO)\n");
		hello_stp("hello from stp (ISV=0 -> KVM_EXIT_ARM_NISV -> nisv)\n");
		hello_str_post("hello from str post-index (ISV=0 -> nisv)\n");
		CHECK_EQ(r64(PLAT_TEST_BASE + TEST_NCPUS), ncpus);
	}
	registers(cpu);
	unsigned failed = cpu_finished(cpu, ncpus);
	if (cpu == 0)
		gprintf("hello: %u vCPUs, %u failures\n", ncpus, failed);
	return (int)failed;
}
