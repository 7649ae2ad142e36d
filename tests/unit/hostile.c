/*
 * hostile: malformed and hostile input never crashes nisv, and every call
 * returns a status that keeps the API's promises.
 *
 *  (a) nisv_decode over random words, the loads-and-stores encoding space
 *      (sampled) and the whole SYS space of DC: NISV_OK or NISV_UNSUPPORTED,
 *      op == NISV_OP_NONE exactly when UNSUPPORTED, every field in range,
 *      the same answer twice.
 *  (b) nisv_emulate of random words with random registers (PSTATE, SCTLR,
 *      TCR, base registers pointing into and around RAM, ...) and callbacks
 *      that fail at a random call: a status in range; NISV_OK only when no
 *      callback failed, and then PC += 4; otherwise no register written and,
 *      unless a write callback or a register write at commit failed, no
 *      memory written.
 *  (c) NULL arguments: NISV_INVALID_ARGUMENT.
 *  (d) For representative instructions, the register callbacks fail at
 *      every call in turn (then the memory callbacks): NISV_CALLBACK_ERROR
 *      and nothing changed.
 *
 *   hostile [scale]   scale multiplies the random counts (default 1)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "unit.h"

static unsigned long failures;

#define CHECK(cond, ...)                                            \
	do {                                                        \
		if (!(cond)) {                                      \
			if (++failures <= 30) {                     \
				printf("FAIL %s:%d: ", __func__, __LINE__); \
				printf(__VA_ARGS__);                \
				printf("\n");                       \
			}                                           \
		}                                                   \
	} while (0)

/* ---- a fixed-seed generator: every run tests the same inputs ------------- */

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dull;
}

static unsigned rnd_below(unsigned n)
{
	return (unsigned)(rnd() % n);
}

/* ---- (a) decode ---------------------------------------------------------- */

static int same_insn(const nisv_insn *a, const nisv_insn *b)
{
	return a->word == b->word && a->op == b->op && a->rclass == b->rclass &&
	       a->esize_log2 == b->esize_log2 && a->nregs == b->nregs && a->selem == b->selem &&
	       a->lane == b->lane && a->vbytes == b->vbytes && a->addr == b->addr && a->rt == b->rt &&
	       a->rt2 == b->rt2 && a->rn == b->rn && a->rm == b->rm && a->rs == b->rs &&
	       a->extend == b->extend && a->shift == b->shift && a->atomic == b->atomic &&
	       a->dc == b->dc && a->flags == b->flags && a->imm == b->imm && a->pg == b->pg &&
	       a->msize_log2 == b->msize_log2 && a->rstride == b->rstride;
}

/* A word of the SVE memory space: bits 31:29 = 1xx, 28:25 = 0010. */
static uint32_t sve_space_word(void)
{
	return ((uint32_t)rnd() & 0x61ffffffu) | 0x84000000u;
}

static void check_decode(uint32_t w, int twice)
{
	nisv_insn d, d2;
	nisv_status st;

	memset(&d, 0xa5, sizeof(d));
	st = nisv_decode(w, &d);
	CHECK(st == NISV_OK || st == NISV_UNSUPPORTED, "%08x: status %d", (unsigned)w, (int)st);
	CHECK((st == NISV_UNSUPPORTED) == (d.op == NISV_OP_NONE), "%08x: status %s with op %u",
	      (unsigned)w, nisv_status_name(st), d.op);
	CHECK(d.word == w, "%08x: insn.word %08x", (unsigned)w, (unsigned)d.word);
	if (st == NISV_OK) {
		CHECK(d.op < NISV_OP_COUNT && d.rclass <= NISV_RC_ZT0 && d.esize_log2 <= 4 &&
		          d.nregs >= 1 && d.nregs <= 4 && d.selem >= 1 && d.selem <= 4 &&
		          d.addr <= NISV_AM_VEC_SCALAR && d.rt < 32 && d.rt2 < 32 && d.rn < 32 &&
		          d.rm < 32 && d.rs < 32 && d.vbytes <= 32 && !(d.vbytes & 7) && d.lane < 16 &&
		          d.shift <= 4 && d.atomic <= NISV_AT_SWP && d.dc <= NISV_DC_CVADP &&
		          (d.pg < 16 || d.pg == NISV_PG_ALL) && d.msize_log2 <= 4 && d.rstride <= 8,
		      "%08x: a field out of range (op %u rc %u es %u n %u se %u am %u)", (unsigned)w,
		      d.op, d.rclass, d.esize_log2, d.nregs, d.selem, d.addr);
	}
	if (twice) {
		memset(&d2, 0x5a, sizeof(d2));
		CHECK(nisv_decode(w, &d2) == st && same_insn(&d, &d2), "%08x: decoded differently twice",
		      (unsigned)w);
	}
}

