/*
 * nisv_decode: a table lookup. The tables (decode_table.h), generated from
 * a64_ldst.decode, hold per leaf everything that is constant for its words;
 * the operand fields sit at fixed places in every load/store (Arm ARM
 * C4.1.88: Rt [4:0], Rn [9:5], Rt2 [14:10], Rm/Rs [20:16], option
 * [15:13]), so decoding is the leaf's template, the word's register fields
 * under the leaf's masks, and one immediate bit-field. The result is built
 * in registers and written as five stores; no branch depends on which
 * memory instruction the word is, or whether it is one.
 */
#include <stddef.h>

#include "nisv.h"
#include "decode_table.h"

/* The groups nisv_decode writes whole: word; op..nregs; the operand bytes
 * rt..atomic as one 8-byte word; dc..flags; imm. */
#define AT(f, o) (offsetof(nisv_insn, f) == (o))
_Static_assert(AT(op, 4) && AT(rclass, 5) && AT(esize_log2, 6) && AT(nregs, 7) && AT(rt, 8) && AT(shift, 9) &&
		       AT(rm, 10) && AT(rs, 11) && AT(rn, 12) && AT(extend, 13) && AT(rt2, 14) &&
		       AT(atomic, 15) && AT(dc, 16) && AT(flags, 22) && AT(imm, 24) && sizeof(nisv_insn) == 32,
	       "nisv_insn layout moved");

static const struct dec_leaf *leaf_at(uint16_t off8)
{
	return (const struct dec_leaf *)(const void *)((const char *)nisv_dec_leaves + 8 * (size_t)off8);
}

/*
 * Rt, Rm, Rs, Rn, option, Rt2 as the bytes rt, rm, rs, rn, extend, rt2 of
 * nisv_insn, in memory order. Each multiply is a sum of shifted copies of
 * its fields whose bit ranges do not overlap, so no carry crosses them:
 *   (Rm:Rt) * 0x101         Rt -> byte 0, Rm -> byte 2, Rs -> byte 3
 *   (option:Rt2:Rn) * 0x801 Rn, option -> bytes 4, 5; Rt2 -> byte 6
 *                           (<< 27 after)
 * The copies that land off target fall only in bits the take masks clear
 * (byte 1, the top bits of bytes 4..6).
 */
static uint64_t operands(uint32_t w)
{
	uint64_t rt_rm_rs = (w & 0x1f001fu) * 0x101u;
	uint64_t rn_ext_rt2 = (uint64_t)((w & 0xffe0u) * 0x801u) << 27;
	uint64_t v = rt_rm_rs | rn_ext_rt2;

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return v;
#else
	return __builtin_bswap64(v);
#endif
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

/* Down a slot's chain: only the words of the few leaves that need more
 * bits than their slot gives (ST<op> aliases, post-index by Rm == 31,
 * CASPL, DC) and unallocated words in a memory instruction's slot. */
static const struct dec_leaf *chain_walk(uint32_t w, const struct dec_leaf *l)
{
	do
		l = leaf_at(l->next);
	while ((w & l->mask) != l->value);
	return l;
}

nisv_status nisv_decode(uint32_t w, nisv_insn *d)
{
	const struct dec_index *ix;
	const struct dec_leaf *l;
	uint64_t ops, take;

	if (!d)
		return NISV_INVALID_ARGUMENT;
	ix = &nisv_dec_index[w >> NISV_DEC_KEY_LO];
	l = leaf_at(nisv_dec_slots[ix->base + ((w >> ix->lo) & ix->mask)]);
	if (__builtin_expect((w & l->mask) != l->value, 0))
		l = chain_walk(w, l);
	d->word = w;
	__builtin_memcpy(&d->op, &l->tmpl.op, 4);
	__builtin_memcpy(&ops, &l->tmpl.rt, 8);
	__builtin_memcpy(&take, l->take, 8);
	ops |= operands(w) & take;
	__builtin_memcpy(&d->rt, &ops, 8);
	__builtin_memcpy(&d->dc, &l->tmpl.dc, 8);
	d->imm = l->tmpl.imm + leaf_imm(w, l);
	return (nisv_status)l->tmpl.word;
}
