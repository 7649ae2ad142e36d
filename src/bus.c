/*
 * The optional guest-physical bus: a nisv_mem_ops over caller-owned regions.
 * Bounds are end-exclusive and overflow-safe: an access [ipa, ipa + len) is
 * inside a region iff ipa - base < size and len <= size - (ipa - base).
 */
#include "nisv.h"

/* [ipa, ipa + len) inside r (off < size also rules out ipa < base). */
static int holds(const nisv_region *r, uint64_t ipa, uint32_t len)
{
	uint64_t off = ipa - r->base;

	return off < r->size && len <= r->size - off;
}

static const nisv_region *find(const nisv_bus *b, uint64_t ipa, uint32_t len)
{
	for (unsigned i = 0; i < b->count; i++)
		if (holds(&b->regions[i], ipa, len))
			return &b->regions[i];
	return 0;
}

/* Largest allowed power-of-two width <= len at which ipa is aligned. */
static uint32_t device_width(const nisv_region *r, uint64_t ipa, uint32_t len)
{
	for (uint32_t w = len ? 1u << (31 - __builtin_clz(len)) : 0; w; w >>= 1)
		if ((!r->widths || (r->widths >> __builtin_ctz(w) & 1)) && !(ipa & (w - 1)))
			return w;
	return 0;
}

static int bus_check(void *ctx, uint64_t ipa, uint32_t len, unsigned flags, uint64_t access_ipa)
{
	const nisv_bus *b = ctx;
	const nisv_region *r = find(b, ipa, len);

	if (!r || find(b, access_ipa, 1) != r) /* a hole, or a second region */
		return NISV_FAULT_EXTERNAL;
	if (r->ram)
		return 0;
	if ((flags & NISV_MEM_EXCLUSIVE) && !(r->policy & NISV_DEV_EXCLUSIVE))
		return NISV_FAULT_UNSUPPORTED_EXCL;
	if ((flags & NISV_MEM_ATOMIC) && !(r->policy & NISV_DEV_ATOMIC))
		return NISV_FAULT_UNSUPPORTED_EXCL;
	if (!(flags & NISV_MEM_WRITE) ? !r->read : !r->write)
		return NISV_FAULT_EXTERNAL;
	return device_width(r, ipa, len) ? 0 : NISV_FAULT_EXTERNAL;
}

static int bus_access(void *ctx, uint64_t ipa, uint8_t *rbuf, const uint8_t *wbuf, uint32_t len,
                      unsigned flags)
{
	const nisv_region *r = find(ctx, ipa, len);
	uint64_t off;

	/* page tables and code live in RAM: a walk or fetch into a device aborts */
	if (!r || (!r->ram && (flags & (NISV_MEM_WALK | NISV_MEM_FETCH))))
		return -1;
	off = ipa - r->base;
	if (r->ram) {
		const nisv_bus *b = ctx;
		if (b->ram_warning && !(flags & (NISV_MEM_WALK | NISV_MEM_FETCH)))
			b->ram_warning(b->warning_ctx, ipa, len);
		if (rbuf)
			__builtin_memcpy(rbuf, (uint8_t *)r->ram + off, len);
		else
			__builtin_memcpy((uint8_t *)r->ram + off, wbuf, len);
		return 0;
	}
	for (uint32_t done = 0; done < len;) {
		uint32_t w = device_width(r, ipa + done, len - done);
		int err;
		if (!w)
			return -1;
		err = rbuf ? (r->read ? r->read(r->dev, off + done, rbuf + done, w) : -1)
		           : (r->write ? r->write(r->dev, off + done, wbuf + done, w) : -1);
		if (err)
			return -1;
		done += w;
	}
	return 0;
}

static int bus_read(void *ctx, uint64_t ipa, void *buf, uint32_t len, unsigned flags)
{
	return bus_access(ctx, ipa, buf, 0, len, flags);
}

static int bus_write(void *ctx, uint64_t ipa, const void *buf, uint32_t len, unsigned flags)
{
	return bus_access(ctx, ipa, 0, buf, len, flags);
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

const nisv_mem_ops nisv_bus_mem_ops = {
	.read = bus_read,
	.write = bus_write,
	.lock = bus_lock,
	.unlock = bus_unlock,
	.cas64 = bus_cas64,
	.check = bus_check,
	.ram_map = bus_ram_map,
};
