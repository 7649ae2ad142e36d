/* Random numbers (rng.h). */
#include "rng.h"

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
	for (unsigned i = 0; i < 4; i++)
		r->s[i] = splitmix(&seed);
}

/* FNV-1a of the class name */
static uint64_t name_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull;

	while (*s)
		h = (h ^ (uint8_t)*s++) * 0x100000001b3ull;
	return h;
}

void rng_seed_case(struct rng *r, uint64_t seed, const char *class_name, uint64_t index)
{
	rng_seed(r, seed ^ name_hash(class_name) ^ (index * 0x9e3779b97f4a7c15ull));
}

void rng_fill(struct rng *r, uint8_t *p, uint64_t n)
{
	while (n >= 8) {
		uint64_t v = rng_next(r);

		memcpy(p, &v, 8);
		p += 8;
		n -= 8;
	}
	while (n--)
		*p++ = (uint8_t)rng_next(r);
}

uint64_t rnd_mixed(struct rng *r, const struct rnd_mix *m)
{
	static const uint64_t edge[RNG_NEDGE] = {
		0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000,
		0xffffffff, 0x100000000ull, 0x7fffffffffffffffull, 0x8000000000000000ull,
		0xffffffffffffffffull, 0xffffffffffffff80ull, 0xffffffffffff8000ull,
		0xffffffff80000000ull,
	};
	unsigned n = m->nedge < RNG_NEDGE ? m->nedge : RNG_NEDGE;

	switch (m->kind[rnd_below(r, m->nkind)]) {
	case RV_EDGE:
		return edge[rnd_below(r, n)];
	case RV_NEAR_EDGE: {
		uint64_t v = edge[rnd_below(r, n)];

		return v + (uint64_t)rnd_range(r, -3, 3);
	}
	case RV_SMALL:
		return (uint64_t)rnd_range(r, -300, 300);
	default:
		return rng_next(r);
	}
}
