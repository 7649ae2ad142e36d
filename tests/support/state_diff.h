/* Register names and the difference of two nisv_state (state_diff.c). */
#ifndef NISV_TEST_STATE_DIFF_H
#define NISV_TEST_STATE_DIFF_H

#include "nisv.h"

/* "X0".."X30", "SP_EL0", ..., "DCZID_EL0"; "?" past NISV_REG_COUNT. */
const char *reg_name(unsigned reg);

/* Call report for every register (and V register, named "V0".."V31" with
 * its low half in got/want and the high half in got_hi/want_hi) whose value
 * differs; returns how many did. */
typedef void state_diff_fn(void *ctx, const char *name, uint64_t got, uint64_t want);
unsigned state_diff(const nisv_state *got, const nisv_state *want, state_diff_fn *report, void *ctx);

#endif
