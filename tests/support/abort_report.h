/*
 * The stage-2 Data Abort reports the CPU-oracle differentials hand to
 * nisv_handle_abort() (tests/differential/syndrome.c,
 * tests/differential_sve/trap_sve.c): what a hypervisor gets from the
 * hardware (ESR_EL2, the byte-exact fault IPA as KVM's fault_ipa, FAR_EL2).
 * ESR_EL2: Arm ARM D19.2.46 "ESR_EL2", ISS encoding for an exception from a
 * Data Abort: EC [31:26] = 0x24 (from a lower Exception level), IL [25],
 * ISV [24] and the fields it validates, CM [8], WnR [6], DFSC [5:0].
 */
#ifndef SUPPORT_ABORT_REPORT_H
#define SUPPORT_ABORT_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "el0_tables.h"
#include "nisv.h"
#include "rng.h"
#include "verdict.h"

#define EC_DABT_LOWER 0x24ull
#define ESR_EC(ec) ((ec) << 26)
#define ESR_IL (1ull << 25)
#define ISS_CM (1ull << 8)
#define ISS_WNR (1ull << 6)
#define ISS_DFSC 0x3full

struct trap_report {
	nisv_abort ab;
	unsigned form;      /* the harness's TR_*                                  */
	uint64_t byte;      /* VA (untagged) of the byte the fault is reported on  */
	int crosses;        /* the access spans two pages                          */
	int second_page;    /* ... and the fault is reported on the second one     */
};

/* EC 0x24, IL = 1 and a stage-2 fault status: mostly a level-3 translation
 * fault (an unmapped IPA, the MMIO case), sometimes another level, an
 * access flag fault or a permission fault (a read-only memslot). nisv must
 * not care. */
uint64_t report_esr(struct rng *r);

/* KVM's sanitized ISS (kvm_vcpu_dabt_iss_nisv_sanitized): ISS & (CM | WnR |
 * DFSC), NISV_ABORT_ISS_ONLY. */
void report_kvm_form(nisv_abort *ab);

/* FAR_EL2: 1 in far_k reports (0: none) has va | tag and
 * NISV_ABORT_FAR_VALID; the others garbage nisv must not look at. */
void report_far(struct rng *r, unsigned far_k, uint64_t va, uint64_t tag, nisv_abort *ab);

/* Make a report stale by moving it to byte: its IPA (through pt) and FAR
 * as report_far, or with far_only the IPA left inside and a valid FAR on
 * byte. */
void report_move(struct rng *r, unsigned far_k, const struct el0_pt *pt, uint64_t byte, uint64_t tag, int far_only,
                 struct trap_report *out);

/* nisv_handle_abort on a stale report: NISV_RETRY, and no data access
 * (ndata: the pieces nisv made). */
void report_stale_verdict(struct verdict *v, nisv_status status, const nisv_result *res, unsigned ndata);

/* "<form_name>: esr ... ipa ... (va ...) far ..." for a mismatch report. */
void report_describe(char *out, size_t len, const struct trap_report *rep, const char *form_name);

#endif
