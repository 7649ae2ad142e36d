/* The register cache of one call (regs.h). */
#include "regs.h"
#include "arch.h"
#include "bits.h"

void regs_reset(struct vcpu *v)
{
	v->reg_valid = v->reg_dirty = 0;
	v->v_valid = v->v_dirty = 0;
	v->vec_count = 0;
}

void regs_discard_writes(struct vcpu *v)
{
	v->reg_valid &= ~v->reg_dirty;
	v->v_valid &= ~v->v_dirty;
	v->reg_dirty = 0;
	v->v_dirty = 0;
	v->vec_count = 0;
}

int regs_fetch(struct vcpu *v, unsigned reg, uint64_t *val)
{
	if (v->regs->get(v->regs_ctx, reg, &v->reg[reg]))
		return -1;
	v->reg_valid |= 1ull << reg;
	*val = v->reg[reg];
	return 0;
}

int vreg_get(struct vcpu *v, unsigned n, nisv_v128 *val)
{
	uint32_t bit = 1u << n;
	uint8_t b[16];

	if (!(v->v_valid & bit) && v->state && !v->state->sve) {
		*val = v->state->v[n];
		return 0;
	}
	if (!(v->v_valid & bit)) {
		if (v->regs->get_vec(v->regs_ctx, NISV_VFILE_V, n, 0, b, 16))
			return -1;
		v128_from_bytes(&v->v[n], b);
		v->v_valid |= bit;
	}
	*val = v->v[n];
	return 0;
}

void vreg_set(struct vcpu *v, unsigned n, const nisv_v128 *val)
{
	uint32_t bit = 1u << n;

	v->v[n] = *val;
	v->v_valid |= bit;
	v->v_dirty |= bit;
}

int regs_commit(struct vcpu *v)
{
	uint8_t b[16];

	for (uint64_t m = v->reg_dirty; m; m &= m - 1) {
		unsigned r = (unsigned)__builtin_ctzll(m);
		if (v->state)
			v->state->reg[r] = v->reg[r];
		else if (v->regs->set(v->regs_ctx, r, v->reg[r]))
			return -1;
	}
	for (uint32_t m = v->v_dirty; m; m &= m - 1) {
		unsigned n = (unsigned)__builtin_ctz(m);
		if (v->state && !v->state->sve) {
			v->state->v[n] = v->v[n];
			continue;
		}
		v128_to_bytes(&v->v[n], b);
		if (v->regs->set_vec(v->regs_ctx, NISV_VFILE_V, n, 0, b, 16))
			return -1;
	}
	for (unsigned i = 0; i < v->vec_count; i++) {
		const struct vec_staged *e = &v->vec[i];
		for (unsigned r = 0; r < e->rows; r++)
			if (v->regs->set_vec(v->regs_ctx, e->file, e->n + r * e->stride, e->off,
			                     v->vec_bytes[i] + r * e->len, e->len))
				return -1;
	}
	v->reg_dirty = 0;
	v->v_dirty = 0;
	v->vec_count = 0;
	return 0;
}

int vec_read_rows(struct vcpu *v, unsigned file, unsigned n, unsigned stride, unsigned rows, unsigned off,
                  unsigned len, uint8_t *buf)
{
	for (unsigned r = 0; r < rows; r++)
		if (v->regs->get_vec(v->regs_ctx, file, n + r * stride, off, buf + r * len, len))
			return -1;
	return 0;
}

uint8_t *vec_stage_rows(struct vcpu *v, unsigned file, unsigned n, unsigned stride, unsigned rows, unsigned off,
                        unsigned len)
{
	unsigned i = v->vec_count++;

	v->vec[i] = (struct vec_staged){ .file = (uint8_t)file, .stride = (uint8_t)stride, .n = (uint16_t)n,
		                         .rows = (uint16_t)rows, .off = (uint16_t)off, .len = (uint16_t)len };
	return v->vec_bytes[i];
}

/* The stack pointer selected by PSTATE: SP_EL0 at EL0 or when PSTATE.SP = 0. */
static int current_sp(struct vcpu *v, unsigned *reg)
{
	uint64_t pstate;

	if (reg_get(v, NISV_PSTATE, &pstate))
		return -1;
	*reg = PSTATE_EL(pstate) && PSTATE_SP(pstate) ? NISV_SP_EL1 : NISV_SP_EL0;
	return 0;
}

int sp_get(struct vcpu *v, uint64_t *val)
{
	unsigned sp;

	return current_sp(v, &sp) ? -1 : reg_get(v, sp, val);
}

int sp_set(struct vcpu *v, uint64_t val)
{
	unsigned sp;

	if (current_sp(v, &sp))
		return -1;
	reg_set(v, sp, val);
	return 0;
}
