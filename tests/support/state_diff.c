/* Register names and the difference of two nisv_state (state_diff.h). */
#include "state_diff.h"

#include <stdio.h>

const char *reg_name(unsigned reg)
{
	static const char *const sys[] = { "SP_EL0",  "SP_EL1",  "PC",        "PSTATE",    "SCTLR_EL1",
		                           "TCR_EL1", "TTBR0_EL1", "TTBR1_EL1", "MAIR_EL1",  "VBAR_EL1",
		                           "ESR_EL1", "FAR_EL1", "ELR_EL1",   "SPSR_EL1",  "DCZID_EL0",
		                           "ZCR_EL1", "SVCR",    "SMCR_EL1" };
	static const char *const x[31] = { "X0",  "X1",  "X2",  "X3",  "X4",  "X5",  "X6",  "X7",
		                           "X8",  "X9",  "X10", "X11", "X12", "X13", "X14", "X15",
		                           "X16", "X17", "X18", "X19", "X20", "X21", "X22", "X23",
		                           "X24", "X25", "X26", "X27", "X28", "X29", "X30" };

	_Static_assert(sizeof sys / sizeof sys[0] == NISV_REG_COUNT - NISV_SP_EL0, "a name per nisv_reg");
	if (reg <= NISV_X30)
		return x[reg];
	return reg < NISV_REG_COUNT ? sys[reg - NISV_SP_EL0] : "?";
}

unsigned state_diff(const nisv_state *got, const nisv_state *want, state_diff_fn *report, void *ctx)
{
	unsigned n = 0;
	char name[8];

	for (unsigned r = 0; r < NISV_REG_COUNT; r++)
		if (got->reg[r] != want->reg[r]) {
			report(ctx, reg_name(r), got->reg[r], want->reg[r]);
			n++;
		}
	for (unsigned v = 0; v < 32; v++) {
		if (got->v[v].lo == want->v[v].lo && got->v[v].hi == want->v[v].hi)
			continue;
		snprintf(name, sizeof name, "V%u.lo", v);
		report(ctx, name, got->v[v].lo, want->v[v].lo);
		snprintf(name, sizeof name, "V%u.hi", v);
		report(ctx, name, got->v[v].hi, want->v[v].hi);
		n++;
	}
	return n;
}
