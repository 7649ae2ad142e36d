/*
 * Stage-1 translation as nisv_emulate sees it, with hand-built tables:
 * granules, TTBR0/TTBR1, TxSZ, TBI, EPD, blocks, invalid descriptors,
 * address size, AP[2:1] / APTable / HPD, PAN, LDTR/STTR and UAO, the
 * access flag (with HA), dirty state (DBM + HD), 52-bit addresses.
 * Expected faults follow AArch64.S1Translate and the ESR_EL1 ISS encoding.
 * Most cases are rows of struct walk_case tables, one access each.
 */
#include "harness.h"

#define VA_LO 0x0000123456700000ull /* a TTBR0 address, 1 MB aligned      */
#define VA_HI 0xffff800012300000ull /* a TTBR1 address                    */
#define VA_2M 0x0000123456400000ull /* a 2 MB aligned TTBR0 address        */
#define DATA (IPA_RAM + 0x10000)    /* a 64K-aligned data page in RAM     */
#define VA52 0x000f123456700000ull  /* a 52-bit TTBR0 address             */

/* esr_of() as a constant expression, for the tables */
#define DABT_EL1(fsc) ((uint32_t)EC_DABT_CUR << 26 | ESR_IL | (fsc))
#define DABT_EL0(fsc) ((uint32_t)EC_DABT_LOW << 26 | ESR_IL | (fsc))

static const unsigned granules[3] = { 12, 14, 16 };

static const char *gname(unsigned g)
{
	return g == 12 ? "4K" : g == 14 ? "16K" : "64K";
}

static uint64_t page(unsigned g)
{
	return 1ull << g;
}

/* Lookups of a full walk from the start level to a page. */
static unsigned lookups(const struct pt *t)
{
	return (unsigned)(4 - t->start);
}

/* ---- the case tables' row: one access through hand-built tables ---------- */

/* pt_map(t, va, pa, level, attrs) */
struct map {
	struct pt *t;
	uint64_t va, pa;
	int level;
	uint64_t attrs;
};

/* The descriptor for va at `level` and a change of it: (desc & ~clear) | set,
 * with the output-address field of oa (pt_oa) or-ed in when oa is not 0. */
struct edit {
	const struct pt *t;
	uint64_t va;
	int level;
	uint64_t clear, set, oa;
};
#define EDIT(t, va, level, clear, set) { (t), (va), (level), (clear), (set), 0 }
#define INVALID(t, va, level) EDIT(t, va, level, ~0ull, 0)
#define TABLE_AT(t, va, level, oa) { (t), (va), (level), ~0ull, 3, (oa) }

#define FAULT(kind, l, e, va) .fault = NISV_FAULT_##kind, .level = (l), .esr = (e), .far = (va)
#define IPS(n) .tcr_off = TCR_IPS_MASK, .tcr_on = TCR_IPS(n)

/*
 * One access: a fresh guest with the MMU on (mmu_on), the row's settings,
 * maps and descriptor edit, then `word` with X0 = x0. A row with `then`
 * keeps the previous row's guest, tables and vCPU (with what the vCPU
 * remembers of earlier walks) and changes only what it names.
 */
struct walk_case {
	const char *name;         /* NULL: one more access in the previous row's case */
	uint8_t then;             /* continue the previous row's guest                */
	uint8_t mmu_off;          /* no mmu_on                                        */
	uint8_t g, mmu;           /* mmu_on(g, mmu); g = 0: 4K                        */
	uint64_t pt_at;           /* guest_pt_at() before mmu_on, when not 0          */
	uint64_t xram;            /* XRAM[0] at this IPA, when not 0                  */
	uint8_t inject;           /* set_mode()                                       */
	uint32_t feat, feat_off;  /* features turned on / off                         */
	uint8_t pa_bits;          /* set_pa_bits(), when not 0                        */
	uint64_t tcr_off, tcr_on; /* TCR_EL1 = (TCR_EL1 & ~tcr_off) | tcr_on          */
	uint64_t ttbr0;           /* TTBR0_EL1, when not 0                            */
	uint8_t el0;              /* PSTATE = EL0t                                    */
	uint64_t pstate;          /* PSTATE, when not 0                               */
	struct map map[2];
	struct edit edit;
	void (*setup)(void);      /* last: more setup, checks of the tables' encoding */
	uint32_t word;
	uint64_t x0, x1;          /* X1 when not 0                                    */
	uint64_t pa, mem;         /* pa != 0: the doubleword there before a load, or
	                             after a store that succeeds                      */
	uint64_t x1_after;        /* X1 after the load, when not mem                  */
	/* expected: NISV_OK (fault = 0) or the fault */
	unsigned fault;
	int level;
	uint32_t esr;
	uint64_t far;
	uint8_t walks, no_walk;   /* descriptor reads, when walks or no_walk          */
	struct edit desc;         /* that descriptor after the access; clear = set =
	                             0: unchanged and not written back either         */
};

static void run_walk_case(const struct walk_case *c)
{
	int load = c->word == I_LDR_X1_X0 || c->word == I_LDTR_X1_X0;
	const struct edit *e = &c->edit;
	nisv_result r;
	nisv_status st;
	uint64_t d = 0;

	if (c->name)
		tcase(c->name);
	if (!c->then) {
		guest_reset();
		if (c->pt_at)
			guest_pt_at(c->pt_at);
		if (!c->mmu_off)
			mmu_on(c->g ? c->g : 12, c->mmu);
		if (c->xram)
			add_ram(c->xram, XRAM[0], XRAM_SIZE);
	}
	set_mode(c->inject);
	if (c->feat || c->feat_off)
		set_features((G.features | c->feat) & ~c->feat_off);
	if (c->pa_bits)
		set_pa_bits(c->pa_bits);
	R(NISV_TCR_EL1) = (R(NISV_TCR_EL1) & ~c->tcr_off) | c->tcr_on;
	if (c->ttbr0)
		R(NISV_TTBR0_EL1) = c->ttbr0;
	if (c->el0 || c->pstate)
		R(NISV_PSTATE) = c->el0 ? PS_EL0T : c->pstate;
	for (unsigned i = 0; i < 2 && c->map[i].t; i++)
		pt_map(c->map[i].t, c->map[i].va, c->map[i].pa, c->map[i].level, c->map[i].attrs);
	if (e->t)
		pt_set(e->t, e->va, e->level,
		       (pt_get(e->t, e->va, e->level) & ~e->clear) | e->set | (e->oa ? pt_oa(e->t, e->oa) : 0));
	if (c->desc.t)
		d = pt_get(c->desc.t, c->desc.va, c->desc.level);
	if (c->setup)
		c->setup();
	if (c->pa && load)
		gp_w64(c->pa, c->mem);
	R(0) = c->x0;
	if (c->x1)
		R(1) = c->x1;
	st = run(c->word, &r);
	if (c->fault) {
		EXPECT_FAULT(st, &r, c->fault, c->level, c->esr, c->far);
	} else {
		EXPECT_OK_REGS(st, load ? BIT(1) : 0);
		if (c->pa)
			EXPECT_EQ(load ? R(1) : gp_r64(c->pa), load && c->x1_after ? c->x1_after : c->mem);
	}
	if (c->walks || c->no_walk)
		EXPECT_EQ(G.mem.walk_reads, c->walks);
	if (c->desc.t) {
		EXPECT_EQ(pt_get(c->desc.t, c->desc.va, c->desc.level), (d & ~c->desc.clear) | c->desc.set);
		if (!c->desc.clear && !c->desc.set)
			EXPECT_EQ(G.mem.cas, 0);
	}
}

