/*
 * The oracle: run one SVE word for real (natively on arm64, or under
 * qemu-aarch64 -cpu max) at a chosen vector length, from a whole register
 * state, and catch the fault it may take.
 *
 * One mapping holds the stub page (the runner around the word) and the
 * test buffer right after it: BUF_PAGES pages, of which page GUARD_PAGE is
 * PROT_NONE (and left out of nisv's stage-1 tables), so accesses that reach
 * it fault on both sides.
 */
#ifndef SVE_NATIVE_H
#define SVE_NATIVE_H

#include <stdint.h>

#include "run_sve.h"

#define BUF_PAGES 34u
#define GUARD_PAGE 16u
#define PAGE 4096u

struct native_env {
	uint8_t *page;       /* the stub page (RWX)                            */
	uint64_t slot;       /* address of the word                            */
	uint8_t *buf;        /* the buffer, BUF_PAGES pages after the stub     */
	uint64_t bufsz;
	uint64_t guard_lo, guard_hi; /* the PROT_NONE page                     */
	int f64mm;           /* LD1RO runs (FEAT_F64MM)                        */
	int sve2;            /* FEAT_SVE2 (HWCAP2_SVE2)                        */
	unsigned max_vl;     /* bytes                                          */
	unsigned sme_vls;    /* FEAT_SME: bit i set, SVL 16 << i bytes runs    */
};

/* How a run ended. */
struct native_out {
	int sig;             /* 0: the word completed; else the signal         */
	int si_code;
	uint64_t addr;       /* si_addr                                        */
	int died;            /* forked run: the child died; sig = its signal   */
};

/* Map, install the fault handlers, probe (SVE lengths, F64MM, SME
 * lengths). 0 or -1 (no SVE). */
int native_init(struct native_env *env);

/* Set the vector length (bytes) with prctl(PR_SVE_SET_VL): 0, or -1 when
 * the kernel gave another length. */
int native_set_vl(unsigned vl_bytes);
/* The same for the streaming vector length (prctl(PR_SME_SET_VL)). */
int native_set_svl(unsigned svl_bytes);
/* Back to the smallest lengths, for the harness's own code: qemu-user
 * keys its translations by VL and SVL (its TB flags), so C code that ran
 * at every length of the cases would be translated for each of them. */
void native_set_home(const struct native_env *env);

/* Run `word` from *in; *out gets the registers when it completes. With
 * in->svcr ZA on, ZA (SVL/8 rows at the last native_set_svl) comes from
 * in->za and goes to out->za, which the caller points at its buffer. */
void native_run(struct native_env *env, uint32_t word, const struct sve_regs *in, struct sve_regs *out,
                struct native_out *o);

/* The same in a forked child (for runs that may kill the emulator):
 * o->died says whether the child died. Memory the child writes is lost. */
void native_run_forked(struct native_env *env, uint32_t word, const struct sve_regs *in, struct sve_regs *out,
                       struct native_out *o);

static inline int native_is_guard(const struct native_env *env, uint64_t a)
{
	return a >= env->guard_lo && a < env->guard_hi;
}

#endif
