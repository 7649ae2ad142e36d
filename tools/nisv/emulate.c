/*
 * nisv emulate: one instruction, from a state given on the command line,
 * through the trap path a hypervisor uses.
 *
 * Memory is a nisv_bus: --ram regions are RAM (host buffers), --dev regions
 * are devices whose callbacks log every access and behave as memory.
 * Registers live in a nisv_state (nisv_state_reg_ops); faults are taken
 * (NISV_FAULTS_INJECT) so an exception shows as register changes.
 *
 * The path (see nisv.1, "THE TRAP PATH"):
 *  1. a dry run of nisv_emulate() whose mem_ops.check refuses the first piece
 *     finds the access's first byte (IPA) and VA without performing anything;
 *  2. nisv_handle_abort() with ESR_EL2 = a data abort from a lower EL, ISV=0,
 *     WnR of the access, DFSC = translation fault level 3, that IPA, and FAR
 *     = the VA; its instruction fetch at PC returns WORD (and WORD is also
 *     stored in guest RAM there when a --ram region holds that address);
 *  3. nisv_emulate() instead ("direct") when there is no trap to take: a
 *     prefetch or DC GVA (no access), a fault the guest would take at stage 1
 *     before any stage 2 abort (alignment, translation, permission, SP
 *     alignment, trapped DC), a PC that cannot be fetched, or --direct.
 *  DC maintenance instructions take the trap path with CM=1.
 */
#define _DEFAULT_SOURCE /* strdup, strtok_r, strcasecmp */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tool.h"

#define MAX_REGIONS 32
#define MAX_REGION_BYTES (16u << 20)
#define MAX_LOG 256
#define PT_BYTES (1u << 20)

enum { R_RAM, R_DEV, R_PT };

struct region {
	uint64_t base, size;
	int kind;
	uint8_t *bytes, *initial;
	uint32_t widths, policy;
	int device_memory; /* identity map: Device-nGnRnE */
};

struct access_log {
	int write;
	uint64_t addr;
	uint32_t size;
	uint8_t bytes[16];
};

struct machine {
	struct region r[MAX_REGIONS];
	unsigned n;
	nisv_region bus_regions[MAX_REGIONS];
	nisv_bus bus;
	struct access_log log[MAX_LOG];
	unsigned nlog, log_dropped;
	int logging;
	/* the run */
	uint32_t word;
	int dry;           /* dry run: check() records the first piece, refuses it */
	int dry_seen;
	uint64_t dry_ipa;
	unsigned dry_flags;
	int fetched;
	uint64_t fetch_ipa;
};

static struct machine M;

/* ---- memory -------------------------------------------------------------------- */

static struct region *find_region(uint64_t addr, uint64_t len)
{
	for (unsigned i = 0; i < M.n; i++) {
		struct region *r = &M.r[i];
		if (addr >= r->base && addr - r->base < r->size && len <= r->size - (addr - r->base))
			return r;
	}
	return NULL;
}

static void log_access(int write, uint64_t addr, const void *buf, uint32_t len)
{
	if (!M.logging)
		return;
	if (M.nlog == MAX_LOG) {
		M.log_dropped++;
		return;
	}
	M.log[M.nlog].write = write;
	M.log[M.nlog].addr = addr;
	M.log[M.nlog].size = len;
	memcpy(M.log[M.nlog].bytes, buf, len > 16 ? 16 : len);
	M.nlog++;
}

static int dev_read(void *dev, uint64_t offset, void *buf, uint32_t len)
{
	struct region *r = dev;
	memcpy(buf, r->bytes + offset, len);
	log_access(0, r->base + offset, buf, len);
	return 0;
}

static int dev_write(void *dev, uint64_t offset, const void *buf, uint32_t len)
{
	struct region *r = dev;
	memcpy(r->bytes + offset, buf, len);
	log_access(1, r->base + offset, buf, len);
	return 0;
}

static int m_read(void *ctx, uint64_t ipa, void *buf, uint32_t len, unsigned flags)
{
	if (flags & NISV_MEM_FETCH) {
		uint8_t w[4] = { (uint8_t)M.word, (uint8_t)(M.word >> 8), (uint8_t)(M.word >> 16), (uint8_t)(M.word >> 24) };
		struct region *r = find_region(ipa, 4);
		M.fetched = 1;
		M.fetch_ipa = ipa;
		if (r && r->kind == R_RAM) { /* the word is in guest RAM at PC */
			memcpy(r->bytes + (ipa - r->base), w, 4);
			memcpy(r->initial + (ipa - r->base), w, 4);
		}
		memcpy(buf, w, len < 4 ? len : 4);
		return 0;
	}
	return nisv_bus_mem_ops.read(ctx, ipa, buf, len, flags);
}

