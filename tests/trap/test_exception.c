/*
 * Exception entry to EL1 (NISV_FAULTS_INJECT), field by field, for each
 * source: AArch64.TakeException with a synchronous Data Abort.
 *   ESR_EL1  = EC (0x24 lower EL / 0x25 same EL) | IL | ISS
 *   FAR_EL1  = the faulting VA
 *   ELR_EL1  = the PC of the faulting instruction
 *   SPSR_EL1 = the PSTATE before the exception
 *   PSTATE   = EL1h, DAIF set, NZCV and DIT kept, PAN set unless
 *              SCTLR_EL1.SPAN (then kept), SSBS = SCTLR_EL1.DSSBS, UAO/SS/
 *              IL/BTYPE cleared, TCO set when MTE is implemented
 *   PC       = VBAR_EL1 + 0x000 (EL1t) / 0x200 (EL1h) / 0x400 (EL0, AArch64)
 *              / 0x600 (EL0, AArch32: the trap path's SEA floor)
 */
#include "harness.h"

#define UNMAPPED 0x0000100000000040ull /* no level 0 descriptor: level 0 fault */

struct entry_case {
	const char *name;
	uint64_t pstate;     /* PSTATE at the fault                          */
	uint64_t sctlr;      /* extra SCTLR_EL1 bits (SPAN, DSSBS)           */
	uint32_t features;   /* NISV_FEAT_*                                  */
	uint64_t new_pstate; /* written out from the Arm ARM rules above     */
	uint64_t vector;
	unsigned ec;
};

static const struct entry_case entry_cases[] = {
	{ "entry from EL0t (AArch64): vector +0x400, EC 0x24", PS_EL0T | 0x9ull << 28, 0, 0,
	  0x904003c5ull, 0x400, EC_DABT_LOW },
	{ "entry from EL1t (SP0): vector +0x000, EC 0x25", PS_EL1T | 0x4ull << 28, 0, 0, 0x404003c5ull, 0x000,
	  EC_DABT_CUR },
	{ "entry from EL1h (SPx): vector +0x200, EC 0x25", PS_EL1H | 0x2ull << 28 | 1ull << 9, 0, 0,
	  0x204003c5ull, 0x200, EC_DABT_CUR },
	{ "entry: NZCV and DAIF all set stay set", PS_EL1H | PS_NZCV | PS_DAIF, 0, 0, 0xf04003c5ull, 0x200,
	  EC_DABT_CUR },
	{ "entry: SCTLR_EL1.SPAN=1 keeps PAN clear", PS_EL1H, SC_SPAN, 0, 0x3c5ull, 0x200, EC_DABT_CUR },
	{ "entry: SCTLR_EL1.SPAN=1 keeps PAN set", PS_EL1H | PS_PAN, SC_SPAN, 0, 0x4003c5ull, 0x200,
	  EC_DABT_CUR },
	{ "entry: SCTLR_EL1.SPAN=0 sets PAN (from EL0)", PS_EL0T, 0, 0, 0x4003c5ull, 0x400, EC_DABT_LOW },
	{ "entry: SCTLR_EL1.DSSBS=1 sets SSBS", PS_EL1H, SC_DSSBS, 0, 0x4013c5ull, 0x200, EC_DABT_CUR },
	{ "entry: SCTLR_EL1.DSSBS=0 clears SSBS", PS_EL1H | PS_SSBS, 0, 0, 0x4003c5ull, 0x200, EC_DABT_CUR },
	{ "entry: UAO cleared", PS_EL1H | PS_UAO, 0, 0, 0x4003c5ull, 0x200, EC_DABT_CUR },
	{ "entry: TCO set with FEAT_MTE", PS_EL0T, 0, NISV_FEAT_MTE, 0x024003c5ull, 0x400, EC_DABT_LOW },
	{ "entry: TCO not set without MTE", PS_EL1H | PS_TCO, 0, 0, 0x4003c5ull, 0x200, EC_DABT_CUR },
	{ "entry: DIT kept", PS_EL1H | PS_DIT, 0, 0, 0x014003c5ull, 0x200, EC_DABT_CUR },
	{ "entry: BTYPE, SS and IL cleared (kept in SPSR)", PS_EL1H | PS_BTYPE | PS_SS | PS_IL, 0, 0,
	  0x4003c5ull, 0x200, EC_DABT_CUR },
};

