/*
 * SME2 / SVE2.1 multi-vector loads and stores on the trap path: LD1*,
 * LDNT1*, ST1*, STNT1* of two or four consecutive or strided Z registers,
 * governed by a predicate-as-counter PN8-PN15. The expected registers,
 * device calls and memory come from a model written here from the Arm ARM
 * pseudocode, not from nisv: "LD1B (scalar plus immediate, consecutive
 * registers)" and its siblings (register r's elements at EA + (r *
 * elements + e) * mbytes, in that order; inactive ones not accessed and,
 * for loads, zero; "Z[t + r * tstride]"), "CounterToPredicate" and
 * "ActivePredicateElement" for the predicate, "EncodePredCount" for the
 * counter values (PTRUE's, WHILELO's).
 *
 * No CPU oracle: Debian's qemu 7.2 and 10.0 (-cpu max) implement neither
 * SVE2.1 nor SME2, so these instructions are UNDEFINED there.
 */
#include <string.h>

#include "harness.h"

#define DATA_VA 0xffff800000500000ull /* RAM page, then an unmapped page */
#define DATA_PA (IPA_RAM + 0x38000)
#define DATA2_VA (DATA_VA + 0x2000)   /* two RAM pages                   */
#define DEV_VA 0xffff800009000000ull  /* device 0, Device memory        */
#define CODE_PA (IPA_RAM + 0x20000)   /* the code at PC0                */

/* ------------------------------------------------------------------------ */
/* The model                                                                 */
/* ------------------------------------------------------------------------ */

/* UInt(pred<hi:lo>) */
static unsigned ubits(unsigned pred, unsigned hi, unsigned lo)
{
	return hi < lo ? 0 : pred >> lo & ((1u << (hi - lo + 1)) - 1);
}

/* Log2 of a power of two */
static unsigned log2u(unsigned x)
{
	unsigned n = 0;

	while (x > 1u) {
		x >>= 1;
		n++;
	}
	return n;
}

/* Bit i of CounterToPredicate(pred<15:0>, PL * 4) at VL vl_bits. */
static int counter_bit(unsigned pred, unsigned vl_bits, unsigned i)
{
	unsigned pl = vl_bits / 8, maxbit = log2u(pl * 4), count, esize, elements, psize, e;
	int pbit;

	if ((pred & 0xf) == 0)
		return 0;
	if (pred & 1) {
		count = ubits(pred, maxbit, 1);
		esize = 8;
	} else if (pred & 2) {
		count = ubits(pred, maxbit, 2);
		esize = 16;
	} else if (pred & 4) {
		count = ubits(pred, maxbit, 3);
		esize = 32;
	} else {
		count = ubits(pred, maxbit, 4);
		esize = 64;
	}
	elements = vl_bits * 4 / esize;
	psize = esize / 8;
	e = i / psize;
	if (i % psize || e >= elements) /* Elem[result, e, psize] = ZeroExtend(pbit, psize) */
		return 0;
	pbit = e < count;
	return pred >> 15 & 1 ? !pbit : pbit;
}

/* ActivePredicateElement(mask, idx, esize) of the instruction's esize. */
static int active(unsigned pred, unsigned vl_bits, unsigned idx, unsigned ebytes)
{
	return counter_bit(pred, vl_bits, idx * ebytes);
}

/* EncodePredCount(esize, elements, count, invert) */
static unsigned pred_count(unsigned esize, unsigned elements, unsigned count, int invert)
{
	unsigned inv, low = esize / 8; /* '1', '10', '100', '1000' */

	if (count == 0)
		return 0;
	if (invert) {
		count = elements - count;
	} else if (count == elements) {
		count = 0;
		invert = 1;
	}
	inv = invert ? 1u : 0u;
	return (inv << 15 | count << (log2u(low) + 1) | low) & 0xffff;
}

/* A counter as it sits in PN<15:0>: the invert bit, the count, the element
 * size (8-64; 0: the all-zero PN). */
static unsigned raw_count(unsigned esize, unsigned count, int invert)
{
	if (!esize)
		return 0;
	return ((invert ? 1u : 0u) << 15 | count << (log2u(esize / 8) + 1) | esize / 8) & 0xffff;
}

