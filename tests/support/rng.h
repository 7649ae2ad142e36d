/*
 * The random numbers of the CPU-oracle differentials (tests/differential,
 * tests/differential_sve): xoshiro256** seeded through splitmix64. Each
 * case has its own stream, seeded from the run's seed, the class name and
 * the case index (rng_seed_case), so that a repro line replays one case.
 */
#ifndef SUPPORT_RNG_H
#define SUPPORT_RNG_H

#include <stdint.h>

struct rng {
	uint64_t s[4];
};

void rng_seed(struct rng *r, uint64_t seed);
void rng_seed_case(struct rng *r, uint64_t seed, const char *class_name, uint64_t index);
void rng_fill(struct rng *r, uint8_t *p, uint64_t n); /* n random bytes */

/* The generators draw thousands of numbers a case (a whole SVE register
 * file): inline. */
static inline uint64_t rng_rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static inline uint64_t rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t res = rng_rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rng_rotl(s[3], 45);
	return res;
}

/* [0, n), n > 0 */
static inline uint64_t rnd_below(struct rng *r, uint64_t n)
{
	__extension__ typedef unsigned __int128 u128;

	return (uint64_t)(((u128)rng_next(r) * n) >> 64);
}

/* [lo, hi] */
static inline int64_t rnd_range(struct rng *r, int64_t lo, int64_t hi)
{
	return lo + (int64_t)rnd_below(r, (uint64_t)(hi - lo) + 1);
}

static inline int chance(struct rng *r, unsigned num, unsigned den)
{
	return rnd_below(r, den) < num;
}

/*
 * 64-bit values biased to edge cases: kind[rnd_below(nkind)] says how one
 * is drawn; RV_EDGE and RV_NEAR_EDGE pick among the first nedge of the
 * RNG_NEDGE edge values: 0, 1, 2, 0x7f, 0x80, 0xff, ..., INT64_MIN,
 * UINT64_MAX (the first 16), then the sign-extended 8, 16 and 32-bit
 * minimums.
 */
#define RNG_NEDGE 19u
enum {
	RV_EDGE,      /* an edge value                  */
	RV_NEAR_EDGE, /* an edge value plus -3 .. 3     */
	RV_SMALL,     /* -300 .. 300                    */
	RV_ANY,       /* any 64-bit value               */
};
struct rnd_mix {
	const uint8_t *kind;
	unsigned nkind;
	unsigned nedge;
};
uint64_t rnd_mixed(struct rng *r, const struct rnd_mix *m);

#endif
