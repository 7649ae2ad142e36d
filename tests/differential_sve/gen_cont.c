/*
 * Contiguous loads and stores of one vector register: LD1B/H/W/D with the
 * widening and sign-extending forms (LD1SB/SH/SW), LDNT1, ST1 with the
 * truncating forms, STNT1, LDNF1 and LDFF1. Scalar plus immediate
 * ([Xn|SP, #imm, MUL VL], imm -8..7) and scalar plus scalar
 * ([Xn|SP, Xm, LSL #msz]; Xm != XZR but for LDFF1, where "LDFF1B (scalar
 * plus scalar)" has no "Rm == '11111'" UNDEFINED, unlike LD1B: 1 in 8
 * here). The families differ only in bits [24:21] (dtype, or msz:size)
 * and the opcode bits of each addressing form:
 *
 *   LD1   imm: 1010010 dtype:4 0 imm4 101 Pg Rn Zt
 *   LD1   reg: 1010010 dtype:4 Rm     010 Pg Rn Zt
 *   LDNT1 imm: 1010010 msz 000 imm4   111 Pg Rn Zt
 *   LDNT1 reg: 1010010 msz 00 Rm      110 Pg Rn Zt
 *   ST1   imm: 1110010 msz size 0 imm4 111 Pg Rn Zt   (size >= msz)
 *   ST1   reg: 1110010 msz size Rm     010 Pg Rn Zt
 *   STNT1 imm: 1110010 msz 00 1 imm4   111 Pg Rn Zt
 *   STNT1 reg: 1110010 msz 00 Rm       011 Pg Rn Zt
 *   LDNF1 imm: 1010010 dtype:4 1 imm4 101 Pg Rn Zt
 *   LDFF1 reg: 1010010 dtype:4 Rm     011 Pg Rn Zt
 * (ST1D with size 10 is SVE2.1's ST1D {z.q}: not generated.) LDFF1/LDNF1
 * are judged by the permitted-outcome rule of ffjudge.c, not by equality.
 */
#include "sgen.h"

const struct sve_dtype sve_dtypes[16] = {
	{0, 0, 0, {"ld1b", "ld1rb", "ldff1b", "ldnf1b"}},      {0, 1, 0, {"ld1b", "ld1rb", "ldff1b", "ldnf1b"}},
	{0, 2, 0, {"ld1b", "ld1rb", "ldff1b", "ldnf1b"}},      {0, 3, 0, {"ld1b", "ld1rb", "ldff1b", "ldnf1b"}},
	{2, 3, 1, {"ld1sw", "ld1rsw", "ldff1sw", "ldnf1sw"}},  {1, 1, 0, {"ld1h", "ld1rh", "ldff1h", "ldnf1h"}},
	{1, 2, 0, {"ld1h", "ld1rh", "ldff1h", "ldnf1h"}},      {1, 3, 0, {"ld1h", "ld1rh", "ldff1h", "ldnf1h"}},
	{1, 3, 1, {"ld1sh", "ld1rsh", "ldff1sh", "ldnf1sh"}},  {1, 2, 1, {"ld1sh", "ld1rsh", "ldff1sh", "ldnf1sh"}},
	{2, 2, 0, {"ld1w", "ld1rw", "ldff1w", "ldnf1w"}},      {2, 3, 0, {"ld1w", "ld1rw", "ldff1w", "ldnf1w"}},
	{0, 3, 1, {"ld1sb", "ld1rsb", "ldff1sb", "ldnf1sb"}},  {0, 2, 1, {"ld1sb", "ld1rsb", "ldff1sb", "ldnf1sb"}},
	{0, 1, 1, {"ld1sb", "ld1rsb", "ldff1sb", "ldnf1sb"}},  {3, 3, 0, {"ld1d", "ld1rd", "ldff1d", "ldnf1d"}},
};

/* A form of a family that is not indexed by dtype: bits [24:21], sizes. */
struct form {
	uint8_t v4, msz, esz;
	const char *mn;
};

