/*
 * nisv — the command-line tool.
 *   nisv decode WORD...            (or one word a line on stdin)
 *   nisv emulate WORD [--set REG=VALUE]... [--ram ADDR=HEX]... [--dev ADDR:SIZE[=HEX]]...
 * Exit codes: 0 success, 1 the instruction did not emulate (status printed),
 * 2 malformed arguments.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <nisv.h>
#include "format.h"

#define MAX_REGIONS 16
#define MAX_REGION_BYTES 65536

struct region {
	uint64_t base;
	uint32_t size;
	int device;
	uint8_t *bytes, *initial;
};

struct machine {
	struct region r[MAX_REGIONS];
	unsigned n;
};

static void usage(FILE *f)
{
	fprintf(f,
	        "usage: nisv decode WORD...         decode A64 words (hex); none: read stdin\n"
	        "       nisv emulate WORD [options] emulate one instruction (MMU off)\n"
	        "options for emulate:\n"
	        "  --set REG=VALUE       x0-x30, sp_el0, sp_el1, pc, pstate, sctlr_el1, tcr_el1,\n"
	        "                        ttbr0_el1, ttbr1_el1, mair_el1, vbar_el1, dczid_el0, v0-v31\n"
	        "  --ram ADDR=HEXBYTES   guest RAM at a guest-physical address\n"
	        "  --dev ADDR:SIZE[=HEX] an emulated device region; its accesses are logged\n"
	        "exit: 0 done, 1 not emulated (status printed), 2 bad arguments\n");
}

static int die(const char *msg, const char *arg)
{
	fprintf(stderr, "nisv: %s: %s\n", msg, arg);
	return 2;
}

static int parse_u64(const char *s, uint64_t *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	return errno || end == s || *end ? -1 : 0;
}

static int parse_word(const char *s, uint32_t *w)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 16);
	if (errno || end == s || *end || v > 0xffffffffull)
		return -1;
	*w = (uint32_t)v;
	return 0;
}

static void print_decode(uint32_t w)
{
	nisv_insn d;
	char text[96], acc[160];

	nisv_decode(w, &d);
	format_insn(&d, text, sizeof(text));
	format_access(&d, acc, sizeof(acc));
	printf("%08x  %-40s %s\n", w, text, acc);
}

static int cmd_decode(int argc, char **argv)
{
	uint32_t w;
	char line[128];

	for (int i = 0; i < argc; i++) {
		if (parse_word(argv[i], &w))
			return die("not a 32-bit hex word", argv[i]);
		print_decode(w);
	}
	if (argc)
		return 0;
	while (fgets(line, sizeof(line), stdin)) {
		line[strcspn(line, " \t\r\n")] = 0;
		if (!*line)
			continue;
		if (parse_word(line, &w))
			return die("not a 32-bit hex word", line);
		print_decode(w);
	}
	return 0;
}

/* ---- emulate: memory ----------------------------------------------------- */

static struct region *find(struct machine *m, uint64_t ipa, uint32_t len)
{
	for (unsigned i = 0; i < m->n; i++) {
		struct region *r = &m->r[i];
		if (ipa >= r->base && ipa - r->base < r->size && len <= r->size - (ipa - r->base))
			return r;
	}
	return NULL;
}

static void log_access(const char *dir, uint64_t ipa, const uint8_t *b, uint32_t len)
{
	printf("device %s 0x%llx size %u value 0x", dir, (unsigned long long)ipa, len);
	for (uint32_t k = len; k-- > 0;)
		printf("%02x", b[k]);
	printf("\n");
}

static int mem_read(void *ctx, uint64_t ipa, void *buf, uint32_t len, unsigned flags)
{
	struct region *r = find(ctx, ipa, len);

	(void)flags;
	if (!r)
		return -1;
	memcpy(buf, r->bytes + (ipa - r->base), len);
	if (r->device)
		log_access("read ", ipa, buf, len);
	return 0;
}

static int mem_write(void *ctx, uint64_t ipa, const void *buf, uint32_t len, unsigned flags)
{
	struct region *r = find(ctx, ipa, len);

	(void)flags;
	if (!r)
		return -1;
	memcpy(r->bytes + (ipa - r->base), buf, len);
	if (r->device)
		log_access("write", ipa, buf, len);
	return 0;
}

