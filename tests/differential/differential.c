/*
 * CPU-oracle differential test for nisv.
 *
 * For each case: generate a random valid instance of an instruction class and
 * a random CPU state, run the instruction for real (native.c), then from the
 * same state against the same memory
 *   1. run nisv_emulate() on the word, and
 *   2. run nisv_handle_abort() on the stage-2 Data Abort the architecture
 *      would report for the access (syndrome.c): nisv fetches the word at PC
 *      through its stage-1 walk (ISV = 0) or takes the access from the
 *      syndrome (ISV = 1, where the fetch is refused),
 * and compare every X register, SP, V0-V31, NZCV, PC and every byte that
 * either side touched. Some cases also get a stale report (the IPA or FAR
 * outside the access), which must give NISV_RETRY and change nothing.
 * See README.md in this directory.
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../support/class_loop.h"
#include "../support/el0_state.h"
#include "../support/el0_tables.h"
#include "../support/memcheck.h"
#include "../support/native_sig.h"
#include "../support/options.h"
#include "../support/range.h"
#include "../support/verdict.h"
#include "gen.h"
#include "native.h"
#include "nisv.h"
#include "syndrome.h"

#define BUFSZ (128u * 1024u)
#define MARGIN 16u

/* SCTLR_EL1 as Linux runs EL0: M, C, I, SA0 (SP alignment), DZE (EL0
 * DC ZVA), UCT, UCI (EL0 cache maintenance), nTWI/nTWE, EnIA/EnIB/EnDA/EnDB
 * (pointer authentication). A = 0: unaligned Normal accesses are fine.
 * WXN = 0: the writable stub page is executable at EL0 for the fetch. */
#define SCTLR_VAL                                                                                                      \
	((1ull << 0) | (1ull << 2) | (1ull << 4) | (1ull << 12) | (1ull << 13) | (1ull << 14) | (1ull << 15) |          \
	 (1ull << 16) | (1ull << 18) | (1ull << 26) | (1ull << 27) | (1ull << 30) | (1ull << 31))

static struct options {
	struct base_opts base;
	uint64_t min_per_class;
	struct trap_opts trap;
} opt = {
	.base = {.cases = 200000, .seed = 0x6e697376u, .index = -1, .max_report = 20, .tbi = 8, .cross = 8, .stale = 16,
	         .scramble = 2},
	.min_per_class = 1000,
	.trap = {.far = 2, .kvm = 4, .isv_gaps = 1},
};

static struct native_env env;
static struct el0_pt pt_id, pt_swap; /* identity; buffer pages swapped in pairs */
static uint64_t walk_reads; /* descriptor reads by nisv's stage-1 walks */
static uint8_t shadow[BUFSZ]; /* what the buffer holds before a case */
static uint8_t cpu_mem[BUFSZ]; /* native result inside the window      */

/* the case being run, for the fault handler */
static const struct dclass *cur_class;
static const struct tcase *cur_case;
static uint64_t cur_index;

static void describe_case(char *out, unsigned long len)
{
	if (!cur_class || !cur_case) {
		snprintf(out, len, "(start-up probe)");
		return;
	}
	snprintf(out, len, "class %s, word 0x%08" PRIx32 "%s (%s), repro: --seed %" PRIu64 " --class %s --index %" PRIu64,
	         cur_class->name, cur_case->emu[0], cur_case->nemu > 1 ? " +1" : "",
	         cur_case->what ? cur_case->what : "?", opt.base.seed, cur_class->name, cur_index);
}

/*
 * Whether nisv may finish an ISV = 1 report from the syndrome alone: a
 * multi-byte access reported at page offset 0, or running past the page
 * end, may be part of a split access, and nisv fetches the instruction.
 */
static int isv1_exact(const nisv_abort *ab)
{
	unsigned size = 1u << ((ab->esr >> 22) & 3), off = (unsigned)(ab->ipa & 0xfff);

	return size == 1 || (off != 0 && off + size <= 0x1000);
}

/* nisv's data pieces (../support/memcheck.h checks the rest): inside the
 * bytes the instruction accesses, written only by one that writes. */
static int data_rule(struct memcheck *m, uint64_t a, uint64_t ipa, uint32_t len, unsigned flags, int write)
{
	const struct tcase *t = m->rule;

	if (a < t->acc_lo || a + len > t->acc_hi)
		memcheck_error(m, write ? "write outside the instruction's bytes" : "read outside the instruction's bytes", ipa,
		               len, flags);
	else if (write && !t->may_write)
		memcheck_error(m, "write by an instruction that does not write", ipa, len, flags);
	return 0;
}

/* ------------------------------------------------------------------------ */
/* Statistics                                                                */
/* ------------------------------------------------------------------------ */

