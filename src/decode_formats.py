"""What each format of a64_ldst.decode means: the Arm ARM knowledge behind
the decode tables, used by gen_decode_table.py.

A row's format names its type bits: the word bits, besides the row's fixed
ones, that change what the word decodes to other than its operand fields
(size, V, opc, L, Q, S, opcode, ...). For every value of them the format
returns the leaves of the decode tree, or nothing for an unallocated value.

A leaf is a constant nisv_insn (Insn) plus a recipe that copies operand
fields from the word: the registers Rt [4:0] (or some of its bits),
Rn [9:5], Rt2 [14:10],
Rm/Rs [20:16], the REGOFF option [15:13], and at most one immediate
bit-field, sign- or zero-extended and scaled (at most 31 bits wide once
scaled), added to the template's constant imm. A leaf may also require more
bits (`must`): a leaf whose required bits do not match passes the word to the
next leaf of the same row, and a word no leaf takes is unallocated.

Field positions and unallocated values follow the Arm ARM (DDI 0487), C4.1.88
"Loads and Stores" and its subclasses; the functions mirror the operand rules
of each instruction's "Decode" pseudocode.
"""
from dataclasses import dataclass, replace

# ---- The pieces of a leaf -----------------------------------------------------


@dataclass(frozen=True)
class Insn:
    """The constant part of nisv_insn: enum names without their NISV_ prefix."""
    op: str = "OP_NONE"
    rclass: str = "RC_NONE"
    esize_log2: int = 0
    nregs: int = 1
    selem: int = 1
    lane: int = 0
    vbytes: int = 0
    addr: str = "AM_BASE"
    rt: int = 0           # SME: the tile number ZAt
    rt2: int = 0          # CASP: Rt + 1
    rs: int = 0           # SME: the slice index register Wv (12-15)
    shift: int = 0
    extend: str = "0"     # nisv_extend of a constant extend (SVE: EXT_LSL)
    atomic: str = "0"
    dc: str = "0"
    flags: tuple = ()     # NISV_F_* names, sorted
    imm: int = 0          # the constant part of the immediate
    pg: int = 0           # SVE: the governing predicate's constant part
    msize_log2: int = 0   # SVE: element size in memory
    rstride: int = 0      # SVE multi-vector: register number step


@dataclass(frozen=True)
class Imm:
    """imm += extend(word[lo + width - 1 : lo]) << scale."""
    lo: int
    width: int
    signed: bool
    scale: int = 0


@dataclass(frozen=True)
class Leaf:
    insn: Insn
    regs: frozenset = frozenset()  # of "rt", "rn", "rt2", "rm", "rs", "extend", "pg"
    imm: Imm = None
    must_mask: int = 0             # bits this leaf needs beyond the row's
    must_value: int = 0
    rt_mask: int = 31              # the bits of Rt [4:0] that name the register


def bits(w, lo, width):
    return (w >> lo) & ((1 << width) - 1)


def with_flags(insn, *names):
    return replace(insn, flags=tuple(sorted(set(insn.flags) | set(names))))


def gpr(esize_log2):
    return "RC_X" if esize_log2 == 3 else "RC_W"


# ---- Transfer types: (op, log2 element size, register class, flags) ----------

def _t(op, esz, rc, *flags):
    return ("OP_" + op, esz, "RC_" + rc, flags)


# Load/store register (single), indexed by size:V:opc (C4.1.88, "Load/store
# register (unsigned immediate)" and its siblings share the table).
SINGLE_TYPES = [
    _t("STORE", 0, "W"), _t("LOAD", 0, "W"), _t("LOAD", 0, "X", "SIGNED"), _t("LOAD", 0, "W", "SIGNED"),
    _t("STORE", 0, "V"), _t("LOAD", 0, "V"), _t("STORE", 4, "V"), _t("LOAD", 4, "V"),     # B, Q
    _t("STORE", 1, "W"), _t("LOAD", 1, "W"), _t("LOAD", 1, "X", "SIGNED"), _t("LOAD", 1, "W", "SIGNED"),
    _t("STORE", 1, "V"), _t("LOAD", 1, "V"), None, None,                                # H
    _t("STORE", 2, "W"), _t("LOAD", 2, "W"), _t("LOAD", 2, "X", "SIGNED"), None,        # W, LDRSW
    _t("STORE", 2, "V"), _t("LOAD", 2, "V"), None, None,                                # S
    _t("STORE", 3, "X"), _t("LOAD", 3, "X"), _t("PREFETCH", 3, "NONE"), None,           # X, PRFM
    _t("STORE", 3, "V"), _t("LOAD", 3, "V"), None, None,                                # D
]

