/*
 * The register cache of one emulation: each register is fetched through the
 * integrator's callback at most once, writes are buffered, and rc_commit()
 * sends only the registers that changed.
 */
#include "internal.h"

void rc_reset(nisv_vcpu *v)
{
	v->reg_valid = v->reg_dirty = 0;
	v->v_valid = v->v_dirty = 0;
	v->ram_size = v->ram_desc_lim = 0;
	v->wc_valid = 0;
	v->fetch_read = 0;
}

void rc_discard_writes(nisv_vcpu *v)
{
	v->reg_valid &= ~v->reg_dirty;
	v->v_valid &= ~v->v_dirty;
	v->reg_dirty = 0;
	v->v_dirty = 0;
}

int rc_fetch(nisv_vcpu *v, unsigned reg, uint64_t *val)
{
	if (v->regs->get(v->regs_ctx, reg, &v->reg[reg]))
		return -1;
	v->reg_valid |= 1ull << reg;
	*val = v->reg[reg];
	return 0;
}

int rc_get_v(nisv_vcpu *v, unsigned n, nisv_v128 *val)
{
	uint32_t bit = 1u << n;

	if (!(v->v_valid & bit) && v->state) {
		*val = v->state->v[n];
		return 0;
	}
	if (!(v->v_valid & bit)) {
		if (v->regs->get_v(v->regs_ctx, n, &v->v[n]))
			return -1;
		v->v_valid |= bit;
	}
	*val = v->v[n];
	return 0;
}

void rc_set_v(nisv_vcpu *v, unsigned n, const nisv_v128 *val)
{
	uint32_t bit = 1u << n;

	v->v[n] = *val;
	v->v_valid |= bit;
	v->v_dirty |= bit;
}

/* A nisv_state is written in place; other states through the callbacks. */
NISV_ALWAYS_INLINE int rc_commit(nisv_vcpu *v)
{
	for (uint64_t m = v->reg_dirty; m; m &= m - 1) {
		unsigned r = (unsigned)__builtin_ctzll(m);
		if (v->state)
			v->state->reg[r] = v->reg[r];
		else if (v->regs->set(v->regs_ctx, r, v->reg[r]))
			return -1;
	}
	for (uint32_t m = v->v_dirty; m; m &= m - 1) {
		unsigned n = (unsigned)__builtin_ctz(m);
		if (v->state)
			v->state->v[n] = v->v[n];
		else if (v->regs->set_v(v->regs_ctx, n, &v->v[n]))
			return -1;
	}
	v->reg_dirty = 0;
	v->v_dirty = 0;
	return 0;
}

/* The stack pointer selected by PSTATE: SP_EL0 at EL0 or when PSTATE.SP = 0. */
static int current_sp(nisv_vcpu *v, unsigned *reg)
{
	uint64_t pstate;

	if (rc_get(v, NISV_PSTATE, &pstate))
		return -1;
	*reg = PSTATE_EL(pstate) && PSTATE_SP(pstate) ? NISV_SP_EL1 : NISV_SP_EL0;
	return 0;
}

int rc_get_sp(nisv_vcpu *v, uint64_t *val)
{
	unsigned sp;

	return current_sp(v, &sp) ? -1 : rc_get(v, sp, val);
}

int rc_set_sp(nisv_vcpu *v, uint64_t val)
{
	unsigned sp;

	if (current_sp(v, &sp))
		return -1;
	rc_set(v, sp, val);
	return 0;
}
