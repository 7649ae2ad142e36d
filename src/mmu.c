/*
 * Stage-1 translation of the EL1&0 regime: VMSAv8-64 (Arm ARM D8, pseudocode
 * AArch64.S1Translate / AArch64.S1Walk / AArch64.S1CheckPermissions).
 *
 * Granules 4K/16K/64K, T0SZ/T1SZ (above the maximum: clamped; below the
 * minimum: a level-0 translation fault, the IMPLEMENTATION DEFINED choice
 * the oracle CPU makes), TTBR0/TTBR1 selection, TBI0/TBI1 (TBID for instruction fetches),
 * EPD0/EPD1 and E0PD0/E0PD1, 52-bit output with FEAT_LPA (64K) and FEAT_LPA2
 * (TCR_EL1.DS), hierarchical permissions (unless HPD), PAN, access flag with
 * hardware update (HA) and dirty state (HD + DBM), MAIR_EL1 memory type.
 *
 * The walk itself writes nothing: a hardware AF/dirty update it needs is
 * returned in struct xlat and applied by mmu_apply_update() only once the
 * whole instruction has passed every check.
 */
#include "internal.h"
#include "bits.h"
#include "guest_ram.h"

#define SCTLR_M (1ull << 0)
#define SCTLR_WXN (1ull << 19)
#define SCTLR_EE (1ull << 25)

#define TCR_EPD0 (1ull << 7)
#define TCR_EPD1 (1ull << 23)
#define TCR_IPS(t) ((unsigned)((t) >> 32) & 7)
#define TCR_TBI0 (1ull << 37)
#define TCR_TBI1 (1ull << 38)
#define TCR_HA (1ull << 39)
#define TCR_HD (1ull << 40)
#define TCR_HPD0 (1ull << 41)
#define TCR_HPD1 (1ull << 42)
#define TCR_TBID0 (1ull << 51)
#define TCR_TBID1 (1ull << 52)
#define TCR_E0PD0 (1ull << 55)
#define TCR_E0PD1 (1ull << 56)
#define TCR_DS (1ull << 59)

#define DESC_VALID 1ull
#define DESC_TABLE 2ull
#define DESC_AP1 (1ull << 6) /* EL0 access */
#define DESC_AP2 (1ull << 7) /* read-only  */
#define DESC_AF (1ull << 10)
#define DESC_DBM (1ull << 51)
#define DESC_PXN (1ull << 53)
#define DESC_UXN (1ull << 54)

/* Arm ARM D19.2 "ID_AA64MMFR0_EL1.PARange" / TCR_EL1.IPS: output sizes. */
static const uint8_t ips_bits[8] = { 32, 36, 40, 42, 44, 48, 52, 52 };

struct walk_params {
	unsigned g;       /* granule shift: 12, 14, 16 */
	unsigned tsz;     /* TxSZ after clamping */
	unsigned oa_bits; /* output address size */
	int ds;           /* 52-bit descriptors for 4K/16K (FEAT_LPA2) */
	int lpa;          /* 52-bit descriptors for 64K (FEAT_LPA) */
	int hpd, ha, hd;
	int start;        /* start level, -1..3 */
	int tsz_too_small; /* TxSZ below the minimum: level-0 translation fault */
};

static unsigned granule_shift(uint64_t tcr, int upper)
{
	/* TG0: 00 4K, 01 64K, 10 16K; TG1: 01 16K, 10 4K, 11 64K; reserved -> 4K */
	static const uint8_t tg0[4] = { 12, 16, 14, 12 }, tg1[4] = { 12, 14, 12, 16 };
	return upper ? tg1[tcr >> 30 & 3] : tg0[tcr >> 14 & 3];
}

static void walk_params(const nisv_vcpu *v, uint64_t tcr, int upper, struct walk_params *w)
{
	unsigned pa_max = v->pa_bits ? v->pa_bits : 48, min_tsz, max_tsz;

	w->g = granule_shift(tcr, upper);
	w->ds = (tcr & TCR_DS) && w->g != 16 && (v->features & NISV_FEAT_LPA2);
	w->lpa = w->g == 16 && (v->features & NISV_FEAT_LPA);
	min_tsz = w->ds || (w->g == 16 && (v->features & NISV_FEAT_LVA)) ? 12 : 16;
	max_tsz = 39;
	w->tsz = (unsigned)(upper ? tcr >> 16 : tcr) & 0x3f;
	w->tsz_too_small = w->tsz < min_tsz;
	w->tsz = w->tsz < min_tsz ? min_tsz : w->tsz > max_tsz ? max_tsz : w->tsz;
	w->oa_bits = ips_bits[TCR_IPS(tcr)];
	if (w->oa_bits == 52 && !w->ds && !w->lpa)
		w->oa_bits = 48;
	if (w->oa_bits > pa_max)
		w->oa_bits = pa_max;
	w->hpd = (tcr & (upper ? TCR_HPD1 : TCR_HPD0)) != 0;
	w->ha = (tcr & TCR_HA) && (v->features & NISV_FEAT_HAFDBS);
	w->hd = w->ha && (tcr & TCR_HD);
	/* Arm ARM "AArch64.S1StartLevel": levels needed for the input size */
	unsigned stride = w->g - 3, inputsize = 64 - w->tsz;
	w->start = 3 - (int)((inputsize - w->g - 1) / stride);
}

