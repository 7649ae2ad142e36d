#!/usr/bin/env python3
"""Decode oracle: compare nisv_decode() with binutils objdump.

The words are sampled from the A64 loads-and-stores encoding space (every
word with bit 27 = 1 and bit 25 = 0, 2^30 words), the SVE and SME memory
spaces (SPACES: 6 blocks of 2^25 words) and the DC space (SYS with
CRn = 7, 2^15 words, always taken whole). objdump disassembles them, the
decode_dump helper prints nisv's decode, and for every word the two must
agree on

  * memory instruction or not;
  * for memory instructions: the operation family, transfer registers
    (numbers, class, element size, count, lane, vector width), base register,
    index register with extend and shift, immediate / PC offset, addressing
    mode, atomic operation, DC operation and the ordering/sign/... flags;
    for SVE also the governing predicate and the memory element size.

The SME words binutils 2.40 prints as undefined (it does not know SME2)
are judged by llvm-objdump-19 instead (--llvm-objdump).

Where they are allowed to differ is listed in one place, unhandled.txt
(instructions nisv does not handle yet, SYS instructions that are not memory
accesses, CONSTRAINED UNPREDICTABLE classes). Anything else is a mismatch.

Modes:
  (default)      a stratified random sample of --words words, the whole DC
                 space included
  --full         the whole --space (default ldst: loads and stores; sve,
                 sme: the SVE / SME memory spaces), or the part given by
                 --start/--count (indices into the space, see SPACES), in
                 chunks over --jobs processes

Output: details of mismatches, then ONE summary line
  decode-oracle: N words, M memory, K mismatches, U objdump-only (listed)
Exit status 0 only when K == 0.

Python 3 standard library only.
"""

import argparse
import array
import collections
import multiprocessing
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_UNHANDLED = os.path.join(HERE, 'unhandled.txt')

DC_MASK, DC_VAL = 0xFFF8F000, 0xD5087000   # SYS, L=0, op0=01, CRn=7

# ---------------------------------------------------------------------------
# Word generation
# ---------------------------------------------------------------------------


def ldst_word(i):
    """Index 0 .. 2^30-1 -> the i-th word of the loads-and-stores space.

    Bits 24:0 of the index are word bits 24:0, index bit 25 is word bit 26,
    index bits 29:26 are word bits 31:28; word bit 27 = 1, bit 25 = 0. So a
    run of consecutive indices inside one 2^25 block is a run of consecutive
    words."""
    return (i & 0x1FFFFFF) | ((i >> 25) & 1) << 26 | ((i >> 26) & 0xF) << 28 | 1 << 27


LDST_MASK, LDST_VAL = (1 << 27) | (1 << 25), 1 << 27

# The spaces --full walks, each a list of blocks of 2^25 consecutive words
# (the block's first word); index i of a space is word
# blocks[i >> 25] | (i & 0x1FFFFFF). 'ldst' is ldst_word()'s order.
#
# SVE: Arm ARM (DDI 0487) C4.1 top level, op0 = bits 28:25 = 0010 "SVE
# encodings"; its table (C4.1.30ff) gives the memory groups by bits 31:29:
#   100 SVE Memory - 32-bit Gather and Unsized Contiguous (LD1R*, LDR/STR
#       P/Z, PRF*, 32-bit gathers, LDNT1 vector+scalar)
#   101 SVE Memory - Contiguous Load (LD1*, LDFF1, LDNF1, LDNT1, LD2-4,
#       LD1RQ/LD1RO)
#   110 SVE Memory - 64-bit Gather
#   111 SVE Memory - Store (ST1*, STNT1, ST2-4, STR P/Z, scatters)
# (000, 001, 010, 011 are the SVE data-processing groups.)
# SME: op0 = 1xx0 000 "SME encodings"; its memory groups are bits 31:25 =
# 1110000 "SME Memory" (LD1/ST1 ZA tile slices, LDR/STR ZA, SME2 LDR/STR
# ZT0) and 1010000 "SME2 multi-vec memory" (LD1/ST1/LDNT1/STNT1 to 2 or 4
# consecutive or strided Z registers; binutils 2.40 does not know SME2, so
# it prints those as undefined).
SPACE_BLOCK = 1 << 25
SPACES = {
    'ldst': [ldst_word(k << 25) for k in range(32)],
    'sve': [op0 << 29 | 0b0010 << 25 for op0 in (0b100, 0b101, 0b110, 0b111)],
    'sme': [0xE0000000, 0xA0000000],
}


def space_blocks(spec):
    """'sve,sme' -> the concatenated block list."""
    blocks = []
    for name in spec.split(','):
        if name not in SPACES:
            raise SystemExit('decode-oracle: unknown space %r (known: %s)'
                             % (name, ', '.join(sorted(SPACES))))
        blocks.extend(SPACES[name])
    return blocks


def space_block_words(blocks, start, count):
    """array('I') of the words start .. start+count-1 of a block list."""
    out = array.array('I')
    i, end = start, start + count
    while i < end:
        blk_end = min(end, (i | (SPACE_BLOCK - 1)) + 1)
        w = blocks[i >> 25] | (i & (SPACE_BLOCK - 1))
        out.extend(range(w, w + (blk_end - i)))
        i = blk_end
    return out

assert array.array('I').itemsize == 4


def write_words(path, words):
    """array('I') -> file of little-endian 32-bit words."""
    if sys.byteorder != 'little':
        words = array.array('I', words)
        words.byteswap()
    with open(path, 'wb') as f:
        words.tofile(f)

# Named encoding classes of the Arm ARM "Loads and Stores" table, each as
# (mask, value): bits under mask are fixed, the rest are random. Some
# classes are repeated with fields that matter pinned (SBO fields = 11111,
# Rm = 11111 for post-index by immediate) so that rare encodings are hit.
TEMPLATES = [
    ('simd-multi',            0xBFBF0000, 0x0C000000),
    ('simd-multi-post-imm',   0xBFBF0000, 0x0C9F0000),
    ('simd-multi-post-reg',   0xBFA00000, 0x0C800000),
    ('simd-single',           0xBF9F0000, 0x0D000000),
    ('simd-single-post-imm',  0xBF9F0000, 0x0D9F0000),
    ('simd-single-post-reg',  0xBF800000, 0x0D800000),
    ('excl-ordered-cas',      0x3F000000, 0x08000000),
    ('excl-ordered-sbo',      0x3F1F7C00, 0x081F7C00),  # Rs = Rt2 = 11111
    ('cas-rt2',               0x3F207C00, 0x08207C00),  # o1 = 1, Rt2 = 11111
    ('literal',               0x3B000000, 0x18000000),
    ('mops',                  0x3B200C00, 0x19000400),
    ('rcpc-unscaled',         0x3F200C00, 0x19000000),
    ('pair-noalloc',          0x3B800000, 0x28000000),
    ('pair-post',             0x3B800000, 0x28800000),
    ('pair-offset',           0x3B800000, 0x29000000),
    ('pair-pre',              0x3B800000, 0x29800000),
    ('imm9-unscaled',         0x3B200C00, 0x38000000),
    ('imm9-post',             0x3B200C00, 0x38000400),
    ('imm9-unpriv',           0x3B200C00, 0x38000800),
    ('imm9-pre',              0x3B200C00, 0x38000C00),
    ('atomic',                0x3B200C00, 0x38200000),
    ('atomic-rs31',           0x3B3F0C00, 0x383F0000),  # LDAPR, LD64B, ST64B
    ('reg-offset',            0x3B200C00, 0x38200800),
    ('pac',                   0x3B200400, 0x38200400),
    ('uimm12',                0x3B000000, 0x39000000),
    ('mte',                   0xFF200000, 0xD9200000),
]

# The decode-relevant bits (op0, op1, op2, op3 top bit, opc/L, and bits
# 15:10 which hold option/S/opcode/o3/opc/op4 in the various classes):
# every combination of them is a stratum.
KEY_BITS = [31, 30, 29, 28, 26, 24, 23, 22, 21, 15, 14, 13, 12, 11, 10]

# The SVE memory encoding classes (Arm ARM C4.1 "SVE Memory - ..." tables),
# the same way: class bits fixed, the rest random. The decode-relevant bits
# of the four groups are covered by SVE_KEY_BITS; these make sure every
# form nisv decodes is hit often, with the rare fields pinned (Rm = 11111,
# Rn = SP, Zt = 29-31 so that LD2-LD4 lists wrap around Z31).
SVE_TEMPLATES = [
    ('sve-ldr-p',             0xFFC0E010, 0x85800000),  # LDR Pt, [Xn, #imm, MUL VL]
    ('sve-ldr-z',             0xFFC0E000, 0x85804000),  # LDR Zt
    ('sve-str-p',             0xFFC0E010, 0xE5800000),
    ('sve-str-z',             0xFFC0E000, 0xE5804000),
    ('sve-ld1r',              0xFE408000, 0x84408000),  # LD1R{B,H,W,D,SB,SH,SW}
    ('sve-prf-imm',           0xFFC08010, 0x85C00000),  # PRF* scalar+imm
    ('sve-prf-reg',           0xFE60E010, 0x8400C000),  # PRF* scalar+scalar
    ('sve-prf-reg-rm31',      0xFE7FE010, 0x841FC000),
    ('sve-ld1rq-imm',         0xFE50E000, 0xA4002000),  # LD1RQ*/LD1RO* scalar+imm
    ('sve-ld1rq-reg',         0xFE40E000, 0xA4000000),  # LD1RQ*/LD1RO* scalar+scalar
    ('sve-ld1-imm',           0xFE10E000, 0xA400A000),  # LD1* contiguous scalar+imm
    ('sve-ld1-imm-sp',        0xFE10E3E0, 0xA400A3E0),
    ('sve-ldnf1',             0xFE10E000, 0xA410A000),  # LDNF1* (not handled)
    ('sve-ld1-reg',           0xFE00E000, 0xA4004000),  # LD1* contiguous scalar+scalar
    ('sve-ld1-reg-rm31',      0xFE1FE000, 0xA41F4000),
    ('sve-ldff1-reg',         0xFE00E000, 0xA4006000),  # LDFF1* (not handled)
    ('sve-ldn-imm',           0xFE10E000, 0xA400E000),  # LDNT1*, LD2-LD4 scalar+imm
    ('sve-ldn-imm-wrap',      0xFE10E018, 0xA400E018),
    ('sve-ldn-reg',           0xFE00E000, 0xA400C000),  # LDNT1*, LD2-LD4 scalar+scalar
    ('sve-ldn-reg-rm31',      0xFE1FE000, 0xA41FC000),
    ('sve-st1-imm',           0xFE10E000, 0xE400E000),  # ST1* scalar+imm
    ('sve-st1-reg',           0xFE00E000, 0xE4004000),  # ST1* scalar+scalar
    ('sve-st1-reg-rm31',      0xFE1FE000, 0xE41F4000),
    ('sve-stn-imm',           0xFE10E000, 0xE410E000),  # STNT1*, ST2-ST4 scalar+imm
    ('sve-stn-imm-wrap',      0xFE10E018, 0xE410E018),
    ('sve-stn-reg',           0xFE00E000, 0xE4006000),  # STNT1*, ST2-ST4 scalar+scalar
    ('sve-stn-reg-rm31',      0xFE1FE000, 0xE41F6000),
    ('sve-gld-s-x32',         0xFE008000, 0x84000000),  # gathers [Xn, Zm.S, UXTW|SXTW]
    ('sve-gld-s-imm',         0xFE608000, 0x84208000),  # [Zn.S, #imm]
    ('sve-gld-d-x32',         0xFE008000, 0xC4000000),  # [Xn, Zm.D, UXTW|SXTW]
    ('sve-gld-d-64',          0xFE408000, 0xC4408000),  # [Xn, Zm.D{, LSL}]
    ('sve-gld-d-64-sp',       0xFE4083E0, 0xC44083E0),
    ('sve-gld-d-imm',         0xFE608000, 0xC4208000),  # [Zn.D, #imm]
    ('sve-ldnt1-s',           0xFE60C000, 0x84008000),  # SVE2 LDNT1 [Zn.S, Xm]
    ('sve-ldnt1-d',           0xFE60A000, 0xC4008000),  # SVE2 LDNT1 [Zn.D, Xm]
    ('sve-ldnt1-d-rm31',      0xFE7FA000, 0xC41F8000),
    ('sve-prf-gather-x32',    0xBFA08010, 0x84200000),  # PRF* [Xn, Zm.S|D, UXTW|SXTW #msz]
    ('sve-prf-gather-64',     0xFFE08010, 0xC4608000),  # PRF* [Xn, Zm.D, LSL #msz]
    ('sve-prf-gather-imm',    0xBE60E010, 0x8400E000),  # PRF* [Zn.S|D, #imm]
    ('sve-sst-x32',           0xFE00A000, 0xE4008000),  # scatters [Xn, Zm.S|D, UXTW|SXTW]
    ('sve-sst-64',            0xFE40E000, 0xE400A000),  # [Xn, Zm.D{, LSL}]
    ('sve-sst-imm',           0xFE40E000, 0xE440A000),  # [Zn.S|D, #imm]
    ('sve-stnt1',             0xFE20E000, 0xE4002000),  # SVE2 STNT1 [Zn.S|D, Xm]
    ('sme-tile',              0xFF000010, 0xE0000000),  # SME LD1B-LD1D/ST1B-ST1D tile slice
    ('sme-tile-rm31',         0xFF1F0010, 0xE01F0000),  # [Xn, XZR]
    ('sme-tile-q',            0xFFC00010, 0xE1C00000),  # LD1Q/ST1Q
    ('sme-ldr-str-za',        0xFFDF9C10, 0xE1000000),  # LDR/STR ZA[Wv, #imm]
    ('sme-ldr-str-zt0',       0xFFDFFC1F, 0xE11F8000),  # SME2 LDR/STR ZT0 (llvm-objdump judges)
    ('sve2p1-ld1-q-imm',      0xFF70E000, 0xA5102000),  # LD1W/LD1D {Zt.Q} (llvm-objdump judges)
    ('sve2p1-ld1-q-reg',      0xFF60E000, 0xA5008000),
    ('sve2p1-ldnq-imm',       0xFE70E000, 0xA410E000),  # LD2Q-LD4Q
    ('sve2p1-ldnq-reg',       0xFE60E000, 0xA4208000),
    ('sve2p1-st1-q',          0xFE00A000, 0xE400A000),  # ST1W/ST1D {Zt.Q} among ST1*
    ('sve2p1-stnq',           0xFF00E000, 0xE4000000),  # ST2Q-ST4Q
    ('sve2p1-ld1q',           0xFFE0E000, 0xC400A000),  # LD1Q [Zn.D{, Xm}]
    ('sve2p1-st1q',           0xFFE0E000, 0xE4202000),  # ST1Q
    ('sme2-multi',            0xFE800000, 0xA0000000),  # multi-vector LD1/ST1 (llvm-objdump judges)
    ('sme2-multi-rm31',       0xFEDF0000, 0xA01F0000),  # [Xn, XZR]
    ('sme2-multi-sp',         0xFE8003E0, 0xA00003E0),  # [SP, ...]
]

