/*
 * The trap side of a case: the stage-2 Data Abort a hypervisor would get
 * for an SVE access (ESR_EL2 with ISV = 0, the byte-exact fault IPA as
 * KVM's fault_ipa, FAR_EL2), and stale reports that no execution of the
 * instruction could have raised.
 */
#ifndef SVE_TRAP_H
#define SVE_TRAP_H

#include <stdint.h>

#include "../support/abort_report.h"
#include "../support/el0_tables.h"
#include "nisv.h"
#include "sgen.h"

/* How a report is shaped (trap_report.form). */
enum {
	TR_ISV0,   /* full ESR_EL2, ISV = 0 (SVE accesses never have ISV = 1)   */
	TR_KVM,    /* ISV = 0 in KVM's form: NISV_ABORT_ISS_ONLY, CM|WnR|DFSC  */
	TR_NOACT,  /* no element is active: the instruction accesses nothing,
	              so any report is stale (NISV_RETRY)                     */
	TR_NFORMS
};

struct trap_opts {
	unsigned far; /* 1 in far reports has NISV_ABORT_FAR_VALID (0: none) */
	unsigned kvm; /* 1 in kvm reports in KVM's form (0: none)            */
};

/*
 * The architecture's report for case c: EC 0x24, IL = 1, ISV = 0, WnR for
 * a store, a stage-2 DFSC; the IPA of a byte of an active element on a
 * mapped page (across a page, on the second page half of the time); FAR =
 * that byte's VA with the tag. With no active element (TR_NOACT), some byte
 * of the instruction's span. Returns -1 when there is no byte to report
 * (every candidate is on the guard page, the one at guard_lo).
 */
int trap_report_build(struct rng *r, const struct scase *c, const struct el0_pt *pt, uint64_t guard_lo,
                      const struct trap_opts *o, struct trap_report *out);

/*
 * A stale report for a case with active elements: the IPA just before or
 * after the active bytes, a page away, on a byte of an inactive element
 * inside them, or the IPA inside and a valid FAR outside. Never an IPA an
 * active byte has. Returns a description of the variant.
 */
const char *trap_report_stale(struct rng *r, const struct scase *c, const struct el0_pt *pt, uint64_t guard_lo,
                              const struct trap_opts *o, struct trap_report *out);

const char *trap_form_name(unsigned form);

#endif