static void run_walk_cases(const struct walk_case *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		run_walk_case(&c[i]);
}
#define RUN_WALK_CASES(table) run_walk_cases(table, sizeof table / sizeof table[0])

/* ---- granules, TTBR0/TTBR1, TxSZ ---------------------------------------- */

static void t_granule(unsigned g)
{
	nisv_result r;
	nisv_status st;

	tcasef("walk %s: LDR through TTBR0, one lookup per level", gname(g));
	guest_reset();
	mmu_on(g, 0);
	pt_map(&LO, VA_LO, DATA, 3, PG_KDATA);
	gp_w64(DATA + 0x128, 0x1122334455667788ull);
	R(0) = VA_LO + 0x128;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_OK_REGS(st, BIT(1));
	EXPECT_EQ(R(1), 0x1122334455667788ull);
	EXPECT_EQ(G.mem.walk_reads, g == 16 ? 3 : 4);
	EXPECT_EQ(r.va, VA_LO + 0x128);

	tcasef("walk %s: STR through TTBR1 at 0xffff8000...", gname(g));
	guest_reset();
	mmu_on(g, 0);
	pt_map(&HI, VA_HI, DATA, 3, PG_KDATA);
	R(0) = VA_HI + 0x230;
	R(1) = 0x0102030405060708ull;
	st = run(I_STR_X1_X0, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(gp_r64(DATA + 0x230), 0x0102030405060708ull);
	EXPECT_EQ(G.mem.walk_reads, g == 16 ? 3 : 4);

	tcasef("walk %s: EL0 LDR through TTBR0, user page", gname(g));
	guest_reset();
	mmu_on(g, 0);
	pt_map(&LO, VA_LO, DATA, 3, PG_UDATA);
	gp_w64(DATA + 8, 0xcafef00dull);
	R(NISV_PSTATE) = PS_EL0T;
	R(0) = VA_LO + 8;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_OK_REGS(st, BIT(1));
	EXPECT_EQ(R(1), 0xcafef00dull);
}

/* A smaller TTBR1 region: fewer levels; outside it, a level 0 fault. */
static void t_txsz(unsigned g, unsigned t1sz, unsigned want_lookups)
{
	nisv_result r;
	nisv_status st;
	uint64_t va = (~0ull << (64 - t1sz)) + 0x12340000ull;

	tcasef("walk %s: T1SZ=%u starts at level %d (%u lookups)", gname(g), t1sz, 4 - (int)want_lookups,
	       want_lookups);
	guest_reset();
	mmu_on(g, 0);
	pt_init(&HI, g, t1sz, 0);
	R(NISV_TCR_EL1) = (R(NISV_TCR_EL1) & ~(0x3full << 16)) | (uint64_t)t1sz << 16;
	R(NISV_TTBR1_EL1) = pt_ttbr(&HI);
	pt_map(&HI, va, DATA, 3, PG_KDATA);
	gp_w64(DATA + 0x40, 77);
	R(0) = va + 0x40;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_OK_REGS(st, BIT(1));
	EXPECT_EQ(R(1), 77);
	EXPECT_EQ(G.mem.walk_reads, want_lookups);
	EXPECT_EQ(lookups(&HI), want_lookups);

	tcasef("walk %s: T1SZ=%u, VA below the TTBR1 range -> translation fault level 0", gname(g),
	       t1sz);
	set_mode(1);
	R(0) = 0xffff000000000040ull;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 0, DABT_EL1(FSC_TRANS(0)), 0xffff000000000040ull);
	EXPECT_EQ(G.mem.walk_reads, 0);
}

/* An access crossing into an unmapped page: FAR = first byte of that page. */
static void t_page_cross(unsigned g)
{
	nisv_result r;
	nisv_status st;

	for (int write = 0; write < 2; write++) {
		tcasef("walk %s: %s crossing into an invalid page -> level 3 fault, FAR = next page",
		       gname(g), write ? "STR" : "LDR");
		guest_reset();
		set_mode(write);
		mmu_on(g, 0);
		pt_map(&LO, VA_LO, DATA, 3, PG_KDATA);
		pt_map(&LO, VA_LO + page(g), DATA + page(g), 3, PG_KDATA);
		pt_set(&LO, VA_LO + page(g), 3, 0);
		R(0) = VA_LO + page(g) - 4;
		st = run(write ? I_STR_X1_X0 : I_LDR_X1_X0, &r);
		EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 3,
		             DABT_EL1(FSC_TRANS(3) | (write ? ISS_WNR : 0)), VA_LO + page(g));
	}
}

/* ---- TBI, EPD, E0PD ------------------------------------------------------- */

#define LO_TAGGED (0x5a00000000000000ull | (VA_LO + 0x10))
#define HI_TAGGED (0xa5ffffffffffffffull & (VA_HI + 0x10))

