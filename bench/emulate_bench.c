/*
 * emulate_bench: the whole trap path per instruction, nisv against Unicorn.
 *
 * nisv: nisv_handle_abort with KVM's ISS-only syndrome (ISV=0, DFSC 0x07,
 * WnR for stores; no FAR), on a vCPU with the MMU on: 4K granule, T0SZ=16
 * (a 4-level walk), tables and code in a RAM region of a nisv_bus, the data
 * access to a device region whose callbacks are trivial. Each call fetches
 * the word through a 4-level walk, decodes it, plans, walks the data VA,
 * calls the device and commits the registers (nisv_state_reg_ops). Between
 * calls only PC is put back.
 *
 * Unicorn: the same code and registers, the device page mapped with
 * uc_mmio_map and the same trivial callbacks; each iteration is
 * uc_emu_start(pc, pc + 4, 0, 1): exactly one instruction.
 *
 * Before timing, both are run once and their destination registers are
 * compared (a like-for-like check of the setup). Heap allocations made by
 * nisv during its timed loop are counted (alloc_count.c). Prints:
 *   emulate LDR: nisv X ns/insn, unicorn Y ns/insn, ratio Z
 *   memory: ...
 *
 *   emulate_bench [--iters N] [--repeat R] [--only NAME] [--count N]
 *
 * --only runs one instruction (e.g. LDR) and no breakdown: for profiling.
 * --count N makes N calls of each case (with --only, of that case) inside
 * bench_counted() and nothing else, no Unicorn: under callgrind with
 * --toggle-collect=bench_counted, Ir / N is the instructions per call
 * (scripts/bench.sh --instructions). The cases are each instruction's trap
 * (nisv_handle_abort, as timed) and, named "<NAME> emulate MMU off",
 * nisv_emulate of LDR, LDP and LDADD with SCTLR_EL1.M = 0.
 *
 * SVE rows (LD1B at VL 128, 512, 2048: 16, 64, 256 bytes; ST1D at VL 512;
 * a 32-element LD1D gather at VL 2048 whose offsets Z1 put element e at
 * x1 + 8e, so its check is LD1B's)
 * take the same trap path with the vCPU's SVE state for the row only
 * (sve_enter/sve_leave): st.sve holds the Z/P files with P0 all true, the
 * vCPU implements every VL up to the row's and ZCR_EL1.LEN asks for it.
 * Their check is nisv's own (Z0 against the device bytes for LD1B, the
 * bytes the device was handed against Z0 for ST1D) and they have no
 * Unicorn figure: Debian bookworm's Unicorn 2.0.1 cannot run SVE. Its
 * "max" CPU reports SVE (ID_AA64PFR0_EL1.SVE = 1) but arm_cpu_sve_finalize
 * is compiled out, so no vector length is set up; SVE instructions trap
 * (CPTR_EL3.EZ is 0 and the TB flags are computed once, at uc_open), and
 * the sysreg write that would recompute them once CPTR_EL3.EZ is set
 * through UC_ARM64_REG_CP_REG aborts the process (assertion in
 * sve_zcr_get_valid_len, qemu/target/arm/helper.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicorn/unicorn.h>

#include "bench.h"
#include "nisv.h"

#define RAM_BASE 0x40000000ull
#define RAM_SIZE 0x10000u
#define CODE_PA (RAM_BASE + 0x4000)
#define DEV_BASE 0x09000000ull
#define DEV_SIZE 0x1000u
#define CODE_VA 0x400000ull
#define DATA_VA 0x500000ull
#define ALIAS 0x1000ull /* CODE_VA + ALIAS and DATA_VA + ALIAS map the same pages */

