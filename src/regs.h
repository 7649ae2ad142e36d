/*
 * The register cache of one call (regs.c): each register is read through
 * the integrator's callback at most once, writes are buffered, and
 * regs_commit() sends only the registers that changed. A nisv_state is
 * read in place: it cannot change during the call.
 */
#ifndef NISV_REGS_H
#define NISV_REGS_H

#include "vcpu.h"

void regs_reset(struct vcpu *v);
/* Drop buffered writes, keep what was read (for a fault taken afterwards). */
void regs_discard_writes(struct vcpu *v);
int regs_fetch(struct vcpu *v, unsigned reg, uint64_t *val); /* the callback, then cache */
int regs_commit(struct vcpu *v);

static inline int reg_get(struct vcpu *v, unsigned reg, uint64_t *val)
{
	if (v->reg_valid >> reg & 1)
		*val = v->reg[reg];
	else if (v->state)
		*val = v->state->reg[reg];
	else
		return regs_fetch(v, reg, val);
	return 0;
}

static inline void reg_set(struct vcpu *v, unsigned reg, uint64_t val)
{
	v->reg[reg] = val;
	v->reg_valid |= 1ull << reg;
	v->reg_dirty |= 1ull << reg;
}

int vreg_get(struct vcpu *v, unsigned n, nisv_v128 *val);
void vreg_set(struct vcpu *v, unsigned n, const nisv_v128 *val);

/*
 * SVE/SME registers (nisv_vfile Z, P, FFR, ZA, ZT0) as rows: registers n,
 * n + stride, ... (rows of them), bytes [off, off + len) of each, packed
 * one after another (rows * len <= 256): a whole register is one row at
 * off 0; a vertical ZA tile slice is one element of each of its rows.
 * vec_read_rows reads them now; vec_stage_rows returns the buffer they
 * are written from at commit (up to four per call).
 */
int vec_read_rows(struct vcpu *v, unsigned file, unsigned n, unsigned stride, unsigned rows, unsigned off,
                  unsigned len, uint8_t *buf);
uint8_t *vec_stage_rows(struct vcpu *v, unsigned file, unsigned n, unsigned stride, unsigned rows, unsigned off,
                        unsigned len);

/* Register n of file, whole (len bytes). */
static inline int vec_read(struct vcpu *v, unsigned file, unsigned n, uint8_t *buf, unsigned len)
{
	return vec_read_rows(v, file, n, 0, 1, 0, len, buf);
}

static inline uint8_t *vec_stage(struct vcpu *v, unsigned file, unsigned n, unsigned len)
{
	return vec_stage_rows(v, file, n, 0, 1, 0, len);
}

/* The SP that PSTATE selects. */
int sp_get(struct vcpu *v, uint64_t *val);
int sp_set(struct vcpu *v, uint64_t val);

/* X[n], n == 31 read as zero (XZR) or as the current SP. */
static inline int x_get(struct vcpu *v, unsigned n, uint64_t *val)
{
	if (n != 31)
		return reg_get(v, n, val);
	*val = 0;
	return 0;
}

static inline int x_or_sp_get(struct vcpu *v, unsigned n, uint64_t *val)
{
	return n != 31 ? reg_get(v, n, val) : sp_get(v, val);
}

/* Write X[n] (n == 31 discards) or, for writeback, X[n]/SP. */
static inline void x_set(struct vcpu *v, unsigned n, uint64_t val)
{
	if (n != 31)
		reg_set(v, n, val);
}

static inline int x_or_sp_set(struct vcpu *v, unsigned n, uint64_t val)
{
	if (n == 31)
		return sp_set(v, val);
	reg_set(v, n, val);
	return 0;
}

#endif