static int parse_hex_bytes(const char *s, uint8_t *out, uint32_t max, uint32_t *n)
{
	size_t len = strlen(s);

	if (len % 2 || len / 2 > max)
		return -1;
	for (size_t i = 0; i < len; i += 2) {
		char pair[3] = { s[i], s[i + 1], 0 };
		char *end;
		out[i / 2] = (uint8_t)strtoul(pair, &end, 16);
		if (*end)
			return -1;
	}
	*n = (uint32_t)(len / 2);
	return 0;
}

static int add_region(struct machine *m, const char *spec, int device)
{
	char buf[256], *eq, *colon;
	uint64_t base, size = 0;
	uint32_t nbytes = 0;
	struct region *r;

	if (m->n == MAX_REGIONS || strlen(spec) >= sizeof(buf))
		return -1;
	strcpy(buf, spec);
	eq = strchr(buf, '=');
	if (eq)
		*eq++ = 0;
	colon = device ? strchr(buf, ':') : NULL;
	if (colon)
		*colon++ = 0;
	if (parse_u64(buf, &base) || (device && (!colon || parse_u64(colon, &size))) || (!device && !eq))
		return -1;
	r = &m->r[m->n];
	r->bytes = calloc(1, MAX_REGION_BYTES);
	r->initial = calloc(1, MAX_REGION_BYTES);
	if (!r->bytes || !r->initial)
		return -1;
	if (eq && parse_hex_bytes(eq, r->bytes, MAX_REGION_BYTES, &nbytes))
		return -1;
	if (!device)
		size = nbytes;
	if (!size || size > MAX_REGION_BYTES || nbytes > size || base + size < base)
		return -1;
	memcpy(r->initial, r->bytes, size);
	r->base = base;
	r->size = (uint32_t)size;
	r->device = device;
	m->n++;
	return 0;
}

/* ---- emulate: registers -------------------------------------------------- */

static const struct {
	const char *name;
	unsigned reg;
} reg_names[] = {
	{ "sp_el0", NISV_SP_EL0 }, { "sp_el1", NISV_SP_EL1 }, { "pc", NISV_PC },
	{ "pstate", NISV_PSTATE }, { "cpsr", NISV_PSTATE }, { "sctlr_el1", NISV_SCTLR_EL1 },
	{ "tcr_el1", NISV_TCR_EL1 }, { "ttbr0_el1", NISV_TTBR0_EL1 }, { "ttbr1_el1", NISV_TTBR1_EL1 },
	{ "mair_el1", NISV_MAIR_EL1 }, { "vbar_el1", NISV_VBAR_EL1 }, { "esr_el1", NISV_ESR_EL1 },
	{ "far_el1", NISV_FAR_EL1 }, { "elr_el1", NISV_ELR_EL1 }, { "spsr_el1", NISV_SPSR_EL1 },
	{ "dczid_el0", NISV_DCZID_EL0 },
};

static const char *reg_name(unsigned reg, char *buf, size_t n)
{
	for (size_t i = 0; i < sizeof(reg_names) / sizeof(reg_names[0]); i++)
		if (reg_names[i].reg == reg) {
			snprintf(buf, n, "%s", reg_names[i].name);
			return buf;
		}
	snprintf(buf, n, "x%u", reg);
	return buf;
}

static int parse_v128(const char *s, nisv_v128 *v)
{
	size_t len;
	char hi[17] = { 0 };

	if (!strncasecmp(s, "0x", 2))
		s += 2;
	len = strlen(s);
	if (!len || len > 32 || strspn(s, "0123456789abcdefABCDEF") != len)
		return -1;
	v->lo = strtoull(len > 16 ? s + len - 16 : s, NULL, 16);
	if (len > 16)
		memcpy(hi, s, len - 16);
	v->hi = len > 16 ? strtoull(hi, NULL, 16) : 0;
	return 0;
}

