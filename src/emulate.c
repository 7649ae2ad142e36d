/*
 * The entry points that start from an instruction word or a fault already
 * found: nisv_emulate (prepare -> execute), nisv_describe (prepare only),
 * nisv_inject, and nisv_translate (one stage-1 translation).
 */
#include "arch.h"
#include "execute.h"
#include "prepare.h"
#include "regs.h"
#include "sve.h"

/* Decode and prepare word at the vCPU's state: the first half of both
 * nisv_emulate and nisv_describe (c->describe: no integrator's check). */
static nisv_status decode_and_prepare(struct vcpu *v, uint32_t word, struct call_ctx *c, nisv_result *res,
                                      struct plan *p, struct guest_fault *f)
{
	nisv_status st;

	if (nisv_decode(word, &res->insn) != NISV_OK) {
		res->fault = NISV_FAULT_UNDEFINED;
		return NISV_UNSUPPORTED;
	}
	st = read_context(v, c, 0);
	if (st != NISV_OK)
		return st;
	st = c->describe ? prepare_pages(v, &res->insn, c, p, f) : prepare(v, &res->insn, c, 0, p, f);
	res->va = p->va;
	res->write = (uint8_t)plan_writes(p);
	return st;
}

/* The common start of an API call: NULL checks and a fresh result. */
static struct vcpu *begin(nisv_vcpu *nv, nisv_result **res, nisv_result *local)
{
	struct vcpu *v = vcpu_of(nv);

	if (!*res)
		*res = local;
	**res = (nisv_result){ .status = NISV_INVALID_ARGUMENT };
	if (!nv || !v->regs || !v->mem)
		return 0;
	vcpu_begin_call(v);
	return v;
}

NISV_FLATTEN NISV_API nisv_status nisv_emulate(nisv_vcpu *nv, uint32_t word, nisv_result *res)
{
	nisv_result local;
	struct vcpu *v = begin(nv, &res, &local);
	struct call_ctx c = { 0 };
	struct guest_fault f = { 0 };
	struct plan p;
	nisv_status st;

	if (!v)
		return NISV_INVALID_ARGUMENT;
	st = decode_and_prepare(v, word, &c, res, &p, &f);
	if (st == NISV_OK)
		st = execute(v, &res->insn, &c, &p);
	return deliver(v, res, st, &f, c.pstate);
}

/* Which registers the access reads and writes, from the decoded form;
 * sp is the nisv_reg of the SP that PSTATE selects (Rn == 31). */
static void describe_registers(const nisv_insn *d, const struct plan *p, unsigned sp, nisv_description *out)
{
	uint64_t gpr_r = 0, gpr_w = 0;
	uint32_t vec_r = 0, vec_w = 0, transfer = 0;

	if ((d->op >= NISV_OP_LD_MULTI && d->op <= NISV_OP_LD_REPL) || d->rclass == NISV_RC_Z) {
		/* structures: consecutive registers from Rt, modulo 32 (a
		 * strided multi-vector list: rstride apart) */
		unsigned n = d->op == NISV_OP_LD_MULTI || d->op == NISV_OP_ST_MULTI || d->rclass == NISV_RC_Z
		                     ? d->nregs
		                     : d->selem;
		for (unsigned k = 0; k < n; k++)
			transfer |= 1u << ((d->rt + k * (d->rstride ? d->rstride : 1u)) % 32u);
	} else {
		transfer = 1u << d->rt | (d->nregs == 2 ? 1u << d->rt2 : 0);
	}
	if (d->rclass == NISV_RC_V || d->rclass == NISV_RC_Z) {
		if (p->kind == PLAN_WRITE || d->op == NISV_OP_LD_LANE)
			vec_r |= transfer;
		if (p->kind == PLAN_READ)
			vec_w = transfer;
	} else if (d->rclass == NISV_RC_P) {
		out->pregs_read = (uint16_t)(p->kind == PLAN_WRITE ? 1u << d->rt : 0);
		out->pregs_written = (uint16_t)(p->kind == PLAN_READ ? 1u << d->rt : 0);
	} else if (d->rclass >= NISV_RC_ZA) {
		/* SME: ZA and ZT0 have no bit here; the slice index Wv is read */
		if (d->rclass != NISV_RC_ZT0)
			gpr_r |= 1ull << d->rs;
	} else if (d->rclass != NISV_RC_NONE) {
		uint64_t t = transfer & 0x7fffffffu; /* X31 is XZR: neither read nor written */
		if (d->op == NISV_OP_CAS || d->op == NISV_OP_CASP) {
			uint64_t s = (1ull << d->rs | (d->op == NISV_OP_CASP ? 1ull << (d->rs + 1u) : 0)) & 0x7fffffffu;
			gpr_r |= t | s;
			gpr_w |= s;
		} else if (d->op == NISV_OP_ATOMIC) {
			gpr_r |= (1ull << d->rs) & 0x7fffffffu;
			gpr_w |= d->flags & NISV_F_NO_RESULT ? 0 : t;
		} else if (p->kind == PLAN_WRITE) {
			gpr_r |= t;
		} else if (p->kind == PLAN_READ) {
			gpr_w |= t;
		}
		if (d->op == NISV_OP_STORE_EXCL)
			gpr_w |= (1ull << d->rs) & 0x7fffffffu;
	}
	if (is_dc_op(d->op))
		gpr_r |= (1ull << d->rt) & 0x7fffffffu;
	else if (d->addr == NISV_AM_LITERAL)
		gpr_r |= 1ull << NISV_PC;
	else if (d->addr == NISV_AM_VEC_IMM || d->addr == NISV_AM_VEC_SCALAR)
		vec_r |= 1u << d->rn;
	else
		gpr_r |= 1ull << (d->rn != 31 ? d->rn : sp);
	if (d->addr == NISV_AM_REG || d->addr == NISV_AM_POST_REG || d->addr == NISV_AM_VEC_SCALAR)
		gpr_r |= (1ull << d->rm) & 0x7fffffffu;
	if (d->addr == NISV_AM_SCALAR_VEC)
		vec_r |= 1u << d->rm;
	if (p->wback)
		gpr_w |= 1ull << (d->rn != 31 ? d->rn : sp);
	gpr_w |= 1ull << NISV_PC;
	out->regs_read = gpr_r;
	out->regs_written = gpr_w;
	out->vregs_read = vec_r;
	out->vregs_written = vec_w;
	if (d->op >= NISV_OP_SVE_LOAD && !sve_whole_register(d))
		out->pregs_read |= (uint16_t)(1u << d->pg);
}