# SVE memory space: bit 31 = 1 and bits 28:25 = 0010 fixed; bits 30:29
# pick the group, and these pick the class inside it (op0..op3 of the four
# "SVE Memory" tables: bits 24:20, 15:13, 4).
SVE_KEY_BITS = [30, 29, 24, 23, 22, 21, 20, 15, 14, 13, 4]
SVE_MASK, SVE_VAL = 0x9E000000, 0x84000000


def dc_space_words():
    out = array.array('I')
    out.extend(DC_VAL | (op1 << 16) | (crm << 8) | (op2 << 5) | rt
               for op1 in range(8) for crm in range(16)
               for op2 in range(8) for rt in range(32))
    return out


def stratified(g, n, key_bits, fixmask, fixval):
    """n words with the bits under fixmask = fixval, every combination of
    key_bits equally often, the other bits random."""
    keymask = 0
    for b in key_bits:
        keymask |= 1 << b
    scatter = []
    for s in range(1 << len(key_bits)):
        v = 0
        for j, b in enumerate(key_bits):
            if s >> j & 1:
                v |= 1 << b
        scatter.append(v)
    nstrata = len(scatter)
    freemask = ~(keymask | fixmask) & 0xFFFFFFFF
    return ((g(32) & freemask) | fixval | scatter[i % nstrata] for i in range(n))


def from_templates(g, n, templates):
    """n words spread evenly over (name, mask, value) templates."""
    out = array.array('I')
    per = n // len(templates)
    extra = n - per * len(templates)
    for k, (_, mask, val) in enumerate(templates):
        cnt = per + (1 if k < extra else 0)
        free = ~mask & 0xFFFFFFFF
        out.extend((g(32) & free) | val for _ in range(cnt))
    return out


def sample_words(n, seed, n_sve=0):
    """n words: the whole DC space, then 20% uniform over the ldst space,
    40% stratified over KEY_BITS, 40% spread evenly over TEMPLATES. Then
    n_sve words of the SVE and SME memory spaces: 15% uniform over the four
    SVE memory groups, 5% uniform over the SME memory blocks, 40%
    stratified over SVE_KEY_BITS, 40% over SVE_TEMPLATES."""
    rnd = random.Random(seed)
    g = rnd.getrandbits
    words = dc_space_words()
    rest = max(0, n - len(words))
    n_uni = rest // 5
    n_key = (rest * 2) // 5
    n_tpl = rest - n_uni - n_key

    words.extend((g(32) & ~LDST_MASK) | LDST_VAL for _ in range(n_uni))
    words.extend(stratified(g, n_key, KEY_BITS, LDST_MASK, LDST_VAL))
    words.extend(from_templates(g, n_tpl, TEMPLATES))

    if n_sve:
        sve, sme = SPACES['sve'], SPACES['sme']
        n_uni = (n_sve * 3) // 20
        n_sme = n_sve // 20
        n_key = (n_sve * 2) // 5
        n_tpl = n_sve - n_uni - n_sme - n_key
        words.extend(sve[g(2)] | g(25) for _ in range(n_uni))
        words.extend(sme[i & 1] | g(25) for i in range(n_sme))
        words.extend(stratified(g, n_key, SVE_KEY_BITS, SVE_MASK, SVE_VAL))
        words.extend(from_templates(g, n_tpl, SVE_TEMPLATES))
    return words


# ---------------------------------------------------------------------------
# The exceptions file
# ---------------------------------------------------------------------------


class Exceptions:
    def __init__(self, path):
        self.unhandled = []   # (class, compiled regex, reason)
        self.notmem = []
        self.cu = []          # (class, mask, value, sbo, policy, reason)
        with open(path) as f:
            for lineno, line in enumerate(f, 1):
                line = line.strip()
                if not line or line.startswith('#'):
                    continue
                parts = [p.strip() for p in re.split(r'\s\|\s', line)]
                kind = parts[0]
                try:
                    if kind in ('unhandled', 'not-memory'):
                        cls, rx, reason = parts[1], parts[2], ' | '.join(parts[3:])
                        ent = (cls, re.compile(rx), reason)
                        (self.unhandled if kind == 'unhandled' else self.notmem).append(ent)
                    elif kind == 'cu':
                        cls = parts[1]
                        mask, val, sbo = (int(x, 0) for x in parts[2].split())
                        policy = parts[3]
                        if policy not in ('as-if', 'either', 'undef'):
                            raise ValueError('bad policy ' + policy)
                        self.cu.append((cls, mask, val, sbo, policy, ' | '.join(parts[4:])))
                    else:
                        raise ValueError('unknown kind ' + kind)
                except (IndexError, ValueError, re.error) as e:
                    raise SystemExit('%s:%d: %s' % (path, lineno, e))

    def classify_known(self, key):
        """-> ('unhandled'|'not-memory', class) or None."""
        for cls, rx, _ in self.unhandled:
            if rx.fullmatch(key):
                return ('unhandled', cls)
        for cls, rx, _ in self.notmem:
            if rx.fullmatch(key):
                return ('not-memory', cls)
        return None

    def cu_class(self, w):
        for ent in self.cu:
            if (w & ent[1]) == ent[2] and (w & ent[3]) != ent[3]:
                return ent
        return None


# ---------------------------------------------------------------------------
# objdump text -> what nisv must say
# ---------------------------------------------------------------------------

# nisv_insn.flags
F_SIGNED, F_ACQUIRE, F_RELEASE, F_RCPC = 1, 2, 4, 8
F_UNPRIV, F_NONTEMP, F_PAC, F_PAC_KEY_B = 16, 32, 64, 128
F_TAG, F_NO_RESULT = 256, 512
F_FIRST_FAULT, F_NON_FAULT = 1024, 2048
F_PRED_AS_COUNTER = 4096

ATOMIC_OP = {'add': '0', 'clr': '1', 'eor': '2', 'set': '3', 'smax': '4',
             'smin': '5', 'umax': '6', 'umin': '7'}
AT_SWP = '8'
EXT_UXTW, EXT_LSL, EXT_SXTW, EXT_SXTX = '2', '3', '6', '7'
EXT_BY_NAME = {'uxtw': EXT_UXTW, 'lsl': EXT_LSL, 'sxtw': EXT_SXTW, 'sxtx': EXT_SXTX}
FP_ES = {'b': 0, 'h': 1, 's': 2, 'd': 3, 'q': 4}
ARR = {'8b': (0, 8), '16b': (0, 16), '4h': (1, 8), '8h': (1, 16), '2s': (2, 8),
       '4s': (2, 16), '1d': (3, 8), '2d': (3, 16)}
ELEM = {'b': 0, 'h': 1, 's': 2, 'd': 3}
PRF_TYPE = {'pld': 0, 'pli': 1, 'pst': 2}
PRF_TARGET = {'l1': 0, 'l2': 1, 'l3': 2, 'slc': 3}
# DC operation -> (nisv op, nisv dc, tag flag)
DC_OPS = {
    'zva': ('DC_ZVA', None, 0), 'gva': ('DC_GVA', None, F_TAG), 'gzva': ('DC_GZVA', None, F_TAG),
    'ivac': ('DC_MAINT', '0', 0), 'igvac': ('DC_MAINT', '0', F_TAG), 'igdvac': ('DC_MAINT', '0', F_TAG),
    'cvac': ('DC_MAINT', '1', 0), 'cgvac': ('DC_MAINT', '1', F_TAG), 'cgdvac': ('DC_MAINT', '1', F_TAG),
    'cvau': ('DC_MAINT', '2', 0),
    'civac': ('DC_MAINT', '3', 0), 'cigvac': ('DC_MAINT', '3', F_TAG), 'cigdvac': ('DC_MAINT', '3', F_TAG),
    'cvap': ('DC_MAINT', '4', 0), 'cgvap': ('DC_MAINT', '4', F_TAG), 'cgdvap': ('DC_MAINT', '4', F_TAG),
    'cvadp': ('DC_MAINT', '5', 0), 'cgvadp': ('DC_MAINT', '5', F_TAG), 'cgdvadp': ('DC_MAINT', '5', F_TAG),
}
SYS_ALIASES = ('dc', 'ic', 'at', 'cfp', 'dvp', 'cpp', 'cosp', 'brb', 'tlbi')

# The memory operand and what may follow it, e.g. ", [x1, #8]!",
# ", [sp], #16", ", [x2, w3, sxtw #2]", ", [x4], x5".
RE_ADDR = re.compile(
    r', \[(?:x(\d+)|(sp))'
    r'(?:, (?:#(-?(?:0x[0-9a-f]+|\d+))|([wx])(\d+|zr)(?:, (lsl|uxtw|sxtw|sxtx)(?: #(\d+))?)?))?'
    r'\](!?)'
    r'(?:, (?:#(-?(?:0x[0-9a-f]+|\d+))|x(\d+|zr)))?$')
