/*
 * SVE gathers and scatters on the trap path, for what the CPU oracle
 * cannot show: elements on devices (in element order, each on its own
 * region, all checked before the first is performed), the FAR of the
 * element that faults, and trap reports. Arm ARM pseudocode "LD1W (scalar
 * plus vector)": for each element e, if ActivePredicateElement(mask, e):
 * addr = base + (offset << scale); data = Mem[addr, mbytes] — so the
 * elements are accessed (and fault) in element order, whatever their
 * addresses.
 */
#include <string.h>

#include "sve_guest.h"

#define LD1W_UXTW2 0x85214020u  /* ld1w   {z0.s}, p0/z, [x1, z1.s, uxtw #2] */
#define LD1W_SXTW 0x85414020u   /* ld1w   {z0.s}, p0/z, [x1, z1.s, sxtw]    */
#define LD1D_LSL3 0xc5e1c020u   /* ld1d   {z0.d}, p0/z, [x1, z1.d, lsl #3]  */
#define LD1B_VIMM 0xc423c020u   /* ld1b   {z0.d}, p0/z, [z1.d, #3]          */
#define LD1SH_VIMM 0x84a38020u  /* ld1sh  {z0.s}, p0/z, [z1.s, #6]          */
#define LD1H_SXTW1 0xc4e14020u  /* ld1h   {z0.d}, p0/z, [x1, z1.d, sxtw #1] */
#define ST1D_VIMM 0xe5c1a020u   /* st1d   {z0.d}, p0, [z1.d, #8]            */
#define ST1H_D 0xe481a020u      /* st1h   {z0.d}, p0, [x1, z1.d]            */
#define LD1D_V 0xc5a0c020u      /* ld1d   {z0.d}, p0/z, [z1.d]              */
#define LDFF1D_V 0xc5a0e020u    /* ldff1d {z0.d}, p0/z, [z1.d]              */
#define LDNT1D_VX 0xc582c020u   /* ldnt1d {z0.d}, p0/z, [z1.d, x2]          */
#define LD1W_Z31 0x8520c3e0u    /* ld1w   {z0.s}, p0/z, [z31.s]             */

static struct nisv_sve_state sve;

/* sve_guest at vl_bits, without SME, P0 all true. */
static void gather_guest(unsigned vl_bits)
{
	sve_guest(&sve, vl_bits, 0);
	memset(sve.p[0], 0xff, sizeof sve.p[0]);
}

/* Element e of Z1 (ebytes each, little-endian). */
static void z1_elem(unsigned ebytes, unsigned e, uint64_t val)
{
	for (unsigned i = 0; i < ebytes; i++)
		sve.z[1][e * ebytes + i] = (uint8_t)(val >> 8 * i);
}

static uint64_t z0_elem(unsigned ebytes, unsigned e)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < ebytes; i++)
		v |= (uint64_t)sve.z[0][e * ebytes + i] << 8 * i;
	return v;
}

static uint32_t dev_word(unsigned d, unsigned off)
{
	uint32_t v = 0;

	for (unsigned i = 0; i < 4; i++)
		v |= (uint32_t)G.dev[d].mem[off + i] << 8 * i;
	return v;
}

