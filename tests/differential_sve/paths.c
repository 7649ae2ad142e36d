/*
 * The nisv side of a case, from the CPU's initial state against the same
 * memory:
 *   path_emulate  nisv_emulate() on the word;
 *   path_trap     nisv_handle_abort() on the report the architecture would
 *                 make (trap_sve.c), one vCPU kept across cases;
 *   path_stale    nisv_handle_abort() on a report no execution could raise:
 *                 NISV_RETRY, nothing done.
 * The nisv_state has .sve set: Z (VL/8 bytes), P and FFR (VL/64 bytes) come
 * from the case, the bytes above the VL, V (unused with .sve), ZA and ZT0
 * hold a poison that must survive. The state is Linux's EL0: EL0t, the MMU
 * on (../support/el0_tables.h), ZCR_EL1.LEN asking for the case's VL (or more, with only
 * shorter lengths implemented above it). SME classes: SVCR as the case
 * runs, SMCR_EL1.LEN asking for its streaming VL (the same way), ZA's
 * SVL/8 rows of SVL/8 bytes from the case when ZA is on (sme_za.h); Z, P
 * and FFR then have the streaming VL in streaming mode.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../support/el0_state.h"
#include "../support/range.h"
#include "memctx.h"
#include "run.h"
#include "sme_za.h"

/* SCTLR_EL1 as Linux runs EL0: M, C, I, SA0, DZE, UCT, UCI, nTWI/nTWE. */
#define SCTLR_VAL ((1ull << 0) | (1ull << 2) | (1ull << 12) | (1ull << 4) | (1ull << 14) | (1ull << 15) | \
                   (1ull << 16) | (1ull << 18) | (1ull << 26))

static struct nisv_sve_state sve_e, sve_t, sve_s; /* one per path */

void paths_init(void)
{
	struct nisv_sve_state *s[3] = {&sve_e, &sve_t, &sve_s};

	for (unsigned i = 0; i < 3; i++) {
		memset(s[i]->za, POISON, sizeof s[i]->za);
		memset(s[i]->zt0, POISON, sizeof s[i]->zt0);
	}
}

static int all_poison(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != POISON)
			return 0;
	return 1;
}

int paths_za_intact(void)
{
	const struct nisv_sve_state *s[3] = {&sve_e, &sve_t, &sve_s};

	for (unsigned i = 0; i < 3; i++)
		if (!all_poison(&s[i]->za[0][0], sizeof s[i]->za) || !all_poison(s[i]->zt0, sizeof s[i]->zt0))
			return 0;
	return 1;
}

void seg_copy(uint8_t *dst, const uint8_t *src, uint64_t lo, uint64_t hi)
{
	const uint64_t g0 = (uint64_t)GUARD_PAGE * PAGE, g1 = g0 + PAGE;

	if (lo < g0 && hi > lo)
		memcpy(dst + lo, src + lo, (hi < g0 ? hi : g0) - lo);
	if (hi > g1 && hi > lo) {
		uint64_t a = lo > g1 ? lo : g1;

		memcpy(dst + a, src + a, hi - a);
	}
}

static void setup(const struct run *u, nisv_state *ns, struct nisv_sve_state *sv, struct memctx *m)
{
	const struct scase *c = u->c;
	const struct el0_sys sys = {u->pc0, u->sp_el1, SCTLR_VAL, 4, u->pt};
	unsigned n, vl = c->zvl, pl = c->zvl / 8;

	el0_state_init(ns, c->st.x, c->st.sp, c->st.nzcv, &sys);
	ns->reg[NISV_ZCR_EL1] = u->zcr;
	ns->reg[NISV_SVCR] = c->st.svcr;
	ns->reg[NISV_SMCR_EL1] = u->smcr;
	memset(ns->v, POISON, sizeof ns->v);
	ns->sve = sv;
	for (n = 0; n < 32; n++) {
		memcpy(sv->z[n], c->st.z[n], vl);
		memset(sv->z[n] + vl, POISON, sizeof sv->z[n] - vl);
	}
	for (n = 0; n < 16; n++) {
		memcpy(sv->p[n], c->st.p[n], pl);
		memset(sv->p[n] + pl, POISON, sizeof sv->p[n] - pl);
	}
	memcpy(sv->ffr, c->st.ffr, pl);
	memset(sv->ffr + pl, POISON, sizeof sv->ffr - pl);
	za_nisv_load(sv, c);
	memctx_init(m, u->pt, c, &env);
	m->mc.fetch_ipa = u->pc0; /* the stub page is identity-mapped */
}

