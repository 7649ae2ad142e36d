/*
 * LDR/STR (vector) and (predicate): [Xn|SP, #imm9, MUL VL], imm9
 * -256..255 times VL/8 (Z) or VL/64 (P) bytes; no predicate, a byte loop
 * in the pseudocode (no alignment requirement on Normal memory).
 *
 *   LDR Z: 1000010 110 imm9h:6 010 imm9l:3 Rn Zt
 *   LDR P: 1000010 110 imm9h:6 000 imm9l:3 Rn 0 Pt
 *   STR Z: 1110010 110 imm9h:6 010 imm9l:3 Rn Zt
 *   STR P: 1110010 110 imm9h:6 000 imm9l:3 Rn 0 Pt
 */
#include "sgen.h"

void gen_ldr(struct sgen *g, struct scase *c, unsigned arg)
{
	int store = (arg & G_STORE) != 0, preg = (arg & G_PREG) != 0;
	int64_t imm;
	uint32_t u;

	/* mostly small multiples, so that some land in the buffer unscaled */
	imm = chance(g->r, 1, 2) ? rnd_range(g->r, -8, 7) : rnd_range(g->r, -256, 255);
	u = (uint32_t)imm & 0x1ff;
	c->shape = SK_LDR;
	c->store = (uint8_t)store;
	c->preg = (uint8_t)preg;
	c->nregs = 1;
	c->mn = store ? "str" : "ldr";
	pick_operands(g, c, 0, 0);
	if (preg)
		c->zt &= 15;
	c->off = imm * (int64_t)(preg ? g->vl / 8 : g->vl);
	c->word = (store ? 0xe5800000u : 0x85800000u) | (preg ? 0u : 0x4000u) | (u >> 3) << 16 | (u & 7) << 10 |
	          (uint32_t)c->rn << 5 | c->zt;
}