struct class_stats {
	uint64_t run, mism, tmism, mism_unpred;
	uint64_t effect; /* cases where the CPU changed a register or memory */
	uint64_t form[TR_NFORMS]; /* trap reports by form                 */
	uint64_t cross, second;   /* reports on page-crossing accesses, on the second page */
	uint64_t stale, swapped;
};

static struct class_stats stats[64];
static uint64_t total_mism, total_tmism, total_smism, total_unpred, total_tagged, reported;

/* ------------------------------------------------------------------------ */
/* One case                                                                  */
/* ------------------------------------------------------------------------ */

/* Everything the paths of one case share. */
struct run {
	unsigned ci;
	uint64_t index;
	const struct dclass *c;
	struct tcase *t;
	struct nstate init, cpu; /* before, and after the CPU ran it        */
	uint64_t buf;
	uint64_t w_lo, w_hi;     /* the window of memory the case may change */
	uint64_t pc0;            /* PC of emu[0]                             */
	uint64_t sp_el1;
	uint64_t tag;            /* TBI tag of the base register (bits 63:56) */
	const struct el0_pt *pt; /* pt_id or pt_swap                        */
};

static void init_state(struct rng *r, struct nstate *st)
{
	unsigned i;

	memset(st, 0, sizeof *st);
	for (i = 0; i < 31; i++)
		st->x[i] = rnd_value(r);
	st->sp = rng_next(r) & ~(uint64_t)15;
	st->nzcv = rng_next(r) & 0xf0000000u;
	for (i = 0; i < 32; i++) {
		st->v[i][0] = rnd_value(r);
		st->v[i][1] = rnd_value(r);
	}
}

/* The nisv view of the initial state: Linux's EL0 with the MMU on. */
static void nisv_setup(const struct run *u, nisv_state *ns, struct memcheck *m)
{
	const struct el0_sys sys = {u->pc0, u->sp_el1, SCTLR_VAL, env.dczid, u->pt};

	el0_state_init(ns, u->init.x, u->init.sp, u->init.nzcv, &sys);
	for (unsigned i = 0; i < 32; i++) {
		ns->v[i].lo = u->init.v[i][0];
		ns->v[i].hi = u->init.v[i][1];
	}
	memcheck_init(m, u->pt, u->buf, u->buf + env.bufsz, data_rule, u->t);
}

/* Every other pair of cases walks the tables through ram_map. */
static void new_vcpu(const struct run *u, nisv_vcpu *vcpu, nisv_state *ns, struct memcheck *m)
{
	if (nisv_vcpu_init(vcpu, &nisv_state_reg_ops, ns, u->index & 2 ? &memcheck_ops_mapped : &memcheck_ops, m) !=
	    NISV_OK) {
		fprintf(stderr, "differential: nisv_vcpu_init failed\n");
		exit(3);
	}
}

/*
 * Path 2 keeps one vCPU per memory-callback kind across all cases (its
 * regs_ctx and mem_ctx are the path's static state and memctx): the walks
 * a vCPU remembers between calls (src/walk_memo.c) must notice every change
 * of tables and registers from one case to the next. The local monitor is
 * cleared as a new vCPU's would be.
 */
static nisv_vcpu *persistent_vcpu(const struct run *u, nisv_state *ns, struct memcheck *m)
{
	static nisv_vcpu vcpu[2];
	static int ready[2];
	unsigned k = (u->index & 2) != 0;

	if (!ready[k]) {
		new_vcpu(u, &vcpu[k], ns, m);
		ready[k] = 1;
	}
	nisv_clear_exclusive(&vcpu[k]);
	return &vcpu[k];
}

/* --mutate: corrupt one register or one byte of the window; must be caught. */
static void mutate(const struct run *u, struct rng *r, nisv_state *ns)
{
	if (u->w_lo != u->w_hi && (u->index & 1))
		env.buf[u->w_lo - u->buf + rnd_below(r, u->w_hi - u->w_lo)] ^= (uint8_t)(1u << rnd_below(r, 8));
	else if (u->index & 2)
		ns->v[rnd_below(r, 32)].hi ^= 1ull << rnd_below(r, 64);
	else
		ns->reg[rnd_below(r, 32)] ^= 1ull << rnd_below(r, 64);
}

/* The callbacks' errors; and the descriptors read (--verbose). */
static void check_callbacks(struct verdict *v, const struct memcheck *m)
{
	walk_reads += m->ndesc;
	memcheck_verdict(v, m);
}

/*
 * nisv's registers against the CPU's (PC: past the emulated words), or with
 * `unchanged` against the initial state (PC not advanced). System registers
 * must come back as they were.
 */