static const struct walk_case tbi_epd_cases[] = {
	{ "TBI0: a tagged TTBR0 pointer translates its bits [55:0]", .tcr_on = TCR_TBI0,
	  .map = { { &LO, VA_LO, DATA, 3, PG_KDATA } }, .word = I_LDR_X1_X0, .x0 = LO_TAGGED, .pa = DATA + 0x10,
	  .mem = 0x7a66ed },
	{ "TBI0 clear: the same tagged pointer -> translation fault level 0, FAR = VA", .then = 1, .inject = 1,
	  .tcr_off = TCR_TBI0, .word = I_LDR_X1_X0, .x0 = LO_TAGGED,
	  FAULT(TRANSLATION, 0, DABT_EL1(FSC_TRANS(0)), LO_TAGGED) },
	{ "TBI1: a tagged TTBR1 pointer (top byte 0xa5) translates", .tcr_on = TCR_TBI1,
	  .map = { { &HI, VA_HI, DATA, 3, PG_KDATA } }, .word = I_STR_X1_X0, .x0 = HI_TAGGED, .x1 = 0x5151,
	  .pa = DATA + 0x10, .mem = 0x5151 },
	{ "TBI1 clear: tagged TTBR1 pointer -> translation fault level 0 (report)", .then = 1,
	  .tcr_off = TCR_TBI1, .word = I_STR_X1_X0, .x0 = HI_TAGGED,
	  FAULT(TRANSLATION, 0, DABT_EL1(FSC_TRANS(0) | ISS_WNR), HI_TAGGED) },
	{ "TBI0 does not apply to TTBR1 addresses", .then = 1, .tcr_on = TCR_TBI0, .word = I_STR_X1_X0,
	  .x0 = HI_TAGGED, FAULT(TRANSLATION, 0, DABT_EL1(FSC_TRANS(0) | ISS_WNR), HI_TAGGED) },

	{ "EPD0: TTBR0 access -> translation fault level 0 without a walk", .inject = 1, .tcr_on = TCR_EPD0,
	  .map = { { &LO, VA_LO, DATA, 3, PG_KDATA }, { &HI, VA_HI, DATA, 3, PG_KDATA } }, .word = I_LDR_X1_X0,
	  .x0 = VA_LO + 0x20, FAULT(TRANSLATION, 0, DABT_EL1(FSC_TRANS(0)), VA_LO + 0x20), .no_walk = 1 },
	{ "EPD0 leaves TTBR1 walks alone", .then = 1, .inject = 1, .word = I_LDR_X1_X0, .x0 = VA_HI + 0x20,
	  .pa = DATA + 0x20, .mem = 0x3e3e },
	{ "EPD1: TTBR1 store -> translation fault level 0 without a walk", .tcr_on = TCR_EPD1,
	  .map = { { &LO, VA_LO, DATA, 3, PG_KDATA }, { &HI, VA_HI, DATA, 3, PG_KDATA } }, .word = I_STR_X1_X0,
	  .x0 = VA_HI + 0x28, FAULT(TRANSLATION, 0, DABT_EL1(FSC_TRANS(0) | ISS_WNR), VA_HI + 0x28), .no_walk = 1 },

	{ "E0PD0: EL0 access to TTBR0 -> translation fault level 0, no walk", .inject = 1, .tcr_on = TCR_E0PD0,
	  .el0 = 1, .map = { { &LO, VA_LO, DATA, 3, PG_UDATA } }, .word = I_LDR_X1_X0, .x0 = VA_LO + 0x10,
	  FAULT(TRANSLATION, 0, DABT_EL0(FSC_TRANS(0)), VA_LO + 0x10), .no_walk = 1 },
	{ "E0PD0: LDTR at EL1 is an EL0 access -> translation fault level 0 (EC 0x25)", .then = 1, .inject = 1,
	  .pstate = PS_EL1H, .word = I_LDTR_X1_X0, .x0 = VA_LO + 0x10,
	  FAULT(TRANSLATION, 0, DABT_EL1(FSC_TRANS(0)), VA_LO + 0x10) },
	/* the injected exception set PAN: back to plain EL1h */
	{ "E0PD0: EL1 LDR unaffected", .then = 1, .pstate = PS_EL1H, .word = I_LDR_X1_X0, .x0 = VA_LO + 0x10,
	  .pa = DATA + 0x10, .mem = 0xe0 },
};

/* ---- blocks --------------------------------------------------------------- */

struct block_case {
	unsigned g, mmu;
	int level;
	uint64_t va, pa;
};

static const struct block_case blocks[] = {
	{ 12, 0, 1, 0x0000004000000000ull, 0x0000000140000000ull },      /* 1 GB    */
	{ 12, 0, 2, 0x0000004000200000ull, 0x0000000100200000ull },      /* 2 MB    */
	{ 12, MMU_DS, 0, 0x0000008000000000ull, 0x000c008000000000ull }, /* 512 GB  */
	{ 14, 0, 2, 0x0000001002000000ull, 0x0000000102000000ull },      /* 32 MB   */
	{ 14, MMU_DS, 1, 0x0000001000000000ull, 0x000c001000000000ull }, /* 64 GB   */
	{ 16, 0, 2, 0x0000002020000000ull, 0x0000000120000000ull },      /* 512 MB  */
	{ 16, MMU_LPA, 1, 0x0000040000000000ull, 0x000b000000000000ull },/* 4 TB    */
};

static void t_block(const struct block_case *b)
{
	nisv_result r;
	nisv_status st;
	uint64_t size, off, pa;

	tcasef("block %s level %d%s: VA 0x%llx -> PA 0x%llx", gname(b->g), b->level,
	       b->mmu & MMU_DS ? " (DS)" : b->mmu & MMU_LPA ? " (LPA)" : "", (unsigned long long)b->va,
	       (unsigned long long)b->pa);
	guest_reset();
	mmu_on(b->g, b->mmu);
	pt_map(&LO, b->va, b->pa, b->level, PG_KDATA);
	size = pt_level_size(&LO, b->level);
	off = 0x0123456789a8ull & (size - 1);
	pa = b->pa + off;
	add_ram(pa & ~(uint64_t)(XRAM_SIZE - 1), XRAM[0], XRAM_SIZE);
	gp_w64(pa, 0xb10c000000000000ull | (uint64_t)b->level);
	R(0) = b->va + off;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_OK_REGS(st, BIT(1));
	EXPECT_EQ(R(1), 0xb10c000000000000ull | (uint64_t)b->level);
	EXPECT_EQ(G.mem.walk_reads, (unsigned)(b->level - LO.start + 1));
}

/* Blocks where the granule has none, and a level 3 descriptor that is not a page. */
static const struct walk_case bad_desc_cases[] = {
	{ "block 4K level 0 not allowed (4K level 0 block needs DS) -> translation fault level 0", .inject = 1,
	  .map = { { &LO, VA_LO, 0, 0, PG_KDATA } }, .word = I_LDR_X1_X0, .x0 = VA_LO + 0x30,
	  FAULT(TRANSLATION, 0, DABT_EL1(FSC_TRANS(0)), VA_LO + 0x30) },
	{ "block 16K level 1 not allowed (16K level 1 block needs DS) -> translation fault level 1", .g = 14,
	  .inject = 1, .map = { { &LO, VA_LO, 0, 1, PG_KDATA } }, .word = I_LDR_X1_X0, .x0 = VA_LO + 0x30,
	  FAULT(TRANSLATION, 1, DABT_EL1(FSC_TRANS(1)), VA_LO + 0x30) },
	{ "block 64K level 1 not allowed (64K level 1 block needs FEAT_LPA) -> translation fault level 1",
	  .g = 16, .inject = 1, .map = { { &LO, VA_LO, 0, 1, PG_KDATA } }, .word = I_LDR_X1_X0,
	  .x0 = VA_LO + 0x30, FAULT(TRANSLATION, 1, DABT_EL1(FSC_TRANS(1)), VA_LO + 0x30) },
	{ "level 3 descriptor with bits[1:0] = 01 (reserved) -> translation fault level 3",
	  .map = { { &LO, VA_LO, DATA, 3, PG_KDATA } }, .edit = EDIT(&LO, VA_LO, 3, 2, 0), .word = I_LDR_X1_X0,
	  .x0 = VA_LO, FAULT(TRANSLATION, 3, DABT_EL1(FSC_TRANS(3)), VA_LO) },
};

