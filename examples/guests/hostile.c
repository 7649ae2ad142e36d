/*
 * A hostile guest (MMU on, 2 vCPUs): it tries to make the VMM crash or
 * wedge. Each phase is bounded by time; the guest passes when it gets back
 * to its verdict (and the few deterministic checks hold). What the VMM did
 * is in its exit table: stale retries, UNDEFINED and aborts injected.
 *
 * 1. Racing rewrites and random words at the faulting PC. vCPU 1 runs an
 *    EL0 loop "T; b T" where every general register and SP_EL0 point into
 *    the test window, so a memory instruction there exits to the VMM
 *    whatever its base register. vCPU 0 keeps rewriting T (through an EL1
 *    alias of the code page): a random word (not a branch: see phase1),
 *    a random word of the load/store space, or a real STP. The VMM
 *    fetches T after the CPU trapped on an older one. Any exception at
 *    EL0 restarts the loop from a clean register file; WFI/WFE at EL0
 *    trap (SCTLR_EL1.nTWI/nTWE = 0).
 * 2. Page tables pointing into MMIO. vCPU 1 stores pairs (ISV=0) to a VA
 *    whose level-2 table descriptor vCPU 0 keeps switching between the
 *    real level-3 table, the test window, the hole, an invalid entry, and
 *    a read-only or RAM leaf, with and without TLB invalidation: the walk
 *    nisv repeats may read MMIO (external abort on the walk), find a
 *    permission fault the CPU did not see, or a different page (stale).
 * 3. Executing from MMIO: the guest must get an instruction abort. Linux
 *    6.1's KVM injects it itself; kernels whose KVM_RUN fails with ENOEXEC
 *    instead leave it to the VMM (nisv_kvm_handle_run_error).
 */
#include "vm.h"

#define U_CODE 0x0000003000000000ull
#define U_RACE 0x0000003000400000ull
#define X_WIN 0x0000003000800000ull
#define CODE_PA (RAM_SCRATCH + 0x400000ull)
#define RACE_RAM_PA (RAM_SCRATCH + 0x600000ull)
#define STP_WORD 0xa9000c22u /* stp x2, x3, [x1] */
#define SVC0 0xd4000001u
#define B_BACK 0x17ffffffu /* b .-4 */

static volatile int stop1, phase2, p1_done, p2_done;
static volatile uint64_t el0_exc[64], el0_runs, p2_faults[64], rewrites, flips;
static uint64_t rng = 0x2545f4914f6cdd1dull;
static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static uint64_t seconds(void)
{
	return SYSREG_READ(cntvct_el0) / SYSREG_READ(cntfrq_el0);
}

static void el0_reset(struct frame *f)
{
	for (unsigned i = 0; i < 31; i++)
		f->x[i] = U_WIN + 0x100 + 8 * i;
	f->elr = U_CODE;
	f->spsr = 0x3c0; /* EL0t, DAIF masked */
	__asm__ volatile("msr sp_el0, %0" : : "r"(U_WIN + 0x800));
	el0_runs++;
}

static int hook(struct frame *f, unsigned vec)
{
	if (vec >= 8 && vec < 12) { /* from EL0: phase 1 */
		el0_exc[ESR_EC(f->esr)]++;
		if (stop1) { /* back to run_el0's caller */
			f->elr = (uint64_t)(uintptr_t)el0_return;
			f->spsr = 0x3c5;
			return 1;
		}
		el0_reset(f);
		return 1;
	}
	if (vec == 4 && phase2 && this_cpu() == 1) {
		p2_faults[ESR_DFSC(f->esr)]++;
		f->elr += 4;
		return 1;
	}
	return 0;
}

static void flush_code(uint64_t va)
{
	__asm__ volatile("dc cvau, %0\n\tdsb ish\n\tic ivau, %0\n\tdsb ish\n\tisb" : : "r"(va) : "memory");
}

