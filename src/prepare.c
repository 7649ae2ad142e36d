/* Prepare an access: everything before the first side effect (prepare.h). */
#include "prepare.h"
#include "arch.h"
#include "checks.h"
#include "pages.h"
#include "perform.h"
#include "regs.h"

nisv_status read_context(struct vcpu *v, struct call_ctx *c, int aarch32_el0)
{
	c->il32 = 1;
	if (reg_get(v, NISV_PSTATE, &c->pstate) || reg_get(v, NISV_SCTLR_EL1, &c->sctlr))
		return NISV_CALLBACK_ERROR;
	/* EL2 (nested virtualization) is not emulated; A32/T32 is not decoded,
	 * and AArch32 at EL1 would take its exceptions in AArch32 */
	if (c->pstate & PSTATE_NRW)
		return aarch32_el0 && (c->pstate & 0xf) == 0 ? NISV_OK : NISV_UNSUPPORTED;
	return PSTATE_EL(c->pstate) > 1 ? NISV_UNSUPPORTED : NISV_OK;
}

/* Byte off of the access is one it reads or writes (an active element's). */
static int touched(const struct plan *p, uint64_t off)
{
	return off < (p->len ? p->len : 1) && plan_active(p, (uint32_t)off);
}

/* An active element of a gather or scatter holds the byte at va (bits
 * [55:0]: FAR's top byte may hold a tag). */
static int element_at(const struct plan *p, uint64_t va)
{
	for (uint32_t off = 0; off < p->len; off += p->esize)
		if (plan_active(p, off) && ((va - plan_va(p, off)) & 0x00ffffffffffffffull) < p->esize)
			return 1;
	return 0;
}

/* The access covers the reported IPA (and FAR, when valid). */
static int covers(const struct reported *r, const struct plan *p)
{
	int hit = 0;

	for (unsigned i = 0; i < p->nseg; i++)
		if (r->ipa >= p->seg[i].pa && r->ipa - p->seg[i].pa < p->seg[i].len)
			hit |= touched(p, p->seg[i].off + (r->ipa - p->seg[i].pa));
	/* compare VA bits [55:0]: FAR's top byte may hold a tag */
	if (hit && r->far_valid)
		hit = p->gather ? element_at(p, r->far) : touched(p, (r->far - p->va) & 0x00ffffffffffffffull);
	return hit;
}

/*
 * mem_ops.check of segments [i, end) of the access: the whole access, or
 * one element of a gather or scatter (each element is an access of its
 * own). On success each segment gets the device region it names.
 */
static nisv_status check_one(struct vcpu *v, const nisv_insn *d, struct plan *p, unsigned i, unsigned end,
                             struct guest_fault *f)
{
	nisv_access a = { .ipa = p->seg[i].pa, .npages = end - i,
		          .flags = perform_mem_flags(d) | (p->kind != PLAN_READ ? NISV_MEM_WRITE : 0),
		          .piece_min = perform_piece_min(p, i, end) };
	int kind;

	for (unsigned k = i; k < end; k++) {
		a.page[k - i].ipa = p->seg[k].pa;
		a.page[k - i].len = p->seg[k].len;
		a.len += p->seg[k].len;
	}
	kind = v->mem->check(v->mem_ctx, &a);
	if (!kind) {
		for (unsigned k = i; k < end; k++)
			p->seg[k].device = a.device && !a.device->ram ? a.device : 0;
		return NISV_OK;
	}
	/* a value that is not a fault kind is a failed check: the floor */
	if (kind < 0 || kind > NISV_FAULT_PC_ALIGNMENT)
		kind = NISV_FAULT_EXTERNAL;
	return raise_fault(f, (unsigned)kind, 0, plan_fault_va(p, p->seg[i].off), p->fault_access & FA_WRITE,
	                   d->word);
}

nisv_status check_devices(struct vcpu *v, const nisv_insn *d, struct plan *p, struct guest_fault *f)
{
	if (!v->mem->check || p->kind == PLAN_NONE || !p->len)
		return NISV_OK;
	if (!p->gather)
		return check_one(v, d, p, 0, p->nseg, f);
	for (unsigned i = 0, end; i < p->nseg; i = end) {
		nisv_status st;

		end = i + 1;
		while (end < p->nseg && p->seg[end].off % p->esize) /* the element's second page */
			end++;
		st = check_one(v, d, p, i, end, f);
		if (st != NISV_OK)
			return st;
	}
	return NISV_OK;
}

nisv_status prepare_pages(struct vcpu *v, const nisv_insn *d, const struct call_ctx *c, struct plan *p,
                          struct guest_fault *f)
{
	nisv_status st = plan_build(v, d, c, p, f);

	if (st == NISV_OK)
		st = check_before_translation(v, d, c, p, f);
	return st == NISV_OK ? access_pages(v, d, c, p, f) : st;
}

nisv_status prepare(struct vcpu *v, const nisv_insn *d, const struct call_ctx *c, const struct reported *rep,
                    struct plan *p, struct guest_fault *f)
{
	nisv_status st = prepare_pages(v, d, c, p, f);

	if (st == NISV_OK && rep && !covers(rep, p))
		st = NISV_RETRY;
	if (st == NISV_OK)
		st = check_devices(v, d, p, f);
	return st;
}
