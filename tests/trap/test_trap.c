/*
 * The trap path, nisv_handle_abort(): ISV=1 syndromes, KVM's ISS-only
 * syndrome, CM=1, ISV=0 fetch (through stage 1, code at a TTBR1 address)
 * + decode + emulate, instruction aborts, S1PTW, stale instructions, and
 * the device bus: region ends, exclusive/atomic policy, widths, Device
 * alignment, a pair crossing from RAM into MMIO.
 */
#include "harness.h"

#define CODE_VA 0xffff800000400000ull  /* EL1 code (TTBR1)                   */
#define CODE_PA (IPA_RAM + 0x20000)
#define UCODE_VA 0x0000000000400000ull /* EL0 code (TTBR0)                   */
#define UCODE_PA (IPA_RAM + 0x30000)
#define DEV_VA 0xffff800009000000ull   /* -> device 0, Device, EL1 only      */
#define UDEV_VA 0x0000000009000000ull  /* -> device 0, Device, EL0 RW        */
#define KDATA_VA 0xffff800000500000ull /* -> KDATA_PA, Normal, EL1 RW        */
#define KDATA_PA (IPA_RAM + 0x38000)
#define KRO_VA 0xffff800000600000ull   /* -> KRO_PA, Normal, EL1 read-only   */
#define KRO_PA (IPA_RAM + 0x3a000)
#define NOWHERE_VA 0xffff800000700000ull /* level 3 table exists, no page    */

#define DABT_EL1(fsc) esr_of(EC_DABT_CUR, (fsc))
#define DABT_EL0(fsc) esr_of(EC_DABT_LOW, (fsc))

static uint64_t code_pa;

/*
 * MMU on (4K), EL1 code at CODE_VA or EL0 code at UCODE_VA, device 0
 * mapped for EL1 and EL0, then the page after DEV_VA pointing at the hole
 * that follows device 0.
 */
static void trap_guest(int el0)
{
	guest_reset();
	mmu_on(12, 0);
	pt_map(&HI, CODE_VA, CODE_PA, 3, PG_KCODE);
	pt_map(&HI, DEV_VA, IPA_DEV0, 3, PG_KDEV);
	pt_map(&HI, DEV_VA + 0x1000, IPA_HOLE, 3, PG_KDEV);
	pt_map(&HI, KDATA_VA, KDATA_PA, 3, PG_KDATA);
	pt_map(&HI, KRO_VA, KRO_PA, 3, PG_KDATA | D_AP_EL1_RO);
	pt_map(&HI, NOWHERE_VA + 0x1000, KDATA_PA, 3, PG_KDATA);
	pt_set(&HI, NOWHERE_VA + 0x1000, 3, 0);
	pt_map(&LO, UCODE_VA, UCODE_PA, 3, PG_UCODE);
	pt_map(&LO, UDEV_VA, IPA_DEV0, 3, PG_UDEV);
	R(NISV_PC) = el0 ? UCODE_VA : CODE_VA;
	R(NISV_PSTATE) = el0 ? PS_EL0T : PS_EL1H | PS_DAIF;
	code_pa = el0 ? UCODE_PA : CODE_PA;
}

static void code(uint32_t word)
{
	gp_w32(code_pa, word);
}

/* A data abort as KVM sees it: ESR_EL2 (EC 0x24), fault IPA, FAR_EL2. */
static nisv_abort dabt(uint64_t ipa, uint64_t far, uint32_t iss)
{
	return (nisv_abort){ .esr = esr_of(EC_DABT_LOW, iss), .ipa = ipa, .far = far,
		             .flags = NISV_ABORT_FAR_VALID };
}

/* ---- ISV = 1 ---------------------------------------------------------------- */

struct isv_case {
	const char *name;
	uint32_t iss;        /* SAS/SSE/SRT/SF/AR/WnR (+ ISV, DFSC added) */
	const char *devbytes;/* device contents at offset 0x20 (8 bytes)  */
	uint64_t rt_before;  /* value of the SRT register                 */
	uint64_t rt_after;   /* loads: expected register value            */
	unsigned len;        /* bytes the device sees                     */
	uint64_t stored;     /* stores: little-endian value of the bytes  */
	uint64_t sctlr;      /* EE / E0E                                  */
	int el0;
};

static const struct isv_case isv_cases[] = {
	{ "ISV store W (SAS=2, SRT=3): low 4 bytes of X3", ISS_SAS(2) | ISS_SRT(3) | ISS_WNR, 0,
	  0x1122334455667788ull, 0, 4, 0x55667788ull, 0, 0 },
	{ "ISV LDRSB to W (SAS=0, SSE, SF=0): sign-extended to 32 bits, upper half zero",
	  ISS_SAS(0) | ISS_SSE | ISS_SRT(5), "\x80\0\0\0\0\0\0\0", 0xffffffffffffffffull, 0xffffff80ull, 1,
	  0, 0, 0 },
	{ "ISV LDRSH to X (SAS=1, SSE, SF=1): sign-extended to 64 bits", ISS_SAS(1) | ISS_SSE | ISS_SF |
	  ISS_SRT(6), "\x01\x80\0\0\0\0\0\0", 0, 0xffffffffffff8001ull, 2, 0, 0, 0 },
	{ "ISV LDRSW to X (SAS=2, SSE, SF=1)", ISS_SAS(2) | ISS_SSE | ISS_SF | ISS_SRT(7),
	  "\0\0\0\x80\0\0\0\0", 0, 0xffffffff80000000ull, 4, 0, 0, 0 },
	{ "ISV LDR W (SAS=2): zero-extends, clears X[63:32]", ISS_SAS(2) | ISS_SRT(8), "\xff\xff\xff\xff\0\0\0\0",
	  0xa5a5a5a5a5a5a5a5ull, 0xffffffffull, 4, 0, 0, 0 },
	{ "ISV LDR X (SAS=3, SF)", ISS_SAS(3) | ISS_SF | ISS_SRT(9), "\x08\x07\x06\x05\x04\x03\x02\x01", 0,
	  0x0102030405060708ull, 8, 0, 0, 0 },
	{ "ISV LDRB (SAS=0, no SSE): zero-extended", ISS_SAS(0) | ISS_SRT(10), "\x80\0\0\0\0\0\0\0",
	  0xffffffffffffffffull, 0x80ull, 1, 0, 0, 0 },
	{ "ISV big-endian EL1 (SCTLR_EL1.EE): STR X stores bytes MSB first", ISS_SAS(3) | ISS_SF | ISS_SRT(11) |
	  ISS_WNR, 0, 0x0102030405060708ull, 0, 8, 0x0807060504030201ull, SC_EE, 0 },
	{ "ISV big-endian EL1 (SCTLR_EL1.EE): LDR W reads bytes MSB first", ISS_SAS(2) | ISS_SRT(12),
	  "\x11\x22\x33\x44\0\0\0\0", 0, 0x11223344ull, 4, 0, SC_EE, 0 },
	{ "ISV big-endian EL0 (SCTLR_EL1.E0E): STRH", ISS_SAS(1) | ISS_SRT(13) | ISS_WNR, 0, 0xabcdull, 0, 2,
	  0xcdabull, SC_E0E, 1 },
	{ "ISV EL0 with only SCTLR_EL1.EE: little-endian", ISS_SAS(1) | ISS_SRT(14) | ISS_WNR, 0, 0xabcdull, 0,
	  2, 0xabcdull, SC_EE, 1 },
	{ "ISV EL1 with only SCTLR_EL1.E0E: little-endian LDRSH", ISS_SAS(1) | ISS_SSE | ISS_SF | ISS_SRT(15),
	  "\x34\x92\0\0\0\0\0\0", 0, 0xffffffffffff9234ull, 2, 0, SC_E0E, 0 },
};

