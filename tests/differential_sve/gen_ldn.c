/*
 * Structure loads and stores LD2/LD3/LD4 and ST2/ST3/ST4 (B/H/W/D), scalar
 * plus immediate ([Xn|SP, #imm, MUL VL] with imm = imm4 * nregs) and scalar
 * plus scalar. Zt..Zt+n-1 wrap modulo 32.
 *
 *   LDn imm: 1010010 msz opc 0 imm4 111 Pg Rn Zt   (opc = n - 1)
 *   LDn reg: 1010010 msz opc Rm     110 Pg Rn Zt
 *   STn imm: 1110010 msz opc 1 imm4 111 Pg Rn Zt
 *   STn reg: 1110010 msz opc Rm     011 Pg Rn Zt
 */
#include "sgen.h"

static const char *const mnames[2][3][4] = {
	{{"ld2b", "ld2h", "ld2w", "ld2d"}, {"ld3b", "ld3h", "ld3w", "ld3d"}, {"ld4b", "ld4h", "ld4w", "ld4d"}},
	{{"st2b", "st2h", "st2w", "st2d"}, {"st3b", "st3h", "st3w", "st3d"}, {"st4b", "st4h", "st4w", "st4d"}},
};

void gen_ldn(struct sgen *g, struct scase *c, unsigned arg)
{
	int store = (arg & G_STORE) != 0, reg = (arg & G_REG) != 0;
	unsigned msz = (unsigned)rnd_below(g->r, 4), n = 2 + (unsigned)rnd_below(g->r, 3);
	uint32_t opc = n - 1, w;
	int64_t imm = rnd_range(g->r, -8, 7);

	c->shape = SK_CONT;
	c->store = (uint8_t)store;
	c->msz = c->esz = (uint8_t)msz;
	c->nregs = (uint8_t)n;
	c->mn = mnames[store][n - 2][msz];
	pick_operands(g, c, 1, reg);
	if (chance(g->r, 1, 4))
		c->zt = (uint8_t)(32 - rnd_range(g->r, 1, (int64_t)n - 1)); /* the list wraps past Z31 */
	w = (uint32_t)c->pg << 10 | (uint32_t)c->rn << 5 | c->zt | msz << 23 | opc << 21;
	if (reg) {
		c->word = (store ? 0xe4006000u : 0xa400c000u) | (uint32_t)c->rm << 16 | w;
	} else {
		c->off = imm * (int64_t)mul_vl_bytes(g, msz, msz, n);
		c->word = (store ? 0xe410e000u : 0xa400e000u) | (uint32_t)(imm & 15) << 16 | w;
	}
}
