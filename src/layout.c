/*
 * Where each memory element of an access comes from or goes to: register
 * number and byte offset inside it. Memory element i is element i of the
 * contiguous access in address order; its bytes are kept little-endian here
 * (perform.c converts big-endian data). Interleaving follows the Arm ARM
 * pseudocode of "LD1 (multiple structures)" and "LD1 (single structure)".
 */
#include "layout.h"
#include "bits.h"
#include "regs.h"
#include "sve.h"

/* Largest SIMD&FP structure transfer: four Q registers. */
#define SIMD_MAX_DATA 64

static unsigned elem_count(const nisv_insn *d, const struct plan *p)
{
	return p->len >> d->esize_log2;
}

static int is_simd_struct(const nisv_insn *d)
{
	return d->op >= NISV_OP_LD_MULTI && d->op <= NISV_OP_LD_REPL;
}

/* One element of 1..16 bytes (a constant size per case: no memcpy call). */
static void copy_elem(uint8_t *dst, const uint8_t *src, unsigned es)
{
	switch (es) {
	case 1: __builtin_memcpy(dst, src, 1); break;
	case 2: __builtin_memcpy(dst, src, 2); break;
	case 4: __builtin_memcpy(dst, src, 4); break;
	case 8: __builtin_memcpy(dst, src, 8); break;
	default: __builtin_memcpy(dst, src, 16); break;
	}
}

/*
 * The registers of a structure access that interleaves or addresses a
 * lane (the others are contiguous_width's), as bytes: slot k is Rt + k
 * (mod 32). elem_slot/elem_byte say where memory element i lives (the
 * interleaving of "LD1 (multiple structures)": element e of structure
 * member m of register group r is memory element (r * lanes + e) * selem
 * + m, in register r + m).
 */
struct vstage {
	uint8_t reg[4][16];
	uint8_t elem_slot[SIMD_MAX_DATA], elem_byte[SIMD_MAX_DATA];
	unsigned nslots, nelems;
};

static unsigned slot_reg(const nisv_insn *d, unsigned k)
{
	return is_simd_struct(d) ? (d->rt + k) % 32u : k ? d->rt2 : d->rt;
}

/*
 * Without interleaving or lanes (LDR/STR/LDP/STP of SIMD&FP registers,
 * LD1/ST1 multiple structures), register slot k holds memory bytes
 * [k * width, (k + 1) * width): the register's width in memory, else 0.
 */
static unsigned contiguous_width(const nisv_insn *d)
{
	if (d->op == NISV_OP_LD_MULTI || d->op == NISV_OP_ST_MULTI)
		return d->selem == 1 ? d->vbytes : 0;
	return is_simd_struct(d) ? 0 : 1u << d->esize_log2;
}

/* A register's memory bytes (width 1..16) as its value, the rest zero. */
static void bytes_to_v(const uint8_t *b, unsigned width, nisv_v128 *x)
{
	x->lo = le_load(b, width < 8 ? width : 8);
	x->hi = width > 8 ? le_load(b + 8, 8) : 0;
}

static void v_to_bytes(const nisv_v128 *x, unsigned width, uint8_t *b)
{
	le_store(b, x->lo, width < 8 ? width : 8);
	if (width > 8)
		le_store(b + 8, x->hi, 8);
}

static void stage_map(const nisv_insn *d, const struct plan *p, struct vstage *s)
{
	unsigned es = 1u << d->esize_log2, i = 0;

	s->nelems = elem_count(d, p);
	if (d->op == NISV_OP_LD_MULTI || d->op == NISV_OP_ST_MULTI) {
		unsigned lanes = d->vbytes / es, groups = d->nregs / d->selem;
		for (unsigned r = 0; r < groups; r++)
			for (unsigned e = 0; e < lanes; e++)
				for (unsigned m = 0; m < d->selem && i < s->nelems; m++, i++) {
					s->elem_slot[i] = (uint8_t)(r + m);
					s->elem_byte[i] = (uint8_t)(e * es);
				}
		s->nslots = d->nregs;
		return;
	}
	for (; i < s->nelems; i++) {
		s->elem_slot[i] = (uint8_t)i;
		s->elem_byte[i] = (uint8_t)(d->op == NISV_OP_LD_LANE || d->op == NISV_OP_ST_LANE ? d->lane * es : 0);
	}
	s->nslots = d->selem;
}

static int stage_read(struct vcpu *v, const nisv_insn *d, struct vstage *s)
{
	nisv_v128 x;

	for (unsigned k = 0; k < s->nslots; k++) {
		if (vreg_get(v, slot_reg(d, k), &x))
			return -1;
		le_store(s->reg[k], x.lo, 8);
		le_store(s->reg[k] + 8, x.hi, 8);
	}
	return 0;
}

