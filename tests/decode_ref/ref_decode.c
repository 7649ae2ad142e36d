/*
 * The reference decoder: nisv_decode() as it was before the table-driven
 * decoder (src/decode.c at commit 9d21018), renamed ref_decode(). It scans
 * the rows of a64_ldst.decode in order and extracts operands with one
 * function per format; the SVE gathers and scatters and the SME
 * instructions, added later, come from the Arm ARM's own encodings instead
 * (ref_gather.c, ref_sme.c, ref_multi.c, ref_quad.c). decode_ref.c
 * checks the fast decoder against it. Kept as it was: do not optimise it.
 *
 * The generic matcher over the encoding table, and one operand-extraction
 * function per format. Field positions and the unallocated combinations
 * follow the Arm ARM (DDI 0487), C4.1.88 "Loads and Stores".
 */
#include "nisv.h"
#include "bits.h"
#include "ref_table.h"
#include "ref_decode.h"

#define RT(w) ((uint8_t)field(w, 0, 5))
#define RN(w) ((uint8_t)field(w, 5, 5))
#define RT2(w) ((uint8_t)field(w, 10, 5))
#define RM(w) ((uint8_t)field(w, 16, 5))
#define SIZE(w) field(w, 30, 2)

/* A load/store's transfer type, as selected by its size/opc/V fields. */
struct ldst_type {
	uint8_t op, esz, rclass;
	uint16_t flags;
};

#define T(op, esz, rc, fl) { NISV_OP_##op, esz, NISV_RC_##rc, fl }
#define U { NISV_OP_NONE, 0, 0, 0 }
#define S NISV_F_SIGNED

/* Single register, indexed by size:V:opc. */
static const struct ldst_type single_types[32] = {
	T(STORE, 0, W, 0), T(LOAD, 0, W, 0), T(LOAD, 0, X, S), T(LOAD, 0, W, S),   /* B, LDRSB */
	T(STORE, 0, V, 0), T(LOAD, 0, V, 0), T(STORE, 4, V, 0), T(LOAD, 4, V, 0), /* B, Q     */
	T(STORE, 1, W, 0), T(LOAD, 1, W, 0), T(LOAD, 1, X, S), T(LOAD, 1, W, S),   /* H, LDRSH */
	T(STORE, 1, V, 0), T(LOAD, 1, V, 0), U, U,                                 /* H        */
	T(STORE, 2, W, 0), T(LOAD, 2, W, 0), T(LOAD, 2, X, S), U,                  /* W, LDRSW */
	T(STORE, 2, V, 0), T(LOAD, 2, V, 0), U, U,                                 /* S        */
	T(STORE, 3, X, 0), T(LOAD, 3, X, 0), T(PREFETCH, 3, NONE, 0), U,           /* X, PRFM  */
	T(STORE, 3, V, 0), T(LOAD, 3, V, 0), U, U,                                 /* D        */
};

/* Load literal, indexed by opc:V. */
static const struct ldst_type literal_types[8] = {
	T(LOAD, 2, W, 0), T(LOAD, 2, V, 0), T(LOAD, 3, X, 0), T(LOAD, 3, V, 0),
	T(LOAD, 2, X, S), T(LOAD, 4, V, 0), T(PREFETCH, 3, NONE, 0), U,
};

/* Pairs, indexed by opc:V (L chooses LOAD/STORE; opc=01 V=0 is special). */
static const struct ldst_type pair_types[8] = {
	T(STORE, 2, W, 0), T(STORE, 2, V, 0), U, T(STORE, 3, V, 0),
	T(STORE, 3, X, 0), T(STORE, 4, V, 0), U, U,
};

/* LDAPUR family (FEAT_LRCPC2), indexed by size:opc. */
static const struct ldst_type ldapur_types[16] = {
	T(STORE, 0, W, 0), T(LOAD, 0, W, 0), T(LOAD, 0, X, S), T(LOAD, 0, W, S),
	T(STORE, 1, W, 0), T(LOAD, 1, W, 0), T(LOAD, 1, X, S), T(LOAD, 1, W, S),
	T(STORE, 2, W, 0), T(LOAD, 2, W, 0), T(LOAD, 2, X, S), U,
	T(STORE, 3, X, 0), T(LOAD, 3, X, 0), U, U,
};

