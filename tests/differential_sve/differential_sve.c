/*
 * CPU-oracle differential test for nisv's SVE loads and stores.
 *
 * For each case: pick a class, a vector length, random Z/P/FFR/X state, a
 * governing predicate pattern and an effective address (often across a
 * 4 KiB page, sometimes against the unmapped guard page); run the word for
 * real at that VL (native_sve.c); then from the same state against the same
 * memory run it through nisv_emulate() and nisv_handle_abort() (paths.c)
 * and compare X, SP, NZCV, PC, Z0-Z31, P0-P15, FFR and every byte either
 * side touched. A fault the CPU takes must come back as NISV_FAULT at the
 * same FAR with nothing changed. First-fault and non-fault loads are judged
 * by the architecture's permitted outcomes instead (ffjudge.h), the CPU's
 * as well as nisv's. See README.md in this directory.
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qemu_ff.h"
#include "run.h"

#define MARGIN 16u
#define FULLCHECK_EVERY 4096u

struct options opt = {
	.cases = 210000,
	.seed = 0x73766531u,
	.index = -1,
	.max_report = 20,
	.tbi = 8,
	.cross = 4,
	.fault = 8,
	.stale = 16,
	.scramble = 2,
	.noise = 1,
	.bug1 = 16,
	.trap = {.far = 2, .kvm = 4},
};

struct native_env env;
uint8_t shadow[BUFSZ];
uint8_t cpu_mem[BUFSZ];
static struct sve_pt pt_id, pt_swap;

static const struct sclass *cur_class;
static const struct scase *cur_case;
static uint64_t cur_index;

struct class_stats {
	uint64_t run, mism, tmism, trap_run, trap_skip;
	uint64_t faults, undef, noact, cross_elem, qemu_known, qemu_known_mism, oracle, bug1_missed, bug1_avoided;
	uint64_t form[TR_NFORMS], rcross, rsecond, stale, stale_bad, swapped;
	uint64_t unjudged;           /* the CPU and the model disagree: nisv not run */
	uint64_t choice, tchoice;    /* LDFF1/LDNF1: not nisv's documented choice  */
	uint64_t ff_qk[QB_COUNT];    /* ... qemu outcomes explained by a known bug */
	uint64_t ff_first_guard;     /* ... the first active element on the guard page */
	uint64_t ff_later_guard;     /* ... a later one (the first on a mapped page) */
	int supported;
};

static struct class_stats stats[32];
static uint64_t per_vq[17], per_place[PL_COUNT], per_pattern[PAT_COUNT];
static uint64_t reported, oracle_reported, choice_reported;

static void describe_case(char *out, unsigned long len)
{
	if (!cur_class || !cur_case) {
		snprintf(out, len, "(start-up)");
		return;
	}
	snprintf(out, len, "class %s, word 0x%08" PRIx32 " (%s), VL %u, repro: --seed %" PRIu64 " --class %s --index %" PRIu64,
	         cur_class->name, cur_case->word, cur_case->mn, cur_case->vl * 8, opt.seed, cur_class->name, cur_index);
}

static uint64_t fnv(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull;

	while (*s)
		h = (h ^ (uint8_t)*s++) * 0x100000001b3ull;
	return h;
}

static void fill_random(struct rng *r, uint8_t *p, uint64_t n)
{
	while (n >= 8) {
		uint64_t v = rng_next(r);

		memcpy(p, &v, 8);
		p += 8;
		n -= 8;
	}
	while (n--)
		*p++ = (uint8_t)rng_next(r);
}

/* VL: 128, 256, 512 and 2048 bits a fifth of the time each, the others
 * (384 ... 1920) the last fifth. */
