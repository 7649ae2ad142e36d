/*
 * First-fault and non-fault contiguous loads, every dtype (LD1's table:
 * B/H/W/D, the widening and the sign-extending forms):
 *
 *   LDFF1 reg: 1010010 dtype:4 Rm   011 Pg Rn Zt   [Xn|SP{, Xm, LSL #msz}]
 *   LDNF1 imm: 1010010 dtype:4 1 imm4 101 Pg Rn Zt  [Xn|SP{, #imm, MUL VL}]
 *
 * LDFF1's Rm may be XZR (offset 0; "LDFF1B (scalar plus scalar)" has no
 * "Rm == '11111'" UNDEFINED, unlike LD1B), 1 in 8 here. The outcome is
 * judged by the permitted-outcome rule of ffjudge.c, not by equality.
 */
#include "sgen.h"

static const char *const ff_mn[16] = {
	"ldff1b", "ldff1b", "ldff1b", "ldff1b",  "ldff1sw", "ldff1h",  "ldff1h",  "ldff1h",
	"ldff1sh", "ldff1sh", "ldff1w", "ldff1w", "ldff1sb", "ldff1sb", "ldff1sb", "ldff1d",
};
static const char *const nf_mn[16] = {
	"ldnf1b", "ldnf1b", "ldnf1b", "ldnf1b",  "ldnf1sw", "ldnf1h",  "ldnf1h",  "ldnf1h",
	"ldnf1sh", "ldnf1sh", "ldnf1w", "ldnf1w", "ldnf1sb", "ldnf1sb", "ldnf1sb", "ldnf1d",
};

static unsigned dtype(struct sgen *g, struct scase *c)
{
	unsigned dt = (unsigned)rnd_below(g->r, 16);
	const struct sve_dtype *d = &sve_dtypes[dt];

	c->shape = SK_CONT;
	c->msz = d->msz;
	c->esz = d->esz;
	c->sgn = d->sgn;
	c->nregs = 1;
	return dt;
}

void gen_ldff1_reg(struct sgen *g, struct scase *c)
{
	unsigned dt = dtype(g, c);

	c->ff = FF_FIRST;
	c->mn = ff_mn[dt];
	pick_operands(g, c, 1, 1);
	if (chance(g->r, 1, 8))
		c->rm = XZR;
	c->word = 0xa4006000u | dt << 21 | (uint32_t)c->rm << 16 | (uint32_t)c->pg << 10 | (uint32_t)c->rn << 5 | c->zt;
}

void gen_ldnf1_imm(struct sgen *g, struct scase *c)
{
	unsigned dt = dtype(g, c);
	int64_t imm = rnd_range(g->r, -8, 7);

	c->ff = FF_NON;
	c->mn = nf_mn[dt];
	pick_operands(g, c, 1, 0);
	c->off = imm * (int64_t)mul_vl_bytes(g, c->esz, c->msz, 1);
	c->word = 0xa410a000u | dt << 21 | (uint32_t)(imm & 15) << 16 | (uint32_t)c->pg << 10 | (uint32_t)c->rn << 5 |
	          c->zt;
}
