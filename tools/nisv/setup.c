/*
 * The state before nisv emulate's run, piece by piece: registers (--set),
 * regions (--ram, --dev), features, the physical address size. The command
 * line and the state file (state_file.c) both come through here, so they
 * take the same names and the same number syntax.
 */
#define _DEFAULT_SOURCE /* strcasecmp, strtok_r */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "emulate.h"

/* ---- registers -------------------------------------------------------------------- */

static const struct {
	const char *name;
	unsigned reg;
} sysregs[] = {
	{ "sp_el0", NISV_SP_EL0 },       { "sp_el1", NISV_SP_EL1 },       { "pc", NISV_PC },
	{ "pstate", NISV_PSTATE },       { "cpsr", NISV_PSTATE },         { "sctlr_el1", NISV_SCTLR_EL1 },
	{ "tcr_el1", NISV_TCR_EL1 },     { "ttbr0_el1", NISV_TTBR0_EL1 }, { "ttbr1_el1", NISV_TTBR1_EL1 },
	{ "mair_el1", NISV_MAIR_EL1 },   { "vbar_el1", NISV_VBAR_EL1 },   { "esr_el1", NISV_ESR_EL1 },
	{ "far_el1", NISV_FAR_EL1 },     { "elr_el1", NISV_ELR_EL1 },     { "spsr_el1", NISV_SPSR_EL1 },
	{ "dczid_el0", NISV_DCZID_EL0 }, { "zcr_el1", NISV_ZCR_EL1 },     { "svcr", NISV_SVCR },
	{ "smcr_el1", NISV_SMCR_EL1 },
};

#define PSTATE_NZCV 0xf0000000ull

const char *reg_name(unsigned r, char *buf, size_t n)
{
	for (size_t i = 0; i < sizeof(sysregs) / sizeof(sysregs[0]); i++)
		if (sysregs[i].reg == r && strcmp(sysregs[i].name, "cpsr")) {
			snprintf(buf, n, "%s", sysregs[i].name);
			return buf;
		}
	snprintf(buf, n, "x%u", r);
	return buf;
}

/* "x12" -> 12 for prefix 'x' and n < limit; -1 otherwise */
static int numbered(const char *name, char prefix, unsigned limit)
{
	unsigned n = 0;
	const char *p = name + 1;

	if (name[0] != prefix || !*p || (p[0] == '0' && p[1]))
		return -1;
	for (; *p; p++) {
		if (*p < '0' || *p > '9' || (n = n * 10 + (unsigned)(*p - '0')) >= limit)
			return -1;
	}
	return (int)n;
}

static int value_error(int err, unsigned bits, const char *where)
{
	char msg[64];
	return usage_error(num_error(err, bits, msg, sizeof(msg)), where);
}

int setup_reg(struct setup *s, const char *name_in, const char *value, const char *where)
{
	char name[32];
	uint64_t val;
	int n, err;

	if (strlen(name_in) >= sizeof(name))
		return usage_error("unknown register", where);
	for (size_t i = 0; i <= strlen(name_in); i++)
		name[i] = (char)(name_in[i] >= 'A' && name_in[i] <= 'Z' ? name_in[i] - 'A' + 'a' : name_in[i]);
	if ((n = numbered(name, 'v', 32)) >= 0 || (n = numbered(name, 'q', 32)) >= 0) {
		nisv_v128 v;
		if ((err = parse_u128(value, &v)) != 0)
			return value_error(err, 128, where);
		return setup_v(s, (unsigned)n, &v);
	}
	/* SVE and SME (sve_state.c): z0-z31, p0-p15, ffr, za<row>, zt0 */
	if ((n = numbered(name, 'z', 32)) >= 0)
		return setup_sve_reg(s, NISV_VFILE_Z, (unsigned)n, value, where);
	if ((n = numbered(name, 'p', 16)) >= 0)
		return setup_sve_reg(s, NISV_VFILE_P, (unsigned)n, value, where);
	if (!strcmp(name, "ffr"))
		return setup_sve_reg(s, NISV_VFILE_FFR, 0, value, where);
	if (name[0] == 'z' && (n = numbered(name + 1, 'a', 256)) >= 0)
		return setup_sve_reg(s, NISV_VFILE_ZA, (unsigned)n, value, where);
	if (!strcmp(name, "zt0"))
		return setup_sve_reg(s, NISV_VFILE_ZT0, 0, value, where);
	if ((err = parse_u64(value, &val)) != 0)
		return value_error(err, 64, where);
	if ((n = numbered(name, 'x', 31)) >= 0 || (n = numbered(name, 'w', 31)) >= 0) {
		if (name[0] == 'w' && val > 0xffffffffu)
			return usage_error("a W register holds 32 bits", where);
		s->st.reg[n] = val;
		s->set_mask |= 1ull << n;
		return 0;
	}
	if (!strcmp(name, "nzcv")) {
		if (val <= 0xf)
			val <<= 28;
		if (val & ~PSTATE_NZCV)
			return usage_error("nzcv is 4 bits (0-15, or bits 31:28)", where);
		s->nzcv_given = 1;
		s->nzcv = val;
		return 0;
	}
	if (!strcmp(name, "sp")) {
		s->sp_given = 1;
		s->sp = val;
		return 0;
	}
	for (size_t i = 0; i < sizeof(sysregs) / sizeof(sysregs[0]); i++)
		if (!strcmp(name, sysregs[i].name)) {
			s->st.reg[sysregs[i].reg] = val;
			s->set_mask |= 1ull << sysregs[i].reg;
			return 0;
		}
	return usage_error("unknown register (x0-x30, w0-w30, sp, sp_el0, sp_el1, pc, pstate, nzcv, v0-v31, q0-q31, "
	                   "sctlr_el1, tcr_el1, ttbr0_el1, ttbr1_el1, mair_el1, vbar_el1, esr_el1, far_el1, "
	                   "elr_el1, spsr_el1, dczid_el0, zcr_el1, svcr, smcr_el1, z0-z31, p0-p15, ffr, "
	                   "za0-za255, zt0)",
	                   where);
}