#undef S
#undef U
#undef T

static void set_type(nisv_insn *d, const struct ldst_type *t)
{
	d->op = t->op;
	d->esize_log2 = t->esz;
	d->rclass = t->rclass;
	d->flags |= t->flags;
}

static uint8_t gpr_class(unsigned esz)
{
	return esz == 3 ? NISV_RC_X : NISV_RC_W;
}

static int fmt_dc(uint32_t w, const struct enc_row *r, nisv_insn *d)
{
	d->rt = RT(w);
	d->rclass = NISV_RC_NONE;
	d->dc = r->extra;
	return 1;
}

/* Exclusives, ordered LDAR/STLR, CAS: size gives the element. */
static int fmt_excl(uint32_t w, const struct enc_row *r, nisv_insn *d)
{
	(void)r;
	d->esize_log2 = (uint8_t)SIZE(w);
	d->rclass = gpr_class(d->esize_log2);
	d->rt = RT(w);
	d->rn = RN(w);
	if (d->op == NISV_OP_STORE_EXCL || d->op == NISV_OP_CAS)
		d->rs = RM(w);
	return 1;
}

static int fmt_excl_pair(uint32_t w, const struct enc_row *r, nisv_insn *d)
{
	(void)r;
	d->esize_log2 = (uint8_t)(2 + field(w, 30, 1));
	d->rclass = gpr_class(d->esize_log2);
	d->nregs = 2;
	d->rt = RT(w);
	d->rt2 = RT2(w);
	d->rn = RN(w);
	if (d->op == NISV_OP_STORE_EXCL)
		d->rs = RM(w);
	return 1;
}

/* CASP: Rs and Rt name even/odd pairs; an odd register is UNDEFINED. */
static int fmt_casp(uint32_t w, const struct enc_row *r, nisv_insn *d)
{
	(void)r;
	d->esize_log2 = (uint8_t)(2 + field(w, 30, 1));
	d->rclass = gpr_class(d->esize_log2);
	d->nregs = 2;
	d->rs = RM(w);
	d->rt = RT(w);
	d->rt2 = (uint8_t)(d->rt + 1);
	d->rn = RN(w);
	return !(d->rs & 1) && !(d->rt & 1);
}

static int fmt_ldapur(uint32_t w, const struct enc_row *r, nisv_insn *d)
{
	(void)r;
	set_type(d, &ldapur_types[SIZE(w) << 2 | field(w, 22, 2)]);
	d->flags |= d->op == NISV_OP_STORE ? NISV_F_RELEASE : NISV_F_ACQUIRE | NISV_F_RCPC;
	d->rt = RT(w);
	d->rn = RN(w);
	d->imm = sext(field(w, 12, 9), 9);
	return d->op != NISV_OP_NONE;
}

static int fmt_literal(uint32_t w, const struct enc_row *r, nisv_insn *d)
{
	(void)r;
	set_type(d, &literal_types[field(w, 30, 2) << 1 | field(w, 26, 1)]);
	d->rt = RT(w);
	d->imm = sext(field(w, 5, 19), 19) * 4;
	return d->op != NISV_OP_NONE;
}

static int fmt_pair(uint32_t w, const struct enc_row *r, nisv_insn *d)
{
	unsigned opc = field(w, 30, 2), v = field(w, 26, 1), load = field(w, 22, 1);
	unsigned scale;

	if (opc == 1 && !v) {
		/* LDPSW, or STGP (whose offset counts 16-byte tag granules) */
		static const struct ldst_type ldpsw = { NISV_OP_LOAD, 2, NISV_RC_X, NISV_F_SIGNED };
		static const struct ldst_type stgp = { NISV_OP_STORE, 3, NISV_RC_X, NISV_F_TAG };
		if (r->flags & NISV_F_NONTEMP)
			return 0;
		set_type(d, load ? &ldpsw : &stgp);
		scale = load ? 2 : 4;
	} else {
		set_type(d, &pair_types[opc << 1 | v]);
		if (d->op == NISV_OP_NONE)
			return 0;
		if (load)
			d->op = NISV_OP_LOAD;
		scale = d->esize_log2;
	}
	d->nregs = 2;
	d->rt = RT(w);
	d->rt2 = RT2(w);
	d->rn = RN(w);
	d->imm = sext(field(w, 15, 7), 7) * (1 << scale);
	return 1;
}

