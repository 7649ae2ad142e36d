/*
 * The decode tables, generated from a64_ldst.decode by gen_decode_table.py
 * (see there for how they are built, and decode.c for the lookup).
 */
#ifndef NISV_DECODE_TABLE_H
#define NISV_DECODE_TABLE_H

#include <stdint.h>
#include "nisv.h"

/* One source row of a64_ldst.decode: the words it covers. */
struct enc_row {
	uint32_t mask, value;
};

extern const struct enc_row enc_rows[];
extern const unsigned enc_row_count;

/*
 * First level, one entry per value of the word's bits [31:21]: the word's
 * leaf is dec_leaves[dec_slots[base + ((word >> lo) & mask)]].
 */
#define NISV_DEC_KEY_LO 21
struct dec_index {
	uint16_t base;
	uint8_t lo, mask;
};

/* The operand fields a leaf takes from the word: each mask lets its field
 * through (31 for a register, 7 for option or an SVE Pg), or 0. */
struct dec_take {
	uint8_t rt, rt2, rn, rm, rs, extend, pg;
};

/*
 * A leaf: a word with (word & mask) == value decodes to tmpl, plus the
 * operand fields `take` lets through and the immediate recipe; any other
 * word goes on to leaf `next`. A leaf whose tmpl.op is NISV_OP_NONE makes
 * the word unallocated: leaf 0, which takes every word, ends every chain.
 */
struct dec_leaf {
	nisv_insn tmpl;   /* imm: the constant part                          */
	struct dec_take take;
	uint16_t next;
	uint32_t mask, value;
	uint32_t imm_mask; /* imm += (int64_t)((word & imm_mask) * imm_mul) >> imm_sar */
	uint8_t imm_sar;
	uint64_t imm_mul;
};

extern const struct dec_index dec_index_table[1u << (32 - NISV_DEC_KEY_LO)];
extern const uint16_t dec_slots[];
extern const struct dec_leaf dec_leaves[];

#endif
