/*
 * Translate every page an access touches and check it before anything is
 * performed: stage-1 faults with level and FAR, including the Device-memory
 * rule (an unaligned access or a DC ZVA to Device memory is an Alignment
 * fault, Arm ARM B2.5.2 and "DC ZVA"). Writes nothing: hardware AF/dirty
 * updates are kept in the access_ctx and applied by apply_hw_updates()
 * after all checks.
 */
#include "internal.h"

static int needs_write(const nisv_insn *d, const struct plan *p)
{
	return p->kind == PLAN_WRITE || p->kind == PLAN_RMW || p->kind == PLAN_ZERO ||
	       d->op == NISV_OP_DC_GVA || (d->op == NISV_OP_DC_MAINT && d->dc == NISV_DC_IVAC);
}

static nisv_status fail(struct guest_fault *f, const nisv_insn *d, unsigned kind, int level,
                        uint64_t far, int write)
{
	*f = (struct guest_fault){ .kind = (uint8_t)kind, .level = (int8_t)level, .far = far,
		                   .write = (uint8_t)write, .cache_maint = d->op == NISV_OP_DC_MAINT };
	return NISV_FAULT;
}

/*
 * WnR of a fault on a read-modify-write (ESR_ELx.WnR): 0 when a read of the
 * location would have generated the same fault, so 1 only for a permission
 * fault that the write alone causes.
 */
static int rmw_wnr(nisv_vcpu *v, struct xlat_req rq, const struct xlat *x)
{
	struct xlat again;

	if (x->fault != NISV_FAULT_PERMISSION)
		return 0;
	rq.flags &= (uint8_t)~XR_WRITE;
	return mmu_translate(v, &rq, &again) == NISV_OK;
}

NISV_ALWAYS_INLINE nisv_status translate_access(nisv_vcpu *v, const nisv_insn *d, struct plan *p,
                                                struct access_ctx *a, struct guest_fault *f)
{
	uint32_t len = p->len ? p->len : 1; /* a DC maintenance op checks its line */
	int el0 = PSTATE_EL(a->pstate) == 0 || ((d->flags & NISV_F_UNPRIV) && !(a->pstate & PSTATE_UAO));
	struct xlat_req rq = {
		.sctlr = a->sctlr,
		.flags = (uint8_t)((needs_write(d, p) ? XR_WRITE : 0) | (el0 ? XR_EL0 : 0) |
		                   /* PAN does not apply to cache maintenance (AArch64.S1CheckPermissions) */
		                   (!el0 && (a->pstate & PSTATE_PAN) && d->op != NISV_OP_DC_MAINT ? XR_PAN : 0) |
		                   /* an unaligned element, or DC ZVA, is an Alignment fault on Device memory */
		                   (p->kind != PLAN_NONE && (p->kind == PLAN_ZERO || (p->va & (p->esize - 1u)))
		                            ? XR_DEVICE_MISALIGNED
		                            : 0)),
	};

	p->nseg = 0;
	a->hw_updates = 0;
	if (d->op == NISV_OP_PREFETCH) /* prefetches never fault */
		return NISV_OK;
	for (uint32_t off = 0; off < len;) {
		struct xlat *x = &a->xl[p->nseg];
		nisv_status st;

		if (p->nseg == PLAN_MAX_SEGS)
			return NISV_UNSUPPORTED;
		rq.va = p->va + off;
		st = mmu_translate(v, &rq, x);
		if (st == NISV_FAULT)
			return fail(f, d, x->fault, x->level, off ? rq.va : p->far_va,
			            p->kind == PLAN_RMW ? rmw_wnr(v, rq, x) : rq.flags & XR_WRITE);
		if (st != NISV_OK)
			return st;
		uint64_t page_left = x->page_bytes - (rq.va & (x->page_bytes - 1));
		uint32_t chunk = page_left < len - off ? (uint32_t)page_left : len - off;
		p->seg[p->nseg++] = (struct segment){ .pa = x->pa, .off = off, .len = chunk };
		a->hw_updates |= x->new_desc != 0;
		off += chunk;
	}
	return NISV_OK;
}

nisv_status apply_hw_updates(nisv_vcpu *v, const struct plan *p, const struct access_ctx *a)
{
	for (unsigned i = 0; i < p->nseg; i++) {
		/* two pages of one block share a descriptor: update it once */
		if (i && a->xl[i].desc_addr == a->xl[0].desc_addr && a->xl[0].new_desc)
			continue;
		nisv_status st = mmu_apply_update(v, &a->xl[i]);
		if (st != NISV_OK)
			return st;
	}
	return NISV_OK;
}