static void check_regs(struct verdict *v, const struct run *u, const nisv_state *ns, const nisv_state *ns0,
                       int unchanged)
{
	const struct nstate *want = unchanged ? &u->init : &u->cpu;
	const char *wn = unchanged ? "want" : "cpu ";
	uint64_t pc_want = unchanged ? u->pc0 : u->pc0 + 4 * u->t->nemu;

	el0_check_gprs(v, ns, ns0, want->x, want->sp, want->nzcv, pc_want, wn);
	for (unsigned i = 0; i < 32; i++)
		if (want->v[i][0] != ns->v[i].lo || want->v[i][1] != ns->v[i].hi)
			bad(v, "v%-2u   init %016" PRIx64 ":%016" PRIx64 "  %s %016" PRIx64 ":%016" PRIx64 "  nisv %016" PRIx64
			       ":%016" PRIx64,
			    i, u->init.v[i][1], u->init.v[i][0], wn, want->v[i][1], want->v[i][0], ns->v[i].hi, ns->v[i].lo);
}

/* The window (the CPU's result, or with `unchanged` the initial bytes) plus
 * whatever nisv touched; then put the buffer back as it was. */
static void check_memory(struct verdict *v, const struct run *u, const struct memcheck *m, int unchanged)
{
	uint64_t r_lo = u->w_lo, r_hi = u->w_hi, a;

	range_hull(&r_lo, &r_hi, m->t_lo, m->t_hi);
	for (a = r_lo; a < r_hi; a++) {
		uint64_t o = a - u->buf;
		uint8_t want = (!unchanged && a >= u->w_lo && a < u->w_hi) ? cpu_mem[o] : shadow[o];
		uint8_t got = env.buf[o];

		if (want != got)
			bad(v, "mem   0x%" PRIx64 " (buf+0x%05" PRIx64 ")  init %02x  %s %02x  nisv %02x", a, o, shadow[o],
			    unchanged ? "want" : "cpu ", want, got);
	}
	if (r_lo != r_hi)
		memcpy(env.buf + (r_lo - u->buf), shadow + (r_lo - u->buf), r_hi - r_lo);
}

/* Path 1: nisv_emulate() on each word. */
static void path_emulate(const struct run *u, struct rng *r, struct verdict *v)
{
	static nisv_state ns, ns0;
	nisv_vcpu vcpu;
	nisv_result res;
	struct memcheck m;
	nisv_status status;
	unsigned k;
	int failed = 0;

	nisv_setup(u, &ns, &m);
	ns0 = ns;
	new_vcpu(u, &vcpu, &ns, &m);
	for (k = 0; k < u->t->nemu; k++) {
		status = nisv_emulate(&vcpu, u->t->emu[k], &res);
		if (status != NISV_OK) {
			bad(v, "nisv_emulate(word %u = 0x%08" PRIx32 ") = %s (fault %u, write %u, va 0x%" PRIx64 ")", k,
			    u->t->emu[k], nisv_status_name(status), res.fault, res.write, res.va);
			failed = 1;
			break;
		}
	}
	if (opt.base.mutate && !failed)
		mutate(u, r, &ns);
	check_callbacks(v, &m);
	if (!failed)
		check_regs(v, u, &ns, &ns0, 0);
	check_memory(v, u, &m, 0);
}

static void describe_report(char *out, size_t len, const struct trap_report *rep)
{
	report_describe(out, len, rep, trap_form_name(rep->form));
}

static uint64_t far_tag(const struct run *u, unsigned k)
{
	return u->t->syn[k].notag ? 0 : u->tag;
}

/*
 * Path 2: nisv_handle_abort() on the report the architecture would make for
 * each word, from the same state. A PRFM never aborts: the report is stale,
 * so NISV_RETRY with nothing changed (the guest re-runs it).
 */
static void path_trap(const struct run *u, struct rng *r, struct verdict *v, struct trap_report rep[2])
{
	static nisv_state ns, ns0;
	static struct memcheck m;
	const struct tcase *t = u->t;
	nisv_vcpu *vcpu;
	nisv_result res;
	nisv_status status, want = t->syn[0].nofault ? NISV_RETRY : NISV_OK;
	unsigned k;
	int failed = 0;

	for (k = 0; k < t->nemu; k++)
		trap_report_build(r, &t->syn[k], far_tag(u, k), u->pt, &opt.trap, u->buf, u->buf + env.bufsz, &rep[k]);
	nisv_setup(u, &ns, &m);
	ns0 = ns;
	vcpu = persistent_vcpu(u, &ns, &m);
	for (k = 0; k < t->nemu; k++) {
		unsigned nwalk = m.nwalk, ndata = m.ndata;

		m.fetch_ipa = el0_pt_ipa(u->pt, u->pc0 + 4 * k);
		m.no_fetch = rep[k].form == TR_ISV1 && isv1_exact(&rep[k].ab);
		status = nisv_handle_abort(vcpu, &rep[k].ab, &res);
		if (status != want) {
			bad(v, "nisv_handle_abort(report %u, word 0x%08" PRIx32 ") = %s, expected %s (fault %u, write %u, va 0x%" PRIx64
			       ")",
			    k, t->emu[k], nisv_status_name(status), nisv_status_name(want), res.fault, res.write, res.va);
			failed = 1;
			break;
		}
		if (m.no_fetch && m.nwalk != nwalk)
			bad(v, "ISV = 1: nisv read %u translation table descriptors (nothing to translate)", m.nwalk - nwalk);
		if (rep[k].form == TR_CM && m.ndata != ndata)
			bad(v, "CM = 1: nisv made %u data accesses (cache maintenance only completes)", m.ndata - ndata);
	}
	if (opt.base.mutate && !failed)
		mutate(u, r, &ns);
	check_callbacks(v, &m);
	if (!failed)
		check_regs(v, u, &ns, &ns0, want == NISV_RETRY);
	check_memory(v, u, &m, want == NISV_RETRY);
}

