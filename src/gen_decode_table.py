#!/usr/bin/env python3
"""Turn src/a64_ldst.decode into the decode tables (decode_table.c).

Usage: gen_decode_table.py INPUT.decode OUTPUT.c

nisv_decode() (decode.c) looks a word up in three tables:

  index   one entry per value of bits [31:21]: a slice of `slots`, and the
          word bits (lo, width) that pick a slot in it
  slots   leaf numbers
  leaves  a mask/value check, a constant nisv_insn, which operand fields
          the word supplies, and the immediate's recipe (decode_formats.py
          says what each format's words mean). A word that fails the check
          goes on to the leaf's `next`; leaf 0 matches every word and
          decodes nothing (its op is NISV_OP_NONE).

The generator expands every row over its format's type bits into leaves,
then, for every index entry, builds for every slot the chain of leaves a
word of that slot can reach, in row order (the first matching row still
wins, and a row that matches but rejects the word's type makes it
unallocated: the chain then holds a leaf that catches the row's remaining
words). It picks for each entry the slot field, from a short list, that
keeps chains shortest, then the narrowest. Rows that an earlier row covers,
or that no word can reach, are refused. The per-row patterns are exported
too (enc_rows): the decode benchmark draws its words from them.
"""
import sys
from dataclasses import dataclass

sys.dont_write_bytecode = True   # no __pycache__ in the source tree
from decode_formats import FORMATS, Insn, Leaf  # noqa: E402 (after the line above)

# ---- Rows ---------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    mask: int
    value: int
    fmt: str
    insn: Insn            # what the row gives every word: op, addr, flags
    restrictions: tuple   # ROW_* names
    extra: str            # nisv_atomic / nisv_dc name, or None
    lineno: int


def parse_pattern(text):
    bits = text.replace(" ", "")
    if len(bits) != 32:
        raise ValueError(f"pattern is {len(bits)} bits, not 32: {text!r}")
    mask = value = 0
    for ch in bits:
        mask <<= 1
        value <<= 1
        if ch in "01":
            mask |= 1
            value |= int(ch)
    return mask, value