static void vcpu_setup(const struct run *u, nisv_vcpu *vcpu, nisv_state *ns, struct memctx *m, int init)
{
	if (init && nisv_vcpu_init(vcpu, &nisv_state_reg_ops, ns, u->index & 2 ? &memcheck_ops_mapped : &memcheck_ops,
	                           &m->mc) != NISV_OK) {
		fprintf(stderr, "differential-sve: nisv_vcpu_init failed\n");
		exit(3);
	}
	nisv_vcpu_set_vector_lengths(vcpu, u->vqs, u->svqs);
}

/* --mutate: corrupt one register or byte nisv left; must be caught. */
static void mutate(const struct run *u, struct rng *r, nisv_state *ns)
{
	const struct scase *c = u->c;

	switch (u->index % (c->st.za ? 5 : 4)) {
	case 0: {
		uint64_t a = u->w_lo + rnd_below(r, u->w_hi - u->w_lo);

		if (native_is_guard(&env, a)) /* the window may be all guard page */
			a = a < env.guard_lo + PAGE / 2 ? env.guard_lo - 1 : env.guard_hi;
		if (a >= u->w_lo && a < u->w_hi) {
			env.buf[a - (uint64_t)(uintptr_t)env.buf] ^= (uint8_t)(1u << rnd_below(r, 8));
			break;
		}
	}
		/* fall through */
	case 1:
		ns->sve->z[rnd_below(r, 32)][rnd_below(r, c->zvl)] ^= (uint8_t)(1u << rnd_below(r, 8));
		break;
	case 2:
		ns->sve->p[rnd_below(r, 16)][rnd_below(r, c->zvl / 8)] ^= (uint8_t)(1u << rnd_below(r, 8));
		break;
	case 4: /* ZA on: one of its SVL/8 x SVL/8 bytes */
		ns->sve->za[rnd_below(r, c->vl)][rnd_below(r, c->vl)] ^= (uint8_t)(1u << rnd_below(r, 8));
		break;
	default:
		ns->reg[rnd_below(r, 32)] ^= 1ull << rnd_below(r, 64);
		break;
	}
}

/* Bytes of a vector file register: the first n against want, the rest
 * against the poison. */
static void check_bytes(struct verdict *v, const char *name, unsigned idx, const uint8_t *got, const uint8_t *want,
                        const uint8_t *init, unsigned n, unsigned total, const char *wn)
{
	unsigned i, ndiff = 0, first = 0;

	for (i = 0; i < n; i++)
		if (got[i] != want[i] && !ndiff++)
			first = i;
	if (ndiff)
		bad(v, "%s%-2u  %u of %u bytes differ, first byte %u: init %02x  %s %02x  nisv %02x", name, idx, ndiff, n,
		    first, init[first], wn, want[first], got[first]);
	for (i = n; i < total; i++)
		if (got[i] != POISON) {
			bad(v, "%s%-2u  nisv wrote byte %u, beyond the vector length (%u bytes)", name, idx, i, n);
			break;
		}
}

/* nisv's registers against want (PC pc_want). System registers come back
 * unchanged. */
static void check_regs_vs(struct verdict *v, const struct run *u, const nisv_state *ns, const nisv_state *ns0,
                          const struct sve_regs *want, const char *wn, uint64_t pc_want)
{
	const struct scase *c = u->c;
	unsigned i;

	el0_check_gprs(v, ns, ns0, want->x, want->sp, want->nzcv, pc_want, wn);
	for (i = 0; i < 32; i++)
		check_bytes(v, "z", i, ns->sve->z[i], want->z[i], c->st.z[i], c->zvl, sizeof ns->sve->z[i], wn);
	for (i = 0; i < 16; i++)
		check_bytes(v, "p", i, ns->sve->p[i], want->p[i], c->st.p[i], c->zvl / 8, sizeof ns->sve->p[i], wn);
	check_bytes(v, "ffr", 0, ns->sve->ffr, want->ffr, c->st.ffr, c->zvl / 8, sizeof ns->sve->ffr, wn);
	if (SCLASS_SME(u->cls)) { /* (the others' ZA: paths_za_intact) */
		za_nisv_check(v, c, ns->sve, want->za, wn);
		za_nisv_poison(ns->sve); /* as the next case expects it */
	}
	if (!all_poison((const uint8_t *)ns->v, sizeof ns->v))
		bad(v, "nisv wrote nisv_state.v (unused when .sve is set)");
}