/* ------------------------------------------------------------------------ */
/* The forms, decoded by hand from their Arm ARM encodings                   */
/* ------------------------------------------------------------------------ */

struct form {
	uint32_t word;
	const char *text;
	int load;
	unsigned nreg, t, tstride, ebytes, g; /* g: the PN register (8-15) */
	unsigned n;     /* the base register: X1, or 31 (SP)                  */
	int m;          /* [Xn, Xm, LSL #msz]: 2 (X2), 31 (XZR); 0: immediate  */
	int offset;     /* SInt(imm4): groups of nreg registers              */
};

#define F(name, word, text, load, nreg, t, tstride, ebytes, g, n, m, offset) \
	static const struct form name = { word, text, load, nreg, t, tstride, ebytes, g, n, m, offset }
F(F_LD1B_2, 0xa0400020u, "ld1b {z0.b-z1.b}, pn8/z, [x1]", 1, 2, 0, 1, 1, 8, 1, 0, 0);
F(F_LD1B_2_IMM, 0xa0410020u, "ld1b {z0.b-z1.b}, pn8/z, [x1, #2, mul vl]", 1, 2, 0, 1, 1, 8, 1, 0, 1);
F(F_LD1B_2_REG, 0xa0020422u, "ld1b {z2.b-z3.b}, pn9/z, [x1, x2]", 1, 2, 2, 1, 1, 9, 1, 2, 0);
F(F_LD1W_2, 0xa0404020u, "ld1w {z0.s-z1.s}, pn8/z, [x1]", 1, 2, 0, 1, 4, 8, 1, 0, 0);
F(F_LD1W_2_SP, 0xa04043e0u, "ld1w {z0.s-z1.s}, pn8/z, [sp]", 1, 2, 0, 1, 4, 8, 31, 0, 0);
F(F_LD1W_4_REG, 0xa002c824u, "ld1w {z4.s-z7.s}, pn10/z, [x1, x2, lsl #2]", 1, 4, 4, 1, 4, 10, 1, 2, 0);
F(F_LD1D_2, 0xa0406020u, "ld1d {z0.d-z1.d}, pn8/z, [x1]", 1, 2, 0, 1, 8, 8, 1, 0, 0);
F(F_LD1D_4_IMM, 0xa04fe020u, "ld1d {z0.d-z3.d}, pn8/z, [x1, #-4, mul vl]", 1, 4, 0, 1, 8, 8, 1, 0, -1);
F(F_LD1H_4_XZR, 0xa01fbc28u, "ld1h {z8.h-z11.h}, pn15/z, [x1, xzr, lsl #1]", 1, 4, 8, 1, 2, 15, 1, 31, 0);
F(F_LDNT1W_2_IMM, 0xa0484c3fu, "ldnt1w {z30.s-z31.s}, pn11/z, [x1, #-16, mul vl]", 1, 2, 30, 1, 4, 11, 1, 0, -8);
F(F_ST1B_2, 0xa0600020u, "st1b {z0.b-z1.b}, pn8, [x1]", 0, 2, 0, 1, 1, 8, 1, 0, 0);
F(F_ST1H_4_IMM, 0xa061b024u, "st1h {z4.h-z7.h}, pn12, [x1, #4, mul vl]", 0, 4, 4, 1, 2, 12, 1, 0, 1);
F(F_STNT1D_2_REG, 0xa0226023u, "stnt1d {z2.d-z3.d}, pn8, [x1, x2, lsl #3]", 0, 2, 2, 1, 8, 8, 1, 2, 0);
F(F_LD1H_S2, 0xa1402021u, "ld1h {z1.h, z9.h}, pn8/z, [x1]", 1, 2, 1, 8, 2, 8, 1, 0, 0);
F(F_LD1B_S4_REG, 0xa1029430u, "ld1b {z16.b, z20.b, z24.b, z28.b}, pn13/z, [x1, x2]", 1, 4, 16, 4, 1, 13, 1, 2, 0);
F(F_ST1D_S4_IMM, 0xa16ee033u, "st1d {z19.d, z23.d, z27.d, z31.d}, pn8, [x1, #-8, mul vl]", 0, 4, 19, 4, 8, 8, 1, 0,
  -2);