/* Output address of a descriptor (table or leaf), bits [oa_top:shift]. */
static uint64_t desc_address(const struct walk_params *w, uint64_t desc, unsigned shift)
{
	uint64_t oa = desc & (w->ds ? (1ull << 50) - 1 : (1ull << 48) - 1) & ~((1ull << shift) - 1);

	if (w->ds)
		oa |= (desc >> 8 & 3) << 50; /* OA[51:50] = desc[9:8] */
	else if (w->lpa)
		oa |= (desc >> 12 & 0xf) << 48; /* OA[51:48] = desc[15:12] */
	return oa;
}

static int block_allowed(const struct walk_params *w, int level)
{
	if (w->g == 12)
		return level == 1 || level == 2 || (level == 0 && w->ds);
	if (w->g == 14)
		return level == 2 || (level == 1 && w->ds);
	return level == 2 || (level == 1 && w->lpa);
}

static nisv_status fault(struct xlat *x, unsigned kind, int level)
{
	x->fault = (uint8_t)kind;
	x->level = (int8_t)level;
	return NISV_FAULT;
}

/* Arm ARM "AArch64.S1CheckPermissions" for one leaf (data or instruction). */
static int permitted(const struct xlat_req *rq, uint64_t sctlr, uint64_t desc, unsigned ap_table,
                     int pxn_table, int uxn_table, int *dirty_update, int hd)
{
	int el0_ok = (desc & DESC_AP1) && !(ap_table & 1);
	int ro = (desc & DESC_AP2) || (ap_table & 2);
	int hw_dirty = hd && (desc & DESC_DBM) && (desc & DESC_AP2) && !(ap_table & 2);

	*dirty_update = 0;
	if (rq->exec) {
		/* EL0 may execute what it cannot read (execute-only, AP = 00);
		 * WXN: writable at the fetching EL means execute-never; EL1 never
		 * executes what EL0 can write. */
		int writable_el0 = el0_ok && !ro;
		if (rq->el0)
			return !(desc & DESC_UXN) && !uxn_table && !((sctlr & SCTLR_WXN) && writable_el0);
		return !(desc & DESC_PXN) && !pxn_table && !writable_el0 && !((sctlr & SCTLR_WXN) && !ro);
	}
	if (rq->el0 && !el0_ok)
		return 0;
	if (!rq->el0 && rq->pan && (desc & DESC_AP1) && !(ap_table & 1))
		return 0;
	if (rq->write && ro) {
		if (!hw_dirty)
			return 0;
		*dirty_update = 1;
	}
	return 1;
}

