/* The case loop (class_loop.h). */
#include "class_loop.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int class_select(const struct class_loop *l, const char *only, uint8_t *sel)
{
	unsigned ci;
	int n = 0;

	if (only) {
		for (ci = 0; ci < l->n && strcmp(only, l->name(ci)); ci++)
			;
		if (ci == l->n) {
			fprintf(stderr, "%s: no class '%s' (see --list)\n", l->prog, only);
			return -1;
		}
	}
	for (ci = 0; ci < l->n; ci++) {
		sel[ci] = (!only || !strcmp(only, l->name(ci))) && l->supported(ci);
		n += sel[ci];
	}
	return n;
}

static void check(const struct class_loop *l, unsigned ci, uint64_t k, int at_end)
{
	if (l->intact())
		return;
	if (at_end)
		fprintf(stderr, "%s: harness error: %s\n", l->prog, l->changed);
	else
		fprintf(stderr, "%s: harness error: %s (class %s, index %" PRIu64 ")\n", l->prog, l->changed, l->name(ci), k);
	exit(3);
}

uint64_t class_run(const struct class_loop *l, const uint8_t *sel, uint64_t quota, int64_t index)
{
	uint64_t total = 0, k, since_check = 0;

	for (unsigned ci = 0; ci < l->n; ci++) {
		if (!sel[ci])
			continue;
		for (k = 0; k < quota; k++) {
			if (index >= 0 && (uint64_t)index != k)
				continue;
			l->run(ci, k);
			total++;
			if (++since_check >= CLASS_LOOP_CHECK) {
				since_check = 0;
				check(l, ci, k, 0);
			}
		}
	}
	check(l, 0, 0, 1);
	return total;
}