/* ---- phase 1 ---- */
static void phase1(unsigned cpu, uint64_t secs)
{
	volatile uint32_t *code = (volatile uint32_t *)KVA(CODE_PA);

	if (cpu == 1) {
		while (!p1_done) {
			run_el0(U_CODE, 0, 0, 0, U_WIN + 0x800);
			if (!stop1)
				continue;
			break;
		}
		p1_done = 2;
		return;
	}
	uint64_t end = seconds() + secs;
	while (seconds() < end) {
		uint32_t w;
		switch (rnd() % 3) {
		case 0:
			/* not the branch/exception/system class (op0 = x101): a
			 * branch to itself at EL0 with interrupts masked never traps,
			 * and the PE need not see a later rewrite of it without an
			 * ISB of its own (Arm ARM B2.2.5), so the loop would wedge */
			w = (uint32_t)rnd();
			if ((w >> 26 & 7) == 5)
				w ^= 1u << 28;
			break;
		case 1: w = ((uint32_t)rnd() & ~0x0a000000u) | 0x08000000u; break; /* load/store space */
		default: w = STP_WORD; break;
		}
		code[0] = w;
		if (rnd() & 1)
			flush_code((uint64_t)(uintptr_t)code);
		rewrites++;
		for (volatile unsigned d = (unsigned)(rnd() % 2000); d; d--)
			;
	}
	stop1 = 1;
	code[0] = SVC0;
	code[1] = SVC0;
	flush_code((uint64_t)(uintptr_t)code);
	p1_done = 1;
	while (p1_done != 2)
		__asm__ volatile("yield" ::: "memory");
}

/* ---- phase 2 ---- */
static volatile uint64_t *l2_entry, *l3_leaf;
static uint64_t l2_good, l3_good;

static void phase2_run(unsigned cpu, uint64_t secs)
{
	if (cpu == 1) {
		phase2 = 1;
		while (!p2_done) {
			__asm__ volatile("stp %0, %0, [%1]" : : "r"(0x5a5aull), "r"(U_RACE + 0x40) : "memory");
			__asm__ volatile("ldp x9, x10, [%0]" : : "r"(U_RACE + 0x40) : "x9", "x10", "memory");
		}
		phase2 = 0;
		p2_done = 2;
		return;
	}
	while (!phase2)
		__asm__ volatile("yield" ::: "memory");
	uint64_t end = seconds() + secs;
	while (seconds() < end) {
		switch (rnd() % 7) {
		case 0: *l2_entry = (l2_good & ~0x0000fffffffff000ull) | PLAT_WIN_BASE; break; /* table in MMIO */
		case 1: *l2_entry = (l2_good & ~0x0000fffffffff000ull) | PLAT_HOLE; break;     /* table in a hole */
		case 2: *l2_entry = 0; break;
		case 3: *l3_leaf = l3_good | PTE_AP_RO; *l2_entry = l2_good; break; /* read-only leaf */
		case 4: *l3_leaf = (l3_good & ~0x0000fffffffff000ull) | RACE_RAM_PA; *l2_entry = l2_good; break;
		default: *l3_leaf = l3_good; *l2_entry = l2_good; break;
		}
		flips++;
		if (rnd() & 1)
			tlb_flush();
		for (volatile unsigned d = (unsigned)(rnd() % 3000); d; d--)
			;
	}
	*l3_leaf = l3_good;
	*l2_entry = l2_good;
	tlb_flush();
	p2_done = 1;
	while (p2_done != 2)
		__asm__ volatile("yield" ::: "memory");
}

/* ---- phase 3 ---- */
static void phase3(void)
{
	uint64_t before = last_exc[0].count;

	expect_fault[0] = 1;
	/* branch into the test window mapped executable at X_WIN: the fault
	 * comes with ELR = X_WIN; resume at the instruction after the call */
	__asm__ volatile("adr x30, 1f\n\tbr %0\n1:" : : "r"(X_WIN + 0x20) : "x30", "memory");
	expect_fault[0] = 0;
	gprintf("hostile: executing from MMIO: ESR 0x%lx FAR 0x%lx ELR 0x%lx\n", last_exc[0].esr & 0xffffffffu,
	        last_exc[0].far, last_exc[0].elr);
	CHECK_EQ(last_exc[0].count, before + 1);
	CHECK_EQ(ESR_EC(last_exc[0].esr), 0x21); /* instruction abort, same EL */
	CHECK_EQ(last_exc[0].far, X_WIN + 0x20);
}

