/*
 * MMU on, code at a TTBR1 address (linked at 0xffff000040000000, see
 * mmu.ld). Every vCPU turns on stage 1 with the same tables and continues
 * at the high address, so nisv has to walk the guest's tables for the PC
 * (TTBR1) and for each data address (TTBR0 identity map or TTBR1 alias):
 *
 *   STP/LDP through a TTBR1 device mapping        ISV=0, walk of TTBR1
 *   DC ZVA on a Normal non-cacheable MMIO page    ISV=0, zeroes a block
 *   an unaligned STR to that page                 Normal memory allows it
 *   LDP/STP crossing from a RAM page into MMIO    refused whole: external
 *                                                 abort (the bus policy)
 *
 * 4 KiB granule, 48-bit VAs both halves, MAIR: 0 Device-nGnRnE, 1 Normal
 * write-back, 2 Normal non-cacheable.
 */
#include "guest.h"

#define VA_HIGH 0xffff000000000000ull /* link address - load address */
#define CROSS_VA (VA_HIGH + 0xc0000000ull) /* a RAM page, then the window page */
#define WIN_HIGH (VA_HIGH + PLAT_WIN_BASE)
#define TEST_HIGH (VA_HIGH + PLAT_TEST_BASE)
#define UART_HIGH (VA_HIGH + PLAT_UART_BASE)

/* page tables and the RAM page of the crossing test */
#define TABLE __attribute__((aligned(4096)))
uint64_t pt_l0_lo[512] TABLE, pt_l1_lo[512] TABLE, pt_l2_dev[512] TABLE, pt_l3_test[512] TABLE;
uint64_t pt_l0_hi[512] TABLE, pt_l1_hi[512] TABLE, pt_l2_x[512] TABLE, pt_l3_x[512] TABLE;
uint8_t cross_ram[4096] TABLE;
volatile unsigned tables_ready;

#define MT_DEVICE 0
#define MT_NORMAL 1
#define MT_NORMAL_NC 2
#define MAIR_VALUE (0x00ull | 0xffull << 8 | 0x44ull << 16)
#define ATTR(mt) ((uint64_t)(mt) << 2)
#define AF (1ull << 10)
#define SH_INNER (3ull << 8)
#define XN (3ull << 53) /* PXN | UXN */
#define TCR_VALUE                                                                                   \
	(16ull | 1ull << 8 | 1ull << 10 | 3ull << 12 |                 /* TTBR0: 48 bits, WB, inner */ \
	 16ull << 16 | 1ull << 24 | 1ull << 26 | 3ull << 28 | 2ull << 30 | /* TTBR1: 48 bits, 4K      */ \
	 5ull << 32)                                                     /* IPS: 48 bits               */

