/*
 * Gathers and scatters (SK_GATHER): LD1 and LDFF1 gathers (LD1B/H/W/D,
 * LD1SB/SH/SW), ST1 scatters, the SVE2 non-temporal LDNT1/STNT1 (vector
 * plus scalar) and the PRFB/H/W/D gathers, in each of their addressing
 * forms. Every element has its own address (Arm ARM pseudocode "LD1W
 * (scalar plus vector)", "ST1W (vector plus immediate)", "LDNT1W (vector
 * plus scalar)": "addr = base + (off << scale)" or "ZeroExtend(Elem[base,
 * e, esize], 64) + offset", one access per active element, in element
 * order). Encodings (Arm ARM C4.1, the SVE memory groups: bits 31:29 = 100
 * 32-bit gathers and PRF*, 110 64-bit gathers and PRF*, 111 stores and
 * scatters):
 *
 *   loads, .S      [Zn.S{, #imm}]         1000010 msz 01 imm5 1 U ff Pg Zn Zt
 *                  [Xn|SP, Zm.S, xs #sc]  1000010 msz xs sc Zm 0 U ff Pg Rn Zt
 *   loads, .D      [Zn.D{, #imm}]         1100010 msz 01 imm5 1 U ff Pg Zn Zt
 *                  [Xn|SP, Zm.D, xs #sc]  1100010 msz xs sc Zm 0 U ff Pg Rn Zt
 *                  [Xn|SP, Zm.D{, LSL}]   1100010 msz 1 sc Zm  1 U ff Pg Rn Zt
 *   LDNT1          [Zn.S{, Xm}]           1000010 msz 00 Rm 10 U     Pg Zn Zt
 *                  [Zn.D{, Xm}]           1100010 msz 00 Rm 1 U 0    Pg Zn Zt
 *   ST1            [Zn.S{, #imm}]         1110010 msz 11 imm5 101    Pg Zn Zt
 *                  [Zn.D{, #imm}]         1110010 msz 10 imm5 101    Pg Zn Zt
 *                  [Xn|SP, Zm.S, xs #sc]  1110010 msz 1 sc Zm 1 xs 0 Pg Rn Zt
 *                  [Xn|SP, Zm.D, xs #sc]  1110010 msz 0 sc Zm 1 xs 0 Pg Rn Zt
 *                  [Xn|SP, Zm.D{, LSL}]   1110010 msz 0 sc Zm 101    Pg Rn Zt
 *   STNT1          [Zn.S{, Xm}]           1110010 msz 10 Rm 001      Pg Zn Zt
 *                  [Zn.D{, Xm}]           1110010 msz 00 Rm 001      Pg Zn Zt
 *   PRFB/H/W/D     [Zn.S{, #imm}]         1000010 msz 00 imm5 111    Pg Zn 0 prfop
 *                  [Zn.D{, #imm}]         1100010 msz 00 imm5 111    Pg Zn 0 prfop
 *                  [Xn|SP, Zm.S, xs #msz] 1000010 00 xs 1 Zm 0 msz   Pg Rn 0 prfop
 *                  [Xn|SP, Zm.D, xs #msz] 1100010 00 xs 1 Zm 0 msz   Pg Rn 0 prfop
 *                  [Xn|SP, Zm.D, LSL #msz] 1100010 00 11 Zm 1 msz    Pg Rn 0 prfop
 *
 * U: zero-extending (0: LD1SB/SH/SW), ff: LDFF1, xs: SXTW (else UXTW), sc:
 * the offset scaled by the memory element size (msz > 0 only; PRF always
 * scales), imm = imm5 * msize, Xm XZR when Rm = 31.
 *
 * gather_place (sgen_finish) puts the elements in a window of a few pages
 * around 0-3 page boundaries, against the guard page 1 in 8 (1 in 4 for
 * LDFF1), and works the registers back from the addresses.
 */
#include "sgen.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

/* Address forms, by the size of the vector's elements. */
enum { AF_VI_S, AF_VI_D, AF_SV_S32, AF_SV_D32, AF_SV_D64, AF_VS_S, AF_VS_D, AF_COUNT };

