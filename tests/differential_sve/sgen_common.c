/*
 * Register values, operands, initial state, and sgen_finish: the predicate
 * pattern, the placement of the effective address, the base and offset
 * registers, and the access model (which bytes the active elements touch,
 * whether and where the access faults on the guard page).
 */
#include "sgen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Register values: an edge value (up to UINT64_MAX), a small one, or
 * anything (4 in 6). */
uint64_t rnd_value(struct rng *r)
{
	static const uint8_t kind[] = {RV_EDGE, RV_SMALL, RV_ANY, RV_ANY, RV_ANY, RV_ANY};
	static const struct rnd_mix mix = {kind, sizeof kind, 16};

	return rnd_mixed(r, &mix);
}

void pick_operands(struct sgen *g, struct scase *c, int has_pg, int has_rm)
{
	c->zt = (uint8_t)rnd_below(g->r, 32);
	c->pg = has_pg ? (uint8_t)rnd_below(g->r, 8) : NOREG;
	c->rn = chance(g->r, 1, 8) ? 31 : (uint8_t)rnd_below(g->r, 31);
	c->rm = NOREG;
	if (has_rm)
		do
			c->rm = (uint8_t)rnd_below(g->r, 31);
		while (c->rm == c->rn);
}

void sgen_init_state(struct rng *r, struct sve_regs *st)
{
	unsigned i;

	for (i = 0; i < 31; i++)
		st->x[i] = rnd_value(r);
	st->sp = rng_next(r) & ~(uint64_t)15;
	st->nzcv = rng_next(r) & 0xf0000000u;
	st->pad = 0;
	for (i = 0; i < sizeof st->z / 8; i++) {
		uint64_t v = rng_next(r);

		memcpy(&st->z[0][0] + 8 * i, &v, 8);
	}
	for (i = 0; i < sizeof st->p / 8; i++) {
		uint64_t v = rng_next(r);

		memcpy(&st->p[0][0] + 8 * i, &v, 8);
	}
}

/* FFR must hold a monotonic value (WRFFR: otherwise UNPREDICTABLE): k
 * leading ones out of vl bits (the predicate of a vl-byte vector). */
static void set_ffr(struct rng *r, struct sve_regs *st, unsigned vl)
{
	unsigned k = (unsigned)rnd_below(r, vl + 1), i;

	memset(st->ffr, 0, sizeof st->ffr);
	for (i = 0; i < k; i++)
		st->ffr[i / 8] |= (uint8_t)(1u << (i % 8));
}

/* ------------------------------------------------------------------------ */
/* The predicate                                                            */
/* ------------------------------------------------------------------------ */

/* Elements the governing predicate has, and how many of them matter. */
static unsigned pred_elems(const struct scase *c, unsigned *relevant)
{
	unsigned n = c->vl >> c->esz;

	*relevant = n;
	if (c->shape == SK_REPL && c->rbytes && (unsigned)(c->rbytes >> c->msz) < n)
		*relevant = c->rbytes >> c->msz;
	return n;
}

static void set_bit(uint8_t *p, unsigned bit, int v)
{
	if (v)
		p[bit / 8] |= (uint8_t)(1u << (bit % 8));
	else
		p[bit / 8] &= (uint8_t)~(1u << (bit % 8));
}

static void make_predicate(struct sgen *g, struct scase *c)
{
	static const unsigned weight[PAT_COUNT] = {25, 5, 20, 30, 10, 10};
	uint8_t *p = c->st.p[c->pg];
	unsigned rel, n = pred_elems(c, &rel), e, k = 0, dens = 4, one = 0;
	unsigned w = (unsigned)rnd_below(g->r, 100);

	for (c->pattern = 0; c->pattern < PAT_COUNT - 1 && w >= weight[c->pattern]; c->pattern++)
		w -= weight[c->pattern];
	/* the bits that are not an element's lowest: random (half the time,
	 * with g->noise) or zero */
	if (chance(g->r, 1, 2) || !g->noise)
		memset(p, 0, sizeof c->st.p[0]);
	switch (c->pattern) {
	case PAT_PREFIX:
	case PAT_SUFFIX:
		k = (unsigned)rnd_below(g->r, rel + 1);
		break;
	case PAT_RANDOM:
		dens = chance(g->r, 1, 3) ? 1 : chance(g->r, 1, 2) ? 4 : 7; /* in eighths */
		break;
	case PAT_ONE:
		one = (unsigned)rnd_below(g->r, rel);
		break;
	}
	for (e = 0; e < n; e++) {
		int a;

		if (e >= rel) {
			a = chance(g->r, 1, 2);
		} else {
			switch (c->pattern) {
			case PAT_ALL: a = 1; break;
			case PAT_NONE: a = 0; break;
			case PAT_PREFIX: a = e < k; break;
			case PAT_SUFFIX: a = e >= rel - k; break;
			case PAT_ONE: a = e == one; break;
			default: a = chance(g->r, dens, 8); break;
			}
		}
		set_bit(p, e << c->esz, a);
	}
}

