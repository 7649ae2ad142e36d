/* The checks of an access that need no translation (checks.h). */
#include "checks.h"
#include "arch.h"
#include "regs.h"

static int aligned(uint64_t va, uint32_t n)
{
	return (va & (n - 1)) == 0;
}

static int within16(uint64_t va, uint32_t n)
{
	return (va & 15) + n <= 16;
}

/*
 * Arm ARM J1.1.3 "AArch64.UnalignedAccessFaults": SCTLR.A checks every
 * element; exclusives and atomics must be aligned (FEAT_LSE2: within 16
 * bytes); ordered accesses too, unless FEAT_LSE2 with SCTLR.nAA, or within
 * 16 bytes. (Device memory is checked after translation.)
 */
static int alignment_fault(const struct vcpu *v, const struct plan *p, uint64_t sctlr)
{
	int lse2 = (v->features & NISV_FEAT_LSE2) != 0;

	if (p->tag_align && !aligned(p->va, p->tag_align))
		return 1;
	if (p->gather) /* element by element, in order (pages.c) */
		return 0;
	if (!p->len || p->kind == PLAN_NONE || aligned(p->va, p->esize))
		return p->align && !aligned(p->va, p->align) && (!lse2 || !within16(p->va, p->len));
	if (sctlr & SCTLR_A)
		return 1;
	if (p->align)
		return !lse2 || !within16(p->va, p->len);
	if (p->ordered)
		return !lse2 || (!(sctlr & SCTLR_NAA) && !within16(p->va, p->esize));
	return 0;
}

/* Arm ARM D1.3.10 "SP alignment checking": SCTLR_EL1.SA (EL1) / SA0 (EL0). */
static int sp_alignment_fault(struct vcpu *v, const nisv_insn *d, const struct call_ctx *c, int *fault)
{
	uint64_t sp;

	*fault = 0;
	if (d->rn != 31 || d->addr == NISV_AM_LITERAL || d->addr == NISV_AM_VEC_IMM || d->addr == NISV_AM_VEC_SCALAR ||
	    d->op == NISV_OP_PREFETCH || is_dc_op(d->op))
		return 0;
	if (!(c->sctlr & (PSTATE_EL(c->pstate) ? SCTLR_SA : SCTLR_SA0)))
		return 0;
	if (sp_get(v, &sp))
		return -1;
	*fault = (sp & 15) != 0;
	return 0;
}

/*
 * DC by VA at EL0 (pseudocode of "DC IVAC", "DC ZVA", "DC CVAC"): IVAC is
 * UNDEFINED; the zeroing ops trap to EL1 unless SCTLR_EL1.DZE, the
 * maintenance ops unless SCTLR_EL1.UCI.
 */
static unsigned el0_dc_fault(const nisv_insn *d, const struct call_ctx *c)
{
	if (!is_dc_op(d->op) || PSTATE_EL(c->pstate) != 0)
		return 0;
	if (d->op == NISV_OP_DC_MAINT && d->dc == NISV_DC_IVAC)
		return NISV_FAULT_UNDEFINED;
	return c->sctlr & (d->op == NISV_OP_DC_MAINT ? SCTLR_UCI : SCTLR_DZE) ? 0 : NISV_FAULT_SYS_TRAP;
}

nisv_status check_before_translation(struct vcpu *v, const nisv_insn *d, const struct call_ctx *c,
                                     const struct plan *p, struct guest_fault *f)
{
	unsigned kind = el0_dc_fault(d, c);
	int sp_fault;

	if (!kind) {
		if (sp_alignment_fault(v, d, c, &sp_fault))
			return NISV_CALLBACK_ERROR;
		kind = sp_fault ? NISV_FAULT_SP_ALIGNMENT : alignment_fault(v, p, c->sctlr) ? NISV_FAULT_ALIGNMENT : 0;
	}
	return kind ? raise_fault(f, kind, 0, p->far_va, p->fault_access, d->word) : NISV_OK;
}
