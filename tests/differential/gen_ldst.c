/*
 * Generators for single-register loads and stores: unsigned immediate,
 * unscaled, pre/post-index, register offset, unprivileged, literal, and the
 * prefetches (which perform no access).
 */
#include "gen.h"

struct sz_opc {
	uint8_t size, opc, bytes, store;
	const char *name;
};

static const struct sz_opc gpr_forms[] = {
	{0, 0, 1, 1, "STRB"}, {0, 1, 1, 0, "LDRB"}, {0, 2, 1, 0, "LDRSB(X)"}, {0, 3, 1, 0, "LDRSB(W)"},
	{1, 0, 2, 1, "STRH"}, {1, 1, 2, 0, "LDRH"}, {1, 2, 2, 0, "LDRSH(X)"}, {1, 3, 2, 0, "LDRSH(W)"},
	{2, 0, 4, 1, "STR(W)"}, {2, 1, 4, 0, "LDR(W)"}, {2, 2, 4, 0, "LDRSW"},
	{3, 0, 8, 1, "STR(X)"}, {3, 1, 8, 0, "LDR(X)"},
};

static const struct sz_opc fp_forms[] = {
	{0, 0, 1, 1, "STR(B)"}, {0, 1, 1, 0, "LDR(B)"}, {1, 0, 2, 1, "STR(H)"}, {1, 1, 2, 0, "LDR(H)"},
	{2, 0, 4, 1, "STR(S)"}, {2, 1, 4, 0, "LDR(S)"}, {3, 0, 8, 1, "STR(D)"}, {3, 1, 8, 0, "LDR(D)"},
	{0, 2, 16, 1, "STR(Q)"}, {0, 3, 16, 0, "LDR(Q)"},
};

enum smode { SM_UIMM, SM_UNSCALED, SM_PRE, SM_POST, SM_REG, SM_UNPRIV };

static unsigned log2u(unsigned v)
{
	unsigned l = 0;

	while ((1u << l) < v)
		l++;
	return l;
}

/* Index register value and byte offset for a register-offset access. */
static int64_t regoff_index(struct gen *g, struct tcase *t, unsigned rm, unsigned option, unsigned shift)
{
	int64_t i, lim = 16384 >> shift;
	uint64_t hi = rng_next(g->r) & 0xffffffff00000000ull;

	if (rm == 31)
		return 0; /* XZR */
	switch (option) {
	case 2: /* UXTW: the upper half of Xm is ignored */
		i = rnd_range(g->r, 0, lim);
		set_x(t, rm, hi | (uint32_t)i);
		break;
	case 6: /* SXTW */
		i = rnd_range(g->r, -lim, lim);
		set_x(t, rm, hi | (uint32_t)(int32_t)i);
		break;
	default: /* LSL (UXTX), SXTX */
		i = rnd_range(g->r, -lim, lim);
		set_x(t, rm, (uint64_t)i);
		break;
	}
	return i * ((int64_t)1 << shift);
}

