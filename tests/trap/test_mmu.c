/*
 * Stage-1 translation as nisv_emulate sees it, with hand-built tables:
 * granules, TTBR0/TTBR1, TxSZ, TBI, EPD, blocks, invalid descriptors,
 * address size, AP[2:1] / APTable / HPD, PAN, LDTR/STTR and UAO, the
 * access flag (with HA), dirty state (DBM + HD), 52-bit addresses.
 * Expected faults follow AArch64.S1Translate and the ESR_EL1 ISS encoding.
 */
#include "harness.h"

#define VA_LO 0x0000123456700000ull /* a TTBR0 address, 1 MB aligned      */
#define VA_HI 0xffff800012300000ull /* a TTBR1 address                    */
#define VA_2M 0x0000123456400000ull /* a 2 MB aligned TTBR0 address        */
#define DATA (IPA_RAM + 0x10000)    /* a 64K-aligned data page in RAM     */

#define DABT_EL1(fsc) esr_of(EC_DABT_CUR, (fsc))
#define DABT_EL0(fsc) esr_of(EC_DABT_LOW, (fsc))

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

/* ---- TBI, EPD ------------------------------------------------------------- */

static void t_tbi(void)
{
	nisv_result r;
	nisv_status st;
	const uint64_t lo_tagged = 0x5a00000000000000ull | (VA_LO + 0x10);
	const uint64_t hi_tagged = 0xa5ffffffffffffffull & (VA_HI + 0x10);

	tcase("TBI0: a tagged TTBR0 pointer translates its bits [55:0]");
	guest_reset();
	mmu_on(12, 0);
	R(NISV_TCR_EL1) |= TCR_TBI0;
	pt_map(&LO, VA_LO, DATA, 3, PG_KDATA);
	gp_w64(DATA + 0x10, 0x7a66ed);
	R(0) = lo_tagged;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_OK_REGS(st, BIT(1));
	EXPECT_EQ(R(1), 0x7a66ed);

	tcase("TBI0 clear: the same tagged pointer -> translation fault level 0, FAR = VA");
	R(NISV_TCR_EL1) &= ~TCR_TBI0;
	set_mode(1);
	st = run(I_LDR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 0, DABT_EL1(FSC_TRANS(0)), lo_tagged);

	tcase("TBI1: a tagged TTBR1 pointer (top byte 0xa5) translates");
	guest_reset();
	mmu_on(12, 0);
	R(NISV_TCR_EL1) |= TCR_TBI1;
	pt_map(&HI, VA_HI, DATA, 3, PG_KDATA);
	R(0) = hi_tagged;
	R(1) = 0x5151;
	st = run(I_STR_X1_X0, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(gp_r64(DATA + 0x10), 0x5151);

	tcase("TBI1 clear: tagged TTBR1 pointer -> translation fault level 0 (report)");
	R(NISV_TCR_EL1) &= ~TCR_TBI1;
	st = run(I_STR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 0, DABT_EL1(FSC_TRANS(0) | ISS_WNR), hi_tagged);

	tcase("TBI0 does not apply to TTBR1 addresses");
	R(NISV_TCR_EL1) |= TCR_TBI0;
	st = run(I_STR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 0, DABT_EL1(FSC_TRANS(0) | ISS_WNR), hi_tagged);
}

static void t_epd(void)
{
	nisv_result r;
	nisv_status st;

	tcase("EPD0: TTBR0 access -> translation fault level 0 without a walk");
	guest_reset();
	set_mode(1);
	mmu_on(12, 0);
	pt_map(&LO, VA_LO, DATA, 3, PG_KDATA);
	pt_map(&HI, VA_HI, DATA, 3, PG_KDATA);
	R(NISV_TCR_EL1) |= TCR_EPD0;
	R(0) = VA_LO + 0x20;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 0, DABT_EL1(FSC_TRANS(0)), VA_LO + 0x20);
	EXPECT_EQ(G.mem.walk_reads, 0);

	tcase("EPD0 leaves TTBR1 walks alone");
	R(0) = VA_HI + 0x20;
	gp_w64(DATA + 0x20, 0x3e3e);
	st = run(I_LDR_X1_X0, &r);
	EXPECT_OK_REGS(st, BIT(1));
	EXPECT_EQ(R(1), 0x3e3e);

	tcase("EPD1: TTBR1 store -> translation fault level 0 without a walk");
	guest_reset();
	mmu_on(12, 0);
	pt_map(&LO, VA_LO, DATA, 3, PG_KDATA);
	pt_map(&HI, VA_HI, DATA, 3, PG_KDATA);
	R(NISV_TCR_EL1) |= TCR_EPD1;
	R(0) = VA_HI + 0x28;
	st = run(I_STR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 0, DABT_EL1(FSC_TRANS(0) | ISS_WNR), VA_HI + 0x28);
	EXPECT_EQ(G.mem.walk_reads, 0);
}

