/*
 * SME loads and stores (FEAT_SME), and the contiguous SVE classes run in
 * streaming mode; sgen.vl is the streaming vector length (SVL) here.
 *
 *   LD1B/H/W/D (tile): 1110000 0 msz 0 Rm V Rs Pg Rn 0 ZAt:off   ("LD1B (scalar
 *   ST1B/H/W/D (tile): 1110000 0 msz 1 Rm V Rs Pg Rn 0 ZAt:off    plus scalar,
 *   LD1Q, ST1Q       : 1110000 1 11 L/S Rm V Rs Pg Rn 0 ZAt        tile slice)")
 *   LDR ZA           : 1110000 1 00 0 00000 0 Rv 000 Rn 0 off4   ("LDR (array
 *   STR ZA           : 1110000 1 00 1 00000 0 Rv 000 Rn 0 off4    vector)")
 *
 * A tile slice ZA<t><H|V>.<T>[Wv, #offs] (Wv = W12 + Rs) of an element
 * size E = 1 << msz: tile t < E, offs < 16 / E (the 4-bit field holds
 * both), slice (UInt(Wv) + offs) MOD (SVL / E); [Xn|SP, Xm, LSL #msz], the
 * Xm omitted (Rm = 31) 1 in 4. Accessed like LD1/ST1 of one register of
 * SVL / E elements governed by Pg (LD1Q: predicate bit 16 * e). LDR/STR ZA
 * move ZA array vector (UInt(Wv) + off4) MOD (SVL / 8) from or to [Xn|SP,
 * #off4, MUL VL] (SVL / 8 bytes, a byte loop like LDR Z); they need
 * PSTATE.ZA only, so they also run out of streaming mode (half the time).
 * Tile slices need PSTATE.SM and ZA. The streaming classes call the SVE
 * generators (LD1R and LD1RQ too: legal in streaming mode) with PSTATE.SM
 * set and ZA on half the time; first-fault, non-fault, LD1RO, gathers and
 * scatters are not legal there (without FEAT_SME_FA64).
 */
#include <string.h>

#include "sgen.h"

static const char *const tile_mn[2][5] = {{"ld1b", "ld1h", "ld1w", "ld1d", "ld1q"},
                                          {"st1b", "st1h", "st1w", "st1d", "st1q"}};

/* The SVE classes of the streaming families: generator and argument. */
struct inner {
	void (*gen)(struct sgen *g, struct scase *c, unsigned arg);
	unsigned arg;
};
static const struct inner stream_ld[] = {
	{gen_cont, G_ARG(CF_LD1)},   {gen_cont, G_ARG(CF_LD1) | G_REG},   {gen_cont, G_ARG(CF_LDNT1)},
	{gen_cont, G_ARG(CF_LDNT1) | G_REG}, {gen_ldn, 0},                {gen_ldn, G_REG},
	{gen_ldr, 0},                {gen_ldr, G_PREG},                   {gen_ld1r, 0},
	{gen_ld1rqo, G_ARG(16)},     {gen_ld1rqo, G_ARG(16) | G_REG},
};
static const struct inner stream_st[] = {
	{gen_cont, G_ARG(CF_ST1)},   {gen_cont, G_ARG(CF_ST1) | G_REG}, {gen_cont, G_ARG(CF_STNT1)},
	{gen_cont, G_ARG(CF_STNT1) | G_REG}, {gen_ldn, G_STORE},        {gen_ldn, G_STORE | G_REG},
	{gen_ldr, G_STORE},          {gen_ldr, G_STORE | G_PREG},
};

static void gen_tile(struct sgen *g, struct scase *c, int store)
{
	unsigned msz = (unsigned)rnd_below(g->r, 5), field;

	c->shape = SK_CONT;
	c->store = (uint8_t)store;
	c->msz = c->esz = (uint8_t)msz;
	c->nregs = 1;
	c->mn = tile_mn[store][msz];
	c->za_kind = chance(g->r, 1, 2) ? ZK_V : ZK_H;
	c->tile = (uint8_t)rnd_below(g->r, 1u << msz);
	c->zoff = msz < 4 ? (uint8_t)rnd_below(g->r, 16u >> msz) : 0;
	c->wv = (uint8_t)(12 + rnd_below(g->r, 4));
	c->st.svcr = RS_SVCR_SM | RS_SVCR_ZA;
	pick_operands(g, c, 1, 1);
	if (chance(g->r, 1, 4))
		c->rm = XZR;
	field = msz < 4 ? (unsigned)c->tile << (4 - msz) | c->zoff : c->tile;
	c->word = (msz < 4 ? 0xe0000000u | msz << 22 : 0xe1c00000u) | (uint32_t)store << 21 | (uint32_t)c->rm << 16 |
	          (uint32_t)(c->za_kind == ZK_V) << 15 | (uint32_t)(c->wv - 12) << 13 | (uint32_t)c->pg << 10 |
	          (uint32_t)c->rn << 5 | field;
}

static void gen_array(struct sgen *g, struct scase *c, int store)
{
	c->shape = SK_LDR;
	c->store = (uint8_t)store;
	c->nregs = 1;
	c->mn = store ? "str" : "ldr";
	c->za_kind = ZK_ARRAY;
	c->zoff = (uint8_t)rnd_below(g->r, 16);
	c->wv = (uint8_t)(12 + rnd_below(g->r, 4));
	c->st.svcr = RS_SVCR_ZA | (chance(g->r, 1, 2) ? RS_SVCR_SM : 0);
	pick_operands(g, c, 0, 0);
	c->off = (int64_t)c->zoff * g->vl;
	c->word = (store ? 0xe1200000u : 0xe1000000u) | (uint32_t)(c->wv - 12) << 13 | (uint32_t)c->rn << 5 | c->zoff;
}

void gen_sme(struct sgen *g, struct scase *c, unsigned arg)
{
	int store = (arg & G_STORE) != 0;
	const struct inner *in;

	switch (G_VALUE(arg)) {
	case SF_TILE:
		gen_tile(g, c, store);
		break;
	case SF_ARRAY:
		gen_array(g, c, store);
		break;
	default:
		in = store ? &stream_st[rnd_below(g->r, sizeof stream_st / sizeof stream_st[0])]
		           : &stream_ld[rnd_below(g->r, sizeof stream_ld / sizeof stream_ld[0])];
		in->gen(g, c, in->arg);
		c->st.svcr = RS_SVCR_SM | (chance(g->r, 1, 2) ? RS_SVCR_ZA : 0);
		break;
	}
}

void sme_finish(struct sgen *g, struct scase *c, unsigned nsvl, uint8_t (*za)[256])
{
	unsigned rows = c->vl, n; /* ZA: SVL / 8 vectors of SVL / 8 bytes */

	c->zvl = c->st.svcr & RS_SVCR_SM ? c->vl : nsvl;
	if (c->st.svcr & RS_SVCR_SM) /* SMSTART SM zeroes FFR, inaccessible now */
		memset(c->st.ffr, 0, sizeof c->st.ffr);
	if (c->st.svcr & RS_SVCR_ZA) {
		c->st.za = za;
		for (unsigned r = 0; r < rows; r++)
			rng_fill(g->r, za[r], rows);
	}
	if (c->za_kind == ZK_NONE)
		return;
	n = c->za_kind == ZK_ARRAY ? rows : rows >> c->esz;
	c->slice = (unsigned)(((uint64_t)(uint32_t)c->st.x[c->wv] + c->zoff) % n);
}
