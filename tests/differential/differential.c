/*
 * CPU-oracle differential test for nisv.
 *
 * For each case: generate a random valid instance of an instruction class and
 * a random CPU state, run the instruction for real (native.c), then run
 * nisv_emulate() from the same state against the same memory, and compare
 * every X register, SP, V0-V31, NZCV, PC and every byte that either side
 * touched. See README.md in this directory.
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"
#include "native.h"
#include "nisv.h"
#include "pagetable.h"

#define BUFSZ (128u * 1024u)
#define MARGIN 16u
#define FULLCHECK_EVERY 4096u

/* SCTLR_EL1 as Linux runs EL0: M, C, I, SA0 (SP alignment), DZE (EL0
 * DC ZVA), UCT, UCI (EL0 cache maintenance), nTWI/nTWE, EnIA/EnIB/EnDA/EnDB
 * (pointer authentication). A = 0: unaligned Normal accesses are fine. */
#define SCTLR_VAL                                                                                                      \
	((1ull << 0) | (1ull << 2) | (1ull << 4) | (1ull << 12) | (1ull << 13) | (1ull << 14) | (1ull << 15) |          \
	 (1ull << 16) | (1ull << 18) | (1ull << 26) | (1ull << 27) | (1ull << 30) | (1ull << 31))

static struct options {
	uint64_t cases;
	uint64_t seed;
	const char *only;
	int verbose;
	int64_t index; /* -1: all */
	uint64_t min_per_class;
	unsigned max_report;
	unsigned dump;
	int mutate; /* harness self-check: corrupt nisv's result on purpose */
	unsigned tbi; /* 1 in tbi cases gets a tagged base register (0: none) */
} opt = {200000, 0x6e697376u, NULL, 0, -1, 1000, 20, 0, 0, 8};

static struct native_env env;
static struct pagetable pt;
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
	         cur_case->what ? cur_case->what : "?", opt.seed, cur_class->name, cur_index);
}

/* ------------------------------------------------------------------------ */
/* nisv memory callbacks: the IPA is a host address into the buffer           */
/* ------------------------------------------------------------------------ */

struct memctx {
	uint64_t lo, hi;         /* the buffer                                 */
	uint64_t pt_lo, pt_hi;   /* the translation tables (walks read them)   */
	uint64_t acc_lo, acc_hi; /* the bytes the instruction accesses         */
	int may_write;
	uint64_t t_lo, t_hi;     /* hull of what nisv touched (in bounds)      */
	int lock_depth;
	unsigned nerr;
	char err[4][200];
};

static void mem_error(struct memctx *m, const char *fmt, uint64_t ipa, uint32_t len, unsigned flags)
{
	if (m->nerr < 4)
		snprintf(m->err[m->nerr], sizeof m->err[0], "%s: ipa 0x%" PRIx64 " len %u flags 0x%x", fmt, ipa, len, flags);
	m->nerr++;
}

static int mem_check(struct memctx *m, uint64_t ipa, uint32_t len, unsigned flags, int write)
{
	if (len == 0 || len > 16 || (len & (len - 1)) || (ipa & (len - 1)))
		mem_error(m, write ? "write piece not naturally aligned or bad size" : "read piece not naturally aligned or bad size",
		          ipa, len, flags);
	if (ipa < m->lo || ipa > m->hi || len > m->hi - ipa) {
		mem_error(m, write ? "write out of the buffer" : "read out of the buffer", ipa, len, flags);
		return -1;
	}
	if (ipa < m->acc_lo || ipa + len > m->acc_hi)
		mem_error(m, write ? "write outside the instruction's bytes" : "read outside the instruction's bytes", ipa,
		          len, flags);
	else if (write && !m->may_write)
		mem_error(m, "write by an instruction that does not write", ipa, len, flags);
	if (m->t_lo == m->t_hi) {
		m->t_lo = ipa;
		m->t_hi = ipa + len;
	} else {
		if (ipa < m->t_lo)
			m->t_lo = ipa;
		if (ipa + len > m->t_hi)
			m->t_hi = ipa + len;
	}
	return 0;
}

