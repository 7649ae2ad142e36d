/*
 * nisv_emulate: decode -> plan -> check -> translate -> perform -> commit.
 * Every check runs before the first memory access; registers are written
 * (through rc_commit) only after every access succeeded.
 */
#include "internal.h"
#include "emulate.h"

nisv_status nisv_vcpu_init(nisv_vcpu *v, const nisv_reg_ops *regs, void *regs_ctx,
                           const nisv_mem_ops *mem, void *mem_ctx)
{
	if (!v || !regs || !regs->get || !regs->set || !regs->get_v || !regs->set_v || !mem ||
	    !mem->read || !mem->write || !mem->lock != !mem->unlock)
		return NISV_INVALID_ARGUMENT;
	*v = (nisv_vcpu){ .regs = regs, .regs_ctx = regs_ctx, .mem = mem, .mem_ctx = mem_ctx,
		          .state = regs == &nisv_state_reg_ops ? regs_ctx : 0 };
	return NISV_OK;
}

void nisv_vcpu_set_features(nisv_vcpu *v, uint32_t features)
{
	if (v) {
		v->features = features;
		forget_translations(v);
	}
}

void nisv_vcpu_set_pa_bits(nisv_vcpu *v, unsigned bits)
{
	if (v && bits >= 32 && bits <= 52) {
		v->pa_bits = (uint8_t)bits;
		forget_translations(v);
	}
}

void nisv_vcpu_set_fault_mode(nisv_vcpu *v, nisv_fault_mode mode)
{
	if (v)
		v->inject = mode == NISV_FAULTS_INJECT;
}

