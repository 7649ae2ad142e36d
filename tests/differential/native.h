/*
 * The register state of a case. It is the register file of the shared
 * runner (tests/support/run_insn.S, run_insn.h), which native.c uses.
 */
#ifndef DIFF_NATIVE_H
#define DIFF_NATIVE_H

#define SLOT_WORDS 4     /* instruction slot, NOP-padded */

#include <stdint.h>

#include "../support/run_insn.h"

struct nstate {
	uint64_t x[31];
	uint64_t sp;
	uint64_t nzcv;     /* NZCV in bits [31:28] */
	uint64_t pad;
	uint64_t v[32][2]; /* [0] = bits 63:0, [1] = bits 127:64 */
};

_Static_assert(sizeof(struct nstate) == RUN_SIZE, "nstate size");
_Static_assert(__builtin_offsetof(struct nstate, sp) == RUN_SP, "sp");
_Static_assert(__builtin_offsetof(struct nstate, nzcv) == RUN_NZCV, "nzcv");
_Static_assert(__builtin_offsetof(struct nstate, v) == RUN_V, "v");

/* Feature bits found at start-up (native.c). */
enum {
	FEAT_LSE = 1u << 0,
	FEAT_LRCPC = 1u << 1,
	FEAT_LRCPC2 = 1u << 2,
	FEAT_PAUTH = 1u << 3,
	FEAT_MTE = 1u << 4,
	FEAT_DPB = 1u << 5,
	FEAT_DPB2 = 1u << 6,
	FEAT_LOR = 1u << 7,
	FEAT_ZVA = 1u << 8,
};

struct native_env {
	uint8_t *page;     /* the RWX mapping: stub page, then the buffer   */
	uint64_t slot;     /* address of the instruction slot               */
	uint64_t after;    /* address right after the slot                  */
	uint8_t *buf;      /* test buffer (inside the same mapping)         */
	uint64_t bufsz;
	uint64_t dczid;    /* DCZID_EL0 as read natively                    */
	unsigned feat;     /* FEAT_*                                        */
	unsigned va_bits;  /* from the PAC field of a signed pointer        */
};

/* Map the stub page and the buffer, install signal handlers, probe. */
int native_init(struct native_env *env, uint64_t bufsz);

/* Run words[0..n) (n <= SLOT_WORDS) natively from state *st; *st is
 * updated with the resulting registers. */
void native_run(struct native_env *env, const uint32_t *words, unsigned n, struct nstate *st);

/* Make instruction words written into the buffer visible to execution. */
void native_sync_code(void *start, void *end);

/* Sign v with PACDZA (key 0) or PACDZB (key 1). */
uint64_t native_pac_sign(struct native_env *env, uint64_t v, unsigned key);

#endif
