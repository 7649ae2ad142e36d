/* Bit-field helpers shared by the decoder and the emulator. */
#ifndef NISV_BITS_H
#define NISV_BITS_H

#include <stdint.h>

#include "nisv.h"

static inline uint32_t field(uint32_t w, unsigned lo, unsigned width)
{
	return (w >> lo) & ((1u << width) - 1u);
}

/* Sign-extend the low `bits` bits of v (1 <= bits <= 64). */
static inline int64_t sext(uint64_t v, unsigned bits)
{
	uint64_t m = 1ull << (bits - 1);
	v &= bits == 64 ? ~0ull : (1ull << bits) - 1;
	return (int64_t)((v ^ m) - m);
}

static inline uint64_t zext_mask(unsigned bytes)
{
	return bytes >= 8 ? ~0ull : (1ull << (8 * bytes)) - 1;
}

/* Little-endian bytes <-> value (n <= 8). A whole word is one memcpy on a
 * little-endian host, else one expression (compilers make either a single
 * load or store). */
static inline uint64_t le_load(const uint8_t *b, unsigned n)
{
	uint64_t val = 0;

	if (n == 8) {
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		__builtin_memcpy(&val, b, 8);
		return val;
#else
		return (uint64_t)b[0] | (uint64_t)b[1] << 8 | (uint64_t)b[2] << 16 | (uint64_t)b[3] << 24 |
		       (uint64_t)b[4] << 32 | (uint64_t)b[5] << 40 | (uint64_t)b[6] << 48 | (uint64_t)b[7] << 56;
/* A V register as the vector callbacks move it: 16 little-endian bytes. */
static inline void v128_from_bytes(nisv_v128 *x, const uint8_t *b)
{
	x->lo = le_load(b, 8);
	x->hi = le_load(b + 8, 8);
}

static inline void v128_to_bytes(const nisv_v128 *x, uint8_t *b)
{
	le_store(b, x->lo, 8);
	le_store(b + 8, x->hi, 8);
}

#endif
	}
	if (n == 4)
		return (uint64_t)b[0] | (uint64_t)b[1] << 8 | (uint64_t)b[2] << 16 | (uint64_t)b[3] << 24;
	for (unsigned k = 0; k < n && k < 8; k++)
		val |= (uint64_t)b[k] << (8 * k);
	return val;
}

static inline void le_store(uint8_t *b, uint64_t val, unsigned n)
{
	if (n == 8) {
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		__builtin_memcpy(b, &val, 8);
#else
		b[0] = (uint8_t)val, b[1] = (uint8_t)(val >> 8), b[2] = (uint8_t)(val >> 16);
		b[3] = (uint8_t)(val >> 24), b[4] = (uint8_t)(val >> 32), b[5] = (uint8_t)(val >> 40);
		b[6] = (uint8_t)(val >> 48), b[7] = (uint8_t)(val >> 56);
/* A V register as the vector callbacks move it: 16 little-endian bytes. */
static inline void v128_from_bytes(nisv_v128 *x, const uint8_t *b)
{
	x->lo = le_load(b, 8);
	x->hi = le_load(b + 8, 8);
}

static inline void v128_to_bytes(const nisv_v128 *x, uint8_t *b)
{
	le_store(b, x->lo, 8);
	le_store(b + 8, x->hi, 8);
}

#endif
		return;
	}
	if (n == 4) {
		b[0] = (uint8_t)val, b[1] = (uint8_t)(val >> 8), b[2] = (uint8_t)(val >> 16), b[3] = (uint8_t)(val >> 24);
		return;
	}
	for (unsigned k = 0; k < n && k < 8; k++)
		b[k] = (uint8_t)(val >> (8 * k));
}

/* A V register as the vector callbacks move it: 16 little-endian bytes. */
static inline void v128_from_bytes(nisv_v128 *x, const uint8_t *b)
{
	x->lo = le_load(b, 8);
	x->hi = le_load(b + 8, 8);
}

static inline void v128_to_bytes(const nisv_v128 *x, uint8_t *b)
{
	le_store(b, x->lo, 8);
	le_store(b + 8, x->hi, 8);
}

#endif