/* Path 3: a stale report for the first word: NISV_RETRY, nothing done. */
static const char *path_stale(const struct run *u, struct rng *r, struct verdict *v, struct trap_report *rep)
{
	static nisv_state ns, ns0;
	nisv_vcpu vcpu;
	nisv_result res;
	struct memcheck m;
	nisv_status status;
	const char *what;

	nisv_setup(u, &ns, &m);
	ns0 = ns;
	new_vcpu(u, &vcpu, &ns, &m);
	what = trap_report_stale(r, &u->t->syn[0], far_tag(u, 0), u->pt, &opt.trap, rep);
	m.fetch_ipa = el0_pt_ipa(u->pt, u->pc0);
	status = nisv_handle_abort(&vcpu, &rep->ab, &res);
	if (opt.base.mutate)
		mutate(u, r, &ns);
	report_stale_verdict(v, status, &res, m.ndata);
	check_callbacks(v, &m);
	check_regs(v, u, &ns, &ns0, 1);
	check_memory(v, u, &m, 1);
	return what;
}

static const char *xname(unsigned n, char *b)
{
	if (n == 31)
		return "sp";
	snprintf(b, 8, "x%u", n & 31);
	return b;
}

static void print_operands(const struct tcase *t, const struct nstate *init)
{
	const struct {
		const char *f;
		uint8_t r;
		int base;
	} ops[] = {{"Rt", t->rt, 0}, {"Rt2", t->rt2, 0}, {"Rn", t->rn, 1}, {"Rm", t->rm, 0}, {"Rs", t->rs, 0}};
	unsigned i;

	printf("  operands:");
	for (i = 0; i < 5; i++) {
		uint64_t v;

		if (ops[i].r == NOREG)
			continue;
		if (ops[i].r == 31)
			v = ops[i].base ? init->sp : 0;
		else
			v = init->x[ops[i].r];
		printf(" %s=%u(0x%" PRIx64 ")", ops[i].f, ops[i].r, v);
	}
	printf("\n");
}

static void report(const struct run *u, const struct verdict *ve, const struct verdict *vt,
                   const struct trap_report rep[2], const struct verdict *vs, const struct trap_report *srep,
                   const char *stale_what)
{
	const struct tcase *t = u->t;
	nisv_insn d;
	char nb[8], dr[200];
	unsigned k;
	uint64_t a;

	printf("MISMATCH%s%s%s class %s word 0x%08" PRIx32, (t->flags & CF_UNPRED) ? " [CONSTRAINED UNPREDICTABLE]" : "",
	       (t->flags & CF_IMPDEF) ? " [IMPLEMENTATION DEFINED]" : "", (t->flags & CF_TAGGED) ? " [tagged base, TBI]" : "",
	       u->c->name, t->emu[0]);
	if (t->nemu > 1)
		printf(" then 0x%08" PRIx32, t->emu[1]);
	printf(" (%s)", t->what ? t->what : "?");
	if (t->note)
		printf(" -- %s", t->note);
	printf("\n  repro: differential --seed %" PRIu64 " --class %s --index %" PRIu64 " --verbose\n", opt.base.seed, u->c->name,
	       u->index);
	memset(&d, 0, sizeof d);
	if (nisv_decode(t->emu[0], &d) == NISV_OK)
		printf("  nisv decode: op %s rt %u rt2 %u rn %u rm %u rs %u esize 2^%u nregs %u imm %" PRId64
		       " addr-mode %u flags 0x%x\n",
		       nisv_op_name(d.op), d.rt, d.rt2, d.rn, d.rm, d.rs, d.esize_log2, d.nregs, d.imm, d.addr, d.flags);
	else
		printf("  nisv decode: unsupported\n");
	print_operands(t, &u->init);
	printf("  pc 0x%" PRIx64 "  nzcv 0x%" PRIx64 "  buffer 0x%" PRIx64 "  accessed [0x%" PRIx64 ", 0x%" PRIx64 ")",
	       u->pc0, u->init.nzcv, u->buf, t->acc_lo, t->acc_hi);
	if (t->sign_reg >= 0)
		printf("  (base %s signed with key D%c)", xname((unsigned)t->sign_reg, nb), t->sign_key ? 'B' : 'A');
	printf("\n");
	if (ve->nbad) {
		printf("  nisv_emulate:\n");
		verdict_print(ve);
	}
	if (vt->nbad) {
		printf("  nisv_handle_abort:\n");
		for (k = 0; k < t->nemu; k++) {
			describe_report(dr, sizeof dr, &rep[k]);
			printf("    report %u: %s\n", k, dr);
		}
		verdict_print(vt);
	}
	if (vs && vs->nbad) {
		describe_report(dr, sizeof dr, srep);
		printf("  nisv_handle_abort, stale report (%s):\n    %s\n", stale_what, dr);
		verdict_print(vs);
	}
	if (opt.base.verbose) {
		unsigned i;

		printf("  initial X:");
		for (i = 0; i < 31; i++)
			printf("%s x%u=%" PRIx64, i % 4 ? "" : "\n   ", i, u->init.x[i]);
		printf("\n  initial memory [0x%" PRIx64 ", 0x%" PRIx64 "):", u->w_lo, u->w_hi);
		for (a = u->w_lo; a < u->w_hi; a++)
			printf("%s%02x", (a - u->w_lo) % 32 ? " " : "\n   ", shadow[a - u->buf]);
		printf("\n");
	}
}

