/*
 * Text for decoded instructions: the assembly syntax of binutils objdump
 * (checked word by word by tests/tool/objdump_text.py), and a description
 * of the access the instruction performs.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "format.h"

static uint32_t bits(uint32_t w, unsigned lo, unsigned width)
{
	return (w >> lo) & ((1u << width) - 1u);
}

void put(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int r;

	if (b->k >= b->n)
		return;
	va_start(ap, fmt);
	r = vsnprintf(b->p + b->k, b->n - b->k, fmt, ap);
	va_end(ap);
	if (r > 0)
		b->k += (size_t)r;
	if (b->k >= b->n)
		b->k = b->n - 1;
}

static const char *size_sfx(const nisv_insn *d)
{
	static const char *const sfx[4] = { "b", "h", "", "" };
	return d->rclass == NISV_RC_V ? "" : sfx[d->esize_log2 & 3];
}

static const char *order_sfx(uint32_t acq, uint32_t rel)
{
	static const char *const sfx[4] = { "", "l", "a", "al" };
	return sfx[(acq ? 2 : 0) | (rel ? 1 : 0)];
}

void gpr(struct buf *b, int x, unsigned r)
{
	if (r == 31)
		put(b, "%czr", x ? 'x' : 'w');
	else
		put(b, "%c%u", x ? 'x' : 'w', r);
}

void base_reg(struct buf *b, unsigned r)
{
	if (r == 31)
		put(b, "sp");
	else
		put(b, "x%u", r);
}

void format_xfer_reg(const nisv_insn *d, unsigned i, char *out, size_t n)
{
	static const char fp[] = "bhsdq";
	struct buf b = { out, n, 0 };
	unsigned r = i == 0 ? d->rt : i == 1 && d->op != NISV_OP_CASP ? d->rt2 : (unsigned)(d->rt + i) % 32;

	out[0] = 0;
	if (d->rclass == NISV_RC_Z || d->rclass == NISV_RC_P || sme_form(d))
		sve_xfer_reg(d, i, &b);
	else if (d->op >= NISV_OP_LD_MULTI && d->op <= NISV_OP_LD_REPL)
		put(&b, "v%u", (d->rt + i) % 32);
	else if (d->rclass == NISV_RC_V)
		put(&b, "%c%u", fp[d->esize_log2 % 5], r);
	else
		gpr(&b, d->rclass == NISV_RC_X, r);
}

static void mnemonic(const nisv_insn *d, struct buf *b)
{
	uint32_t w = d->word;
	int load = d->op == NISV_OP_LOAD;
	const char *ls = load ? "ld" : "st";
	int sgn = (d->flags & NISV_F_SIGNED) != 0;
	const char *ssfx = sgn && d->esize_log2 == 2 ? "w" : size_sfx(d);

	switch (d->op) {
	case NISV_OP_LOAD:
	case NISV_OP_STORE:
		if (d->flags & NISV_F_TAG) {
			put(b, "stgp");
		} else if (d->nregs == 2) {
			put(b, "%s%sp%s", ls, d->flags & NISV_F_NONTEMP ? "n" : "", sgn ? "sw" : "");
		} else if (d->flags & NISV_F_PAC) {
			put(b, "ldra%c", d->flags & NISV_F_PAC_KEY_B ? 'b' : 'a');
		} else if (d->addr == NISV_AM_LITERAL) {
			put(b, "ldr%s", sgn ? "sw" : "");
		} else if (bits(w, 24, 6) == 0x19) {
			/* LDAPUR/STLUR (FEAT_LRCPC2) */
			put(b, "%s%s", load ? "ldapur" : "stlur", sgn ? (d->esize_log2 == 2 ? "sw" : d->esize_log2 ? "sh" : "sb")
			                                            : size_sfx(d));
		} else if (d->flags & NISV_F_RCPC) {
			put(b, "ldapr%s", size_sfx(d));
		} else if (bits(w, 24, 6) == 0x08) {
			/* LDAR/STLR, LDLAR/STLLR (o0 == 0: LORegions forms) */
			put(b, "%s%sr%s", load ? "ld" : "st", bits(w, 15, 1) ? (load ? "a" : "l") : (load ? "la" : "ll"),
			    size_sfx(d));
		} else {
			const char *form = "r";
			if (!bits(w, 24, 1) && !bits(w, 21, 1))
				form = bits(w, 10, 2) == 0 ? "ur" : bits(w, 10, 2) == 2 ? "tr" : "r";
			put(b, "%s%s%s%s", ls, form, sgn ? "s" : "", d->rclass == NISV_RC_V ? "" : ssfx);
		}
		break;
	case NISV_OP_PREFETCH:
		put(b, "%s", d->addr == NISV_AM_OFFSET && !bits(w, 24, 1) ? "prfum" : "prfm");
		break;
	case NISV_OP_LOAD_EXCL:
	case NISV_OP_STORE_EXCL:
		put(b, "%s%sx%c%s", d->op == NISV_OP_LOAD_EXCL ? "ld" : "st",
		    bits(w, 15, 1) ? (d->op == NISV_OP_LOAD_EXCL ? "a" : "l") : "", d->nregs == 2 ? 'p' : 'r',
		    d->nregs == 2 ? "" : size_sfx(d));
		break;
	case NISV_OP_ATOMIC: {
		static const char *const names[] = { "add", "clr", "eor", "set", "smax", "smin", "umax", "umin", "swp" };
		const char *ord = order_sfx(d->flags & NISV_F_ACQUIRE, d->flags & NISV_F_RELEASE);
		if (d->atomic == NISV_AT_SWP)
			put(b, "swp%s%s", ord, size_sfx(d));
		else
			put(b, "%s%s%s%s", d->flags & NISV_F_NO_RESULT ? "st" : "ld", names[d->atomic % 9], ord, size_sfx(d));
		break;
	}
	case NISV_OP_CAS:
		put(b, "cas%s%s", order_sfx(d->flags & NISV_F_ACQUIRE, d->flags & NISV_F_RELEASE), size_sfx(d));
		break;
	case NISV_OP_CASP:
		put(b, "casp%s", order_sfx(d->flags & NISV_F_ACQUIRE, d->flags & NISV_F_RELEASE));
		break;
	case NISV_OP_LD_MULTI:
	case NISV_OP_LD_LANE:
		put(b, "ld%u", d->selem);
		break;
	case NISV_OP_ST_MULTI:
	case NISV_OP_ST_LANE:
		put(b, "st%u", d->selem);
		break;
	case NISV_OP_LD_REPL:
		put(b, "ld%ur", d->selem);
		break;
	default:
		put(b, "dc");
		break;
	}
}