static const struct bench_insn {
	const char *name;
	uint32_t word;
	const char *text;
	int store;
	unsigned base; /* the base register */
	unsigned vl;   /* SVE rows: the vector length in bits; 0: not SVE */
} insns[] = {
	{ "LDR", 0xf9400020, "ldr x0, [x1]", 0, 1, 0 },
	{ "LDP", 0xa9400440, "ldp x0, x1, [x2]", 0, 2, 0 },
	{ "STP Q", 0xad000440, "stp q0, q1, [x2]", 1, 2, 0 },
	{ "LD1 (4 regs)", 0x4c402c20, "ld1 {v0.2d-v3.2d}, [x1]", 0, 1, 0 },
	{ "LD1 (4 regs, .16b)", 0x4c402020, "ld1 {v0.16b-v3.16b}, [x1]", 0, 1, 0 },
	{ "LDADD", 0xf8200041, "ldadd x0, x1, [x2]", 1, 2, 0 },
	{ "CAS", 0xc8a07c41, "cas x0, x1, [x2]", 1, 2, 0 },
	/* SVE (aarch64-linux-gnu-as -march=armv8.2-a+sve, checked with objdump) */
	{ "LD1B 16 B (VL 128)", 0xa400a020, "ld1b {z0.b}, p0/z, [x1]", 0, 1, 128 },
	{ "LD1B 64 B (VL 512)", 0xa400a020, "ld1b {z0.b}, p0/z, [x1]", 0, 1, 512 },
	{ "LD1B 256 B (VL 2048)", 0xa400a020, "ld1b {z0.b}, p0/z, [x1]", 0, 1, 2048 },
	{ "ST1D (VL 512)", 0xe5e0e020, "st1d {z0.d}, p0, [x1]", 1, 1, 512 },
	{ "LD1D gather, 32 elements (VL 2048)", 0xc5e1c020, "ld1d {z0.d}, p0/z, [x1, z1.d, lsl #3]", 0, 1, 2048 },
};
#define NINSN (sizeof(insns) / sizeof(insns[0]))

/* ---- the device: a register file with a fixed pattern; writes are dropped ----
 * Both engines read it the same way: one memcpy of the bytes asked for. */

static uint8_t dev_regs[DEV_SIZE];

static void dev_init(void)
{
	for (uint64_t off = 0; off < DEV_SIZE; off++)
		dev_regs[off] = (uint8_t)(off * 7 + 0x21);
}

static int dev_read(void *dev, uint64_t off, void *buf, uint32_t len)
{
	(void)dev;
	memcpy(buf, &dev_regs[off], len);
	return 0;
}

static uint64_t dev_writes;

static int dev_write(void *dev, uint64_t off, const void *buf, uint32_t len)
{
	(void)dev;
	(void)off;
	(void)buf;
	(void)len;
	dev_writes++;
	return 0;
}

/* The device of a check run (never timed): counts the accesses and keeps
 * the bytes written, at their offsets. */
static unsigned long check_reads, check_writes;
static uint8_t check_written[DEV_SIZE];

static int dev_read_check(void *dev, uint64_t off, void *buf, uint32_t len)
{
	check_reads++;
	return dev_read(dev, off, buf, len);
}

static int dev_write_check(void *dev, uint64_t off, const void *buf, uint32_t len)
{
	check_writes++;
	memcpy(&check_written[off], buf, len);
	return dev_write(dev, off, buf, len);
}

/* ---- nisv's guest ------------------------------------------------------------- */

static uint8_t ram[RAM_SIZE] __attribute__((aligned(4096)));
static nisv_region regions[2];
static nisv_bus bus;
static nisv_state st;
static struct nisv_sve_state sve_files; /* st.sve of the SVE rows */

static void put64(uint64_t pa, uint64_t v)
{
	memcpy(&ram[pa - RAM_BASE], &v, 8);
}

static void put32(uint64_t pa, uint32_t v)
{
	memcpy(&ram[pa - RAM_BASE], &v, 4);
}

static void initial_regs(uint64_t *x, nisv_v128 *v)
{
	for (unsigned r = 0; r < 31; r++)
		x[r] = DATA_VA + 0x100;
	x[0] = 0x0706050403020100ull; /* CAS compare value / LDADD operand */
	for (unsigned n = 0; n < 32; n++) {
		v[n].lo = 0x1111111111111111ull * (n + 1);
		v[n].hi = ~v[n].lo;
	}
}

