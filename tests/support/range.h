/* Byte ranges [lo, hi) of the differentials; lo == hi: empty. */
#ifndef SUPPORT_RANGE_H
#define SUPPORT_RANGE_H

#include <stdint.h>

/* [lo, hi) becomes the hull of itself and [a, b). */
static inline void range_hull(uint64_t *lo, uint64_t *hi, uint64_t a, uint64_t b)
{
	if (a >= b)
		return;
	if (*lo == *hi) {
		*lo = a;
		*hi = b;
		return;
	}
	if (a < *lo)
		*lo = a;
	if (b > *hi)
		*hi = b;
}

#endif
