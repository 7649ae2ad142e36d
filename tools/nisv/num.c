/* Numbers on the command line and in state files: one syntax for all. */
#include <ctype.h>
#include <string.h>

#include "tool.h"

int usage_error(const char *what, const char *arg)
{
	if (arg)
		fprintf(stderr, "nisv: %s: '%s'\n", what, arg);
	else
		fprintf(stderr, "nisv: %s\n", what);
	return EXIT_USAGE;
}

static int digit_value(char c)
{
	if (isdigit((unsigned char)c))
		return c - '0';
	if (isxdigit((unsigned char)c))
		return tolower((unsigned char)c) - 'a' + 10;
	return 99;
}

/*
 * Decimal, 0x hex or 0b binary into a 128-bit value (hi:lo); '_' between
 * digits is ignored. NUM_SYNTAX for anything else (a sign, spaces, no
 * digit, a digit outside the base), NUM_RANGE past 128 bits.
 */
int parse_u128(const char *s, nisv_v128 *v)
{
	const char *p = s;
	unsigned base = 10;
	uint64_t lo = 0, hi = 0;
	int digits = 0;

	if (!s || !*s)
		return NUM_SYNTAX;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		base = 16, p += 2;
	else if (p[0] == '0' && (p[1] == 'b' || p[1] == 'B'))
		base = 2, p += 2;
	for (; *p; p++) {
		if (*p == '_')
			continue;
		unsigned dig = (unsigned)digit_value(*p);
		if (dig >= base)
			return NUM_SYNTAX;
		/* (hi:lo) = (hi:lo) * base + dig, watching the top */
		uint64_t lo_lo = (lo & 0xffffffffu) * base + dig;
		uint64_t lo_hi = (lo >> 32) * base + (lo_lo >> 32);
		uint64_t carry = lo_hi >> 32;
		if (hi > (UINT64_MAX - carry) / base)
			return NUM_RANGE;
		hi = hi * base + carry;
		lo = lo_hi << 32 | (lo_lo & 0xffffffffu);
		digits++;
	}
	if (!digits)
		return NUM_SYNTAX;
	v->lo = lo;
	v->hi = hi;
	return NUM_OK;
}

/*
 * The same syntax into a little-endian byte array of `max` bytes (out[0]
 * holds bits [7:0]): the SVE and SME registers, up to 2048 bits.
 */
int parse_wide(const char *s, uint8_t *out, size_t max)
{
	const char *p = s;
	unsigned base = 10;
	int digits = 0;

	if (!s || !*s)
		return NUM_SYNTAX;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		base = 16, p += 2;
	else if (p[0] == '0' && (p[1] == 'b' || p[1] == 'B'))
		base = 2, p += 2;
	memset(out, 0, max);
	for (; *p; p++) {
		unsigned carry;
		if (*p == '_')
			continue;
		if ((carry = (unsigned)digit_value(*p)) >= base)
			return NUM_SYNTAX;
		/* out = out * base + digit, byte by byte from the least significant */
		for (size_t k = 0; k < max; k++) {
			carry += out[k] * base;
			out[k] = (uint8_t)carry;
			carry >>= 8;
		}
		if (carry)
			return NUM_RANGE;
		digits++;
	}
	return digits ? NUM_OK : NUM_SYNTAX;
}

int parse_u64(const char *s, uint64_t *v)
{
	nisv_v128 w;
	int err = parse_u128(s, &w);

	if (err)
		return err;
	if (w.hi)
		return NUM_RANGE;
	*v = w.lo;
	return NUM_OK;
}

const char *num_error(int err, unsigned bits, char *buf, size_t n)
{
	if (err == NUM_RANGE)
		snprintf(buf, n, "does not fit in %u bits", bits);
	else
		snprintf(buf, n, "not a number (decimal, 0x hex or 0b binary)");
	return buf;
}

int parse_hex(const char *s, unsigned digits, uint64_t *v)
{
	const char *p = s;
	uint64_t acc = 0;
	unsigned n = 0;

	if (!s)
		return NUM_SYNTAX;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	for (; *p; p++) {
		if (*p == '_')
			continue;
		if (!isxdigit((unsigned char)*p))
			return NUM_SYNTAX;
		if (++n > digits)
			return NUM_RANGE;
		acc = acc << 4 | (uint64_t)digit_value(*p);
	}
	if (!n)
		return NUM_SYNTAX;
	*v = acc;
	return NUM_OK;
}

int parse_word(const char *s, uint32_t *w)
{
	uint64_t v;

	if (parse_hex(s, 8, &v))
		return -1;
	*w = (uint32_t)v;
	return 0;
}

int parse_hex_bytes(const char *s, uint8_t *out, size_t max, size_t *n)
{
	size_t k = 0;
	int half = -1;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	for (; *s; s++) {
		int dig;
		if (*s == '_' || *s == ':')
			continue;
		if (!isxdigit((unsigned char)*s))
			return -1;
		dig = digit_value(*s);
		if (half < 0) {
			half = dig;
			continue;
		}
		if (k == max)
			return -1;
		out[k++] = (uint8_t)(half << 4 | dig);
		half = -1;
	}
	if (half >= 0)
		return -1; /* odd number of digits */
	*n = k;
	return 0;
}
