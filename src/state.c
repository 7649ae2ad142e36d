/* Ready-made register callbacks over a plain in-memory nisv_state. */
#include "nisv.h"
#include "bits.h"

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

/* Only the V file: the SVE/SME files are not in a nisv_state yet. */
static int v_range_ok(unsigned file, unsigned n, uint32_t offset, uint32_t len)
{
	return file == NISV_VFILE_V && n < 32 && offset <= 16 && len <= 16 - offset;
}

static int state_get_vec(void *ctx, unsigned file, unsigned n, uint32_t offset, void *buf, uint32_t len)
{
	const nisv_state *s = ctx;
	uint8_t b[16];

	if (!v_range_ok(file, n, offset, len))
		return -1;
	v128_to_bytes(&s->v[n], b);
	__builtin_memcpy(buf, b + offset, len);
	return 0;
}

static int state_set_vec(void *ctx, unsigned file, unsigned n, uint32_t offset, const void *buf, uint32_t len)
{
	nisv_state *s = ctx;
	uint8_t b[16];

	if (!v_range_ok(file, n, offset, len))
		return -1;
	v128_to_bytes(&s->v[n], b);
	__builtin_memcpy(b + offset, buf, len);
	v128_from_bytes(&s->v[n], b);
	return 0;
}

NISV_API const nisv_reg_ops nisv_state_reg_ops = { state_get, state_set, state_get_vec, state_set_vec };
