/*
 * nisv explain: the fields of an ESR_ELx value (esr_fields.c, from the
 * table in esr_table.c) and nisv's verdict on it: with --insn, whether the
 * hardware reports ISV=1 for the instruction and whether the syndrome agrees
 * with it; always, what nisv_handle_abort does with such a trap.
 */
#include <getopt.h>
#include <string.h>

#include "esr.h"
#include "tool.h"

static const char explain_help[] =
	"usage: nisv explain ESR [--insn WORD] [--pc ADDR] [--json]\n"
	"\n"
	"Every field of an ESR_ELx value: EC, IL, the ISS laid out for its exception\n"
	"class and the ISS2, with bits, value and meaning; RES0 bits that are set are\n"
	"flagged. The last line says what nisv_handle_abort does with such a trap.\n"
	"ESR is hexadecimal, with or without 0x (as ESRs are printed).\n"
	"\n"
	"  --insn WORD   the trapped instruction (hex): whether the hardware reports\n"
	"                ISV=1 for it, whether ISV, CM, WnR (and with ISV=1 SAS, SSE,\n"
	"                SRT, SF, AR) agree with it\n"
	"  --pc ADDR     the instruction's address, for PC-relative (literal) targets\n"
	"  --json        one JSON object\n"
	"  -h, --help    this help\n"
	"\n"
	"exit status: 0 printed; 2 malformed arguments. See nisv(1).\n";

struct explain_args {
	uint64_t esr;
	int json, have_insn;
	uint32_t word;
	uint64_t pc;
};

/* A syndrome field compared with the instruction. */
struct check {
	const char *name;
	int ok;
	char text[160];
};

struct verdict {
	nisv_insn d;
	int isv_expected;    /* the hardware gives ISV=1 for d       */
	const char *isv_why;
	struct check c[8];
	unsigned nc;
	char action[512];    /* what nisv_handle_abort does           */
};

/* ---- the verdict --------------------------------------------------------------- */

/* Would the hardware report ISV=1 for a stage 2 abort on this instruction? */
static int hw_isv(const nisv_insn *d, const char **why)
{
	if (d->op == NISV_OP_NONE)
		return *why = "not a memory instruction", 0;
	if (d->op == NISV_OP_LOAD_EXCL || d->op == NISV_OP_STORE_EXCL)
		return *why = "exclusives are reported with ISV=0", 0;
	if (d->op == NISV_OP_ATOMIC || d->op == NISV_OP_CAS || d->op == NISV_OP_CASP)
		return *why = "atomics and compare-and-swap are reported with ISV=0", 0;
	if (d->op >= NISV_OP_LD_MULTI && d->op <= NISV_OP_LD_REPL)
		return *why = "SIMD structure loads/stores are reported with ISV=0", 0;
	if (d->op >= NISV_OP_SVE_LOAD && d->op <= NISV_OP_SVE_LOAD_REPL)
		return *why = "SVE loads/stores are reported with ISV=0", 0;
	if (op_is_dc(d->op))
		return *why = "DC instructions are reported with ISV=0 (cache maintenance sets CM)", 0;
	if (d->op == NISV_OP_PREFETCH)
		return *why = "a prefetch never faults", 0;
	if (d->nregs == 2)
		return *why = "pairs (LDP/STP/LDNP/STNP/LDPSW/STGP) are reported with ISV=0", 0;
	if (d->rclass == NISV_RC_V)
		return *why = "SIMD&FP register loads/stores are reported with ISV=0", 0;
	if (d->addr == NISV_AM_PRE || d->addr == NISV_AM_POST)
		return *why = "writeback forms are reported with ISV=0", 0;
	return *why = "a load/store of a single general-purpose register without writeback", 1;
}