/* DC operation name from op1:CRm:op2 of the SYS encoding. */
static const char *dc_name(uint32_t w)
{
	static const struct {
		uint16_t key;
		const char *name;
	} names[] = {
		{ 0x341, "zva" },    { 0x343, "gva" },     { 0x344, "gzva" },    { 0x061, "ivac" },
		{ 0x063, "igvac" },  { 0x065, "igdvac" },  { 0x3a1, "cvac" },    { 0x3a3, "cgvac" },
		{ 0x3a5, "cgdvac" }, { 0x3b1, "cvau" },    { 0x3c1, "cvap" },    { 0x3c3, "cgvap" },
		{ 0x3c5, "cgdvap" }, { 0x3d1, "cvadp" },   { 0x3d3, "cgvadp" },  { 0x3d5, "cgdvadp" },
		{ 0x3e1, "civac" },  { 0x3e3, "cigvac" },  { 0x3e5, "cigdvac" },
	};
	unsigned key = bits(w, 16, 3) << 8 | bits(w, 8, 4) << 4 | bits(w, 5, 3);

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].key == key)
			return names[i].name;
	return "?";
}

static void prfop(struct buf *b, unsigned rt)
{
	static const char *const type[3] = { "pld", "pli", "pst" };
	unsigned t = rt >> 3, target = rt >> 1 & 3;

	if (t < 3 && target < 3)
		put(b, "%sl%u%s", type[t], target + 1, rt & 1 ? "strm" : "keep");
	else
		put(b, "#0x%02x", rt);
}

