/* The trap-path test guest: see harness.h. */
#include "harness.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct guest G;
uint8_t PT[PT_SIZE];
uint8_t RAM[RAM_SIZE];
uint8_t XRAM[NXRAM][XRAM_SIZE];
struct pt LO, HI;

/* ------------------------------------------------------------------------ */
/* Bookkeeping                                                               */
/* ------------------------------------------------------------------------ */

static const char *case_name;
/* 1: the vCPU's memory is the bus itself (nisv_bus_mem_ops, which nisv
 * calls directly), not the logging wrapper; G.mem counts nothing then. */
static int bus_direct;
static unsigned ncases, nfailed, case_failures;

static void close_case(void)
{
	if (case_name && case_failures)
		nfailed++;
	case_failures = 0;
}

void tcase(const char *name)
{
	close_case();
	case_name = name;
	ncases++;
}

void tcasef(const char *fmt, ...)
{
	static char name[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof name, fmt, ap);
	va_end(ap);
	tcase(name);
}

int check_eq(const char *file, int line, const char *what, uint64_t got, uint64_t want)
{
	if (got == want)
		return 1;
	if (case_failures++ < 8)
		printf("FAIL %s%s (%s:%d): %s = 0x%" PRIx64 ", expected 0x%" PRIx64 "\n",
		       bus_direct ? "[bus direct] " : "", case_name ? case_name : "?", file, line, what, got, want);
	return 0;
}

unsigned report(const char *label)
{
	close_case();
	case_name = 0;
	printf("%s: %u cases, %u failed\n", label, ncases, nfailed);
	return nfailed;
}

/* ------------------------------------------------------------------------ */
/* Memory: a logging wrapper around the bus, devices, hooks                  */
/* ------------------------------------------------------------------------ */

void set_bus_direct(int on)
{
	bus_direct = on;
}

int bus_is_direct(void)
{
	return bus_direct;
}

static void log_call(struct dev *d, int write, uint64_t off, const void *buf, uint32_t len)
{
	if (d->ncalls < sizeof d->log / sizeof d->log[0]) {
		struct devcall *c = &d->log[d->ncalls];
		c->write = (uint8_t)write;
		c->off = off;
		c->len = len;
		memcpy(c->data, buf, len < 16 ? len : 16);
	}
	d->ncalls++;
}

static int dev_read(void *dev, uint64_t off, void *buf, uint32_t len)
{
	struct dev *d = dev;

	if (off + len > DEV_SIZE)
		return -1;
	memcpy(buf, d->mem + off, len);
	d->reads++;
	log_call(d, 0, off, buf, len);
	return 0;
}

static int dev_write(void *dev, uint64_t off, const void *buf, uint32_t len)
{
	struct dev *d = dev;

	if (off + len > DEV_SIZE)
		return -1;
	memcpy(d->mem + off, buf, len);
	d->writes++;
	log_call(d, 1, off, buf, len);
	return 0;
}

static void on_ram_warning(void *ctx, uint64_t ipa, uint32_t len)
{
	(void)ctx;
	G.warnings++;
	G.warn_ipa = ipa;
	G.warn_len = len;
}

static void on_bus_lock(void *ctx)
{
	(void)ctx;
	G.bus_locks++;
}

static void on_bus_unlock(void *ctx)
{
	(void)ctx;
}

/* ------------------------------------------------------------------------ */
/* The guest                                                                 */
/* ------------------------------------------------------------------------ */