static unsigned syndrome_checks(uint64_t esr, const nisv_insn *d, int isv_expected, struct check *c)
{
	unsigned n = 0, isv = (esr >> 24) & 1, wnr = (esr >> 6) & 1, cm = (esr >> 8) & 1;
	int writes = !strcmp(access_kind(d), "write") || !strcmp(access_kind(d), "zero");
	int rmw = !strcmp(access_kind(d), "read-modify-write");
	int maint = d->op == NISV_OP_DC_MAINT;

	c[n] = (struct check){ "ISV", (int)isv == isv_expected, "" };
	snprintf(c[n].text, sizeof(c[n].text), "ESR has ISV=%u, the hardware gives ISV=%d for this instruction", isv,
	         isv_expected);
	n++;
	c[n] = (struct check){ "CM", (int)cm == maint, "" };
	snprintf(c[n].text, sizeof(c[n].text), "ESR has CM=%u; the instruction %s cache maintenance", cm,
	         maint ? "is" : "is not");
	n++;
	c[n] = (struct check){ "WnR", rmw || (int)wnr == (writes || maint), "" };
	snprintf(c[n].text, sizeof(c[n].text), "ESR has WnR=%u; the instruction %s", wnr,
	         rmw ? "reads and writes (either value)" : writes || maint ? "writes (WnR=1)" : "reads (WnR=0)");
	n++;
	if (isv && isv_expected) {
		unsigned sas = (esr >> 22) & 3, sse = (esr >> 21) & 1, srt = (esr >> 16) & 31, sf = (esr >> 15) & 1,
		         ar = (esr >> 14) & 1;
		int want_sse = (d->flags & NISV_F_SIGNED) != 0, want_sf = d->rclass == NISV_RC_X;
		int want_ar = (d->flags & (NISV_F_ACQUIRE | NISV_F_RELEASE)) != 0;
		c[n] = (struct check){ "SAS", sas == d->esize_log2, "" };
		snprintf(c[n].text, sizeof(c[n].text), "SAS=%u (%u bytes); the access is %u bytes", sas, 1u << sas,
		         1u << d->esize_log2);
		n++;
		c[n] = (struct check){ "SSE", (int)sse == want_sse, "" };
		snprintf(c[n].text, sizeof(c[n].text), "SSE=%u; the instruction %s", sse,
		         want_sse ? "sign-extends" : "does not sign-extend");
		n++;
		c[n] = (struct check){ "SRT", srt == d->rt, "" };
		snprintf(c[n].text, sizeof(c[n].text), "SRT=%u; the transfer register is %u", srt, d->rt);
		n++;
		c[n] = (struct check){ "SF", (int)sf == want_sf, "" };
		snprintf(c[n].text, sizeof(c[n].text), "SF=%u; the register is %s", sf, want_sf ? "X (64-bit)" : "W (32-bit)");
		n++;
		c[n] = (struct check){ "AR", (int)ar == want_ar, "" };
		snprintf(c[n].text, sizeof(c[n].text), "AR=%u; the instruction %s acquire/release semantics", ar,
		         want_ar ? "has" : "has no");
		n++;
	}
	return n;
}

/* What nisv_handle_abort does with this abort (include/nisv.h). */
static void nisv_action(uint64_t esr, const nisv_insn *d, int have_insn, char *out, size_t n)
{
	unsigned ec = (esr >> 26) & 0x3f;
	char text[128];

	if (ec != 0x24 && ec != 0x25) {
		snprintf(out, n, "not a data abort: nisv_handle_abort returns NISV_INVALID_ARGUMENT (only EC 0x24/0x25, "
		                 "or an ISS-only value with NISV_ABORT_ISS_ONLY)");
		return;
	}
	if (esr & (1u << 7)) {
		snprintf(out, n, "S1PTW=1: the guest's own page tables are not in RAM; nisv walks FAR (when given) to find "
		                 "the level and takes a synchronous External abort on translation table walk (DFSC "
		                 "0x14+level; without FAR: DFSC 0x10); a walk that now succeeds gives NISV_RETRY; "
		                 "nothing is fetched");
		return;
	}
	if (esr & (1u << 8)) {
		snprintf(out, n, "CM=1: cache maintenance on the trapped page; nisv completes it (PC += 4, NISV_OK) "
		                 "without touching any device");
		return;
	}
	if (esr & (1u << 24)) {
		static const char *const sas[4] = { "byte", "halfword", "word", "doubleword" };
		snprintf(out, n, "ISV=1: the syndrome path: %s of a %s %s%u at the IPA (%s%s), no fetch, no walk; "
		                 "then PC += 4",
		         esr & (1u << 6) ? "store" : "load", sas[(esr >> 22) & 3], esr & (1u << 15) ? "x" : "w",
		         (unsigned)(esr >> 16) & 31, esr & (1u << 21) ? "sign-extended, " : "",
		         esr & (1u << 14) ? "acquire/release" : "no ordering");
		return;
	}
	if (!have_insn) {
		snprintf(out, n, "ISV=0: nisv fetches the word at PC through stage 1, decodes it and emulates it; an "
		                 "access that does not cover the reported IPA/FAR gives NISV_RETRY (stale fault)");
		return;
	}
	format_insn(d, 0, text, sizeof(text));
	if (d->op == NISV_OP_NONE)
		snprintf(out, n, "ISV=0: nisv fetches the word at PC, which it does not emulate: a word in the "
		                 "load/store or SVE encoding space gets a synchronous External abort (DFSC 0x10), any "
		                 "other word an UNDEFINED exception (EC 0x00)");
	else if (d->op == NISV_OP_PREFETCH)
		snprintf(out, n, "ISV=0: nisv fetches '%s'; a prefetch never faults, so the trap is stale: NISV_RETRY",
		         text);
	else
		snprintf(out, n, "ISV=0: nisv fetches the word at PC, decodes '%s' and emulates it (stage 1 walk, "
		                 "checks, then the %s access through the memory callbacks; registers written, "
		                 "PC += 4); if the access does not cover the reported IPA (and FAR): NISV_RETRY",
		         text, access_kind(d));
}

