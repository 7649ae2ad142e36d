/*
 * SVE loads and stores on the trap path, for what the CPU oracle cannot
 * show: Device memory, the trap report, the vector length nisv picks, and
 * the cases where QEMU's CPU departs from the Arm ARM pseudocode (a
 * contiguous load whose element k > 0 straddles into an unmapped page must
 * fault at the first byte there: "LD1D (scalar plus immediate)" accesses
 * the elements in order, and an unaligned element byte by byte, "Mem[]").
 */
#include <string.h>

#include "harness.h"

#define DATA_VA 0xffff800000500000ull /* RAM page, then an unmapped page */
#define DATA_PA (IPA_RAM + 0x38000)
#define DEV_VA 0xffff800009000000ull  /* device 0, Device memory        */
#define CODE_PA (IPA_RAM + 0x20000)   /* the code at PC0                */

#define LD1D_Z0 0xa5e0a020u  /* ld1d  {z0.d}, p0/z, [x1]  */
#define LD1B_Z0 0xa400a020u  /* ld1b  {z0.b}, p0/z, [x1]  */
#define LD1H_Z0 0xa4a0a020u  /* ld1h  {z0.h}, p0/z, [x1]  */
#define ST1W_Z1D 0xe560e021u /* st1w  {z1.d}, p0, [x1]    */
#define LD1ROB_Z0 0xa4202020u /* ld1rob {z0.b}, p0/z, [x1] */
#define LD1RB_Z0 0x84408020u /* ld1rb {z0.b}, p0/z, [x1]  */
#define LDR_Z0 0x85804020u   /* ldr   z0, [x1]            */
#define LDFF1D_Z0 0xa5ff6020u /* ldff1d {z0.d}, p0/z, [x1, xzr, lsl #3] */
#define LDFF1B_Z0 0xa41f6020u /* ldff1b {z0.b}, p0/z, [x1, xzr]         */
#define LDNF1B_Z0 0xa410a020u /* ldnf1b {z0.b}, p0/z, [x1]              */
#define DATA2_VA (DATA_VA + 0x2000) /* two RAM pages                   */
#define UDEV_VA 0x0000000009000000ull /* device 0 for EL0, Device memory */
#define LD1B_SP 0xa400a3e0u  /* ld1b  {z0.b}, p0/z, [sp]  */

static struct nisv_sve_state sve;

/* MMU on, SVE with every VL implemented and ZCR_EL1 asking for vl_bits;
 * Z[n] byte i = 0x80 | n ^ i, P0 all true. */
static void sve_guest(unsigned vl_bits)
{
	guest_reset();
	mmu_on(12, 0);
	pt_map(&HI, DATA_VA, DATA_PA, 3, PG_KDATA);
	pt_map(&HI, DATA_VA + 0x1000, DATA_PA + 0x1000, 3, PG_KDATA);
	pt_set(&HI, DATA_VA + 0x1000, 3, 0);
	pt_map(&HI, DEV_VA, IPA_DEV0, 3, PG_KDEV);
	pt_map(&HI, PC0, CODE_PA, 3, PG_KCODE);
	pt_map(&HI, DATA2_VA, DATA_PA + 0x2000, 3, PG_KDATA);
	pt_map(&HI, DATA2_VA + 0x1000, DATA_PA + 0x3000, 3, PG_KDATA);
	pt_map(&LO, UDEV_VA, IPA_DEV0, 3, PG_UDEV);
	memset(&sve, 0, sizeof sve);
	for (unsigned n = 0; n < 32; n++)
		for (unsigned i = 0; i < 256; i++)
			sve.z[n][i] = (uint8_t)(0x80 | (n ^ i));
	memset(sve.p[0], 0xff, sizeof sve.p[0]);
	G.st.sve = &sve;
	nisv_vcpu_set_vector_lengths(&G.v, 0xffff, 0);
	R(NISV_ZCR_EL1) = vl_bits / 128 - 1;
	for (unsigned i = 0; i < DEV_SIZE; i++)
		G.dev[0].mem[i] = (uint8_t)(i * 7 + 1);
}

