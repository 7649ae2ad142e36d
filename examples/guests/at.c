/*
 * Oracle 4: the CPU's own stage-1 translation (AT + PAR_EL1) against nisv's
 * walker, in this build's granule.
 *
 * Each round builds random tables: a TTBR0 tree from a random TCR_EL1 half
 * (T0SZ from its minimum to 39, IPS, TBI0, EPD0, HPD0) and random subtrees in the free
 * root entries of the kernel's TTBR1 table (TBI1, HPD1 random too), with
 * blocks, pages, invalid and reserved descriptors, AF = 0, every AP, XN,
 * APTable/XNTable, every MAIR index, output addresses inside and beyond the
 * IPS. It then translates a few hundred VAs (mostly inside the mapped
 * leaves, some anywhere, some with a tag byte) with AT S1E1R, S1E1W, S1E0R
 * or S1E0W, stores VA + PAR_EL1 in RAM and hands the batch to the VMM
 * (TEST_ORACLE) while the random registers are still live: the VMM walks
 * each VA with nisv from the vCPU's registers and guest RAM and counts the
 * mismatches (PA, Device or not, fault kind and level).
 *
 * While TTBR0 is random this code touches only TTBR1 addresses (code, stack,
 * data and devices all run high: vm.h).
 */
#include "vm.h"

#define ROUNDS 24
#define PER_ROUND 512
#define EDGE_ROUNDS 4
#define MAX_TABLES 20
#define MAX_LEAVES 512
#define ORACLE_TABLES (RAM_SCRATCH + 0x200000ull)
#define ORACLE_TABLES_END (RAM_SCRATCH + 0x1000000ull)

static uint64_t rng = 0x9e3779b97f4a7c15ull ^ GRANULE_SHIFT;
static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}
static unsigned pct(void)
{
	return (unsigned)(rnd() % 100);
}

struct leaf {
	uint64_t va, size;
};
static struct leaf leaves[MAX_LEAVES];
static unsigned nleaves, ntables;
static struct pt_pool pool;
static unsigned g = G_SHIFT;
static int edge; /* also blocks at levels the CPU model mishandles */

static struct oracle_entry entries[PER_ROUND];
static struct oracle_batch batch;

static int block_allowed(int level)
{
	return g == 12 ? level == 1 || level == 2 : level == 2;
}

static uint64_t random_leaf(int level, uint64_t size)
{
	uint64_t oa, d;
	unsigned r = pct();

	if (r < 75)
		oa = rnd() & ((1ull << 40) - 1);
	else if (r < 90)
		oa = rnd() & ((1ull << 48) - 1); /* often beyond a small IPS */
	else
		oa = PLAT_RAM_BASE + (rnd() & (PLAT_RAM_SIZE - 1));
	oa &= ~(size - 1);
	d = oa | (uint64_t)(rnd() % 8) << 2 /* AttrIndx */ | (uint64_t)(rnd() % 4) << 6 /* AP */ |
	    (uint64_t)(rnd() % 4) << 8 /* SH */ | (pct() < 80 ? PTE_AF : 0) | (rnd() & 1 ? PTE_NG : 0) |
	    (rnd() & 1 ? PTE_PXN : 0) | (rnd() & 1 ? PTE_UXN : 0);
	return d | (level == 3 ? 3 : 1);
}