# Load register (literal), indexed by opc:V.
LITERAL_TYPES = [
    _t("LOAD", 2, "W"), _t("LOAD", 2, "V"), _t("LOAD", 3, "X"), _t("LOAD", 3, "V"),
    _t("LOAD", 2, "X", "SIGNED"), _t("LOAD", 4, "V"), _t("PREFETCH", 3, "NONE"), None,
]

# Load/store pair, indexed by opc:V (L turns the store into a load); opc=01
# V=0 is LDPSW/STGP, handled in pair().
PAIR_TYPES = [
    _t("STORE", 2, "W"), _t("STORE", 2, "V"), None, _t("STORE", 3, "V"),
    _t("STORE", 3, "X"), _t("STORE", 4, "V"), None, None,
]
LDPSW = _t("LOAD", 2, "X", "SIGNED")
STGP = _t("STORE", 3, "X", "TAG")   # its offset counts 16-byte tag granules

# LDAPUR/STLUR family (FEAT_LRCPC2), indexed by size:opc.
LDAPUR_TYPES = [
    _t("STORE", 0, "W"), _t("LOAD", 0, "W"), _t("LOAD", 0, "X", "SIGNED"), _t("LOAD", 0, "W", "SIGNED"),
    _t("STORE", 1, "W"), _t("LOAD", 1, "W"), _t("LOAD", 1, "X", "SIGNED"), _t("LOAD", 1, "W", "SIGNED"),
    _t("STORE", 2, "W"), _t("LOAD", 2, "W"), _t("LOAD", 2, "X", "SIGNED"), None,
    _t("STORE", 3, "X"), _t("LOAD", 3, "X"), None, None,
]

# Advanced SIMD load/store multiple structures: opcode -> (registers
# repeated, elements per structure); missing opcodes are unallocated.
MULTI_OPCODES = {
    0b0000: (1, 4),  # LD4/ST4
    0b0010: (4, 1),  # LD1/ST1, 4 registers
    0b0100: (1, 3),  # LD3/ST3
    0b0110: (3, 1),  # LD1/ST1, 3 registers
    0b0111: (1, 1),  # LD1/ST1, 1 register
    0b1000: (1, 2),  # LD2/ST2
    0b1010: (2, 1),  # LD1/ST1, 2 registers
}

ATOMIC_OPS = ["AT_ADD", "AT_CLR", "AT_EOR", "AT_SET", "AT_SMAX", "AT_SMIN", "AT_UMAX", "AT_UMIN"]


def typed(insn, t):
    """insn with a transfer type's op, element size, class and flags."""
    op, esz, rc, flags = t
    return with_flags(replace(insn, op=op, esize_log2=esz, rclass=rc), *flags)


# ---- Formats: fmt(row, w) -> [Leaf], w = the row's value with type bits set ---

RT_RN = frozenset({"rt", "rn"})
IMM9 = Imm(12, 9, True)


def dc(row, w):
    """DC by VA: Rt holds the address (SYS, op0=01, CRn=7)."""
    return [Leaf(replace(row.insn, rclass="RC_NONE", dc=row.extra or "0"), frozenset({"rt"}))]


def excl(row, w):
    """Exclusives, LDAR/STLR, CAS: size gives the element; Rs is the store
    status (STXR) or the compare value (CAS)."""
    size = bits(w, 30, 2)
    regs = RT_RN | ({"rs"} if row.insn.op in ("OP_STORE_EXCL", "OP_CAS") else set())
    return [Leaf(replace(row.insn, esize_log2=size, rclass=gpr(size)), frozenset(regs))]


def excl_pair(row, w):
    """LDXP/STXP and the acquire/release forms: sz (bit 30) picks W or X pairs."""
    esz = 2 + bits(w, 30, 1)
    regs = RT_RN | {"rt2"} | ({"rs"} if row.insn.op == "OP_STORE_EXCL" else set())
    return [Leaf(replace(row.insn, esize_log2=esz, rclass=gpr(esz), nregs=2), frozenset(regs))]


def casp(row, w):
    """CASP: Rs and Rt name even/odd register pairs; an odd Rs or Rt is
    UNDEFINED, so bits 16 and 0 must be 0. Rt2 is Rt + 1: Rt<4:1> are type
    bits, so the template holds Rt2."""
    esz = 2 + bits(w, 30, 1)
    insn = replace(row.insn, esize_log2=esz, rclass=gpr(esz), nregs=2, rt2=bits(w, 0, 5) + 1)
    return [Leaf(insn, RT_RN | {"rs"}, must_mask=1 << 16 | 1, must_value=0)]


def ldapur(row, w):
    """LDAPUR*/STLUR* (FEAT_LRCPC2): stores release, loads are RCpc acquires."""
    t = LDAPUR_TYPES[bits(w, 30, 2) << 2 | bits(w, 22, 2)]
    if t is None:
        return []
    insn = typed(row.insn, t)
    insn = with_flags(insn, *(("RELEASE",) if insn.op == "OP_STORE" else ("ACQUIRE", "RCPC")))
    return [Leaf(insn, RT_RN, imm=IMM9)]


