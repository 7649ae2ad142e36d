/* Generators for the register-pair forms: LDP/STP, LDPSW, LDNP/STNP, STGP. */
#include "gen.h"

/* mode: 0 non-temporal offset, 1 post, 2 offset, 3 pre */
static void gen_pair(struct gen *g, struct tcase *t, unsigned opc, unsigned v, unsigned load, unsigned mode,
                     unsigned esz, unsigned scale, const char *what, int overlap_ok)
{
	unsigned rt, rt2, rn = (unsigned)rnd_below(g->r, 32);
	int wback = mode == 1 || mode == 3;
	int64_t imm = rnd_range(g->r, -64, 63), off = mode == 1 ? 0 : imm * scale;
	uint64_t base;
	uint32_t w;
	uint32_t avoid = (!v && wback && rn != 31 && !overlap_ok) ? 1u << rn : 0;

	if (chance(g->r, 1, 16) && (load || avoid)) {
		/* CONSTRAINED UNPREDICTABLE overlaps */
		t->flags |= CF_UNPRED;
		if (load && (!avoid || chance(g->r, 1, 2))) {
			rt = (unsigned)rnd_below(g->r, 32);
			rt2 = rt;
			t->note = "load pair with Rt == Rt2";
		} else {
			rt = chance(g->r, 1, 2) ? rn : (unsigned)rnd_below(g->r, 32);
			rt2 = rt == rn ? (unsigned)rnd_below(g->r, 32) : rn;
			t->note = load ? "load pair with writeback, Rn == Rt or Rt2" : "store pair with writeback, Rn == Rt or Rt2";
		}
	} else {
		rt = pick_reg(g->r, avoid);
		rt2 = pick_reg(g->r, avoid | (load ? 1u << rt : 0));
	}
	if (mode == 0 || mode == 2)
		wback = 0;
	w = opc << 30 | 5u << 27 | v << 26 | mode << 23 | load << 22 | ((uint32_t)imm & 0x7f) << 15 | rt2 << 10 |
	    rn << 5 | rt;
	base = place_base(g, off, off + 2 * (int64_t)esz, scale == 16 ? 16 : 1, rn);
	set_xn_sp(t, rn, base);
	set_access(t, base + (uint64_t)off, 2 * esz, !load);
	syn_access(t, 0, base + (uint64_t)off, 2 * esz, !load);
	t->rt = (uint8_t)rt;
	t->rt2 = (uint8_t)rt2;
	t->rn = (uint8_t)rn;
	t->what = what;
	single(t, w);
}

static unsigned pick_mode(struct gen *g)
{
	return 1 + (unsigned)rnd_below(g->r, 3); /* post, offset, pre */
}

int gen_ldp_stp(struct gen *g, struct tcase *t)
{
	unsigned x = (unsigned)rnd_below(g->r, 2), l = (unsigned)rnd_below(g->r, 2);

	gen_pair(g, t, x ? 2 : 0, 0, l, pick_mode(g), x ? 8 : 4, x ? 8 : 4,
	         l ? (x ? "LDP(X)" : "LDP(W)") : (x ? "STP(X)" : "STP(W)"), 0);
	return 0;
}

int gen_ldp_stp_fp(struct gen *g, struct tcase *t)
{
	static const char *const names[2][3] = {{"STP(S)", "STP(D)", "STP(Q)"}, {"LDP(S)", "LDP(D)", "LDP(Q)"}};
	unsigned opc = (unsigned)rnd_below(g->r, 3), l = (unsigned)rnd_below(g->r, 2);

	gen_pair(g, t, opc, 1, l, pick_mode(g), 4u << opc, 4u << opc, names[l][opc], 0);
	return 0;
}

int gen_ldpsw(struct gen *g, struct tcase *t)
{
	gen_pair(g, t, 1, 0, 1, pick_mode(g), 4, 4, "LDPSW", 0);
	return 0;
}

int gen_ldnp_stnp(struct gen *g, struct tcase *t)
{
	static const char *const gn[2][2] = {{"STNP(W)", "STNP(X)"}, {"LDNP(W)", "LDNP(X)"}};
	static const char *const fn[2][3] = {{"STNP(S)", "STNP(D)", "STNP(Q)"}, {"LDNP(S)", "LDNP(D)", "LDNP(Q)"}};
	unsigned l = (unsigned)rnd_below(g->r, 2);

	if (chance(g->r, 1, 2)) {
		unsigned x = (unsigned)rnd_below(g->r, 2);

		gen_pair(g, t, x ? 2 : 0, 0, l, 0, x ? 8 : 4, x ? 8 : 4, gn[l][x], 0);
	} else {
		unsigned opc = (unsigned)rnd_below(g->r, 3);

		gen_pair(g, t, opc, 1, l, 0, 4u << opc, 4u << opc, fn[l][opc], 0);
	}
	return 0;
}

int gen_stgp(struct gen *g, struct tcase *t)
{
	/* STGP: opc=01, V=0, L=0, imm7 scaled by 16, address 16-byte aligned.
	 * Its decode has no writeback-overlap constraint: Rn == Rt is defined. */
	gen_pair(g, t, 1, 0, 0, pick_mode(g), 8, 16, "STGP", 1);
	return 0;
}