void guest_reset(void)
{
	memset(&G, 0, sizeof G);
	memset(PT, 0, sizeof PT);
	memset(RAM, 0, sizeof RAM);
	memset(XRAM, 0, sizeof XRAM);

	for (unsigned n = 0; n <= 30; n++)
		R(n) = 0xa5a5000000000000ull | (uint64_t)n << 8 | n;
	for (unsigned n = 0; n < 32; n++)
		G.st.v[n] = (nisv_v128){ n, ~(uint64_t)n };
	R(NISV_SP_EL0) = 0x00007ffffff00000ull;
	R(NISV_SP_EL1) = 0xffff800001000000ull;
	R(NISV_PC) = PC0;
	R(NISV_PSTATE) = PS_EL1H | PS_DAIF;
	R(NISV_MAIR_EL1) = MAIR_DEFAULT;
	R(NISV_VBAR_EL1) = VBAR;
	R(NISV_ESR_EL1) = 0xdeadull;
	R(NISV_FAR_EL1) = 0xfa5fa5ull;
	R(NISV_ELR_EL1) = 0xe1e1e1ull;
	R(NISV_SPSR_EL1) = 0x5b5ull;
	R(NISV_DCZID_EL0) = 4; /* BS = 4: 64-byte DC ZVA blocks */

	G.pt_base = IPA_PT;
	G.reg[0] = (nisv_region){ .base = IPA_PT, .size = PT_SIZE, .ram = PT };
	G.reg[1] = (nisv_region){ .base = IPA_RAM, .size = RAM_SIZE, .ram = RAM };
	G.bus = (nisv_bus){ .regions = G.reg, .count = 2, .ram_warning = on_ram_warning,
		            .lock = on_bus_lock, .unlock = on_bus_unlock };
	add_dev(IPA_DEV0, DEV_SIZE, 0);

	/* the logging wrapper clears the device the bus's check names, so
	 * every piece goes through it; set_bus_direct(1) runs the suite on
	 * the bus itself, device shortcut included */
	memlog_init(&G.mem, &nisv_bus_mem_ops, &G.bus);
	G.mem.ram_map_mode = &G.ram_map;
	if (bus_direct)
		nisv_vcpu_init(&G.v, &nisv_state_reg_ops, &G.st, &nisv_bus_mem_ops, &G.bus);
	else
		nisv_vcpu_init(&G.v, &nisv_state_reg_ops, &G.st, &memlog_ops, &G.mem);
}

void guest_pt_at(uint64_t ipa)
{
	G.pt_base = ipa;
	G.reg[0].base = ipa;
}

nisv_region *add_ram(uint64_t ipa, void *host, uint64_t size)
{
	nisv_region *r = &G.reg[G.bus.count++];

	*r = (nisv_region){ .base = ipa, .size = size, .ram = host };
	return r;
}

nisv_region *add_dev(uint64_t ipa, uint64_t size, unsigned devno)
{
	nisv_region *r = &G.reg[G.bus.count++];

	*r = (nisv_region){ .base = ipa, .size = size, .read = dev_read, .write = dev_write,
		            .dev = &G.dev[devno] };
	return r;
}

nisv_region *find_region(uint64_t ipa)
{
	for (unsigned i = 0; i < G.bus.count; i++)
		if (ipa >= G.reg[i].base && ipa - G.reg[i].base < G.reg[i].size)
			return &G.reg[i];
	return 0;
}

void set_mode(int inject)
{
	G.inject = inject;
	nisv_vcpu_set_fault_mode(&G.v, inject ? NISV_FAULTS_INJECT : NISV_FAULTS_REPORT);
}

void set_features(uint32_t f)
{
	G.features = f;
	nisv_vcpu_set_features(&G.v, f);
}

void set_pa_bits(unsigned bits)
{
	nisv_vcpu_set_pa_bits(&G.v, bits);
}

static uint8_t *gp_byte(uint64_t ipa)
{
	nisv_region *r = find_region(ipa);

	if (!r) {
		printf("harness: no region at 0x%" PRIx64 "\n", ipa);
		return 0;
	}
	if (r->ram)
		return (uint8_t *)r->ram + (ipa - r->base);
	return ((struct dev *)r->dev)->mem + (ipa - r->base);
}

void gp_write(uint64_t ipa, const void *buf, size_t len)
{
	for (size_t k = 0; k < len; k++) {
		uint8_t *p = gp_byte(ipa + k);
		if (p)
			*p = ((const uint8_t *)buf)[k];
	}
}

void gp_read(uint64_t ipa, void *buf, size_t len)
{
	for (size_t k = 0; k < len; k++) {
		uint8_t *p = gp_byte(ipa + k);
		((uint8_t *)buf)[k] = p ? *p : 0;
	}
}