static void nisv_guest(void)
{
	/* tables: L0 0x0000, L1 0x1000, L2 0x2000, L3 0x3000 (VA 4-6 MiB) */
	put64(RAM_BASE + 0x0000, (RAM_BASE + 0x1000) | 3);
	put64(RAM_BASE + 0x1000, (RAM_BASE + 0x2000) | 3);
	put64(RAM_BASE + 0x2000 + 2 * 8, (RAM_BASE + 0x3000) | 3);
	/* code page: Normal (Attr1), AF, read-only; data page: Device (Attr0), AF, XN */
	put64(RAM_BASE + 0x3000 + 0 * 8, CODE_PA | 3 | 1u << 2 | 3u << 8 | 1u << 10 | 1u << 7);
	put64(RAM_BASE + 0x3000 + 0x100 * 8, DEV_BASE | 3 | 0u << 2 | 1u << 10 | 3ull << 53);
	/* second VA pages onto the same code and device page (ALIAS bytes up) */
	put64(RAM_BASE + 0x3000 + 1 * 8, CODE_PA | 3 | 1u << 2 | 3u << 8 | 1u << 10 | 1u << 7);
	put64(RAM_BASE + 0x3000 + 0x101 * 8, DEV_BASE | 3 | 0u << 2 | 1u << 10 | 3ull << 53);
	for (unsigned i = 0; i < NINSN; i++)
		put32(CODE_PA + 4 * i, insns[i].word);

	regions[0] = (nisv_region){ .base = RAM_BASE, .size = RAM_SIZE, .ram = ram };
	regions[1] = (nisv_region){ .base = DEV_BASE, .size = DEV_SIZE, .read = dev_read, .write = dev_write,
		                    .policy = NISV_DEV_ATOMIC | NISV_DEV_EXCLUSIVE };
	bus = (nisv_bus){ .regions = regions, .count = 2 };

	memset(&st, 0, sizeof(st));
	initial_regs(st.reg, st.v);
	st.reg[NISV_SP_EL1] = DATA_VA + 0x800;
	st.reg[NISV_PSTATE] = 0x3c5; /* EL1h */
	st.reg[NISV_SCTLR_EL1] = 1 | 1u << 2 | 1u << 12; /* M, C, I */
	/* T0SZ 16, TG0 4K, IRGN/ORGN WB, SH inner; T1SZ 16, TG1 4K; IPS 48 bits */
	st.reg[NISV_TCR_EL1] = 16 | 1u << 8 | 1u << 10 | 3u << 12 | 16u << 16 | 2ull << 30 | 5ull << 32;
	st.reg[NISV_TTBR0_EL1] = RAM_BASE;
	st.reg[NISV_MAIR_EL1] = 0xff00; /* Attr0 Device-nGnRnE, Attr1 Normal WB */
	st.reg[NISV_DCZID_EL0] = 4;
}

/*
 * An SVE row's vCPU state: the Z/P files (Z[n] a pattern, P0 all true:
 * every element active whatever its size), every VL up to the row's
 * implemented (KVM_REG_ARM64_SVE_VLS) and ZCR_EL1.LEN = VL / 128 - 1, so
 * that "CurrentVL" is the row's. The other rows run without SVE and with
 * V0-V31 in st.v (st.sve NULL): sve_leave puts that back.
 */
static void sve_enter(nisv_vcpu *v, unsigned i)
{
	unsigned vq = insns[i].vl / 128;

	if (!vq)
		return;
	for (unsigned n = 0; n < 32; n++)
		for (unsigned b = 0; b < sizeof(sve_files.z[n]); b++)
			sve_files.z[n][b] = (uint8_t)(n << 3 ^ b);
	/* Z1 (the offsets of the gather row): doubleword e is e */
	memset(sve_files.z[1], 0, sizeof(sve_files.z[1]));
	for (unsigned e = 0; e < 32; e++)
		sve_files.z[1][8 * e] = (uint8_t)e;
	memset(sve_files.p, 0, sizeof(sve_files.p));
	memset(sve_files.p[0], 0xff, 2 * vq); /* VL / 64 bytes */
	st.sve = &sve_files;
	nisv_vcpu_set_vector_lengths(v, (1u << vq) - 1, 0);
	st.reg[NISV_ZCR_EL1] = vq - 1;
}

