/*
 * Remembered walks (src/walk_memo.c): a vCPU keeps its last fetch and data
 * walk across calls and reuses them only while every register and
 * descriptor they read is unchanged. Each case runs one trap, changes one
 * input of the walks, and checks that the second trap sees the change
 * exactly as a fresh walk would (Arm ARM AArch64.S1Translate).
 */
#include "harness.h"

#define CODE_VA 0xffff800000400000ull /* EL1 code (TTBR1) */
#define CODE_PA (IPA_RAM + 0x20000)
#define CODE2_PA (IPA_RAM + 0x21000)
#define DEV_VA 0xffff800009000000ull  /* -> device 0, Device */
#define IPA_DEV1 0x0b000000ull

static const nisv_abort dev_load = { .esr = 0x07, .ipa = IPA_DEV0 + 0x40, .flags = NISV_ABORT_ISS_ONLY };

/* EL1, MMU on (4K); CODE_VA: LDR X1, [X0]; X0 = DEV_VA + 0x40; one trap done. */
static void first_trap(void)
{
	nisv_result r;
	nisv_status st;

	guest_reset();
	mmu_on(12, 0);
	pt_map(&HI, CODE_VA, CODE_PA, 3, PG_KCODE);
	pt_map(&HI, DEV_VA, IPA_DEV0, 3, PG_KDEV);
	add_dev(IPA_DEV1, DEV_SIZE, 1);
	R(NISV_PSTATE) = PS_EL1H;
	R(NISV_PC) = CODE_VA;
	R(0) = DEV_VA + 0x40;
	gp_w32(CODE_PA, I_LDR_X1_X0);
	dev_w64(0, 0x40, 0x1111111111111111ull);
	dev_w64(1, 0x40, 0x2222222222222222ull);
	st = run_abort(&dev_load, &r);
	EXPECT_OK_REGS(st, BIT(1));
	EXPECT_EQ(R(1), 0x1111111111111111ull);
	R(NISV_PC) = CODE_VA;
	R(1) = 0;
}

void tests_memo(void)
{
	nisv_abort a = dev_load;
	nisv_result r;
	nisv_status st;
	struct pt other;

	tcase("remembered walks: the same trap twice gives the same result (control)");
	first_trap();
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, BIT(1));
	EXPECT_EQ(R(1), 0x1111111111111111ull);

	tcase("remembered walks: data page remapped to another device between traps");
	first_trap();
	pt_set(&HI, DEV_VA, 3, pt_oa(&HI, IPA_DEV1) | PG_KDEV | 3);
	a.ipa = IPA_DEV1 + 0x40;
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, BIT(1));
	EXPECT_EQ(R(1), 0x2222222222222222ull);
	a = dev_load;

	tcase("remembered walks: data leaf made invalid -> translation fault, level 3");
	first_trap();
	pt_set(&HI, DEV_VA, 3, 0);
	st = run_abort(&a, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 3, esr_of(EC_DABT_CUR, FSC_TRANS(3)), DEV_VA + 0x40);

	tcase("remembered walks: level 2 table descriptor of the data page made invalid -> level 2 fault");
	first_trap();
	pt_set(&HI, DEV_VA, 2, 0);
	st = run_abort(&a, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 2, esr_of(EC_DABT_CUR, FSC_TRANS(2)), DEV_VA + 0x40);

	tcase("remembered walks: data page made read-only at level 2 (APTable) -> a store faults");
	first_trap();
	gp_w32(CODE_PA, I_STR_X1_X0);
	pt_set(&HI, DEV_VA, 2, pt_get(&HI, DEV_VA, 2) | T_AP_RO);
	a.esr |= ISS_WNR;
	st = run_abort(&a, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_PERMISSION, 3, esr_of(EC_DABT_CUR, ISS_WNR | FSC_PERM(3)), DEV_VA + 0x40);
	a = dev_load;

	tcase("remembered walks: code page remapped -> the new page's instruction runs");
	first_trap();
	gp_w32(CODE2_PA, I_LDR_X1_X0_8);
	pt_set(&HI, CODE_VA, 3, pt_oa(&HI, CODE2_PA) | PG_KCODE | 3);
	dev_w64(0, 0x48, 0x3333333333333333ull);
	a.ipa = IPA_DEV0 + 0x48;
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, BIT(1));
	EXPECT_EQ(R(1), 0x3333333333333333ull);
	a = dev_load;

	tcase("remembered walks: the level 1 table descriptor the code and data walks share is moved -> both follow it");
	first_trap();
	st = run_abort(&a, &r); /* both walks remembered and reused once */
	EXPECT_OK_REGS(st, BIT(1));
	R(NISV_PC) = CODE_VA;
	pt_init(&other, 12, 16, 0);
	pt_map(&other, CODE_VA, CODE_PA, 3, PG_KCODE);
	pt_map(&other, DEV_VA, IPA_DEV1, 3, PG_KDEV);
	pt_set(&HI, DEV_VA, 1, pt_get(&other, DEV_VA, 1));
	a.ipa = IPA_DEV1 + 0x40;
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, BIT(1));
	EXPECT_EQ(R(1), 0x2222222222222222ull);
	a = dev_load;

	tcase("remembered walks: TTBR1_EL1 moved to an empty table -> instruction abort, level 0");
	first_trap();
	pt_init(&other, 12, 16, 0);
	R(NISV_TTBR1_EL1) = pt_ttbr(&other);
	st = run_abort(&a, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 0, esr_of(EC_IABT_CUR, FSC_TRANS(0)), CODE_VA);

	tcase("remembered walks: MAIR_EL1 makes the page Device -> an unaligned load faults");
	first_trap();
	R(NISV_MAIR_EL1) = 0x4444ffull; /* Attr1 Normal NC: unaligned allowed */
	R(0) = DEV_VA + 0x41;
	a.ipa = IPA_DEV0 + 0x41;
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, BIT(1));
	R(NISV_PC) = CODE_VA;
	R(NISV_MAIR_EL1) = MAIR_DEFAULT; /* Attr1 Device-nGnRnE */
	st = run_abort(&a, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_ALIGNMENT, 0, esr_of(EC_DABT_CUR, FSC_ALIGN), DEV_VA + 0x41);
	a = dev_load;

	tcase("remembered walks: SCTLR_EL1.M cleared -> flat translation, VA used as IPA");
	first_trap();
	R(NISV_SCTLR_EL1) &= ~SC_M;
	R(NISV_PC) = CODE_PA;
	R(0) = IPA_DEV1 + 0x40;
	a.ipa = IPA_DEV1 + 0x40;
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, BIT(1));
	EXPECT_EQ(R(1), 0x2222222222222222ull);
}