void gp_w64(uint64_t ipa, uint64_t val)
{
	uint8_t b[8];

	for (unsigned k = 0; k < 8; k++)
		b[k] = (uint8_t)(val >> (8 * k));
	gp_write(ipa, b, 8);
}

void gp_w32(uint64_t ipa, uint32_t val)
{
	uint8_t b[4];

	for (unsigned k = 0; k < 4; k++)
		b[k] = (uint8_t)(val >> (8 * k));
	gp_write(ipa, b, 4);
}

uint64_t gp_r64(uint64_t ipa)
{
	uint8_t b[8];
	uint64_t val = 0;

	gp_read(ipa, b, 8);
	for (unsigned k = 0; k < 8; k++)
		val |= (uint64_t)b[k] << (8 * k);
	return val;
}

void dev_fill(unsigned devno, uint64_t off, const void *bytes, size_t len)
{
	memcpy(G.dev[devno].mem + off, bytes, len);
}

void dev_w64(unsigned devno, uint64_t off, uint64_t val)
{
	for (unsigned k = 0; k < 8; k++)
		G.dev[devno].mem[off + k] = (uint8_t)(val >> (8 * k));
}

/* ------------------------------------------------------------------------ */
/* Translation tables (VMSAv8-64 descriptor formats)                         */
/* ------------------------------------------------------------------------ */

static uint64_t pt_alloc(void *ctx, uint64_t bytes)
{
	uint64_t align = bytes < 64 ? 64 : bytes, ipa;

	(void)ctx;
	G.pt_used = (G.pt_used + align - 1) & ~(align - 1);
	ipa = G.pt_base + G.pt_used;
	G.pt_used += bytes;
	if (G.pt_used > PT_SIZE) {
		printf("harness: translation-table RAM exhausted\n");
		return UINT64_MAX;
	}
	return ipa;
}

static uint8_t *pt_host(void *ctx, uint64_t ipa)
{
	static uint8_t nowhere[8]; /* gp_byte has said where nothing is */
	uint8_t *host = gp_byte(ipa);

	(void)ctx;
	return host ? host : nowhere;
}

static const struct pt_mem guest_pt_mem = { .host = pt_host, .alloc = pt_alloc };

void pt_init(struct pt *t, unsigned g, unsigned tsz, unsigned flags)
{
	pt_create(t, &guest_pt_mem, g, tsz, flags);
}

void mmu_on(unsigned g, unsigned flags)
{
	unsigned tsz = flags & MMU_VA52 ? 12 : 16;
	unsigned ptf = (flags & MMU_DS ? PT_DS : 0) | (flags & MMU_LPA ? PT_LPA : 0) |
	               (flags & MMU_BE ? PT_BE : 0);
	int big = (flags & (MMU_DS | MMU_LPA)) != 0;

	pt_init(&LO, g, tsz, ptf);
	pt_init(&HI, g, tsz, ptf);
	R(NISV_TCR_EL1) = tsz | (uint64_t)tsz << 16 | tcr_tg(g, g) | TCR_IPS(big ? IPS_52 : IPS_48) |
	                  (flags & MMU_DS ? TCR_DS : 0);
	R(NISV_TTBR0_EL1) = pt_ttbr(&LO);
	R(NISV_TTBR1_EL1) = pt_ttbr(&HI);
	R(NISV_SCTLR_EL1) |= SC_M | (flags & MMU_BE ? SC_EE : 0);
	if (big) {
		set_features(G.features | (flags & MMU_DS ? NISV_FEAT_LPA2 : NISV_FEAT_LPA));
		set_pa_bits(52);
	}
}

/* ------------------------------------------------------------------------ */
/* Running and checking                                                      */
/* ------------------------------------------------------------------------ */

static struct {
	nisv_state st;
	uint8_t pt[PT_SIZE], ram[RAM_SIZE], xram[NXRAM][XRAM_SIZE];
	uint8_t dev[NDEV][DEV_SIZE];
} S;