static void judge(const struct explain_args *a, struct verdict *v)
{
	unsigned ec = (unsigned)(a->esr >> 26) & 0x3f;

	memset(v, 0, sizeof(*v));
	v->isv_why = "";
	if (a->have_insn) {
		nisv_decode(a->word, &v->d);
		v->isv_expected = hw_isv(&v->d, &v->isv_why);
		if ((ec == 0x24 || ec == 0x25) && v->d.op != NISV_OP_NONE)
			v->nc = syndrome_checks(a->esr, &v->d, v->isv_expected, v->c);
	}
	nisv_action(a->esr, &v->d, a->have_insn, v->action, sizeof(v->action));
}

/* ---- the command: parse -> read the ESR, judge -> print ------------------------ */

static int parse_args(int argc, char **argv, struct explain_args *a)
{
	static const struct option longopts[] = {
		{ "insn", required_argument, NULL, 'i' }, { "pc", required_argument, NULL, 'p' },
		{ "json", no_argument, NULL, 'j' },       { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *esr_arg = NULL;
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(explain_help, stdout);
			return -1;
		case 'j':
			a->json = 1;
			break;
		case 'i':
			if (parse_word(optarg, &a->word))
				return usage_error("--insn: not a 32-bit hex instruction word", optarg);
			a->have_insn = 1;
			break;
		case 'p':
			if (parse_u64(optarg, &a->pc))
				return usage_error("--pc: not a 64-bit number", optarg);
			break;
		case ':':
			return usage_error(optopt == 'i' ? "--insn needs an instruction word" : "--pc needs an address", NULL);
		default:
			return usage_error("explain: unknown option (see nisv explain --help)", argv[optind - 1]);
		}
	}
	for (; optind < argc; optind++) {
		if (esr_arg)
			return usage_error("explain takes one ESR value; extra argument", argv[optind]);
		esr_arg = argv[optind];
	}
	if (!esr_arg)
		return usage_error("explain needs an ESR value (e.g. nisv explain 0x93c08007)", NULL);
	if (parse_hex(esr_arg, 16, &a->esr))
		return usage_error("not a 64-bit ESR value (hexadecimal, with or without 0x)", esr_arg);
	return 0;
}

static void print_text(const struct explain_args *a, const struct esr_view *e, const struct verdict *v)
{
	char text[128], acc[512];

	esr_print_text(e);
	if (a->have_insn) {
		format_insn(&v->d, a->pc, text, sizeof(text));
		format_access(&v->d, acc, sizeof(acc));
		printf("instruction %08x  %s\n", a->word, text);
		printf("  access: %s\n", acc);
		printf("  hardware ISV: %d (%s)\n", v->isv_expected, v->isv_why);
		if (v->nc)
			printf("  syndrome vs instruction:\n");
		else
			printf("  syndrome vs instruction: nothing to compare (%s)\n",
			       v->d.op == NISV_OP_NONE ? "not a memory instruction" : "not a data abort");
		for (unsigned i = 0; i < v->nc; i++)
			printf("    %-4s %-8s %s\n", v->c[i].name, v->c[i].ok ? "agrees" : "DIFFERS", v->c[i].text);
	}
	printf("nisv: %s\n", v->action);
}

static void print_json(const struct explain_args *a, const struct esr_view *e, const struct verdict *v)
{
	char text[128];

	json_begin_object(NULL);
	esr_print_json(e);
	if (a->have_insn) {
		format_insn(&v->d, a->pc, text, sizeof(text));
		json_begin_object("insn");
		json_hex("word", a->word);
		json_bool("memory", v->d.op != NISV_OP_NONE);
		json_str("text", text);
		if (v->d.op != NISV_OP_NONE)
			json_access(&v->d);
		json_bool("hardware_isv", v->isv_expected);
		json_str("hardware_isv_reason", v->isv_why);
		json_begin_array("syndrome_checks");
		for (unsigned i = 0; i < v->nc; i++) {
			json_begin_object(NULL);
			json_str("field", v->c[i].name);
			json_bool("agrees", v->c[i].ok);
			json_str("detail", v->c[i].text);
			json_end_object();
		}
		json_end_array();
		json_end_object();
	}
	json_str("nisv", v->action);
	json_end_object();
	json_done();
}

int cmd_explain(int argc, char **argv)
{
	static struct esr_view e;
	static struct verdict v;
	struct explain_args a = { 0 };
	int rc = parse_args(argc, argv, &a);

	if (rc)
		return rc < 0 ? EXIT_DONE : rc;
	esr_read(a.esr, &e);
	judge(&a, &v);
	if (a.json)
		print_json(&a, &e, &v);
	else
		print_text(&a, &e, &v);
	return EXIT_DONE;
}
