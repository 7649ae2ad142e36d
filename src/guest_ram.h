/* Reads of the walker and the fetch from guest RAM (guest_ram.c). */
#ifndef NISV_GUEST_RAM_H
#define NISV_GUEST_RAM_H

#include "vcpu.h"
#include "bits.h"

/* A descriptor read is 64-bit single-copy atomic (Arm ARM D8.2.2). */
static inline uint64_t ram_load64(const uint8_t *aligned_host)
{
	return __atomic_load_n((const uint64_t *)(const void *)aligned_host, __ATOMIC_RELAXED);
}

/* A descriptor's 8 bytes as the host loads them <-> its value (tables are
 * big-endian with SCTLR_EL1.EE): the same swap either way. */
static inline uint64_t desc_swap(uint64_t x, int big_endian)
{
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	big_endian = !big_endian;
#endif
	return big_endian ? __builtin_bswap64(x) : x;
}

/* Make the RAM around ipa the call's window, when the integrator maps it. */
void ram_window(struct vcpu *v, uint64_t ipa);
int ram_read_desc_slow(struct vcpu *v, uint64_t ipa, int big_endian, uint64_t *desc);
int ram_fetch(struct vcpu *v, uint64_t ipa, uint32_t *word);

/* The call's RAM window holds the descriptor at ipa (8-aligned): load its
 * bytes into *raw as the host loads them (desc_swap makes the value). */
static inline int ram_window_desc(const struct vcpu *v, uint64_t ipa, uint64_t *raw)
{
	uint64_t off = ipa - v->ram_base;

	if (__builtin_expect(off >= v->ram_desc_lim, 0))
		return 0;
	*raw = ram_load64(v->ram_host + off);
	return 1;
}

/* Read the translation table descriptor at ipa (8-aligned): the
 * remembered RAM range, or the slow way. */
static inline int ram_read_desc(struct vcpu *v, uint64_t ipa, int big_endian, uint64_t *desc)
{
	uint64_t raw;

	if (!ram_window_desc(v, ipa, &raw))
		return ram_read_desc_slow(v, ipa, big_endian, desc);
	*desc = desc_swap(raw, big_endian);
	return 0;
}

#endif