static void t_e0pd(void)
{
	nisv_result r;
	nisv_status st;

	tcase("E0PD0: EL0 access to TTBR0 -> translation fault level 0, no walk");
	guest_reset();
	set_mode(1);
	mmu_on(12, 0);
	pt_map(&LO, VA_LO, DATA, 3, PG_UDATA);
	R(NISV_TCR_EL1) |= TCR_E0PD0;
	R(NISV_PSTATE) = PS_EL0T;
	R(0) = VA_LO + 0x10;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 0, DABT_EL0(FSC_TRANS(0)), VA_LO + 0x10);
	EXPECT_EQ(G.mem.walk_reads, 0);

	tcase("E0PD0: LDTR at EL1 is an EL0 access -> translation fault level 0 (EC 0x25)");
	R(NISV_PSTATE) = PS_EL1H;
	st = run(I_LDTR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 0, DABT_EL1(FSC_TRANS(0)), VA_LO + 0x10);

	tcase("E0PD0: EL1 LDR unaffected");
	set_mode(0);
	R(NISV_PSTATE) = PS_EL1H; /* the injected exception set PAN */
	gp_w64(DATA + 0x10, 0xe0);
	st = run(I_LDR_X1_X0, &r);
	EXPECT_OK_REGS(st, BIT(1));
	EXPECT_EQ(R(1), 0xe0);
}

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

struct bad_block {
	unsigned g;
	int level;
	const char *why;
};

static const struct bad_block bad_blocks[] = {
	{ 12, 0, "4K level 0 block needs DS" },
	{ 14, 1, "16K level 1 block needs DS" },
	{ 16, 1, "64K level 1 block needs FEAT_LPA" },
};

static void t_bad_block(const struct bad_block *b)
{
	nisv_result r;
	nisv_status st;

	tcasef("block %s level %d not allowed (%s) -> translation fault level %d", gname(b->g), b->level,
	       b->why, b->level);
	guest_reset();
	set_mode(1);
	mmu_on(b->g, 0);
	pt_map(&LO, VA_LO, 0, b->level, PG_KDATA);
	R(0) = VA_LO + 0x30;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, b->level, DABT_EL1(FSC_TRANS(b->level)), VA_LO + 0x30);
}

static void t_level3_block_encoding(void)
{
	nisv_result r;
	nisv_status st;

	tcase("level 3 descriptor with bits[1:0] = 01 (reserved) -> translation fault level 3");
	guest_reset();
	mmu_on(12, 0);
	pt_map(&LO, VA_LO, DATA, 3, PG_KDATA);
	pt_set(&LO, VA_LO, 3, pt_get(&LO, VA_LO, 3) & ~2ull);
	R(0) = VA_LO;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 3, DABT_EL1(FSC_TRANS(3)), VA_LO);
}

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

static void set_ips(unsigned ips)
{
	R(NISV_TCR_EL1) = (R(NISV_TCR_EL1) & ~TCR_IPS_MASK) | TCR_IPS(ips);
}

