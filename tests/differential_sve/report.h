/*
 * What the SVE differential reports: the per-class counters, the lines
 * for a case (MISMATCH, NISV-CHOICE, ORACLE, NOTE, and --verbose's), and
 * the summary at the end.
 */
#ifndef SVE_REPORT_H
#define SVE_REPORT_H

#include <stdint.h>

#include "../support/verdict.h"
#include "qemu_ff.h"
#include "run.h"

/* Counters only (summary adds them up member by member). */
struct class_stats {
	uint64_t run, mism, tmism, trap_run, trap_skip;
	uint64_t faults, undef, noact, cross_elem, qemu_known, qemu_known_mism, oracle, bug1_missed, bug1_avoided;
	uint64_t form[TR_NFORMS], rcross, rsecond, stale, stale_bad, swapped;
	uint64_t unjudged;           /* the CPU and the model disagree: nisv not run */
	uint64_t choice, tchoice;    /* LDFF1/LDNF1: not nisv's documented choice  */
	uint64_t ff_qk[QB_COUNT];    /* ... qemu outcomes explained by a known bug */
	uint64_t ff_first_guard;     /* ... the first active element on the guard page */
	uint64_t ff_later_guard;     /* ... a later one (the first on a mapped page) */
	uint64_t mism_any;           /* cases that mismatch on any nisv path      */
	uint64_t za_qk;              /* SME: qemu bug 5 (ZA judged by the Arm ARM) */
	uint64_t sm, za;             /* ... run in streaming mode, with ZA on      */
	uint64_t gathers, gflags[GS_COUNT]; /* gathers/scatters, and what they had */
};

#define MAX_CLASSES 48
extern struct class_stats stats[MAX_CLASSES];
extern uint64_t per_vq[17], per_svq[17], per_place[PL_COUNT], per_pattern[PAT_COUNT];

/* The case: VL, operands, address, predicate, what the model says. */
void print_case(const struct run *u);
/* LDFF1/LDNF1: Zt element by element against the data and the old value,
 * and FFR. */
void print_ff_outcome(const struct run *u, const char *who, const uint8_t *zt, const uint8_t *ffr);

/* A MISMATCH (the first opt.base.max_report of them): what each nisv path got
 * wrong, with its report; vs, when the case had a stale report. */
void report_mismatch(const struct run *u, const struct verdict *ve, const struct verdict *vt,
                     const struct trap_report *rep, const struct verdict *vs, const struct trap_report *srep,
                     const char *stale_what);
/* LDFF1/LDNF1: a permitted outcome, but not the one nisv documents. */
void report_choice(const struct run *u, const struct verdict *ve, const struct verdict *vt,
                   const struct trap_report *rep);
/* The CPU and the model disagree: a harness error or a qemu bug. */
void report_oracle(const struct run *u, const struct native_out *o, const char *why);
/* --verbose: qemu bug 1 predicted, but the emulator did not abort. */
void note_bug1_missed(const struct run *u);
/* --verbose --index: the case passed; its reports. */
void report_ok(const struct run *u, const struct trap_report *rep, const struct trap_report *srep,
               const char *stale_what);

/* The per-class lines (--verbose, or where something is wrong), the
 * distributions and the totals; 1 when a class mismatched or the oracle
 * disagreed. */
int summary(uint64_t total);

#endif