static void sve_leave(nisv_vcpu *v)
{
	st.sve = NULL;
	nisv_vcpu_set_vector_lengths(v, 0, 0);
	st.reg[NISV_ZCR_EL1] = 0;
}

/* nisv's own check of an SVE row after one run from sve_enter's state
 * (with the check device): NULL when it did what the instruction says. */
static const char *sve_check(unsigned i)
{
	static char msg[160];
	unsigned bytes = insns[i].vl / 8;

	if (insns[i].store ? memcmp(&check_written[0x100], sve_files.z[0], bytes)
	                   : memcmp(sve_files.z[0], &dev_regs[0x100], bytes))
		snprintf(msg, sizeof(msg), "%s", insns[i].store ? "the device got other bytes than Z0"
		                                                : "Z0 is not the device's bytes");
	else if (insns[i].store ? check_reads : check_writes)
		snprintf(msg, sizeof(msg), "a %s", insns[i].store ? "device read" : "device write");
	else
		return NULL;
	return msg;
}

static nisv_abort abort_for(unsigned i)
{
	/* KVM_EXIT_ARM_NISV: esr_iss = CM|WnR|DFSC (stage-2 translation, level 3) */
	return (nisv_abort){ .esr = 0x07u | (insns[i].store ? 1u << 6 : 0), .ipa = DEV_BASE + 0x100,
		             .flags = NISV_ABORT_ISS_ONLY };
}

static double nisv_pass(nisv_vcpu *v, unsigned i, unsigned iters)
{
	nisv_abort ab = abort_for(i);
	nisv_result res;
	uint64_t pc = CODE_VA + 4 * i, t0, t1, bad = 0;

	t0 = bench_now_ns();
	for (unsigned k = 0; k < iters; k++) {
		st.reg[NISV_PC] = pc;
		bad += nisv_handle_abort(v, &ab, &res) != NISV_OK;
	}
	t1 = bench_now_ns();
	if (bad) {
		fprintf(stderr, "emulate: nisv %s: not NISV_OK\n", insns[i].name);
		exit(1);
	}
	return (double)(t1 - t0) / iters;
}

/* Where the time of one LDR goes: decode, emulate without / with the data walk, trap. */
static void breakdown(nisv_vcpu *v, unsigned iters, unsigned repeat, double *t)
{
	nisv_state saved = st;
	nisv_result res;
	nisv_insn d;
	double dec, off = 0, on = 0, trap, cold;
	uint64_t t0, acc = 0;

	initial_regs(st.reg, st.v);
	for (unsigned r = 0; r < repeat; r++) {
		t0 = bench_now_ns();
		for (unsigned k = 0; k < iters; k++) {
			nisv_decode(insns[0].word ^ (k & 1), &d);
			acc += d.rt;
		}
		t[r] = (double)(bench_now_ns() - t0) / iters;
	}
	dec = bench_median(t, repeat);
	for (int mmu = 0; mmu < 2; mmu++) {
		st.reg[NISV_SCTLR_EL1] = mmu ? saved.reg[NISV_SCTLR_EL1] : 0;
		st.reg[1] = mmu ? DATA_VA + 0x100 : DEV_BASE + 0x100;
		for (unsigned r = 0; r < repeat; r++) {
			t0 = bench_now_ns();
			for (unsigned k = 0; k < iters; k++) {
				st.reg[NISV_PC] = CODE_VA;
				acc += nisv_emulate(v, insns[0].word, &res);
			}
			t[r] = (double)(bench_now_ns() - t0) / iters;
		}
		if (mmu)
			on = bench_median(t, repeat);
		else
			off = bench_median(t, repeat);
	}
	st = saved;
	initial_regs(st.reg, st.v);
	for (unsigned r = 0; r < repeat; r++)
		t[r] = nisv_pass(v, 0, iters);
	trap = bench_median(t, repeat);
	/* every call on the other VA pages than the last: no remembered walk
	 * applies, both walks are done in full (the data walk from the fetch
	 * walk's level-3 table, the walk cache of the call) */
	{
		nisv_abort ab = abort_for(0);
		nisv_result res;
		for (unsigned r = 0; r < repeat; r++) {
			t0 = bench_now_ns();
			for (unsigned k = 0; k < iters; k++) {
				uint64_t alias = k & 1 ? ALIAS : 0;
				st.reg[NISV_PC] = CODE_VA + alias;
				st.reg[1] = DATA_VA + 0x100 + alias;
				acc += nisv_handle_abort(v, &ab, &res) != NISV_OK;
			}
			t[r] = (double)(bench_now_ns() - t0) / iters;
		}
		cold = bench_median(t, repeat);
	}
	bench_sink(acc);
	printf("emulate breakdown (LDR): nisv_decode %.1f ns, nisv_emulate MMU off %.1f ns, nisv_emulate "
	       "MMU on (data walk) %.1f ns, nisv_handle_abort (fetch walk + data walk) %.1f ns, the same with "
	       "walks not remembered (alternating pages) %.1f ns\n",
	       dec, off, on, trap, cold);
}

