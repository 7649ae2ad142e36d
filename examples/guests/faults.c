/*
 * Faults (MMU off, one vCPU): accesses nobody can serve must come back to
 * the guest as precise synchronous exceptions, with nothing half-done.
 *
 *   a hole, ISV=1 (KVM_EXIT_MMIO) and ISV=0 (KVM_EXIT_ARM_NISV)
 *     -> synchronous external abort (DFSC 0x10), ELR = the access,
 *        destination and base registers unchanged
 *   a pair that straddles the end of a device into the hole
 *     -> external abort, and the half inside the device is NOT written
 *   a load-exclusive from a device
 *     -> DFSC 0x35 "unsupported exclusive or atomic access"
 *   a store-exclusive to a device with the local monitor not armed
 *     -> fails (status 1) in the CPU without any exit: the local monitor
 *        is checked before the address is translated (Arm ARM
 *        AArch64.ExclusiveMonitorsPass; IMPLEMENTATION DEFINED on silicon,
 *        and what QEMU's CPU does). A VMM that emulated LDXR cannot arm the
 *        vCPU's monitor, so STXR could never succeed: an LDXR/STXR loop on
 *        MMIO would spin forever. The example VMM therefore allows no
 *        exclusives on devices and LDXR faults, which the guest can see.
 *
 * The VMM runs this guest twice: external aborts injected by KVM
 * (KVM_SET_VCPU_EVENTS) and every fault taken through the registers by
 * nisv (-r). Both deliveries must satisfy the same checks.
 */
#include "guest.h"

#define EC(esr) (((esr) >> 26) & 0x3f)
#define DFSC(esr) ((esr)&0x3f)
#define FNV (1u << 10)
#define WNR (1u << 6)

static unsigned before;

static void arm(void)
{
	before = (unsigned)last_exc[0].count;
	expect_fault[0] = 1;
}

/* the access at `pc` (to `addr`) took exactly one data abort with `dfsc` */
static void took(const char *what, uint64_t pc, uint64_t addr, unsigned dfsc, int write)
{
	volatile struct exc_record *r = &last_exc[0];
	uint64_t esr = r->esr;

	expect_fault[0] = 0;
	gprintf("faults: %s: ESR 0x%lx FAR 0x%lx ELR 0x%lx\n", what, esr, r->far, r->elr);
	CHECK_EQ(r->count, before + 1);
	CHECK_EQ(r->vec, 4); /* current EL with SP_ELx, synchronous */
	CHECK_EQ(EC(esr), 0x25); /* data abort without a change of EL */
	CHECK(esr & (1u << 25)); /* IL: 32-bit instruction */
	CHECK_EQ(DFSC(esr), dfsc);
	CHECK_EQ(r->elr, pc);
	if (!(esr & FNV))
		CHECK_EQ(r->far, addr);
	/* KVM's injected abort leaves WnR clear; nisv sets it for writes */
	if (!write)
		CHECK(!(esr & WNR));
}

int guest_main(unsigned cpu, unsigned ncpus)
{
	uint64_t pc, x, y, p;
	const uint64_t hole = PLAT_HOLE + 0x40;
	const uint64_t win_end = PLAT_WIN_BASE + PLAT_WIN_SIZE;

	if (cpu != 0)
		return (int)cpu_finished(cpu, ncpus);

	/* STRB to a hole: ISV=1, KVM_EXIT_MMIO */
	arm();
	__asm__ volatile("adr %0, 1f\n1: strb %w1, [%2]" : "=&r"(pc) : "r"(0x5a), "r"(hole) : "memory");
	took("strb to a hole (ISV=1)", pc, hole, 0x10, 1);

	/* LDR from a hole: ISV=1; KVM must not complete the load afterwards */
	x = 0x1234;
	arm();
	__asm__ volatile("adr %0, 1f\n1: ldr %1, [%2]" : "=&r"(pc), "+r"(x) : "r"(hole) : "memory");
	took("ldr from a hole (ISV=1)", pc, hole, 0x10, 0);
	CHECK_EQ(x, 0x1234);

	/* STP to a hole: ISV=0, KVM_EXIT_ARM_NISV */
	arm();
	__asm__ volatile("adr %0, 1f\n1: stp %1, %1, [%2]" : "=&r"(pc) : "r"(x), "r"(hole) : "memory");
	took("stp to a hole (ISV=0)", pc, hole, 0x10, 1);

	/* LDP from a hole: destinations unchanged */
	x = 1;
	y = 2;
	arm();
	__asm__ volatile("adr %0, 1f\n1: ldp %1, %2, [%3]" : "=&r"(pc), "+r"(x), "+r"(y) : "r"(hole) : "memory");
	took("ldp from a hole (ISV=0)", pc, hole, 0x10, 0);
	CHECK_EQ(x, 1);
	CHECK_EQ(y, 2);

	/* post-indexed STR to a hole: no writeback */
	p = hole;
	arm();
	__asm__ volatile("adr %0, 1f\n1: str %2, [%1], #8" : "=&r"(pc), "+r"(p) : "r"(x) : "memory");
	took("str post-index to a hole (ISV=0)", pc, hole, 0x10, 1);
	CHECK_EQ(p, hole);

	/* STP straddling the end of the test window: refused whole */
	w64(win_end - 8, 0x0123456789abcdefull);
	arm();
	__asm__ volatile("adr %0, 1f\n1: stp %1, %1, [%2]"
	                 : "=&r"(pc)
	                 : "r"(0xffffffffffffffffull), "r"(win_end - 8)
	                 : "memory");
	took("stp straddling a device's end (ISV=0)", pc, win_end - 8, 0x10, 1);
	CHECK_EQ(r64(win_end - 8), 0x0123456789abcdefull); /* nothing half-done */

	/* LDXR from registers that do not support exclusives */
	x = 7;
	arm();
	__asm__ volatile("adr %0, 1f\n1: ldxr %1, [%2]"
	                 : "=&r"(pc), "+r"(x)
	                 : "r"(PLAT_TEST_BASE + TEST_SCRATCH)
	                 : "memory");
	took("ldxr from a device without exclusives (ISV=0)", pc, PLAT_TEST_BASE + TEST_SCRATCH, 0x35, 0);
	CHECK_EQ(x, 7);

	/* LDXR from the test window too (the VMM allows atomics there, not
	 * exclusives) */
	arm();
	__asm__ volatile("adr %0, 1f\n1: ldxr %1, [%2]" : "=&r"(pc), "+r"(x) : "r"(PLAT_WIN_BASE) : "memory");
	took("ldxr from the test window (ISV=0)", pc, PLAT_WIN_BASE, 0x35, 0);

	/* STXR with no monitor armed: fails without an exit, memory unchanged */
	w64(PLAT_WIN_BASE, 0x600d);
	y = 0;
	__asm__ volatile("stxr %w0, %1, [%2]" : "=&r"(y) : "r"(0xbadull), "r"(PLAT_WIN_BASE) : "memory");
	CHECK_EQ(y, 1);
	CHECK_EQ(r64(PLAT_WIN_BASE), 0x600d);
	CHECK_EQ(last_exc[0].count, before + 1); /* no exception either */

	unsigned failed = cpu_finished(cpu, ncpus);
	gprintf("faults: %u failures\n", failed);
	return (int)failed;
}