RE_GREG = re.compile(r'([wx])(\d+|zr)$')
RE_FREG = re.compile(r'([bhsdq])(\d+)$')
RE_VLIST = re.compile(r'\{(.*)\}(?:\[(\d+)\])?$')
RE_VREG = re.compile(r'v(\d+)\.(\w+)$')
RE_PRF = re.compile(r'(pld|pli|pst)(l1|l2|l3|slc)(keep|strm)$')
RE_ATOMIC = re.compile(r'(ld|st)(add|clr|eor|set|smax|smin|umax|umin)(a|l|al)?(b|h)?$')
RE_SWP = re.compile(r'swp(a|l|al)?(b|h)?$')
RE_CAS = re.compile(r'cas(a|l|al)?(b|h)?$')
RE_CASP = re.compile(r'casp(a|l|al)?$')
RE_EXCL = re.compile(r'(ld|st)(a|l)?x(r|p)(b|h)?$')
RE_ORD = re.compile(r'(ldar|ldlar|stlr|stllr|ldapr)(b|h)?$')
RE_SINGLE = re.compile(r'(ldr|str|ldur|stur|ldtr|sttr|ldapur|stlur)(b|h|sb|sh|sw)?$')
RE_PAIR = re.compile(r'(ldp|stp|ldnp|stnp|ldpsw|stgp)$')
RE_STRUCT = re.compile(r'(ld|st)([1-4])(r?)$')


class OracleError(Exception):
    """objdump printed something this oracle cannot interpret."""


def imm_val(tok):
    if not tok.startswith('#'):
        raise OracleError('immediate expected: ' + tok)
    return int(tok[1:], 0)


def greg(tok):
    """'x5' -> ('x', 5); 'wzr' -> ('w', 31)."""
    m = RE_GREG.match(tok)
    if not m:
        raise OracleError('general register expected: ' + tok)
    n = m.group(2)
    return m.group(1), 31 if n == 'zr' else int(n)


def addressing(ops, pc, structure=False):
    """objdump operand text -> (expectation dict, transfer operand tokens).
    The dict gets am, rn, imm, rm, ext, sh as they apply."""
    m = RE_ADDR.search(ops)
    if m is None:
        # PC-relative literal: the last operand is the absolute target.
        head, _, t = ops.rpartition(', ')
        t = t.split(' <')[0]
        if not t.startswith('0x') or '[' in ops:
            raise OracleError('memory operand expected: ' + ops)
        off = (int(t, 16) - pc) & 0xFFFFFFFFFFFFFFFF
        if off >= 1 << 63:
            off -= 1 << 64
        return {'am': 'LITERAL', 'imm': str(off)}, head.split(', ')
    head = ops[:m.start()]
    toks = [head] if head.startswith('{') else head.split(', ')
    xn, sp, off, rc, rnum, ext, amt, wb, post, postreg = m.groups()
    e = {'rn': '31' if sp else str(int(xn))}
    if xn == '31':
        raise OracleError('x31 as base: ' + ops)
    if off is not None:
        if post is not None or postreg is not None:
            raise OracleError('post-index after offset: ' + ops)
        e['am'] = 'PRE' if wb else 'OFFSET'
        e['imm'] = str(int(off, 0))
    elif rnum is not None:
        if wb or post is not None or postreg is not None:
            raise OracleError('register offset with writeback: ' + ops)
        e['am'] = 'REG'
        e['rm'] = '31' if rnum == 'zr' else str(int(rnum))
        if ext is None:
            if rc != 'x':
                raise OracleError('register offset: ' + ops)
            e['ext'], e['sh'] = EXT_LSL, '0'
        else:
            if (rc == 'w') != (ext in ('uxtw', 'sxtw')):
                raise OracleError('extend register class: ' + ops)
            e['ext'] = EXT_BY_NAME[ext]
            e['sh'] = amt or '0'
    elif post is not None:
        if wb:
            raise OracleError('writeback and post-index: ' + ops)
        e['am'] = 'POST'
        e['imm'] = str(int(post, 0))
        if structure:
            e['rm'] = '31'
    elif postreg is not None:
        if wb or not structure or postreg == 'zr':
            raise OracleError('post-index register: ' + ops)
        e['am'] = 'POST_REG'
        e['rm'] = str(int(postreg))
    elif wb:
        e['am'] = 'PRE'
        e['imm'] = '0'
    else:
        # [Xn]: no offset field, or an offset field holding 0 -- the two
        # are the same address, either spelling is fine.
        e['am'] = ('BASE', 'OFFSET')
        e['imm'] = '0'
    return e, toks


def size_of_greg(c):
    return ('W', 2) if c == 'w' else ('X', 3)


def suffix_es(suf, default):
    return {'b': 0, 'h': 1}.get(suf, default)


class Expect:
    """What nisv must print for one word.

    fields: key -> str or tuple of allowed str (keys of decode_dump's line)
    fl_req / fl_opt: flags must satisfy (fl & ~fl_opt) == fl_req."""
    __slots__ = ('fields', 'fl_req', 'fl_opt', 'family')

    def __init__(self, family, fields, fl_req=0, fl_opt=0):
        self.family = family
        self.fields = fields
        self.fl_req = fl_req
        self.fl_opt = fl_opt


def not_structure(e):
    # nisv.h: selem is 1 and vbytes 0 for everything but structures.
    e['se'] = '1'
    e['vb'] = '0'
    return e


# ---------------------------------------------------------------------------
# SVE and SME memory instructions
# ---------------------------------------------------------------------------
#
# objdump spells them
#   ld1sb   {z1.h}, p2/z, [x3, #-4, mul vl]      LD1* scalar+imm (MUL VL)
#   ld1h    {z1.s}, p2/z, [x3, x4, lsl #1]       LD1* scalar+scalar
#   ld1b    {z1.b}, p2/z, [x3, x4]               (LSL #0 not printed)
#   ld3w    {z30.s, z31.s, z0.s}, p2/z, [sp]     LD2-4: a list ...
#   st4b    {z0.b-z3.b}, p2, [x3, x4]            ... or a range
#   ld1rsh  {z1.d}, p2/z, [x3, #62]              LD1R*: byte offset
#   ld1rqw  {z1.s}, p2/z, [x3, #-32]             LD1RQ/LD1RO: byte offset
#   ldr     z1, [x3, #-256, mul vl]              LDR/STR Z and P
#   prfh    pstl2strm, p2, [x3, x4, lsl #1]      PRF* (or #6, #7, #14, #15)
#   ld1w    {z1.d}, p2/z, [x3, z4.d, sxtw #2]    gather: scalar plus vector
#   ld1h    {z1.s}, p2/z, [x3, z4.s, uxtw]       (no #0 printed)
#   st1d    {z1.d}, p2, [sp, z4.d, lsl #3]       scatter, 64-bit offsets
#   ld1sb   {z1.d}, p2/z, [x3, z4.d]             (LSL #0 not printed)
#   ldff1h  {z1.s}, p2/z, [z4.s, #62]            vector plus immediate (bytes)
#   st1w    {z1.d}, p2, [z4.d]                   (#0 not printed)
#   ldnt1sh {z1.d}, p2/z, [z4.d, xzr]            SVE2 vector plus scalar
#   prfw    pldl1keep, p2, [x3, z4.s, sxtw #2]   gather prefetch
#   ldff1b  {z1.b}, p2/z, [x3, xzr]              LDFF1 scalar+scalar (XZR ok)
#   ld1w    {z1.q}, p2/z, [x3, #1, mul vl]       SVE2.1 (llvm): words into .Q
#   ld3q    {z1.q-z3.q}, p2/z, [x3, x4, lsl #4]  SVE2.1 quadword structures
#   ld1q    {z1.q}, p2/z, [z4.d, x5]             SVE2.1 quadword gather ([z4.d]: XZR)
#   ld1b    {za0h.b[w12, 0]}, p0/z, [x0, x0]     SME: ZA operand
# and nisv must say: op SVE_LOAD / SVE_STORE / SVE_LOAD_REPL / PREFETCH,
# rc Z or P, es from the Zt suffix (.b .h .s .d), ms from the mnemonic's
# size letter (B H W D), SIGNED for LD1S*/LD1RS*/LDFF1S*/LDNF1S*, NONTEMP
# for LDNT1/STNT1, FIRST_FAULT for LDFF1, NON_FAULT for LDNF1, n (and se)
# the structure count of LD2-4/ST2-4, vb 16 / 32 for LD1RQ / LD1RO, pg
# (NISV_PG_ALL = 16 for LDR/STR), rt, rn, and the address as printed: am
# MUL_VL with imm the printed multiplier, OFFSET with the byte offset, REG
# with rm, ext LSL and the printed shift. Gathers, scatters and gather
# prefetches (a Z register in the address): am VEC_IMM (rn = Zn, imm the
# printed byte offset), SCALAR_VEC (rn = Xn, rm = Zm, ext UXTW/SXTW/LSL and
# the printed shift), VEC_SCALAR (rn = Zn, rm = Xm); es is the vector's
# element size (.s 2, .d 3), for PRF* too, but for LD1Q/ST1Q: es 4 (.q),
# their bases the low doublewords (.d) of the 128-bit elements. The forms nisv does not handle
# (yet) become a str key for unhandled.txt: '<mnemonic> za' for SME.

SVE_MSIZE = {'b': 0, 'h': 1, 'w': 2, 'd': 3, 'q': 4}
SVE_ESIZE = {'b': 0, 'h': 1, 's': 2, 'd': 3, 'q': 4}
PG_ALL = '16'
RE_SVE_MN = re.compile(r'(ld|st)(ff|nf|nt)?([1-4])(r|rq|ro)?(s)?([bhwdq])$')
RE_SVE_OPS = re.compile(r'(.*?), (?:p(\d+)(/z)?, )?\[([^\]]*)\]$')
RE_SVE_ZREG = re.compile(r'z(\d+)\.([bhsdq])$')
RE_SVE_PRF = re.compile(r'(pld|pst)(l1|l2|l3)(keep|strm)$')
RE_XREG = re.compile(r'x(\d+|zr)$')


def sve_zlist(tok):
    """'{z1.s, z2.s}', '{z0.b-z3.b}', '{z31.d, z0.d}' -> (first, count, suffix)."""
    if not (tok.startswith('{') and tok.endswith('}')):
        raise OracleError('Z register list expected: ' + tok)
    body = tok[1:-1]
    rng = body.split('-')
    if len(rng) == 2:
        a, b = RE_SVE_ZREG.match(rng[0]), RE_SVE_ZREG.match(rng[1])
        if not a or not b or a.group(2) != b.group(2):
            raise OracleError('Z register range: ' + tok)
        first = int(a.group(1))
        return first, (int(b.group(1)) - first) % 32 + 1, a.group(2)
    regs = [RE_SVE_ZREG.match(x) for x in body.split(', ')]
    if not all(regs) or any(r.group(2) != regs[0].group(2) for r in regs):
        raise OracleError('Z register list: ' + tok)
    first = int(regs[0].group(1))
    if any(int(r.group(1)) != (first + i) % 32 for i, r in enumerate(regs)):
        raise OracleError('Z registers not consecutive: ' + tok)
    return first, len(regs), regs[0].group(2)