/* Does a word have an ISV = 1 report on an access across a page boundary? */
static int isv_crossing(const struct tcase *t)
{
	unsigned k;

	for (k = 0; k < t->nemu; k++)
		if (t->syn[k].isv && t->syn[k].fa_hi > t->syn[k].fa_lo &&
		    (t->syn[k].fa_lo >> 12) != ((t->syn[k].fa_hi - 1) >> 12))
			return 1;
	return 0;
}

/* Run one case: the CPU, then every nisv path. */
static void run_case(unsigned ci, uint64_t index)
{
	static struct tcase t;
	static struct run u;
	static struct verdict ve, vt, vs;
	const struct dclass *c = &dclasses[ci];
	struct trap_report rep[2], srep;
	const char *stale_what = NULL;
	struct rng r;
	struct gen g;
	uint64_t buf = (uint64_t)(uintptr_t)env.buf;
	unsigned i, k;

	stats[ci].run++;
	rng_seed_case(&r, opt.base.seed, c->name, index);
	g.r = &r;
	g.buf = buf;
	g.bufsz = env.bufsz;
	g.slot = env.slot;
	g.zva_bytes = 4u << (env.dczid & 15);
	g.feat = env.feat;
	g.cross = !(c->flags & CL_NOCROSS) && opt.base.cross && chance(&r, 1, opt.base.cross);

	memset(&t, 0, sizeof t);
	t.rt = t.rt2 = t.rn = t.rm = t.rs = t.addr_reg = NOREG;
	t.sign_reg = -1;
	init_state(&r, &t.st);
	c->gen(&g, &t);
	cur_class = c;
	cur_case = &t;
	cur_index = index;
	for (k = 0; k < t.nemu; k++)
		if (!t.syn[k].set) {
			fprintf(stderr, "differential: internal error: class %s gave word %u no trap description\n", c->name, k);
			exit(3);
		}

	if (opt.base.dump) {
		/* binutils rejects CONSTRAINED UNPREDICTABLE overlaps: leave them out */
		if (t.flags & CF_UNPRED)
			return;
		printf("%s %08" PRIx32, c->name, t.emu[0]);
		if (t.nemu > 1)
			printf(" %08" PRIx32, t.emu[1]);
		else
			printf(" -");
		printf(" %s\n", t.what ? t.what : "");
		return;
	}

	memset(&u, 0, sizeof u);
	u.ci = ci;
	u.index = index;
	u.c = c;
	u.t = &t;
	u.buf = buf;

	/* Top-byte-ignore: Linux runs EL0 with TCR_EL1.TBI0 = 1, so a tag in
	 * bits 63:56 of the base does not change the location accessed. */
	if (opt.base.tbi && t.sign_reg < 0 && !t.code_in_buf) {
		unsigned br = t.addr_reg != NOREG ? t.addr_reg : t.rn;

		if (br != NOREG && chance(&r, 1, opt.base.tbi)) {
			u.tag = (1 + rnd_below(&r, 255)) << 56;
			if (br == 31)
				t.st.sp = (t.st.sp & ~(0xffull << 56)) | u.tag;
			else
				t.st.x[br] = (t.st.x[br] & ~(0xffull << 56)) | u.tag;
			t.flags |= CF_TAGGED;
		}
	}

	if (t.sign_reg >= 0) {
		unsigned n = (unsigned)t.sign_reg;

		if (n == 31)
			t.st.sp = native_pac_sign(&env, t.st.sp, t.sign_key);
		else
			t.st.x[n] = native_pac_sign(&env, t.st.x[n], t.sign_key);
	}

	/* the window of memory this case may change */
	range_hull(&u.w_lo, &u.w_hi, t.acc_lo, t.acc_hi);
	if (t.code_in_buf)
		range_hull(&u.w_lo, &u.w_hi, t.code_addr, t.code_addr + 8);
	if (u.w_lo != u.w_hi) {
		u.w_lo = u.w_lo - MARGIN < buf || u.w_lo < MARGIN ? buf : u.w_lo - MARGIN;
		u.w_hi = u.w_hi + MARGIN > buf + env.bufsz ? buf + env.bufsz : u.w_hi + MARGIN;
		if (u.w_lo < buf || u.w_hi > buf + env.bufsz) {
			fprintf(stderr, "differential: internal error: window outside the buffer (%s)\n", c->name);
			exit(3);
		}
		rng_fill(&r, shadow + (u.w_lo - buf), u.w_hi - u.w_lo);
		for (i = 0; i < t.npatch; i++)
			memcpy(shadow + (t.patch[i].addr - buf), t.patch[i].b, t.patch[i].len);
		memcpy(env.buf + (u.w_lo - buf), shadow + (u.w_lo - buf), u.w_hi - u.w_lo);
		if (t.code_in_buf)
			native_sync_code(env.buf + (t.code_addr - buf), env.buf + (t.code_addr - buf) + 8);
	}

	if (opt.base.verbose && opt.base.index >= 0) {
		printf("case %s #%" PRIu64 ": word 0x%08" PRIx32 " (%s), %u native word(s)\n", c->name, index, t.emu[0],
		       t.what ? t.what : "", t.nwords);
		print_operands(&t, &t.st);
		fflush(stdout);
	}

	/* native: the slot (or the buffer, for a literal) then holds the words
	 * nisv's trap path fetches */
	u.init = t.st;
	u.cpu = t.st;
	native_run(&env, t.words, t.nwords, &u.cpu);
	if (u.w_lo != u.w_hi) {
		memcpy(cpu_mem + (u.w_lo - buf), env.buf + (u.w_lo - buf), u.w_hi - u.w_lo);
		memcpy(env.buf + (u.w_lo - buf), shadow + (u.w_lo - buf), u.w_hi - u.w_lo);
	}
	u.pc0 = t.code_in_buf ? t.code_addr : env.slot + 4 * t.emu_first;
	u.sp_el1 = 0x5ee1000000000000ull | (rng_next(&r) & 0xfffffff0u);
	/* the stage-1 tables: identity, or the buffer's pages swapped in pairs
	 * (the latter not for an ISV = 1 access across a page: nisv performs
	 * those at consecutive IPAs, see README.md, unless --isv-gaps) */
	u.pt = &pt_id;
	if (opt.base.scramble && chance(&r, 1, opt.base.scramble) && (opt.trap.isv_gaps || !isv_crossing(&t))) {
		u.pt = &pt_swap;
		stats[ci].swapped++;
	}

	/* did the CPU do anything? (a sanity count: loads and stores should) */
	if (memcmp(u.init.x, u.cpu.x, sizeof u.init.x) || u.init.sp != u.cpu.sp ||
	    memcmp(u.init.v, u.cpu.v, sizeof u.init.v) ||
	    (u.w_lo != u.w_hi && memcmp(cpu_mem + (u.w_lo - buf), shadow + (u.w_lo - buf), u.w_hi - u.w_lo)))
		stats[ci].effect++;

	verdict_clear(&ve);
	verdict_clear(&vt);
	verdict_clear(&vs);
	path_emulate(&u, &r, &ve);
	path_trap(&u, &r, &vt, rep);
	for (k = 0; k < t.nemu; k++) {
		stats[ci].form[rep[k].form]++;
		stats[ci].cross += rep[k].crosses;
		stats[ci].second += rep[k].second_page;
	}
	if (opt.base.stale && !t.syn[0].isv && !t.syn[0].cm && !t.syn[0].nofault && chance(&r, 1, opt.base.stale)) {
		stale_what = path_stale(&u, &r, &vs, &srep);
		stats[ci].stale++;
	}

	if (ve.nbad == 0 && vt.nbad == 0 && vs.nbad == 0) {
		if (opt.base.verbose && opt.base.index >= 0) {
			char dr[200];

			printf("case %s #%" PRIu64 " word 0x%08" PRIx32 " (%s): ok\n", c->name, index, t.emu[0],
			       t.what ? t.what : "");
			print_operands(&t, &u.init);
			for (k = 0; k < t.nemu; k++) {
				describe_report(dr, sizeof dr, &rep[k]);
				printf("  trap report %u: %s\n", k, dr);
			}
			if (stale_what) {
				describe_report(dr, sizeof dr, &srep);
				printf("  stale report (%s): %s\n", stale_what, dr);
			}
		}
		return;
	}

	if (ve.nbad) {
		stats[ci].mism++;
		total_mism++;
	}
	if (vt.nbad || vs.nbad) {
		stats[ci].tmism++;
		total_tmism++;
	}
	if (vs.nbad)
		total_smism++;
	if (t.flags & (CF_UNPRED | CF_IMPDEF)) {
		stats[ci].mism_unpred++;
		total_unpred++;
	}
	if (t.flags & CF_TAGGED)
		total_tagged++;
	if (reported < opt.base.max_report) {
		reported++;
		report(&u, &ve, &vt, rep, stale_what ? &vs : NULL, &srep, stale_what);
	}
}

