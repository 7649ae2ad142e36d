/* Command lines (options.h). */
#include "options.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t num(const char *prog, const char *s)
{
	char *e;
	uint64_t v = strtoull(s, &e, 0);

	if (*e) {
		fprintf(stderr, "%s: bad number '%s'\n", prog, s);
		exit(3);
	}
	return v;
}

static const struct opt_row *find(const struct opt_row *rows, unsigned nrows, const char *a)
{
	for (unsigned k = 0; k < nrows; k++)
		if (!strcmp(rows[k].name, a))
			return &rows[k];
	return NULL;
}

int opt_parse(const char *prog, struct base_opts *b, const struct opt_row *rows, unsigned nrows, int argc,
              char **argv)
{
	const struct opt_row base[] = {
		{"--verbose", OPT_FLAG, &b->verbose},
		{"-v", OPT_FLAG, &b->verbose},
		{"--list", OPT_FLAG, &b->list},
		{"--cases", OPT_U64, &b->cases},
		{"--seed", OPT_U64, &b->seed},
		{"--class", OPT_STR, &b->only},
		{"--index", OPT_I64, &b->index},
		{"--max-report", OPT_UINT, &b->max_report},
		{"--dump", OPT_UINT, &b->dump},
		{"--mutate", OPT_INT, &b->mutate},
		{"--tbi", OPT_UINT, &b->tbi},
		{"--cross", OPT_UINT, &b->cross},
		{"--stale", OPT_UINT, &b->stale},
		{"--scramble", OPT_UINT, &b->scramble},
	};

	for (int i = 1; i < argc; i++) {
		const struct opt_row *o = find(base, sizeof base / sizeof base[0], argv[i]);
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!o)
			o = find(rows, nrows, argv[i]);

		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return 1;
		if (o && o->kind == OPT_FLAG) {
			*(int *)o->p = 1;
			continue;
		}
		if (!o || !v)
			return -1;
		i++;
		switch (o->kind) {
		case OPT_U64: *(uint64_t *)o->p = num(prog, v); break;
		case OPT_I64: *(int64_t *)o->p = (int64_t)num(prog, v); break;
		case OPT_UINT: *(unsigned *)o->p = (unsigned)num(prog, v); break;
		case OPT_INT: *(int *)o->p = (int)num(prog, v); break;
		default: *(const char **)o->p = v; break;
		}
	}
	return 0;
}
