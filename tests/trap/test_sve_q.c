/*
 * SVE2.1 128-bit element loads and stores on the trap path: LD1W/LD1D into
 * and ST1W/ST1D from .Q elements, LD2Q-LD4Q/ST2Q-ST4Q (quadword
 * structures) and the LD1Q/ST1Q gather and scatter. The expected
 * registers, device calls and memory come from a model written here from
 * the Arm ARM pseudocode, not from nisv: "LD1W (scalar plus immediate,
 * single register)" (128-bit element: each active element e, in order,
 * Mem[addr, 4] zero-extended to 128 bits, addr advancing by 4 whether
 * active or not), "LD2Q (scalar plus scalar)" ("for e ... for r ...": the
 * quadwords of structure e one after another), "LD1Q" (element e at
 * Elem[Zn, 2 * e, 64] + X[m], Mem[addr, 16]), ActivePredicateElement(mask,
 * e, 128) (bit 16 * e of the predicate).
 *
 * No CPU oracle: Debian's qemu 7.2 and 10.0 (-cpu max) do not implement
 * SVE2.1, so these instructions are UNDEFINED there.
 */
#include <string.h>

#include "sve_guest.h"

/* The forms, decoded by hand from their Arm ARM encodings. */
struct form {
	uint32_t word;
	const char *text;
	int load;
	unsigned t, g, nreg, mbytes; /* mbytes: 4 (W), 8 (D), 16 (the quadword forms) */
	int m;                       /* Xm: 2, or 31 (XZR); 0: scalar plus immediate */
	int offset;                  /* SInt(imm4) (the printed #imm is offset * nreg) */
};

#define F(name, word, text, load, t, g, nreg, mbytes, m, offset) \
	static const struct form name = { word, text, load, t, g, nreg, mbytes, m, offset }
F(F_LD1W_Q, 0xa5102020u, "ld1w {z0.q}, p0/z, [x1]", 1, 0, 0, 1, 4, 0, 0);
F(F_LD1D_Q, 0xa5828423u, "ld1d {z3.q}, p1/z, [x1, x2, lsl #3]", 1, 3, 1, 1, 8, 2, 0);
F(F_ST1W_Q, 0xe501e022u, "st1w {z2.q}, p0, [x1, #1, mul vl]", 0, 2, 0, 1, 4, 0, 1);
F(F_ST1D_Q, 0xe5c24824u, "st1d {z4.q}, p2, [x1, x2, lsl #3]", 0, 4, 2, 1, 8, 2, 0);
F(F_LD2Q, 0xa491e020u, "ld2q {z0.q, z1.q}, p0/z, [x1, #2, mul vl]", 1, 0, 0, 2, 16, 0, 1);
F(F_LD3Q, 0xa510e03eu, "ld3q {z30.q, z31.q, z0.q}, p0/z, [x1]", 1, 30, 0, 3, 16, 0, 0);
F(F_LD4Q, 0xa5a28c24u, "ld4q {z4.q-z7.q}, p3/z, [x1, x2, lsl #4]", 1, 4, 3, 4, 16, 2, 0);
F(F_LD4Q_0, 0xa590e020u, "ld4q {z0.q-z3.q}, p0/z, [x1]", 1, 0, 0, 4, 16, 0, 0);
F(F_ST2Q, 0xe4620028u, "st2q {z8.q, z9.q}, p0, [x1, x2, lsl #4]", 0, 8, 0, 2, 16, 2, 0);
F(F_ST3Q, 0xe48f0021u, "st3q {z1.q-z3.q}, p0, [x1, #-3, mul vl]", 0, 1, 0, 3, 16, 0, -1);
F(F_ST4Q, 0xe4c0003cu, "st4q {z28.q-z31.q}, p0, [x1]", 0, 28, 0, 4, 16, 0, 0);
/* the gather and scatter: Zn = z1 */
F(F_LD1Q, 0xc402a020u, "ld1q {z0.q}, p0/z, [z1.d, x2]", 1, 0, 0, 1, 16, 2, 0);
F(F_LD1Q_XZR, 0xc41fb025u, "ld1q {z5.q}, p4/z, [z1.d]", 1, 5, 4, 1, 16, 31, 0);
F(F_ST1Q_XZR, 0xe43f2020u, "st1q {z0.q}, p0, [z1.d]", 0, 0, 0, 1, 16, 31, 0);
F(F_ST1Q, 0xe4222422u, "st1q {z2.q}, p1, [z1.d, x2]", 0, 2, 1, 1, 16, 2, 0);