/* nisv's registers against the CPU's (PC + 4), or with `unchanged` the
 * initial ones (PC as it was). */
static void check_regs(struct verdict *v, const struct run *u, const nisv_state *ns, const nisv_state *ns0,
                       int unchanged)
{
	if (unchanged)
		check_regs_vs(v, u, ns, ns0, &u->c->st, "want", u->pc0);
	else
		check_regs_vs(v, u, ns, ns0, u->cpu, "cpu ", u->pc0 + 4);
}

static void hex_bytes(char *out, size_t n, const uint8_t *p, unsigned len)
{
	size_t k = 0;

	/* most significant byte first, like a predicate */
	while (len-- > 0 && k + 3 < n)
		k += (size_t)snprintf(out + k, n - k, "%02x", p[len]);
}

/*
 * LDFF1/LDNF1 completed: Zt and FFR must be a permitted outcome (ffjudge.h),
 * everything else as it was, PC + 4; into vc, where nisv departs from its
 * documented choice (Zt, FFR, or reads of elements it says it suppresses).
 */
static void check_ff(struct verdict *v, struct verdict *vc, const struct run *u, const nisv_state *ns,
                     const nisv_state *ns0, const struct memctx *m)
{
	static struct sve_regs want;
	const struct scase *c = u->c;
	const uint8_t *zt = ns->sve->z[c->zt], *ffr = ns->sve->ffr;
	uint8_t czt[256], cffr[32];
	char why[400], a[80], b[80];
	unsigned e;

	want = c->st;
	ff_nisv_choice(c, u->ffx, czt, cffr);
	if (ff_permitted(c, u->ffx, zt, ffr, why, sizeof why) == 0) {
		memcpy(want.z[c->zt], zt, c->vl);
		memcpy(want.ffr, ffr, c->vl / 8);
	} else {
		bad(v, "not a permitted outcome: %s", why);
		memcpy(want.z[c->zt], czt, c->vl); /* the differences from nisv's choice */
		memcpy(want.ffr, cffr, c->vl / 8);
	}
	check_regs_vs(v, u, ns, ns0, &want, "want", u->pc0 + 4);

	for (e = 0; e < u->ffx->ne; e++)
		if (ff_elem(zt, e, c->esz) != ff_elem(czt, e, c->esz)) {
			bad(vc, "z%u element %u: nisv 0x%" PRIx64 ", its documented choice 0x%" PRIx64 " (first active element %u)",
			    c->zt, e, ff_elem(zt, e, c->esz), ff_elem(czt, e, c->esz), u->ffx->first);
			break;
		}
	if (memcmp(ffr, cffr, c->vl / 8)) {
		hex_bytes(a, sizeof a, ffr, c->vl / 8);
		hex_bytes(b, sizeof b, cffr, c->vl / 8);
		bad(vc, "ffr: nisv %s, its documented choice %s", a, b);
	}
	if (m->nextra)
		bad(vc, "nisv read %u pieces of active elements it documents as suppressed", m->nextra);
}

/* The window (the CPU's result, or the initial bytes) plus whatever nisv
 * touched; then put the buffer back. */
static void check_memory(struct verdict *v, const struct run *u, const struct memctx *m, int unchanged)
{
	uint64_t buf = (uint64_t)(uintptr_t)env.buf, lo = u->w_lo, hi = u->w_hi, a;

	range_hull(&lo, &hi, m->mc.t_lo, m->mc.t_hi);
	for (a = lo; a < hi; a++) {
		uint64_t o = a - buf;
		uint8_t want, got;

		if (native_is_guard(&env, a))
			continue;
		want = (!unchanged && a >= u->w_lo && a < u->w_hi) ? cpu_mem[o] : shadow[o];
		got = env.buf[o];
		if (want != got)
			bad(v, "mem   0x%" PRIx64 " (ea%+" PRId64 ")  init %02x  %s %02x  nisv %02x", a, (int64_t)(a - u->c->ea),
			    shadow[o], unchanged ? "want" : "cpu ", want, got);
	}
	if (lo != hi)
		seg_copy(env.buf, shadow, lo - buf, hi - buf);
}

