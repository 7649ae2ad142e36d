/*
 * nisv emulate: one instruction, from a state given on the command line (or
 * in a state file), through the trap path a hypervisor uses:
 *   parse (options) -> set up (registers, regions, page tables)
 *   -> run (describe the access, then nisv_handle_abort or nisv_emulate)
 *   -> print (emulate_print.c).
 *
 * Memory is a nisv_bus (machine.c): --ram regions are RAM, --dev regions are
 * devices whose accesses are logged. Registers live in a nisv_state
 * (nisv_state_reg_ops). Faults are taken (NISV_FAULTS_INJECT) unless
 * --report, so an exception shows as register changes.
 *
 * The path (nisv.1, "THE TRAP PATH"):
 *  1. describe_access() learns, without performing anything, the access's
 *     first IPA, VA and direction;
 *  2. nisv_handle_abort() gets ESR_EL2 = a data abort from a lower EL, ISV=0,
 *     WnR of the access, DFSC = translation fault level 3, that IPA, and FAR
 *     = the VA; its instruction fetch at PC returns WORD (machine.c);
 *  3. nisv_emulate() instead ("direct") when there is no trap to take: a
 *     prefetch or DC GVA (no access), a fault the guest would take at stage 1
 *     before any stage 2 abort (alignment, translation, permission, SP
 *     alignment, trapped DC), a PC that cannot be fetched, or --direct.
 *  DC maintenance instructions take the trap path with CM=1.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "emulate.h"

static const char emulate_help[] =
	"usage: nisv emulate WORD [options]\n"
	"\n"
	"Runs the A64 instruction WORD (hex) through the trap path a hypervisor uses\n"
	"(nisv_handle_abort with an ISV=0 syndrome for the access's first byte) from\n"
	"the state the options give; prints the path, the status, every device access,\n"
	"every register and byte range that changed, and the exception taken.\n"
	"\n"
	"Numbers (values, addresses, sizes): decimal, 0x hex or 0b binary, '_' allowed\n"
	"between digits; v registers take 128-bit values in the same syntax.\n"
	"\n"
	"  --set REG=VALUE         x0-x30, w0-w30 (32-bit), sp, sp_el0, sp_el1, pc,\n"
	"                          pstate (cpsr), nzcv, v0-v31 (q0-q31), sctlr_el1,\n"
	"                          tcr_el1, ttbr0_el1, ttbr1_el1, mair_el1, vbar_el1,\n"
	"                          esr_el1, far_el1, elr_el1, spsr_el1, dczid_el0,\n"
	"                          zcr_el1, svcr, smcr_el1.\n"
	"                          With --vl/--svl: z0-z31 (up to VL/8 bytes), p0-p15\n"
	"                          and ffr (VL/64 bytes), za0-za255 (ZA rows, SVL/8\n"
	"                          bytes), zt0 (64 bytes): numbers whose least\n"
	"                          significant byte is byte 0 of the register (bits\n"
	"                          7:0); v<n> is then z<n> bytes 0-15 and zeroes the\n"
	"                          rest, as a V write does.\n"
	"                          Unset registers are 0 (PSTATE 0 is EL0t: pstate=5\n"
	"                          for EL1h; SCTLR_EL1 0: the MMU is off).\n"
	"                          The order of --set does not matter: nzcv (0-15, or\n"
	"                          bits 31:28) replaces PSTATE.NZCV whatever pstate\n"
	"                          says; sp is the SP the final PSTATE selects (SP_EL0\n"
	"                          at EL0 or with SPSel 0, else SP_EL1); the last of\n"
	"                          two --set of one register wins.\n"
	"  --ram ADDR=HEXBYTES     guest RAM at a guest-physical address, bytes in\n"
	"  --ram ADDR=@FILE        memory order (or a file's bytes); with :SIZE, SIZE\n"
	"  --ram ADDR:SIZE[=...]   bytes, zero past the given ones\n"
	"  --dev ADDR:SIZE[=HEXBYTES|=@FILE][,noexcl][,noatomic][,widths=1+2+4+8]\n"
	"                          an emulated device: its accesses are logged, its\n"
	"                          bytes behave as memory\n"
	"  --state FILE            registers, regions and features from a JSON file\n"
	"                          (format: nisv(1), STATE FILE); applied where it\n"
	"                          stands among the options\n"
	"  --identity-map[=device] stage-1 tables with VA == IPA (4K pages, Normal\n"
	"                          memory; =device maps --dev regions Device-nGnRnE);\n"
	"                          turns the MMU on\n"
	"  --feature NAME          guest CPU feature: lse2, lpa, lpa2, lva, hafdbs, mte\n"
	"  --vl N                  SVE: the vector lengths up to N bits are implemented\n"
	"                          (128-2048, a multiple of 128); ZCR_EL1.LEN = N/128-1\n"
	"                          unless zcr_el1 is given\n"
	"  --svl N                 SME: the streaming vector lengths up to N bits (a\n"
	"                          power of two); SMCR_EL1.LEN = N/128-1 unless\n"
	"                          smcr_el1 is given (svcr=1 enters streaming mode)\n"
	"  --pa-bits N             implemented physical address size (32-52, default 48)\n"
	"  --direct                call nisv_emulate instead of the trap path\n"
	"  --report                report a fault instead of taking it\n"
	"  --print-state           also print the whole final state (with --json: as\n"
	"                          \"final_state\", in the format --state reads)\n"
	"  --json                  one JSON object (\"memory_instruction\": false for a\n"
	"                          word that is not a memory instruction)\n"
	"  -h, --help              this help\n"
	"\n"
	"exit status: 0 emulated (NISV_OK); 3 a guest fault was taken (or, with\n"
	"--report, reported): NISV_FAULT; 1 not done (NISV_RETRY, NISV_UNSUPPORTED,\n"
	"NISV_CALLBACK_ERROR, NISV_INVALID_ARGUMENT) or the tool failed; 2 malformed\n"
	"arguments or input file. See nisv(1).\n";

/* One option that sets up the state, kept in command-line order. */
struct setup_item {
	int opt;
	const char *arg;
};

