/*
 * nisv's side of a case of the CPU-oracle differentials: the state of
 * Linux's EL0 (EL0t, the MMU on through el0_tables.h) made from the CPU's
 * registers, and the check of the general-purpose registers nisv leaves.
 */
#ifndef SUPPORT_EL0_STATE_H
#define SUPPORT_EL0_STATE_H

#include <stdint.h>

#include "el0_tables.h"
#include "nisv.h"
#include "verdict.h"

/* What the case adds to the CPU's registers. */
struct el0_sys {
	uint64_t pc;       /* of the (first) word                          */
	uint64_t sp_el1;
	uint64_t sctlr;    /* SCTLR_EL1                                    */
	uint64_t dczid;    /* DCZID_EL0                                    */
	const struct el0_pt *pt; /* TCR_EL1, TTBR0_EL1, MAIR_EL1          */
};

/* ns = X0-X30, SP_EL0 and NZCV (bits 31:28 of nzcv) from the CPU, EL0t,
 * and sys; every other register and V zero. */
void el0_state_init(nisv_state *ns, const uint64_t x[31], uint64_t sp, uint64_t nzcv, const struct el0_sys *sys);

/* nisv's X0-X30, SP_EL0, NZCV and PC in ns against the wanted ones (wn
 * names them: "cpu ", "want"), with the initial values of ns0 in the lines;
 * every other register must be as in ns0. */
void el0_check_gprs(struct verdict *v, const nisv_state *ns, const nisv_state *ns0, const uint64_t x[31],
                    uint64_t sp, uint64_t nzcv, uint64_t pc, const char *wn);

#endif
