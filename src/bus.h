/*
 * Regions of a nisv_bus (bus.c), also used directly by perform.c when the
 * bus is v->mem: an access is checked against the region of its first byte
 * once, and each piece the check passed is performed there.
 * Bounds are end-exclusive and overflow-safe: an access [ipa, ipa + len) is
 * inside a region iff ipa - base < size and len <= size - (ipa - base).
 */
#ifndef NISV_BUS_H
#define NISV_BUS_H

#include "internal.h"

/* [ipa, ipa + len) inside r (off < size also rules out ipa < base). */
NISV_ALWAYS_INLINE int holds(const nisv_region *r, uint64_t ipa, uint32_t len)
{
	uint64_t off = ipa - r->base;

	return off < r->size && len <= r->size - off;
}

NISV_ALWAYS_INLINE const nisv_region *find(const nisv_bus *b, uint64_t ipa, uint32_t len)
{
	for (unsigned i = 0; i < b->count; i++)
		if (holds(&b->regions[i], ipa, len))
			return &b->regions[i];
	return 0;
}

/* Largest allowed power-of-two width <= len at which ipa is aligned. */
static inline uint32_t device_width(const nisv_region *r, uint64_t ipa, uint32_t len)
{
	for (uint32_t w = len ? 1u << (31 - __builtin_clz(len)) : 0; w; w >>= 1)
		if ((!r->widths || (r->widths >> __builtin_ctz(w) & 1)) && !(ipa & (w - 1)))
			return w;
	return 0;
}

/* [ipa, ipa + len) and r share a byte. */
NISV_ALWAYS_INLINE int overlaps(const nisv_region *r, uint64_t ipa, uint32_t len)
{
	return ipa - r->base < r->size || r->base - ipa < len;
}

/* Every piece of the segments is in r, and r is the first region that
 * holds it: r holds each segment and no region before r touches one. */
NISV_ALWAYS_INLINE int bus_holds_all(const nisv_bus *b, const nisv_region *r, const struct segment *seg,
                                     unsigned nseg)
{
	for (unsigned s = 0; s < nseg; s++) {
		if (!holds(r, seg[s].pa, seg[s].len))
			return 0;
		for (const nisv_region *q = b->regions; q < r; q++)
			if (overlaps(q, seg[s].pa, seg[s].len))
				return 0;
	}
	return 1;
}

/* The region an access belongs to: the first one that holds its first byte
 * (holds(r, ipa, 1) without its second test, which the first implies). */
static inline const nisv_region *bus_region_of(const nisv_bus *b, uint64_t ipa)
{
	for (unsigned i = 0; i < b->count; i++)
		if (ipa - b->regions[i].base < b->regions[i].size)
			return &b->regions[i];
	return 0;
}

/* The RAM region holding ipa: its host address, base and size; or NULL. */
NISV_ALWAYS_INLINE const void *bus_ram_at(const nisv_bus *b, uint64_t ipa, uint64_t *base, uint64_t *size)
{
	const nisv_region *r = bus_region_of(b, ipa);

	if (!r || !r->ram)
		return 0;
	*base = r->base;
	*size = r->size;
	return r->ram;
}

/* mem_ops.check of one piece of an access to the region `access` (at_access:
 * the piece starts at the access's first byte). */
NISV_ALWAYS_INLINE int bus_check_piece(const nisv_bus *b, const nisv_region *access, uint64_t ipa, uint32_t len,
                                       unsigned flags, int at_access)
{
	/* a piece at the access's first byte is in the first region that holds
	 * it exactly when the access's region holds it */
	const nisv_region *r = at_access ? (access && holds(access, ipa, len) ? access : 0) : find(b, ipa, len);

	if (!r || r != access) /* a hole, or a second region */
		return NISV_FAULT_EXTERNAL;
	if (r->ram)
		return 0;
	if ((flags & NISV_MEM_EXCLUSIVE) && !(r->policy & NISV_DEV_EXCLUSIVE))
		return NISV_FAULT_UNSUPPORTED_EXCL;
	if ((flags & NISV_MEM_ATOMIC) && !(r->policy & NISV_DEV_ATOMIC))
		return NISV_FAULT_UNSUPPORTED_EXCL;
	if (!(flags & NISV_MEM_WRITE) ? !r->read : !r->write)
		return NISV_FAULT_EXTERNAL;
	return !r->widths || device_width(r, ipa, len) ? 0 : NISV_FAULT_EXTERNAL;
}

/* Read (rbuf) or write (wbuf) one piece that a check put in region r. */
NISV_ALWAYS_INLINE int bus_io(const nisv_bus *b, const nisv_region *r, uint64_t ipa, uint8_t *rbuf,
                              const uint8_t *wbuf, uint32_t len, unsigned flags)
{
	uint64_t off;

	/* page tables and code live in RAM: a walk or fetch into a device aborts */
	if (!r || (!r->ram && (flags & (NISV_MEM_WALK | NISV_MEM_FETCH))))
		return -1;
	off = ipa - r->base;
	if (r->ram) {
		if (b->ram_warning && !(flags & (NISV_MEM_WALK | NISV_MEM_FETCH)))
			b->ram_warning(b->warning_ctx, ipa, len);
		if (rbuf)
			__builtin_memcpy(rbuf, (uint8_t *)r->ram + off, len);
		else if (wbuf)
			__builtin_memcpy((uint8_t *)r->ram + off, wbuf, len);
		return 0;
	}
	if (!r->widths && len && !(len & (len - 1)) && !(ipa & (len - 1))) /* naturally aligned: one call */
		return (rbuf ? (r->read ? r->read(r->dev, off, rbuf, len) : -1)
		             : (r->write ? r->write(r->dev, off, wbuf, len) : -1)) ? -1 : 0;
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

/* Aligned elements of esize bytes (len a multiple), every one of which a
 * check put in device region r, which takes any width: one callback each,
 * as bus_io would make them. */
__attribute__((noinline)) static int bus_device_elements(const nisv_region *r, uint64_t ipa, uint8_t *rbuf,
                                                         const uint8_t *wbuf, uint32_t len, uint32_t esize)
{
	uint64_t off = ipa - r->base;

	if (rbuf ? !r->read : !r->write)
		return -1;
	for (uint32_t done = 0; done < len; done += esize)
		if (rbuf ? r->read(r->dev, off + done, rbuf + done, esize)
		         : r->write(r->dev, off + done, wbuf + done, esize))
			return -1;
	return 0;
}

#endif