/* After a successful emulation every byte an active element touches was
 * read or written once per such element (a device sees each access once);
 * for LDFF1/LDNF1, c->act is LDFF1's first active element, the others may
 * be read, at most once each. */
static void check_counts(struct verdict *v, const struct memctx *m)
{
	const struct scase *c = m->c;
	unsigned i, nbad = 0;

	for (i = 0; i < c->span; i++) {
		/* LDFF1/LDNF1: MemNF[] may read each later active element once */
		if (m->cnt[i] == c->act[i] || (c->ff && m->cnt[i] > c->act[i] && m->cnt[i] <= active_at(c, c->ea + i)))
			continue;
		if (nbad++ < 2)
			bad(v, "byte ea+%u was accessed %u times, not %u (once per active element that touches it)", i,
			    m->cnt[i], c->act[i]);
	}
	if (nbad > 2)
		bad(v, "... %u bytes in all not accessed once per active element", nbad);
}

/* A fault the CPU (or the model) took: NISV_FAULT with the same exception. */
static void check_fault(struct verdict *v, const struct run *u, nisv_status status, const nisv_result *res,
                        const struct memctx *m, const char *fn)
{
	const struct scase *c = u->c;

	if (status != NISV_FAULT) {
		bad(v, "%s = %s, expected NISV_FAULT (%s)", fn, nisv_status_name(status),
		    u->expect == EXP_UNDEF ? "UNDEFINED: LD1RO with VL < 256" : "translation fault on the unmapped page");
		return;
	}
	if (u->expect == EXP_UNDEF) {
		if (res->fault != NISV_FAULT_UNDEFINED)
			bad(v, "%s: fault kind %u, expected NISV_FAULT_UNDEFINED", fn, res->fault);
		return;
	}
	if (res->fault != NISV_FAULT_TRANSLATION || res->level != 3)
		bad(v, "%s: fault kind %u level %d, expected a level-3 translation fault (NISV_FAULT_TRANSLATION)", fn,
		    res->fault, res->level);
	if ((res->va & 0x00ffffffffffffffull) != c->far)
		bad(v, "%s: FAR 0x%" PRIx64 ", expected 0x%" PRIx64 " (ea%+" PRId64 ", the first active access on the "
		       "unmapped page; nisv's is ea%+" PRId64 ")",
		    fn, res->va, c->far | c->tag, (int64_t)(c->far - c->ea),
		    (int64_t)((res->va & 0x00ffffffffffffffull) - c->ea));
	if (res->write != c->store)
		bad(v, "%s: write %u, expected %u", fn, res->write, c->store);
	if ((res->esr >> 26) != 0x24 || !(res->esr >> 25 & 1) || (res->esr >> 24 & 1) || (res->esr >> 10 & 1) ||
	    (res->esr >> 6 & 1) != c->store || (res->esr & 0x3f) != 0x07)
		bad(v, "%s: ESR_EL1 0x%08" PRIx32 ", expected EC 0x24, IL 1, ISV 0, FnV 0, WnR %u, DFSC 0x07", fn, res->esr,
		    c->store);
	if (m->mc.ndata)
		bad(v, "%s: %u data accesses before the fault", fn, m->mc.ndata);
}

void path_emulate(const struct run *u, struct rng *r, struct verdict *v, struct verdict *vc)
{
	static nisv_state ns, ns0;
	static struct memctx m;
	nisv_vcpu vcpu;
	nisv_result res;
	nisv_status status;
	int unchanged;

	setup(u, &ns, &sve_e, &m);
	ns0 = ns;
	vcpu_setup(u, &vcpu, &ns, &m, 1);
	memset(&res, 0, sizeof res);
	status = nisv_emulate(&vcpu, u->c->word, &res);
	if (u->expect == EXP_OK) {
		if (status != NISV_OK)
			bad(v, "nisv_emulate = %s (fault %u, level %d, write %u, va 0x%" PRIx64 ")", nisv_status_name(status),
			    res.fault, res.level, res.write, res.va);
		else
			check_counts(v, &m);
	} else {
		check_fault(v, u, status, &res, &m, "nisv_emulate");
	}
	if (opt.base.mutate)
		mutate(u, r, &ns);
	memcheck_verdict(v, &m.mc);
	unchanged = u->expect != EXP_OK || status != NISV_OK;
	if (u->c->ff && !unchanged)
		check_ff(v, vc, u, &ns, &ns0, &m);
	else
		check_regs(v, u, &ns, &ns0, unchanged);
	check_memory(v, u, &m, unchanged || u->c->ff);
}

