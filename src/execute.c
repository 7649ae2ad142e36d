/*
 * Execute a prepared access (execute.h). Every register is read before the
 * first write, the access-flag updates included; registers are written
 * (regs_commit) only after every access succeeded.
 */
#include "execute.h"
#include "arch.h"
#include "layout.h"
#include "pages.h"
#include "perform.h"
#include "regs.h"

/* The store-exclusive passes only against the monitor armed for this exact access. */
static int exclusive_passes(struct vcpu *v, const struct plan *p)
{
	int pass = v->excl_armed && v->excl_addr == p->seg[0].pa && v->excl_size == p->len;

	v->excl_armed = 0;
	return pass;
}

/*
 * AArch64: PC + 4. AArch32 (ISV=1 and CM=1 traps from EL0): by ESR.IL (T32
 * 16-bit is 2), and advance the Thumb IT block (Arm ARM "AArch32.ITAdvance";
 * CPSR IT[7:2] in bits [15:10], IT[1:0] in [26:25]).
 */
nisv_status advance_pc(struct vcpu *v, const struct call_ctx *c)
{
	uint64_t pc, pstate = c->pstate;

	if (reg_get(v, NISV_PC, &pc)) /* cached already when an access was made */
		return NISV_CALLBACK_ERROR;
	if (!(pstate & PSTATE_NRW)) {
		reg_set(v, NISV_PC, pc + 4);
	} else {
		unsigned it = (unsigned)((pstate >> 8 & 0xfc) | (pstate >> 25 & 3));
		reg_set(v, NISV_PC, (uint32_t)(pc + (c->il32 ? 4 : 2)));
		if (it) {
			it = (it & 7) ? (it & 0xe0) | ((it << 1) & 0x1f) : 0;
			reg_set(v, NISV_PSTATE, (pstate & ~(0xfcull << 8 | 3ull << 25)) | (uint64_t)(it & 0xfc) << 8 |
			                            (uint64_t)(it & 3) << 25);
		}
	}
	return regs_commit(v) ? NISV_CALLBACK_ERROR : NISV_OK;
}

/* The registers the access reads: the PC, store data, RMW operands, and
 * the lanes a lane load keeps. */
static nisv_status read_registers(struct vcpu *v, const nisv_insn *d, struct plan *p)
{
	uint64_t pc;

	if (reg_get(v, NISV_PC, &pc) || layout_prefetch(v, d, p))
		return NISV_CALLBACK_ERROR;
	if ((p->kind == PLAN_WRITE || p->kind == PLAN_RMW) && layout_gather(v, d, p))
		return NISV_CALLBACK_ERROR;
	return NISV_OK;
}

nisv_status execute(struct vcpu *v, const nisv_insn *d, const struct call_ctx *c, struct plan *p)
{
	nisv_status st = read_registers(v, d, p);
	int excl_pass = 1;

	if (st == NISV_OK && p->hw_updates)
		st = pages_apply_updates(v, p);
	if (st != NISV_OK)
		return st;
	if (d->op == NISV_OP_STORE_EXCL) {
		excl_pass = exclusive_passes(v, p);
		if (!excl_pass)
			p->kind = PLAN_NONE;
	}
	st = perform(v, d, p);
	if (st != NISV_OK)
		return st;

	if ((p->kind == PLAN_READ || p->kind == PLAN_RMW) && layout_scatter(v, d, p))
		return NISV_CALLBACK_ERROR;
	if (d->op == NISV_OP_LOAD_EXCL) {
		v->excl_armed = 1;
		v->excl_addr = p->seg[0].pa;
		v->excl_size = p->len;
	}
	if (d->op == NISV_OP_STORE_EXCL)
		x_set(v, d->rs, !excl_pass);
	if (p->wback && x_or_sp_set(v, d->rn, p->wback_val))
		return NISV_CALLBACK_ERROR;
	return advance_pc(v, c);
}