static unsigned choose_vq(struct rng *r)
{
	static const unsigned main_vq[4] = {1, 2, 4, 16};
	static const unsigned other_vq[12] = {3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
	unsigned k = (unsigned)rnd_below(r, 5);

	return k < 4 ? main_vq[k] : other_vq[rnd_below(r, 12)];
}

/* The VLs nisv's vCPU implements: VQ, some shorter ones, and sometimes
 * ZCR_EL1.LEN above VQ - 1 with nothing implemented in between (CurrentVL
 * is then still VQ * 128). */
static void choose_vls(struct rng *r, unsigned vq, uint32_t *vqs, uint64_t *zcr)
{
	unsigned len = vq - 1;

	if (vq < 16 && chance(r, 1, 4))
		len += (unsigned)rnd_range(r, 1, 16 - (int64_t)vq);
	*vqs = 1u << (vq - 1);
	*vqs |= (uint32_t)rng_next(r) & ((1u << (vq - 1)) - 1);
	if (len < 15)
		*vqs |= (uint32_t)rng_next(r) & (0xffffu << (len + 1)) & 0xffffu;
	*zcr = len;
}

static void print_case(const struct run *u)
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
	printf(" rn=%u(0x%016" PRIx64 ")", c->rn, c->rn == 31 ? c->st.sp : c->st.x[c->rn]);
	if (c->rm == XZR)
		printf(" rm=xzr");
	else if (c->rm != NOREG)
		printf(" rm=%u(0x%016" PRIx64 ")", c->rm, c->xm);
	else
		printf(" offset %" PRId64, c->off);
	printf("\n  ea 0x%" PRIx64 "%s span %u, %u active bytes, predicate %s, placement %s, tables %s\n", c->ea,
	       c->tag ? " (tagged)" : "", c->span, c->nact, c->pg != NOREG ? pat[c->pattern] : "-", plc[c->place],
	       u->pt->swapped ? "with pages swapped" : "identity");
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
}

static void print_lines(const struct verdict *v)
{
	for (unsigned i = 0; i < v->nline; i++)
		printf("    %s\n", v->line[i]);
	if (v->nbad > v->nline)
		printf("    ... %u more differences\n", v->nbad - v->nline);
}

static void describe_report(char *out, size_t len, const struct trap_report *rep)
{
	const nisv_abort *ab = &rep->ab;

	snprintf(out, len, "%s: esr 0x%08" PRIx64 " ipa 0x%" PRIx64 " (va 0x%" PRIx64 "%s) far 0x%" PRIx64 "%s%s",
	         trap_form_name(rep->form), ab->esr, ab->ipa, rep->byte,
	         rep->second_page ? ", second page" : rep->crosses ? ", first page" : "", ab->far,
	         (ab->flags & NISV_ABORT_FAR_VALID) ? " FAR_VALID" : " (FAR not valid)",
	         (ab->flags & NISV_ABORT_ISS_ONLY) ? " ISS_ONLY" : "");
}

/* What each nisv path got wrong (nothing for a path that agreed). */
static void print_verdicts(const struct verdict *ve, const struct verdict *vt, const struct trap_report *rep)
{
	char dr[240];

	if (ve->nbad) {
		printf("  nisv_emulate:\n");
		print_lines(ve);
	}
	if (vt->nbad) {
		describe_report(dr, sizeof dr, rep);
		printf("  nisv_handle_abort, %s:\n", dr);
		print_lines(vt);
	}
}

static void report(const struct run *u, const struct verdict *ve, const struct verdict *vt, const struct trap_report *rep,
                   const struct verdict *vs, const struct trap_report *srep, const char *stale_what)
{
	const struct scase *c = u->c;
	nisv_insn d;
	char dr[240];

	printf("MISMATCH%s class %s word 0x%08" PRIx32 " (%s)%s\n", u->qemu_known ? " [qemu-known: against the model]" : "",
	       u->cls->name, c->word, c->mn,
	       u->expect == EXP_FAULT ? " -- faults" : u->expect == EXP_UNDEF ? " -- UNDEFINED" : "");
	printf("  repro: differential_sve --seed %" PRIu64 " --class %s --index %" PRIu64 " --verbose\n", opt.seed,
	       u->cls->name, u->index);
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
		print_lines(vs);
	}
}

/* LDFF1/LDNF1: a permitted outcome, but not the one nisv documents. */
static void choice_report(const struct run *u, const struct verdict *ve, const struct verdict *vt,
                          const struct trap_report *rep)
{
	printf("NISV-CHOICE class %s word 0x%08" PRIx32 " (%s): not nisv's documented outcome\n", u->cls->name,
	       u->c->word, u->c->mn);
	printf("  repro: differential_sve --seed %" PRIu64 " --class %s --index %" PRIu64 " --verbose\n", opt.seed,
	       u->cls->name, u->index);
	print_case(u);
	print_verdicts(ve, vt, rep);
}

/* The CPU and the model disagree: a harness error or a qemu bug. */
static void print_ff_outcome(const struct run *u, const char *who, const uint8_t *zt, const uint8_t *ffr);

static void oracle_report(const struct run *u, const struct native_out *o, const char *why)
{
	stats[u->ci].oracle++;
	if (oracle_reported++ >= opt.max_report)
		return;
	printf("ORACLE class %s word 0x%08" PRIx32 " (%s): %s; CPU: %s%s (signal %d, si_code %d, addr 0x%" PRIx64 ")\n",
	       u->cls->name, u->c->word, u->c->mn, why, o->died ? "the emulator died" : o->sig ? "faulted" : "completed",
	       "", o->sig, o->si_code, o->addr);
	printf("  repro: differential_sve --seed %" PRIu64 " --class %s --index %" PRIu64 " --verbose\n", opt.seed,
	       u->cls->name, u->index);
	print_case(u);
	if (u->c->ff && !o->sig && !o->died)
		print_ff_outcome(u, "CPU", u->cpu->z[u->c->zt], u->cpu->ffr);
}

