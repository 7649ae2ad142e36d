/*
 * Where the elements of an SVE or SME access come from or go to (sve.h). Memory
 * element i of a contiguous access is element i / nregs of register
 * Zt + i % nregs (the interleaving of "LD2B" ... "ST4D"; nregs 1 for LD1*),
 * or of a multi-vector LD1/ST1 element i % E of register r = i / E (E
 * elements to a register, "for r = 0 to nreg-1 for e = 0 to elements-1"),
 * Zt + r * rstride; truncated to or extended from its memory size. A load
 * writes whole registers: inactive elements are zero ("Inactive elements
 * in the destination vector register are set to zero").
 */
#include "sve.h"
#include "bits.h"
#include "regs.h"

/* Transfer register r as rows of a vector file (regs.h, vec_read_rows). */
struct vec_rows {
	unsigned file, n, stride, rows, off, len;
};

/*
 * Z registers Zt..Zt+3 (mod 32); P, ZT0; the ZA array vector of LDR/STR
 * ZA; a tile slice of ZA<t> with elements of E bytes ("ZAhslice",
 * "ZAvslice"): horizontal slice s is ZA array vector s * E + t, vertical
 * slice s is element s of vectors t, t + E, t + 2E, ... — so both read as
 * a Z-register image, element e at e * E.
 */
static struct vec_rows transfer_rows(const nisv_insn *d, const struct plan *p, unsigned r)
{
	unsigned ebytes = 1u << d->esize_log2;

	switch (d->rclass) {
	case NISV_RC_P:
		return (struct vec_rows){ NISV_VFILE_P, d->rt, 0, 1, 0, p->vl / 8u };
	case NISV_RC_ZT0:
		return (struct vec_rows){ NISV_VFILE_ZT0, 0, 0, 1, 0, 64 };
	case NISV_RC_ZA:
		return (struct vec_rows){ NISV_VFILE_ZA, p->slice, 0, 1, 0, p->vl };
	case NISV_RC_ZA_H:
		return (struct vec_rows){ NISV_VFILE_ZA, p->slice * ebytes + d->rt, 0, 1, 0, p->vl };
	case NISV_RC_ZA_V:
		return (struct vec_rows){ NISV_VFILE_ZA, d->rt, ebytes, p->vl / ebytes, p->slice * ebytes, ebytes };
	default:
		return (struct vec_rows){ NISV_VFILE_Z, (d->rt + r * (d->rstride ? d->rstride : 1u)) % 32u, 0, 1, 0,
			                  p->vl };
	}
}

/* A memory element of the access is element e of transfer register r:
 * memory element i of selem-element structures (LD2-LD4, ST2-ST4), or of
 * registers of per elements one after another. */
struct slot {
	unsigned r, e;
};

static struct slot slot_of(unsigned selem, unsigned per, unsigned i)
{
	if (selem > 1)
		return (struct slot){ i % selem, i / selem };
	return (struct slot){ i / per, i % per };
}

/* The next memory element's slot (no division per element). */
static void slot_next(unsigned selem, unsigned per, struct slot *s)
{
	if (selem > 1) {
		if (++s->r == selem) {
			s->r = 0;
			s->e++;
		}
	} else if (++s->e == per) {
		s->e = 0;
		s->r++;
	}
}

static int transfer_read(struct vcpu *v, const nisv_insn *d, const struct plan *p, unsigned r, uint8_t *buf)
{
	struct vec_rows t = transfer_rows(d, p, r);

	return vec_read_rows(v, t.file, t.n, t.stride, t.rows, t.off, t.len, buf);
}

/* The buffer of transfer register r's new value (zeroed), written at commit. */
static uint8_t *transfer_stage(struct vcpu *v, const nisv_insn *d, const struct plan *p, unsigned r)
{
	struct vec_rows t = transfer_rows(d, p, r);
	uint8_t *buf = vec_stage_rows(v, t.file, t.n, t.stride, t.rows, t.off, t.len);

	__builtin_memset(buf, 0, t.rows * t.len);
	return buf;
}

int sve_store_data(struct vcpu *v, const nisv_insn *d, struct plan *p)
{
	unsigned mbytes = p->esize, ebytes = 1u << d->esize_log2, nregs = d->nregs, selem = d->selem;
	unsigned per = p->vl >> d->esize_log2;
	uint8_t z[4][256];
	struct slot s;

	if (sve_whole_register(d))
		return transfer_read(v, d, p, 0, p->data);
	for (unsigned r = 0; r < nregs; r++)
		if (transfer_read(v, d, p, r, z[r]))
			return -1;
	s = slot_of(selem, per, p->first);
	for (uint32_t k = 0; k * mbytes < p->len; k++, slot_next(selem, per, &s))
		if (plan_active(p, k * mbytes)) /* the element's low mbytes bytes */
			__builtin_memcpy(&p->data[k * mbytes], &z[s.r][s.e * ebytes], mbytes);
	return 0;
}

/* A loaded element: mbytes of memory, zero- or sign-extended to ebytes
 * (SVE2.1 LD1W/LD1D {Zt.Q}: zero-extended to 16). */
static void put_element(uint8_t *dst, const uint8_t *src, unsigned mbytes, unsigned ebytes, int is_signed)
{
	uint64_t val;

	if (mbytes == ebytes) { /* as loaded: LD1Q's 16 bytes too */
		__builtin_memcpy(dst, src, mbytes);
		return;
	}
	val = le_load(src, mbytes);
	if (is_signed)
		val = (uint64_t)sext(val, 8 * mbytes);
	le_store(dst, val, ebytes > 8 ? 8 : ebytes); /* a 16-byte element's upper half stays zero */
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

int sve_load_result(struct vcpu *v, const nisv_insn *d, const struct plan *p)
{
	unsigned mbytes = p->esize, ebytes = 1u << d->esize_log2, nregs = d->nregs, selem = d->selem;
	unsigned elements = p->vl >> d->esize_log2;
	int is_signed = (d->flags & NISV_F_SIGNED) != 0;
	uint8_t *z[4];
	struct slot s;

	if (sve_whole_register(d)) {
		__builtin_memcpy(transfer_stage(v, d, p, 0), p->data, p->len);
		return 0;
	}
	if (d->flags & (NISV_F_FIRST_FAULT | NISV_F_NON_FAULT))
		first_fault_ffr(v, d, p);
	for (unsigned r = 0; r < nregs; r++)
		z[r] = transfer_stage(v, d, p, r);
	if (d->op == NISV_OP_SVE_LOAD_REPL && !d->vbytes) {
		/* LD1R*: the one element into every active element */
		for (unsigned e = 0; p->len && e < elements; e++)
			if (pred_active(p, e << d->esize_log2))
				put_element(z[0] + e * ebytes, p->data, mbytes, ebytes, is_signed);
		return 0;
	}
	s = slot_of(selem, elements, p->first);
	for (uint32_t k = 0; k * mbytes < p->len; k++, slot_next(selem, elements, &s))
		if (plan_active(p, k * mbytes))
			put_element(&z[s.r][s.e * ebytes], &p->data[k * mbytes], mbytes, ebytes, is_signed);
	if (d->op == NISV_OP_SVE_LOAD_REPL) {
		/* LD1RQ*, LD1RO*: the block in every whole block of the vector
		 * ("Replicate(result, VL DIV 256)"; the rest stays zero) */
		for (unsigned off = d->vbytes; off + d->vbytes <= p->vl; off += d->vbytes)
			__builtin_memcpy(z[0] + off, z[0], d->vbytes);
	}
	return 0;
}