static const struct {
	uint8_t esz, kind, group;
} aforms[AF_COUNT] = {
	[AF_VI_S] = {2, GK_VI, GA_VI},     [AF_VI_D] = {3, GK_VI, GA_VI},     [AF_SV_S32] = {2, GK_SV32, GA_SV},
	[AF_SV_D32] = {3, GK_SV32, GA_SV}, [AF_SV_D64] = {3, GK_SV64, GA_SV}, [AF_VS_S] = {2, GK_VS, GA_VS},
	[AF_VS_D] = {3, GK_VS, GA_VS},
};

/* A form of a family: the word but its fields, and the bit each field
 * starts at (0: the form has no such field). */
struct gform {
	uint32_t op; /* 0: the family has no such form */
	uint8_t msz_at, u_at, xs_at, sc_at;
};

struct gfamily {
	const char *mn[4][2]; /* by msz, and sign-extending */
	uint8_t store, ff, prf;
	struct gform form[AF_COUNT];
};

#define LD1_FORMS(ff)                                                                                                 \
	{                                                                                                                 \
		[AF_VI_S] = {0x84208000u | (ff), 23, 14, 0, 0}, [AF_VI_D] = {0xc4208000u | (ff), 23, 14, 0, 0},               \
		[AF_SV_S32] = {0x84000000u | (ff), 23, 14, 22, 21}, [AF_SV_D32] = {0xc4000000u | (ff), 23, 14, 22, 21},       \
		[AF_SV_D64] = {0xc4408000u | (ff), 23, 14, 0, 21},                                                            \
	}

static const struct gfamily gfamilies[GF_COUNT] = {
	[GF_LD1] = {{{"ld1b", "ld1sb"}, {"ld1h", "ld1sh"}, {"ld1w", "ld1sw"}, {"ld1d", NULL}}, 0, FF_NONE, 0,
	            LD1_FORMS(0)},
	[GF_LDFF1] = {{{"ldff1b", "ldff1sb"}, {"ldff1h", "ldff1sh"}, {"ldff1w", "ldff1sw"}, {"ldff1d", NULL}}, 0,
	              FF_FIRST, 0, LD1_FORMS(0x2000u)},
	[GF_ST1] = {{{"st1b", NULL}, {"st1h", NULL}, {"st1w", NULL}, {"st1d", NULL}}, 1, FF_NONE, 0,
	            {
			    [AF_VI_S] = {0xe460a000u, 23, 0, 0, 0},
			    [AF_VI_D] = {0xe440a000u, 23, 0, 0, 0},
			    [AF_SV_S32] = {0xe4408000u, 23, 0, 14, 21},
			    [AF_SV_D32] = {0xe4008000u, 23, 0, 14, 21},
			    [AF_SV_D64] = {0xe400a000u, 23, 0, 0, 21},
		    }},
	[GF_LDNT1] = {{{"ldnt1b", "ldnt1sb"}, {"ldnt1h", "ldnt1sh"}, {"ldnt1w", "ldnt1sw"}, {"ldnt1d", NULL}}, 0, FF_NONE,
	              0, {[AF_VS_S] = {0x84008000u, 23, 13, 0, 0}, [AF_VS_D] = {0xc4008000u, 23, 14, 0, 0}}},
	[GF_STNT1] = {{{"stnt1b", NULL}, {"stnt1h", NULL}, {"stnt1w", NULL}, {"stnt1d", NULL}}, 1, FF_NONE, 0,
	              {[AF_VS_S] = {0xe4402000u, 23, 0, 0, 0}, [AF_VS_D] = {0xe4002000u, 23, 0, 0, 0}}},
	[GF_PRF] = {{{"prfb", NULL}, {"prfh", NULL}, {"prfw", NULL}, {"prfd", NULL}}, 0, FF_NONE, 1,
	            {
			    [AF_VI_S] = {0x8400e000u, 23, 0, 0, 0},
			    [AF_VI_D] = {0xc400e000u, 23, 0, 0, 0},
			    [AF_SV_S32] = {0x84200000u, 13, 0, 22, 0},
			    [AF_SV_D32] = {0xc4200000u, 13, 0, 22, 0},
			    [AF_SV_D64] = {0xc4608000u, 13, 0, 0, 0},
		    }},
};