static void snapshot(void)
{
	S.st = G.st;
	memcpy(S.pt, PT, sizeof PT);
	memcpy(S.ram, RAM, sizeof RAM);
	memcpy(S.xram, XRAM, sizeof XRAM);
	for (unsigned d = 0; d < NDEV; d++) {
		memcpy(S.dev[d], G.dev[d].mem, DEV_SIZE);
		G.dev[d].ncalls = G.dev[d].reads = G.dev[d].writes = 0;
	}
	memlog_clear(&G.mem);
	G.warnings = 0;
	G.bus_locks = 0;
}

nisv_status run(uint32_t word, nisv_result *r)
{
	snapshot();
	return nisv_emulate(&G.v, word, r);
}

nisv_status run_abort(const nisv_abort *a, nisv_result *r)
{
	snapshot();
	return nisv_handle_abort(&G.v, a, r);
}

static void expect_same_bytes(const char *file, int line, const char *what, const uint8_t *now,
                              const uint8_t *before, size_t len)
{
	char name[96];

	for (size_t k = 0; k < len; k++)
		if (now[k] != before[k]) {
			snprintf(name, sizeof name, "%s byte 0x%zx (changed)", what, k);
			check_eq(file, line, name, now[k], before[k]);
			return;
		}
}

/* Memory, tables, devices: nothing written, no device touched. */
static void expect_memory_untouched(const char *file, int line)
{
	char name[64];

	expect_same_bytes(file, line, "translation-table RAM", PT, S.pt, sizeof PT);
	expect_same_bytes(file, line, "RAM", RAM, S.ram, sizeof RAM);
	for (unsigned x = 0; x < NXRAM; x++)
		expect_same_bytes(file, line, "extra RAM", XRAM[x], S.xram[x], XRAM_SIZE);
	for (unsigned d = 0; d < NDEV; d++) {
		snprintf(name, sizeof name, "device %u", d);
		expect_same_bytes(file, line, name, G.dev[d].mem, S.dev[d], DEV_SIZE);
		snprintf(name, sizeof name, "device %u callbacks", d);
		check_eq(file, line, name, G.dev[d].ncalls, 0);
	}
	check_eq(file, line, "memory write calls", G.mem.writes, 0);
	check_eq(file, line, "descriptor updates (cas64)", G.mem.cas, 0);
}

static void report_diff(void *ctx, const char *name, uint64_t got, uint64_t want)
{
	const struct { const char *file; int line; } *at = ctx;

	check_eq(at->file, at->line, name, got, want);
}

/* Every register is want[], every V register as in the snapshot. */
static void expect_regs(const char *file, int line, const uint64_t *want)
{
	const struct { const char *file; int line; } at = { file, line };
	nisv_state w = S.st;

	memcpy(w.reg, want, NISV_REG_COUNT * sizeof want[0]);
	state_diff(&G.st, &w, report_diff, (void *)&at);
}

void expect_nothing_done(const char *file, int line)
{
	expect_memory_untouched(file, line);
	expect_regs(file, line, S.st.reg);
}

uint64_t entry_pstate(uint64_t old, uint64_t sctlr, uint32_t features)
{
	/* AArch64.TakeException to EL1 (AArch64 source): NZCV and DIT kept,
	 * DAIF all set, EL1h, PAN set unless SCTLR_EL1.SPAN, SSBS =
	 * SCTLR_EL1.DSSBS, TCO set with MTE; UAO, SS, IL, BTYPE cleared. */
	uint64_t n = (old & (PS_NZCV | PS_DIT)) | PS_DAIF | PS_EL1H;

	n |= (sctlr & SC_SPAN) ? old & PS_PAN : PS_PAN;
	if (sctlr & SC_DSSBS)
		n |= PS_SSBS;
	if (features & NISV_FEAT_MTE)
		n |= PS_TCO;
	return n;
}

uint64_t entry_vector(uint64_t old)
{
	if (old & PS_NRW)
		return 0x600; /* lower EL using AArch32 */
	if ((old >> 2 & 3) == 0)
		return 0x400; /* lower EL using AArch64 */
	return (old & 1) ? 0x200 : 0x000; /* current EL with SPx / SP0 */
}

