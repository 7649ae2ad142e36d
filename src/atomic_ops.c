/*
 * The arithmetic of an atomic read-modify-write: Arm ARM J1.3.3
 * "MemAtomicOp" for LD<op>/SWP, and the comparison of CAS/CASP.
 */
#include "perform.h"
#include "bits.h"

static uint64_t atomic_op(unsigned op, uint64_t a, uint64_t b, unsigned bits)
{
	int64_t sa = sext(a, bits), sb = sext(b, bits);

	switch (op) {
	case NISV_AT_ADD:
		return a + b;
	case NISV_AT_CLR:
		return a & ~b;
	case NISV_AT_EOR:
		return a ^ b;
	case NISV_AT_SET:
		return a | b;
	case NISV_AT_SMAX:
		return sa > sb ? a : b;
	case NISV_AT_SMIN:
		return sa > sb ? b : a;
	case NISV_AT_UMAX:
		return a > b ? a : b;
	case NISV_AT_UMIN:
		return a > b ? b : a;
	default: /* SWP */
		return b;
	}
}

static int bytes_equal(const uint8_t *a, const uint8_t *b, unsigned n)
{
	uint64_t diff = 0;

	for (unsigned k = 0; k < n; k += 8) {
		unsigned c = n - k < 8 ? n - k : 8;
		diff |= le_load(a + k, c) ^ le_load(b + k, c);
	}
	return diff == 0;
}

int rmw_compute(const nisv_insn *d, const struct plan *p, const uint8_t *old, uint8_t *new_val)
{
	unsigned n = p->len;

	if (d->op != NISV_OP_ATOMIC) { /* CAS, CASP */
		if (!bytes_equal(old, p->operand, n))
			return 0;
		__builtin_memcpy(new_val, p->data, n);
		return 1;
	}
	le_store(new_val, atomic_op(d->atomic, le_load(old, n), le_load(p->operand, n), 8 * n), n);
	return 1;
}
