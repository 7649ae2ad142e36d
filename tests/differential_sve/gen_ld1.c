/*
 * Contiguous loads: LD1B/H/W/D incl. the widening (LD1B {z.h}, ...) and
 * sign-extending (LD1SB/SH/SW) forms, and LDNT1B/H/W/D; each as scalar plus
 * immediate ([Xn|SP, #imm, MUL VL], imm -8..7) and scalar plus scalar
 * ([Xn|SP, Xm, LSL #msz], Xm != XZR).
 *
 *   LD1   imm: 1010010 dtype:4 0 imm4 101 Pg Rn Zt
 *   LD1   reg: 1010010 dtype:4 Rm     010 Pg Rn Zt
 *   LDNT1 imm: 1010010 msz 000 imm4   111 Pg Rn Zt
 *   LDNT1 reg: 1010010 msz 00 Rm      110 Pg Rn Zt
 */
#include "sgen.h"

const struct sve_dtype sve_dtypes[16] = {
	{0, 0, 0, "ld1b", "ld1rb"},   {0, 1, 0, "ld1b", "ld1rb"},   {0, 2, 0, "ld1b", "ld1rb"},
	{0, 3, 0, "ld1b", "ld1rb"},   {2, 3, 1, "ld1sw", "ld1rsw"}, {1, 1, 0, "ld1h", "ld1rh"},
	{1, 2, 0, "ld1h", "ld1rh"},   {1, 3, 0, "ld1h", "ld1rh"},   {1, 3, 1, "ld1sh", "ld1rsh"},
	{1, 2, 1, "ld1sh", "ld1rsh"}, {2, 2, 0, "ld1w", "ld1rw"},   {2, 3, 0, "ld1w", "ld1rw"},
	{0, 3, 1, "ld1sb", "ld1rsb"}, {0, 2, 1, "ld1sb", "ld1rsb"}, {0, 1, 1, "ld1sb", "ld1rsb"},
	{3, 3, 0, "ld1d", "ld1rd"},
};

static uint32_t ops(const struct scase *c)
{
	return (uint32_t)c->pg << 10 | (uint32_t)c->rn << 5 | c->zt;
}

static void ld1(struct sgen *g, struct scase *c, int reg)
{
	unsigned dt = (unsigned)rnd_below(g->r, 16);
	const struct sve_dtype *d = &sve_dtypes[dt];
	int64_t imm = rnd_range(g->r, -8, 7);

	c->shape = SK_CONT;
	c->msz = d->msz;
	c->esz = d->esz;
	c->sgn = d->sgn;
	c->nregs = 1;
	c->mn = d->ld1;
	pick_operands(g, c, 1, reg);
	if (reg) {
		c->word = 0xa4004000u | dt << 21 | (uint32_t)c->rm << 16 | ops(c);
	} else {
		c->off = imm * (int64_t)mul_vl_bytes(g, c->esz, c->msz, 1);
		c->word = 0xa400a000u | dt << 21 | (uint32_t)(imm & 15) << 16 | ops(c);
	}
}

static void ldnt1(struct sgen *g, struct scase *c, int reg)
{
	static const char *const mn[4] = {"ldnt1b", "ldnt1h", "ldnt1w", "ldnt1d"};
	unsigned msz = (unsigned)rnd_below(g->r, 4);
	int64_t imm = rnd_range(g->r, -8, 7);

	c->shape = SK_CONT;
	c->msz = c->esz = (uint8_t)msz;
	c->nregs = 1;
	c->mn = mn[msz];
	pick_operands(g, c, 1, reg);
	if (reg) {
		c->word = 0xa400c000u | msz << 23 | (uint32_t)c->rm << 16 | ops(c);
	} else {
		c->off = imm * (int64_t)mul_vl_bytes(g, msz, msz, 1);
		c->word = 0xa400e000u | msz << 23 | (uint32_t)(imm & 15) << 16 | ops(c);
	}
}

void gen_ld1_imm(struct sgen *g, struct scase *c)
{
	ld1(g, c, 0);
}

void gen_ld1_reg(struct sgen *g, struct scase *c)
{
	ld1(g, c, 1);
}

void gen_ldnt1_imm(struct sgen *g, struct scase *c)
{
	ldnt1(g, c, 0);
}

void gen_ldnt1_reg(struct sgen *g, struct scase *c)
{
	ldnt1(g, c, 1);
}