static int has_level(unsigned kind)
{
	return kind == NISV_FAULT_TRANSLATION || kind == NISV_FAULT_ACCESS_FLAG ||
	       kind == NISV_FAULT_PERMISSION || kind == NISV_FAULT_ADDRESS_SIZE ||
	       kind == NISV_FAULT_WALK_EXTERNAL;
}

void expect_fault(const char *file, int line, nisv_status st, const nisv_result *r, unsigned kind,
                  int level, uint32_t esr, uint64_t far)
{
	uint64_t want[NISV_REG_COUNT];

	check_eq(file, line, "status", st, NISV_FAULT);
	check_eq(file, line, "res.status", r->status, NISV_FAULT);
	check_eq(file, line, "res.fault", r->fault, kind);
	check_eq(file, line, "res.esr", r->esr, esr);
	if (has_level(kind))
		check_eq(file, line, "res.level", (uint64_t)(int64_t)r->level, (uint64_t)(int64_t)level);
	if (far != NO_FAR)
		check_eq(file, line, "res.va (FAR)", r->va, far);
	check_eq(file, line, "res.injected", r->injected, (uint64_t)G.inject);
	expect_memory_untouched(file, line);

	memcpy(want, S.st.reg, sizeof want);
	if (G.inject) {
		want[NISV_ESR_EL1] = esr;
		/* no FAR for this fault: FAR_EL1 is UNKNOWN, any value will do */
		want[NISV_FAR_EL1] = far != NO_FAR ? far : G.st.reg[NISV_FAR_EL1];
		want[NISV_ELR_EL1] = S.st.reg[NISV_PC];
		want[NISV_SPSR_EL1] = S.st.reg[NISV_PSTATE];
		want[NISV_PSTATE] = entry_pstate(S.st.reg[NISV_PSTATE], S.st.reg[NISV_SCTLR_EL1], G.features);
		want[NISV_PC] = (S.st.reg[NISV_VBAR_EL1] & ~0x7ffull) + entry_vector(S.st.reg[NISV_PSTATE]);
	}
	expect_regs(file, line, want);
}

void expect_ok_regs(const char *file, int line, nisv_status st, uint64_t changed)
{
	char name[48];

	check_eq(file, line, "status", st, NISV_OK);
	check_eq(file, line, "PC", R(NISV_PC), S.st.reg[NISV_PC] + 4);
	for (unsigned n = 0; n < NISV_REG_COUNT; n++) {
		if (n == NISV_PC || (changed >> n & 1))
			continue;
		snprintf(name, sizeof name, "%s (unchanged)", reg_name(n));
		check_eq(file, line, name, G.st.reg[n], S.st.reg[n]);
	}
}

void expect_devcall(const char *file, int line, unsigned devno, unsigned i, int is_write, uint64_t off,
                    uint32_t len)
{
	const struct devcall *c = &G.dev[devno].log[i];
	char name[64];

	snprintf(name, sizeof name, "device %u call %u exists", devno, i);
	if (!check_eq(file, line, name, G.dev[devno].ncalls > i, 1))
		return;
	snprintf(name, sizeof name, "device %u call %u is a write", devno, i);
	check_eq(file, line, name, c->write, (uint64_t)is_write);
	snprintf(name, sizeof name, "device %u call %u offset", devno, i);
	check_eq(file, line, name, c->off, off);
	snprintf(name, sizeof name, "device %u call %u length", devno, i);
	check_eq(file, line, name, c->len, len);
}

uint64_t devcall_value(unsigned devno, unsigned i)
{
	const struct devcall *c = &G.dev[devno].log[i];
	uint64_t val = 0;

	for (unsigned k = 0; k < c->len && k < 8; k++)
		val |= (uint64_t)c->data[k] << (8 * k);
	return val;
}

void pred_elements(uint8_t *p, unsigned ebytes, unsigned mask)
{
	memset(p, 0, 32);
	for (unsigned e = 0; e < 32; e++)
		if (mask >> e & 1)
			p[e * ebytes / 8] |= (uint8_t)(1u << (e * ebytes % 8));
}
