/*
 * Generators for the ordered, exclusive and atomic accesses: LDXR/STXR,
 * LDXP/STXP, LDAR/STLR (+LOR forms), LDAPR, LDAPUR/STLUR, CAS, CASP, the LSE
 * atomics and SWP. All of these are naturally aligned (pairs: to the pair).
 */
#include "gen.h"

static uint32_t excl_word(unsigned size, unsigned o2, unsigned l, unsigned o1, unsigned rs, unsigned o0, unsigned rt2,
                          unsigned rn, unsigned rt)
{
	return (uint32_t)size << 30 | 0x08u << 24 | o2 << 23 | l << 22 | o1 << 21 | rs << 16 | o0 << 15 | rt2 << 10 |
	       rn << 5 | rt;
}

static uint64_t mask_of(unsigned bytes)
{
	return bytes >= 8 ? ~0ull : (1ull << (8 * bytes)) - 1;
}

static void two(struct tcase *t, uint32_t a, uint32_t b)
{
	t->words[0] = t->emu[0] = a;
	t->words[1] = t->emu[1] = b;
	t->nwords = t->nemu = 2;
	t->emu_first = 0;
}

/* A base register for an aligned access of `bytes`; returns the address. */
static uint64_t aligned_base(struct gen *g, struct tcase *t, unsigned rn, unsigned bytes)
{
	uint64_t a = place_base(g, 0, bytes, bytes, rn);

	set_xn_sp(t, rn, a);
	t->rn = (uint8_t)rn;
	return a;
}

int gen_ldxr_stxr(struct gen *g, struct tcase *t)
{
	unsigned size = (unsigned)rnd_below(g->r, 4), bytes = 1u << size;
	unsigned rn = (unsigned)rnd_below(g->r, 32), kind = (unsigned)rnd_below(g->r, 20);
	uint32_t nrn = rn == 31 ? 0 : 1u << rn;
	uint64_t a = aligned_base(g, t, rn, bytes);
	unsigned lo0 = (unsigned)rnd_below(g->r, 2), so0 = (unsigned)rnd_below(g->r, 2);
	unsigned rt, rs, rt2;

	if (kind < 7) { /* LDXR / LDAXR alone */
		rt = (unsigned)rnd_below(g->r, 32);
		single(t, excl_word(size, 0, 1, 0, 31, lo0, 31, rn, rt));
		t->rt = (uint8_t)rt;
		t->what = lo0 ? "LDAXR" : "LDXR";
		set_access(t, a, bytes, 0);
		syn_access(t, 0, a, bytes, SYN_WNR_READ);
		return 0;
	}
	/* the store: Ws must differ from Wt and from Xn (unless Xn is SP) */
	rt2 = (unsigned)rnd_below(g->r, 32);
	if (chance(g->r, 1, 16)) {
		rs = chance(g->r, 1, 2) || !nrn ? rt2 : rn;
		t->flags |= CF_UNPRED;
		t->note = rs == rt2 ? "store-exclusive with Rs == Rt" : "store-exclusive with Rs == Rn";
	} else {
		rs = pick_reg(g->r, nrn | (rt2 == 31 ? 0 : 1u << rt2));
		if (rs == rt2) /* rt2 == 31 and rs == 31: still Rs == Rt */
			rs = pick_reg(g->r, nrn | 1u << 31);
	}
	t->rs = (uint8_t)rs;
	t->rt2 = (uint8_t)rt2;
	set_access(t, a, bytes, 1);
	if (kind < 17) { /* LDXR then STXR: succeeds */
		rt = pick_reg(g->r, nrn); /* keep the base */
		t->rt = (uint8_t)rt;
		two(t, excl_word(size, 0, 1, 0, 31, lo0, 31, rn, rt), excl_word(size, 0, 0, 0, rs, so0, 31, rn, rt2));
		t->what = so0 ? (lo0 ? "LDAXR+STLXR" : "LDXR+STLXR") : (lo0 ? "LDAXR+STXR" : "LDXR+STXR");
		syn_access(t, 0, a, bytes, SYN_WNR_READ);
		syn_access(t, 1, a, bytes, SYN_WNR_WRITE);
	} else if (kind == 19) {
		/* LDXR of another address B, then STXR to A: whether it succeeds
		 * is IMPLEMENTATION DEFINED (nisv and QEMU both fail it) */
		unsigned rn2 = pick_reg(g->r, nrn | 1u << 31);
		int64_t d = (int64_t)bytes * rnd_range(g->r, 1, 64);
		uint64_t b = a + (uint64_t)d;

		if (b + bytes > g->buf + g->bufsz)
			b = a - (uint64_t)d;
		if (b < g->buf)
			b = a + bytes;
		rt = pick_reg(g->r, nrn);
		t->st.x[rn2] = b;
		t->rt = (uint8_t)rt;
		t->flags |= CF_IMPDEF;
		t->note = "store-exclusive to an address other than the load-exclusive's";
		set_access(t, b, bytes, 0);
		two(t, excl_word(size, 0, 1, 0, 31, lo0, 31, rn2, rt), excl_word(size, 0, 0, 0, rs, so0, 31, rn, rt2));
		t->what = "LDXR B + STXR A";
		syn_access(t, 0, b, bytes, SYN_WNR_READ);
		syn_access(t, 1, a, bytes, SYN_WNR_WRITE);
		t->syn[0].notag = 1; /* Xn2, never tagged */
	} else { /* STXR without a reservation: fails */
		single(t, excl_word(size, 0, 0, 0, rs, so0, 31, rn, rt2));
		t->rt = (uint8_t)rt2;
		t->what = so0 ? "STLXR (no monitor)" : "STXR (no monitor)";
		syn_access(t, 0, a, bytes, SYN_WNR_WRITE);
	}
	return 0;
}