/* ---- Unicorn ---------------------------------------------------------------- */

static uint64_t uc_read_cb(uc_engine *uc, uint64_t off, unsigned size, void *user)
{
	uint64_t v = 0;

	(void)uc;
	(void)user;
	memcpy(&v, &dev_regs[off], size < 8 ? size : 8); /* little-endian host */
	return v;
}

static void uc_write_cb(uc_engine *uc, uint64_t off, unsigned size, uint64_t value, void *user)
{
	(void)uc;
	(void)off;
	(void)size;
	(void)value;
	(void)user;
	dev_writes++;
}

static const int uc_x[31] = {
	UC_ARM64_REG_X0,  UC_ARM64_REG_X1,  UC_ARM64_REG_X2,  UC_ARM64_REG_X3,  UC_ARM64_REG_X4,
	UC_ARM64_REG_X5,  UC_ARM64_REG_X6,  UC_ARM64_REG_X7,  UC_ARM64_REG_X8,  UC_ARM64_REG_X9,
	UC_ARM64_REG_X10, UC_ARM64_REG_X11, UC_ARM64_REG_X12, UC_ARM64_REG_X13, UC_ARM64_REG_X14,
	UC_ARM64_REG_X15, UC_ARM64_REG_X16, UC_ARM64_REG_X17, UC_ARM64_REG_X18, UC_ARM64_REG_X19,
	UC_ARM64_REG_X20, UC_ARM64_REG_X21, UC_ARM64_REG_X22, UC_ARM64_REG_X23, UC_ARM64_REG_X24,
	UC_ARM64_REG_X25, UC_ARM64_REG_X26, UC_ARM64_REG_X27, UC_ARM64_REG_X28, UC_ARM64_REG_X29,
	UC_ARM64_REG_X30,
};

/* Unicorn's registers := the initial state (as nisv's). */
static void uc_initial_regs(uc_engine *uc)
{
	uint64_t x[31], sp = DATA_VA + 0x800;
	nisv_v128 v[32];

	initial_regs(x, v);
	for (unsigned r = 0; r < 31; r++)
		uc_reg_write(uc, uc_x[r], &x[r]);
	for (unsigned n = 0; n < 32; n++) {
		uint8_t q[16];
		memcpy(q, &v[n].lo, 8);
		memcpy(q + 8, &v[n].hi, 8);
		uc_reg_write(uc, UC_ARM64_REG_Q0 + (int)n, q);
	}
	uc_reg_write(uc, UC_ARM64_REG_SP, &sp);
}