F(F_STNT1W_S2_IMM, 0xa161582fu, "stnt1w {z7.s, z15.s}, pn14, [x1, #2, mul vl]", 0, 2, 7, 8, 4, 14, 1, 0, 1);

static struct nisv_sve_state sve, before;

/* MMU on, SVE and SME with every length implemented, ZCR_EL1 asking for
 * vl_bits (SMCR_EL1 for svl_bits, SVCR.SM = streaming); Z[n] byte i =
 * 0x80 | n ^ i; P registers zero. */
static void multi_guest(unsigned vl_bits, unsigned svl_bits, int streaming)
{
	guest_reset();
	mmu_on(12, 0);
	pt_map(&HI, DATA_VA, DATA_PA, 3, PG_KDATA);
	pt_map(&HI, DATA2_VA, DATA_PA + 0x2000, 3, PG_KDATA);
	pt_map(&HI, DATA2_VA + 0x1000, DATA_PA + 0x3000, 3, PG_KDATA);
	pt_map(&HI, DEV_VA, IPA_DEV0, 3, PG_KDEV);
	pt_map(&HI, PC0, CODE_PA, 3, PG_KCODE);
	memset(&sve, 0, sizeof sve);
	for (unsigned n = 0; n < 32; n++)
		for (unsigned i = 0; i < 256; i++)
			sve.z[n][i] = (uint8_t)(0x80 | (n ^ i));
	G.st.sve = &sve;
	nisv_vcpu_set_vector_lengths(&G.v, 0xffff, 0xffff);
	R(NISV_ZCR_EL1) = vl_bits / 128 - 1;
	R(NISV_SMCR_EL1) = svl_bits / 128 - 1;
	R(NISV_SVCR) = streaming ? 1 : 0;
	for (unsigned i = 0; i < DEV_SIZE; i++)
		G.dev[0].mem[i] = (uint8_t)(i * 7 + 1);
	for (unsigned i = 0; i < 0x2000; i++)
		RAM[DATA_PA - IPA_RAM + 0x2000 + i] = (uint8_t)(i * 13 + 5);
}

static void set_pn(unsigned g, unsigned pred)
{
	memset(sve.p[g], 0, sizeof sve.p[g]);
	sve.p[g][0] = (uint8_t)pred;
	sve.p[g][1] = (uint8_t)(pred >> 8);
}

/* EA of f as the pseudocode forms it: base + UInt(X[m]) * mbytes, or
 * base + offset * nreg * elements * mbytes. */
static uint64_t form_ea(const struct form *f, unsigned vl_bits)
{
	uint64_t base = f->n == 31 ? R(NISV_SP_EL1) : R(f->n);

	if (f->m)
		return base + (f->m == 31 ? 0 : R(f->m)) * f->ebytes;
	return base + (uint64_t)((int64_t)f->offset * f->nreg * (vl_bits / 8));
}

/* Is Z[n] transfer register r of f? */
static int transfer_index(const struct form *f, unsigned n)
{
	for (unsigned r = 0; r < f->nreg; r++)
		if ((f->t + r * f->tstride) % 32 == n)
			return (int)r;
	return -1;
}

/*
 * Run f at VL vl_bits with PN = pred, X1 = x1, X2 = x2, EA on the device:
 * every active element in order one device call of its size, loaded
 * registers as the pseudocode builds them (inactive elements zero), stored
 * bytes where the active elements are, nothing else changed.
 */