static int set_reg(nisv_state *st, const char *spec)
{
	char name[32];
	const char *eq = strchr(spec, '=');
	unsigned n;
	uint64_t val;

	if (!eq || (size_t)(eq - spec) >= sizeof(name))
		return -1;
	memcpy(name, spec, (size_t)(eq - spec));
	name[eq - spec] = 0;
	if ((name[0] == 'v' || name[0] == 'q') && sscanf(name + 1, "%u", &n) == 1 && n < 32)
		return parse_v128(eq + 1, &st->v[n]);
	if (parse_u64(eq + 1, &val))
		return -1;
	if ((name[0] == 'x' || name[0] == 'w') && sscanf(name + 1, "%u", &n) == 1 && n < 31) {
		st->reg[n] = val;
		return 0;
	}
	if (!strcasecmp(name, "nzcv")) {
		st->reg[NISV_PSTATE] = (st->reg[NISV_PSTATE] & ~0xf0000000ull) | (val & 0xf0000000ull);
		return 0;
	}
	for (size_t i = 0; i < sizeof(reg_names) / sizeof(reg_names[0]); i++)
		if (!strcasecmp(name, reg_names[i].name)) {
			st->reg[reg_names[i].reg] = val;
			return 0;
		}
	return -1;
}

static void print_changes(const nisv_state *before, const nisv_state *after, const struct machine *m)
{
	char name[16];

	for (unsigned r = 0; r < NISV_REG_COUNT; r++)
		if (before->reg[r] != after->reg[r])
			printf("reg %s = 0x%016llx\n", reg_name(r, name, sizeof(name)),
			       (unsigned long long)after->reg[r]);
	for (unsigned n = 0; n < 32; n++)
		if (before->v[n].lo != after->v[n].lo || before->v[n].hi != after->v[n].hi)
			printf("reg v%u = 0x%016llx%016llx\n", n, (unsigned long long)after->v[n].hi,
			       (unsigned long long)after->v[n].lo);
	for (unsigned i = 0; i < m->n; i++) {
		const struct region *r = &m->r[i];
		uint32_t k = 0;
		while (k < r->size) {
			if (r->bytes[k] == r->initial[k]) {
				k++;
				continue;
			}
			printf("%s 0x%llx:", r->device ? "dev" : "ram", (unsigned long long)(r->base + k));
			while (k < r->size && r->bytes[k] != r->initial[k])
				printf(" %02x", r->bytes[k++]);
			printf("\n");
		}
	}
}

static int cmd_emulate(int argc, char **argv)
{
	static struct machine m;
	static const nisv_mem_ops mem = { .read = mem_read, .write = mem_write };
	static nisv_state st, before;
	nisv_vcpu vcpu;
	nisv_result res;
	uint32_t w;
	char text[96];

	if (argc < 1 || parse_word(argv[0], &w))
		return die("emulate needs a 32-bit hex word", argc ? argv[0] : "(none)");
	st.reg[NISV_PSTATE] = 0x5; /* EL1h */
	for (int i = 1; i < argc; i += 2) {
		const char *opt = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
		if (!val)
			return die("option needs a value", opt);
		int err;
		if (!strcmp(opt, "--set"))
			err = set_reg(&st, val);
		else if (!strcmp(opt, "--ram"))
			err = add_region(&m, val, 0);
		else if (!strcmp(opt, "--dev"))
			err = add_region(&m, val, 1);
		else
			return die("unknown option", opt);
		if (err)
			return die("malformed value", val);
	}
	before = st;
	nisv_vcpu_init(&vcpu, &nisv_state_reg_ops, &st, &mem, &m);
	nisv_emulate(&vcpu, w, &res);
	format_insn(&res.insn, text, sizeof(text));
	printf("insn %08x %s\n", w, text);
	printf("status %s\n", nisv_status_name(res.status));
	if (res.status == NISV_FAULT)
		printf("fault %u at va 0x%llx (%s)\n", res.fault, (unsigned long long)res.va,
		       res.write ? "write" : "read");
	print_changes(&before, &st, &m);
	return res.status == NISV_OK ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (!strcmp(argv[1], "decode"))
		return cmd_decode(argc - 2, argv + 2);
	if (!strcmp(argv[1], "emulate"))
		return cmd_emulate(argc - 2, argv + 2);
	return die("unknown command", argv[1]);
}