/* the address of a symbol as the PC sees it (physical before the switch) */
#define HERE(sym)                                                                             \
	({                                                                                    \
		uint64_t a_;                                                                  \
		__asm__("adrp %0, " #sym "\n\tadd %0, %0, :lo12:" #sym : "=r"(a_));           \
		a_;                                                                           \
	})

static uint64_t table(uint64_t pa) { return pa | 3; }
static uint64_t block(uint64_t pa, uint64_t attrs) { return pa | attrs | AF | 1; }
static uint64_t page(uint64_t pa, uint64_t attrs) { return pa | attrs | AF | 3; }

/* vCPU 0, MMU off: everything here is physical */
static void build_tables(void)
{
	uint64_t l0_lo = HERE(pt_l0_lo), l1_lo = HERE(pt_l1_lo), l2_dev = HERE(pt_l2_dev), l3_test = HERE(pt_l3_test);
	uint64_t l0_hi = HERE(pt_l0_hi), l1_hi = HERE(pt_l1_hi), l2_x = HERE(pt_l2_x), l3_x = HERE(pt_l3_x);
	uint64_t *p;

	/* devices, shared by both halves: 2 MiB blocks, one 4 KiB table */
	p = (uint64_t *)l2_dev;
	p[PLAT_UART_BASE >> 21] = block(PLAT_UART_BASE, ATTR(MT_DEVICE) | XN);
	p[PLAT_TEST_BASE >> 21] = table(l3_test);
	p[PLAT_HOLE >> 21] = block(PLAT_HOLE, ATTR(MT_DEVICE) | XN);
	p = (uint64_t *)l3_test;
	p[0] = page(PLAT_TEST_BASE, ATTR(MT_DEVICE) | XN);
	p[1] = page(PLAT_WIN_BASE, ATTR(MT_NORMAL_NC) | SH_INNER | XN); /* the window as Normal memory */

	/* TTBR0: identity, [0, 1 GiB) devices, [1 GiB, 2 GiB) RAM */
	((uint64_t *)l0_lo)[0] = table(l1_lo);
	((uint64_t *)l1_lo)[0] = table(l2_dev);
	((uint64_t *)l1_lo)[1] = block(PLAT_RAM_BASE & ~0x3fffffffull, ATTR(MT_NORMAL) | SH_INNER);

	/* TTBR1: the same at VA_HIGH + PA, plus the crossing pages at CROSS_VA */
	((uint64_t *)l0_hi)[0] = table(l1_hi);
	((uint64_t *)l1_hi)[0] = table(l2_dev);
	((uint64_t *)l1_hi)[1] = block(PLAT_RAM_BASE & ~0x3fffffffull, ATTR(MT_NORMAL) | SH_INNER);
	((uint64_t *)l1_hi)[3] = table(l2_x);
	((uint64_t *)l2_x)[0] = table(l3_x);
	((uint64_t *)l3_x)[0] = page(HERE(cross_ram), ATTR(MT_NORMAL) | SH_INNER | XN);
	((uint64_t *)l3_x)[1] = page(PLAT_WIN_BASE, ATTR(MT_NORMAL_NC) | SH_INNER | XN);
}

static void mmu_on(void)
{
	uint64_t sctlr;

	__asm__ volatile("msr mair_el1, %0\n\t"
	                 "msr tcr_el1, %1\n\t"
	                 "msr ttbr0_el1, %2\n\t"
	                 "msr ttbr1_el1, %3\n\t"
	                 "isb\n\t"
	                 "tlbi vmalle1\n\t"
	                 "dsb nsh\n\t"
	                 "isb"
	                 :
	                 : "r"(MAIR_VALUE), "r"(TCR_VALUE), "r"(HERE(pt_l0_lo)), "r"(HERE(pt_l0_hi))
	                 : "memory");
	__asm__ volatile("mrs %0, sctlr_el1" : "=r"(sctlr));
	sctlr |= 1u << 0 | 1u << 2 | 1u << 12; /* M, C, I */
	sctlr &= ~(1ull << 1);                  /* A: unaligned Normal accesses allowed */
	__asm__ volatile("msr sctlr_el1, %0\n\tisb" : : "r"(sctlr) : "memory");
}

/* go_high(cpu, ncpus, entry VA, VA offset): VBAR and SP to their high
 * aliases, call entry, come back to the (identity-mapped) low stack */
int go_high(unsigned cpu, unsigned ncpus, uint64_t entry, uint64_t offset);
__asm__(".text\n"
        ".global go_high\n"
        "go_high:\n"
        "	stp x29, x30, [sp, #-16]!\n"
        "	mov x29, sp\n"
        "	adrp x4, vectors\n"
        "	add x4, x4, :lo12:vectors\n"
        "	add x4, x4, x3\n"
        "	msr vbar_el1, x4\n"
        "	isb\n"
        "	sub x4, sp, #256\n"
        "	add x4, x4, x3\n"
        "	mov sp, x4\n"
        "	blr x2\n"
        "	mov sp, x29\n"
        "	ldp x29, x30, [sp], #16\n"
        "	ret\n");

static void hello_high(void)
{
	static const char msg[] = "hello from TTBR1 (MMU on): stp to a high VA\n";
	uint64_t w[8] = { 0 };

	for (unsigned i = 0; msg[i]; i++)
		w[i / 8] |= (uint64_t)(uint8_t)msg[i] << (8 * (i % 8));
	for (unsigned i = 0; i < 8; i += 2)
		__asm__ volatile("stp %0, %1, [%2]"
		                 :
		                 : "r"(w[i]), "r"(w[i + 1]), "r"(UART_HIGH + UART_WINDOW)
		                 : "memory");
}

static void registers_high(unsigned cpu)
{
	uint64_t hi = TEST_HIGH + TEST_SCRATCH + 16 * cpu, lo = PLAT_TEST_BASE + TEST_SCRATCH + 16 * cpu, x, y;

	__asm__ volatile("stp %0, %1, [%2]" : : "r"(0xa1ull + cpu), "r"(0xb2ull + cpu), "r"(hi) : "memory");
	CHECK_EQ(r64(lo), 0xa1 + cpu); /* the same register through TTBR0 */
	CHECK_EQ(r64(lo + 8), 0xb2 + cpu);
	__asm__ volatile("ldp %0, %1, [%2]" : "=&r"(x), "=&r"(y) : "r"(lo) : "memory");
	CHECK_EQ(x, 0xa1 + cpu);
	CHECK_EQ(y, 0xb2 + cpu);
}

static void dc_zva(unsigned cpu)
{
	uint64_t dczid = SYSREG_READ(dczid_el0), bytes = 4ull << (dczid & 15);
	uint64_t blk = WIN_HIGH + 0x400 + 0x100 * cpu;

	if (dczid & 16) { /* DZP: prohibited */
		gprintf("cpu%u: DC ZVA prohibited, skipped\n", cpu);
		return;
	}
	for (uint64_t i = 0; i < bytes + 8; i += 8)
		w64(blk + i, 0xaaaaaaaaaaaaaaaaull);
	__asm__ volatile("dc zva, %0" : : "r"(blk + 24) : "memory"); /* any address in the block */
	for (uint64_t i = 0; i < bytes; i += 8)
		CHECK_EQ(r64(blk + i), 0);
	CHECK_EQ(r64(blk + bytes), 0xaaaaaaaaaaaaaaaaull); /* the next block is untouched */
}

static void unaligned(unsigned cpu)
{
	uint64_t a = WIN_HIGH + 0x800 + 0x20 * cpu;

	w64(a, 0);
	w64(a + 8, 0);
	__asm__ volatile("str %0, [%1]" : : "r"(0x8877665544332211ull), "r"(a + 3) : "memory");
	CHECK_EQ(r64(a), 0x5544332211000000ull);
	CHECK_EQ(r64(a + 8), 0x0000000000887766ull);
}

/*
 * A pair whose first half is in a RAM page and second half in an MMIO page.
 * nisv_bus refuses an access that spans two regions (docs/architecture.md,
 * "The bus"): a synchronous external abort, the MMIO half not written and
 * the destination registers unchanged. The RAM half of the STP is UNKNOWN
 * after the abort (Arm ARM): QEMU's CPU has already stored it before the
 * stage-2 fault on the MMIO half, so nisv never saw it.
 */
static void crossing(void)
{
	volatile uint64_t *ram_last = (volatile uint64_t *)(CROSS_VA + 4088);
	uint64_t x = 5, y = 6, pc;
	unsigned n = (unsigned)last_exc[0].count;

	*ram_last = 0x1111111111111111ull; /* RAM: no exit */
	w64(PLAT_WIN_BASE, 0x2222222222222222ull);
	expect_fault[0] = 1;
	__asm__ volatile("adr %0, 1f\n1: ldp %1, %2, [%3]"
	                 : "=&r"(pc), "+r"(x), "+r"(y)
	                 : "r"(CROSS_VA + 4088)
	                 : "memory");
	expect_fault[0] = 0;
	CHECK_EQ(last_exc[0].count, n + 1);
	CHECK_EQ(last_exc[0].elr, pc);
	CHECK_EQ(last_exc[0].esr & 0x3f, 0x10);
	CHECK_EQ(x, 5);
	CHECK_EQ(y, 6);
	expect_fault[0] = 1;
	__asm__ volatile("adr %0, 1f\n1: stp %1, %2, [%3]"
	                 : "=&r"(pc)
	                 : "r"(0x3333333333333333ull), "r"(0x4444444444444444ull), "r"(CROSS_VA + 4088)
	                 : "memory");
	expect_fault[0] = 0;
	CHECK_EQ(last_exc[0].count, n + 2);
	CHECK_EQ(last_exc[0].elr, pc);
	CHECK_EQ(r64(PLAT_WIN_BASE), 0x2222222222222222ull);
	gprintf("mmu: crossing STP refused; its RAM half now holds 0x%lx (%s)\n", *ram_last,
	        *ram_last == 0x3333333333333333ull ? "written by the CPU before the abort" : "untouched");
}

int high_main(unsigned cpu, unsigned ncpus);
int high_main(unsigned cpu, unsigned ncpus)
{
	uint64_t pc;

	(void)ncpus;
	__asm__ volatile("adr %0, ." : "=r"(pc));
	CHECK_EQ(pc >> 48, 0xffff);
	if (cpu == 0) {
		hello_high();
		crossing();
	}
	registers_high(cpu);
	dc_zva(cpu);
	unaligned(cpu);
	return 0;
}

int guest_main(unsigned cpu, unsigned ncpus)
{
	if (cpu == 0) {
		build_tables();
		tables_ready = 1;
	}
	while (!tables_ready)
		;
	mmu_on();
	go_high(cpu, ncpus, HERE(high_main) + VA_HIGH, VA_HIGH);
	unsigned failed = cpu_finished(cpu, ncpus);
	if (cpu == 0)
		gprintf("mmu: %u vCPUs, %u failures\n", ncpus, failed);
	return (int)failed;
}
