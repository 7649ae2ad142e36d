/* The host's stage-1 translation (see host.h): a kernel-style TTBR1 half. */
#include "host.h"
#include "pt.h"

#define K_RAM (S1_ATTR(MT_NORMAL) | PTE_SH_INNER | PTE_AF | S1_XN)
#define K_DEV (S1_ATTR(MT_DEVICE) | PTE_AF | S1_XN | S1_PXN)
#define U_RAM (S1_ATTR(MT_NORMAL) | PTE_SH_INNER | PTE_AF | S1_AP_EL0 | S1_XN | S1_PXN)
#define U_NC (S1_ATTR(MT_NORMAL_NC) | PTE_SH_INNER | PTE_AF | S1_AP_EL0 | S1_XN | S1_PXN)

/* TCR_EL1: T0SZ = T1SZ = 16, 4K granules both halves (TG0 0, TG1 2),
 * write-back inner-shareable walks, IPS 48 bits */
#define TCR_VALUE                                                                              \
	(16ull | 1ull << 8 | 1ull << 10 | 3ull << 12 | 16ull << 16 | 1ull << 24 | 1ull << 26 | \
	 3ull << 28 | 2ull << 30 | 5ull << 32)
#define SCTLR_EL1_RES1 0x30d00800ull
#define SCTLR_ON (1ull << 0 | 1ull << 2 | 1ull << 3 | 1ull << 12) /* M, C, SA, I; A clear */

static uint8_t pool_pages[48 * PAGE_SIZE] __attribute__((aligned(4096)));
static uint8_t cross_page[PAGE_SIZE] __attribute__((aligned(4096)));
static uint64_t ttbr0, ttbr1;

void host_tables(void)
{
	uint64_t lit = (uint64_t)rows_literal;
	struct pt_pool pool = { (uint64_t)pool_pages, (uint64_t)pool_pages + sizeof(pool_pages) };
	int err = 0;

	ttbr0 = pt_alloc(&pool);
	ttbr1 = pt_alloc(&pool);
	err |= pt_map(&pool, ttbr0, RAM_BASE, RAM_BASE, RAM_SIZE, K_RAM);
	err |= pt_map(&pool, ttbr0, UART_BASE, UART_BASE, PAGE_SIZE, K_DEV);
	err |= pt_map(&pool, ttbr1, KVA(RAM_BASE), RAM_BASE, RAM_SIZE, K_RAM);
	err |= pt_map(&pool, ttbr1, KVA(PDEV_BASE), PDEV_BASE, 2 * PAGE_SIZE, K_DEV);
	err |= pt_map(&pool, ttbr1, KNC(RAM_BASE), RAM_BASE, RAM_SIZE, U_RAM);
	err |= pt_map(&pool, ttbr1, KNC(PDEV_BASE), PDEV_BASE, 2 * PAGE_SIZE, U_NC);
	err |= pt_map(&pool, ttbr1, XVA, (uint64_t)cross_page, PAGE_SIZE, K_RAM | S1_PXN);
	err |= pt_map(&pool, ttbr1, XVA + PAGE_SIZE, PDEV_BASE, PAGE_SIZE, K_DEV);
	err |= pt_map(&pool, ttbr1, LIT_RAM, lit, PAGE_SIZE, K_RAM);
	err |= pt_map(&pool, ttbr1, LIT_RAM + 2 * PAGE_SIZE, (uint64_t)ram_page, PAGE_SIZE, K_RAM | S1_PXN);
	err |= pt_map(&pool, ttbr1, LIT_DEV, lit, PAGE_SIZE, K_RAM);
	err |= pt_map(&pool, ttbr1, LIT_DEV + 2 * PAGE_SIZE, PDEV_BASE, PAGE_SIZE, K_DEV);
	if (err || !ttbr0 || !ttbr1) {
		rt_printf("host: page-table pool exhausted\n");
		host_finish(1);
	}
}

void host_mmu_on(void)
{
	SYSREG_WRITE(mair_el1, MAIR_VALUE);
	SYSREG_WRITE(tcr_el1, TCR_VALUE);
	SYSREG_WRITE(ttbr0_el1, ttbr0);
	SYSREG_WRITE(ttbr1_el1, ttbr1);
	__asm__ volatile("isb\n\ttlbi vmalle1\n\tdsb nsh\n\tisb" ::: "memory");
	SYSREG_WRITE(sctlr_el1, SCTLR_EL1_RES1 | SCTLR_ON);
	__asm__ volatile("isb" ::: "memory");
}
