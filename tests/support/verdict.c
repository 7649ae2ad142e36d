/* A path's differences (verdict.h). */
#include "verdict.h"

#include <stdarg.h>
#include <stdio.h>

void verdict_clear(struct verdict *v)
{
	v->nbad = v->nline = 0;
}

void bad(struct verdict *v, const char *fmt, ...)
{
	va_list ap;

	if (v->nline < VERDICT_LINES) {
		va_start(ap, fmt);
		vsnprintf(v->line[v->nline++], sizeof v->line[0], fmt, ap);
		va_end(ap);
	}
	v->nbad++;
}

void verdict_print(const struct verdict *v)
{
	for (unsigned i = 0; i < v->nline; i++)
		printf("    %s\n", v->line[i]);
	if (v->nbad > v->nline)
		printf("    ... %u more differences\n", v->nbad - v->nline);
}
