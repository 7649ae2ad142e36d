/*
 * The fuzz/property world: see world.h. Descriptor formats: Arm ARM D8.3
 * (VMSAv8-64 translation table format descriptors).
 */
#include "world.h"

#include <stdio.h>
#include <string.h>

unsigned world_tolerate = W_KNOWN_ALL;
int world_verbose;

/* descriptor bits */
#define D_VALID 1ull
#define D_TABLE 2ull /* table (levels 0-2) / page (level 3) */
#define D_ATTR(n) ((uint64_t)(n) << 2)
#define D_AP1 (1ull << 6)
#define D_AP2 (1ull << 7)
#define D_SH_INNER (3ull << 8)
#define D_AF (1ull << 10)
#define D_DBM (1ull << 51)
#define D_PXN (1ull << 53)
#define D_UXN (1ull << 54)
#define D_XN (D_PXN | D_UXN)

#define PAGE_DEV(pa) ((pa) | D_VALID | D_TABLE | D_ATTR(0) | D_AF | D_XN)
#define PAGE_RAM(pa) ((pa) | D_VALID | D_TABLE | D_ATTR(1) | D_SH_INNER | D_AF | D_XN)

static uint64_t ld64(const uint8_t *p)
{
	uint64_t v = 0;
	for (unsigned k = 0; k < 8; k++)
		v |= (uint64_t)p[k] << (8 * k);
	return v;
}

static void st64(uint8_t *p, uint64_t v)
{
	for (unsigned k = 0; k < 8; k++)
		p[k] = (uint8_t)(v >> (8 * k));
}

uint64_t world_desc(const struct world *w, unsigned slot)
{
	return ld64(&w->ram[(slot % 2048) * 8]);
}

void world_set_desc(struct world *w, unsigned slot, uint64_t desc)
{
	st64(&w->ram[(slot % 2048) * 8], desc);
}

void world_put_word(struct world *w, uint32_t word)
{
	uint64_t off = w->st.reg[NISV_PC] - W_CODE_VA;

	if (off >= 0x1000)
		off = 0;
	off &= ~3ull;
	for (unsigned k = 0; k < 4; k++)
		w->ram[W_CODE_PA - W_RAM_BASE + off + k] = (uint8_t)(word >> (8 * k));
}