static int m_write(void *ctx, uint64_t ipa, const void *buf, uint32_t len, unsigned flags)
{
	return nisv_bus_mem_ops.write(ctx, ipa, buf, len, flags);
}

static void m_lock(void *ctx)
{
	nisv_bus_mem_ops.lock(ctx);
}

static void m_unlock(void *ctx)
{
	nisv_bus_mem_ops.unlock(ctx);
}

static int m_cas64(void *ctx, uint64_t ipa, uint64_t *expected, uint64_t desired)
{
	return nisv_bus_mem_ops.cas64(ctx, ipa, expected, desired);
}

static int m_check(void *ctx, uint64_t ipa, uint32_t len, unsigned flags, uint64_t access_ipa)
{
	if (M.dry) {
		if (!M.dry_seen) {
			M.dry_seen = 1;
			M.dry_ipa = ipa;
			M.dry_flags = flags;
		}
		return NISV_FAULT_EXTERNAL; /* refuse: nothing is performed */
	}
	return nisv_bus_mem_ops.check(ctx, ipa, len, flags, access_ipa);
}

static const nisv_mem_ops tool_mem_ops = {
	.read = m_read,
	.write = m_write,
	.lock = m_lock,
	.unlock = m_unlock,
	.cas64 = m_cas64,
	.check = m_check,
};

/* ---- arguments ------------------------------------------------------------------- */

static struct region *new_region(uint64_t base, uint64_t size, int kind, const char *spec)
{
	struct region *r;

	if (M.n == MAX_REGIONS) {
		usage_error("too many memory regions (at most 32)", spec);
		return NULL;
	}
	if (!size || size > MAX_REGION_BYTES) {
		usage_error("region size must be 1 byte to 16 MiB", spec);
		return NULL;
	}
	if (base + size - 1 < base) {
		usage_error("region wraps around the 64-bit address space", spec);
		return NULL;
	}
	for (unsigned i = 0; i < M.n; i++)
		if (base < M.r[i].base + M.r[i].size && M.r[i].base < base + size) {
			usage_error("region overlaps another one", spec);
			return NULL;
		}
	r = &M.r[M.n];
	*r = (struct region){ .base = base, .size = size, .kind = kind };
	r->bytes = calloc(1, (size_t)size);
	r->initial = calloc(1, (size_t)size);
	if (!r->bytes || !r->initial) {
		fprintf(stderr, "nisv: out of memory\n");
		return NULL;
	}
	M.n++;
	return r;
}

