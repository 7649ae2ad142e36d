/*
 * Stage-1 translation tables for tests (pagetable.h). Formats: Arm ARM D8.3
 * "Translation table descriptor formats"; start level and index widths:
 * pseudocode AArch64.S1StartLevel.
 */
#include "pagetable.h"

static unsigned level_shift(const struct pt *t, int level)
{
	return t->g + (unsigned)(3 - level) * (t->g - 3);
}

uint64_t pt_level_size(const struct pt *t, int level)
{
	return 1ull << level_shift(t, level);
}

static unsigned index_bits(const struct pt *t, int level)
{
	return level == t->start ? 64 - t->tsz - level_shift(t, level) : t->g - 3;
}

static uint64_t desc_rd(const struct pt *t, uint64_t ipa)
{
	const uint8_t *b = t->mem->host(t->mem->ctx, ipa);
	uint64_t d = 0;

	for (unsigned k = 0; k < 8; k++)
		d |= (uint64_t)b[(t->flags & PT_BE) ? 7 - k : k] << (8 * k);
	return d;
}

static void desc_wr(const struct pt *t, uint64_t ipa, uint64_t d)
{
	uint8_t *b = t->mem->host(t->mem->ctx, ipa);

	for (unsigned k = 0; k < 8; k++)
		b[(t->flags & PT_BE) ? 7 - k : k] = (uint8_t)(d >> (8 * k));
}

int pt_create(struct pt *t, const struct pt_mem *mem, unsigned g, unsigned tsz, unsigned flags)
{
	unsigned inputsize = 64 - tsz, stride = g - 3;

	*t = (struct pt){ .g = g, .tsz = tsz, .flags = flags, .mem = mem };
	/* levels = ceil((inputsize - grainsize) / stride), start = 4 - levels */
	t->start = 4 - (int)((inputsize - g + stride - 1) / stride);
	t->root = mem->alloc(mem->ctx, 8ull << index_bits(t, t->start));
	return t->root == UINT64_MAX ? -1 : 0;
}

uint64_t pt_oa(const struct pt *t, uint64_t pa)
{
	if (t->flags & PT_DS) /* FEAT_LPA2: OA[49:12] in place, OA[51:50] in [9:8] */
		return (pa & 0x0003fffffffff000ull) | (pa >> 50 & 3) << 8;
	if ((t->flags & PT_LPA) && t->g == 16) /* FEAT_LPA: OA[51:48] in [15:12] */
		return (pa & 0x0000ffffffff0000ull) | (pa >> 48 & 0xf) << 12;
	return pa & 0x0000fffffffff000ull;
}

static uint64_t next_table(const struct pt *t, uint64_t d)
{
	if (t->flags & PT_DS)
		return (d & 0x0003fffffffff000ull) | (d >> 8 & 3) << 50;
	if ((t->flags & PT_LPA) && t->g == 16)
		return (d & 0x0000ffffffff0000ull) | (d >> 12 & 0xf) << 48;
	return d & 0x0000fffffffff000ull;
}

uint64_t pt_ttbr(const struct pt *t)
{
	if ((t->flags & PT_DS) || ((t->flags & PT_LPA) && t->g == 16))
		return (t->root & 0x0000ffffffffffc0ull) | (t->root >> 48 & 0xf) << 2;
	return t->root;
}

static uint64_t entry_ipa(const struct pt *t, uint64_t table, uint64_t va, int level)
{
	uint64_t index = (va >> level_shift(t, level)) & ((1ull << index_bits(t, level)) - 1);

	return table + 8 * index;
}

int pt_map(struct pt *t, uint64_t va, uint64_t pa, int level, uint64_t attrs)
{
	uint64_t table = t->root;

	for (int l = t->start; l < level; l++) {
		uint64_t a = entry_ipa(t, table, va, l), d = desc_rd(t, a);
		if ((d & 3) != 3) {
			uint64_t next = t->mem->alloc(t->mem->ctx, 1ull << t->g);
			if (next == UINT64_MAX)
				return -1;
			d = pt_oa(t, next) | 3;
			desc_wr(t, a, d);
		}
		table = next_table(t, d);
	}
	desc_wr(t, entry_ipa(t, table, va, level), pt_oa(t, pa) | attrs | (level == 3 ? 3 : 1));
	return 0;
}

uint64_t pt_desc_ipa(const struct pt *t, uint64_t va, int level)
{
	uint64_t table = t->root;

	for (int l = t->start; l < level; l++)
		table = next_table(t, desc_rd(t, entry_ipa(t, table, va, l)));
	return entry_ipa(t, table, va, level);
}

uint64_t pt_get(const struct pt *t, uint64_t va, int level)
{
	return desc_rd(t, pt_desc_ipa(t, va, level));
}

void pt_set(const struct pt *t, uint64_t va, int level, uint64_t desc)
{
	desc_wr(t, pt_desc_ipa(t, va, level), desc);
}

uint64_t pt_tcr_tg(unsigned g0, unsigned g1)
{
	/* TG0: 00 4K, 01 64K, 10 16K; TG1: 01 16K, 10 4K, 11 64K */
	uint64_t tg0 = g0 == 16 ? 1 : g0 == 14 ? 2 : 0, tg1 = g1 == 14 ? 1 : g1 == 16 ? 3 : 2;

	return tg0 << 14 | tg1 << 30;
}
