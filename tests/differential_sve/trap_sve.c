/*
 * ESR_EL2 for a stage-2 Data Abort on an SVE access, Arm ARM D19.2.46
 * "ESR_EL2", ISS encoding for an exception from a Data Abort: EC [31:26] =
 * 0x24, IL [25] = 1, ISV [24] = 0 (SVE loads and stores are not among the
 * instructions that report a syndrome), WnR [6], DFSC [5:0]. KVM hands
 * userspace only ISS & (CM | WnR | DFSC) for ISV = 0 aborts.
 * An access is only ever reported on bytes an active element touches:
 * inactive elements do not access memory and cannot fault (Arm ARM, "SVE
 * memory access": predicated contiguous loads and stores).
 */
#include "trap_sve.h"

const char *trap_form_name(unsigned form)
{
	static const char *const names[TR_NFORMS] = {"ISV=0", "ISV=0 (KVM's ISS)", "no active element"};

	return form < TR_NFORMS ? names[form] : "?";
}

static void set_esr(struct rng *r, const struct scase *c, const struct trap_opts *o, struct trap_report *out)
{
	out->ab.esr = report_esr(r) | (c->store ? ISS_WNR : 0);
	if (o->kvm && chance(r, 1, o->kvm)) {
		report_kvm_form(&out->ab);
		if (out->form == TR_ISV0)
			out->form = TR_KVM;
	}
}

static int on_guard(uint64_t guard_lo, uint64_t va)
{
	return va >= guard_lo && va < guard_lo + PAGE;
}

int trap_report_build(struct rng *r, const struct scase *c, const struct el0_pt *pt, uint64_t guard_lo,
                      const struct trap_opts *o, struct trap_report *out)
{
	static uint16_t cand[MAXSPAN], second[MAXSPAN];
	unsigned n = 0, n2 = 0, i, first_act = MAXSPAN, last_act = 0;
	uint64_t page2;

	*out = (struct trap_report){0};
	for (i = 0; i < c->span; i++)
		if (c->act[i]) {
			if (first_act == MAXSPAN)
				first_act = i;
			last_act = i;
		}
	out->form = c->nact ? TR_ISV0 : TR_NOACT;
	page2 = (c->ea + last_act) & ~(uint64_t)(PAGE - 1);
	out->crosses = c->nact && ((c->ea + first_act) & ~(uint64_t)(PAGE - 1)) != page2;
	for (i = 0; i < c->span; i++) {
		uint64_t va = c->ea + i;

		if ((c->nact && !c->act[i]) || on_guard(guard_lo, va))
			continue;
		cand[n++] = (uint16_t)i;
		if (out->crosses && va >= page2)
			second[n2++] = (uint16_t)i;
	}
	if (n == 0)
		return -1;
	if (n2 && chance(r, 1, 2))
		out->byte = c->ea + second[rnd_below(r, n2)];
	else
		out->byte = c->ea + cand[rnd_below(r, n)];
	out->second_page = out->crosses && out->byte >= page2;
	set_esr(r, c, o, out);
	out->ab.ipa = el0_pt_ipa(pt, out->byte);
	report_far(r, o->far, out->byte, tag_at(c, out->byte), &out->ab);
	return 0;
}

/* Does an active byte of c have this IPA? */
static int ipa_active(const struct scase *c, const struct el0_pt *pt, uint64_t ipa)
{
	for (unsigned i = 0; i < c->span; i++)
		if (c->act[i] && el0_pt_ipa(pt, c->ea + i) == ipa)
			return 1;
	return 0;
}

const char *trap_report_stale(struct rng *r, const struct scase *c, const struct el0_pt *pt, uint64_t guard_lo,
                              const struct trap_opts *o, struct trap_report *out)
{
	static const char *const what[5] = {"IPA just before the active bytes", "IPA just after the active bytes",
	                                    "IPA in another page", "IPA on an inactive element's byte",
	                                    "IPA inside, FAR outside the active bytes"};
	static uint16_t holes[MAXSPAN];
	unsigned v = (unsigned)rnd_below(r, 5), i, nh = 0, lo = MAXSPAN, hi = 0, tries;
	uint64_t byte = 0;

	trap_report_build(r, c, pt, guard_lo, o, out);
	for (i = 0; i < c->span; i++)
		if (c->act[i]) {
			if (lo == MAXSPAN)
				lo = i;
			hi = i + 1;
		}
	for (i = lo; i < hi; i++)
		if (!c->act[i] && !on_guard(guard_lo, c->ea + i))
			holes[nh++] = (uint16_t)i;
	if (v == 3 && nh == 0)
		v = (unsigned)rnd_below(r, 3);
	for (tries = 0; tries < 16; tries++) {
		switch (v) {
		case 0:
			byte = c->ea + lo - 1 - rnd_below(r, 64);
			break;
		case 1:
			byte = c->ea + hi + rnd_below(r, 64);
			break;
		case 2:
			byte = c->ea + lo + PAGE * (1 + rnd_below(r, 3)) * (chance(r, 1, 2) ? 1 : (uint64_t)-1);
			break;
		case 3:
			byte = c->ea + holes[rnd_below(r, nh)];
			break;
		default:
			byte = chance(r, 1, 2) ? c->ea + lo - 1 - rnd_below(r, 64) : c->ea + hi + rnd_below(r, 64);
			break;
		}
		if (v == 4 || !ipa_active(c, pt, el0_pt_ipa(pt, byte)))
			break;
	}
	if (tries == 16) { /* the byte before the first active one never is */
		v = 0;
		byte = c->ea + lo - 1;
	}
	report_move(r, o->far, pt, byte, tag_at(c, byte), v == 4, out);
	return what[v];
}