NISV_API nisv_status nisv_describe(nisv_vcpu *nv, uint32_t word, nisv_description *out, nisv_result *res)
{
	nisv_result local;
	struct vcpu *v = begin(nv, &res, &local);
	struct call_ctx c = { 0 };
	struct guest_fault f = { 0 };
	struct plan p;
	nisv_status st;

	if (!v || !out)
		return NISV_INVALID_ARGUMENT;
	*out = (nisv_description){ 0 };
	c.describe = 1;
	st = decode_and_prepare(v, word, &c, res, &p, &f);
	out->insn = res->insn;
	if (st != NISV_OK)
		return record_result(res, st, &f, c.pstate);
	out->va = p.va;
	out->len = p.len;
	out->write = (uint8_t)plan_writes(&p);
	out->read = p.kind == PLAN_READ || p.kind == PLAN_RMW;
	out->device = p.nseg && p.xl[0].device;
	/* a gather or scatter: the pages of its first active elements */
	out->npages = p.len ? (p.nseg < 2 ? p.nseg : 2) : 0;
	for (unsigned i = 0; i < out->npages; i++) {
		out->page[i].va = plan_va(&p, p.seg[i].off);
		out->page[i].ipa = p.seg[i].pa;
		out->page[i].len = p.seg[i].len;
	}
	describe_registers(&res->insn, &p, PSTATE_EL(c.pstate) && PSTATE_SP(c.pstate) ? NISV_SP_EL1 : NISV_SP_EL0, out);
	return res->status = NISV_OK;
}

NISV_API nisv_status nisv_inject(nisv_vcpu *nv, const nisv_result *res)
{
	struct vcpu *v = vcpu_of(nv);

	if (!nv || !v->regs || !res || res->status != NISV_FAULT || res->injected)
		return NISV_INVALID_ARGUMENT;
	vcpu_begin_call(v);
	if (exception_enter(v, res->esr, res->va, fault_has_far(res->fault)) || regs_commit(v))
		return NISV_CALLBACK_ERROR;
	return NISV_OK;
}

NISV_API nisv_status nisv_translate(nisv_vcpu *nv, uint64_t va, unsigned flags, uint64_t *ipa, nisv_result *res)
{
	nisv_result local;
	struct vcpu *v = begin(nv, &res, &local);
	struct xlat x;
	nisv_status st;

	if (!v || !ipa)
		return NISV_INVALID_ARGUMENT;
	_Static_assert((unsigned)NISV_XLAT_WRITE == XR_WRITE && (unsigned)NISV_XLAT_FETCH == XR_EXEC &&
	                   (unsigned)NISV_XLAT_EL0 == XR_EL0 && (unsigned)NISV_XLAT_PAN == XR_PAN,
	               "NISV_XLAT_* are XR_* bits");
	struct xlat_req rq = { .va = va, .flags = (uint8_t)((flags & 0xf) | XR_ATTRS) };
	if (reg_get(v, NISV_SCTLR_EL1, &rq.sctlr))
		return res->status = NISV_CALLBACK_ERROR;
	st = s1_translate(v, &rq, &x);
	res->va = va;
	res->write = (flags & NISV_XLAT_WRITE) != 0;
	if (st == NISV_FAULT) {
		res->fault = x.fault;
		res->level = x.level;
	}
	if (st == NISV_OK) {
		*ipa = x.pa;
		res->device = x.device;
	}
	return res->status = st;
}