/* GPR elements: element 0 from `first`, element 1 from `second`. */
static int gather_gprs(struct vcpu *v, unsigned first, unsigned second, unsigned n, unsigned es,
                                   uint8_t *out)
{
	uint64_t val;

	for (unsigned i = 0; i < n; i++) {
		if (x_get(v, i ? second : first, &val))
			return -1;
		le_store(out + i * es, val, es);
	}
	return 0;
}

int layout_gather(struct vcpu *v, const nisv_insn *d, struct plan *p)
{
	unsigned es = 1u << d->esize_log2, n = elem_count(d, p), w;
	struct vstage s;
	nisv_v128 x;

	switch (d->op) {
	case NISV_OP_SVE_STORE:
		return sve_store_data(v, d, p);
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
	if ((w = contiguous_width(d)) != 0) {
		for (unsigned k = 0; k < d->nregs; k++) {
			if (vreg_get(v, slot_reg(d, k), &x))
				return -1;
			v_to_bytes(&x, w, &p->data[k * w]);
		}
		return 0;
	}
	stage_map(d, p, &s);
	if (stage_read(v, d, &s))
		return -1;
	for (unsigned i = 0; i < s.nelems; i++)
		copy_elem(&p->data[i * es], &s.reg[s.elem_slot[i]][s.elem_byte[i]], es);
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

/* Registers are written whole: a lane load keeps the other lanes, every
 * other load clears what it does not write (Arm ARM "V[] assignment"). */
static int scatter_simd(struct vcpu *v, const nisv_insn *d, const struct plan *p)
{
	unsigned es = 1u << d->esize_log2, w = contiguous_width(d);
	struct vstage s;
	nisv_v128 x;

	if (w) {
		for (unsigned k = 0; k < d->nregs; k++) {
			bytes_to_v(&p->data[k * w], w, &x);
			vreg_set(v, slot_reg(d, k), &x);
		}
		return 0;
	}
	stage_map(d, p, &s);
	if (d->op == NISV_OP_LD_LANE) {
		if (stage_read(v, d, &s))
			return -1;
	} else {
		__builtin_memset(s.reg, 0, sizeof(s.reg));
	}
	for (unsigned i = 0; i < s.nelems; i++) {
		uint8_t *reg = s.reg[s.elem_slot[i]];
		if (d->op == NISV_OP_LD_REPL)
			for (unsigned k = 0; k < d->vbytes; k += es)
				copy_elem(reg + k, &p->data[i * es], es);
		else
			copy_elem(reg + s.elem_byte[i], &p->data[i * es], es);
	}
	for (unsigned k = 0; k < s.nslots; k++) {
		x.lo = le_load(s.reg[k], 8);
		x.hi = le_load(s.reg[k] + 8, 8);
		vreg_set(v, slot_reg(d, k), &x);
	}
	return 0;
}

int layout_prefetch(struct vcpu *v, const nisv_insn *d, struct plan *p)
{
	nisv_v128 x;

	if (d->flags & (NISV_F_FIRST_FAULT | NISV_F_NON_FAULT))
		return vec_read(v, NISV_VFILE_FFR, 0, p->ffr, p->vl / 8u);
	if (d->op == NISV_OP_LD_LANE) /* a lane load keeps the other lanes */
		for (unsigned i = 0; i < d->selem; i++)
			if (vreg_get(v, (d->rt + i) % 32u, &x))
				return -1;
	return 0;
}

int layout_scatter(struct vcpu *v, const nisv_insn *d, const struct plan *p)
{
	unsigned es = 1u << d->esize_log2;

	switch (d->op) {
	case NISV_OP_SVE_LOAD:
	case NISV_OP_SVE_LOAD_REPL:
		return sve_load_result(v, d, p);
	case NISV_OP_ATOMIC:
		x_set(v, d->rt, gpr_value(d, p->data));
		return 0;
	case NISV_OP_CAS:
	case NISV_OP_CASP:
		for (unsigned i = 0; i < d->nregs; i++)
			x_set(v, d->rs + i, gpr_value(d, p->data + i * es));
		return 0;
	case NISV_OP_LOAD_EXCL:
		/* LDXP: Rt then Rt2, so Rt2 wins when they are the same register */
		for (unsigned i = 0; i < d->nregs; i++)
			x_set(v, i ? d->rt2 : d->rt, gpr_value(d, p->data + i * es));
		return 0;
	default:
		break;
	}
	if (d->rclass == NISV_RC_V)
		return scatter_simd(v, d, p);
	/* LDP: Rt2 then Rt, so Rt wins when they are the same register */
	if (d->nregs == 2)
		x_set(v, d->rt2, gpr_value(d, p->data + es));
	x_set(v, d->rt, gpr_value(d, p->data));
	return 0;
}
