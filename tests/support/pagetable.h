/*
 * Stage-1 translation tables for tests: VMSAv8-64 descriptors with the 4K,
 * 16K and 64K granules, 52-bit formats (FEAT_LPA2 with DS, FEAT_LPA) and
 * big-endian tables, built in whatever memory the caller names. Used by
 * the trap suite (tables in guest RAM) and the differential (identity
 * tables in host memory). Plain C, no libc beyond <stdint.h>/<stddef.h>:
 * a bare-metal guest can use it too.
 */
#ifndef NISV_TEST_PAGETABLE_H
#define NISV_TEST_PAGETABLE_H

#include <stddef.h>
#include <stdint.h>

/* Where a table set lives. */
struct pt_mem {
	void *ctx;
	/* host address of the 8 bytes at ipa */
	uint8_t *(*host)(void *ctx, uint64_t ipa);
	/* IPA of `bytes` zeroed bytes aligned to their size (at least 64);
	 * the builder stops on UINT64_MAX */
	uint64_t (*alloc)(void *ctx, uint64_t bytes);
};

enum { PT_DS = 1u << 0, PT_LPA = 1u << 1, PT_BE = 1u << 2 };

struct pt {
	unsigned g;     /* granule shift: 12, 14, 16 */
	unsigned tsz;   /* TxSZ                      */
	unsigned flags; /* PT_DS / PT_LPA / PT_BE    */
	int start;      /* start level               */
	uint64_t root;  /* IPA of the root table     */
	const struct pt_mem *mem;
};

/* A fresh empty root table: 0, or -1 when the memory is exhausted. */
int pt_create(struct pt *t, const struct pt_mem *mem, unsigned g, unsigned tsz, unsigned flags);
/* Map va -> pa with a leaf at `level` (3: page, else block), creating
 * tables: 0, or -1 when the memory is exhausted. */
int pt_map(struct pt *t, uint64_t va, uint64_t pa, int level, uint64_t attrs);
/* IPA of the descriptor that translates va at `level` (tables must exist). */
uint64_t pt_desc_ipa(const struct pt *t, uint64_t va, int level);
uint64_t pt_get(const struct pt *t, uint64_t va, int level);
void pt_set(const struct pt *t, uint64_t va, int level, uint64_t desc);
/* Output-address field of a descriptor for pa (52-bit formats included). */
uint64_t pt_oa(const struct pt *t, uint64_t pa);
/* TTBRn_EL1 value for the table (BADDR[51:48] in bits [5:2] for 52-bit). */
uint64_t pt_ttbr(const struct pt *t);
/* Bytes translated by one descriptor at a level. */
uint64_t pt_level_size(const struct pt *t, int level);
/* TCR_EL1.TG0 and TG1 fields for granule shifts g0 and g1. */
uint64_t pt_tcr_tg(unsigned g0, unsigned g1);

#endif
