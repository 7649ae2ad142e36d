/* The SVE differential's reports and summary (report.h). */
#include "report.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

struct class_stats stats[MAX_CLASSES];
uint64_t per_vq[17], per_svq[17], per_place[PL_COUNT], per_pattern[PAT_COUNT];
static uint64_t reported, oracle_reported, choice_reported;

static void print_repro(const struct run *u)
{
	printf("  repro: differential_sve --seed %" PRIu64 " --class %s --index %" PRIu64 " --verbose\n", opt.base.seed,
	       u->cls->name, u->index);
}

/* SME: the streaming state and the ZA transfer. */
static void print_sme(const struct run *u)
{
	static const char *const el = "bhsdq";
	const struct scase *c = u->c;

	printf("  SME: SVL %u bits (SMCR_EL1 0x%" PRIx64 ", svqs 0x%04" PRIx32 "), SVCR.SM %u, SVCR.ZA %u; Z/P at %u bits",
	       c->vl * 8, u->smcr, u->svqs, (unsigned)(c->st.svcr & RS_SVCR_SM), (unsigned)(c->st.svcr >> 1 & 1),
	       c->zvl * 8);
	if (c->za_kind == ZK_ARRAY)
		printf("; za[w%u, %u] (w%u 0x%08" PRIx64 "): vector %u", c->wv, c->zoff, c->wv, c->st.x[c->wv] & 0xffffffffu,
		       c->slice);
	else if (c->za_kind != ZK_NONE)
		printf("; za%u%c.%c[w%u, %u] (w%u 0x%08" PRIx64 "): slice %u", c->tile, c->za_kind == ZK_V ? 'v' : 'h',
		       el[c->esz], c->wv, c->zoff, c->wv, c->st.x[c->wv] & 0xffffffffu, c->slice);
	printf("%s\n", u->za_qbug ? "; qemu bug 5 changed the CPU's ZA (judged by the Arm ARM)" : "");
}

void print_case(const struct run *u)
{
	const struct scase *c = u->c;
	static const char *const pat[PAT_COUNT] = {"all", "none", "prefix", "random", "one", "suffix"};
	static const char *const plc[PL_COUNT] = {"plain", "across a page", "into the guard page", "from the guard page",
	                                          "inside the guard page"};
	unsigned i;

	printf("  VL %u bits (ZCR_EL1 0x%" PRIx64 ", vqs 0x%04" PRIx32 "), %s zt=%u", c->vl * 8, u->zcr, u->vqs, c->mn,
	       c->zt);
	if (c->pg != NOREG)
		printf(" pg=p%u", c->pg);
	if (c->shape != SK_GATHER) { /* a gather's: gather_print */
		printf(" rn=%u(0x%016" PRIx64 ")", c->rn, c->rn == 31 ? c->st.sp : c->st.x[c->rn]);
		if (c->rm == XZR)
			printf(" rm=xzr");
		else if (c->rm != NOREG)
			printf(" rm=%u(0x%016" PRIx64 ")", c->rm, c->xm);
		else
			printf(" offset %" PRId64, c->off);
	}
	printf("\n  ea 0x%" PRIx64 "%s span %u, %u active bytes, predicate %s, placement %s, tables %s\n", c->ea,
	       c->tag ? " (tagged)" : "", c->span, c->nact, c->pg != NOREG ? pat[c->pattern] : "-", plc[c->place],
	       el0_pt_swaps(u->pt) ? "with pages swapped" : "identity");
	if (c->pg != NOREG) {
		printf("  p%u:", c->pg);
		for (i = c->vl / 8; i-- > 0;)
			printf("%02x", c->st.p[c->pg][i]);
		printf(" (byte %u first)\n", c->vl / 8 - 1);
	}
	if (c->ff) {
		printf("  ffr:");
		for (i = c->vl / 8; i-- > 0;)
			printf("%02x", c->st.ffr[i]);
		printf(" on entry; first active element %u of %u; page boundary at ea+%" PRIu64 "\n", c->ff_first,
		       c->vl >> c->esz, (uint64_t)(PAGE - c->ea % PAGE));
	}
	if (c->fault)
		printf("  model: faults at 0x%" PRIx64 " (ea%+" PRId64 ")%s\n", c->far, (int64_t)(c->far - c->ea),
		       c->bug1 ? ", qemu 7.2 bug 1 applies" : "");
	if (c->undef)
		printf("  model: UNDEFINED (LD1RO with VL < 256)\n");
	if (c->shape == SK_GATHER)
		gather_print(c, opt.base.verbose);
	if (SCLASS_SME(u->cls))
		print_sme(u);
}

