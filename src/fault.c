/*
 * Guest exception entry to EL1, done through the register cache: the
 * syndrome (ESR_EL1), FAR_EL1, ELR_EL1, SPSR_EL1, the new PSTATE and the
 * vector. Arm ARM D1.4 and pseudocode AArch64.TakeException; syndrome
 * layouts from D19.2 "ESR_EL1" (EC 0x00, 0x20/0x21, 0x24/0x25, 0x26).
 */
#include "fault.h"
#include "arch.h"
#include "regs.h"

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

uint32_t fault_syndrome(const struct guest_fault *f, uint64_t pstate)
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
	if (f->access & FA_FETCH)
		return (EC_IABT_LOWER + same_el) << 26 | ESR_IL | iss;
	if (f->access & FA_CACHE_MAINT)
		iss |= ISS_CM | ISS_WNR;
	else if (f->access & FA_WRITE)
		iss |= ISS_WNR;
	return (EC_DABT_LOWER + same_el) << 26 | ESR_IL | iss;
}

int fault_has_far(unsigned kind)
{
	return kind != NISV_FAULT_EXTERNAL && kind != NISV_FAULT_UNDEFINED && kind != NISV_FAULT_SP_ALIGNMENT &&
	       kind != NISV_FAULT_SYS_TRAP;
}

int exception_enter(struct vcpu *v, uint32_t esr, uint64_t far, int far_valid)
{
	uint64_t pstate, sctlr, pc, vbar, offset, new_pstate;

	if (reg_get(v, NISV_PSTATE, &pstate) || reg_get(v, NISV_SCTLR_EL1, &sctlr) ||
	    reg_get(v, NISV_PC, &pc) || reg_get(v, NISV_VBAR_EL1, &vbar))
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

	reg_set(v, NISV_ESR_EL1, esr);
	if (far_valid)
		reg_set(v, NISV_FAR_EL1, far);
	reg_set(v, NISV_ELR_EL1, pc);
	reg_set(v, NISV_SPSR_EL1, pstate);
	reg_set(v, NISV_PSTATE, new_pstate);
	reg_set(v, NISV_PC, (vbar & ~0x7ffull) + offset);
	return 0;
}

nisv_status record_result(nisv_result *res, nisv_status st, const struct guest_fault *f, uint64_t pstate)
{
	res->status = st;
	if (st != NISV_FAULT)
		return st;
	res->fault = f->kind;
	res->level = f->level;
	res->va = f->far;
	res->write = (f->access & FA_WRITE) != 0;
	res->esr = fault_syndrome(f, pstate);
	return st;
}

nisv_status deliver(struct vcpu *v, nisv_result *res, nisv_status st, const struct guest_fault *f,
                    uint64_t pstate)
{
	if (record_result(res, st, f, pstate) != NISV_FAULT || !v->inject)
		return st;
	regs_discard_writes(v);
	if (exception_enter(v, res->esr, f->far, fault_has_far(f->kind)) || regs_commit(v))
		return res->status = NISV_CALLBACK_ERROR;
	res->injected = 1;
	return st;
}