/* LDFF1/LDNF1: Zt element by element against the data and the old value
 * (the first 24 elements from the first active one), and FFR. */
static void print_ff_outcome(const struct run *u, const char *who, const uint8_t *zt, const uint8_t *ffr)
{
	const struct scase *c = u->c;
	const struct ff_ctx *x = u->ffx;
	unsigned e, i, from = x->first < x->ne && x->first > 4 && !opt.verbose ? x->first - 4 : 0;

	printf("  %s ffr:", who);
	for (i = c->vl / 8; i-- > 0;)
		printf("%02x", ffr[i]);
	printf("\n  %s z%u from element %u (element: value [data/old], * active, ! not loadable):\n   ", who, c->zt, from);
	for (e = from; e < x->ne && (opt.verbose || e < from + 24); e++)
		printf(" %u%s%s:%" PRIx64 "[%" PRIx64 "/%" PRIx64 "]", e, x->active[e] ? "*" : "",
		       x->active[e] && e >= x->lim ? "!" : "", ff_elem(zt, e, c->esz), x->data[e],
		       ff_elem(c->st.z[c->zt], e, c->esz));
	printf("\n");
}

/* Every register but Zt and FFR, and the memory window, as they were. */
static int ff_rest_unchanged(const struct run *u)
{
	const struct scase *c = u->c;
	const struct sve_regs *cpu = u->cpu;
	uint64_t buf = (uint64_t)(uintptr_t)env.buf, a;
	unsigned i;

	if (memcmp(cpu->x, c->st.x, sizeof cpu->x) || cpu->sp != c->st.sp ||
	    (cpu->nzcv & 0xf0000000u) != (c->st.nzcv & 0xf0000000u))
		return 0;
	for (i = 0; i < 32; i++)
		if (i != c->zt && memcmp(cpu->z[i], c->st.z[i], c->vl))
			return 0;
	for (i = 0; i < 16; i++)
		if (memcmp(cpu->p[i], c->st.p[i], c->vl / 8))
			return 0;
	for (a = u->w_lo; a < u->w_hi; a++)
		if (!native_is_guard(&env, a) && cpu_mem[a - buf] != shadow[a - buf])
			return 0;
	return 1;
}

/*
 * LDFF1/LDNF1: the CPU against the architecture's rule (ffjudge.h). nisv
 * is judged by the same rule, never against the CPU, so it runs whatever
 * the CPU did (u->expect: the model's). An outcome the rule does not
 * permit is qemu-known when a known qemu bug produces exactly it, else an
 * ORACLE line.
 */
static void judge_cpu_ff(struct run *u, const struct native_out *o)
{
	const struct scase *c = u->c;
	struct class_stats *s = &stats[u->ci];
	char why[400], line[480];

	u->expect = c->fault ? EXP_FAULT : EXP_OK;
	if (o->died) {
		oracle_report(u, o, "the emulator died");
		return;
	}
	if (c->fault) {
		if (o->sig != SIGSEGV || (o->addr & 0x00ffffffffffffffull) != c->far)
			oracle_report(u, o, "the model says SIGSEGV at its FAR (LDFF1's first active element is on the "
			                    "unmapped page)");
		return;
	}
	if (o->sig) {
		u->ff_qbug = qemu_ff_bug(c, u->ffx, env.guard_lo, o, NULL);
		if (u->ff_qbug)
			s->ff_qk[u->ff_qbug]++;
		else
			oracle_report(u, o, c->ff == FF_NON ? "LDNF1 never faults"
			                                    : "LDFF1 faults only on its first active element");
		return;
	}
	if (!ff_rest_unchanged(u)) {
		oracle_report(u, o, "the CPU changed a register or memory byte besides Zt and FFR");
		return;
	}
	if (ff_permitted(c, u->ffx, u->cpu->z[c->zt], u->cpu->ffr, why, sizeof why) == 0)
		return;
	u->ff_qbug = qemu_ff_bug(c, u->ffx, env.guard_lo, o, u->cpu);
	if (u->ff_qbug) {
		s->ff_qk[u->ff_qbug]++;
		return;
	}
	snprintf(line, sizeof line, "qemu's outcome is not a permitted one and no known qemu bug explains it: %s", why);
	oracle_report(u, o, line);
}