static void describe_report(char *out, size_t len, const struct trap_report *rep)
{
	report_describe(out, len, rep, trap_form_name(rep->form));
}

/* What each nisv path got wrong (nothing for a path that agreed). */
static void print_verdicts(const struct verdict *ve, const struct verdict *vt, const struct trap_report *rep)
{
	char dr[240];

	if (ve->nbad) {
		printf("  nisv_emulate:\n");
		verdict_print(ve);
	}
	if (vt->nbad) {
		describe_report(dr, sizeof dr, rep);
		printf("  nisv_handle_abort, %s:\n", dr);
		verdict_print(vt);
	}
}

void report_mismatch(const struct run *u, const struct verdict *ve, const struct verdict *vt,
                     const struct trap_report *rep, const struct verdict *vs, const struct trap_report *srep,
                     const char *stale_what)
{
	const struct scase *c = u->c;
	nisv_insn d;
	char dr[240];

	if (reported >= opt.base.max_report)
		return;
	reported++;
	printf("MISMATCH%s class %s word 0x%08" PRIx32 " (%s)%s\n",
	       u->qemu_known || u->za_qbug ? " [qemu-known: against the model]" : "",
	       u->cls->name, c->word, c->mn,
	       u->expect == EXP_FAULT ? " -- faults" : u->expect == EXP_UNDEF ? " -- UNDEFINED" : "");
	print_repro(u);
	memset(&d, 0, sizeof d);
	if (nisv_decode(c->word, &d) == NISV_OK)
		printf("  nisv decode: op %s rt %u rn %u rm %u esize 2^%u msize 2^%u nregs %u pg %u imm %" PRId64
		       " addr-mode %u flags 0x%x\n",
		       nisv_op_name(d.op), d.rt, d.rn, d.rm, d.esize_log2, d.msize_log2, d.nregs, d.pg, d.imm, d.addr, d.flags);
	else
		printf("  nisv decode: unsupported\n");
	print_case(u);
	print_verdicts(ve, vt, rep);
	if (vs && vs->nbad) {
		describe_report(dr, sizeof dr, srep);
		printf("  nisv_handle_abort, stale report (%s): %s\n", stale_what, dr);
		verdict_print(vs);
	}
}

void report_choice(const struct run *u, const struct verdict *ve, const struct verdict *vt,
                   const struct trap_report *rep)
{
	if (choice_reported++ >= opt.base.max_report)
		return;
	printf("NISV-CHOICE class %s word 0x%08" PRIx32 " (%s): not nisv's documented outcome\n", u->cls->name,
	       u->c->word, u->c->mn);
	print_repro(u);
	print_case(u);
	print_verdicts(ve, vt, rep);
}

void report_oracle(const struct run *u, const struct native_out *o, const char *why)
{
	stats[u->ci].oracle++;
	if (oracle_reported++ >= opt.base.max_report)
		return;
	printf("ORACLE class %s word 0x%08" PRIx32 " (%s): %s; CPU: %s%s (signal %d, si_code %d, addr 0x%" PRIx64 ")\n",
	       u->cls->name, u->c->word, u->c->mn, why, o->died ? "the emulator died" : o->sig ? "faulted" : "completed",
	       "", o->sig, o->si_code, o->addr);
	print_repro(u);
	print_case(u);
	if (u->c->ff && !o->sig && !o->died)
		print_ff_outcome(u, "CPU", u->cpu->z[u->c->zt], u->cpu->ffr);
}

void note_bug1_missed(const struct run *u)
{
	printf("NOTE qemu bug 1 predicted but the emulator did not abort: class %s word 0x%08" PRIx32 " (%s)\n",
	       u->cls->name, u->c->word, u->c->mn);
	print_repro(u);
	print_case(u);
}

void report_ok(const struct run *u, const struct trap_report *rep, const struct trap_report *srep,
               const char *stale_what)
{
	char dr[240];

	printf("case %s #%" PRIu64 ": ok\n", u->cls->name, u->index);
	if (rep) {
		describe_report(dr, sizeof dr, rep);
		printf("  trap report: %s\n", dr);
	}
	if (stale_what) {
		describe_report(dr, sizeof dr, srep);
		printf("  stale report (%s): %s\n", stale_what, dr);
	}
}

/* The first 24 elements from the first active one (all with --verbose);
 * value [data/old], * active, ! not loadable. */