static void t_address_size(void)
{
	nisv_result r;
	nisv_status st;

	tcase("address size: page OA 0x100000000 with IPS = 32 bits -> level 3");
	guest_reset();
	set_mode(1);
	mmu_on(12, 0);
	set_ips(IPS_32);
	pt_map(&LO, VA_LO, 0x100000000ull, 3, PG_KDATA);
	R(0) = VA_LO + 8;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_ADDRESS_SIZE, 3, DABT_EL1(FSC_ADDR_SIZE(3)), VA_LO + 8);

	tcase("address size: level 2 block OA beyond IPS 32 -> level 2");
	guest_reset();
	mmu_on(12, 0);
	set_ips(IPS_32);
	pt_map(&LO, VA_LO, 0x100000000ull, 2, PG_KDATA);
	R(0) = VA_LO + 8;
	st = run(I_STR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_ADDRESS_SIZE, 2, DABT_EL1(FSC_ADDR_SIZE(2) | ISS_WNR), VA_LO + 8);

	tcase("address size: level 1 table address beyond IPS 32 -> level 1");
	guest_reset();
	mmu_on(12, 0);
	set_ips(IPS_32);
	pt_map(&LO, VA_LO, DATA, 3, PG_KDATA);
	pt_set(&LO, VA_LO, 1, pt_oa(&LO, 0x100000000ull) | 3);
	R(0) = VA_LO + 8;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_ADDRESS_SIZE, 1, DABT_EL1(FSC_ADDR_SIZE(1)), VA_LO + 8);

	tcase("address size: TTBR0 base beyond IPS 32 -> level 0, no walk");
	guest_reset();
	set_mode(1);
	mmu_on(12, 0);
	set_ips(IPS_32);
	R(NISV_TTBR0_EL1) = 0x100000000ull;
	R(0) = VA_LO + 8;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_ADDRESS_SIZE, 0, DABT_EL1(FSC_ADDR_SIZE(0)), VA_LO + 8);
	EXPECT_EQ(G.mem.walk_reads, 0);

	tcase("address size: IPS 48 but 40 implemented PA bits -> level 3");
	guest_reset();
	mmu_on(12, 0);
	set_pa_bits(40);
	pt_map(&LO, VA_LO, 0x10000000000ull, 3, PG_KDATA);
	R(0) = VA_LO + 8;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_ADDRESS_SIZE, 3, DABT_EL1(FSC_ADDR_SIZE(3)), VA_LO + 8);

	tcase("address size: 64K FEAT_LPA descriptor OA[51:48] != 0 with IPS 48 -> level 3");
	guest_reset();
	mmu_on(16, 0);
	set_features(NISV_FEAT_LPA);
	set_pa_bits(52);
	LO.flags |= PT_LPA;
	pt_map(&LO, VA_LO, 0x0001000080010000ull, 3, PG_KDATA);
	EXPECT_EQ(pt_get(&LO, VA_LO, 3) >> 12 & 0xf, 1); /* the harness put OA[48] in bit 12 */
	R(0) = VA_LO + 8;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_ADDRESS_SIZE, 3, DABT_EL1(FSC_ADDR_SIZE(3)), VA_LO + 8);

	tcase("address size: MMU off, VA bit 48 set (PA 48 bits) -> level 0");
	guest_reset();
	set_mode(1);
	R(0) = 0x0001000000000008ull;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_ADDRESS_SIZE, 0, DABT_EL1(FSC_ADDR_SIZE(0)), 0x0001000000000008ull);

	tcase("MMU off: with TBI0 the top byte is ignored (flat, VA = IPA)");
	guest_reset();
	R(NISV_TCR_EL1) = TCR_TBI0;
	gp_w64(IPA_RAM + 0x18, 0x70b1);
	R(0) = 0x5a00000000000000ull | (IPA_RAM + 0x18);
	st = run(I_LDR_X1_X0, &r);
	EXPECT_OK_REGS(st, BIT(1));
	EXPECT_EQ(R(1), 0x70b1);
}

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

/* Map VA_LO with a leaf AP and OR `tbits` into the table descriptor at `tlevel`. */
static void map_with_table_bits(struct pt *t, uint64_t va, uint64_t leaf, int tlevel, uint64_t tbits)
{
	pt_map(t, va, DATA, 3, leaf);
	pt_set(t, va, tlevel, pt_get(t, va, tlevel) | tbits);
}