static void address(const nisv_insn *d, uint64_t pc, struct buf *b)
{
	static const char *const ext[8] = { "", "", "uxtw", "lsl", "", "", "sxtw", "sxtx" };
	uint32_t w = d->word;

	if (d->addr == NISV_AM_LITERAL) {
		put(b, "0x%llx", (unsigned long long)(pc + (uint64_t)d->imm));
		return;
	}
	put(b, "[");
	base_reg(b, d->rn);
	switch (d->addr) {
	case NISV_AM_OFFSET:
		if (d->imm)
			put(b, ", #%lld", (long long)d->imm);
		put(b, "]");
		break;
	case NISV_AM_PRE:
		if (d->imm || !(d->flags & NISV_F_PAC))
			put(b, ", #%lld", (long long)d->imm);
		put(b, "]!");
		break;
	case NISV_AM_POST:
		put(b, "], #%lld", (long long)d->imm);
		break;
	case NISV_AM_REG: {
		int s = bits(w, 12, 1);
		put(b, ", ");
		gpr(b, d->extend & 1, d->rm);
		if (d->extend == NISV_EXT_LSL) {
			if (s)
				put(b, ", lsl #%u", d->shift);
		} else {
			put(b, ", %s", ext[d->extend & 7]);
			if (s)
				put(b, " #%u", d->shift);
		}
		put(b, "]");
		break;
	}
	case NISV_AM_POST_REG:
		put(b, "], x%u", d->rm);
		break;
	default:
		put(b, "]");
		break;
	}
}

static void vector_list(const nisv_insn *d, struct buf *b)
{
	static const char lane_ch[] = "bhsd";
	int lanes = d->op == NISV_OP_LD_LANE || d->op == NISV_OP_ST_LANE;
	char arr[8];

	if (lanes)
		snprintf(arr, sizeof(arr), "%c", lane_ch[d->esize_log2 & 3]);
	else
		snprintf(arr, sizeof(arr), "%u%c", (unsigned)(d->vbytes >> d->esize_log2), lane_ch[d->esize_log2 & 3]);
	put(b, "{");
	if (d->nregs > 2 && d->rt + d->nregs - 1 < 32) {
		put(b, "v%u.%s-v%u.%s", d->rt, arr, d->rt + d->nregs - 1, arr);
	} else {
		for (unsigned i = 0; i < d->nregs; i++)
			put(b, "%sv%u.%s", i ? ", " : "", (d->rt + i) % 32, arr);
	}
	put(b, "}");
	if (lanes)
		put(b, "[%u]", d->lane);
}

void format_insn(const nisv_insn *d, uint64_t pc, char *out, size_t n)
{
	struct buf b = { out, n, 0 };
	char r[4][8];

	out[0] = 0;
	if (d->op == NISV_OP_NONE) {
		put(&b, ".inst 0x%08x ; not a memory instruction", d->word);
		return;
	}
	if (sve_form(d)) {
		sve_insn_text(d, &b);
		return;
	}
	mnemonic(d, &b);
	put(&b, " ");
	for (unsigned i = 0; i < 4; i++)
		format_xfer_reg(d, i, r[i], sizeof(r[i]));
	switch (d->op) {
	case NISV_OP_PREFETCH:
		prfop(&b, d->rt);
		put(&b, ", ");
		address(d, pc, &b);
		return;
	case NISV_OP_DC_ZVA:
	case NISV_OP_DC_GVA:
	case NISV_OP_DC_GZVA:
	case NISV_OP_DC_MAINT:
		put(&b, "%s, ", dc_name(d->word));
		gpr(&b, 1, d->rt);
		return;
	case NISV_OP_LD_MULTI:
	case NISV_OP_ST_MULTI:
	case NISV_OP_LD_LANE:
	case NISV_OP_ST_LANE:
	case NISV_OP_LD_REPL:
		vector_list(d, &b);
		put(&b, ", ");
		address(d, pc, &b);
		return;
	case NISV_OP_STORE_EXCL:
		gpr(&b, 0, d->rs);
		put(&b, ", %s, ", r[0]);
		if (d->nregs == 2)
			put(&b, "%s, ", r[1]);
		break;
	case NISV_OP_CASP:
		gpr(&b, d->rclass == NISV_RC_X, d->rs);
		put(&b, ", ");
		gpr(&b, d->rclass == NISV_RC_X, (d->rs + 1u) % 32);
		put(&b, ", %s, %s, ", r[0], r[1]);
		break;
	case NISV_OP_CAS:
	case NISV_OP_ATOMIC:
		gpr(&b, d->rclass == NISV_RC_X, d->rs);
		put(&b, ", ");
		if (!(d->flags & NISV_F_NO_RESULT))
			put(&b, "%s, ", r[0]);
		break;
	default:
		put(&b, "%s, ", r[0]);
		if (d->nregs == 2)
			put(&b, "%s, ", r[1]);
		break;
	}
	address(d, pc, &b);
}

