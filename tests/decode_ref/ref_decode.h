/* The reference decoder (ref_decode.c): nisv_decode() before the tables. */
#ifndef NISV_REF_DECODE_H
#define NISV_REF_DECODE_H

#include "nisv.h"

nisv_status ref_decode(uint32_t word, nisv_insn *out);

/* The SVE gathers, scatters and gather prefetches from the Arm ARM's
 * encodings (ref_gather.c): 1 and *out filled for one of them, else 0. */
int ref_gather(uint32_t word, nisv_insn *out);

/* The SME memory instructions (ZA tile slices, ZA array vectors, ZT0) from
 * the Arm ARM's encodings (ref_sme.c): 1 and *out filled, else 0. */
int ref_sme(uint32_t word, nisv_insn *out);

/* The SME2 / SVE2.1 multi-vector loads and stores from the Arm ARM's
 * encodings (ref_multi.c): 1 and *out filled, else 0. */
int ref_multi(uint32_t word, nisv_insn *out);

/* The SVE2.1 128-bit element loads and stores from the Arm ARM's encodings
 * (ref_quad.c): 1 and *out filled, -1 for one of their diagrams that the
 * Decode pseudocode makes UNDEFINED (Rm == 11111), else 0. */
int ref_quad(uint32_t word, nisv_insn *out);

#endif
