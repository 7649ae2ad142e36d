/*
 * ZA in the SME classes: what an instruction leaves in it by the Arm ARM,
 * the CPU's ZA judged against that (qemu's known tile-slice bug told
 * apart: README, qemu bug 5), and nisv's ZA rows (from the case, checked,
 * put back to the poison).
 */
#ifndef SVE_SME_ZA_H
#define SVE_SME_ZA_H

#include "../support/verdict.h"
#include "nisv.h"
#include "run.h"

/* The CPU completed an SME case with ZA on: its ZA against the Arm ARM's;
 * a vertical slice that qemu bug 5 explains sets u->za_qbug and the CPU's
 * ZA is replaced by the Arm ARM's (nisv is judged by that). 0, or -1 after
 * an ORACLE line. */
int sme_judge_cpu(struct run *u, const struct native_out *o);

/* nisv's ZA (all poison before): the case's rows when ZA is on. */
void za_nisv_load(struct nisv_sve_state *sv, const struct scase *c);
/* nisv's ZA against want (SVL / 8 rows of SVL / 8 bytes, when ZA is on),
 * the rest of it against the poison. */
void za_nisv_check(struct verdict *v, const struct scase *c, const struct nisv_sve_state *sv,
                   uint8_t (*want)[256], const char *wn);
/* nisv's ZA all poison again. */
void za_nisv_poison(struct nisv_sve_state *sv);

#endif
