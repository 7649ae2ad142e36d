/* Bit-field helpers shared by the decoder and the emulator. */
#ifndef NISV_BITS_H
#define NISV_BITS_H

#include <stdint.h>

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

#endif