static int is_gather(const struct form *f)
{
	return (f->word & 0xff00e000u) == 0xc400a000u || (f->word & 0xff20e000u) == 0xe4202000u;
}

static struct nisv_sve_state sve, before;

/* sve_guest at vl_bits, SME's every length implemented too, SMCR_EL1 asking
 * for vl_bits as well. */
static void q_guest(unsigned vl_bits)
{
	sve_guest(&sve, vl_bits, 0xffff);
	R(NISV_SMCR_EL1) = vl_bits / 128 - 1;
}

/* P[g] with the .Q elements of mask active (bit 16 * e, "ActivePredicateElement(mask, e, 128)")
 * and every other bit set too: they govern nothing. */
static void set_pred_q(unsigned g, unsigned mask)
{
	memset(sve.p[g], 0, sizeof sve.p[g]);
	for (unsigned bit = 0; bit < 256; bit++)
		if (bit % 16 ? bit % 3 == 0 : mask >> (bit / 16) & 1)
			sve.p[g][bit / 8] |= (uint8_t)(1u << bit % 8);
}

/* Zn.D element k (the LD1Q/ST1Q bases are the even ones). */
static void z1_dword(unsigned k, uint64_t val)
{
	for (unsigned i = 0; i < 8; i++)
		sve.z[1][8 * k + i] = (uint8_t)(val >> 8 * i);
}

/* The address of element e, register r of f (the model). */
static uint64_t element_addr(const struct form *f, unsigned vl_bits, unsigned e, unsigned r)
{
	uint64_t xm = f->m == 2 ? R(2) : 0, base;
	unsigned elements = vl_bits / 128;

	if (is_gather(f)) {
		base = 0;
		for (unsigned i = 0; i < 8; i++)
			base |= (uint64_t)before.z[1][16 * e + i] << 8 * i; /* Elem[base, 2*e, 64] */
		return base + xm;
	}
	base = R(1) + (f->m ? xm * f->mbytes
	                    : (uint64_t)((int64_t)f->offset * f->nreg * (int64_t)(elements * f->mbytes)));
	return base + (uint64_t)(e * f->nreg + r) * f->mbytes;
}

/*
 * Run f at VL vl_bits with the .Q elements of mask active, every element on
 * device d at addresses the model computes from the registers: each active
 * element (in element order, then register order) is one device call of
 * its memory size; loaded elements zero-extended, inactive ones zero;
 * stored bytes only where active elements are.
 */
static void check_device(const struct form *f, unsigned vl_bits, unsigned mask, uint64_t dev_va, unsigned d)
{
	unsigned elements = vl_bits / 128, calls = 0;
	static uint8_t dev_before[DEV_SIZE], want[DEV_SIZE];
	nisv_result r;
	nisv_status st;

	set_pred_q(f->g, mask);
	before = sve;
	memcpy(dev_before, G.dev[d].mem, DEV_SIZE);
	memcpy(want, dev_before, DEV_SIZE);
	st = run(f->word, &r);
	EXPECT_OK_REGS(st, 0);
	for (unsigned e = 0; e < elements; e++)
		for (unsigned reg = 0; reg < f->nreg; reg++) {
			unsigned n = (f->t + reg) % 32;
			uint64_t off = element_addr(f, vl_bits, e, reg) - dev_va; /* an inactive one's: unused */
			int on = mask >> e & 1;

			if (on && calls < 64)
				EXPECT_DEVCALL(d, calls, !f->load, off, f->mbytes);
			calls += (unsigned)on;
			if (on && !f->load)
				memcpy(&want[off], &before.z[n][16 * e], f->mbytes);
			for (unsigned b = 0; f->load && b < 16; b++)
				if (!EXPECT_EQ(sve.z[n][16 * e + b], on && b < f->mbytes ? dev_before[off + b] : 0))
					return;
		}
	EXPECT_EQ(G.dev[d].ncalls, calls);
	EXPECT_EQ(memcmp(G.dev[d].mem, want, DEV_SIZE), 0);
	for (unsigned n = 0; n < 32; n++)
		if (!f->load || (n - f->t) % 32 >= f->nreg)
			EXPECT_EQ(memcmp(sve.z[n], before.z[n], sizeof sve.z[n]), 0);
}

struct dev_case {
	const char *name;
	const struct form *f;
	unsigned vl_bits, mask;
	uint64_t x1_off, x2;
};