def literal(row, w):
    """LDR/LDRSW/PRFM (literal): a PC-relative word offset imm19 * 4."""
    t = LITERAL_TYPES[bits(w, 30, 2) << 1 | bits(w, 26, 1)]
    if t is None:
        return []
    return [Leaf(typed(row.insn, t), frozenset({"rt"}), imm=Imm(5, 19, True, 2))]


def pair(row, w):
    """LDP/STP/LDNP/STNP/LDPSW/STGP: imm7 scaled by the element size."""
    opc, v, load = bits(w, 30, 2), bits(w, 26, 1), bits(w, 22, 1)
    if opc == 1 and not v:
        if "NONTEMP" in row.insn.flags:   # no LDNPSW, no STNGP
            return []
        insn = typed(row.insn, LDPSW if load else STGP)
        scale = 2 if load else 4
    else:
        t = PAIR_TYPES[opc << 1 | v]
        if t is None:
            return []
        insn = typed(row.insn, t)
        if load:
            insn = replace(insn, op="OP_LOAD")
        scale = insn.esize_log2
    return [Leaf(replace(insn, nregs=2), RT_RN | {"rt2"}, imm=Imm(15, 7, True, scale))]


def single_type(row, w):
    """The single-register type, or None where the row leaves it unallocated."""
    t = SINGLE_TYPES[bits(w, 30, 2) << 3 | bits(w, 26, 1) << 2 | bits(w, 22, 2)]
    if t is None:
        return None
    if t[0] == "OP_PREFETCH" and "ROW_NO_PRFM" in row.restrictions:
        return None
    if t[2] == "RC_V" and "ROW_GPR_ONLY" in row.restrictions:
        return None
    return typed(row.insn, t)


def uimm(row, w):
    """Unsigned offset: imm12 scaled by the element size."""
    insn = single_type(row, w)
    if insn is None:
        return []
    return [Leaf(insn, RT_RN, imm=Imm(10, 12, False, insn.esize_log2))]


def imm9(row, w):
    """Unscaled (LDUR), post-index, unprivileged (LDTR), pre-index: signed imm9."""
    insn = single_type(row, w)
    if insn is None:
        return []
    return [Leaf(insn, RT_RN, imm=IMM9)]


def regoff(row, w):
    """Register offset: option<1> (bit 14) == 0 is unallocated; extend is the
    option field; S (bit 12) shifts Rm by the element size."""
    insn = single_type(row, w)
    if insn is None:
        return []
    insn = replace(insn, shift=insn.esize_log2 if bits(w, 12, 1) else 0)
    return [Leaf(insn, RT_RN | {"rm", "extend"}, must_mask=1 << 14, must_value=1 << 14)]


def atomic(row, w):
    """LD<op>/SWP (FEAT_LSE): A (bit 23) acquires, R (bit 22) releases. With
    Rt == XZR and A == 0, LD<op> is its ST<op> alias: no result (SWP has none)."""
    size = bits(w, 30, 2)
    at = "AT_SWP" if row.extra == "AT_SWP" else ATOMIC_OPS[bits(w, 12, 3)]
    insn = replace(row.insn, esize_log2=size, rclass=gpr(size), atomic=at)
    insn = with_flags(insn, *(("ACQUIRE",) if bits(w, 23, 1) else ()), *(("RELEASE",) if bits(w, 22, 1) else ()))
    leaf = Leaf(insn, RT_RN | {"rs"})
    if bits(w, 23, 1) or at == "AT_SWP":
        return [leaf]
    return [replace(leaf, insn=with_flags(insn, "NO_RESULT"), must_mask=31, must_value=31), leaf]


def ldapr(row, w):
    """LDAPR (FEAT_LRCPC): size gives the element."""
    size = bits(w, 30, 2)
    return [Leaf(replace(row.insn, esize_log2=size, rclass=gpr(size)), RT_RN)]


def pac(row, w):
    """LDRAA/LDRAB (FEAT_PAuth): offset S:imm9 (10 bits, signed) times 8, as
    imm9 * 8 minus 4096 when S (bit 22) is set; M (bit 23) picks key B; W
    (bit 11) is pre-index writeback."""
    insn = replace(row.insn, esize_log2=3, rclass="RC_X", imm=-4096 if bits(w, 22, 1) else 0)
    if bits(w, 23, 1):
        insn = with_flags(insn, "PAC_KEY_B")
    if bits(w, 11, 1):
        insn = replace(insn, addr="AM_PRE")
    return [Leaf(insn, RT_RN, imm=Imm(12, 9, False, 3))]


