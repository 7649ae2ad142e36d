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

/* Every piece is one whole element: one page, aligned to the element. */
static int whole_elements(const struct plan *p, uint32_t max)
{
	return p->nseg == 1 && !(p->seg[0].pa & (max - 1)) && !(p->len & (max - 1));
}

/* The pieces of the access in address order: the next one after *off
 * (0 at the start), with its IPA and size; 0 when none is left. */
struct pieces {
	const struct plan *p;
	const struct segment *seg;
	uint32_t max, off;
};

static int next_piece(struct pieces *it, uint64_t *ipa, uint32_t *size)
{
	const struct plan *p = it->p;
	uint32_t off = it->off, elem_left = it->max - (off & (it->max - 1)), left = p->len - off;

	if (off >= p->len)
		return 0;
	if (it->seg != &p->seg[p->nseg - 1] && off >= it->seg[1].off)
		it->seg++;
	*ipa = it->seg->pa + (off - it->seg->off);
	*size = piece_size(*ipa, elem_left < left ? elem_left : left);
	it->off += *size;
	return 1;
}

uint32_t perform_piece_min(const struct plan *p)
{
	uint32_t max = piece_max(p), min = max, size;
	struct pieces it = { p, p->seg, max, 0 };
	uint64_t ipa;

	if (whole_elements(p, max))
		return max;
	while (next_piece(&it, &ipa, &size))
		min = size < min ? size : min;
	return min;
}

static const uint8_t zeros[16];

enum xfer_mode { XFER_READ, XFER_WRITE, XFER_ZERO };

/* One piece: on the device the check named, or through the callbacks. */
static int piece(struct vcpu *v, const struct plan *p, uint64_t ipa, uint8_t *buf, uint32_t size,
                 enum xfer_mode mode, unsigned flags)
{
	if (p->device)
		return region_device_io(p->device, ipa, mode == XFER_READ ? buf : 0, mode == XFER_ZERO ? zeros : buf,
		                        size);
	if (mode == XFER_READ)
		return v->mem->read(v->mem_ctx, ipa, buf, size, flags);
	return v->mem->write(v->mem_ctx, ipa, mode == XFER_ZERO ? zeros : buf, size, flags);
}

/*
 * Whole aligned elements on a device that takes any width, which the check
 * named (so it has the callbacks): one callback per element, without the
 * per-piece dispatch (docs/architecture.md: LD1 {v0.16b-v3.16b}).
 */
static int device_elements(const nisv_region *r, uint64_t pa, uint8_t *buf, uint32_t len, uint32_t esize,
                           enum xfer_mode mode)
{
	uint64_t off = pa - r->base;

	for (uint32_t done = 0; done < len; done += esize)
		if (mode == XFER_READ ? r->read(r->dev, off + done, buf + done, esize)
		                      : r->write(r->dev, off + done, mode == XFER_ZERO ? zeros : buf + done, esize))
			return -1;
	return 0;
}

/* Every piece of the access, in address order; buf holds its bytes
 * (NULL for XFER_ZERO). */
static int xfer(struct vcpu *v, const struct plan *p, uint8_t *buf, enum xfer_mode mode, unsigned flags)
{
	uint32_t max = piece_max(p), size;
	struct pieces it = { p, p->seg, max, 0 };
	uint64_t ipa;

	if (whole_elements(p, max)) {
		if (p->device && !p->device->widths && !p->masked)
			return device_elements(p->device, p->seg[0].pa, buf, p->len, max, mode);
		for (uint32_t off = 0; off < p->len; off += max)
			if (plan_active(p, off) &&
			    piece(v, p, p->seg[0].pa + off, buf ? buf + off : 0, max, mode, flags))
				return -1;
		return 0;
	}
	for (uint32_t off = 0; next_piece(&it, &ipa, &size); off += size)
		if (plan_active(p, off) && piece(v, p, ipa, buf ? buf + off : 0, size, mode, flags))
			return -1;
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
