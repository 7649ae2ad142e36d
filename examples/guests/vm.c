/* The MMU-on guests' library (see vm.h). */
#include "vm.h"

uint64_t kernel_ttbr0, kernel_ttbr1;
struct pt_pool kernel_pool;
static volatile unsigned tables_ready;
static uint64_t pt_offset; /* 0 until this vCPU runs high, then VA_HIGH */

/* the address of a symbol as the PC sees it (physical before the switch) */
#define HERE(sym)                                                                   \
	({                                                                          \
		uint64_t a_;                                                        \
		__asm__("adrp %0, " #sym "\n\tadd %0, %0, :lo12:" #sym : "=r"(a_)); \
		a_;                                                                 \
	})

uint64_t tcr_granule(unsigned g)
{
	/* TG0: 00 4K, 01 64K, 10 16K; TG1: 10 4K, 01 16K, 11 64K */
	uint64_t tg0 = g == 12 ? 0 : g == 16 ? 1 : 2, tg1 = g == 12 ? 2 : g == 14 ? 1 : 3;
	return tg0 << 14 | tg1 << 30;
}

uint64_t tcr_kernel(void)
{
	return 16ull | 1ull << 8 | 1ull << 10 | 3ull << 12 |   /* T0SZ 16, walks WB, inner shareable */
	       16ull << 16 | 1ull << 24 | 1ull << 26 | 3ull << 28 | /* T1SZ 16 */
	       5ull << 32 | tcr_granule(G_SHIFT);                 /* IPS 48 bits */
}

uint64_t *pt_ptr(uint64_t pa)
{
	return (uint64_t *)(pa + pt_offset);
}

uint64_t pt_alloc(struct pt_pool *p, unsigned g)
{
	uint64_t size = 1ull << g, pa = (p->next + size - 1) & ~(size - 1);
	volatile uint64_t *t;

	if (pa + size > p->end) {
		gprintf("vm: page-table pool exhausted\n");
		w64(IO(PLAT_TEST_BASE) + TEST_FAILED, 1);
		w32(IO(PLAT_TEST_BASE) + TEST_DONE, 0xe1000000u);
		for (;;)
			__asm__ volatile("wfe");
	}
	p->next = pa + size;
	t = pt_ptr(pa);
	for (uint64_t i = 0; i < size / 8; i++)
		t[i] = 0;
	return pa;
}

unsigned pt_shift(unsigned g, int level)
{
	return g + (unsigned)(3 - level) * (g - 3);
}

int pt_start_level(unsigned g, unsigned tsz)
{
	return 3 - (int)((64 - tsz - g - 1) / (g - 3));
}

static unsigned index_bits(unsigned g, unsigned tsz, int level)
{
	return level == pt_start_level(g, tsz) ? 64 - tsz - pt_shift(g, level) : g - 3;
}

static int block_ok(unsigned g, int level)
{
	return g == 12 ? level == 1 || level == 2 : level == 2;
}

static uint64_t next_table(uint64_t desc, unsigned g)
{
	return desc & 0x0000ffffffffffffull & ~((1ull << g) - 1);
}

void pt_map(struct pt_pool *pool, uint64_t root, unsigned g, unsigned tsz, uint64_t va, uint64_t pa,
            uint64_t size, uint64_t attrs)
{
	while (size) {
		uint64_t table = root;
		for (int level = pt_start_level(g, tsz);; level++) {
			unsigned sh = pt_shift(g, level);
			uint64_t idx = va >> sh & ((1ull << index_bits(g, tsz, level)) - 1), bsz = 1ull << sh;
			volatile uint64_t *e = pt_ptr(table) + idx;

			if (level == 3 || (block_ok(g, level) && !((va | pa) & (bsz - 1)) && size >= bsz)) {
				*e = pa | attrs | (level == 3 ? 3 : 1);
				va += bsz;
				pa += bsz;
				size = size > bsz ? size - bsz : 0;
				break;
			}
			if ((*e & 3) != 3)
				*e = pt_alloc(pool, g) | 3;
			else
				*e &= ~(0x1full << 59); /* no hierarchical restrictions on our path */
			table = next_table(*e, g);
		}
	}
}

uint64_t *pt_leaf(uint64_t root, unsigned g, unsigned tsz, uint64_t va, int *level)
{
	uint64_t table = root;

	for (int l = pt_start_level(g, tsz); l <= 3; l++) {
		unsigned sh = pt_shift(g, l);
		uint64_t *e = pt_ptr(table) + (va >> sh & ((1ull << index_bits(g, tsz, l)) - 1));
		if (!(*e & 1))
			return 0;
		if (l == 3 || !(*e & 2)) {
			*level = l;
			return e;
		}
		table = next_table(*e, g);
	}
	return 0;
}

void tlb_flush(void)
{
	__asm__ volatile("dsb ishst\n\ttlbi vmalle1is\n\tdsb ish\n\tisb" ::: "memory");
}

void set_ttbr0(uint64_t ttbr0)
{
	__asm__ volatile("msr ttbr0_el1, %0\n\tisb" : : "r"(ttbr0) : "memory");
	tlb_flush();
}

/* vCPU 0, MMU off: everything here is physical */
static void build_kernel_tables(void)
{
	unsigned g = G_SHIFT;
	uint64_t ustart = HERE(__user_start), uend = HERE(__user_end), ram_end = PLAT_RAM_BASE + PLAT_RAM_SIZE;
	struct pt_pool *pool = (struct pt_pool *)HERE(kernel_pool);
	uint64_t t0, t1;

	pool->next = RAM_TABLES;
	pool->end = RAM_TABLES_END;
	t0 = pt_alloc(pool, g);
	t1 = pt_alloc(pool, g);

	/* TTBR1: the kernel */
	pt_map(pool, t1, g, 16, KVA(PLAT_RAM_BASE), PLAT_RAM_BASE, ustart - PLAT_RAM_BASE, K_RAM);
	pt_map(pool, t1, g, 16, KVA(ustart), ustart, uend - ustart,
	       PTE_ATTR(MT_NORMAL) | PTE_SH_INNER | PTE_AF | PTE_AP_EL0 | PTE_AP_RO | PTE_PXN);
	pt_map(pool, t1, g, 16, KVA(uend), uend, ram_end - uend, K_RAM);
	pt_map(pool, t1, g, 16, KVA(PLAT_UART_BASE), PLAT_UART_BASE, G_SIZE, K_DEV);
	pt_map(pool, t1, g, 16, KVA(PLAT_TEST_BASE), PLAT_TEST_BASE, G_SIZE, K_DEV);
	pt_map(pool, t1, g, 16, KVA(PLAT_WIN_BASE), PLAT_WIN_BASE, G_SIZE, K_NC);
	pt_map(pool, t1, g, 16, KVA(PLAT_EXCL_BASE), PLAT_EXCL_BASE, G_SIZE, K_DEV);
	pt_map(pool, t1, g, 16, KVA(PLAT_HOLE), PLAT_HOLE, G_SIZE, K_DEV);
	pt_map(pool, t1, g, 16, CROSS_VA, RAM_CROSS_PAGE, G_SIZE, K_RAM | PTE_PXN);
	pt_map(pool, t1, g, 16, CROSS_VA + G_SIZE, PLAT_WIN_BASE, G_SIZE, K_NC);

	/* TTBR0: identity (EL1), and EL0's pages */
	pt_map(pool, t0, g, 16, PLAT_RAM_BASE, PLAT_RAM_BASE, PLAT_RAM_SIZE, K_RAM);
	pt_map(pool, t0, g, 16, PLAT_UART_BASE, PLAT_UART_BASE, G_SIZE, K_DEV);
	pt_map(pool, t0, g, 16, PLAT_TEST_BASE, PLAT_TEST_BASE, G_SIZE, K_DEV);
	pt_map(pool, t0, g, 16, PLAT_WIN_BASE, PLAT_WIN_BASE, G_SIZE, K_NC);
	pt_map(pool, t0, g, 16, PLAT_EXCL_BASE, PLAT_EXCL_BASE, G_SIZE, K_DEV);
	pt_map(pool, t0, g, 16, U_WIN, PLAT_WIN_BASE, G_SIZE, K_NC | PTE_AP_EL0);
	pt_map(pool, t0, g, 16, U_TEST, PLAT_TEST_BASE, G_SIZE, K_DEV | PTE_AP_EL0);
	pt_map(pool, t0, g, 16, K_TEST, PLAT_TEST_BASE, G_SIZE, K_DEV);
	pt_map(pool, t0, g, 16, U_STACK, RAM_USER_STACK, G_SIZE, K_RAM | PTE_PXN | PTE_AP_EL0);

	*(uint64_t *)HERE(kernel_ttbr0) = t0;
	*(uint64_t *)HERE(kernel_ttbr1) = t1;
}

static int granule_supported(void)
{
	uint64_t mmfr0 = SYSREG_READ(id_aa64mmfr0_el1);
	unsigned tg4 = mmfr0 >> 28 & 0xf, tg64 = mmfr0 >> 24 & 0xf, tg16 = mmfr0 >> 20 & 0xf;
	return G_SHIFT == 12 ? tg4 != 0xf : G_SHIFT == 16 ? tg64 != 0xf : tg16 != 0;
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
	                 : "r"(MAIR_VALUE), "r"(tcr_kernel()), "r"(*(uint64_t *)HERE(kernel_ttbr0)),
	                   "r"(*(uint64_t *)HERE(kernel_ttbr1))
	                 : "memory");
	__asm__ volatile("mrs %0, sctlr_el1" : "=r"(sctlr));
	sctlr |= 1u << 0 | 1u << 2 | 1u << 12;  /* M, C, I */
	sctlr |= 1u << 14 | 1u << 26 | 1u << 23; /* DZE, UCI: DC at EL0; SPAN: PAN untouched */
	sctlr &= ~(1ull << 1 | 1ull << 19);      /* A: unaligned Normal accesses allowed; WXN */
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

/* EL0: run_el0 saves the callee-saved registers and ERETs; the EL0 code's
 * "svc #0" comes back through el0_hook to el0_return, on the same SP_EL1. */
__asm__(".text\n"
        ".global run_el0\n"
        "run_el0:\n"
        "	stp x29, x30, [sp, #-96]!\n"
        "	stp x19, x20, [sp, #16]\n"
        "	stp x21, x22, [sp, #32]\n"
        "	stp x23, x24, [sp, #48]\n"
        "	stp x25, x26, [sp, #64]\n"
        "	stp x27, x28, [sp, #80]\n"
        "	mov x29, sp\n"
        "	msr sp_el0, x4\n"
        "	msr elr_el1, x0\n"
        "	mov x0, #0x3c0\n" /* EL0t, DAIF masked */
        "	msr spsr_el1, x0\n"
        "	mov x0, x1\n"
        "	mov x1, x2\n"
        "	mov x2, x3\n"
        "	eret\n"
        ".global el0_return\n"
        "el0_return:\n" /* SP_EL1 is what it was at the ERET */
        "	ldp x19, x20, [sp, #16]\n"
        "	ldp x21, x22, [sp, #32]\n"
        "	ldp x23, x24, [sp, #48]\n"
        "	ldp x25, x26, [sp, #64]\n"
        "	ldp x27, x28, [sp, #80]\n"
        "	ldp x29, x30, [sp], #96\n"
        "	ret\n");

static int el0_hook(struct frame *f, unsigned vec)
{
	if (vec != 8 || ESR_EC(f->esr) != 0x15) /* SVC from EL0 */
		return 0;
	f->elr = (uint64_t)(uintptr_t)el0_return;
	f->spsr = 0x3c5; /* EL1h, DAIF masked */
	return 1;
}

int high_main(unsigned cpu, unsigned ncpus);
int high_main(unsigned cpu, unsigned ncpus)
{
	pt_offset = VA_HIGH;
	if (cpu == 0) {
		io_offset = VA_HIGH;
		exception_hook = el0_hook;
	}
	while (!io_offset || !exception_hook)
		__asm__ volatile("" ::: "memory");
	return vm_main(cpu, ncpus);
}

int guest_main(unsigned cpu, unsigned ncpus)
{
	int r;

	if (cpu == 0) {
		if (!granule_supported()) {
			gprintf("vm: the CPU does not support the %uK granule\n", (unsigned)G_KB);
			return 1;
		}
		build_kernel_tables();
		tables_ready = 1;
	}
	while (!tables_ready)
		__asm__ volatile("" ::: "memory");
	mmu_on();
	r = go_high(cpu, ncpus, HERE(high_main) + VA_HIGH, VA_HIGH);
	return r + (int)cpu_finished(cpu, ncpus);
}