def sve_address(addr):
    """Text inside [] -> expectation dict (am, rn, imm / rm, ext, sh), or
    None for vector addressing (a Z register: gather/scatter)."""
    toks = addr.split(', ')
    if toks[0].startswith('z') or any(t.startswith('z') for t in toks[1:2]):
        return None
    if toks[0] == 'sp':
        rn = 31
    else:
        m = RE_XREG.match(toks[0])
        if not m or m.group(1) == 'zr' or int(m.group(1)) > 30:
            raise OracleError('SVE base register: ' + addr)
        rn = int(m.group(1))
    e = {'rn': str(rn)}
    if len(toks) == 1:
        # [Xn]: an immediate field holding 0 (MUL VL or byte offset): the
        # same address whichever way nisv spells it.
        e['am'] = ('MUL_VL', 'OFFSET', 'BASE')
        e['imm'] = '0'
    elif toks[1].startswith('#'):
        e['imm'] = str(int(toks[1][1:], 0))
        if toks[2:] == ['mul vl']:
            e['am'] = 'MUL_VL'
        elif len(toks) == 2:
            e['am'] = 'OFFSET'
        else:
            raise OracleError('SVE immediate address: ' + addr)
    else:
        m = RE_XREG.match(toks[1])
        if not m:
            raise OracleError('SVE offset register: ' + addr)
        e['am'] = 'REG'
        e['rm'] = '31' if m.group(1) == 'zr' else str(int(m.group(1)))
        e['ext'] = EXT_LSL
        if len(toks) == 2:
            e['sh'] = '0'
        elif len(toks) == 3 and toks[2].startswith('lsl #'):
            e['sh'] = str(int(toks[2][5:]))
        else:
            raise OracleError('SVE register offset: ' + addr)
    return e


RE_SVE_ZVEC = re.compile(r'z(\d+)\.([sd])$')


def sve_vec_address(addr, nontemp):
    """Text inside [] of a gather/scatter -> (expectation dict, the
    vector's element suffix 's' or 'd'). [Zn.T{, #imm}]: VEC_IMM; [Zn.T,
    Xm]: VEC_SCALAR (SVE2 LDNT1/STNT1, `nontemp`: XZR when Xm is left
    out); [Xn|SP, Zm.T{, extend {#amount}}]: SCALAR_VEC."""
    toks = addr.split(', ')
    zv = RE_SVE_ZVEC.match(toks[0])
    if zv:
        e = {'rn': zv.group(1)}
        if nontemp:
            m = RE_XREG.match(toks[1]) if len(toks) == 2 else None
            if len(toks) > 2 or (len(toks) == 2 and not m):
                raise OracleError('SVE vector plus scalar: ' + addr)
            e.update(am='VEC_SCALAR', rm='31' if not m or m.group(1) == 'zr' else str(int(m.group(1))))
        elif len(toks) == 1 or (len(toks) == 2 and toks[1].startswith('#')):
            e.update(am='VEC_IMM', imm=str(int(toks[1][1:], 0)) if len(toks) == 2 else '0')
        else:
            raise OracleError('SVE vector plus immediate: ' + addr)
        return e, zv.group(2)
    zv = RE_SVE_ZVEC.match(toks[1]) if len(toks) > 1 else None
    m = RE_XREG.match(toks[0])
    if zv is None or nontemp or not (toks[0] == 'sp' or (m and m.group(1) != 'zr')):
        raise OracleError('SVE scalar plus vector: ' + addr)
    e = {'am': 'SCALAR_VEC', 'rn': '31' if toks[0] == 'sp' else str(int(m.group(1))),
         'rm': zv.group(1), 'ext': EXT_LSL, 'sh': '0'}
    if len(toks) == 3:
        ext, _, amount = toks[2].partition(' #')
        if ext not in ('uxtw', 'sxtw', 'lsl') or (ext == 'lsl' and not amount):
            raise OracleError('SVE vector offset extend: ' + addr)
        e.update(ext=EXT_BY_NAME[ext], sh=str(int(amount or '0')))
    elif len(toks) != 2:
        raise OracleError('SVE scalar plus vector: ' + addr)
    if zv.group(2) == 's' and e['ext'] == EXT_LSL:   # .S offsets are 32-bit: extended
        raise OracleError('SVE vector offset extend: ' + addr)
    return e, zv.group(2)


def sve_zero_unset(e):
    """nisv.h: "Register fields a form does not have are 0": for the SVE
    forms that is rt2, rs, lane, atomic, dc, rstride (but for the
    multi-vector lists); rm unless REG, SCALAR_VEC or VEC_SCALAR; ext/sh
    unless REG or SCALAR_VEC; imm for those three."""
    for k in ('rt2', 'rs', 'ln', 'at', 'dc', 'st'):
        e.setdefault(k, '0')
    if e['am'] in ('REG', 'SCALAR_VEC', 'VEC_SCALAR'):
        e.setdefault('imm', '0')
    if e['am'] not in ('REG', 'SCALAR_VEC', 'VEC_SCALAR'):
        e.setdefault('rm', '0')
    if e['am'] not in ('REG', 'SCALAR_VEC'):
        for k in ('ext', 'sh'):
            e.setdefault(k, '0')
    return e


def sve_form(e):
    return {'MUL_VL': '[x,#,mul vl]', 'OFFSET': '[x,#]', 'REG': '[x,x]', 'VEC_IMM': '[z,#]',
            'SCALAR_VEC': '[x,z]', 'VEC_SCALAR': '[z,x]'}.get(e['am'], '[x]')


# SME (Arm ARM "SME Memory"), as binutils 2.40 and llvm-objdump-19 spell it:
#   ld1w    {za3h.s[w12, 1]}, p2/z, [x1, x2, lsl #2]   tile slice (h / v)
#   ld1b    {za0v.b[w15, 0]}, p0/z, [sp, xzr]          (llvm: [sp], LSL dropped)
#   st1q    {za15h.q[w12, 0]}, p7, [x1, xzr, lsl #4]
#   ldr     za[w13, 15], [x1, #15, mul vl]             array vector (llvm: #0xf)
#   ldr     zt0, [x1]                                  SME2 table (llvm only)
# and nisv must say (include/nisv.h, the SME paragraph): op SVE_LOAD /
# SVE_STORE; a tile slice: rc ZA_H / ZA_V, rt the tile, rs the Wv register,
# ln the slice offset, es = ms the element size (q: 4), pg, am REG with rm
# (31 when XZR or left out), ext LSL and sh = es; the array vector: rc ZA,
# rs, ln = imm the offset (the same number twice in the text), am MUL_VL,
# pg 16; ZT0: rc ZT0, am BASE, pg 16.

RE_SME_SLICE = re.compile(r'\{za(\d+)([hv])\.([bhsdq])\[w(1[2-5]), (\d+)\]\}$')
RE_SME_ARRAY = re.compile(r'za\[w(1[2-5]), (\d+)\]$')


def expect_sme(mn, ops):
    """An SME load/store with a ZA or ZT0 operand -> Expect."""
    m = RE_SVE_OPS.match(ops)
    mm = re.match(r'(ld|st)(?:1([bhwdq])|r)$', mn)
    if m is None or mm is None:
        raise OracleError('SME operands: ' + ops)
    t, pg, zero, addr = m.groups()
    ld, size = mm.group(1) == 'ld', mm.group(2)
    e = sve_address(addr)
    if e is None:
        raise OracleError('SME address: ' + addr)
    op = 'SVE_LOAD' if ld else 'SVE_STORE'
    sl = RE_SME_SLICE.match(t)
    if size and sl:
        if pg is None or (zero is not None) != ld:
            raise OracleError('SME predicate: ' + ops)
        es = SVE_ESIZE[sl.group(3)]
        if e['am'] != 'REG':                  # [Xn]: llvm leaves out XZR
            if e['imm'] != '0':
                raise OracleError('SME tile slice address: ' + addr)
            e = {'rn': e['rn'], 'am': 'REG', 'rm': '31', 'ext': EXT_LSL, 'sh': str(es)}
        e.update(op=op, rc='ZA_V' if sl.group(2) == 'v' else 'ZA_H', rt=sl.group(1), rs=sl.group(4),
                 ln=sl.group(5), es=str(es), ms=str(SVE_MSIZE[size]), pg=pg, imm='0')
        family = 'sme %s tile' % mn
    elif size is None and pg is None and (t == 'zt0' or RE_SME_ARRAY.match(t)):
        ar = RE_SME_ARRAY.match(t)
        off = ar.group(2) if ar else '0'
        bare = ('MUL_VL', 'OFFSET', 'BASE')     # [Xn]
        if e.get('imm') != off or e['am'] not in ((bare, 'MUL_VL') if ar else (bare,)):
            raise OracleError('SME %s address: %s' % (t, addr))
        e.update(op=op, rc='ZA' if ar else 'ZT0', rt='0', rs=ar.group(1) if ar else '0', ln=off,
                 am='MUL_VL' if ar else 'BASE', es='0', ms='0', pg=PG_ALL)
        family = 'sme %s %s' % (mn, 'za' if ar else 'zt0')
    else:
        raise OracleError('SME operands: ' + ops)
    e.update(n='1', se='1', vb='0')
    return Expect(family, sve_zero_unset(e))


# SME2 / SVE2.1 multi-vector loads and stores governed by a
# predicate-as-counter, as llvm-objdump-19 spells them (binutils 2.40 does
# not know them), its braces as binutils spells lists (llvm_texts):
#   ld1b    {z0.b, z1.b}, pn8/z, [x0, #0x2, mul vl]     two consecutive
#   ldnt1h  {z4.h-z7.h}, pn15/z, [sp, xzr, lsl #1]      four consecutive
#   st1w    {z16.s, z24.s}, pn9, [x3, x4, lsl #2]       strided (8 apart)
#   stnt1d  {z3.d, z7.d, z11.d, z15.d}, pn8, [x1]       strided (4 apart)
# and nisv must say (include/nisv.h, the multi-vector paragraph): op
# SVE_LOAD / SVE_STORE, rc Z, rt the first register, n the count, se 1, st
# the step between the registers (1 consecutive, 8 or 4 strided), es = ms
# the size, pg the PN register (8-15) with PRED_AS_COUNTER, NONTEMP for
# LDNT1/STNT1, and the address as the other SVE forms (MUL VL: imm the
# printed multiplier, a multiple of n).

RE_MULTI_MN = re.compile(r'(ld|st)(nt)?1([bhwd])$')
RE_MULTI_OPS = re.compile(r'\{(.*?)\}, pn(\d+)(/z)?, \[([^\]]*)\]$')