static void expect_z(unsigned n, const uint8_t *want, unsigned len)
{
	for (unsigned i = 0; i < len; i++)
		if (!EXPECT_EQ(sve.z[n][i], want[i]))
			return;
}

static void straddling_elements(void)
{
	nisv_result r;
	nisv_status st;
	uint8_t want[32] = { 0 };

	/* VL 256: four doublewords at -12, -4 (straddles), +4, +12 */
	tcase("sve: element 1 of ld1d straddles into an unmapped page: fault at the page");
	sve_guest(256);
	R(1) = DATA_VA + 0x1000 - 12;
	st = run(LD1D_Z0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 3, esr_of(EC_DABT_CUR, FSC_TRANS(3)), DATA_VA + 0x1000);

	tcase("sve: the straddling element inactive: fault at the next active one");
	sve_guest(256);
	R(1) = DATA_VA + 0x1000 - 12;
	pred_elements(sve.p[0], 8, 0x5);
	st = run(LD1D_Z0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 3, esr_of(EC_DABT_CUR, FSC_TRANS(3)), DATA_VA + 0x1000 + 4);

	tcase("sve: no active element on the unmapped page: loaded, the rest zero");
	sve_guest(256);
	R(1) = DATA_VA + 0x1000 - 12;
	pred_elements(sve.p[0], 8, 0x1);
	gp_w64(DATA_PA + 0x1000 - 12, 0x1122334455667788ull);
	st = run(LD1D_Z0, &r);
	EXPECT_OK_REGS(st, 0);
	memcpy(want, "\x88\x77\x66\x55\x44\x33\x22\x11", 8);
	expect_z(0, want, 32);
}