/* Path 2 keeps one vCPU per memory-callback kind across all cases: the
 * walks it remembers must notice every change of tables and registers. */
static nisv_vcpu *persistent_vcpu(const struct run *u, nisv_state *ns, struct memctx *m)
{
	static nisv_vcpu vcpu[2];
	static int ready[2];
	unsigned k = (u->index & 2) != 0;

	vcpu_setup(u, &vcpu[k], ns, m, !ready[k]);
	ready[k] = 1;
	return &vcpu[k];
}

int path_trap(const struct run *u, struct rng *r, struct verdict *v, struct verdict *vc, struct trap_report *rep)
{
	static nisv_state ns, ns0;
	static struct memctx m;
	nisv_vcpu *vcpu;
	nisv_result res;
	nisv_status status;
	int unchanged;

	/* LDNF1 never traps: every access goes through MemNF[], which
	 * suppresses a stage-2 abort too */
	if (u->expect == EXP_UNDEF || u->c->ff == FF_NON || trap_report_build(r, u->c, u->pt, env.guard_lo, &opt.trap, rep) < 0)
		return 0;
	setup(u, &ns, &sve_t, &m);
	ns0 = ns;
	vcpu = persistent_vcpu(u, &ns, &m);
	memset(&res, 0, sizeof res);
	status = nisv_handle_abort(vcpu, &rep->ab, &res);
	if (rep->form == TR_NOACT) {
		if (status != NISV_RETRY)
			bad(v, "nisv_handle_abort = %s, expected NISV_RETRY (no element is active: nothing could fault; "
			       "fault %u, va 0x%" PRIx64 ")",
			    nisv_status_name(status), res.fault, res.va);
		if (m.mc.ndata)
			bad(v, "nisv_handle_abort: %u data accesses for a stale report", m.mc.ndata);
	} else if (u->expect == EXP_OK) {
		if (status != NISV_OK)
			bad(v, "nisv_handle_abort = %s, expected NISV_OK (fault %u, level %d, write %u, va 0x%" PRIx64 ")",
			    nisv_status_name(status), res.fault, res.level, res.write, res.va);
		else
			check_counts(v, &m);
	} else {
		check_fault(v, u, status, &res, &m, "nisv_handle_abort");
	}
	if (opt.base.mutate)
		mutate(u, r, &ns);
	memcheck_verdict(v, &m.mc);
	unchanged = rep->form == TR_NOACT || u->expect != EXP_OK || status != NISV_OK;
	if (u->c->ff && !unchanged)
		check_ff(v, vc, u, &ns, &ns0, &m);
	else
		check_regs(v, u, &ns, &ns0, unchanged);
	check_memory(v, u, &m, unchanged || u->c->ff);
	return 1;
}

const char *path_stale(const struct run *u, struct rng *r, struct verdict *v, struct trap_report *rep)
{
	static nisv_state ns, ns0;
	static struct memctx m;
	nisv_vcpu vcpu;
	nisv_result res;
	nisv_status status;
	const char *what;

	setup(u, &ns, &sve_s, &m);
	ns0 = ns;
	vcpu_setup(u, &vcpu, &ns, &m, 1);
	what = trap_report_stale(r, u->c, u->pt, env.guard_lo, &opt.trap, rep);
	memset(&res, 0, sizeof res);
	status = nisv_handle_abort(&vcpu, &rep->ab, &res);
	if (opt.base.mutate)
		mutate(u, r, &ns);
	report_stale_verdict(v, status, &res, m.mc.ndata);
	memcheck_verdict(v, &m.mc);
	check_regs(v, u, &ns, &ns0, 1);
	check_memory(v, u, &m, 1);
	return what;
}
