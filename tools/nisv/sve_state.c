/*
 * nisv emulate's SVE and SME state: the Z, P, FFR, ZA and ZT0 registers
 * (--set z3=..., p0=..., ffr=..., za<row>=..., zt0=...), the vector lengths
 * (--vl, --svl) and their output.
 *
 * A register's value is a number in the tool's syntax whose least
 * significant byte is byte 0 of the register (bits [7:0]), as nisv_state's
 * struct nisv_sve_state stores it and as v registers are written: z0=0x1ff
 * sets byte 0 to 0xff and byte 1 to 0x01. The file is attached to the
 * nisv_state (st.sve) by the first such register, --vl or --svl; from then
 * on v<n> is Z[n] bytes 0-15 and a v<n>= write zeroes the bytes above, as
 * an AArch64 write of V[n] does (Arm ARM pseudocode, the V[] setter: Z[n]
 * gets ZeroExtend(value) up to the vector length; whether bits above the
 * current VL are zeroed too is CONSTRAINED UNPREDICTABLE, and the tool
 * zeroes all of them, as nisv_state does).
 */
#include <stdlib.h>
#include <string.h>

#include "emulate.h"

#define MAX_VL_BITS 2048
#define ZT0_BYTES 64

/* The file, allocated once, with the V registers given so far in it. */
static int attach(struct setup *s)
{
	if (s->sve)
		return 0;
	s->sve = calloc(1, sizeof(*s->sve));
	if (!s->sve) {
		fprintf(stderr, "nisv: out of memory\n");
		return EXIT_FAILED;
	}
	for (unsigned n = 0; n < 32; n++)
		for (unsigned k = 0; k < 16; k++)
			s->sve->z[n][k] = (uint8_t)((k < 8 ? s->st.v[n].lo >> 8 * k : s->st.v[n].hi >> 8 * (k - 8)) & 0xff);
	memset(s->st.v, 0, sizeof(s->st.v)); /* not used with a file (include/nisv.h) */
	s->st.sve = s->sve;
	return 0;
}

int setup_v(struct setup *s, unsigned n, const nisv_v128 *val)
{
	if (!s->sve) {
		s->st.v[n] = *val;
		return 0;
	}
	memset(s->sve->z[n], 0, sizeof(s->sve->z[n]));
	for (unsigned k = 0; k < 16; k++)
		s->sve->z[n][k] = (uint8_t)((k < 8 ? val->lo >> 8 * k : val->hi >> 8 * (k - 8)) & 0xff);
	return 0;
}

/* Register n of a file: its bytes in the state and how many there can be. */
static uint8_t *file_reg(struct nisv_sve_state *sve, unsigned file, unsigned n, size_t *max)
{
	switch (file) {
	case NISV_VFILE_Z: return *max = sizeof(sve->z[0]), sve->z[n];
	case NISV_VFILE_P: return *max = sizeof(sve->p[0]), sve->p[n];
	case NISV_VFILE_FFR: return *max = sizeof(sve->ffr), sve->ffr;
	case NISV_VFILE_ZA: return *max = sizeof(sve->za[0]), sve->za[n];
	default: return *max = sizeof(sve->zt0), sve->zt0;
	}
}

static void file_reg_name(unsigned file, unsigned n, char *buf, size_t len)
{
	static const char *const prefix[] = { "v", "z", "p", "ffr", "za", "zt0" };

	if (file == NISV_VFILE_FFR || file == NISV_VFILE_ZT0)
		snprintf(buf, len, "%s", prefix[file]);
	else
		snprintf(buf, len, "%s%u", prefix[file % 6], n);
}

int setup_sve_reg(struct setup *s, unsigned file, unsigned n, const char *value, const char *where)
{
	char *first = file == NISV_VFILE_ZA || file == NISV_VFILE_ZT0 ? s->sme_first : s->sve_first;
	uint8_t bytes[MAX_VL_BITS / 8], *reg;
	size_t max;
	int rc, err;

	if ((rc = attach(s)) != 0)
		return rc;
	reg = file_reg(s->sve, file, n, &max);
	if ((err = parse_wide(value, bytes, max)) != 0) {
		char msg[64];
		return usage_error(num_error(err, (unsigned)max * 8, msg, sizeof(msg)), where);
	}
	memcpy(reg, bytes, max);
	if (!first[0])
		file_reg_name(file, n, first, sizeof(s->sve_first));
	return 0;
}

/* --vl N, --svl N (or a state file's "vl", "svl"): bits. */
int setup_vector_length(struct setup *s, const char *value, int streaming, const char *where)
{
	uint64_t bits;
	int rc;

	if (parse_u64(value, &bits) || bits < 128 || bits > MAX_VL_BITS || bits % 128)
		return usage_error(streaming ? "--svl: 128 to 2048 bits, a power of two"
		                             : "--vl: 128 to 2048 bits, a multiple of 128",
		                   where);
	/* SME: "the Effective Streaming SVE vector length ... is a power of two" */
	if (streaming && (bits & (bits - 1)))
		return usage_error("--svl: 128 to 2048 bits, a power of two", where);
	if ((rc = attach(s)) != 0)
		return rc;
	*(streaming ? &s->svl : &s->vl) = (unsigned)bits;
	return 0;
}

static int beyond(const uint8_t *b, size_t from, size_t to)
{
	for (size_t k = from; k < to; k++)
		if (b[k])
			return 1;
	return 0;
}

static int too_wide(unsigned file, unsigned n, unsigned bits, int streaming)
{
	char name[8], msg[96];

	file_reg_name(file, n, name, sizeof(name));
	snprintf(msg, sizeof(msg), "value wider than the %svector length (%u bits)", streaming ? "streaming " : "", bits);
	return usage_error(msg, name);
}