/* fill some entries of the table at `pa` (level, VA of its first entry) */
static void gen(uint64_t pa, int level, unsigned bits, uint64_t va_base, int skip_first)
{
	uint64_t *t = pt_ptr(pa);
	unsigned n = 1u << bits, sh = pt_shift(g, level), fills = n <= 16 ? n : 4 + (unsigned)(rnd() % 12);

	for (unsigned k = 0; k < fills; k++) {
		unsigned idx = n <= 16 ? k : (unsigned)(rnd() % n);
		uint64_t va = va_base + ((uint64_t)idx << sh), size = 1ull << sh;
		unsigned r = pct();

		if (skip_first && idx == 0)
			continue;
		if (r < 15) {
			t[idx] = rnd() & ~1ull; /* invalid, random junk */
		} else if (level < 3 && r < 60 && ntables < MAX_TABLES) {
			uint64_t next = pt_alloc(&pool, g);
			ntables++;
			t[idx] = next | 3 | (pct() < 25 ? rnd() & (0x1full << 59) & ~(1ull << 63) : 0);
			gen(next, level + 1, g - 3, va, 0);
		} else if (level == 3 || block_allowed(level) || (edge && r < 65)) {
			/* a page, a block, or a block where none is allowed (r < 65) */
			t[idx] = random_leaf(level, size);
			if (level == 3 && pct() < 5)
				t[idx] &= ~2ull; /* reserved descriptor at level 3 */
			if (nleaves < MAX_LEAVES)
				leaves[nleaves++] = (struct leaf){ va, size };
		} else {
			t[idx] = 0;
		}
	}
}

static uint64_t at(unsigned op, uint64_t va)
{
	uint64_t par;

	switch (op) {
	case ORACLE_AT_S1E1R: __asm__ volatile("at s1e1r, %0" : : "r"(va)); break;
	case ORACLE_AT_S1E1W: __asm__ volatile("at s1e1w, %0" : : "r"(va)); break;
	case ORACLE_AT_S1E0R: __asm__ volatile("at s1e0r, %0" : : "r"(va)); break;
	default: __asm__ volatile("at s1e0w, %0" : : "r"(va)); break;
	}
	__asm__ volatile("isb\n\tmrs %0, par_el1" : "=r"(par));
	return par;
}

static uint64_t total, mism, n_ok, n_af, n_perm, n_xlat, n_size, edge_total, edge_diff;

