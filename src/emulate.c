/*
 * nisv_emulate: decode -> plan -> check -> translate -> perform -> commit.
 * Every check runs before the first memory access; registers are written
 * (through rc_commit) only after every access succeeded.
 */
#include "internal.h"

#define SCTLR_M (1u << 0)
#define SCTLR_A (1u << 1)
#define SCTLR_SA (1u << 3)
#define SCTLR_SA0 (1u << 4)
#define SCTLR_NAA (1u << 6)
#define SCTLR_E0E (1u << 24)
#define SCTLR_EE (1u << 25)
#define TCR_TBI0 (1ull << 37)

nisv_status nisv_vcpu_init(nisv_vcpu *v, const nisv_reg_ops *regs, void *regs_ctx,
                           const nisv_mem_ops *mem, void *mem_ctx)
{
	if (!v || !regs || !regs->get || !regs->set || !regs->get_v || !regs->set_v || !mem ||
	    !mem->read || !mem->write || !mem->lock != !mem->unlock)
		return NISV_INVALID_ARGUMENT;
	*v = (nisv_vcpu){ .regs = regs, .regs_ctx = regs_ctx, .mem = mem, .mem_ctx = mem_ctx };
	return NISV_OK;
}

void nisv_vcpu_set_features(nisv_vcpu *v, uint32_t features)
{
	if (v)
		v->features = features;
}

void nisv_vcpu_set_pa_bits(nisv_vcpu *v, unsigned bits)
{
	if (v && bits >= 32 && bits <= 52)
		v->pa_bits = (uint8_t)bits;
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
 * 16 bytes.
 */
static int alignment_fault(const nisv_vcpu *v, const struct plan *p, uint64_t sctlr)
{
	int lse2 = (v->features & NISV_FEAT_LSE2) != 0;

	if (!p->len || aligned(p->va, p->esize))
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

	if (d->rn != 31 || d->addr == NISV_AM_LITERAL || d->op >= NISV_OP_DC_ZVA)
		return 0;
	if (!(sctlr & (PSTATE_EL(pstate) ? SCTLR_SA : SCTLR_SA0)))
		return 0;
	return rc_get_x_or_sp(v, 31, &sp) == 0 && (sp & 15) != 0;
}

/*
 * Stage 1 disabled (SCTLR_EL1.M == 0): the IPA is the VA, after the top byte
 * is dropped when TCR_EL1.TBI0 applies (Arm ARM D8.1 "AArch64.S1DisabledOutput").
 */
static nisv_status translate_flat(nisv_vcpu *v, uint64_t va, uint64_t *ipa)
{
	uint64_t tcr;

	*ipa = va;
	if (va >> 56 && !(va >> 55 & 1)) {
		if (rc_get(v, NISV_TCR_EL1, &tcr))
			return NISV_CALLBACK_ERROR;
		if (tcr & TCR_TBI0)
			*ipa = va & 0x00ffffffffffffffull;
	}
	return *ipa >> 52 ? NISV_FAULT : NISV_OK;
}

static nisv_status finish(nisv_result *res, nisv_status st, unsigned fault, const struct plan *p)
{
	res->status = st;
	res->fault = (uint8_t)fault;
	if (p) {
		res->va = p->va;
		res->write = p->kind == PLAN_WRITE || p->kind == PLAN_RMW || p->kind == PLAN_ZERO;
	}
	return st;
}

/* The store-exclusive passes only against the monitor armed for this exact access. */
static int exclusive_passes(nisv_vcpu *v, uint64_t ipa, uint32_t len)
{
	int pass = v->excl_armed && v->excl_addr == ipa && v->excl_size == len;

	v->excl_armed = 0;
	return pass;
}

static nisv_status run(nisv_vcpu *v, const nisv_insn *d, nisv_result *res)
{
	uint64_t pstate, sctlr, pc, ipa = 0;
	struct plan p;
	nisv_status st;
	int excl_pass = 1;

	if (rc_get(v, NISV_PSTATE, &pstate) || rc_get(v, NISV_SCTLR_EL1, &sctlr))
		return finish(res, NISV_CALLBACK_ERROR, 0, 0);
	if ((pstate & PSTATE_NRW) || PSTATE_EL(pstate) > 1 || (sctlr & SCTLR_M))
		return finish(res, NISV_UNSUPPORTED, 0, 0);

	st = plan_build(v, d, &p);
	if (st != NISV_OK)
		return finish(res, st, p.fault, &p);
	p.big_endian = (sctlr & (PSTATE_EL(pstate) ? SCTLR_EE : SCTLR_E0E)) != 0;

	if (sp_alignment_fault(v, d, pstate, sctlr))
		return finish(res, NISV_FAULT, NISV_FAULT_SP_ALIGNMENT, &p);
	if (alignment_fault(v, &p, sctlr))
		return finish(res, NISV_FAULT, NISV_FAULT_ALIGNMENT, &p);
	if (p.len) {
		st = translate_flat(v, p.va, &ipa);
		if (st != NISV_OK)
			return finish(res, st, NISV_FAULT_ADDRESS_SIZE, &p);
	}

	if (d->op == NISV_OP_STORE_EXCL) {
		excl_pass = exclusive_passes(v, ipa, p.len);
		if (!excl_pass)
			p.kind = PLAN_NONE;
	}
	st = perform(v, d, &p, ipa);
	if (st != NISV_OK)
		return finish(res, st, 0, &p);

	if (p.kind == PLAN_READ || p.kind == PLAN_RMW)
		if (layout_scatter(v, d, &p))
			return finish(res, NISV_CALLBACK_ERROR, 0, &p);
	if (d->op == NISV_OP_LOAD_EXCL) {
		v->excl_armed = 1;
		v->excl_addr = ipa;
		v->excl_size = p.len;
	}
	if (d->op == NISV_OP_STORE_EXCL)
		rc_set_x(v, d->rs, !excl_pass);
	if (p.wback && rc_set_x_or_sp(v, d->rn, p.wback_val))
		return finish(res, NISV_CALLBACK_ERROR, 0, &p);
	if (rc_get(v, NISV_PC, &pc))
		return finish(res, NISV_CALLBACK_ERROR, 0, &p);
	rc_set(v, NISV_PC, pc + 4);
	if (rc_commit(v))
		return finish(res, NISV_CALLBACK_ERROR, 0, &p);
	return finish(res, NISV_OK, 0, &p);
}

nisv_status nisv_emulate(nisv_vcpu *v, uint32_t word, nisv_result *res)
{
	nisv_result local;

	if (!res)
		res = &local;
	*res = (nisv_result){ .status = NISV_INVALID_ARGUMENT };
	if (!v || !v->regs || !v->mem)
		return NISV_INVALID_ARGUMENT;
	rc_reset(v);
	if (nisv_decode(word, &res->insn) != NISV_OK)
		return finish(res, NISV_UNSUPPORTED, NISV_FAULT_UNDEFINED, 0);
	return run(v, &res->insn, res);
}