/* ADDR=HEX | ADDR:SIZE[=HEX] (RAM); ADDR:SIZE[=HEX][,opts] (device) */
static int add_region(const char *spec, int device)
{
	char buf[64], *opts = NULL;
	const char *comma = strchr(spec, ',');
	const char *eq = strchr(spec, '=');
	const char *colon = strchr(spec, ':');
	uint64_t base, size = 0;
	size_t hexlen = 0, nbytes = 0;
	uint8_t *hex = NULL;
	struct region *r;
	uint32_t widths = 0, policy = NISV_DEV_EXCLUSIVE | NISV_DEV_ATOMIC;

	if (comma && eq && eq > comma)
		eq = NULL; /* an '=' in the options */
	if (comma && colon && colon > comma)
		colon = NULL;
	if (colon && eq && colon > eq)
		colon = NULL;
	{
		const char *end = colon ? colon : eq ? eq : spec + strlen(spec);
		if ((size_t)(end - spec) >= sizeof(buf))
			return usage_error("malformed address", spec);
		memcpy(buf, spec, (size_t)(end - spec));
		buf[end - spec] = 0;
		if (parse_u64(buf, &base))
			return usage_error(device ? "--dev: malformed address (want ADDR:SIZE[=HEXBYTES])"
			                          : "--ram: malformed address (want ADDR=HEXBYTES or ADDR:SIZE[=HEXBYTES])",
			                   spec);
	}
	if (colon) {
		const char *end = eq ? eq : colon + strcspn(colon, ",");
		if ((size_t)(end - colon - 1) >= sizeof(buf))
			return usage_error("malformed size", spec);
		memcpy(buf, colon + 1, (size_t)(end - colon - 1));
		buf[end - colon - 1] = 0;
		if (parse_u64(buf, &size))
			return usage_error("malformed region size", spec);
		if (!eq && *end == ',')
			opts = (char *)end;
	} else if (device) {
		return usage_error("--dev needs ADDR:SIZE[=HEXBYTES]", spec);
	} else if (!eq) {
		return usage_error("--ram needs ADDR=HEXBYTES or ADDR:SIZE[=HEXBYTES]", spec);
	}
	if (eq) {
		char *hexcopy = strdup(eq + 1);
		if (!hexcopy)
			return EXIT_INTERNAL;
		char *comma = strchr(hexcopy, ',');
		if (comma) {
			opts = (char *)eq + 1 + (comma - hexcopy);
			*comma = 0;
		}
		hexlen = strlen(hexcopy) / 2 + 1;
		hex = malloc(hexlen);
		if (!hex || parse_hex_bytes(hexcopy, hex, hexlen, &nbytes)) {
			free(hexcopy);
			free(hex);
			return usage_error("malformed hex bytes (two hex digits per byte, memory order)", spec);
		}
		free(hexcopy);
		if (!colon)
			size = nbytes;
		if (nbytes > size) {
			free(hex);
			return usage_error("more bytes than the region size", spec);
		}
	}
	if (opts) {
		if (!device) {
			free(hex);
			return usage_error("--ram takes no options", spec);
		}
		char *copy = strdup(opts + 1), *save = NULL;
		if (!copy)
			return EXIT_INTERNAL;
		for (char *o = strtok_r(copy, ",", &save); o; o = strtok_r(NULL, ",", &save)) {
			if (!strcmp(o, "noexcl")) {
				policy &= ~(uint32_t)NISV_DEV_EXCLUSIVE;
			} else if (!strcmp(o, "noatomic")) {
				policy &= ~(uint32_t)NISV_DEV_ATOMIC;
			} else if (!strncmp(o, "widths=", 7)) {
				char *save2 = NULL;
				for (char *wv = strtok_r(o + 7, "+", &save2); wv; wv = strtok_r(NULL, "+", &save2)) {
					uint64_t v;
					if (parse_u64(wv, &v) || !v || v > 16 || (v & (v - 1))) {
						free(copy);
						free(hex);
						return usage_error("--dev widths: 1, 2, 4, 8 or 16 joined by '+'", spec);
					}
					widths |= 1u << __builtin_ctzll(v);
				}
			} else {
				free(copy);
				free(hex);
				return usage_error("--dev: unknown option (noexcl, noatomic, widths=...)", spec);
			}
		}
		free(copy);
	}
	r = new_region(base, size, device ? R_DEV : R_RAM, spec);
	if (!r) {
		free(hex);
		return EXIT_USAGE;
	}
	r->widths = widths;
	r->policy = policy;
	if (nbytes)
		memcpy(r->bytes, hex, nbytes);
	free(hex);
	return 0;
}

static const struct {
	const char *name;
	unsigned reg;
} sysregs[] = {
	{ "sp_el0", NISV_SP_EL0 },       { "sp_el1", NISV_SP_EL1 },       { "pc", NISV_PC },
	{ "pstate", NISV_PSTATE },       { "cpsr", NISV_PSTATE },         { "sctlr_el1", NISV_SCTLR_EL1 },
	{ "tcr_el1", NISV_TCR_EL1 },     { "ttbr0_el1", NISV_TTBR0_EL1 }, { "ttbr1_el1", NISV_TTBR1_EL1 },
	{ "mair_el1", NISV_MAIR_EL1 },   { "vbar_el1", NISV_VBAR_EL1 },   { "esr_el1", NISV_ESR_EL1 },
	{ "far_el1", NISV_FAR_EL1 },     { "elr_el1", NISV_ELR_EL1 },     { "spsr_el1", NISV_SPSR_EL1 },
	{ "dczid_el0", NISV_DCZID_EL0 },
};

static const char *reg_name(unsigned reg, char *buf, size_t n)
{
	for (size_t i = 0; i < sizeof(sysregs) / sizeof(sysregs[0]); i++)
		if (sysregs[i].reg == reg && strcmp(sysregs[i].name, "cpsr")) {
			snprintf(buf, n, "%s", sysregs[i].name);
			return buf;
		}
	snprintf(buf, n, "x%u", reg);
	return buf;
}

static int parse_v128(const char *s, nisv_v128 *v)
{
	uint8_t b[16];
	size_t n, len;
	const char *p = s;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	len = strlen(p);
	if (!len || len > 32 || strspn(p, "0123456789abcdefABCDEF") != len)
		return -1;
	char padded[40] = "";
	memset(padded, '0', 32 - len);
	memcpy(padded + 32 - len, p, len + 1);
	if (parse_hex_bytes(padded, b, 16, &n) || n != 16)
		return -1;
	v->hi = v->lo = 0;
	for (int i = 0; i < 8; i++) {
		v->hi = v->hi << 8 | b[i];
		v->lo = v->lo << 8 | b[8 + i];
	}
	return 0;
}