static unsigned long decode_sweep(unsigned scale)
{
	unsigned long n = 0;

	/* loads and stores: op0 = x1x0 (bits 28:25), the other 28 bits random */
	for (unsigned long i = 0; i < 4000000ul * scale; i++, n++)
		check_decode(((uint32_t)rnd() | 1u << 27) & ~(1u << 25), (i & 63) == 0);
	/* SVE: op0 = 0010 (bits 28:25) with bits 31:29 = 1xx, the other 25 bits random */
	for (unsigned long i = 0; i < 1000000ul * scale; i++, n++)
		check_decode(sve_space_word(), (i & 63) == 0);
	/* SME memory: bits 31:25 = 1110000, the other 25 bits random */
	for (unsigned long i = 0; i < 250000ul * scale; i++, n++)
		check_decode(((uint32_t)rnd() & 0x01ffffffu) | 0xe0000000u, (i & 63) == 0);
	/* every SYS word with op0 = 01, L = 0: all DC (and IC, AT, TLBI) operations */
	for (uint32_t x = 0; x < (1u << 19); x++, n++)
		check_decode(0xd5080000u | x, 0);
	/* anything at all */
	for (unsigned long i = 0; i < 1000000ul * scale; i++, n++)
		check_decode((uint32_t)rnd(), 0);
	/* the extremes */
	check_decode(0, 1);
	check_decode(0xffffffffu, 1);
	return n + 2;
}

/* ---- the fuzzed vCPU ------------------------------------------------------- */

static struct test_regs regs;
static struct test_mem mem;
static nisv_mem_ops mem_ops_nolock;

static uint64_t random_address(void)
{
	switch (rnd_below(8)) {
	case 0:
		return rnd();                                  /* anywhere        */
	case 1:
		return rnd_below(0x10000);                     /* small           */
	case 2:
		return TABLES + rnd_below(TABLES_SIZE + 64) - 32; /* the tables   */
	case 3:
		return RAM + RAM_SIZE - 32 + rnd_below(64);    /* around the end  */
	case 4:
		return (rnd() & 0xff00000000000000ull) | (RAM + rnd_below(RAM_SIZE)); /* tagged */
	default:
		return RAM + (rnd_below(RAM_SIZE) & ~(uint64_t)(rnd_below(2) ? 15 : 0));
	}
}

static struct nisv_sve_state sve_files;

