/*
 * Stage-1 translation of the EL1&0 regime: VMSAv8-64 (Arm ARM D8, pseudocode
 * AArch64.S1Translate / AArch64.S1Walk / AArch64.S1CheckPermissions).
 *
 * Granules 4K/16K/64K, TTBR0/TTBR1 selection, TBI0/TBI1 (TBID for
 * instruction fetches), EPD0/EPD1 and E0PD0/E0PD1, 52-bit output with
 * FEAT_LPA (64K) and FEAT_LPA2 (TCR_EL1.DS), hierarchical permissions
 * (unless HPD), PAN, access flag with hardware update (HA) and dirty state
 * (HD + DBM), MAIR_EL1 memory type. What TCR_EL1 says is decoded once, in
 * walk_cfg.c.
 *
 * The walk itself writes nothing: a hardware AF/dirty update it needs is
 * returned in struct xlat and applied by s1_apply_update() only once the
 * whole instruction has passed every check.
 */
#include "mmu.h"
#include "arch.h"
#include "bits.h"
#include "guest_ram.h"
#include "regs.h"

/* Output address of a descriptor (table or leaf), bits [oa_top:shift]. */
static uint64_t desc_address(const struct walk_cfg *c, uint64_t desc, unsigned shift)
{
	uint64_t oa = desc & c->desc_mask & (~0ull << shift);

	if (__builtin_expect(c->oa52 != 0, 0))
		oa |= c->oa52 == OA52_DS ? (desc >> 8 & 3) << 50   /* OA[51:50] = desc[9:8]   */
		                         : (desc >> 12 & 0xf) << 48; /* OA[51:48] = desc[15:12] */
	return oa;
}

static nisv_status xlat_fault(struct xlat *x, unsigned kind, int level)
{
	x->fault = (uint8_t)kind;
	x->level = (int8_t)level;
	return NISV_FAULT;
}

/* Arm ARM "AArch64.S1CheckPermissions" for one leaf (data or instruction). */
static int permitted(const struct xlat_req *rq, uint64_t desc, unsigned ap_table,
                     int pxn_table, int uxn_table, int *dirty_update, int hd)
{
	int el0_ok = (desc & DESC_AP1) && !(ap_table & 1);
	int ro = (desc & DESC_AP2) || (ap_table & 2);
	int hw_dirty = hd && (desc & DESC_DBM) && (desc & DESC_AP2) && !(ap_table & 2);

	*dirty_update = 0;
	if (rq->flags & XR_EXEC) {
		/* EL0 may execute what it cannot read (execute-only, AP = 00);
		 * WXN: writable at the fetching EL means execute-never; EL1 never
		 * executes what EL0 can write. */
		int writable_el0 = el0_ok && !ro;
		if (rq->flags & XR_EL0)
			return !(desc & DESC_UXN) && !uxn_table && !((rq->sctlr & SCTLR_WXN) && writable_el0);
		return !(desc & DESC_PXN) && !pxn_table && !writable_el0 && !((rq->sctlr & SCTLR_WXN) && !ro);
	}
	if ((rq->flags & XR_EL0) && !el0_ok)
		return 0;
	if ((rq->flags & (XR_EL0 | XR_PAN)) == XR_PAN && (desc & DESC_AP1) && !(ap_table & 1))
		return 0;
	if ((rq->flags & XR_WRITE) && ro) {
		if (!hw_dirty)
			return 0;
		*dirty_update = 1;
	}
	return 1;
}

/* AArch64.S1DisabledOutput: flat, Device-nGnRnE for data. */
static nisv_status s1_flat(struct vcpu *v, const struct xlat_req *rq, struct xlat *x)
{
	uint64_t tcr, top_ignored = 0;

	if (rq->va >> 56) {
		if (reg_get(v, NISV_TCR_EL1, &tcr))
			return NISV_CALLBACK_ERROR;
		if ((tcr & TCR_TBI0) && !(rq->va >> 55 & 1) && !((rq->flags & XR_EXEC) && (tcr & TCR_TBID0)))
			top_ignored = 0xff00000000000000ull;
	}
	x->pa = rq->va & ~top_ignored;
	x->device = !(rq->flags & XR_EXEC);
	x->page_bytes = 1ull << 12;
	if (x->pa >> (v->pa_bits ? v->pa_bits : 48))
		return xlat_fault(x, NISV_FAULT_ADDRESS_SIZE, 0);
	return x->device && (rq->flags & XR_DEVICE_MISALIGNED) ? xlat_fault(x, NISV_FAULT_ALIGNMENT, 0) : NISV_OK;
}

