/*
 * Known qemu 7.2 bugs of contiguous LDFF1* and LDNF1* (README.md, "Known qemu
 * 7.2 bugs"): when the CPU's outcome is not a permitted one, is it exactly
 * what one of them produces? Only then is it counted as qemu-known; any
 * other unpermitted outcome is an ORACLE line.
 */
#ifndef SVE_QEMU_FF_H
#define SVE_QEMU_FF_H

#include <stdint.h>

#include "ffjudge.h"
#include "native_sve.h"
#include "run_sve.h"
#include "sgen.h"

enum {
	QB_NONE,
	QB_WIDE_ELEM0, /* bug 2: the predicate word read unaligned (first active
	                * element at predicate bit 8 or beyond)                */
	QB_NF_SPLIT,   /* bug 3: LDNF1's first active element straddles into an
	                * unmapped page: SIGSEGV                               */
	QB_PAST_SPLIT, /* bug 4: the first active element lies past a page
	                * split: loaded, but its FFR bits cleared              */
	QB_COUNT
};

/* The bug that explains the CPU's outcome (o: how it ended; cpu: its
 * registers when it completed), or QB_NONE. */
unsigned qemu_ff_bug(const struct scase *c, const struct ff_ctx *x, uint64_t guard_lo, const struct native_out *o,
                     const struct sve_regs *cpu);

const char *qemu_ff_bug_name(unsigned b);

#endif
