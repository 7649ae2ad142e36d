/* The C side of the cross-check (harness.h): plain C callbacks, every call logged. */
#include <string.h>

#include "harness.h"
#include "pagetable.h"

struct xc_ctx {
	struct xc_world *w;
	struct xc_run *run;
};

static uint64_t fnv(const void *p, uint64_t len)
{
	const uint8_t *b = p;
	uint64_t h = 0xcbf29ce484222325ull;

	for (uint64_t i = 0; i < len; i++)
		h = (h ^ b[i]) * 0x100000001b3ull;
	return h;
}

static void log_event(struct xc_ctx *c, uint32_t kind, uint32_t a, uint64_t b, uint64_t len, uint64_t value)
{
	struct xc_run *r = c->run;

	if (r->nev < XC_MAX_EVENTS)
		r->ev[r->nev] = (struct xc_event){ kind, a, b, len, value };
	r->nev++;
}

static int reg_get(void *ctx, unsigned reg, uint64_t *val)
{
	struct xc_ctx *c = ctx;

	if (reg >= NISV_REG_SLOTS)
		return -1;
	*val = c->w->reg[reg];
	log_event(c, XC_GET, reg, 0, 0, *val);
	return 0;
}

static int reg_set(void *ctx, unsigned reg, uint64_t val)
{
	struct xc_ctx *c = ctx;

	if (reg >= NISV_REG_SLOTS)
		return -1;
	c->w->reg[reg] = val;
	log_event(c, XC_SET, reg, 0, 0, val);
	return 0;
}

/* The bytes of register n of a file, and how many there are; NULL for none. */
static uint8_t *vec_reg(struct xc_world *w, unsigned file, unsigned n, uint32_t *size)
{
	switch (file) {
	case NISV_VFILE_V:
	case NISV_VFILE_Z:
		*size = file == NISV_VFILE_V ? 16 : XC_VBYTES;
		return n < 32 ? w->z[n] : 0;
	case NISV_VFILE_P:
		*size = XC_VBYTES / 8;
		return n < 16 ? w->p[n] : 0;
	case NISV_VFILE_FFR:
		*size = XC_VBYTES / 8;
		return n == 0 ? w->ffr : 0;
	case NISV_VFILE_ZA:
		*size = XC_VBYTES;
		return n < XC_VBYTES ? w->za[n] : 0;
	case NISV_VFILE_ZT0:
		*size = 64;
		return n == 0 ? w->zt0 : 0;
	default:
		return 0;
	}
}

static int vec_get(void *ctx, unsigned file, unsigned n, uint32_t off, void *buf, uint32_t len)
{
	struct xc_ctx *c = ctx;
	uint32_t size;
	uint8_t *r = vec_reg(c->w, file, n, &size);

	if (!r || off > size || len > size - off)
		return -1;
	memcpy(buf, r + off, len);
	log_event(c, XC_VGET, file << 8 | n << 16, off, len, fnv(buf, len));
	return 0;
}

static int vec_set(void *ctx, unsigned file, unsigned n, uint32_t off, const void *buf, uint32_t len)
{
	struct xc_ctx *c = ctx;
	uint32_t size;
	uint8_t *r = vec_reg(c->w, file, n, &size);

	if (!r || off > size || len > size - off)
		return -1;
	memcpy(r + off, buf, len);
	if (file == NISV_VFILE_V) /* an AArch64 write of V[n] zeroes Z[n] above bit 127 */
		memset(r + 16, 0, XC_VBYTES - 16);
	log_event(c, XC_VSET, file << 8 | n << 16, off, len, fnv(buf, len));
	return 0;
}

static int in_ram(uint64_t ipa, uint64_t len)
{
	return ipa - XC_RAM_BASE < XC_RAM_SIZE && len <= XC_RAM_SIZE - (ipa - XC_RAM_BASE);
}

static int in_dev(uint64_t ipa, uint64_t len)
{
	return ipa - XC_DEV_BASE < XC_DEV_SIZE && len <= XC_DEV_SIZE - (ipa - XC_DEV_BASE);
}

/* A device read returns these bytes: a function of the address. */
static uint8_t device_byte(uint64_t seed, uint64_t ipa)
{
	uint64_t x = (ipa ^ seed) * 0x9e3779b97f4a7c15ull;

	return (uint8_t)(x >> 56);
}

static int device_ok(uint64_t ipa, uint32_t len, unsigned flags)
{
	return in_dev(ipa, len) && !(flags & (NISV_MEM_WALK | NISV_MEM_FETCH));
}

static int mem_read(void *ctx, uint64_t ipa, void *buf, uint32_t len, unsigned flags)
{
	struct xc_ctx *c = ctx;
	uint8_t *b = buf;

	if (in_ram(ipa, len))
		memcpy(b, c->w->ram + (ipa - XC_RAM_BASE), len);
	else if (device_ok(ipa, len, flags))
		for (uint32_t i = 0; i < len; i++)
			b[i] = device_byte(c->w->dev_seed, ipa + i);
	else
		return -1;
	log_event(c, XC_READ, flags, ipa, len, fnv(buf, len));
	return 0;
}

static int mem_write(void *ctx, uint64_t ipa, const void *buf, uint32_t len, unsigned flags)
{
	struct xc_ctx *c = ctx;

	if (in_ram(ipa, len))
		memcpy(c->w->ram + (ipa - XC_RAM_BASE), buf, len);
	else if (!device_ok(ipa, len, flags))
		return -1;
	log_event(c, XC_WRITE, flags, ipa, len, fnv(buf, len));
	return 0;
}

static void mem_lock(void *ctx)
{
	log_event(ctx, XC_LOCK, 0, 0, 0, 0);
}

