/* Random numbers and the placement helpers shared by the generators. */
#include "gen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

void rng_seed(struct rng *r, uint64_t seed)
{
	unsigned i;

	for (i = 0; i < 4; i++)
		r->s[i] = splitmix(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t res = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return res;
}

uint64_t rnd_below(struct rng *r, uint64_t n)
{
	__extension__ typedef unsigned __int128 u128;

	return (uint64_t)(((u128)rng_next(r) * n) >> 64);
}

int64_t rnd_range(struct rng *r, int64_t lo, int64_t hi)
{
	return lo + (int64_t)rnd_below(r, (uint64_t)(hi - lo) + 1);
}

int chance(struct rng *r, unsigned num, unsigned den)
{
	return rnd_below(r, den) < num;
}

uint64_t rnd_value(struct rng *r)
{
	static const uint64_t edge[] = {
		0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000,
		0xffffffff, 0x100000000ull, 0x7fffffffffffffffull, 0x8000000000000000ull,
		0xffffffffffffffffull, 0xffffffffffffff80ull, 0xffffffffffff8000ull,
		0xffffffff80000000ull,
	};
	uint64_t v;

	switch (rnd_below(r, 8)) {
	case 0:
		return edge[rnd_below(r, sizeof edge / sizeof edge[0])];
	case 1: /* edge value plus or minus a little */
		v = edge[rnd_below(r, sizeof edge / sizeof edge[0])];
		return v + (uint64_t)rnd_range(r, -3, 3);
	case 2: /* small magnitude */
		return (uint64_t)rnd_range(r, -300, 300);
	default:
		return rng_next(r);
	}
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
	if (t->acc_lo == t->acc_hi) {
		t->acc_lo = addr;
		t->acc_hi = addr + len;
	} else {
		if (addr < t->acc_lo)
			t->acc_lo = addr;
		if (addr + len > t->acc_hi)
			t->acc_hi = addr + len;
	}
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
