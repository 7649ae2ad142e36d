/*
 * Perform a planned access (perform.h): split into naturally aligned pieces
 * that never cross an element (so each element keeps its single-copy
 * atomicity where the architecture gives one), skip the inactive elements
 * of a predicated access, convert big-endian data, and run
 * read-modify-writes under the integrator's lock.
 */
#include "perform.h"
#include "region.h"

void swap_elements(uint8_t *buf, uint32_t len, unsigned esize)
{
	for (uint32_t e = 0; e + esize <= len; e += esize)
		for (unsigned i = 0, j = esize - 1; i < j; i++, j--) {
			uint8_t t = buf[e + i];
			buf[e + i] = buf[e + j];
			buf[e + j] = t;
		}
}

/* Largest power of two <= n (n >= 1) at which addr is aligned. */
static uint32_t piece_size(uint64_t addr, uint32_t n)
{
	uint32_t sz = 1u << (31 - __builtin_clz(n));
	uint64_t low = addr & (0 - addr); /* lowest set bit; 0 when addr is 0 */

	return low && low < sz ? (uint32_t)low : sz;
}

/* Pieces are at most one element and at most 16 bytes; DC ZVA zeroes in
 * 16-byte pieces. */
static uint32_t piece_max(const struct plan *p)
{
	unsigned esize = p->kind == PLAN_ZERO ? 16 : p->esize;

	return esize > 16 ? 16 : esize;
}

/* Whole aligned elements: every piece of the segment is one element. */
static int whole_elements(const struct segment *s, uint32_t max)
{
	return !((s->pa | s->off | s->len) & (max - 1));
}

/* The piece at byte off of segment s: at most what is left of its element
 * (max bytes) and naturally aligned, so it never crosses an element or a
 * page. */
static uint32_t piece_at(const struct segment *s, uint32_t off, uint32_t max)
{
	uint32_t elem_left = max - (off & (max - 1)), seg_left = s->off + s->len - off;

	return piece_size(s->pa + (off - s->off), elem_left < seg_left ? elem_left : seg_left);
}

uint32_t perform_piece_min(const struct plan *p, unsigned first_seg, unsigned end_seg)
{
	uint32_t max = piece_max(p), min = max;

	for (const struct segment *s = &p->seg[first_seg]; s < &p->seg[end_seg]; s++)
		for (uint32_t off = s->off, size; !whole_elements(s, max) && off < s->off + s->len; off += size) {
			size = piece_at(s, off, max);
			min = size < min ? size : min;
		}
	return min;
}

static const uint8_t zeros[16];

enum xfer_mode { XFER_READ, XFER_WRITE, XFER_ZERO };

/* One piece: on the device the check named, or through the callbacks. */
static int piece(struct vcpu *v, const nisv_region *device, uint64_t ipa, uint8_t *buf, uint32_t size,
                 enum xfer_mode mode, unsigned flags)
{
	if (device)
		return region_device_io(device, ipa, mode == XFER_READ ? buf : 0, mode == XFER_ZERO ? zeros : buf,
		                        size);
	if (mode == XFER_READ)
		return v->mem->read(v->mem_ctx, ipa, buf, size, flags);
	return v->mem->write(v->mem_ctx, ipa, mode == XFER_ZERO ? zeros : buf, size, flags);
}

/*
 * Whole aligned elements on one page of a device that takes any width,
 * which the check named (so it has the callbacks): one callback per
 * element, without the per-piece dispatch (docs/architecture.md: LD1
 * {v0.16b-v3.16b}).
 */
static int device_elements(const struct plan *p, uint8_t *buf, uint32_t esize, enum xfer_mode mode)
{
	const nisv_region *r = p->seg[0].device;
	uint64_t off = p->seg[0].pa - r->base;

	for (uint32_t done = 0; done < p->len; done += esize)
		if (mode == XFER_READ ? r->read(r->dev, off + done, buf + done, esize)
		                      : r->write(r->dev, off + done, mode == XFER_ZERO ? zeros : buf + done, esize))
			return -1;
	return 0;
}