def post_index(leaf, total):
    """Structures post-indexed by register: Rm == 31 means "by the transfer
    size", the immediate form (rm stays 31)."""
    if leaf.insn.addr != "AM_POST_REG":
        return [leaf]
    leaf = replace(leaf, regs=leaf.regs | {"rm"})
    by_size = replace(leaf, insn=replace(leaf.insn, addr="AM_POST", imm=total),
                      must_mask=31 << 16, must_value=31 << 16)
    return [by_size, leaf]


def simd_multi(row, w):
    """LD1-LD4/ST1-ST4 (multiple structures); size 11 with Q 0 is only
    allowed for one element per structure (LD1/ST1)."""
    q, opcode, size = bits(w, 30, 1), bits(w, 12, 4), bits(w, 10, 2)
    if opcode not in MULTI_OPCODES:
        return []
    rpt, selem = MULTI_OPCODES[opcode]
    if size == 3 and not q and selem != 1:
        return []
    vbytes = 16 if q else 8
    insn = replace(row.insn, op="OP_LD_MULTI" if bits(w, 22, 1) else "OP_ST_MULTI", rclass="RC_V",
                   esize_log2=size, vbytes=vbytes, selem=selem, nregs=rpt * selem)
    return post_index(Leaf(insn, RT_RN), vbytes * rpt * selem)


def simd_single(row, w):
    """LD1-LD4/ST1-ST4 (single structure) and LD1R-LD4R: opcode<2:1> is the
    scale, the lane index is Q:S:size with the scale's low bits dropped
    (Arm ARM "LD1 (single structure)", shared decode)."""
    q, load, s = bits(w, 30, 1), bits(w, 22, 1), bits(w, 12, 1)
    size, opcode = bits(w, 10, 2), bits(w, 13, 3)
    scale = opcode >> 1
    selem = ((opcode & 1) << 1 | bits(w, 21, 1)) + 1
    if scale == 0:
        index = q << 3 | s << 2 | size
    elif scale == 1:
        if size & 1:
            return []
        index = q << 2 | s << 1 | size >> 1
    elif scale == 2:
        if size & 2:
            return []
        if not size & 1:
            index = q << 1 | s
        elif s:
            return []
        else:
            index, scale = q, 3
    else:  # replicate
        if not load or s:
            return []
        index, scale = 0, size
    op = "OP_LD_REPL" if opcode >> 1 == 3 else "OP_LD_LANE" if load else "OP_ST_LANE"
    insn = replace(row.insn, op=op, rclass="RC_V", esize_log2=scale, lane=index,
                   vbytes=16 if q else 8, selem=selem, nregs=selem)
    return post_index(Leaf(insn, RT_RN), selem << scale)


# ---- SVE (Arm ARM C4.1.x "SVE Memory - Contiguous Load" and its siblings) ---

# dtype (LD1*, LD1R*) -> (log2 memory element, log2 register element, signed).
SVE_DTYPES = [
    (0, 0, False), (0, 1, False), (0, 2, False), (0, 3, False),   # LD1B
    (2, 3, True),                                                 # LD1SW
    (1, 1, False), (1, 2, False), (1, 3, False),                  # LD1H
    (1, 3, True), (1, 2, True),                                   # LD1SH
    (2, 2, False), (2, 3, False),                                 # LD1W
    (0, 3, True), (0, 2, True), (0, 1, True),                     # LD1SB
    (3, 3, False),                                                # LD1D
]
SVE_RT_PG_RN = frozenset({"rt", "pg", "rn"})
SVE_IMM4 = Imm(16, 4, True)


def sve_insn(row, msz, esz, nregs=1, *flags):
    insn = replace(row.insn, rclass="RC_Z", msize_log2=msz, esize_log2=esz, nregs=nregs, selem=nregs)
    return with_flags(insn, *flags)


def sve_scalar_scalar(leaf, msz):
    """[Xn, Xm, LSL #msz]: Xm == XZR is unallocated (the Decode pseudocode's
    "if Rm == '11111' then UNDEFINED")."""
    leaf = replace(leaf, insn=replace(leaf.insn, extend="EXT_LSL", shift=msz), regs=leaf.regs | {"rm"})
    return [Leaf(Insn(), must_mask=31 << 16, must_value=31 << 16), leaf]


def sve_leaf(row, insn, imm):
    """An SVE leaf of either addressing form (the row's addr): scalar plus
    immediate takes imm, scalar plus scalar takes Rm (LDFF1 allows XZR)."""
    if row.insn.addr == "AM_REG":
        leaves = sve_scalar_scalar(Leaf(insn, SVE_RT_PG_RN), insn.msize_log2)
        return leaves[1:] if "FIRST_FAULT" in insn.flags else leaves
    return [Leaf(insn, SVE_RT_PG_RN, imm=imm)]


