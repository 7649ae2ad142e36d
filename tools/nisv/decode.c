/* nisv decode: words -> objdump-style text and the access each performs. */
#include <ctype.h>
#include <string.h>

#include "tool.h"

struct decode_opts {
	int json;
	uint64_t pc;
	unsigned count;
};

static int decode_one(const struct decode_opts *o, uint32_t w)
{
	nisv_insn d;
	char text[128], acc[512];
	int mem = nisv_decode(w, &d) == NISV_OK;

	format_insn(&d, o->pc, text, sizeof(text));
	if (o->json) {
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

int cmd_decode(int argc, char **argv)
{
	struct decode_opts o = { 0 };
	int nwords = 0, all_mem = 1;
	uint32_t w;

	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--json")) {
			o.json = 1;
		} else if (!strcmp(argv[i], "--pc")) {
			if (i + 1 >= argc)
				return usage_error("--pc needs an address", NULL);
			if (parse_u64(argv[++i], &o.pc))
				return usage_error("--pc: not a 64-bit number", argv[i]);
		} else if (argv[i][0] == '-' && argv[i][1] == '-') {
			return usage_error("decode: unknown option", argv[i]);
		} else {
			if (parse_word(argv[i], &w))
				return usage_error("not a 32-bit hex instruction word", argv[i]);
			nwords++;
		}
	}
	if (o.json)
		json_begin_array(NULL);
	if (nwords) {
		for (int i = 0; i < argc; i++) {
			if (!strcmp(argv[i], "--json"))
				continue;
			if (!strcmp(argv[i], "--pc")) {
				i++;
				continue;
			}
			parse_word(argv[i], &w);
			all_mem &= decode_one(&o, w);
		}
	} else {
		char line[256];
		unsigned lineno = 0;
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
				if (o.json)
					json_done();
				fprintf(stderr, "nisv: stdin line %u: not a 32-bit hex instruction word: '%s'\n", lineno, p);
				return EXIT_USAGE;
			}
			all_mem &= decode_one(&o, w);
		}
	}
	if (o.json) {
		json_end_array();
		json_done();
	}
	return all_mem ? EXIT_DONE : EXIT_NOT_DONE;
}