static void gen_single(struct gen *g, struct tcase *t, int fp, enum smode m)
{
	const struct sz_opc *f;
	unsigned rt, rn, rm = NOREG, v = fp ? 1 : 0, sc;
	int64_t off = 0, imm = 0;
	uint32_t w;
	uint64_t base;
	int wback = (m == SM_PRE || m == SM_POST);

	if (fp)
		f = &fp_forms[rnd_below(g->r, sizeof fp_forms / sizeof fp_forms[0])];
	else
		f = &gpr_forms[rnd_below(g->r, sizeof gpr_forms / sizeof gpr_forms[0])];
	t->what = f->name;
	sc = log2u(f->bytes);
	rn = (unsigned)rnd_below(g->r, 32);
	if (!fp && wback && rn != 31 && chance(g->r, 1, 16)) {
		rt = rn;
		t->flags |= CF_UNPRED;
		t->note = f->store ? "store with writeback, Rt == Rn" : "load with writeback, Rt == Rn";
	} else if (!fp && wback && rn != 31) {
		rt = pick_reg(g->r, 1u << rn);
	} else {
		rt = (unsigned)rnd_below(g->r, 32);
	}

	w = (uint32_t)f->size << 30 | 7u << 27 | v << 26 | (uint32_t)f->opc << 22 | rn << 5 | rt;
	switch (m) {
	case SM_UIMM:
		imm = chance(g->r, 1, 2) ? rnd_range(g->r, 0, 4095) : rnd_range(g->r, 0, 64);
		off = imm << sc;
		w |= 1u << 24 | (uint32_t)imm << 10;
		break;
	case SM_UNSCALED:
	case SM_PRE:
	case SM_POST:
	case SM_UNPRIV:
		imm = rnd_range(g->r, -256, 255);
		off = m == SM_POST ? 0 : imm;
		w |= ((uint32_t)imm & 0x1ff) << 12 |
		     (uint32_t)(m == SM_UNSCALED ? 0 : m == SM_POST ? 1 : m == SM_PRE ? 3 : 2) << 10;
		break;
	case SM_REG: {
		static const unsigned opts[4] = {2, 3, 6, 7};
		unsigned option = opts[rnd_below(g->r, 4)];
		unsigned s = (unsigned)rnd_below(g->r, 2);

		rm = chance(g->r, 1, 16) ? 31 : pick_reg(g->r, rn == 31 ? 0 : 1u << rn);
		w |= 1u << 21 | rm << 16 | option << 13 | s << 12 | 2u << 10;
		off = regoff_index(g, t, rm, option, s ? sc : 0);
		break;
	}
	}
	base = place_base(g, off, off + f->bytes, 1, rn);
	set_xn_sp(t, rn, base);
	set_access(t, base + (uint64_t)off, f->bytes, f->store);
	syn_access(t, 0, base + (uint64_t)off, f->bytes, f->store);
	if (!fp && !wback) /* one general-purpose register, no writeback: ISV = 1 */
		syn_isv(t, 0, f->size, !f->store && f->opc >= 2,
		        f->store ? f->size == 3 : f->opc == 2 || (f->opc == 1 && f->size == 3), 0, rt);
	t->rt = (uint8_t)rt;
	t->rn = (uint8_t)rn;
	t->rm = (uint8_t)rm;
	single(t, w);
}

int gen_ldst_uimm(struct gen *g, struct tcase *t) { gen_single(g, t, 0, SM_UIMM); return 0; }
int gen_ldst_uimm_fp(struct gen *g, struct tcase *t) { gen_single(g, t, 1, SM_UIMM); return 0; }
int gen_ldur(struct gen *g, struct tcase *t) { gen_single(g, t, 0, SM_UNSCALED); return 0; }
int gen_ldur_fp(struct gen *g, struct tcase *t) { gen_single(g, t, 1, SM_UNSCALED); return 0; }
int gen_ldst_pre(struct gen *g, struct tcase *t) { gen_single(g, t, 0, SM_PRE); return 0; }
int gen_ldst_post(struct gen *g, struct tcase *t) { gen_single(g, t, 0, SM_POST); return 0; }
int gen_ldst_pre_fp(struct gen *g, struct tcase *t) { gen_single(g, t, 1, SM_PRE); return 0; }
int gen_ldst_post_fp(struct gen *g, struct tcase *t) { gen_single(g, t, 1, SM_POST); return 0; }
int gen_ldst_regoff(struct gen *g, struct tcase *t) { gen_single(g, t, 0, SM_REG); return 0; }
int gen_ldst_regoff_fp(struct gen *g, struct tcase *t) { gen_single(g, t, 1, SM_REG); return 0; }
int gen_ldtr(struct gen *g, struct tcase *t) { gen_single(g, t, 0, SM_UNPRIV); return 0; }

static uint32_t branch(uint64_t from, uint64_t to)
{
	return 0x14000000u | ((uint32_t)((int64_t)(to - from) >> 2) & 0x3ffffffu);
}

