/*
 * nisv_decode: a table lookup. The tables (decode_table.h), generated from
 * a64_ldst.decode, hold per leaf everything that is constant for its words;
 * the operand fields sit at fixed places in every load/store (Arm ARM
 * C4.1.88: Rt [4:0], Rn [9:5], Rt2 [14:10], option [15:13], Rm/Rs
 * [20:16]; SVE Pg [12:10]), so decoding is the leaf's template, the word's register fields
 * its take masks let through, and one immediate bit-field.
 */
#include "decode_table.h"

/* Down a slot's chain: only the words of the few leaves that need more
 * bits than their slot gives (ST<op> aliases, post-index by Rm == 31,
 * CASPL, DC) and unallocated words in a memory instruction's slot. */
static const struct dec_leaf *find_leaf(uint32_t w)
{
	const struct dec_index *ix = &dec_index_table[w >> NISV_DEC_KEY_LO];
	const struct dec_leaf *l = &dec_leaves[dec_slots[ix->base + ((w >> ix->lo) & ix->mask)]];

	while ((w & l->mask) != l->value)
		l = &dec_leaves[l->next];
	return l;
}

/*
 * The leaf's immediate field, sign- or zero-extended and scaled: the
 * multiply (a power of two) puts the field's top bit in bit 63 (signed) or
 * 62 (unsigned), and an arithmetic shift brings it down. Relies on
 * GCC/Clang's modulo conversion to int64_t and arithmetic >>.
 */
static int64_t leaf_imm(uint32_t w, const struct dec_leaf *l)
{
	return (int64_t)((w & l->imm_mask) * l->imm_mul) >> l->imm_sar;
}

NISV_API nisv_status nisv_decode(uint32_t w, nisv_insn *d)
{
	const struct dec_leaf *l;

	if (!d)
		return NISV_INVALID_ARGUMENT;
	l = find_leaf(w);
	*d = l->tmpl;
	d->word = w;
	d->rt |= (uint8_t)(w & l->take.rt);
	d->rn |= (uint8_t)(w >> 5 & l->take.rn);
	d->rt2 |= (uint8_t)(w >> 10 & l->take.rt2);
	d->extend |= (uint8_t)(w >> 13 & l->take.extend);
	d->rm |= (uint8_t)(w >> 16 & l->take.rm);
	d->rs |= (uint8_t)(w >> 16 & l->take.rs);
	d->pg |= (uint8_t)(w >> 10 & l->take.pg);
	d->imm += leaf_imm(w, l);
	return d->op != NISV_OP_NONE ? NISV_OK : NISV_UNSUPPORTED;
}
