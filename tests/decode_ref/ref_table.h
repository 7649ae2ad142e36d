/* The reference decoder's encoding table: rows generated from
 * src/a64_ldst.decode by gen_ref_table.py (the generator as it was). */
#ifndef NISV_REF_TABLE_H
#define NISV_REF_TABLE_H

#include <stdint.h>
#include "nisv.h"

/* Operand formats: one extraction function each, in ref_decode.c. */
enum enc_fmt {
	FMT_DC,
	FMT_EXCL,
	FMT_EXCL_PAIR,
	FMT_CASP,
	FMT_LDAPUR,
	FMT_LITERAL,
	FMT_PAIR,
	FMT_UIMM,
	FMT_REGOFF,
	FMT_IMM9,
	FMT_ATOMIC,
	FMT_LDAPR,
	FMT_PAC,
	FMT_SIMD_MULTI,
	FMT_SIMD_SINGLE,
	FMT_SVE_LD1,
	FMT_SVE_LDN_IMM,
	FMT_SVE_LDN_REG,
	FMT_SVE_ST1,
	FMT_SVE_LD1RQ,
	FMT_SVE_LD1R,
	FMT_SVE_LDR,
	FMT_SVE_PRF,
	FMT_SVE_GATHER,
	FMT_SVE_SCATTER,
	FMT_SVE_NT_VEC,
	FMT_SVE_PRF_GATHER,
	FMT_SME_TILE,
	FMT_SME_TILE_Q,
	FMT_SME_ZA,
	FMT_SME_ZT0,
	FMT_SVE_MULTI,
	FMT_SVE_MULTI_STRIDED,
	FMT_SVE_LD1_Q,
	FMT_SVE_LDNQ_IMM,
	FMT_SVE_LDNQ_REG,
	FMT_SVE_Q_VEC,
	FMT_COUNT
};

/* Row restrictions (enc_row.row_flags). */
#define ROW_NO_PRFM 1u  /* the PRFM slot of the type table is unallocated */
#define ROW_GPR_ONLY 2u /* V=1 is unallocated                            */

struct enc_row {
	uint32_t mask, value;
	uint8_t fmt, op, am;
	uint16_t flags;     /* NISV_F_* given to every word of the row */
	uint8_t row_flags;  /* ROW_*                                    */
	uint8_t extra;      /* nisv_atomic or nisv_dc                   */
};

extern const struct enc_row ref_enc_rows[];
extern const unsigned ref_enc_row_count;

/* Dispatch index: rows ref_enc_bucket_rows[start[k] .. start[k+1]) can
 * match a word whose bits [key_lo + key_bits - 1 : key_lo] equal k. */
#define REF_ENC_KEY_LO 21
#define REF_ENC_KEY_BITS 9
extern const uint16_t ref_enc_bucket_start[];
extern const uint8_t ref_enc_bucket_rows[];

#endif