static int single_type(uint32_t w, const struct enc_row *r, nisv_insn *d)
{
	set_type(d, &single_types[SIZE(w) << 3 | field(w, 26, 1) << 2 | field(w, 22, 2)]);
	d->rt = RT(w);
	d->rn = RN(w);
	if (d->op == NISV_OP_PREFETCH && (r->row_flags & ROW_NO_PRFM))
		return 0;
	if (d->rclass == NISV_RC_V && (r->row_flags & ROW_GPR_ONLY))
		return 0;
	return d->op != NISV_OP_NONE;
}

static int fmt_uimm(uint32_t w, const struct enc_row *r, nisv_insn *d)
{
	if (!single_type(w, r, d))
		return 0;
	d->imm = (int64_t)field(w, 10, 12) << d->esize_log2;
	return 1;
}

static int fmt_imm9(uint32_t w, const struct enc_row *r, nisv_insn *d)
{
	if (!single_type(w, r, d))
		return 0;
	d->imm = sext(field(w, 12, 9), 9);
	return 1;
}

/* Register offset: option<1> == 0 is unallocated; S scales by the size. */
static int fmt_regoff(uint32_t w, const struct enc_row *r, nisv_insn *d)
{
	unsigned option = field(w, 13, 3);

	if (!single_type(w, r, d) || !(option & 2))
		return 0;
	d->rm = RM(w);
	d->extend = (uint8_t)option;
	d->shift = field(w, 12, 1) ? d->esize_log2 : 0;
	return 1;
}

static int fmt_atomic(uint32_t w, const struct enc_row *r, nisv_insn *d)
{
	d->esize_log2 = (uint8_t)SIZE(w);
	d->rclass = gpr_class(d->esize_log2);
	d->atomic = r->extra == NISV_AT_SWP ? NISV_AT_SWP : (uint8_t)field(w, 12, 3);
	d->rs = RM(w);
	d->rt = RT(w);
	d->rn = RN(w);
	if (field(w, 23, 1))
		d->flags |= NISV_F_ACQUIRE;
	if (field(w, 22, 1))
		d->flags |= NISV_F_RELEASE;
	if (d->rt == 31 && !field(w, 23, 1) && d->atomic != NISV_AT_SWP)
		d->flags |= NISV_F_NO_RESULT;
	return 1;
}

static int fmt_ldapr(uint32_t w, const struct enc_row *r, nisv_insn *d)
{
	(void)r;
	d->esize_log2 = (uint8_t)SIZE(w);
	d->rclass = gpr_class(d->esize_log2);
	d->rt = RT(w);
	d->rn = RN(w);
	return 1;
}

/* LDRAA/LDRAB: 10-bit signed offset S:imm9 scaled by 8; W selects pre-index. */
static int fmt_pac(uint32_t w, const struct enc_row *r, nisv_insn *d)
{
	(void)r;
	d->esize_log2 = 3;
	d->rclass = NISV_RC_X;
	d->rt = RT(w);
	d->rn = RN(w);
	d->imm = sext(field(w, 22, 1) << 9 | field(w, 12, 9), 10) * 8;
	if (field(w, 23, 1))
		d->flags |= NISV_F_PAC_KEY_B;
	if (field(w, 11, 1))
		d->addr = NISV_AM_PRE;
	return 1;
}

/* Post-index by register; Rm == 31 means "by the transfer size" (imm form). */
static void simd_post_index(uint32_t w, nisv_insn *d, unsigned total)
{
	if (d->addr != NISV_AM_POST_REG)
		return;
	d->rm = RM(w);
	if (d->rm == 31) {
		d->addr = NISV_AM_POST;
		d->imm = total;
	}
}