/* The CPU's outcome against the model: sets u->expect; 0 when nisv can be
 * judged. */
static int judge_cpu(struct run *u, const struct native_out *o)
{
	const struct scase *c = u->c;

	if (c->ff) {
		judge_cpu_ff(u, o);
		return 0;
	}
	if (o->died) {
		if (c->bug1) {
			u->qemu_known = 1;
			u->expect = EXP_FAULT; /* the architecture: the model's fault */
			return 0;
		}
		oracle_report(u, o, "the emulator died (no known qemu bug applies)");
		return -1;
	}
	if (c->bug1 && stats[u->ci].bug1_missed++ < 4 && opt.verbose) {
		printf("NOTE qemu bug 1 predicted but the emulator did not abort: class %s word 0x%08" PRIx32 " (%s)\n",
		       u->cls->name, c->word, c->mn);
		printf("  repro: differential_sve --seed %" PRIu64 " --class %s --index %" PRIu64 " --verbose\n", opt.seed,
		       u->cls->name, u->index);
		print_case(u);
	}
	if (c->undef) {
		if (o->sig != SIGILL) {
			oracle_report(u, o, "the model says UNDEFINED");
			return -1;
		}
		u->expect = EXP_UNDEF;
		return 0;
	}
	if (c->fault) {
		if (o->sig != SIGSEGV || (o->addr & 0x00ffffffffffffffull) != c->far) {
			oracle_report(u, o, "the model says SIGSEGV at its FAR");
			return -1;
		}
		u->expect = EXP_FAULT;
		return 0;
	}
	if (o->sig) {
		oracle_report(u, o, "the model says no fault");
		return -1;
	}
	u->expect = EXP_OK;
	return 0;
}

static int element_splits(const struct scase *c)
{
	unsigned unit = c->shape == SK_LDR ? 1u : (unsigned)c->nregs << c->msz;

	for (uint64_t b = (c->ea | (PAGE - 1)) + 1; b < c->ea + c->span; b += PAGE)
		if ((b - c->ea) % unit)
			return 1;
	return 0;
}