/* Unicorn maps the code page at CODE_VA and the device page at DATA_VA (its MMU is off). */
static uc_engine *uc_guest(void)
{
	uc_engine *uc;
	uint8_t code[0x1000] = { 0 };

	if (uc_open(UC_ARCH_ARM64, UC_MODE_ARM, &uc) != UC_ERR_OK) {
		fprintf(stderr, "unicorn: uc_open failed\n");
		exit(1);
	}
	/* the "max" CPU model knows the LSE atomics (the default, Cortex-A72, does not) */
	if (uc_ctl_set_cpu_model(uc, UC_CPU_ARM64_MAX) != UC_ERR_OK)
		fprintf(stderr, "unicorn: cannot select the max CPU model\n");
	for (unsigned i = 0; i < NINSN; i++)
		memcpy(&code[4 * i], &insns[i].word, 4);
	if (uc_mem_map(uc, CODE_VA, 0x1000, UC_PROT_ALL) || uc_mem_write(uc, CODE_VA, code, sizeof(code)) ||
	    uc_mmio_map(uc, DATA_VA, DEV_SIZE, uc_read_cb, NULL, uc_write_cb, NULL)) {
		fprintf(stderr, "unicorn: mapping failed\n");
		exit(1);
	}
	{
		uint64_t cpacr = 3u << 20; /* FPEN: SIMD&FP at EL0/EL1 */
		uc_reg_write(uc, UC_ARM64_REG_CPACR_EL1, &cpacr);
	}
	uc_initial_regs(uc);
	return uc;
}

static uc_err uc_one(uc_engine *uc, unsigned i)
{
	uint64_t pc = CODE_VA + 4 * i;

	return uc_emu_start(uc, pc, pc + 4, 0, 1);
}

static double uc_pass(uc_engine *uc, unsigned i, unsigned iters, uc_err *err)
{
	uint64_t t0, t1;

	*err = UC_ERR_OK;
	t0 = bench_now_ns();
	for (unsigned k = 0; k < iters; k++) {
		uc_err e = uc_one(uc, i);
		if (e != UC_ERR_OK) {
			*err = e;
			return 0;
		}
	}
	t1 = bench_now_ns();
	return (double)(t1 - t0) / iters;
}

/* The destination registers of both after one run agree? */
static const char *compare_results(uc_engine *uc, unsigned i)
{
	static char msg[160];
	uint64_t x0 = 0, x1 = 0;

	uc_reg_read(uc, UC_ARM64_REG_X0, &x0);
	uc_reg_read(uc, UC_ARM64_REG_X1, &x1);
	if (insns[i].word == 0x4c402c20 || insns[i].word == 0x4c402020) {
		for (unsigned n = 0; n < 4; n++) {
			uint8_t q[16];
			uc_reg_read(uc, UC_ARM64_REG_Q0 + (int)n, q);
			if (memcmp(q, &st.v[n].lo, 8) || memcmp(q + 8, &st.v[n].hi, 8)) {
				snprintf(msg, sizeof(msg), "V%u differs", n);
				return msg;
			}
		}
		return NULL;
	}
	if (x0 != st.reg[0] || x1 != st.reg[1]) {
		snprintf(msg, sizeof(msg), "x0/x1: unicorn %#llx/%#llx, nisv %#llx/%#llx", (unsigned long long)x0,
		         (unsigned long long)x1, (unsigned long long)st.reg[0], (unsigned long long)st.reg[1]);
		return msg;
	}
	return NULL;
}

/* The cases of --count: the trap of each instruction, and three nisv_emulate rows. */
static const char *const emulate_rows[] = { "LDR", "LDP", "LDADD" };

static unsigned insn_index(const char *name)
{
	for (unsigned i = 0; i < NINSN; i++)
		if (!strcmp(insns[i].name, name))
			return i;
	return 0;
}

/* The measured calls: nothing else runs inside this function. */
__attribute__((noinline)) static unsigned bench_counted(nisv_vcpu *v, unsigned i, int trap, unsigned n)
{
	nisv_abort ab = abort_for(i);
	nisv_result res;
	unsigned bad = 0;

	for (unsigned k = 0; k < n; k++) {
		st.reg[NISV_PC] = CODE_VA + 4 * i;
		bad += (trap ? nisv_handle_abort(v, &ab, &res) : nisv_emulate(v, insns[i].word, &res)) != NISV_OK;
	}
	return bad;
}

