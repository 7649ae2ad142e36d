/*
 * The trap side of a case: what a hypervisor would get from the hardware
 * for a stage-2 Data Abort on the access (ESR_EL2, the byte-exact fault IPA
 * as KVM's fault_ipa, FAR_EL2), built from the generator's description of
 * the instruction (struct tsyn), not from nisv's decoder.
 */
#ifndef DIFF_SYNDROME_H
#define DIFF_SYNDROME_H

#include <stdint.h>

#include "../support/abort_report.h"
#include "../support/el0_tables.h"
#include "gen.h"
#include "nisv.h"

/* How a report is shaped (trap_report.form). */
enum {
	TR_ISV1,  /* full ESR_EL2, ISV = 1: the syndrome describes the access   */
	TR_ISV0,  /* full ESR_EL2, ISV = 0                                      */
	TR_KVM,   /* ISV = 0 in KVM's form: NISV_ABORT_ISS_ONLY, CM|WnR|DFSC    */
	TR_CM,    /* cache maintenance, CM = 1 (full ESR or KVM's form)          */
	TR_PRFM,  /* a PRFM never aborts: any report is stale                   */
	TR_NFORMS
};

struct trap_opts {
	unsigned far;       /* 1 in far reports has NISV_ABORT_FAR_VALID (0: none) */
	unsigned kvm;       /* 1 in kvm ISV = 0 reports in KVM's form (0: none)    */
	int isv_gaps;       /* half the page-crossing ISV = 1 reports fault on
	                       the second page (nisv gets them wrong today)      */
};

/*
 * The architecture's report for emu word s: EC 0x24 (Data Abort from a
 * lower Exception level), IL = 1, ISV and its fields, CM, WnR, a stage-2
 * DFSC; the IPA of one byte of the access (ISV = 1: its first byte, where
 * the first piece faults); FAR = that byte's VA with the base register's
 * tag (top byte). buf_lo/buf_hi: where a PRFM's stale report may point.
 */
void trap_report_build(struct rng *r, const struct tsyn *s, uint64_t tag, const struct el0_pt *pt,
                       const struct trap_opts *o, uint64_t buf_lo, uint64_t buf_hi, struct trap_report *out);

/*
 * A stale report for an ISV = 0 access: the IPA outside the bytes the
 * access covers (just before, just after, another page), or the IPA inside
 * and a valid FAR outside. nisv_handle_abort must return NISV_RETRY.
 * Returns a short description of the variant.
 */
const char *trap_report_stale(struct rng *r, const struct tsyn *s, uint64_t tag, const struct el0_pt *pt,
                              const struct trap_opts *o, struct trap_report *out);

/* "ISV=1", "ISV=0", ... */
const char *trap_form_name(unsigned form);

#endif