static void check_on_device(const struct form *f, unsigned vl_bits, unsigned pred, uint64_t x1, uint64_t x2)
{
	unsigned elements = vl_bits / 8 / f->ebytes, calls = 0;
	uint8_t dev_before[DEV_SIZE];
	uint64_t ea_off;
	nisv_result r;
	nisv_status st;

	set_pn(f->g, pred);
	R(1) = x1;
	R(2) = x2;
	ea_off = form_ea(f, vl_bits) - DEV_VA;
	before = sve;
	memcpy(dev_before, G.dev[0].mem, DEV_SIZE);
	st = run(f->word, &r);
	EXPECT_OK_REGS(st, 0);
	for (unsigned reg = 0; reg < f->nreg; reg++) {
		unsigned n = (f->t + reg * f->tstride) % 32;
		for (unsigned e = 0; e < elements; e++) {
			unsigned idx = reg * elements + e;
			uint64_t off = ea_off + (uint64_t)idx * f->ebytes;
			int on = active(pred, vl_bits, idx, f->ebytes);
			const uint8_t *want = f->load ? (on ? &dev_before[off] : NULL) : &before.z[n][e * f->ebytes];

			if (on && calls < 64)
				EXPECT_DEVCALL(0, calls, !f->load, off, f->ebytes);
			calls += (unsigned)on;
			for (unsigned b = 0; b < f->ebytes; b++) {
				if (f->load && !EXPECT_EQ(sve.z[n][e * f->ebytes + b], want ? want[b] : 0))
					return;
				if (!f->load && !EXPECT_EQ(G.dev[0].mem[off + b], on ? want[b] : dev_before[off + b]))
					return;
			}
		}
	}
	EXPECT_EQ(G.dev[0].ncalls, calls);
	for (unsigned n = 0; n < 32; n++)
		if (!f->load || transfer_index(f, n) < 0)
			EXPECT_EQ(memcmp(sve.z[n], before.z[n], sizeof sve.z[n]), 0);
	if (f->load)
		EXPECT_EQ(memcmp(G.dev[0].mem, dev_before, DEV_SIZE), 0);
}

/* One device case of the table below: the counter is PN<15:0> =
 * raw_count(pesize, count, invert) (pesize 0: all zero). */
struct dev_case {
	const char *name;
	const struct form *f;
	unsigned vl_bits;
	int streaming;
	unsigned pesize, count;
	int invert;
	uint64_t x1_off, x2; /* X1 = DEV_VA + x1_off */
};

static const struct dev_case dev_cases[] = {
	{ "all true (PTRUE pn8.b), 2 x 16 bytes", &F_LD1B_2, 128, 0, 8, 0, 1, 0, 0 },
	{ "count 20: register 0 whole, 4 bytes of register 1", &F_LD1B_2, 128, 0, 8, 20, 0, 0x40, 0 },
	{ "PN all zero: both registers zeroed, no access", &F_LD1B_2, 128, 0, 0, 0, 0, 0, 0 },
	{ "count 0 of .b: no element active", &F_LD1B_2, 128, 0, 8, 0, 0, 0, 0 },
	{ "inverted count 5: elements 5-31, after #2, mul vl", &F_LD1B_2_IMM, 128, 0, 8, 5, 1, 0x100, 0 },
	{ "count 37 of 64 words, [x1, x2, lsl #2], VL 512", &F_LD1W_4_REG, 512, 0, 32, 37, 0, 0x10, 0x20 },
	{ "a .s counter (9) governs .d elements: 5 active, #-4, mul vl", &F_LD1D_4_IMM, 256, 0, 32, 9, 0, 0x180, 0 },
	{ "a .b counter (40) governs .h elements: 20 active, [x1, xzr]", &F_LD1H_4_XZR, 128, 0, 8, 40, 0, 0x200, 0 },
	{ "a .d counter (3) governs .s elements: every other of 0-5", &F_LD1W_2, 256, 0, 64, 3, 0, 0x20, 0 },
	{ "ldnt1w {z30.s-z31.s} all true (.s), #-16, mul vl", &F_LDNT1W_2_IMM, 256, 0, 32, 0, 1, 0x300, 0 },
	{ "x2 scales by 1: [x1, x2]", &F_LD1B_2_REG, 256, 0, 8, 0, 1, 0x20, 0x33 },
	{ "st1b count 19: the active bytes written, in order", &F_ST1B_2, 128, 0, 8, 19, 0, 0x80, 0 },
	{ "st1h {z4.h-z7.h} inverted count 10, #4, mul vl", &F_ST1H_4_IMM, 256, 0, 16, 10, 1, 0x10, 0 },
	{ "stnt1d all true at VL 512, [x1, x2, lsl #3]", &F_STNT1D_2_REG, 512, 0, 64, 0, 1, 0x40, 3 },
	{ "strided ld1h {z1.h, z9.h}, count 20, SVL 256", &F_LD1H_S2, 256, 1, 16, 20, 0, 0x400, 0 },
	{ "strided ld1b {z16.b, z20.b, z24.b, z28.b}, count 50, SVL 128", &F_LD1B_S4_REG, 128, 1, 8, 50, 0, 0, 0x11 },
	{ "strided st1d {z19.d, z23.d, z27.d, z31.d}, count 13, #-8, mul vl, SVL 512", &F_ST1D_S4_IMM, 512, 1, 64, 13, 0,
	  0x600, 0 },
	{ "strided stnt1w {z7.s, z15.s}, inverted count 3, SVL 128", &F_STNT1W_S2_IMM, 128, 1, 32, 3, 1, 0x20, 0 },
	{ "strided ld1b at SVL 2048: 1 KiB, all true", &F_LD1B_S4_REG, 2048, 1, 8, 0, 1, 0, 0x100 },
	{ "the largest consecutive: ld1w {z4.s-z7.s} all true at VL 2048, 256 words", &F_LD1W_4_REG, 2048, 0, 32, 0, 1, 0,
	  0 },
	{ "VL 2048, count 300 of 512 bytes (a count of more than 8 bits)", &F_LD1B_2_REG, 2048, 0, 8, 300, 0, 0x100, 0 },
	{ "VL 2048, inverted count 700 of .h over 4 registers", &F_LD1H_4_XZR, 2048, 0, 16, 700, 1, 0, 0 },
};