static int count_case(nisv_vcpu *v, unsigned i, int trap, unsigned n)
{
	nisv_state saved = st;
	unsigned bad;

	initial_regs(st.reg, st.v);
	if (!trap) {
		st.reg[NISV_SCTLR_EL1] = 0;
		for (unsigned r = 0; r < 31; r++)
			st.reg[r] = DEV_BASE + 0x100;
		st.reg[0] = 0x0706050403020100ull;
	}
	sve_enter(v, i);
	bad = bench_counted(v, i, trap, 1); /* the first call fills the remembered walks */
	bad += bench_counted(v, i, trap, n);
	printf("count %s%s: %u calls, %u not NISV_OK\n", insns[i].name, trap ? "" : " emulate MMU off", n, bad);
	sve_leave(v);
	st = saved;
	return bad != 0;
}

static int count_all(nisv_vcpu *v, const char *only, unsigned n)
{
	int fail = 0;

	for (unsigned i = 0; i < NINSN; i++)
		if (!only || !strcmp(only, insns[i].name))
			fail |= count_case(v, i, 1, n);
	for (unsigned k = 0; k < sizeof(emulate_rows) / sizeof(emulate_rows[0]); k++) {
		char name[64];
		snprintf(name, sizeof(name), "%s emulate MMU off", emulate_rows[k]);
		if (!only || !strcmp(only, name))
			fail |= count_case(v, insn_index(emulate_rows[k]), 0, n);
	}
	return fail;
}

/* nisv's figure of instruction i: median of repeat passes (*best: the
 * fastest), with the heap-allocation counter on during the timed passes. */
static unsigned long timed_allocs, timed_frees, timed_calls;

static double nisv_time(nisv_vcpu *v, unsigned i, unsigned iters, unsigned repeat, double *t, double *best)
{
	unsigned long a0, f0;
	double median;

	nisv_pass(v, i, iters / 10);
	bench_alloc_counting(1);
	a0 = bench_alloc_count();
	f0 = bench_free_count();
	for (unsigned r = 0; r < repeat; r++)
		t[r] = nisv_pass(v, i, iters);
	timed_allocs += bench_alloc_count() - a0;
	timed_frees += bench_free_count() - f0;
	bench_alloc_counting(0);
	timed_calls += (unsigned long)repeat * iters;
	median = bench_median(t, repeat);
	*best = t[0];
	return median;
}

