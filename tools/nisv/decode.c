/* nisv decode: words -> objdump-style text and the access each performs. */
#include <ctype.h>
#include <getopt.h>
#include <string.h>

#include "tool.h"

static const char decode_help[] =
	"usage: nisv decode [WORD...] [--pc ADDR] [--json]\n"
	"\n"
	"Each A64 word (hexadecimal, with or without 0x) in the syntax of binutils\n"
	"objdump, and the access it performs: kind, sizes, registers, address,\n"
	"writeback, ordering. With no WORD, one word a line is read from stdin (blank\n"
	"lines and text after # are ignored).\n"
	"\n"
	"  --pc ADDR     the words' address, for PC-relative (literal) targets\n"
	"  --json        one JSON array, an object per word (\"memory\": false for a\n"
	"                word that is not a memory instruction)\n"
	"  -h, --help    this help\n"
	"\n"
	"exit status: 0 every word is a memory instruction; 1 some word is not (it is\n"
	"still printed); 2 malformed arguments or input. See nisv(1).\n";

struct decode_args {
	int json;
	uint64_t pc;
	char **words;
	int nwords;
};

static int decode_one(const struct decode_args *a, uint32_t w)
{
	nisv_insn d;
	char text[128], acc[512];
	int mem = nisv_decode(w, &d) == NISV_OK;

	format_insn(&d, a->pc, text, sizeof(text));
	if (a->json) {
		json_begin_object(NULL);
		json_hex("word", w);
		json_bool("memory", mem);
		json_str("text", text);
		if (mem)
			json_access(&d);
		json_end_object();
	} else {
		format_access(&d, acc, sizeof(acc));
		printf("%08x  %s\n          %s\n", w, text, acc);
	}
	return mem;
}

static int parse_args(int argc, char **argv, struct decode_args *a)
{
	static const struct option longopts[] = {
		{ "pc", required_argument, NULL, 'p' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	uint32_t w;
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(decode_help, stdout);
			return -1;
		case 'j':
			a->json = 1;
			break;
		case 'p':
			if (parse_u64(optarg, &a->pc))
				return usage_error("--pc: not a 64-bit number", optarg);
			break;
		case ':':
			return usage_error("--pc needs an address", NULL);
		default:
			return usage_error("decode: unknown option (see nisv decode --help)", argv[optind - 1]);
		}
	}
	a->words = argv + optind;
	a->nwords = argc - optind;
	for (int i = 0; i < a->nwords; i++)
		if (parse_word(a->words[i], &w))
			return usage_error("not a 32-bit hex instruction word", a->words[i]);
	return 0;
}

/* One word a line; blank lines and comments skipped. 0, or EXIT_USAGE. */
static int decode_stdin(const struct decode_args *a, int *all_mem)
{
	char line[256];
	unsigned lineno = 0;
	uint32_t w;

	while (fgets(line, sizeof(line), stdin)) {
		char *p = line, *end;
		lineno++;
		while (isspace((unsigned char)*p))
			p++;
		end = p + strcspn(p, " \t\r\n#");
		if (end == p)
			continue; /* blank or comment */
		*end = 0;
		if (parse_word(p, &w)) {
			if (a->json)
				json_done();
			fprintf(stderr, "nisv: stdin line %u: not a 32-bit hex instruction word: '%s'\n", lineno, p);
			return EXIT_USAGE;
		}
		*all_mem &= decode_one(a, w);
	}
	return 0;
}

int cmd_decode(int argc, char **argv)
{
	struct decode_args a = { 0 };
	int all_mem = 1, rc = parse_args(argc, argv, &a);
	uint32_t w;

	if (rc)
		return rc < 0 ? EXIT_DONE : rc;
	if (a.json)
		json_begin_array(NULL);
	if (a.nwords) {
		for (int i = 0; i < a.nwords; i++) {
			parse_word(a.words[i], &w);
			all_mem &= decode_one(&a, w);
		}
	} else if ((rc = decode_stdin(&a, &all_mem)) != 0) {
		return rc;
	}
	if (a.json) {
		json_end_array();
		json_done();
	}
	return all_mem ? EXIT_DONE : EXIT_FAILED;
}