static void t_isv(const struct isv_case *c)
{
	nisv_result r;
	nisv_status st;
	unsigned rt = (c->iss >> 16) & 31;
	int store = (c->iss & ISS_WNR) != 0;
	nisv_abort a = dabt(IPA_DEV0 + 0x20, DEV_VA + 0x20, ISS_ISV | c->iss | 0x07);

	tcase(c->name);
	trap_guest(c->el0);
	R(NISV_SCTLR_EL1) |= c->sctlr;
	R(rt) = c->rt_before;
	if (c->devbytes)
		dev_fill(0, 0x20, c->devbytes, 8);
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, store ? 0 : BIT(rt));
	if (!store)
		EXPECT_EQ(R(rt), c->rt_after);
	EXPECT_EQ(G.dev[0].ncalls, 1);
	EXPECT_DEVCALL(0, 0, store, 0x20, c->len);
	if (store)
		EXPECT_EQ(devcall_value(0, 0), c->stored);
	EXPECT_EQ(G.mem.walk_reads, 0);
	EXPECT_EQ(G.mem.fetches, 0);
}

static void t_isv_misc(void)
{
	nisv_result r;
	nisv_status st;
	nisv_abort a;

	tcase("ISV load with SRT=31: the device is read, the value discarded (only PC changes)");
	trap_guest(0);
	a = dabt(IPA_DEV0 + 0x28, DEV_VA + 0x28, ISS_ISV | ISS_SAS(3) | ISS_SF | ISS_SRT(31) | 0x07);
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_DEVCALL(0, 0, 0, 0x28, 8);

	tcase("ISV store with SRT=31: stores zero (XZR)");
	dev_w64(0, 0x28, ~0ull);
	a.esr |= ISS_WNR;
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_DEVCALL(0, 0, 1, 0x28, 8);
	EXPECT_EQ(devcall_value(0, 0), 0);

	tcase("ISV AR=1 load: the device read is an acquire (NISV_MEM_ACQUIRE)");
	trap_guest(0);
	a = dabt(IPA_DEV0 + 0x30, DEV_VA + 0x30, ISS_ISV | ISS_SAS(2) | ISS_AR | ISS_SRT(1) | 0x07);
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, BIT(1));
	EXPECT_TRUE(G.mem.read_flags & NISV_MEM_ACQUIRE);

	tcase("ISV AR=1 store: the device write is a release (NISV_MEM_RELEASE)");
	a.esr |= ISS_WNR;
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_TRUE(G.mem.write_flags & NISV_MEM_RELEASE);

	tcase("ISV access to an IPA where nothing is: synchronous external abort (FnV), injected");
	trap_guest(0);
	set_mode(1);
	a = dabt(IPA_HOLE + 0x10, DEV_VA + 0x1010, ISS_ISV | ISS_SAS(2) | ISS_SRT(1) | 0x07);
	st = run_abort(&a, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_EXTERNAL, 0, DABT_EL1(FSC_EXT | ISS_FNV), NO_FAR);
	EXPECT_EQ(R(NISV_ESR_EL1), 0x96000410u);

	tcase("ISV store from EL0 to a hole: external abort from EL0 with WnR (report)");
	trap_guest(1);
	a = dabt(IPA_HOLE + 0x10, UDEV_VA + 0x1010, ISS_ISV | ISS_SAS(2) | ISS_SRT(1) | ISS_WNR | 0x07);
	st = run_abort(&a, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_EXTERNAL, 0, DABT_EL0(FSC_EXT | ISS_FNV | ISS_WNR), NO_FAR);

	tcase("ISS-only syndrome (KVM esr_iss, NISV_ABORT_ISS_ONLY): ISV ignored, instruction fetched");
	trap_guest(0);
	code(I_STR_X1_X0);
	R(0) = DEV_VA + 0x40;
	R(1) = 0x0102030405060708ull;
	a = (nisv_abort){ .esr = ISS_ISV | ISS_SAS(2) | ISS_WNR | 0x07, .ipa = IPA_DEV0 + 0x40,
		          .flags = NISV_ABORT_ISS_ONLY };
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(G.mem.fetches, 1);
	EXPECT_DEVCALL(0, 0, 1, 0x40, 8);
	EXPECT_EQ(devcall_value(0, 0), 0x0102030405060708ull);

	tcase("ESR_EL2 that is not a data abort (EC 0x20) -> NISV_INVALID_ARGUMENT, nothing done");
	trap_guest(0);
	a = (nisv_abort){ .esr = esr_of(EC_IABT_LOW, 0x07), .ipa = IPA_DEV0 };
	st = run_abort(&a, &r);
	EXPECT_EQ(st, NISV_INVALID_ARGUMENT);
	EXPECT_NOTHING_DONE();
}

/* ---- CM = 1 ------------------------------------------------------------------- */

static void t_cm(void)
{
	nisv_result r;
	nisv_status st;
	nisv_abort a;

	tcase("CM=1 (DC by VA on MMIO): completed, PC += 4, no device access, no fetch, no walk");
	trap_guest(0);
	code(I_DC_CIVAC_X0);
	R(0) = DEV_VA + 0x40;
	a = dabt(IPA_DEV0 + 0x40, DEV_VA + 0x40, ISS_CM | ISS_WNR | 0x07);
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(G.dev[0].ncalls, 0);
	EXPECT_EQ(G.mem.fetches, 0);
	EXPECT_EQ(G.mem.walk_reads, 0);

	tcase("CM=1 in an ISS-only syndrome: completed the same way");
	trap_guest(1);
	a = (nisv_abort){ .esr = ISS_CM | ISS_WNR | 0x07, .ipa = IPA_DEV0, .flags = NISV_ABORT_ISS_ONLY };
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(G.dev[0].ncalls, 0);
}

/* ---- ISV = 0: fetch, decode, emulate ---------------------------------------------- */