void print_ff_outcome(const struct run *u, const char *who, const uint8_t *zt, const uint8_t *ffr)
{
	const struct scase *c = u->c;
	const struct ff_ctx *x = u->ffx;
	unsigned e, i, from = x->first < x->ne && x->first > 4 && !opt.base.verbose ? x->first - 4 : 0;

	printf("  %s ffr:", who);
	for (i = c->vl / 8; i-- > 0;)
		printf("%02x", ffr[i]);
	printf("\n  %s z%u from element %u (element: value [data/old], * active, ! not loadable):\n   ", who, c->zt, from);
	for (e = from; e < x->ne && (opt.base.verbose || e < from + 24); e++)
		printf(" %u%s%s:%" PRIx64 "[%" PRIx64 "/%" PRIx64 "]", e, x->active[e] ? "*" : "",
		       x->active[e] && e >= x->lim ? "!" : "", ff_elem(zt, e, c->esz), x->data[e],
		       ff_elem(c->st.z[c->zt], e, c->esz));
	printf("\n");
}

/* The counters of s added to t (every member of struct class_stats is a
 * uint64_t counter). */
static void add_counts(struct class_stats *t, const struct class_stats *s)
{
	uint64_t a[sizeof *t / sizeof(uint64_t)], b[sizeof *t / sizeof(uint64_t)];

	_Static_assert(sizeof *t % sizeof(uint64_t) == 0, "class_stats: counters only");
	memcpy(a, t, sizeof a);
	memcpy(b, s, sizeof b);
	for (unsigned i = 0; i < sizeof a / sizeof a[0]; i++)
		a[i] += b[i];
	memcpy(t, a, sizeof a);
}

static void class_line(unsigned ci, const struct class_stats *s)
{
	uint64_t qk_ff = 0;

	for (unsigned f = 1; f < QB_COUNT; f++)
		qk_ff += s->ff_qk[f];
	printf("  %-10s %7" PRIu64 " cases, mismatches %6" PRIu64 " emulate %6" PRIu64 " trap; %6" PRIu64
	       " faults, %5" PRIu64 " UNDEFINED, %5" PRIu64 " none active, %6" PRIu64 " element across a page, %5" PRIu64
	       " qemu-known, %" PRIu64 " oracle, %" PRIu64 " nisv-choice\n",
	       sclasses[ci].name, s->run, s->mism, s->tmism, s->faults, s->undef, s->noact, s->cross_elem,
	       s->qemu_known + qk_ff + s->za_qk, s->oracle, s->choice + s->tchoice);
}

