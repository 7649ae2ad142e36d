/* Stage-2 Data Abort reports (abort_report.h). */
#include "abort_report.h"

#include <inttypes.h>
#include <stdio.h>

uint64_t report_esr(struct rng *r)
{
	static const uint8_t codes[] = {0x07, 0x07, 0x07, 0x07, 0x07, 0x04, 0x05, 0x06,
	                                0x09, 0x0a, 0x0b, 0x0d, 0x0e, 0x0f};

	return ESR_EC(EC_DABT_LOWER) | ESR_IL | codes[rnd_below(r, sizeof codes)];
}

void report_kvm_form(nisv_abort *ab)
{
	ab->esr &= ISS_CM | ISS_WNR | ISS_DFSC;
	ab->flags |= NISV_ABORT_ISS_ONLY;
}

void report_far(struct rng *r, unsigned far_k, uint64_t va, uint64_t tag, nisv_abort *ab)
{
	if (far_k && chance(r, 1, far_k)) {
		ab->far = va | tag;
		ab->flags |= NISV_ABORT_FAR_VALID;
	} else {
		ab->far = rng_next(r); /* not valid: nisv must not look */
	}
}

void report_move(struct rng *r, unsigned far_k, const struct el0_pt *pt, uint64_t byte, uint64_t tag, int far_only,
                 struct trap_report *out)
{
	if (far_only) {
		out->ab.far = byte | tag;
		out->ab.flags |= NISV_ABORT_FAR_VALID;
		return;
	}
	out->byte = byte;
	out->ab.ipa = el0_pt_ipa(pt, byte);
	out->ab.flags &= ~(uint32_t)NISV_ABORT_FAR_VALID;
	report_far(r, far_k, byte, tag, &out->ab);
}

void report_stale_verdict(struct verdict *v, nisv_status status, const nisv_result *res, unsigned ndata)
{
	if (status != NISV_RETRY)
		bad(v, "stale report: nisv_handle_abort = %s, expected NISV_RETRY (fault %u, va 0x%" PRIx64 ")",
		    nisv_status_name(status), res->fault, res->va);
	if (ndata)
		bad(v, "stale report: nisv made %u data accesses", ndata);
}

void report_describe(char *out, size_t len, const struct trap_report *rep, const char *form_name)
{
	const nisv_abort *ab = &rep->ab;

	snprintf(out, len, "%s: esr 0x%08" PRIx64 " ipa 0x%" PRIx64 " (va 0x%" PRIx64 "%s) far 0x%" PRIx64 "%s%s",
	         form_name, ab->esr, ab->ipa, rep->byte,
	         rep->second_page ? ", second page" : rep->crosses ? ", first page" : "", ab->far,
	         (ab->flags & NISV_ABORT_FAR_VALID) ? " FAR_VALID" : " (FAR not valid)",
	         (ab->flags & NISV_ABORT_ISS_ONLY) ? " ISS_ONLY" : "");
}