def sve_ld1(row, w):
    """LD1B-LD1D, LD1SB-LD1SW: dtype (bits 24:21) gives both element sizes."""
    msz, esz, signed = SVE_DTYPES[bits(w, 21, 4)]
    return sve_leaf(row, sve_insn(row, msz, esz, 1, *(("SIGNED",) if signed else ())), SVE_IMM4)


def sve_ldn(row, w):
    """LDNT1/STNT1 (num 00) and LD2-LD4/ST2-ST4 (num = registers - 1): msz
    (bits 24:23) is both element sizes. The immediate of LDn/STn counts
    registers (imm4 * n), so it is a constant per imm4 value (bits 19:16
    are type bits of the scalar-plus-immediate rows)."""
    msz, num = bits(w, 23, 2), bits(w, 21, 2)
    insn = sve_insn(row, msz, msz, num + 1, *(("NONTEMP",) if num == 0 else ()))
    if row.insn.addr == "AM_REG":
        return sve_leaf(row, insn, None)
    imm4 = (bits(w, 16, 4) ^ 8) - 8
    return [Leaf(replace(insn, imm=imm4 * (num + 1)), SVE_RT_PG_RN)]


# ST1W/ST1D from 128-bit elements (SVE2.1): (msz, size) -> esize_log2 4.
SVE_ST1_Q = ((2, 0), (3, 2))


def sve_st1(row, w):
    """ST1B-ST1D: msz (bits 24:23) in memory, size (bits 22:21) in the
    register; size < msz is unallocated but for the SVE2.1 .Q forms
    ("ST1W (scalar plus immediate, single register)", 128-bit element:
    size 00 with msz 10, size 10 with msz 11)."""
    msz, size = bits(w, 23, 2), bits(w, 21, 2)
    if size < msz:
        if (msz, size) not in SVE_ST1_Q:
            return []
        size = 4
    return sve_leaf(row, sve_insn(row, msz, size), SVE_IMM4)


def sve_ld1_q(row, w):
    """SVE2.1 LD1W/LD1D into 128-bit elements: D (bit 23) picks the
    doubleword, zero-extended ("Extend(data, esize, unsigned)")."""
    return sve_leaf(row, sve_insn(row, 2 + bits(w, 23, 1), 4), SVE_IMM4)


def sve_ldnq(row, w):
    """SVE2.1 LD2Q-LD4Q (num: bits 24:23) and ST2Q-ST4Q (bits 23:22): num 00
    is unallocated; quadword structures, the immediate counting registers
    (imm4 * n, a constant per imm4 value as for LD2-LD4)."""
    num = bits(w, 23 if row.insn.op == "OP_SVE_LOAD" else 22, 2)
    if num == 0:
        return []
    insn = sve_insn(row, 4, 4, num + 1)
    if row.insn.addr == "AM_REG":
        return sve_leaf(row, insn, None)
    imm4 = (bits(w, 16, 4) ^ 8) - 8
    return [Leaf(replace(insn, imm=imm4 * (num + 1)), SVE_RT_PG_RN)]


def sve_ld1rq(row, w):
    """LD1RQ* (bit 21 clear, 16 bytes) and LD1RO* (set, 32 bytes): the
    immediate counts blocks."""
    msz, octo = bits(w, 23, 2), bits(w, 21, 1)
    insn = replace(sve_insn(row, msz, msz), vbytes=32 if octo else 16)
    return sve_leaf(row, insn, Imm(16, 4, True, 5 if octo else 4))


def sve_ld1r(row, w):
    """LD1RB-LD1RD, LD1RSB-LD1RSW: dtype is bits 24:23 then 14:13; imm6
    (bits 21:16, unsigned) counts memory elements."""
    msz, esz, signed = SVE_DTYPES[bits(w, 23, 2) << 2 | bits(w, 13, 2)]
    insn = sve_insn(row, msz, esz, 1, *(("SIGNED",) if signed else ()))
    return [Leaf(insn, SVE_RT_PG_RN, imm=Imm(16, 6, False, msz))]


def sve_ldr(row, w):
    """LDR/STR of a Z (bit 14 set) or P register: imm9 is bits 21:16 then
    12:10 (signed), a multiple of the register's size; its low bits are
    type bits, so each leaf holds them as a constant."""
    insn = replace(row.insn, rclass="RC_Z" if bits(w, 14, 1) else "RC_P", pg=16, imm=bits(w, 10, 3))
    return [Leaf(insn, RT_RN, imm=Imm(16, 6, True, 3))]


