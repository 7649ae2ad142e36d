/*
 * The text builders format.c and format_sve.c share (not used elsewhere):
 * a bounded buffer and the register names of the base syntax.
 */
#ifndef NISV_TOOL_FORMAT_H
#define NISV_TOOL_FORMAT_H

#include "tool.h"

/* Append to a bounded buffer: p[0..n), k used; always NUL-terminated. */
struct buf {
	char *p;
	size_t n, k;
};

void put(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* x<r>/w<r>, xzr/wzr for 31 */
void gpr(struct buf *b, int x, unsigned r);
/* x<r>, sp for 31 */
void base_reg(struct buf *b, unsigned r);

/* ---- SVE (format_sve.c) -------------------------------------------------------- */

/* The instruction is an SVE (or SME) load, store or prefetch. */
int sve_form(const nisv_insn *d);
/* An SME one: its register is a ZA tile slice, a ZA array vector or ZT0. */
int sme_form(const nisv_insn *d);
/* A gather, scatter or gather prefetch: one address per element (NISV_AM_VEC_*). */
int sve_vector_addressed(const nisv_insn *d);
/* objdump's text, e.g. "ld1b {z0.h}, p1/z, [x2, #3, mul vl]", "ldr za[w12, 1], [x2, #1, mul vl]" */
void sve_insn_text(const nisv_insn *d, struct buf *b);
/* z<r>.s or z<r>.d: a gather's or scatter's vector of addresses or offsets. */
void sve_addr_vec(const nisv_insn *d, unsigned r, struct buf *b);
/* Transfer register i: z<rt+i>, p<rt>, za3h.s[w12, 1], za[w13, 15], zt0. */
void sve_xfer_reg(const nisv_insn *d, unsigned i, struct buf *b);
/* For format_access: " VL/8 bytes (VL/8 x 1, into .b elements)" ... */
void sve_size_text(const nisv_insn *d, struct buf *b);
/* "; predicate p1 (zeroing)" (nothing for LDR/STR) */
void sve_predicate_text(const nisv_insn *d, struct buf *b);
/* "x1+(z2.d[i] sxtw<<3)": element i's address in a NISV_AM_VEC_* form */
void sve_vec_addr_expr(const nisv_insn *d, struct buf *b);
/* "x2+3*(VL/16)", "x2+1*(SVL/8)": the address of a NISV_AM_MUL_VL form */
void sve_mul_vl_expr(const nisv_insn *d, struct buf *b);
/* Bytes of the access when they do not depend on the VL (LD1R*, LD1RQ*,
 * LD1RO*, LDR/STR ZT0), else 0. */
unsigned sve_fixed_bytes(const nisv_insn *d);
/* The SVE members of json_access's object. */
void sve_json(const nisv_insn *d);

#endif
