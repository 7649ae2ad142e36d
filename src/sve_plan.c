/*
 * The plan of an SVE or SME load or store (sve.h): the vector length, the
 * governing predicate and the span from the first active element to the
 * last. Contiguous forms touch elements at increasing addresses, so the
 * architectural order of the Arm ARM pseudocode ("LD1B (scalar plus
 * immediate)", "LD2B", "LD1RQB", "LDR (vector)", ...) is address order
 * and a span of at most 1 KiB covers at most two pages. A gather or
 * scatter takes the same span of elements, each at its own address
 * (sve_addr.c), in element order. An SME tile slice is a contiguous
 * access of streaming-VL elements ("LD1W (scalar plus scalar, tile
 * slice)"); LDR/STR ZA and ZT0 are a register's bytes like LDR/STR Z.
 * The SME2/SVE2.1 multi-vector LD1/ST1 ("LD1B (scalar plus immediate,
 * consecutive registers)") access their registers one after another, each
 * VL/8 bytes, under a predicate-as-counter expanded over all of them.
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

/* The vector lengths and modes an instruction runs with (bytes; 0: none). */
struct sve_mode {
	unsigned vl;   /* SVE: the current VL (SVL in streaming mode)  */
	unsigned svl;  /* SME: the streaming VL                       */
	uint64_t svcr; /* SM, ZA (0 without SME)                      */
	uint64_t smcr;
	int sme;       /* streaming lengths are declared              */
};

static int is_sme(const nisv_insn *d)
{
	return d->rclass >= NISV_RC_ZA;
}

