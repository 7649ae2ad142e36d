/*
 * Where a register of a vector file lives in a nisv_state's SVE/SME files
 * (struct nisv_sve_state): shared by the ready-made callbacks (state.c)
 * and the register cache's in-place path (regs.c).
 */
#ifndef NISV_STATE_FILES_H
#define NISV_STATE_FILES_H

#include "nisv.h"

/* Register n of file, and its size in bytes; NULL when there is none. */
static inline uint8_t *state_file_reg(struct nisv_sve_state *s, unsigned file, unsigned n, uint32_t *size)
{
	switch (file) {
	case NISV_VFILE_V:
	case NISV_VFILE_Z:
		*size = file == NISV_VFILE_V ? 16 : sizeof(s->z[0]);
		return n < 32 ? s->z[n] : 0;
	case NISV_VFILE_P:
		*size = sizeof(s->p[0]);
		return n < 16 ? s->p[n] : 0;
	case NISV_VFILE_FFR:
		*size = sizeof(s->ffr);
		return n == 0 ? s->ffr : 0;
	case NISV_VFILE_ZA:
		*size = sizeof(s->za[0]);
		return n < 256 ? s->za[n] : 0;
	case NISV_VFILE_ZT0:
		*size = sizeof(s->zt0);
		return n == 0 ? s->zt0 : 0;
	default:
		return 0;
	}
}

#endif