/* phase 3's abort is skipped (+4) to X_WIN + 0x24: send it back instead */
static int hook3(struct frame *f, unsigned vec)
{
	if (vec == 4 && ESR_EC(f->esr) == 0x21 && f->elr >= X_WIN && f->elr < X_WIN + G_SIZE) {
		volatile struct exc_record *r = &last_exc[0];
		r->count++;
		r->esr = f->esr;
		r->far = f->far;
		r->elr = f->elr;
		f->elr = f->x[30];
		return 1;
	}
	return hook(f, vec);
}

static volatile unsigned setup_done;

int vm_main(unsigned cpu, unsigned ncpus)
{
	uint64_t sctlr;

	if (ncpus < 2) {
		gprintf("hostile: needs 2 vCPUs\n");
		return 1;
	}
	if (cpu == 0) {
		volatile uint32_t *code = (volatile uint32_t *)KVA(CODE_PA);
		int level;

		for (unsigned i = 0; i < G_SIZE / 4; i++)
			code[i] = SVC0;
		code[0] = STP_WORD;
		code[1] = B_BACK;
		flush_code((uint64_t)(uintptr_t)code);
		pt_map(&kernel_pool, kernel_ttbr0, G_SHIFT, 16, U_CODE, CODE_PA, G_SIZE,
		       PTE_ATTR(MT_NORMAL) | PTE_SH_INNER | PTE_AF | PTE_AP_EL0 | PTE_AP_RO | PTE_PXN);
		pt_map(&kernel_pool, kernel_ttbr0, G_SHIFT, 16, U_RACE, PLAT_WIN_BASE, G_SIZE, K_NC);
		pt_map(&kernel_pool, kernel_ttbr0, G_SHIFT, 16, X_WIN, PLAT_WIN_BASE, G_SIZE,
		       PTE_ATTR(MT_NORMAL_NC) | PTE_AF | PTE_UXN);
		l3_leaf = pt_leaf(kernel_ttbr0, G_SHIFT, 16, U_RACE, &level);
		/* the level-2 entry above it: a leaf at level 2 of a one-entry walk */
		{
			uint64_t table = kernel_ttbr0;
			for (int l = pt_start_level(G_SHIFT, 16); l < 2; l++) {
				unsigned bits = l == pt_start_level(G_SHIFT, 16) ? 48 - pt_shift(G_SHIFT, l) : G_SHIFT - 3;
				uint64_t e = pt_ptr(table)[U_RACE >> pt_shift(G_SHIFT, l) & ((1ull << bits) - 1)];
				table = e & 0x0000fffffffff000ull & ~(G_SIZE - 1);
			}
			l2_entry = pt_ptr(table) + (U_RACE >> pt_shift(G_SHIFT, 2) & ((1ull << (G_SHIFT - 3)) - 1));
		}
		l2_good = *l2_entry;
		l3_good = *l3_leaf;
		CHECK_EQ(level, 3);
		tlb_flush();
		exception_hook = hook;
		setup_done = 1;
	}
	while (!setup_done)
		__asm__ volatile("yield" ::: "memory");
	/* WFI/WFE at EL0 trap to EL1 (nTWI, nTWE = 0) */
	__asm__ volatile("mrs %0, sctlr_el1" : "=r"(sctlr));
	sctlr &= ~(1ull << 16 | 1ull << 18);
	__asm__ volatile("msr sctlr_el1, %0\n\tisb" : : "r"(sctlr));

	phase1(cpu, 6);
	phase2_run(cpu, 5);
	if (cpu == 0) {
		unsigned long n = 0;
		exception_hook = hook3;
		phase3();
		for (unsigned i = 0; i < 64; i++)
			n += el0_exc[i];
		gprintf("hostile: phase 1: %lu rewrites of the faulting word, %lu EL0 restarts; EL0 exceptions by EC:",
		        rewrites, el0_runs);
		for (unsigned i = 0; i < 64; i++)
			if (el0_exc[i])
				gprintf(" 0x%x:%lu", i, el0_exc[i]);
		gprintf("\nhostile: phase 2: %lu descriptor flips; vCPU 1's aborts by DFSC:", flips);
		for (unsigned i = 0; i < 64; i++)
			if (p2_faults[i])
				gprintf(" 0x%x:%lu", i, p2_faults[i]);
		gprintf("\n");
		CHECK(n > 0);
		CHECK(flips > 0);
	}
	return 0;
}
