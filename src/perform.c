/*
 * Perform a planned access on guest-physical memory through the integrator's
 * callbacks: split into naturally aligned pieces that never cross an element
 * (so each element keeps its single-copy atomicity where the architecture
 * gives one), convert big-endian data, and run read-modify-writes under the
 * integrator's lock.
 */
#include "internal.h"
#include "bus.h"

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

static const uint8_t zeros[16];

enum xfer_mode { XFER_READ, XFER_WRITE, XFER_ZERO, XFER_CHECK };

/* The largest piece of an access of esize-byte elements. */
static uint32_t piece_max(unsigned esize)
{
	return esize > 16 ? 16 : esize;
}

/* The NISV_MEM_* flags of each piece (a check says whether it will be written). */
static unsigned piece_flags(const struct plan *p, enum xfer_mode mode)
{
	return p->mem_flags | (mode == XFER_CHECK && p->kind != PLAN_READ ? NISV_MEM_WRITE : 0);
}

/* One piece: through the integrator's callbacks, or on the checked bus region. */
NISV_ALWAYS_INLINE int piece(nisv_vcpu *v, const nisv_bus *bus, const struct plan *p, uint64_t ipa, uint8_t *buf,
                             uint32_t sz, enum xfer_mode mode, unsigned flags)
{
	if (bus && mode == XFER_CHECK)
		return bus_check_piece(bus, p->region, ipa, sz, flags, ipa == p->seg[0].pa);
	if (bus)
		return bus_io(bus, p->region, ipa, mode == XFER_READ ? buf : 0, mode == XFER_WRITE ? buf : zeros, sz,
		              flags);
	switch (mode) {
	case XFER_READ:
		return v->mem->read(v->mem_ctx, ipa, buf, sz, flags);
	case XFER_WRITE:
		return v->mem->write(v->mem_ctx, ipa, buf, sz, flags);
	case XFER_ZERO:
		return v->mem->write(v->mem_ctx, ipa, zeros, sz, flags);
	default:
		return v->mem->check(v->mem_ctx, ipa, sz, flags, p->seg[0].pa);
	}
}

/*
 * Walk the access in pieces: naturally aligned, at most one element (and at
 * most 16 bytes), in address order. Such a piece never crosses a page, so it
 * lies in one segment. XFER_CHECK asks mem->check about each piece instead
 * and returns the nisv_fault_kind it reports. A nisv_bus is called
 * directly: the check finds the access's region once, and every piece it
 * passed is performed there.
 */
NISV_ALWAYS_INLINE int xfer(nisv_vcpu *v, struct plan *p, uint8_t *buf, unsigned esize, enum xfer_mode mode)
{
	const nisv_bus *bus = p->region ? v->mem_ctx : 0; /* checked on the bus */
	unsigned flags = piece_flags(p, mode);

	if (p->one_piece)
		return piece(v, bus, p, p->seg[0].pa, buf, p->len, mode, flags);
	uint32_t max = piece_max(esize), len = p->len;
	const struct segment *s = &p->seg[0], *last = &p->seg[p->nseg ? p->nseg - 1 : 0];
	if (p->nseg == 1 && !(s->pa & (max - 1)) && !(len & (max - 1))) {
		/* aligned elements in one page: every piece is one element */
		if (bus && (mode == XFER_READ || mode == XFER_WRITE) && !p->region->ram && !p->region->widths)
			return bus_device_elements(p->region, s->pa, mode == XFER_READ ? buf : 0, buf, len, max);
		for (uint32_t off = 0; off < len; off += max) {
			int err = piece(v, bus, p, s->pa + off, buf ? buf + off : 0, max, mode, flags);
			if (err)
				return err;
		}
		return 0;
	}
	for (uint32_t off = 0; off < len;) {
		uint32_t elem_left = max - (off & (max - 1)), left = len - off;
		if (s != last && off >= s[1].off)
			s++;
		uint64_t ipa = s->pa + (off - s->off);
		uint32_t sz = piece_size(ipa, elem_left < left ? elem_left : left);
		int err = piece(v, bus, p, ipa, buf ? buf + off : 0, sz, mode, flags);

		if (err)
			return err;
		off += sz;
	}
	return 0;
}