/* ------------------------------------------------------------------------ */

static void usage(void)
{
	printf("usage: differential [--cases N] [--seed S] [--class NAME] [--index K] [--min M]\n"
	       "                    [--max-report R] [--verbose] [--dump K] [--list] [--tbi K] [--mutate 1]\n"
	       "                    [--cross K] [--far K] [--kvm K] [--stale K] [--scramble K] [--isv-gaps 1]\n"
	       "  --cases N     total cases, spread over the classes (default 200000)\n"
	       "  --min M       minimum cases per class (default 1000)\n"
	       "  --class NAME  run one class only; --index K: only case K of it\n"
	       "  --dump K      print K generated words per class and exit (no execution)\n"
	       "  --tbi K       give 1 in K cases a tagged base register (default 8; 0: never)\n"
	       "  --mutate 1    harness self-check: corrupt every nisv result; all must mismatch\n"
	       "  --cross K     place 1 in K accesses across a page boundary (default 8; 0: never)\n"
	       "  --far K       1 in K trap reports carry a valid FAR (default 2; 0: never)\n"
	       "  --kvm K       1 in K ISV=0 reports in KVM's form, ISS & (CM|WnR|DFSC) (default 4)\n"
	       "  --stale K     1 in K ISV=0 cases also get a stale report (default 16; 0: never)\n"
	       "  --scramble K  1 in K cases run with the buffer's pages swapped in pairs in the\n"
	       "                stage-1 tables, so VA != IPA (default 2; 0: never)\n"
	       "  --isv-gaps 1  also run the page-crossing ISV=1 reports nisv cannot finish today:\n"
	       "                swapped pages, and the fault on the second page (see README.md)\n");
}