static void t_fetch(void)
{
	nisv_result r;
	nisv_status st;
	nisv_abort a;

	tcase("ISV=0 at EL1: LDR fetched from a TTBR1 code page, device read, X1 written");
	trap_guest(0);
	code(I_LDR_X1_X0_8);
	R(0) = DEV_VA;
	dev_w64(0, 8, 0x1122334455667788ull);
	a = dabt(IPA_DEV0 + 8, DEV_VA + 8, 0x07);
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, BIT(1));
	EXPECT_EQ(R(1), 0x1122334455667788ull);
	EXPECT_EQ(G.mem.fetches, 1);
	EXPECT_EQ(r.insn.word, I_LDR_X1_X0_8);
	EXPECT_EQ(G.dev[0].ncalls, 1);
	EXPECT_DEVCALL(0, 0, 0, 8, 8);

	tcase("ISV=0 at EL0: STR fetched from a TTBR0 user page, device written");
	trap_guest(1);
	code(I_STR_X1_X0);
	R(0) = UDEV_VA + 0x18;
	R(1) = 0x0a0b0c0d;
	a = dabt(IPA_DEV0 + 0x18, UDEV_VA + 0x18, ISS_WNR | 0x07);
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_DEVCALL(0, 0, 1, 0x18, 8);
	EXPECT_EQ(devcall_value(0, 0), 0x0a0b0c0d);

	for (int inject = 0; inject < 2; inject++) {
		tcasef("ISV=0, a non-memory word (NOP) at PC -> UNDEFINED, EC 0 (%s)", inject ? "inject" : "report");
		trap_guest(0);
		set_mode(inject);
		code(I_NOP);
		a = dabt(IPA_DEV0, DEV_VA, 0x07);
		st = run_abort(&a, &r);
		EXPECT_FAULT(st, &r, NISV_FAULT_UNDEFINED, 0, esr_of(EC_UNKNOWN, 0), NO_FAR);
		EXPECT_EQ(r.esr, 0x02000000u);
	}

	tcase("ISV=0, EL1 PC unmapped -> Instruction Abort, EC 0x21, IFSC translation level 3, FAR = PC");
	trap_guest(0);
	set_mode(1);
	pt_set(&HI, CODE_VA, 3, 0);
	a = dabt(IPA_DEV0, DEV_VA, 0x07);
	st = run_abort(&a, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 3, esr_of(EC_IABT_CUR, FSC_TRANS(3)), CODE_VA);
	EXPECT_EQ(R(NISV_ESR_EL1), 0x86000007u);

	tcase("ISV=0, EL0 PC unmapped at level 2 -> Instruction Abort, EC 0x20, vector +0x400");
	trap_guest(1);
	set_mode(1);
	pt_set(&LO, UCODE_VA, 2, 0);
	a = dabt(IPA_DEV0, UDEV_VA, 0x07);
	st = run_abort(&a, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 2, esr_of(EC_IABT_LOW, FSC_TRANS(2)), UCODE_VA);
	EXPECT_EQ(R(NISV_PC), VBAR + 0x400);

	tcase("ISV=0, EL1 PC in a PXN page -> Instruction Abort, permission level 3");
	trap_guest(0);
	set_mode(1);
	pt_set(&HI, CODE_VA, 3, pt_get(&HI, CODE_VA, 3) | D_PXN);
	a = dabt(IPA_DEV0, DEV_VA, 0x07);
	st = run_abort(&a, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_PERMISSION, 3, esr_of(EC_IABT_CUR, FSC_PERM(3)), CODE_VA);

	tcase("ISV=0, EL0 PC in a UXN page -> Instruction Abort from EL0, permission level 3");
	trap_guest(1);
	pt_set(&LO, UCODE_VA, 3, pt_get(&LO, UCODE_VA, 3) | D_UXN);
	a = dabt(IPA_DEV0, UDEV_VA, 0x07);
	st = run_abort(&a, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_PERMISSION, 3, esr_of(EC_IABT_LOW, FSC_PERM(3)), UCODE_VA);

	tcase("ISV=0, EL1 PC in a page EL0 can write (AP=01) -> not executable at EL1");
	trap_guest(0);
	pt_set(&HI, CODE_VA, 3, (pt_get(&HI, CODE_VA, 3) & ~D_AP_MASK) | D_AP_RW);
	a = dabt(IPA_DEV0, DEV_VA, 0x07);
	st = run_abort(&a, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_PERMISSION, 3, esr_of(EC_IABT_CUR, FSC_PERM(3)), CODE_VA);

	tcase("ISV=0, SCTLR_EL1.WXN: EL1 PC in an EL1-writable page -> permission fault");
	trap_guest(0);
	R(NISV_SCTLR_EL1) |= SC_WXN;
	pt_set(&HI, CODE_VA, 3, pt_get(&HI, CODE_VA, 3) & ~D_AP_MASK);
	a = dabt(IPA_DEV0, DEV_VA, 0x07);
	st = run_abort(&a, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_PERMISSION, 3, esr_of(EC_IABT_CUR, FSC_PERM(3)), CODE_VA);

	tcase("ISV=0, EL0 PC in an execute-only page (AP=00, UXN=0): EL0 may execute it");
	trap_guest(1);
	pt_set(&LO, UCODE_VA, 3, (pt_get(&LO, UCODE_VA, 3) & ~D_AP_MASK) | D_AP_EL1_RW);
	code(I_STR_X1_X0);
	R(0) = UDEV_VA + 0x10;
	a = dabt(IPA_DEV0 + 0x10, UDEV_VA + 0x10, ISS_WNR | 0x07);
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_DEVCALL(0, 0, 1, 0x10, 8);

	tcase("ISV=0, UXNTable on the level 1 table: EL0 fetch -> permission fault level 3");
	trap_guest(1);
	pt_set(&LO, UCODE_VA, 1, pt_get(&LO, UCODE_VA, 1) | T_UXN);
	a = dabt(IPA_DEV0, UDEV_VA, 0x07);
	st = run_abort(&a, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_PERMISSION, 3, esr_of(EC_IABT_LOW, FSC_PERM(3)), UCODE_VA);

	tcase("ISV=0, UXNTable ignored with TCR_EL1.HPD0: EL0 fetch allowed");
	R(NISV_TCR_EL1) |= TCR_HPD0;
	code(I_LDR_X1_X0);
	R(0) = UDEV_VA + 0x10;
	a = dabt(IPA_DEV0 + 0x10, UDEV_VA + 0x10, 0x07);
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, BIT(1));

	tcase("ISV=0, PXNTable on the level 2 table: EL1 fetch -> permission fault level 3");
	trap_guest(0);
	pt_set(&HI, CODE_VA, 2, pt_get(&HI, CODE_VA, 2) | T_PXN);
	a = dabt(IPA_DEV0, DEV_VA, 0x07);
	st = run_abort(&a, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_PERMISSION, 3, esr_of(EC_IABT_CUR, FSC_PERM(3)), CODE_VA);

	tcase("ISV=0, EL0 PC in an EL0-writable page (AP=01): executable at EL0 without WXN");
	trap_guest(1);
	pt_set(&LO, UCODE_VA, 3, (pt_get(&LO, UCODE_VA, 3) & ~D_AP_MASK) | D_AP_RW);
	code(I_LDR_X1_X0);
	R(0) = UDEV_VA + 0x10;
	a = dabt(IPA_DEV0 + 0x10, UDEV_VA + 0x10, 0x07);
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, BIT(1));

	tcase("ISV=0, the same with SCTLR_EL1.WXN -> permission fault from EL0");
	R(NISV_PC) = UCODE_VA;
	R(NISV_SCTLR_EL1) |= SC_WXN;
	st = run_abort(&a, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_PERMISSION, 3, esr_of(EC_IABT_LOW, FSC_PERM(3)), UCODE_VA);

	tcase("ISV=0, EL1 PC in a page with AF=0 -> Instruction Abort, access flag level 3");
	trap_guest(0);
	pt_set(&HI, CODE_VA, 3, pt_get(&HI, CODE_VA, 3) & ~D_AF);
	a = dabt(IPA_DEV0, DEV_VA, 0x07);
	st = run_abort(&a, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_ACCESS_FLAG, 3, esr_of(EC_IABT_CUR, FSC_AF(3)), CODE_VA);

	tcase("ISV=0, EL1 PC in a page with AF=0 under HA: fetch succeeds and sets AF");
	trap_guest(0);
	set_features(NISV_FEAT_HAFDBS);
	R(NISV_TCR_EL1) |= TCR_HA;
	pt_set(&HI, CODE_VA, 3, pt_get(&HI, CODE_VA, 3) & ~D_AF);
	code(I_LDR_X1_X0);
	R(0) = DEV_VA + 0x50;
	a = dabt(IPA_DEV0 + 0x50, DEV_VA + 0x50, 0x07);
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, BIT(1));
	EXPECT_EQ(pt_get(&HI, CODE_VA, 3) & D_AF, D_AF);

	tcase("S1PTW=1 without FAR: synchronous external abort (FnV), no fetch, no walk");
	trap_guest(0);
	set_mode(1);
	a = dabt(IPA_DEV0, DEV_VA, ISS_S1PTW | 0x07);
	a.flags &= ~NISV_ABORT_FAR_VALID;
	st = run_abort(&a, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_EXTERNAL, 0, DABT_EL1(FSC_EXT | ISS_FNV), NO_FAR);
	EXPECT_EQ(R(NISV_ESR_EL1), 0x96000410u);
	EXPECT_EQ(G.mem.fetches, 0);
	EXPECT_EQ(G.mem.walk_reads, 0);

	tcase("S1PTW=1 from EL0 without FAR: external abort, EC 0x24 (report)");
	trap_guest(1);
	a = dabt(IPA_DEV0, UDEV_VA, ISS_S1PTW | 0x07);
	a.flags &= ~NISV_ABORT_FAR_VALID;
	st = run_abort(&a, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_EXTERNAL, 0, DABT_EL0(FSC_EXT | ISS_FNV), NO_FAR);

	tcase("S1PTW=1 with FAR, level 3 table in a device region: external abort on walk, level 3, no fetch");
	trap_guest(0);
	add_dev(0x0b000000, DEV_SIZE, 1);
	pt_set(&HI, KDATA_VA, 2, pt_oa(&HI, 0x0b000000) | 3);
	a = dabt(0x0b000000, KDATA_VA + 8, ISS_S1PTW | 0x07);
	st = run_abort(&a, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_WALK_EXTERNAL, 3, DABT_EL1(FSC_WALK_EXT(3)), KDATA_VA + 8);
	EXPECT_EQ(G.mem.fetches, 0);

	tcase("ISV=0 with a PC that is not 4-byte aligned: PC alignment fault (EC 0x22), no fetch");
	trap_guest(0);
	R(NISV_PC) += 2;
	a = dabt(IPA_DEV0, DEV_VA, 0x07);
	st = run_abort(&a, &r);
	EXPECT_EQ(st, NISV_FAULT);
	EXPECT_EQ(r.fault, NISV_FAULT_PC_ALIGNMENT);
	EXPECT_EQ(r.esr, 0x8a000000u);
	EXPECT_EQ(G.mem.fetches, 0);

	tcase("S1PTW=1 with FAR whose walk now succeeds: the tables changed under us -> RETRY");
	trap_guest(0);
	a = dabt(IPA_DEV0, DEV_VA, ISS_S1PTW | 0x07);
	st = run_abort(&a, &r);
	EXPECT_EQ(st, NISV_RETRY);
	EXPECT_EQ(G.mem.fetches, 0);
}