/* The walk, recording in *rec what it read (for walk_memo.c). */
static nisv_status walk(struct vcpu *v, const struct xlat_req *rq, struct xlat *x, uint64_t tcr,
                        struct walk_record *rec)
{
	uint64_t ttbr, mair, va = rq->va, desc, desc_addr, table, table_attrs, index_mask;
	unsigned upper = va >> 55 & 1, shift;
	const struct walk_cfg *c;
	int level, dirty_update;

	c = walk_cfg_get(v, tcr, upper);
	x->page_bytes = 1ull << c->g;

	/* AArch64.S1IsValidVA: bits [top:inputsize] all equal to bit 55; and
	 * the walks TxSZ, EPDn or E0PDn disable */
	uint64_t va_mask = c->va_mask[(rq->flags & XR_EXEC) != 0];
	if ((va & va_mask) != (upper ? va_mask : 0) || c->fault0 || ((rq->flags & XR_EL0) && c->e0pd))
		return xlat_fault(x, NISV_FAULT_TRANSLATION, 0);

	const uint64_t oa_over = c->oa_over, stride_mask = (1ull << c->stride) - 1;
	const uint64_t table_mask = c->desc_mask & (~0ull << c->g);
	const unsigned stride = c->stride, oa52 = c->oa52;
	const int be = (rq->sctlr & SCTLR_EE) != 0;

	if (v->wc.valid && va >> v->wc.span == v->wc.tag) {
		/* the last walk's final table covers va: start there, as a walk
		 * cache would (the two walks of one call see the same tables) */
		level = v->wc.level;
		shift = v->wc.shift;
		table = v->wc.table;
		table_attrs = v->wc.attrs;
		index_mask = stride_mask;
	} else {
		if (reg_get(v, upper ? NISV_TTBR1_EL1 : NISV_TTBR0_EL1, &ttbr))
			return NISV_CALLBACK_ERROR;
		rec->ttbr = ttbr;
		rec->from_ttbr = 1;
		table = ttbr & c->base_mask;
		if (c->ttbr52)
			table |= (ttbr >> 2 & 0xf) << 48;
		if (table & oa_over)
			return xlat_fault(x, NISV_FAULT_ADDRESS_SIZE, 0);
		level = c->start;
		shift = c->first_shift;
		table_attrs = 0;
		index_mask = (1ull << c->first_bits) - 1;
	}

	/* AArch64.S1Walk. Table descriptors' APTable[62:61], UXNTable[60] and
	 * PXNTable[59] are OR-ed down the walk (and ignored with HPD). */
	for (;; level++, shift -= stride, index_mask = stride_mask) {
		desc_addr = table + ((va >> shift) & index_mask) * 8;
		if (ram_read_desc(v, desc_addr, be, &desc))
			return xlat_fault(x, NISV_FAULT_WALK_EXTERNAL, level);
		rec->addr[rec->n] = desc_addr;
		rec->desc[rec->n++] = desc;
		if (!(desc & DESC_VALID))
			return xlat_fault(x, NISV_FAULT_TRANSLATION, level);
		if (level == 3 || !(desc & DESC_TABLE))
			break;
		table = desc & table_mask;
		if (__builtin_expect(oa52 != 0, 0))
			table = desc_address(c, desc, c->g);
		if (table & oa_over)
			return xlat_fault(x, NISV_FAULT_ADDRESS_SIZE, level);
		table_attrs |= desc;
	}
	table_attrs &= c->hier_mask;
	if (level > c->start) {
		v->wc.valid = 1;
		v->wc.span = (uint8_t)(shift + stride);
		v->wc.tag = va >> v->wc.span;
		v->wc.level = (int8_t)level;
		v->wc.shift = (uint8_t)shift;
		v->wc.table = table;
		v->wc.attrs = table_attrs;
	}
	if (level == 3 ? !(desc & DESC_TABLE) : level < 0 || !(c->block_levels >> level & 1))
		return xlat_fault(x, NISV_FAULT_TRANSLATION, level);
	/* AArch64.OAOutOfRange checks the descriptor's output address */
	x->pa = desc_address(c, desc, shift);
	if (x->pa & oa_over)
		return xlat_fault(x, NISV_FAULT_ADDRESS_SIZE, level);
	x->pa |= va & ((1ull << shift) - 1);
	x->level = (int8_t)level;
	x->desc_addr = desc_addr;
	x->desc = desc;
	x->big_endian_walk = (uint8_t)be;