int gen_ldr_literal(struct gen *g, struct tcase *t)
{
	static const struct {
		uint8_t opc, v, bytes, sse, sf;
		const char *name;
	} forms[] = {
		{0, 0, 4, 0, 0, "LDR(W) literal"}, {1, 0, 8, 0, 1, "LDR(X) literal"}, {2, 0, 4, 1, 1, "LDRSW literal"},
		{0, 1, 4, 0, 0, "LDR(S) literal"}, {1, 1, 8, 0, 0, "LDR(D) literal"}, {2, 1, 16, 0, 0, "LDR(Q) literal"},
	};
	unsigned k = (unsigned)rnd_below(g->r, sizeof forms / sizeof forms[0]);
	unsigned rt = (unsigned)rnd_below(g->r, 32);
	uint64_t code = g->buf + 4 * rnd_below(g->r, (g->bufsz - 8) / 4);
	int64_t lo = ((int64_t)g->buf - (int64_t)code) / 4;
	int64_t hi = ((int64_t)(g->buf + g->bufsz - forms[k].bytes) - (int64_t)code) / 4;
	int64_t imm;
	uint32_t w;

	if (lo < -(1 << 18))
		lo = -(1 << 18);
	if (hi > (1 << 18) - 1)
		hi = (1 << 18) - 1;
	imm = chance(g->r, 1, 4) ? rnd_range(g->r, lo > -16 ? lo : -16, hi < 16 ? hi : 16) : rnd_range(g->r, lo, hi);
	if (g->cross && forms[k].bytes > 4) {
		/* the literal across a page boundary: it is only word-aligned */
		uint64_t p = g->buf + 4096 * (1 + rnd_below(g->r, g->bufsz / 4096 - 1));
		uint64_t lit = p - 4 * (1 + rnd_below(g->r, forms[k].bytes / 4 - 1));

		imm = ((int64_t)lit - (int64_t)code) / 4;
	}
	w = (uint32_t)forms[k].opc << 30 | 3u << 27 | (uint32_t)forms[k].v << 26 | ((uint32_t)imm & 0x7ffff) << 5 | rt;
	t->what = forms[k].name;
	t->rt = (uint8_t)rt;
	/* slot: b code; code: ldr; b slot+4 */
	t->words[0] = branch(g->slot, code);
	t->nwords = 1;
	t->emu[0] = w;
	t->nemu = 1;
	t->code_in_buf = 1;
	t->code_addr = code;
	patch_mem(t, code, 4, w);
	patch_mem(t, code + 4, 4, branch(code + 4, g->slot + 4));
	set_access(t, code + (uint64_t)(imm * 4), forms[k].bytes, 0);
	syn_access(t, 0, code + (uint64_t)(imm * 4), forms[k].bytes, SYN_WNR_READ);
	if (!forms[k].v)
		syn_isv(t, 0, forms[k].bytes == 8 ? 3 : 2, forms[k].sse, forms[k].sf, 0, rt);
	return 0;
}

int gen_prfm(struct gen *g, struct tcase *t)
{
	unsigned rt = (unsigned)rnd_below(g->r, 32); /* prfop */
	unsigned rn = (unsigned)rnd_below(g->r, 32);
	uint32_t w;

	t->rn = (uint8_t)rn;
	t->rt = (uint8_t)rt;
	/* No access happens: the base need not point anywhere. */
	if (chance(g->r, 1, 2))
		set_xn_sp(t, rn, place_base(g, -4096, 4096 + 65536, 1, rn));
	else if (rn == 31)
		t->st.sp = rng_next(g->r) & ~(uint64_t)15;
	switch (rnd_below(g->r, 4)) {
	case 0:
		w = 0xf9800000u | (uint32_t)rnd_below(g->r, 4096) << 10;
		t->what = "PRFM imm";
		break;
	case 1:
		w = 0xf8800000u | ((uint32_t)rnd_below(g->r, 512)) << 12;
		t->what = "PRFUM";
		break;
	case 2: {
		static const unsigned opts[4] = {2, 3, 6, 7};
		unsigned rm = (unsigned)rnd_below(g->r, 32);

		w = 0xf8a00800u | rm << 16 | opts[rnd_below(g->r, 4)] << 13 | (uint32_t)rnd_below(g->r, 2) << 12;
		t->rm = (uint8_t)rm;
		t->what = "PRFM reg";
		break;
	}
	default:
		w = 0xd8000000u | ((uint32_t)rnd_below(g->r, 1u << 19)) << 5;
		t->what = "PRFM literal";
		rn = 0;
		break;
	}
	single(t, w | rn << 5 | rt);
	syn_access(t, 0, 0, 0, SYN_WNR_READ);
	t->syn[0].nofault = 1; /* a prefetch never aborts */
	return 0;
}