/* ---- issue cases (a) (b) (c) ---------------------------------------------------- */

static void t_user_kernel_cross(void)
{
	nisv_result r;
	nisv_status st;
	nisv_abort a;

	for (int load = 0; load < 2; load++)
		for (int inject = 0; inject < 2; inject++) {
			tcasef("(a) EL0 %s from a user MMIO page into a kernel page -> permission fault on the "
			       "second page, nothing performed (%s)",
			       load ? "LDP" : "STP", inject ? "inject" : "report");
			trap_guest(1);
			set_mode(inject);
			pt_map(&LO, UDEV_VA + 0x1000, KDATA_PA, 3, PG_KDATA); /* kernel only */
			code(load ? I_LDP_X1_X2_X0 : I_STP_X1_X2_X0);
			R(0) = UDEV_VA + 0xff8;
			a = dabt(IPA_DEV0 + 0xff8, UDEV_VA + 0xff8, (load ? 0 : ISS_WNR) | 0x07);
			st = run_abort(&a, &r);
			EXPECT_FAULT(st, &r, NISV_FAULT_PERMISSION, 3,
			             DABT_EL0(FSC_PERM(3) | (load ? 0 : ISS_WNR)), UDEV_VA + 0x1000);
		}

	tcase("(a) the same STP through nisv_emulate: refused, nothing performed");
	trap_guest(1);
	pt_map(&LO, UDEV_VA + 0x1000, KDATA_PA, 3, PG_KDATA);
	R(0) = UDEV_VA + 0xff8;
	st = run(I_STP_X1_X2_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_PERMISSION, 3, DABT_EL0(FSC_PERM(3) | ISS_WNR), UDEV_VA + 0x1000);
}

