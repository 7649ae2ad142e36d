/*
 * nisv_decode: a table lookup. The tables (decode_table.h), generated from
 * a64_ldst.decode, hold per leaf everything that is constant for its words;
 * the operand fields sit at fixed places in every load/store (Arm ARM
 * C4.1.88: Rt [4:0], Rn [9:5], Rt2 [14:10], Rm/Rs [20:16], option
 * [15:13]), so decoding is a copy of the leaf's template, the word's
 * register fields under the leaf's masks, and one immediate bit-field.
 * No branch depends on which memory instruction the word is.
 */
#include <stddef.h>

#include "nisv.h"
#include "decode_table.h"

/* rt, rt2, rn, rm are four consecutive bytes, rs and extend two: each group
 * is written with one store of a value built in a register. */
_Static_assert(offsetof(nisv_insn, rt2) == offsetof(nisv_insn, rt) + 1 &&
		       offsetof(nisv_insn, rn) == offsetof(nisv_insn, rt) + 2 &&
		       offsetof(nisv_insn, rm) == offsetof(nisv_insn, rt) + 3 &&
		       offsetof(nisv_insn, extend) == offsetof(nisv_insn, rs) + 1,
	       "nisv_insn operand bytes moved");

/* The shift that puts a value into byte k (in memory order) of an n-byte integer. */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define BYTE(k, n) (8 * (k))
#else
#define BYTE(k, n) (8 * ((n) - 1 - (k)))
#endif

/* Rt, Rt2, Rn, Rm as the bytes rt, rt2, rn, rm of nisv_insn. */
static uint32_t registers(uint32_t w)
{
	return (w & 31) << BYTE(0, 4) | ((w >> 10) & 31) << BYTE(1, 4) | ((w >> 5) & 31) << BYTE(2, 4) |
	       ((w >> 16) & 31) << BYTE(3, 4);
}

/* Rs and option as the bytes rs, extend of nisv_insn. */
static uint16_t rs_extend(uint32_t w)
{
	return (uint16_t)(((w >> 16) & 31) << BYTE(0, 2) | ((w >> 13) & 7) << BYTE(1, 2));
}

/*
 * The leaf's immediate field, sign- or zero-extended and scaled: the
 * generator picks the shifts so that the field's top bit lands in bit 31
 * (signed) or 30 (unsigned), then an arithmetic shift brings it down.
 * Relies on GCC/Clang's modulo conversion to int32_t and arithmetic >>.
 */
static int32_t leaf_imm(uint32_t w, const struct dec_leaf *l)
{
	return (int32_t)((w & l->imm_mask) << l->imm_shl) >> l->imm_sar;
}

/* Down a slot's chain: only the words of the few leaves that need more
 * bits than their slot gives (ST<op> aliases, post-index by Rm == 31,
 * CASPL, DC) and unallocated words in a memory instruction's slot. */
static const struct dec_leaf *walk_chain(uint32_t w, const struct dec_leaf *l)
{
	do
		l = &nisv_dec_leaves[l->next];
	while ((w & l->mask) != l->value);
	return l;
}

nisv_status nisv_decode(uint32_t w, nisv_insn *d)
{
	const struct dec_index *ix;
	const struct dec_leaf *l;
	uint32_t regs, take_regs;
	uint16_t rs_ext, take_rs_ext;

	if (!d)
		return NISV_INVALID_ARGUMENT;
	ix = &nisv_dec_index[w >> NISV_DEC_KEY_LO];
	l = &nisv_dec_leaves[nisv_dec_slots[ix->base + ((w >> ix->lo) & ix->mask)]];
	if (__builtin_expect((w & l->mask) != l->value, 0))
		l = walk_chain(w, l);
	if (l->tmpl.op == NISV_OP_NONE) { /* not a memory instruction nisv knows */
		*d = (nisv_insn){ .word = w, .nregs = 1, .selem = 1 };
		return NISV_UNSUPPORTED;
	}
	*d = l->tmpl;
	d->word = w;
	__builtin_memcpy(&regs, &l->tmpl.rt, sizeof(regs)); /* CASP's Rt2 = Rt + 1 */
	__builtin_memcpy(&take_regs, l->take_regs, sizeof(take_regs));
	regs |= registers(w) & take_regs;
	__builtin_memcpy(&d->rt, &regs, sizeof(regs));
	__builtin_memcpy(&take_rs_ext, l->take_rs_ext, sizeof(take_rs_ext));
	rs_ext = rs_extend(w) & take_rs_ext;
	__builtin_memcpy(&d->rs, &rs_ext, sizeof(rs_ext));
	d->imm = l->tmpl.imm + leaf_imm(w, l);
	return NISV_OK;
}
