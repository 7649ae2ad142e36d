/* Ready-made register callbacks over a plain in-memory nisv_state. */
#include "nisv.h"
#include "bits.h"
#include "state_files.h"

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

/* V[n] alone, when the state has no SVE/SME files. */
static int v_range_ok(unsigned file, unsigned n, uint32_t offset, uint32_t len)
{
	return file == NISV_VFILE_V && n < 32 && offset <= 16 && len <= 16 - offset;
}

/* Register n of file in the SVE/SME files (V[n] is the low 16 bytes of
 * Z[n]) when bytes [offset, offset + len) are in it, else NULL. */
static uint8_t *file_range(nisv_state *s, unsigned file, unsigned n, uint32_t offset, uint32_t len)
{
	uint32_t size;
	uint8_t *reg = state_file_reg(s->sve, file, n, &size);

	return reg && offset <= size && len <= size - offset ? reg + offset : 0;
}

static int state_get_vec(void *ctx, unsigned file, unsigned n, uint32_t offset, void *buf, uint32_t len)
{
	nisv_state *s = ctx;
	uint8_t b[16], *src;

	if (!s->sve) {
		if (!v_range_ok(file, n, offset, len))
			return -1;
		v128_to_bytes(&s->v[n], b);
		src = b + offset;
	} else if (!(src = file_range(s, file, n, offset, len))) {
		return -1;
	}
	__builtin_memcpy(buf, src, len);
	return 0;
}

static int state_set_vec(void *ctx, unsigned file, unsigned n, uint32_t offset, const void *buf, uint32_t len)
{
	nisv_state *s = ctx;
	uint8_t b[16], *dst;

	if (!s->sve) {
		if (!v_range_ok(file, n, offset, len))
			return -1;
		v128_to_bytes(&s->v[n], b);
		__builtin_memcpy(b + offset, buf, len);
		v128_from_bytes(&s->v[n], b);
		return 0;
	}
	if (!(dst = file_range(s, file, n, offset, len)))
		return -1;
	__builtin_memcpy(dst, buf, len);
	if (file == NISV_VFILE_V) /* an AArch64 write of V[n] zeroes the rest of Z[n] */
		__builtin_memset(s->sve->z[n] + 16, 0, sizeof(s->sve->z[n]) - 16);
	return 0;
}

NISV_API const nisv_reg_ops nisv_state_reg_ops = { state_get, state_set, state_get_vec, state_set_vec };