/* ---- an invalid descriptor at each level ---------------------------------- */

static void t_invalid_levels(unsigned g, unsigned mmu, uint64_t va)
{
	nisv_result r;
	nisv_status st;

	guest_reset();
	mmu_on(g, mmu);
	for (int level = LO.start; level <= 3; level++) {
		tcasef("walk %s%s: invalid descriptor at level %d -> translation fault level %d (%s)", gname(g),
		       mmu & MMU_VA52 ? " 52-bit VA" : "", level, level, level & 1 ? "inject" : "report");
		guest_reset();
		set_mode(level & 1);
		mmu_on(g, mmu);
		pt_map(&LO, va, DATA, 3, PG_KDATA);
		pt_set(&LO, va, level, 0x0ffffffffffff000ull); /* bit 0 clear: invalid, whatever else */
		R(0) = va + 0x18;
		st = run(I_LDR_X1_X0, &r);
		EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, level, DABT_EL1(FSC_TRANS(level)), va + 0x18);
		EXPECT_EQ(G.mem.walk_reads, (unsigned)(level - LO.start + 1));
	}
}

/* ---- address size --------------------------------------------------------- */

/* 64K, FEAT_LPA, IPS 48: a descriptor with OA[51:48] = 1 (the tables'
 * encoding of it checked too). */
static void lpa_page_above_ips(void)
{
	LO.flags |= PT_LPA;
	pt_map(&LO, VA_LO, 0x0001000080010000ull, 3, PG_KDATA);
	EXPECT_EQ(pt_get(&LO, VA_LO, 3) >> 12 & 0xf, 1); /* the harness put OA[48] in bit 12 */
}

static const struct walk_case address_size_cases[] = {
	{ "address size: page OA 0x100000000 with IPS = 32 bits -> level 3", .inject = 1, IPS(IPS_32),
	  .map = { { &LO, VA_LO, 0x100000000ull, 3, PG_KDATA } }, .word = I_LDR_X1_X0, .x0 = VA_LO + 8,
	  FAULT(ADDRESS_SIZE, 3, DABT_EL1(FSC_ADDR_SIZE(3)), VA_LO + 8) },
	{ "address size: level 2 block OA beyond IPS 32 -> level 2", IPS(IPS_32),
	  .map = { { &LO, VA_LO, 0x100000000ull, 2, PG_KDATA } }, .word = I_STR_X1_X0, .x0 = VA_LO + 8,
	  FAULT(ADDRESS_SIZE, 2, DABT_EL1(FSC_ADDR_SIZE(2) | ISS_WNR), VA_LO + 8) },
	{ "address size: level 1 table address beyond IPS 32 -> level 1", IPS(IPS_32),
	  .map = { { &LO, VA_LO, DATA, 3, PG_KDATA } }, .edit = TABLE_AT(&LO, VA_LO, 1, 0x100000000ull),
	  .word = I_LDR_X1_X0, .x0 = VA_LO + 8, FAULT(ADDRESS_SIZE, 1, DABT_EL1(FSC_ADDR_SIZE(1)), VA_LO + 8) },
	{ "address size: TTBR0 base beyond IPS 32 -> level 0, no walk", .inject = 1, IPS(IPS_32),
	  .ttbr0 = 0x100000000ull, .word = I_LDR_X1_X0, .x0 = VA_LO + 8,
	  FAULT(ADDRESS_SIZE, 0, DABT_EL1(FSC_ADDR_SIZE(0)), VA_LO + 8), .no_walk = 1 },
	{ "address size: IPS 48 but 40 implemented PA bits -> level 3", .pa_bits = 40,
	  .map = { { &LO, VA_LO, 0x10000000000ull, 3, PG_KDATA } }, .word = I_LDR_X1_X0, .x0 = VA_LO + 8,
	  FAULT(ADDRESS_SIZE, 3, DABT_EL1(FSC_ADDR_SIZE(3)), VA_LO + 8) },
	{ "address size: 64K FEAT_LPA descriptor OA[51:48] != 0 with IPS 48 -> level 3", .g = 16,
	  .feat = NISV_FEAT_LPA, .pa_bits = 52, .setup = lpa_page_above_ips, .word = I_LDR_X1_X0,
	  .x0 = VA_LO + 8, FAULT(ADDRESS_SIZE, 3, DABT_EL1(FSC_ADDR_SIZE(3)), VA_LO + 8) },
	{ "address size: MMU off, VA bit 48 set (PA 48 bits) -> level 0", .mmu_off = 1, .inject = 1,
	  .word = I_LDR_X1_X0, .x0 = 0x0001000000000008ull,
	  FAULT(ADDRESS_SIZE, 0, DABT_EL1(FSC_ADDR_SIZE(0)), 0x0001000000000008ull) },
	{ "MMU off: with TBI0 the top byte is ignored (flat, VA = IPA)", .mmu_off = 1, .tcr_on = TCR_TBI0,
	  .word = I_LDR_X1_X0, .x0 = 0x5a00000000000000ull | (IPA_RAM + 0x18), .pa = IPA_RAM + 0x18,
	  .mem = 0x70b1 },
};

/* ---- permissions ---------------------------------------------------------- */

/* Arm ARM "Data access permissions for stage 1 of the EL1&0 regime". */
static const struct {
	int el1_read, el1_write, el0_read, el0_write;
} ap_table[4] = {
	{ 1, 1, 0, 0 }, /* 00: EL1 RW, EL0 none */
	{ 1, 1, 1, 1 }, /* 01: EL1 RW, EL0 RW   */
	{ 1, 0, 0, 0 }, /* 10: EL1 RO, EL0 none */
	{ 1, 0, 1, 0 }, /* 11: EL1 RO, EL0 RO   */
};

