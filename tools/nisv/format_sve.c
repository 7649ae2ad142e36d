/*
 * SVE loads, stores and prefetches (LD1*, LD1S*, LDFF1*, LDNF1*, LDNT1*,
 * LD2-LD4, LD1R*, LD1RQ*, LD1RO*, LDR, the stores, PRF*, and the gathers,
 * scatters and gather prefetches), the SME ones (LD1* and ST1* of a ZA tile
 * slice, LDR/STR of a ZA array vector and of ZT0) and the SME2/SVE2.1
 * multi-vector LD1/LDNT1/ST1/STNT1 as binutils objdump (2.40) prints them
 * (ZT0 and the multi-vector forms, which it does not know, as
 * llvm-objdump-19 does, without the spaces inside its braces), from the
 * nisv_insn fields alone (op, rclass, esize_log2, msize_log2, pg, nregs,
 * selem, rstride, rt, rs, lane, rn, rm, imm, addr, extend, shift, flags,
 * vbytes), and the words that describe their access. Sizes that
 * depend on the vector length are given in terms of VL (SVL, the streaming
 * one, for SME), in bits: "VL/8 bytes" is one Z register.
 */
#include "format.h"

static const char msize_ch[] = "bhwdq"; /* mnemonic suffix: memory element size */
static const char esize_ch[] = "bhsdq"; /* register element arrangement        */

static int sve_prefetch(const nisv_insn *d)
{
	/* PRFB/PRFH/PRFW/PRFD: the SVE encoding space, op0 (bits 28:25) = 0010 */
	return d->op == NISV_OP_PREFETCH && ((d->word >> 25) & 0xf) == 0x2;
}

int sve_vector_addressed(const nisv_insn *d)
{
	return d->addr == NISV_AM_VEC_IMM || d->addr == NISV_AM_SCALAR_VEC || d->addr == NISV_AM_VEC_SCALAR;
}

int sve_form(const nisv_insn *d)
{
	return (d->op >= NISV_OP_SVE_LOAD && d->op <= NISV_OP_SVE_LOAD_REPL) || sve_prefetch(d);
}

int sme_form(const nisv_insn *d)
{
	return d->rclass >= NISV_RC_ZA && d->rclass <= NISV_RC_ZT0;
}

/* The vector length the access scales with. */
static const char *vl_name(const nisv_insn *d)
{
	return sme_form(d) ? "SVL" : "VL";
}

/* za3h.s[w12, 1] (a tile slice), za[w13, 15] (an array vector), zt0. */
static void sme_operand(const nisv_insn *d, struct buf *b)
{
	if (d->rclass == NISV_RC_ZT0)
		put(b, "zt0");
	else if (d->rclass == NISV_RC_ZA)
		put(b, "za[w%u, %u]", d->rs, d->lane);
	else
		put(b, "za%u%c.%c[w%u, %u]", d->rt, d->rclass == NISV_RC_ZA_V ? 'v' : 'h', esize_ch[d->esize_log2 % 5],
		    d->rs, d->lane);
}

/* z<r>.s / z<r>.d: a vector of addresses or offsets (esize_log2; the .Q
 * gathers' bases are doublewords). */
void sve_addr_vec(const nisv_insn *d, unsigned r, struct buf *b)
{
	put(b, "z%u.%c", r, esize_ch[d->esize_log2 == 4 ? 3 : d->esize_log2 & 3]);
}

/* The register number step of the transfer list (a strided multi-vector list: 8 or 4). */
static unsigned reg_step(const nisv_insn *d)
{
	return d->rstride ? d->rstride : 1;
}

/* A multi-vector LD1/ST1 of 2 or 4 registers (not a structure load/store). */
static int multi_vector(const nisv_insn *d)
{
	return d->nregs > 1 && d->selem == 1;
}

void sve_xfer_reg(const nisv_insn *d, unsigned i, struct buf *b)
{
	if (sme_form(d))
		sme_operand(d, b);
	else if (d->rclass == NISV_RC_P)
		put(b, "p%u", d->rt);
	else
		put(b, "z%u", (d->rt + i * reg_step(d)) % 32);
}

/*
 * Bytes one register occupies in memory, as VL/divisor: (VL/8 >> esize) <<
 * msize for the contiguous forms; VL/8 for LDR/STR Z, for the prefetches'
 * MUL VL offsets and for a ZA slice or array vector (SVL/8); VL/64 for a
 * predicate.
 */