int gen_ldxp_stxp(struct gen *g, struct tcase *t)
{
	unsigned sz = (unsigned)rnd_below(g->r, 2), bytes = 8u << sz; /* pair total */
	unsigned rn = (unsigned)rnd_below(g->r, 32), kind = (unsigned)rnd_below(g->r, 20);
	uint32_t nrn = rn == 31 ? 0 : 1u << rn;
	uint64_t a = aligned_base(g, t, rn, bytes);
	unsigned lo0 = (unsigned)rnd_below(g->r, 2), so0 = (unsigned)rnd_below(g->r, 2);
	unsigned rt, rt2, rs, st1, st2;

	if (kind < 17) {
		if (chance(g->r, 1, 16)) {
			rt = rt2 = (unsigned)rnd_below(g->r, 32);
			t->flags |= CF_UNPRED;
			t->note = "load-exclusive pair with Rt == Rt2";
		} else {
			rt = pick_reg(g->r, kind < 7 ? 0 : nrn);
			rt2 = pick_reg(g->r, (kind < 7 ? 0 : nrn) | 1u << rt);
		}
		t->rt = (uint8_t)rt;
		t->rt2 = (uint8_t)rt2;
		if (kind < 7) {
			single(t, excl_word(2 + sz, 0, 1, 1, 31, lo0, rt2, rn, rt));
			t->what = lo0 ? "LDAXP" : "LDXP";
			set_access(t, a, bytes, 0);
			syn_access(t, 0, a, bytes, SYN_WNR_READ);
			return 0;
		}
		if (rt == rt2 || rt == rn || rt2 == rn) {
			/* the store needs the base: keep the load clear of it */
			t->flags &= ~(unsigned)CF_UNPRED;
			t->note = 0;
			rt = pick_reg(g->r, nrn);
			rt2 = pick_reg(g->r, nrn | 1u << rt);
			t->rt = (uint8_t)rt;
			t->rt2 = (uint8_t)rt2;
		}
	}
	st1 = (unsigned)rnd_below(g->r, 32);
	st2 = (unsigned)rnd_below(g->r, 32);
	if (chance(g->r, 1, 16)) {
		unsigned c = (unsigned)rnd_below(g->r, 3);

		rs = c == 0 ? st1 : c == 1 ? st2 : (nrn ? rn : st1);
		t->flags |= CF_UNPRED;
		t->note = rs == rn && nrn ? "store-exclusive pair with Rs == Rn" : "store-exclusive pair with Rs == Rt or Rt2";
	} else {
		uint32_t m = nrn | (st1 == 31 ? 0 : 1u << st1) | (st2 == 31 ? 0 : 1u << st2);

		rs = pick_reg(g->r, m);
		if (rs == 31 && (st1 == 31 || st2 == 31))
			rs = pick_reg(g->r, m | 1u << 31);
	}
	t->rs = (uint8_t)rs;
	set_access(t, a, bytes, 1);
	if (kind < 17) {
		two(t, excl_word(2 + sz, 0, 1, 1, 31, lo0, rt2, rn, rt), excl_word(2 + sz, 0, 0, 1, rs, so0, st2, rn, st1));
		t->what = so0 ? "LDXP+STLXP" : "LDXP+STXP";
		syn_access(t, 0, a, bytes, SYN_WNR_READ);
		syn_access(t, 1, a, bytes, SYN_WNR_WRITE);
	} else {
		single(t, excl_word(2 + sz, 0, 0, 1, rs, so0, st2, rn, st1));
		t->rt = (uint8_t)st1;
		t->rt2 = (uint8_t)st2;
		t->what = so0 ? "STLXP (no monitor)" : "STXP (no monitor)";
		syn_access(t, 0, a, bytes, SYN_WNR_WRITE);
	}
	return 0;
}