/* Run one case: the CPU, then every nisv path. */
static void run_case(unsigned ci, uint64_t index)
{
	static struct scase c;
	static struct sve_regs cpu;
	static struct run u;
	static struct verdict ve, vt, vs, vce, vct;
	static struct ff_ctx ffx;
	const struct sclass *cls = &sclasses[ci];
	struct class_stats *s = &stats[ci];
	struct trap_report rep, srep;
	struct native_out o;
	const char *stale_what = NULL;
	struct rng r;
	struct sgen g;
	uint64_t buf = (uint64_t)(uintptr_t)env.buf;
	unsigned vq;
	int trap_ran;

	rng_seed(&r, opt.seed ^ fnv(cls->name) ^ (index * 0x9e3779b97f4a7c15ull));
	vq = opt.vl ? opt.vl / 16 : choose_vq(&r);
	if (vq * 16 > env.max_vl)
		vq = env.max_vl / 16;
	memset(&g, 0, sizeof g);
	g.r = &r;
	g.vl = vq * 16;
	g.buf = buf;
	g.cross = opt.cross;
	g.fault = opt.fault;
	g.tbi = opt.tbi;
	g.noise = opt.noise;
	g.bug1 = opt.bug1;

	memset(&c, 0, sizeof c);
	c.rm = NOREG;
	sgen_init_state(&r, &c.st);
	cls->gen(&g, &c);
	sgen_finish(&g, &c);
	cur_class = cls;
	cur_case = &c;
	cur_index = index;
	if (opt.dump) {
		static const char *const sfx = "bhsd";

		printf("%s %08" PRIx32 " %s %s %c %u\n", cls->name, c.word, c.mn, c.shape == SK_LDR ? (c.preg ? "p" : "z") : "z",
		       c.shape == SK_LDR ? '-' : sfx[c.esz], c.nregs);
		return;
	}

	memset(&u, 0, sizeof u);
	u.ci = ci;
	u.index = index;
	u.cls = cls;
	u.c = &c;
	u.cpu = &cpu;
	u.pc0 = env.slot;
	u.sp_el1 = 0x5ee1000000000000ull | (rng_next(&r) & 0xfffffff0u);
	choose_vls(&r, vq, &u.vqs, &u.zcr);
	u.pt = &pt_id;
	if (opt.scramble && chance(&r, 1, opt.scramble)) {
		u.pt = &pt_swap;
		s->swapped++;
	}

	/* the memory window, random bytes */
	u.w_lo = c.ea < buf + MARGIN ? buf : c.ea - MARGIN;
	u.w_hi = c.ea + c.span + MARGIN > buf + env.bufsz ? buf + env.bufsz : c.ea + c.span + MARGIN;
	fill_random(&r, shadow + (u.w_lo - buf), u.w_hi - u.w_lo);
	seg_copy(env.buf, shadow, u.w_lo - buf, u.w_hi - buf);
	if (c.ff) {
		ff_prepare(&c, shadow + (c.ea - buf), env.guard_lo, &ffx);
		u.ffx = &ffx;
		s->ff_first_guard += ffx.first < ffx.ne && ffx.lim == ffx.first;
		s->ff_later_guard += ffx.lim < ffx.ne && ffx.lim > ffx.first;
	}

	if (opt.verbose && opt.index >= 0) {
		printf("case %s #%" PRIu64 ": word 0x%08" PRIx32 " (%s)\n", cls->name, index, c.word, c.mn);
		print_case(&u);
		fflush(stdout);
	}

	/* the CPU */
	if (native_set_vl(vq * 16) != 0) {
		fprintf(stderr, "differential-sve: cannot set VL %u\n", vq * 128);
		exit(3);
	}
	if (c.bug1 || (opt.fork_all && (c.fault || c.undef)))
		native_run_forked(&env, c.word, &c.st, &cpu, &o);
	else
		native_run(&env, c.word, &c.st, &cpu, &o);
	seg_copy(cpu_mem, env.buf, u.w_lo - buf, u.w_hi - buf);
	seg_copy(env.buf, shadow, u.w_lo - buf, u.w_hi - buf);

	s->run++;
	per_vq[vq]++;
	per_place[c.place]++;
	if (c.pg != NOREG)
		per_pattern[c.pattern]++;
	if (judge_cpu(&u, &o) != 0) {
		s->unjudged++;
		return;
	}
	if (c.ff && opt.verbose && opt.index >= 0) {
		if (!o.sig && !o.died)
			print_ff_outcome(&u, "CPU", cpu.z[c.zt], cpu.ffr);
		if (u.ff_qbug)
			printf("  the CPU's outcome is not permitted: qemu-known, %s\n", qemu_ff_bug_name(u.ff_qbug));
	}
	s->faults += u.expect == EXP_FAULT;
	s->undef += u.expect == EXP_UNDEF;
	s->noact += c.ff ? c.ff_first == (c.vl >> c.esz) : c.nact == 0 && !c.undef;
	s->cross_elem += element_splits(&c);
	s->qemu_known += u.qemu_known;
	s->bug1_avoided += c.bug1_avoided;

	ve.nbad = ve.nline = vt.nbad = vt.nline = vs.nbad = vs.nline = 0;
	vce.nbad = vce.nline = vct.nbad = vct.nline = 0;
	path_emulate(&u, &r, &ve, &vce);
	trap_ran = path_trap(&u, &r, &vt, &vct, &rep);
	if (trap_ran) {
		s->trap_run++;
		s->form[rep.form]++;
		s->rcross += rep.crosses;
		s->rsecond += rep.second_page;
	} else {
		s->trap_skip++;
	}
	if (opt.stale && u.expect == EXP_OK && c.nact && chance(&r, 1, opt.stale)) {
		stale_what = path_stale(&u, &r, &vs, &srep);
		s->stale++;
		s->stale_bad += vs.nbad != 0;
	}

	s->choice += vce.nbad != 0;
	s->tchoice += vct.nbad != 0;
	if ((vce.nbad || vct.nbad) && choice_reported++ < opt.max_report)
		choice_report(&u, &vce, &vct, &rep);
	if (ve.nbad == 0 && vt.nbad == 0 && vs.nbad == 0) {
		if (opt.verbose && opt.index >= 0) {
			char dr[240];

			printf("case %s #%" PRIu64 ": ok\n", cls->name, index);
			if (trap_ran) {
				describe_report(dr, sizeof dr, &rep);
				printf("  trap report: %s\n", dr);
			}
			if (stale_what) {
				describe_report(dr, sizeof dr, &srep);
				printf("  stale report (%s): %s\n", stale_what, dr);
			}
		}
		return;
	}
	if (ve.nbad)
		s->mism++;
	if (vt.nbad || vs.nbad)
		s->tmism++;
	if (u.qemu_known)
		s->qemu_known_mism++;
	if (reported < opt.max_report) {
		reported++;
		report(&u, &ve, &vt, &rep, stale_what ? &vs : NULL, &srep, stale_what);
	}
}