/* ---- the access ------------------------------------------------------------- */

unsigned access_bytes(const nisv_insn *d)
{
	unsigned es = 1u << d->esize_log2;

	if (sve_form(d))
		return sve_fixed_bytes(d);
	switch (d->op) {
	case NISV_OP_NONE:
	case NISV_OP_PREFETCH:
	case NISV_OP_DC_ZVA:
	case NISV_OP_DC_GVA:
	case NISV_OP_DC_GZVA:
	case NISV_OP_DC_MAINT:
		return 0;
	case NISV_OP_LD_MULTI:
	case NISV_OP_ST_MULTI:
		return (unsigned)d->vbytes * d->nregs;
	case NISV_OP_LD_LANE:
	case NISV_OP_ST_LANE:
	case NISV_OP_LD_REPL:
		return es * d->selem;
	default:
		return es * d->nregs;
	}
}

const char *access_kind(const nisv_insn *d)
{
	switch (d->op) {
	case NISV_OP_LOAD:
	case NISV_OP_LOAD_EXCL:
	case NISV_OP_LD_MULTI:
	case NISV_OP_LD_LANE:
	case NISV_OP_LD_REPL:
	case NISV_OP_SVE_LOAD:
	case NISV_OP_SVE_LOAD_REPL:
		return "read";
	case NISV_OP_STORE:
	case NISV_OP_STORE_EXCL:
	case NISV_OP_ST_MULTI:
	case NISV_OP_ST_LANE:
	case NISV_OP_SVE_STORE:
		return "write";
	case NISV_OP_ATOMIC:
	case NISV_OP_CAS:
	case NISV_OP_CASP:
		return "read-modify-write";
	case NISV_OP_DC_ZVA:
	case NISV_OP_DC_GZVA:
		return "zero";
	default:
		return "none";
	}
}

static const char *addressing_name(const nisv_insn *d)
{
	static const char *const am[] = { "base", "offset", "pre-index", "post-index", "register-offset",
		                          "post-index-register", "pc-relative", "offset-mul-vl",
		                          "vector-plus-immediate", "scalar-plus-vector", "vector-plus-scalar" };
	if (op_is_dc(d->op))
		return "register";
	return d->addr < sizeof(am) / sizeof(am[0]) ? am[d->addr] : "?";
}

static const char *ordering(const nisv_insn *d)
{
	int acq = (d->flags & NISV_F_ACQUIRE) != 0, rel = (d->flags & NISV_F_RELEASE) != 0;

	if (acq && (d->flags & NISV_F_RCPC))
		return "acquire-rcpc";
	if (acq && rel)
		return "acquire-release";
	return acq ? "acquire" : rel ? "release" : "none";
}

/* Registers the instruction transfers, in order (comma-separated). */
static void reg_list(const nisv_insn *d, struct buf *b)
{
	char r[24]; /* the longest: za15v.q[w12, 0] */
	unsigned n = d->nregs;

	if (d->op == NISV_OP_PREFETCH || op_is_dc(d->op) || d->op == NISV_OP_NONE) {
		put(b, "-");
		return;
	}
	for (unsigned i = 0; i < n; i++) {
		format_xfer_reg(d, i, r, sizeof(r));
		put(b, "%s%s", i ? "," : "", r);
	}
}