static void random_state(nisv_state *st)
{
	static const uint64_t pstates[] = { PSTATE_EL1H, PSTATE_EL1T, PSTATE_EL0, PSTATE_EL2H,
		                            PSTATE_AARCH32, 0x3c5 | 1ull << 22 /* PAN */ };
	static const uint64_t sctlr_bits[] = { SCTLR_A, SCTLR_SA, SCTLR_SA0, SCTLR_NAA, SCTLR_EE,
		                               SCTLR_E0E, SCTLR_M };

	for (unsigned r = 0; r <= NISV_X30; r++)
		st->reg[r] = rnd_below(4) ? random_address() : rnd() >> rnd_below(64);
	st->reg[NISV_SP_EL0] = random_address();
	st->reg[NISV_SP_EL1] = random_address();
	st->reg[NISV_PC] = rnd_below(8) ? RAM + (rnd_below(RAM_SIZE) & ~3u) : rnd();
	st->reg[NISV_PSTATE] = rnd_below(16) ? pstates[rnd_below(3)] : rnd_below(8) ? pstates[rnd_below(6)] : rnd();
	st->reg[NISV_SCTLR_EL1] = 0;
	for (unsigned i = 0; i < sizeof(sctlr_bits) / sizeof(sctlr_bits[0]); i++)
		if (rnd_below(5) == 0)
			st->reg[NISV_SCTLR_EL1] |= sctlr_bits[i];
	if (rnd_below(32) == 0)
		st->reg[NISV_SCTLR_EL1] = rnd();
	st->reg[NISV_TCR_EL1] = rnd_below(2) ? rnd() : rnd() & (TCR_TBI0 | 0x3f);
	st->reg[NISV_TTBR0_EL1] = rnd_below(2) ? TABLES : random_address();
	st->reg[NISV_TTBR1_EL1] = random_address();
	st->reg[NISV_MAIR_EL1] = rnd();
	st->reg[NISV_VBAR_EL1] = RAM;
	st->reg[NISV_DCZID_EL0] = rnd_below(4) ? 4 : rnd_below(32);
	for (unsigned n = 0; n < 32; n++) {
		st->v[n].lo = rnd();
		st->v[n].hi = rnd();
	}
	/* half the time with the SVE files, any VL and mode a guest can set */
	st->sve = rnd_below(2) ? &sve_files : NULL;
	for (unsigned k = 0; st->sve && k < sizeof(sve_files.z) + sizeof(sve_files.p); k++)
		((uint8_t *)&sve_files)[k] = (uint8_t)(rnd_below(4) ? rnd() : 0);
	st->reg[NISV_ZCR_EL1] = rnd_below(4) ? rnd_below(16) : rnd();
	st->reg[NISV_SMCR_EL1] = rnd_below(4) ? rnd_below(16) : rnd();
	st->reg[NISV_SVCR] = rnd_below(4);
}

static uint32_t random_word(void)
{
	nisv_insn d;
	uint32_t w = 0;

	switch (rnd_below(10)) {
	case 0:
		return (uint32_t)rnd();
	case 1:
		return 0xd5080000u | (uint32_t)rnd_below(1u << 19);
	case 2:
		for (unsigned tries = 0; tries < 16; tries++)
			if (nisv_decode(w = sve_space_word(), &d) == NISV_OK)
				break;
		return w;
	default:
		/* mostly words that decode: loads and stores, retried */
		for (unsigned tries = 0; tries < 16; tries++) {
			w = ((uint32_t)rnd() | 1u << 27) & ~(1u << 25);
			if (nisv_decode(w, &d) == NISV_OK)
				break;
		}
		return w;
	}
}

/* ---- (b) emulate with random state and failing callbacks -------------------- */