static void t_ap_matrix(void)
{
	nisv_result r;
	nisv_status st;

	for (unsigned ap = 0; ap < 4; ap++)
		for (int el = 0; el <= 1; el++)
			for (int write = 0; write <= 1; write++) {
				int ok = el ? (write ? ap_table[ap].el1_write : ap_table[ap].el1_read)
				            : (write ? ap_table[ap].el0_write : ap_table[ap].el0_read);
				tcasef("AP[2:1]=%u%u EL%d %s -> %s", ap >> 1, ap & 1, el, write ? "write" : "read",
				       ok ? "allowed" : "permission fault level 3");
				guest_reset();
				set_mode((int)(ap + (unsigned)write) & 1);
				mmu_on(12, 0);
				pt_map(&LO, VA_LO, DATA, 3, D_AF | A_NORMAL | (uint64_t)ap << 6 | D_PXN | D_UXN);
				gp_w64(DATA + 0x40, 0x0a0a0a0a);
				R(NISV_PSTATE) = el ? PS_EL1H | PS_DAIF : PS_EL0T;
				R(0) = VA_LO + 0x40;
				R(1) = 0x5e5e5e5e;
				st = run(write ? I_STR_X1_X0 : I_LDR_X1_X0, &r);
				if (ok) {
					EXPECT_OK_REGS(st, write ? 0 : BIT(1));
					EXPECT_EQ(write ? gp_r64(DATA + 0x40) : R(1),
					          write ? 0x5e5e5e5eull : 0x0a0a0a0aull);
				} else {
					EXPECT_FAULT(st, &r, NISV_FAULT_PERMISSION, 3,
					             esr_of(el ? EC_DABT_CUR : EC_DABT_LOW,
					                    FSC_PERM(3) | (write ? ISS_WNR : 0)),
					             VA_LO + 0x40);
				}
			}
}

static const struct walk_case aptable_cases[] = {
	{ "APTable[0] on the level 2 table: EL0 read of an AP=01 page -> permission fault level 3", .inject = 1,
	  .el0 = 1, .map = { { &LO, VA_LO, DATA, 3, PG_UDATA } }, .edit = EDIT(&LO, VA_LO, 2, 0, T_AP_NO_EL0),
	  .word = I_LDR_X1_X0, .x0 = VA_LO, FAULT(PERMISSION, 3, DABT_EL0(FSC_PERM(3)), VA_LO) },
	{ "APTable[0]: EL1 keeps read/write access", .map = { { &LO, VA_LO, DATA, 3, PG_UDATA } },
	  .edit = EDIT(&LO, VA_LO, 2, 0, T_AP_NO_EL0), .word = I_STR_X1_X0, .x0 = VA_LO, .x1 = 0x99, .pa = DATA,
	  .mem = 0x99 },
	{ "APTable[0] at level 0 also applies (hierarchical)", .el0 = 1, .map = { { &LO, VA_LO, DATA, 3, PG_UDATA } },
	  .edit = EDIT(&LO, VA_LO, 0, 0, T_AP_NO_EL0), .word = I_LDR_X1_X0, .x0 = VA_LO,
	  FAULT(PERMISSION, 3, DABT_EL0(FSC_PERM(3)), VA_LO) },
	{ "APTable[1] on the level 1 table: EL1 write -> permission fault level 3", .inject = 1,
	  .map = { { &LO, VA_LO, DATA, 3, PG_UDATA } }, .edit = EDIT(&LO, VA_LO, 1, 0, T_AP_RO),
	  .word = I_STR_X1_X0, .x0 = VA_LO + 8, FAULT(PERMISSION, 3, DABT_EL1(FSC_PERM(3) | ISS_WNR), VA_LO + 8) },
	{ "APTable[1]: EL0 write faults, EL0 read allowed", .el0 = 1, .map = { { &LO, VA_LO, DATA, 3, PG_UDATA } },
	  .edit = EDIT(&LO, VA_LO, 1, 0, T_AP_RO), .word = I_STR_X1_X0, .x0 = VA_LO + 8,
	  FAULT(PERMISSION, 3, DABT_EL0(FSC_PERM(3) | ISS_WNR), VA_LO + 8) },
	{ NULL, .then = 1, .el0 = 1, .word = I_LDR_X1_X0, .x0 = VA_LO + 8, .pa = DATA + 8, .mem = 0x4444 },
	{ "TCR_EL1.HPD0: APTable ignored in TTBR0 tables (EL0 write allowed)", .tcr_on = TCR_HPD0, .el0 = 1,
	  .map = { { &LO, VA_LO, DATA, 3, PG_UDATA } }, .edit = EDIT(&LO, VA_LO, 2, 0, T_AP_NO_EL0 | T_AP_RO),
	  .word = I_STR_X1_X0, .x0 = VA_LO + 8, .x1 = 0x4d, .pa = DATA + 8, .mem = 0x4d },
	{ "TCR_EL1.HPD1: APTable ignored in TTBR1 tables; HPD0 does not cover TTBR1", .tcr_on = TCR_HPD0,
	  .map = { { &HI, VA_HI, DATA, 3, PG_KDATA } }, .edit = EDIT(&HI, VA_HI, 2, 0, T_AP_RO),
	  .word = I_STR_X1_X0, .x0 = VA_HI + 8, .x1 = 0x4e,
	  FAULT(PERMISSION, 3, DABT_EL1(FSC_PERM(3) | ISS_WNR), VA_HI + 8) },
	{ NULL, .then = 1, .tcr_on = TCR_HPD1, .word = I_STR_X1_X0, .x0 = VA_HI + 8, .pa = DATA + 8, .mem = 0x4e },
};

/* ---- PAN, LDTR/STTR, UAO -------------------------------------------------- */

struct pan_case {
	const char *name;
	uint64_t pstate;
	uint64_t ap;
	uint32_t word;
	int ok;
};