struct emulate_args {
	uint32_t word;
	int json, direct, report, print_state;
	struct setup_item *items;
	unsigned nitems;
};

enum {
	O_SET = 256, O_RAM, O_DEV, O_STATE, O_FEATURE, O_PA_BITS, O_VL, O_SVL, O_IDMAP, O_DIRECT, O_REPORT, O_PRINT_STATE,
	O_JSON
};

static const struct option longopts[] = {
	{ "set", required_argument, NULL, O_SET },
	{ "ram", required_argument, NULL, O_RAM },
	{ "dev", required_argument, NULL, O_DEV },
	{ "state", required_argument, NULL, O_STATE },
	{ "feature", required_argument, NULL, O_FEATURE },
	{ "pa-bits", required_argument, NULL, O_PA_BITS },
	{ "vl", required_argument, NULL, O_VL },
	{ "svl", required_argument, NULL, O_SVL },
	{ "identity-map", optional_argument, NULL, O_IDMAP },
	{ "direct", no_argument, NULL, O_DIRECT },
	{ "report", no_argument, NULL, O_REPORT },
	{ "print-state", no_argument, NULL, O_PRINT_STATE },
	{ "json", no_argument, NULL, O_JSON },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static const char *option_name(int opt)
{
	for (const struct option *o = longopts; o->name; o++)
		if (o->val == opt)
			return o->name;
	return "?";
}

/* ---- parse ----------------------------------------------------------------------- */

static int parse_args(int argc, char **argv, struct emulate_args *a)
{
	char opt[32];
	int c;

	a->items = calloc((size_t)argc + 1, sizeof(*a->items));
	if (!a->items)
		return EXIT_FAILED;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(emulate_help, stdout);
			return -1;
		case O_JSON: a->json = 1; break;
		case O_DIRECT: a->direct = 1; break;
		case O_REPORT: a->report = 1; break;
		case O_PRINT_STATE: a->print_state = 1; break;
		case O_IDMAP:
			if (optarg && strcmp(optarg, "normal") && strcmp(optarg, "device"))
				return usage_error("--identity-map takes =normal or =device", optarg);
			a->items[a->nitems++] = (struct setup_item){ c, optarg };
			break;
		case O_SET: case O_RAM: case O_DEV: case O_STATE: case O_FEATURE: case O_PA_BITS: case O_VL: case O_SVL:
			/* applied in command-line order by set_up() */
			a->items[a->nitems++] = (struct setup_item){ c, optarg };
			break;
		case ':':
			snprintf(opt, sizeof(opt), "--%s", option_name(optopt));
			return usage_error("option needs a value", opt);
		default:
			return usage_error("emulate: unknown option (see nisv emulate --help)", argv[optind - 1]);
		}
	}
	if (optind == argc)
		return usage_error("emulate needs an instruction word (e.g. nisv emulate b8004548 --set x10=0x9000000 ...)",
		                   NULL);
	if (parse_word(argv[optind], &a->word))
		return usage_error("not a 32-bit hex instruction word", argv[optind]);
	if (optind + 1 < argc)
		return usage_error("emulate takes one instruction word; extra argument", argv[optind + 1]);
	return 0;
}

/* ---- set up ------------------------------------------------------------------------ */