void nisv_clear_exclusive(nisv_vcpu *v)
{
	if (v)
		v->excl_armed = 0;
}

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
NISV_ALWAYS_INLINE int alignment_fault(const nisv_vcpu *v, const struct plan *p, uint64_t sctlr)
{
	int lse2 = (v->features & NISV_FEAT_LSE2) != 0;

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
static int sp_alignment_fault(nisv_vcpu *v, const nisv_insn *d, uint64_t pstate, uint64_t sctlr)
{
	uint64_t sp;

	if (d->rn != 31 || d->addr == NISV_AM_LITERAL || d->op == NISV_OP_PREFETCH || d->op >= NISV_OP_DC_ZVA)
		return 0;
	if (!(sctlr & (PSTATE_EL(pstate) ? SCTLR_SA : SCTLR_SA0)))
		return 0;
	return rc_get_x_or_sp(v, 31, &sp) == 0 && (sp & 15) != 0;
}

/*
 * DC by VA at EL0 (pseudocode of "DC IVAC", "DC ZVA", "DC CVAC"): IVAC is
 * UNDEFINED; the zeroing ops trap to EL1 unless SCTLR_EL1.DZE, the
 * maintenance ops unless SCTLR_EL1.UCI.
 */
static unsigned el0_dc_fault(const nisv_insn *d, uint64_t pstate, uint64_t sctlr)
{
	if (d->op < NISV_OP_DC_ZVA || PSTATE_EL(pstate) != 0)
		return 0;
	if (d->op == NISV_OP_DC_MAINT && d->dc == NISV_DC_IVAC)
		return NISV_FAULT_UNDEFINED;
	return sctlr & (d->op == NISV_OP_DC_MAINT ? SCTLR_UCI : SCTLR_DZE) ? 0 : NISV_FAULT_SYS_TRAP;
}

/* The store-exclusive passes only against the monitor armed for this exact access. */
static int exclusive_passes(nisv_vcpu *v, const struct plan *p)
{
	int pass = v->excl_armed && v->excl_addr == p->seg[0].pa && v->excl_size == p->len;

	v->excl_armed = 0;
	return pass;
}

static int is_write(const struct plan *p)
{
	return p->kind == PLAN_WRITE || p->kind == PLAN_RMW || p->kind == PLAN_ZERO;
}

/* A fault found before translation: alignment of the whole access. */
static nisv_status early_fault(struct guest_fault *f, const nisv_insn *d, const struct plan *p, unsigned kind)
{
	*f = (struct guest_fault){ .kind = (uint8_t)kind, .far = p->far_va, .write = (uint8_t)is_write(p),
		                   .cache_maint = d->op == NISV_OP_DC_MAINT, .word = d->word };
	return NISV_FAULT;
}

NISV_ALWAYS_INLINE nisv_status emulate_insn(nisv_vcpu *v, const nisv_insn *d, struct access_ctx *a,
                                            const struct stale_check *stale, nisv_result *res,
                                            struct guest_fault *f)
{
	struct plan p;
	nisv_status st;
	uint64_t pc;
	int excl_pass = 1;
	unsigned fault;

	st = plan_build(v, d, &p);
	res->va = p.va;
	res->write = (uint8_t)is_write(&p);
	if (st != NISV_OK)
		return st;
	p.big_endian = (a->sctlr & (PSTATE_EL(a->pstate) ? SCTLR_EE : SCTLR_E0E)) != 0;

	fault = el0_dc_fault(d, a->pstate, a->sctlr);
	if (fault)
		return early_fault(f, d, &p, fault);
	if (sp_alignment_fault(v, d, a->pstate, a->sctlr))
		return early_fault(f, d, &p, NISV_FAULT_SP_ALIGNMENT);
	if (alignment_fault(v, &p, a->sctlr) || (p.tag_align && !aligned(p.va, p.tag_align)))
		return early_fault(f, d, &p, NISV_FAULT_ALIGNMENT);
	st = translate_access(v, d, &p, a, f);
	if (st != NISV_OK)
		return st;
	if (stale && !stale_covered(stale, &p))
		return NISV_RETRY;
	fault = (unsigned)perform_check(v, d, &p);
	if (fault) {
		*f = (struct guest_fault){ .kind = (uint8_t)fault, .far = p.far_va, .write = (uint8_t)is_write(&p) };
		return NISV_FAULT;
	}
	/* every register read happens before the first write, AF updates included */
	if (rc_get(v, NISV_PC, &pc) || layout_prefetch(v, d))
		return NISV_CALLBACK_ERROR;
	if (a->hw_updates && (st = apply_hw_updates(v, &p, a)) != NISV_OK)
		return st;
	if (d->op == NISV_OP_STORE_EXCL) {
		excl_pass = exclusive_passes(v, &p);
		if (!excl_pass)
			p.kind = PLAN_NONE;
	}
	st = perform(v, d, &p);
	if (st != NISV_OK)
		return st;

	if ((p.kind == PLAN_READ || p.kind == PLAN_RMW) && layout_scatter(v, d, &p))
		return NISV_CALLBACK_ERROR;
	if (d->op == NISV_OP_LOAD_EXCL) {
		v->excl_armed = 1;
		v->excl_addr = p.seg[0].pa;
		v->excl_size = p.len;
	}
	if (d->op == NISV_OP_STORE_EXCL)
		rc_set_x(v, d->rs, !excl_pass);
	if (p.wback && rc_set_x_or_sp(v, d->rn, p.wback_val))
		return NISV_CALLBACK_ERROR;
	rc_set(v, NISV_PC, pc + 4);
	return rc_commit(v) ? NISV_CALLBACK_ERROR : NISV_OK;
}

nisv_status finish(nisv_vcpu *v, nisv_result *res, nisv_status st, const struct guest_fault *f,
                   uint64_t pstate)
{
	res->status = st;
	if (st != NISV_FAULT)
		return st;
	res->fault = f->kind;
	res->level = f->level;
	res->va = f->far;
	res->write = f->write;
	res->esr = exception_syndrome(f, pstate);
	if (!v->inject)
		return st;
	rc_discard_writes(v);
	if (exception_enter(v, res->esr, f->far, fault_has_far(f->kind)) || rc_commit(v))
		return res->status = NISV_CALLBACK_ERROR;
	res->injected = 1;
	return st;
}

nisv_status nisv_inject(nisv_vcpu *v, const nisv_result *res)
{
	if (!v || !v->regs || !res || res->status != NISV_FAULT || res->injected)
		return NISV_INVALID_ARGUMENT;
	rc_reset(v);
	if (exception_enter(v, res->esr, res->va, fault_has_far(res->fault)) || rc_commit(v))
		return NISV_CALLBACK_ERROR;
	return NISV_OK;
}

nisv_status nisv_translate(nisv_vcpu *v, uint64_t va, unsigned flags, uint64_t *ipa, nisv_result *res)
{
	nisv_result local;
	struct xlat x;
	nisv_status st;

	if (!res)
		res = &local;
	*res = (nisv_result){ .status = NISV_INVALID_ARGUMENT };
	if (!v || !v->regs || !v->mem || !ipa)
		return NISV_INVALID_ARGUMENT;
	rc_reset(v);
	_Static_assert((unsigned)NISV_XLAT_WRITE == XR_WRITE && (unsigned)NISV_XLAT_FETCH == XR_EXEC &&
	                   (unsigned)NISV_XLAT_EL0 == XR_EL0 && (unsigned)NISV_XLAT_PAN == XR_PAN,
	               "NISV_XLAT_* are XR_* bits");
	struct xlat_req rq = { .va = va, .flags = (uint8_t)((flags & 0xf) | XR_ATTRS) };
	if (rc_get(v, NISV_SCTLR_EL1, &rq.sctlr))
		return res->status = NISV_CALLBACK_ERROR;
	st = mmu_translate(v, &rq, &x);
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

nisv_status read_context(nisv_vcpu *v, struct access_ctx *a, int aarch32_el0)
{
	if (rc_get(v, NISV_PSTATE, &a->pstate) || rc_get(v, NISV_SCTLR_EL1, &a->sctlr))
		return NISV_CALLBACK_ERROR;
	/* EL2 (nested virtualization) is not emulated; A32/T32 is not decoded,
	 * and AArch32 at EL1 would take its exceptions in AArch32 */
	if (a->pstate & PSTATE_NRW)
		return aarch32_el0 && (a->pstate & 0xf) == 0 ? NISV_OK : NISV_UNSUPPORTED;
	return PSTATE_EL(a->pstate) > 1 ? NISV_UNSUPPORTED : NISV_OK;
}

nisv_status nisv_emulate(nisv_vcpu *v, uint32_t word, nisv_result *res)
{
	nisv_result local;
	struct access_ctx a;
	struct guest_fault f = { 0 };
	nisv_status st;

	if (!res)
		res = &local;
	*res = (nisv_result){ .status = NISV_INVALID_ARGUMENT };
	if (!v || !v->regs || !v->mem)
		return NISV_INVALID_ARGUMENT;
	rc_reset(v);
	a.pstate = 0; /* for finish() when read_context() fails */
	if (nisv_decode(word, &res->insn) != NISV_OK) {
		res->fault = NISV_FAULT_UNDEFINED;
		return res->status = NISV_UNSUPPORTED;
	}
	st = read_context(v, &a, 0);
	if (st == NISV_OK)
		st = emulate_insn(v, &res->insn, &a, 0, res, &f);
	return finish(v, res, st, &f, a.pstate);
}