static void t_stale(void)
{
	nisv_result r;
	nisv_status st;
	nisv_abort a;

	for (int inject = 0; inject < 2; inject++) {
		tcasef("(b) instruction swapped: LDR now targets another address than the fault IPA -> "
		       "NISV_RETRY, nothing done (%s mode)",
		       inject ? "inject" : "report");
		trap_guest(0);
		set_mode(inject);
		code(I_LDR_X1_X0);
		R(0) = DEV_VA + 0x100;
		a = dabt(IPA_DEV0 + 0x200, DEV_VA + 0x200, 0x07);
		st = run_abort(&a, &r);
		EXPECT_EQ(st, NISV_RETRY);
		EXPECT_EQ(r.status, NISV_RETRY);
		EXPECT_NOTHING_DONE();
	}

	tcase("(b) fault IPA covered but FAR_EL2 elsewhere (mapping changed) -> NISV_RETRY");
	trap_guest(0);
	code(I_STR_X1_X0);
	R(0) = DEV_VA + 0x100;
	a = dabt(IPA_DEV0 + 0x100, DEV_VA + 0x300, ISS_WNR | 0x07);
	st = run_abort(&a, &r);
	EXPECT_EQ(st, NISV_RETRY);
	EXPECT_NOTHING_DONE();

	tcase("(b) stale fault with a pending hardware AF update: descriptor left alone");
	trap_guest(0);
	set_features(NISV_FEAT_HAFDBS);
	R(NISV_TCR_EL1) |= TCR_HA;
	pt_set(&HI, DEV_VA, 3, pt_get(&HI, DEV_VA, 3) & ~D_AF);
	code(I_LDR_X1_X0);
	R(0) = DEV_VA + 0x100;
	a = dabt(IPA_DEV0 + 0x800, DEV_VA + 0x800, 0x07);
	st = run_abort(&a, &r);
	EXPECT_EQ(st, NISV_RETRY);
	EXPECT_NOTHING_DONE();

	tcase("(b) the same instruction, fault IPA covered: performed (control)");
	a = dabt(IPA_DEV0 + 0x100, DEV_VA + 0x100, 0x07);
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, BIT(1));
	EXPECT_EQ(pt_get(&HI, DEV_VA, 3) & D_AF, D_AF);
}

static void t_region_ends(void)
{
	nisv_result r;
	nisv_status st;
	nisv_abort a;

	tcase("(c) STP whose second half is past the device region's end -> external abort, no write");
	trap_guest(0);
	set_mode(1);
	code(I_STP_X1_X2_X0);
	R(0) = DEV_VA + 0xff8;
	a = dabt(IPA_DEV0 + 0xff8, DEV_VA + 0xff8, ISS_WNR | 0x07);
	st = run_abort(&a, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_EXTERNAL, 0, DABT_EL1(FSC_EXT | ISS_FNV | ISS_WNR), NO_FAR);

	tcase("(c) aligned LDR X across two adjacent device regions -> external abort, no callback");
	trap_guest(0);
	add_dev(0x0a000000, 0x104, 1);
	add_dev(0x0a000104, 0x100, 2);
	pt_map(&HI, DEV_VA + 0x10000, 0x0a000000, 3, PG_KDEV);
	code(I_LDR_X1_X0);
	R(0) = DEV_VA + 0x10100;
	a = dabt(0x0a000100, DEV_VA + 0x10100, 0x07);
	st = run_abort(&a, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_EXTERNAL, 0, DABT_EL1(FSC_EXT | ISS_FNV), NO_FAR);

	tcase("(c) LDR X across two adjacent device regions (Normal mapping, unaligned) -> refused whole");
	trap_guest(0);
	add_dev(0x0a000000, 0x100, 1);
	add_dev(0x0a000100, 0x100, 2);
	pt_map(&HI, DEV_VA + 0x10000, 0x0a000000, 3, PG_KDATA);
	code(I_LDR_X1_X0);
	R(0) = DEV_VA + 0x100fc;
	a = dabt(0x0a0000fc, DEV_VA + 0x100fc, 0x07);
	st = run_abort(&a, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_EXTERNAL, 0, DABT_EL1(FSC_EXT | ISS_FNV), NO_FAR);

	tcase("LDP whose second element is in an earlier region that overlaps the first's -> refused whole");
	trap_guest(0);
	add_dev(0x0a000008, 0x8, 2); /* listed first: the first region holding bytes 8..15 */
	add_dev(0x0a000000, 0x100, 1);
	pt_map(&HI, DEV_VA + 0x10000, 0x0a000000, 3, PG_KDEV);
	code(I_LDP_X1_X2_X0);
	R(0) = DEV_VA + 0x10000;
	a = dabt(0x0a000000, DEV_VA + 0x10000, 0x07);
	st = run_abort(&a, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_EXTERNAL, 0, DABT_EL1(FSC_EXT | ISS_FNV), NO_FAR);
	EXPECT_EQ(G.dev[1].ncalls, 0);
	EXPECT_EQ(G.dev[2].ncalls, 0);

	tcase("LDP in one device region that an earlier region does not touch: two 8-byte calls");
	trap_guest(0);
	add_dev(0x0a000010, 0x8, 2);
	add_dev(0x0a000000, 0x100, 1);
	pt_map(&HI, DEV_VA + 0x10000, 0x0a000000, 3, PG_KDEV);
	code(I_LDP_X1_X2_X0);
	R(0) = DEV_VA + 0x10000;
	dev_w64(1, 0, 0x1111111111111111ull);
	dev_w64(1, 8, 0x2222222222222222ull);
	a = dabt(0x0a000000, DEV_VA + 0x10000, 0x07);
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, BIT(1) | BIT(2));
	EXPECT_EQ(R(1), 0x1111111111111111ull);
	EXPECT_EQ(R(2), 0x2222222222222222ull);
	EXPECT_EQ(G.dev[1].ncalls, 2);
	EXPECT_EQ(G.dev[2].ncalls, 0);

	tcase("STP from a RAM page into an MMIO page spans two regions: refused whole, nothing written");
	trap_guest(0);
	pt_map(&HI, DEV_VA + 0x20000, KDATA_PA, 3, PG_KDATA);
	pt_map(&HI, DEV_VA + 0x21000, IPA_DEV0, 3, PG_KDEV);
	code(I_STP_X1_X2_X0);
	R(0) = DEV_VA + 0x20ff8;
	R(1) = 0x1111111111111111ull;
	R(2) = 0x2222222222222222ull;
	a = dabt(IPA_DEV0, DEV_VA + 0x21000, ISS_WNR | 0x07);
	st = run_abort(&a, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_EXTERNAL, 0, DABT_EL1(FSC_EXT | ISS_FNV | ISS_WNR), NO_FAR);
	EXPECT_EQ(gp_r64(KDATA_PA + 0xff8), 0);
	EXPECT_EQ(G.dev[0].ncalls, 0);

	tcase("STP within one RAM page reached through ISV=0 (a stale fault): performed, ram_warning called");
	trap_guest(0);
	pt_map(&HI, DEV_VA + 0x20000, KDATA_PA, 3, PG_KDATA);
	code(I_STP_X1_X2_X0);
	R(0) = DEV_VA + 0x20ff0;
	R(1) = 0x1111111111111111ull;
	R(2) = 0x2222222222222222ull;
	a = dabt(KDATA_PA + 0xff8, DEV_VA + 0x20ff8, ISS_WNR | 0x07);
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(gp_r64(KDATA_PA + 0xff0), 0x1111111111111111ull);
	EXPECT_EQ(gp_r64(KDATA_PA + 0xff8), 0x2222222222222222ull);
	EXPECT_EQ(G.warnings, 2);
	EXPECT_EQ(G.warn_ipa, KDATA_PA + 0xff8);
	EXPECT_EQ(G.warn_len, 8);
}