static void usage(void)
{
	printf("usage: differential_sve [--cases N] [--seed S] [--class NAME] [--index K] [--verbose] [--list]\n"
	       "                        [--max-report R] [--dump K] [--vl BITS] [--mutate 1] [--tbi K] [--cross K]\n"
	       "                        [--fault K] [--stale K] [--scramble K] [--far K] [--kvm K] [--fork-all 1]\n"
	       "                        [--noise 0] [--bug1 K]\n"
	       "  --cases N     total cases, spread evenly over the classes (default 210000)\n"
	       "  --class NAME  run one class only; --index K: only case K of it (replays a repro line)\n"
	       "  --dump K      print K generated words per class and exit (check_encoders.sh)\n"
	       "  --vl BITS     run every case at this vector length (default: random per case)\n"
	       "  --mutate 1    harness self-check: corrupt every nisv result; all must mismatch\n"
	       "  --tbi K       1 in K cases gets a tag in bits 63:56 of the address (default 8; 0: never)\n"
	       "  --cross K     1 in K cases placed across a page boundary (default 4)\n"
	       "  --fault K     1 in K cases placed against the unmapped guard page (default 8)\n"
	       "  --stale K     1 in K cases also gets a stale report (default 16)\n"
	       "  --scramble K  1 in K cases runs with the buffer's pages swapped in pairs (default 2)\n"
	       "  --far K, --kvm K  1 in K trap reports with a valid FAR (2) / in KVM's form (4)\n"
	       "  --noise 0     predicates never have bits set that no element uses (default 1: half of them)\n"
	       "  --bug1 K      keep 1 in K cases qemu 7.2 bug 1 applies to, run in a forked child (default 16;\n"
	       "                0: none); the others get the straddling structure's predicate bit cleared\n"
	       "  --fork-all 1  run every faulting case in a forked child (to look for emulator aborts)\n");
}

static uint64_t num(const char *s)
{
	char *e;
	uint64_t v = strtoull(s, &e, 0);

	if (*e) {
		fprintf(stderr, "differential-sve: bad number '%s'\n", s);
		exit(3);
	}
	return v;
}

static int parse(int argc, char **argv, int *list)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--verbose") || !strcmp(a, "-v")) {
			opt.verbose = 1;
			continue;
		}
		if (!strcmp(a, "--list")) {
			*list = 1;
			continue;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage();
			exit(0);
		}
		if (!v) {
			usage();
			return -1;
		}
		i++;
		if (!strcmp(a, "--cases"))
			opt.cases = num(v);
		else if (!strcmp(a, "--seed"))
			opt.seed = num(v);
		else if (!strcmp(a, "--class"))
			opt.only = v;
		else if (!strcmp(a, "--index"))
			opt.index = (int64_t)num(v);
		else if (!strcmp(a, "--max-report"))
			opt.max_report = (unsigned)num(v);
		else if (!strcmp(a, "--dump"))
			opt.dump = (unsigned)num(v);
		else if (!strcmp(a, "--vl"))
			opt.vl = (unsigned)num(v) / 8;
		else if (!strcmp(a, "--mutate"))
			opt.mutate = (int)num(v);
		else if (!strcmp(a, "--tbi"))
			opt.tbi = (unsigned)num(v);
		else if (!strcmp(a, "--cross"))
			opt.cross = (unsigned)num(v);
		else if (!strcmp(a, "--fault"))
			opt.fault = (unsigned)num(v);
		else if (!strcmp(a, "--stale"))
			opt.stale = (unsigned)num(v);
		else if (!strcmp(a, "--scramble"))
			opt.scramble = (unsigned)num(v);
		else if (!strcmp(a, "--far"))
			opt.trap.far = (unsigned)num(v);
		else if (!strcmp(a, "--kvm"))
			opt.trap.kvm = (unsigned)num(v);
		else if (!strcmp(a, "--bug1"))
			opt.bug1 = (unsigned)num(v);
		else if (!strcmp(a, "--noise"))
			opt.noise = (int)num(v);
		else if (!strcmp(a, "--fork-all"))
			opt.fork_all = (int)num(v);
		else {
			usage();
			return -1;
		}
	}
	if (opt.vl && (opt.vl % 16 || opt.vl > 256)) {
		fprintf(stderr, "differential-sve: --vl must be a multiple of 128 up to 2048\n");
		return -1;
	}
	return 0;
}

static int buffer_intact(void)
{
	const uint64_t g0 = (uint64_t)GUARD_PAGE * PAGE, g1 = g0 + PAGE;

	return !memcmp(env.buf, shadow, g0) && !memcmp(env.buf + g1, shadow + g1, BUFSZ - g1);
}