static unsigned footprint_divisor(const nisv_insn *d)
{
	if (d->rclass == NISV_RC_P)
		return 64;
	if (sve_prefetch(d) || d->esize_log2 < d->msize_log2)
		return 8;
	return 8u << (d->esize_log2 - d->msize_log2);
}

/* SVE <prfop>: bit 3 store, bits 2:1 the cache level (3: no name), bit 0 streaming. */
static void sve_prfop(struct buf *b, unsigned op)
{
	op &= 15;
	if ((op >> 1 & 3) == 3)
		put(b, "#%u", op);
	else
		put(b, "%sl%u%s", op & 8 ? "pst" : "pld", (op >> 1 & 3) + 1, op & 1 ? "strm" : "keep");
}

/* [Xn, Zm.S, SXTW #1], [Xn, Zm.D], [Xn, Zm.D, LSL #3]: no #0, no LSL of 0. */
static void sve_vec_offset(const nisv_insn *d, struct buf *b)
{
	base_reg(b, d->rn);
	put(b, ", ");
	sve_addr_vec(d, d->rm, b);
	if (d->extend != NISV_EXT_LSL)
		put(b, ", %s", d->extend == NISV_EXT_SXTW ? "sxtw" : "uxtw");
	else if (d->shift)
		put(b, ", lsl");
	if (d->shift)
		put(b, " #%u", d->shift);
}

static void sve_address(const nisv_insn *d, struct buf *b)
{
	put(b, "[");
	if (sve_vector_addressed(d)) {
		if (d->addr == NISV_AM_SCALAR_VEC) {
			sve_vec_offset(d, b);
		} else {
			sve_addr_vec(d, d->rn, b);
			if (d->addr == NISV_AM_VEC_SCALAR && (d->rm != 31 || d->esize_log2 != 4)) {
				put(b, ", "); /* LD1Q/ST1Q leave XZR out, as llvm-objdump does */
				gpr(b, 1, d->rm);
			} else if (d->imm) {
				put(b, ", #%lld", (long long)d->imm);
			}
		}
		put(b, "]");
		return;
	}
	base_reg(b, d->rn);
	switch (d->addr) {
	case NISV_AM_MUL_VL:
		if (d->imm)
			put(b, ", #%lld, mul vl", (long long)d->imm);
		break;
	case NISV_AM_REG:
		put(b, ", ");
		gpr(b, 1, d->rm);
		if (d->shift)
			put(b, ", lsl #%u", d->shift);
		break;
	case NISV_AM_OFFSET:
		if (d->imm)
			put(b, ", #%lld", (long long)d->imm);
		break;
	default:
		break;
	}
	put(b, "]");
}

/* {z0.b}, {z0.b, z1.b}, {z0.s-z2.s}; a list that wraps past z31 is spelt
 * out, and so is a strided one ({z0.b, z8.b}). */
static void sve_list(const nisv_insn *d, struct buf *b)
{
	char t = esize_ch[d->esize_log2 % 5];
	unsigned n = d->nregs ? d->nregs : 1, step = reg_step(d);

	put(b, "{");
	if (n > 2 && step == 1 && d->rt + n - 1 < 32)
		put(b, "z%u.%c-z%u.%c", d->rt, t, d->rt + n - 1, t);
	else
		for (unsigned i = 0; i < n; i++)
			put(b, "%sz%u.%c", i ? ", " : "", (d->rt + i * step) % 32, t);
	put(b, "}");
}