void world_default(struct world *w)
{
	memset(w, 0, sizeof(*w));
	/* registers: bases into device A, 64 bytes apart */
	for (unsigned r = 0; r <= NISV_X30; r++)
		w->st.reg[r] = W_DATA_VA + 0x40 * r;
	w->st.reg[NISV_SP_EL0] = W_DATA_VA + 0x800;
	w->st.reg[NISV_SP_EL1] = W_DATA_VA + 0x900;
	w->st.reg[NISV_PC] = W_CODE_VA + 0x100;
	w->st.reg[NISV_PSTATE] = 0x3c5; /* EL1h, DAIF masked */
	/* M, C, SA, SA0, I, SPAN */
	w->st.reg[NISV_SCTLR_EL1] = 1ull << 0 | 1ull << 2 | 1ull << 3 | 1ull << 4 | 1ull << 12 | 1ull << 23;
	/* T0SZ = T1SZ = 16, TG0 4K, TG1 4K, IPS 48 bits, HA, HD */
	w->st.reg[NISV_TCR_EL1] = 16ull | 16ull << 16 | 2ull << 30 | 5ull << 32 | 1ull << 39 | 1ull << 40;
	w->st.reg[NISV_TTBR0_EL1] = W_L0_PA;
	w->st.reg[NISV_TTBR1_EL1] = W_L0_PA;
	w->st.reg[NISV_MAIR_EL1] = 0xff00; /* Attr0 Device-nGnRnE, Attr1 Normal WB */
	w->st.reg[NISV_VBAR_EL1] = 0xffff000000700000ull;
	w->st.reg[NISV_DCZID_EL0] = 4; /* 64-byte blocks */
	for (unsigned n = 0; n < 32; n++) {
		w->st.v[n].lo = 0x0706050403020100ull + 0x1010101010101010ull * n;
		w->st.v[n].hi = 0x8f8e8d8c8b8a8988ull ^ (0x0101010101010101ull * n);
	}

	/* tables: L0[0] -> L1, L1[0] -> L2, L2[2] -> L3 (VA 4-6 MiB), L2[3] block */
	world_set_desc(w, 0, W_L1_PA | D_VALID | D_TABLE);
	world_set_desc(w, 512 + 0, W_L2_PA | D_VALID | D_TABLE);
	world_set_desc(w, 1024 + 2, W_L3_PA | D_VALID | D_TABLE);
	world_set_desc(w, 1024 + 3, W_RAM_BASE | D_VALID | D_ATTR(1) | D_SH_INNER | D_AF | D_XN);
	/* code: EL1 and EL0 read-only, executable */
	world_set_desc(w, 1536 + 0, W_CODE_PA | D_VALID | D_TABLE | D_ATTR(1) | D_SH_INNER | D_AF | D_AP1 | D_AP2);
	world_set_desc(w, 1536 + 0x100, PAGE_DEV(W_DEV_BASE));
	world_set_desc(w, 1536 + 0x101, PAGE_DEV(W_DEV_BASE + 0x1000));
	world_set_desc(w, 1536 + 0x102, PAGE_DEV(W_DEV_BASE + 0x2000));
	world_set_desc(w, 1536 + 0x103, PAGE_RAM(W_DRAM_PA));
	world_set_desc(w, 1536 + 0x104, PAGE_RAM(W_DRAM_PA + 0x1000));
	/* 0x105: invalid */
	world_set_desc(w, 1536 + 0x106, PAGE_DEV(W_HOLE_PA));
	world_set_desc(w, 1536 + 0x107, PAGE_DEV(W_DEV_BASE) & ~D_AF);
	world_set_desc(w, 1536 + 0x108, PAGE_DEV(W_DEV_BASE) | D_AP2 | D_DBM);
	world_set_desc(w, 1536 + 0x109, (PAGE_RAM(W_DRAM_PA) | D_AP2 | D_DBM) & ~D_AF);

	for (unsigned i = 0; i < 0x2000; i++)
		w->ram[W_DRAM_PA - W_RAM_BASE + i] = (uint8_t)(i * 7 + 3);
	for (unsigned d = 0; d < W_NDEV; d++)
		for (unsigned i = 0; i < W_DEV_SIZE; i++)
			w->dev[d][i] = (uint8_t)(i * 13 + d * 0x40 + 1);

	w->rcfg[0] = (struct w_region_cfg){ .base = W_RAM_BASE, .size = W_RAM_SIZE, .enabled = 1 };
	w->rcfg[1] = (struct w_region_cfg){ .base = W_DEV_BASE, .size = W_DEV_SIZE, .enabled = 1,
		                            .policy = NISV_DEV_EXCLUSIVE | NISV_DEV_ATOMIC };
	w->rcfg[2] = (struct w_region_cfg){ .base = W_DEV_BASE + 0x1000, .size = W_DEV_SIZE, .enabled = 1,
		                            .widths = 1u << 2 | 1u << 3 };
	w->rcfg[3] = (struct w_region_cfg){ .base = W_DEV_BASE + 0x2000, .size = W_DEV_SIZE, .enabled = 1,
		                            .widths = 1u << 0 | 1u << 1, .policy = NISV_DEV_ATOMIC };
	w->rcfg[4] = (struct w_region_cfg){ .base = W_HOLE_PA, .size = W_DEV_SIZE, .widths = 1u << 2 };
	w->pa_bits = 48;
	for (unsigned k = 0; k < K_NKIND; k++)
		w->fail_at[k] = -1;
	w->check_fail_at = -1;
	w->check_ret = NISV_FAULT_EXTERNAL;
	world_put_word(w, 0xd503201f); /* NOP until the caller puts its word */
}

/* ---- register callbacks -------------------------------------------------- */

static int inject(struct world *w, enum w_kind k)
{
	long idx = (long)w->calls[k]++;

	if (idx != w->fail_at[k])
		return 0;
	w->injected |= 1u << k;
	return 1;
}

static int r_get(void *ctx, unsigned reg, uint64_t *val)
{
	struct world *w = ctx;

	if (reg >= NISV_REG_COUNT) {
		w->bad_index = 1;
		return -1;
	}
	w->get_count[reg]++;
	if (w->calls[K_SET] || w->calls[K_SETV])
		w->get_after_set = 1;
	if (inject(w, K_GET))
		return -1;
	*val = w->st.reg[reg];
	return 0;
}

