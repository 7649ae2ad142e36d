/* The optional guest-physical bus: a nisv_mem_ops over caller-owned regions (bus.h). */
#include "bus.h"

static int bus_check(void *ctx, uint64_t ipa, uint32_t len, unsigned flags, uint64_t access_ipa)
{
	return bus_check_piece(ctx, bus_region_of(ctx, access_ipa), ipa, len, flags, 0);
}

static int bus_read(void *ctx, uint64_t ipa, void *buf, uint32_t len, unsigned flags)
{
	return bus_io(ctx, find(ctx, ipa, len), ipa, buf, 0, len, flags);
}

static int bus_write(void *ctx, uint64_t ipa, const void *buf, uint32_t len, unsigned flags)
{
	return bus_io(ctx, find(ctx, ipa, len), ipa, 0, buf, len, flags);
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
	return bus_ram_at(ctx, ipa, base, size);
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
