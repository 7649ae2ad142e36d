/*
 * unit: run the case tables of cases_*.c (see unit.h for what a case is).
 *
 * Prints one line per failing case (class, index, assembly text, word) with
 * one indented line per difference, then "unit: N cases, M failed".
 *   unit -v     also prints every passing case
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "unit.h"
#include "state_diff.h"

static const struct case_table *const tables[] = {
	&cases_single, &cases_pair, &cases_simd, &cases_excl, &cases_atomic, &cases_misc,
};

/* ---- failure reporting -------------------------------------------------- */

static int verbose;
static int case_failed;
static const char *cur_table;
static size_t cur_index;
static const struct unit_case *cur_case;

static void case_header(const char *verdict)
{
	const struct unit_case *c = cur_case;

	printf("%s %s #%zu:", verdict, cur_table, cur_index);
	for (unsigned i = 0; i < MAX_PROG && c->prog[i].text; i++)
		printf("%s %s (%08x)", i ? ";" : "", c->prog[i].text, (unsigned)c->prog[i].word);
	printf("\n");
}

static void fail(const char *fmt, ...)
{
	va_list ap;

	if (!case_failed) {
		case_header("FAIL");
		if (cur_case->why)
			printf("    (%s)\n", cur_case->why);
	}
	case_failed = 1;
	printf("    ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* ---- building the initial and the expected state ------------------------ */

/* Parse "11 22 33" into bytes; returns the count, or -1 on a malformed string. */
static int parse_hex(const char *s, uint8_t *out, int max)
{
	int n = 0;

	while (*s) {
		char *end;
		unsigned long b;

		if (*s == ' ') {
			s++;
			continue;
		}
		if (n == max)
			return -1;
		char pair[3] = { s[0], s[1], 0 };
		b = strtoul(pair, &end, 16);
		if (end != pair + 2)
			return -1;
		out[n++] = (uint8_t)b;
		s += 2;
	}
	return n;
}

static int apply_mem(uint8_t *ram, const struct mem_val *mv, const char *what)
{
	for (unsigned i = 0; i < MAX_MEM && mv[i].addr; i++) {
		uint8_t bytes[RAM_SIZE];
		int n;

		if (mv[i].hex) {
			n = parse_hex(mv[i].hex, bytes, (int)sizeof(bytes));
		} else {
			n = mv[i].fill_len;
			memset(bytes, mv[i].fill, (size_t)n);
		}
		if (n < 0 || mv[i].addr < RAM || mv[i].addr - RAM + (uint64_t)n > RAM_SIZE) {
			fail("bad %s entry %u (address 0x%llx, outside RAM or malformed)", what, i,
			     (unsigned long long)mv[i].addr);
			return -1;
		}
		memcpy(ram + (mv[i].addr - RAM), bytes, (size_t)n);
	}
	return 0;
}

static void apply_regs(nisv_state *st, const struct reg_val *rv)
{
	for (unsigned i = 0; i < MAX_REGS && rv[i].used; i++)
		st->reg[rv[i].reg] = rv[i].val;
}

static void apply_v(nisv_state *st, const struct v_val *vv)
{
	for (unsigned i = 0; i < MAX_VREGS && vv[i].used; i++) {
		st->v[vv[i].n].lo = vv[i].lo;
		st->v[vv[i].n].hi = vv[i].hi;
	}
}

static void initial_state(const struct unit_case *c, nisv_state *st, struct test_mem *m)
{
	memset(st, 0, sizeof(*st));
	st->reg[NISV_PC] = PC0;
	st->reg[NISV_PSTATE] = PSTATE_EL1H;
	st->reg[NISV_DCZID_EL0] = 4;
	apply_regs(st, c->regs);
	apply_v(st, c->v);
	memset(m->ram, RAM_FILL, RAM_SIZE);
	memset(m->tables, 0, TABLES_SIZE);
	if (c->normal)
		test_normal_memory(st, m);
	apply_mem(m->ram, c->mem, "mem");
}

/* ---- comparing ----------------------------------------------------------- */

static void compare_state(const nisv_state *got, const nisv_state *want, const nisv_state *init)
{
	for (unsigned r = 0; r < NISV_REG_COUNT; r++)
		if (got->reg[r] != want->reg[r])
			fail("%-9s = 0x%016llx, expected 0x%016llx%s", reg_name(r),
			     (unsigned long long)got->reg[r], (unsigned long long)want->reg[r],
			     want->reg[r] == init->reg[r] ? " (unchanged)" : "");
	for (unsigned n = 0; n < 32; n++)
		if (got->v[n].lo != want->v[n].lo || got->v[n].hi != want->v[n].hi)
			fail("V%-8u = 0x%016llx:%016llx, expected 0x%016llx:%016llx%s", n,
			     (unsigned long long)got->v[n].hi, (unsigned long long)got->v[n].lo,
			     (unsigned long long)want->v[n].hi, (unsigned long long)want->v[n].lo,
			     want->v[n].lo == init->v[n].lo && want->v[n].hi == init->v[n].hi
			             ? " (unchanged)"
			             : "");
}

static void compare_bytes(const uint8_t *got, const uint8_t *want, unsigned size, uint64_t base)
{
	for (unsigned off = 0; off < size;) {
		unsigned end = off;

		if (got[off] == want[off]) {
			off++;
			continue;
		}
		while (end < size && end - off < 16 && got[end] != want[end])
			end++;
		char gs[64] = "", ws[64] = "";
		for (unsigned k = off; k < end; k++) {
			snprintf(gs + 3 * (k - off), 4, "%02x ", got[k]);
			snprintf(ws + 3 * (k - off), 4, "%02x ", want[k]);
		}
		fail("memory at 0x%llx: %sexpected %s", (unsigned long long)(base + off), gs, ws);
		off = end;
	}
}

/* ---- running one case ----------------------------------------------------- */

static struct test_regs regs;
static struct test_mem mem, want_mem;

static void run_case(const struct unit_case *c)
{
	nisv_state init, want;
	nisv_vcpu vcpu;
	nisv_result res;
	nisv_status st = NISV_OK;
	unsigned nprog = 0, completed = 0;
	unsigned calls = 0;

	initial_state(c, &init, &mem);
	regs.st = init;
	regs.fail_get = regs.fail_set = -1;
	mem.fail_call = -1;
	if (case_failed)
		return; /* a malformed initial memory entry */

	if (nisv_vcpu_init(&vcpu, &test_reg_ops, &regs, &test_mem_ops, &mem) != NISV_OK) {
		fail("nisv_vcpu_init failed");
		return;
	}
	nisv_vcpu_set_features(&vcpu, c->features);

	while (nprog < MAX_PROG && c->prog[nprog].text)
		nprog++;
	for (unsigned i = 0; i < nprog; i++) {
		int last = i + 1 == nprog;

		if (last && c->clear_monitor)
			nisv_clear_exclusive(&vcpu);
		test_regs_begin(&regs);
		test_mem_begin(&mem);
		memset(&res, 0xa5, sizeof(res));
		st = nisv_emulate(&vcpu, c->prog[i].word, &res);
		calls += mem.calls;

		if (res.status != st)
			fail("%s: nisv_result.status %s, returned %s", c->prog[i].text,
			     nisv_status_name(res.status), nisv_status_name(st));
		for (unsigned r = 0; r < NISV_REG_COUNT; r++) {
			if (regs.get[r] > 1)
				fail("%s: %s fetched %u times", c->prog[i].text, reg_name(r), regs.get[r]);
			if (regs.set[r] > 1)
				fail("%s: %s written %u times", c->prog[i].text, reg_name(r), regs.set[r]);
		}
		for (unsigned n = 0; n < 32; n++) {
			if (regs.get_v[n] > 1)
				fail("%s: V%u fetched %u times", c->prog[i].text, n, regs.get_v[n]);
			if (regs.set_v[n] > 1)
				fail("%s: V%u written %u times", c->prog[i].text, n, regs.set_v[n]);
		}
		if (regs.bad_index)
			fail("%s: register callback called with an index out of range", c->prog[i].text);
		if (mem.piece_errors)
			fail("%s: %d memory callbacks not naturally aligned pieces of <= 16 bytes",
			     c->prog[i].text, mem.piece_errors);
		if (mem.lock_errors || mem.locked)
			fail("%s: lock()/unlock() not paired", c->prog[i].text);
		if (mem.atomic_unlocked)
			fail("%s: %d atomic accesses made outside lock()/unlock()", c->prog[i].text,
			     mem.atomic_unlocked);
		/* (a write that fails midway through a multi-piece store is the one
		 * documented exception: the pieces before it are written) */
		if (st != NISV_OK && mem.writes && !mem.failed_write)
			fail("%s: returned %s after %u memory writes", c->prog[i].text,
			     nisv_status_name(st), mem.writes);
		if (!last) {
			if (st != NISV_OK) {
				fail("%s (setup) returned %s", c->prog[i].text, nisv_status_name(st));
				return;
			}
		}
		if (st == NISV_OK)
			completed++;
	}

	/* status, fault */
	if (st != c->status)
		fail("status %s, expected %s", nisv_status_name(st), nisv_status_name(c->status));
	if (res.fault != c->fault)
		fail("nisv_result.fault %u, expected %u", res.fault, c->fault);
	if (c->status == NISV_FAULT && st == NISV_FAULT) {
		if (c->fault_va && res.va != c->fault_va)
			fail("nisv_result.va 0x%llx, expected 0x%llx", (unsigned long long)res.va,
			     (unsigned long long)c->fault_va);
		if (c->wnr && res.write != (c->wnr == WNR_WRITE))
			fail("nisv_result.write %u, expected %u", res.write, c->wnr == WNR_WRITE);
	}
	if (res.insn.word != c->prog[nprog - 1].word)
		fail("nisv_result.insn.word 0x%08x", (unsigned)res.insn.word);

	/* memory callbacks */
	if (c->no_access && calls)
		fail("%u memory callbacks, expected none", calls);
	if (c->mem_flags && mem.calls &&
	    (mem.flags_seen_and != (c->mem_flags & 0x7fffffffu) ||
	     mem.flags_seen_or != (c->mem_flags & 0x7fffffffu)))
		fail("memory callback flags 0x%x..0x%x, expected 0x%x", mem.flags_seen_and,
		     mem.flags_seen_or, c->mem_flags & 0x7fffffffu);

	/* the whole state and the whole RAM */
	want = init;
	apply_regs(&want, c->out_regs);
	apply_v(&want, c->out_v);
	want.reg[NISV_PC] = init.reg[NISV_PC] + 4ull * completed;
	compare_state(&regs.st, &want, &init);

	initial_state(c, &init, &want_mem);
	if (apply_mem(want_mem.ram, c->out_mem, "out_mem") == 0) {
		compare_bytes(mem.ram, want_mem.ram, RAM_SIZE, RAM);
		compare_bytes(mem.tables, want_mem.tables, TABLES_SIZE, TABLES);
	}
}

int main(int argc, char **argv)
{
	size_t total = 0, failed = 0;

	verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
	for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++) {
		size_t tfailed = 0;

		cur_table = tables[t]->name;
		for (size_t i = 0; i < tables[t]->count; i++) {
			cur_index = i;
			cur_case = &tables[t]->cases[i];
			case_failed = 0;
			run_case(cur_case);
			if (case_failed)
				tfailed++;
			else if (verbose)
				case_header("ok  ");
		}
		printf("unit %-7s %3zu cases, %zu failed\n", tables[t]->name, tables[t]->count, tfailed);
		total += tables[t]->count;
		failed += tfailed;
	}
	printf("unit: %zu cases, %zu failed\n", total, failed);
	return failed ? 1 : 0;
}