static void mem_unlock(void *ctx)
{
	log_event(ctx, XC_UNLOCK, 0, 0, 0, 0);
}

/* The whole access in RAM or in the device, and what the device allows. */
static int mem_check(void *ctx, nisv_access *a)
{
	struct xc_ctx *c = ctx;
	const struct xc_world *w = c->w;
	uint32_t npages = a->npages < 2 ? a->npages : 2;
	uint64_t page[4];
	int ram = in_ram(a->ipa, 1), kind = 0;

	for (uint32_t i = 0; i < npages; i++)
		page[2 * i] = a->page[i].ipa, page[2 * i + 1] = a->page[i].len;

	log_event(c, XC_CHECK, a->flags, a->ipa, a->len | (uint64_t)a->npages << 32 | (uint64_t)a->piece_min << 40,
	          fnv(page, 16 * npages));
	for (uint32_t i = 0; i < npages; i++)
		if (ram ? !in_ram(a->page[i].ipa, a->page[i].len) : !in_dev(a->page[i].ipa, a->page[i].len))
			kind = NISV_FAULT_EXTERNAL;
	if (kind || ram)
		return kind;
	if (((a->flags & NISV_MEM_EXCLUSIVE) && !(w->dev_policy & NISV_DEV_EXCLUSIVE)) ||
	    ((a->flags & NISV_MEM_ATOMIC) && !(w->dev_policy & NISV_DEV_ATOMIC)))
		return NISV_FAULT_UNSUPPORTED_EXCL;
	if (w->dev_widths && !(w->dev_widths & ((a->piece_min << 1) - 1)))
		return NISV_FAULT_EXTERNAL;
	return 0;
}

static const nisv_reg_ops reg_ops = { reg_get, reg_set, vec_get, vec_set };
static const nisv_mem_ops mem_ops = {
	.read = mem_read, .write = mem_write, .lock = mem_lock, .unlock = mem_unlock, .check = mem_check,
};

void xc_run(struct xc_world *w, uint32_t word, struct xc_run *out)
{
	struct xc_ctx c = { w, out };
	nisv_vcpu v;

	memset(out, 0, sizeof(*out));
	nisv_vcpu_init(&v, &reg_ops, &c, &mem_ops, &c);
	nisv_vcpu_set_features(&v, w->features);
	nisv_vcpu_set_vector_lengths(&v, w->sve_vqs, w->sme_vqs);
	nisv_vcpu_set_fault_mode(&v, w->inject ? NISV_FAULTS_INJECT : NISV_FAULTS_REPORT);
	out->status = (uint32_t)nisv_emulate(&v, word, &out->res);
}

/* ---- identity tables ------------------------------------------------------- */

struct bump {
	struct xc_world *w;
	uint64_t next;
};

static uint8_t *host(void *ctx, uint64_t ipa)
{
	struct bump *b = ctx;

	return b->w->ram + (ipa - XC_RAM_BASE);
}

static uint64_t alloc(void *ctx, uint64_t bytes)
{
	struct bump *b = ctx;
	uint64_t ipa = (b->next + bytes - 1) & ~(bytes - 1);

	if (ipa + bytes > XC_RAM_BASE + XC_RAM_SIZE)
		return UINT64_MAX;
	memset(host(ctx, ipa), 0, bytes);
	b->next = ipa + bytes;
	return ipa;
}

/* Descriptor attributes from two bits of `bits` per page: AF (mostly set),
 * AP[2:1], DBM; AttrIndx 0 (normal) for RAM, 1 (Device-nGnRnE) for the device. */
static uint64_t page_attrs(uint64_t bits, unsigned i, int device)
{
	uint64_t r = bits >> (i * 4 % 60), attrs = 3ull << 8 /* inner shareable */;

	if ((r & 7) != 0)
		attrs |= 1ull << 10; /* AF */
	attrs |= (r >> 3 & 1) << 7; /* AP[2]: read-only */
	attrs |= (r >> 4 & 1) << 6; /* AP[1]: EL0 too */
	attrs |= (r >> 5 & 1) << 51; /* DBM */
	return attrs | (device ? 1u << 2 : 0);
}

void xc_map_tables(struct xc_world *w, uint64_t bits)
{
	struct bump b = { w, XC_TABLES };
	const struct pt_mem mem = { &b, host, alloc };
	struct pt t;
	unsigned i = 0;

	if (pt_create(&t, &mem, 12, 25, 0))
		return;
	for (uint64_t pa = XC_RAM_BASE; pa < XC_TABLES; pa += 0x1000, i++)
		pt_map(&t, pa, pa, 3, page_attrs(bits, i, 0));
	pt_map(&t, XC_DEV_BASE, XC_DEV_BASE, 3, page_attrs(bits, i, 1));
	w->reg[NISV_TTBR0_EL1] = pt_ttbr(&t);
	/* T0SZ 25, IRGN0/ORGN0 WB, SH0 inner, TG0 4K, EPD1, IPS 40 bits, HA/HD */
	w->reg[NISV_TCR_EL1] = 25 | 1u << 8 | 1u << 10 | 3u << 12 | pt_tcr_tg(12, 12) | 1ull << 23 | 2ull << 32 |
	                       (bits >> 62) << 39;
	w->reg[NISV_MAIR_EL1] = 0x00ff;
	w->reg[NISV_SCTLR_EL1] |= 1; /* M */
}

/* sizeof(struct xc_world), sizeof(struct xc_run): the Rust mirror checks its layout. */
uint64_t xc_sizeof(int run)
{
	return run ? sizeof(struct xc_run) : sizeof(struct xc_world);
}