def sve_prf(row, w):
    """PRFB-PRFD (scalar plus immediate / scalar plus scalar): no access. The
    element size is the memory size, so a MUL VL offset counts VL / 8 bytes
    ("PRFH (scalar plus immediate)": offset * (VL DIV 16) << 1)."""
    reg = row.insn.addr == "AM_REG"
    msz = bits(w, 23, 2) if reg else bits(w, 13, 2)
    insn = replace(row.insn, msize_log2=msz, esize_log2=msz)
    leaf = Leaf(insn, SVE_RT_PG_RN, imm=None if reg else Imm(16, 6, True))
    return sve_scalar_scalar(leaf, insn.msize_log2) if reg else [leaf]


# ---- SVE gathers and scatters (Arm ARM C4.1 "SVE Memory - 32-bit Gather and
# Unsized Contiguous", "SVE Memory - 64-bit Gather", "SVE Memory - Store") ----

def sve_widens(msz, esz, unsigned):
    """A load's memory element fits its register element: LD1* (unsigned)
    up to the element size, LD1S* only smaller (no LD1SW into .S, no
    LD1SD); stores pass unsigned = True (no ST1D from .S)."""
    return msz < esz or (msz == esz and unsigned)


def sve_vec_leaf(insn, scaled, offs64, xs):
    """The leaf of a vector address (the row's addr): VEC_IMM takes imm5
    (bits 20:16) times the memory element size; SCALAR_VEC takes Zm, the
    extend (64-bit offsets: LSL; 32-bit: xs picks SXTW) and the shift
    (scaled: msize); VEC_SCALAR takes Xm (XZR allowed)."""
    addr = insn.addr
    if addr == "AM_VEC_IMM":
        return Leaf(insn, SVE_RT_PG_RN, imm=Imm(16, 5, False, insn.msize_log2))
    if addr == "AM_SCALAR_VEC":
        ext = "EXT_LSL" if offs64 else "EXT_SXTW" if xs else "EXT_UXTW"
        insn = replace(insn, extend=ext, shift=insn.msize_log2 if scaled else 0)
    return Leaf(insn, SVE_RT_PG_RN | {"rm"})


def sve_gather(row, w):
    """LD1*/LDFF1* gathers: bit 30 picks .D elements (64-bit gather group)
    over .S; msz (bits 24:23) the memory size, U (bit 14) zero-extends, ff
    (bit 13) first-fault. Scalar plus vector: bit 15 clear for 32-bit
    offsets (xs: bit 22), set for 64-bit ones; S (bit 21) scales, and a
    scaled byte form is unallocated (the gather prefetches sit there)."""
    esz = 3 if bits(w, 30, 1) else 2
    msz, unsigned, scaled = bits(w, 23, 2), bits(w, 14, 1), bits(w, 21, 1)
    if not sve_widens(msz, esz, unsigned):
        return []
    if row.insn.addr == "AM_SCALAR_VEC" and scaled and msz == 0:
        return []
    flags = (() if unsigned else ("SIGNED",)) + (("FIRST_FAULT",) if bits(w, 13, 1) else ())
    insn = sve_insn(row, msz, esz, 1, *flags)
    return [sve_vec_leaf(insn, scaled, bits(w, 15, 1), bits(w, 22, 1))]


def sve_scatter(row, w):
    """ST1* scatters: msz (bits 24:23) at most the element size. Scalar
    plus vector: bit 13 clear for 32-bit offsets (bit 22: .S, xs: bit 14),
    set for 64-bit ones (.D); S (bit 21) scales, unallocated for bytes.
    Vector plus immediate: bit 21 picks .S."""
    msz, scaled, offs64 = bits(w, 23, 2), bits(w, 21, 1), bits(w, 13, 1)
    if row.insn.addr == "AM_VEC_IMM":
        esz = 2 if bits(w, 21, 1) else 3
    else:
        esz = 2 if bits(w, 22, 1) else 3
        if scaled and msz == 0:
            return []
    if not sve_widens(msz, esz, True):
        return []
    return [sve_vec_leaf(sve_insn(row, msz, esz), scaled, offs64, bits(w, 14, 1))]


def sve_nt_vec(row, w):
    """SVE2 LDNT1*/STNT1* (vector plus scalar): msz (bits 24:23). Loads:
    bit 30 picks .D, U is bit 13 (.S) or bit 14 (.D); stores: bit 22 picks .S."""
    msz = bits(w, 23, 2)
    if row.insn.op == "OP_SVE_STORE":
        esz, unsigned = (2 if bits(w, 22, 1) else 3), 1
    else:
        esz = 3 if bits(w, 30, 1) else 2
        unsigned = bits(w, 14 if esz == 3 else 13, 1)
    if not sve_widens(msz, esz, unsigned):
        return []
    insn = sve_insn(row, msz, esz, 1, *(() if unsigned else ("SIGNED",)))
    return [sve_vec_leaf(insn, 0, 0, 0)]