/* Any Z register, the transfer register Zt 1 in 8 */
static uint8_t pick_vec(struct sgen *g, const struct scase *c)
{
	return chance(g->r, 1, 8) ? c->zt : (uint8_t)rnd_below(g->r, 32);
}

void gen_gather(struct sgen *g, struct scase *c, unsigned arg)
{
	const struct gfamily *f = &gfamilies[G_VALUE(arg) % GA_VI]; /* GF_* below the GA_* bits */
	uint8_t cand[AF_COUNT];
	unsigned n = 0, af, imm5 = 0, sc = 0;
	const struct gform *fm;

	for (af = 0; af < AF_COUNT; af++)
		if (f->form[af].op && (G_VALUE(arg) & aforms[af].group))
			cand[n++] = (uint8_t)af;
	af = cand[rnd_below(g->r, n)];
	fm = &f->form[af];
	c->shape = SK_GATHER;
	c->store = f->store;
	c->ff = f->ff;
	c->prefetch = f->prf;
	c->nregs = 1;
	c->esz = aforms[af].esz;
	c->ga.kind = aforms[af].kind;
	/* loads and stores: msize <= esize; PRF any */
	c->msz = (uint8_t)rnd_below(g->r, f->prf ? 4 : c->esz + 1u);
	c->sgn = (uint8_t)(fm->u_at && c->msz < c->esz && chance(g->r, 1, 2));
	c->mn = f->mn[c->msz][c->sgn];
	c->zt = (uint8_t)rnd_below(g->r, 32);
	c->pg = (uint8_t)rnd_below(g->r, 8);
	c->ga.prfop = (uint8_t)rnd_below(g->r, 16);
	switch (c->ga.kind) {
	case GK_VI: /* Zn, #imm5 * msize (0 a quarter of the time) */
		c->rn = pick_vec(g, c);
		imm5 = chance(g->r, 1, 4) ? 0 : (unsigned)rnd_below(g->r, 32);
		c->off = (int64_t)imm5 << c->msz;
		break;
	case GK_VS: /* Zn, Xm (XZR 1 in 8) */
		c->rn = pick_vec(g, c);
		c->rm = chance(g->r, 1, 8) ? XZR : (uint8_t)rnd_below(g->r, 31);
		break;
	default: /* Xn|SP (SP 1 in 8), Zm */
		c->rn = chance(g->r, 1, 8) ? 31 : (uint8_t)rnd_below(g->r, 31);
		c->rm = pick_vec(g, c);
		c->ga.sxtw = (uint8_t)(fm->xs_at && chance(g->r, 1, 2));
		sc = fm->sc_at && c->msz && chance(g->r, 1, 2);
		c->ga.shift = (uint8_t)(f->prf || sc ? c->msz : 0);
		break;
	}
	c->word = fm->op | (uint32_t)c->msz << fm->msz_at | (uint32_t)c->pg << 10 | (uint32_t)c->rn << 5 |
	          (f->prf ? c->ga.prfop : c->zt) | (uint32_t)(c->ga.kind == GK_VI ? imm5 : c->rm) << 16;
	if (fm->u_at && !c->sgn)
		c->word |= 1u << fm->u_at;
	if (c->ga.sxtw)
		c->word |= 1u << fm->xs_at;
	if (sc)
		c->word |= 1u << fm->sc_at;
}

/* ------------------------------------------------------------------------ */
/* The elements' addresses                                                  */
/* ------------------------------------------------------------------------ */

/* Where the elements go: [lo, hi), around nb page boundaries b[] a page
 * apart (none: inside one page). */
struct win {
	uint64_t lo, hi, b[3];
	unsigned nb;
	unsigned first_page; /* of the buffer: the window's first */
};

/* Bytes of the window beyond a boundary: mostly a few elements' worth,
 * sometimes up to a page (when the window spans one boundary). */
