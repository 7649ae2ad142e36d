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

/* esr_of() as a constant expression, for the tables */
#define ESR(ec, iss) ((uint32_t)(ec) << 26 | ESR_IL | (uint32_t)(iss))
#define DABT_EL1(fsc) ESR(EC_DABT_CUR, (fsc))
#define DABT_EL0(fsc) ESR(EC_DABT_LOW, (fsc))
#define IABT_EL1(fsc) ESR(EC_IABT_CUR, (fsc))
#define IABT_EL0(fsc) ESR(EC_IABT_LOW, (fsc))

/* A data abort as KVM sees it: ESR_EL2 (EC 0x24), fault IPA, FAR_EL2; the
 * same with FAR_EL2 not valid; KVM's esr_iss (only the ISS, no FAR). */
#define DABT(ipa_, far_, iss_) \
	{ .esr = ESR(EC_DABT_LOW, iss_), .ipa = (ipa_), .far = (far_), .flags = NISV_ABORT_FAR_VALID }
#define DABT_NO_FAR(ipa_, far_, iss_) { .esr = ESR(EC_DABT_LOW, iss_), .ipa = (ipa_), .far = (far_) }
#define ISS_ONLY(ipa_, iss_) { .esr = (iss_), .ipa = (ipa_), .flags = NISV_ABORT_ISS_ONLY }

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

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

static struct pt *pt_of(uint64_t va)
{
	return va >> 63 ? &HI : &LO;
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
	nisv_abort a = DABT(IPA_DEV0 + 0x20, DEV_VA + 0x20, ISS_ISV | c->iss | 0x07);

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

/* ---- the other traps: one row per case ------------------------------------------ */

/* A value checked only when given: EQ(v). */
struct want {
	uint8_t on;
	uint64_t v;
};
#define EQ(v_) { 1, (v_) }

struct reg_val {
	uint8_t on, n; /* nisv_reg */
	uint64_t v;
};
#define X(n_, v_) { 1, (n_), (v_) }

struct dev_val {
	uint8_t on, devno;
	uint16_t off;
	uint64_t v;
};
#define DEV64(devno_, off_, v_) { 1, (devno_), (off_), (v_) }

struct call {
	uint8_t on, write;
	uint16_t off;
	uint8_t len;
};
#define RD(off_, len_) { 1, 0, (off_), (len_) }
#define WR(off_, len_) { 1, 1, (off_), (len_) }

/*
 * One trap: a fresh guest (trap_guest(el0); with mmu_off, guest_reset() and
 * code at CODE_PA) or, with cont, the previous case's guest as it was left;
 * the changes below; nisv_handle_abort(abort) with .word at the code page
 * or, without an abort, nisv_emulate(word). Then the fault, or the status
 * (NISV_OK: EXPECT_OK_REGS(changed)), and each check that is given.
 */
struct trap_case {
	const char *name;
	int el0, inject, mmu_off, cont;
	uint32_t features;
	uint64_t sctlr, tcr; /* bits set */
	struct {
		uint64_t va;
		int level;
		uint64_t clr, set;
	} edit; /* the descriptor at `level` on the walk of `va` */
	struct {
		uint64_t va, pa, attrs;
	} map[2]; /* more level 3 pages */
	struct {
		uint64_t ipa, size;
		unsigned devno;
	} devs[2];               /* more device regions, in bus order */
	uint64_t table_at;       /* KDATA_VA's level 3 table moved to this IPA */
	uint32_t policy, widths; /* of device 0's region */
	int ram_map;             /* what ram_map answers (memlog.h) */
	uint32_t word;
	struct reg_val regs[3];
	struct dev_val dev[2];
	nisv_abort abort;

