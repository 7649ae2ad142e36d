/*
 * The optional guest-physical bus: a nisv_mem_ops over caller-owned regions,
 * used by the core like any integrator's callbacks.
 * Bounds are end-exclusive and overflow-safe: [ipa, ipa + len) is inside a
 * region iff ipa - base < size and len <= size - (ipa - base).
 */
#include "region.h"

static int holds(const nisv_region *r, uint64_t ipa, uint32_t len)
{
	uint64_t off = ipa - r->base;

	return off < r->size && len <= r->size - off;
}

/* The first region that holds [ipa, ipa + len), or NULL. */
static const nisv_region *find(const nisv_bus *b, uint64_t ipa, uint32_t len)
{
	for (unsigned i = 0; i < b->count; i++)
		if (holds(&b->regions[i], ipa, len))
			return &b->regions[i];
	return 0;
}

/* [ipa, ipa + len) and r share a byte. */
static int overlaps(const nisv_region *r, uint64_t ipa, uint32_t len)
{
	return ipa - r->base < r->size || r->base - ipa < len;
}

/*
 * An access belongs to the first region that holds its first byte and must
 * lie in it whole, touching no earlier region (where regions overlap, each
 * byte is the first one's). A device needs the policy bit for exclusives and atomics, the
 * callbacks the access uses, and a width no wider than each piece (a piece
 * is naturally aligned, so any allowed width up to its size splits it).
 */
static int bus_check(void *ctx, nisv_access *a)
{
	const nisv_bus *b = ctx;
	const nisv_region *r = find(b, a->ipa, 1);
	int writes = (a->flags & NISV_MEM_WRITE) != 0;
	int reads = !writes || (a->flags & NISV_MEM_ATOMIC); /* atomics read and write */

	if (!r)
		return NISV_FAULT_EXTERNAL;
	for (unsigned i = 0; i < a->npages && i < 2; i++) {
		if (!holds(r, a->page[i].ipa, a->page[i].len))
			return NISV_FAULT_EXTERNAL;
		for (const nisv_region *q = b->regions; q < r; q++)
			if (overlaps(q, a->page[i].ipa, a->page[i].len))
				return NISV_FAULT_EXTERNAL;
	}
	if (r->ram)
		return 0;
	if ((a->flags & NISV_MEM_EXCLUSIVE) && !(r->policy & NISV_DEV_EXCLUSIVE))
		return NISV_FAULT_UNSUPPORTED_EXCL;
	if ((a->flags & NISV_MEM_ATOMIC) && !(r->policy & NISV_DEV_ATOMIC))
		return NISV_FAULT_UNSUPPORTED_EXCL;
	if ((reads && !r->read) || (writes && !r->write))
		return NISV_FAULT_EXTERNAL;
	if (r->widths && !(r->widths & ((a->piece_min << 1) - 1)))
		return NISV_FAULT_EXTERNAL;
	a->device = r; /* every piece goes straight to r's callbacks */
	return 0;
}

/* One piece: RAM is copied; a device gets it in allowed widths. */
static int bus_io(const nisv_bus *b, uint64_t ipa, uint8_t *rbuf, const uint8_t *wbuf, uint32_t len,
                  unsigned flags)
{
	const nisv_region *r = find(b, ipa, len);

	/* page tables and code live in RAM: a walk or fetch into a device aborts */
	if (!r || (!r->ram && (flags & (NISV_MEM_WALK | NISV_MEM_FETCH))))
		return -1;
	if (r->ram) {
		uint64_t off = ipa - r->base;

		if (b->ram_warning && !(flags & (NISV_MEM_WALK | NISV_MEM_FETCH)))
			b->ram_warning(b->warning_ctx, ipa, len);
		if (rbuf)
			__builtin_memcpy(rbuf, (uint8_t *)r->ram + off, len);
		else if (wbuf) /* always, for a write: says so to gcc -O3's -Wnonnull */
			__builtin_memcpy((uint8_t *)r->ram + off, wbuf, len);
		return 0;
	}
	return region_device_io(r, ipa, rbuf, wbuf, len);
}

static int bus_read(void *ctx, uint64_t ipa, void *buf, uint32_t len, unsigned flags)
{
	return bus_io(ctx, ipa, buf, 0, len, flags);
}

static int bus_write(void *ctx, uint64_t ipa, const void *buf, uint32_t len, unsigned flags)
{
	return bus_io(ctx, ipa, 0, buf, len, flags);
}

static void bus_lock(void *ctx)
{
	const nisv_bus *b = ctx;

	if (b->lock)
		b->lock(b->lock_ctx);
}

static void bus_unlock(void *ctx)
{
	const nisv_bus *b = ctx;

	if (b->unlock)
		b->unlock(b->lock_ctx);
}

/* Hardware AF/dirty updates of descriptors in RAM: a real atomic on the host. */
static int bus_cas64(void *ctx, uint64_t ipa, uint64_t *expected, uint64_t desired)
{
	const nisv_region *r = find(ctx, ipa, 8);

	if (!r || !r->ram || (ipa & 7))
		return -1;
	uint64_t *p = (uint64_t *)(void *)((uint8_t *)r->ram + (ipa - r->base));
	return __atomic_compare_exchange_n(p, expected, desired, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST) ? 0 : 1;
}

static const void *bus_ram_map(void *ctx, uint64_t ipa, uint64_t *base, uint64_t *size)
{
	const nisv_region *r = find(ctx, ipa, 1);

	if (!r || !r->ram)
		return 0;
	*base = r->base;
	*size = r->size;
	return r->ram;
}

NISV_API const nisv_mem_ops nisv_bus_mem_ops = {
	.read = bus_read,
	.write = bus_write,
	.lock = bus_lock,
	.unlock = bus_unlock,
	.cas64 = bus_cas64,
	.check = bus_check,
	.ram_map = bus_ram_map,
};