static void device_cases(void)
{
	for (size_t i = 0; i < sizeof dev_cases / sizeof dev_cases[0]; i++) {
		const struct dev_case *c = &dev_cases[i];
		tcasef("multi: %s: %s", c->f->text, c->name);
		/* streaming: the SVE VL is another length, to show SVL is used */
		multi_guest(c->streaming ? (c->vl_bits == 512 ? 256 : 512) : c->vl_bits, c->vl_bits, c->streaming);
		check_on_device(c->f, c->vl_bits, raw_count(c->pesize, c->count, c->invert), DEV_VA + c->x1_off, c->x2);
	}
}

/* EncodePredCount: what PTRUE and WHILELO (predicate-as-counter) write. */
static void counters(void)
{
	tcase("multi: PTRUE pn8.b at VL 2048 is count 0 inverted; governs all four registers");
	multi_guest(2048, 2048, 0);
	EXPECT_EQ(pred_count(8, 256, 256, 0), 0x8001);
	check_on_device(&F_LD1H_4_XZR, 2048, pred_count(8, 256, 256, 0), DEV_VA, 0);

	tcase("multi: WHILELO pn10.s, vlx4 with 37 of 64 left: count 37");
	multi_guest(512, 512, 0);
	check_on_device(&F_LD1W_4_REG, 512, pred_count(32, 64, 37, 0), DEV_VA + 0x100, 0);

	tcase("multi: an inverted EncodePredCount (count 60 of 64, inverted): the first 4 inactive");
	multi_guest(512, 512, 0);
	check_on_device(&F_LD1W_4_REG, 512, pred_count(32, 64, 60, 1), DEV_VA + 0x100, 0);
}

/* ------------------------------------------------------------------------ */
/* Vector lengths and modes                                                  */
/* ------------------------------------------------------------------------ */