static void t_aptable(void)
{
	nisv_result r;
	nisv_status st;

	tcase("APTable[0] on the level 2 table: EL0 read of an AP=01 page -> permission fault level 3");
	guest_reset();
	set_mode(1);
	mmu_on(12, 0);
	map_with_table_bits(&LO, VA_LO, PG_UDATA, 2, T_AP_NO_EL0);
	R(NISV_PSTATE) = PS_EL0T;
	R(0) = VA_LO;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_PERMISSION, 3, DABT_EL0(FSC_PERM(3)), VA_LO);

	tcase("APTable[0]: EL1 keeps read/write access");
	guest_reset();
	mmu_on(12, 0);
	map_with_table_bits(&LO, VA_LO, PG_UDATA, 2, T_AP_NO_EL0);
	R(0) = VA_LO;
	R(1) = 0x99;
	st = run(I_STR_X1_X0, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(gp_r64(DATA), 0x99);

	tcase("APTable[0] at level 0 also applies (hierarchical)");
	guest_reset();
	mmu_on(12, 0);
	map_with_table_bits(&LO, VA_LO, PG_UDATA, 0, T_AP_NO_EL0);
	R(NISV_PSTATE) = PS_EL0T;
	R(0) = VA_LO;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_PERMISSION, 3, DABT_EL0(FSC_PERM(3)), VA_LO);

	tcase("APTable[1] on the level 1 table: EL1 write -> permission fault level 3");
	guest_reset();
	set_mode(1);
	mmu_on(12, 0);
	map_with_table_bits(&LO, VA_LO, PG_UDATA, 1, T_AP_RO);
	R(0) = VA_LO + 8;
	st = run(I_STR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_PERMISSION, 3, DABT_EL1(FSC_PERM(3) | ISS_WNR), VA_LO + 8);

	tcase("APTable[1]: EL0 write faults, EL0 read allowed");
	guest_reset();
	mmu_on(12, 0);
	map_with_table_bits(&LO, VA_LO, PG_UDATA, 1, T_AP_RO);
	R(NISV_PSTATE) = PS_EL0T;
	R(0) = VA_LO + 8;
	st = run(I_STR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_PERMISSION, 3, DABT_EL0(FSC_PERM(3) | ISS_WNR), VA_LO + 8);
	gp_w64(DATA + 8, 0x4444);
	st = run(I_LDR_X1_X0, &r);
	EXPECT_OK_REGS(st, BIT(1));
	EXPECT_EQ(R(1), 0x4444);

	tcase("TCR_EL1.HPD0: APTable ignored in TTBR0 tables (EL0 write allowed)");
	guest_reset();
	mmu_on(12, 0);
	map_with_table_bits(&LO, VA_LO, PG_UDATA, 2, T_AP_NO_EL0 | T_AP_RO);
	R(NISV_TCR_EL1) |= TCR_HPD0;
	R(NISV_PSTATE) = PS_EL0T;
	R(0) = VA_LO + 8;
	R(1) = 0x4d;
	st = run(I_STR_X1_X0, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(gp_r64(DATA + 8), 0x4d);

	tcase("TCR_EL1.HPD1: APTable ignored in TTBR1 tables; HPD0 does not cover TTBR1");
	guest_reset();
	mmu_on(12, 0);
	map_with_table_bits(&HI, VA_HI, PG_KDATA, 2, T_AP_RO);
	R(NISV_TCR_EL1) |= TCR_HPD0;
	R(0) = VA_HI + 8;
	R(1) = 0x4e;
	st = run(I_STR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_PERMISSION, 3, DABT_EL1(FSC_PERM(3) | ISS_WNR), VA_HI + 8);
	R(NISV_TCR_EL1) |= TCR_HPD1;
	st = run(I_STR_X1_X0, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(gp_r64(DATA + 8), 0x4e);
}

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

static void t_access_flag(void)
{
	nisv_result r;
	nisv_status st;
	uint64_t d;

	tcase("AF = 0 page: LDR -> access flag fault level 3");
	guest_reset();
	set_mode(1);
	mmu_on(12, 0);
	pt_map(&LO, VA_LO, DATA, 3, PG_KDATA & ~D_AF);
	R(0) = VA_LO + 0x50;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_ACCESS_FLAG, 3, DABT_EL1(FSC_AF(3)), VA_LO + 0x50);

	tcase("AF = 0 page: STR -> access flag fault level 3 with WnR (report)");
	set_mode(0);
	st = run(I_STR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_ACCESS_FLAG, 3, DABT_EL1(FSC_AF(3) | ISS_WNR), VA_LO + 0x50);

	tcase("AF = 0 level 2 block -> access flag fault level 2");
	guest_reset();
	mmu_on(12, 0);
	pt_map(&LO, VA_2M, IPA_RAM, 2, PG_KDATA & ~D_AF);
	R(0) = VA_2M + 0x50;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_ACCESS_FLAG, 2, DABT_EL1(FSC_AF(2)), VA_2M + 0x50);

	tcase("TCR_EL1.HA without FEAT_HAFDBS: still an access flag fault");
	R(NISV_TCR_EL1) |= TCR_HA;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_ACCESS_FLAG, 2, DABT_EL1(FSC_AF(2)), VA_2M + 0x50);

	tcase("HA + FEAT_HAFDBS: LDR succeeds and sets AF in the descriptor in guest RAM");
	guest_reset();
	mmu_on(12, 0);
	set_features(NISV_FEAT_HAFDBS);
	R(NISV_TCR_EL1) |= TCR_HA;
	pt_map(&LO, VA_LO, DATA, 3, PG_KDATA & ~D_AF);
	d = pt_get(&LO, VA_LO, 3);
	gp_w64(DATA + 0x50, 0xaf);
	R(0) = VA_LO + 0x50;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_OK_REGS(st, BIT(1));
	EXPECT_EQ(R(1), 0xaf);
	EXPECT_EQ(pt_get(&LO, VA_LO, 3), d | D_AF);

	tcase("HA + FEAT_HAFDBS: AF set on a level 2 block by a store");
	guest_reset();
	mmu_on(12, 0);
	set_features(NISV_FEAT_HAFDBS);
	R(NISV_TCR_EL1) |= TCR_HA;
	pt_map(&LO, VA_2M, IPA_RAM, 2, PG_KDATA & ~D_AF);
	d = pt_get(&LO, VA_2M, 2);
	R(0) = VA_2M + 0x58;
	R(1) = 0x5a5a;
	st = run(I_STR_X1_X0, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(gp_r64(IPA_RAM + 0x58), 0x5a5a);
	EXPECT_EQ(pt_get(&LO, VA_2M, 2), d | D_AF);

	tcase("HA with big-endian tables (SCTLR_EL1.EE): AF set in big-endian descriptor, BE data");
	guest_reset();
	mmu_on(12, MMU_BE);
	set_features(NISV_FEAT_HAFDBS);
	R(NISV_TCR_EL1) |= TCR_HA;
	pt_map(&LO, VA_LO, DATA, 3, PG_KDATA & ~D_AF);
	d = pt_get(&LO, VA_LO, 3);
	gp_write(DATA + 0x60, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
	R(0) = VA_LO + 0x60;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_OK_REGS(st, BIT(1));
	EXPECT_EQ(R(1), 0x0102030405060708ull);
	EXPECT_EQ(pt_get(&LO, VA_LO, 3), d | D_AF);

	tcase("HA: an access that faults on its second page sets no AF on the first");
	guest_reset();
	set_mode(1);
	mmu_on(12, 0);
	set_features(NISV_FEAT_HAFDBS);
	R(NISV_TCR_EL1) |= TCR_HA;
	pt_map(&LO, VA_LO, DATA, 3, PG_KDATA & ~D_AF);
	pt_map(&LO, VA_LO + 0x1000, DATA + 0x1000, 3, PG_KDATA);
	pt_set(&LO, VA_LO + 0x1000, 3, 0);
	R(0) = VA_LO + 0xffc;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 3, DABT_EL1(FSC_TRANS(3)), VA_LO + 0x1000);
}