static int mem_read(void *ctx, uint64_t ipa, void *buf, uint32_t len, unsigned flags)
{
	struct memctx *m = ctx;

	if (ipa >= m->pt_lo && ipa < m->pt_hi && len == 8 && !(ipa & 7)) { /* a descriptor */
		walk_reads++;
		memcpy(buf, (const void *)(uintptr_t)ipa, len);
		return 0;
	}
	if (mem_check(m, ipa, len, flags, 0))
		return -1;
	memcpy(buf, (const void *)(uintptr_t)ipa, len);
	return 0;
}

static int mem_write(void *ctx, uint64_t ipa, const void *buf, uint32_t len, unsigned flags)
{
	struct memctx *m = ctx;

	if (mem_check(m, ipa, len, flags, 1))
		return -1;
	memcpy((void *)(uintptr_t)ipa, buf, len);
	return 0;
}

static void mem_lock(void *ctx)
{
	struct memctx *m = ctx;

	if (m->lock_depth != 0)
		mem_error(m, "lock while locked", 0, 0, 0);
	m->lock_depth++;
}

static void mem_unlock(void *ctx)
{
	struct memctx *m = ctx;

	if (m->lock_depth != 1)
		mem_error(m, "unlock while not locked", 0, 0, 0);
	m->lock_depth--;
}

static const nisv_mem_ops mem_ops = {.read = mem_read, .write = mem_write, .lock = mem_lock, .unlock = mem_unlock};

/* ------------------------------------------------------------------------ */
/* Reporting                                                                 */
/* ------------------------------------------------------------------------ */

struct class_stats {
	uint64_t run, mism, mism_unpred;
	uint64_t effect; /* cases where the CPU changed a register or memory */
	int supported;
};

static struct class_stats stats[64];
static uint64_t total_mism, total_unpred, total_tagged, reported;

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

/* ------------------------------------------------------------------------ */
/* One case                                                                  */
/* ------------------------------------------------------------------------ */

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

static void hull(uint64_t *lo, uint64_t *hi, uint64_t a, uint64_t b)
{
	if (a >= b)
		return;
	if (*lo == *hi) {
		*lo = a;
		*hi = b;
		return;
	}
	if (a < *lo)
		*lo = a;
	if (b > *hi)
		*hi = b;
}

