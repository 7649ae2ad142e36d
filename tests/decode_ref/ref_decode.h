/* The reference decoder (ref_decode.c): nisv_decode() before the tables. */
#ifndef NISV_REF_DECODE_H
#define NISV_REF_DECODE_H

#include "nisv.h"

nisv_status ref_decode(uint32_t word, nisv_insn *out);

#endif