/* ---- exclusives and atomics on a device ----------------------------------------- */

static void t_device_policy(void)
{
	nisv_result r;
	nisv_status st;
	nisv_abort a;
	static const struct {
		const char *name;
		uint32_t word;
		uint32_t policy; /* what the region allows (not what the op needs) */
		int write;
	} refused[] = {
		{ "LDXR to a device without NISV_DEV_EXCLUSIVE -> DFSC 0x35", I_LDXR_X1_X0, 0, 0 },
		{ "STXR to a device without NISV_DEV_EXCLUSIVE -> DFSC 0x35 with WnR", I_STXR_W3_X1_X0, 0, 1 },
		{ "LDADD to a device without NISV_DEV_ATOMIC -> DFSC 0x35 with WnR", I_LDADD_X1_X2_X0, 0, 1 },
		{ "CAS to a device without NISV_DEV_ATOMIC -> DFSC 0x35 with WnR", I_CAS_X1_X2_X0, 0, 1 },
		{ "LDADD to a device allowing only exclusives -> DFSC 0x35", I_LDADD_X1_X2_X0, NISV_DEV_EXCLUSIVE, 1 },
		{ "LDXR to a device allowing only atomics -> DFSC 0x35", I_LDXR_X1_X0, NISV_DEV_ATOMIC, 0 },
	};

	for (unsigned i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		tcase(refused[i].name);
		trap_guest(0);
		set_mode((int)(i & 1));
		G.reg[2].policy = refused[i].policy;
		code(refused[i].word);
		R(0) = DEV_VA + 0x40;
		a = dabt(IPA_DEV0 + 0x40, DEV_VA + 0x40, (refused[i].write ? ISS_WNR : 0) | 0x07);
		st = run_abort(&a, &r);
		EXPECT_FAULT(st, &r, NISV_FAULT_UNSUPPORTED_EXCL, 0,
		             DABT_EL1(FSC_EXCL | (refused[i].write ? ISS_WNR : 0)), DEV_VA + 0x40);
	}

	tcase("NISV_DEV_EXCLUSIVE: LDXR reads the device and arms the monitor (trap path)");
	trap_guest(0);
	G.reg[2].policy = NISV_DEV_EXCLUSIVE;
	dev_w64(0, 0x40, 0x4242);
	code(I_LDXR_X1_X0);
	R(0) = DEV_VA + 0x40;
	a = dabt(IPA_DEV0 + 0x40, DEV_VA + 0x40, 0x07);
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, BIT(1));
	EXPECT_EQ(R(1), 0x4242);
	if (!bus_is_direct())
		EXPECT_TRUE(G.mem.read_flags & NISV_MEM_EXCLUSIVE);

	tcase("NISV_DEV_EXCLUSIVE: STXR after LDXR writes the device, status 0");
	R(1) = 0x4343;
	st = run(I_STXR_W3_X1_X0, &r);
	EXPECT_OK_REGS(st, BIT(3));
	EXPECT_EQ(R(3), 0);
	EXPECT_DEVCALL(0, 0, 1, 0x40, 8);
	EXPECT_EQ(devcall_value(0, 0), 0x4343);

	tcase("NISV_DEV_EXCLUSIVE: a second STXR fails (status 1) and writes nothing");
	st = run(I_STXR_W3_X1_X0, &r);
	EXPECT_OK_REGS(st, BIT(3));
	EXPECT_EQ(R(3), 1);
	EXPECT_EQ(G.dev[0].ncalls, 0);

	tcase("NISV_DEV_ATOMIC: LDADD reads, adds, writes under the bus lock");
	trap_guest(0);
	G.reg[2].policy = NISV_DEV_ATOMIC;
	dev_w64(0, 0x48, 5);
	code(I_LDADD_X1_X2_X0);
	R(0) = DEV_VA + 0x48;
	R(1) = 3;
	a = dabt(IPA_DEV0 + 0x48, DEV_VA + 0x48, ISS_WNR | 0x07);
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, BIT(2));
	EXPECT_EQ(R(2), 5);
	EXPECT_DEVCALL(0, 0, 0, 0x48, 8);
	EXPECT_DEVCALL(0, 1, 1, 0x48, 8);
	EXPECT_EQ(devcall_value(0, 1), 8);
	EXPECT_EQ(G.bus_locks, 1);

	tcase("NISV_DEV_ATOMIC: CAS with a matching compare value stores");
	trap_guest(0);
	G.reg[2].policy = NISV_DEV_ATOMIC;
	dev_w64(0, 0x50, 0x77);
	R(0) = DEV_VA + 0x50;
	R(1) = 0x77; /* compare */
	R(2) = 0x88; /* new */
	st = run(I_CAS_X1_X2_X0, &r);
	EXPECT_OK_REGS(st, BIT(1));
	EXPECT_EQ(R(1), 0x77);
	EXPECT_DEVCALL(0, 1, 1, 0x50, 8);
	EXPECT_EQ(devcall_value(0, 1), 0x88);
}

/* ---- device widths -------------------------------------------------------------- */

