/*
 * Load and replicate: LD1RB/H/W/D/SB/SH/SW ([Xn|SP, #imm6 * msize]),
 * LD1RQB/H/W/D (16 bytes, replicated to every quadword) and LD1ROB/H/W/D
 * (32 bytes, FEAT_F64MM; UNDEFINED when VL < 256), both forms.
 *
 *   LD1R*      : 1000010 dtypeh:2 1 imm6 1 dtypel:2 Pg Rn Zt
 *   LD1RQ imm  : 1010010 msz 00 0 imm4 001 Pg Rn Zt   (imm4 * 16)
 *   LD1RQ reg  : 1010010 msz 00 Rm     000 Pg Rn Zt
 *   LD1RO imm  : 1010010 msz 01 0 imm4 001 Pg Rn Zt   (imm4 * 32)
 *   LD1RO reg  : 1010010 msz 01 Rm     000 Pg Rn Zt
 */
#include "sgen.h"

void gen_ld1r(struct sgen *g, struct scase *c, unsigned arg)
{
	unsigned dt = (unsigned)rnd_below(g->r, 16);
	const struct sve_dtype *d = &sve_dtypes[dt];
	unsigned imm6 = (unsigned)rnd_below(g->r, 64);

	(void)arg;
	c->shape = SK_REPL;
	c->rbytes = 0;
	c->msz = d->msz;
	c->esz = d->esz;
	c->sgn = d->sgn;
	c->nregs = 1;
	c->mn = d->mn[MN_LD1R];
	pick_operands(g, c, 1, 0);
	c->off = (int64_t)imm6 << d->msz;
	c->word = 0x84408000u | (dt >> 2) << 23 | imm6 << 16 | (dt & 3) << 13 | (uint32_t)c->pg << 10 |
	          (uint32_t)c->rn << 5 | c->zt;
}

void gen_ld1rqo(struct sgen *g, struct scase *c, unsigned arg)
{
	static const char *const mn[2][4] = {{"ld1rqb", "ld1rqh", "ld1rqw", "ld1rqd"},
	                                     {"ld1rob", "ld1roh", "ld1row", "ld1rod"}};
	unsigned bytes = G_VALUE(arg), msz = (unsigned)rnd_below(g->r, 4), o = bytes == 32;
	int64_t imm = rnd_range(g->r, -8, 7);
	int reg = (arg & G_REG) != 0;
	uint32_t w;

	c->shape = SK_REPL;
	c->rbytes = (uint8_t)bytes;
	c->msz = c->esz = (uint8_t)msz;
	c->nregs = 1;
	c->mn = mn[o][msz];
	pick_operands(g, c, 1, reg);
	w = 0xa4000000u | msz << 23 | o << 21 | (uint32_t)c->pg << 10 | (uint32_t)c->rn << 5 | c->zt;
	if (reg) {
		c->word = w | (uint32_t)c->rm << 16;
	} else {
		c->off = imm * (int64_t)bytes;
		c->word = w | 0x2000u | (uint32_t)(imm & 15) << 16;
	}
}