/* What d needs of them: SMCR_EL1 only in streaming mode or for SME forms. */
static int sve_mode_get(struct vcpu *v, const nisv_insn *d, struct sve_mode *m)
{
	uint64_t zcr;

	*m = (struct sve_mode){ .sme = v->sme_vqs != 0 };
	if (v->sme_vqs && reg_get(v, NISV_SVCR, &m->svcr))
		return -1;
	if (v->sme_vqs && ((m->svcr & SVCR_SM) || is_sme(d))) {
		if (reg_get(v, NISV_SMCR_EL1, &m->smcr))
			return -1;
		m->svl = implemented_vl(v->sme_vqs, m->smcr);
	}
	if (m->svcr & SVCR_SM) {
		m->vl = m->svl;
	} else if (v->sve_vqs) {
		if (reg_get(v, NISV_ZCR_EL1, &zcr))
			return -1;
		m->vl = implemented_vl(v->sve_vqs, zcr);
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

/*
 * The vector length of d, or 0 where it is UNDEFINED (no SVE, no SME;
 * LD1RO* below 256 bits: "LD1ROB"); -1 where it takes an SME trap nisv
 * does not raise: an SVE-only form in streaming mode without
 * FEAT_SME_FA64 ("CheckNonStreamingSVEEnabled": first-fault, non-fault,
 * gathers, scatters, LD1RO*, LD1W/LD1D/ST1W/ST1D of .Q elements), an SME
 * form with ZA off or, for tile slices, out
 * of streaming mode ("CheckStreamingSVEAndZAEnabled",
 * "CheckSMEAndZAEnabled"), ZT0 with SMCR_EL1.EZT0 clear, a strided
 * multi-vector list out of streaming mode ("LD1B (scalar plus scalar,
 * strided registers)": "CheckStreamingSVEEnabled"). The consecutive ones
 * run in either mode ("if IsFeatureImplemented(FEAT_SVE2p1) then
 * CheckSVEEnabled(); else CheckStreamingSVEEnabled()"): a CPU that
 * trapped one has what it needs, but out of streaming mode without SVE
 * it can only have been an SME trap.
 */
static int access_vl(const nisv_insn *d, const struct sve_mode *m)
{
	int streaming = (m->svcr & SVCR_SM) != 0, za = (m->svcr & SVCR_ZA) != 0;

	if ((d->flags & NISV_F_PRED_AS_COUNTER) && !streaming && (d->rstride > 1 || (!m->vl && m->sme)))
		return -1;

	switch (d->rclass) {
	case NISV_RC_ZA_H:
	case NISV_RC_ZA_V:
		return !m->svl ? 0 : streaming && za ? (int)m->svl : -1;
	case NISV_RC_ZA:
		return !m->svl ? 0 : za ? (int)m->svl : -1;
	case NISV_RC_ZT0:
		return !m->svl ? 0 : za && (m->smcr & SMCR_EZT0) ? (int)m->svl : -1;
	default:
		if (streaming && ((d->flags & (NISV_F_FIRST_FAULT | NISV_F_NON_FAULT)) || sve_per_element_address(d) ||
		                  (d->op == NISV_OP_SVE_LOAD_REPL && d->vbytes == 32) || sve_widened_q(d)))
			return -1;
		return d->op == NISV_OP_SVE_LOAD_REPL && d->vbytes > m->vl ? 0 : (int)m->vl;
	}
}

/* Bytes of an unpredicated transfer (LDR/STR): the register's. */
static unsigned whole_register_bytes(const nisv_insn *d, unsigned vl)
{
	return d->rclass == NISV_RC_P ? vl / 8u : d->rclass == NISV_RC_ZT0 ? 64u : vl;
}

/*
 * Arm ARM "CounterToPredicate": the predicate-as-counter pn (bits 15:0 of
 * a P register) as a predicate of `bits` bits (nregs * VL/8): pn<3:0>
 * encodes the element size (its lowest set bit: 8 << it), the count of
 * leading active elements is pn<maxbit:esz + 1> with maxbit = Log2(PL *
 * 4), and pn<15> inverts; element e of (VL * 4) / esize sets only the
 * lowest of its esize / 8 predicate bits. VL is a power of two.
 */
static void counter_to_predicate(const uint8_t *pn, unsigned vl, unsigned bits, uint8_t *pred)
{
	unsigned c = pn[0] | (unsigned)pn[1] << 8, esz, maxbit, count, invert;

	__builtin_memset(pred, 0, bits / 8u);
	if (!(c & 0xf)) /* pn<3:0> == '0000': no element active */
		return;
	esz = (unsigned)__builtin_ctz(c);
	maxbit = 31u - (unsigned)__builtin_clz(vl * 4u); /* Log2(PL * 4), PL = vl bits */
	count = (c & ((2u << maxbit) - 1u)) >> (esz + 1u);
	invert = c >> 15 & 1u;
	for (unsigned e = 0; e << esz < bits; e++)
		if ((e < count) != invert)
			pred[e << esz >> 3] |= (uint8_t)(1u << (e << esz & 7u));
}

/* The governing predicate: P[pg], or PN[pg] expanded over d's registers. */
static int read_predicate(struct vcpu *v, const nisv_insn *d, unsigned vl, struct plan *p)
{
	uint8_t pn[32];

	if (!(d->flags & NISV_F_PRED_AS_COUNTER))
		return vec_read(v, NISV_VFILE_P, d->pg, p->pred, vl / 8u);
	if (vec_read(v, NISV_VFILE_P, d->pg, pn, vl / 8u))
		return -1;
	counter_to_predicate(pn, vl, d->nregs * vl, p->pred);
	return 0;
}

/* SME: (Wv + offset) MOD count, the ZA vector or tile slice addressed. */
static int sme_slice(struct vcpu *v, const nisv_insn *d, unsigned count, struct plan *p)
{
	uint64_t wv = 0;

	if (!is_sme(d) || d->rclass == NISV_RC_ZT0)
		return 0;
	if (reg_get(v, d->rs, &wv))
		return -1;
	p->slice = (uint16_t)(((uint32_t)wv + d->lane) % count);
	return 0;
}

nisv_status sve_plan_build(struct vcpu *v, const nisv_insn *d, struct plan *p, struct guest_fault *f)
{
	unsigned vl, mbytes = 1u << d->msize_log2, elements;
	uint64_t base = 0, off = 0;
	uint32_t first, end;
	struct sve_mode mode;
	int avl;

	if (sve_mode_get(v, d, &mode) || (!sve_per_element_address(d) && x_or_sp_get(v, d->rn, &base)))
		return NISV_CALLBACK_ERROR;
	avl = access_vl(d, &mode);
	if (avl < 0)
		return NISV_UNSUPPORTED;
	if (!avl)
		return raise_fault(f, NISV_FAULT_UNDEFINED, 0, 0, 0, d->word);
	vl = (unsigned)avl;
	p->vl = (uint16_t)vl;
	p->sve_nregs = d->selem; /* LD2-LD4 interleave; LD1 of 1-4 registers does not */
	p->sve_elog = d->esize_log2;
	p->esize = (uint8_t)mbytes;
	p->fault_access = p->kind == PLAN_WRITE ? FA_WRITE : 0;

	elements = vl >> d->esize_log2;
	if (sme_slice(v, d, d->rclass == NISV_RC_ZA ? vl : elements, p))
		return NISV_CALLBACK_ERROR;
	if (sve_whole_register(d)) {
		/* LDR/STR: the register's bytes, one byte element each, no predicate */
		unsigned bytes = whole_register_bytes(d, vl);
		p->va = base + (uint64_t)d->imm * bytes;
		p->far_va = p->va;
		p->len = bytes;
		return NISV_OK;
	}
	if (read_predicate(v, d, vl, p))
		return NISV_CALLBACK_ERROR;
	if (d->addr == NISV_AM_REG) {
		if (x_get(v, d->rm, &off))
			return NISV_CALLBACK_ERROR;
		off <<= d->shift;
	} else if (d->addr == NISV_AM_MUL_VL) {
		off = (uint64_t)d->imm * (elements * mbytes);
	} else if (!sve_per_element_address(d)) {
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
	p->len = (end - first) * mbytes;
	if (sve_per_element_address(d)) {
		p->gather = 1;
		if (sve_element_addresses(v, d, p, first, end))
			return NISV_CALLBACK_ERROR;
		p->va = first < end ? p->elem_va[first] : 0;
	} else {
		p->va = base + off + (uint64_t)first * mbytes;
	}
	p->far_va = p->va;
	return NISV_OK;
}