static unsigned long emulate_fuzz(unsigned scale)
{
	static uint8_t ram_before[RAM_SIZE], tables_before[TABLES_SIZE];
	unsigned long runs = 0;
	nisv_vcpu v_lock, v_nolock;

	/* two vCPUs for the whole run, so the exclusive monitor carries over */
	if (nisv_vcpu_init(&v_lock, &test_reg_ops, &regs, &test_mem_ops, &mem) != NISV_OK ||
	    nisv_vcpu_init(&v_nolock, &test_reg_ops, &regs, &mem_ops_nolock, &mem) != NISV_OK) {
		CHECK(0, "nisv_vcpu_init failed");
		return 0;
	}
	for (unsigned k = 0; k < RAM_SIZE; k++)
		mem.ram[k] = (uint8_t)rnd();
	for (unsigned long i = 0; i < 200000ul * scale; i++, runs++) {
		nisv_state before;
		nisv_result res;
		int nolock = rnd_below(4) == 0, use_res = rnd_below(8) != 0;
		nisv_vcpu *v = nolock ? &v_nolock : &v_lock;
		uint32_t w = random_word();
		nisv_status st;

		random_state(&regs.st);
		memset(mem.tables, 0, TABLES_SIZE);
		if (rnd_below(2))
			test_normal_memory(&regs.st, &mem);
		before = regs.st;
		memcpy(ram_before, mem.ram, RAM_SIZE);
		memcpy(tables_before, mem.tables, TABLES_SIZE);

		regs.fail_get = rnd_below(5) ? -1 : (long)rnd_below(12);
		regs.fail_set = rnd_below(8) ? -1 : (long)rnd_below(4);
		mem.fail_call = rnd_below(2) ? -1 : (long)rnd_below(6);
		test_regs_begin(&regs);
		test_mem_begin(&mem);

		/* FEAT_HAFDBS is left out: its descriptor updates are writes of their own */
		nisv_vcpu_set_features(v, (uint32_t)rnd() & (NISV_FEAT_LSE2 | NISV_FEAT_LPA |
		                                             NISV_FEAT_LPA2 | NISV_FEAT_LVA));
		nisv_vcpu_set_pa_bits(v, rnd_below(8) ? 48 : rnd_below(64));
		nisv_vcpu_set_vector_lengths(v, rnd_below(4) ? (uint32_t)rnd() : 0, rnd_below(2) ? (uint32_t)rnd() : 0);
		if (rnd_below(64) == 0)
			nisv_clear_exclusive(v);
		st = nisv_emulate(v, w, use_res ? &res : NULL);

		int set_failed = regs.set_failed, failed = regs.failed || mem.failed;

		CHECK(st >= NISV_OK && st <= NISV_CALLBACK_ERROR, "%08x: status %d", (unsigned)w, (int)st);
		CHECK(!use_res || res.status == st, "%08x: res.status %d, returned %d", (unsigned)w,
		      (int)res.status, (int)st);
		CHECK(!use_res || res.insn.word == w || st == NISV_INVALID_ARGUMENT,
		      "%08x: res.insn.word %08x", (unsigned)w, (unsigned)res.insn.word);
		CHECK(!regs.bad_index, "%08x: register callback index out of range", (unsigned)w);
		CHECK(!mem.piece_errors, "%08x: a memory piece not naturally aligned or > 16 bytes",
		      (unsigned)w);
		CHECK(!mem.lock_errors && !mem.locked, "%08x: lock/unlock not paired", (unsigned)w);
		CHECK(nolock || !mem.atomic_unlocked, "%08x: atomic access outside the lock", (unsigned)w);
		for (unsigned r = 0; r < NISV_REG_COUNT; r++)
			CHECK(regs.get[r] <= 1 && regs.set[r] <= 1, "%08x: register %u got %u/set %u times",
			      (unsigned)w, r, regs.get[r], regs.set[r]);

		if (st == NISV_OK) {
			CHECK(!failed, "%08x: NISV_OK although a callback failed", (unsigned)w);
			CHECK(regs.st.reg[NISV_PC] == before.reg[NISV_PC] + 4, "%08x: NISV_OK, PC not += 4",
			      (unsigned)w);
			continue;
		}
		if (regs.failed)
			CHECK(st == NISV_CALLBACK_ERROR, "%08x: a register callback failed, status %s",
			      (unsigned)w, nisv_status_name(st));
		if (st == NISV_CALLBACK_ERROR)
			CHECK(failed, "%08x: NISV_CALLBACK_ERROR but no callback failed", (unsigned)w);
		/* registers: untouched unless a write at commit failed after others succeeded */
		if (!set_failed || regs.fail_set == 0)
			CHECK(memcmp(&before, &regs.st, sizeof(before)) == 0,
			      "%08x: status %s but registers changed", (unsigned)w, nisv_status_name(st));
		/* memory: untouched unless a write itself failed midway, or a commit failed */
		if (!mem.failed_write && !set_failed) {
			CHECK(mem.writes == 0 && memcmp(ram_before, mem.ram, RAM_SIZE) == 0 &&
			          memcmp(tables_before, mem.tables, TABLES_SIZE) == 0,
			      "%08x: status %s (fault %u) but memory written (%u writes)%s", (unsigned)w,
			      nisv_status_name(st), use_res ? res.fault : 0, mem.writes,
			      regs.failed ? " after a register read failed" : "");
		}
	}
	return runs;
}