/*
 * The rule that makes the order of --set (and of a state file's keys)
 * irrelevant: nzcv, when given, replaces PSTATE bits 31:28 whatever pstate
 * says; sp is the stack pointer the final PSTATE selects (M[0], SPSel, and
 * M[3:2], the EL: SP_EL0 at EL0 or with SPSel 0, else SP_EL1).
 */
int setup_finish(struct setup *s)
{
	uint64_t *p = &s->st.reg[NISV_PSTATE];

	if (s->nzcv_given)
		*p = (*p & ~PSTATE_NZCV) | s->nzcv;
	if (s->sp_given)
		s->st.reg[((*p >> 2) & 3) && (*p & 1) ? NISV_SP_EL1 : NISV_SP_EL0] = s->sp;
	return sve_finish(s);
}

/* ---- features, physical address size -------------------------------------------- */

static const struct {
	const char *name;
	uint32_t bit;
} features[] = {
	{ "lse2", NISV_FEAT_LSE2 }, { "lpa", NISV_FEAT_LPA },       { "lpa2", NISV_FEAT_LPA2 },
	{ "lva", NISV_FEAT_LVA },   { "hafdbs", NISV_FEAT_HAFDBS }, { "mte", NISV_FEAT_MTE },
};

const char *feature_name(uint32_t bit)
{
	for (size_t k = 0; k < sizeof(features) / sizeof(features[0]); k++)
		if (features[k].bit == bit)
			return features[k].name;
	return NULL;
}

int setup_feature(struct setup *s, const char *name, const char *where)
{
	for (size_t k = 0; k < sizeof(features) / sizeof(features[0]); k++)
		if (!strcasecmp(name, features[k].name)) {
			s->features |= features[k].bit;
			return 0;
		}
	return usage_error("unknown feature (lse2, lpa, lpa2, lva, hafdbs, mte)", where);
}

int setup_pa_bits(struct setup *s, const char *value, const char *where)
{
	uint64_t b;

	if (parse_u64(value, &b) || b < 32 || b > 52)
		return usage_error("--pa-bits: 32 to 52", where);
	s->pa_bits = (unsigned)b;
	return 0;
}

/* ---- regions ------------------------------------------------------------------------ */

int region_data_hex(struct region_spec *r, const char *hex, const char *where)
{
	size_t max = strlen(hex) / 2 + 1;

	r->data = malloc(max);
	if (!r->data) {
		fprintf(stderr, "nisv: out of memory\n");
		return EXIT_FAILED;
	}
	if (parse_hex_bytes(hex, r->data, max, &r->len))
		return usage_error("malformed hex bytes (two hex digits per byte, memory order)", where);
	return 0;
}

int region_data_file(struct region_spec *r, const char *path, const char *where)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 1 << 16;
	char msg[512];

	if (!f) {
		snprintf(msg, sizeof(msg), "cannot open '%s': %s", path, strerror(errno));
		return usage_error(msg, where);
	}
	r->len = 0;
	r->data = malloc(cap);
	while (r->data && r->len <= MAX_REGION_BYTES) {
		size_t got = fread(r->data + r->len, 1, cap - r->len, f);
		if (!got)
			break;
		r->len += got;
		if (r->len == cap) {
			uint8_t *more = realloc(r->data, cap *= 2);
			if (!more)
				free(r->data);
			r->data = more;
		}
	}
	if (!r->data) {
		fclose(f);
		fprintf(stderr, "nisv: out of memory\n");
		return EXIT_FAILED;
	}
	if (ferror(f)) {
		snprintf(msg, sizeof(msg), "cannot read '%s': %s", path, strerror(errno));
		fclose(f);
		return usage_error(msg, where);
	}
	fclose(f);
	if (r->len > MAX_REGION_BYTES)
		return usage_error("file larger than a region (16 MiB)", where);
	return 0;
}

