/*
 * The protected device and the bus nisv performs the host's accesses on.
 *
 * The device is a 4 KiB register block that exists only here (el2.h has
 * its registers). nisv hands its callbacks one naturally aligned piece of
 * 1-16 bytes at a time, already checked: inside the block, and an
 * exclusive never reaches it (the region has no NISV_DEV_EXCLUSIVE).
 * LSE atomics and CAS are a read and a write under the bus lock, a
 * spinlock shared by every CPU's EL2.
 */
#include "hyp.h"

static uint8_t regs[PDEV_SIZE] __attribute__((aligned(16)));
static uint64_t ticket;
static volatile uint32_t bus_lock_word;

/* the piece [off, off + len) shares a byte with the register at reg */
static int overlaps(uint64_t off, uint32_t len, uint64_t reg)
{
	return off < reg + 8 && reg < off + len;
}

/* the piece's bytes that belong to the register at reg are v's */
static void put_bytes(uint8_t *buf, uint64_t off, uint32_t len, uint64_t reg, uint64_t v)
{
	for (uint32_t i = 0; i < len; i++)
		if (off + i >= reg && off + i < reg + 8)
			buf[i] = (uint8_t)(v >> 8 * (off + i - reg));
}

static int pdev_read(void *dev, uint64_t off, void *buf, uint32_t len)
{
	(void)dev;
	memcpy(buf, regs + off, len);
	put_bytes(buf, off, len, PDEV_ID, PDEV_ID_VALUE);
	if (overlaps(off, len, PDEV_TICKET)) /* a side effect: once per access */
		put_bytes(buf, off, len, PDEV_TICKET, __atomic_fetch_add(&ticket, 1, __ATOMIC_RELAXED));
	return 0;
}

static int pdev_write(void *dev, uint64_t off, const void *buf, uint32_t len)
{
	const uint8_t *b = buf;

	(void)dev;
	for (uint32_t i = 0; i < len; i++)
		if (!overlaps(off + i, 1, PDEV_ID) && !overlaps(off + i, 1, PDEV_TICKET))
			regs[off + i] = b[i];
	return 0;
}

static void bus_lock(void *ctx)
{
	(void)ctx;
	while (__atomic_exchange_n(&bus_lock_word, 1, __ATOMIC_ACQUIRE))
		while (bus_lock_word)
			__asm__ volatile("yield");
}

static void bus_unlock(void *ctx)
{
	(void)ctx;
	__atomic_store_n(&bus_lock_word, 0, __ATOMIC_RELEASE);
}

/* The host's guest-physical space as nisv sees it: its RAM (for stage-1
 * walks and instruction fetches, through the hypervisor's identity map;
 * the hypervisor's own 2 MiB are not in it) and the device. hyp_main.c
 * maps the RAM regions in stage 2 from this same list. */
static const nisv_region regions[] = {
	{ .base = RAM_BASE, .size = HYP_BASE - RAM_BASE, .ram = (void *)RAM_BASE },
	{ .base = HYP_BASE + HYP_SIZE,
	  .size = RAM_BASE + RAM_SIZE - (HYP_BASE + HYP_SIZE),
	  .ram = (void *)(HYP_BASE + HYP_SIZE) },
	{ .base = PDEV_BASE, .size = PDEV_SIZE, .read = pdev_read, .write = pdev_write, .policy = NISV_DEV_ATOMIC },
};

nisv_bus hyp_bus = {
	.regions = regions,
	.count = sizeof(regions) / sizeof(regions[0]),
	.lock = bus_lock,
	.unlock = bus_unlock,
};
