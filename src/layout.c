/*
 * Where each memory element of an access comes from or goes to: register
 * number and byte offset inside it. Memory element i is element i of the
 * contiguous access in address order; its bytes are kept little-endian here
 * (perform.c converts big-endian data). Interleaving follows the Arm ARM
 * pseudocode of "LD1 (multiple structures)" and "LD1 (single structure)".
 */
#include "internal.h"
#include "bits.h"

static unsigned elem_count(const nisv_insn *d, const struct plan *p)
{
	return p->len >> d->esize_log2;
}

/* Register and byte offset of memory element i of a SIMD structure op. */
static void simd_slot(const nisv_insn *d, unsigned i, unsigned *reg, unsigned *byte)
{
	unsigned es = 1u << d->esize_log2;

	if (d->op == NISV_OP_LD_MULTI || d->op == NISV_OP_ST_MULTI) {
		unsigned per_reg_group = (d->vbytes / es) * d->selem;
		unsigned r = i / per_reg_group, rem = i % per_reg_group;
		*reg = (d->rt + r + rem % d->selem) % 32;
		*byte = (rem / d->selem) * es;
	} else {
		*reg = (d->rt + i) % 32;
		*byte = d->op == NISV_OP_LD_REPL ? 0 : d->lane * es;
	}
}

static int is_simd_struct(const nisv_insn *d)
{
	return d->op >= NISV_OP_LD_MULTI && d->op <= NISV_OP_LD_REPL;
}

static void v_to_bytes(const nisv_v128 *x, uint8_t *b)
{
	le_store(b, x->lo, 8);
	le_store(b + 8, x->hi, 8);
}

static void bytes_to_v(const uint8_t *b, nisv_v128 *x)
{
	x->lo = le_load(b, 8);
	x->hi = le_load(b + 8, 8);
}

/* GPR elements: element 0 from `first`, element 1 from `second`. */
static int gather_gprs(nisv_vcpu *v, unsigned first, unsigned second, unsigned n,
                       unsigned es, uint8_t *out)
{
	uint64_t val;

	for (unsigned i = 0; i < n; i++) {
		if (rc_get_x(v, i ? second : first, &val))
			return -1;
		le_store(out + i * es, val, es);
	}
	return 0;
}

int layout_gather(nisv_vcpu *v, const nisv_insn *d, struct plan *p)
{
	unsigned es = 1u << d->esize_log2, n = elem_count(d, p);
	nisv_v128 x;
	uint8_t rb[16];

	switch (d->op) {
	case NISV_OP_ATOMIC:
		return gather_gprs(v, d->rs, d->rs, 1, es, p->operand);
	case NISV_OP_CAS:
	case NISV_OP_CASP:
		if (gather_gprs(v, d->rs, d->rs + 1u, d->nregs, es, p->operand))
			return -1;
		return gather_gprs(v, d->rt, d->rt2, d->nregs, es, p->data);
	default:
		break;
	}
	if (d->rclass != NISV_RC_V)
		return gather_gprs(v, d->rt, d->rt2, n, es, p->data);
	for (unsigned i = 0; i < n; i++) {
		unsigned reg = i ? d->rt2 : d->rt, byte = 0;
		if (is_simd_struct(d))
			simd_slot(d, i, &reg, &byte);
		if (rc_get_v(v, reg, &x))
			return -1;
		v_to_bytes(&x, rb);
		__builtin_memcpy(&p->data[i * es], &rb[byte], es);
	}
	return 0;
}

/* A loaded GPR element: sign- or zero-extend to the register, W zero-extends. */
static uint64_t gpr_value(const nisv_insn *d, const uint8_t *b)
{
	unsigned bits = 8u << d->esize_log2;
	uint64_t val = le_load(b, 1u << d->esize_log2);

	if (d->flags & NISV_F_SIGNED)
		val = (uint64_t)sext(val, bits);
	return d->rclass == NISV_RC_W ? (uint32_t)val : val;
}

static int scatter_simd(nisv_vcpu *v, const nisv_insn *d, const struct plan *p)
{
	unsigned es = 1u << d->esize_log2, n = elem_count(d, p);
	uint8_t rb[16];
	nisv_v128 x;

	for (unsigned i = 0; i < n; i++) {
		unsigned reg = i ? d->rt2 : d->rt, byte = 0;
		int keep_others = d->op == NISV_OP_LD_LANE;

		if (is_simd_struct(d))
			simd_slot(d, i, &reg, &byte);
		if (d->op == NISV_OP_LD_MULTI && byte) /* registers are built in order */
			keep_others = 1;
		if (keep_others) {
			if (rc_get_v(v, reg, &x))
				return -1;
			v_to_bytes(&x, rb);
		} else {
			for (unsigned k = 0; k < 16; k++)
				rb[k] = 0;
		}
		if (d->op == NISV_OP_LD_REPL) {
			for (unsigned k = 0; k < d->vbytes; k++)
				rb[k] = p->data[i * es + k % es];
		} else {
			__builtin_memcpy(&rb[byte], &p->data[i * es], es);
		}
		bytes_to_v(rb, &x);
		rc_set_v(v, reg, &x);
	}
	return 0;
}

int layout_prefetch(nisv_vcpu *v, const nisv_insn *d)
{
	nisv_v128 x;

	if (d->op == NISV_OP_LD_LANE) /* a lane load keeps the other lanes */
		for (unsigned i = 0; i < d->selem; i++)
			if (rc_get_v(v, (d->rt + i) % 32u, &x))
				return -1;
	return 0;
}

int layout_scatter(nisv_vcpu *v, const nisv_insn *d, const struct plan *p)
{
	unsigned es = 1u << d->esize_log2;

	switch (d->op) {
	case NISV_OP_ATOMIC:
		rc_set_x(v, d->rt, gpr_value(d, p->data));
		return 0;
	case NISV_OP_CAS:
	case NISV_OP_CASP:
		for (unsigned i = 0; i < d->nregs; i++)
			rc_set_x(v, d->rs + i, gpr_value(d, p->data + i * es));
		return 0;
	case NISV_OP_LOAD_EXCL:
		/* LDXP: Rt then Rt2, so Rt2 wins when they are the same register */
		for (unsigned i = 0; i < d->nregs; i++)
			rc_set_x(v, i ? d->rt2 : d->rt, gpr_value(d, p->data + i * es));
		return 0;
	default:
		break;
	}
	if (d->rclass == NISV_RC_V)
		return scatter_simd(v, d, p);
	/* LDP: Rt2 then Rt, so Rt wins when they are the same register */
	for (unsigned i = d->nregs; i-- > 0;)
		rc_set_x(v, i ? d->rt2 : d->rt, gpr_value(d, p->data + i * es));
	return 0;
}
