/*
 * Instruction classes that trap with ISV=0, on real KVM (MMU off, every
 * vCPU): SIMD&FP pairs and structures, writeback forms, sign extension,
 * LSE atomics on the test window, and a read with a side
 * effect that must happen exactly once. Results are checked against RAM
 * copies and against ISV=1 reads (which KVM decodes itself).
 *
 * The C code uses general registers only (-mgeneral-regs-only), so the asm
 * blocks below may use v0-v7 freely.
 */
#include "guest.h"

#define ASM_LSE ".arch_extension lse\n"

static uint8_t src[MAX_CPUS][64] __attribute__((aligned(16)));
static uint8_t dst[MAX_CPUS][64] __attribute__((aligned(16)));

static uint64_t get64(const uint8_t *p)
{
	uint64_t v = 0;
	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static void fill(uint8_t *p, unsigned n, uint8_t seed)
{
	for (unsigned i = 0; i < n; i++)
		p[i] = (uint8_t)(seed + 7 * i);
}

/* the device window slice of this vCPU: 256 bytes each */
static uint64_t slice(unsigned cpu)
{
	return PLAT_WIN_BASE + 0x100 * cpu;
}

static void simd(unsigned cpu)
{
	uint64_t w = slice(cpu), p;
	uint8_t *s = src[cpu], *d = dst[cpu];

	/* ST1 {v0-v3}.16B: 64 bytes in one instruction */
	fill(s, 64, (uint8_t)(0x10 + cpu));
	__asm__ volatile("ld1 {v0.16b-v3.16b}, [%0]\n"
	                 "st1 {v0.16b-v3.16b}, [%1]" : : "r"(s), "r"(w) : "memory");
	for (unsigned i = 0; i < 8; i++)
		CHECK_EQ(r64(w + 8 * i), get64(s + 8 * i));

	/* LD1 {v4.2D, v5.2D} back, store to RAM and compare */
	__asm__ volatile("ld1 {v4.2d, v5.2d}, [%0]\n"
	                 "st1 {v4.2d, v5.2d}, [%1]" : : "r"(w), "r"(d) : "memory");
	for (unsigned i = 0; i < 32; i++)
		CHECK_EQ(d[i], s[i]);

	/* ST4 {v0-v3}.4S: interleave four registers' words */
	__asm__ volatile("ld1 {v0.16b-v3.16b}, [%0]\n"
	                 "st4 {v0.4s-v3.4s}, [%1]" : : "r"(s), "r"(w) : "memory");
	for (unsigned e = 0; e < 4; e++)       /* element */
		for (unsigned r = 0; r < 4; r++) { /* register */
			uint32_t want = (uint32_t)get64(s + 16 * r + 4 * e);
			CHECK_EQ(r32(w + 16 * e + 4 * r), want);
		}

	/* STP Q / LDP Q with pre-index writeback */
	fill(s, 32, (uint8_t)(0x80 + cpu));
	p = w;
	__asm__ volatile("ldp q6, q7, [%1]\n"
	                 "stp q6, q7, [%0, #32]!" : "+r"(p) : "r"(s) : "memory");
	CHECK_EQ(p, w + 32);
	__asm__ volatile("ldp q0, q1, [%0]\n"
	                 "stp q0, q1, [%1]" : : "r"(p), "r"(d) : "memory");
	for (unsigned i = 0; i < 32; i++)
		CHECK_EQ(d[i], s[i]);

	/* LDR D (scalar) clears the upper half of the vector register */
	__asm__ volatile("movi v2.16b, #0xff\n"
	                 "ldr d2, [%0], #8\n"
	                 "str q2, [%1]" : "+r"(p) : "r"(d) : "memory");
	CHECK_EQ(get64(d), get64(s));
	CHECK_EQ(get64(d + 8), 0);
	CHECK_EQ(p, w + 40);

	/* LD1R: replicate one halfword into every lane */
	__asm__ volatile("ld1r {v3.8h}, [%0]\n"
	                 "st1 {v3.8h}, [%1]" : : "r"(w + 32), "r"(d) : "memory");
	for (unsigned i = 0; i < 8; i++)
		CHECK_EQ(d[2 * i] | d[2 * i + 1] << 8, s[0] | s[1] << 8);
}

static void integer(unsigned cpu)
{
	uint64_t reg = PLAT_TEST_BASE + TEST_SCRATCH + 16 * cpu, p, x, y;

	/* sign extension with writeback: LDRSW, LDRSH, LDRSB */
	w64(reg, 0x80000000fffe8081ull);
	p = reg;
	__asm__ volatile("ldrsb %0, [%1], #1" : "=&r"(x), "+r"(p) : : "memory");
	CHECK_EQ(x, 0xffffffffffffff81ull);
	__asm__ volatile("ldrsh %w0, [%1, #1]!" : "=&r"(x), "+r"(p) : : "memory"); /* W form: zero-extended */
	CHECK_EQ(x, 0xfffffffeull);
	CHECK_EQ(p, reg + 2);
	p = reg + 4;
	__asm__ volatile("ldrsw %0, [%1], #-4" : "=&r"(x), "+r"(p) : : "memory");
	CHECK_EQ(x, 0xffffffff80000000ull);
	CHECK_EQ(p, reg);

	/* LDPSW */
	__asm__ volatile("ldpsw %0, %1, [%2]" : "=&r"(x), "=&r"(y) : "r"(reg) : "memory");
	CHECK_EQ(x, 0xfffffffffffe8081ull);
	CHECK_EQ(y, 0xffffffff80000000ull);

	/* register offset with extend: STR W, [Xn, Wm, SXTW #2] */
	x = (uint64_t)-1; /* index -1, scaled by 4 */
	__asm__ volatile("str %w0, [%1, %w2, sxtw #2]" : : "r"(0xcafef00du), "r"(reg + 12), "r"(x) : "memory");
	CHECK_EQ(r32(reg + 8), 0xcafef00du);

	/* a read side effect happens once: the counter advances by exactly one */
	p = PLAT_TEST_BASE + TEST_COUNTER;
	__asm__ volatile("ldr %0, [%1], #0" : "=&r"(x), "+r"(p) : : "memory"); /* ISV=0 */
	y = r64(PLAT_TEST_BASE + TEST_COUNTER); /* ISV=1 */
	CHECK(y > x); /* other vCPUs may read it too, never fewer than once */
}

static volatile uint64_t *const shared_counter = (volatile uint64_t *)(PLAT_WIN_BASE + 0xf00);

static void atomics(unsigned cpu, unsigned ncpus)
{
	uint64_t w = slice(cpu) + 0x80, x;

	/* (exclusives: see faults.c; a VMM cannot complete them on KVM) */
	w64(w, 42);
	/* LSE: LDADD, SWPAL, CASAL */
	__asm__ volatile(ASM_LSE "ldadd %1, %0, [%2]" : "=&r"(x) : "r"(8ull), "r"(w) : "memory");
	CHECK_EQ(x, 42);
	CHECK_EQ(r64(w), 50);
	__asm__ volatile(ASM_LSE "swpal %1, %0, [%2]" : "=&r"(x) : "r"(7ull), "r"(w) : "memory");
	CHECK_EQ(x, 50);
	x = 7;
	__asm__ volatile(ASM_LSE "casal %0, %1, [%2]" : "+r"(x) : "r"(1000ull), "r"(w) : "memory");
	CHECK_EQ(x, 7);
	CHECK_EQ(r64(w), 1000);
	x = 5; /* a CAS that fails stores nothing and returns the old value */
	__asm__ volatile(ASM_LSE "cas %0, %1, [%2]" : "+r"(x) : "r"(1ull), "r"(w) : "memory");
	CHECK_EQ(x, 1000);

	/* every vCPU adds to one counter at once: RMW under the VMM's bus lock */
	for (unsigned i = 0; i < 50; i++)
		__asm__ volatile(ASM_LSE "stadd %0, [%1]" : : "r"(1ull), "r"(shared_counter) : "memory");
	(void)ncpus;
}

int guest_main(unsigned cpu, unsigned ncpus)
{
	if (cpu == 0)
		w64((uint64_t)shared_counter, 0);
	/* a crude barrier so the counter is reset before anyone adds */
	static volatile unsigned go;
	if (cpu == 0)
		go = 1;
	while (!go)
		;
	simd(cpu);
	integer(cpu);
	atomics(cpu, ncpus);
	unsigned failed = cpu_finished(cpu, ncpus);
	if (cpu == 0) {
		CHECK_EQ(*shared_counter, 50ull * ncpus);
		failed += failures[0] ? 1 : 0;
		gprintf("classes: %u vCPUs, %u failures\n", ncpus, failed);
	}
	return (int)failed;
}