def sve_q_vec(row, w):
    """SVE2.1 LD1Q/ST1Q: 128-bit elements, each at a base of Zn.D plus Xm."""
    return [sve_vec_leaf(sve_insn(row, 4, 4), 0, 0, 0)]


def sve_prf_gather(row, w):
    """PRFB-PRFD gathers: no access, no register (rt holds prfop, as the
    scalar forms). The size is msz, bits 14:13 (scalar plus vector, always
    scaled by it) or 24:23 (vector plus immediate); esize is the vector's,
    .D when bit 30 is set. Scalar plus vector: bit 15 clear for 32-bit
    offsets (xs: bit 22), set for 64-bit ones."""
    esz = 3 if bits(w, 30, 1) else 2
    vec_imm = row.insn.addr == "AM_VEC_IMM"
    msz = bits(w, 23, 2) if vec_imm else bits(w, 13, 2)
    insn = replace(row.insn, msize_log2=msz, esize_log2=esz)
    return [sve_vec_leaf(insn, 1, bits(w, 15, 1), bits(w, 22, 1))]


# ---- SME (Arm ARM C4.1 "SME Memory"): ZA tile slices, ZA array vectors, ZT0 --
# The slice index register Wv is W12-W15 ("integer s = UInt('011':Rs)"):
# its 2-bit field (bits 14:13) and the slice offset are type bits, so each
# leaf holds rs and lane as constants.

def sme_slice(row, w, esz, tile, lane):
    """A tile slice at [Xn|SP, Xm, LSL #esz] (NISV_AM_REG; Xm may be XZR):
    V (bit 15) picks a vertical slice. tile None: ZAt is bits 3:0 (bit 4
    is 0), taken from the word as Rt."""
    insn = replace(row.insn, rclass="RC_ZA_V" if bits(w, 15, 1) else "RC_ZA_H", esize_log2=esz,
                   msize_log2=esz, rt=tile or 0, rs=12 + bits(w, 13, 2), lane=lane, extend="EXT_LSL",
                   shift=esz)
    return [Leaf(insn, frozenset({"pg", "rn", "rm"} | ({"rt"} if tile is None else set())))]


def sme_tile(row, w):
    """LD1B-LD1D/ST1B-ST1D (scalar plus scalar, tile slice): msz (bits 23:22)
    is the element size; bits 3:0 are ZAt (msz bits: 1, 2, 4 or 8 tiles)
    then the slice offset (off4, off3, off2, off1)."""
    msz, f = bits(w, 22, 2), bits(w, 0, 4)
    return sme_slice(row, w, msz, f >> (4 - msz), f & ((1 << (4 - msz)) - 1))


def sme_tile_q(row, w):
    """LD1Q/ST1Q: 128-bit elements, ZAt 0-15, no slice offset."""
    return sme_slice(row, w, 4, None, 0)


def sme_za(row, w):
    """LDR/STR (array vector): ZA[Wv, #off4] at [Xn|SP, #off4, MUL VL]: the
    one immediate names the ZA vector and counts SVL / 8 bytes."""
    off = bits(w, 0, 4)
    insn = replace(row.insn, rclass="RC_ZA", rs=12 + bits(w, 13, 2), lane=off, imm=off, pg=16)
    return [Leaf(insn, frozenset({"rn"}))]


def sme_zt0(row, w):
    """SME2 LDR/STR (table): ZT0 at [Xn|SP]."""
    return [Leaf(replace(row.insn, rclass="RC_ZT0", pg=16), frozenset({"rn"}))]


# ---- SME2 / SVE2.1 multi-vector (Arm ARM C4.1 "SME2 Multi-vector - Memory
# (Contiguous)" and "(Strided)", bits 31:25 = 1010000, bit 24 strided) ----
# LD1B-LD1D, LDNT1B-LDNT1D, ST1B-ST1D, STNT1B-STNT1D of two or four Z
# registers, governed by PN8-PN15 ("g = UInt('1':PNg)"); bit 15 picks four
# registers, msz (bits 14:13) the element size. The first register is
# "UInt(Zt:'0')" / "UInt(Zt:'00')" (consecutive: Zt in bits 4:1 / 4:2, N in
# bit 0) or "UInt(T:'0':Zt)" / "UInt(T:'00':Zt)" (strided: T in bit 4, N in
# bit 3, Zt in bits 2:0 / 1:0, registers tstride 8 / 4 apart); the bit
# between Zt and N of the four-register forms must be 0. Xm may be XZR.