static void modes(void)
{
	nisv_result r;
	nisv_status st;

	tcase("multi: a consecutive list in streaming mode takes SVL (128), not VL (512)");
	multi_guest(512, 128, 1);
	check_on_device(&F_LD1D_2, 128, 0x8008, DEV_VA, 0);

	tcase("multi: a strided list out of streaming mode is an SME trap nisv does not raise");
	multi_guest(256, 256, 0);
	set_pn(8, 0x8001);
	R(1) = DEV_VA;
	st = run(F_LD1H_S2.word, &r);
	EXPECT_EQ(st, NISV_UNSUPPORTED);
	EXPECT_NOTHING_DONE();

	tcase("multi: a consecutive list out of streaming mode without SVE: the same");
	multi_guest(256, 256, 0);
	nisv_vcpu_set_vector_lengths(&G.v, 0, 0xffff);
	set_pn(8, 0x8001);
	R(1) = DEV_VA;
	st = run(F_LD1B_2.word, &r);
	EXPECT_EQ(st, NISV_UNSUPPORTED);
	EXPECT_NOTHING_DONE();

	tcase("multi: no vector length at all: UNDEFINED");
	multi_guest(256, 256, 0);
	nisv_vcpu_set_vector_lengths(&G.v, 0, 0);
	R(1) = DEV_VA;
	st = run(F_LD1B_2.word, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_UNDEFINED, 0, esr_of(EC_UNKNOWN, 0), NO_FAR);

	tcase("multi: [sp] base, SP 16-byte aligned with SCTLR_EL1.SA");
	multi_guest(128, 128, 0);
	R(NISV_SCTLR_EL1) |= SC_SA;
	R(NISV_SP_EL1) = DEV_VA + 0x50;
	check_on_device(&F_LD1W_2_SP, 128, 0x8004, 0, 0);

	tcase("multi: [sp] with SCTLR_EL1.SA and a misaligned SP: SP alignment fault, even with no element active");
	multi_guest(128, 128, 0);
	R(NISV_SCTLR_EL1) |= SC_SA;
	R(NISV_SP_EL1) = DEV_VA + 0x58;
	set_pn(8, 0);
	st = run(F_LD1W_2_SP.word, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_SP_ALIGNMENT, 0, esr_of(EC_SP_ALIGN, 0), NO_FAR);
}

/* ------------------------------------------------------------------------ */
/* Pages and faults                                                          */
/* ------------------------------------------------------------------------ */

/* Z[n] element e (ebytes) as the little-endian bytes at RAM ipa, or zero. */
static void expect_z_elem(unsigned n, unsigned e, unsigned ebytes, uint64_t ipa, int on)
{
	uint8_t want[8] = { 0 };

	if (on)
		gp_read(ipa, want, ebytes);
	for (unsigned b = 0; b < ebytes; b++)
		if (!EXPECT_EQ(sve.z[n][e * ebytes + b], want[b]))
			return;
}

static void pages(void)
{
	nisv_result r;
	nisv_status st;

	tcase("multi: ld1d {z0.d-z3.d} at VL 2048 across two RAM pages: 1 KiB from both");
	multi_guest(2048, 2048, 0);
	set_pn(8, 0x8008);
	R(1) = DATA2_VA + 0x1000 - 0x100 + 4 * 256; /* #-4, mul vl: EA 0x100 before the boundary */
	st = run(F_LD1D_4_IMM.word, &r);
	EXPECT_OK_REGS(st, 0);
	for (unsigned k = 0; k < 128; k += 7)
		expect_z_elem(k / 32, k % 32, 8, DATA_PA + 0x2000 + 0x1000 - 0x100 + k * 8, 1);
	expect_z_elem(3, 31, 8, DATA_PA + 0x2000 + 0x1000 - 0x100 + 127 * 8, 1);

	/* VL 256: elements of 8 bytes at -24, -16, -8 before the unmapped page, then 0, 8, ... */
	tcase("multi: ld1d {z0.d-z1.d} into an unmapped page: fault at its first byte, nothing done");
	multi_guest(256, 256, 0);
	set_pn(8, 0x8008);
	R(1) = DATA_VA + 0x1000 - 24;
	st = run(F_LD1D_2.word, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 3, esr_of(EC_DABT_CUR, FSC_TRANS(3)), DATA_VA + 0x1000);

	tcase("multi: the same with count 3: only the mapped elements are active, loaded; the rest zero");
	multi_guest(256, 256, 0);
	set_pn(8, raw_count(64, 3, 0));
	R(1) = DATA_VA + 0x1000 - 24;
	st = run(F_LD1D_2.word, &r);
	EXPECT_OK_REGS(st, 0);
	for (unsigned k = 0; k < 8; k++)
		expect_z_elem(k / 4, k % 4, 8, DATA_PA + 0x1000 - 24 + k * 8, k < 3);

	tcase("multi: inverted count 5: the first active element (register 1, element 1) gives FAR");
	multi_guest(256, 256, 0);
	set_pn(8, raw_count(64, 5, 1));
	R(1) = DATA_VA + 0x1000 - 24;
	st = run(F_LD1D_2.word, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 3, esr_of(EC_DABT_CUR, FSC_TRANS(3)), DATA_VA + 0x1000 + 16);

	tcase("multi: a misaligned element straddling into the unmapped page faults at the page");
	multi_guest(256, 256, 0);
	set_pn(8, 0x8008);
	R(1) = DATA_VA + 0x1000 - 20; /* element 2 at -4 */
	st = run(F_LD1D_2.word, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 3, esr_of(EC_DABT_CUR, FSC_TRANS(3)), DATA_VA + 0x1000);

	tcase("multi: ... and with that element inactive, at the next active one");
	set_pn(8, raw_count(64, 3, 1)); /* elements 3.. active */
	st = run(F_LD1D_2.word, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 3, esr_of(EC_DABT_CUR, FSC_TRANS(3)), DATA_VA + 0x1000 + 4);

	tcase("multi: st1b into an unmapped page: a write fault, nothing written");
	multi_guest(128, 128, 0);
	set_pn(8, 0x8001);
	R(1) = DATA_VA + 0x1000 - 8;
	st = run(F_ST1B_2.word, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 3, esr_of(EC_DABT_CUR, FSC_TRANS(3) | ISS_WNR),
	             DATA_VA + 0x1000);

	tcase("multi: a misaligned ld1w on Device memory: alignment fault at the first active element");
	multi_guest(128, 128, 0);
	set_pn(8, raw_count(32, 2, 1)); /* elements 2.. */
	R(1) = DEV_VA + 2;
	st = run(F_LD1W_2.word, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_ALIGNMENT, 0, esr_of(EC_DABT_CUR, FSC_ALIGN), DEV_VA + 2 + 8);
}