static void t_widths(void)
{
	nisv_result r;
	nisv_status st;
	nisv_abort a;

	tcase("widths = 4 bytes only: STR X arrives as two 4-byte writes in address order");
	trap_guest(0);
	G.reg[2].widths = 1u << 2;
	code(I_STR_X1_X0);
	R(0) = DEV_VA + 0x60;
	R(1) = 0x8877665544332211ull;
	a = dabt(IPA_DEV0 + 0x60, DEV_VA + 0x60, ISS_WNR | 0x07);
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(G.dev[0].ncalls, 2);
	EXPECT_DEVCALL(0, 0, 1, 0x60, 4);
	EXPECT_DEVCALL(0, 1, 1, 0x64, 4);
	EXPECT_EQ(devcall_value(0, 0), 0x44332211ull);
	EXPECT_EQ(devcall_value(0, 1), 0x88776655ull);

	tcase("widths = 4 bytes only: LDR X as two 4-byte reads, value assembled");
	R(NISV_PC) = CODE_VA;
	code(I_LDR_X1_X0);
	dev_w64(0, 0x60, 0x0102030405060708ull);
	a = dabt(IPA_DEV0 + 0x60, DEV_VA + 0x60, 0x07);
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, BIT(1));
	EXPECT_EQ(R(1), 0x0102030405060708ull);
	EXPECT_DEVCALL(0, 0, 0, 0x60, 4);
	EXPECT_DEVCALL(0, 1, 0, 0x64, 4);

	tcase("widths = 4 bytes only, big-endian EL0 (E0E): STR X, first word holds the MSBs");
	trap_guest(1);
	G.reg[2].widths = 1u << 2;
	R(NISV_SCTLR_EL1) |= SC_E0E;
	code(I_STR_X1_X0);
	R(0) = UDEV_VA + 0x60;
	R(1) = 0x0102030405060708ull;
	a = dabt(IPA_DEV0 + 0x60, UDEV_VA + 0x60, ISS_WNR | 0x07);
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_DEVCALL(0, 0, 1, 0x60, 4);
	EXPECT_EQ(devcall_value(0, 0), 0x04030201ull);
	EXPECT_EQ(devcall_value(0, 1), 0x08070605ull);

	tcase("any width, Device memory: ST2 {v0.b, v1.b}[0] at an even offset is two 1-byte writes "
	      "(elements are not gathered into one 2-byte access)");
	trap_guest(0);
	code(I_ST2_B_V0_V1_X0);
	R(0) = DEV_VA + 0x62;
	a = dabt(IPA_DEV0 + 0x62, DEV_VA + 0x62, ISS_WNR | 0x07);
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(G.dev[0].ncalls, 2);
	EXPECT_DEVCALL(0, 0, 1, 0x62, 1);
	EXPECT_DEVCALL(0, 1, 1, 0x63, 1);
	EXPECT_EQ(devcall_value(0, 0), 0x00); /* V0.B[0]: the harness's V<n> is {n, ~n} */
	EXPECT_EQ(devcall_value(0, 1), 0x01);

	tcase("widths = 8 bytes only: STRB cannot be made -> external abort, no callback");
	trap_guest(0);
	set_mode(1);
	G.reg[2].widths = 1u << 3;
	code(I_STRB_W1_X0);
	R(0) = DEV_VA + 0x61;
	a = dabt(IPA_DEV0 + 0x61, DEV_VA + 0x61, ISS_WNR | 0x07);
	st = run_abort(&a, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_EXTERNAL, 0, DABT_EL1(FSC_EXT | ISS_FNV | ISS_WNR), NO_FAR);
}

/* ---- alignment ---------------------------------------------------------------------- */

static void t_alignment(void)
{
	nisv_result r;
	nisv_status st;
	nisv_abort a;

	tcase("unaligned LDR X to Device memory -> alignment fault, FAR = VA, no callback");
	trap_guest(0);
	set_mode(1);
	code(I_LDR_X1_X0);
	R(0) = DEV_VA + 0x44;
	a = dabt(IPA_DEV0 + 0x44, DEV_VA + 0x44, 0x07);
	st = run_abort(&a, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_ALIGNMENT, 0, DABT_EL1(FSC_ALIGN), DEV_VA + 0x44);
	EXPECT_EQ(R(NISV_ESR_EL1), 0x96000021u);

	tcase("MMU off: data is Device-nGnRnE, unaligned STR X -> alignment fault (trap path)");
	guest_reset();
	set_mode(1);
	R(NISV_PC) = CODE_PA;
	code_pa = CODE_PA;
	code(I_STR_X1_X0);
	R(0) = IPA_DEV0 + 0x44;
	a = dabt(IPA_DEV0 + 0x44, IPA_DEV0 + 0x44, ISS_WNR | 0x07);
	st = run_abort(&a, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_ALIGNMENT, 0, DABT_EL1(FSC_ALIGN | ISS_WNR), IPA_DEV0 + 0x44);

	tcase("MMU off: aligned STR X performed at IPA = VA");
	guest_reset();
	R(NISV_PC) = CODE_PA;
	code(I_STR_X1_X0);
	R(0) = IPA_DEV0 + 0x48;
	R(1) = 0x6c6c;
	a = dabt(IPA_DEV0 + 0x48, IPA_DEV0 + 0x48, ISS_WNR | 0x07);
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_DEVCALL(0, 0, 1, 0x48, 8);
	EXPECT_EQ(G.mem.fetches, 1);

	tcase("MMU off: unaligned LDR W to RAM is Device too -> alignment fault");
	guest_reset();
	R(0) = IPA_RAM + 0x102;
	st = run(I_LDR_W1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_ALIGNMENT, 0, DABT_EL1(FSC_ALIGN), IPA_RAM + 0x102);

	tcase("priority: EL0 unaligned LDR X to a Device page EL0 cannot access -> alignment fault");
	trap_guest(1);
	set_mode(1);
	pt_map(&LO, UDEV_VA + 0x2000, IPA_DEV0, 3, PG_KDEV); /* AP=00 */
	code(I_LDR_X1_X0);
	R(0) = UDEV_VA + 0x2004;
	a = dabt(IPA_DEV0 + 4, UDEV_VA + 0x2004, 0x07);
	st = run_abort(&a, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_ALIGNMENT, 0, DABT_EL0(FSC_ALIGN), UDEV_VA + 0x2004);
}

/* ---- DC instructions ------------------------------------------------------------------ */

