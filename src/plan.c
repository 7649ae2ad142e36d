/*
 * Plan: decoded instruction + register values -> the one contiguous memory
 * access the instruction performs (address, length, element size, kind,
 * alignment class, byte order) and its writeback. Reads registers through
 * the cache, writes nothing.
 */
#include <stddef.h>

#include "plan.h"
#include "arch.h"
#include "bits.h"
#include "fault.h"
#include "regs.h"
#include "sve.h"

/* Arm ARM J1.1.3 "ExtendReg": the register offset of a load/store. */
static uint64_t extend_reg(uint64_t x, unsigned ext, unsigned shift)
{
	switch (ext) {
	case NISV_EXT_UXTW:
		x = (uint32_t)x;
		break;
	case NISV_EXT_SXTW:
		x = (uint64_t)(int64_t)(int32_t)x;
		break;
	default: /* LSL (UXTX), SXTX */
		break;
	}
	return x << shift;
}

/*
 * LDRAA/LDRAB without authentication: replace the PAC field with copies of
 * bit 55, as AArch64.Auth does for a pointer that authenticates (Arm ARM
 * J1.1.3 "AArch64.Auth", "CalculateBottomPACBit"). With TBI the top byte is
 * kept. TxSZ is clamped to the range of a 48-bit VA implementation.
 */
static int strip_pac(struct vcpu *v, uint64_t ptr, uint64_t *out)
{
	uint64_t tcr;
	unsigned upper = ptr >> 55 & 1, tsz, bottom, top;

	if (reg_get(v, NISV_TCR_EL1, &tcr))
		return -1;
	tsz = upper ? field((uint32_t)(tcr >> 16), 0, 6) : field((uint32_t)tcr, 0, 6);
	tsz = tsz < 16 ? 16 : tsz > 39 ? 39 : tsz;
	bottom = 64 - tsz;
	top = (tcr >> (upper ? 38 : 37) & 1) ? 56 : 64; /* TBI1 / TBI0 */
	uint64_t field_mask = (top == 64 ? ~0ull : (1ull << top) - 1) & ~((1ull << bottom) - 1);
	*out = upper ? ptr | field_mask : ptr & ~field_mask;
	return 0;
}

/* The address register: Xt for DC, PC for literals, else Xn|SP. */
static int base_register(struct vcpu *v, const nisv_insn *d, uint64_t *base)
{
	if (is_dc_op(d->op))
		return x_get(v, d->rt, base);
	if (d->addr == NISV_AM_LITERAL)
		return reg_get(v, NISV_PC, base);
	if (x_or_sp_get(v, d->rn, base))
		return -1;
	return d->flags & NISV_F_PAC ? strip_pac(v, *base, base) : 0;
}

/*
 * Arm ARM D19.2.35 "DCZID_EL0": BS is log2 of the block size in words. (DZP
 * only reports the EL0 SCTLR_EL1.DZE trap, which checks.c checks itself.)
 */
static nisv_status zero_block(struct vcpu *v, struct plan *p)
{
	uint64_t dczid;

	if (reg_get(v, NISV_DCZID_EL0, &dczid))
		return NISV_CALLBACK_ERROR;
	p->len = 4u << (dczid & 0xf);
	p->va &= ~(uint64_t)(p->len - 1);
	p->esize = p->len < 16 ? (uint8_t)p->len : 16;
	return NISV_OK;
}

static void size_access(const nisv_insn *d, struct plan *p)
{
	unsigned es = 1u << d->esize_log2;

	p->esize = (uint8_t)es;
	switch (d->op) {
	case NISV_OP_LD_MULTI:
	case NISV_OP_ST_MULTI:
		p->len = (uint32_t)d->vbytes * d->nregs;
		break;
	case NISV_OP_LD_LANE:
	case NISV_OP_ST_LANE:
	case NISV_OP_LD_REPL:
		p->len = es * d->selem;
		break;
	default:
		p->len = es * d->nregs;
		break;
	}
}

/* What kind of memory access each op makes, and its alignment class. */
static const struct {
	uint8_t kind;
	uint8_t atomic; /* exclusive or atomic: must be aligned to the whole access */
} op_access[NISV_OP_COUNT] = {
	[NISV_OP_LOAD] = { PLAN_READ, 0 },
	[NISV_OP_STORE] = { PLAN_WRITE, 0 },
	[NISV_OP_PREFETCH] = { PLAN_NONE, 0 },
	[NISV_OP_LOAD_EXCL] = { PLAN_READ, 1 },
	[NISV_OP_STORE_EXCL] = { PLAN_WRITE, 1 },
	[NISV_OP_ATOMIC] = { PLAN_RMW, 1 },
	[NISV_OP_CAS] = { PLAN_RMW, 1 },
	[NISV_OP_CASP] = { PLAN_RMW, 1 },
	[NISV_OP_LD_MULTI] = { PLAN_READ, 0 },
	[NISV_OP_ST_MULTI] = { PLAN_WRITE, 0 },
	[NISV_OP_LD_LANE] = { PLAN_READ, 0 },
	[NISV_OP_ST_LANE] = { PLAN_WRITE, 0 },
	[NISV_OP_LD_REPL] = { PLAN_READ, 0 },
	[NISV_OP_DC_ZVA] = { PLAN_ZERO, 0 },
	[NISV_OP_DC_GVA] = { PLAN_NONE, 0 },
	[NISV_OP_DC_GZVA] = { PLAN_ZERO, 0 },
	[NISV_OP_DC_MAINT] = { PLAN_NONE, 0 },
	[NISV_OP_SVE_LOAD] = { PLAN_READ, 0 },
	[NISV_OP_SVE_STORE] = { PLAN_WRITE, 0 },
	[NISV_OP_SVE_LOAD_REPL] = { PLAN_READ, 0 },
};