/*
 * The checks that need every option: a register given without a vector
 * length, a value wider than the longest vector length, a ZA row beyond
 * SVL/8. Then ZCR_EL1.LEN and SMCR_EL1.LEN from --vl and --svl unless the
 * registers were given (the VL the guest asks for, (LEN + 1) * 128: Arm
 * ARM, ZCR_EL1 and SMCR_EL1).
 */
int sve_finish(struct setup *s)
{
	unsigned bits = s->vl > s->svl ? s->vl : s->svl, zb = bits / 8, pb = bits / 64, rows = s->svl / 8;
	struct nisv_sve_state *f = s->sve;

	if (!f)
		return 0;
	if (s->sve_first[0] && !bits)
		return usage_error("an SVE register needs a vector length (--vl, or --svl for streaming mode)",
		                   s->sve_first);
	if (s->sme_first[0] && !s->svl)
		return usage_error("ZA and ZT0 need a streaming vector length (--svl)", s->sme_first);
	for (unsigned n = 0; n < 32; n++)
		if (beyond(f->z[n], zb, sizeof(f->z[n])))
			return too_wide(NISV_VFILE_Z, n, bits, s->vl < s->svl);
	for (unsigned n = 0; n < 16; n++)
		if (beyond(f->p[n], pb, sizeof(f->p[n])))
			return too_wide(NISV_VFILE_P, n, bits, s->vl < s->svl);
	if (beyond(f->ffr, pb, sizeof(f->ffr)))
		return too_wide(NISV_VFILE_FFR, 0, bits, s->vl < s->svl);
	for (unsigned n = 0; n < 256; n++) {
		if (n >= rows && beyond(f->za[n], 0, sizeof(f->za[n]))) {
			char name[8], msg[64];
			snprintf(name, sizeof(name), "za%u", n);
			snprintf(msg, sizeof(msg), "ZA has SVL/8 rows (%u at --svl %u)", rows, s->svl);
			return usage_error(msg, name);
		}
		if (beyond(f->za[n], rows, sizeof(f->za[n])))
			return too_wide(NISV_VFILE_ZA, n, s->svl, 1);
	}
	if (s->vl && !(s->set_mask >> NISV_ZCR_EL1 & 1))
		s->st.reg[NISV_ZCR_EL1] = s->vl / 128 - 1;
	if (s->svl && !(s->set_mask >> NISV_SMCR_EL1 & 1))
		s->st.reg[NISV_SMCR_EL1] = s->svl / 128 - 1;
	return 0;
}

/* Every VL up to --vl (as KVM_REG_ARM64_SVE_VLS can declare them); the
 * powers of two up to --svl (the only streaming lengths SME allows). */
void sve_vcpu(nisv_vcpu *v, const struct setup *s)
{
	uint32_t sve = s->vl ? (1u << (s->vl / 128)) - 1 : 0, sme = 0;

	for (unsigned q = 1; q <= s->svl / 128; q <<= 1)
		sme |= 1u << (q - 1);
	if (s->vl || s->svl)
		nisv_vcpu_set_vector_lengths(v, sve, sme);
}

/* "0x" and the bytes b[len-1] ... b[0] in hex: most significant first. */
static void hex_number(const uint8_t *b, size_t len, char *out)
{
	out[0] = '0';
	out[1] = 'x';
	for (size_t k = 0; k < len; k++)
		sprintf(out + 2 + 2 * k, "%02x", b[len - 1 - k]);
	if (!len)
		strcpy(out + 2, "0");
}

/* One register: shown when all (and, for a ZA row, not zero) or when it
 * changed; at `width` bytes, or all of it when a byte beyond changed. */
static void one(unsigned file, unsigned n, const uint8_t *was, const uint8_t *now, size_t width, size_t max,
                int all, sve_reg_fn *f, void *ctx)
{
	char name[8], hex[2 + 2 * MAX_VL_BITS / 8 + 1];

	if (all ? file == NISV_VFILE_ZA && !beyond(now, 0, max) : !memcmp(was, now, max))
		return;
	if (!all && memcmp(was + width, now + width, max - width))
		width = max;
	file_reg_name(file, n, name, sizeof(name));
	hex_number(now, width, hex);
	f(ctx, name, hex);
}

void sve_each(const struct setup *s, const struct nisv_sve_state *before, const struct nisv_sve_state *after,
              sve_reg_fn *f, void *ctx)
{
	unsigned bits = s->vl > s->svl ? s->vl : s->svl, rows = s->svl / 8;
	int all = before == NULL;

	if (!after)
		return;
	if (all)
		before = after;
	for (unsigned n = 0; n < 32; n++)
		one(NISV_VFILE_Z, n, before->z[n], after->z[n], bits / 8, sizeof(after->z[n]), all, f, ctx);
	for (unsigned n = 0; n < 16; n++)
		one(NISV_VFILE_P, n, before->p[n], after->p[n], bits / 64, sizeof(after->p[n]), all, f, ctx);
	one(NISV_VFILE_FFR, 0, before->ffr, after->ffr, bits / 64, sizeof(after->ffr), all, f, ctx);
	for (unsigned n = 0; n < (all ? rows : 256); n++)
		one(NISV_VFILE_ZA, n, before->za[n], after->za[n], rows, sizeof(after->za[n]), all, f, ctx);
	if (s->svl)
		one(NISV_VFILE_ZT0, 0, before->zt0, after->zt0, ZT0_BYTES, ZT0_BYTES, all, f, ctx);
}
