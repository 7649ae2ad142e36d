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

#define EC_DABT_LOWER 0x24ull
#define ESR_EC(ec) ((ec) << 26)
#define ESR_IL (1ull << 25)
#define ISS_ISV (1ull << 24)
#define ISS_SAS(s) ((uint64_t)(s) << 22)
#define ISS_SSE (1ull << 21)
#define ISS_SRT(r) ((uint64_t)(r) << 16)
#define ISS_SF (1ull << 15)
#define ISS_AR (1ull << 14)
#define ISS_CM (1ull << 8)
#define ISS_WNR (1ull << 6)
#define ISS_DFSC 0x3full

const char *trap_form_name(unsigned form)
{
	static const char *const names[TR_NFORMS] = {"ISV=1", "ISV=0", "ISV=0 (KVM's ISS)", "CM=1", "PRFM"};

	return form < TR_NFORMS ? names[form] : "?";
}

/* A stage-2 fault status: mostly a level-3 translation fault (an unmapped
 * IPA, the MMIO case), sometimes another level, an access flag fault or a
 * permission fault (a read-only memslot). nisv must not care. */
static unsigned stage2_dfsc(struct rng *r)
{
	static const uint8_t codes[] = {0x07, 0x07, 0x07, 0x07, 0x07, 0x04, 0x05, 0x06,
	                                0x09, 0x0a, 0x0b, 0x0d, 0x0e, 0x0f};

	return codes[rnd_below(r, sizeof codes)];
}

static uint64_t esr_of(struct rng *r, const struct tsyn *s, int isv)
{
	uint64_t esr = ESR_EC(EC_DABT_LOWER) | ESR_IL | stage2_dfsc(r);
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

/* KVM's sanitized ISS (kvm_vcpu_dabt_iss_nisv_sanitized). */
static void kvm_form(nisv_abort *ab)
{
	ab->esr &= ISS_CM | ISS_WNR | ISS_DFSC;
	ab->flags |= NISV_ABORT_ISS_ONLY;
}

static void set_far(struct rng *r, const struct trap_opts *o, uint64_t va, uint64_t tag, nisv_abort *ab)
{
	if (o->far && chance(r, 1, o->far)) {
		ab->far = va | tag;
		ab->flags |= NISV_ABORT_FAR_VALID;
	} else {
		ab->far = rng_next(r); /* not valid: nisv must not look */
	}
}

static uint64_t page_of(uint64_t a)
{
	return a & ~0xfffull;
}

void trap_report_build(struct rng *r, const struct tsyn *s, uint64_t tag, const struct pagetable *pt,
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
			kvm_form(&out->ab);
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
			kvm_form(&out->ab);
			if (!s->cm)
				out->form = TR_KVM;
		}
	}
	out->second_page = out->crosses && page_of(out->byte) == second;
	out->ab.ipa = pt_ipa(pt, out->byte);
	set_far(r, o, out->byte, tag, &out->ab);
}

const char *trap_report_stale(struct rng *r, const struct tsyn *s, uint64_t tag, const struct pagetable *pt,
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
	if (v < 3) {
		out->byte = out_byte;
		out->ab.ipa = pt_ipa(pt, out_byte);
		out->ab.flags &= ~(uint32_t)NISV_ABORT_FAR_VALID;
		set_far(r, o, out_byte, tag, &out->ab);
	} else {
		out->ab.far = out_byte | tag;
		out->ab.flags |= NISV_ABORT_FAR_VALID;
	}
	return what[v];
}