/* ------------------------------------------------------------------------ */
/* The access model                                                         */
/* ------------------------------------------------------------------------ */

/* The accesses in the pseudocode's order: offset from EA, size, active. */
struct acc {
	uint16_t off;
	uint8_t size, active;
};

static unsigned accesses(const struct scase *c, struct acc *a)
{
	unsigned n = 0, e, r, ne, msize = 1u << c->msz;
	const uint8_t *p = c->pg == NOREG ? NULL : c->st.p[c->pg];

	switch (c->shape) {
	case SK_CONT:
		ne = c->vl >> c->esz;
		for (e = 0; e < ne; e++)
			for (r = 0; r < c->nregs; r++)
				a[n++] = (struct acc){(uint16_t)((e * c->nregs + r) * msize), (uint8_t)msize,
				                      (uint8_t)pred_active(p, e, c->esz)};
		break;
	case SK_REPL:
		if (c->rbytes == 0) {
			/* LD1R*: one element, read when any element is active */
			int any = 0;

			for (e = 0; e < (c->vl >> c->esz); e++)
				any |= pred_active(p, e, c->esz);
			a[n++] = (struct acc){0, (uint8_t)msize, (uint8_t)any};
		} else {
			for (e = 0; e < (unsigned)(c->rbytes >> c->msz); e++)
				a[n++] = (struct acc){(uint16_t)(e * msize), (uint8_t)msize, (uint8_t)pred_active(p, e, c->esz)};
		}
		break;
	case SK_GATHER: /* element e at its own address (a wild one is inactive) */
		for (e = 0; e < (c->vl >> c->esz); e++)
			a[n++] = c->ga.wild[e] ? (struct acc){0, (uint8_t)msize, 0}
			                       : (struct acc){(uint16_t)(c->ga.addr[e] - c->ea), (uint8_t)msize,
			                                      (uint8_t)pred_active(p, e, c->esz)};
		break;
	default: /* SK_LDR: Mem[address + i, 1] for every byte */
		ne = c->preg ? c->vl / 8 : c->vl;
		for (e = 0; e < ne; e++)
			a[n++] = (struct acc){(uint16_t)e, 1, 1};
		break;
	}
	return n;
}

static uint32_t span_of(const struct scase *c)
{
	switch (c->shape) {
	case SK_CONT: return ((c->vl >> c->esz) << c->msz) * c->nregs;
	case SK_REPL: return c->rbytes ? c->rbytes : 1u << c->msz;
	case SK_GATHER: return 0; /* gather_place: the elements' hull */
	default: return c->preg ? c->vl / 8 : c->vl;
	}
}

/*
 * qemu 7.2 bug (1): sve_cont_ldst_pages() probes the second page without
 * faulting when the element (structure, for LD2-LD4) split across the page
 * boundary is active and not the first active one; the page is then
 * invalid with no exception raised and sve_ld1_r/sve_ldN_r hit
 * g_assert_not_reached() (qemu aborts). Loads through those helpers only:
 * LD1, LDNT1, LD2-LD4, LD1RQ, LD1RO (not LDFF1/LDNF1: sve_ldnfff1_r); and
 * SME tile slices, loads and stores (sme_ld1, sme_st1); the second page
 * must be the guard.
 * Returns 1 + the split structure's index when it applies, else 0.
 */
static unsigned qemu_bug1(const struct scase *c, uint64_t guard_lo)
{
	const uint8_t *p = c->pg == NOREG ? NULL : c->st.p[c->pg];
	unsigned s = (unsigned)c->nregs << c->msz, nst, split, first, e;
	uint64_t page_split = PAGE - (c->ea % PAGE);

	if ((c->store && c->za_kind == ZK_NONE) || c->ff || c->shape == SK_LDR || c->shape == SK_GATHER ||
	    (c->shape == SK_REPL && c->rbytes == 0))
		return 0;
	if (c->ea + page_split != guard_lo || page_split % s == 0)
		return 0;
	nst = c->shape == SK_CONT ? c->vl >> c->esz : (unsigned)c->rbytes >> c->msz;
	split = (unsigned)(page_split / s);
	if (split >= nst || !pred_active(p, split, c->esz))
		return 0;
	for (first = nst, e = 0; e < nst; e++)
		if (pred_active(p, e, c->esz)) {
			first = e;
			break;
		}
	return first < split ? split + 1 : 0;
}

/*
 * LDFF1*: only the first active element is accessed by Mem[] and can
 * fault (FAR: its first byte on the guard page); the later ones go through
 * MemNF[], which never faults. LDNF1*: every element through MemNF[].
 * c->act is what must be accessed: LDFF1's first active element (at EA +
 * e * msize, or a gather's at its own address).
 */
