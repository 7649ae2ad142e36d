/*
 * Where the elements of an SVE access come from or go to (sve.h). Memory
 * element i of a contiguous access is element i / nregs of register
 * Zt + i % nregs (the interleaving of "LD2B" ... "ST4D"; nregs 1 for LD1*),
 * truncated to or extended from its memory size. A load writes whole
 * registers: inactive elements are zero ("Inactive elements in the
 * destination vector register are set to zero").
 */
#include "sve.h"
#include "bits.h"
#include "regs.h"

static unsigned transfer_file(const nisv_insn *d)
{
	return d->rclass == NISV_RC_P ? NISV_VFILE_P : NISV_VFILE_Z;
}

/* LDR/STR (vector, predicate): the register's bytes are the memory's. */
static int whole_register(const nisv_insn *d)
{
	return d->pg == NISV_PG_ALL;
}

int sve_gather(struct vcpu *v, const nisv_insn *d, struct plan *p)
{
	unsigned mbytes = p->esize, ebytes = 1u << d->esize_log2, nregs = d->nregs;
	uint8_t z[4][256];

	if (whole_register(d))
		return vec_read(v, transfer_file(d), d->rt, p->data, p->len);
	for (unsigned r = 0; r < nregs; r++)
		if (vec_read(v, NISV_VFILE_Z, (d->rt + r) % 32u, z[r], p->vl))
			return -1;
	for (uint32_t k = 0; k * mbytes < p->len; k++) {
		unsigned i = p->first + k;
		if (plan_active(p, k * mbytes)) /* the element's low mbytes bytes */
			__builtin_memcpy(&p->data[k * mbytes], &z[i % nregs][i / nregs * ebytes], mbytes);
	}
	return 0;
}

/* A loaded element: mbytes of memory, zero- or sign-extended to ebytes. */
static void put_element(uint8_t *dst, const uint8_t *src, unsigned mbytes, unsigned ebytes, int is_signed)
{
	uint64_t val = le_load(src, mbytes);

	if (is_signed)
		val = (uint64_t)sext(val, 8 * mbytes);
	le_store(dst, val, ebytes);
}

static int pred_active(const struct plan *p, unsigned bit)
{
	return p->pred[bit >> 3] >> (bit & 7) & 1;
}

/*
 * LDFF1*, LDNF1* ("LDFF1B (scalar plus scalar)" pseudocode): the first
 * suppressed access clears FFR from its element to the end ("ElemFFR[e] =
 * '0'" once faulted). nisv suppresses every access but LDFF1's first
 * (sve_plan.c), so that is the next active element after the first, or for
 * LDNF1 the first. Zt elements from there are UNKNOWN; nisv zeroes them,
 * one of the outcomes the pseudocode permits (Unpredictable_SVELDNFZERO).
 */
static void first_fault_ffr(struct vcpu *v, const nisv_insn *d, const struct plan *p)
{
	unsigned elements = p->vl >> d->esize_log2, pbytes = p->vl / 8u;
	unsigned e = (d->flags & NISV_F_FIRST_FAULT) && p->len ? p->first + 1u : 0;
	uint8_t *ffr = vec_stage(v, NISV_VFILE_FFR, 0, pbytes);

	__builtin_memcpy(ffr, p->ffr, pbytes);
	while (e < elements && !pred_active(p, e << d->esize_log2))
		e++;
	for (unsigned bit = e << d->esize_log2; bit < pbytes * 8u; bit++)
		ffr[bit >> 3] &= (uint8_t)~(1u << (bit & 7));
}

int sve_scatter(struct vcpu *v, const nisv_insn *d, const struct plan *p)
{
	unsigned mbytes = p->esize, ebytes = 1u << d->esize_log2, nregs = d->nregs;
	unsigned elements = p->vl >> d->esize_log2;
	int is_signed = (d->flags & NISV_F_SIGNED) != 0;
	uint8_t *z[4];

	if (whole_register(d)) {
		__builtin_memcpy(vec_stage(v, transfer_file(d), d->rt, p->len), p->data, p->len);
		return 0;
	}
	if (d->flags & (NISV_F_FIRST_FAULT | NISV_F_NON_FAULT))
		first_fault_ffr(v, d, p);
	for (unsigned r = 0; r < nregs; r++) {
		z[r] = vec_stage(v, NISV_VFILE_Z, (d->rt + r) % 32u, p->vl);
		__builtin_memset(z[r], 0, p->vl);
	}
	if (d->op == NISV_OP_SVE_LOAD_REPL && !d->vbytes) {
		/* LD1R*: the one element into every active element */
		for (unsigned e = 0; p->len && e < elements; e++)
			if (pred_active(p, e << d->esize_log2))
				put_element(z[0] + e * ebytes, p->data, mbytes, ebytes, is_signed);
		return 0;
	}
	for (uint32_t k = 0; k * mbytes < p->len; k++) {
		unsigned i = p->first + k;
		if (plan_active(p, k * mbytes))
			put_element(&z[i % nregs][i / nregs * ebytes], &p->data[k * mbytes], mbytes, ebytes, is_signed);
	}
	if (d->op == NISV_OP_SVE_LOAD_REPL) {
		/* LD1RQ*, LD1RO*: the block in every whole block of the vector
		 * ("Replicate(result, VL DIV 256)"; the rest stays zero) */
		for (unsigned off = d->vbytes; off + d->vbytes <= p->vl; off += d->vbytes)
			__builtin_memcpy(z[0] + off, z[0], d->vbytes);
	}
	return 0;
}
