/*
 * nisv — the command-line tool of the nisv library.
 *
 *   nisv explain ESR [--insn WORD] [--pc ADDR] [--json]     (explain.c)
 *   nisv decode [WORD...] [--pc ADDR] [--json]              (decode.c)
 *   nisv emulate WORD [options]                             (emulate.c)
 *
 * Each command parses its own options (getopt_long) and has its own --help.
 * Exit status: tool.h, nisv.1 "EXIT STATUS".
 */
#include <string.h>

#include "tool.h"

static const char usage_text[] =
	"usage: nisv explain ESR [--insn WORD] [--pc ADDR] [--json]\n"
	"       nisv decode [WORD...] [--pc ADDR] [--json]\n"
	"       nisv emulate WORD [--set REG=VALUE] [--ram ...] [--dev ...] [--state FILE]\n"
	"                    [options] [--json]\n"
	"       nisv COMMAND --help | nisv --help | nisv --version\n"
	"\n"
	"explain   every field of an ESR_ELx value (EC, IL, ISS, ISS2) for every exception\n"
	"          class; with --insn, for a data abort: what the instruction is, whether\n"
	"          the hardware reports ISV=1 for it, whether the syndrome agrees with it,\n"
	"          and what nisv_handle_abort does with the trap\n"
	"decode    A64 words (hex) -> objdump-style assembly and the access each performs;\n"
	"          with no WORD, one word a line is read from stdin\n"
	"emulate   run one instruction through the trap path (nisv_handle_abort with an\n"
	"          ISV=0 syndrome) from a state given on the command line or in a JSON\n"
	"          state file; registers x0-x30, w0-w30, sp, sp_el0, sp_el1, pc, pstate,\n"
	"          nzcv, v0-v31, the EL1 system registers and, with --vl/--svl, the\n"
	"          SVE/SME registers z0-z31, p0-p15, ffr, ZA rows and zt0 (nisv\n"
	"          emulate --help)\n"
	"\n"
	"Instruction words and ESRs are hexadecimal, with or without 0x; every other\n"
	"number is decimal, 0x hex or 0b binary.\n"
	"\n"
	"exit status: 0 done (emulate: NISV_OK); 1 not done (decode: a word is not a\n"
	"memory instruction; emulate: NISV_RETRY, NISV_UNSUPPORTED, NISV_CALLBACK_ERROR,\n"
	"NISV_INVALID_ARGUMENT) or the tool failed; 2 malformed arguments or input file;\n"
	"3 emulate: a guest fault was taken or reported (NISV_FAULT).\n"
	"See nisv(1).\n";

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
	{ "explain", cmd_explain },
	{ "decode", cmd_decode },
	{ "emulate", cmd_emulate },
};

/* stdout written in full, or EXIT_FAILED (e.g. a full disk or a closed pipe). */
static int flush_stdout(int rc)
{
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "nisv: error writing the output\n");
		return EXIT_FAILED;
	}
	return rc;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL;
	char *help_argv[3] = { NULL, (char *)"--help", NULL };
	uint32_t lib = nisv_version();

	if (!cmd) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
		fputs(usage_text, stdout);
		return flush_stdout(EXIT_DONE);
	}
	if (!strcmp(cmd, "--version")) {
		printf("nisv " NISV_TOOL_VERSION " (libnisv %u.%u.%u)\n", lib >> 16, lib >> 8 & 0xff, lib & 0xff);
		return flush_stdout(EXIT_DONE);
	}
	if (!strcmp(cmd, "help")) { /* nisv help [COMMAND] */
		if (argc < 3) {
			fputs(usage_text, stdout);
			return flush_stdout(EXIT_DONE);
		}
		help_argv[0] = argv[2];
		argv = help_argv;
		argc = 2;
		cmd = argv[0];
	} else {
		argv++;
		argc--;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(cmd, commands[i].name))
			return flush_stdout(commands[i].run(argc, argv));
	return usage_error("unknown command (expected explain, decode or emulate)", cmd);
}