static int r_set(void *ctx, unsigned reg, uint64_t val)
{
	struct world *w = ctx;

	if (reg >= NISV_REG_COUNT || reg == NISV_DCZID_EL0) {
		w->bad_index = 1;
		return -1;
	}
	w->set_count[reg]++;
	if (inject(w, K_SET))
		return -1;
	w->st.reg[reg] = val;
	w->sets_done++;
	return 0;
}

static int r_get_vec(void *ctx, unsigned file, unsigned n, uint32_t offset, void *buf, uint32_t len)
{
	struct world *w = ctx;

	if (file != NISV_VFILE_V || n >= 32 || offset != 0 || len != 16) {
		w->bad_index = 1;
		return -1;
	}
	w->getv_count[n]++;
	if (w->calls[K_SET] || w->calls[K_SETV])
		w->get_after_set = 1;
	if (inject(w, K_GETV))
		return -1;
	return nisv_state_reg_ops.get_vec(&w->st, file, n, offset, buf, len);
}

static int r_set_vec(void *ctx, unsigned file, unsigned n, uint32_t offset, const void *buf, uint32_t len)
{
	struct world *w = ctx;

	if (file != NISV_VFILE_V || n >= 32 || offset != 0 || len != 16) {
		w->bad_index = 1;
		return -1;
	}
	w->setv_count[n]++;
	if (inject(w, K_SETV))
		return -1;
	w->sets_done++;
	return nisv_state_reg_ops.set_vec(&w->st, file, n, offset, buf, len);
}

static const nisv_reg_ops w_reg_ops = { r_get, r_set, r_get_vec, r_set_vec };

/* ---- memory callbacks: checks, counting, failures, then nisv_bus ---------- */

static void piece_check(struct world *w, uint64_t ipa, uint32_t len, unsigned flags)
{
	if ((flags & NISV_MEM_FETCH) && (world_tolerate & W_KNOWN_FETCH_ALIGN) && len == 4)
		return;
	if (len == 0 || len > 16 || (len & (len - 1)) || (ipa & (len - 1))) {
		w->piece_error = 1;
		if (world_verbose)
			fprintf(stderr, "piece: ipa %#llx len %u flags %#x\n", (unsigned long long)ipa, len, flags);
	}
	if ((flags & NISV_MEM_ATOMIC) && !(flags & NISV_MEM_WALK) && w->mem_ops.lock && !w->locked)
		w->atomic_unlocked = 1;
}

static void log_write(struct world *w, uint64_t ipa, const void *buf, uint32_t len, int device)
{
	struct w_write *l;

	if (w->nlog == W_LOG_MAX)
		return;
	l = &w->log[w->nlog++];
	l->ipa = ipa;
	l->len = len;
	l->device = (uint8_t)device;
	memcpy(l->data, buf, len > 16 ? 16 : len);
}

static int m_read(void *ctx, uint64_t ipa, void *buf, uint32_t len, unsigned flags)
{
	struct world *w = ctx;
	int r;

	if (world_verbose)
		fprintf(stderr, "  read %#llx %u flags %#x\n", (unsigned long long)ipa, len, flags);
	piece_check(w, ipa, len, flags);
	if (inject(w, K_READ)) {
		w->failed_flags |= flags;
		return -1;
	}
	r = nisv_bus_mem_ops.read(&w->bus, ipa, buf, len, flags);
	if (r) {
		w->natural |= 1u << K_READ;
		w->failed_flags |= flags;
	}
	return r;
}

static int m_write(void *ctx, uint64_t ipa, const void *buf, uint32_t len, unsigned flags)
{
	struct world *w = ctx;
	int r;

	if (world_verbose)
		fprintf(stderr, "  write %#llx %u flags %#x\n", (unsigned long long)ipa, len, flags);
	piece_check(w, ipa, len, flags);
	if (inject(w, K_WRITE)) {
		w->failed_flags |= flags;
		return -1;
	}
	r = nisv_bus_mem_ops.write(&w->bus, ipa, buf, len, flags);
	if (r) {
		w->natural |= 1u << K_WRITE;
		w->failed_flags |= flags;
		return r;
	}
	if (flags & NISV_MEM_WALK) {
		w->desc_writes++;
		if (w->ncas < 4)
			w->cas_addr[w->ncas++] = ipa;
	} else {
		w->data_writes++;
		log_write(w, ipa, buf, len, 0);
	}
	return 0;
}