static const struct dev_case dev_cases[] = {
	{ "words zero-extended into .q elements 0 and 1", &F_LD1W_Q, 256, 0x3, 0x10, 0 },
	{ "element 1 inactive: zero, and its word not read", &F_LD1W_Q, 512, 0xd, 0x40, 0 },
	{ "doublewords into .q, [x1, x2, lsl #3]", &F_LD1D_Q, 512, 0xb, 0x100, 3 },
	{ "the low word of each active .q element, #1, mul vl", &F_ST1W_Q, 512, 0x9, 0x200, 0 },
	{ "the low doubleword of each active .q element", &F_ST1D_Q, 256, 0x2, 0x80, 2 },
	{ "two-quadword structures, #2, mul vl", &F_LD2Q, 256, 0x3, 0x20, 0 },
	{ "three registers wrapping z31 -> z0, element 0 inactive", &F_LD3Q, 384, 0x6, 0x300, 0 },
	{ "four registers, [x1, x2, lsl #4]", &F_LD4Q, 512, 0xf, 0x100, 2 },
	{ "st2q: structures of the active elements", &F_ST2Q, 384, 0x5, 0x40, 1 },
	{ "st3q, #-3, mul vl", &F_ST3Q, 256, 0x3, 0x400, 0 },
	{ "st4q from z28-z31, element 1 only", &F_ST4Q, 256, 0x2, 0x500, 0 },
	{ "the largest: ld4q {z0.q-z3.q} at VL 2048, 1 KiB", &F_LD4Q_0, 2048, 0xffff, 0x100, 0 },
	{ "ld1w {z0.q} at VL 2048, every other element", &F_LD1W_Q, 2048, 0x5555, 0x40, 0 },
};

static void contiguous(void)
{
	for (size_t i = 0; i < sizeof dev_cases / sizeof dev_cases[0]; i++) {
		const struct dev_case *c = &dev_cases[i];
		tcasef("quad: %s: %s", c->f->text, c->name);
		q_guest(c->vl_bits);
		R(1) = DEV_VA + c->x1_off;
		R(2) = c->x2;
		check_device(c->f, c->vl_bits, c->mask, DEV_VA, 0);
	}
}