int gen_ldar_stlr(struct gen *g, struct tcase *t)
{
	static const char *const names[2][2] = {{"STLLR", "STLR"}, {"LDLAR", "LDAR"}};
	unsigned size = (unsigned)rnd_below(g->r, 4), bytes = 1u << size;
	unsigned rn = (unsigned)rnd_below(g->r, 32), rt = (unsigned)rnd_below(g->r, 32);
	unsigned l = (unsigned)rnd_below(g->r, 2), o0 = (g->feat & FEAT_LOR) ? (unsigned)rnd_below(g->r, 2) : 1;
	uint64_t a = aligned_base(g, t, rn, bytes);

	single(t, excl_word(size, 1, l, 0, 31, o0, 31, rn, rt));
	t->rt = (uint8_t)rt;
	t->what = names[l][o0];
	set_access(t, a, bytes, !l);
	syn_access(t, 0, a, bytes, !l);
	syn_isv(t, 0, size, 0, size == 3, 1, rt);
	return 0;
}

int gen_ldapr(struct gen *g, struct tcase *t)
{
	unsigned size = (unsigned)rnd_below(g->r, 4), bytes = 1u << size;
	unsigned rn = (unsigned)rnd_below(g->r, 32), rt = (unsigned)rnd_below(g->r, 32);
	uint64_t a = aligned_base(g, t, rn, bytes);

	single(t, (uint32_t)size << 30 | 0x38bfc000u | rn << 5 | rt);
	t->rt = (uint8_t)rt;
	t->what = "LDAPR";
	set_access(t, a, bytes, 0);
	syn_access(t, 0, a, bytes, SYN_WNR_READ);
	syn_isv(t, 0, size, 0, size == 3, 1, rt);
	return 0;
}

int gen_ldapur(struct gen *g, struct tcase *t)
{
	static const struct {
		uint8_t size, opc, store;
		const char *name;
	} forms[] = {
		{0, 0, 1, "STLURB"}, {0, 1, 0, "LDAPURB"}, {0, 2, 0, "LDAPURSB(X)"}, {0, 3, 0, "LDAPURSB(W)"},
		{1, 0, 1, "STLURH"}, {1, 1, 0, "LDAPURH"}, {1, 2, 0, "LDAPURSH(X)"}, {1, 3, 0, "LDAPURSH(W)"},
		{2, 0, 1, "STLUR(W)"}, {2, 1, 0, "LDAPUR(W)"}, {2, 2, 0, "LDAPURSW"},
		{3, 0, 1, "STLUR(X)"}, {3, 1, 0, "LDAPUR(X)"},
	};
	unsigned k = (unsigned)rnd_below(g->r, sizeof forms / sizeof forms[0]);
	unsigned bytes = 1u << forms[k].size;
	unsigned rn = (unsigned)rnd_below(g->r, 32), rt = (unsigned)rnd_below(g->r, 32);
	int64_t imm = rnd_range(g->r, -256, 255);
	uint64_t base;

	/* the address (base + imm) must be aligned; SP itself stays 16-aligned */
	if (rn == 31)
		imm &= ~(int64_t)(bytes - 1);
	base = place_base(g, imm, imm + 2 * (int64_t)bytes, 1, rn);
	base += (uint64_t)(-(int64_t)(base + (uint64_t)imm)) & (bytes - 1);
	set_xn_sp(t, rn, base);
	single(t, (uint32_t)forms[k].size << 30 | 0x19u << 24 | (uint32_t)forms[k].opc << 22 |
	              ((uint32_t)imm & 0x1ff) << 12 | rn << 5 | rt);
	t->rt = (uint8_t)rt;
	t->rn = (uint8_t)rn;
	t->what = forms[k].name;
	set_access(t, base + (uint64_t)imm, bytes, forms[k].store);
	syn_access(t, 0, base + (uint64_t)imm, bytes, forms[k].store);
	syn_isv(t, 0, forms[k].size, forms[k].opc >= 2, forms[k].opc == 2 || (forms[k].size == 3 && forms[k].opc < 2), 1,
	        rt);
	return 0;
}

