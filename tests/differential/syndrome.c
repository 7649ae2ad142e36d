/*
 * ESR_EL2 for a stage-2 Data Abort, Arm ARM D19.2.46 "ESR_EL2", ISS encoding
 * for an exception from a Data Abort:
 *   EC [31:26] = 0x24 (from a lower Exception level), IL [25] = 1,
 *   ISV [24], SAS [23:22], SSE [21], SRT [20:16], SF [15], AR [14]
 *   (ISS[23:14] are RES0 when ISV = 0), CM [8], S1PTW [7], WnR [6],
 *   DFSC [5:0].
 * ISV is 1 only for loads and stores of a single general-purpose register
 * (Rt = 31 included, acquire/release included) that are not exclusives and
 * have no writeback. WnR is 1 for cache maintenance. KVM hands userspace
 * only ISS & (CM | WnR | DFSC) for ISV = 0 aborts (KVM_EXIT_ARM_NISV).
 */
#include "syndrome.h"

#define ISS_ISV (1ull << 24)
#define ISS_SAS(s) ((uint64_t)(s) << 22)
#define ISS_SSE (1ull << 21)
#define ISS_SRT(r) ((uint64_t)(r) << 16)
#define ISS_SF (1ull << 15)
#define ISS_AR (1ull << 14)

const char *trap_form_name(unsigned form)
{
	static const char *const names[TR_NFORMS] = {"ISV=1", "ISV=0", "ISV=0 (KVM's ISS)", "CM=1", "PRFM"};

	return form < TR_NFORMS ? names[form] : "?";
}

static uint64_t esr_of(struct rng *r, const struct tsyn *s, int isv)
{
	uint64_t esr = report_esr(r);
	unsigned wnr = s->wnr == SYN_WNR_EITHER ? (unsigned)rnd_below(r, 2) : s->wnr;

	if (s->cm || wnr)
		esr |= ISS_WNR;
	if (s->cm)
		esr |= ISS_CM;
	if (isv) {
		esr |= ISS_ISV | ISS_SAS(s->sas) | ISS_SRT(s->srt);
		if (s->sse)
			esr |= ISS_SSE;
		if (s->sf)
			esr |= ISS_SF;
		if (s->ar)
			esr |= ISS_AR;
	}
	return esr;
}

static uint64_t page_of(uint64_t a)
{
	return a & ~0xfffull;
}

void trap_report_build(struct rng *r, const struct tsyn *s, uint64_t tag, const struct el0_pt *pt,
                       const struct trap_opts *o, uint64_t buf_lo, uint64_t buf_hi, struct trap_report *out)
{
	uint64_t second = page_of(s->fa_hi - 1);

	*out = (struct trap_report){0};
	out->crosses = s->fa_hi > s->fa_lo && page_of(s->fa_lo) != second;
	if (s->nofault) {
		/* nothing to fault on: report some byte of the buffer */
		out->form = TR_PRFM;
		out->byte = buf_lo + rnd_below(r, buf_hi - buf_lo);
		out->ab.esr = esr_of(r, s, 0);
		if (o->kvm && chance(r, 1, o->kvm))
			report_kvm_form(&out->ab);
	} else if (s->isv) {
		/* the first piece of the access faults first (pseudocode order),
		 * unless the first page is RAM and the second is not */
		out->form = TR_ISV1;
		out->byte = s->fa_lo;
		if (out->crosses && o->isv_gaps && chance(r, 1, 2))
			out->byte = second;
		out->ab.esr = esr_of(r, s, 1);
	} else {
		/* any byte of the access (a DC: exactly Xt); across a page, the
		 * second page half of the time */
		out->form = s->cm ? TR_CM : TR_ISV0;
		if (out->crosses && chance(r, 1, 2))
			out->byte = second + rnd_below(r, s->fa_hi - second);
		else
			out->byte = s->fa_lo + rnd_below(r, s->fa_hi - s->fa_lo);
		out->ab.esr = esr_of(r, s, 0);
		if (o->kvm && chance(r, 1, o->kvm)) {
			report_kvm_form(&out->ab);
			if (!s->cm)
				out->form = TR_KVM;
		}
	}
	out->second_page = out->crosses && page_of(out->byte) == second;
	out->ab.ipa = el0_pt_ipa(pt, out->byte);
	report_far(r, o->far, out->byte, tag, &out->ab);
}

const char *trap_report_stale(struct rng *r, const struct tsyn *s, uint64_t tag, const struct el0_pt *pt,
                              const struct trap_opts *o, struct trap_report *out)
{
	static const char *const what[4] = {"IPA just before the access", "IPA just after the access",
	                                    "IPA in another page", "IPA inside, FAR outside the access"};
	unsigned v = (unsigned)rnd_below(r, 4);
	uint64_t out_byte, d;

	trap_report_build(r, s, tag, pt, o, 0, 1, out);
	switch (v) {
	case 0:
		out_byte = s->cv_lo - 1 - rnd_below(r, 64);
		break;
	case 1:
		out_byte = s->cv_hi + rnd_below(r, 64);
		break;
	case 2:
		d = 4096 * (1 + rnd_below(r, 3));
		out_byte = chance(r, 1, 2) ? s->cv_lo + d : s->cv_lo - d;
		break;
	default:
		out_byte = chance(r, 1, 2) ? s->cv_lo - 1 - rnd_below(r, 64) : s->cv_hi + rnd_below(r, 64);
		break;
	}
	report_move(r, o->far, pt, out_byte, tag, v == 3, out);
	return what[v];
}