static uint64_t reach(struct sgen *g, unsigned msize, unsigned nb)
{
	unsigned k = (unsigned)rnd_below(g->r, 8);
	uint64_t max = k < 5 ? 256 : k < 7 || nb > 1 ? 1024 : PAGE;

	return msize + rnd_below(g->r, max - msize + 1);
}

/* With `fault`, the window's pages include the guard page; else they
 * avoid it. */
static void choose_window(struct sgen *g, unsigned msize, int fault, struct win *w)
{
	static const uint8_t nbs[8] = {0, 1, 1, 1, 1, 2, 2, 3};
	unsigned nb = nbs[rnd_below(g->r, 8)], p0, i;

	do
		p0 = fault ? GUARD_PAGE - (unsigned)rnd_below(g->r, nb + 1u) : (unsigned)rnd_below(g->r, BUF_PAGES - nb);
	while (!fault && p0 <= GUARD_PAGE && p0 + nb >= GUARD_PAGE);
	w->nb = nb;
	w->first_page = p0;
	for (i = 0; i < nb; i++)
		w->b[i] = g->buf + (uint64_t)(p0 + 1 + i) * PAGE;
	if (nb) {
		w->lo = w->b[0] - reach(g, msize, nb);
		w->hi = w->b[nb - 1] + reach(g, msize, nb);
	} else {
		uint64_t size = 2u * msize + rnd_below(g->r, 1024);

		w->lo = g->buf + (uint64_t)p0 * PAGE + rnd_below(g->r, PAGE - size + 1);
		w->hi = w->lo + size;
	}
}

/* How a case lays its elements out. */
enum { ST_MIX, ST_SEQ, ST_REV, ST_DUP, ST_COUNT };

static uint64_t uniform(struct sgen *g, const struct win *w, unsigned msize)
{
	return w->lo + rnd_below(g->r, w->hi - w->lo - msize + 1);
}

/* A candidate address for element e (addr[0 .. e-1] placed): near a
 * boundary (straddling it half the time), a duplicate of an earlier
 * element, overlapping the previous one, next to it (either side), or
 * anywhere in the window. */
static uint64_t pick_addr(struct sgen *g, const struct win *w, const uint64_t *addr, unsigned e, unsigned msize,
                          unsigned style)
{
	unsigned k = (unsigned)rnd_below(g->r, 8);
	uint64_t b;

	if (e) {
		uint64_t prev = addr[e - 1];

		switch (style) {
		case ST_SEQ:
			if (k)
				return prev + msize;
			break;
		case ST_REV:
			if (k)
				return prev - msize;
			break;
		case ST_DUP:
			if (k < 6)
				return addr[rnd_below(g->r, e)];
			break;
		default:
			if (k == 0)
				return addr[rnd_below(g->r, e)];
			if (k == 1)
				return prev + (uint64_t)rnd_range(g->r, 1 - (int64_t)msize, (int64_t)msize - 1);
			if (k == 2)
				return chance(g->r, 1, 2) ? prev + msize : prev - msize;
			if (k >= 6)
				return uniform(g, w, msize);
			break;
		}
	}
	if (!w->nb)
		return uniform(g, w, msize);
	b = w->b[rnd_below(g->r, w->nb)];
	if (msize > 1 && chance(g->r, 1, 2))
		return b - 1 - rnd_below(g->r, msize - 1);
	return b + (uint64_t)rnd_range(g->r, -64, 63);
}

/* a moved to a multiple of mod plus r (mod a power of two) inside [lo, hi - msize] */
static uint64_t fit(uint64_t a, uint64_t lo, uint64_t hi, unsigned msize, uint64_t mod, uint64_t r)
{
	uint64_t top = hi - msize;

	if (a < lo || a > top)
		a = lo + (a - lo) % (top - lo + 1);
	a -= (a - r) & (mod - 1);
	return a < lo ? a + mod : a;
}

static int touches_guard(const struct sgen *g, uint64_t a, unsigned msize)
{
	uint64_t gl = g->buf + (uint64_t)GUARD_PAGE * PAGE;

	return a + msize > gl && a < gl + PAGE;
}