int gen_cas(struct gen *g, struct tcase *t)
{
	static const char *const names[2][2] = {{"CAS", "CASL"}, {"CASA", "CASAL"}};
	unsigned size = (unsigned)rnd_below(g->r, 4), bytes = 1u << size;
	unsigned rn = (unsigned)rnd_below(g->r, 32), rt = (unsigned)rnd_below(g->r, 32), rs = (unsigned)rnd_below(g->r, 32);
	unsigned l = (unsigned)rnd_below(g->r, 2), o0 = (unsigned)rnd_below(g->r, 2);
	uint64_t a = aligned_base(g, t, rn, bytes);
	uint64_t m = rnd_value(g->r) & mask_of(bytes);

	patch_mem(t, a, bytes, m);
	if (rs != rn && chance(g->r, 1, 2)) /* compare succeeds; upper bits of Xs are ignored */
		set_x(t, rs, (rnd_value(g->r) & ~mask_of(bytes)) | m);
	single(t, excl_word(size, 1, l, 1, rs, o0, 31, rn, rt));
	t->rt = (uint8_t)rt;
	t->rs = (uint8_t)rs;
	t->what = names[l][o0];
	set_access(t, a, bytes, 1);
	syn_access(t, 0, a, bytes, SYN_WNR_EITHER);
	return 0;
}

int gen_casp(struct gen *g, struct tcase *t)
{
	static const char *const names[2][2] = {{"CASP", "CASPL"}, {"CASPA", "CASPAL"}};
	unsigned sz = (unsigned)rnd_below(g->r, 2), esz = 4u << sz;
	unsigned rn = (unsigned)rnd_below(g->r, 32);
	unsigned rt = 2 * (unsigned)rnd_below(g->r, 16), rs = 2 * (unsigned)rnd_below(g->r, 16);
	unsigned l = (unsigned)rnd_below(g->r, 2), o0 = (unsigned)rnd_below(g->r, 2);
	uint64_t a = aligned_base(g, t, rn, 2 * esz);
	uint64_t m0 = rnd_value(g->r) & mask_of(esz), m1 = rnd_value(g->r) & mask_of(esz);

	patch_mem(t, a, esz, m0);
	patch_mem(t, a + esz, esz, m1);
	if (rn != rs && rn != rs + 1 && chance(g->r, 1, 2)) {
		set_x(t, rs, (rnd_value(g->r) & ~mask_of(esz)) | m0);
		set_x(t, rs + 1, (rnd_value(g->r) & ~mask_of(esz)) | m1);
		if (chance(g->r, 1, 4)) /* only one half equal */
			set_x(t, rs + (unsigned)rnd_below(g->r, 2), rnd_value(g->r));
	}
	single(t, excl_word(sz, 0, l, 1, rs, o0, 31, rn, rt));
	t->rt = (uint8_t)rt;
	t->rt2 = (uint8_t)(rt + 1);
	t->rs = (uint8_t)rs;
	t->what = names[l][o0];
	set_access(t, a, 2 * esz, 1);
	syn_access(t, 0, a, 2 * esz, SYN_WNR_EITHER);
	return 0;
}

static void gen_lse(struct gen *g, struct tcase *t, int swp)
{
	static const char *const ops[8] = {"LDADD", "LDCLR", "LDEOR", "LDSET", "LDSMAX", "LDSMIN", "LDUMAX", "LDUMIN"};
	unsigned size = (unsigned)rnd_below(g->r, 4), bytes = 1u << size;
	unsigned rn = (unsigned)rnd_below(g->r, 32), rs = (unsigned)rnd_below(g->r, 32);
	unsigned rt = chance(g->r, 1, 5) ? 31 : (unsigned)rnd_below(g->r, 32);
	unsigned a_ = (unsigned)rnd_below(g->r, 2), r_ = (unsigned)rnd_below(g->r, 2);
	unsigned opc = swp ? 0 : (unsigned)rnd_below(g->r, 8);
	uint64_t a = aligned_base(g, t, rn, bytes);
	uint64_t mv = rnd_value(g->r);

	patch_mem(t, a, bytes, mv);
	if (rs != rn && chance(g->r, 1, 8)) /* equal operands */
		set_x(t, rs, (rng_next(g->r) & ~mask_of(bytes)) | (mv & mask_of(bytes)));
	single(t, (uint32_t)size << 30 | 0x38u << 24 | a_ << 23 | r_ << 22 | 1u << 21 | rs << 16 |
	              (swp ? 1u : 0u) << 15 | opc << 12 | rn << 5 | rt);
	t->rt = (uint8_t)rt;
	t->rs = (uint8_t)rs;
	t->what = swp ? "SWP" : (rt == 31 && !a_) ? "ST<op> (LD<op> Rt=ZR)" : ops[opc];
	set_access(t, a, bytes, 1);
	syn_access(t, 0, a, bytes, SYN_WNR_EITHER);
}

int gen_ldatomic(struct gen *g, struct tcase *t)
{
	gen_lse(g, t, 0);
	return 0;
}

int gen_swp(struct gen *g, struct tcase *t)
{
	gen_lse(g, t, 1);
	return 0;
}