static int apply(const struct setup_item *it, struct setup *s, struct machine *m)
{
	struct region_spec r;
	char origin[96];
	const char *eq;
	int rc;

	switch (it->opt) {
	case O_SET:
		eq = strchr(it->arg, '=');
		if (!eq || eq == it->arg)
			return usage_error("--set needs REG=VALUE", it->arg);
		{
			char name[32];
			size_t n = (size_t)(eq - it->arg) < sizeof(name) ? (size_t)(eq - it->arg) : sizeof(name) - 1;
			memcpy(name, it->arg, n);
			name[n] = 0;
			return setup_reg(s, name, eq + 1, it->arg);
		}
	case O_RAM:
	case O_DEV:
		if ((rc = region_parse(it->arg, it->opt == O_DEV, &r)) != 0)
			return rc;
		snprintf(origin, sizeof(origin), "--%s %.*s%s", option_name(it->opt), 60, it->arg,
		         strlen(it->arg) > 60 ? "..." : "");
		return region_add(m, &r, origin);
	case O_STATE:
		return load_state_file(it->arg, s, m);
	case O_FEATURE:
		return setup_feature(s, it->arg, it->arg);
	case O_PA_BITS:
		return setup_pa_bits(s, it->arg, it->arg);
	case O_VL:
	case O_SVL:
		return setup_vector_length(s, it->arg, it->opt == O_SVL, it->arg);
	case O_IDMAP:
		s->identity = it->arg && !strcmp(it->arg, "device") ? IDMAP_DEVICE : IDMAP_NORMAL;
		return 0;
	default:
		return EXIT_FAILED;
	}
}

static int set_up(const struct emulate_args *a, struct setup *s, struct machine *m)
{
	int rc;

	for (unsigned i = 0; i < a->nitems; i++)
		if ((rc = apply(&a->items[i], s, m)) != 0)
			return rc;
	if ((rc = setup_finish(s)) != 0)
		return rc;
	if (s->identity != IDMAP_NONE && (rc = identity_map(s, m)) != 0)
		return rc;
	m->word = a->word;
	machine_start(m);
	return 0;
}

/* ---- run ----------------------------------------------------------------------------- */

static void vcpu_setup(nisv_vcpu *v, nisv_state *st, struct machine *m, const struct setup *s, int inject)
{
	nisv_vcpu_init(v, &nisv_state_reg_ops, st, &m->ops, &m->bus);
	nisv_vcpu_set_features(v, s->features);
	sve_vcpu(v, s);
	if (s->pa_bits)
		nisv_vcpu_set_pa_bits(v, s->pa_bits);
	nisv_vcpu_set_fault_mode(v, inject ? NISV_FAULTS_INJECT : NISV_FAULTS_REPORT);
}

/* What the trap needs to know about the instruction's access. */
struct access {
	nisv_status status; /* NISV_OK; NISV_FAULT: a fault comes before any access;
	                       NISV_UNSUPPORTED: not a memory instruction        */
	unsigned op;        /* nisv_op                                          */
	uint32_t len;       /* bytes; 0: no data access (PRFM, DC GVA, DC CIVAC) */
	int write;
	uint64_t ipa;       /* the first byte's IPA (0 when len is 0)           */
	uint64_t far;       /* what FAR_EL2 reports                             */
	unsigned fault;     /* NISV_FAULT: its nisv_fault_kind                  */
};

/*
 * The access, learnt without performing anything: the one place the tool
 * asks nisv where an instruction goes (nisv_describe, on a copy of the
 * state). The FAR of a DC instruction's abort is the address in its register
 * argument (Arm ARM, FAR_ELx: "a memory fault ... generated from a data
 * cache maintenance or other DC instruction"), which for DC ZVA/GVA/GZVA is
 * not the block start nisv_describe gives as va.
 */
static void describe_access(struct machine *m, const struct setup *s, struct access *a)
{
	static nisv_vcpu v;
	static struct nisv_sve_state sve;
	nisv_state st = s->st; /* nisv_describe writes nothing; a copy makes sure */
	nisv_description d = { 0 };
	nisv_result res;

	if (st.sve) {
		sve = *st.sve;
		st.sve = &sve;
	}
	vcpu_setup(&v, &st, m, s, 0);
	a->status = nisv_describe(&v, m->word, &d, &res);
	a->op = d.insn.op;
	a->len = d.len;
	a->write = d.write;
	a->ipa = d.npages ? d.page[0].ipa : 0;
	a->far = d.va;
	a->fault = a->status == NISV_FAULT ? res.fault : 0;
	if (d.insn.op >= NISV_OP_DC_ZVA && d.insn.op <= NISV_OP_DC_GZVA)
		a->far = d.insn.rt == 31 ? 0 : st.reg[d.insn.rt];
}

#define ESR_DABT_LOWER (0x24ull << 26 | 1u << 25) /* EC 0x24, IL */
#define ESR_CM (1u << 8)
#define ESR_WNR (1u << 6)
#define DFSC_TRANSLATION_L3 0x07

