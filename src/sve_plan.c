/*
 * The plan of an SVE load or store (sve.h): the vector length, the
 * governing predicate and the span from the first active element to the
 * last. Contiguous forms touch elements at increasing addresses, so the
 * architectural order of the Arm ARM pseudocode ("LD1B (scalar plus
 * immediate)", "LD2B", "LD1RQB", "LDR (vector)", ...) is address order
 * and a span of at most 1 KiB covers at most two pages.
 */
#include "sve.h"
#include "arch.h"
#include "fault.h"
#include "regs.h"

/*
 * Arm ARM "CurrentVL" / "ImplementedSVEVectorLength": the length ZCR_EL1.LEN
 * (SMCR_EL1.LEN in streaming mode) asks for, (LEN + 1) * 128 bits, becomes
 * the largest implemented length not above it (the VMM's limit, ZCR_EL2,
 * is the largest length it declared).
 */
static unsigned implemented_vl(uint32_t vqs, uint64_t len_reg)
{
	uint32_t allowed = vqs & ((2u << (len_reg & 15)) - 1);

	if (!allowed) /* 128 bits is always implemented; take the smallest declared */
		allowed = vqs & (0 - vqs);
	return 16u * (32u - (unsigned)__builtin_clz(allowed));
}

/* The vector length the instruction runs with, in bytes (0: no SVE), and
 * whether the PE is in streaming mode. */
static int sve_vector_length(struct vcpu *v, unsigned *bytes, int *streaming)
{
	uint64_t svcr = 0, len;

	*bytes = 0;
	if (v->sme_vqs && reg_get(v, NISV_SVCR, &svcr))
		return -1;
	*streaming = (svcr & SVCR_SM) != 0;
	if (*streaming) {
		if (reg_get(v, NISV_SMCR_EL1, &len))
			return -1;
		*bytes = implemented_vl(v->sme_vqs, len);
	} else if (v->sve_vqs) {
		if (reg_get(v, NISV_ZCR_EL1, &len))
			return -1;
		*bytes = implemented_vl(v->sve_vqs, len);
	}
	return 0;
}

/* Which of the access's first count memory elements are active: the first
 * and one past the last (first == end when none is). p->first is still 0. */
static void active_span(const struct plan *p, uint32_t count, uint32_t *first, uint32_t *end)
{
	*first = *end = count;
	for (uint32_t i = 0; i < count; i++)
		if (plan_active(p, i * p->esize)) {
			if (*first == count)
				*first = i;
			*end = i + 1;
		}
}

nisv_status sve_plan_build(struct vcpu *v, const nisv_insn *d, struct plan *p, struct guest_fault *f)
{
	unsigned vl, mbytes = 1u << d->msize_log2, elements;
	uint64_t base, off = 0;
	uint32_t first, end;
	int streaming;

	if (sve_vector_length(v, &vl, &streaming) || x_or_sp_get(v, d->rn, &base))
		return NISV_CALLBACK_ERROR;
	/* illegal in streaming mode without FEAT_SME_FA64: an SME trap nisv
	 * does not raise ("CheckNonStreamingSVEEnabled") */
	if (streaming && (d->flags & (NISV_F_FIRST_FAULT | NISV_F_NON_FAULT)))
		return NISV_UNSUPPORTED;
	/* no SVE; LD1RO* needs a 256-bit vector ("LD1ROB": VL < 256 is UNDEFINED) */
	if (!vl || (d->op == NISV_OP_SVE_LOAD_REPL && d->vbytes > vl))
		return raise_fault(f, NISV_FAULT_UNDEFINED, 0, 0, 0, d->word);
	p->vl = (uint16_t)vl;
	p->sve_nregs = d->nregs;
	p->sve_elog = d->esize_log2;
	p->esize = (uint8_t)mbytes;
	p->fault_access = p->kind == PLAN_WRITE ? FA_WRITE : 0;

	if (d->pg == NISV_PG_ALL) {
		/* LDR/STR: the register's bytes, one byte element each, no predicate */
		unsigned bytes = d->rclass == NISV_RC_P ? vl / 8u : vl;
		p->va = base + (uint64_t)d->imm * bytes;
		p->far_va = p->va;
		p->len = bytes;
		return NISV_OK;
	}
	if (vec_read(v, NISV_VFILE_P, d->pg, p->pred, vl / 8u))
		return NISV_CALLBACK_ERROR;
	elements = vl >> d->esize_log2;
	if (d->addr == NISV_AM_REG) {
		if (x_get(v, d->rm, &off))
			return NISV_CALLBACK_ERROR;
		off <<= d->shift;
	} else if (d->addr == NISV_AM_MUL_VL) {
		off = (uint64_t)d->imm * (elements * mbytes);
	} else {
		off = (uint64_t)d->imm;
	}
	p->masked = 1;
	if (d->op != NISV_OP_SVE_LOAD_REPL) {
		active_span(p, elements * d->nregs, &first, &end);
	} else if (d->vbytes) {
		/* LD1RQ*, LD1RO*: the elements of one 16- or 32-byte block */
		active_span(p, d->vbytes >> d->esize_log2, &first, &end);
	} else {
		/* LD1R*: one element, loaded when any element is active */
		active_span(p, elements, &first, &end);
		p->masked = 0;
		end = first < end;
		first = 0;
	}
	if (d->flags & (NISV_F_FIRST_FAULT | NISV_F_NON_FAULT)) {
		/*
		 * Only the first active element of LDFF1 is accessed like any
		 * load; every later one, and every one of LDNF1, is accessed by
		 * MemNF[], which "may suppress ... for any reason". nisv suppresses
		 * them all (sve_layout.c records it in FFR): never a second
		 * access, never one to a device the first did not fault on.
		 */
		p->masked = 0;
		end = d->flags & NISV_F_FIRST_FAULT && first < end ? first + 1 : first;
	}
	p->first = (uint16_t)first;
	p->va = base + off + (uint64_t)first * mbytes;
	p->far_va = p->va;
	p->len = (end - first) * mbytes;
	return NISV_OK;
}