static void device_elements(void)
{
	nisv_result r;
	nisv_status st;
	uint8_t want[16] = { 0 };

	tcase("sve: ld1b from a device reads only the active bytes, in order");
	sve_guest(128);
	R(1) = DEV_VA;
	pred_elements(sve.p[0], 1, 0x8105); /* elements 0, 2, 8, 15 */
	st = run(LD1B_Z0, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(G.dev[0].ncalls, 4);
	EXPECT_DEVCALL(0, 0, 0, 0, 1);
	EXPECT_DEVCALL(0, 1, 0, 2, 1);
	EXPECT_DEVCALL(0, 2, 0, 8, 1);
	EXPECT_DEVCALL(0, 3, 0, 15, 1);
	for (unsigned e = 0; e < 16; e++)
		want[e] = 0x8105 >> e & 1 ? (uint8_t)(e * 7 + 1) : 0;
	expect_z(0, want, 16);

	tcase("sve: st1w {z1.d} to a device writes the low words of the active elements");
	sve_guest(256);
	R(1) = DEV_VA;
	pred_elements(sve.p[0], 8, 0x5); /* elements 0 and 2 */
	st = run(ST1W_Z1D, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(G.dev[0].ncalls, 2);
	EXPECT_DEVCALL(0, 0, 1, 0, 4);
	EXPECT_DEVCALL(0, 1, 1, 8, 4);
	EXPECT_EQ(devcall_value(0, 0), 0x82838081u);  /* z1 bytes 0-3: 0x80 | 1 ^ i */
	EXPECT_EQ(devcall_value(0, 1), 0x92939091u);  /* z1 bytes 16-19 */

	tcase("sve: a misaligned ld1h on Device memory: alignment fault at the first active element");
	sve_guest(128);
	R(1) = DEV_VA + 1;
	pred_elements(sve.p[0], 2, 0xfe);
	st = run(LD1H_Z0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_ALIGNMENT, 0, esr_of(EC_DABT_CUR, FSC_ALIGN), DEV_VA + 3);

	tcase("sve: no active element: Zt zeroed, no access");
	sve_guest(128);
	R(1) = DEV_VA;
	pred_elements(sve.p[0], 1, 0);
	st = run(LD1B_Z0, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(G.dev[0].ncalls, 0);
	memset(want, 0, sizeof want);
	expect_z(0, want, 16);
}

static void exception_levels(void)
{
	nisv_result r;
	nisv_status st;

	tcase("sve: ld1b at EL0 (no DC trap rules: SCTLR_EL1.DZE clear)");
	sve_guest(128);
	R(NISV_PSTATE) = PS_EL0T;
	R(1) = UDEV_VA;
	st = run(LD1B_Z0, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(G.dev[0].ncalls, 16);

	tcase("sve: [sp] with SCTLR_EL1.SA and a misaligned SP: SP alignment fault");
	sve_guest(128);
	R(NISV_SCTLR_EL1) |= SC_SA;
	R(NISV_SP_EL1) = DEV_VA + 8;
	st = run(LD1B_SP, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_SP_ALIGNMENT, 0, esr_of(EC_SP_ALIGN, 0), NO_FAR);
}

static void trap_reports(void)
{
	nisv_abort a = { .esr = esr_of(EC_DABT_LOW, 0), .flags = NISV_ABORT_FAR_VALID };
	nisv_result r;
	nisv_status st;

	tcase("sve: a report on an inactive element is stale");
	sve_guest(128);
	gp_w32(CODE_PA, LD1B_Z0);
	R(1) = DEV_VA;
	pred_elements(sve.p[0], 1, 0x5); /* elements 0 and 2 */
	a.ipa = IPA_DEV0 + 1, a.far = DEV_VA + 1;
	st = run_abort(&a, &r);
	EXPECT_EQ(st, NISV_RETRY);
	EXPECT_NOTHING_DONE();

	tcase("sve: a report on an active element is finished");
	a.ipa = IPA_DEV0 + 2, a.far = DEV_VA + 2;
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(G.dev[0].ncalls, 2);
}

static void vector_lengths(void)
{
	nisv_result r;
	nisv_status st;

	tcase("sve: no vector length declared: SVE is UNDEFINED");
	sve_guest(128);
	nisv_vcpu_set_vector_lengths(&G.v, 0, 0);
	R(1) = DATA_VA;
	st = run(LD1B_Z0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_UNDEFINED, 0, esr_of(EC_UNKNOWN, 0), NO_FAR);

	tcase("sve: ld1rob needs a 256-bit vector (UNDEFINED at 128)");
	sve_guest(128);
	R(1) = DATA_VA;
	st = run(LD1ROB_Z0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_UNDEFINED, 0, esr_of(EC_UNKNOWN, 0), NO_FAR);

	tcase("sve: ZCR_EL1 asks for 512 bits, 128 and 256 implemented: ldr z0 loads 32 bytes");
	sve_guest(512);
	nisv_vcpu_set_vector_lengths(&G.v, 0x3, 0);
	R(1) = DATA_VA;
	memset(RAM + (DATA_PA - IPA_RAM), 0x5a, 64);
	st = run(LDR_Z0, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(sve.z[0][31], 0x5a);
	EXPECT_EQ(sve.z[0][32], 0x80 | 32);

	tcase("sve: streaming mode runs with the streaming length (SMCR_EL1)");
	sve_guest(128);
	nisv_vcpu_set_vector_lengths(&G.v, 0x1, 0x8);
	R(NISV_SVCR) = 1;
	R(NISV_SMCR_EL1) = 3;
	R(1) = DATA_VA;
	memset(RAM + (DATA_PA - IPA_RAM), 0x5a, 128);
	st = run(LDR_Z0, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(sve.z[0][63], 0x5a);
	EXPECT_EQ(sve.z[0][64], 0x80 | 64);

	tcase("sve: big-endian data (SCTLR_EL1.EE) swaps each element");
	sve_guest(128);
	R(NISV_SCTLR_EL1) = SC_EE; /* MMU off: the tables are little-endian */
	R(1) = DATA_PA;
	gp_w32(DATA_PA, 0x04030201u);
	pred_elements(sve.p[0], 2, 0x1);
	st = run(LD1H_Z0, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(sve.z[0][0], 0x02);
	EXPECT_EQ(sve.z[0][1], 0x01);
	EXPECT_EQ(sve.z[0][2], 0);
}

/*
 * LDFF1/LDNF1: nisv performs only LDFF1's first active element and
 * suppresses every other access (MemNF[] may, for any reason); FFR is
 * cleared from the first suppressed element on, and Zt is zero there.
 */
static void first_fault(void)
{
	nisv_result r;
	nisv_status st;
	uint8_t want[32] = { 0 };

	tcase("sve: ldff1d from a device: the first element only, FFR cleared after it");
	sve_guest(256);
	memset(sve.ffr, 0xff, sizeof sve.ffr);
	R(1) = DEV_VA;
	st = run(LDFF1D_Z0, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(G.dev[0].ncalls, 1);
	EXPECT_DEVCALL(0, 0, 0, 0, 8);
	for (unsigned i = 0; i < 8; i++)
		want[i] = (uint8_t)(i * 7 + 1);
	expect_z(0, want, 32);
	EXPECT_EQ(sve.ffr[0], 0xff);
	EXPECT_EQ(sve.ffr[1] | sve.ffr[2] | sve.ffr[3], 0);
	EXPECT_EQ(sve.ffr[4], 0xff); /* beyond VL 256: untouched */

	tcase("sve: ldff1b whose first active element is past a page split keeps its FFR bit");
	sve_guest(128);
	memset(sve.ffr, 0xff, sizeof sve.ffr);
	R(1) = DATA2_VA + 0x1000 - 4;
	pred_elements(sve.p[0], 1, 0xfff0); /* elements 4-15: the first on the second page */
	gp_w32(DATA_PA + 0x3000, 0x44332211u);
	st = run(LDFF1B_Z0, &r);
	EXPECT_OK_REGS(st, 0);
	memset(want, 0, sizeof want);
	want[4] = 0x11;
	expect_z(0, want, 16);
	EXPECT_EQ(sve.ffr[0], 0x1f);
	EXPECT_EQ(sve.ffr[1], 0);

	tcase("sve: ldff1b whose first active element faults takes the fault");
	sve_guest(128);
	R(1) = DATA_VA + 0x1000 - 4;
	pred_elements(sve.p[0], 1, 0xfff0);
	st = run(LDFF1B_Z0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 3, esr_of(EC_DABT_CUR, FSC_TRANS(3)), DATA_VA + 0x1000);

	tcase("sve: ldnf1b on an unmapped page: no fault, FFR cleared from the first active element");
	sve_guest(128);
	memset(sve.ffr, 0xff, sizeof sve.ffr);
	R(1) = DATA_VA + 0x1000;
	pred_elements(sve.p[0], 1, 0xff00);
	st = run(LDNF1B_Z0, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(sve.ffr[0], 0xff);
	EXPECT_EQ(sve.ffr[1], 0);

	tcase("sve: ld1rb with no active element on an unmapped page: no access, Zt zero");
	sve_guest(128);
	R(1) = DATA_VA + 0x1000;
	pred_elements(sve.p[0], 1, 0);
	st = run(LD1RB_Z0, &r);
	EXPECT_OK_REGS(st, 0);
	memset(want, 0, sizeof want);
	expect_z(0, want, 16);

	tcase("sve: ldnf1b accesses nothing, FFR cleared from the first active element");
	sve_guest(128);
	memset(sve.ffr, 0xff, sizeof sve.ffr);
	R(1) = DEV_VA;
	pred_elements(sve.p[0], 1, 0xff00);
	st = run(LDNF1B_Z0, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(G.dev[0].ncalls, 0);
	memset(want, 0, sizeof want);
	expect_z(0, want, 16);
	EXPECT_EQ(sve.ffr[0], 0xff);
	EXPECT_EQ(sve.ffr[1], 0);
}

void tests_sve(void)
{
	first_fault();
	exception_levels();
	straddling_elements();
	device_elements();
	trap_reports();
	vector_lengths();
}