struct opts {
	int json, direct, report, identity, identity_device;
	uint32_t features;
	unsigned pa_bits;
	uint64_t set_mask; /* registers given with --set */
	int sp_current;
	uint64_t sp_value;
};

static int set_reg(nisv_state *st, struct opts *o, const char *spec)
{
	char name[32];
	const char *eq = strchr(spec, '=');
	unsigned n;
	char extra;
	uint64_t val;

	if (!eq || eq == spec || (size_t)(eq - spec) >= sizeof(name))
		return usage_error("--set needs REG=VALUE", spec);
	memcpy(name, spec, (size_t)(eq - spec));
	name[eq - spec] = 0;
	for (char *c = name; *c; c++)
		*c = (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
	if ((name[0] == 'v' || name[0] == 'q') && sscanf(name + 1, "%u%c", &n, &extra) == 1 && n < 32 &&
	    name[1] >= '0' && name[1] <= '9') {
		if (parse_v128(eq + 1, &st->v[n]))
			return usage_error("not a 128-bit hex value", spec);
		return 0;
	}
	if (parse_u64(eq + 1, &val))
		return usage_error("not a 64-bit number", spec);
	if ((name[0] == 'x' || name[0] == 'w') && name[1] >= '0' && name[1] <= '9' &&
	    sscanf(name + 1, "%u%c", &n, &extra) == 1 && n < 31) {
		if (name[0] == 'w' && val > 0xffffffffu)
			return usage_error("a W register holds 32 bits", spec);
		st->reg[n] = val;
		o->set_mask |= 1ull << n;
		return 0;
	}
	if (!strcmp(name, "nzcv")) {
		if (val <= 0xf)
			val <<= 28;
		if (val & ~0xf0000000ull)
			return usage_error("nzcv is 4 bits (0-15, or bits 31:28)", spec);
		st->reg[NISV_PSTATE] = (st->reg[NISV_PSTATE] & ~0xf0000000ull) | val;
		return 0;
	}
	if (!strcmp(name, "sp")) {
		o->sp_current = 1;
		o->sp_value = val;
		return 0;
	}
	for (size_t i = 0; i < sizeof(sysregs) / sizeof(sysregs[0]); i++)
		if (!strcmp(name, sysregs[i].name)) {
			/* pstate without N, Z, C, V keeps the flags a --set nzcv gave */
			if (sysregs[i].reg == NISV_PSTATE && !(val & 0xf0000000ull))
				val |= st->reg[NISV_PSTATE] & 0xf0000000ull;
			st->reg[sysregs[i].reg] = val;
			o->set_mask |= 1ull << sysregs[i].reg;
			return 0;
		}
	return usage_error("unknown register (x0-x30, w0-w30, sp, sp_el0, sp_el1, pc, pstate, nzcv, v0-v31, "
	                   "sctlr_el1, tcr_el1, ttbr0_el1, ttbr1_el1, mair_el1, vbar_el1, esr_el1, far_el1, "
	                   "elr_el1, spsr_el1, dczid_el0)",
	                   spec);
}

/* ---- --identity-map ---------------------------------------------------------------- */

struct pt {
	struct region *r;
	unsigned used; /* pages */
};

static uint64_t pt_alloc(struct pt *t)
{
	if ((uint64_t)(t->used + 1) * 4096 > t->r->size)
		return 0;
	return t->r->base + 4096ull * t->used++;
}

static uint64_t pt_get(struct pt *t, uint64_t addr)
{
	uint64_t d = 0;
	memcpy(&d, t->r->bytes + (addr - t->r->base), 8);
	return d;
}

static void pt_set(struct pt *t, uint64_t addr, uint64_t d)
{
	memcpy(t->r->bytes + (addr - t->r->base), &d, 8);
}

/* Map the 4K page at va (== pa); attr: MAIR index; ap: AP[2:1]. */
static int pt_map(struct pt *t, uint64_t root, uint64_t va, unsigned attr, unsigned ap)
{
	uint64_t table = root;

	for (int level = 0; level < 3; level++) {
		unsigned shift = 39 - 9 * (unsigned)level;
		uint64_t slot = table + ((va >> shift) & 511) * 8, d = pt_get(t, slot);
		if (!(d & 1)) {
			uint64_t next = pt_alloc(t);
			if (!next)
				return -1;
			d = next | 3;
			pt_set(t, slot, d);
		}
		table = d & 0x0000fffffffff000ull;
	}
	uint64_t slot = table + ((va >> 12) & 511) * 8;
	uint64_t page = (va & 0x0000fffffffff000ull) | 3 | (uint64_t)attr << 2 | (uint64_t)ap << 6 | 3ull << 8 |
	                1ull << 10;
	pt_set(t, slot, page);
	return 0;
}

static int identity_map(nisv_state *st, struct opts *o)
{
	unsigned pa = o->pa_bits ? o->pa_bits : 48;
	uint64_t top = pa >= 48 ? 1ull << 48 : 1ull << pa, base = top - PT_BYTES;
	struct pt t;
	unsigned el = (unsigned)(st->reg[NISV_PSTATE] >> 2) & 3;
	uint64_t pc = st->reg[NISV_PC];

	/* the tables: the highest free 1 MiB below the physical address size */
	for (;; base -= PT_BYTES) {
		int clash = 0;
		for (unsigned i = 0; i < M.n; i++)
			clash |= base < M.r[i].base + M.r[i].size && M.r[i].base < base + PT_BYTES;
		if (!clash)
			break;
		if (base < PT_BYTES)
			return usage_error("--identity-map: no free space for the page tables", NULL);
	}
	if (o->set_mask & (1ull << NISV_TTBR0_EL1))
		return usage_error("--identity-map sets ttbr0_el1 itself; do not --set it", NULL);
	unsigned nuser = M.n;
	t.r = new_region(base, PT_BYTES, R_PT, "--identity-map");
	if (!t.r)
		return EXIT_USAGE;
	t.used = 0;
	uint64_t root = pt_alloc(&t);
	for (unsigned i = 0; i < nuser; i++) {
		struct region *r = &M.r[i];
		unsigned attr = r->kind == R_DEV && o->identity_device ? 1 : 0;
		for (uint64_t p = r->base & ~4095ull; p < r->base + r->size && p >= (r->base & ~4095ull); p += 4096) {
			if (p >> 48)
				return usage_error("--identity-map: region above the 48-bit VA range", NULL);
			/* the page of PC at EL1 must not be EL0-writable to be executable */
			unsigned ap = (el == 1 && (p >> 12) == (pc >> 12)) ? 0 : 1;
			if (pt_map(&t, root, p, attr, ap))
				return usage_error("--identity-map: too many pages to map", NULL);
		}
	}
	if (!(pc >> 48) && pt_map(&t, root, pc & ~4095ull, 0, el == 1 ? 0 : 1) == 0) {
		/* PC's page (the fetch returns WORD even where no region is) */
	}
	memcpy(t.r->initial, t.r->bytes, (size_t)t.r->size);
	st->reg[NISV_TTBR0_EL1] = root;
	if (!(o->set_mask & (1ull << NISV_TCR_EL1)))
		/* T0SZ=16, IRGN0/ORGN0 WB, SH0 inner, TG0 4K, T1SZ=16, EPD1, IPS 48-bit */
		st->reg[NISV_TCR_EL1] = 0x10 | 1u << 8 | 1u << 10 | 3u << 12 | 0x10u << 16 | 1u << 23 | 5ull << 32;
	if (!(o->set_mask & (1ull << NISV_MAIR_EL1)))
		st->reg[NISV_MAIR_EL1] = 0x00ff; /* Attr0 Normal WB, Attr1 Device-nGnRnE */
	st->reg[NISV_SCTLR_EL1] |= 1; /* M */
	return 0;
}

/* ---- output --------------------------------------------------------------------- */

static const char *fault_name(unsigned k)
{
	static const char *const names[] = { "none", "alignment", "external", "unsupported-exclusive-atomic",
		                             "undefined", "sp-alignment", "address-size", "translation",
		                             "access-flag", "permission", "walk-external", "sys-trap" };
	return k < sizeof(names) / sizeof(names[0]) ? names[k] : "?";
}

static void hex_le(char *out, const uint8_t *b, uint32_t len)
{
	/* the piece as a little-endian number, most significant byte first */
	out[0] = '0';
	out[1] = 'x';
	for (uint32_t k = 0; k < len; k++)
		sprintf(out + 2 + 2 * k, "%02x", b[len - 1 - k]);
	if (!len)
		out[2] = 0;
}

struct run {
	nisv_state before, after;
	nisv_result res;
	int trap;
	uint64_t esr_el2, ipa, far;
	int far_valid;
	const char *why_direct;
};

static void print_text(const struct run *u, const struct opts *o)
{
	char text[128], name[16], val[40], summary[256];

	(void)o;
	format_insn(&u->res.insn, u->before.reg[NISV_PC], text, sizeof(text));
	if (u->res.insn.op == NISV_OP_NONE) {
		nisv_insn d;
		nisv_decode(M.word, &d);
		format_insn(&d, u->before.reg[NISV_PC], text, sizeof(text));
	}
	printf("insn      %08x  %s\n", M.word, text);
	if (u->trap)
		printf("path      nisv_handle_abort: ESR_EL2 0x%08llx (ISV=0%s), IPA 0x%llx, FAR %s0x%llx\n",
		       (unsigned long long)u->esr_el2, u->esr_el2 & (1u << 8) ? ", CM=1" : "",
		       (unsigned long long)u->ipa, u->far_valid ? "" : "(not given) ", (unsigned long long)u->far);
	else
		printf("path      nisv_emulate (%s)\n", u->why_direct);
	printf("status    %s\n", nisv_status_name(u->res.status));
	for (unsigned i = 0; i < M.nlog; i++) {
		hex_le(val, M.log[i].bytes, M.log[i].size);
		printf("device    %-5s 0x%llx size %u value %s\n", M.log[i].write ? "write" : "read",
		       (unsigned long long)M.log[i].addr, M.log[i].size, val);
	}
	if (M.log_dropped)
		printf("device    (%u more accesses not shown)\n", M.log_dropped);
	for (unsigned r = 0; r < NISV_REG_COUNT; r++)
		if (u->before.reg[r] != u->after.reg[r])
			printf("reg       %-9s = 0x%016llx\n", reg_name(r, name, sizeof(name)),
			       (unsigned long long)u->after.reg[r]);
	for (unsigned n = 0; n < 32; n++)
		if (u->before.v[n].lo != u->after.v[n].lo || u->before.v[n].hi != u->after.v[n].hi)
			printf("reg       v%-8u = 0x%016llx%016llx\n", n, (unsigned long long)u->after.v[n].hi,
			       (unsigned long long)u->after.v[n].lo);
	for (unsigned i = 0; i < M.n; i++) {
		const struct region *r = &M.r[i];
		for (uint64_t k = 0; k < r->size;) {
			if (r->bytes[k] == r->initial[k]) {
				k++;
				continue;
			}
			printf("%-9s 0x%llx:", r->kind == R_DEV ? "dev" : r->kind == R_RAM ? "ram" : "pagetable",
			       (unsigned long long)(r->base + k));
			while (k < r->size && r->bytes[k] != r->initial[k])
				printf(" %02x", r->bytes[k++]);
			printf("\n");
		}
	}
	if (u->res.status == NISV_FAULT) {
		printf("exception %s: ESR_EL1 0x%08llx (%s)", fault_name(u->res.fault), (unsigned long long)u->res.esr,
		       esr_summary(u->res.esr, summary, sizeof(summary)));
		if (u->res.injected && u->after.reg[NISV_FAR_EL1] != u->before.reg[NISV_FAR_EL1])
			printf(", FAR_EL1 0x%llx, vector 0x%llx\n", (unsigned long long)u->after.reg[NISV_FAR_EL1],
			       (unsigned long long)u->after.reg[NISV_PC]);
		else if (u->res.injected)
			printf(", FAR_EL1 not written, vector 0x%llx\n", (unsigned long long)u->after.reg[NISV_PC]);
		else
			printf(", FAR 0x%llx (reported, not taken)\n", (unsigned long long)u->res.va);
	}
}

static void print_json(const struct run *u)
{
	char text[128], name[16], val[40], summary[256];
	nisv_insn d;

	nisv_decode(M.word, &d);
	format_insn(&d, u->before.reg[NISV_PC], text, sizeof(text));
	json_begin_object(NULL);
	json_hex("word", M.word);
	json_str("text", text);
	json_str("path", u->trap ? "trap" : "direct");
	if (u->trap) {
		json_hex("esr_el2", u->esr_el2);
		json_hex("ipa", u->ipa);
		if (u->far_valid)
			json_hex("far", u->far);
	} else {
		json_str("direct_reason", u->why_direct);
	}
	json_str("status", nisv_status_name(u->res.status));
	json_begin_array("device_accesses");
	for (unsigned i = 0; i < M.nlog; i++) {
		hex_le(val, M.log[i].bytes, M.log[i].size);
		json_begin_object(NULL);
		json_str("dir", M.log[i].write ? "write" : "read");
		json_hex("addr", M.log[i].addr);
		json_u64("size", M.log[i].size);
		json_str("value", val);
		json_end_object();
	}
	json_end_array();
	json_begin_object("registers");
	for (unsigned r = 0; r < NISV_REG_COUNT; r++)
		if (u->before.reg[r] != u->after.reg[r])
			json_hex(reg_name(r, name, sizeof(name)), u->after.reg[r]);
	for (unsigned n = 0; n < 32; n++)
		if (u->before.v[n].lo != u->after.v[n].lo || u->before.v[n].hi != u->after.v[n].hi) {
			snprintf(name, sizeof(name), "v%u", n);
			snprintf(val, sizeof(val), "0x%016llx%016llx", (unsigned long long)u->after.v[n].hi,
			         (unsigned long long)u->after.v[n].lo);
			json_str(name, val);
		}
	json_end_object();
	json_begin_array("memory");
	for (unsigned i = 0; i < M.n; i++) {
		const struct region *r = &M.r[i];
		for (uint64_t k = 0; k < r->size;) {
			if (r->bytes[k] == r->initial[k]) {
				k++;
				continue;
			}
			uint64_t start = k;
			while (k < r->size && r->bytes[k] != r->initial[k])
				k++;
			char *hex = malloc((size_t)(k - start) * 2 + 1);
			if (!hex)
				break;
			for (uint64_t j = start; j < k; j++)
				sprintf(hex + 2 * (j - start), "%02x", r->bytes[j]);
			json_begin_object(NULL);
			json_str("kind", r->kind == R_DEV ? "dev" : r->kind == R_RAM ? "ram" : "pagetable");
			json_hex("addr", r->base + start);
			json_str("bytes", hex);
			json_end_object();
			free(hex);
		}
	}
	json_end_array();
	if (u->res.status == NISV_FAULT) {
		json_begin_object("exception");
		json_str("kind", fault_name(u->res.fault));
		json_hex("esr", u->res.esr);
		json_str("class", esr_summary(u->res.esr, summary, sizeof(summary)));
		json_bool("taken", u->res.injected);
		if (!u->res.injected)
			json_hex("far", u->res.va);
		else if (u->after.reg[NISV_FAR_EL1] != u->before.reg[NISV_FAR_EL1])
			json_hex("far", u->after.reg[NISV_FAR_EL1]);
		else
			json_null("far");
		if (u->res.injected)
			json_hex("vector", u->after.reg[NISV_PC]);
		json_end_object();
	} else {
		json_null("exception");
	}
	json_end_object();
	json_done();
}

/* ---- the command ---------------------------------------------------------------- */

static void build_bus(void)
{
	for (unsigned i = 0; i < M.n; i++) {
		struct region *r = &M.r[i];
		nisv_region *b = &M.bus_regions[i];
		*b = (nisv_region){ .base = r->base, .size = r->size };
		if (r->kind == R_DEV) {
			b->read = dev_read;
			b->write = dev_write;
			b->dev = r;
			b->widths = r->widths;
			b->policy = r->policy;
		} else {
			b->ram = r->bytes;
		}
	}
	M.bus = (nisv_bus){ .regions = M.bus_regions, .count = M.n };
}

static void vcpu_setup(nisv_vcpu *v, nisv_state *st, const struct opts *o, int inject)
{
	nisv_vcpu_init(v, &nisv_state_reg_ops, st, &tool_mem_ops, &M.bus);
	nisv_vcpu_set_features(v, o->features);
	if (o->pa_bits)
		nisv_vcpu_set_pa_bits(v, o->pa_bits);
	nisv_vcpu_set_fault_mode(v, inject ? NISV_FAULTS_INJECT : NISV_FAULTS_REPORT);
}

int cmd_emulate(int argc, char **argv)
{
	static nisv_state st;
	static struct run u;
	struct opts o = { 0 };
	nisv_vcpu vcpu;
	int err, have_word = 0;

	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--json")) {
			o.json = 1;
		} else if (!strcmp(a, "--direct")) {
			o.direct = 1;
		} else if (!strcmp(a, "--report")) {
			o.report = 1;
		} else if (!strcmp(a, "--identity-map")) {
			o.identity = 1;
		} else if (!strcmp(a, "--identity-map=device")) {
			o.identity = o.identity_device = 1;
		} else if (!strcmp(a, "--identity-map=normal")) {
			o.identity = 1;
		} else if (!strcmp(a, "--set") || !strcmp(a, "--ram") || !strcmp(a, "--dev") || !strcmp(a, "--feature") ||
		           !strcmp(a, "--pa-bits")) {
			if (!val)
				return usage_error("option needs a value", a);
			i++;
			if (!strcmp(a, "--set"))
				err = set_reg(&st, &o, val);
			else if (!strcmp(a, "--ram"))
				err = add_region(val, 0);
			else if (!strcmp(a, "--dev"))
				err = add_region(val, 1);
			else if (!strcmp(a, "--pa-bits")) {
				uint64_t b;
				err = parse_u64(val, &b) || b < 32 || b > 52 ? usage_error("--pa-bits: 32 to 52", val) : 0;
				o.pa_bits = (unsigned)b;
			} else {
				static const struct {
					const char *name;
					uint32_t bit;
				} feats[] = { { "lse2", NISV_FEAT_LSE2 }, { "lpa", NISV_FEAT_LPA },
					      { "lpa2", NISV_FEAT_LPA2 }, { "lva", NISV_FEAT_LVA },
					      { "hafdbs", NISV_FEAT_HAFDBS }, { "mte", NISV_FEAT_MTE } };
				err = usage_error("unknown feature (lse2, lpa, lpa2, lva, hafdbs, mte)", val);
				for (size_t k = 0; k < sizeof(feats) / sizeof(feats[0]); k++)
					if (!strcasecmp(val, feats[k].name)) {
						o.features |= feats[k].bit;
						err = 0;
					}
				if (err)
					return err;
			}
			if (err)
				return err;
		} else if (a[0] == '-' && a[1] == '-') {
			return usage_error("emulate: unknown option", a);
		} else if (!have_word) {
			if (parse_word(a, &M.word))
				return usage_error("not a 32-bit hex instruction word", a);
			have_word = 1;
		} else {
			return usage_error("emulate takes one instruction word; extra argument", a);
		}
	}
	if (!have_word)
		return usage_error("emulate needs an instruction word (e.g. nisv emulate b8004548 --set x10=0x9000000 ...)",
		                   NULL);
	if (o.sp_current) {
		uint64_t p = st.reg[NISV_PSTATE];
		st.reg[((p >> 2) & 3) && (p & 1) ? NISV_SP_EL1 : NISV_SP_EL0] = o.sp_value;
	}
	if (o.identity && (err = identity_map(&st, &o)) != 0)
		return err;
	for (unsigned i = 0; i < M.n; i++)
		memcpy(M.r[i].initial, M.r[i].bytes, (size_t)M.r[i].size);
	build_bus();

	/* 1. the dry run: which IPA does the access start at? */
	nisv_state dry_state = st;
	nisv_result dry;
	vcpu_setup(&vcpu, &dry_state, &o, 0);
	M.dry = 1;
	nisv_emulate(&vcpu, M.word, &dry);
	M.dry = 0;

	u.before = st;
	u.trap = 0;
	if (o.direct) {
		u.why_direct = "--direct";
	} else if (dry.status == NISV_UNSUPPORTED && dry.insn.op == NISV_OP_NONE) {
		/* not a memory instruction: the trap path fetches it and refuses it */
		u.trap = 1;
		u.esr_el2 = 0x24ull << 26 | 1u << 25 | 0x07;
		u.ipa = 0;
	} else if (dry.status == NISV_FAULT && M.dry_seen) {
		u.trap = 1;
		u.esr_el2 = 0x24ull << 26 | 1u << 25 | (M.dry_flags & NISV_MEM_WRITE ? 1u << 6 : 0) | 0x07;
		u.ipa = M.dry_ipa;
		u.far = dry.va;
		u.far_valid = 1;
	} else if (dry.status == NISV_OK && dry.insn.op == NISV_OP_DC_MAINT) {
		u.trap = 1;
		u.esr_el2 = 0x24ull << 26 | 1u << 25 | 1u << 8 | 1u << 6 | 0x07;
		u.ipa = 0;
		u.far = dry.va;
		u.far_valid = 1;
	} else if (dry.status == NISV_OK) {
		u.why_direct = "no data access: nothing can trap";
	} else if (dry.status == NISV_FAULT) {
		u.why_direct = "the guest takes this fault at stage 1, before any stage 2 trap";
	} else {
		u.why_direct = "the dry run did not reach an access";
	}

	M.logging = 1;
	if (u.trap) {
		nisv_abort ab = { .esr = u.esr_el2, .ipa = u.ipa, .far = u.far,
			          .flags = u.far_valid ? NISV_ABORT_FAR_VALID : 0 };
		vcpu_setup(&vcpu, &st, &o, !o.report);
		M.fetched = 0;
		nisv_handle_abort(&vcpu, &ab, &u.res);
		if (u.res.status == NISV_FAULT && !M.fetched && !(u.esr_el2 & (1u << 8))) {
			/* the PC could not be fetched: no trap could have happened there */
			st = u.before;
			M.nlog = 0;
			u.trap = 0;
			u.why_direct = "PC cannot be fetched through stage 1";
		}
	}
	if (!u.trap) {
		vcpu_setup(&vcpu, &st, &o, !o.report);
		nisv_emulate(&vcpu, M.word, &u.res);
	}
	u.after = st;
	if (o.json)
		print_json(&u);
	else
		print_text(&u, &o);
	return u.res.status == NISV_OK ? EXIT_DONE : EXIT_NOT_DONE;
}
