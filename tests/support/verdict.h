/*
 * What one nisv path of a CPU-oracle differential found wrong: a count and
 * the first lines (tests/differential, tests/differential_sve).
 */
#ifndef SUPPORT_VERDICT_H
#define SUPPORT_VERDICT_H

#define VERDICT_LINES 48

struct verdict {
	unsigned nbad, nline;
	char line[VERDICT_LINES][200];
};

void verdict_clear(struct verdict *v);
/* One difference (a line kept while there is room). */
void bad(struct verdict *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The lines, indented, and how many more there were. */
void verdict_print(const struct verdict *v);

#endif
