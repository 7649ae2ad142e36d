/* Ready-made register callbacks over a plain in-memory nisv_state. */
#include "nisv.h"

static int state_get(void *ctx, unsigned reg, uint64_t *val)
{
	const nisv_state *s = ctx;

	if (reg >= NISV_REG_COUNT)
		return -1;
	*val = s->reg[reg];
	return 0;
}

static int state_set(void *ctx, unsigned reg, uint64_t val)
{
	nisv_state *s = ctx;

	if (reg >= NISV_REG_COUNT)
		return -1;
	s->reg[reg] = val;
	return 0;
}

static int state_get_v(void *ctx, unsigned n, nisv_v128 *val)
{
	const nisv_state *s = ctx;

	if (n >= 32)
		return -1;
	*val = s->v[n];
	return 0;
}

static int state_set_v(void *ctx, unsigned n, const nisv_v128 *val)
{
	nisv_state *s = ctx;

	if (n >= 32)
		return -1;
	s->v[n] = *val;
	return 0;
}

const nisv_reg_ops nisv_state_reg_ops = { state_get, state_set, state_get_v, state_set_v };
