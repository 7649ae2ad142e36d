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
 * as well as nisv's. SME classes run at a streaming VL in the SVCR state
 * the case says, and ZA is compared too (sme_za.h). The counters, the
 * report lines and the summary are report.c's. See README.md in this
 * directory.
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../support/class_loop.h"
#include "../support/native_sig.h"
#include "report.h"
#include "sme_za.h"

#define MARGIN 16u

struct options opt = {
	.base = {.cases = 210000, .seed = 0x73766531u, .index = -1, .max_report = 20, .tbi = 8, .cross = 4, .stale = 16,
	         .scramble = 2},
	.fault = 8,
	.noise = 1,
	.bug1 = 16,
	.trap = {.far = 2, .kvm = 4},
};

struct native_env env;
uint8_t shadow[BUFSZ];
uint8_t cpu_mem[BUFSZ];
static struct el0_pt pt_id, pt_swap;
static uint8_t za_init[256][256], za_cpu[256][256]; /* SME: the case's ZA, the CPU's */

static const struct sclass *cur_class;
static const struct scase *cur_case;
static uint64_t cur_index;

static void describe_case(char *out, unsigned long len)
{
	if (!cur_class || !cur_case) {
		snprintf(out, len, "(start-up)");
		return;
	}
	snprintf(out, len, "class %s, word 0x%08" PRIx32 " (%s), VL %u, repro: --seed %" PRIu64 " --class %s --index %" PRIu64,
	         cur_class->name, cur_case->word, cur_case->mn, cur_case->vl * 8, opt.base.seed, cur_class->name, cur_index);
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

/* SME: the streaming VQ, 1, 2, 4, 8 or 16 (as the CPU has them), or
 * --svl's; nisv's streaming lengths like choose_vls, powers of two only. */
static unsigned choose_svq(struct rng *r)
{
	unsigned k;

	if (opt.svl)
		return opt.svl / 16;
	do
		k = (unsigned)rnd_below(r, 5);
	while (!(env.sme_vls >> k & 1));
	return 1u << k;
}

static void choose_svls(struct rng *r, unsigned svq, uint32_t *svqs, uint64_t *smcr)
{
	unsigned len = svq - 1, k;

	if (svq < 16 && chance(r, 1, 4))
		len += (unsigned)rnd_range(r, 1, 16 - (int64_t)svq);
	*svqs = 1u << (svq - 1);
	for (k = 1; k <= 16; k *= 2)
		if (k != svq && (k < svq || k - 1 > len) && chance(r, 1, 2))
			*svqs |= 1u << (k - 1);
	*smcr = len;
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
		report_oracle(u, o, "the emulator died");
		return;
	}
	if (c->fault) {
		if (o->sig != SIGSEGV || (o->addr & 0x00ffffffffffffffull) != c->far)
			report_oracle(u, o, "the model says SIGSEGV at its FAR (LDFF1's first active element is on the "
			                    "unmapped page)");
		return;
	}
	if (o->sig) {
		u->ff_qbug = qemu_ff_bug(c, u->ffx, env.guard_lo, o, NULL);
		if (u->ff_qbug)
			s->ff_qk[u->ff_qbug]++;
		else
			report_oracle(u, o, c->ff == FF_NON ? "LDNF1 never faults"
			                                    : "LDFF1 faults only on its first active element");
		return;
	}
	if (!ff_rest_unchanged(u)) {
		report_oracle(u, o, "the CPU changed a register or memory byte besides Zt and FFR");
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
	report_oracle(u, o, line);
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
		report_oracle(u, o, "the emulator died (no known qemu bug applies)");
		return -1;
	}
	if (c->bug1 && stats[u->ci].bug1_missed++ < 4 && opt.base.verbose)
		note_bug1_missed(u);
	if (c->undef) {
		if (o->sig != SIGILL) {
			report_oracle(u, o, "the model says UNDEFINED");
			return -1;
		}
		u->expect = EXP_UNDEF;
		return 0;
	}
	if (c->fault) {
		if (o->sig != SIGSEGV || (o->addr & 0x00ffffffffffffffull) != c->far) {
			report_oracle(u, o, "the model says SIGSEGV at its FAR");
			return -1;
		}
		u->expect = EXP_FAULT;
		return 0;
	}
	if (o->sig) {
		report_oracle(u, o, "the model says no fault");
		return -1;
	}
	u->expect = EXP_OK;
	return c->st.za ? sme_judge_cpu(u, o) : 0;
}

