/*
 * Translate every page of an access (pages.h). An unaligned access or a
 * DC ZVA to Device memory is an Alignment fault (Arm ARM B2.5.2, "DC ZVA").
 */
#include "pages.h"
#include "arch.h"

static int needs_write(const nisv_insn *d, const struct plan *p)
{
	return plan_writes(p) || d->op == NISV_OP_DC_GVA || (d->op == NISV_OP_DC_MAINT && d->dc == NISV_DC_IVAC);
}

/*
 * WnR of a fault on a read-modify-write (ESR_ELx.WnR): 0 when a read of the
 * location would have generated the same fault, so 1 only for a permission
 * fault that the write alone causes.
 */
static int rmw_wnr(struct vcpu *v, struct xlat_req rq, const struct xlat *x)
{
	struct xlat again;

	if (x->fault != NISV_FAULT_PERMISSION)
		return 0;
	rq.flags &= (uint8_t)~XR_WRITE;
	return s1_translate(v, &rq, &again) == NISV_OK;
}

static uint8_t request_flags(const nisv_insn *d, const struct call_ctx *c, const struct plan *p)
{
	int el0 = PSTATE_EL(c->pstate) == 0 || ((d->flags & NISV_F_UNPRIV) && !(c->pstate & PSTATE_UAO));
	unsigned fl = (needs_write(d, p) ? XR_WRITE : 0) | (el0 ? XR_EL0 : 0);

	/* PAN does not apply to cache maintenance (AArch64.S1CheckPermissions) */
	if (!el0 && (c->pstate & PSTATE_PAN) && d->op != NISV_OP_DC_MAINT)
		fl |= XR_PAN;
	/* DC ZVA is an Alignment fault on Device memory (an unaligned element
	 * too: translate_run) */
	if (p->kind == PLAN_ZERO)
		fl |= XR_DEVICE_MISALIGNED;
	if (c->describe)
		fl |= XR_ATTRS;
	return (uint8_t)fl;
}

/* Translate bytes [off, off + len) of the access, at consecutive VAs, into
 * segments. */
static nisv_status translate_run(struct vcpu *v, const nisv_insn *d, struct plan *p, struct xlat_req rq,
                                 uint32_t off, uint32_t len, struct guest_fault *f)
{
	if (p->kind != PLAN_NONE && (plan_va(p, off) & (p->esize - 1u)))
		rq.flags |= XR_DEVICE_MISALIGNED;
	for (uint32_t end = off + len; off < end;) {
		struct xlat *x = &p->xl[p->nseg];
		nisv_status st;

		if (p->nseg == PLAN_MAX_SEGS)
			return NISV_UNSUPPORTED;
		rq.va = plan_va(p, off);
		st = s1_translate(v, &rq, x);
		if (st == NISV_FAULT) {
			unsigned access = p->fault_access & (unsigned)~FA_WRITE;
			if (p->kind == PLAN_RMW ? rmw_wnr(v, rq, x) : rq.flags & XR_WRITE)
				access |= FA_WRITE;
			return raise_fault(f, x->fault, x->level, plan_fault_va(p, off), access, d->word);
		}
		if (st != NISV_OK)
			return st;
		uint64_t page_left = x->page_bytes - (rq.va & (x->page_bytes - 1));
		uint32_t chunk = page_left < end - off ? (uint32_t)page_left : end - off;
		p->seg[p->nseg++] = (struct segment){ .pa = x->pa, .off = off, .len = chunk };
		p->hw_updates |= x->new_desc != 0;
		off += chunk;
	}
	return NISV_OK;
}

/*
 * Each active element of a gather or scatter, in element order: its
 * alignment (SCTLR_EL1.A: "CheckAlignment" of each element's Mem[]), then
 * its pages, so the first element that faults is the one reported.
 */
static nisv_status translate_elements(struct vcpu *v, const nisv_insn *d, const struct call_ctx *c,
                                      struct plan *p, struct xlat_req rq, struct guest_fault *f)
{
	for (uint32_t off = 0; off < p->len; off += p->esize) {
		uint64_t va = plan_va(p, off);
		nisv_status st;

		if (!plan_active(p, off))
			continue;
		if ((c->sctlr & SCTLR_A) && (va & (p->esize - 1u)))
			return raise_fault(f, NISV_FAULT_ALIGNMENT, 0, va, p->fault_access, d->word);
		st = translate_run(v, d, p, rq, off, p->esize, f);
		if (st != NISV_OK)
			return st;
	}
	return NISV_OK;
}

nisv_status access_pages(struct vcpu *v, const nisv_insn *d, const struct call_ctx *c, struct plan *p,
                         struct guest_fault *f)
{
	struct xlat_req rq = { .sctlr = c->sctlr, .flags = request_flags(d, c, p) };

	p->nseg = 0;
	p->hw_updates = 0;
	/* prefetches never fault; an SVE access with no element to access
	 * (none active, or every one suppressed) makes none */
	if (d->op == NISV_OP_PREFETCH || (p->vl && !p->len))
		return NISV_OK;
	if (p->gather)
		return translate_elements(v, d, c, p, rq, f);
	/* a DC maintenance op checks its line */
	return translate_run(v, d, p, rq, 0, p->len ? p->len : 1, f);
}

nisv_status pages_apply_updates(struct vcpu *v, const struct plan *p)
{
	for (unsigned i = 0; i < p->nseg; i++) {
		/* pages of one block, or elements of one page, share a
		 * descriptor: update it once */
		unsigned j = 0;
		while (j < i && !(p->xl[j].new_desc && p->xl[j].desc_addr == p->xl[i].desc_addr))
			j++;
		if (j < i)
			continue;
		nisv_status st = s1_apply_update(v, &p->xl[i]);
		if (st != NISV_OK)
			return st;
	}
	return NISV_OK;
}
