/* Register values and the placement helpers shared by the generators. */
#include "gen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../support/range.h"

/* Register and immediate values: an edge value, one near it, a small one,
 * or anything (5 in 8). */
uint64_t rnd_value(struct rng *r)
{
	static const uint8_t kind[] = {RV_EDGE, RV_NEAR_EDGE, RV_SMALL, RV_ANY, RV_ANY, RV_ANY, RV_ANY, RV_ANY};
	static const struct rnd_mix mix = {kind, sizeof kind, RNG_NEDGE};

	return rnd_mixed(r, &mix);
}

/* A base in [minb, maxb], a multiple of align, with [base+lo, base+hi)
 * across a page boundary inside the buffer; 0 when none exists. */
static uint64_t crossing_base(struct gen *g, int64_t lo, int64_t hi, uint64_t align, uint64_t minb, uint64_t maxb)
{
	uint64_t npages = g->bufsz / 4096, p, first, last, n;

	if (hi - lo < 2 || npages < 2)
		return 0;
	/* base + lo < p < base + hi, i.e. base in [p - hi + 1, p - lo - 1] */
	p = g->buf + 4096 * (1 + rnd_below(g->r, npages - 1));
	first = p - (uint64_t)hi + 1;
	last = p - (uint64_t)lo - 1;
	if (first < minb)
		first = minb;
	if (last > maxb)
		last = maxb;
	first = (first + align - 1) & ~(align - 1);
	if (first > last)
		return 0;
	n = (last - first) / align + 1;
	return first + align * rnd_below(g->r, n);
}

uint64_t place_base(struct gen *g, int64_t lo, int64_t hi, uint64_t align, unsigned n)
{
	uint64_t minb, maxb, b;

	if (n == 31 && align < 16)
		align = 16;
	if (align == 0)
		align = 1;
	minb = g->buf - (uint64_t)lo;
	maxb = g->buf + g->bufsz - (uint64_t)hi;
	if ((int64_t)(maxb - minb) < (int64_t)align) {
		fprintf(stderr, "differential: place_base: range [%lld, %lld) does not fit\n", (long long)lo,
		        (long long)hi);
		abort();
	}
	if (g->cross) {
		b = crossing_base(g, lo, hi, align, minb, maxb);
		if (b)
			return b;
	}
	b = minb + rnd_below(g->r, maxb - minb + 1);
	b &= ~(align - 1);
	if (b < minb)
		b += align;
	return b;
}

void set_xn_sp(struct tcase *t, unsigned n, uint64_t v)
{
	if (n == 31)
		t->st.sp = v;
	else
		t->st.x[n] = v;
}

void set_x(struct tcase *t, unsigned n, uint64_t v)
{
	if (n < 31)
		t->st.x[n] = v;
}

unsigned pick_reg(struct rng *r, uint32_t mask)
{
	unsigned n;

	if (mask == 0xffffffffu)
		abort();
	do
		n = (unsigned)rnd_below(r, 32);
	while (mask >> n & 1);
	return n;
}

void set_access(struct tcase *t, uint64_t addr, uint64_t len, int write)
{
	if (len == 0)
		return;
	range_hull(&t->acc_lo, &t->acc_hi, addr, addr + len);
	if (write)
		t->may_write = 1;
}

void patch_mem(struct tcase *t, uint64_t addr, unsigned len, uint64_t v)
{
	unsigned i;

	if (t->npatch >= MAX_PATCH)
		abort();
	t->patch[t->npatch].addr = addr;
	t->patch[t->npatch].len = len;
	for (i = 0; i < len; i++)
		t->patch[t->npatch].b[i] = (uint8_t)(v >> (8 * (i & 7)));
	t->npatch++;
}

void single(struct tcase *t, uint32_t word)
{
	t->words[0] = word;
	t->nwords = 1;
	t->emu[0] = word;
	t->nemu = 1;
	t->emu_first = 0;
}

void syn_access(struct tcase *t, unsigned k, uint64_t lo, uint64_t len, unsigned wnr)
{
	struct tsyn *s = &t->syn[k];

	memset(s, 0, sizeof *s);
	s->set = 1;
	s->wnr = (uint8_t)wnr;
	s->fa_lo = s->cv_lo = lo;
	s->fa_hi = s->cv_hi = lo + len;
}

void syn_isv(struct tcase *t, unsigned k, unsigned sas, unsigned sse, unsigned sf, unsigned ar, unsigned rt)
{
	struct tsyn *s = &t->syn[k];

	s->isv = 1;
	s->sas = (uint8_t)sas;
	s->sse = (uint8_t)sse;
	s->sf = (uint8_t)sf;
	s->ar = (uint8_t)ar;
	s->srt = (uint8_t)rt;
}

void syn_dc(struct tcase *t, uint64_t xt, uint64_t cv_lo, uint64_t cv_len, int cm)
{
	struct tsyn *s = &t->syn[0];

	/* WnR is 1 for the zeroing ops (stores) and for cache maintenance */
	syn_access(t, 0, cv_lo, cv_len, SYN_WNR_WRITE);
	s->cm = (uint8_t)(cm != 0);
	s->fa_lo = xt;
	s->fa_hi = xt + 1;
}
