/*
 * SIMD&FP device accesses on an SVE vCPU (MMU off, run with -s: the VMM
 * sets KVM_ARM_VCPU_SVE, and KVM refuses the core V registers, so nisv's
 * backend reads and writes Vn as bits [127:0] of Zn).
 *
 *   the vCPU has SVE (ID_AA64PFR0_EL1.SVE), EL1 enables it at the largest
 *   vector length KVM allows
 *   LDR Q / LDP Q / LD1 {2 regs} from the test window (ISV=0, nisv):
 *     Vn = the device bytes and Zn bits [VL-1:128] zero, as the AdvSIMD
 *     write does (Arm ARM, pseudocode V[] assignment form)
 *   STR Q / STP Q to the window: the device gets Vn = Zn bits [127:0]
 *   an SVE gather LD1D and scatter ST1D with every element at one device
 *     doubleword (vector offsets all zero): the gather loads it into every
 *     element, the scatter leaves the last element there (elements are
 *     accessed in order) (the contiguous SVE loads and stores: the sve
 *     guest)
 */
#include "guest.h"

#define SVE ".arch_extension sve\n"
#define WIN PLAT_WIN_BASE
#define ID_AA64PFR0_SVE(r) (((r) >> 32) & 0xf)

static uint8_t zbuf[256] __attribute__((aligned(16)));

/* bytes of one SVE vector (VL / 8) */
static unsigned vl_bytes(void)
{
	uint64_t n;
	__asm__ volatile(SVE "rdvl %0, #1" : "=r"(n));
	return (unsigned)n;
}

/* Z0..Z3 = all bytes `b` */
static void fill_z(int b)
{
	__asm__ volatile(SVE "dup z0.b, %w0\n dup z1.b, %w0\n dup z2.b, %w0\n dup z3.b, %w0" : : "r"(b) : "memory");
}

#define STORE_Z(n)                                                                               \
	__asm__ volatile(SVE "ptrue p0.b\n st1b {z" #n ".b}, p0, [%0]" : : "r"(zbuf) : "memory")

/* zbuf = Zn for n in 0..3 */
static void store_z(unsigned n)
{
	switch (n) {
	case 0: STORE_Z(0); break;
	case 1: STORE_Z(1); break;
	case 2: STORE_Z(2); break;
	default: STORE_Z(3); break;
	}
}

/* Zn (0..3) is the 16 window bytes at `off`, then zeros up to VL */
static void check_z(unsigned n, unsigned off, unsigned vl)
{
	unsigned bad_lo = 0, bad_hi = 0;

	store_z(n);
	for (unsigned i = 0; i < 16; i++)
		bad_lo += zbuf[i] != win_pattern(1, off + i);
	for (unsigned i = 16; i < vl; i++)
		bad_hi += zbuf[i] != 0;
	gprintf("vregs: z%u: %u of 16 low bytes differ from the device, %u of %u upper bytes not zero\n", n, bad_lo,
	        bad_hi, vl - 16);
	CHECK_EQ(bad_lo, 0);
	CHECK_EQ(bad_hi, 0);
}

/* every doubleword of Zn (0..3) up to VL is `d` */
static void check_z_dwords(unsigned n, uint64_t d, unsigned vl)
{
	unsigned bad = 0;

	store_z(n);
	for (unsigned i = 0; i < vl; i++)
		bad += zbuf[i] != (uint8_t)(d >> 8 * (i % 8));
	CHECK_EQ(bad, 0);
}

int guest_main(unsigned cpu, unsigned ncpus)
{
	uint64_t pfr0 = SYSREG_READ(id_aa64pfr0_el1);
	unsigned vl;

	if (cpu != 0)
		return (int)cpu_finished(cpu, ncpus);
	gprintf("vregs: ID_AA64PFR0_EL1.SVE = %lu\n", ID_AA64PFR0_SVE(pfr0));
	CHECK(ID_AA64PFR0_SVE(pfr0) != 0);
	if (!ID_AA64PFR0_SVE(pfr0))
		return (int)cpu_finished(cpu, ncpus);

	/* CPACR_EL1.ZEN and FPEN: no traps; ZCR_EL1.LEN = 15: the largest VL
	 * (KVM caps it at the vCPU's maximum) */
	__asm__ volatile("msr cpacr_el1, %0\n isb\n msr s3_0_c1_c2_0, %1\n isb"
	                 : : "r"((3ull << 20) | (3ull << 16)), "r"(15ull));
	vl = vl_bytes();
	gprintf("vregs: vector length %u bits\n", vl * 8);
	CHECK(vl >= 16 && vl <= sizeof(zbuf));
	if (vl < 16 || vl > sizeof(zbuf))
		return (int)cpu_finished(cpu, ncpus);
	w64(IO(PLAT_TEST_BASE) + TEST_WIN_FILL, 1);

	/* loads: ISV=0, nisv writes Vn through KVM_REG_ARM64_SVE_ZREG */
	fill_z(0xff);
	__asm__ volatile("ldr q0, [%0]" : : "r"(WIN + 0x40) : "memory", "v0");
	check_z(0, 0x40, vl);
	fill_z(0xff);
	__asm__ volatile("ldp q1, q2, [%0]" : : "r"(WIN + 0x80) : "memory", "v1", "v2");
	check_z(1, 0x80, vl);
	check_z(2, 0x90, vl);
	fill_z(0xff);
	__asm__ volatile("ld1 {v2.16b, v3.16b}, [%0]" : : "r"(WIN + 0xc0) : "memory", "v2", "v3");
	check_z(2, 0xc0, vl);
	check_z(3, 0xd0, vl);

	/* stores: nisv reads Vn as Zn bits [127:0] */
	fill_z(0x5a);
	__asm__ volatile("str q0, [%0]\n stp q1, q2, [%0, #16]" : : "r"(WIN + 0x100) : "memory");
	for (unsigned i = 0; i < 48; i += 8)
		CHECK_EQ(r64(WIN + 0x100 + i), 0x5a5a5a5a5a5a5a5aull);

	/* an SVE gather and scatter to a device, z2.d = 0: every element at WIN */
	w64(WIN, 0x1122334455667788ull);
	fill_z(0x77);
	__asm__ volatile(SVE "ptrue p0.d\n dup z2.d, #0\n ld1d {z3.d}, p0/z, [%0, z2.d]" : : "r"(WIN) : "memory");
	check_z_dwords(3, 0x1122334455667788ull, vl);
	__asm__ volatile(SVE "index z3.d, #1, #1\n ptrue p0.d\n dup z2.d, #0\n st1d {z3.d}, p0, [%0, z2.d]"
	                 : : "r"(WIN) : "memory");
	CHECK_EQ(r64(WIN), vl / 8u); /* the last element, written last */

	unsigned failed = cpu_finished(cpu, ncpus);
	gprintf("vregs: %u failures\n", failed);
	return (int)failed;
}