static void model_ff(struct scase *c, uint64_t guard_lo)
{
	const uint8_t *p = c->st.p[c->pg];
	unsigned ne = c->vl >> c->esz, msize = 1u << c->msz, e, b;
	uint64_t lo;

	for (e = 0; e < ne && !pred_active(p, e, c->esz); e++)
		;
	c->ff_first = e;
	if (c->ff != FF_FIRST || e == ne)
		return;
	lo = c->shape == SK_GATHER ? c->ga.addr[e] : c->ea + (uint64_t)e * msize;
	for (b = 0; b < msize; b++)
		c->act[lo - c->ea + b] = 1;
	c->nact = msize;
	if (lo + msize > guard_lo && lo < guard_lo + PAGE) {
		c->fault = 1;
		c->far = lo < guard_lo ? guard_lo : lo;
	}
}

static unsigned model(struct scase *c, uint64_t guard_lo)
{
	static struct acc a[MAXSPAN];
	unsigned n = accesses(c, a), i, b, s;

	memset(c->act, 0, c->span);
	c->nact = 0;
	c->fault = 0;
	c->far = 0;
	c->bug1 = 0;
	if (c->undef || c->prefetch) /* no access at all */
		return 0;
	if (c->ff) {
		model_ff(c, guard_lo);
		return 0;
	}
	for (i = 0; i < n; i++) {
		uint64_t lo = c->ea + a[i].off, hi = lo + a[i].size;

		if (!a[i].active)
			continue;
		for (b = 0; b < a[i].size; b++)
			c->nact += c->act[a[i].off + b]++ == 0;
		/* the first active access that reaches the guard page faults;
		 * FAR = its first byte there (Arm ARM: the faulting access) */
		if (!c->fault && hi > guard_lo && lo < guard_lo + PAGE) {
			c->fault = 1;
			c->far = lo < guard_lo ? guard_lo : lo;
		}
	}
	if (!c->fault)
		return 0;
	s = qemu_bug1(c, guard_lo);
	c->bug1 = s != 0;
	return s;
}

unsigned active_at(const struct scase *c, uint64_t va)
{
	static struct acc a[MAXSPAN];
	unsigned n = accesses(c, a), i, k = 0;

	for (i = 0; i < n; i++)
		k += a[i].active && va - c->ea - a[i].off < a[i].size;
	return k;
}

/* ------------------------------------------------------------------------ */
/* Placement                                                                */
/* ------------------------------------------------------------------------ */

static uint64_t page_addr(const struct sgen *g, unsigned i)
{
	return g->buf + (uint64_t)i * PAGE;
}

static int touches_guard(const struct sgen *g, uint64_t lo, uint64_t hi)
{
	return hi > page_addr(g, GUARD_PAGE) && lo < page_addr(g, GUARD_PAGE + 1);
}

static int placement_ok(const struct sgen *g, const struct scase *c, uint64_t ea)
{
	uint64_t hi = ea + c->span;

	if (ea < g->buf || hi > page_addr(g, BUF_PAGES))
		return 0;
	return c->place >= PL_GUARD_ABOVE || !touches_guard(g, ea, hi);
}

/* k in [1, span - 1], half the time a multiple of the element size */
static uint64_t split_at(struct sgen *g, const struct scase *c)
{
	unsigned unit = c->shape == SK_LDR ? 1u : 1u << c->msz;

	if (c->span > unit && chance(g->r, 1, 2))
		return unit * (1 + rnd_below(g->r, (c->span - 1) / unit));
	return 1 + rnd_below(g->r, c->span - 1);
}

static uint64_t choose_ea(struct sgen *g, struct scase *c)
{
	uint64_t ea, lo, hi;
	unsigned b;

	switch (c->place) {
	case PL_CROSS: /* across a boundary between two mapped pages */
		do
			b = 1 + (unsigned)rnd_below(g->r, BUF_PAGES - 1);
		while (b == GUARD_PAGE || b == GUARD_PAGE + 1);
		return page_addr(g, b) - split_at(g, c);
	case PL_GUARD_ABOVE: /* from a mapped page into the guard page */
		return page_addr(g, GUARD_PAGE) - split_at(g, c);
	case PL_GUARD_BELOW: /* from the guard page into the next one */
		return page_addr(g, GUARD_PAGE + 1) - split_at(g, c);
	case PL_GUARD_INSIDE:
		return page_addr(g, GUARD_PAGE) + rnd_below(g->r, PAGE - c->span + 1);
	default:
		if (chance(g->r, 1, 2)) {
			lo = g->buf;
			hi = page_addr(g, GUARD_PAGE);
		} else {
			lo = page_addr(g, GUARD_PAGE + 1);
			hi = page_addr(g, BUF_PAGES);
		}
		ea = lo + rnd_below(g->r, hi - lo - c->span + 1);
		if (chance(g->r, 1, 2))
			ea &= ~(uint64_t)((1u << c->msz) - 1);
		return ea;
	}
}