/* What a check is handed must describe the access nisv then performs. */
static void access_check(struct world *w, const nisv_access *a)
{
	uint32_t sum = 0;

	for (unsigned i = 0; i < a->npages && i < 2; i++)
		sum += a->page[i].len;
	if (a->npages < 1 || a->npages > 2 || sum != a->len || a->page[0].ipa != a->ipa || !a->piece_min ||
	    a->piece_min > 16 || (a->piece_min & (a->piece_min - 1))) {
		w->piece_error = 1;
		if (world_verbose)
			fprintf(stderr, "access: ipa %#llx len %u pages %u piece_min %u\n", (unsigned long long)a->ipa,
			        a->len, a->npages, a->piece_min);
	}
}

static int m_check(void *ctx, nisv_access *a)
{
	struct world *w = ctx;
	long idx = (long)w->calls[K_CHECK]++;
	int fault;

	if (world_verbose)
		fprintf(stderr, "  check %#llx %u flags %#x pages %u piece_min %u\n", (unsigned long long)a->ipa, a->len,
		        a->flags, a->npages, a->piece_min);
	access_check(w, a);
	if (w->recording) {
		/* the first and last byte of each page: IPAs the access covers */
		for (unsigned i = 0; i < a->npages && i < 2 && w->nrec + 2 <= 8; i++) {
			w->rec_ipa[w->nrec++] = a->page[i].ipa;
			w->rec_ipa[w->nrec++] = a->page[i].ipa + a->page[i].len - 1;
		}
		w->rec_write = (a->flags & NISV_MEM_WRITE) != 0;
	}
	if (idx == w->check_fail_at) {
		w->injected |= 1u << K_CHECK;
		return w->check_ret;
	}
	if (a->device)
		w->piece_error = 1; /* must be NULL on entry */
	fault = nisv_bus_mem_ops.check(&w->bus, a);
	a->device = NULL; /* every piece through m_read/m_write, counted */
	return fault;
}

static int m_cas64(void *ctx, uint64_t ipa, uint64_t *expected, uint64_t desired)
{
	struct world *w = ctx;
	int r;

	if (ipa & 7)
		w->piece_error = 1;
	if (inject(w, K_CAS))
		return -1;
	r = nisv_bus_mem_ops.cas64(&w->bus, ipa, expected, desired);
	if (r < 0)
		w->natural |= 1u << K_CAS;
	if (r == 0) {
		w->desc_writes++;
		if (w->ncas < 4)
			w->cas_addr[w->ncas++] = ipa;
	}
	return r;
}

static void m_lock(void *ctx)
{
	struct world *w = ctx;

	if (w->locked)
		w->lock_error = 1;
	w->locked = 1;
	nisv_bus_mem_ops.lock(&w->bus);
}

static void m_unlock(void *ctx)
{
	struct world *w = ctx;

	if (!w->locked)
		w->lock_error = 1;
	w->locked = 0;
	nisv_bus_mem_ops.unlock(&w->bus);
}

/* ---- device callbacks ------------------------------------------------------ */

static int dev_piece(struct world *w, const struct w_region_cfg *c, uint64_t off, uint32_t len)
{
	if (world_verbose)
		fprintf(stderr, "  device %#llx+%#llx %u\n", (unsigned long long)c->base, (unsigned long long)off, len);
	if (len == 0 || off >= c->size || len > c->size - off) {
		w->dev_error = 1;
		return -1;
	}
	if (len > 16 || (len & (len - 1)) || (c->widths && !(c->widths >> __builtin_ctz(len) & 1)) ||
	    ((c->base + off) & (len - 1))) {
		w->dev_error = 1;
		return -1;
	}
	return 0;
}

static int d_read(void *dev, uint64_t off, void *buf, uint32_t len)
{
	struct w_devctx *c = dev;
	struct world *w = c->w;
	uint8_t *b = buf;

	if (dev_piece(w, &w->rcfg[c->idx + 1], off, len))
		return -1;
	if (inject(w, K_DREAD))
		return -1;
	for (uint32_t j = 0; j < len; j++)
		b[j] = off + j < W_DEV_SIZE ? w->dev[c->idx][off + j] : 0xee;
	return 0;
}

