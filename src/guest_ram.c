/*
 * Reads the walker and the fetch make from guest RAM: through the
 * integrator's mem->ram_map window when it offers one (remembered for the
 * rest of the call), else through mem->read with NISV_MEM_WALK/FETCH.
 */
#include "guest_ram.h"

/* Ask the integrator for the RAM around ipa; remember it for this call. */
static const uint8_t *ram_map(struct vcpu *v, uint64_t ipa, uint32_t len)
{
	const void *host;
	uint64_t base = 0, size = 0, off;

	host = v->mem->ram_map ? v->mem->ram_map(v->mem_ctx, ipa, &base, &size) : 0;
	if (!host)
		return 0;
	off = ipa - base;
	if (off >= size || len > size - off)
		return 0; /* an answer that does not hold ipa: not trusted */
	v->ram_host = host;
	v->ram_base = base;
	v->ram_size = size;
	/* descriptors (8-aligned IPAs) are loaded in place when the host
	 * mapping keeps them 8-aligned */
	v->ram_desc_lim = size >= 8 && !((uintptr_t)host & 7) ? size - 7 : 0;
	return v->ram_host + off;
}

/* Host address of [ipa, ipa + len) in plain guest RAM, or NULL. */
static const uint8_t *ram_at(struct vcpu *v, uint64_t ipa, uint32_t len)
{
	uint64_t off = ipa - v->ram_base;

	if (off >= v->ram_size || len > v->ram_size - off)
		return ram_map(v, ipa, len);
	return v->ram_host + off;
}

void ram_window(struct vcpu *v, uint64_t ipa)
{
	ram_map(v, ipa, 8);
}

int ram_read_desc_slow(struct vcpu *v, uint64_t ipa, int big_endian, uint64_t *desc)
{
	const uint8_t *host = ram_at(v, ipa, 8);
	uint64_t raw;

	if (host && !((uintptr_t)host & 7))
		raw = ram_load64(host);
	else if (host)
		__builtin_memcpy(&raw, host, 8);
	else if (v->mem->read(v->mem_ctx, ipa, &raw, 8, NISV_MEM_WALK))
		return -1;
	*desc = desc_swap(raw, big_endian);
	return 0;
}

int ram_fetch(struct vcpu *v, uint64_t ipa, uint32_t *word)
{
	const uint8_t *host = ram_at(v, ipa, 4);
	uint8_t b[4];

	if (host)
		__builtin_memcpy(b, host, 4);
	else if (v->mem->read(v->mem_ctx, ipa, b, 4, NISV_MEM_FETCH))
		return -1;
	*word = (uint32_t)le_load(b, 4); /* A64 instructions are little-endian */
	return 0;
}