int main(int argc, char **argv)
{
	unsigned iters = 200000, uc_iters = 5000, repeat = 11;
	nisv_vcpu v;
	uc_engine *uc;
	double *t;
	unsigned count = 0;
	const char *only = NULL;

	for (int a = 1; a + 1 < argc; a += 2) {
		if (!strcmp(argv[a], "--iters"))
			iters = (unsigned)strtoul(argv[a + 1], NULL, 0);
		else if (!strcmp(argv[a], "--repeat"))
			repeat = (unsigned)strtoul(argv[a + 1], NULL, 0);
		else if (!strcmp(argv[a], "--only"))
			only = argv[a + 1];
		else if (!strcmp(argv[a], "--count"))
			count = (unsigned)strtoul(argv[a + 1], NULL, 0);
	}
	if (!iters || !repeat)
		return 2;
	uc_iters = iters / 40 ? iters / 40 : 1;
	t = calloc(repeat, sizeof(double));
	if (!t)
		return 1;

	dev_init();
	nisv_guest();
	if (nisv_vcpu_init(&v, &nisv_state_reg_ops, &st, &nisv_bus_mem_ops, &bus) != NISV_OK)
		return 1;
	if (count) {
		free(t);
		return count_all(&v, only, count);
	}
	uc = uc_guest();
	{
		unsigned major = 0, minor = 0;
		uc_version(&major, &minor);
		printf("emulate: %s; unicorn %u.%u; nisv: nisv_handle_abort, ISS-only syndrome, 4-level walks "
		       "for fetch and data; median of %u passes of %u (unicorn %u)\n",
		       bench_load(), major, minor, repeat, iters, uc_iters);
	}

	for (unsigned i = 0; i < NINSN; i++) {
		nisv_abort ab = abort_for(i);
		nisv_result res;
		nisv_status s;
		uc_err e;
		double nisv_ns, nisv_best, uc_ns = 0;
		const char *diff = NULL;

		if (only && strcmp(only, insns[i].name))
			continue;
		/* one run each from the same state; compare (SVE rows: nisv's own
		 * check, with the device that counts and keeps what it is given) */
		initial_regs(st.reg, st.v);
		sve_enter(&v, i);
		st.reg[NISV_PC] = CODE_VA + 4 * i;
		check_reads = check_writes = 0;
		if (insns[i].vl) {
			regions[1].read = dev_read_check;
			regions[1].write = dev_write_check;
		}
		s = nisv_handle_abort(&v, &ab, &res);
		regions[1].read = dev_read;
		regions[1].write = dev_write;
		if (s != NISV_OK) {
			printf("emulate %s: nisv %s (fault %u)\n", insns[i].name, nisv_status_name(s), res.fault);
			sve_leave(&v);
			continue;
		}
		if (insns[i].vl) {
			unsigned long accesses = insns[i].store ? check_writes : check_reads;

			diff = sve_check(i);
			nisv_ns = nisv_time(&v, i, iters, repeat, t, &nisv_best);
			printf("emulate %s (%s): nisv %.1f ns/insn (fastest pass %.1f), unicorn n/a (no SVE); "
			       "%lu device %s for %u bytes%s%s\n",
			       insns[i].name, insns[i].text, nisv_ns, nisv_best, accesses,
			       insns[i].store ? "writes" : "reads", insns[i].vl / 8u, diff ? "; wrong: " : "",
			       diff ? diff : "");
			fflush(stdout);
			sve_leave(&v);
			continue;
		}
		uc_initial_regs(uc);
		e = uc_one(uc, i);
		if (e == UC_ERR_OK)
			diff = compare_results(uc, i);

		nisv_ns = nisv_time(&v, i, iters, repeat, t, &nisv_best);

		if (e == UC_ERR_OK) {
			uc_pass(uc, i, uc_iters / 10 ? uc_iters / 10 : 1, &e);
			for (unsigned r = 0; r < repeat && e == UC_ERR_OK; r++)
				t[r] = uc_pass(uc, i, uc_iters, &e);
			if (e == UC_ERR_OK)
				uc_ns = bench_median(t, repeat);
		}
		if (e != UC_ERR_OK)
			printf("emulate %s (%s): nisv %.1f ns/insn (fastest pass %.1f), unicorn failed (%s), ratio n/a\n",
			       insns[i].name, insns[i].text, nisv_ns, nisv_best, uc_strerror(e));
		else
			printf("emulate %s (%s): nisv %.1f ns/insn (fastest pass %.1f), unicorn %.0f ns/insn, ratio %.0f%s%s\n",
			       insns[i].name, insns[i].text, nisv_ns, nisv_best, uc_ns, uc_ns / nisv_ns,
			       diff ? "; results differ: " : "", diff ? diff : "");
		fflush(stdout);
		if (e != UC_ERR_OK) { /* a failed uc_emu_start can leave Unicorn unusable: start afresh */
			uc_close(uc);
			uc = uc_guest();
		}
	}
	if (!only)
		breakdown(&v, iters, repeat, t);
	printf("memory: %lu heap allocations and %lu frees in %lu nisv_handle_abort calls (timed loops); "
	       "sizeof(nisv_vcpu) %zu bytes, sizeof(nisv_state) %zu, sizeof(nisv_result) %zu\n",
	       timed_allocs, timed_frees, timed_calls, sizeof(nisv_vcpu), sizeof(nisv_state), sizeof(nisv_result));
	uc_close(uc);
	free(t);
	return timed_allocs ? 1 : 0;
}