void sve_insn_text(const nisv_insn *d, struct buf *b)
{
	int load = d->op != NISV_OP_SVE_STORE;
	const char *ls = load ? "ld" : "st";
	char m = msize_ch[d->msize_log2 % 5];

	if (sme_form(d)) {
		if (d->rclass == NISV_RC_ZA_H || d->rclass == NISV_RC_ZA_V)
			put(b, "%s1%c {", ls, m);
		else
			put(b, "%sr ", ls);
		sme_operand(d, b);
		if (d->pg != NISV_PG_ALL)
			put(b, "}, p%u%s", d->pg, load ? "/z" : "");
		put(b, ", ");
		sve_address(d, b);
		return;
	}
	if (sve_prefetch(d)) {
		put(b, "prf%c ", m);
		sve_prfop(b, d->rt);
		put(b, ", p%u, ", d->pg);
		sve_address(d, b);
		return;
	}
	if (d->pg == NISV_PG_ALL) { /* LDR/STR (vector), (predicate) */
		put(b, "%sr %c%u, ", ls, d->rclass == NISV_RC_P ? 'p' : 'z', d->rt);
		sve_address(d, b);
		return;
	}
	if (d->op == NISV_OP_SVE_LOAD_REPL)
		put(b, "ld1r%s%c", d->vbytes == 16 ? "q" : d->vbytes == 32 ? "o" : d->flags & NISV_F_SIGNED ? "s" : "", m);
	else if (d->selem > 1)
		put(b, "%s%u%c", ls, d->selem, m);
	else if (d->flags & NISV_F_NONTEMP)
		put(b, "%snt1%s%c", ls, d->flags & NISV_F_SIGNED ? "s" : "", m);
	else if (d->flags & (NISV_F_FIRST_FAULT | NISV_F_NON_FAULT))
		put(b, "ld%s1%s%c", d->flags & NISV_F_FIRST_FAULT ? "ff" : "nf", d->flags & NISV_F_SIGNED ? "s" : "", m);
	else
		put(b, "%s1%s%c", ls, d->flags & NISV_F_SIGNED ? "s" : "", m);
	put(b, " ");
	sve_list(d, b);
	put(b, ", p%s%u%s, ", d->flags & NISV_F_PRED_AS_COUNTER ? "n" : "", d->pg, load ? "/z" : "");
	sve_address(d, b);
}

/* ---- the access ------------------------------------------------------------- */

unsigned sve_fixed_bytes(const nisv_insn *d)
{
	if (d->rclass == NISV_RC_ZT0)
		return 64;
	if (d->op != NISV_OP_SVE_LOAD_REPL)
		return 0;
	return d->vbytes ? d->vbytes : 1u << d->msize_log2;
}

void sve_size_text(const nisv_insn *d, struct buf *b)
{
	unsigned div = footprint_divisor(d), es = 1u << d->msize_log2, n = d->nregs ? d->nregs : 1;
	char t = esize_ch[d->esize_log2 % 5];
	const char *dir = d->op == NISV_OP_SVE_STORE ? "from" : "into";

	if (sve_prefetch(d))
		return;
	if (d->rclass == NISV_RC_ZT0) {
		put(b, " 64 bytes");
	} else if (sme_form(d)) {
		put(b, " SVL/8 bytes");
		if (d->rclass != NISV_RC_ZA)
			put(b, " (SVL/%u x %u, %s a %s .%c slice)", div * es, es, dir,
			    d->rclass == NISV_RC_ZA_V ? "vertical" : "horizontal", t);
	} else if (sve_vector_addressed(d)) {
		put(b, " VL/%u elements of %u byte%s, %s .%c elements (each at its own address)", div * es, es,
		    es > 1 ? "s" : "", d->op == NISV_OP_SVE_STORE ? "scattered from" : "gathered into", t);
	} else if (d->pg == NISV_PG_ALL) {
		put(b, " VL/%u bytes", div);
	} else if (d->op == NISV_OP_SVE_LOAD_REPL) {
		if (d->vbytes)
			put(b, " %u bytes, replicated to every %u-bit segment (.%c elements)", d->vbytes, d->vbytes * 8, t);
		else
			put(b, " %u byte%s, replicated to every .%c element", es, es > 1 ? "s" : "", t);
	} else if (n == 1) {
		put(b, " VL/%u bytes (VL/%u x %u, %s .%c elements)", div, div * es, es, dir, t);
	} else if (multi_vector(d)) {
		put(b, " %u x VL/%u bytes (%u registers of VL/%u x %u, one after another, %s .%c elements)", n, div, n,
		    div * es, es, dir, t);
	} else {
		put(b, " %u x VL/%u bytes (VL/%u structures of %u x %u, %s .%c elements)", n, div, div * es, n, es, dir, t);
	}
}