static const struct form ldnt1_forms[] = {
	{0, 0, 0, "ldnt1b"}, {4, 1, 1, "ldnt1h"}, {8, 2, 2, "ldnt1w"}, {12, 3, 3, "ldnt1d"},
};
static const struct form stnt1_forms[] = {
	{0, 0, 0, "stnt1b"}, {4, 1, 1, "stnt1h"}, {8, 2, 2, "stnt1w"}, {12, 3, 3, "stnt1d"},
};
static const struct form st1_forms[] = {
	{0, 0, 0, "st1b"}, {1, 0, 1, "st1b"}, {2, 0, 2, "st1b"},  {3, 0, 3, "st1b"},  {5, 1, 1, "st1h"},
	{6, 1, 2, "st1h"}, {7, 1, 3, "st1h"}, {10, 2, 2, "st1w"}, {11, 2, 3, "st1w"}, {15, 3, 3, "st1d"},
};

struct family {
	uint32_t imm_op, reg_op; /* the word but bits [24:21] and the operands */
	const struct form *form; /* NULL: the 16 dtypes (sve_dtypes)         */
	unsigned nform;
	uint8_t store, ff;
	uint8_t mn;              /* dtype families: sve_dtypes' mnemonic (MN_*) */
};

#define FORMS(t) t, sizeof t / sizeof t[0]

static const struct family families[CF_COUNT] = {
	[CF_LD1] = {0xa400a000u, 0xa4004000u, NULL, 16, 0, FF_NONE, MN_LD1},
	[CF_LDNT1] = {0xa400e000u, 0xa400c000u, FORMS(ldnt1_forms), 0, FF_NONE, 0},
	[CF_ST1] = {0xe400e000u, 0xe4004000u, FORMS(st1_forms), 1, FF_NONE, 0},
	[CF_STNT1] = {0xe410e000u, 0xe4006000u, FORMS(stnt1_forms), 1, FF_NONE, 0},
	[CF_LDNF1] = {0xa410a000u, 0, NULL, 16, 0, FF_NON, MN_LDNF1},
	[CF_LDFF1] = {0, 0xa4006000u, NULL, 16, 0, FF_FIRST, MN_LDFF1},
};

/* A random form of f into c; returns the word's bits [24:21]. */
static uint32_t pick_form(struct sgen *g, const struct family *f, struct scase *c)
{
	unsigned i = (unsigned)rnd_below(g->r, f->nform);

	c->shape = SK_CONT;
	c->store = f->store;
	c->ff = f->ff;
	c->nregs = 1;
	if (!f->form) {
		c->msz = sve_dtypes[i].msz;
		c->esz = sve_dtypes[i].esz;
		c->sgn = sve_dtypes[i].sgn;
		c->mn = sve_dtypes[i].mn[f->mn];
		return i << 21;
	}
	c->msz = f->form[i].msz;
	c->esz = f->form[i].esz;
	c->mn = f->form[i].mn;
	return (uint32_t)f->form[i].v4 << 21;
}

static uint32_t ops(const struct scase *c)
{
	return (uint32_t)c->pg << 10 | (uint32_t)c->rn << 5 | c->zt;
}

void gen_cont(struct sgen *g, struct scase *c, unsigned arg)
{
	const struct family *f = &families[G_VALUE(arg)];
	int reg = (arg & G_REG) != 0;
	uint32_t w = pick_form(g, f, c);
	int64_t imm = rnd_range(g->r, -8, 7);

	pick_operands(g, c, 1, reg);
	if (reg) {
		c->word = f->reg_op | w | (uint32_t)c->rm << 16 | ops(c);
	} else {
		c->off = imm * (int64_t)mul_vl_bytes(g, c->esz, c->msz, 1);
		c->word = f->imm_op | w | (uint32_t)(imm & 15) << 16 | ops(c);
	}
}

void gen_ldff1(struct sgen *g, struct scase *c, unsigned arg)
{
	const struct family *f = &families[CF_LDFF1];
	uint32_t w = pick_form(g, f, c);

	(void)arg;
	pick_operands(g, c, 1, 1);
	if (chance(g->r, 1, 8))
		c->rm = XZR;
	c->word = f->reg_op | w | (uint32_t)c->rm << 16 | ops(c);
}
