/* The permitted-outcome judge of LDFF1* and LDNF1* (ffjudge.h). */
#include "ffjudge.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static uint64_t le(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;

	while (n--)
		v = v << 8 | p[n];
	return v;
}

uint64_t ff_elem(const uint8_t *z, unsigned e, unsigned esz)
{
	return le(z + ((size_t)e << esz), 1u << esz);
}

static int bit(const uint8_t *p, unsigned i)
{
	return (p[i / 8] >> (i % 8)) & 1;
}

void ff_prepare(const struct scase *c, const uint8_t *mem, uint64_t guard_lo, struct ff_ctx *x)
{
	unsigned e, msize = 1u << c->msz, ebits = 8u << c->esz;

	x->ne = c->vl >> c->esz;
	x->first = x->lim = x->ne;
	for (e = 0; e < x->ne; e++) {
		/* element e's address: a gather's own (a wild one's is not in
		 * the window: inactive, never loaded) */
		int wild = c->shape == SK_GATHER && c->ga.wild[e];
		uint64_t lo = c->shape == SK_GATHER ? c->ga.addr[e] : c->ea + (uint64_t)e * msize, v;

		x->active[e] = (uint8_t)pred_active(c->st.p[c->pg], e, c->esz);
		x->loadable[e] = !wild && !(lo + msize > guard_lo && lo < guard_lo + PAGE);
		x->mem[e] = 0;
		if (x->loadable[e]) {
			/* Extend(data, esize, unsigned) or the signed form (LD1S*) */
			v = le(mem + (lo - c->ea), msize);
			if (c->sgn && (v >> (8 * msize - 1) & 1))
				v |= ~0ull << (8 * msize);
			x->mem[e] = ebits == 64 ? v : v & ((1ull << ebits) - 1);
		}
		x->data[e] = x->active[e] ? x->mem[e] : 0;
		if (!x->active[e])
			continue;
		if (x->first == x->ne)
			x->first = e;
		if (!x->loadable[e] && x->lim == x->ne)
			x->lim = e;
	}
}

void ff_clear_from(const struct scase *c, const uint8_t *in, unsigned k, uint8_t *out)
{
	unsigned b, nbits = c->vl; /* one predicate bit per vector byte */

	memcpy(out, in, c->vl / 8);
	for (b = k << c->esz; b < nbits; b++)
		out[b / 8] &= (uint8_t) ~(1u << (b % 8));
}

void ff_nisv_choice(const struct scase *c, const struct ff_ctx *x, uint8_t *zt, uint8_t *ffr)
{
	unsigned k = x->first, b;

	if (c->ff == FF_FIRST && k < x->ne)
		for (k++; k < x->ne && !x->active[k]; k++)
			;
	ff_clear_from(c, c->st.ffr, k, ffr);
	memset(zt, 0, c->vl);
	if (c->ff == FF_FIRST && x->first < x->ne)
		for (b = 0; b < (1u << c->esz); b++)
			zt[(x->first << c->esz) + b] = (uint8_t)(x->data[x->first] >> (8 * b));
}

/* The first element whose Zt value this suppression point k cannot
 * explain, or ne. u0: the first element whose FFR bit was 0 on entry. */
static unsigned zt_fails(const struct scase *c, const struct ff_ctx *x, const uint8_t *zt, unsigned k, unsigned u0)
{
	unsigned e, u = k < u0 ? k : u0;

	for (e = 0; e < x->ne; e++) {
		uint64_t got = ff_elem(zt, e, c->esz);

		if (e < u) { /* not UNKNOWN: the data, zero when inactive */
			if (got != x->data[e])
				return e;
			continue;
		}
		if (got == 0 || got == ff_elem(c->st.z[c->zt], e, c->esz))
			continue; /* zero or merge */
		/* the data: only if e was not suppressed (inactive elements'
		 * data is zero, handled above) */
		if (x->active[e] && e != k && e < x->lim && got == x->data[e])
			continue;
		return e;
	}
	return x->ne;
}

int ff_permitted(const struct scase *c, const struct ff_ctx *x, const uint8_t *zt, const uint8_t *ffr, char *why,
                 size_t n)
{
	const uint8_t *in = c->st.ffr;
	unsigned nbits = c->vl, eq = 0, zfrom = nbits, u0, k, kmin, best = x->ne + 1, bad_e = 0;

	/* FFR: out == in on [0, eq), out == 0 on [zfrom, nbits) */
	while (eq < nbits && bit(ffr, eq) == bit(in, eq))
		eq++;
	while (zfrom > 0 && !bit(ffr, zfrom - 1))
		zfrom--;
	for (u0 = 0; u0 < x->ne && bit(in, u0 << c->esz); u0++)
		;
	/* k: an active element from the first (LDNF1) or after it (LDFF1),
	 * not beyond the first one that cannot be loaded (that one must be
	 * suppressed), or ne (nothing suppressed) */
	kmin = x->first + (c->ff == FF_FIRST && x->first < x->ne);
	for (k = kmin; k <= x->ne; k++) {
		unsigned b = k << c->esz, e;

		if (k < x->ne && !x->active[k])
			continue;
		if (k > x->lim)
			break;
		if (eq < b || zfrom > b)
			continue;
		e = zt_fails(c, x, zt, k, u0);
		if (e == x->ne)
			return 0;
		if (best > x->ne) {
			best = k;
			bad_e = e;
		}
	}
	if (!why)
		return -1;
	if (best > x->ne)
		snprintf(why, n, "FFR is not its entry value cleared from an element a suppression may start at "
		                 "(equal to the entry value up to bit %u, zero from bit %u; first active element %u, "
		                 "first one that cannot be loaded %u of %u)",
		         eq, zfrom, x->first, x->lim, x->ne);
	else
		snprintf(why, n, "FFR says suppressed from element %u%s, but Zt element %u = 0x%" PRIx64
		                 " (data 0x%" PRIx64 ", old 0x%" PRIx64 "%s)",
		         best, best == x->ne ? " (none)" : "", bad_e, ff_elem(zt, bad_e, c->esz), x->data[bad_e],
		         ff_elem(c->st.z[c->zt], bad_e, c->esz),
		         bad_e >= x->lim && x->active[bad_e] ? ", the element cannot be loaded" : "");
	return -1;
}