/* ---- (c) NULL arguments ----------------------------------------------------- */

static int ok_get(void *c, unsigned r, uint64_t *v)
{
	(void)c;
	(void)r;
	*v = 0;
	return 0;
}
static int ok_set(void *c, unsigned r, uint64_t v)
{
	(void)c;
	(void)r;
	(void)v;
	return 0;
}
static int ok_get_vec(void *c, unsigned f, unsigned n, uint32_t o, void *b, uint32_t l)
{
	(void)c;
	(void)f;
	(void)n;
	(void)o;
	memset(b, 0, l);
	return 0;
}
static int ok_set_vec(void *c, unsigned f, unsigned n, uint32_t o, const void *b, uint32_t l)
{
	(void)c;
	(void)f;
	(void)n;
	(void)o;
	(void)b;
	(void)l;
	return 0;
}
static int ok_read(void *c, uint64_t a, void *b, uint32_t l, unsigned f)
{
	(void)c;
	(void)a;
	(void)f;
	memset(b, 0, l);
	return 0;
}
static int ok_write(void *c, uint64_t a, const void *b, uint32_t l, unsigned f)
{
	(void)c;
	(void)a;
	(void)b;
	(void)l;
	(void)f;
	return 0;
}
static void ok_lock(void *c)
{
	(void)c;
}

