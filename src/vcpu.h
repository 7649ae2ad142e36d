/*
 * The inside of a nisv_vcpu: the integrator's callbacks and settings, the
 * register cache and RAM window of the current call, and what is kept
 * across calls (walk parameters, remembered walks, the exclusive monitor).
 * Every stage takes a struct vcpu; only the API entry points see a
 * nisv_vcpu.
 */
#ifndef NISV_VCPU_H
#define NISV_VCPU_H

#include "nisv.h"
#include "walk.h"

/*
 * On the entry points of the trap path: inline every stage into one
 * function (with the unity build, meson_options.txt core_unity, the stages
 * of every file). docs/architecture.md has the instruction counts.
 */
#if defined(__GNUC__) && !defined(__OPTIMIZE_SIZE__)
#define NISV_FLATTEN __attribute__((flatten))
#else
#define NISV_FLATTEN
#endif

struct vcpu {
	/* the integrator's callbacks */
	const nisv_reg_ops *regs;
	void *regs_ctx;
	nisv_state *state; /* regs_ctx when regs is nisv_state_reg_ops: used in place */
	const nisv_mem_ops *mem;
	void *mem_ctx;
	/* settings */
	uint32_t features; /* NISV_FEAT_* */
	uint8_t pa_bits;   /* implemented physical address size (0: 48) */
	uint8_t inject;    /* nisv_fault_mode */
	uint16_t sve_vqs;  /* implemented SVE vector lengths (bit i: 128 * (i + 1)) */
	uint16_t sme_vqs;  /* implemented streaming vector lengths               */

	/* ---- one call: the register cache (regs.c) ---- */
	uint64_t reg[NISV_REG_COUNT];
	uint64_t reg_valid, reg_dirty;
	nisv_v128 v[32];
	uint32_t v_valid, v_dirty;
	/* SVE/SME registers this call writes (regs.h, vec_stage_rows) */
	uint8_t vec_count;
	struct vec_staged {
		uint8_t file, stride;
		uint16_t n, rows, off, len;
	} vec[4];
	uint8_t vec_bytes[4][256];
	/* guest RAM range from mem->ram_map (guest_ram.c) */
	const uint8_t *ram_host;
	uint64_t ram_base, ram_size;
	uint64_t ram_desc_lim; /* offsets below it: an aligned descriptor load */
	/* the final table of the call's last walk (mmu.c) */
	struct walk_cache wc;
	uint8_t fetch_read; /* this call read the fetch memo's descriptors */

	/* ---- across calls ---- */
	/* local exclusive monitor (Arm ARM B2.9): armed by load-exclusive */
	uint64_t excl_addr;
	uint32_t excl_size;
	uint8_t excl_armed;
	/* walk parameters of TCR_EL1 == walk_cfg_tcr, while walk_cfg_valid */
	uint8_t walk_cfg_valid;
	uint64_t walk_cfg_tcr;
	struct walk_cfg walk_cfg[2];
	struct walk_memo memo[2]; /* the last data walk [0] and fetch walk [1] */
	uint64_t memo_gen;        /* walks remembered so far                   */
};

_Static_assert(sizeof(struct vcpu) <= sizeof(nisv_vcpu), "struct vcpu fits NISV_VCPU_SIZE");
_Static_assert(_Alignof(struct vcpu) <= _Alignof(nisv_vcpu), "nisv_vcpu is aligned for struct vcpu");

/* The API's handle -> the inside (the storage is only ever used as this). */
static inline struct vcpu *vcpu_of(nisv_vcpu *v)
{
	return (struct vcpu *)(void *)v;
}

static inline const struct vcpu *vcpu_const(const nisv_vcpu *v)
{
	return (const struct vcpu *)(const void *)v;
}

/* Start a call: nothing is cached from a previous one but what is checked
 * again before use. */
void vcpu_begin_call(struct vcpu *v);

/* Drop what the vCPU keeps across calls (walk parameters, remembered
 * walks): the features or the PA size changed. */
void vcpu_forget_translations(struct vcpu *v);

#endif