	/* Fault priority (Arm ARM R_XCHFJ): access flag, then the alignment
	 * required by the memory type, then permission. */
	if (!(desc & DESC_AF)) {
		if (!c->ha)
			return xlat_fault(x, NISV_FAULT_ACCESS_FLAG, level);
		x->new_desc = desc | DESC_AF;
	}
	/* MAIR_EL1 Attr<n>[7:4] == 0000: Device memory. Read only when it
	 * matters: a register read is a syscall for a KVM backend. */
	if (rq->flags & (XR_DEVICE_MISALIGNED | XR_ATTRS)) {
		if (reg_get(v, NISV_MAIR_EL1, &mair))
			return NISV_CALLBACK_ERROR;
		rec->mair = mair;
		rec->mair_used = 1;
		x->device = ((mair >> (8 * (desc >> 2 & 7))) & 0xf0) == 0;
		if (x->device && (rq->flags & XR_DEVICE_MISALIGNED))
			return xlat_fault(x, NISV_FAULT_ALIGNMENT, level);
	}
	if (!permitted(rq, desc, (unsigned)(table_attrs >> 61 & 3), (int)(table_attrs >> 59 & 1),
	               (int)(table_attrs >> 60 & 1), &dirty_update, c->hd))
		return xlat_fault(x, NISV_FAULT_PERMISSION, level);
	if (dirty_update)
		x->new_desc = (x->new_desc ? x->new_desc : desc) & ~DESC_AP2;
	return NISV_OK;
}

/* No remembered walk applies: the MMU is off, or walk (and remember it). */
static nisv_status s1_walk_and_remember(struct vcpu *v, const struct xlat_req *rq, struct xlat *x, uint64_t tcr)
{
	struct walk_record rec;
	nisv_status st;

	*x = (struct xlat){ 0 };
	if (!(rq->sctlr & SCTLR_M))
		return s1_flat(v, rq, x);
	rec.n = rec.from_ttbr = rec.mair_used = 0;
	rec.ttbr = rec.mair = 0;
	st = walk(v, rq, x, tcr, &rec);
	if (st == NISV_OK && rec.from_ttbr)
		memo_store(v, rq, tcr, x, &rec);
	return st;
}

/* Inline in every caller: a remembered walk is checked in place. */
nisv_status s1_translate(struct vcpu *v, const struct xlat_req *rq, struct xlat *x)
{
	uint64_t tcr = 0;
	nisv_status st;

	if (rq->sctlr & SCTLR_M) {
		if (reg_get(v, NISV_TCR_EL1, &tcr))
			return NISV_CALLBACK_ERROR;
		if (memo_lookup(v, rq, tcr, x, &st))
			return st;
	}
	return s1_walk_and_remember(v, rq, x, tcr);
}

/*
 * Apply the hardware access-flag / dirty-state update of a successful walk,
 * atomically against the guest (Arm ARM D8.4.6 "Hardware management of the
 * Access flag and dirty state"). Returns NISV_RETRY if the descriptor changed
 * since the walk, so the caller starts over with nothing done.
 */
nisv_status s1_write_update(struct vcpu *v, const struct xlat *x)
{
	uint64_t expected = x->desc, desired = x->new_desc;
	uint8_t b[8];
	int r;

	if (x->big_endian_walk) {
		expected = __builtin_bswap64(expected);
		desired = __builtin_bswap64(desired);
	}
	if (v->mem->cas64) {
		r = v->mem->cas64(v->mem_ctx, x->desc_addr, &expected, desired);
		return r < 0 ? NISV_CALLBACK_ERROR : r ? NISV_RETRY : NISV_OK;
	}
	if (v->mem->lock)
		v->mem->lock(v->mem_ctx);
	r = v->mem->read(v->mem_ctx, x->desc_addr, b, 8, NISV_MEM_ATOMIC | NISV_MEM_WALK);
	if (!r) {
		if (le_load(b, 8) != expected) {
			r = 1;
		} else {
			le_store(b, desired, 8);
			r = v->mem->write(v->mem_ctx, x->desc_addr, b, 8, NISV_MEM_ATOMIC | NISV_MEM_WALK) ? -1 : 0;
		}
	}
	if (v->mem->unlock)
		v->mem->unlock(v->mem_ctx);
	return r < 0 ? NISV_CALLBACK_ERROR : r ? NISV_RETRY : NISV_OK;
}