/* Multiple structures: opcode -> (registers repeated, elements per structure). */
static const uint8_t multi_rpt[16] = { 1, 0, 4, 0, 1, 0, 3, 1, 1, 0, 2 };
static const uint8_t multi_selem[16] = { 4, 0, 1, 0, 3, 0, 1, 1, 2, 0, 1 };

static int fmt_simd_multi(uint32_t w, const struct enc_row *r, nisv_insn *d)
{
	unsigned q = field(w, 30, 1), opcode = field(w, 12, 4), size = field(w, 10, 2);
	unsigned rpt = multi_rpt[opcode], selem = multi_selem[opcode];

	(void)r;
	if (!rpt || (size == 3 && !q && selem != 1))
		return 0;
	d->op = field(w, 22, 1) ? NISV_OP_LD_MULTI : NISV_OP_ST_MULTI;
	d->rclass = NISV_RC_V;
	d->esize_log2 = (uint8_t)size;
	d->vbytes = q ? 16 : 8;
	d->selem = (uint8_t)selem;
	d->nregs = (uint8_t)(rpt * selem);
	d->rt = RT(w);
	d->rn = RN(w);
	simd_post_index(w, d, d->vbytes * d->nregs);
	return 1;
}

/* Single structure (lane) and replicate; Arm ARM "LD1 (single structure)". */
static int fmt_simd_single(uint32_t w, const struct enc_row *r, nisv_insn *d)
{
	unsigned q = field(w, 30, 1), load = field(w, 22, 1), s = field(w, 12, 1);
	unsigned size = field(w, 10, 2), opcode = field(w, 13, 3);
	unsigned scale = opcode >> 1, index = 0;

	(void)r;
	d->selem = (uint8_t)(((opcode & 1) << 1 | field(w, 21, 1)) + 1);
	switch (scale) {
	case 0:
		index = q << 3 | s << 2 | size;
		break;
	case 1:
		if (size & 1)
			return 0;
		index = q << 2 | s << 1 | size >> 1;
		break;
	case 2:
		if (size & 2)
			return 0;
		if (!(size & 1)) {
			index = q << 1 | s;
		} else {
			if (s)
				return 0;
			index = q;
			scale = 3;
		}
		break;
	default: /* replicate */
		if (!load || s)
			return 0;
		scale = size;
		break;
	}
	d->op = opcode >> 1 == 3 ? NISV_OP_LD_REPL : load ? NISV_OP_LD_LANE : NISV_OP_ST_LANE;
	d->rclass = NISV_RC_V;
	d->esize_log2 = (uint8_t)scale;
	d->lane = (uint8_t)index;
	d->vbytes = q ? 16 : 8;
	d->nregs = d->selem;
	d->rt = RT(w);
	d->rn = RN(w);
	simd_post_index(w, d, (unsigned)d->selem << scale);
	return 1;
}

/*
 * SVE contiguous loads and stores (Arm ARM "SVE Memory - Contiguous Load",
 * "... Store", "... Replicating Load"): the dtype field of LD1* and LD1R*
 * gives (memory element, register element, signed).
 */
static const uint8_t sve_dtype[16][3] = {
	{ 0, 0, 0 }, { 0, 1, 0 }, { 0, 2, 0 }, { 0, 3, 0 }, { 2, 3, 1 }, { 1, 1, 0 }, { 1, 2, 0 }, { 1, 3, 0 },
	{ 1, 3, 1 }, { 1, 2, 1 }, { 2, 2, 0 }, { 2, 3, 0 }, { 0, 3, 1 }, { 0, 2, 1 }, { 0, 1, 1 }, { 3, 3, 0 },
};

static void sve_common(uint32_t w, nisv_insn *d, unsigned msz, unsigned esz, unsigned nregs)
{
	d->rclass = NISV_RC_Z;
	d->msize_log2 = (uint8_t)msz;
	d->esize_log2 = (uint8_t)esz;
	d->nregs = d->selem = (uint8_t)nregs;
	d->rt = RT(w);
	d->rn = RN(w);
	d->pg = (uint8_t)field(w, 10, 3);
}