static void element_order(void)
{
	static const unsigned word_index[4] = { 3, 0, 2, 1 };
	nisv_result r;
	nisv_status st;

	tcase("gather: ld1w [x1, z1.s, uxtw #2] reads a device in element order, not address order");
	gather_guest(128);
	R(1) = DEV_VA;
	for (unsigned e = 0; e < 4; e++)
		z1_elem(4, e, word_index[e]);
	st = run(LD1W_UXTW2, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(G.dev[0].ncalls, 4);
	for (unsigned e = 0; e < 4; e++) {
		EXPECT_DEVCALL(0, e, 0, word_index[e] * 4, 4);
		EXPECT_EQ(z0_elem(4, e), dev_word(0, word_index[e] * 4));
	}

	tcase("gather: sxtw offsets are signed, unscaled");
	gather_guest(128);
	R(1) = DEV_VA + 0x100;
	z1_elem(4, 0, (uint32_t)-8);
	z1_elem(4, 1, 0x10);
	pred_elements(sve.p[0], 4, 0x3);
	st = run(LD1W_SXTW, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(G.dev[0].ncalls, 2);
	EXPECT_DEVCALL(0, 0, 0, 0xf8, 4);
	EXPECT_DEVCALL(0, 1, 0, 0x110, 4);
	EXPECT_EQ(z0_elem(4, 2), 0);

	tcase("gather: ld1h [x1, z1.d, sxtw #1] takes the low 32 bits of each offset");
	gather_guest(128);
	R(1) = DEV_VA + 0x100;
	z1_elem(8, 0, 0xffffffff00000004ull); /* UXTW of the low word: +8 */
	z1_elem(8, 1, 0x00000000fffffffeull); /* SXTW: -2, scaled -4 */
	st = run(LD1H_SXTW1, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_DEVCALL(0, 0, 0, 0x108, 2);
	EXPECT_DEVCALL(0, 1, 0, 0xfc, 2);

	tcase("gather: ld1sh [z1.s, #6]: base elements plus imm, sign-extended");
	gather_guest(128);
	z1_elem(4, 0, (uint32_t)DEV_VA); /* a 32-bit base is zero-extended: */
	pred_elements(sve.p[0], 4, 0x1);             /* 0x09000000 is unmapped in TTBR0 */
	st = run(LD1SH_VIMM, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 0, esr_of(EC_DABT_CUR, FSC_TRANS(0)), (uint32_t)DEV_VA + 6);
}

static void elements_on_regions(void)
{
	nisv_result r;
	nisv_status st;

	for (int direct = 0; direct < 2; direct++) {
		set_bus_direct(direct);
		tcase(direct ? "gather: ld1d [x1, z1.d, lsl #3] over two devices and RAM, on the bus"
		             : "gather: ld1d [x1, z1.d, lsl #3] over two devices and RAM");
		gather_guest(256);
		R(1) = 0;
		z1_elem(8, 0, (DEV1_VA + 0x20) >> 3);
		z1_elem(8, 1, (DATA_VA + 0x40) >> 3);
		z1_elem(8, 2, (DEV_VA + 0x18) >> 3);
		z1_elem(8, 3, (DEV1_VA + 0x8) >> 3);
		gp_w64(DATA_PA + 0x40, 0x1122334455667788ull);
		st = run(LD1D_LSL3, &r);
		EXPECT_OK_REGS(st, 0);
		EXPECT_EQ(G.dev[1].ncalls, 2);
		EXPECT_EQ(G.dev[0].ncalls, 1);
		EXPECT_DEVCALL(1, 0, 0, 0x20, 8);
		EXPECT_DEVCALL(1, 1, 0, 0x8, 8);
		EXPECT_DEVCALL(0, 0, 0, 0x18, 8);
		EXPECT_EQ(z0_elem(8, 1), 0x1122334455667788ull);
		EXPECT_EQ(z0_elem(8, 0), (uint64_t)dev_word(1, 0x24) << 32 | dev_word(1, 0x20));
	}
	set_bus_direct(0);

	tcase("scatter: st1d [z1.d, #8] writes each active element's doubleword, in element order");
	gather_guest(256);
	z1_elem(8, 0, DEV_VA + 0x30);
	z1_elem(8, 2, DEV_VA);
	z1_elem(8, 3, DEV1_VA + 0x10);
	pred_elements(sve.p[0], 8, 0xd);
	st = run(ST1D_VIMM, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(G.dev[0].ncalls, 2);
	EXPECT_DEVCALL(0, 0, 1, 0x38, 8);
	EXPECT_DEVCALL(0, 1, 1, 0x8, 8);
	EXPECT_DEVCALL(1, 0, 1, 0x18, 8);
	EXPECT_EQ(devcall_value(0, 0), 0x8786858483828180ull);  /* z0 bytes 0-7 */
	EXPECT_EQ(devcall_value(0, 1), 0x9796959493929190ull);
}

static void faults(void)
{
	nisv_result r;
	nisv_status st;

	tcase("gather: element 2 on an unmapped page: fault at its address, nothing performed");
	gather_guest(256);
	z1_elem(8, 0, DEV_VA);
	z1_elem(8, 1, DEV1_VA);
	z1_elem(8, 2, DATA_VA + 0x1010);
	z1_elem(8, 3, DEV_VA + 8);
	st = run(LD1D_V, &r); /* ld1d {z0.d}, p0/z, [z1.d] */
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 3, esr_of(EC_DABT_CUR, FSC_TRANS(3)), DATA_VA + 0x1010);

	tcase("gather: the first element in element order faults, not the lowest address");
	gather_guest(128);
	z1_elem(8, 0, DATA_VA + 0x1100);
	z1_elem(8, 1, DATA_VA + 0x1000);
	st = run(LD1D_V, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 3, esr_of(EC_DABT_CUR, FSC_TRANS(3)), DATA_VA + 0x1100);

	tcase("gather: an element straddling into an unmapped page faults at the page");
	gather_guest(128);
	z1_elem(8, 0, DATA_VA + 0x1000 - 4);
	pred_elements(sve.p[0], 8, 0x1);
	st = run(LD1D_V, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 3, esr_of(EC_DABT_CUR, FSC_TRANS(3)), DATA_VA + 0x1000);

	tcase("gather: a misaligned element on Device memory: alignment fault, element 0 not read");
	gather_guest(128);
	z1_elem(8, 0, DEV_VA);
	z1_elem(8, 1, DEV_VA + 0x14);
	st = run(LD1D_V, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_ALIGNMENT, 0, esr_of(EC_DABT_CUR, FSC_ALIGN), DEV_VA + 0x14);

	tcase("gather: SCTLR_EL1.A, element 0 unmapped before element 1 misaligned: translation fault");
	gather_guest(128);
	R(NISV_SCTLR_EL1) |= SC_A;
	z1_elem(8, 0, DATA_VA + 0x1000);
	z1_elem(8, 1, DATA_VA + 4);
	st = run(LD1D_V, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 3, esr_of(EC_DABT_CUR, FSC_TRANS(3)), DATA_VA + 0x1000);

	tcase("gather: SCTLR_EL1.A, element 0 misaligned before element 1 unmapped: alignment fault");
	z1_elem(8, 0, DATA_VA + 4);
	z1_elem(8, 1, DATA_VA + 0x1000);
	st = run(LD1D_V, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_ALIGNMENT, 0, esr_of(EC_DABT_CUR, FSC_ALIGN), DATA_VA + 4);

	tcase("scatter: st1h [x1, z1.d] with an element where no region is: external abort at it, nothing written");
	gather_guest(128);
	pt_map(&HI, DATA_VA + 0x1000, IPA_HOLE, 3, PG_KDEV);
	R(1) = DEV_VA;
	z1_elem(8, 0, 0x10);
	z1_elem(8, 1, DATA_VA + 0x1000 + 6 - DEV_VA);
	st = run(ST1H_D, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_EXTERNAL, 0, esr_of(EC_DABT_CUR, FSC_EXT | ISS_FNV | ISS_WNR), NO_FAR);
}

static void forms(void)
{
	nisv_result r;
	nisv_status st;

	tcase("gather: ld1b [z1.d, #3] zero-extends bytes into doublewords");
	gather_guest(128);
	z1_elem(8, 0, DEV_VA + 0x10);
	z1_elem(8, 1, DEV1_VA);
	st = run(LD1B_VIMM, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_DEVCALL(0, 0, 0, 0x13, 1);
	EXPECT_DEVCALL(1, 0, 0, 0x3, 1);
	EXPECT_EQ(z0_elem(8, 0), G.dev[0].mem[0x13]);
	EXPECT_EQ(z0_elem(8, 1), G.dev[1].mem[0x3]);

	tcase("gather: ldnt1d [z1.d, x2] adds Xm to each base");
	gather_guest(128);
	R(2) = 0x40;
	z1_elem(8, 0, DEV_VA);
	z1_elem(8, 1, DEV_VA - 0x20);
	st = run(LDNT1D_VX, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_DEVCALL(0, 0, 0, 0x40, 8);
	EXPECT_DEVCALL(0, 1, 0, 0x20, 8);

	tcase("gather: [z31.s] is a vector base: no SP alignment check");
	gather_guest(128);
	R(NISV_SCTLR_EL1) |= SC_SA;
	R(NISV_SP_EL1) = 8;
	memset(sve.z[31], 0, sizeof sve.z[31]);
	pred_elements(sve.p[0], 4, 0);
	st = run(LD1W_Z31, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(z0_elem(4, 0), 0);

	tcase("gather: ldff1d, element 0 read, element 1 unmapped: FFR cleared from element 1, no fault");
	gather_guest(256);
	memset(sve.ffr, 0xff, sizeof sve.ffr);
	z1_elem(8, 0, DEV_VA);
	z1_elem(8, 1, DATA_VA + 0x1000);
	z1_elem(8, 2, DEV_VA + 8);
	st = run(LDFF1D_V, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(G.dev[0].ncalls, 1);
	EXPECT_EQ(sve.ffr[0], 0xff); /* element e owns FFR bits 8e..8e+7 */
	EXPECT_EQ(sve.ffr[1] | sve.ffr[2] | sve.ffr[3], 0);
	EXPECT_EQ(z0_elem(8, 0), (uint64_t)dev_word(0, 4) << 32 | dev_word(0, 0));
	EXPECT_EQ(z0_elem(8, 2), 0);

	tcase("gather: ldff1d, element 0 inactive, element 1 unmapped: it faults");
	gather_guest(256);
	z1_elem(8, 1, DATA_VA + 0x1000);
	pred_elements(sve.p[0], 8, 0xe);
	st = run(LDFF1D_V, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 3, esr_of(EC_DABT_CUR, FSC_TRANS(3)), DATA_VA + 0x1000);
}

/* VL 2048, 64 word elements each across the same page boundary: 128 page
 * segments, the most a gather makes. */
static void largest(void)
{
	nisv_result r;
	nisv_status st;

	tcase("gather: 64 words at VL 2048, each across a page boundary");
	gather_guest(2048);
	pt_map(&HI, DATA_VA + 0x2000, DATA_PA + 0x2000, 3, PG_KDATA);
	pt_map(&HI, DATA_VA + 0x3000, DATA_PA + 0x3000, 3, PG_KDATA);
	for (unsigned i = 0; i < 8; i++)
		RAM[DATA_PA - IPA_RAM + 0x3000 - 4 + i] = (uint8_t)(0x10 + i);
	R(1) = DATA_VA + 0x3000 - 4;
	for (unsigned e = 0; e < 64; e++)
		z1_elem(4, e, 1 + (e & 1)); /* 3 or 2 bytes before the boundary */
	st = run(LD1W_SXTW, &r);
	EXPECT_OK_REGS(st, 0);
	for (unsigned e = 0; e < 64; e += 21)
		EXPECT_EQ(z0_elem(4, e), (e & 1) ? 0x15141312u : 0x14131211u);

	tcase("gather: the same with the second page unmapped faults at the first element");
	pt_set(&HI, DATA_VA + 0x3000, 3, 0);
	st = run(LD1W_SXTW, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 3, esr_of(EC_DABT_CUR, FSC_TRANS(3)), DATA_VA + 0x3000);
}

static void trap_reports(void)
{
	nisv_abort a = { .esr = esr_of(EC_DABT_LOW, 0), .flags = NISV_ABORT_FAR_VALID };
	nisv_result r;
	nisv_status st;

	tcase("gather: a report at an inactive element's address is stale");
	gather_guest(128);
	gp_w32(CODE_PA, LD1D_V);
	z1_elem(8, 0, DEV_VA + 0x100);
	z1_elem(8, 1, DEV_VA + 0x200);
	pred_elements(sve.p[0], 8, 0x2);
	a.ipa = IPA_DEV0 + 0x100, a.far = DEV_VA + 0x100;
	st = run_abort(&a, &r);
	EXPECT_EQ(st, NISV_RETRY);
	EXPECT_NOTHING_DONE();

	tcase("gather: a report whose FAR is no element's is stale");
	a.ipa = IPA_DEV0 + 0x200, a.far = DEV_VA + 0x300;
	st = run_abort(&a, &r);
	EXPECT_EQ(st, NISV_RETRY);

	tcase("gather: a report at an active element is finished");
	a.ipa = IPA_DEV0 + 0x200, a.far = DEV_VA + 0x200;
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(G.dev[0].ncalls, 1);
	EXPECT_DEVCALL(0, 0, 0, 0x200, 8);
}

void tests_sve_gather(void)
{
	element_order();
	elements_on_regions();
	faults();
	forms();
	largest();
	trap_reports();
}