static void summary(uint64_t total, unsigned nsel)
{
	uint64_t mism = 0, tmism = 0, trap_run = 0, trap_skip = 0, faults = 0, undef = 0, noact = 0, cross_elem = 0;
	uint64_t qk = 0, qk_mism = 0, oracle = 0, missed = 0, forms[TR_NFORMS] = {0}, rcross = 0, rsecond = 0;
	uint64_t stale = 0, stale_bad = 0, swapped = 0, avoided = 0, unjudged = 0;
	uint64_t ff_cases = 0, ff_faults = 0, choice = 0, tchoice = 0, ff_qk[QB_COUNT] = {0}, ff_fg = 0, ff_lg = 0;
	unsigned ci, f, vq, ncls = 0;

	for (ci = 0; ci < nsclasses; ci++) {
		const struct class_stats *s = &stats[ci];
		uint64_t qk_ff = 0;

		if (!s->run)
			continue;
		for (f = 1; f < QB_COUNT; f++)
			qk_ff += s->ff_qk[f];
		ncls++;
		mism += s->mism;
		tmism += s->tmism;
		trap_run += s->trap_run;
		trap_skip += s->trap_skip;
		faults += s->faults;
		undef += s->undef;
		noact += s->noact;
		cross_elem += s->cross_elem;
		qk += s->qemu_known;
		qk_mism += s->qemu_known_mism;
		oracle += s->oracle;
		missed += s->bug1_missed;
		avoided += s->bug1_avoided;
		for (f = 0; f < TR_NFORMS; f++)
			forms[f] += s->form[f];
		rcross += s->rcross;
		rsecond += s->rsecond;
		stale += s->stale;
		stale_bad += s->stale_bad;
		swapped += s->swapped;
		unjudged += s->unjudged;
		if (sclasses[ci].ff) {
			ff_cases += s->run;
			ff_faults += s->faults;
			ff_fg += s->ff_first_guard;
			ff_lg += s->ff_later_guard;
		}
		choice += s->choice;
		tchoice += s->tchoice;
		for (f = 0; f < QB_COUNT; f++)
			ff_qk[f] += s->ff_qk[f];
		if (opt.verbose || s->mism || s->tmism || s->oracle || s->choice || s->tchoice)
			printf("  %-10s %7" PRIu64 " cases, mismatches %6" PRIu64 " emulate %6" PRIu64 " trap; %6" PRIu64
			       " faults, %5" PRIu64 " UNDEFINED, %5" PRIu64 " none active, %6" PRIu64 " element across a page, %5" PRIu64
			       " qemu-known, %" PRIu64 " oracle, %" PRIu64 " nisv-choice\n",
			       sclasses[ci].name, s->run, s->mism, s->tmism, s->faults, s->undef, s->noact, s->cross_elem,
			       s->qemu_known + qk_ff, s->oracle,
			       s->choice + s->tchoice);
	}
	(void)nsel;
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
	       per_place[PL_GUARD_INSIDE], cross_elem, faults, undef, noact);
	printf("differential-sve: qemu-known: %" PRIu64 " cases (qemu 7.2 bug 1: the emulator aborted on a load whose "
	       "active element k > 0 straddles into the unmapped page), judged by the architecture's rule instead: %" PRIu64
	       " of them mismatch; %" PRIu64 " more predicted but not hit; %" PRIu64 " avoided (--bug1)\n",
	       qk, qk_mism, missed, avoided);
	if (oracle)
		printf("differential-sve: %" PRIu64 " cases where the CPU and the model disagree (ORACLE lines: a harness "
		       "error or an unknown emulator bug)\n",
		       oracle);
	printf("differential-sve-trap: reports: %" PRIu64 " ISV=0, %" PRIu64 " ISV=0 in KVM's form, %" PRIu64
	       " with no active element (stale by definition); %" PRIu64 " on accesses across a page (%" PRIu64
	       " on the second page); %" PRIu64 " stale reports (%" PRIu64 " not refused); %" PRIu64
	       " cases with VA != IPA; %" PRIu64 " cases without a report (UNDEFINED, LDNF1, or nothing on a mapped "
	       "page)\n",
	       forms[TR_ISV0], forms[TR_KVM], forms[TR_NOACT], rcross, rsecond, stale, stale_bad, swapped, trap_skip);
	if (ff_cases)
		printf("differential-sve: first-fault/non-fault loads: %" PRIu64 " cases judged by the permitted-outcome rule "
		       "(%" PRIu64 " with the first active element on the unmapped page, %" PRIu64 " LDFF1 faults; %" PRIu64
		       " with a later one there); nisv-choice mismatches: %" PRIu64 " emulate, %" PRIu64 " trap; "
		       "qemu-known (qemu's outcome not permitted, reproduced by a model of its helper): %" PRIu64
		       " bug 2, %" PRIu64 " bug 3, %" PRIu64 " bug 4\n",
		       ff_cases, ff_fg, ff_faults, ff_lg, choice, tchoice, ff_qk[QB_WIDE_ELEM0], ff_qk[QB_NF_SPLIT],
		       ff_qk[QB_PAST_SPLIT]);
	printf("differential-sve: %" PRIu64 " cases, %u classes, %" PRIu64 " mismatches\n", total - unjudged, ncls, mism);
	printf("differential-sve-trap: %" PRIu64 " cases, %u classes, %" PRIu64 " mismatches\n", trap_run, ncls, tmism);
}