/* "x2+8", "x1+(w2 sxtw<<3)", "pc+0x30", "x0 (DC)" */
static void address_expr(const nisv_insn *d, struct buf *b)
{
	static const char *const ext[8] = { "", "", "uxtw", "lsl", "", "", "sxtw", "sxtx" };

	if (op_is_dc(d->op)) {
		gpr(b, 1, d->rt);
		return;
	}
	if (d->addr == NISV_AM_LITERAL) {
		put(b, "pc%+lld", (long long)d->imm);
		return;
	}
	if (d->addr == NISV_AM_MUL_VL) {
		sve_mul_vl_expr(d, b);
		return;
	}
	if (sve_vector_addressed(d)) {
		sve_vec_addr_expr(d, b);
		return;
	}
	base_reg(b, d->rn);
	if (d->flags & NISV_F_PAC)
		put(b, "(pac stripped)");
	if ((d->addr == NISV_AM_OFFSET || d->addr == NISV_AM_PRE) && d->imm)
		put(b, "%+lld", (long long)d->imm);
	if (d->addr == NISV_AM_REG) {
		put(b, "+(");
		gpr(b, d->extend & 1, d->rm);
		if (d->extend != NISV_EXT_LSL)
			put(b, " %s", ext[d->extend & 7]);
		if (d->shift)
			put(b, "<<%u", d->shift);
		put(b, ")");
	}
}

static void writeback_expr(const nisv_insn *d, struct buf *b)
{
	switch (d->addr) {
	case NISV_AM_PRE:
	case NISV_AM_POST:
		base_reg(b, d->rn);
		put(b, "=");
		base_reg(b, d->rn);
		put(b, "%+lld", (long long)d->imm);
		put(b, d->addr == NISV_AM_PRE ? " (before the access)" : " (after the access)");
		break;
	case NISV_AM_POST_REG:
		base_reg(b, d->rn);
		put(b, "=");
		base_reg(b, d->rn);
		put(b, "+x%u (after the access)", d->rm);
		break;
	default:
		put(b, "none");
	}
}

static const char *class_name(const nisv_insn *d)
{
	static const char *const rc[] = { "none", "W", "X", "V", "Z", "P", "ZA", "ZA_H", "ZA_V", "ZT0" };
	return d->rclass < sizeof(rc) / sizeof(rc[0]) ? rc[d->rclass] : "?";
}

void format_access(const nisv_insn *d, char *out, size_t n)
{
	struct buf b = { out, n, 0 };
	unsigned es = 1u << d->esize_log2;

	out[0] = 0;
	if (d->op == NISV_OP_NONE) {
		put(&b, "not a memory instruction nisv emulates: no access");
		return;
	}
	put(&b, "%s", access_kind(d));
	if (sve_form(d))
		sve_size_text(d, &b);
	else if (access_bytes(d))
		put(&b, " %u bytes (%u x %u)", access_bytes(d), access_bytes(d) / es, es);
	else if (d->op == NISV_OP_DC_ZVA || d->op == NISV_OP_DC_GZVA)
		put(&b, " one DCZID_EL0 block");
	else if (d->op == NISV_OP_DC_GVA)
		put(&b, " (tags only) one DCZID_EL0 block");
	put(&b, "; regs ");
	reg_list(d, &b);
	if (d->rclass)
		put(&b, " (%s)", class_name(d));
	if (sve_form(d))
		sve_predicate_text(d, &b);
	if (d->op == NISV_OP_STORE_EXCL)
		put(&b, ", status w%u", d->rs);
	if (d->op == NISV_OP_CAS || d->op == NISV_OP_CASP)
		put(&b, ", compare %c%u", d->rclass == NISV_RC_X ? 'x' : 'w', d->rs);
	if (d->op == NISV_OP_ATOMIC)
		put(&b, ", operand %c%u, %s", d->rclass == NISV_RC_X ? 'x' : 'w', d->rs, nisv_atomic_name(d->atomic));
	put(&b, "; address ");
	address_expr(d, &b);
	put(&b, " (%s)", addressing_name(d));
	put(&b, "; writeback ");
	writeback_expr(d, &b);
	put(&b, "; order %s", ordering(d));
	if (d->flags & NISV_F_SIGNED)
		put(&b, "; sign-extended");
	if (d->flags & NISV_F_UNPRIV)
		put(&b, "; unprivileged");
	if (d->flags & NISV_F_NONTEMP)
		put(&b, "; non-temporal");
	if (d->op == NISV_OP_LOAD_EXCL || d->op == NISV_OP_STORE_EXCL)
		put(&b, "; exclusive");
	if (d->flags & NISV_F_TAG)
		put(&b, "; allocation tags");
	if (d->op == NISV_OP_DC_MAINT)
		put(&b, "; cache maintenance (no data effect)");
	if (d->op == NISV_OP_PREFETCH)
		put(&b, "; prefetch (no access)");
}