	/* what must follow */
	struct {
		unsigned kind;
		int level;
		uint32_t esr;
		uint64_t far;
	} fault;
	nisv_status status;
	uint64_t changed;
	struct reg_val out[2];
	struct {
		struct want status, fault, esr, va, write;
	} res;
	struct {
		struct want walk_reads, fetches, reads, ram_maps;
	} mem;
	struct want insn;         /* the word decoded */
	struct want ncalls[NDEV]; /* per device */
	struct call calls[2];     /* device 0's */
	struct want vals[2];      /* their bytes, little-endian */
	uint32_t read_flags, write_flags; /* NISV_MEM_* seen (not checked with the bus direct) */
	uint64_t af_set;                  /* this VA's level 3 descriptor has AF */
	struct {
		uint64_t ipa, v;
	} ram[2];
	struct {
		struct want n, ipa, len;
	} warn; /* ram_warning calls, the last one's IPA and length */
	struct want bus_locks;
	int nothing_done;
};

#define WANT(got, w)                                                                                                   \
	do {                                                                                                           \
		if ((w).on)                                                                                            \
			check_eq(__FILE__, __LINE__, #got, (uint64_t)(got), (w).v);                                    \
	} while (0)

static void run_case(const struct trap_case *c)
{
	nisv_result r;
	nisv_status st;

	tcase(c->name);
	if (c->mmu_off) {
		guest_reset();
		code_pa = CODE_PA;
	} else if (!c->cont) {
		trap_guest(c->el0);
	}
	if (!c->cont)
		set_mode(c->inject);
	if (c->features)
		set_features(c->features);
	R(NISV_TCR_EL1) |= c->tcr;
	R(NISV_SCTLR_EL1) |= c->sctlr;
	if (c->ram_map)
		G.ram_map = c->ram_map;
	for (size_t i = 0; i < NELEM(c->devs) && c->devs[i].size; i++)
		add_dev(c->devs[i].ipa, c->devs[i].size, c->devs[i].devno);
	if (c->policy)
		find_region(IPA_DEV0)->policy = c->policy;
	if (c->widths)
		find_region(IPA_DEV0)->widths = c->widths;
	for (size_t i = 0; i < NELEM(c->map) && c->map[i].va; i++)
		pt_map(pt_of(c->map[i].va), c->map[i].va, c->map[i].pa, 3, c->map[i].attrs);
	if (c->edit.va) {
		struct pt *t = pt_of(c->edit.va);
		pt_set(t, c->edit.va, c->edit.level,
		       (pt_get(t, c->edit.va, c->edit.level) & ~c->edit.clr) | c->edit.set);
	}
	if (c->table_at)
		pt_set(&HI, KDATA_VA, 2, pt_oa(&HI, c->table_at) | 3);
	if (c->abort.esr && c->word)
		gp_w32(code_pa, c->word);
	for (size_t i = 0; i < NELEM(c->regs) && c->regs[i].on; i++)
		R(c->regs[i].n) = c->regs[i].v;
	for (size_t i = 0; i < NELEM(c->dev) && c->dev[i].on; i++)
		dev_w64(c->dev[i].devno, c->dev[i].off, c->dev[i].v);

	st = c->abort.esr ? run_abort(&c->abort, &r) : run(c->word, &r);

	if (c->fault.kind)
		EXPECT_FAULT(st, &r, c->fault.kind, c->fault.level, c->fault.esr, c->fault.far);
	else if (c->status != NISV_OK)
		EXPECT_EQ(st, c->status);
	else
		EXPECT_OK_REGS(st, c->changed);
	for (size_t i = 0; i < NELEM(c->out) && c->out[i].on; i++)
		check_eq(__FILE__, __LINE__, reg_name(c->out[i].n), R(c->out[i].n), c->out[i].v);
	WANT(r.status, c->res.status);
	WANT(r.fault, c->res.fault);
	WANT(r.esr, c->res.esr);
	WANT(r.va, c->res.va);
	WANT(r.write, c->res.write);
	WANT(G.mem.walk_reads, c->mem.walk_reads);
	WANT(G.mem.fetches, c->mem.fetches);
	WANT(G.mem.reads, c->mem.reads);
	WANT(G.mem.ram_maps, c->mem.ram_maps);
	WANT(r.insn.word, c->insn);
	for (unsigned d = 0; d < NDEV; d++)
		WANT(G.dev[d].ncalls, c->ncalls[d]);
	for (unsigned i = 0; i < NELEM(c->calls); i++)
		if (c->calls[i].on)
			EXPECT_DEVCALL(0, i, c->calls[i].write, c->calls[i].off, c->calls[i].len);
	for (unsigned i = 0; i < NELEM(c->vals); i++)
		WANT(devcall_value(0, i), c->vals[i]);
	if (c->read_flags && !bus_is_direct())
		EXPECT_TRUE(G.mem.read_flags & c->read_flags);
	if (c->write_flags && !bus_is_direct())
		EXPECT_TRUE(G.mem.write_flags & c->write_flags);
	if (c->af_set)
		EXPECT_EQ(pt_get(pt_of(c->af_set), c->af_set, 3) & D_AF, D_AF);
	for (size_t i = 0; i < NELEM(c->ram) && c->ram[i].ipa; i++)
		EXPECT_EQ(gp_r64(c->ram[i].ipa), c->ram[i].v);
	WANT(G.warnings, c->warn.n);
	WANT(G.warn_ipa, c->warn.ipa);
	WANT(G.warn_len, c->warn.len);
	WANT(G.bus_locks, c->bus_locks);
	if (c->nothing_done)
		EXPECT_NOTHING_DONE();
}

static void run_cases(const struct trap_case *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		run_case(&c[i]);
}
#define RUN_CASES(t) run_cases((t), NELEM(t))

/* ---- ISV = 1 misc, CM = 1 ------------------------------------------------------------ */

static const struct trap_case syndrome_cases[] = {
	{ .name = "ISV load with SRT=31: the device is read, the value discarded (only PC changes)",
	  .abort = DABT(IPA_DEV0 + 0x28, DEV_VA + 0x28, ISS_ISV | ISS_SAS(3) | ISS_SF | ISS_SRT(31) | 0x07),
	  .calls = { RD(0x28, 8) } },
	{ .name = "ISV store with SRT=31: stores zero (XZR)",
	  .cont = 1, .dev = { DEV64(0, 0x28, ~0ull) },
	  .abort = DABT(IPA_DEV0 + 0x28, DEV_VA + 0x28, ISS_ISV | ISS_SAS(3) | ISS_SF | ISS_SRT(31) | ISS_WNR | 0x07),
	  .calls = { WR(0x28, 8) }, .vals = { EQ(0) } },
	{ .name = "ISV AR=1 load: the device read is an acquire (NISV_MEM_ACQUIRE)",
	  .abort = DABT(IPA_DEV0 + 0x30, DEV_VA + 0x30, ISS_ISV | ISS_SAS(2) | ISS_AR | ISS_SRT(1) | 0x07),
	  .changed = BIT(1), .read_flags = NISV_MEM_ACQUIRE, .res = { .va = EQ(DEV_VA + 0x30), .write = EQ(0) } },
	{ .name = "ISV AR=1 store: the device write is a release (NISV_MEM_RELEASE)",
	  .cont = 1,
	  .abort = DABT(IPA_DEV0 + 0x30, DEV_VA + 0x30, ISS_ISV | ISS_SAS(2) | ISS_AR | ISS_SRT(1) | ISS_WNR | 0x07),
	  .write_flags = NISV_MEM_RELEASE, .res = { .va = EQ(DEV_VA + 0x30), .write = EQ(1) } },
	{ .name = "ISV access to an IPA where nothing is: synchronous external abort (FnV), injected",
	  .inject = 1, .abort = DABT(IPA_HOLE + 0x10, DEV_VA + 0x1010, ISS_ISV | ISS_SAS(2) | ISS_SRT(1) | 0x07),
	  .fault = { NISV_FAULT_EXTERNAL, 0, DABT_EL1(FSC_EXT | ISS_FNV), NO_FAR },
	  .out = { X(NISV_ESR_EL1, 0x96000410u) } },
	{ .name = "ISV store from EL0 to a hole: external abort from EL0 with WnR (report)",
	  .el0 = 1,
	  .abort = DABT(IPA_HOLE + 0x10, UDEV_VA + 0x1010, ISS_ISV | ISS_SAS(2) | ISS_SRT(1) | ISS_WNR | 0x07),
	  .fault = { NISV_FAULT_EXTERNAL, 0, DABT_EL0(FSC_EXT | ISS_FNV | ISS_WNR), NO_FAR } },
	{ .name = "ISS-only syndrome (KVM esr_iss, NISV_ABORT_ISS_ONLY): ISV ignored, instruction fetched",
	  .word = I_STR_X1_X0, .regs = { X(0, DEV_VA + 0x40), X(1, 0x0102030405060708ull) },
	  .abort = ISS_ONLY(IPA_DEV0 + 0x40, ISS_ISV | ISS_SAS(2) | ISS_WNR | 0x07),
	  .mem.fetches = EQ(1), .calls = { WR(0x40, 8) }, .vals = { EQ(0x0102030405060708ull) } },
	{ .name = "ESR_EL2 that is not a data abort (EC 0x20) -> NISV_INVALID_ARGUMENT, nothing done",
	  .abort = { .esr = ESR(EC_IABT_LOW, 0x07), .ipa = IPA_DEV0 },
	  .status = NISV_INVALID_ARGUMENT, .nothing_done = 1 },
	{ .name = "CM=1 (DC by VA on MMIO): completed, PC += 4, no device access, no fetch, no walk",
	  .word = I_DC_CIVAC_X0, .regs = { X(0, DEV_VA + 0x40) },
	  .abort = DABT(IPA_DEV0 + 0x40, DEV_VA + 0x40, ISS_CM | ISS_WNR | 0x07),
	  .ncalls = { EQ(0) }, .mem = { .fetches = EQ(0), .walk_reads = EQ(0) } },
	{ .name = "CM=1 in an ISS-only syndrome: completed the same way",
	  .el0 = 1, .abort = ISS_ONLY(IPA_DEV0, ISS_CM | ISS_WNR | 0x07), .ncalls = { EQ(0) } },
};

/* ---- ISV = 0: fetch, decode, emulate ---------------------------------------------- */

static const struct trap_case fetch_cases[] = {
	{ .name = "ISV=0 at EL1: LDR fetched from a TTBR1 code page, device read, X1 written",
	  .word = I_LDR_X1_X0_8, .regs = { X(0, DEV_VA) }, .dev = { DEV64(0, 8, 0x1122334455667788ull) },
	  .abort = DABT(IPA_DEV0 + 8, DEV_VA + 8, 0x07),
	  .changed = BIT(1), .out = { X(1, 0x1122334455667788ull) }, .mem.fetches = EQ(1),
	  .insn = EQ(I_LDR_X1_X0_8), .ncalls = { EQ(1) }, .calls = { RD(8, 8) },
	  .res = { .va = EQ(DEV_VA + 8), .write = EQ(0) } },
	{ .name = "ISV=0 at EL0: STR fetched from a TTBR0 user page, device written",
	  .el0 = 1, .word = I_STR_X1_X0, .regs = { X(0, UDEV_VA + 0x18), X(1, 0x0a0b0c0d) },
	  .abort = DABT(IPA_DEV0 + 0x18, UDEV_VA + 0x18, ISS_WNR | 0x07),
	  .calls = { WR(0x18, 8) }, .vals = { EQ(0x0a0b0c0d) }, .res = { .va = EQ(UDEV_VA + 0x18), .write = EQ(1) } },
	{ .name = "ISV=0, a non-memory word (NOP) at PC -> UNDEFINED, EC 0 (report)",
	  .word = I_NOP, .abort = DABT(IPA_DEV0, DEV_VA, 0x07),
	  .fault = { NISV_FAULT_UNDEFINED, 0, ESR(EC_UNKNOWN, 0), NO_FAR }, .res.esr = EQ(0x02000000u) },
	{ .name = "ISV=0, a non-memory word (NOP) at PC -> UNDEFINED, EC 0 (inject)",
	  .inject = 1, .word = I_NOP, .abort = DABT(IPA_DEV0, DEV_VA, 0x07),
	  .fault = { NISV_FAULT_UNDEFINED, 0, ESR(EC_UNKNOWN, 0), NO_FAR }, .res.esr = EQ(0x02000000u) },
	{ .name = "ISV=0, EL1 PC unmapped -> Instruction Abort, EC 0x21, IFSC translation level 3, FAR = PC",
	  .inject = 1, .edit = { CODE_VA, 3, ~0ull, 0 }, .abort = DABT(IPA_DEV0, DEV_VA, 0x07),
	  .fault = { NISV_FAULT_TRANSLATION, 3, IABT_EL1(FSC_TRANS(3)), CODE_VA },
	  .out = { X(NISV_ESR_EL1, 0x86000007u) } },
	{ .name = "ISV=0, EL0 PC unmapped at level 2 -> Instruction Abort, EC 0x20, vector +0x400",
	  .el0 = 1, .inject = 1, .edit = { UCODE_VA, 2, ~0ull, 0 }, .abort = DABT(IPA_DEV0, UDEV_VA, 0x07),
	  .fault = { NISV_FAULT_TRANSLATION, 2, IABT_EL0(FSC_TRANS(2)), UCODE_VA },
	  .out = { X(NISV_PC, VBAR + 0x400) } },
	{ .name = "ISV=0, EL1 PC in a PXN page -> Instruction Abort, permission level 3",
	  .inject = 1, .edit = { CODE_VA, 3, 0, D_PXN }, .abort = DABT(IPA_DEV0, DEV_VA, 0x07),
	  .fault = { NISV_FAULT_PERMISSION, 3, IABT_EL1(FSC_PERM(3)), CODE_VA } },
	{ .name = "ISV=0, EL0 PC in a UXN page -> Instruction Abort from EL0, permission level 3",
	  .el0 = 1, .edit = { UCODE_VA, 3, 0, D_UXN }, .abort = DABT(IPA_DEV0, UDEV_VA, 0x07),
	  .fault = { NISV_FAULT_PERMISSION, 3, IABT_EL0(FSC_PERM(3)), UCODE_VA } },
	{ .name = "ISV=0, EL1 PC in a page EL0 can write (AP=01) -> not executable at EL1",
	  .edit = { CODE_VA, 3, D_AP_MASK, D_AP_RW }, .abort = DABT(IPA_DEV0, DEV_VA, 0x07),
	  .fault = { NISV_FAULT_PERMISSION, 3, IABT_EL1(FSC_PERM(3)), CODE_VA } },
	{ .name = "ISV=0, SCTLR_EL1.WXN: EL1 PC in an EL1-writable page -> permission fault",
	  .sctlr = SC_WXN, .edit = { CODE_VA, 3, D_AP_MASK, 0 }, .abort = DABT(IPA_DEV0, DEV_VA, 0x07),
	  .fault = { NISV_FAULT_PERMISSION, 3, IABT_EL1(FSC_PERM(3)), CODE_VA } },
	{ .name = "ISV=0, EL0 PC in an execute-only page (AP=00, UXN=0): EL0 may execute it",
	  .el0 = 1, .edit = { UCODE_VA, 3, D_AP_MASK, D_AP_EL1_RW }, .word = I_STR_X1_X0,
	  .regs = { X(0, UDEV_VA + 0x10) }, .abort = DABT(IPA_DEV0 + 0x10, UDEV_VA + 0x10, ISS_WNR | 0x07),
	  .calls = { WR(0x10, 8) } },
	{ .name = "ISV=0, UXNTable on the level 1 table: EL0 fetch -> permission fault level 3",
	  .el0 = 1, .edit = { UCODE_VA, 1, 0, T_UXN }, .abort = DABT(IPA_DEV0, UDEV_VA, 0x07),
	  .fault = { NISV_FAULT_PERMISSION, 3, IABT_EL0(FSC_PERM(3)), UCODE_VA } },
	{ .name = "ISV=0, UXNTable ignored with TCR_EL1.HPD0: EL0 fetch allowed",
	  .cont = 1, .tcr = TCR_HPD0, .word = I_LDR_X1_X0, .regs = { X(0, UDEV_VA + 0x10) },
	  .abort = DABT(IPA_DEV0 + 0x10, UDEV_VA + 0x10, 0x07), .changed = BIT(1) },
	{ .name = "ISV=0, PXNTable on the level 2 table: EL1 fetch -> permission fault level 3",
	  .edit = { CODE_VA, 2, 0, T_PXN }, .abort = DABT(IPA_DEV0, DEV_VA, 0x07),
	  .fault = { NISV_FAULT_PERMISSION, 3, IABT_EL1(FSC_PERM(3)), CODE_VA } },
	{ .name = "ISV=0, EL0 PC in an EL0-writable page (AP=01): executable at EL0 without WXN",
	  .el0 = 1, .edit = { UCODE_VA, 3, D_AP_MASK, D_AP_RW }, .word = I_LDR_X1_X0,
	  .regs = { X(0, UDEV_VA + 0x10) }, .abort = DABT(IPA_DEV0 + 0x10, UDEV_VA + 0x10, 0x07),
	  .changed = BIT(1) },
	{ .name = "ISV=0, the same with SCTLR_EL1.WXN -> permission fault from EL0",
	  .cont = 1, .regs = { X(NISV_PC, UCODE_VA) }, .sctlr = SC_WXN,
	  .abort = DABT(IPA_DEV0 + 0x10, UDEV_VA + 0x10, 0x07),
	  .fault = { NISV_FAULT_PERMISSION, 3, IABT_EL0(FSC_PERM(3)), UCODE_VA } },
	{ .name = "ISV=0, EL1 PC in a page with AF=0 -> Instruction Abort, access flag level 3",
	  .edit = { CODE_VA, 3, D_AF, 0 }, .abort = DABT(IPA_DEV0, DEV_VA, 0x07),
	  .fault = { NISV_FAULT_ACCESS_FLAG, 3, IABT_EL1(FSC_AF(3)), CODE_VA } },
	{ .name = "ISV=0, EL1 PC in a page with AF=0 under HA: fetch succeeds and sets AF",
	  .features = NISV_FEAT_HAFDBS, .tcr = TCR_HA, .edit = { CODE_VA, 3, D_AF, 0 }, .word = I_LDR_X1_X0,
	  .regs = { X(0, DEV_VA + 0x50) }, .abort = DABT(IPA_DEV0 + 0x50, DEV_VA + 0x50, 0x07),
	  .changed = BIT(1), .af_set = CODE_VA },
	{ .name = "S1PTW=1 without FAR: synchronous external abort (FnV), no fetch, no walk",
	  .inject = 1, .abort = DABT_NO_FAR(IPA_DEV0, DEV_VA, ISS_S1PTW | 0x07),
	  .fault = { NISV_FAULT_EXTERNAL, 0, DABT_EL1(FSC_EXT | ISS_FNV), NO_FAR },
	  .out = { X(NISV_ESR_EL1, 0x96000410u) }, .mem = { .fetches = EQ(0), .walk_reads = EQ(0) } },
	{ .name = "S1PTW=1 from EL0 without FAR: external abort, EC 0x24 (report)",
	  .el0 = 1, .abort = DABT_NO_FAR(IPA_DEV0, UDEV_VA, ISS_S1PTW | 0x07),
	  .fault = { NISV_FAULT_EXTERNAL, 0, DABT_EL0(FSC_EXT | ISS_FNV), NO_FAR } },
	{ .name = "S1PTW=1 with FAR, level 3 table in a device region: external abort on walk, level 3, no fetch",
	  .devs = { { 0x0b000000, DEV_SIZE, 1 } }, .table_at = 0x0b000000,
	  .abort = DABT(0x0b000000, KDATA_VA + 8, ISS_S1PTW | 0x07),
	  .fault = { NISV_FAULT_WALK_EXTERNAL, 3, DABT_EL1(FSC_WALK_EXT(3)), KDATA_VA + 8 },
	  .mem.fetches = EQ(0) },
	{ .name = "ISV=0 with a PC that is not 4-byte aligned: PC alignment fault (EC 0x22), no fetch",
	  .regs = { X(NISV_PC, CODE_VA + 2) }, .abort = DABT(IPA_DEV0, DEV_VA, 0x07),
	  .status = NISV_FAULT, .res = { .fault = EQ(NISV_FAULT_PC_ALIGNMENT), .esr = EQ(0x8a000000u) },
	  .mem.fetches = EQ(0) },
	{ .name = "S1PTW=1 with FAR whose walk now succeeds: the tables changed under us -> RETRY",
	  .abort = DABT(IPA_DEV0, DEV_VA, ISS_S1PTW | 0x07), .status = NISV_RETRY, .mem.fetches = EQ(0) },
};

/* ---- issue cases (a) (b) (c) ---------------------------------------------------- */

/* (a): a pair from the last 8 bytes of UDEV_VA's page into a kernel-only page */
#define CROSS(op, mode, inject_, word_, wnr)                                                         \
	{ .name = "(a) EL0 " op " from a user MMIO page into a kernel page -> permission fault on the " \
	          "second page, nothing performed (" mode ")",                                         \
	  .el0 = 1, .inject = (inject_), .map = { { UDEV_VA + 0x1000, KDATA_PA, PG_KDATA } },           \
	  .word = (word_), .regs = { X(0, UDEV_VA + 0xff8) },                                           \
	  .abort = DABT(IPA_DEV0 + 0xff8, UDEV_VA + 0xff8, (wnr) | 0x07),                               \
	  .fault = { NISV_FAULT_PERMISSION, 3, DABT_EL0(FSC_PERM(3) | (wnr)), UDEV_VA + 0x1000 } }

static const struct trap_case cross_cases[] = {
	CROSS("STP", "report", 0, I_STP_X1_X2_X0, ISS_WNR),
	CROSS("STP", "inject", 1, I_STP_X1_X2_X0, ISS_WNR),
	CROSS("LDP", "report", 0, I_LDP_X1_X2_X0, 0),
	CROSS("LDP", "inject", 1, I_LDP_X1_X2_X0, 0),
	{ .name = "(a) the same STP through nisv_emulate: refused, nothing performed",
	  .el0 = 1, .map = { { UDEV_VA + 0x1000, KDATA_PA, PG_KDATA } }, .regs = { X(0, UDEV_VA + 0xff8) },
	  .word = I_STP_X1_X2_X0,
	  .fault = { NISV_FAULT_PERMISSION, 3, DABT_EL0(FSC_PERM(3) | ISS_WNR), UDEV_VA + 0x1000 } },
};

static const struct trap_case stale_cases[] = {
	{ .name = "(b) instruction swapped: LDR now targets another address than the fault IPA -> "
	          "NISV_RETRY, nothing done (report mode)",
	  .word = I_LDR_X1_X0, .regs = { X(0, DEV_VA + 0x100) }, .abort = DABT(IPA_DEV0 + 0x200, DEV_VA + 0x200, 0x07),
	  .status = NISV_RETRY, .res.status = EQ(NISV_RETRY), .nothing_done = 1 },
	{ .name = "(b) instruction swapped: LDR now targets another address than the fault IPA -> "
	          "NISV_RETRY, nothing done (inject mode)",
	  .inject = 1, .word = I_LDR_X1_X0, .regs = { X(0, DEV_VA + 0x100) },
	  .abort = DABT(IPA_DEV0 + 0x200, DEV_VA + 0x200, 0x07),
	  .status = NISV_RETRY, .res.status = EQ(NISV_RETRY), .nothing_done = 1 },
	{ .name = "(b) fault IPA covered but FAR_EL2 elsewhere (mapping changed) -> NISV_RETRY",
	  .word = I_STR_X1_X0, .regs = { X(0, DEV_VA + 0x100) },
	  .abort = DABT(IPA_DEV0 + 0x100, DEV_VA + 0x300, ISS_WNR | 0x07), .status = NISV_RETRY, .nothing_done = 1 },
	{ .name = "(b) stale fault with a pending hardware AF update: descriptor left alone",
	  .features = NISV_FEAT_HAFDBS, .tcr = TCR_HA, .edit = { DEV_VA, 3, D_AF, 0 }, .word = I_LDR_X1_X0,
	  .regs = { X(0, DEV_VA + 0x100) }, .abort = DABT(IPA_DEV0 + 0x800, DEV_VA + 0x800, 0x07),
	  .status = NISV_RETRY, .nothing_done = 1 },
	{ .name = "(b) the same instruction, fault IPA covered: performed (control)",
	  .cont = 1, .abort = DABT(IPA_DEV0 + 0x100, DEV_VA + 0x100, 0x07), .changed = BIT(1), .af_set = DEV_VA },
};

static const struct trap_case region_end_cases[] = {
	{ .name = "(c) STP whose second half is past the device region's end -> external abort, no write",
	  .inject = 1, .word = I_STP_X1_X2_X0, .regs = { X(0, DEV_VA + 0xff8) },
	  .abort = DABT(IPA_DEV0 + 0xff8, DEV_VA + 0xff8, ISS_WNR | 0x07),
	  .fault = { NISV_FAULT_EXTERNAL, 0, DABT_EL1(FSC_EXT | ISS_FNV | ISS_WNR), NO_FAR } },
	{ .name = "(c) aligned LDR X across two adjacent device regions -> external abort, no callback",
	  .devs = { { 0x0a000000, 0x104, 1 }, { 0x0a000104, 0x100, 2 } },
	  .map = { { DEV_VA + 0x10000, 0x0a000000, PG_KDEV } }, .word = I_LDR_X1_X0,
	  .regs = { X(0, DEV_VA + 0x10100) }, .abort = DABT(0x0a000100, DEV_VA + 0x10100, 0x07),
	  .fault = { NISV_FAULT_EXTERNAL, 0, DABT_EL1(FSC_EXT | ISS_FNV), NO_FAR } },
	{ .name = "(c) LDR X across two adjacent device regions (Normal mapping, unaligned) -> refused whole",
	  .devs = { { 0x0a000000, 0x100, 1 }, { 0x0a000100, 0x100, 2 } },
	  .map = { { DEV_VA + 0x10000, 0x0a000000, PG_KDATA } }, .word = I_LDR_X1_X0,
	  .regs = { X(0, DEV_VA + 0x100fc) }, .abort = DABT(0x0a0000fc, DEV_VA + 0x100fc, 0x07),
	  .fault = { NISV_FAULT_EXTERNAL, 0, DABT_EL1(FSC_EXT | ISS_FNV), NO_FAR } },
	{ .name = "LDP whose second element is in an earlier region that overlaps the first's -> refused whole",
	  /* listed first: the first region holding bytes 8..15 */
	  .devs = { { 0x0a000008, 0x8, 2 }, { 0x0a000000, 0x100, 1 } },
	  .map = { { DEV_VA + 0x10000, 0x0a000000, PG_KDEV } }, .word = I_LDP_X1_X2_X0,
	  .regs = { X(0, DEV_VA + 0x10000) }, .abort = DABT(0x0a000000, DEV_VA + 0x10000, 0x07),
	  .fault = { NISV_FAULT_EXTERNAL, 0, DABT_EL1(FSC_EXT | ISS_FNV), NO_FAR },
	  .ncalls = { [1] = EQ(0), [2] = EQ(0) } },
	{ .name = "LDP in one device region that an earlier region does not touch: two 8-byte calls",
	  .devs = { { 0x0a000010, 0x8, 2 }, { 0x0a000000, 0x100, 1 } },
	  .map = { { DEV_VA + 0x10000, 0x0a000000, PG_KDEV } }, .word = I_LDP_X1_X2_X0,
	  .regs = { X(0, DEV_VA + 0x10000) },
	  .dev = { DEV64(1, 0, 0x1111111111111111ull), DEV64(1, 8, 0x2222222222222222ull) },
	  .abort = DABT(0x0a000000, DEV_VA + 0x10000, 0x07),
	  .changed = BIT(1) | BIT(2), .out = { X(1, 0x1111111111111111ull), X(2, 0x2222222222222222ull) },
	  .ncalls = { [1] = EQ(2), [2] = EQ(0) } },
	{ .name = "STP from a RAM page into an MMIO page spans two regions: refused whole, nothing written",
	  .map = { { DEV_VA + 0x20000, KDATA_PA, PG_KDATA }, { DEV_VA + 0x21000, IPA_DEV0, PG_KDEV } },
	  .word = I_STP_X1_X2_X0,
	  .regs = { X(0, DEV_VA + 0x20ff8), X(1, 0x1111111111111111ull), X(2, 0x2222222222222222ull) },
	  .abort = DABT(IPA_DEV0, DEV_VA + 0x21000, ISS_WNR | 0x07),
	  .fault = { NISV_FAULT_EXTERNAL, 0, DABT_EL1(FSC_EXT | ISS_FNV | ISS_WNR), NO_FAR },
	  .ram = { { KDATA_PA + 0xff8, 0 } }, .ncalls = { EQ(0) } },
	{ .name = "STP within one RAM page reached through ISV=0 (a stale fault): performed, ram_warning called",
	  .map = { { DEV_VA + 0x20000, KDATA_PA, PG_KDATA } }, .word = I_STP_X1_X2_X0,
	  .regs = { X(0, DEV_VA + 0x20ff0), X(1, 0x1111111111111111ull), X(2, 0x2222222222222222ull) },
	  .abort = DABT(KDATA_PA + 0xff8, DEV_VA + 0x20ff8, ISS_WNR | 0x07),
	  .ram = { { KDATA_PA + 0xff0, 0x1111111111111111ull }, { KDATA_PA + 0xff8, 0x2222222222222222ull } },
	  .warn = { EQ(2), EQ(KDATA_PA + 0xff8), EQ(8) } },
};

/* ---- exclusives and atomics on a device ----------------------------------------- */

/* An exclusive or atomic at DEV_VA + 0x40 that device 0's policy does not allow
 * (the policy is what the region allows, not what the op needs). */
#define REFUSED(name_, inject_, word_, policy_, wnr)                                                  \
	{ .name = (name_), .inject = (inject_), .policy = (policy_), .word = (word_),                   \
	  .regs = { X(0, DEV_VA + 0x40) }, .abort = DABT(IPA_DEV0 + 0x40, DEV_VA + 0x40, (wnr) | 0x07), \
	  .fault = { NISV_FAULT_UNSUPPORTED_EXCL, 0, DABT_EL1(FSC_EXCL | (wnr)), DEV_VA + 0x40 } }

static const struct trap_case policy_cases[] = {
	REFUSED("LDXR to a device without NISV_DEV_EXCLUSIVE -> DFSC 0x35", 0, I_LDXR_X1_X0, 0, 0),
	REFUSED("STXR to a device without NISV_DEV_EXCLUSIVE -> DFSC 0x35 with WnR", 1, I_STXR_W3_X1_X0, 0, ISS_WNR),
	REFUSED("LDADD to a device without NISV_DEV_ATOMIC -> DFSC 0x35 with WnR", 0, I_LDADD_X1_X2_X0, 0, ISS_WNR),
	REFUSED("CAS to a device without NISV_DEV_ATOMIC -> DFSC 0x35 with WnR", 1, I_CAS_X1_X2_X0, 0, ISS_WNR),
	REFUSED("LDADD to a device allowing only exclusives -> DFSC 0x35", 0, I_LDADD_X1_X2_X0, NISV_DEV_EXCLUSIVE,
	        ISS_WNR),
	REFUSED("LDXR to a device allowing only atomics -> DFSC 0x35", 1, I_LDXR_X1_X0, NISV_DEV_ATOMIC, 0),
	{ .name = "NISV_DEV_EXCLUSIVE: LDXR reads the device and arms the monitor (trap path)",
	  .policy = NISV_DEV_EXCLUSIVE, .dev = { DEV64(0, 0x40, 0x4242) }, .word = I_LDXR_X1_X0,
	  .regs = { X(0, DEV_VA + 0x40) }, .abort = DABT(IPA_DEV0 + 0x40, DEV_VA + 0x40, 0x07),
	  .changed = BIT(1), .out = { X(1, 0x4242) }, .read_flags = NISV_MEM_EXCLUSIVE },
	{ .name = "NISV_DEV_EXCLUSIVE: STXR after LDXR writes the device, status 0",
	  .cont = 1, .regs = { X(1, 0x4343) }, .word = I_STXR_W3_X1_X0,
	  .changed = BIT(3), .out = { X(3, 0) }, .calls = { WR(0x40, 8) }, .vals = { EQ(0x4343) } },
	{ .name = "NISV_DEV_EXCLUSIVE: a second STXR fails (status 1) and writes nothing",
	  .cont = 1, .word = I_STXR_W3_X1_X0, .changed = BIT(3), .out = { X(3, 1) }, .ncalls = { EQ(0) } },
	{ .name = "NISV_DEV_ATOMIC: LDADD reads, adds, writes under the bus lock",
	  .policy = NISV_DEV_ATOMIC, .dev = { DEV64(0, 0x48, 5) }, .word = I_LDADD_X1_X2_X0,
	  .regs = { X(0, DEV_VA + 0x48), X(1, 3) }, .abort = DABT(IPA_DEV0 + 0x48, DEV_VA + 0x48, ISS_WNR | 0x07),
	  .changed = BIT(2), .out = { X(2, 5) }, .calls = { RD(0x48, 8), WR(0x48, 8) }, .vals = { [1] = EQ(8) },
	  .bus_locks = EQ(1) },
	{ .name = "NISV_DEV_ATOMIC: CAS with a matching compare value stores",
	  .policy = NISV_DEV_ATOMIC, .dev = { DEV64(0, 0x50, 0x77) },
	  .regs = { X(0, DEV_VA + 0x50), X(1, 0x77) /* compare */, X(2, 0x88) /* new */ }, .word = I_CAS_X1_X2_X0,
	  .changed = BIT(1), .out = { X(1, 0x77) }, .calls = { [1] = WR(0x50, 8) }, .vals = { [1] = EQ(0x88) } },
};

/* ---- device widths -------------------------------------------------------------- */

static const struct trap_case width_cases[] = {
	{ .name = "widths = 4 bytes only: STR X arrives as two 4-byte writes in address order",
	  .widths = 1u << 2, .word = I_STR_X1_X0, .regs = { X(0, DEV_VA + 0x60), X(1, 0x8877665544332211ull) },
	  .abort = DABT(IPA_DEV0 + 0x60, DEV_VA + 0x60, ISS_WNR | 0x07),
	  .ncalls = { EQ(2) }, .calls = { WR(0x60, 4), WR(0x64, 4) },
	  .vals = { EQ(0x44332211ull), EQ(0x88776655ull) } },
	{ .name = "widths = 4 bytes only: LDR X as two 4-byte reads, value assembled",
	  .cont = 1, .regs = { X(NISV_PC, CODE_VA) }, .word = I_LDR_X1_X0,
	  .dev = { DEV64(0, 0x60, 0x0102030405060708ull) }, .abort = DABT(IPA_DEV0 + 0x60, DEV_VA + 0x60, 0x07),
	  .changed = BIT(1), .out = { X(1, 0x0102030405060708ull) }, .calls = { RD(0x60, 4), RD(0x64, 4) } },
	{ .name = "widths = 4 bytes only, big-endian EL0 (E0E): STR X, first word holds the MSBs",
	  .el0 = 1, .widths = 1u << 2, .sctlr = SC_E0E, .word = I_STR_X1_X0,
	  .regs = { X(0, UDEV_VA + 0x60), X(1, 0x0102030405060708ull) },
	  .abort = DABT(IPA_DEV0 + 0x60, UDEV_VA + 0x60, ISS_WNR | 0x07),
	  .calls = { WR(0x60, 4) }, .vals = { EQ(0x04030201ull), EQ(0x08070605ull) } },
	{ .name = "any width, Device memory: ST2 {v0.b, v1.b}[0] at an even offset is two 1-byte writes "
	          "(elements are not gathered into one 2-byte access)",
	  .word = I_ST2_B_V0_V1_X0, .regs = { X(0, DEV_VA + 0x62) },
	  .abort = DABT(IPA_DEV0 + 0x62, DEV_VA + 0x62, ISS_WNR | 0x07),
	  .ncalls = { EQ(2) }, .calls = { WR(0x62, 1), WR(0x63, 1) },
	  .vals = { EQ(0x00), EQ(0x01) } /* V0.B[0], V1.B[0]: the harness's V<n> is {n, ~n} */ },
	{ .name = "widths = 8 bytes only: STRB cannot be made -> external abort, no callback",
	  .inject = 1, .widths = 1u << 3, .word = I_STRB_W1_X0, .regs = { X(0, DEV_VA + 0x61) },
	  .abort = DABT(IPA_DEV0 + 0x61, DEV_VA + 0x61, ISS_WNR | 0x07),
	  .fault = { NISV_FAULT_EXTERNAL, 0, DABT_EL1(FSC_EXT | ISS_FNV | ISS_WNR), NO_FAR } },
};

/* ---- alignment ---------------------------------------------------------------------- */

static const struct trap_case alignment_cases[] = {
	{ .name = "unaligned LDR X to Device memory -> alignment fault, FAR = VA, no callback",
	  .inject = 1, .word = I_LDR_X1_X0, .regs = { X(0, DEV_VA + 0x44) },
	  .abort = DABT(IPA_DEV0 + 0x44, DEV_VA + 0x44, 0x07),
	  .fault = { NISV_FAULT_ALIGNMENT, 0, DABT_EL1(FSC_ALIGN), DEV_VA + 0x44 },
	  .out = { X(NISV_ESR_EL1, 0x96000021u) } },
	{ .name = "MMU off: data is Device-nGnRnE, unaligned STR X -> alignment fault (trap path)",
	  .mmu_off = 1, .inject = 1, .word = I_STR_X1_X0, .regs = { X(NISV_PC, CODE_PA), X(0, IPA_DEV0 + 0x44) },
	  .abort = DABT(IPA_DEV0 + 0x44, IPA_DEV0 + 0x44, ISS_WNR | 0x07),
	  .fault = { NISV_FAULT_ALIGNMENT, 0, DABT_EL1(FSC_ALIGN | ISS_WNR), IPA_DEV0 + 0x44 } },
	{ .name = "MMU off: aligned STR X performed at IPA = VA",
	  .mmu_off = 1, .word = I_STR_X1_X0, .regs = { X(NISV_PC, CODE_PA), X(0, IPA_DEV0 + 0x48), X(1, 0x6c6c) },
	  .abort = DABT(IPA_DEV0 + 0x48, IPA_DEV0 + 0x48, ISS_WNR | 0x07),
	  .calls = { WR(0x48, 8) }, .mem.fetches = EQ(1) },
	{ .name = "MMU off: unaligned LDR W to RAM is Device too -> alignment fault",
	  .mmu_off = 1, .regs = { X(0, IPA_RAM + 0x102) }, .word = I_LDR_W1_X0,
	  .fault = { NISV_FAULT_ALIGNMENT, 0, DABT_EL1(FSC_ALIGN), IPA_RAM + 0x102 } },
	{ .name = "priority: EL0 unaligned LDR X to a Device page EL0 cannot access -> alignment fault",
	  .el0 = 1, .inject = 1, .map = { { UDEV_VA + 0x2000, IPA_DEV0, PG_KDEV /* AP=00 */ } },
	  .word = I_LDR_X1_X0, .regs = { X(0, UDEV_VA + 0x2004) }, .abort = DABT(IPA_DEV0 + 4, UDEV_VA + 0x2004, 0x07),
	  .fault = { NISV_FAULT_ALIGNMENT, 0, DABT_EL0(FSC_ALIGN), UDEV_VA + 0x2004 } },
};

/* ---- nisv_emulate: DC instructions, WnR of atomics, walks that leave RAM ------------- */

static const struct trap_case dc_cases[] = {
	{ .name = "DC CIVAC on an invalid page -> translation fault with CM and WnR, FAR = Xt",
	  .inject = 1, .regs = { X(0, NOWHERE_VA + 0x1234) }, .word = I_DC_CIVAC_X0,
	  .fault = { NISV_FAULT_TRANSLATION, 3, DABT_EL1(FSC_TRANS(3) | ISS_CM | ISS_WNR), NOWHERE_VA + 0x1234 },
	  .out = { X(NISV_ESR_EL1, 0x96000147u) } },
	{ .name = "DC IVAC on an EL1 read-only page -> permission fault with CM and WnR",
	  .regs = { X(0, KRO_VA + 0x40) }, .word = I_DC_IVAC_X0,
	  .fault = { NISV_FAULT_PERMISSION, 3, DABT_EL1(FSC_PERM(3) | ISS_CM | ISS_WNR), KRO_VA + 0x40 } },
	{ .name = "DC CIVAC on a device page: completes, no device access",
	  .regs = { X(0, DEV_VA + 0x40) }, .word = I_DC_CIVAC_X0, .ncalls = { EQ(0) } },
	{ .name = "DC ZVA on Device memory -> alignment fault (a write, no CM)",
	  .inject = 1, .regs = { X(0, DEV_VA + 0x40) }, .word = I_DC_ZVA_X0,
	  .fault = { NISV_FAULT_ALIGNMENT, 0, DABT_EL1(FSC_ALIGN | ISS_WNR), DEV_VA + 0x40 } },
	{ .name = "DC ZVA on an invalid page: FAR = the register argument, not the block start",
	  .regs = { X(0, NOWHERE_VA + 0x1234) }, .word = I_DC_ZVA_X0,
	  .fault = { NISV_FAULT_TRANSLATION, 3, DABT_EL1(FSC_TRANS(3) | ISS_WNR), NOWHERE_VA + 0x1234 } },
};

/* Read-and-write instructions. */
static const struct trap_case atomic_wnr_cases[] = {
	{ .name = "LDADD on an invalid page: a read would fault the same way -> WnR = 0",
	  .inject = 1, .regs = { X(0, NOWHERE_VA + 0x1000) }, .word = I_LDADD_X1_X2_X0,
	  .fault = { NISV_FAULT_TRANSLATION, 3, DABT_EL1(FSC_TRANS(3)), NOWHERE_VA + 0x1000 } },
	{ .name = "CAS on an invalid page -> WnR = 0",
	  .regs = { X(0, NOWHERE_VA + 0x1000) }, .word = I_CAS_X1_X2_X0,
	  .fault = { NISV_FAULT_TRANSLATION, 3, DABT_EL1(FSC_TRANS(3)), NOWHERE_VA + 0x1000 } },
	{ .name = "LDADD on a read-only page: only the write faults -> WnR = 1",
	  .regs = { X(0, KRO_VA + 0x40) }, .word = I_LDADD_X1_X2_X0,
	  .fault = { NISV_FAULT_PERMISSION, 3, DABT_EL1(FSC_PERM(3) | ISS_WNR), KRO_VA + 0x40 } },
};

static const struct trap_case walk_cases[] = {
	{ .name = "level 3 table at an IPA where nothing is -> external abort on walk, level 3",
	  .inject = 1, .table_at = IPA_HOLE, .regs = { X(0, KDATA_VA + 8) }, .word = I_LDR_X1_X0,
	  .fault = { NISV_FAULT_WALK_EXTERNAL, 3, DABT_EL1(FSC_WALK_EXT(3)), KDATA_VA + 8 } },
	{ .name = "level 3 table inside a device region -> external abort on walk, no device callback",
	  .devs = { { 0x0b000000, DEV_SIZE, 1 } }, .table_at = 0x0b000000, .regs = { X(0, KDATA_VA + 8) },
	  .word = I_LDR_X1_X0, .fault = { NISV_FAULT_WALK_EXTERNAL, 3, DABT_EL1(FSC_WALK_EXT(3)), KDATA_VA + 8 } },
};

/* ---- mem_ops.ram_map: walks and the fetch straight from guest RAM ------------ */

static const struct trap_case ram_map_cases[] = {
	{ .name = "ram_map: ISS-only LDR to a device; walks and fetch from RAM, no read() but the device's",
	  .ram_map = 1, .word = I_LDR_X1_X0, .dev = { DEV64(0, 0x40, 0x1122334455667788ull) },
	  .regs = { X(0, DEV_VA + 0x40) }, .abort = ISS_ONLY(IPA_DEV0 + 0x40, 0x07),
	  .changed = BIT(1), .out = { X(1, 0x1122334455667788ull) },
	  /* one range remembered: tables, code, tables */
	  .mem = { .walk_reads = EQ(0), .fetches = EQ(0), .reads = EQ(1), .ram_maps = EQ(3) } },
	{ .name = "ram_map: an answer whose range does not hold the IPA is ignored (read() instead)",
	  .ram_map = 2, .word = I_LDR_X1_X0, .dev = { DEV64(0, 0x40, 0x5566ull) }, .regs = { X(0, DEV_VA + 0x40) },
	  .abort = ISS_ONLY(IPA_DEV0 + 0x40, 0x07),
	  .changed = BIT(1), .out = { X(1, 0x5566ull) }, .mem = { .walk_reads = EQ(8), .fetches = EQ(1) } },
	{ .name = "ram_map: level 3 table inside a device region -> external abort on walk, level 3",
	  .ram_map = 1, .devs = { { 0x0b000000, DEV_SIZE, 1 } }, .table_at = 0x0b000000,
	  .regs = { X(0, KDATA_VA + 8) }, .word = I_LDR_X1_X0,
	  .fault = { NISV_FAULT_WALK_EXTERNAL, 3, DABT_EL1(FSC_WALK_EXT(3)), KDATA_VA + 8 },
	  .mem.walk_reads = EQ(1) },
};

/* ---- one-offs ------------------------------------------------------------------------ */

static void t_dc_zva_ram(void)
{
	nisv_result r;
	nisv_status st;

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

static void t_ram_map_code_in_device(void)
{
	nisv_abort a = ISS_ONLY(IPA_DEV0 + 0x40, 0x07);
	nisv_result r;
	nisv_status st;

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

static void t_bus(void)
{
	RUN_CASES(region_end_cases);
	RUN_CASES(policy_cases);
	RUN_CASES(width_cases);
}

void tests_trap(void)
{
	for (size_t i = 0; i < NELEM(isv_cases); i++)
		t_isv(&isv_cases[i]);
	RUN_CASES(syndrome_cases);
	RUN_CASES(fetch_cases);
	RUN_CASES(cross_cases);
	RUN_CASES(stale_cases);
	t_bus();
	/* the same bus cases with the bus as the vCPU's memory: nisv finds the
	 * regions and calls the devices itself (perform.c, bus.h) */
	set_bus_direct(1);
	t_bus();
	set_bus_direct(0);
	RUN_CASES(alignment_cases);
	RUN_CASES(dc_cases);
	t_dc_zva_ram();
	RUN_CASES(atomic_wnr_cases);
	RUN_CASES(walk_cases);
	RUN_CASES(ram_map_cases);
	t_ram_map_code_in_device();
}