/* Build the stage-1 tables: identity, and with the buffer's pages swapped in
 * pairs; the stub page and the buffer. */
static int build_tables(void)
{
	const uint64_t buf = (uint64_t)(uintptr_t)env.buf;
	const uint64_t map[1][2] = {{(uint64_t)(uintptr_t)env.page, buf + env.bufsz}}, swap[1][2] = {{buf, buf + env.bufsz}};

	return el0_pt_build(&pt_id, env.va_bits, map, 1, NULL, 0) || el0_pt_build(&pt_swap, env.va_bits, map, 1, swap, 1);
}

static const char *class_name(unsigned ci)
{
	return dclasses[ci].name;
}

static int class_supported(unsigned ci)
{
	unsigned need = dclasses[ci].need;

	if ((need & env.feat) == need)
		return 1;
	printf("differential: class %s skipped: this CPU lacks a feature it needs (0x%x)\n", dclasses[ci].name,
	       need & ~env.feat);
	return 0;
}

static int buffer_intact(void)
{
	return memcmp(env.buf, shadow, env.bufsz) == 0;
}

int main(int argc, char **argv)
{
	const struct opt_row rows[] = {
		{"--min", OPT_U64, &opt.min_per_class},
		{"--far", OPT_UINT, &opt.trap.far},
		{"--kvm", OPT_UINT, &opt.trap.kvm},
		{"--isv-gaps", OPT_INT, &opt.trap.isv_gaps},
	};
	const struct class_loop loop = {"differential", ndclasses, class_name, class_supported, run_case, buffer_intact,
	                                "the buffer changed outside the predicted window"};
	uint8_t sel[64];
	unsigned ci, nsel, nshort = 0, f;
	uint64_t quota, total, forms[TR_NFORMS] = {0}, ncross = 0, nsecond = 0, nstale = 0, nswapped = 0;
	int i, n;

	i = opt_parse("differential", &opt.base, rows, sizeof rows / sizeof rows[0], argc, argv);
	if (i != 0) {
		usage();
		return i > 0 ? 0 : 3;
	}
	if (ndclasses > sizeof stats / sizeof stats[0] || ndclasses > sizeof sel)
		return 3;
	if (opt.base.list) {
		for (ci = 0; ci < ndclasses; ci++)
			printf("%s\n", dclasses[ci].name);
		return 0;
	}
	if (native_init(&env, BUFSZ) != 0) {
		fprintf(stderr, "differential: cannot set up native execution\n");
		return 3;
	}
	native_set_describe(describe_case);
	if (build_tables() != 0) {
		fprintf(stderr, "differential: cannot build the translation tables\n");
		return 3;
	}
	{
		struct rng r;

		rng_seed(&r, opt.base.seed);
		rng_fill(&r, shadow, env.bufsz);
		memcpy(env.buf, shadow, env.bufsz);
	}
	if (opt.base.verbose)
		printf("differential: DCZID_EL0 0x%" PRIx64 ", features 0x%x, VA bits %u, buffer %p, slot 0x%" PRIx64 "\n",
		       env.dczid, env.feat, env.va_bits, (void *)env.buf, env.slot);

	n = class_select(&loop, opt.base.only, sel);
	if (n < 0)
		return 3;
	nsel = n ? (unsigned)n : 1;
	quota = (opt.base.cases + nsel - 1) / nsel;
	if (quota < opt.min_per_class && !opt.base.dump)
		quota = opt.min_per_class;
	if (opt.base.dump)
		quota = opt.base.dump;
	total = class_run(&loop, sel, quota, opt.base.index);
	if (opt.base.dump)
		return 0;
	cur_class = NULL;
	cur_case = NULL;

	nsel = 0;
	for (ci = 0; ci < ndclasses; ci++) {
		const struct class_stats *s = &stats[ci];

		if (!sel[ci])
			continue;
		nsel++;
		if (opt.base.index < 0 && s->run < quota)
			nshort++;
		for (f = 0; f < TR_NFORMS; f++)
			forms[f] += s->form[f];
		ncross += s->cross;
		nsecond += s->second;
		nstale += s->stale;
		nswapped += s->swapped;
		if (opt.base.verbose || s->mism || s->tmism)
			printf("  %-16s %7" PRIu64 " cases %7" PRIu64 " with an effect, mismatches %5" PRIu64 " emulate %5" PRIu64
			       " trap (%" PRIu64 " CONSTRAINED UNPREDICTABLE); reports: %" PRIu64 " ISV=1 %" PRIu64 " ISV=0 %" PRIu64
			       " KVM %" PRIu64 " CM %" PRIu64 " PRFM, %" PRIu64 " crossing a page, %" PRIu64 " stale\n",
			       dclasses[ci].name, s->run, s->effect, s->mism, s->tmism, s->mism_unpred, s->form[TR_ISV1],
			       s->form[TR_ISV0], s->form[TR_KVM], s->form[TR_CM], s->form[TR_PRFM], s->cross, s->stale);
	}
	if (opt.base.verbose)
		printf("differential: nisv read %" PRIu64 " translation table descriptors\n", walk_reads);
	if (total_unpred)
		printf("differential: %" PRIu64 " of the mismatching cases are CONSTRAINED UNPREDICTABLE or IMPLEMENTATION "
		       "DEFINED\n",
		       total_unpred);
	if (total_tagged)
		printf("differential: %" PRIu64 " of the mismatching cases have a tagged base register (TBI; --tbi 0 to leave "
		       "out)\n",
		       total_tagged);
	if (nshort)
		printf("differential: %u classes ran fewer cases than their minimum\n", nshort);
	printf("differential-trap: reports: %" PRIu64 " ISV=1 (fetch refused), %" PRIu64 " ISV=0, %" PRIu64
	       " ISV=0 in KVM's form, %" PRIu64 " CM=1, %" PRIu64 " PRFM (stale by definition); %" PRIu64
	       " on page-crossing accesses (%" PRIu64 " on the second page); %" PRIu64 " stale reports (%" PRIu64
	       " not refused); %" PRIu64 " cases with VA != IPA\n",
	       forms[TR_ISV1], forms[TR_ISV0], forms[TR_KVM], forms[TR_CM], forms[TR_PRFM], ncross, nsecond, nstale,
	       total_smism, nswapped);
	printf("differential: %" PRIu64 " cases, %u classes, %" PRIu64 " mismatches\n", total, nsel, total_mism);
	printf("differential-trap: %" PRIu64 " cases, %u classes, %" PRIu64 " mismatches\n", total, nsel, total_tmism);
	return (total_mism || total_tmism || nshort) ? 1 : 0;
}
