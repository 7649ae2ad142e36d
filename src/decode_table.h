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

extern const struct enc_row nisv_enc_rows[];
extern const unsigned nisv_enc_row_count;

/*
 * First level, one entry per value of the word's bits [31:21]: the word's
 * leaf is at byte 8 * nisv_dec_slots[base + ((word >> lo) & mask)] of
 * nisv_dec_leaves (slots hold leaf numbers times 8, so that the address is
 * one scaled add on x86-64 and AArch64).
 */
#define NISV_DEC_KEY_LO 21
struct dec_index {
	uint16_t base;
	uint8_t lo, mask;
};

/*
 * A leaf: a word with (word & mask) == value decodes to tmpl plus the
 * operand fields the take masks let through and the immediate recipe;
 * any other word goes on to the leaf at byte 8 * next. A leaf whose
 * tmpl.op is NISV_OP_NONE makes the word unallocated: leaf 0, which takes
 * every word, ends every chain. One leaf, one cache line.
 */
struct dec_leaf {
	_Alignas(64) nisv_insn tmpl; /* word: the nisv_status to return;
	                                imm: the constant part            */
	uint8_t take[8];              /* AND masks over the bytes rt..atomic
	                                 of nisv_insn: 31 takes Rt [4:0],
	                                 Rm or Rs [20:16], Rn [9:5], Rt2
	                                 [14:10]; 7 takes option [15:13]   */
	uint32_t mask, value;
	uint32_t imm_mask;            /* imm += (int64_t)((word & imm_mask)
	                                 * imm_mul) >> imm_sar              */
	uint8_t imm_sar;
	uint16_t next;
	uint64_t imm_mul;
};

/* Internal to the library (hidden): addressed directly, not through the GOT. */
#define NISV_DEC_TABLE __attribute__((visibility("hidden")))
extern NISV_DEC_TABLE const struct dec_index nisv_dec_index[1u << (32 - NISV_DEC_KEY_LO)];
extern NISV_DEC_TABLE const uint16_t nisv_dec_slots[];
extern NISV_DEC_TABLE const struct dec_leaf nisv_dec_leaves[];

#endif