static void t_entry(const struct entry_case *c)
{
	nisv_result r;
	nisv_status st;

	tcase(c->name);
	guest_reset();
	set_mode(1);
	set_features(c->features);
	mmu_on(12, 0);
	R(NISV_SCTLR_EL1) |= c->sctlr;
	R(NISV_PSTATE) = c->pstate;
	R(0) = UNMAPPED;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 0, esr_of(c->ec, FSC_TRANS(0)), UNMAPPED);
	/* the same, field by field against the values written out above */
	EXPECT_EQ(R(NISV_ESR_EL1), (uint64_t)c->ec << 26 | 1u << 25 | 0x04);
	EXPECT_EQ(R(NISV_FAR_EL1), UNMAPPED);
	EXPECT_EQ(R(NISV_ELR_EL1), PC0);
	EXPECT_EQ(R(NISV_SPSR_EL1), c->pstate);
	EXPECT_EQ(R(NISV_PSTATE), c->new_pstate);
	EXPECT_EQ(R(NISV_PC), VBAR + c->vector);
	EXPECT_EQ(r.injected, 1);
}

static void t_report_mode(void)
{
	nisv_result r;
	nisv_status st;

	tcase("report mode: res.esr/fault/level/va filled, no register written");
	guest_reset();
	mmu_on(12, 0);
	R(NISV_PSTATE) = PS_EL0T;
	R(0) = UNMAPPED;
	st = run(I_STR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 0, esr_of(EC_DABT_LOW, FSC_TRANS(0) | ISS_WNR), UNMAPPED);
	EXPECT_EQ(r.esr, 0x92000044u);
	EXPECT_EQ(r.write, 1);
	EXPECT_EQ(r.injected, 0);
}

static void t_unreachable_sources(void)
{
	nisv_result r;
	nisv_status st;
	nisv_abort a = { .esr = esr_of(EC_DABT_LOW, 0x07), .ipa = IPA_DEV0 };

	/* nisv decodes A64 only: nisv_emulate refuses an AArch32 PSTATE */
	tcase("AArch32 EL0 (PSTATE.nRW, usr): nisv_emulate -> UNSUPPORTED, nothing injected");
	guest_reset();
	set_mode(1);
	R(NISV_PSTATE) = 0x10; /* usr */
	R(0) = 0x0001000000000000ull;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_EQ(st, NISV_UNSUPPORTED);
	EXPECT_EQ(r.injected, 0);
	EXPECT_NOTHING_DONE();

	/*
	 * The trap path: an ISV=0 abort from AArch32 EL0 is an A32/T32 word
	 * nisv cannot decode, so the guest gets the external-abort floor,
	 * entered from a lower EL using AArch32: VBAR_EL1 + 0x600.
	 */
	tcase("AArch32 EL0, ISV=0: SEA taken at VBAR_EL1 + 0x600, field by field");
	guest_reset();
	set_mode(1);
	R(NISV_PSTATE) = 0x10; /* usr, NZCV 0 */
	R(NISV_PC) = 0x8000;
	st = run_abort(&a, &r);
	EXPECT_EQ(st, NISV_FAULT);
	EXPECT_EQ(r.fault, NISV_FAULT_EXTERNAL);
	EXPECT_EQ(R(NISV_ESR_EL1), 0x92000410u); /* EC 0x24, IL, FnV, DFSC 0x10 */
	EXPECT_EQ(R(NISV_ELR_EL1), 0x8000);
	EXPECT_EQ(R(NISV_SPSR_EL1), 0x10);
	EXPECT_EQ(R(NISV_PSTATE), 0x4003c5u); /* EL1h, DAIF, PAN (SPAN = 0) */
	EXPECT_EQ(R(NISV_PC), VBAR + 0x600);
	EXPECT_EQ(G.mem.fetches, 0);

	tcase("AArch32 EL0, ISV=1 STR (SAS=2, SRT=3, IL=1): performed, PC += 4");
	guest_reset();
	R(NISV_PSTATE) = 0x10;
	R(NISV_PC) = 0x8000;
	R(3) = 0xdeadbeefcafef00dull;
	a = (nisv_abort){ .esr = esr_of(EC_DABT_LOW, 1u << 24 | 2u << 22 | 3u << 16 | 1u << 6 | 0x07),
		          .ipa = IPA_DEV0 + 0x20 };
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(R(NISV_PC), 0x8004);
	EXPECT_DEVCALL(0, 0, 1, 0x20, 4);
	EXPECT_EQ(devcall_value(0, 0), 0xcafef00dull);

	tcase("AArch32 EL0, T32 16-bit ISV=1 LDRH in an IT block (IL=0): PC += 2, ITSTATE advances");
	guest_reset();
	R(NISV_PSTATE) = 0x10 | 0x20 | 0xc00; /* usr, T, IT = 0x0c */
	R(NISV_PC) = 0x8000;
	a = (nisv_abort){ .esr = esr_of(EC_DABT_LOW, 1u << 24 | 1u << 22 | 5u << 16 | 0x07) & ~(1u << 25),
		          .ipa = IPA_DEV0 + 0x20 };
	st = run_abort(&a, &r);
	EXPECT_EQ(st, NISV_OK);
	EXPECT_EQ(R(NISV_PC), 0x8002);
	EXPECT_EQ(R(NISV_PSTATE), 0x10 | 0x20 | 0x1800); /* IT = 0x18 */

	tcase("EL2 PSTATE: nisv_emulate -> UNSUPPORTED, nothing done");
	R(NISV_PSTATE) = 0x9;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_EQ(st, NISV_UNSUPPORTED);
	EXPECT_NOTHING_DONE();
}