def expect_multi(mn, ops):
    """A multi-vector load/store (a pn predicate) -> Expect."""
    mm, m = RE_MULTI_MN.match(mn), RE_MULTI_OPS.match(ops)
    if mm is None or m is None:
        raise OracleError('multi-vector operands: ' + mn + ' ' + ops)
    body, pn, zero, addr = m.groups()
    ld, size = mm.group(1) == 'ld', mm.group(3)
    rng = body.split('-')
    if len(rng) == 2:
        a, b = RE_SVE_ZREG.match(rng[0]), RE_SVE_ZREG.match(rng[1])
        if not a or not b or a.group(2) != b.group(2):
            raise OracleError('multi-vector range: ' + ops)
        regs = list(range(int(a.group(1)), int(b.group(1)) + 1))
        suf = a.group(2)
    else:
        zs = [RE_SVE_ZREG.match(x) for x in body.split(', ')]
        if not all(zs) or any(z.group(2) != zs[0].group(2) for z in zs):
            raise OracleError('multi-vector list: ' + ops)
        regs, suf = [int(z.group(1)) for z in zs], zs[0].group(2)
    n = len(regs)
    step = regs[1] - regs[0] if n > 1 else 0
    if n not in (2, 4) or step not in (1, 16 // n) or any(r != regs[0] + i * step for i, r in enumerate(regs)):
        raise OracleError('multi-vector registers: ' + ops)
    if (zero is not None) != ld or not 8 <= int(pn) <= 15 or SVE_ESIZE[suf] != SVE_MSIZE[size]:
        raise OracleError('multi-vector predicate or size: ' + ops)
    e = sve_address(addr)
    if e is None or (e['am'] == 'MUL_VL' and int(e['imm']) % n):
        raise OracleError('multi-vector address: ' + addr)
    e.update(op='SVE_LOAD' if ld else 'SVE_STORE', rc='Z', rt=str(regs[0]), es=str(SVE_MSIZE[size]),
             ms=str(SVE_MSIZE[size]), n=str(n), se='1', vb='0', pg=pn, st=str(step))
    fl = F_PRED_AS_COUNTER | (F_NONTEMP if mm.group(2) else 0)
    return Expect('multi %s x%d%s %s' % (mn, n, ' strided' if step > 1 else '', sve_form(e)), sve_zero_unset(e), fl)


def expect_sve(mn, ops):
    """An SVE/SME memory instruction -> Expect or unhandled key (str);
    None if mn/ops are not one."""
    if ops.startswith(('{za', 'za[', 'zt0,')):
        return expect_sme(mn, ops)
    if ', pn' in ops:
        return expect_multi(mn, ops)
    m = RE_SVE_OPS.match(ops)
    if m is None:
        return None
    t, pg, zero, addr = m.groups()
    if mn in ('ldr', 'str'):
        rm = re.match(r'([zp])(\d+)$', t)
        if rm is None or pg is not None:
            return None
        e = sve_address(addr)
        if e is None or e['am'] not in ('MUL_VL', ('MUL_VL', 'OFFSET', 'BASE')):
            raise OracleError('LDR/STR (vector) address: ' + ops)
        # LDR/STR Z and P transfer bytes (Arm ARM pseudocode: elements =
        # VL DIV 8 / PL DIV 8 of 8 bits): es = ms = 0, no predicate.
        e.update(op='SVE_LOAD' if mn == 'ldr' else 'SVE_STORE', rc=rm.group(1).upper(),
                 rt=rm.group(2), es='0', ms='0', n='1', se='1', vb='0', pg=PG_ALL)
        return Expect('sve %s %s %s' % (mn, rm.group(1), sve_form(e)), sve_zero_unset(e))
    mp = re.match(r'prf([bhwd])$', mn)
    if mp:
        e = sve_address(addr)
        es = SVE_MSIZE[mp.group(1)]
        if e is None:
            e, vsuf = sve_vec_address(addr, False)
            es = SVE_ESIZE[vsuf]
        if pg is None or zero:
            raise OracleError('PRF predicate: ' + ops)
        pm = RE_SVE_PRF.match(t)
        if pm:
            prfop = (pm.group(1) == 'pst') << 3 | {'l1': 0, 'l2': 1, 'l3': 2}[pm.group(2)] << 1 \
                | (pm.group(3) == 'strm')
        else:
            prfop = imm_val(t)
        # rt: the 4-bit SVE prfop field as encoded (PST in bit 3, level in
        # bits 2:1, STRM in bit 0; not PRFM's 5-bit prfop). Scalar base:
        # es = ms = the size letter, the MUL VL footprint (VL / 8 >> es) <<
        # ms of PRF* must be VL / 8 bytes (Arm ARM PRFH: offset * (VL DIV
        # 16) << 1). Vector address: es is the vector's element size.
        e.update(op='PREFETCH', rc='NONE', rt=str(prfop), es=str(es), ms=str(SVE_MSIZE[mp.group(1)]),
                 n='1', se='1', vb='0', pg=pg)
        return Expect('sve %s %s' % (mn, sve_form(e)), sve_zero_unset(e))
    ms_ = RE_SVE_MN.match(mn)
    if ms_ is None:
        return None
    ldst, var, k, rep, sgn, size = ms_.groups()
    ld, k = ldst == 'ld', int(k)
    e = sve_address(addr)
    first, count, suf = sve_zlist(t)
    quad_vec = size == 'q' and k == 1 and not rep   # SVE2.1 LD1Q/ST1Q: [Zn.D{, Xm}]
    if e is None:
        e, vsuf = sve_vec_address(addr, var == 'nt' or quad_vec)
        if vsuf != ('d' if quad_vec else suf) or count != 1 or rep:
            raise OracleError('SVE gather/scatter registers: ' + ops)
    if pg is None or (zero is not None) != ld:
        raise OracleError('SVE predicate: ' + ops)
    if count != k or (k > 1 and (var or rep or sgn)):
        raise OracleError('SVE register count: ' + ops)
    fl = (F_SIGNED if sgn else 0) | {'nt': F_NONTEMP, 'ff': F_FIRST_FAULT,
                                     'nf': F_NON_FAULT}.get(var, 0)
    if rep:
        op = 'SVE_LOAD_REPL'
    else:
        op = 'SVE_LOAD' if ld else 'SVE_STORE'
    e.update(op=op, rc='Z', rt=str(first), es=str(SVE_ESIZE[suf]), ms=str(SVE_MSIZE[size]),
             n=str(k), se=str(k), vb={'rq': '16', 'ro': '32'}.get(rep, '0'), pg=pg)
    widen = '.q' if suf == 'q' and size != 'q' else ''   # SVE2.1 LD1W/LD1D/ST1W/ST1D {Zt.Q}
    return Expect('sve %s%s %s' % (mn, widen, sve_form(e)), sve_zero_unset(e), fl)


MN_KINDS = (('single', RE_SINGLE), ('pair', RE_PAIR), ('struct', RE_STRUCT), ('excl', RE_EXCL),
            ('ord', RE_ORD), ('atomic', RE_ATOMIC), ('atomic', RE_SWP), ('cas', RE_CASP),
            ('cas', RE_CAS))
_mn_cache = {}


def mnemonic_kind(mn):
    """-> (kind, regex match or None), cached."""
    r = _mn_cache.get(mn)
    if r is None:
        r = ('other', None)
        for kind, rx in MN_KINDS:
            m = rx.match(mn)
            if m:
                r = (kind, m)
                break
        _mn_cache[mn] = r
    return r


def expect_from_objdump(mn, ops, pc):
    """objdump mnemonic and operand text -> Expect, or a str key for an
    instruction that is not one nisv decodes (looked up in unhandled.txt)."""
    if mn.startswith(('ld', 'st', 'prf')) and (ops.startswith(('{z', '{ z', 'z', 'p')) or
                                                'za' in ops or mn.startswith('prf')):
        r = expect_sve(mn, ops)
        if r is not None:
            return r
    r = expect_base(mn, ops, pc)
    if type(r) is not str:
        # pg, msize_log2 and rstride were reserved_ bytes (zero) before
        # SVE: they stay 0 for every instruction that is not an SVE one.
        r.fields['pg'] = '0'
        r.fields['ms'] = '0'
        r.fields['st'] = '0'
    return r


def expect_base(mn, ops, pc):
    """expect_from_objdump() for the A64 (non-SVE) memory instructions."""
    kind, m = mnemonic_kind(mn)
    if kind == 'single':
        base, suf = m.group(1), m.group(2) or ''
        e, toks = addressing(ops, pc)
        if len(toks) != 1:
            raise OracleError('one transfer register expected')
        rt = toks[0]
        fm = RE_FREG.match(rt)
        if fm:
            if suf:
                raise OracleError('suffix with FP register')
            rc, es, n = 'V', FP_ES[fm.group(1)], int(fm.group(2))
        else:
            c, n = greg(rt)
            rc, es = size_of_greg(c)
            if suf:
                es = {'b': 0, 'h': 1, 'sb': 0, 'sh': 1, 'sw': 2}[suf]
        fl = 0
        if suf.startswith('s'):
            fl |= F_SIGNED
        if base in ('ldtr', 'sttr'):
            fl |= F_UNPRIV
        elif base == 'ldapur':
            fl |= F_ACQUIRE | F_RCPC
        elif base == 'stlur':
            fl |= F_RELEASE
        e.update(op='LOAD' if base.startswith('ld') else 'STORE', rc=rc,
                 es=str(es), n='1', rt=str(n))
        return Expect(base + suf, not_structure(e), fl)

    if kind == 'pair':
        e, toks = addressing(ops, pc)
        if len(toks) != 2:
            raise OracleError('two transfer registers expected')
        fm = RE_FREG.match(toks[0])
        if fm:
            fm2 = RE_FREG.match(toks[1])
            if not fm2 or fm2.group(1) != fm.group(1):
                raise OracleError('pair registers')
            rc, es = 'V', FP_ES[fm.group(1)]
            r1, r2 = int(fm.group(2)), int(fm2.group(2))
        else:
            (c, r1), (c2, r2) = greg(toks[0]), greg(toks[1])
            if c != c2:
                raise OracleError('pair registers')
            rc, es = size_of_greg(c)
        fl = 0
        if mn == 'ldpsw':
            es, fl = 2, F_SIGNED
        elif mn in ('ldnp', 'stnp'):
            fl = F_NONTEMP
        elif mn == 'stgp':
            fl = F_TAG
        e.update(op='LOAD' if mn.startswith('ld') else 'STORE', rc=rc, es=str(es),
                 n='2', rt=str(r1), rt2=str(r2))
        return Expect(mn, not_structure(e), fl)

    if kind == 'struct':
        ld, k, rep = m.group(1) == 'ld', int(m.group(2)), m.group(3) == 'r'
        e, toks = addressing(ops, pc, structure=True)
        if len(toks) != 1:
            raise OracleError('register list expected')
        vm = RE_VLIST.match(toks[0])
        if not vm:
            raise OracleError('register list: ' + toks[0])
        lane = vm.group(2)
        regs = [RE_VREG.match(x.strip()) for x in re.split(r'[,-]', vm.group(1))]
        if not all(regs):
            raise OracleError('register list: ' + toks[0])
        first, arr = int(regs[0].group(1)), regs[0].group(2)
        if '-' in vm.group(1):
            last = int(regs[1].group(1))
            count = (last - first) % 32 + 1
        else:
            count = len(regs)
        if any(r.group(2) != arr for r in regs):
            raise OracleError('mixed arrangements: ' + toks[0])
        if lane is not None:
            if rep or count != k or arr not in ELEM:
                raise OracleError('lane form: ' + toks[0])
            e.update(op='LD_LANE' if ld else 'ST_LANE', es=str(ELEM[arr]), ln=lane,
                     n=str(k), se=str(k))
        else:
            if arr not in ARR:
                raise OracleError('arrangement: ' + toks[0])
            es, vb = ARR[arr]
            if rep:
                if not ld or count != k:
                    raise OracleError('replicate form: ' + toks[0])
                op = 'LD_REPL'
            else:
                op = 'LD_MULTI' if ld else 'ST_MULTI'
                if k != 1 and count != k:
                    raise OracleError('multiple form: ' + toks[0])
            e.update(op=op, es=str(es), vb=str(vb), n=str(count), se=str(k))
        e.update(rc='V', rt=str(first))
        return Expect(mn, e)

    if kind == 'excl':
        ld, ar, pair, suf = m.group(1) == 'ld', m.group(2), m.group(3) == 'p', m.group(4)
        e, toks = addressing(ops, pc)
        regs = [greg(t) for t in toks]
        if not ld:
            (sc, rs) = regs.pop(0)
            if sc != 'w':
                raise OracleError('status register: ' + toks[0])
            e['rs'] = str(rs)
        if len(regs) != (2 if pair else 1) or any(r[0] != regs[0][0] for r in regs):
            raise OracleError('exclusive registers: ' + ops)
        rc, es = size_of_greg(regs[0][0])
        es = suffix_es(suf, es)
        e.update(op='LOAD_EXCL' if ld else 'STORE_EXCL', rc=rc, es=str(es),
                 n=str(len(regs)), rt=str(regs[0][1]))
        if pair:
            e['rt2'] = str(regs[1][1])
        fl = 0
        if ar == 'a' and ld:
            fl = F_ACQUIRE
        elif ar == 'l' and not ld:
            fl = F_RELEASE
        elif ar:
            raise OracleError('exclusive mnemonic: ' + mn)
        return Expect(mn, not_structure(e), fl)

    if kind == 'ord':
        base, suf = m.group(1), m.group(2)
        e, toks = addressing(ops, pc)
        if len(toks) != 1:
            raise OracleError('one register expected')
        c, n = greg(toks[0])
        rc, es = size_of_greg(c)
        es = suffix_es(suf, es)
        fl_req, fl_opt = {
            'ldar': (F_ACQUIRE, 0), 'stlr': (F_RELEASE, 0),
            # LoadLOAcquire/StoreLORelease: ordered only within a LORegion;
            # treating them as full acquire/release is also correct.
            'ldlar': (0, F_ACQUIRE), 'stllr': (0, F_RELEASE),
            'ldapr': (F_ACQUIRE | F_RCPC, 0)}[base]
        e.update(op='LOAD' if base.startswith('ld') else 'STORE', rc=rc, es=str(es),
                 n='1', rt=str(n))
        return Expect(base, not_structure(e), fl_req, fl_opt)

    if kind == 'atomic':
        swp = mn.startswith('swp')
        if swp:
            ar, suf, st = m.group(1) or '', m.group(2), False
            at = AT_SWP
        else:
            st, ar, suf = m.group(1) == 'st', m.group(3) or '', m.group(4)
            at = ATOMIC_OP[m.group(2)]
        e, toks = addressing(ops, pc)
        regs = [greg(t) for t in toks]
        if len(regs) != (1 if st else 2) or any(r[0] != regs[0][0] for r in regs):
            raise OracleError('atomic registers: ' + ops)
        rc, es = size_of_greg(regs[0][0])
        es = suffix_es(suf, es)
        rt = 31 if st else regs[1][1]
        fl_req = (F_ACQUIRE if 'a' in ar else 0) | (F_RELEASE if 'l' in ar else 0)
        fl_opt = 0
        if st:
            if 'a' in ar:
                raise OracleError('ST<op> with acquire: ' + mn)
            fl_req |= F_NO_RESULT
        elif rt == 31 and not swp:
            # LD<op>A with XZR has no ST<op> alias; NO_RESULT is harmless.
            fl_opt = F_NO_RESULT
        e.update(op='ATOMIC', rc=rc, es=str(es), n='1', rs=str(regs[0][1]), rt=str(rt), at=at)
        return Expect('swp' if swp else ('st' if st else 'ld') + '<op>', not_structure(e),
                      fl_req, fl_opt)

    if kind == 'cas':
        casp = mn.startswith('casp')
        ar = m.group(1) or ''
        suf = None if casp else m.group(2)
        e, toks = addressing(ops, pc)
        regs = [greg(t) for t in toks]
        if len(regs) != (4 if casp else 2) or any(r[0] != regs[0][0] for r in regs):
            raise OracleError('cas registers: ' + ops)
        rc, es = size_of_greg(regs[0][0])
        es = suffix_es(suf, es)
        if casp:
            if regs[1][1] != (regs[0][1] + 1 if regs[0][1] < 30 else 31) or \
               regs[3][1] != (regs[2][1] + 1 if regs[2][1] < 30 else 31):
                raise OracleError('casp register pairs: ' + ops)
            rs, rt = regs[0][1], regs[2][1]
        else:
            rs, rt = regs[0][1], regs[1][1]
        fl = (F_ACQUIRE if 'a' in ar else 0) | (F_RELEASE if 'l' in ar else 0)
        e.update(op='CASP' if casp else 'CAS', rc=rc, es=str(es), n='2' if casp else '1',
                 rs=str(rs), rt=str(rt))
        return Expect('casp' if casp else 'cas', not_structure(e), fl)

    if mn in ('prfm', 'prfum'):
        e, toks = addressing(ops, pc)
        if len(toks) != 1:
            raise OracleError('prfop expected')
        p = toks[0]
        pm = RE_PRF.match(p)
        if pm:
            prfop = PRF_TYPE[pm.group(1)] << 3 | PRF_TARGET[pm.group(2)] << 1 | (pm.group(3) == 'strm')
        else:
            prfop = imm_val(p)
        e.update(op='PREFETCH', rt=str(prfop))
        return Expect(mn, not_structure(e))

    if mn in ('ldraa', 'ldrab'):
        e, toks = addressing(ops, pc)
        c, n = greg(toks[0])
        if len(toks) != 1 or c != 'x':
            raise OracleError('ldra operands: ' + ops)
        e.update(op='LOAD', rc='X', es='3', n='1', rt=str(n))
        return Expect(mn, not_structure(e), F_PAC | (F_PAC_KEY_B if mn == 'ldrab' else 0))

    if mn == 'dc':
        toks = ops.split(', ')
        opname = toks[0]
        if opname in DC_OPS and len(toks) == 2:
            op, dc, fl = DC_OPS[opname]
            c, n = greg(toks[1])
            if c != 'x':
                raise OracleError('dc register: ' + ops)
            e = {'op': op, 'rc': 'NONE', 'rt': str(n)}
            if dc is not None:
                e['dc'] = dc
            return Expect('dc ' + opname, not_structure(e), fl)
        return 'dc ' + opname

    if mn in SYS_ALIASES:
        return mn + ' ' + ops.split(', ')[0]
    return mn


# ---------------------------------------------------------------------------
# Comparison
# ---------------------------------------------------------------------------

FIELDS = ('op', 'rc', 'es', 'n', 'se', 'ln', 'vb', 'am', 'rt', 'rt2', 'rn', 'rm', 'rs',
          'ext', 'sh', 'at', 'dc', 'fl', 'imm', 'pg', 'ms', 'st')
LINE_FMT = ' MEM ' + ' '.join('%s=%%(%s)s' % (k, k) for k in FIELDS) + '\n'


def predict_line(exp, learned):
    """Speed-up only: the decode_dump line (after the word) nisv would print
    if it agrees with exp, taking the fields exp does not care about from
    the last agreeing line of the same family. If nisv's line equals it,
    every checked field agrees; if not, the full comparison decides."""
    base = learned.get(exp.family)
    if base is None:
        return None
    d = base.copy()
    for k, v in exp.fields.items():
        if type(v) is tuple:
            v = base[k] if base[k] in v else v[0]
        d[k] = v
    d['fl'] = '0x%x' % (exp.fl_req | (d['_fl'] & exp.fl_opt))
    return LINE_FMT % d


def parse_nisv(line):
    """decode_dump line -> None (NONE), dict (MEM) or str (BAD ...)."""
    parts = line.split()
    if len(parts) < 2:
        return 'BAD malformed'
    if parts[1] == 'NONE':
        return None
    if parts[1] != 'MEM':
        return ' '.join(parts[1:])
    return dict(p.split('=', 1) for p in parts[2:])


def diff_fields(exp, d):
    """-> list of (key, expected, got) that disagree."""
    bad = []
    for k, v in exp.fields.items():
        got = d.get(k)
        if type(v) is tuple:
            if got not in v:
                bad.append((k, '|'.join(v), got))
        elif got != v:
            bad.append((k, v, got))
    try:
        fl = int(d.get('fl', 'x'), 16)
    except ValueError:
        fl = -1
    if fl < 0 or (fl & ~exp.fl_opt) != exp.fl_req:
        want = '0x%x' % exp.fl_req
        if exp.fl_opt:
            want += '(+0x%x)' % exp.fl_opt
        bad.append(('fl', want, d.get('fl')))
    return bad


G = {}   # per-process settings (set by init_worker)


class Stats:
    def __init__(self):
        self.words = 0
        self.memory = 0              # objdump: a memory instruction
        self.matched = 0             # both decode, all fields agree
        self.listed = collections.Counter()    # unhandled class -> count
        self.notmem = collections.Counter()    # not-memory class -> count
        self.cu = collections.Counter()        # (class, outcome) -> count
        self.mism = collections.Counter()      # group key -> count
        self.examples = {}                     # group key -> example text
        self.nmism = 0
        self.families = collections.Counter()  # matched per family
        self.second = collections.Counter()    # words llvm-objdump judged: 'undefined' / 'known'
        self.log = [] if G.get('log') else None  # every mismatch (--mismatch-log)

    def merge(self, o):
        self.words += o.words
        self.memory += o.memory
        self.matched += o.matched
        self.listed.update(o.listed)
        self.notmem.update(o.notmem)
        self.cu.update(o.cu)
        self.mism.update(o.mism)
        for k, v in o.examples.items():
            self.examples.setdefault(k, v)
        self.nmism += o.nmism
        self.families.update(o.families)
        self.second.update(o.second)
        if self.log is not None and o.log:
            self.log.extend(o.log)

    def mismatch(self, key, text):
        """text: a function returning the example text (called only when
        it is needed: the first of a class, or --mismatch-log)."""
        self.nmism += 1
        self.mism[key] += 1
        if key not in self.examples:
            self.examples[key] = text()
        if self.log is not None:
            self.log.append(' / '.join(x for x in key if x) + '\n' + text())


def fmt_example(word, objtext, nline, detail=''):
    s = '  %08x  objdump: %-44s\n            nisv:    %s' % (word, objtext, nline.strip()[9:])
    if detail:
        s += '\n            ' + detail
    return s


# objdump quirks, handled here rather than in unhandled.txt because objdump,
# not nisv, is the odd one out.
#
# LDPSW: binutils 2.40 has a verifier (verify_ldpsw) that prints LDPSW as
# undefined when Rt == Rt2, or when it writes back and Rn == Rt or Rn == Rt2.
# It has no such verifier for LDP, which it prints normally with the same
# overlaps. The Arm ARM makes all of these the same CONSTRAINED UNPREDICTABLE
# cases (Unpredictable_LDPOVERLAP / Unpredictable_WBOVERLAPLD) for LDP and
# LDPSW alike. nisv must treat LDPSW like objdump treats LDP: the oracle asks
# objdump about the same word with the registers made distinct (Rt=0, Rt2=1,
# Rn=2) and then expects nisv's fields with the real register numbers.
LDPSW_CLASSES = ((0xFFC00000, 0x68C00000), (0xFFC00000, 0x69400000), (0xFFC00000, 0x69C00000))


def quirk_substitute(w):
    """-> (substitute word, fixup fields) for an objdump quirk, or None."""
    for mask, val in LDPSW_CLASSES:
        if (w & mask) == val:
            fix = {'rt': str(w & 31), 'rn': str(w >> 5 & 31), 'rt2': str(w >> 10 & 31)}
            return (w & ~0x7FFF) | (1 << 10) | (2 << 5), fix
    return None


# First hex byte of words that can be in a cu class of unhandled.txt or a
# quirk class: a cheap filter before the exact mask tests.
def cu_prefixes(exc):
    pre = set()
    for b in range(256):
        for ent in exc.cu:
            if (b << 24 & ent[1]) >> 24 == (ent[2] >> 24):
                pre.add('%02x' % b)
    for mask, val in LDPSW_CLASSES:
        for b in range(256):
            if (b << 24 & mask) >> 24 == (val >> 24):
                pre.add('%02x' % b)
    return pre


def judge(st, exc, learned, wx, mn, ops, pc, nline, who=''):
    """Compare nisv's line for one word with an objdump's text of it (mn
    '.inst': undefined). who names the objdump when it is not binutils
    ('llvm'): it tags the families and the examples."""
    tag = ' (%s)' % who if who else ''
    text = (who + ': ' if who else '') + mn + ' ' + ops
    nis_none = nline.endswith('NONE\n')
    if mn == '.inst':
        # objdump: unallocated.
        if not nis_none:
            st.mismatch(('nisv-only', 'undefined' + tag, nline.split()[2] if 'MEM' in nline else 'BAD'),
                        lambda: fmt_example(int(wx, 16), text if who else '.inst (undefined)', nline))
        return
    try:
        exp = expect_from_objdump(mn, ops, pc)
    except (OracleError, ValueError, KeyError, IndexError) as e:
        st.mismatch(('oracle-parse', mn + tag, str(e)[:60]),
                    lambda: fmt_example(int(wx, 16), text, nline, 'oracle cannot parse: %s' % e))
        return
    if type(exp) is str:
        known = exc.classify_known(exp)
        if known and known[0] == 'unhandled':
            st.memory += 1
            st.listed[known[1]] += 1
        elif known:
            st.notmem[known[1]] += 1
        if known is None:
            st.memory += 1
            st.mismatch(('objdump-only-unlisted', exp + tag, ''),
                        lambda: fmt_example(int(wx, 16), text, nline,
                                    'objdump knows it, nisv does not, and unhandled.txt does not list it'))
        elif not nis_none:
            st.mismatch(('listed-but-decoded', known[1], ''),
                        lambda: fmt_example(int(wx, 16), text, nline,
                                    '%s "%s" in unhandled.txt, but nisv decodes it' % known))
        return
    st.memory += 1
    if nis_none:
        st.mismatch(('objdump-only-unlisted', exp.family + tag, ''),
                    lambda: fmt_example(int(wx, 16), text, nline, 'nisv says NONE'))
        return
    if nline[8:] == predict_line(exp, learned):
        st.matched += 1
        st.families[exp.family + tag] += 1
        return
    d = parse_nisv(nline)
    if type(d) is str:
        st.mismatch(('bad', exp.family + tag, d.split()[0]), lambda: fmt_example(int(wx, 16), text, nline))
        return
    bad = diff_fields(exp, d)
    if bad:
        keys = ','.join(b[0] for b in bad)
        st.mismatch(('fields', exp.family + tag, keys),
                    lambda: fmt_example(int(wx, 16), text, nline,
                                'differs: ' + ', '.join('%s want %s got %s' % b for b in bad)))
    else:
        st.matched += 1
        st.families[exp.family + tag] += 1
        if len(d) == len(FIELDS):
            d['_fl'] = int(d['fl'], 16)
            learned[exp.family] = d


def compare_chunk(words_path, nwords, dump, objdump, exc, deferred, second=None):
    """Compare one file of words. Returns Stats. Words to be compared against
    objdump's decode of another word (cu classes, quirks) are appended to
    deferred as (word, other word, nisv line, pc, objdump's own text,
    cu entry or None, fixup dict or None); SVE and SME words objdump calls
    undefined to second (a list, or None: objdump's word is final) as (word, nisv
    line), for llvm-objdump to judge."""
    st = Stats()
    od = subprocess.Popen([objdump, '-D', '-z', '-b', 'binary', '-m', 'aarch64', words_path],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, bufsize=1 << 20)
    dd = subprocess.Popen([dump, words_path], stdout=subprocess.PIPE,
                          universal_newlines=True, bufsize=1 << 20)
    oit = iter(od.stdout)
    for line in oit:
        if line.rstrip().endswith('<.data>:'):
            break
    cu_class = exc.cu_class
    classify_known = exc.classify_known
    prefixes = cu_prefixes(exc)
    learned = {}
    n = 0
    for oline, nline in zip(oit, dd.stdout):
        n += 1
        # "   addr:\twwwwwwww \tmnemonic\toperands\n"
        p = oline.split('\t')
        wx = nline[:8]
        if len(p) < 3 or p[1][:8] != wx:
            raise SystemExit('decode-oracle: objdump/decode_dump out of step at word %d:\n  %s  %s'
                             % (n, oline.rstrip(), nline.rstrip()))
        if len(p) > 3:
            mn = p[2]
            ops = p[3].rstrip('\n')
        else:
            mn = p[2].rstrip('\n')
            ops = ''
        if wx[:2] in prefixes:
            w = int(wx, 16)
            ent = cu_class(w)
            if ent is not None:
                deferred.append((w, w | ent[3], nline, int(p[0].strip().rstrip(':'), 16),
                                 None if mn == '.inst' else (mn + ' ' + ops).strip(), ent, None))
                continue
            if mn == '.inst':
                q = quirk_substitute(w)
                if q is not None:
                    deferred.append((w, q[0], nline, int(p[0].strip().rstrip(':'), 16),
                                     None, None, q[1]))
                    continue
        if mn == '.inst' and second is not None and wx[:2] in SECOND_PREFIXES:
            second.append((int(wx, 16), nline))
            continue
        judge(st, exc, learned, wx, mn, ops, int(p[0].strip().rstrip(':'), 16), nline)
    st.words = n
    od.stdout.close()
    dd.stdout.close()
    err = od.stderr.read()
    od.wait()
    dd.wait()
    if od.returncode != 0 or dd.returncode != 0:
        raise SystemExit('decode-oracle: objdump (%d) or decode_dump (%d) failed: %s'
                         % (od.returncode, dd.returncode, err.strip()))
    if n != nwords:
        raise SystemExit('decode-oracle: expected %d lines, got %d' % (nwords, n))
    return st


def objdump_lines(objdump, words, tmpdir):
    """objdump text (mnemonic, operands) for a small list of words."""
    path = os.path.join(tmpdir, 'cu-%d.bin' % os.getpid())
    write_words(path, array.array('I', words))
    out = subprocess.run([objdump, '-D', '-z', '-b', 'binary', '-m', 'aarch64', path],
                         stdout=subprocess.PIPE, check=True, universal_newlines=True).stdout
    res = []
    started = False
    for line in out.splitlines():
        if not started:
            started = line.rstrip().endswith('<.data>:')
            continue
        p = line.split('\t')
        res.append((p[2].strip(), p[3] if len(p) > 3 else ''))
    os.unlink(path)
    if len(res) != len(words):
        raise SystemExit('decode-oracle: objdump line count mismatch on CU words')
    return res


def compare_deferred(st, deferred, objdump, tmpdir):
    """Words compared against objdump's decode of another word: cu classes
    (the canonical word, SBO fields all ones) by their policy, and objdump
    quirks (a substitute word, then the real field values)."""
    if not deferred:
        return
    texts = objdump_lines(objdump, [c[1] for c in deferred], tmpdir)
    for (w, other, nline, pc, own, ent, fix), (mn, ops) in zip(deferred, texts):
        nis_none = nline.endswith('NONE\n')
        cls = ent[0] if ent else 'objdump quirk'
        policy = ent[4] if ent else 'as-if'
        if mn == '.inst':
            # The canonical word is unallocated too: the class does not
            # apply, so this is a plain "objdump: undefined" word.
            if own is not None:
                st.mismatch(('oracle-class', cls, ''),
                            lambda: fmt_example(w, own, nline, 'objdump decodes it but not %08x' % other))
            elif not nis_none:
                st.mismatch(('nisv-only', 'undefined', cls),
                            lambda: fmt_example(w, '.inst (undefined)', nline))
            continue
        st.memory += 1
        shown = '%s  (as %08x: %s)' % (own or '.inst (undefined)', other, (mn + ' ' + ops).strip())
        if ent:
            st.cu[(cls, 'NONE' if nis_none else 'decoded')] += 1
        if nis_none:
            if ent and own is not None:
                # objdump decodes this very word, nisv does not: listed.
                st.listed['cu: ' + cls] += 1
            if policy == 'as-if':
                st.mismatch(('cu-policy' if ent else 'objdump-quirk', cls, 'NONE'),
                            lambda: fmt_example(w, shown, nline, 'policy as-if: nisv must decode it like %08x' % other))
            continue
        if policy == 'undef':
            st.mismatch(('cu-policy', cls, 'decoded'),
                        lambda: fmt_example(w, shown, nline, 'policy undef: nisv must say NONE'))
            continue
        try:
            exp = expect_from_objdump(mn, ops, pc)
        except (OracleError, ValueError, KeyError, IndexError) as e:
            st.mismatch(('oracle-parse', mn, str(e)[:60]), lambda: fmt_example(w, shown, nline, str(e)))
            continue
        d = parse_nisv(nline)
        if type(exp) is str or type(d) is str:
            st.mismatch(('cu-policy', cls, 'unexpected'), lambda: fmt_example(w, shown, nline))
            continue
        if fix:
            exp.fields.update(fix)
        bad = diff_fields(exp, d)
        tag = ' (cu)' if ent else ' (quirk)'
        if bad:
            st.mismatch(('fields', exp.family + tag, ','.join(b[0] for b in bad)),
                        lambda: fmt_example(w, shown, nline,
                                    'differs: ' + ', '.join('%s want %s got %s' % b for b in bad)))
        else:
            st.matched += 1
            st.families[exp.family + tag] += 1


# The second oracle: llvm-objdump (19) judges the SVE and SME words binutils
# 2.40 prints as undefined, for binutils knows SVE2 and SME but not SVE2.1
# (the 128-bit element loads and stores) or SME2 (LDR/STR ZT0, the
# multi-vector loads and stores). It reads no raw binary: the words go into
# a minimal ELF relocatable file as its .text.
LLVM_MATTR = '+sme2p1,+sme-i16i64,+sme-f64f64,+sve2p1'
SECOND_PREFIXES = {'%02x' % (b >> 24 | k) for b in SPACES['sme'] + SPACES['sve'] for k in (0, 1)}


def write_elf(path, words):
    """words (array('I')) as the .text of an AArch64 ELF64 relocatable file."""
    if sys.byteorder != 'little':
        words = array.array('I', words)
        words.byteswap()
    text = words.tobytes()
    names = b'\0.text\0.shstrtab\0'
    shoff = 64 + len(text) + len(names)
    shoff += -shoff % 8
    ident = b'\x7fELF\x02\x01\x01' + bytes(9)                 # 64-bit, little-endian
    ehdr = struct.pack('<16sHHIQQQIHHHHHH', ident, 1, 183, 1, 0, 0, shoff, 0, 64, 0, 0, 64, 3, 2)
    shdrs = (bytes(64) +                                       # ET_REL, EM_AARCH64; SHT_NULL,
             struct.pack('<IIQQQQIIQQ', 1, 1, 6, 0, 64, len(text), 0, 0, 4, 0) +  # .text (AX),
             struct.pack('<IIQQQQIIQQ', 7, 3, 0, 0, 64 + len(text), len(names), 0, 0, 1, 0))  # names
    with open(path, 'wb') as f:
        f.write(ehdr + text + names + bytes(shoff - 64 - len(text) - len(names)) + shdrs)


def llvm_texts(llvm, words, tmpdir):
    """llvm-objdump's (mnemonic, operands) of each word; ('.inst',
    '(undefined)') for <unknown>."""
    path = os.path.join(tmpdir, 'l-%d.o' % os.getpid())
    write_elf(path, words)
    out = subprocess.run([llvm, '-d', '-z', '--mattr=' + LLVM_MATTR, path],
                         stdout=subprocess.PIPE, check=True, universal_newlines=True).stdout
    os.unlink(path)
    res = []
    for line in out.splitlines():
        p = line.split('\t')
        if len(p) < 2 or not re.match(r'\s*[0-9a-f]+: [0-9a-f]{8} ', p[0]):
            continue
        if len(res) == len(words) or int(p[0].split()[1], 16) != words[len(res)]:
            raise SystemExit('decode-oracle: llvm-objdump out of step: ' + line)
        # its register lists as binutils spells them: {z0.b, z1.b}, {z0.s-z3.s}
        ops = p[2].replace('{ ', '{').replace(' }', '}').replace(' - ', '-') if len(p) > 2 else ''
        res.append(('.inst', '(undefined)') if p[1] == '<unknown>' else (p[1], ops))
    if len(res) != len(words):
        raise SystemExit('decode-oracle: llvm-objdump printed %d words of %d' % (len(res), len(words)))
    return res


def compare_second(st, second, llvm, exc, tmpdir):
    """The SVE and SME words binutils does not know, judged by llvm-objdump."""
    texts = llvm_texts(llvm, array.array('I', (w for w, _ in second)), tmpdir)
    learned = {}
    for (w, nline), (mn, ops) in zip(second, texts):
        st.second['undefined' if mn == '.inst' else 'known'] += 1
        judge(st, exc, learned, '%08x' % w, mn, ops, 0, nline, 'llvm')


# ---------------------------------------------------------------------------
# Work distribution
# ---------------------------------------------------------------------------

def init_worker(dump, objdump, exc_path, tmpdir, log, space='ldst', llvm=None):
    G.update(dump=dump, objdump=objdump, exc=Exceptions(exc_path), tmpdir=tmpdir, log=log,
             blocks=space_blocks(space), llvm=llvm)


def run_words(tag, words):
    path = os.path.join(G['tmpdir'], 'w-%s.bin' % tag)
    write_words(path, words)
    deferred, second = [], [] if G['llvm'] else None
    st = compare_chunk(path, len(words), G['dump'], G['objdump'], G['exc'], deferred, second)
    compare_deferred(st, deferred, G['objdump'], G['tmpdir'])
    if second:
        compare_second(st, second, G['llvm'], G['exc'], G['tmpdir'])
    os.unlink(path)
    return st


def job_sample(args):
    tag, words = args
    return run_words(tag, words)


def job_range(args):
    start, count = args
    return run_words('r%d' % start, space_block_words(G['blocks'], start, count))


# SVE/SME summary: family 'sve <mnemonic> <form>' or unhandled class -> a
# row of the per-class table (the classes of the Arm ARM "SVE Memory" tables
# nisv handles).
SVE_CLASS_RX = (
    (r'sve (ld|st)1q \[z,x\]', 'LD1Q/ST1Q (SVE2.1)'),
    (r'sve (ld|st)1[wd]\.q ', 'LD1/ST1 W/D .Q (SVE2.1)'),
    (r'sve (ld|st)[234]q ', 'LD2Q-LD4Q/ST2Q-ST4Q (SVE2.1)'),
    (r'sve ld1s?[bhwd] \[(z,#|x,z)\]', 'LD1 gather'), (r'sve ldff1s?[bhwd] \[(z,#|x,z)\]', 'LDFF1 gather'),
    (r'sve ldnt1s?[bhwd] \[z,x\]', 'LDNT1 gather (SVE2)'), (r'sve st1[bhwd] \[(z,#|x,z)\]', 'ST1 scatter'),
    (r'sve stnt1[bhwd] \[z,x\]', 'STNT1 scatter (SVE2)'), (r'sve prf[bhwd] \[(z,#|x,z)\]', 'PRF* gather'),
    (r'sve ld1[bhwd] ', 'LD1 contiguous'), (r'sve ld1s[bhw] ', 'LD1S contiguous'),
    (r'sve ldff1s?[bhwd] ', 'LDFF1 contiguous'), (r'sve ldnf1s?[bhwd] ', 'LDNF1 contiguous'),
    (r'sve ldnt1[bhwd] ', 'LDNT1 contiguous'), (r'sve ld[234][bhwd] ', 'LD2-LD4'),
    (r'sve st1[bhwd] ', 'ST1 contiguous'), (r'sve stnt1[bhwd] ', 'STNT1 contiguous'),
    (r'sve st[234][bhwd] ', 'ST2-ST4'), (r'sve (ldr|str) z ', 'LDR/STR Z'),
    (r'sve (ldr|str) p ', 'LDR/STR P'), (r'sve ld1rs?[bhwd] ', 'LD1R*'),
    (r'sve ld1rq[bhwd] ', 'LD1RQ*'), (r'sve ld1ro[bhwd] ', 'LD1RO*'),
    (r'sve prf[bhwd] ', 'PRF* (scalar base)'),
    (r'sme (ld|st)1[bhwdq] tile', 'SME LD1/ST1 tile slice'), (r'sme (ldr|str) za', 'SME LDR/STR ZA'),
    (r'sme (ldr|str) zt0', 'SME2 LDR/STR ZT0'),
    (r'multi (ld|st)(nt)?1[bhwd] x[24] \[', 'multi-vector consecutive'),
    (r'multi (ld|st)(nt)?1[bhwd] x[24] strided', 'multi-vector strided'))


def sve_summary(st):
    """-> [(class, matched, mismatched)] for the SVE families seen."""
    rows = collections.OrderedDict((name, [0, 0]) for _, name in SVE_CLASS_RX)
    seen = False
    # matched words by family; mismatches by (kind, family, ...) key
    counts = [(fam, v, 0) for fam, v in st.families.items()]
    counts += [(key[1], v, 1) for key, v in st.mism.items() if len(key) > 1]
    for fam, v, col in counts:
        if not fam.startswith(('sve ', 'sme ', 'multi ')):
            continue
        for rx, name in SVE_CLASS_RX:
            if re.match(rx, fam):
                rows[name][col] += v
                seen = True
                break
    return [(k, a, b) for k, (a, b) in rows.items()] if seen else []


def report(st, args, elapsed, out=sys.stdout):
    w = out.write
    rows = sve_summary(st)
    if rows:
        w('SVE and SME memory classes nisv decodes (matched / mismatched words):\n')
        for name, a, b in rows:
            w('  %-30s %9d %9d\n' % (name, a, b))
    if st.families and args.verbose:
        w('matched by family:\n')
        for k, v in sorted(st.families.items()):
            w('  %-24s %d\n' % (k, v))
    if st.listed:
        w('objdump-only, listed in unhandled.txt (nisv says NONE):\n')
        for k, v in sorted(st.listed.items()):
            w('  %-24s %d\n' % (k, v))
    if st.notmem and args.verbose:
        w('not memory for nisv (unhandled.txt):\n')
        for k, v in sorted(st.notmem.items()):
            w('  %-24s %d\n' % (k, v))
    if st.second:
        w('llvm-objdump judged the %d SVE/SME words binutils prints as undefined: %d undefined, %d known\n'
          % (sum(st.second.values()), st.second['undefined'], st.second['known']))
    if st.cu:
        w('CONSTRAINED UNPREDICTABLE classes (unhandled.txt "cu"; SBO field not all ones):\n')
        for (cls, outcome), v in sorted(st.cu.items()):
            w('  %-24s nisv %-8s %d\n' % (cls, outcome, v))
    if st.nmism:
        w('mismatches by class (%d classes):\n' % len(st.mism))
        for k, v in sorted(st.mism.items(), key=lambda kv: (-kv[1], kv[0])):
            w('  %8d  %s\n' % (v, ' / '.join(x for x in k if x)))
        w('examples (first %d classes):\n' % min(args.show, len(st.mism)))
        for k, _ in sorted(st.mism.items(), key=lambda kv: (-kv[1], kv[0]))[:args.show]:
            w('[%s]\n%s\n' % (' / '.join(x for x in k if x), st.examples[k]))
    w('decode-oracle: %d words, %d memory, %d mismatches, %d objdump-only (listed)'
      '  [%.1fs]\n' % (st.words, st.memory, st.nmism, sum(st.listed.values()), elapsed))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--dump', required=True, help='decode_dump executable')
    ap.add_argument('--objdump', default=shutil.which('aarch64-linux-gnu-objdump') or 'objdump')
    ap.add_argument('--llvm-objdump', default=shutil.which('llvm-objdump-19') or 'llvm-objdump',
                    help="judges the SME words binutils does not know (default llvm-objdump-19;"
                    " 'none': binutils alone)")
    ap.add_argument('--words', type=int, default=2000000,
                    help='sample size of the DC and loads-and-stores spaces (default 2000000)')
    ap.add_argument('--sve-words', type=int, default=2000000,
                    help='sample size of the SVE and SME memory spaces (default 2000000)')
    ap.add_argument('--seed', default='20240601',
                    help="random seed (default fixed; 'random' for a fresh one)")
    ap.add_argument('--unhandled', default=DEFAULT_UNHANDLED)
    ap.add_argument('--jobs', type=int, default=os.cpu_count() or 1)
    ap.add_argument('--full', action='store_true', help='walk the whole --space')
    ap.add_argument('--space', default='ldst',
                    help='--full: ldst (loads and stores, 2^30 words), sve (SVE memory, 2^27),'
                    ' sme (SME memory blocks, 2^26), or a comma-separated list (default ldst)')
    ap.add_argument('--start', type=lambda s: int(s, 0), default=0,
                    help='--full: first index into the space')
    ap.add_argument('--count', type=lambda s: int(s, 0), default=None,
                    help='--full: how many (default: to the end of the space)')
    ap.add_argument('--chunk', type=lambda s: int(s, 0), default=1 << 20)
    ap.add_argument('--show', type=int, default=30, help='mismatch classes to show an example of')
    ap.add_argument('--progress', action='store_true')
    ap.add_argument('--mismatch-log', metavar='FILE', help='write every mismatch to FILE')
    ap.add_argument('-v', '--verbose', action='store_true')
    args = ap.parse_args()

    Exceptions(args.unhandled)   # validate early
    blocks = space_blocks(args.space)
    if not shutil.which(args.objdump):
        print('decode-oracle: %s not found (Debian: apt-get install binutils-aarch64-linux-gnu)'
              % args.objdump, file=sys.stderr)
        return 1
    if not os.access(args.dump, os.X_OK):
        print('decode-oracle: %s is not an executable' % args.dump, file=sys.stderr)
        return 1
    llvm = None if args.llvm_objdump == 'none' else shutil.which(args.llvm_objdump)
    if args.llvm_objdump != 'none' and not llvm and (not args.full or 'sme' in args.space):
        print('decode-oracle: %s not found (Debian: apt-get install llvm-19); it judges the SME'
              ' words binutils 2.40 does not know (SME2 ZT0), or pass --llvm-objdump none'
              % args.llvm_objdump, file=sys.stderr)
        return 1
    t0 = time.time()
    tmpdir = tempfile.mkdtemp(prefix='decode-oracle-')
    total = Stats()
    try:
        if args.full:
            size = len(blocks) * SPACE_BLOCK
            end = size if args.count is None else min(size, args.start + args.count)
            jobs = [(s, min(args.chunk, end - s)) for s in range(args.start, end, args.chunk)]
            fn = job_range
            print('decode-oracle: full walk of %s indices 0x%x..0x%x (%d words) in %d chunks, %d jobs'
                  % (args.space, args.start, end, end - args.start, len(jobs), args.jobs), flush=True)
        else:
            seed = random.randrange(1 << 32) if args.seed == 'random' else int(args.seed, 0)
            words = sample_words(args.words, seed, args.sve_words)
            n_ldst = max(0, args.words - (1 << 15))
            print('decode-oracle: seed %d, %d words (%d DC space + %d loads-and-stores'
                  ' + %d SVE/SME memory sampled)'
                  % (seed, len(words), 1 << 15, n_ldst, len(words) - (1 << 15) - n_ldst), flush=True)
            nch = max(1, min(len(words) // 200000, 4 * args.jobs))
            step = -(-len(words) // nch)
            jobs = [(str(k), words[k * step:(k + 1) * step]) for k in range(nch)]
            fn = job_sample
        init = (args.dump, args.objdump, args.unhandled, tmpdir, bool(args.mismatch_log),
                args.space, llvm)
        G['log'] = bool(args.mismatch_log)
        total = Stats()
        done = 0
        if args.jobs <= 1:
            init_worker(*init)
            results = map(fn, jobs)
        else:
            pool = multiprocessing.Pool(args.jobs, init_worker, init)
            results = pool.imap_unordered(fn, jobs)
        for st in results:
            total.merge(st)
            done += 1
            if args.progress:
                el = time.time() - t0
                print('  %d/%d chunks, %d words, %d memory, %d mismatches, %d listed,'
                      ' %.0fs elapsed, ~%.0fs left'
                      % (done, len(jobs), total.words, total.memory, total.nmism,
                         sum(total.listed.values()), el, el / done * (len(jobs) - done)), flush=True)
        if args.jobs > 1:
            pool.close()
            pool.join()
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
    if args.mismatch_log:
        with open(args.mismatch_log, 'w') as f:
            for t in total.log:
                f.write(t + '\n')
    report(total, args, time.time() - t0)
    return 0 if total.nmism == 0 else 1


if __name__ == '__main__':
    sys.exit(main())