def parse_rows(src):
    rows = []
    for lineno, line in enumerate(open(src), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        cols = [c.strip() for c in line.split("|")]
        cols += [""] * (6 - len(cols))
        pattern, fmt, op, am, flags, extra = cols[:6]
        if fmt not in FORMATS:
            raise SystemExit(f"{src}:{lineno}: unknown format {fmt!r}")
        mask, value = parse_pattern(pattern)
        for r in rows:
            if (mask & r.mask) == r.mask and (value & r.mask) == r.value:
                raise SystemExit(f"{src}:{lineno}: shadowed by line {r.lineno}")
        names = [n.strip() for n in flags.split("+") if n.strip()]
        insn = Insn(op=f"OP_{op or 'NONE'}", addr=f"AM_{am or 'BASE'}",
                    flags=tuple(sorted(n for n in names if not n.startswith("ROW_"))))
        rows.append(Row(mask, value, fmt, insn, tuple(n for n in names if n.startswith("ROW_")),
                        extra or None, lineno))
    return rows


# ---- Leaves -------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """A leaf as placed in a chain: the word bits it needs, what it decodes
    to (None: the word is unallocated), and the row it came from."""
    mask: int
    value: int
    leaf: Leaf
    row: Row


def subsets(mask):
    """Every value of the bits in mask (the standard sub-mask walk)."""
    s = mask
    while True:
        yield s
        if s == 0:
            return
        s = (s - 1) & mask


def expand(row):
    """[(type value, [Check])]: the row's leaves for every value of its type bits."""
    fn, type_bits = FORMATS[row.fmt]
    type_mask = type_bits & ~row.mask
    out = []
    for t in sorted(subsets(type_mask)):
        w = row.value | t
        checks = [Check(row.mask | type_mask | leaf.must_mask, w | leaf.must_value, leaf, row)
                  for leaf in fn(row, w)]
        out.append((t, checks))
    return type_mask, out


def fits(mask, value, known, kvalue):
    """Can a word with bits `known` equal to kvalue have (w & mask) == value?"""
    return (mask & known & (value ^ kvalue)) == 0


def chain(rows, known, kvalue, reached):
    """The checks a word whose bits `known` equal kvalue walks, in order.
    Adds the line of every row on the way to `reached`."""
    out = []
    for row, type_mask, expansion in rows:
        if not fits(row.mask, row.value, known, kvalue):
            continue
        reached.add(row.lineno)
        covered = True
        for t, checks in expansion:
            if not fits(row.mask | type_mask, row.value | t, known, kvalue):
                continue
            taken = [c for c in checks if fits(c.mask, c.value, known, kvalue)]
            out += taken
            # This type value's words all decode when a leaf needs no bit
            # beyond the known ones, the row's and the type bits.
            spare = known | row.mask | type_mask
            if not any(c.mask & ~spare == 0 for c in taken):
                covered = False
        if row.mask & ~known == 0:
            return out               # the row matches every word here: stop
        if not covered:
            out.append(Check(row.mask, row.value, None, row))
    return out


def prune(checks):
    """Drop the catches no later check could take a word from (leaf 0 then
    gives the same answer)."""
    return [c for i, c in enumerate(checks)
            if c.leaf or any(fits(d.mask, d.value, c.mask, c.value) for d in checks[i + 1:])]


# The slot fields an index entry may use, narrowest first, as (lo, width):
# bit 15 (exclusives: o0), [11:10] (the imm9 family), [4:0] (CASP: Rt),
# [19:16] (SVE LD3/ST3: imm4), [15:10] (atomics, register offset, LDAPR,
# LDRAA, SIMD structures), [11:5] (DC: CRm<1:0>, op2). The generator still picks among them per entry.
SLOT_FIELDS = [(0, 0), (15, 1), (10, 2), (0, 5), (16, 4), (10, 6), (5, 7)]
KEY_LO = 21


def build_entry(rows, key, reached):
    """(lo, width, chains) for one value of bits [31:21]: the slot field
    giving the shortest longest chain, then the narrowest."""
    known, kvalue = ~((1 << KEY_LO) - 1) & 0xFFFFFFFF, key << KEY_LO
    live = [r for r in rows if fits(r[0].mask, r[0].value, known, kvalue)]
    best = None
    for lo, width in SLOT_FIELDS:
        chains = [prune(chain(live, known | ((1 << width) - 1) << lo, kvalue | sub << lo, reached))
                  for sub in range(1 << width)]
        cost = (max(len(c) for c in chains), width)
        if best is None or cost < best[0]:
            best = (cost, lo, width, chains)
        if cost[0] <= 1:
            break
    return best[1:]


# ---- C output ------------------------------------------------------------------

def c_insn(insn):
    """A nisv_insn initializer: its non-zero fields."""
    fields = [("op", f"NISV_{insn.op}"), ("rclass", f"NISV_{insn.rclass}"),
              ("esize_log2", insn.esize_log2), ("nregs", insn.nregs), ("selem", insn.selem),
              ("lane", insn.lane), ("vbytes", insn.vbytes), ("addr", f"NISV_{insn.addr}"),
              ("rt", insn.rt), ("rt2", insn.rt2), ("rs", insn.rs), ("shift", insn.shift),
              ("extend", f"NISV_{insn.extend}" if insn.extend != "0" else 0),
              ("atomic", f"NISV_{insn.atomic}" if insn.atomic != "0" else 0),
              ("dc", f"NISV_{insn.dc}" if insn.dc != "0" else 0),
              ("flags", " | ".join(f"NISV_F_{f}" for f in insn.flags) or 0), ("imm", insn.imm),
              ("pg", insn.pg), ("msize_log2", insn.msize_log2), ("rstride", insn.rstride)]
    zero = ("NISV_OP_NONE", "NISV_RC_NONE", "NISV_AM_BASE", 0)
    return "{ " + ", ".join(f".{name} = {v}" for name, v in fields if v not in zero) + " }"


def c_imm(imm):
    """The immediate recipe: (word & mask) * mul, as int64_t, >> sar. The
    multiply (a power of two) puts the field's top bit in bit 63 when
    signed, bit 62 when not, and the arithmetic shift right brings it down
    to bit width - 1 + scale."""
    if imm is None:
        return ".imm_mask = 0, .imm_mul = 0, .imm_sar = 0"
    top = 64 if imm.signed else 63
    shl, sar = top - (imm.lo + imm.width), top - imm.width - imm.scale
    if shl < 0 or not 0 <= sar < 64:
        raise SystemExit(f"immediate {imm} does not fit the int64_t recipe")
    return (f".imm_mask = 0x{((1 << imm.width) - 1) << imm.lo:08x}u, "
            f".imm_mul = 0x{1 << shl:x}u, .imm_sar = {sar}")


def c_leaf(check, nxt):
    """One struct dec_leaf initializer; check None is leaf 0. A leaf
    without an op (leaf 0, a catch) makes its words unallocated."""
    leaf = check.leaf if check else None
    regs = leaf.regs if leaf else frozenset()

    def take(name, bits):
        return bits if name in regs else 0

    mask, value = (check.mask, check.value) if check else (0, 0)
    return (f"{{ .tmpl = {c_insn(leaf.insn if leaf else Insn())},\n\t  "
            f".mask = 0x{mask:08x}u, .value = 0x{value:08x}u, "
            f".take = {{ .rt = {take('rt', leaf.rt_mask if leaf else 31)}, .rt2 = {take('rt2', 31)}, "
            f".rn = {take('rn', 31)}, .rm = {take('rm', 31)}, .rs = {take('rs', 31)}, .extend = {take('extend', 7)}, "
            f".pg = {take('pg', 7)} }}, "
            f"{c_imm(leaf.imm if leaf else None)}, .next = {nxt} }}")


class Tables:
    """Leaves, slots and index, shared where equal."""

    def __init__(self):
        self.leaves = [None]          # leaf 0: matches everything, decodes nothing
        self.leaf_ids = {}
        self.slots = []
        self.slot_ids = {}
        self.index = []

    def leaf_chain(self, checks):
        """The first leaf of a chain of checks, its tail shared if known."""
        nxt = 0
        for c in reversed(checks):
            key = (c.mask, c.value, c.leaf, nxt)
            if key not in self.leaf_ids:
                self.leaf_ids[key] = len(self.leaves)
                self.leaves.append((c, nxt))
            nxt = self.leaf_ids[key]
        return nxt

    def add_entry(self, lo, width, chains):
        ids = tuple(self.leaf_chain(c) for c in chains)
        if ids not in self.slot_ids:
            self.slot_ids[ids] = len(self.slots)
            self.slots += ids
        self.index.append((self.slot_ids[ids], lo, (1 << width) - 1))


def write(out, rows, t):
    out.write("/* Generated by gen_decode_table.py from a64_ldst.decode. Do not edit. */\n")
    out.write('#include "decode_table.h"\n\n')
    out.write("const struct enc_row enc_rows[] = {\n")
    for r in rows:
        out.write(f"\t{{ 0x{r.mask:08x}u, 0x{r.value:08x}u }}, /* line {r.lineno}: {r.fmt} */\n")
    out.write("};\n\n")
    out.write(f"const unsigned enc_row_count = {len(rows)};\n\n")
    out.write(f"#if NISV_DEC_KEY_LO != {KEY_LO}\n#error key bits\n#endif\n\n")
    out.write(f"const struct dec_index dec_index_table[{len(t.index)}] = {{\n")
    for k, (base, lo, mask) in enumerate(t.index):
        out.write(f"\t{{ {base}, {lo}, {mask} }}, /* {k:03x} */\n")
    out.write("};\n\n")
    out.write(f"const uint16_t dec_slots[{len(t.slots)}] = {{\n")
    for i in range(0, len(t.slots), 16):
        out.write("\t" + ", ".join(str(n) for n in t.slots[i:i + 16]) + ",\n")
    out.write("};\n\n")
    out.write(f"const struct dec_leaf dec_leaves[{len(t.leaves)}] = {{\n")
    out.write(f"\t/* 0 */ {c_leaf(None, 0)},\n")
    for i, (c, nxt) in enumerate(t.leaves[1:], 1):
        what = f"line {c.row.lineno}: {c.row.fmt}" + ("" if c.leaf else ", unallocated")
        out.write(f"\t/* {i}, {what} */ {c_leaf(c, nxt)},\n")
    out.write("};\n")


def main(src, dst):
    rows = parse_rows(src)
    expanded = [(r, *expand(r)) for r in rows]
    t = Tables()
    reached = set()
    for key in range(1 << (32 - KEY_LO)):
        t.add_entry(*build_entry(expanded, key, reached))
    # A row no chain gets to is dead: earlier rows cover it together.
    for r in rows:
        if r.lineno not in reached:
            raise SystemExit(f"{src}:{r.lineno}: no word reaches this row (earlier rows cover it)")
    if len(t.leaves) > 0xFFFF or len(t.slots) > 0xFFFF:
        raise SystemExit("more than 65535 leaves or slots: widen the index types")
    with open(dst, "w") as out:
        write(out, rows, t)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