def sve_multi(row, w, strided):
    four, msz = bits(w, 15, 1), bits(w, 13, 2)
    nregs = 4 if four else 2
    nontemp = bits(w, 3, 1) if strided else bits(w, 0, 1)
    insn = replace(row.insn, rclass="RC_Z", esize_log2=msz, msize_log2=msz, nregs=nregs, pg=8,
                   rstride=(16 // nregs if strided else 1))
    insn = with_flags(insn, "PRED_AS_COUNTER", *(("NONTEMP",) if nontemp else ()))
    rt_mask = (0x13 if four else 0x17) if strided else (0x1c if four else 0x1e)
    if row.insn.addr == "AM_REG":
        leaf = Leaf(replace(insn, extend="EXT_LSL", shift=msz), SVE_RT_PG_RN | {"rm"}, rt_mask=rt_mask)
    else:   # [Xn|SP{, #imm, MUL VL}]: imm4 counts groups of nregs registers
        leaf = Leaf(insn, SVE_RT_PG_RN, imm=Imm(16, 4, True, 2 if four else 1), rt_mask=rt_mask)
    if four:
        zero_bit = 1 << (2 if strided else 1)
        leaf = replace(leaf, must_mask=zero_bit, must_value=0)
    return [leaf]


def sve_multi_consecutive(row, w):
    return sve_multi(row, w, False)


def sve_multi_strided(row, w):
    return sve_multi(row, w, True)


def mask_of(*fields):
    """A bit mask from (hi, lo) bit ranges."""
    m = 0
    for hi, lo in fields:
        m |= ((1 << (hi - lo + 1)) - 1) << lo
    return m


# Format name -> (function, type bits). The type bits a row fixes itself are
# not type bits of that row.
FORMATS = {
    "DC": (dc, 0),
    "EXCL": (excl, mask_of((31, 30))),
    "EXCL_PAIR": (excl_pair, mask_of((30, 30))),
    "CASP": (casp, mask_of((30, 30), (4, 1))),
    "LDAPUR": (ldapur, mask_of((31, 30), (23, 22))),
    "LITERAL": (literal, mask_of((31, 30), (26, 26))),
    "PAIR": (pair, mask_of((31, 30), (26, 26), (22, 22))),
    "UIMM": (uimm, mask_of((31, 30), (26, 26), (23, 22))),
    "IMM9": (imm9, mask_of((31, 30), (26, 26), (23, 22))),
    "REGOFF": (regoff, mask_of((31, 30), (26, 26), (23, 22), (12, 12))),
    "ATOMIC": (atomic, mask_of((31, 30), (23, 22), (14, 12))),
    "LDAPR": (ldapr, mask_of((31, 30))),
    "PAC": (pac, mask_of((23, 22), (11, 11))),
    "SIMD_MULTI": (simd_multi, mask_of((30, 30), (22, 22), (15, 10))),
    "SIMD_SINGLE": (simd_single, mask_of((30, 30), (22, 21), (15, 10))),
    "SVE_LD1": (sve_ld1, mask_of((24, 21))),
    "SVE_LDN_IMM": (sve_ldn, mask_of((24, 21), (19, 16))),
    "SVE_LDN_REG": (sve_ldn, mask_of((24, 21))),
    "SVE_ST1": (sve_st1, mask_of((24, 21))),
    "SVE_LD1RQ": (sve_ld1rq, mask_of((24, 23), (21, 21))),
    "SVE_LD1R": (sve_ld1r, mask_of((24, 23), (14, 13))),
    "SVE_LD1_Q": (sve_ld1_q, mask_of((23, 23))),
    "SVE_LDNQ_IMM": (sve_ldnq, mask_of((24, 22), (19, 16))),
    "SVE_LDNQ_REG": (sve_ldnq, mask_of((24, 22))),
    "SVE_LDR": (sve_ldr, mask_of((14, 14), (12, 10))),
    "SVE_PRF": (sve_prf, mask_of((24, 23), (14, 13))),
    "SVE_GATHER": (sve_gather, mask_of((30, 30), (24, 21), (15, 13))),
    "SVE_SCATTER": (sve_scatter, mask_of((24, 21), (14, 13))),
    "SVE_NT_VEC": (sve_nt_vec, mask_of((30, 30), (24, 22), (14, 13))),
    "SVE_PRF_GATHER": (sve_prf_gather, mask_of((30, 30), (24, 22), (15, 13))),
    "SVE_Q_VEC": (sve_q_vec, 0),
    "SME_TILE": (sme_tile, mask_of((23, 22), (15, 13), (3, 0))),
    "SME_TILE_Q": (sme_tile_q, mask_of((15, 13))),
    "SME_ZA": (sme_za, mask_of((14, 13), (3, 0))),
    "SME_ZT0": (sme_zt0, 0),
    "SVE_MULTI": (sve_multi_consecutive, mask_of((15, 13), (0, 0))),
    "SVE_MULTI_STRIDED": (sve_multi_strided, mask_of((15, 13), (3, 3))),
}