nisv_status plan_build(struct vcpu *v, const nisv_insn *d, const struct call_ctx *c, struct plan *p,
                       struct guest_fault *f)
{
	uint64_t base, off = 0;

	__builtin_memset(p, 0, offsetof(struct plan, nseg));
	p->kind = op_access[d->op].kind;
	p->big_endian = (c->sctlr & (PSTATE_EL(c->pstate) ? SCTLR_EE : SCTLR_E0E)) != 0;
	if (d->op >= NISV_OP_SVE_LOAD)
		return sve_plan_build(v, d, p, f);
	if (d->op == NISV_OP_PREFETCH && sve_per_element_address(d))
		return NISV_OK; /* PRF* gathers: no access, no one address */
	if (base_register(v, d, &base))
		return NISV_CALLBACK_ERROR;

	switch (d->addr) {
	case NISV_AM_REG:
		if (x_get(v, d->rm, &off))
			return NISV_CALLBACK_ERROR;
		p->va = base + extend_reg(off, d->extend, d->shift);
		break;
	case NISV_AM_POST_REG:
		if (x_get(v, d->rm, &off))
			return NISV_CALLBACK_ERROR;
		p->va = base;
		p->wback = 1;
		p->wback_val = base + off;
		break;
	case NISV_AM_POST:
		p->va = base;
		p->wback = 1;
		p->wback_val = base + (uint64_t)d->imm;
		break;
	case NISV_AM_PRE:
		p->va = base + (uint64_t)d->imm;
		p->wback = 1;
		p->wback_val = p->va;
		break;
	default: /* BASE, OFFSET, LITERAL */
		p->va = base + (uint64_t)d->imm;
		break;
	}

	p->far_va = p->va;
	size_access(d, p);
	if (op_access[d->op].atomic)
		p->align = (uint8_t)p->len;
	else if (d->flags & (NISV_F_ACQUIRE | NISV_F_RELEASE))
		p->ordered = 1;
	if (d->op == NISV_OP_STORE && (d->flags & NISV_F_TAG))
		p->tag_align = 16; /* STGP: the address must be tag-granule aligned */

	if (p->kind == PLAN_ZERO) {
		nisv_status st = zero_block(v, p);
		if (st != NISV_OK)
			return st;
	}
	if (p->kind == PLAN_NONE)
		p->len = 0;
	p->fault_access = (uint8_t)(d->op == NISV_OP_DC_MAINT ? FA_CACHE_MAINT : plan_writes(p) ? FA_WRITE : 0);
	return NISV_OK;
}

void plan_from_syndrome(uint64_t esr, uint64_t ipa, uint64_t far, const struct call_ctx *c, nisv_insn *d,
                        struct plan *p)
{
	*d = (nisv_insn){
		.op = esr & ISS_WNR ? NISV_OP_STORE : NISV_OP_LOAD,
		.rclass = esr & ISS_SF ? NISV_RC_X : NISV_RC_W,
		.esize_log2 = (uint8_t)ISS_SAS(esr),
		.nregs = 1,
		.selem = 1,
		.rt = ISS_SRT(esr),
		.flags = (uint16_t)((esr & ISS_SSE ? NISV_F_SIGNED : 0) |
		                    (esr & ISS_AR ? (esr & ISS_WNR ? NISV_F_RELEASE : NISV_F_ACQUIRE) : 0)),
	};
	__builtin_memset(p, 0, offsetof(struct plan, nseg));
	p->kind = d->op == NISV_OP_STORE ? PLAN_WRITE : PLAN_READ;
	p->len = p->esize = (uint8_t)(1u << d->esize_log2);
	p->big_endian = (c->sctlr & (PSTATE_EL(c->pstate) ? SCTLR_EE : SCTLR_E0E)) != 0;
	p->va = p->far_va = far;
	p->fault_access = p->kind == PLAN_WRITE ? FA_WRITE : 0;
	p->nseg = 1;
	p->hw_updates = 0;
	p->seg[0] = (struct segment){ .pa = ipa, .len = p->len };
}