int main(int argc, char **argv)
{
	int list = 0;
	unsigned ci, nsel = 0;
	uint64_t quota, total = 0, k, since_check = 0, oracle = 0;

	if (parse(argc, argv, &list))
		return 3;
	if (list) {
		for (ci = 0; ci < nsclasses; ci++)
			printf("%s\n", sclasses[ci].name);
		return 0;
	}
	if (nsclasses > sizeof stats / sizeof stats[0])
		return 3;
	if (native_init(&env) != 0) {
		fprintf(stderr, "differential-sve: no SVE here (or the page size is not 4 KiB)\n");
		return 3;
	}
	native_set_describe(describe_case);
	if (sve_pt_build(&pt_id, &env, 0) || sve_pt_build(&pt_swap, &env, 1)) {
		fprintf(stderr, "differential-sve: cannot build the translation tables\n");
		return 3;
	}
	paths_init();
	{
		struct rng r;
		const uint64_t g0 = (uint64_t)GUARD_PAGE * PAGE, g1 = g0 + PAGE;

		rng_seed(&r, opt.seed);
		fill_random(&r, shadow, BUFSZ);
		memcpy(env.buf, shadow, g0);
		memcpy(env.buf + g1, shadow + g1, BUFSZ - g1);
	}
	if (opt.verbose)
		printf("differential-sve: buffer %p, guard page 0x%" PRIx64 ", slot 0x%" PRIx64 ", max VL %u bits, F64MM %s\n",
		       (void *)env.buf, env.guard_lo, env.slot, env.max_vl * 8, env.f64mm ? "yes" : "no");
	if (opt.only) {
		for (ci = 0; ci < nsclasses && strcmp(opt.only, sclasses[ci].name); ci++)
			;
		if (ci == nsclasses) {
			fprintf(stderr, "differential-sve: no class '%s' (see --list)\n", opt.only);
			return 3;
		}
	}
	for (ci = 0; ci < nsclasses; ci++) {
		if (opt.only && strcmp(opt.only, sclasses[ci].name))
			continue;
		stats[ci].supported = !sclasses[ci].need_f64mm || env.f64mm;
		if (stats[ci].supported)
			nsel++;
		else
			printf("differential-sve: class %s skipped: the CPU lacks FEAT_F64MM (LD1RO)\n", sclasses[ci].name);
	}
	quota = (opt.cases + (nsel ? nsel : 1) - 1) / (nsel ? nsel : 1);
	if (opt.dump)
		quota = opt.dump;

	for (ci = 0; ci < nsclasses; ci++) {
		if (!stats[ci].supported || (opt.only && strcmp(opt.only, sclasses[ci].name)))
			continue;
		for (k = 0; k < quota; k++) {
			if (opt.index >= 0 && (uint64_t)opt.index != k)
				continue;
			run_case(ci, k);
			total++;
			if (++since_check >= FULLCHECK_EVERY) {
				since_check = 0;
				if (!buffer_intact() || !paths_za_intact()) {
					fprintf(stderr, "differential-sve: harness error: the buffer (or ZA/ZT0) changed outside "
					                "the window (class %s, index %" PRIu64 ")\n",
					        sclasses[ci].name, k);
					return 3;
				}
			}
		}
	}
	if (opt.dump)
		return 0;
	cur_class = NULL;
	cur_case = NULL;
	if (!buffer_intact() || !paths_za_intact()) {
		fprintf(stderr, "differential-sve: harness error: the buffer (or ZA/ZT0) changed outside the window\n");
		return 3;
	}
	summary(total, nsel);
	for (ci = 0; ci < nsclasses; ci++)
		oracle += stats[ci].oracle;
	for (ci = 0; ci < nsclasses; ci++)
		if (stats[ci].mism || stats[ci].tmism || stats[ci].choice || stats[ci].tchoice)
			return 1;
	return oracle ? 1 : 0;
}
