/*
 * --identity-map: stage-1 translation tables with VA == IPA for every page
 * of every region and the page of PC (4K granule, 48-bit VA, 4 levels), in a
 * RAM region of their own, and the registers that turn the MMU on with them.
 * Descriptor formats: Arm ARM D8.3 (VMSAv8-64 translation table format).
 */
#include "emulate.h"
#include "pagetable.h" /* tests/support/pagetable.h: the project's one table builder */

#define PT_BYTES (1u << 20)

/* The tables live in a region of their own, handed out a 4K page at a time. */
struct pt_region {
	struct region *r;
	unsigned used; /* pages */
};

static uint8_t *pt_host(void *ctx, uint64_t ipa)
{
	struct pt_region *t = ctx;

	return t->r->bytes + (ipa - t->r->base);
}

static uint64_t pt_alloc(void *ctx, uint64_t bytes)
{
	struct pt_region *t = ctx;

	if (bytes > 4096 || (uint64_t)(t->used + 1) * 4096 > t->r->size)
		return UINT64_MAX;
	return t->r->base + 4096ull * t->used++; /* the region starts zeroed */
}

/* Page descriptor attributes: AttrIndx, AP[2:1], SH inner shareable, AF. */
static uint64_t page_attrs(unsigned attr, unsigned ap)
{
	return (uint64_t)attr << 2 | (uint64_t)ap << 6 | 3ull << 8 | 1ull << 10;
}

/* The highest free 1 MiB below the physical address size: 0 and *base, or -1. */
static int free_space(const struct machine *m, unsigned pa_bits, uint64_t *base)
{
	uint64_t top = pa_bits >= 48 ? 1ull << 48 : 1ull << pa_bits;

	for (*base = top - PT_BYTES;; *base -= PT_BYTES) {
		int clash = 0;
		for (unsigned i = 0; i < m->n; i++)
			clash |= *base < m->r[i].base + m->r[i].size && m->r[i].base < *base + PT_BYTES;
		if (!clash)
			return 0;
		if (*base < PT_BYTES)
			return -1;
	}
}

int identity_map(struct setup *s, struct machine *m)
{
	nisv_state *st = &s->st;
	unsigned el = (unsigned)(st->reg[NISV_PSTATE] >> 2) & 3, nuser = m->n;
	uint64_t pc = st->reg[NISV_PC], base;
	struct pt_region pr;
	struct pt_mem mem = { .ctx = &pr, .host = pt_host, .alloc = pt_alloc };
	struct pt t;

	if (s->set_mask & (1ull << NISV_TTBR0_EL1))
		return usage_error("--identity-map sets ttbr0_el1 itself; do not --set it", NULL);
	if (free_space(m, s->pa_bits ? s->pa_bits : 48, &base))
		return usage_error("--identity-map: no free space for the page tables", NULL);
	pr.r = machine_add(m, base, PT_BYTES, R_PT, "--identity-map page tables");
	if (!pr.r)
		return EXIT_USAGE;
	pr.used = 0;
	if (pt_create(&t, &mem, 12, 16, 0)) /* 4K granule, 48-bit VA: 4 levels */
		return usage_error("--identity-map: no room for the page tables", NULL);
	for (unsigned i = 0; i < nuser; i++) {
		const struct region *r = &m->r[i];
		unsigned attr = r->kind == R_DEV && s->identity == IDMAP_DEVICE ? 1 : 0;
		for (uint64_t p = r->base & ~4095ull; p < r->base + r->size && p >= (r->base & ~4095ull); p += 4096) {
			if (p >> 48)
				return usage_error("--identity-map: region above the 48-bit VA range", NULL);
			/* the page of PC at EL1 must not be EL0-writable to be executable */
			unsigned ap = (el == 1 && (p >> 12) == (pc >> 12)) ? 0 : 1;
			if (pt_map(&t, p, p, 3, page_attrs(attr, ap)))
				return usage_error("--identity-map: too many pages to map", NULL);
		}
	}
	/* PC's page (the fetch returns WORD even where no region is) */
	if (!(pc >> 48))
		(void)pt_map(&t, pc & ~4095ull, pc & ~4095ull, 3, page_attrs(0, el == 1 ? 0 : 1));
	st->reg[NISV_TTBR0_EL1] = pt_ttbr(&t);
	if (!(s->set_mask & (1ull << NISV_TCR_EL1)))
		/* T0SZ=16, IRGN0/ORGN0 WB, SH0 inner, TG0 4K, T1SZ=16, EPD1, IPS 48-bit */
		st->reg[NISV_TCR_EL1] = 0x10 | 1u << 8 | 1u << 10 | 3u << 12 | 0x10u << 16 | 1u << 23 | 5ull << 32;
	if (!(s->set_mask & (1ull << NISV_MAIR_EL1)))
		st->reg[NISV_MAIR_EL1] = 0x00ff; /* Attr0 Normal WB, Attr1 Device-nGnRnE */
	st->reg[NISV_SCTLR_EL1] |= 1;            /* M */
	return 0;
}