static const struct pan_case pan_cases[] = {
	{ "PAN: EL1 LDR of an EL0-RW page (AP=01) -> permission fault", PS_EL1H | PS_PAN, D_AP_RW,
	  I_LDR_X1_X0, 0 },
	{ "PAN: EL1 STR of an EL0-RW page (AP=01) -> permission fault", PS_EL1H | PS_PAN, D_AP_RW,
	  I_STR_X1_X0, 0 },
	{ "PAN: EL1 LDR of an EL0-readable page (AP=11) -> permission fault", PS_EL1H | PS_PAN, D_AP_RO,
	  I_LDR_X1_X0, 0 },
	{ "PAN: EL1 LDR of a kernel page (AP=00) allowed", PS_EL1H | PS_PAN, D_AP_EL1_RW, I_LDR_X1_X0, 1 },
	{ "PAN clear: EL1 LDR of an EL0-RW page allowed", PS_EL1H, D_AP_RW, I_LDR_X1_X0, 1 },
	{ "PAN: LDTR at EL1 of an AP=01 page allowed (EL0 permissions, no PAN)", PS_EL1H | PS_PAN, D_AP_RW,
	  I_LDTR_X1_X0, 1 },
	{ "PAN: STTR at EL1 of an AP=01 page allowed", PS_EL1H | PS_PAN, D_AP_RW, I_STTR_X1_X0, 1 },
	{ "LDTR at EL1 of a kernel page (AP=00) -> permission fault (EL0 check)", PS_EL1H, D_AP_EL1_RW,
	  I_LDTR_X1_X0, 0 },
	{ "STTR at EL1 of an EL0-read-only page (AP=11) -> permission fault", PS_EL1H, D_AP_RO,
	  I_STTR_X1_X0, 0 },
	{ "UAO: LDTR at EL1 of a kernel page acts privileged -> allowed", PS_EL1H | PS_UAO, D_AP_EL1_RW,
	  I_LDTR_X1_X0, 1 },
	{ "UAO + PAN: LDTR at EL1 of an AP=01 page acts privileged -> PAN fault", PS_EL1H | PS_UAO | PS_PAN,
	  D_AP_RW, I_LDTR_X1_X0, 0 },
	{ "UAO: STTR at EL1 of an EL1-read-only page (AP=10) -> permission fault", PS_EL1H | PS_UAO,
	  D_AP_EL1_RO, I_STTR_X1_X0, 0 },
	{ "LDTR at EL0 of a kernel page -> permission fault from EL0", PS_EL0T, D_AP_EL1_RW, I_LDTR_X1_X0,
	  0 },
	{ "PAN: DC CIVAC at EL1 of an AP=01 page allowed (PAN skips cache maintenance)", PS_EL1H | PS_PAN,
	  D_AP_RW, I_DC_CIVAC_X0, 1 },
	{ "PAN + APTable[0]: AP=01 page not EL0-accessible, EL1 LDR allowed", PS_EL1H | PS_PAN, D_AP_RW,
	  I_LDR_X1_X0, 2 },
};

static void t_pan(const struct pan_case *c, int inject)
{
	nisv_result r;
	nisv_status st;
	int write = c->word == I_STR_X1_X0 || c->word == I_STTR_X1_X0;
	int el0 = (c->pstate >> 2 & 3) == 0;

	tcase(c->name);
	guest_reset();
	set_mode(inject);
	mmu_on(12, 0);
	pt_map(&LO, VA_LO, DATA, 3, D_AF | A_NORMAL | c->ap | D_PXN | D_UXN);
	if (c->ok == 2)
		pt_set(&LO, VA_LO, 2, pt_get(&LO, VA_LO, 2) | T_AP_NO_EL0);
	gp_w64(DATA + 0x48, 0x9a9a);
	R(NISV_PSTATE) = c->pstate;
	R(0) = VA_LO + 0x48;
	R(1) = 0x1b1b;
	st = run(c->word, &r);
	if (c->ok) {
		EXPECT_OK_REGS(st, write || c->word == I_DC_CIVAC_X0 ? 0 : BIT(1));
		if (write)
			EXPECT_EQ(gp_r64(DATA + 0x48), 0x1b1b);
		else if (c->word != I_DC_CIVAC_X0)
			EXPECT_EQ(R(1), 0x9a9a);
	} else {
		EXPECT_FAULT(st, &r, NISV_FAULT_PERMISSION, 3,
		             esr_of(el0 ? EC_DABT_LOW : EC_DABT_CUR, FSC_PERM(3) | (write ? ISS_WNR : 0)),
		             VA_LO + 0x48);
	}
}

/* ---- access flag and dirty state ----------------------------------------- */

#define KDATA_NO_AF (PG_KDATA & ~D_AF)

static const struct walk_case af_cases[] = {
	{ "AF = 0 page: LDR -> access flag fault level 3", .inject = 1, .map = { { &LO, VA_LO, DATA, 3, KDATA_NO_AF } },
	  .word = I_LDR_X1_X0, .x0 = VA_LO + 0x50, FAULT(ACCESS_FLAG, 3, DABT_EL1(FSC_AF(3)), VA_LO + 0x50) },
	{ "AF = 0 page: STR -> access flag fault level 3 with WnR (report)", .then = 1, .word = I_STR_X1_X0,
	  .x0 = VA_LO + 0x50, FAULT(ACCESS_FLAG, 3, DABT_EL1(FSC_AF(3) | ISS_WNR), VA_LO + 0x50) },
	{ "AF = 0 level 2 block -> access flag fault level 2", .map = { { &LO, VA_2M, IPA_RAM, 2, KDATA_NO_AF } },
	  .word = I_LDR_X1_X0, .x0 = VA_2M + 0x50, FAULT(ACCESS_FLAG, 2, DABT_EL1(FSC_AF(2)), VA_2M + 0x50) },
	{ "TCR_EL1.HA without FEAT_HAFDBS: still an access flag fault", .then = 1, .tcr_on = TCR_HA,
	  .word = I_LDR_X1_X0, .x0 = VA_2M + 0x50, FAULT(ACCESS_FLAG, 2, DABT_EL1(FSC_AF(2)), VA_2M + 0x50) },
	{ "HA + FEAT_HAFDBS: LDR succeeds and sets AF in the descriptor in guest RAM", .feat = NISV_FEAT_HAFDBS,
	  .tcr_on = TCR_HA, .map = { { &LO, VA_LO, DATA, 3, KDATA_NO_AF } }, .word = I_LDR_X1_X0,
	  .x0 = VA_LO + 0x50, .pa = DATA + 0x50, .mem = 0xaf, .desc = EDIT(&LO, VA_LO, 3, 0, D_AF) },
	{ "HA + FEAT_HAFDBS: AF set on a level 2 block by a store", .feat = NISV_FEAT_HAFDBS, .tcr_on = TCR_HA,
	  .map = { { &LO, VA_2M, IPA_RAM, 2, KDATA_NO_AF } }, .word = I_STR_X1_X0, .x0 = VA_2M + 0x58,
	  .x1 = 0x5a5a, .pa = IPA_RAM + 0x58, .mem = 0x5a5a, .desc = EDIT(&LO, VA_2M, 2, 0, D_AF) },
	/* bytes 01..08 in memory: big-endian data reads them as 0x0102... */
	{ "HA with big-endian tables (SCTLR_EL1.EE): AF set in big-endian descriptor, BE data", .mmu = MMU_BE,
	  .feat = NISV_FEAT_HAFDBS, .tcr_on = TCR_HA, .map = { { &LO, VA_LO, DATA, 3, KDATA_NO_AF } },
	  .word = I_LDR_X1_X0, .x0 = VA_LO + 0x60, .pa = DATA + 0x60, .mem = 0x0807060504030201ull,
	  .x1_after = 0x0102030405060708ull, .desc = EDIT(&LO, VA_LO, 3, 0, D_AF) },
	{ "HA: an access that faults on its second page sets no AF on the first", .inject = 1,
	  .feat = NISV_FEAT_HAFDBS, .tcr_on = TCR_HA,
	  .map = { { &LO, VA_LO, DATA, 3, KDATA_NO_AF }, { &LO, VA_LO + 0x1000, DATA + 0x1000, 3, PG_KDATA } },
	  .edit = INVALID(&LO, VA_LO + 0x1000, 3), .word = I_LDR_X1_X0, .x0 = VA_LO + 0xffc,
	  FAULT(TRANSLATION, 3, DABT_EL1(FSC_TRANS(3)), VA_LO + 0x1000) },
};