/* Run one case; returns 1 on mismatch. */
static int run_case(unsigned ci, uint64_t index)
{
	const struct dclass *c = &dclasses[ci];
	struct rng r;
	struct gen g;
	static struct tcase t;
	static struct nstate init, cpu;
	static nisv_state ns, ns0;
	nisv_vcpu vcpu;
	nisv_result res;
	struct memctx m;
	uint64_t buf = (uint64_t)(uintptr_t)env.buf;
	uint64_t w_lo = 0, w_hi = 0, r_lo, r_hi, pc0, a;
	unsigned i, k, nbad = 0;
	nisv_status status = NISV_OK;
	int emu_failed = -1;
	char line[64][160];
	unsigned nline = 0;

	rng_seed(&r, opt.seed ^ fnv(c->name) ^ (index * 0x9e3779b97f4a7c15ull));
	g.r = &r;
	g.buf = buf;
	g.bufsz = env.bufsz;
	g.slot = env.slot;
	g.zva_bytes = 4u << (env.dczid & 15);
	g.feat = env.feat;

	memset(&t, 0, sizeof t);
	t.rt = t.rt2 = t.rn = t.rm = t.rs = t.addr_reg = NOREG;
	t.sign_reg = -1;
	init_state(&r, &t.st);
	c->gen(&g, &t);
	cur_class = c;
	cur_case = &t;
	cur_index = index;

	if (opt.dump) {
		/* binutils rejects CONSTRAINED UNPREDICTABLE overlaps: leave them out */
		if (t.flags & CF_UNPRED)
			return 0;
		printf("%s %08" PRIx32, c->name, t.emu[0]);
		if (t.nemu > 1)
			printf(" %08" PRIx32, t.emu[1]);
		else
			printf(" -");
		printf(" %s\n", t.what ? t.what : "");
		return 0;
	}

	/* Top-byte-ignore: Linux runs EL0 with TCR_EL1.TBI0 = 1, so a tag in
	 * bits 63:56 of the base does not change the location accessed. */
	if (opt.tbi && t.sign_reg < 0 && !t.code_in_buf) {
		unsigned br = t.addr_reg != NOREG ? t.addr_reg : t.rn;

		if (br != NOREG && chance(&r, 1, opt.tbi)) {
			uint64_t tag = (1 + rnd_below(&r, 255)) << 56;

			if (br == 31)
				t.st.sp = (t.st.sp & ~(0xffull << 56)) | tag;
			else
				t.st.x[br] = (t.st.x[br] & ~(0xffull << 56)) | tag;
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
	hull(&w_lo, &w_hi, t.acc_lo, t.acc_hi);
	if (t.code_in_buf)
		hull(&w_lo, &w_hi, t.code_addr, t.code_addr + 8);
	if (w_lo != w_hi) {
		w_lo = w_lo - MARGIN < buf || w_lo < MARGIN ? buf : w_lo - MARGIN;
		w_hi = w_hi + MARGIN > buf + env.bufsz ? buf + env.bufsz : w_hi + MARGIN;
		if (w_lo < buf || w_hi > buf + env.bufsz) {
			fprintf(stderr, "differential: internal error: window outside the buffer (%s)\n", c->name);
			exit(3);
		}
		fill_random(&r, shadow + (w_lo - buf), w_hi - w_lo);
		for (i = 0; i < t.npatch; i++)
			memcpy(shadow + (t.patch[i].addr - buf), t.patch[i].b, t.patch[i].len);
		memcpy(env.buf + (w_lo - buf), shadow + (w_lo - buf), w_hi - w_lo);
		if (t.code_in_buf)
			native_sync_code(env.buf + (t.code_addr - buf), env.buf + (t.code_addr - buf) + 8);
	}

	if (opt.verbose && opt.index >= 0) {
		printf("case %s #%" PRIu64 ": word 0x%08" PRIx32 " (%s), %u native word(s)\n", c->name, index, t.emu[0],
		       t.what ? t.what : "", t.nwords);
		print_operands(&t, &t.st);
		fflush(stdout);
	}

	/* native */
	init = t.st;
	cpu = t.st;
	native_run(&env, t.words, t.nwords, &cpu);
	if (w_lo != w_hi) {
		memcpy(cpu_mem + (w_lo - buf), env.buf + (w_lo - buf), w_hi - w_lo);
		memcpy(env.buf + (w_lo - buf), shadow + (w_lo - buf), w_hi - w_lo);
	}

	/* nisv */
	memset(&ns, 0, sizeof ns);
	for (i = 0; i < 31; i++)
		ns.reg[NISV_X0 + i] = init.x[i];
	ns.reg[NISV_SP_EL0] = init.sp;
	ns.reg[NISV_SP_EL1] = 0x5ee1000000000000ull | (rng_next(&r) & 0xfffffff0u);
	pc0 = t.code_in_buf ? t.code_addr : env.slot + 4 * t.emu_first;
	ns.reg[NISV_PC] = pc0;
	ns.reg[NISV_PSTATE] = init.nzcv & 0xf0000000u; /* EL0t */
	ns.reg[NISV_SCTLR_EL1] = SCTLR_VAL;
	ns.reg[NISV_TCR_EL1] = pt.tcr;
	ns.reg[NISV_TTBR0_EL1] = pt.ttbr0;
	ns.reg[NISV_MAIR_EL1] = pt.mair;
	ns.reg[NISV_DCZID_EL0] = env.dczid;
	for (i = 0; i < 32; i++) {
		ns.v[i].lo = init.v[i][0];
		ns.v[i].hi = init.v[i][1];
	}
	ns0 = ns;
	memset(&m, 0, sizeof m);
	m.lo = buf;
	m.hi = buf + env.bufsz;
	m.pt_lo = pt.lo;
	m.pt_hi = pt.hi;
	m.acc_lo = t.acc_lo;
	m.acc_hi = t.acc_hi;
	m.may_write = t.may_write;
	memset(&res, 0, sizeof res);
	if (nisv_vcpu_init(&vcpu, &nisv_state_reg_ops, &ns, &mem_ops, &m) != NISV_OK) {
		fprintf(stderr, "differential: nisv_vcpu_init failed\n");
		exit(3);
	}
	for (k = 0; k < t.nemu; k++) {
		status = nisv_emulate(&vcpu, t.emu[k], &res);
		if (status != NISV_OK) {
			emu_failed = (int)k;
			break;
		}
	}

	/* did the CPU do anything? (a sanity count: loads and stores should) */
	if (memcmp(init.x, cpu.x, sizeof init.x) || init.sp != cpu.sp || memcmp(init.v, cpu.v, sizeof init.v) ||
	    (w_lo != w_hi && memcmp(cpu_mem + (w_lo - buf), shadow + (w_lo - buf), w_hi - w_lo)))
		stats[ci].effect++;

	if (opt.mutate && emu_failed < 0) {
		/* corrupt one register or one byte of the window: must be caught */
		if (w_lo != w_hi && (index & 1))
			env.buf[w_lo - buf + rnd_below(&r, w_hi - w_lo)] ^= (uint8_t)(1u << rnd_below(&r, 8));
		else if (index & 2)
			ns.v[rnd_below(&r, 32)].hi ^= 1ull << rnd_below(&r, 64);
		else
			ns.reg[rnd_below(&r, 32)] ^= 1ull << rnd_below(&r, 64);
	}

#define BAD(...)                                                                                                       \
	do {                                                                                                           \
		if (nline < 64)                                                                                        \
			snprintf(line[nline++], sizeof line[0], __VA_ARGS__);                                          \
		nbad++;                                                                                                \
	} while (0)

	if (emu_failed >= 0) {
		BAD("  nisv_emulate(word %d = 0x%08" PRIx32 ") = %s (fault %u, write %u, va 0x%" PRIx64 ")", emu_failed,
		    t.emu[emu_failed], nisv_status_name(status), res.fault, res.write, res.va);
	}
	for (i = 0; i < m.nerr && i < 4; i++)
		BAD("  memory callback: %s", m.err[i]);
	if (m.lock_depth != 0)
		BAD("  memory callback: lock left held");

	/* registers */
	if (emu_failed < 0) {
		for (i = 0; i < 31; i++)
			if (cpu.x[i] != ns.reg[NISV_X0 + i])
				BAD("  x%-2u   init 0x%016" PRIx64 "  cpu 0x%016" PRIx64 "  nisv 0x%016" PRIx64, i, init.x[i],
				    cpu.x[i], ns.reg[NISV_X0 + i]);
		if (cpu.sp != ns.reg[NISV_SP_EL0])
			BAD("  sp    init 0x%016" PRIx64 "  cpu 0x%016" PRIx64 "  nisv 0x%016" PRIx64, init.sp, cpu.sp,
			    ns.reg[NISV_SP_EL0]);
		if ((cpu.nzcv & 0xf0000000u) != ns.reg[NISV_PSTATE])
			BAD("  pstate init 0x%08" PRIx64 "  cpu nzcv 0x%08" PRIx64 "  nisv 0x%" PRIx64, init.nzcv, cpu.nzcv,
			    ns.reg[NISV_PSTATE]);
		if (ns.reg[NISV_PC] != pc0 + 4 * t.nemu)
			BAD("  pc    init 0x%016" PRIx64 "  expected 0x%016" PRIx64 "  nisv 0x%016" PRIx64, pc0,
			    pc0 + 4 * t.nemu, ns.reg[NISV_PC]);
		for (i = NISV_SP_EL1; i < NISV_REG_COUNT; i++)
			if (i != NISV_PC && i != NISV_PSTATE && ns.reg[i] != ns0.reg[i])
				BAD("  nisv changed system register %u: 0x%" PRIx64 " -> 0x%" PRIx64, i, ns0.reg[i], ns.reg[i]);
		for (i = 0; i < 32; i++)
			if (cpu.v[i][0] != ns.v[i].lo || cpu.v[i][1] != ns.v[i].hi)
				BAD("  v%-2u   init %016" PRIx64 ":%016" PRIx64 "  cpu %016" PRIx64 ":%016" PRIx64
				    "  nisv %016" PRIx64 ":%016" PRIx64,
				    i, init.v[i][1], init.v[i][0], cpu.v[i][1], cpu.v[i][0], ns.v[i].hi, ns.v[i].lo);
	}

	/* memory: the window (native result) plus whatever nisv touched */
	r_lo = w_lo;
	r_hi = w_hi;
	hull(&r_lo, &r_hi, m.t_lo, m.t_hi);
	for (a = r_lo; a < r_hi; a++) {
		uint64_t o = a - buf;
		uint8_t want = (a >= w_lo && a < w_hi) ? cpu_mem[o] : shadow[o];
		uint8_t got = env.buf[o];

		if (want != got)
			BAD("  mem   0x%" PRIx64 " (buf+0x%05" PRIx64 ")  init %02x  cpu %02x  nisv %02x", a, o, shadow[o], want,
			    got);
	}
	/* leave the buffer as it was before the case */
	if (r_lo != r_hi)
		memcpy(env.buf + (r_lo - buf), shadow + (r_lo - buf), r_hi - r_lo);

	if (nbad == 0) {
		if (opt.verbose && opt.index >= 0) {
			printf("case %s #%" PRIu64 " word 0x%08" PRIx32 " (%s): ok\n", c->name, index, t.emu[0],
			       t.what ? t.what : "");
			print_operands(&t, &init);
		}
		return 0;
	}

	stats[ci].mism++;
	total_mism++;
	if (t.flags & (CF_UNPRED | CF_IMPDEF)) {
		stats[ci].mism_unpred++;
		total_unpred++;
	}
	if (t.flags & CF_TAGGED)
		total_tagged++;
	if (reported < opt.max_report) {
		nisv_insn d;
		char nb[8];

		reported++;
		printf("MISMATCH%s%s%s class %s word 0x%08" PRIx32, (t.flags & CF_UNPRED) ? " [CONSTRAINED UNPREDICTABLE]" : "",
		       (t.flags & CF_IMPDEF) ? " [IMPLEMENTATION DEFINED]" : "", (t.flags & CF_TAGGED) ? " [tagged base, TBI]" : "",
		       c->name, t.emu[0]);
		if (t.nemu > 1)
			printf(" then 0x%08" PRIx32, t.emu[1]);
		printf(" (%s)", t.what ? t.what : "?");
		if (t.note)
			printf(" -- %s", t.note);
		printf("\n  repro: differential --seed %" PRIu64 " --class %s --index %" PRIu64 " --verbose\n", opt.seed,
		       c->name, index);
		memset(&d, 0, sizeof d);
		if (nisv_decode(t.emu[0], &d) == NISV_OK)
			printf("  nisv decode: op %s rt %u rt2 %u rn %u rm %u rs %u esize 2^%u nregs %u imm %" PRId64
			       " addr-mode %u flags 0x%x\n",
			       nisv_op_name(d.op), d.rt, d.rt2, d.rn, d.rm, d.rs, d.esize_log2, d.nregs, d.imm, d.addr,
			       d.flags);
		else
			printf("  nisv decode: unsupported\n");
		print_operands(&t, &init);
		printf("  pc 0x%" PRIx64 "  nzcv 0x%" PRIx64 "  buffer 0x%" PRIx64 "  accessed [0x%" PRIx64 ", 0x%" PRIx64 ")",
		       pc0, init.nzcv, buf, t.acc_lo, t.acc_hi);
		if (t.sign_reg >= 0)
			printf("  (base %s signed with key D%c)", xname((unsigned)t.sign_reg, nb), t.sign_key ? 'B' : 'A');
		printf("\n");
		for (i = 0; i < nline; i++)
			printf("%s\n", line[i]);
		if (nbad > nline)
			printf("  ... %u more differences\n", nbad - nline);
		if (opt.verbose) {
			printf("  initial X:");
			for (i = 0; i < 31; i++)
				printf("%s x%u=%" PRIx64, i % 4 ? "" : "\n   ", i, init.x[i]);
			printf("\n  initial memory [0x%" PRIx64 ", 0x%" PRIx64 "):", w_lo, w_hi);
			for (a = w_lo; a < w_hi; a++)
				printf("%s%02x", (a - w_lo) % 32 ? " " : "\n   ", shadow[a - buf]);
			printf("\n");
		}
	}
	return 1;
}

/* ------------------------------------------------------------------------ */

static void usage(void)
{
	printf("usage: differential [--cases N] [--seed S] [--class NAME] [--index K] [--min M]\n"
	       "                    [--max-report R] [--verbose] [--dump K] [--list] [--tbi K] [--mutate 1]\n"
	       "  --cases N    total cases, spread over the classes (default 200000)\n"
	       "  --min M      minimum cases per class (default 1000)\n"
	       "  --class NAME run one class only; --index K: only case K of it\n"
	       "  --dump K     print K generated words per class and exit (no execution)\n"
	       "  --tbi K      give 1 in K cases a tagged base register (default 8; 0: never)\n"
	       "  --mutate 1   harness self-check: corrupt every nisv result; all must mismatch\n");
}

static uint64_t num(const char *s)
{
	char *e;
	uint64_t v = strtoull(s, &e, 0);

	if (*e) {
		fprintf(stderr, "differential: bad number '%s'\n", s);
		exit(3);
	}
	return v;
}

int main(int argc, char **argv)
{
	unsigned ci, nsel = 0, nshort = 0, list = 0;
	uint64_t quota, total = 0, k, since_check = 0;
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--verbose") || !strcmp(a, "-v")) {
			opt.verbose = 1;
			continue;
		}
		if (!strcmp(a, "--list")) {
			list = 1;
			continue;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage();
			return 0;
		}
		if (!v) {
			usage();
			return 3;
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
		else if (!strcmp(a, "--min"))
			opt.min_per_class = num(v);
		else if (!strcmp(a, "--max-report"))
			opt.max_report = (unsigned)num(v);
		else if (!strcmp(a, "--dump"))
			opt.dump = (unsigned)num(v);
		else if (!strcmp(a, "--tbi"))
			opt.tbi = (unsigned)num(v);
		else if (!strcmp(a, "--mutate"))
			opt.mutate = (int)num(v);
		else {
			usage();
			return 3;
		}
	}
	if (ndclasses > sizeof stats / sizeof stats[0])
		return 3;
	if (list) {
		for (ci = 0; ci < ndclasses; ci++)
			printf("%s\n", dclasses[ci].name);
		return 0;
	}
	if (native_init(&env, BUFSZ) != 0) {
		fprintf(stderr, "differential: cannot set up native execution\n");
		return 3;
	}
	native_set_describe(describe_case);
	if (pagetable_build(&pt, (uint64_t)(uintptr_t)env.page, (uint64_t)(uintptr_t)env.buf + env.bufsz, env.va_bits)) {
		fprintf(stderr, "differential: cannot build the translation tables\n");
		return 3;
	}
	{
		struct rng r;

		rng_seed(&r, opt.seed);
		fill_random(&r, shadow, env.bufsz);
		memcpy(env.buf, shadow, env.bufsz);
	}
	if (opt.verbose)
		printf("differential: DCZID_EL0 0x%" PRIx64 ", features 0x%x, VA bits %u, buffer %p, slot 0x%" PRIx64 "\n",
		       env.dczid, env.feat, env.va_bits, (void *)env.buf, env.slot);

	if (opt.only) {
		for (ci = 0; ci < ndclasses && strcmp(opt.only, dclasses[ci].name); ci++)
			;
		if (ci == ndclasses) {
			fprintf(stderr, "differential: no class '%s' (see --list)\n", opt.only);
			return 3;
		}
	}
	for (ci = 0; ci < ndclasses; ci++) {
		if (opt.only && strcmp(opt.only, dclasses[ci].name))
			continue;
		stats[ci].supported = (dclasses[ci].need & env.feat) == dclasses[ci].need;
		if (stats[ci].supported)
			nsel++;
		else
			printf("differential: class %s skipped: this CPU lacks a feature it needs (0x%x)\n", dclasses[ci].name,
			       dclasses[ci].need & ~env.feat);
	}
	if (nsel == 0)
		nsel = 1;
	quota = (opt.cases + nsel - 1) / nsel;
	if (quota < opt.min_per_class && !opt.dump)
		quota = opt.min_per_class;
	if (opt.dump)
		quota = opt.dump;

	for (ci = 0; ci < ndclasses; ci++) {
		if (!stats[ci].supported || (opt.only && strcmp(opt.only, dclasses[ci].name)))
			continue;
		for (k = 0; k < quota; k++) {
			if (opt.index >= 0 && (uint64_t)opt.index != k)
				continue;
			run_case(ci, k);
			stats[ci].run++;
			total++;
			if (++since_check >= FULLCHECK_EVERY) {
				since_check = 0;
				if (memcmp(env.buf, shadow, env.bufsz) != 0) {
					fprintf(stderr, "differential: harness error: the buffer changed outside the "
					                "predicted window (class %s, index %" PRIu64 ")\n",
					        dclasses[ci].name, k);
					return 3;
				}
			}
		}
	}
	if (opt.dump)
		return 0;
	cur_class = NULL;
	cur_case = NULL;
	if (memcmp(env.buf, shadow, env.bufsz) != 0) {
		fprintf(stderr, "differential: harness error: the buffer changed outside the predicted window\n");
		return 3;
	}

	nsel = 0;
	for (ci = 0; ci < ndclasses; ci++) {
		if (!stats[ci].supported || (opt.only && strcmp(opt.only, dclasses[ci].name)))
			continue;
		nsel++;
		if (opt.index < 0 && stats[ci].run < quota)
			nshort++;
		if (opt.verbose || stats[ci].mism)
			printf("  %-16s %8" PRIu64 " cases %8" PRIu64 " with an effect %6" PRIu64
			       " mismatches (%" PRIu64 " CONSTRAINED UNPREDICTABLE)\n",
			       dclasses[ci].name, stats[ci].run, stats[ci].effect, stats[ci].mism, stats[ci].mism_unpred);
	}
	if (opt.verbose)
		printf("differential: nisv read %" PRIu64 " translation table descriptors\n", walk_reads);
	if (total_unpred)
		printf("differential: %" PRIu64 " of the mismatches are CONSTRAINED UNPREDICTABLE or IMPLEMENTATION DEFINED cases\n",
		       total_unpred);
	if (total_tagged)
		printf("differential: %" PRIu64 " of the mismatches have a tagged base register (TBI; --tbi 0 to leave out)\n",
		       total_tagged);
	if (nshort)
		printf("differential: %u classes ran fewer cases than their minimum\n", nshort);
	printf("differential: %" PRIu64 " cases, %u classes, %" PRIu64 " mismatches\n", total, nsel, total_mism);
	return (total_mism || nshort) ? 1 : 0;
}