void json_access(const nisv_insn *d)
{
	char tmp[96];
	struct buf b = { tmp, sizeof(tmp), 0 };

	json_str("op", nisv_op_name(d->op));
	json_str("access", access_kind(d));
	json_u64("bytes", access_bytes(d));
	json_u64("element", d->op == NISV_OP_NONE ? 0 : 1u << d->esize_log2);
	json_str("class", class_name(d));
	json_begin_array("registers");
	if (d->op != NISV_OP_NONE && d->op != NISV_OP_PREFETCH && !op_is_dc(d->op))
		for (unsigned i = 0; i < d->nregs; i++) {
			format_xfer_reg(d, i, tmp, sizeof(tmp));
			json_str(NULL, tmp);
		}
	json_end_array();
	if (d->op == NISV_OP_STORE_EXCL || d->op == NISV_OP_CAS || d->op == NISV_OP_CASP || d->op == NISV_OP_ATOMIC) {
		b.k = 0;
		gpr(&b, d->op != NISV_OP_STORE_EXCL && d->rclass == NISV_RC_X, d->rs);
		json_str(d->op == NISV_OP_STORE_EXCL ? "status_register" : d->op == NISV_OP_ATOMIC ? "operand_register"
		                                                                                 : "compare_register",
		         tmp);
	}
	if (d->op == NISV_OP_ATOMIC)
		json_str("atomic", nisv_atomic_name(d->atomic));
	if (d->op == NISV_OP_NONE)
		return;
	json_str("addressing", addressing_name(d));
	b.k = 0;
	if (op_is_dc(d->op))
		gpr(&b, 1, d->rt);
	else if (d->addr == NISV_AM_LITERAL)
		put(&b, "pc");
	else if (d->addr == NISV_AM_VEC_IMM || d->addr == NISV_AM_VEC_SCALAR)
		sve_addr_vec(d, d->rn, &b);
	else
		base_reg(&b, d->rn);
	json_str("base", tmp);
	if (d->addr == NISV_AM_REG || d->addr == NISV_AM_POST_REG || d->addr == NISV_AM_SCALAR_VEC ||
	    d->addr == NISV_AM_VEC_SCALAR) {
		static const char *const ext[8] = { "", "", "uxtw", "lsl", "", "", "sxtw", "sxtx" };
		b.k = 0;
		if (d->addr == NISV_AM_SCALAR_VEC)
			sve_addr_vec(d, d->rm, &b);
		else
			gpr(&b, d->addr != NISV_AM_REG || (d->extend & 1), d->rm);
		json_str("index", tmp);
		if (d->addr == NISV_AM_REG || d->addr == NISV_AM_SCALAR_VEC) {
			json_str("extend", ext[d->extend & 7]);
			json_u64("shift", d->shift);
		}
	} else if (!op_is_dc(d->op) && d->addr != NISV_AM_BASE) {
		json_int("offset", (long long)d->imm);
	}
	json_bool("writeback", d->addr == NISV_AM_PRE || d->addr == NISV_AM_POST || d->addr == NISV_AM_POST_REG);
	json_str("ordering", ordering(d));
	json_bool("signed", (d->flags & NISV_F_SIGNED) != 0);
	json_bool("unprivileged", (d->flags & NISV_F_UNPRIV) != 0);
	json_bool("nontemporal", (d->flags & NISV_F_NONTEMP) != 0);
	json_bool("exclusive", d->op == NISV_OP_LOAD_EXCL || d->op == NISV_OP_STORE_EXCL);
	json_bool("tags", (d->flags & NISV_F_TAG) != 0);
	json_bool("pac", (d->flags & NISV_F_PAC) != 0);
	if (d->op >= NISV_OP_LD_MULTI && d->op <= NISV_OP_LD_REPL) {
		json_u64("structure_elements", d->selem);
		json_u64("vector_bytes", d->vbytes);
		if (d->op == NISV_OP_LD_LANE || d->op == NISV_OP_ST_LANE)
			json_u64("lane", d->lane);
	}
	if (sve_form(d))
		sve_json(d);
}