/* ------------------------------------------------------------------------ */
/* Trap reports and nisv_describe                                            */
/* ------------------------------------------------------------------------ */

static void reports(void)
{
	nisv_abort a = { .esr = esr_of(EC_DABT_LOW, 0), .flags = NISV_ABORT_FAR_VALID };
	nisv_description desc;
	nisv_result r;
	nisv_status st;

	tcase("multi: a report at an inactive element (byte 25 of count 20) is stale");
	multi_guest(128, 128, 0);
	gp_w32(CODE_PA, F_LD1B_2.word);
	set_pn(8, 20u << 1 | 1);
	R(1) = DEV_VA;
	a.ipa = IPA_DEV0 + 25, a.far = DEV_VA + 25;
	st = run_abort(&a, &r);
	EXPECT_EQ(st, NISV_RETRY);
	EXPECT_NOTHING_DONE();

	tcase("multi: a report at an active element of the second register is finished");
	a.ipa = IPA_DEV0 + 17, a.far = DEV_VA + 17;
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(G.dev[0].ncalls, 20);
	EXPECT_EQ(sve.z[1][3], G.dev[0].mem[19]);
	EXPECT_EQ(sve.z[1][4], 0);

	tcase("multi: a report whose FAR no active element holds is stale");
	multi_guest(128, 128, 1);
	gp_w32(CODE_PA, F_LD1B_S4_REG.word);
	set_pn(13, raw_count(8, 50, 0));
	R(1) = DEV_VA;
	R(2) = 0;
	a.ipa = IPA_DEV0 + 10, a.far = DEV_VA + 60;
	st = run_abort(&a, &r);
	EXPECT_EQ(st, NISV_RETRY);

	tcase("multi: nisv_describe names the strided registers and PN13");
	multi_guest(128, 128, 1);
	set_pn(13, 0x8001);
	R(1) = DEV_VA;
	R(2) = 4;
	st = nisv_describe(&G.v, F_LD1B_S4_REG.word, &desc, &r);
	EXPECT_EQ(st, NISV_OK);
	EXPECT_EQ(desc.va, DEV_VA + 4);
	EXPECT_EQ(desc.len, 64);
	EXPECT_EQ(desc.vregs_written, 1u << 16 | 1u << 20 | 1u << 24 | 1u << 28);
	EXPECT_EQ(desc.vregs_read, 0);
	EXPECT_EQ(desc.pregs_read, 1u << 13);
	EXPECT_EQ(desc.regs_read, BIT(1) | BIT(2));
}

void tests_sve_multi(void)
{
	device_cases();
	counters();
	modes();
	pages();
	reports();
}