static int d_write(void *dev, uint64_t off, const void *buf, uint32_t len)
{
	struct w_devctx *c = dev;
	struct world *w = c->w;
	const uint8_t *b = buf;

	if (dev_piece(w, &w->rcfg[c->idx + 1], off, len))
		return -1;
	if (inject(w, K_DWRITE))
		return -1;
	for (uint32_t j = 0; j < len; j++)
		if (off + j < W_DEV_SIZE)
			w->dev[c->idx][off + j] = b[j];
	w->dev_writes++;
	log_write(w, w->rcfg[c->idx + 1].base + off, buf, len, 1);
	return 0;
}

static const void *m_ram_map(void *ctx, uint64_t ipa, uint64_t *base, uint64_t *size)
{
	struct world *w = ctx;
	const void *host = w->ram_map == 2 ? NULL : nisv_bus_mem_ops.ram_map(&w->bus, ipa, base, size);

	if (host && w->ram_map == 3)
		*size = ipa - *base;
	return host;
}

void world_fixup(struct world *w)
{
	unsigned n = 0;

	for (unsigned i = 0; i < W_NREG; i++) {
		const struct w_region_cfg *c = &w->rcfg[i];
		if (!c->enabled)
			continue;
		nisv_region *r = &w->regions[n++];
		*r = (nisv_region){ .base = c->base, .size = c->size, .widths = c->widths, .policy = c->policy };
		if (i == 0) {
			r->ram = w->ram;
			if (r->size > W_RAM_SIZE || r->size == 0)
				r->size = W_RAM_SIZE;
		} else {
			w->devctx[i - 1] = (struct w_devctx){ .w = w, .idx = i - 1 };
			r->dev = &w->devctx[i - 1];
			r->read = c->no_read ? NULL : d_read;
			r->write = c->no_write ? NULL : d_write;
			if (r->size == 0)
				r->size = 1;
		}
		if (r->base + r->size < r->base && r->base + r->size != 0)
			r->size = 0 - r->base; /* base + size <= 2^64 */
		w->rcfg[i].size = r->size;  /* what the device checks its pieces against */
	}
	w->bus = (nisv_bus){ .regions = w->regions, .count = n };
	w->mem_ops = (nisv_mem_ops){ .read = m_read, .write = m_write };
	if (!w->no_lock) {
		w->mem_ops.lock = m_lock;
		w->mem_ops.unlock = m_unlock;
	}
	if (!w->no_cas64)
		w->mem_ops.cas64 = m_cas64;
	if (!w->no_check)
		w->mem_ops.check = m_check;
	if (w->ram_map)
		w->mem_ops.ram_map = m_ram_map;
	if (w->direct_bus)
		nisv_vcpu_init(&w->vcpu, &w_reg_ops, w, &nisv_bus_mem_ops, &w->bus);
	else
		nisv_vcpu_init(&w->vcpu, &w_reg_ops, w, &w->mem_ops, w);
	nisv_vcpu_set_features(&w->vcpu, w->features);
	nisv_vcpu_set_pa_bits(&w->vcpu, w->pa_bits);
	nisv_vcpu_set_fault_mode(&w->vcpu, w->inject ? NISV_FAULTS_INJECT : NISV_FAULTS_REPORT);
}

void world_begin(struct world *w)
{
	memset(w->calls, 0, sizeof(w->calls));
	memset(w->get_count, 0, sizeof(w->get_count));
	memset(w->set_count, 0, sizeof(w->set_count));
	memset(w->getv_count, 0, sizeof(w->getv_count));
	memset(w->setv_count, 0, sizeof(w->setv_count));
	w->injected = w->natural = w->failed_flags = 0;
	w->sets_done = w->data_writes = w->desc_writes = w->dev_writes = 0;
	w->get_after_set = w->bad_index = w->piece_error = w->dev_error = 0;
	w->lock_error = w->locked = w->atomic_unlocked = 0;
	w->nlog = w->ncas = 0;
	w->nrec = 0;
	w->rec_write = 0;
}

/* ---- the promises ------------------------------------------------------------ */

#define BIT(k) (1u << (k))
#define REG_FAIL (BIT(K_GET) | BIT(K_GETV))
#define REG_SET_FAIL (BIT(K_SET) | BIT(K_SETV))
#define WRITE_FAIL (BIT(K_WRITE) | BIT(K_DWRITE))

