/*
 * The C side of the Rust/C cross-check (tests/cross_check.rs): nisv_emulate
 * with C callbacks over a seeded world, logging every callback. The Rust
 * side mirrors struct xc_world and struct xc_event (src/world.rs) and runs
 * the same instruction through the safe API with Rust implementations.
 */
#ifndef NISV_XC_HARNESS_H
#define NISV_XC_HARNESS_H

#include <stdint.h>
#include <nisv.h>

#define XC_RAM_BASE 0x40000000ull
#define XC_RAM_SIZE 0x20000u
#define XC_TABLES 0x40018000ull /* page tables: the top 32 KiB of RAM */
#define XC_DEV_BASE 0x09000000ull
#define XC_DEV_SIZE 0x1000u
#define XC_VBYTES 64 /* Z registers and ZA rows: vector lengths up to 512 bits */
#define XC_MAX_EVENTS 512

/* Everything one instruction sees; the callbacks change it in place. */
struct xc_world {
	uint64_t reg[NISV_REG_SLOTS];
	uint8_t z[32][XC_VBYTES]; /* V[n] is z[n][0..16) */
	uint8_t p[16][XC_VBYTES / 8];
	uint8_t ffr[XC_VBYTES / 8];
	uint8_t za[XC_VBYTES][XC_VBYTES];
	uint8_t zt0[64];
	uint8_t ram[XC_RAM_SIZE];
	uint32_t features, sve_vqs, sme_vqs, inject;
	uint32_t dev_widths, dev_policy; /* nisv_region.widths, NISV_DEV_* */
	uint64_t dev_seed;               /* what device reads return      */
};

enum xc_kind { XC_GET = 1, XC_SET, XC_VGET, XC_VSET, XC_READ, XC_WRITE, XC_CHECK, XC_LOCK, XC_UNLOCK };

/* One callback: kind, then (reg | file << 8 | n << 16, or flags), (offset or
 * ipa), len, and the value or an FNV-1a hash of the bytes moved. */
struct xc_event {
	uint32_t kind, a;
	uint64_t b, c, value;
};

struct xc_run {
	struct xc_event ev[XC_MAX_EVENTS];
	uint32_t nev, status;
	nisv_result res;
};

/* Build identity stage-1 tables (4K granule, 39-bit VA) in w->ram and turn
 * the MMU on; `bits` picks descriptor attributes. */
void xc_map_tables(struct xc_world *w, uint64_t bits);
/* Emulate `word` at w's PC. */
void xc_run(struct xc_world *w, uint32_t word, struct xc_run *out);
uint64_t xc_sizeof(int run);

#endif