int summary(uint64_t total)
{
	struct class_stats t, ff, sme;
	unsigned ci, vq, ncls = 0, nsme = 0;

	memset(&t, 0, sizeof t);
	memset(&ff, 0, sizeof ff);   /* the LDFF1/LDNF1 classes */
	memset(&sme, 0, sizeof sme); /* the SME classes */
	for (ci = 0; ci < nsclasses; ci++) {
		const struct class_stats *s = &stats[ci];

		if (!s->run)
			continue;
		ncls++;
		add_counts(&t, s);
		if (sclasses[ci].ff)
			add_counts(&ff, s);
		if (SCLASS_SME(&sclasses[ci])) {
			add_counts(&sme, s);
			nsme++;
		}
		if (opt.base.verbose || s->mism || s->tmism || s->oracle || s->choice || s->tchoice)
			class_line(ci, s);
	}
	printf("differential-sve: VL (bits):");
	for (vq = 1; vq <= 16; vq++)
		if (per_vq[vq])
			printf(" %u: %" PRIu64, vq * 128, per_vq[vq]);
	printf("\ndifferential-sve: predicates: %" PRIu64 " all, %" PRIu64 " none, %" PRIu64 " prefix, %" PRIu64
	       " random, %" PRIu64 " one, %" PRIu64 " suffix\n",
	       per_pattern[PAT_ALL], per_pattern[PAT_NONE], per_pattern[PAT_PREFIX], per_pattern[PAT_RANDOM],
	       per_pattern[PAT_ONE], per_pattern[PAT_SUFFIX]);
	printf("differential-sve: placements: %" PRIu64 " plain, %" PRIu64 " across a page, %" PRIu64 " into the guard page, %" PRIu64
	       " from it, %" PRIu64 " inside it; %" PRIu64 " with an element split across a page; %" PRIu64
	       " CPU faults (translation), %" PRIu64 " UNDEFINED, %" PRIu64 " with no active element\n",
	       per_place[PL_PLAIN], per_place[PL_CROSS], per_place[PL_GUARD_ABOVE], per_place[PL_GUARD_BELOW],
	       per_place[PL_GUARD_INSIDE], t.cross_elem, t.faults, t.undef, t.noact);
	printf("differential-sve: qemu-known: %" PRIu64 " cases (qemu 7.2 bug 1: the emulator aborted on a load (or an SME "
	       "tile-slice store) whose active element k > 0 straddles into the unmapped page), judged by the architecture's rule instead: %" PRIu64
	       " of them mismatch; %" PRIu64 " more predicted but not hit; %" PRIu64 " avoided (--bug1)\n",
	       t.qemu_known, t.qemu_known_mism, t.bug1_missed, t.bug1_avoided);
	if (t.oracle)
		printf("differential-sve: %" PRIu64 " cases where the CPU and the model disagree (ORACLE lines: a harness "
		       "error or an unknown emulator bug)\n",
		       t.oracle);
	printf("differential-sve-trap: reports: %" PRIu64 " ISV=0, %" PRIu64 " ISV=0 in KVM's form, %" PRIu64
	       " with no active element (stale by definition); %" PRIu64 " on accesses across a page (%" PRIu64
	       " on the second page); %" PRIu64 " stale reports (%" PRIu64 " not refused); %" PRIu64
	       " cases with VA != IPA; %" PRIu64 " cases without a report (UNDEFINED, LDNF1, or nothing on a mapped "
	       "page)\n",
	       t.form[TR_ISV0], t.form[TR_KVM], t.form[TR_NOACT], t.rcross, t.rsecond, t.stale, t.stale_bad, t.swapped,
	       t.trap_skip);
	if (ff.run)
		printf("differential-sve: first-fault/non-fault loads: %" PRIu64 " cases judged by the permitted-outcome rule "
		       "(%" PRIu64 " with the first active element on the unmapped page, %" PRIu64 " LDFF1 faults; %" PRIu64
		       " with a later one there); nisv-choice mismatches: %" PRIu64 " emulate, %" PRIu64 " trap; "
		       "qemu-known (qemu's outcome not permitted, reproduced by a model of its helper): %" PRIu64
		       " bug 2, %" PRIu64 " bug 3, %" PRIu64 " bug 4\n",
		       ff.run, ff.ff_first_guard, ff.faults, ff.ff_later_guard, t.choice, t.tchoice, t.ff_qk[QB_WIDE_ELEM0],
		       t.ff_qk[QB_NF_SPLIT], t.ff_qk[QB_PAST_SPLIT]);
	if (t.gathers)
		printf("differential-sve: gathers/scatters: %" PRIu64 " cases; active elements at one address %" PRIu64
		       ", overlapping otherwise %" PRIu64 ", a later one at a lower address %" PRIu64 ", on two pages or more %"
		       PRIu64 "; tagged addresses %" PRIu64 "; elements at any address (inactive, or PRF's) %" PRIu64 "\n",
		       t.gathers, t.gflags[GS_DUP], t.gflags[GS_OVERLAP], t.gflags[GS_UNORDERED], t.gflags[GS_PAGES],
		       t.gflags[GS_TAGGED], t.gflags[GS_WILD]);
	if (sme.run) {
		printf("differential-sme: SVL (bits):");
		for (vq = 1; vq <= 16; vq++)
			if (per_svq[vq])
				printf(" %u: %" PRIu64, vq * 128, per_svq[vq]);
		printf("; %" PRIu64 " in streaming mode, %" PRIu64 " with ZA on; qemu-known (qemu bug 5: a vertical tile-slice "
		       "load left inactive elements unzeroed), judged by the Arm ARM: %" PRIu64 "\n",
		       sme.sm, sme.za, sme.za_qk);
	}
	printf("differential-sme: %" PRIu64 " cases, %u classes, %" PRIu64 " mismatches\n", sme.run - sme.unjudged, nsme,
	       sme.mism_any);
	printf("differential-sve: %" PRIu64 " cases, %u classes, %" PRIu64 " mismatches\n", total - t.unjudged, ncls,
	       t.mism);
	printf("differential-sve-trap: %" PRIu64 " cases, %u classes, %" PRIu64 " mismatches\n", t.trap_run, ncls,
	       t.tmism);
	return t.mism || t.tmism || t.choice || t.tchoice || t.oracle;
}