/* The operand of either form: scalar plus immediate (imm4 times scale),
 * or scalar plus scalar, where Rm == XZR is unallocated. */
static int sve_offset(uint32_t w, nisv_insn *d, int64_t scale)
{
	if (d->addr != NISV_AM_REG) {
		d->imm = sext(field(w, 16, 4), 4) * scale;
		return 1;
	}
	d->rm = RM(w);
	d->extend = NISV_EXT_LSL;
	d->shift = d->msize_log2;
	return d->rm != 31 || (d->flags & NISV_F_FIRST_FAULT); /* LDFF1 allows XZR */
}

static int fmt_sve_ld1(uint32_t w, const struct enc_row *r, nisv_insn *d)
{
	const uint8_t *t = sve_dtype[field(w, 21, 4)];

	(void)r;
	sve_common(w, d, t[0], t[1], 1);
	if (t[2])
		d->flags |= NISV_F_SIGNED;
	return sve_offset(w, d, 1);
}

/* LDNT1/STNT1 when num (bits 22:21) is 0, else LD2-LD4/ST2-ST4. */
static int fmt_sve_ldn(uint32_t w, const struct enc_row *r, nisv_insn *d)
{
	unsigned msz = field(w, 23, 2), num = field(w, 21, 2);

	(void)r;
	sve_common(w, d, msz, msz, num + 1);
	if (!num)
		d->flags |= NISV_F_NONTEMP;
	return sve_offset(w, d, num + 1);
}

static int fmt_sve_st1(uint32_t w, const struct enc_row *r, nisv_insn *d)
{
	unsigned msz = field(w, 23, 2), size = field(w, 21, 2);

	(void)r;
	if (size < msz)
		return 0;
	sve_common(w, d, msz, size, 1);
	return sve_offset(w, d, 1);
}

static int fmt_sve_ld1rq(uint32_t w, const struct enc_row *r, nisv_insn *d)
{
	unsigned msz = field(w, 23, 2), bytes = field(w, 21, 1) ? 32 : 16;

	(void)r;
	sve_common(w, d, msz, msz, 1);
	d->vbytes = (uint8_t)bytes;
	return sve_offset(w, d, bytes);
}

static int fmt_sve_ld1r(uint32_t w, const struct enc_row *r, nisv_insn *d)
{
	const uint8_t *t = sve_dtype[field(w, 23, 2) << 2 | field(w, 13, 2)];

	(void)r;
	sve_common(w, d, t[0], t[1], 1);
	if (t[2])
		d->flags |= NISV_F_SIGNED;
	d->imm = (int64_t)field(w, 16, 6) << t[0];
	return 1;
}

/* LDR/STR (vector) when bit 14 is set, else (predicate): imm9 = 21:16:12:10. */
static int fmt_sve_ldr(uint32_t w, const struct enc_row *r, nisv_insn *d)
{
	(void)r;
	d->rclass = field(w, 14, 1) ? NISV_RC_Z : NISV_RC_P;
	d->pg = NISV_PG_ALL;
	d->rt = RT(w);
	d->rn = RN(w);
	d->imm = sext(field(w, 16, 6) << 3 | field(w, 10, 3), 9);
	return 1;
}

static int fmt_sve_prf(uint32_t w, const struct enc_row *r, nisv_insn *d)
{
	(void)r;
	d->rt = RT(w);
	d->rn = RN(w);
	d->pg = (uint8_t)field(w, 10, 3);
	/* element size = memory size: a MUL VL offset counts VL / 8 bytes */
	if (d->addr != NISV_AM_REG) {
		d->msize_log2 = d->esize_log2 = (uint8_t)field(w, 13, 2);
		d->imm = sext(field(w, 16, 6), 6);
		return 1;
	}
	d->msize_log2 = d->esize_log2 = (uint8_t)field(w, 23, 2);
	return sve_offset(w, d, 0);
}

/*
 * The gather, scatter, SME, multi-vector and 128-bit element rows:
 * ref_decode() has asked ref_gather(), ref_sme(), ref_multi() and
 * ref_quad() (the Arm ARM's encodings, not the rows) first, so a word of
 * theirs that gets here is unallocated.
 */
