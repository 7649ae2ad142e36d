/*
 * The addresses of an SVE gather or scatter (sve.h): every element has its
 * own, from a vector of bases or of offsets whose elements have the
 * transfer's element size. Arm ARM pseudocode "LD1W (vector plus
 * immediate)", "LD1W (scalar plus vector)" and SVE2 "LDNT1W (vector plus
 * scalar)"; the stores and the other sizes read the same way. SVE2.1
 * LD1Q/ST1Q take the low doubleword of each 128-bit element as its base
 * ("Elem[base, 2*e, 64]"): le_load reads at most 8 bytes.
 */
#include "sve.h"
#include "bits.h"
#include "regs.h"

/* An offset element as the form reads it: its low 32 bits zero- or
 * sign-extended (UXTW, SXTW), or all 64 bits (LSL), then scaled. */
static uint64_t extended_offset(const nisv_insn *d, uint64_t elem)
{
	if (d->extend == NISV_EXT_UXTW)
		elem = (uint32_t)elem;
	else if (d->extend == NISV_EXT_SXTW)
		elem = (uint64_t)sext(elem, 32);
	return elem << d->shift;
}

int sve_element_addresses(struct vcpu *v, const nisv_insn *d, struct plan *p, unsigned first, unsigned end)
{
	unsigned ebytes = 1u << d->esize_log2;
	int scalar_base = d->addr == NISV_AM_SCALAR_VEC;
	uint64_t scalar = (uint64_t)d->imm; /* NISV_AM_VEC_IMM: bytes */
	uint8_t vec[256];

	if (first == end)
		return 0;
	if (vec_read(v, NISV_VFILE_Z, scalar_base ? d->rm : d->rn, vec, p->vl))
		return -1;
	if (scalar_base ? x_or_sp_get(v, d->rn, &scalar) : d->addr == NISV_AM_VEC_SCALAR && x_get(v, d->rm, &scalar))
		return -1;
	for (unsigned e = first; e < end; e++) {
		uint64_t elem = le_load(vec + e * ebytes, ebytes); /* a base: zero-extended */
		p->elem_va[e] = scalar_base ? scalar + extended_offset(d, elem) : elem + scalar;
	}
	return 0;
}
