/*
 * Generators for the SIMD structure loads and stores: LD1-LD4/ST1-ST4
 * multiple structures, single structure (one lane) and LD1R-LD4R, each with
 * no offset, post-index by immediate (Rm = 31) and post-index by register.
 * Unaligned addresses are fine for all of them.
 */
#include "gen.h"

/* Choose the addressing form; returns the post-index Rm (or NOREG for none)
 * and sets up the base. Post-index by register adds any Xm. */
static unsigned addressing(struct gen *g, struct tcase *t, unsigned rn, unsigned total, uint32_t *w)
{
	unsigned form = (unsigned)rnd_below(g->r, 3), rm = NOREG;
	uint64_t base = place_base(g, 0, total, 1, rn);

	set_xn_sp(t, rn, base);
	t->rn = (uint8_t)rn;
	if (form == 1) {
		rm = 31;
		*w |= 1u << 23 | 31u << 16;
	} else if (form == 2) {
		rm = (unsigned)rnd_below(g->r, 31);
		*w |= 1u << 23 | rm << 16;
		if (rm != rn)
			set_x(t, rm, chance(g->r, 1, 2) ? rnd_value(g->r) : (uint64_t)rnd_range(g->r, -4096, 4096));
	}
	t->rm = (uint8_t)rm;
	set_access(t, base, total, !((*w >> 22) & 1));
	syn_access(t, 0, base, total, !((*w >> 22) & 1));
	return rm;
}

static const char *const mnames[2][4] = {{"ST1", "ST2", "ST3", "ST4"}, {"LD1", "LD2", "LD3", "LD4"}};

/* selem == 1: LD1/ST1 with nregs 1-4; else LDn/STn (nregs = selem) */
static void gen_multi(struct gen *g, struct tcase *t, unsigned l, unsigned selem, unsigned nregs)
{
	static const unsigned ld1_op[5] = {0, 7, 10, 6, 2};
	static const unsigned ldn_op[5] = {0, 0, 8, 4, 0};
	unsigned q = (unsigned)rnd_below(g->r, 2), size = (unsigned)rnd_below(g->r, 4);
	unsigned opcode = selem == 1 ? ld1_op[nregs] : ldn_op[selem];
	unsigned rn = (unsigned)rnd_below(g->r, 32), rt = (unsigned)rnd_below(g->r, 32);
	uint32_t w;

	if (selem > 1 && size == 3 && q == 0)
		size = (unsigned)rnd_below(g->r, 3); /* .1D is reserved for LD2-LD4 */
	w = q << 30 | 0x0cu << 24 | l << 22 | opcode << 12 | size << 10 | rn << 5 | rt;
	addressing(g, t, rn, nregs * (q ? 16 : 8), &w);
	t->rt = (uint8_t)rt;
	t->what = mnames[l][selem - 1];
	single(t, w);
}

int gen_ld1_multi(struct gen *g, struct tcase *t)
{
	gen_multi(g, t, 1, 1, 1 + (unsigned)rnd_below(g->r, 4));
	return 0;
}

int gen_ld2_4_multi(struct gen *g, struct tcase *t)
{
	unsigned n = 2 + (unsigned)rnd_below(g->r, 3);

	gen_multi(g, t, 1, n, n);
	return 0;
}

int gen_st_multi(struct gen *g, struct tcase *t)
{
	if (chance(g->r, 1, 2)) {
		gen_multi(g, t, 0, 1, 1 + (unsigned)rnd_below(g->r, 4));
	} else {
		unsigned n = 2 + (unsigned)rnd_below(g->r, 3);

		gen_multi(g, t, 0, n, n);
	}
	return 0;
}

static void gen_lane(struct gen *g, struct tcase *t, unsigned l)
{
	unsigned selem = 1 + (unsigned)rnd_below(g->r, 4), scale = (unsigned)rnd_below(g->r, 4);
	unsigned rn = (unsigned)rnd_below(g->r, 32), rt = (unsigned)rnd_below(g->r, 32);
	unsigned q, s, size, idx, opcode;
	uint32_t w;

	switch (scale) {
	case 0: /* B: index = Q:S:size */
		idx = (unsigned)rnd_below(g->r, 16);
		q = idx >> 3, s = idx >> 2 & 1, size = idx & 3;
		break;
	case 1: /* H: index = Q:S:size<1> */
		idx = (unsigned)rnd_below(g->r, 8);
		q = idx >> 2, s = idx >> 1 & 1, size = (idx & 1) << 1;
		break;
	case 2: /* S: index = Q:S, size = 00 */
		idx = (unsigned)rnd_below(g->r, 4);
		q = idx >> 1, s = idx & 1, size = 0;
		break;
	default: /* D: index = Q, S = 0, size = 01 */
		idx = (unsigned)rnd_below(g->r, 2);
		q = idx, s = 0, size = 1;
		break;
	}
	opcode = (scale < 3 ? scale : 2) << 1 | (selem - 1) >> 1;
	w = q << 30 | 0x0du << 24 | l << 22 | ((selem - 1) & 1) << 21 | opcode << 13 | s << 12 | size << 10 | rn << 5 | rt;
	addressing(g, t, rn, selem << scale, &w);
	t->rt = (uint8_t)rt;
	t->what = mnames[l][selem - 1];
	single(t, w);
}

int gen_ld_lane(struct gen *g, struct tcase *t)
{
	gen_lane(g, t, 1);
	return 0;
}

int gen_st_lane(struct gen *g, struct tcase *t)
{
	gen_lane(g, t, 0);
	return 0;
}

int gen_ld_repl(struct gen *g, struct tcase *t)
{
	static const char *const names[4] = {"LD1R", "LD2R", "LD3R", "LD4R"};
	unsigned selem = 1 + (unsigned)rnd_below(g->r, 4), size = (unsigned)rnd_below(g->r, 4);
	unsigned q = (unsigned)rnd_below(g->r, 2);
	unsigned rn = (unsigned)rnd_below(g->r, 32), rt = (unsigned)rnd_below(g->r, 32);
	uint32_t w = q << 30 | 0x0du << 24 | 1u << 22 | ((selem - 1) & 1) << 21 | (6u | (selem - 1) >> 1) << 13 |
	             size << 10 | rn << 5 | rt;

	addressing(g, t, rn, selem << size, &w);
	t->rt = (uint8_t)rt;
	t->what = names[selem - 1];
	single(t, w);
	return 0;
}