/* Two descriptor updates in one access. */
static void t_af_two_pages(void)
{
	nisv_result r;
	nisv_status st;
	uint64_t d0, d1;

	tcase("HA: an access crossing two AF = 0 pages sets AF in both descriptors");
	guest_reset();
	mmu_on(12, 0);
	set_features(NISV_FEAT_HAFDBS);
	R(NISV_TCR_EL1) |= TCR_HA;
	pt_map(&LO, VA_LO, DATA, 3, KDATA_NO_AF);
	pt_map(&LO, VA_LO + 0x1000, DATA + 0x1000, 3, KDATA_NO_AF);
	d0 = pt_get(&LO, VA_LO, 3);
	d1 = pt_get(&LO, VA_LO + 0x1000, 3);
	R(0) = VA_LO + 0xffc;
	R(1) = 0x1122334455667788ull;
	st = run(I_STR_X1_X0, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(gp_r64(DATA + 0xffc) & 0xffffffffull, 0x55667788ull);
	EXPECT_EQ(gp_r64(DATA + 0x1000) & 0xffffffffull, 0x11223344ull);
	EXPECT_EQ(pt_get(&LO, VA_LO, 3), d0 | D_AF);
	EXPECT_EQ(pt_get(&LO, VA_LO + 0x1000, 3), d1 | D_AF);
}

static const struct walk_case ee_el0_case = {
	"SCTLR_EL1.EE makes walks big-endian even at EL0 (E0E clear: data little-endian)", .mmu = MMU_BE,
	.el0 = 1, .map = { { &LO, VA_LO, DATA, 3, PG_UDATA } }, .word = I_LDR_X1_X0, .x0 = VA_LO + 0x68,
	.pa = DATA + 0x68, .mem = 0x0807060504030201ull,
};

static const struct walk_case dirty_cases[] = {
	{ "DBM + HD: STR to a read-only (AP=10) page succeeds and clears AP[2]", .feat = NISV_FEAT_HAFDBS,
	  .tcr_on = TCR_HA | TCR_HD, .map = { { &LO, VA_LO, DATA, 3, PG_KDATA | D_AP_EL1_RO | D_DBM } },
	  .word = I_STR_X1_X0, .x0 = VA_LO + 0x70, .x1 = 0xd1d1, .pa = DATA + 0x70, .mem = 0xd1d1,
	  .desc = EDIT(&LO, VA_LO, 3, D_AP2, 0) },
	{ "DBM + HD: STR to a clean page with AF = 0 sets AF and clears AP[2]", .feat = NISV_FEAT_HAFDBS,
	  .tcr_on = TCR_HA | TCR_HD, .map = { { &LO, VA_LO, DATA, 3, KDATA_NO_AF | D_AP_EL1_RO | D_DBM } },
	  .word = I_STR_X1_X0, .x0 = VA_LO + 0x70, .x1 = 0xd1d1, .desc = EDIT(&LO, VA_LO, 3, D_AP2, D_AF) },
	{ "DBM + HD: EL0 STR to an AP=11 DBM page -> AP becomes 01", .feat = NISV_FEAT_HAFDBS,
	  .tcr_on = TCR_HA | TCR_HD, .el0 = 1, .map = { { &LO, VA_LO, DATA, 3, PG_UDATA | D_AP_RO | D_DBM } },
	  .word = I_STR_X1_X0, .x0 = VA_LO + 0x70, .x1 = 0xd1d1, .desc = EDIT(&LO, VA_LO, 3, D_AP2, 0) },
	{ "DBM + HD: LDR leaves the descriptor alone", .feat = NISV_FEAT_HAFDBS, .tcr_on = TCR_HA | TCR_HD,
	  .map = { { &LO, VA_LO, DATA, 3, PG_KDATA | D_AP_EL1_RO | D_DBM } }, .word = I_LDR_X1_X0,
	  .x0 = VA_LO + 0x70, .x1 = 0xd1d1, .desc = EDIT(&LO, VA_LO, 3, 0, 0) },
	{ "DBM without TCR_EL1.HD: STR -> permission fault", .inject = 1, .feat = NISV_FEAT_HAFDBS,
	  .tcr_on = TCR_HA, .map = { { &LO, VA_LO, DATA, 3, PG_KDATA | D_AP_EL1_RO | D_DBM } },
	  .word = I_STR_X1_X0, .x0 = VA_LO + 0x70, .x1 = 0xd1d1,
	  FAULT(PERMISSION, 3, DABT_EL1(FSC_PERM(3) | ISS_WNR), VA_LO + 0x70) },
	{ "HD without HA: dirty state update disabled -> permission fault", .feat = NISV_FEAT_HAFDBS,
	  .tcr_on = TCR_HD, .map = { { &LO, VA_LO, DATA, 3, PG_KDATA | D_AP_EL1_RO | D_DBM } },
	  .word = I_STR_X1_X0, .x0 = VA_LO + 0x70, .x1 = 0xd1d1,
	  FAULT(PERMISSION, 3, DABT_EL1(FSC_PERM(3) | ISS_WNR), VA_LO + 0x70) },
	{ "HD without DBM: STR -> permission fault", .feat = NISV_FEAT_HAFDBS, .tcr_on = TCR_HA | TCR_HD,
	  .map = { { &LO, VA_LO, DATA, 3, PG_KDATA | D_AP_EL1_RO } }, .word = I_STR_X1_X0, .x0 = VA_LO + 0x70,
	  .x1 = 0xd1d1, FAULT(PERMISSION, 3, DABT_EL1(FSC_PERM(3) | ISS_WNR), VA_LO + 0x70) },
	{ "DBM + HD under APTable[1]: still read-only -> permission fault", .feat = NISV_FEAT_HAFDBS,
	  .tcr_on = TCR_HA | TCR_HD, .map = { { &LO, VA_LO, DATA, 3, PG_KDATA | D_AP_EL1_RO | D_DBM } },
	  .edit = EDIT(&LO, VA_LO, 2, 0, T_AP_RO), .word = I_STR_X1_X0, .x0 = VA_LO + 0x70, .x1 = 0xd1d1,
	  FAULT(PERMISSION, 3, DABT_EL1(FSC_PERM(3) | ISS_WNR), VA_LO + 0x70) },
};

/* ---- 52-bit addresses ----------------------------------------------------- */

#define PA_LPA 0x000b000080010000ull
#define PA_LPA2 0x000e000080010000ull
#define VA52_HI 0xfff8123456700000ull

/* The 52-bit table encodings the harness wrote: TTBR BADDR[51:48] in [5:2],
 * OA[51:48] in desc[15:12] (FEAT_LPA), OA[51:50] in desc[9:8] (DS). */
static void lpa_layout(void)
{
	EXPECT_EQ(R(NISV_TTBR0_EL1) & 0x3c, 0xa << 2);
	EXPECT_EQ(pt_get(&LO, VA_LO, 3) >> 12 & 0xf, 0xb);
}

static void lpa2_layout(void)
{
	EXPECT_EQ(LO.start, -1);
	EXPECT_EQ(R(NISV_TTBR0_EL1) & 0x3c, 0xd << 2);
	EXPECT_EQ(pt_get(&LO, VA52, 3) >> 8 & 3, 3);
}

static const struct walk_case lpa_cases[] = {
	{ "FEAT_LPA 64K: tables at PA[51:48]=0xa (TTBR[5:2]), page at PA[51:48]=0xb (desc[15:12])",
	  .pt_at = 0x000a000040000000ull, .g = 16, .mmu = MMU_LPA, .xram = PA_LPA,
	  .map = { { &LO, VA_LO, PA_LPA, 3, PG_KDATA } }, .setup = lpa_layout, .word = I_LDR_X1_X0,
	  .x0 = VA_LO + 0x40, .pa = PA_LPA + 0x40, .mem = 0x52b17, .walks = 3 },
	{ "FEAT_LPA 64K: TTBR1 store to a 52-bit PA", .then = 1, .map = { { &HI, VA_HI, PA_LPA, 3, PG_KDATA } },
	  .word = I_STR_X1_X0, .x0 = VA_HI + 0x48, .x1 = 0x1234, .pa = PA_LPA + 0x48, .mem = 0x1234 },
	{ "FEAT_LPA2 4K + DS, 52-bit VA: start level -1, 5 lookups, tables and page above 2^50",
	  .pt_at = 0x000d000040000000ull, .mmu = MMU_DS | MMU_VA52, .xram = PA_LPA2,
	  .map = { { &LO, VA52, PA_LPA2, 3, PG_KDATA } }, .setup = lpa2_layout, .word = I_LDR_X1_X0,
	  .x0 = VA52 + 0x20, .pa = PA_LPA2 + 0x20, .mem = 0x1a2, .walks = 5 },
	{ "FEAT_LPA2 4K + DS: 52-bit TTBR1 address 0xfff8...", .then = 1,
	  .map = { { &HI, VA52_HI, PA_LPA2, 3, PG_KDATA } }, .word = I_STR_X1_X0, .x0 = VA52_HI + 0x28,
	  .x1 = 0x2b2, .pa = PA_LPA2 + 0x28, .mem = 0x2b2 },
	{ "FEAT_LPA2 16K + DS, 52-bit VA: 4 lookups, 52-bit PA", .pt_at = 0x000d000040000000ull, .g = 14,
	  .mmu = MMU_DS | MMU_VA52, .xram = PA_LPA2, .map = { { &LO, VA52, PA_LPA2, 3, PG_KDATA } },
	  .word = I_LDR_X1_X0, .x0 = VA52 + 0x30, .pa = PA_LPA2 + 0x30, .mem = 0x16c, .walks = 4 },
	{ "FEAT_LVA 64K, T0SZ=12: 52-bit VA, level 1 table of 1024 entries, 3 lookups",
	  .pt_at = 0x000a000040000000ull, .g = 16, .mmu = MMU_LPA | MMU_VA52, .xram = PA_LPA,
	  .feat = NISV_FEAT_LVA, .map = { { &LO, VA52, PA_LPA, 3, PG_KDATA } }, .word = I_LDR_X1_X0,
	  .x0 = VA52 + 0x38, .pa = PA_LPA + 0x38, .mem = 0x64c, .walks = 3 },
	{ "64K without FEAT_LVA: T0SZ=12 out of range, VA[51:48] != 0 -> translation fault level 0", .then = 1,
	  .feat_off = NISV_FEAT_LVA, .word = I_LDR_X1_X0, .x0 = VA52 + 0x38,
	  FAULT(TRANSLATION, 0, DABT_EL1(FSC_TRANS(0)), VA52 + 0x38) },
	{ "FEAT_LPA2 + DS with IPS 48: level -1 table address >= 2^48 -> address size fault level -1",
	  .mmu = MMU_DS | MMU_VA52, .inject = 1, IPS(IPS_48), .map = { { &LO, VA52, DATA, 3, PG_KDATA } },
	  .edit = TABLE_AT(&LO, VA52, -1, 0x0001000000000000ull), .word = I_LDR_X1_X0, .x0 = VA52 + 0x30,
	  FAULT(ADDRESS_SIZE, -1, DABT_EL1(FSC_ADDR_SIZE(-1)), VA52 + 0x30) },
	{ "DS without FEAT_LPA2: T0SZ=12 is out of range -> VA bits [51:48] set fault at level 0",
	  .tcr_off = 0x3f /* T0SZ */, .tcr_on = TCR_DS | 12, .word = I_LDR_X1_X0, .x0 = VA52,
	  FAULT(TRANSLATION, 0, DABT_EL1(FSC_TRANS(0)), VA52) },
};

void tests_mmu(void)
{
	for (unsigned i = 0; i < 3; i++) {
		t_granule(granules[i]);
		t_page_cross(granules[i]);
	}
	t_txsz(12, 25, 3);
	t_txsz(14, 28, 2);
	t_txsz(16, 22, 2);
	RUN_WALK_CASES(tbi_epd_cases);
	for (unsigned i = 0; i < sizeof blocks / sizeof blocks[0]; i++)
		t_block(&blocks[i]);
	RUN_WALK_CASES(bad_desc_cases);
	t_invalid_levels(12, 0, VA_LO);
	t_invalid_levels(14, 0, VA_LO);
	t_invalid_levels(16, 0, VA_LO);
	t_invalid_levels(12, MMU_DS | MMU_VA52, VA52);
	t_invalid_levels(14, MMU_DS | MMU_VA52, VA52);
	RUN_WALK_CASES(address_size_cases);
	t_ap_matrix();
	RUN_WALK_CASES(aptable_cases);
	for (unsigned i = 0; i < sizeof pan_cases / sizeof pan_cases[0]; i++)
		t_pan(&pan_cases[i], (int)(i & 1));
	RUN_WALK_CASES(af_cases);
	t_af_two_pages();
	run_walk_case(&ee_el0_case);
	RUN_WALK_CASES(dirty_cases);
	RUN_WALK_CASES(lpa_cases);
}
