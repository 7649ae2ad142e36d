/*
 * trap: the trap-path test suite, in nine sub-suites (meson runs each as
 * its own test):
 *   mmu        the stage-1 walker             (test_mmu.c)
 *   exception  exception entry                (test_exception.c)
 *   path       nisv_handle_abort and the bus  (test_trap.c)
 *   memo       walks remembered across traps  (test_memo.c)
 *   sve        SVE loads and stores           (test_sve.c)
 *   sve-gather SVE gathers and scatters       (test_sve_gather.c)
 *   sme        SME tile slices, ZA, ZT0       (test_sme.c)
 *   sve-multi  SME2/SVE2.1 multi-vector LD1/ST1 (test_sve_multi.c)
 *   sve-q      SVE2.1 128-bit element forms   (test_sve_q.c)
 * `trap NAME...` runs those, `trap` all of them. Prints one line per failed
 * check and a final "trap[-NAME]: N cases, M failed".
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"

static const struct {
	const char *name;
	void (*run)(void);
} suites[] = {
	{ "mmu", tests_mmu },
	{ "exception", tests_exception },
	{ "path", tests_trap },
	{ "memo", tests_memo },
	{ "sve", tests_sve },
	{ "sve-gather", tests_sve_gather },
	{ "sme", tests_sme },
	{ "sve-multi", tests_sve_multi },
	{ "sve-q", tests_sve_q },
};
#define NSUITES (sizeof suites / sizeof suites[0])

int main(int argc, char **argv)
{
	char label[32] = "trap";

	for (int a = 1; a < argc; a++) {
		unsigned i = 0;
		while (i < NSUITES && strcmp(argv[a], suites[i].name))
			i++;
		if (i == NSUITES) {
			fprintf(stderr, "usage: trap [mmu|exception|path|memo|sve|sve-gather|sme|sve-multi|sve-q]...\n");
			return 2;
		}
		suites[i].run();
		if (argc == 2)
			snprintf(label, sizeof label, "trap-%s", suites[i].name);
	}
	if (argc == 1)
		for (unsigned i = 0; i < NSUITES; i++)
			suites[i].run();
	return report(label) ? 1 : 0;
}