/* An address in the window with a byte on the guard page (on), or none
 * (NOADDR when the window is all guard page). */
#define NOADDR (~0ull)
static uint64_t guard_addr(struct sgen *g, const struct win *w, unsigned msize, uint64_t mod, uint64_t r, int on)
{
	uint64_t gl = g->buf + (uint64_t)GUARD_PAGE * PAGE, lo = w->lo, hi = w->hi, a;

	if (on) { /* [gl - msize + 1, gl + PAGE - 1]: the window has msize of them */
		lo = lo > gl - msize + 1 ? lo : gl - msize + 1;
		hi = hi < gl + PAGE + msize - 1 ? hi : gl + PAGE + msize - 1;
	}
	for (unsigned tries = 0; tries < 8; tries++) {
		a = fit(lo + rnd_below(g->r, hi - msize - lo + 1), lo, hi, msize, mod, r);
		if (touches_guard(g, a, msize) == on)
			return a;
	}
	return NOADDR;
}

/* A window against the guard page: the first active element on it a third
 * of the time (LDFF1 faults); else a later one, the first off it (LDFF1
 * must suppress the later one; the others fault on it, not on the first). */
static void against_guard(struct sgen *g, struct scase *c, const struct win *w, uint64_t mod, uint64_t r)
{
	unsigned ne = c->vl >> c->esz, msize = 1u << c->msz, act[64], n = 0, e, i, later = 0;
	uint64_t a;

	for (e = 0; e < ne; e++)
		if (pred_active(c->st.p[c->pg], e, c->esz) && !c->ga.wild[e])
			act[n++] = e;
	if (n == 0)
		return;
	if (n == 1 || chance(g->r, 1, 3)) {
		if (!touches_guard(g, c->ga.addr[act[0]], msize))
			c->ga.addr[act[0]] = guard_addr(g, w, msize, mod, r, 1);
		return;
	}
	for (i = 1; i < n; i++)
		later |= touches_guard(g, c->ga.addr[act[i]], msize);
	if (!later)
		c->ga.addr[act[1 + rnd_below(g->r, n - 1)]] = guard_addr(g, w, msize, mod, r, 1);
	if (touches_guard(g, c->ga.addr[act[0]], msize) && (a = guard_addr(g, w, msize, mod, r, 0)) != NOADDR)
		c->ga.addr[act[0]] = a;
}

/* ------------------------------------------------------------------------ */
/* The registers                                                            */
/* ------------------------------------------------------------------------ */

static void set_elem(uint8_t *z, unsigned e, unsigned esz, uint64_t v)
{
	for (unsigned i = 0; i < (1u << esz); i++)
		z[(e << esz) + i] = (uint8_t)(v >> (8 * i));
}

/*
 * The untagged base X (of [Xn, Zm.S|D, UXTW|SXTW] and [Zn.S, Xm]) that
 * puts every offset addr - X in [omin, omax], with X = r modulo unit: the
 * offsets near their smallest, near their largest, around zero, or
 * anywhere. X may be "negative" (the sum wraps past 2^64).
 */
static int64_t choose_base(struct sgen *g, int64_t amin, int64_t amax, int64_t omin, int64_t omax, uint64_t unit,
                           uint64_t r)
{
	int64_t xlo = amax - omax, xhi = amin - omin, x;

	switch (rnd_below(g->r, 5)) {
	case 0:
		x = xhi - (int64_t)rnd_below(g->r, 4096);
		break;
	case 1:
		x = xlo + (int64_t)rnd_below(g->r, 4096);
		break;
	case 2:
		x = amin + rnd_range(g->r, -4096, 4095);
		break;
	default:
		x = xlo + (int64_t)rnd_below(g->r, (uint64_t)(xhi - xlo) + 1);
		break;
	}
	x = x < xlo ? xlo : x > xhi ? xhi : x;
	x -= (int64_t)(((uint64_t)x - r) & (unit - 1));
	return x < xlo ? x + (int64_t)unit : x;
}