/* Xm for scalar+scalar: small, an edge value, or anything */
static uint64_t choose_xm(struct sgen *g)
{
	switch (rnd_below(g->r, 4)) {
	case 0:
	case 1:
		return (uint64_t)rnd_range(g->r, -300, 300);
	default:
		return rnd_value(g->r);
	}
}

void sgen_finish(struct sgen *g, struct scase *c)
{
	uint64_t off, ea = 0, base;
	unsigned tries, split, fault_k;

	c->vl = g->vl;
	c->undef = c->shape == SK_REPL && c->rbytes == 32 && c->vl < 32;
	c->span = span_of(c);
	if (c->pg != NOREG)
		make_predicate(g, c);
	set_ffr(g->r, &c->st, c->vl);
	/* LDFF1/LDNF1: FFR all true 3 times in 4 (the usual SETFFR before) */
	if (c->ff && chance(g->r, 3, 4))
		memset(c->st.ffr, 0xff, c->vl / 8);
	if (c->shape == SK_GATHER) {
		gather_place(g, c);
		model(c, page_addr(g, GUARD_PAGE));
		return;
	}

	c->tag = g->tbi && chance(g->r, 1, g->tbi) ? (1 + rnd_below(g->r, 255)) << 56 : 0;
	if (c->rm == XZR) {
		c->xm = 0;
		off = 0;
	} else if (c->rm != NOREG) {
		c->xm = choose_xm(g);
		off = c->xm << c->msz;
	} else {
		off = (uint64_t)c->off;
	}

	c->place = PL_PLAIN;
	/* LDFF1/LDNF1: against the guard page twice as often, running into
	 * it 2 times in 3 (a later element suppressed: where they differ from
	 * LD1) */
	fault_k = c->ff && g->fault > 1 ? g->fault / 2 : g->fault;
	if (fault_k && chance(g->r, 1, fault_k)) {
		if (chance(g->r, 1, 10))
			c->place = PL_GUARD_INSIDE;
		else if (c->ff ? chance(g->r, 2, 3) : chance(g->r, 1, 2))
			c->place = PL_GUARD_ABOVE;
		else
			c->place = PL_GUARD_BELOW;
	} else if (g->cross && c->span > 1 && chance(g->r, 1, g->cross)) {
		c->place = PL_CROSS;
	}
	if (c->span < 2 && (c->place == PL_GUARD_ABOVE || c->place == PL_GUARD_BELOW))
		c->place = PL_GUARD_INSIDE;

	for (tries = 0; tries < 64; tries++) {
		if (tries == 32)
			c->place = PL_PLAIN;
		ea = choose_ea(g, c);
		if (c->rn == 31) {
			/* SP as the base must be 16-aligned (SCTLR_EL1.SA0) */
			uint64_t d = (ea - off) & 15;

			if (placement_ok(g, c, ea - d))
				ea -= d;
			else if (d)
				ea += 16 - d;
		}
		if (placement_ok(g, c, ea))
			break;
	}
	if (tries == 64) {
		fprintf(stderr, "differential-sve: internal error: no placement\n");
		exit(3);
	}
	c->ea = ea;
	base = (ea | c->tag) - off;
	/* 1 in 16 scalar+scalar cases with Rm == Rn (Xn + (Xn << msz) = EA:
	 * 1 + 2^msz is odd for msz > 0, so Xn = EA * (1 + 2^msz)^-1) */
	if (c->rm != NOREG && c->rm != XZR && c->rn != 31 && c->msz && chance(g->r, 1, 16)) {
		uint64_t m = 1 + (1ull << c->msz), inv = m;

		for (unsigned i = 0; i < 6; i++)
			inv *= 2 - m * inv;
		base = (ea | c->tag) * inv;
		c->rm = c->rn;
		c->xm = base;
		c->word = (c->word & ~(31u << 16)) | (uint32_t)c->rn << 16;
	}
	if (c->rn == 31)
		c->st.sp = base;
	else
		c->st.x[c->rn] = base;
	if (c->rm != NOREG && c->rm != XZR)
		c->st.x[c->rm] = c->xm;
	split = model(c, page_addr(g, GUARD_PAGE));
	/* qemu bug 1 needs a forked run (slow under qemu-user): keep 1 in
	 * g->bug1 such cases, make the split structure inactive in the others */
	if (split && !(g->bug1 && chance(g->r, 1, g->bug1))) {
		set_bit(c->st.p[c->pg], (split - 1) << c->esz, 0);
		c->bug1_avoided = 1;
		model(c, page_addr(g, GUARD_PAGE));
	}
}