static void round_(unsigned round)
{
	uint64_t mmfr2 = SYSREG_READ(id_aa64mmfr2_el1), tcr, ttbr0, *root1 = pt_ptr(kernel_ttbr1);
	unsigned lva = (mmfr2 >> 16 & 0xf) == 1, tsz0, eff0, min0, bits1;
	int start0, start1 = pt_start_level(g, 16);

	min0 = g == 16 && lva ? 12 : 16;
	/* T0SZ below the minimum is IMPLEMENTATION DEFINED (a level-0
	 * translation fault, or the minimum): edge rounds only */
	tsz0 = edge ? 12 + (unsigned)(rnd() % 28) : min0 + (unsigned)(rnd() % (40 - min0));
	eff0 = tsz0 < min0 ? min0 : tsz0;
	start0 = pt_start_level(g, eff0);
	pool.next = ORACLE_TABLES;
	pool.end = ORACLE_TABLES_END;
	nleaves = ntables = 0;

	/* TTBR0: a random tree (a 64-byte aligned root, as wide as T0SZ needs) */
	ttbr0 = pt_alloc(&pool, g);
	gen(ttbr0, start0, 64 - eff0 - pt_shift(g, start0), 0, 0);

	/* TTBR1: random subtrees in the kernel root's free entries (not entry 0) */
	bits1 = 64 - 16 - pt_shift(g, start1);
	for (unsigned i = 1; i < (1u << bits1); i++)
		root1[i] = 0;
	gen(kernel_ttbr1, start1, bits1, VA_HIGH, 1);

	tcr = tcr_kernel() & ~(0x3full | 1ull << 7 | 7ull << 32 | 3ull << 37 | 3ull << 41);
	tcr |= tsz0;
	tcr |= (uint64_t)(rnd() % 6) << 32;                 /* IPS 32..48 bits */
	tcr |= pct() < 10 ? 1ull << 7 : 0;                  /* EPD0 */
	tcr |= (rnd() & 1 ? 1ull << 37 : 0) | (rnd() & 1 ? 1ull << 38 : 0); /* TBI0, TBI1 */
	tcr |= (pct() < 30 ? 1ull << 41 : 0) | (pct() < 30 ? 1ull << 42 : 0); /* HPD0, HPD1 */

	for (unsigned i = 0; i < PER_ROUND; i++) {
		unsigned r = pct();
		uint64_t va;

		if (r < 60 && nleaves) {
			const struct leaf *l = &leaves[rnd() % nleaves];
			va = l->va + (rnd() & (l->size - 1));
		} else if (r < 80) {
			va = rnd() & ((1ull << (64 - eff0)) - 1);
		} else if (r < 95) {
			va = VA_HIGH | (rnd() & ((1ull << 48) - 1));
		} else {
			va = rnd();
		}
		if (pct() < 10)
			va = (va & ~(0xffull << 56)) | (rnd() & 0xff) << 56; /* a tag byte */
		entries[i].va = va;
		entries[i].op = rnd() % 4;
	}

	__asm__ volatile("dsb ish" ::: "memory");
	__asm__ volatile("msr tcr_el1, %0\n\tmsr ttbr0_el1, %1\n\tisb" : : "r"(tcr), "r"(ttbr0) : "memory");
	tlb_flush();
	for (unsigned i = 0; i < PER_ROUND; i++)
		entries[i].par = at((unsigned)entries[i].op, entries[i].va);
	batch = (struct oracle_batch){ .count = PER_ROUND, .entries = (uint64_t)(uintptr_t)entries - VA_HIGH,
		                       .edge = (uint64_t)edge };
	__asm__ volatile("dsb sy" ::: "memory");
	/* the VMM reads this vCPU's TCR/TTBRs now, while they are the random ones */
	w64(IO(PLAT_TEST_BASE) + TEST_ORACLE, (uint64_t)(uintptr_t)&batch - VA_HIGH);
	__asm__ volatile("msr tcr_el1, %0\n\tmsr ttbr0_el1, %1\n\tisb" : : "r"(tcr_kernel()), "r"(kernel_ttbr0)
	                 : "memory");
	tlb_flush();

	CHECK_EQ(batch.checked, PER_ROUND);
	if (edge) {
		edge_total += batch.checked;
		edge_diff += batch.mismatches;
		return;
	}
	CHECK_EQ(batch.mismatches, 0);
	if (batch.mismatches)
		gprintf("at: round %u: %lu mismatches (TCR 0x%lx)\n", round, batch.mismatches, tcr);
	total += batch.checked;
	mism += batch.mismatches;
	n_ok += batch.ok;
	n_af += batch.af_faults;
	n_perm += batch.perm_faults;
	n_xlat += batch.xlat_faults;
	n_size += batch.size_faults;
}

int vm_main(unsigned cpu, unsigned ncpus)
{
	(void)ncpus;
	if (cpu != 0)
		return 0;
	for (unsigned r = 0; r < ROUNDS; r++)
		round_(r);
	gprintf("at: %uK granule: %lu VAs, %lu mismatches; CPU: %lu translated, %lu translation, %lu access-flag, "
	        "%lu permission, %lu address-size faults\n",
	        (unsigned long)G_KB, total, mism, n_ok, n_xlat, n_af, n_perm, n_size);
	CHECK(total >= 10000);
	/* Edge rounds, counted apart: blocks at levels the architecture allows
	 * only with TCR_EL1.DS (4K level 0, 16K level 1) or FEAT_LPA (64K level
	 * 1): QEMU 7.2's walker accepts the first two without DS, and a 4 TB 64K
	 * block larger than the IPS is where QEMU and nisv check the output
	 * size differently; and T0SZ below its minimum, where QEMU 7.2 faults
	 * and nisv uses the minimum (an IMPLEMENTATION DEFINED choice). */
	edge = 1;
	for (unsigned r = 0; r < EDGE_ROUNDS; r++)
		round_(ROUNDS + r);
	gprintf("at: %uK granule edge cases: %lu VAs, %lu differ between QEMU's AT and nisv (see the VMM's "
	        "\"edge-case difference\" lines)\n",
	        (unsigned long)G_KB, edge_total, edge_diff);
	return 0;
}
