/*
 * VMSAv8-64 translation tables with the 4K granule and 48-bit input
 * addresses (start level 0), for all three regimes the example builds:
 * the hypervisor's own EL2 stage 1, the host's stage 2 and the host's EL1
 * stage 1. Tables are written at their physical address (the builder runs
 * with an identity map or the MMU off).
 */
#ifndef EL2_PT_H
#define EL2_PT_H

#include <stdint.h>

#define PAGE_SIZE 4096ull

/* descriptor bits common to both stages */
#define PTE_AF (1ull << 10)
#define PTE_SH_INNER (3ull << 8)

/* stage 1 (EL1&0 and EL2): AttrIndx into MAIR, AP, execute-never */
#define S1_ATTR(i) ((uint64_t)(i) << 2)
#define S1_AP_EL0 (1ull << 6) /* AP[1]: EL0 access (RES1 in EL2's regime) */
#define S1_AP_RO (1ull << 7)
#define S1_PXN (1ull << 53)
#define S1_XN (1ull << 54) /* UXN at EL1&0, XN at EL2 */
/* MAIR indexes used by both the hypervisor and the host */
#define MT_DEVICE 0    /* Device-nGnRnE */
#define MT_NORMAL 1    /* Normal, write-back */
#define MT_NORMAL_NC 2 /* Normal, non-cacheable */
#define MAIR_VALUE (0x00ull | 0xffull << 8 | 0x44ull << 16)

/* stage 2 (HCR_EL2.FWB == 0): MemAttr[5:2] and S2AP[7:6] */
#define S2_NORMAL (0xfull << 2) /* Normal, outer and inner write-back */
#define S2_DEVICE (0x1ull << 2) /* Device-nGnRE */
#define S2_RW (3ull << 6)

struct pt_pool {
	uint64_t next, end; /* free zeroed-on-allocation pages [next, end) */
};

/* A zeroed table from the pool; 0 when it is exhausted. */
uint64_t pt_alloc(struct pt_pool *pool);
/* Map [va, va + size) to pa with `attrs` (everything but the address and
 * the descriptor type), with 1 GiB and 2 MiB blocks where both addresses
 * are aligned; all three sizes page-aligned. 0 or -1 (pool exhausted). */
int pt_map(struct pt_pool *pool, uint64_t root, uint64_t va, uint64_t pa, uint64_t size, uint64_t attrs);

#endif