void sve_predicate_text(const nisv_insn *d, struct buf *b)
{
	if (d->pg == NISV_PG_ALL)
		return;
	if (d->flags & NISV_F_PRED_AS_COUNTER) /* Arm ARM "CounterToPredicate" */
		put(b, "; predicate-as-counter pn%u over the %u registers%s", d->pg, d->nregs,
		    d->op == NISV_OP_SVE_STORE ? " (inactive elements not written)" : " (zeroing)");
	else
		put(b, "; predicate p%u%s", d->pg,
		    sve_prefetch(d) ? "" : d->op == NISV_OP_SVE_STORE ? " (inactive elements not written)" : " (zeroing)");
	/* Arm ARM "LDFF1B", "LDNF1B": FFR clears from the first element not read */
	if (d->flags & NISV_F_FIRST_FAULT)
		put(b, "; first-fault (only the first active element faults; FFR marks the elements not loaded)");
	if (d->flags & NISV_F_NON_FAULT)
		put(b, "; non-fault (no element faults; FFR marks the elements not loaded)");
}

/* The address of element i: "z1.s[i]+16", "x1+(z2.d[i] sxtw<<3)",
 * "z1.d[i]+x2", "z1.d[2i]+x2" (LD1Q, ST1Q). */
void sve_vec_addr_expr(const nisv_insn *d, struct buf *b)
{
	if (d->addr == NISV_AM_SCALAR_VEC) {
		base_reg(b, d->rn);
		put(b, "+(");
		sve_addr_vec(d, d->rm, b);
		put(b, "[i]");
		if (d->extend != NISV_EXT_LSL)
			put(b, " %s", d->extend == NISV_EXT_SXTW ? "sxtw" : "uxtw");
		if (d->shift)
			put(b, "<<%u", d->shift);
		put(b, ")");
		return;
	}
	sve_addr_vec(d, d->rn, b);
	put(b, d->esize_log2 == 4 ? "[2i]" : "[i]"); /* LD1Q: "Elem[base, 2*e, 64]" */
	if (d->addr == NISV_AM_VEC_SCALAR && d->rm != 31)
		put(b, "+x%u", d->rm);
	else if (d->addr == NISV_AM_VEC_IMM && d->imm)
		put(b, "%+lld", (long long)d->imm);
}

void sve_mul_vl_expr(const nisv_insn *d, struct buf *b)
{
	base_reg(b, d->rn);
	if (d->imm)
		put(b, "%+lld*(%s/%u)", (long long)d->imm, vl_name(d), footprint_divisor(d));
}

void sve_json(const nisv_insn *d)
{
	char tmp[32];
	struct buf b = { tmp, sizeof(tmp), 0 };
	unsigned n = d->nregs ? d->nregs : 1;

	if (d->addr == NISV_AM_MUL_VL) {
		put(&b, "%s/%u bytes", vl_name(d), footprint_divisor(d));
		json_str("offset_unit", tmp);
	}
	if (!sve_fixed_bytes(d) && !sve_prefetch(d))
		json_u64("bytes_per_128_bits_of_vl", n * 128 / footprint_divisor(d));
	json_u64("memory_element", 1u << d->msize_log2);
	if (d->pg == NISV_PG_ALL) {
		json_null("predicate");
	} else {
		b.k = 0;
		put(&b, "p%s%u", d->flags & NISV_F_PRED_AS_COUNTER ? "n" : "", d->pg);
		json_str("predicate", tmp);
	}
	if (multi_vector(d)) {
		json_bool("predicate_as_counter", (d->flags & NISV_F_PRED_AS_COUNTER) != 0);
		json_u64("register_stride", reg_step(d));
	}
	json_bool("first_fault", (d->flags & NISV_F_FIRST_FAULT) != 0);
	json_bool("non_fault", (d->flags & NISV_F_NON_FAULT) != 0);
	if (d->op == NISV_OP_SVE_LOAD_REPL)
		json_str("replicate", d->vbytes == 16 ? "128-bit" : d->vbytes == 32 ? "256-bit" : "element");
	if (sme_form(d) && d->rclass != NISV_RC_ZT0) {
		if (d->rclass != NISV_RC_ZA) {
			json_u64("tile", d->rt);
			json_str("slice", d->rclass == NISV_RC_ZA_V ? "vertical" : "horizontal");
		}
		b.k = 0;
		put(&b, "w%u", d->rs);
		json_str("slice_index", tmp);
		json_u64("slice_offset", d->lane);
	}
}
