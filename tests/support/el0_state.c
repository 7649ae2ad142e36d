/* nisv's EL0 state (el0_state.h). */
#include "el0_state.h"

#include <inttypes.h>
#include <string.h>

void el0_state_init(nisv_state *ns, const uint64_t x[31], uint64_t sp, uint64_t nzcv, const struct el0_sys *sys)
{
	memset(ns, 0, sizeof *ns);
	for (unsigned i = 0; i < 31; i++)
		ns->reg[NISV_X0 + i] = x[i];
	ns->reg[NISV_SP_EL0] = sp;
	ns->reg[NISV_SP_EL1] = sys->sp_el1;
	ns->reg[NISV_PC] = sys->pc;
	ns->reg[NISV_PSTATE] = nzcv & 0xf0000000u; /* EL0t */
	ns->reg[NISV_SCTLR_EL1] = sys->sctlr;
	ns->reg[NISV_TCR_EL1] = sys->pt->tcr;
	ns->reg[NISV_TTBR0_EL1] = sys->pt->ttbr0;
	ns->reg[NISV_MAIR_EL1] = sys->pt->mair;
	ns->reg[NISV_DCZID_EL0] = sys->dczid;
}

void el0_check_gprs(struct verdict *v, const nisv_state *ns, const nisv_state *ns0, const uint64_t x[31],
                    uint64_t sp, uint64_t nzcv, uint64_t pc, const char *wn)
{
	unsigned i;

	for (i = 0; i < 31; i++)
		if (x[i] != ns->reg[NISV_X0 + i])
			bad(v, "x%-2u   init 0x%016" PRIx64 "  %s 0x%016" PRIx64 "  nisv 0x%016" PRIx64, i,
			    ns0->reg[NISV_X0 + i], wn, x[i], ns->reg[NISV_X0 + i]);
	if (sp != ns->reg[NISV_SP_EL0])
		bad(v, "sp    init 0x%016" PRIx64 "  %s 0x%016" PRIx64 "  nisv 0x%016" PRIx64, ns0->reg[NISV_SP_EL0], wn, sp,
		    ns->reg[NISV_SP_EL0]);
	if ((nzcv & 0xf0000000u) != ns->reg[NISV_PSTATE])
		bad(v, "pstate init 0x%08" PRIx64 "  %s nzcv 0x%08" PRIx64 "  nisv 0x%" PRIx64, ns0->reg[NISV_PSTATE], wn, nzcv,
		    ns->reg[NISV_PSTATE]);
	if (ns->reg[NISV_PC] != pc)
		bad(v, "pc    init 0x%016" PRIx64 "  expected 0x%016" PRIx64 "  nisv 0x%016" PRIx64, ns0->reg[NISV_PC], pc,
		    ns->reg[NISV_PC]);
	for (i = NISV_SP_EL1; i < NISV_REG_COUNT; i++)
		if (i != NISV_PC && i != NISV_PSTATE && ns->reg[i] != ns0->reg[i])
			bad(v, "nisv changed system register %u: 0x%" PRIx64 " -> 0x%" PRIx64, i, ns0->reg[i], ns->reg[i]);
}