nisv_status mmu_translate(nisv_vcpu *v, const struct xlat_req *rq, struct xlat *x)
{
	uint64_t sctlr, tcr, ttbr, mair, va = rq->va, desc = 0, table;
	int upper, level, dirty_update;
	struct walk_params w;

	*x = (struct xlat){ 0 };
	if (rc_get(v, NISV_SCTLR_EL1, &sctlr))
		return NISV_CALLBACK_ERROR;
	upper = va >> 55 & 1;

	if (!(sctlr & SCTLR_M)) {
		/* AArch64.S1DisabledOutput: flat, Device-nGnRnE for data */
		uint64_t top_ignored = 0;
		if (va >> 56) {
			if (rc_get(v, NISV_TCR_EL1, &tcr))
				return NISV_CALLBACK_ERROR;
			if ((tcr & TCR_TBI0) && !upper && !(rq->exec && (tcr & TCR_TBID0)))
				top_ignored = 0xff00000000000000ull;
		}
		x->pa = va & ~top_ignored;
		x->device = !rq->exec;
		x->page_bytes = 1ull << 12;
		if (x->pa >> (v->pa_bits ? v->pa_bits : 48))
			return fault(x, NISV_FAULT_ADDRESS_SIZE, 0);
		return x->device && rq->device_misaligned ? fault(x, NISV_FAULT_ALIGNMENT, 0) : NISV_OK;
	}

	if (rc_get(v, NISV_TCR_EL1, &tcr))
		return NISV_CALLBACK_ERROR;
	walk_params(v, tcr, upper, &w);
	x->page_bytes = 1ull << w.g;

	/* AArch64.S1IsValidVA: bits [top:inputsize] all equal to bit 55 */
	{
		int tbi = (tcr & (upper ? TCR_TBI1 : TCR_TBI0)) &&
		          !(rq->exec && (tcr & (upper ? TCR_TBID1 : TCR_TBID0)));
		unsigned top = tbi ? 55 : 63, inputsize = 64 - w.tsz;
		uint64_t hi = (va >> inputsize) & ((1ull << (top - inputsize + 1)) - 1);
		if (hi != (upper ? (1ull << (top - inputsize + 1)) - 1 : 0))
			return fault(x, NISV_FAULT_TRANSLATION, 0);
	}
	if (w.tsz_too_small || (tcr & (upper ? TCR_EPD1 : TCR_EPD0)) ||
	    (rq->el0 && (tcr & (upper ? TCR_E0PD1 : TCR_E0PD0))))
		return fault(x, NISV_FAULT_TRANSLATION, 0);

	if (rc_get(v, upper ? NISV_TTBR1_EL1 : NISV_TTBR0_EL1, &ttbr))
		return NISV_CALLBACK_ERROR;
	/* BADDR: bits [47:1]; with 52-bit output TTBR[5:2] hold bits [51:48] */
	table = ttbr & 0x0000fffffffffffeull;
	if (w.ds || (w.lpa && w.oa_bits == 52))
		table = (table & ~0x3full) | (ttbr >> 2 & 0xf) << 48;
	{
		unsigned stride = w.g - 3, inputsize = 64 - w.tsz;
		unsigned start_bits = inputsize - (w.g + (unsigned)(3 - w.start) * stride);
		unsigned align = start_bits + 3 < 6 ? 6 : start_bits + 3;
		table &= ~((1ull << align) - 1);
	}
	if (table >> w.oa_bits)
		return fault(x, NISV_FAULT_ADDRESS_SIZE, 0);

	/* table descriptors' APTable[62:61], UXNTable[60], PXNTable[59], OR-ed
	 * down the walk (ignored with HPD) */
	uint64_t table_attrs = 0, hier_mask = w.hpd ? 0 : 0xfull << 59, oa_over = ~0ull << w.oa_bits;
	unsigned stride = w.g - 3, shift = w.g + (unsigned)(3 - w.start) * stride;
	uint64_t index_mask = (1ull << (64 - w.tsz - shift)) - 1;
	int be = (sctlr & SCTLR_EE) != 0;

	for (level = w.start;; level++, shift -= stride, index_mask = (1ull << stride) - 1) {
		x->desc_addr = table + ((va >> shift) & index_mask) * 8;
		if (ram_read_desc(v, x->desc_addr, be, &desc))
			return fault(x, NISV_FAULT_WALK_EXTERNAL, level);
		if (!(desc & DESC_VALID))
			return fault(x, NISV_FAULT_TRANSLATION, level);
		if (level < 3 && (desc & DESC_TABLE)) {
			table = desc_address(&w, desc, w.g);
			if (table & oa_over)
				return fault(x, NISV_FAULT_ADDRESS_SIZE, level);
			table_attrs |= desc & hier_mask;
			continue;
		}
		if (level == 3 ? !(desc & DESC_TABLE) : !block_allowed(&w, level))
			return fault(x, NISV_FAULT_TRANSLATION, level);
		/* AArch64.OAOutOfRange checks the descriptor's output address */
		x->pa = desc_address(&w, desc, shift);
		if (x->pa & oa_over)
			return fault(x, NISV_FAULT_ADDRESS_SIZE, level);
		x->pa |= va & ((1ull << shift) - 1);
		break;
	}
	x->level = (int8_t)level;
	x->desc = desc;

	x->big_endian_walk = (uint8_t)be;

	/* Fault priority (Arm ARM R_XCHFJ): access flag, then the alignment
	 * required by the memory type, then permission. */
	if (!(desc & DESC_AF)) {
		if (!w.ha)
			return fault(x, NISV_FAULT_ACCESS_FLAG, level);
		x->new_desc = desc | DESC_AF;
	}
	/* MAIR_EL1 Attr<n>[7:4] == 0000: Device memory. Read only when it
	 * matters: a register read is a syscall for a KVM backend. */
	if (rq->device_misaligned || rq->attrs) {
		if (rc_get(v, NISV_MAIR_EL1, &mair))
			return NISV_CALLBACK_ERROR;
		x->device = ((mair >> (8 * (desc >> 2 & 7))) & 0xf0) == 0;
		if (x->device && rq->device_misaligned)
			return fault(x, NISV_FAULT_ALIGNMENT, level);
	}
	if (!permitted(rq, sctlr, desc, (unsigned)(table_attrs >> 61 & 3), (int)(table_attrs >> 59 & 1),
	               (int)(table_attrs >> 60 & 1), &dirty_update, w.hd))
		return fault(x, NISV_FAULT_PERMISSION, level);
	if (dirty_update)
		x->new_desc = (x->new_desc ? x->new_desc : desc) & ~DESC_AP2;
	return NISV_OK;
}

/*
 * Apply the hardware access-flag / dirty-state update of a successful walk,
 * atomically against the guest (Arm ARM D8.4.6 "Hardware management of the
 * Access flag and dirty state"). Returns NISV_RETRY if the descriptor changed
 * since the walk, so the caller starts over with nothing done.
 */
nisv_status mmu_apply_update(nisv_vcpu *v, const struct xlat *x)
{
	uint64_t expected = x->desc, desired = x->new_desc;
	uint8_t b[8];
	int r;

	if (!x->new_desc)
		return NISV_OK;
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