/* RAM differs only in descriptors that an AF/dirty update may change. */
static const char *ram_diff(const struct world *b, const struct world *a)
{
	for (unsigned i = 0; i < W_RAM_SIZE; i++) {
		if (a->ram[i] == b->ram[i])
			continue;
		uint64_t ipa = W_RAM_BASE + i, slot = ipa & ~7ull;
		int ok = 0;
		for (unsigned c = 0; c < a->ncas; c++)
			ok |= a->cas_addr[c] == slot;
		if (!ok)
			return "RAM changed outside any descriptor update";
		uint64_t x = ld64(&a->ram[slot - W_RAM_BASE]) ^ ld64(&b->ram[slot - W_RAM_BASE]);
		uint64_t allowed = D_AF | D_AP2;
		if ((x & ~allowed) && (__builtin_bswap64(x) & ~allowed))
			return "a descriptor update changed more than AF / AP[2]";
	}
	return NULL;
}

static const char *same_but_ram(const struct world *x, const struct world *y)
{
	for (unsigned r = 0; r < NISV_REG_COUNT; r++)
		if (x->st.reg[r] != y->st.reg[r])
			return "a register differs";
	if (memcmp(x->st.v, y->st.v, sizeof(x->st.v)))
		return "a vector register differs";
	if (memcmp(x->dev, y->dev, sizeof(x->dev)))
		return "a device store differs";
	return NULL;
}

const char *world_same(const struct world *x, const struct world *y)
{
	if (memcmp(x->ram, y->ram, sizeof(x->ram)))
		return "RAM differs";
	return same_but_ram(x, y);
}

const char *world_same_but_fetch_af(const struct world *x, const struct world *y)
{
	for (unsigned i = 0; i < W_RAM_SIZE; i += 8) {
		uint64_t d = ld64(&x->ram[i]) ^ ld64(&y->ram[i]);
		int cas = 0;
		if (!d)
			continue;
		for (unsigned c = 0; c < y->ncas; c++)
			cas |= y->cas_addr[c] == W_RAM_BASE + i;
		if (!cas || (d != D_AF && __builtin_bswap64(d) != D_AF))
			return "RAM differs";
	}
	return same_but_ram(x, y);
}

static int regs_equal(const struct world *b, const struct world *a)
{
	return memcmp(&b->st, &a->st, sizeof(b->st)) == 0;
}