static int device_fast_path(const struct plan *p, uint32_t max)
{
	const nisv_region *r = p->seg[0].device;

	return p->nseg == 1 && r && !r->widths && !p->masked && !(p->seg[0].pa & (max - 1)) && !(p->len & (max - 1));
}

/* Every piece of the access, in order; buf holds its bytes (NULL for XFER_ZERO). */
static int xfer(struct vcpu *v, const struct plan *p, uint8_t *buf, enum xfer_mode mode, unsigned flags)
{
	uint32_t max = piece_max(p);

	if (device_fast_path(p, max))
		return device_elements(p, buf, max, mode);
	for (const struct segment *s = p->seg; s < &p->seg[p->nseg]; s++) {
		int whole = whole_elements(s, max);
		for (uint32_t off = s->off, size; off < s->off + s->len; off += size) {
			size = whole ? max : piece_at(s, off, max);
			if (plan_active(p, off) &&
			    piece(v, s->device, s->pa + (off - s->off), buf ? buf + off : 0, size, mode, flags))
				return -1;
		}
	}
	return 0;
}

/* The nisv_mem_ops flags of each op's pieces (NISV_MEM_ACQUIRE/RELEASE added by flags). */
static const uint8_t op_mem_flags[NISV_OP_COUNT] = {
	[NISV_OP_LOAD_EXCL] = NISV_MEM_EXCLUSIVE, [NISV_OP_STORE_EXCL] = NISV_MEM_EXCLUSIVE,
	[NISV_OP_ATOMIC] = NISV_MEM_ATOMIC,       [NISV_OP_CAS] = NISV_MEM_ATOMIC,
	[NISV_OP_CASP] = NISV_MEM_ATOMIC,
};

unsigned perform_mem_flags(const nisv_insn *d)
{
	_Static_assert(NISV_F_ACQUIRE << 1 == NISV_MEM_ACQUIRE && NISV_F_RELEASE << 1 == NISV_MEM_RELEASE,
	               "acquire/release flags line up");
	return op_mem_flags[d->op] | (unsigned)(d->flags & (NISV_F_ACQUIRE | NISV_F_RELEASE)) << 1;
}

static nisv_status rmw(struct vcpu *v, const nisv_insn *d, struct plan *p, unsigned flags)
{
	uint8_t old[16] = { 0 }, new_val[16];
	int err;

	if (p->len > sizeof(old)) /* CASP's 16 bytes at most */
		return NISV_UNSUPPORTED;
	if (v->mem->lock)
		v->mem->lock(v->mem_ctx);
	err = xfer(v, p, old, XFER_READ, flags);
	if (!err) {
		if (p->big_endian)
			swap_elements(old, p->len, p->esize);
		if (rmw_compute(d, p, old, new_val)) {
			if (p->big_endian)
				swap_elements(new_val, p->len, p->esize);
			err = xfer(v, p, new_val, XFER_WRITE, flags);
		}
	}
	if (v->mem->unlock)
		v->mem->unlock(v->mem_ctx);
	if (err)
		return NISV_CALLBACK_ERROR;
	__builtin_memcpy(p->data, old, sizeof(old)); /* p->len bytes of it are the access's */
	return NISV_OK;
}

nisv_status perform(struct vcpu *v, const nisv_insn *d, struct plan *p)
{
	unsigned flags = perform_mem_flags(d);

	switch (p->kind) {
	case PLAN_READ:
		if (xfer(v, p, p->data, XFER_READ, flags))
			return NISV_CALLBACK_ERROR;
		if (p->big_endian)
			swap_elements(p->data, p->len, p->esize);
		return NISV_OK;
	case PLAN_WRITE:
		if (p->big_endian)
			swap_elements(p->data, p->len, p->esize);
		return xfer(v, p, p->data, XFER_WRITE, flags) ? NISV_CALLBACK_ERROR : NISV_OK;
	case PLAN_ZERO:
		return xfer(v, p, 0, XFER_ZERO, flags) ? NISV_CALLBACK_ERROR : NISV_OK;
	case PLAN_RMW:
		return rmw(v, d, p, flags);
	default:
		return NISV_OK;
	}
}
