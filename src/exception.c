/*
 * Guest exception entry to EL1, done through the register cache: the
 * syndrome (ESR_EL1), FAR_EL1, ELR_EL1, SPSR_EL1, the new PSTATE and the
 * vector. Arm ARM D1.4 and pseudocode AArch64.TakeException; syndrome
 * layouts from D19.2 "ESR_EL1" (EC 0x00, 0x20/0x21, 0x24/0x25, 0x26).
 */
#include "internal.h"

/* Fault status code for a fault kind at a lookup level (-1..3). */
static unsigned dfsc(unsigned kind, int level)
{
	switch (kind) {
	case NISV_FAULT_ADDRESS_SIZE:
		return level < 0 ? 0x29 : 0x00 + (unsigned)level;
	case NISV_FAULT_TRANSLATION:
		return level < 0 ? 0x2b : 0x04 + (unsigned)level;
	case NISV_FAULT_ACCESS_FLAG:
		return 0x08 + (unsigned)(level < 0 ? 0 : level);
	case NISV_FAULT_PERMISSION:
		return 0x0c + (unsigned)(level < 0 ? 0 : level);
	case NISV_FAULT_WALK_EXTERNAL:
		return level < 0 ? 0x13 : 0x14 + (unsigned)level;
	case NISV_FAULT_ALIGNMENT:
		return 0x21;
	case NISV_FAULT_UNSUPPORTED_EXCL:
		return 0x35;
	default: /* synchronous external abort, not on a walk */
		return 0x10;
	}
}

uint32_t exception_syndrome(const struct guest_fault *f, uint64_t pstate)
{
	/* EC + 1 is the "taken without a change in Exception level" class */
	uint32_t same_el = PSTATE_EL(pstate) == 1 && !(pstate & PSTATE_NRW);
	uint32_t iss;

	switch (f->kind) {
	case NISV_FAULT_UNDEFINED:
		return EC_UNKNOWN << 26 | ESR_IL;
	case NISV_FAULT_SP_ALIGNMENT:
		return EC_SP_ALIGN << 26 | ESR_IL;
	case NISV_FAULT_PC_ALIGNMENT:
		return EC_PC_ALIGN << 26 | ESR_IL;
	case NISV_FAULT_SYS_TRAP: {
		/* ISS for EC 0x18: Op0 Op2 Op1 CRn Rt CRm Direction(0: SYS) */
		uint32_t w = f->word;
		return EC_SYS << 26 | ESR_IL | 1u << 20 | (w >> 5 & 7) << 17 | (w >> 16 & 7) << 14 |
		       (w >> 12 & 15) << 10 | (w & 31) << 5 | (w >> 8 & 15) << 1;
	}
	default:
		break;
	}
	iss = dfsc(f->kind, f->level);
	if (f->kind == NISV_FAULT_EXTERNAL)
		iss |= ISS_FNV;
	if (f->fetch)
		return (EC_IABT_LOWER + same_el) << 26 | ESR_IL | iss;
	if (f->cache_maint)
		iss |= ISS_CM | ISS_WNR;
	else if (f->write)
		iss |= ISS_WNR;
	return (EC_DABT_LOWER + same_el) << 26 | ESR_IL | iss;
}

int fault_has_far(unsigned kind)
{
	return kind != NISV_FAULT_EXTERNAL && kind != NISV_FAULT_UNDEFINED && kind != NISV_FAULT_SP_ALIGNMENT &&
	       kind != NISV_FAULT_SYS_TRAP;
}

int exception_enter(nisv_vcpu *v, uint32_t esr, uint64_t far, int far_valid)
{
	uint64_t pstate, sctlr, pc, vbar, offset, new_pstate;

	if (rc_get(v, NISV_PSTATE, &pstate) || rc_get(v, NISV_SCTLR_EL1, &sctlr) ||
	    rc_get(v, NISV_PC, &pc) || rc_get(v, NISV_VBAR_EL1, &vbar))
		return -1;

	/* vector: current EL with SP0 / SPx, lower EL using AArch64 / AArch32 */
	if (pstate & PSTATE_NRW)
		offset = 0x600;
	else if (PSTATE_EL(pstate) == 0)
		offset = 0x400;
	else
		offset = PSTATE_SP(pstate) ? 0x200 : 0x000;

	new_pstate = (pstate & (PSTATE_NZCV | PSTATE_PAN)) | PSTATE_DAIF | PSTATE_EL1H;
	/* DIT is kept; AArch32 holds it in CPSR bit 21 */
	new_pstate |= pstate & PSTATE_NRW ? (pstate >> 21 & 1) << 24 : pstate & PSTATE_DIT;
	if (!(sctlr & SCTLR_SPAN))
		new_pstate |= PSTATE_PAN;
	if (sctlr & SCTLR_DSSBS)
		new_pstate |= PSTATE_SSBS;
	if (v->features & NISV_FEAT_MTE)
		new_pstate |= PSTATE_TCO;

	rc_set(v, NISV_ESR_EL1, esr);
	if (far_valid)
		rc_set(v, NISV_FAR_EL1, far);
	rc_set(v, NISV_ELR_EL1, pc);
	rc_set(v, NISV_SPSR_EL1, pstate);
	rc_set(v, NISV_PSTATE, new_pstate);
	rc_set(v, NISV_PC, (vbar & ~0x7ffull) + offset);
	return 0;
}