/* A 64-bit base ([Xn, Zm.D{, LSL}], [Zn.D, Xm]): near the elements or
 * anything, = r modulo unit. */
static uint64_t choose_base64(struct sgen *g, uint64_t amin, uint64_t unit, uint64_t r)
{
	uint64_t x = chance(g->r, 1, 2) ? amin - rnd_below(g->r, 1u << 20) : rnd_value(g->r);

	return x - ((x - r) & (unit - 1));
}

static void set_x(struct scase *c, unsigned n, uint64_t v)
{
	if (n == 31)
		c->st.sp = v;
	else
		c->st.x[n] = v;
}

/* The base or offset vector, Xn or Xm, from the addresses (and tags) of
 * the elements; a wild element's vector element is any value. */
static void set_registers(struct sgen *g, struct scase *c, uint64_t amin, uint64_t amax, uint64_t unit, uint64_t r)
{
	unsigned ne = c->vl >> c->esz, e, s = c->ga.shift;
	uint8_t *z = c->st.z[c->ga.kind == GK_SV32 || c->ga.kind == GK_SV64 ? c->rm : c->rn];
	uint64_t base = 0, mask = c->esz == 2 ? 0xffffffffu : ~0ull;
	int64_t x = 0;

	switch (c->ga.kind) {
	case GK_SV32:
		x = c->ga.sxtw ? choose_base(g, (int64_t)amin, (int64_t)amax, -((int64_t)1 << (31 + s)),
		                             (((int64_t)1 << 31) - 1) << s, unit, r)
		               : choose_base(g, (int64_t)amin, (int64_t)amax, 0, (((int64_t)1 << 32) - 1) << s, unit, r);
		set_x(c, c->rn, (uint64_t)x + c->tag);
		break;
	case GK_SV64:
		base = choose_base64(g, amin, unit, r);
		set_x(c, c->rn, base);
		break;
	case GK_VS:
		if (c->rm == XZR)
			break;
		if (c->esz == 2)
			x = choose_base(g, (int64_t)amin, (int64_t)amax, 0, 0xffffffffll, 1, 0);
		base = c->esz == 2 ? (uint64_t)x + c->tag : choose_base64(g, amin, 1, 0);
		c->st.x[c->rm] = base;
		break;
	default: /* GK_VI */
		base = (uint64_t)c->off;
		break;
	}
	for (e = 0; e < ne; e++) {
		uint64_t a = c->ga.addr[e] | c->ga.tag[e], v;

		if (c->ga.wild[e])
			v = rnd_value(g->r);
		else if (c->ga.kind == GK_SV32) /* the offset's low 32 bits (then extended) */
			v = ((uint64_t)((int64_t)c->ga.addr[e] - x) >> s & 0xffffffffu) | (rng_next(g->r) << 32);
		else if (c->ga.kind == GK_SV64) /* any bits shifted out */
			v = (a - base) >> s | (s ? rng_next(g->r) << (64 - s) : 0);
		else /* a base: addr - imm, addr - Xm */
			v = a - base;
		set_elem(z, e, c->esz, v & mask);
	}
}

/* The tag of element e's address: the case's, or in a tagged case of the
 * forms whose vector holds 64-bit addresses ([Zn.D, #imm], [Xn, Zm.D],
 * [Zn.D, Xm]) its own half the time (none too). */
static uint64_t elem_tag(struct sgen *g, const struct scase *c)
{
	int own = c->tag && c->esz == 3 && c->ga.kind != GK_SV32;

	return own && chance(g->r, 1, 2) ? rnd_below(g->r, 256) << 56 : c->tag;
}

