/* Assembly-like text and an access summary for a decoded instruction. */
#include <stdio.h>
#include <string.h>

#include "format.h"

static const char *order_suffix(const nisv_insn *d)
{
	unsigned acq = (d->flags & NISV_F_ACQUIRE) != 0, rel = (d->flags & NISV_F_RELEASE) != 0;
	static const char *const sfx[4] = { "", "l", "a", "al" };
	return sfx[acq << 1 | rel];
}

static const char *size_suffix(const nisv_insn *d)
{
	static const char *const sfx[4] = { "b", "h", "", "" };
	return d->rclass == NISV_RC_V ? "" : sfx[d->esize_log2 & 3];
}

/* Unscaled-immediate single-register form (LDUR/STUR): bits 29:27=111, 24=0, 21=0, 11:10=00. */
static int is_unscaled(uint32_t w)
{
	return (w & 0x3b200c00u) == 0x38000000u;
}

static void mnemonic(const nisv_insn *d, char *m, size_t n)
{
	int load = d->op == NISV_OP_LOAD || d->op == NISV_OP_LOAD_EXCL;
	const char *ls = load ? "ld" : "st";
	static const char *const dc_names[] = { "ivac", "cvac", "cvau", "civac", "cvap", "cvadp" };

	switch (d->op) {
	case NISV_OP_LOAD:
	case NISV_OP_STORE:
		if (d->flags & NISV_F_TAG)
			snprintf(m, n, "stgp");
		else if (d->nregs == 2)
			snprintf(m, n, "%s%sp%s", ls, d->flags & NISV_F_NONTEMP ? "n" : "",
			         d->flags & NISV_F_SIGNED ? "sw" : "");
		else if (d->flags & NISV_F_PAC)
			snprintf(m, n, "ldra%c", d->flags & NISV_F_PAC_KEY_B ? 'b' : 'a');
		else if (d->flags & NISV_F_RCPC)
			snprintf(m, n, "ldap%sr%s%s", d->addr == NISV_AM_OFFSET ? "u" : "",
			         d->flags & NISV_F_SIGNED ? "s" : "", d->flags & NISV_F_SIGNED && d->esize_log2 == 2 ? "w" : size_suffix(d));
		else if (d->flags & (NISV_F_ACQUIRE | NISV_F_RELEASE))
			snprintf(m, n, "%s%sr%s", load ? "lda" : "stl", d->addr == NISV_AM_OFFSET ? "u" : "", size_suffix(d));
		else
			snprintf(m, n, "%s%s%s%s", ls,
			         d->flags & NISV_F_UNPRIV ? "tr" : is_unscaled(d->word) ? "ur" : "r",
			         d->flags & NISV_F_SIGNED ? "s" : "",
			         d->flags & NISV_F_SIGNED && d->esize_log2 == 2 ? "w" : size_suffix(d));
		break;
	case NISV_OP_PREFETCH:
		snprintf(m, n, "%s", is_unscaled(d->word) ? "prfum" : "prfm");
		break;
	case NISV_OP_LOAD_EXCL:
	case NISV_OP_STORE_EXCL:
		snprintf(m, n, "%s%sx%c%s", ls,
		         d->flags & (NISV_F_ACQUIRE | NISV_F_RELEASE) ? (load ? "a" : "l") : "",
		         d->nregs == 2 ? 'p' : 'r', size_suffix(d));
		break;
	case NISV_OP_ATOMIC:
		if (d->atomic == NISV_AT_SWP)
			snprintf(m, n, "swp%s%s", order_suffix(d), size_suffix(d));
		else
			snprintf(m, n, "%s%s%s%s", d->flags & NISV_F_NO_RESULT ? "st" : "ld",
			         nisv_atomic_name(d->atomic), order_suffix(d), size_suffix(d));
		for (char *c = m; *c; c++)
			*c = (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
		break;
	case NISV_OP_CAS:
	case NISV_OP_CASP:
		snprintf(m, n, "cas%s%s%s", d->op == NISV_OP_CASP ? "p" : "", order_suffix(d), size_suffix(d));
		break;
	case NISV_OP_LD_MULTI:
	case NISV_OP_ST_MULTI:
	case NISV_OP_LD_LANE:
	case NISV_OP_ST_LANE:
		snprintf(m, n, "%s%u", d->op == NISV_OP_LD_MULTI || d->op == NISV_OP_LD_LANE ? "ld" : "st",
		         d->selem);
		break;
	case NISV_OP_LD_REPL:
		snprintf(m, n, "ld%ur", d->selem);
		break;
	case NISV_OP_DC_ZVA:
		snprintf(m, n, "dc zva");
		break;
	case NISV_OP_DC_GVA:
		snprintf(m, n, "dc gva");
		break;
	case NISV_OP_DC_GZVA:
		snprintf(m, n, "dc gzva");
		break;
	case NISV_OP_DC_MAINT:
		snprintf(m, n, "dc %s%s", dc_names[d->dc % 6], d->flags & NISV_F_TAG ? " (tags)" : "");
		break;
	default:
		snprintf(m, n, "?");
	}
}

static void gpr(char *out, size_t n, unsigned rc, unsigned r)
{
	const char *p = rc == NISV_RC_W ? "w" : "x";
	if (r == 31)
		snprintf(out, n, "%szr", p);
	else
		snprintf(out, n, "%s%u", p, r);
}

static void xfer_reg(const nisv_insn *d, unsigned r, char *out, size_t n)
{
	static const char fp[] = "bhsdq";
	if (d->rclass == NISV_RC_V)
		snprintf(out, n, "%c%u", fp[d->esize_log2 % 5], r);
	else
		gpr(out, n, d->rclass, r);
}

static size_t vector_list(const nisv_insn *d, char *out, size_t n)
{
	static const char lane_ch[] = "bhsd";
	unsigned per = d->vbytes >> d->esize_log2;
	int lanes = d->op == NISV_OP_LD_LANE || d->op == NISV_OP_ST_LANE;
	size_t k = (size_t)snprintf(out, n, "{");

	for (unsigned i = 0; i < d->nregs && k < n; i++) {
		if (lanes)
			k += (size_t)snprintf(out + k, n - k, "%sv%u.%c", i ? ", " : "", (d->rt + i) % 32,
			                      lane_ch[d->esize_log2 & 3]);
		else
			k += (size_t)snprintf(out + k, n - k, "%sv%u.%u%c", i ? ", " : "", (d->rt + i) % 32, per,
			                      lane_ch[d->esize_log2 & 3]);
	}
	if (k < n)
		k += (size_t)snprintf(out + k, n - k, "}");
	if (lanes && k < n)
		k += (size_t)snprintf(out + k, n - k, "[%u]", d->lane);
	return k;
}

static void address(const nisv_insn *d, char *out, size_t n)
{
	static const char *const ext[8] = { "", "", "uxtw", "lsl", "", "", "sxtw", "sxtx" };
	char base[8], idx[8];

	if (d->rn == 31)
		snprintf(base, sizeof(base), "sp");
	else
		snprintf(base, sizeof(base), "x%u", d->rn);
	switch (d->addr) {
	case NISV_AM_OFFSET:
		if (d->imm)
			snprintf(out, n, "[%s, #%lld]", base, (long long)d->imm);
		else
			snprintf(out, n, "[%s]", base);
		break;
	case NISV_AM_PRE:
		snprintf(out, n, "[%s, #%lld]!", base, (long long)d->imm);
		break;
	case NISV_AM_POST:
		snprintf(out, n, "[%s], #%lld", base, (long long)d->imm);
		break;
	case NISV_AM_REG:
		gpr(idx, sizeof(idx), d->extend & 1 ? NISV_RC_X : NISV_RC_W, d->rm);
		if (d->extend == NISV_EXT_LSL && !d->shift)
			snprintf(out, n, "[%s, %s]", base, idx);
		else
			snprintf(out, n, "[%s, %s, %s #%u]", base, idx, ext[d->extend & 7], d->shift);
		break;
	case NISV_AM_POST_REG:
		snprintf(out, n, "[%s], x%u", base, d->rm);
		break;
	case NISV_AM_LITERAL:
		snprintf(out, n, "pc%+lld", (long long)d->imm);
		break;
	default:
		snprintf(out, n, "[%s]", base);
	}
}

void format_insn(const nisv_insn *d, char *out, size_t n)
{
	char m[24], a[48], r1[8], r2[8], r3[8], r4[8];
	size_t k;

	if (d->op == NISV_OP_NONE) {
		snprintf(out, n, "(not a memory instruction)");
		return;
	}
	mnemonic(d, m, sizeof(m));
	address(d, a, sizeof(a));
	k = (size_t)snprintf(out, n, "%s ", m);
	if (k >= n)
		return;
	switch (d->op) {
	case NISV_OP_PREFETCH:
		snprintf(out + k, n - k, "#%u, %s", d->rt, a);
		break;
	case NISV_OP_DC_ZVA:
	case NISV_OP_DC_GVA:
	case NISV_OP_DC_GZVA:
	case NISV_OP_DC_MAINT:
		gpr(r1, sizeof(r1), NISV_RC_X, d->rt);
		snprintf(out + k - 1, n - k + 1, ", %s", r1);
		break;
	case NISV_OP_LD_MULTI:
	case NISV_OP_ST_MULTI:
	case NISV_OP_LD_LANE:
	case NISV_OP_ST_LANE:
	case NISV_OP_LD_REPL:
		k += vector_list(d, out + k, n - k);
		if (k < n)
			snprintf(out + k, n - k, ", %s", a);
		break;
	case NISV_OP_STORE_EXCL:
		gpr(r1, sizeof(r1), NISV_RC_W, d->rs);
		xfer_reg(d, d->rt, r2, sizeof(r2));
		xfer_reg(d, d->rt2, r3, sizeof(r3));
		if (d->nregs == 2)
			snprintf(out + k, n - k, "%s, %s, %s, %s", r1, r2, r3, a);
		else
			snprintf(out + k, n - k, "%s, %s, %s", r1, r2, a);
		break;
	case NISV_OP_CASP:
		gpr(r1, sizeof(r1), d->rclass, d->rs);
		gpr(r2, sizeof(r2), d->rclass, d->rs + 1u);
		gpr(r3, sizeof(r3), d->rclass, d->rt);
		gpr(r4, sizeof(r4), d->rclass, d->rt + 1u);
		snprintf(out + k, n - k, "%s, %s, %s, %s, %s", r1, r2, r3, r4, a);
		break;
	case NISV_OP_CAS:
	case NISV_OP_ATOMIC:
		gpr(r1, sizeof(r1), d->rclass, d->rs);
		gpr(r2, sizeof(r2), d->rclass, d->rt);
		if (d->flags & NISV_F_NO_RESULT)
			snprintf(out + k, n - k, "%s, %s", r1, a);
		else
			snprintf(out + k, n - k, "%s, %s, %s", r1, r2, a);
		break;
	default:
		xfer_reg(d, d->rt, r1, sizeof(r1));
		xfer_reg(d, d->rt2, r2, sizeof(r2));
		if (d->nregs == 2)
			snprintf(out + k, n - k, "%s, %s, %s", r1, r2, a);
		else
			snprintf(out + k, n - k, "%s, %s", r1, a);
	}
}

void format_access(const nisv_insn *d, char *out, size_t n)
{
	static const char *const am[] = { "base", "offset", "pre-index", "post-index", "register offset",
	                                  "post-index by register", "pc-relative" };
	static const char *const rc[] = { "none", "W", "X", "V" };
	unsigned es = 1u << d->esize_log2;
	unsigned bytes = d->op >= NISV_OP_LD_MULTI && d->op <= NISV_OP_ST_MULTI ? (unsigned)d->vbytes * d->nregs
	                 : d->op >= NISV_OP_LD_LANE && d->op <= NISV_OP_LD_REPL ? es * d->selem
	                                                                        : es * d->nregs;

	if (d->op == NISV_OP_NONE) {
		snprintf(out, n, "none");
		return;
	}
	snprintf(out, n, "op=%s bytes=%u element=%u regs=%u class=%s addressing=%s%s%s%s%s%s%s",
	         nisv_op_name(d->op),
	         d->op == NISV_OP_PREFETCH || d->op >= NISV_OP_DC_ZVA ? 0 : bytes, es, d->nregs,
	         rc[d->rclass & 3], am[d->addr % 7],
	         d->addr == NISV_AM_PRE || d->addr == NISV_AM_POST || d->addr == NISV_AM_POST_REG ? " writeback" : "",
	         d->flags & NISV_F_SIGNED ? " signed" : "", d->flags & NISV_F_ACQUIRE ? " acquire" : "",
	         d->flags & NISV_F_RELEASE ? " release" : "", d->flags & NISV_F_UNPRIV ? " unprivileged" : "",
	         d->flags & NISV_F_PAC ? " pac-stripped" : "");
}
