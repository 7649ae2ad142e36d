/*
 * Contiguous stores: ST1B/H/W/D incl. the truncating forms (ST1B {z.h},
 * ST1H {z.d}, ...), and STNT1B/H/W/D; scalar plus immediate and scalar plus
 * scalar.
 *
 *   ST1   imm: 1110010 msz size 0 imm4 111 Pg Rn Zt   (size >= msz)
 *   ST1   reg: 1110010 msz size Rm     010 Pg Rn Zt
 *   STNT1 imm: 1110010 msz 00 1 imm4   111 Pg Rn Zt
 *   STNT1 reg: 1110010 msz 00 Rm       011 Pg Rn Zt
 * (ST1D with size 10 is SVE2.1's ST1D {z.q}: not generated.)
 */
#include "sgen.h"

static uint32_t ops(const struct scase *c)
{
	return (uint32_t)c->pg << 10 | (uint32_t)c->rn << 5 | c->zt;
}

static void st1(struct sgen *g, struct scase *c, int reg)
{
	static const uint8_t forms[10][2] = {{0, 0}, {0, 1}, {0, 2}, {0, 3}, {1, 1}, {1, 2}, {1, 3}, {2, 2}, {2, 3}, {3, 3}};
	static const char *const mn[4] = {"st1b", "st1h", "st1w", "st1d"};
	const uint8_t *f = forms[rnd_below(g->r, 10)];
	int64_t imm = rnd_range(g->r, -8, 7);

	c->shape = SK_CONT;
	c->store = 1;
	c->msz = f[0];
	c->esz = f[1];
	c->nregs = 1;
	c->mn = mn[c->msz];
	pick_operands(g, c, 1, reg);
	if (reg) {
		c->word = 0xe4004000u | (uint32_t)c->msz << 23 | (uint32_t)c->esz << 21 | (uint32_t)c->rm << 16 | ops(c);
	} else {
		c->off = imm * (int64_t)mul_vl_bytes(g, c->esz, c->msz, 1);
		c->word = 0xe400e000u | (uint32_t)c->msz << 23 | (uint32_t)c->esz << 21 | (uint32_t)(imm & 15) << 16 | ops(c);
	}
}

static void stnt1(struct sgen *g, struct scase *c, int reg)
{
	static const char *const mn[4] = {"stnt1b", "stnt1h", "stnt1w", "stnt1d"};
	unsigned msz = (unsigned)rnd_below(g->r, 4);
	int64_t imm = rnd_range(g->r, -8, 7);

	c->shape = SK_CONT;
	c->store = 1;
	c->msz = c->esz = (uint8_t)msz;
	c->nregs = 1;
	c->mn = mn[msz];
	pick_operands(g, c, 1, reg);
	if (reg) {
		c->word = 0xe4006000u | msz << 23 | (uint32_t)c->rm << 16 | ops(c);
	} else {
		c->off = imm * (int64_t)mul_vl_bytes(g, msz, msz, 1);
		c->word = 0xe410e000u | msz << 23 | (uint32_t)(imm & 15) << 16 | ops(c);
	}
}

void gen_st1_imm(struct sgen *g, struct scase *c)
{
	st1(g, c, 0);
}

void gen_st1_reg(struct sgen *g, struct scase *c)
{
	st1(g, c, 1);
}

void gen_stnt1_imm(struct sgen *g, struct scase *c)
{
	stnt1(g, c, 0);
}

void gen_stnt1_reg(struct sgen *g, struct scase *c)
{
	stnt1(g, c, 1);
}