static void gathers(void)
{
	static const unsigned order[4] = { 3, 0, 2, 1 };
	nisv_result r;
	nisv_status st;

	tcase("quad: ld1q [z1.d, x2]: each quadword at its even doubleword base + x2, in element order");
	q_guest(512);
	R(2) = 0x40;
	for (unsigned e = 0; e < 4; e++) {
		z1_dword(2 * e, DEV_VA + 0x100 * order[e]);
		z1_dword(2 * e + 1, 0xdead0000 + e); /* the odd doublewords are not bases */
	}
	check_device(&F_LD1Q, 512, 0xf, DEV_VA, 0);

	tcase("quad: ld1q [z1.d] (XZR), over two devices, element 2 inactive");
	q_guest(512);
	z1_dword(0, DEV1_VA + 0x30);
	z1_dword(2, DEV_VA + 0x10);
	z1_dword(6, DEV1_VA + 0x80);
	set_pred_q(4, 0xb);
	before = sve;
	st = run(F_LD1Q_XZR.word, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(G.dev[1].ncalls, 2);
	EXPECT_EQ(G.dev[0].ncalls, 1);
	EXPECT_DEVCALL(1, 0, 0, 0x30, 16);
	EXPECT_DEVCALL(0, 0, 0, 0x10, 16);
	EXPECT_DEVCALL(1, 1, 0, 0x80, 16);
	EXPECT_EQ(memcmp(&sve.z[5][0], &G.dev[1].mem[0x30], 16), 0);
	EXPECT_EQ(memcmp(&sve.z[5][16], &G.dev[0].mem[0x10], 16), 0);
	EXPECT_EQ(memcmp(&sve.z[5][48], &G.dev[1].mem[0x80], 16), 0);
	for (unsigned b = 32; b < 48; b++)
		EXPECT_EQ(sve.z[5][b], 0);

	tcase("quad: st1q [z1.d]: the active quadwords, in element order");
	q_guest(256);
	z1_dword(0, DEV_VA + 0x200);
	z1_dword(2, DEV_VA + 0x100);
	check_device(&F_ST1Q_XZR, 256, 0x3, DEV_VA, 0);

	tcase("quad: st1q [z1.d, x2], element 0 inactive");
	q_guest(384);
	R(2) = 8;
	z1_dword(2, DEV1_VA + 0x18);
	z1_dword(4, DEV1_VA + 0x38);
	check_device(&F_ST1Q, 384, 0x6, DEV1_VA, 1);

	tcase("quad: ld1q at VL 2048: 16 quadwords");
	q_guest(2048);
	R(2) = 0;
	for (unsigned e = 0; e < 16; e++)
		z1_dword(2 * e, DEV_VA + 0x800 - 0x10 * (e + 1));
	check_device(&F_LD1Q, 2048, 0xffff, DEV_VA, 0);
}

static void modes_and_faults(void)
{
	nisv_abort a = { .esr = esr_of(EC_DABT_LOW, 0), .flags = NISV_ABORT_FAR_VALID };
	nisv_result r;
	nisv_status st;

	tcase("quad: ld1w {z0.q} in streaming mode: an SME trap nisv does not raise (CheckNonStreamingSVEEnabled)");
	q_guest(256);
	R(NISV_SVCR) = 1;
	R(1) = DEV_VA;
	set_pred_q(0, 1);
	st = run(F_LD1W_Q.word, &r);
	EXPECT_EQ(st, NISV_UNSUPPORTED);
	EXPECT_NOTHING_DONE();

	tcase("quad: st1q in streaming mode: the same");
	q_guest(256);
	R(NISV_SVCR) = 1;
	z1_dword(0, DEV_VA);
	set_pred_q(0, 1);
	st = run(F_ST1Q_XZR.word, &r);
	EXPECT_EQ(st, NISV_UNSUPPORTED);
	EXPECT_NOTHING_DONE();

	tcase("quad: ld2q in streaming mode runs with SVL (CheckSVEEnabled)");
	q_guest(512);
	R(NISV_SVCR) = 1;
	R(NISV_SMCR_EL1) = 0; /* SVL 128: one structure */
	R(1) = DEV_VA + 0x100 - 32; /* #2, mul vl: 2 x SVL/8 bytes */
	check_device(&F_LD2Q, 128, 0x1, DEV_VA, 0);

	tcase("quad: ld2q across into an unmapped page: fault at its first byte");
	q_guest(256);
	set_pred_q(0, 0x3);
	R(1) = DATA_VA + 0x1000 - 48 - 64; /* #2, mul vl: EA 48 before the page, structure 1 at -16 */
	st = run(F_LD2Q.word, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 3, esr_of(EC_DABT_CUR, FSC_TRANS(3)), DATA_VA + 0x1000);

	tcase("quad: ld2q with the crossing structure inactive: loaded, the rest zero");
	set_pred_q(0, 0x1);
	gp_w64(DATA_PA + 0x1000 - 48, 0x1122334455667788ull);
	st = run(F_LD2Q.word, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(sve.z[0][0], 0x88);
	EXPECT_EQ(sve.z[0][16], 0);
	EXPECT_EQ(sve.z[1][16], 0);

	tcase("quad: ld1q, element 1 on an unmapped page: fault at its address");
	q_guest(256);
	z1_dword(0, DEV_VA);
	z1_dword(2, DATA_VA + 0x1000 + 0x20);
	R(2) = 0;
	set_pred_q(0, 0x3);
	st = run(F_LD1Q.word, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_TRANSLATION, 3, esr_of(EC_DABT_CUR, FSC_TRANS(3)), DATA_VA + 0x1020);

	tcase("quad: ld1q, a quadword 8-aligned on Device memory: alignment fault at it");
	q_guest(256);
	z1_dword(0, DEV_VA + 0x40);
	z1_dword(2, DEV_VA + 0x48);
	R(2) = 0;
	set_pred_q(0, 0x3);
	st = run(F_LD1Q.word, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_ALIGNMENT, 0, esr_of(EC_DABT_CUR, FSC_ALIGN), DEV_VA + 0x48);

	tcase("quad: a report at an inactive structure of st2q is stale");
	q_guest(256);
	gp_w32(CODE_PA, F_ST2Q.word);
	R(1) = DEV_VA;
	R(2) = 0;
	set_pred_q(0, 0x2); /* structure 1: bytes 0x20-0x3f */
	a.esr = esr_of(EC_DABT_LOW, ISS_WNR);
	a.ipa = IPA_DEV0 + 0x10, a.far = DEV_VA + 0x10;
	st = run_abort(&a, &r);
	EXPECT_EQ(st, NISV_RETRY);
	EXPECT_NOTHING_DONE();

	tcase("quad: a report at the active structure is finished");
	a.ipa = IPA_DEV0 + 0x30, a.far = DEV_VA + 0x30;
	st = run_abort(&a, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(G.dev[0].ncalls, 2);
	EXPECT_DEVCALL(0, 0, 1, 0x20, 16);
	EXPECT_DEVCALL(0, 1, 1, 0x30, 16);
}

void tests_sve_q(void)
{
	contiguous();
	gathers();
	modes_and_faults();
}