void gather_place(struct sgen *g, struct scase *c)
{
	const uint8_t *p = c->st.p[c->pg];
	unsigned ne = c->vl >> c->esz, msize = 1u << c->msz, e, style;
	unsigned fk = c->ff && g->fault > 1 ? g->fault / 2 : g->fault;
	int fault = fk && chance(g->r, 1, fk), wild = chance(g->r, 1, 4);
	uint64_t mod, r = 0, amin = ~0ull, amax = 0, unit;
	struct win w;

	/* a tag, but not where the address is 32 bits: [Zn.S, #imm], [Zn.S] */
	c->tag = 0;
	if (g->tbi && chance(g->r, 1, g->tbi) && !(c->esz == 2 && (c->ga.kind == GK_VI || (c->ga.kind == GK_VS && c->rm == XZR))))
		c->tag = (1 + rnd_below(g->r, 255)) << 56;
	choose_window(g, msize, fault, &w);
	/* scaled offsets: every address = r modulo msize (0 with SP: Xn|SP must
	 * be 16-aligned); unscaled ones: aligned half the time, or anywhere */
	if (c->ga.shift)
		r = c->rn == 31 || chance(g->r, 1, 2) ? 0 : rnd_below(g->r, msize);
	mod = c->ga.shift || chance(g->r, 1, 2) ? msize : 1;
	unit = c->rn == 31 && c->ga.kind != GK_VI && c->ga.kind != GK_VS ? 16 : (uint64_t)1 << c->ga.shift;
	style = chance(g->r, 1, 2) ? ST_MIX : 1 + (unsigned)rnd_below(g->r, ST_COUNT - 1);
	for (e = 0; e < ne; e++) {
		int act = pred_active(p, e, c->esz);

		/* some inactive elements (any element of a PRF) anywhere at all */
		c->ga.wild[e] = (uint8_t)(wild && (c->prefetch || !act) && chance(g->r, 1, 2));
		c->ga.addr[e] = fit(pick_addr(g, &w, c->ga.addr, e, msize, style), w.lo, w.hi, msize, mod, r);
		c->ga.tag[e] = elem_tag(g, c);
	}
	if (fault)
		against_guard(g, c, &w, mod, r);
	for (e = 0; e < ne; e++)
		if (!c->ga.wild[e]) {
			amin = c->ga.addr[e] < amin ? c->ga.addr[e] : amin;
			amax = c->ga.addr[e] > amax ? c->ga.addr[e] : amax;
		}
	if (amin > amax) /* every element wild */
		amin = amax = w.lo;
	c->ea = amin;
	c->span = (uint32_t)(amax + msize - amin);
	c->place = fault ? (w.nb == 0 ? PL_GUARD_INSIDE : w.first_page == GUARD_PAGE ? PL_GUARD_BELOW : PL_GUARD_ABOVE)
	                 : w.nb ? PL_CROSS : PL_PLAIN;
	if (c->span > MAXSPAN || (c->esz == 2 && amax + msize > 0xffffffffu)) {
		fprintf(stderr, "differential-sve: internal error: gather window 0x%" PRIx64 "+%u\n", c->ea, c->span);
		exit(3);
	}
	set_registers(g, c, amin, amax, unit, r);
}

/* ------------------------------------------------------------------------ */
/* Questions about the elements                                             */
/* ------------------------------------------------------------------------ */

static int elem_holds(const struct scase *c, unsigned e, uint64_t a, uint64_t len)
{
	return !c->ga.wild[e] && pred_active(c->st.p[c->pg], e, c->esz) && a >= c->ga.addr[e] &&
	       a + len <= c->ga.addr[e] + (1u << c->msz);
}

int gather_piece_elem(const struct scase *c, uint64_t a, uint32_t len, unsigned from)
{
	unsigned ne = c->vl >> c->esz, e;

	for (e = from; e < ne; e++)
		if (elem_holds(c, e, a, len))
			return (int)e;
	for (e = 0; e < from && e < ne; e++)
		if (elem_holds(c, e, a, len))
			return -1;
	return -2;
}

uint64_t tag_at(const struct scase *c, uint64_t va)
{
	if (c->shape == SK_GATHER)
		for (unsigned e = 0; e < (c->vl >> c->esz); e++)
			if (elem_holds(c, e, va, 1))
				return c->ga.tag[e];
	return c->tag;
}

int gather_splits(const struct scase *c)
{
	for (unsigned e = 0; e < (c->vl >> c->esz); e++)
		if (elem_holds(c, e, c->ga.addr[e], 1) && c->ga.addr[e] % PAGE + (1u << c->msz) > PAGE)
			return 1;
	return 0;
}