/* ",noexcl,noatomic,widths=1+2+4" */
static int region_options(struct region_spec *r, const char *opts, const char *spec)
{
	char *copy = strdup(opts), *save = NULL;
	int rc = 0;

	if (!copy)
		return EXIT_FAILED;
	for (char *o = strtok_r(copy, ",", &save); o && !rc; o = strtok_r(NULL, ",", &save)) {
		if (!strcmp(o, "noexcl")) {
			r->policy &= ~(uint32_t)NISV_DEV_EXCLUSIVE;
		} else if (!strcmp(o, "noatomic")) {
			r->policy &= ~(uint32_t)NISV_DEV_ATOMIC;
		} else if (!strncmp(o, "widths=", 7)) {
			char *save2 = NULL;
			for (char *wv = strtok_r(o + 7, "+", &save2); wv && !rc; wv = strtok_r(NULL, "+", &save2)) {
				uint64_t v;
				if (parse_u64(wv, &v) || !v || v > 16 || (v & (v - 1)))
					rc = usage_error("--dev widths: 1, 2, 4, 8 or 16 joined by '+'", spec);
				else
					r->widths |= 1u << __builtin_ctzll(v);
			}
		} else {
			rc = usage_error("--dev: unknown option (noexcl, noatomic, widths=...)", spec);
		}
	}
	free(copy);
	return rc;
}

/*
 * ADDR=DATA | ADDR:SIZE[=DATA] (RAM); ADDR:SIZE[=DATA][,opts] (device);
 * DATA is hex bytes in memory order, or @FILE for a file's bytes.
 */
int region_parse(const char *spec, int device, struct region_spec *r)
{
	const char *opt = strchr(spec, ','), *eq, *colon, *end;
	char head[64];
	int rc;

	*r = (struct region_spec){ .device = device, .policy = NISV_DEV_EXCLUSIVE | NISV_DEV_ATOMIC };
	if (!opt)
		opt = spec + strlen(spec);
	else if (!device)
		return usage_error("--ram takes no options", spec);
	eq = memchr(spec, '=', (size_t)(opt - spec));
	end = eq ? eq : opt;
	colon = memchr(spec, ':', (size_t)(end - spec));
	if ((size_t)((colon ? colon : end) - spec) >= sizeof(head))
		return usage_error("malformed address", spec);
	memcpy(head, spec, (size_t)((colon ? colon : end) - spec));
	head[(colon ? colon : end) - spec] = 0;
	if (parse_u64(head, &r->base))
		return usage_error(device ? "--dev: malformed address (want ADDR:SIZE[=HEXBYTES|=@FILE])"
		                          : "--ram: malformed address (want ADDR=HEXBYTES, ADDR=@FILE or ADDR:SIZE[=...])",
		                   spec);
	if (colon) {
		if ((size_t)(end - colon - 1) >= sizeof(head))
			return usage_error("malformed region size", spec);
		memcpy(head, colon + 1, (size_t)(end - colon - 1));
		head[end - colon - 1] = 0;
		if (parse_u64(head, &r->size))
			return usage_error("malformed region size", spec);
		r->has_size = 1;
	} else if (device) {
		return usage_error("--dev needs ADDR:SIZE[=HEXBYTES|=@FILE]", spec);
	} else if (!eq) {
		return usage_error("--ram needs ADDR=HEXBYTES, ADDR=@FILE or ADDR:SIZE[=...]", spec);
	}
	rc = *opt ? region_options(r, opt + 1, spec) : 0;
	if (eq && !rc) {
		char *data = strndup(eq + 1, (size_t)(opt - eq - 1));
		if (!data)
			return EXIT_FAILED;
		rc = data[0] == '@' ? region_data_file(r, data + 1, spec) : region_data_hex(r, data, spec);
		free(data);
	}
	if (rc) {
		free(r->data);
		r->data = NULL;
	}
	return rc;
}

int region_add(struct machine *m, struct region_spec *r, const char *origin)
{
	struct region *g;

	if (!r->has_size)
		r->size = r->len;
	if (r->len > r->size) {
		free(r->data);
		r->data = NULL;
		return usage_error("more bytes than the region size", origin);
	}
	g = machine_add(m, r->base, r->size, r->device ? R_DEV : R_RAM, origin);
	if (g) {
		g->widths = r->widths;
		g->policy = r->policy;
		if (r->len)
			memcpy(g->bytes, r->data, r->len);
	}
	free(r->data);
	r->data = NULL;
	return g ? 0 : EXIT_USAGE;
}
