/*
 * The MMU-on guests' library: stage-1 page tables in the build's granule
 * (GRANULE_SHIFT 12, 14 or 16: one build per granule), the kernel's own
 * mappings, the switch to the TTBR1 address the guest is linked at, and
 * running code at EL0.
 *
 * A guest that includes this header defines vm_main(), which runs on every
 * vCPU at its linked TTBR1 address with the MMU on, the vectors at their
 * TTBR1 address and the stack's TTBR1 alias; devices are reached with IO().
 *
 * Virtual memory of the kernel regime (TCR_EL1: 48-bit VAs both halves):
 *   TTBR1  KVA(pa) = VA_HIGH + pa: RAM (EL1 RWX, Normal write-back), the
 *          UART and test registers (Device-nGnRnE), the test window
 *          (Normal non-cacheable: unaligned accesses allowed), the
 *          exclusive window and the hole (Device); .user_text is EL0 RX.
 *          CROSS_VA: one RAM page, then the test window's page.
 *   TTBR0  identity map of RAM and devices (EL1 only), and EL0's pages:
 *          U_WIN (the test window, EL0 RW), U_TEST (test registers, EL0
 *          RW), K_TEST (test registers, EL1 only), U_STACK (RAM, EL0 RW).
 */
#ifndef GUEST_VM_H
#define GUEST_VM_H

#include <stdint.h>

#include "guest.h"

#ifndef GRANULE_SHIFT
#define GRANULE_SHIFT 12
#endif
#define G_SHIFT GRANULE_SHIFT
#define G_SIZE (1ull << G_SHIFT)
#define G_KB (G_SIZE >> 10)

#define VA_HIGH 0xffff000000000000ull
#define KVA(pa) ((uint64_t)(pa) + VA_HIGH)
#define CROSS_VA (VA_HIGH + 0xc0000000ull)
#define U_WIN 0x0000002000000000ull
#define U_TEST 0x0000002000400000ull
#define K_TEST 0x0000002000800000ull
#define U_STACK 0x0000002000c00000ull

/* RAM use: image, then page tables, then scratch, then stacks */
#define RAM_TABLES (PLAT_RAM_BASE + 0x00800000ull) /* 32 MiB of tables */
#define RAM_TABLES_END (PLAT_RAM_BASE + 0x02800000ull)
#define RAM_SCRATCH (PLAT_RAM_BASE + 0x02800000ull) /* 16 MiB */
#define RAM_CROSS_PAGE RAM_SCRATCH                 /* CROSS_VA's RAM page */
#define RAM_USER_STACK (RAM_SCRATCH + 0x100000ull)  /* U_STACK, one granule */

/* descriptors (VMSAv8-64, stage 1) */
#define PTE_VALID 1ull
#define PTE_TABLE 2ull /* table at levels 0-2, page at level 3 */
#define PTE_ATTR(i) ((uint64_t)(i) << 2)
#define PTE_AP_EL0 (1ull << 6) /* AP[1]: EL0 access */
#define PTE_AP_RO (1ull << 7)  /* AP[2]: read-only */
#define PTE_SH_INNER (3ull << 8)
#define PTE_AF (1ull << 10)
#define PTE_NG (1ull << 11)
#define PTE_PXN (1ull << 53)
#define PTE_UXN (1ull << 54)
#define TBL_PXN (1ull << 59)
#define TBL_UXN (1ull << 60)
#define TBL_AP(x) ((uint64_t)(x) << 61)

/* MAIR_EL1 indexes */
#define MT_DEVICE 0    /* Device-nGnRnE */
#define MT_NORMAL 1    /* Normal write-back */
#define MT_NORMAL_NC 2 /* Normal non-cacheable */
#define MAIR_VALUE (0x00ull | 0xffull << 8 | 0x44ull << 16 | 0x04ull << 24 | 0xbbull << 32 | 0x0cull << 40 | \
                    0xeeull << 48 | 0x08ull << 56)

#define K_RAM (PTE_ATTR(MT_NORMAL) | PTE_SH_INNER | PTE_AF | PTE_UXN)
#define K_DEV (PTE_ATTR(MT_DEVICE) | PTE_AF | PTE_UXN | PTE_PXN)
#define K_NC (PTE_ATTR(MT_NORMAL_NC) | PTE_SH_INNER | PTE_AF | PTE_UXN | PTE_PXN)

/* TCR_EL1 TG0/TG1 fields of a granule */
uint64_t tcr_granule(unsigned g);
/* The build's TCR_EL1: 48-bit VAs both halves, IPS 48 bits, WB walks. */
uint64_t tcr_kernel(void);

/* A bump allocator of zeroed tables (physical addresses). */
struct pt_pool {
	uint64_t next, end;
};
uint64_t pt_alloc(struct pt_pool *p, unsigned g);
/* The address tables are written through: PA, or its TTBR1 alias. */
uint64_t *pt_ptr(uint64_t pa);

/* Levels of a walk: the shift of a level, the start level for TxSZ. */
unsigned pt_shift(unsigned g, int level);
int pt_start_level(unsigned g, unsigned tsz);
/* Map [va, va + size) to pa with `attrs` (AF, SH, AttrIndx, AP, XN bits),
 * blocks where the granule allows them and both addresses are aligned. */
void pt_map(struct pt_pool *pool, uint64_t root, unsigned g, unsigned tsz, uint64_t va, uint64_t pa,
            uint64_t size, uint64_t attrs);
/* The leaf descriptor for va (and its level), or NULL. */
uint64_t *pt_leaf(uint64_t root, unsigned g, unsigned tsz, uint64_t va, int *level);

/* The kernel's tables (built once by vCPU 0). */
extern uint64_t kernel_ttbr0, kernel_ttbr1;
extern struct pt_pool kernel_pool;

void tlb_flush(void);
void set_ttbr0(uint64_t ttbr0);

/* Run `fn` at EL0 (EL0t, SP_EL0 = sp, x0 = a, x1 = b, x2 = c); it ends with
 * "svc #0" and its x0 is returned. fn must be in .user_text. */
uint64_t run_el0(uint64_t fn, uint64_t a, uint64_t b, uint64_t c, uint64_t sp);
extern char el0_return[]; /* where an EL0 exception handler sends run_el0's return */
#define USER_FN __attribute__((section(".user_text"), noinline, noclone, used))

/* Defined by the guest: runs high, MMU on, on every vCPU. */
int vm_main(unsigned cpu, unsigned ncpus);

/* ESR fields */
#define ESR_EC(e) (((e) >> 26) & 0x3f)
#define ESR_DFSC(e) ((e)&0x3f)
#define ESR_WNR (1u << 6)
#define ESR_FNV (1u << 10)

#endif
