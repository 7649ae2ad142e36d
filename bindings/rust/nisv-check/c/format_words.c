/*
 * The nisv tool's instruction text for words on stdin (one hex word a line):
 * "<word> <text>" a line, from the formatter `nisv decode` uses
 * (tools/nisv/format.c). argv[1], if given, is the PC (hex).
 */
#include <stdlib.h>

#include "tool.h"

int main(int argc, char **argv)
{
	uint64_t pc = argc > 1 ? strtoull(argv[1], 0, 16) : 0;
	unsigned w;
	char text[128];

	while (scanf("%x", &w) == 1) {
		nisv_insn d;

		nisv_decode(w, &d);
		format_insn(&d, pc, text, sizeof(text));
		printf("%08x %s\n", w, text);
	}
	return 0;
}