static void t_access_flag_more(void)
{
	nisv_result r;
	nisv_status st;
	uint64_t d0, d1;

	tcase("HA: an access crossing two AF = 0 pages sets AF in both descriptors");
	guest_reset();
	mmu_on(12, 0);
	set_features(NISV_FEAT_HAFDBS);
	R(NISV_TCR_EL1) |= TCR_HA;
	pt_map(&LO, VA_LO, DATA, 3, PG_KDATA & ~D_AF);
	pt_map(&LO, VA_LO + 0x1000, DATA + 0x1000, 3, PG_KDATA & ~D_AF);
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

	tcase("SCTLR_EL1.EE makes walks big-endian even at EL0 (E0E clear: data little-endian)");
	guest_reset();
	mmu_on(12, MMU_BE);
	pt_map(&LO, VA_LO, DATA, 3, PG_UDATA);
	gp_write(DATA + 0x68, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
	R(NISV_PSTATE) = PS_EL0T;
	R(0) = VA_LO + 0x68;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_OK_REGS(st, BIT(1));
	EXPECT_EQ(R(1), 0x0807060504030201ull);
}

static void dirty_setup(uint64_t tcr_bits, uint64_t leaf)
{
	guest_reset();
	mmu_on(12, 0);
	set_features(NISV_FEAT_HAFDBS);
	R(NISV_TCR_EL1) |= tcr_bits;
	pt_map(&LO, VA_LO, DATA, 3, leaf);
	R(0) = VA_LO + 0x70;
	R(1) = 0xd1d1;
}

static void t_dirty(void)
{
	nisv_result r;
	nisv_status st;
	uint64_t d;

	tcase("DBM + HD: STR to a read-only (AP=10) page succeeds and clears AP[2]");
	dirty_setup(TCR_HA | TCR_HD, PG_KDATA | D_AP_EL1_RO | D_DBM);
	d = pt_get(&LO, VA_LO, 3);
	st = run(I_STR_X1_X0, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(gp_r64(DATA + 0x70), 0xd1d1);
	EXPECT_EQ(pt_get(&LO, VA_LO, 3), d & ~D_AP2);

	tcase("DBM + HD: STR to a clean page with AF = 0 sets AF and clears AP[2]");
	dirty_setup(TCR_HA | TCR_HD, (PG_KDATA & ~D_AF) | D_AP_EL1_RO | D_DBM);
	d = pt_get(&LO, VA_LO, 3);
	st = run(I_STR_X1_X0, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(pt_get(&LO, VA_LO, 3), (d | D_AF) & ~D_AP2);

	tcase("DBM + HD: EL0 STR to an AP=11 DBM page -> AP becomes 01");
	dirty_setup(TCR_HA | TCR_HD, PG_UDATA | D_AP_RO | D_DBM);
	R(NISV_PSTATE) = PS_EL0T;
	d = pt_get(&LO, VA_LO, 3);
	st = run(I_STR_X1_X0, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(pt_get(&LO, VA_LO, 3), d & ~D_AP2);

	tcase("DBM + HD: LDR leaves the descriptor alone");
	dirty_setup(TCR_HA | TCR_HD, PG_KDATA | D_AP_EL1_RO | D_DBM);
	d = pt_get(&LO, VA_LO, 3);
	st = run(I_LDR_X1_X0, &r);
	EXPECT_OK_REGS(st, BIT(1));
	EXPECT_EQ(pt_get(&LO, VA_LO, 3), d);
	EXPECT_EQ(G.mem.cas, 0);

	tcase("DBM without TCR_EL1.HD: STR -> permission fault");
	dirty_setup(TCR_HA, PG_KDATA | D_AP_EL1_RO | D_DBM);
	set_mode(1);
	st = run(I_STR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_PERMISSION, 3, DABT_EL1(FSC_PERM(3) | ISS_WNR), VA_LO + 0x70);

	tcase("HD without HA: dirty state update disabled -> permission fault");
	dirty_setup(TCR_HD, PG_KDATA | D_AP_EL1_RO | D_DBM);
	st = run(I_STR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_PERMISSION, 3, DABT_EL1(FSC_PERM(3) | ISS_WNR), VA_LO + 0x70);

	tcase("HD without DBM: STR -> permission fault");
	dirty_setup(TCR_HA | TCR_HD, PG_KDATA | D_AP_EL1_RO);
	st = run(I_STR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_PERMISSION, 3, DABT_EL1(FSC_PERM(3) | ISS_WNR), VA_LO + 0x70);

	tcase("DBM + HD under APTable[1]: still read-only -> permission fault");
	dirty_setup(TCR_HA | TCR_HD, PG_KDATA | D_AP_EL1_RO | D_DBM);
	pt_set(&LO, VA_LO, 2, pt_get(&LO, VA_LO, 2) | T_AP_RO);
	st = run(I_STR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_PERMISSION, 3, DABT_EL1(FSC_PERM(3) | ISS_WNR), VA_LO + 0x70);
}

/* ---- 52-bit addresses ----------------------------------------------------- */

static void t_52bit(void)
{
	nisv_result r;
	nisv_status st;
	const uint64_t pa_lpa = 0x000b000080010000ull, pa_lpa2 = 0x000e000080010000ull;
	const uint64_t va52 = 0x000f123456700000ull, va52_hi = 0xfff8123456700000ull;

	tcase("FEAT_LPA 64K: tables at PA[51:48]=0xa (TTBR[5:2]), page at PA[51:48]=0xb (desc[15:12])");
	guest_reset();
	guest_pt_at(0x000a000040000000ull);
	mmu_on(16, MMU_LPA);
	EXPECT_EQ(R(NISV_TTBR0_EL1) & 0x3c, 0xa << 2);
	add_ram(pa_lpa, XRAM[0], XRAM_SIZE);
	pt_map(&LO, VA_LO, pa_lpa, 3, PG_KDATA);
	EXPECT_EQ(pt_get(&LO, VA_LO, 3) >> 12 & 0xf, 0xb);
	gp_w64(pa_lpa + 0x40, 0x52b17);
	R(0) = VA_LO + 0x40;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_OK_REGS(st, BIT(1));
	EXPECT_EQ(R(1), 0x52b17);
	EXPECT_EQ(G.mem.walk_reads, 3);

	tcase("FEAT_LPA 64K: TTBR1 store to a 52-bit PA");
	pt_map(&HI, VA_HI, pa_lpa, 3, PG_KDATA);
	R(0) = VA_HI + 0x48;
	R(1) = 0x1234;
	st = run(I_STR_X1_X0, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(gp_r64(pa_lpa + 0x48), 0x1234);

	tcase("FEAT_LPA2 4K + DS, 52-bit VA: start level -1, 5 lookups, tables and page above 2^50");
	guest_reset();
	guest_pt_at(0x000d000040000000ull);
	mmu_on(12, MMU_DS | MMU_VA52);
	EXPECT_EQ(LO.start, -1);
	EXPECT_EQ(R(NISV_TTBR0_EL1) & 0x3c, 0xd << 2);
	add_ram(pa_lpa2, XRAM[0], XRAM_SIZE);
	pt_map(&LO, va52, pa_lpa2, 3, PG_KDATA);
	EXPECT_EQ(pt_get(&LO, va52, 3) >> 8 & 3, 3); /* OA[51:50] in desc[9:8] */
	gp_w64(pa_lpa2 + 0x20, 0x1a2);
	R(0) = va52 + 0x20;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_OK_REGS(st, BIT(1));
	EXPECT_EQ(R(1), 0x1a2);
	EXPECT_EQ(G.mem.walk_reads, 5);

	tcase("FEAT_LPA2 4K + DS: 52-bit TTBR1 address 0xfff8...");
	pt_map(&HI, va52_hi, pa_lpa2, 3, PG_KDATA);
	R(0) = va52_hi + 0x28;
	R(1) = 0x2b2;
	st = run(I_STR_X1_X0, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(gp_r64(pa_lpa2 + 0x28), 0x2b2);

	tcase("FEAT_LPA2 16K + DS, 52-bit VA: 4 lookups, 52-bit PA");
	guest_reset();
	guest_pt_at(0x000d000040000000ull);
	mmu_on(14, MMU_DS | MMU_VA52);
	add_ram(pa_lpa2, XRAM[0], XRAM_SIZE);
	pt_map(&LO, va52, pa_lpa2, 3, PG_KDATA);
	gp_w64(pa_lpa2 + 0x30, 0x16c);
	R(0) = va52 + 0x30;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_OK_REGS(st, BIT(1));
	EXPECT_EQ(R(1), 0x16c);
	EXPECT_EQ(G.mem.walk_reads, 4);

	tcase("FEAT_LVA 64K, T0SZ=12: 52-bit VA, level 1 table of 1024 entries, 3 lookups");
	guest_reset();
	guest_pt_at(0x000a000040000000ull);
	mmu_on(16, MMU_LPA | MMU_VA52);
	set_features(G.features | NISV_FEAT_LVA);
	add_ram(pa_lpa, XRAM[0], XRAM_SIZE);
	pt_map(&LO, va52, pa_lpa, 3, PG_KDATA);
	gp_w64(pa_lpa + 0x38, 0x64c);
	R(0) = va52 + 0x38;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_OK_REGS(st, BIT(1));
	EXPECT_EQ(R(1), 0x64c);
	EXPECT_EQ(G.mem.walk_reads, 3);

	tcase("64K without FEAT_LVA: T0SZ=12 out of range, VA[51:48] != 0 -> translation fault level 0");
	set_features(G.features & ~(uint32_t)NISV_FEAT_LVA);
	st = run(I_LDR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 0, DABT_EL1(FSC_TRANS(0)), va52 + 0x38);

	tcase("FEAT_LPA2 + DS with IPS 48: level -1 table address >= 2^48 -> address size fault level -1");
	guest_reset();
	set_mode(1);
	mmu_on(12, MMU_DS | MMU_VA52);
	set_ips(IPS_48);
	pt_map(&LO, va52, DATA, 3, PG_KDATA);
	pt_set(&LO, va52, -1, pt_oa(&LO, 0x0001000000000000ull) | 3);
	R(0) = va52 + 0x30;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_ADDRESS_SIZE, -1, DABT_EL1(FSC_ADDR_SIZE(-1)), va52 + 0x30);

	tcase("DS without FEAT_LPA2: T0SZ=12 is out of range -> VA bits [51:48] set fault at level 0");
	guest_reset();
	mmu_on(12, 0);
	R(NISV_TCR_EL1) |= TCR_DS;
	R(NISV_TCR_EL1) = (R(NISV_TCR_EL1) & ~0x3full) | 12;
	R(0) = va52;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 0, DABT_EL1(FSC_TRANS(0)), va52);
}

void tests_mmu(void)
{
	for (unsigned i = 0; i < 3; i++) {
		t_granule(granules[i]);
		t_page_cross(granules[i]);
	}
	t_txsz(12, 25, 3);
	t_txsz(14, 28, 2);
	t_txsz(16, 22, 2);
	t_tbi();
	t_epd();
	t_e0pd();
	for (unsigned i = 0; i < sizeof blocks / sizeof blocks[0]; i++)
		t_block(&blocks[i]);
	for (unsigned i = 0; i < sizeof bad_blocks / sizeof bad_blocks[0]; i++)
		t_bad_block(&bad_blocks[i]);
	t_level3_block_encoding();
	t_invalid_levels(12, 0, VA_LO);
	t_invalid_levels(14, 0, VA_LO);
	t_invalid_levels(16, 0, VA_LO);
	t_invalid_levels(12, MMU_DS | MMU_VA52, 0x000f123456700000ull);
	t_invalid_levels(14, MMU_DS | MMU_VA52, 0x000f123456700000ull);
	t_address_size();
	t_ap_matrix();
	t_aptable();
	for (unsigned i = 0; i < sizeof pan_cases / sizeof pan_cases[0]; i++)
		t_pan(&pan_cases[i], (int)(i & 1));
	t_access_flag();
	t_access_flag_more();
	t_dirty();
	t_52bit();
}