/* The nisv_mem_ops flags of each op's pieces (NISV_MEM_ACQUIRE/RELEASE added by flags). */
static const uint8_t op_mem_flags[NISV_OP_COUNT] = {
	[NISV_OP_LOAD_EXCL] = NISV_MEM_EXCLUSIVE, [NISV_OP_STORE_EXCL] = NISV_MEM_EXCLUSIVE,
	[NISV_OP_ATOMIC] = NISV_MEM_ATOMIC,       [NISV_OP_CAS] = NISV_MEM_ATOMIC,
	[NISV_OP_CASP] = NISV_MEM_ATOMIC,
};

static unsigned mem_flags(const nisv_insn *d)
{
	_Static_assert(NISV_F_ACQUIRE << 1 == NISV_MEM_ACQUIRE && NISV_F_RELEASE << 1 == NISV_MEM_RELEASE,
	               "acquire/release flags line up");
	return op_mem_flags[d->op] | (unsigned)(d->flags & (NISV_F_ACQUIRE | NISV_F_RELEASE)) << 1;
}

static nisv_status rmw(nisv_vcpu *v, const nisv_insn *d, struct plan *p)
{
	uint8_t old[16] = { 0 }, new_val[16];
	int err;

	if (p->len > sizeof(old)) /* CASP's 16 bytes at most */
		return NISV_UNSUPPORTED;
	if (v->mem->lock)
		v->mem->lock(v->mem_ctx);
	err = xfer(v, p, old, p->esize, XFER_READ);
	if (!err) {
		if (p->big_endian)
			swap_elements(old, p->len, p->esize);
		if (rmw_compute(d, p, old, new_val)) {
			if (p->big_endian)
				swap_elements(new_val, p->len, p->esize);
			err = xfer(v, p, new_val, p->esize, XFER_WRITE);
		}
	}
	if (v->mem->unlock)
		v->mem->unlock(v->mem_ctx);
	if (err)
		return NISV_CALLBACK_ERROR;
	__builtin_memcpy(p->data, old, sizeof(old)); /* p->len bytes of it are the access's */
	return NISV_OK;
}

/* Piece element size: DC ZVA zeroes in 16-byte pieces. */
static unsigned piece_esize(const struct plan *p)
{
	return p->kind == PLAN_ZERO ? 16 : p->esize;
}

NISV_ALWAYS_INLINE int perform_check(nisv_vcpu *v, const nisv_insn *d, struct plan *p)
{
	uint32_t max = piece_max(piece_esize(p)), len = p->len;
	int fault;

	p->mem_flags = (uint8_t)mem_flags(d);
	/* 1 <= len <= max, a power of two, and pa a multiple of it */
	p->one_piece = p->nseg == 1 && len - 1u < max && !((len | p->seg[0].pa) & (len - 1u));
	p->region = 0;
	if (!v->mem->check || p->kind == PLAN_NONE)
		return 0;
	if (v->mem == &nisv_bus_mem_ops) {
		const nisv_bus *b = v->mem_ctx;
		const nisv_region *r = p->region = bus_region_of(b, p->seg[0].pa);
		/* every piece in r, which takes any width: each piece is checked
		 * as the first one is, so the first one decides */
		if (!p->one_piece && r && !r->widths && bus_holds_all(b, r, p->seg, p->nseg))
			return bus_check_piece(b, r, p->seg[0].pa, piece_size(p->seg[0].pa, len < max ? len : max),
			                       piece_flags(p, XFER_CHECK), 1);
	}
	fault = xfer(v, p, 0, piece_esize(p), XFER_CHECK);
	return fault < 0 ? NISV_FAULT_EXTERNAL : fault;
}

NISV_ALWAYS_INLINE nisv_status perform(nisv_vcpu *v, const nisv_insn *d, struct plan *p)
{
	switch (p->kind) {
	case PLAN_READ:
		if (xfer(v, p, p->data, p->esize, XFER_READ))
			return NISV_CALLBACK_ERROR;
		if (p->big_endian)
			swap_elements(p->data, p->len, p->esize);
		return NISV_OK;
	case PLAN_WRITE:
		if (p->big_endian)
			swap_elements(p->data, p->len, p->esize);
		return xfer(v, p, p->data, p->esize, XFER_WRITE) ? NISV_CALLBACK_ERROR : NISV_OK;
	case PLAN_ZERO:
		return xfer(v, p, 0, 16, XFER_ZERO) ? NISV_CALLBACK_ERROR : NISV_OK;
	case PLAN_RMW:
		return rmw(v, d, p);
	default:
		return NISV_OK;
	}
}