/* The memory operand as binutils prints it, without spaces:
 * "[z3.d,#8]", "[sp,z1.s,sxtw#2]", "[x4,z5.d,lsl#3]", "[z2.s,xzr]". */
void gather_operand_text(const struct scase *c, char *out, size_t n)
{
	static const char *const ext[2] = {"uxtw", "sxtw"};
	char sfx = c->esz == 2 ? 's' : 'd', xn[8], sh[8] = "";

	snprintf(xn, sizeof xn, c->rn == 31 ? "sp" : "x%u", c->rn);
	if (c->ga.shift)
		snprintf(sh, sizeof sh, "#%u", c->ga.shift);
	switch (c->ga.kind) {
	case GK_VI:
		if (c->off)
			snprintf(out, n, "[z%u.%c,#%" PRId64 "]", c->rn, sfx, c->off);
		else
			snprintf(out, n, "[z%u.%c]", c->rn, sfx);
		break;
	case GK_VS:
		if (c->rm == XZR)
			snprintf(out, n, "[z%u.%c,xzr]", c->rn, sfx);
		else
			snprintf(out, n, "[z%u.%c,x%u]", c->rn, sfx, c->rm);
		break;
	case GK_SV32:
		snprintf(out, n, "[%s,z%u.%c,%s%s]", xn, c->rm, sfx, ext[c->ga.sxtw], sh);
		break;
	default:
		snprintf(out, n, "[%s,z%u.d%s%s]", xn, c->rm, c->ga.shift ? ",lsl" : "", sh);
		break;
	}
}

void gather_print(const struct scase *c, int all)
{
	unsigned ne = c->vl >> c->esz, e, shown = 0;
	char op[48];

	gather_operand_text(c, op, sizeof op);
	printf("  %s %s, p%u, %s", c->mn, c->prefetch ? "prfop" : "{zt}", c->pg, op);
	if (c->ga.kind == GK_SV32 || c->ga.kind == GK_SV64)
		printf(" with Xn 0x%016" PRIx64, c->rn == 31 ? c->st.sp : c->st.x[c->rn]);
	else if (c->ga.kind == GK_VS && c->rm != XZR)
		printf(" with Xm 0x%016" PRIx64, c->st.x[c->rm]);
	printf("; the elements' hull 0x%" PRIx64 "+%u (* active, ~ wild: any address):\n  ", c->ea, c->span);
	for (e = 0; e < ne && (all || shown < 24); e++) {
		int act = pred_active(c->st.p[c->pg], e, c->esz);

		if (!all && !act)
			continue;
		shown++;
		if (c->ga.wild[e])
			printf(" %u%s~", e, act ? "*" : "");
		else
			printf(" %u%s:ea%+" PRId64 "%s", e, act ? "*" : "", (int64_t)(c->ga.addr[e] - c->ea),
			       c->ga.tag[e] ? "(t)" : "");
	}
	printf("\n");
}

unsigned gather_flags(const struct scase *c)
{
	unsigned ne = c->vl >> c->esz, msize = 1u << c->msz, e, f, pages = 0, fl = 0;
	uint64_t page0 = 0;

	for (e = 0; e < ne; e++) {
		uint64_t a = c->ga.addr[e];

		fl |= c->ga.wild[e] ? 1u << GS_WILD : 0;
		fl |= c->ga.tag[e] ? 1u << GS_TAGGED : 0;
		if (!elem_holds(c, e, a, 1))
			continue;
		if (!pages++)
			page0 = a / PAGE;
		fl |= (a / PAGE != page0 || (a + msize - 1) / PAGE != page0) ? 1u << GS_PAGES : 0;
		for (f = 0; f < e; f++)
			if (elem_holds(c, f, c->ga.addr[f], 1)) {
				uint64_t b = c->ga.addr[f];

				fl |= b == a ? 1u << GS_DUP : b < a + msize && a < b + msize ? 1u << GS_OVERLAP : 0;
				fl |= b > a ? 1u << GS_UNORDERED : 0;
			}
	}
	return fl;
}
