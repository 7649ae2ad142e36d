/*
 * nisv — the command-line tool of the nisv library.
 *
 *   nisv explain ESR [--insn WORD] [--pc ADDR] [--json]
 *   nisv decode [WORD...] [--pc ADDR] [--json]     (no WORD: one a line on stdin)
 *   nisv emulate WORD [options] [--json]
 *
 * Exit codes: 0 done; 1 not done (decode: a word is not a memory
 * instruction; emulate: the status is not NISV_OK); 2 malformed arguments;
 * 3 internal error. See nisv.1.
 */
#include <stdlib.h>
#include <string.h>

#include "tool.h"

static const char usage_text[] =
	"usage: nisv explain ESR [--insn WORD] [--pc ADDR] [--json]\n"
	"       nisv decode [WORD...] [--pc ADDR] [--json]\n"
	"       nisv emulate WORD [options] [--json]\n"
	"       nisv --help | --version\n"
	"\n"
	"explain   every field of an ESR_ELx value (EC, IL, ISS, ISS2) for every exception\n"
	"          class; with --insn, for a data abort: what the instruction is, whether\n"
	"          the hardware reports ISV=1 for it, whether the syndrome agrees with it,\n"
	"          and what nisv_handle_abort does with the trap\n"
	"decode    A64 words (hex) -> objdump-style assembly and the access each performs;\n"
	"          with no WORD, one word a line is read from stdin\n"
	"emulate   run one instruction through the trap path (nisv_handle_abort with an\n"
	"          ISV=0 syndrome) from a state given on the command line:\n"
	"  --set REG=VALUE         x0-x30 (w0-w30), sp_el0, sp_el1, pc, pstate (cpsr), nzcv,\n"
	"                          v0-v31 (q0-q31, up to 128-bit hex), sctlr_el1, tcr_el1,\n"
	"                          ttbr0_el1, ttbr1_el1, mair_el1, vbar_el1, esr_el1,\n"
	"                          far_el1, elr_el1, spsr_el1, dczid_el0; unset ones are 0\n"
	"  --ram ADDR=HEXBYTES     guest RAM at a guest-physical address (bytes in memory\n"
	"  --ram ADDR:SIZE[=HEX]   order); the second form zero-fills SIZE bytes\n"
	"  --dev ADDR:SIZE[=HEX][,noexcl][,noatomic][,widths=1+2+4+8]\n"
	"                          an emulated device: its accesses are logged, its bytes\n"
	"                          behave as memory\n"
	"  --identity-map[=device] build stage-1 tables with VA == IPA (4K pages, Normal\n"
	"                          memory; =device maps --dev regions as Device-nGnRnE) and\n"
	"                          turn the MMU on\n"
	"  --feature NAME          guest CPU feature: lse2, lpa, lpa2, lva, hafdbs, mte\n"
	"  --pa-bits N             implemented physical address size (32-52, default 48)\n"
	"  --direct                call nisv_emulate instead of the trap path\n"
	"  --report                report a fault instead of taking it (NISV_FAULTS_REPORT)\n"
	"\n"
	"exit status: 0 done; 1 not done (decode: a word is not a memory instruction;\n"
	"emulate: status other than NISV_OK); 2 malformed arguments; 3 internal error\n"
	"See nisv(1).\n";

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL;

	if (!cmd) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
		fputs(usage_text, stdout);
		return EXIT_DONE;
	}
	if (!strcmp(cmd, "--version")) {
		printf("nisv " NISV_TOOL_VERSION "\n");
		return EXIT_DONE;
	}
	for (int i = 2; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(usage_text, stdout);
			return EXIT_DONE;
		}
	if (!strcmp(cmd, "decode"))
		return cmd_decode(argc - 2, argv + 2);
	if (!strcmp(cmd, "explain"))
		return cmd_explain(argc - 2, argv + 2);
	if (!strcmp(cmd, "emulate"))
		return cmd_emulate(argc - 2, argv + 2);
	return usage_error("unknown command (expected explain, decode or emulate)", cmd);
}