static void t_dc(void)
{
	nisv_result r;
	nisv_status st;

	tcase("DC CIVAC on an invalid page -> translation fault with CM and WnR, FAR = Xt");
	trap_guest(0);
	set_mode(1);
	R(0) = NOWHERE_VA + 0x1234;
	st = run(I_DC_CIVAC_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 3, DABT_EL1(FSC_TRANS(3) | ISS_CM | ISS_WNR),
	             NOWHERE_VA + 0x1234);
	EXPECT_EQ(R(NISV_ESR_EL1), 0x96000147u);

	tcase("DC IVAC on an EL1 read-only page -> permission fault with CM and WnR");
	trap_guest(0);
	R(0) = KRO_VA + 0x40;
	st = run(I_DC_IVAC_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_PERMISSION, 3, DABT_EL1(FSC_PERM(3) | ISS_CM | ISS_WNR), KRO_VA + 0x40);

	tcase("DC CIVAC on a device page: completes, no device access");
	trap_guest(0);
	R(0) = DEV_VA + 0x40;
	st = run(I_DC_CIVAC_X0, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(G.dev[0].ncalls, 0);

	tcase("DC ZVA on Device memory -> alignment fault (a write, no CM)");
	trap_guest(0);
	set_mode(1);
	R(0) = DEV_VA + 0x40;
	st = run(I_DC_ZVA_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_ALIGNMENT, 0, DABT_EL1(FSC_ALIGN | ISS_WNR), DEV_VA + 0x40);

	tcase("DC ZVA on an invalid page: FAR = the register argument, not the block start");
	trap_guest(0);
	R(0) = NOWHERE_VA + 0x1234;
	st = run(I_DC_ZVA_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 3, DABT_EL1(FSC_TRANS(3) | ISS_WNR), NOWHERE_VA + 0x1234);

	tcase("DC ZVA on RAM: zeroes the 64-byte block");
	trap_guest(0);
	for (unsigned k = 0; k < 0xc0; k += 8)
		gp_w64(KDATA_PA + k, ~0ull);
	R(0) = KDATA_VA + 0x47;
	st = run(I_DC_ZVA_X0, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(gp_r64(KDATA_PA + 0x38), ~0ull);
	EXPECT_EQ(gp_r64(KDATA_PA + 0x40), 0);
	EXPECT_EQ(gp_r64(KDATA_PA + 0x78), 0);
	EXPECT_EQ(gp_r64(KDATA_PA + 0x80), ~0ull);
}

/* ---- WnR of atomics (read-and-write instructions) ------------------------------------ */

static void t_atomic_wnr(void)
{
	nisv_result r;
	nisv_status st;

	tcase("LDADD on an invalid page: a read would fault the same way -> WnR = 0");
	trap_guest(0);
	set_mode(1);
	R(0) = NOWHERE_VA + 0x1000;
	st = run(I_LDADD_X1_X2_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 3, DABT_EL1(FSC_TRANS(3)), NOWHERE_VA + 0x1000);

	tcase("CAS on an invalid page -> WnR = 0");
	trap_guest(0);
	R(0) = NOWHERE_VA + 0x1000;
	st = run(I_CAS_X1_X2_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 3, DABT_EL1(FSC_TRANS(3)), NOWHERE_VA + 0x1000);

	tcase("LDADD on a read-only page: only the write faults -> WnR = 1");
	trap_guest(0);
	R(0) = KRO_VA + 0x40;
	st = run(I_LDADD_X1_X2_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_PERMISSION, 3, DABT_EL1(FSC_PERM(3) | ISS_WNR), KRO_VA + 0x40);
}

/* ---- walks that leave RAM ------------------------------------------------------------- */

static void t_walk_outside_ram(void)
{
	nisv_result r;
	nisv_status st;

	tcase("level 3 table at an IPA where nothing is -> external abort on walk, level 3");
	trap_guest(0);
	set_mode(1);
	pt_set(&HI, KDATA_VA, 2, pt_oa(&HI, IPA_HOLE) | 3);
	R(0) = KDATA_VA + 8;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_WALK_EXTERNAL, 3, DABT_EL1(FSC_WALK_EXT(3)), KDATA_VA + 8);

	tcase("level 3 table inside a device region -> external abort on walk, no device callback");
	trap_guest(0);
	add_dev(0x0b000000, DEV_SIZE, 1);
	pt_set(&HI, KDATA_VA, 2, pt_oa(&HI, 0x0b000000) | 3);
	R(0) = KDATA_VA + 8;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_WALK_EXTERNAL, 3, DABT_EL1(FSC_WALK_EXT(3)), KDATA_VA + 8);
}

/* ---- mem_ops.ram_map: walks and the fetch straight from guest RAM ------------ */

static void t_ram_map(void)
{
	nisv_abort a = { .esr = 0x07, .ipa = IPA_DEV0 + 0x40, .flags = NISV_ABORT_ISS_ONLY };
	nisv_result r;
	nisv_status st;

	tcase("ram_map: ISS-only LDR to a device; walks and fetch from RAM, no read() but the device's");
	trap_guest(0);
	G.ram_map = 1;
	code(I_LDR_X1_X0);
	dev_w64(0, 0x40, 0x1122334455667788ull);
	R(0) = DEV_VA + 0x40;
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, BIT(1));
	EXPECT_EQ(R(1), 0x1122334455667788ull);
	EXPECT_EQ(G.mem.walk_reads, 0);
	EXPECT_EQ(G.mem.fetches, 0);
	EXPECT_EQ(G.mem.reads, 1);
	EXPECT_EQ(G.mem.ram_maps, 3); /* one range remembered: tables, code, tables */

	tcase("ram_map: an answer whose range does not hold the IPA is ignored (read() instead)");
	trap_guest(0);
	G.ram_map = 2;
	code(I_LDR_X1_X0);
	dev_w64(0, 0x40, 0x5566ull);
	R(0) = DEV_VA + 0x40;
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, BIT(1));
	EXPECT_EQ(R(1), 0x5566ull);
	EXPECT_EQ(G.mem.walk_reads, 8);
	EXPECT_EQ(G.mem.fetches, 1);

	tcase("ram_map: level 3 table inside a device region -> external abort on walk, level 3");
	trap_guest(0);
	G.ram_map = 1;
	add_dev(0x0b000000, DEV_SIZE, 1);
	pt_set(&HI, KDATA_VA, 2, pt_oa(&HI, 0x0b000000) | 3);
	R(0) = KDATA_VA + 8;
	st = run(I_LDR_X1_X0, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_WALK_EXTERNAL, 3, DABT_EL1(FSC_WALK_EXT(3)), KDATA_VA + 8);
	EXPECT_EQ(G.mem.walk_reads, 1);

	tcase("ram_map: code page in a device region -> instruction fetch external abort");
	trap_guest(0);
	G.ram_map = 1;
	add_dev(0x0b000000, DEV_SIZE, 1);
	pt_set(&HI, CODE_VA, 3, pt_oa(&HI, 0x0b000000) | PG_KCODE | 3);
	st = run_abort(&a, &r);
	EXPECT_EQ(st, NISV_FAULT);
	EXPECT_EQ(r.fault, NISV_FAULT_EXTERNAL);
	EXPECT_EQ(G.mem.fetches, 1);
	EXPECT_NOTHING_DONE();
}

void tests_trap(void)
{
	for (unsigned i = 0; i < sizeof isv_cases / sizeof isv_cases[0]; i++)
		t_isv(&isv_cases[i]);
	t_isv_misc();
	t_cm();
	t_fetch();
	t_user_kernel_cross();
	t_stale();
	t_region_ends();
	t_device_policy();
	t_widths();
	/* the same bus cases with the bus as the vCPU's memory: nisv finds the
	 * regions and calls the devices itself (perform.c, bus.h) */
	set_bus_direct(1);
	t_region_ends();
	t_device_policy();
	t_widths();
	set_bus_direct(0);
	t_alignment();
	t_dc();
	t_atomic_wnr();
	t_walk_outside_ram();
	t_ram_map();
}