const char *world_check(const struct world *b, const struct world *a, nisv_status st,
                        const nisv_result *res, int trap)
{
	unsigned failed = a->injected | a->natural;
	const char *e;

	(void)trap;
	if ((unsigned)st > NISV_INVALID_ARGUMENT)
		return "status out of range";
	if (res && res->status != st)
		return "res.status differs from the returned status";
	if (a->bad_index)
		return "a register callback got an index out of range (or a write to DCZID_EL0)";
	if (a->piece_error)
		return "a memory piece not naturally aligned, empty or wider than 16 bytes";
	if (a->dev_error)
		return "a device piece outside its region, not an allowed width or unaligned";
	if (a->lock_error || a->locked)
		return "lock/unlock not paired";
	if (a->atomic_unlocked)
		return "an atomic data access outside lock/unlock";
	if (a->get_after_set)
		return "a register read after a register write";
	for (unsigned r = 0; r < NISV_REG_COUNT; r++) {
		/* known: taking a fault re-reads PSTATE, SCTLR, PC (rc_reset in finish()) */
		unsigned max_gets = a->inject && (world_tolerate & W_KNOWN_REGET) ? 2 : 1;
		if (a->get_count[r] > max_gets)
			return "a register read more than once in one call";
		if (a->set_count[r] > 1)
			return "a register written more than once in one call";
	}
	for (unsigned n = 0; n < 32; n++)
		if (a->getv_count[n] > 1 || a->setv_count[n] > 1)
			return "a vector register read or written more than once in one call";

	if (failed & (REG_FAIL | REG_SET_FAIL) && st != NISV_CALLBACK_ERROR)
		return "a register callback failed but the status is not NISV_CALLBACK_ERROR";

	switch (st) {
	case NISV_OK:
		if (failed)
			return "NISV_OK although a callback failed";
		if (b->st.reg[NISV_PSTATE] & 0x10) { /* AArch32 (EL0): A32/T32, by ESR.IL */
			uint32_t pc = (uint32_t)b->st.reg[NISV_PC];
			if (a->st.reg[NISV_PC] != (uint32_t)(pc + 4) && a->st.reg[NISV_PC] != (uint32_t)(pc + 2))
				return "NISV_OK (AArch32) but PC did not advance by 4 or 2";
		} else if (a->st.reg[NISV_PC] != b->st.reg[NISV_PC] + 4) {
			return "NISV_OK but PC did not advance by 4";
		}
		return NULL;
	case NISV_FAULT:
		/* the fetch's own AF update may stand when the fetch then aborts */
		if (a->data_writes || a->dev_writes)
			return "NISV_FAULT after memory was written";
		if (memcmp(a->dev, b->dev, sizeof(a->dev)))
			return "NISV_FAULT but a device store changed";
		if ((e = ram_diff(b, a)) != NULL)
			return e;
		if (!res || !res->injected) {
			if (a->sets_done || !regs_equal(b, a))
				return "NISV_FAULT (reported) but registers written";
			return NULL;
		}
		for (unsigned r = 0; r < NISV_REG_COUNT; r++) {
			if (a->st.reg[r] == b->st.reg[r])
				continue;
			if (r != NISV_PC && r != NISV_PSTATE && r != NISV_ESR_EL1 && r != NISV_FAR_EL1 &&
			    r != NISV_ELR_EL1 && r != NISV_SPSR_EL1)
				return "fault injected: a register other than PC/PSTATE/ESR/FAR/ELR/SPSR changed";
		}
		if (memcmp(a->st.v, b->st.v, sizeof(a->st.v)))
			return "fault injected: a vector register changed";
		if (a->st.reg[NISV_ELR_EL1] != b->st.reg[NISV_PC])
			return "fault injected: ELR_EL1 is not the faulting PC";
		if (a->st.reg[NISV_SPSR_EL1] != b->st.reg[NISV_PSTATE])
			return "fault injected: SPSR_EL1 is not the old PSTATE";
		if (a->st.reg[NISV_ESR_EL1] != res->esr)
			return "fault injected: ESR_EL1 differs from res.esr";
		return NULL;
	case NISV_RETRY:
	case NISV_UNSUPPORTED:
	case NISV_INVALID_ARGUMENT:
		if (a->sets_done || !regs_equal(b, a))
			return "RETRY/UNSUPPORTED/INVALID_ARGUMENT but registers written";
		if (a->data_writes || a->dev_writes)
			return "RETRY/UNSUPPORTED/INVALID_ARGUMENT but memory written";
		if (memcmp(a->dev, b->dev, sizeof(a->dev)))
			return "RETRY/UNSUPPORTED/INVALID_ARGUMENT but a device store changed";
		if (a->desc_writes && !(st == NISV_RETRY && (world_tolerate & W_KNOWN_AF_RETRY)))
			return "RETRY/UNSUPPORTED/INVALID_ARGUMENT but a descriptor was updated";
		if ((e = ram_diff(b, a)) != NULL)
			return e;
		return NULL;
	case NISV_CALLBACK_ERROR:
		if (!failed)
			return "NISV_CALLBACK_ERROR but no callback failed";
		if (failed & REG_FAIL) {
			/* every register is read before the first memory access */
			if (a->data_writes || a->dev_writes ||
			    (a->desc_writes && !(world_tolerate & W_KNOWN_AF_BEFORE_REGS)))
				return "a register read failed after memory was written";
		}
		if (!(failed & (WRITE_FAIL | REG_SET_FAIL | BIT(K_CAS)))) {
			if (a->data_writes || a->dev_writes)
				return "no write failed but NISV_CALLBACK_ERROR after data was written";
		}
		if (!(failed & REG_SET_FAIL)) {
			if (a->sets_done || !regs_equal(b, a))
				return "NISV_CALLBACK_ERROR (no register write failed) but registers written";
		}
		if (!a->data_writes && !a->dev_writes) {
			if (memcmp(a->dev, b->dev, sizeof(a->dev)))
				return "device store changed without a device write";
			if ((e = ram_diff(b, a)) != NULL)
				return e;
		}
		return NULL;
	default:
		return "status out of range";
	}
}