static unsigned long null_arguments(void)
{
	const nisv_reg_ops good_regs = { .get = ok_get, .set = ok_set, .get_vec = ok_get_vec, .set_vec = ok_set_vec };
	const nisv_mem_ops good_mem = { .read = ok_read, .write = ok_write };
	nisv_reg_ops bad_regs[4];
	nisv_mem_ops bad_mem[4];
	nisv_vcpu v, zero = { 0 };
	nisv_result res;
	unsigned long n = 0;

	for (unsigned i = 0; i < 4; i++) {
		bad_regs[i] = good_regs;
		bad_mem[i] = good_mem;
	}
	bad_regs[0].get = NULL;
	bad_regs[1].set = NULL;
	bad_regs[2].get_vec = NULL;
	bad_regs[3].set_vec = NULL;
	bad_mem[0].read = NULL;
	bad_mem[1].write = NULL;
	bad_mem[2].lock = ok_lock; /* lock without unlock */
	bad_mem[3].unlock = ok_lock; /* unlock without lock */

#define EXPECT_INVALID(call)                                                       \
	do {                                                                       \
		nisv_status s_ = (call);                                           \
		CHECK(s_ == NISV_INVALID_ARGUMENT, "%s returned %s", #call, nisv_status_name(s_)); \
		n++;                                                               \
	} while (0)

	EXPECT_INVALID(nisv_decode(0xf9400020, NULL));
	EXPECT_INVALID(nisv_vcpu_init(NULL, &good_regs, NULL, &good_mem, NULL));
	EXPECT_INVALID(nisv_vcpu_init(&v, NULL, NULL, &good_mem, NULL));
	EXPECT_INVALID(nisv_vcpu_init(&v, &good_regs, NULL, NULL, NULL));
	for (unsigned i = 0; i < 4; i++) {
		EXPECT_INVALID(nisv_vcpu_init(&v, &bad_regs[i], NULL, &good_mem, NULL));
		EXPECT_INVALID(nisv_vcpu_init(&v, &good_regs, NULL, &bad_mem[i], NULL));
	}
	EXPECT_INVALID(nisv_emulate(NULL, 0xf9400020, &res));
	CHECK(res.status == NISV_INVALID_ARGUMENT, "res.status after NULL vcpu: %d", (int)res.status);
	EXPECT_INVALID(nisv_emulate(NULL, 0xf9400020, NULL));
	EXPECT_INVALID(nisv_emulate(&zero, 0xf9400020, &res)); /* never initialised */

	/* the void functions take NULL quietly */
	nisv_vcpu_set_features(NULL, NISV_FEAT_LSE2);
	nisv_vcpu_set_pa_bits(NULL, 40);
	nisv_clear_exclusive(NULL);

	/* names are never NULL */
	for (unsigned i = 0; i < 300; i++) {
		CHECK(nisv_status_name((nisv_status)i) != NULL, "nisv_status_name(%u) is NULL", i);
		CHECK(nisv_op_name(i) != NULL, "nisv_op_name(%u) is NULL", i);
		CHECK(nisv_atomic_name(i) != NULL, "nisv_atomic_name(%u) is NULL", i);
		n += 3;
	}
	CHECK(nisv_status_name((nisv_status)-1) != NULL, "nisv_status_name(-1) is NULL");

	/* a NULL result pointer is allowed */
	CHECK(nisv_vcpu_init(&v, &good_regs, NULL, &good_mem, NULL) == NISV_OK, "init failed");
	CHECK(nisv_emulate(&v, 0x8b020020 /* add x0, x1, x2 */, NULL) == NISV_UNSUPPORTED,
	      "non-memory word with res == NULL");
	return n + 2;
}

/* ---- (d) every callback failing in turn ------------------------------------- */

/* Instructions that complete with the state set up in sweep_state(). */
static const struct insn sweep_insns[] = {
	I("ldr x0, [x1]", 0xf9400020),
	I("str x0, [x1]", 0xf9000020),
	I("ldp x1, x2, [x3, #16]!", 0xa9c10861),
	I("str x0, [sp, #-16]!", 0xf81f0fe0),
	I("ldadd x0, x1, [x2]", 0xf8200041),
	I("casp x0, x1, x2, x3, [x4]", 0x48207c82),
	I("ld4 {v0.4s, v1.4s, v2.4s, v3.4s}, [x1], #64", 0x4cdf0820),
	I("ld1 {v0.s}[3], [x1]", 0x4d409020),
	I("st2 {v0.4s, v1.4s}, [x1]", 0x4c008820),
	I("ldxr x0, [x1]", 0xc85f7c20),
	I("stxr w2, x3, [x1]", 0xc8027c23),
	I("ldr x0, .-16", 0x58ffff80),
	I("ldraa x0, [x1]", 0xf8200420),
	I("dc zva, x1", 0xd50b7421),
};

static void sweep_state(nisv_state *st, int normal)
{
	memset(st, 0, sizeof(*st));
	for (unsigned r = 0; r <= NISV_X30; r++)
		st->reg[r] = RAM + 0x100 + 0x10 * r;
	st->reg[NISV_SP_EL0] = RAM + 0x600;
	st->reg[NISV_SP_EL1] = RAM + 0x700;
	st->reg[NISV_PC] = PC0;
	st->reg[NISV_PSTATE] = PSTATE_EL1H;
	st->reg[NISV_DCZID_EL0] = 4;
	st->reg[NISV_TCR_EL1] = TCR_T0SZ(16);
	memset(mem.ram, RAM_FILL, RAM_SIZE);
	memset(mem.tables, 0, TABLES_SIZE);
	if (normal)
		test_normal_memory(st, &mem);
}

/* One run with the failure set up in regs/mem; returns the status. */
static nisv_status sweep_run(uint32_t w, int normal, nisv_state *before, uint8_t *ram_before)
{
	nisv_vcpu v;

	sweep_state(&regs.st, normal);
	*before = regs.st;
	memcpy(ram_before, mem.ram, RAM_SIZE);
	test_regs_begin(&regs);
	test_mem_begin(&mem);
	nisv_vcpu_init(&v, &test_reg_ops, &regs, &test_mem_ops, &mem);
	return nisv_emulate(&v, w, NULL);
}

static unsigned long callback_sweep(void)
{
	static uint8_t ram_before[RAM_SIZE];
	unsigned long runs = 0;
	nisv_state before;

	for (unsigned i = 0; i < sizeof(sweep_insns) / sizeof(sweep_insns[0]); i++) {
		for (int normal = 0; normal < 2; normal++) {
			const char *t = sweep_insns[i].text;
			uint32_t w = sweep_insns[i].word;
			nisv_status base, st;

			regs.fail_get = regs.fail_set = mem.fail_call = -1;
			base = sweep_run(w, normal, &before, ram_before);
			runs++;
			if (base != NISV_OK && !(base == NISV_FAULT && !normal))
				CHECK(0, "%s (%s memory): %s without any failure", t,
				      normal ? "Normal" : "Device", nisv_status_name(base));

			/* every register read failing in turn */
			for (long k = 0;; k++, runs++) {
				regs.fail_get = k;
				st = sweep_run(w, normal, &before, ram_before);
				if (!regs.failed) {
					CHECK(st == base, "%s: %s once no read fails", t, nisv_status_name(st));
					break;
				}
				CHECK(st == NISV_CALLBACK_ERROR, "%s (%s): register read %ld fails: %s", t,
				      normal ? "Normal" : "Device", k, nisv_status_name(st));
				CHECK(memcmp(&before, &regs.st, sizeof(before)) == 0,
				      "%s: register read %ld fails: registers changed", t, k);
				CHECK(mem.writes == 0 && memcmp(ram_before, mem.ram, RAM_SIZE) == 0,
				      "%s (%s): register read %ld fails (after %u memory writes): "
				      "memory changed",
				      t, normal ? "Normal" : "Device", k, mem.writes);
			}
			regs.fail_get = -1;

			/* the first register write failing: nothing committed */
			regs.fail_set = 0;
			st = sweep_run(w, normal, &before, ram_before);
			runs++;
			if (regs.failed) {
				CHECK(st == NISV_CALLBACK_ERROR, "%s: first register write fails: %s", t,
				      nisv_status_name(st));
				CHECK(memcmp(&before, &regs.st, sizeof(before)) == 0,
				      "%s: first register write fails: registers changed", t);
			}
			regs.fail_set = -1;

			/* every memory call failing in turn */
			for (long k = 0;; k++, runs++) {
				mem.fail_call = k;
				st = sweep_run(w, normal, &before, ram_before);
				if (!mem.failed) {
					CHECK(st == base, "%s: %s once no memory call fails", t,
					      nisv_status_name(st));
					break;
				}
				CHECK(st == NISV_CALLBACK_ERROR || st == NISV_FAULT,
				      "%s: memory call %ld fails: %s", t, k, nisv_status_name(st));
				CHECK(memcmp(&before, &regs.st, sizeof(before)) == 0,
				      "%s: memory call %ld fails: registers changed", t, k);
				if (!mem.failed_write)
					CHECK(mem.writes == 0 && memcmp(ram_before, mem.ram, RAM_SIZE) == 0,
					      "%s: memory read %ld fails: memory changed", t, k);
			}
			mem.fail_call = -1;
		}
	}
	return runs;
}

int main(int argc, char **argv)
{
	unsigned scale = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 0) : 1;
	unsigned long n;

	if (!scale)
		scale = 1;
	mem_ops_nolock = test_mem_ops;
	mem_ops_nolock.lock = NULL;
	mem_ops_nolock.unlock = NULL;

	n = decode_sweep(scale);
	printf("hostile: decode: %lu words\n", n);
	n = emulate_fuzz(scale);
	printf("hostile: emulate: %lu random runs\n", n);
	n = null_arguments();
	printf("hostile: NULL arguments: %lu calls\n", n);
	n = callback_sweep();
	printf("hostile: failing callbacks: %lu runs\n", n);
	printf("hostile: %lu failures\n", failures);
	return failures ? 1 : 0;
}