static void t_sp_alignment(void)
{
	nisv_result r;
	nisv_status st;

	tcase("SP alignment fault from EL0 (SCTLR_EL1.SA0): EC 0x26, vector +0x400, FAR untouched");
	guest_reset();
	set_mode(1);
	R(NISV_SCTLR_EL1) = SC_SA0;
	R(NISV_PSTATE) = PS_EL0T;
	R(NISV_SP_EL0) = IPA_RAM + 0x108;
	st = run(I_LDR_X1_SP, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_SP_ALIGNMENT, 0, esr_of(EC_SP_ALIGN, 0), NO_FAR);
	EXPECT_EQ(R(NISV_ESR_EL1), 0x9a000000u);
	EXPECT_EQ(R(NISV_PC), VBAR + 0x400);

	tcase("SP alignment fault from EL1t checks SP_EL0 (SCTLR_EL1.SA), vector +0x000");
	guest_reset();
	set_mode(1);
	R(NISV_SCTLR_EL1) = SC_SA;
	R(NISV_PSTATE) = PS_EL1T;
	R(NISV_SP_EL0) = IPA_RAM + 0x104;
	R(NISV_SP_EL1) = IPA_RAM + 0x100;
	st = run(I_LDR_X1_SP, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_SP_ALIGNMENT, 0, esr_of(EC_SP_ALIGN, 0), NO_FAR);
	EXPECT_EQ(R(NISV_PC), VBAR + 0x000);

	tcase("SP alignment: EL1h uses SP_EL1 (aligned) -> no fault");
	R(NISV_PSTATE) = PS_EL1H;
	R(NISV_SCTLR_EL1) = SC_SA;
	gp_w64(IPA_RAM + 0x100, 0x5b);
	st = run(I_LDR_X1_SP, &r);
	EXPECT_OK_REGS(st, BIT(1));
	EXPECT_EQ(R(1), 0x5b);
}

void tests_exception(void)
{
	for (unsigned i = 0; i < sizeof entry_cases / sizeof entry_cases[0]; i++)
		t_entry(&entry_cases[i]);
	t_report_mode();
	t_unreachable_sources();
	t_sp_alignment();
}
