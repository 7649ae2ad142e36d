/* Generators for LDRAA/LDRAB and the DC-by-VA operations. */
#include "gen.h"

int gen_ldraa(struct gen *g, struct tcase *t)
{
	unsigned m = (unsigned)rnd_below(g->r, 2), wb = (unsigned)rnd_below(g->r, 2);
	unsigned rn = (unsigned)rnd_below(g->r, 32), rt;
	int64_t simm = rnd_range(g->r, -512, 511), off = simm * 8;
	uint64_t base;

	if (wb && rn != 31 && chance(g->r, 1, 16)) {
		rt = rn;
		t->flags |= CF_UNPRED;
		t->note = "LDRA* pre-index with Rt == Rn";
	} else {
		rt = pick_reg(g->r, wb && rn != 31 ? 1u << rn : 0);
	}
	base = place_base(g, off, off + 8, 1, rn);
	set_xn_sp(t, rn, base);
	t->sign_reg = (int)rn; /* the driver signs it natively first */
	t->sign_key = m;
	single(t, 0xf8200400u | m << 23 | ((uint32_t)simm >> 9 & 1) << 22 | ((uint32_t)simm & 0x1ff) << 12 | wb << 11 |
	              rn << 5 | rt);
	t->rt = (uint8_t)rt;
	t->rn = (uint8_t)rn;
	t->what = m ? "LDRAB" : "LDRAA";
	set_access(t, base + (uint64_t)off, 8, 0);
	/* a single X register without writeback, but pointer-authenticated:
	 * not one of the forms ESR_EL2.ISV describes */
	syn_access(t, 0, base + (uint64_t)off, 8, SYN_WNR_READ);
	return 0;
}

/* Xt anywhere in a block that lies inside the buffer. zero: DC ZVA/GZVA;
 * cm: cache maintenance (ESR_EL2.CM). */
static void gen_block_op(struct gen *g, struct tcase *t, uint32_t word, int zero, int cm, const char *what)
{
	unsigned rt = (unsigned)rnd_below(g->r, 31); /* XZR would mean address 0 */
	uint64_t bs = g->zva_bytes;
	uint64_t blk = place_base(g, 0, (int64_t)bs, bs, 0);
	uint64_t a = blk + rnd_below(g->r, bs);

	t->st.x[rt] = a;
	t->rt = (uint8_t)rt;
	t->addr_reg = (uint8_t)rt;
	t->what = what;
	if (zero)
		set_access(t, blk, bs, 1);
	/* the fault is reported at Xt (FAR: "the address specified in the
	 * register argument"); the zeroing ops cover the block, the others
	 * are checked against Xt's own byte */
	syn_dc(t, a, zero ? blk : a, zero ? bs : 1, cm);
	single(t, word | rt);
}

int gen_dc_zva(struct gen *g, struct tcase *t)
{
	gen_block_op(g, t, 0xd50b7420u, 1, 0, "DC ZVA");
	return 0;
}

int gen_dc_gzva(struct gen *g, struct tcase *t)
{
	gen_block_op(g, t, 0xd50b7480u, 1, 0, "DC GZVA");
	return 0;
}

int gen_dc_gva(struct gen *g, struct tcase *t)
{
	gen_block_op(g, t, 0xd50b7460u, 0, 0, "DC GVA");
	return 0;
}

int gen_dc_cmo(struct gen *g, struct tcase *t)
{
	static const struct {
		uint32_t word;
		unsigned need;
		const char *name;
	} ops[] = {
		{0xd50b7a20u, 0, "DC CVAC"}, {0xd50b7b20u, 0, "DC CVAU"}, {0xd50b7e20u, 0, "DC CIVAC"},
		{0xd50b7c20u, FEAT_DPB, "DC CVAP"}, {0xd50b7d20u, FEAT_DPB2, "DC CVADP"},
	};
	unsigned k;

	do
		k = (unsigned)rnd_below(g->r, sizeof ops / sizeof ops[0]);
	while ((ops[k].need & g->feat) != ops[k].need);
	gen_block_op(g, t, ops[k].word, 0, 1, ops[k].name);
	return 0;
}