/* Trap or direct, and the abort the trap reports. */
static void choose_path(struct run *u, int direct, const struct access *a)
{
	u->trap = 0;
	if (direct) {
		snprintf(u->why_direct, sizeof(u->why_direct), "--direct");
	} else if (a->status == NISV_UNSUPPORTED) {
		/* not a memory instruction: the trap path fetches it and refuses it */
		u->trap = 1;
		u->esr_el2 = ESR_DABT_LOWER | DFSC_TRANSLATION_L3;
		u->ipa = 0;
	} else if (a->status == NISV_OK && (a->len || a->op == NISV_OP_DC_MAINT)) {
		/* a data access (or cache maintenance, CM=1, WnR=1) that stage 2 traps */
		u->trap = 1;
		u->esr_el2 = ESR_DABT_LOWER | DFSC_TRANSLATION_L3 |
		             (a->op == NISV_OP_DC_MAINT ? ESR_CM | ESR_WNR : a->write ? ESR_WNR : 0);
		u->ipa = a->ipa;
		u->far = a->far;
		u->far_valid = 1;
	} else if (a->status == NISV_OK) {
		snprintf(u->why_direct, sizeof(u->why_direct), "no data access: nothing can trap");
	} else if (a->status == NISV_FAULT && a->fault == NISV_FAULT_UNDEFINED) {
		/* e.g. an SVE instruction without --vl: the CPU never reaches stage 2 */
		snprintf(u->why_direct, sizeof(u->why_direct), "the instruction is UNDEFINED on this vCPU: nothing can trap");
	} else if (a->status == NISV_FAULT) {
		snprintf(u->why_direct, sizeof(u->why_direct),
		         "the guest takes this fault at stage 1, before any stage 2 trap");
	} else {
		snprintf(u->why_direct, sizeof(u->why_direct), "nisv_describe returned %s", nisv_status_name(a->status));
	}
}

static void run(const struct emulate_args *args, struct setup *s, struct machine *m, struct run *u)
{
	static nisv_vcpu v;
	struct access a;
	nisv_insn insn;

	u->memory_insn = nisv_decode(m->word, &insn) == NISV_OK;
	describe_access(m, s, &a);
	choose_path(u, args->direct, &a);
	u->before = s->st;
	if (s->st.sve) {
		*u->before_sve = *s->st.sve;
		u->before.sve = u->before_sve;
	}
	m->logging = 1;
	if (u->trap) {
		nisv_abort ab = { .esr = u->esr_el2, .ipa = u->ipa, .far = u->far,
			          .flags = u->far_valid ? NISV_ABORT_FAR_VALID : 0 };
		vcpu_setup(&v, &s->st, m, s, !args->report);
		m->fetched = 0;
		nisv_handle_abort(&v, &ab, &u->res);
		if (u->res.status == NISV_FAULT && !m->fetched && !(u->esr_el2 & ESR_CM)) {
			/* the PC could not be fetched: no trap could have happened there */
			s->st = u->before;
			s->st.sve = s->sve;
			if (s->sve)
				*s->sve = *u->before_sve;
			m->nlog = m->log_dropped = 0;
			u->trap = 0;
			snprintf(u->why_direct, sizeof(u->why_direct), "PC cannot be fetched through stage 1");
		}
	}
	if (!u->trap) {
		vcpu_setup(&v, &s->st, m, s, !args->report);
		nisv_emulate(&v, m->word, &u->res);
	}
	u->after = s->st;
	if (s->st.sve) {
		*u->after_sve = *s->st.sve;
		u->after.sve = u->after_sve;
	}
}

/* ---- the command ---------------------------------------------------------------------- */

int cmd_emulate(int argc, char **argv)
{
	static struct setup s;
	static struct machine m;
	static struct run u;
	static struct nisv_sve_state before_sve, after_sve;
	struct emulate_args a = { 0 };
	int rc = parse_args(argc, argv, &a);

	u.before_sve = &before_sve;
	u.after_sve = &after_sve;
	if (!rc)
		rc = set_up(&a, &s, &m);
	if (!rc) {
		run(&a, &s, &m, &u);
		if (a.json) {
			print_json(&u, &s, &m, a.print_state);
		} else {
			print_text(&u, &s, &m);
			if (a.print_state)
				print_state_text(&u, &s, &m);
		}
		rc = u.res.status == NISV_OK ? EXIT_DONE : u.res.status == NISV_FAULT ? EXIT_GUEST_FAULT : EXIT_FAILED;
	} else if (rc < 0) {
		rc = EXIT_DONE; /* --help */
	}
	free(a.items);
	free(s.sve);
	machine_free(&m);
	return rc;
}
