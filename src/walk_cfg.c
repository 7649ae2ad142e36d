/*
 * What a stage-1 walk of the EL1&0 regime takes from TCR_EL1, for each half
 * of the VA space (Arm ARM D8.1 and pseudocode AArch64.S1TTWParams,
 * AArch64.S1StartLevel, AArch64.S1IsValidVA). A pure function of TCR_EL1,
 * the CPU's features and its PA size: computed once per TCR_EL1 value and
 * kept in the vCPU until TCR_EL1, the features or the PA size change.
 *
 * TxSZ above the maximum is clamped; below the minimum every walk takes a
 * level-0 translation fault (the IMPLEMENTATION DEFINED choice the oracle
 * CPU makes).
 */
#include "mmu.h"
#include "arch.h"

/* Arm ARM D19.2 "ID_AA64MMFR0_EL1.PARange" / TCR_EL1.IPS: output sizes. */
static const uint8_t ips_bits[8] = { 32, 36, 40, 42, 44, 48, 52, 52 };

/* TG0: 00 4K, 01 64K, 10 16K; TG1: 01 16K, 10 4K, 11 64K; reserved -> 4K */
static const uint8_t tg_shift[2][4] = { { 12, 16, 14, 12 }, { 12, 14, 12, 16 } };

/* Levels at which a block descriptor is allowed (bit n: level n), by
 * granule and 52-bit descriptors (Arm ARM D8.2 "Translation table
 * descriptor formats"). */
static unsigned block_levels(unsigned g, int ds, int lpa)
{
	if (g == 12)
		return 1u << 1 | 1u << 2 | (ds ? 1u : 0);
	if (g == 14)
		return 1u << 2 | (ds ? 1u << 1 : 0);
	return 1u << 2 | (lpa ? 1u << 1 : 0);
}

/* VA bits [top:inputsize]: the bits AArch64.S1IsValidVA wants equal to bit 55. */
static uint64_t va_check_mask(unsigned inputsize, int tbi)
{
	unsigned top = tbi ? 55 : 63;

	return (~0ull >> (63 - top)) & (~0ull << inputsize);
}

static void half_cfg(const struct vcpu *v, uint64_t tcr, unsigned upper, struct walk_cfg *c)
{
	/* TCR_EL1 puts the TTBR1 half's fields 16 bits above the TTBR0 ones
	 * (TxSZ, EPD, TG) or one bit above (TBI, HPD, TBID, E0PD) */
	unsigned pa_max = v->pa_bits ? v->pa_bits : 48, g, tsz, min_tsz, oa_bits;
	unsigned tg = (unsigned)(tcr >> (upper ? 30 : 14)) & 3;
	int ds, lpa, tbi, tbid;

	g = tg_shift[upper][tg];
	ds = (tcr & TCR_DS) && g != 16 && (v->features & NISV_FEAT_LPA2);
	lpa = g == 16 && (v->features & NISV_FEAT_LPA);
	min_tsz = ds || (g == 16 && (v->features & NISV_FEAT_LVA)) ? 12 : 16;
	tsz = (unsigned)(tcr >> (upper ? 16 : 0)) & 0x3f;
	c->fault0 = tsz < min_tsz || (tcr & (upper ? TCR_EPD1 : TCR_EPD0)) != 0;
	tsz = tsz < min_tsz ? min_tsz : tsz > 39 ? 39 : tsz;
	oa_bits = ips_bits[TCR_IPS(tcr)];
	if (oa_bits == 52 && !ds && !lpa)
		oa_bits = 48;
	if (oa_bits > pa_max)
		oa_bits = pa_max;

	unsigned stride = g - 3, inputsize = 64 - tsz;
	int start = 3 - (int)((inputsize - g - 1) / stride);
	unsigned first_shift = g + (unsigned)(3 - start) * stride, first_bits = inputsize - first_shift;
	unsigned table_align = first_bits + 3 < 6 ? 6 : first_bits + 3;

	tbi = (tcr & (TCR_TBI0 << upper)) != 0;
	tbid = (tcr & (TCR_TBID0 << upper)) != 0;
	c->va_mask[0] = va_check_mask(inputsize, tbi);
	c->va_mask[1] = va_check_mask(inputsize, tbi && !tbid); /* TBID: not for fetches */
	c->oa_over = ~0ull << oa_bits;
	/* TTBR BADDR: bits [47:1], aligned to the start level's table size */
	c->base_mask = 0x0000fffffffffffeull & (~0ull << table_align);
	c->desc_mask = ds ? (1ull << 50) - 1 : (1ull << 48) - 1;
	c->hier_mask = (tcr & (TCR_HPD0 << upper)) ? 0 : 0xfull << 59;
	c->g = (uint8_t)g;
	c->stride = (uint8_t)stride;
	c->start = (int8_t)start;
	c->first_shift = (uint8_t)first_shift;
	c->first_bits = (uint8_t)first_bits;
	c->block_levels = (uint8_t)block_levels(g, ds, lpa);
	c->e0pd = (tcr & (TCR_E0PD0 << upper)) != 0;
	c->oa52 = ds ? OA52_DS : lpa ? OA52_LPA : 0;
	/* with 52-bit output TTBR[5:2] holds BADDR[51:48] */
	c->ttbr52 = ds || (lpa && oa_bits == 52);
	c->ha = (tcr & TCR_HA) && (v->features & NISV_FEAT_HAFDBS);
	c->hd = c->ha && (tcr & TCR_HD);
}

const struct walk_cfg *walk_cfg_get(struct vcpu *v, uint64_t tcr, unsigned upper)
{
	if (!v->walk_cfg_valid || v->walk_cfg_tcr != tcr) {
		half_cfg(v, tcr, 0, &v->walk_cfg[0]);
		half_cfg(v, tcr, 1, &v->walk_cfg[1]);
		v->walk_cfg_tcr = tcr;
		v->walk_cfg_valid = 1;
	}
	return &v->walk_cfg[upper];
}