static int element_splits(const struct scase *c)
{
	unsigned unit = c->shape == SK_LDR ? 1u : (unsigned)c->nregs << c->msz;

	if (c->shape == SK_GATHER)
		return gather_splits(c);
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
	unsigned vq, svq = 0;
	int trap_ran;

	rng_seed_case(&r, opt.base.seed, cls->name, index);
	vq = opt.vl ? opt.vl / 16 : choose_vq(&r);
	if (vq * 16 > env.max_vl)
		vq = env.max_vl / 16;
	if (SCLASS_SME(cls))
		svq = choose_svq(&r);
	memset(&g, 0, sizeof g);
	g.r = &r;
	g.vl = (svq ? svq : vq) * 16;
	g.buf = buf;
	g.cross = opt.base.cross;
	g.fault = opt.fault;
	g.tbi = opt.base.tbi;
	g.noise = opt.noise;
	g.bug1 = opt.bug1;

	memset(&c, 0, sizeof c);
	c.rm = NOREG;
	sgen_init_state(&r, &c.st);
	cls->gen(&g, &c, cls->arg);
	sgen_finish(&g, &c);
	c.zvl = c.vl;
	if (SCLASS_SME(cls))
		sme_finish(&g, &c, vq * 16, za_init);
	cur_class = cls;
	cur_case = &c;
	cur_index = index;
	if (opt.base.dump) {
		static const char *const sfx = "bhsdq";
		char mem[48] = "";

		/* gathers: the memory operand too (check_encoders.sh) */
		if (c.shape == SK_GATHER)
			gather_operand_text(&c, mem, sizeof mem);
		printf("%s %08" PRIx32 " %s %s %c %u%s%s\n", cls->name, c.word, c.mn,
		       c.shape == SK_LDR ? (c.preg ? "p" : "z") : "z", c.shape == SK_LDR ? '-' : sfx[c.esz], c.nregs,
		       *mem ? " " : "", mem);
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
	if (svq)
		choose_svls(&r, svq, &u.svqs, &u.smcr);
	u.pt = &pt_id;
	if (opt.base.scramble && chance(&r, 1, opt.base.scramble)) {
		u.pt = &pt_swap;
		s->swapped++;
	}

	/* the memory window, random bytes */
	u.w_lo = c.ea < buf + MARGIN ? buf : c.ea - MARGIN;
	u.w_hi = c.ea + c.span + MARGIN > buf + env.bufsz ? buf + env.bufsz : c.ea + c.span + MARGIN;
	rng_fill(&r, shadow + (u.w_lo - buf), u.w_hi - u.w_lo);
	seg_copy(env.buf, shadow, u.w_lo - buf, u.w_hi - buf);
	if (c.ff) {
		ff_prepare(&c, shadow + (c.ea - buf), env.guard_lo, &ffx);
		u.ffx = &ffx;
		s->ff_first_guard += ffx.first < ffx.ne && ffx.lim == ffx.first;
		s->ff_later_guard += ffx.lim < ffx.ne && ffx.lim > ffx.first;
	}

	if (opt.base.verbose && opt.base.index >= 0) {
		printf("case %s #%" PRIu64 ": word 0x%08" PRIx32 " (%s)\n", cls->name, index, c.word, c.mn);
		print_case(&u);
		fflush(stdout);
	}

	/* the CPU */
	if (native_set_vl(vq * 16) != 0 || (svq && native_set_svl(svq * 16) != 0)) {
		fprintf(stderr, "differential-sve: cannot set VL %u (SVL %u)\n", vq * 128, svq * 128);
		exit(3);
	}
	cpu.za = za_cpu;
	if (c.bug1 || (opt.fork_all && (c.fault || c.undef)))
		native_run_forked(&env, c.word, &c.st, &cpu, &o);
	else
		native_run(&env, c.word, &c.st, &cpu, &o);
	native_set_home(&env);
	seg_copy(cpu_mem, env.buf, u.w_lo - buf, u.w_hi - buf);
	seg_copy(env.buf, shadow, u.w_lo - buf, u.w_hi - buf);

	s->run++;
	per_vq[vq]++;
	per_svq[svq]++;
	s->sm += (c.st.svcr & RS_SVCR_SM) != 0;
	s->za += (c.st.svcr & RS_SVCR_ZA) != 0;
	per_place[c.place]++;
	if (c.pg != NOREG)
		per_pattern[c.pattern]++;
	if (c.shape == SK_GATHER) {
		unsigned fl = gather_flags(&c);

		s->gathers++;
		for (unsigned b = 0; b < GS_COUNT; b++)
			s->gflags[b] += fl >> b & 1;
	}
	if (judge_cpu(&u, &o) != 0) {
		s->unjudged++;
		return;
	}
	if (c.ff && opt.base.verbose && opt.base.index >= 0) {
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

	verdict_clear(&ve);
	verdict_clear(&vt);
	verdict_clear(&vs);
	verdict_clear(&vce);
	verdict_clear(&vct);
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
	if (opt.base.stale && u.expect == EXP_OK && c.nact && chance(&r, 1, opt.base.stale)) {
		stale_what = path_stale(&u, &r, &vs, &srep);
		s->stale++;
		s->stale_bad += vs.nbad != 0;
	}

	s->choice += vce.nbad != 0;
	s->tchoice += vct.nbad != 0;
	if (vce.nbad || vct.nbad)
		report_choice(&u, &vce, &vct, &rep);
	if (ve.nbad == 0 && vt.nbad == 0 && vs.nbad == 0) {
		if (opt.base.verbose && opt.base.index >= 0)
			report_ok(&u, trap_ran ? &rep : NULL, &srep, stale_what);
		return;
	}
	s->mism_any++;
	if (ve.nbad)
		s->mism++;
	if (vt.nbad || vs.nbad)
		s->tmism++;
	if (u.qemu_known)
		s->qemu_known_mism++;
	report_mismatch(&u, &ve, &vt, &rep, stale_what ? &vs : NULL, &srep, stale_what);
}

static void usage(void)
{
	printf("usage: differential_sve [--cases N] [--seed S] [--class NAME] [--index K] [--verbose] [--list]\n"
	       "                        [--max-report R] [--dump K] [--vl BITS] [--mutate 1] [--tbi K] [--cross K]\n"
	       "                        [--fault K] [--stale K] [--scramble K] [--far K] [--kvm K] [--fork-all 1]\n"
	       "                        [--noise 0] [--bug1 K] [--svl BITS]\n"
	       "  --cases N     total cases, spread evenly over the classes (default 210000)\n"
	       "  --class NAME  run one class only; --index K: only case K of it (replays a repro line)\n"
	       "  --dump K      print K generated words per class and exit (check_encoders.sh)\n"
	       "  --vl BITS     run every case at this vector length (default: random per case)\n"
	       "  --svl BITS    run every SME case at this streaming vector length (128, 256, ... 2048)\n"
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

static int parse(int argc, char **argv)
{
	const struct opt_row rows[] = {
		{"--vl", OPT_UINT, &opt.vl},
		{"--svl", OPT_UINT, &opt.svl},
		{"--fault", OPT_UINT, &opt.fault},
		{"--far", OPT_UINT, &opt.trap.far},
		{"--kvm", OPT_UINT, &opt.trap.kvm},
		{"--bug1", OPT_UINT, &opt.bug1},
		{"--noise", OPT_INT, &opt.noise},
		{"--fork-all", OPT_INT, &opt.fork_all},
	};
	int k = opt_parse("differential-sve", &opt.base, rows, sizeof rows / sizeof rows[0], argc, argv);

	if (k != 0) {
		usage();
		if (k > 0)
			exit(0);
		return -1;
	}
	opt.vl /= 8; /* bits to bytes */
	opt.svl /= 8;
	if (opt.vl && (opt.vl % 16 || opt.vl > 256)) {
		fprintf(stderr, "differential-sve: --vl must be a multiple of 128 up to 2048\n");
		return -1;
	}
	if (opt.svl && (opt.svl < 16 || opt.svl > 256 || (opt.svl & (opt.svl - 1)))) {
		fprintf(stderr, "differential-sve: --svl must be a power of two from 128 to 2048\n");
		return -1;
	}
	return 0;
}

/* Build the stage-1 tables: the stub page and the buffer but the guard
 * page; identity, and with the buffer's pages swapped in pairs (2k <->
 * 2k+1; the pair that holds the guard page left out). */
static int build_tables(void)
{
	const uint64_t page = (uint64_t)(uintptr_t)env.page, buf = (uint64_t)(uintptr_t)env.buf;
	const uint64_t map[3][2] = {{page, page + PAGE}, {buf, env.guard_lo}, {env.guard_hi, buf + BUFSZ}};
	const uint64_t swap[2][2] = {{buf, env.guard_lo}, {env.guard_hi + PAGE, buf + BUFSZ}};

	_Static_assert(GUARD_PAGE % 2 == 0 && BUF_PAGES % 2 == 0, "the guard page starts a pair");
	return el0_pt_build(&pt_id, 48, map, 3, NULL, 0) || el0_pt_build(&pt_swap, 48, map, 3, swap, 2);
}

static const char *class_name(unsigned ci)
{
	return sclasses[ci].name;
}

static int class_supported(unsigned ci)
{
	if (SCLASS_SME(&sclasses[ci]) && !(opt.svl ? env.sme_vls >> __builtin_ctz(opt.svl / 16) & 1 : env.sme_vls)) {
		printf("differential-sve: class %s skipped: the CPU lacks FEAT_SME (or that streaming VL)\n",
		       sclasses[ci].name);
		return 0;
	}
	if ((sclasses[ci].needs & NEED_SVE2) && !env.sve2) {
		printf("differential-sve: class %s skipped: the CPU lacks FEAT_SVE2\n", sclasses[ci].name);
		return 0;
	}
	if (!(sclasses[ci].needs & NEED_F64MM) || env.f64mm)
		return 1;
	printf("differential-sve: class %s skipped: the CPU lacks FEAT_F64MM (LD1RO)\n", sclasses[ci].name);
	return 0;
}

/* The buffer but the guard page, and ZA/ZT0 of the nisv states. */
static int intact(void)
{
	const uint64_t g0 = (uint64_t)GUARD_PAGE * PAGE, g1 = g0 + PAGE;

	return !memcmp(env.buf, shadow, g0) && !memcmp(env.buf + g1, shadow + g1, BUFSZ - g1) && paths_za_intact();
}

int main(int argc, char **argv)
{
	const struct class_loop loop = {"differential-sve", nsclasses, class_name, class_supported, run_case, intact,
	                                "the buffer (or ZA/ZT0) changed outside the window"};
	uint8_t sel[MAX_CLASSES];
	int n;
	unsigned ci;
	uint64_t quota, total;

	if (parse(argc, argv))
		return 3;
	if (opt.base.list) {
		for (ci = 0; ci < nsclasses; ci++)
			printf("%s\n", sclasses[ci].name);
		return 0;
	}
	if (nsclasses > MAX_CLASSES)
		return 3;
	if (native_init(&env) != 0) {
		fprintf(stderr, "differential-sve: no SVE here (or the page size is not 4 KiB)\n");
		return 3;
	}
	native_set_describe(describe_case);
	if (build_tables() != 0) {
		fprintf(stderr, "differential-sve: cannot build the translation tables\n");
		return 3;
	}
	paths_init();
	{
		struct rng r;
		const uint64_t g0 = (uint64_t)GUARD_PAGE * PAGE, g1 = g0 + PAGE;

		rng_seed(&r, opt.base.seed);
		rng_fill(&r, shadow, BUFSZ);
		memcpy(env.buf, shadow, g0);
		memcpy(env.buf + g1, shadow + g1, BUFSZ - g1);
	}
	if (opt.base.verbose)
		printf("differential-sve: buffer %p, guard page 0x%" PRIx64 ", slot 0x%" PRIx64 ", max VL %u bits, F64MM %s\n",
		       (void *)env.buf, env.guard_lo, env.slot, env.max_vl * 8, env.f64mm ? "yes" : "no");
	n = class_select(&loop, opt.base.only, sel);
	if (n < 0)
		return 3;
	quota = (opt.base.cases + (n ? (unsigned)n : 1) - 1) / (n ? (unsigned)n : 1);
	if (opt.base.dump)
		quota = opt.base.dump;
	total = class_run(&loop, sel, quota, opt.base.index);
	if (opt.base.dump)
		return 0;
	cur_class = NULL;
	cur_case = NULL;
	return summary(total);
}