static int fmt_arm_arm(uint32_t w, const struct enc_row *r, nisv_insn *d)
{
	(void)w;
	(void)r;
	(void)d;
	return 0;
}

typedef int (*fmt_fn)(uint32_t, const struct enc_row *, nisv_insn *);

static const fmt_fn formats[FMT_COUNT] = {
	[FMT_DC] = fmt_dc,
	[FMT_EXCL] = fmt_excl,
	[FMT_EXCL_PAIR] = fmt_excl_pair,
	[FMT_CASP] = fmt_casp,
	[FMT_LDAPUR] = fmt_ldapur,
	[FMT_LITERAL] = fmt_literal,
	[FMT_PAIR] = fmt_pair,
	[FMT_UIMM] = fmt_uimm,
	[FMT_REGOFF] = fmt_regoff,
	[FMT_IMM9] = fmt_imm9,
	[FMT_ATOMIC] = fmt_atomic,
	[FMT_LDAPR] = fmt_ldapr,
	[FMT_PAC] = fmt_pac,
	[FMT_SIMD_MULTI] = fmt_simd_multi,
	[FMT_SIMD_SINGLE] = fmt_simd_single,
	[FMT_SVE_LD1] = fmt_sve_ld1,
	[FMT_SVE_LDN_IMM] = fmt_sve_ldn,
	[FMT_SVE_LDN_REG] = fmt_sve_ldn,
	[FMT_SVE_ST1] = fmt_sve_st1,
	[FMT_SVE_LD1RQ] = fmt_sve_ld1rq,
	[FMT_SVE_LD1R] = fmt_sve_ld1r,
	[FMT_SVE_LDR] = fmt_sve_ldr,
	[FMT_SVE_PRF] = fmt_sve_prf,
	[FMT_SVE_GATHER] = fmt_arm_arm,
	[FMT_SVE_SCATTER] = fmt_arm_arm,
	[FMT_SVE_NT_VEC] = fmt_arm_arm,
	[FMT_SVE_PRF_GATHER] = fmt_arm_arm,
	[FMT_SME_TILE] = fmt_arm_arm,
	[FMT_SME_TILE_Q] = fmt_arm_arm,
	[FMT_SME_ZA] = fmt_arm_arm,
	[FMT_SME_ZT0] = fmt_arm_arm,
	[FMT_SVE_MULTI] = fmt_arm_arm,
	[FMT_SVE_MULTI_STRIDED] = fmt_arm_arm,
	[FMT_SVE_LD1_Q] = fmt_arm_arm,
	[FMT_SVE_LDNQ_IMM] = fmt_arm_arm,
	[FMT_SVE_LDNQ_REG] = fmt_arm_arm,
	[FMT_SVE_Q_VEC] = fmt_arm_arm,
};

static void clear(nisv_insn *d, uint32_t w)
{
	*d = (nisv_insn){ .word = w, .nregs = 1, .selem = 1 };
}

nisv_status ref_decode(uint32_t w, nisv_insn *d)
{
	unsigned key = field(w, REF_ENC_KEY_LO, REF_ENC_KEY_BITS);

	if (!d)
		return NISV_INVALID_ARGUMENT;
	if (ref_gather(w, d) || ref_sme(w, d) || ref_multi(w, d))
		return NISV_OK;
	switch (ref_quad(w, d)) {
	case 1:
		return NISV_OK;
	case -1:
		clear(d, w);
		return NISV_UNSUPPORTED;
	default:
		break;
	}
	for (unsigned i = ref_enc_bucket_start[key]; i < ref_enc_bucket_start[key + 1]; i++) {
		const struct enc_row *r = &ref_enc_rows[ref_enc_bucket_rows[i]];
		if ((w & r->mask) != r->value)
			continue;
		clear(d, w);
		d->op = r->op;
		d->addr = r->am;
		d->flags = r->flags;
		if (formats[r->fmt](w, r, d))
			return NISV_OK;
		break;
	}
	clear(d, w);
	return NISV_UNSUPPORTED;
}
