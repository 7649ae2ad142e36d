#!/usr/bin/env python3
"""Write the fuzzer's seed corpus (tests/fuzz/corpus/): one input per
instruction class and variant of the world, in the input format that
fuzz_trap.c documents. Rerun after changing the format:

    python3 tests/fuzz/gen_seeds.py tests/fuzz/corpus

The words were assembled with binutils (aarch64-linux-gnu-as
-march=armv8.6-a+memtag) from the texts beside them.
"""
import os
import struct
import sys

WORDS = [
    (0xf9400020, "ldr x0, [x1]"),
    (0xb9400820, "ldr w0, [x1, #8]"),
    (0x39400020, "ldrb w0, [x1]"),
    (0x79800420, "ldrsh x0, [x1, #2]"),
    (0xb8804420, "ldrsw x0, [x1], #4"),
    (0xf81f8c20, "str x0, [x1, #-8]!"),
    (0x79000020, "strh w0, [x1]"),
    (0xf8401020, "ldur x0, [x1, #1]"),
    (0xf8626820, "ldr x0, [x1, x2]"),
    (0xf862d820, "ldr x0, [x1, w2, sxtw #3]"),
    (0xa9400440, "ldp x0, x1, [x2]"),
    (0x29c10440, "ldp w0, w1, [x2, #8]!"),
    (0x69400440, "ldpsw x0, x1, [x2]"),
    (0xa9bf07e0, "stp x0, x1, [sp, #-16]!"),
    (0xad000440, "stp q0, q1, [x2]"),
    (0xad400440, "ldp q0, q1, [x2]"),
    (0x6c400440, "ldnp d0, d1, [x2]"),
    (0x3dc00020, "ldr q0, [x1]"),
    (0x3d000020, "str b0, [x1]"),
    (0x58000200, "ldr x0, .+64"),
    (0xf9800020, "prfm pldl1keep, [x1]"),
    (0xc85f7c20, "ldxr x0, [x1]"),
    (0xc8027c20, "stxr w2, x0, [x1]"),
    (0xc87f8440, "ldaxp x0, x1, [x2]"),
    (0xc8238440, "stlxp w3, x0, x1, [x2]"),
    (0xc8dffc20, "ldar x0, [x1]"),
    (0x889ffc20, "stlr w0, [x1]"),
    (0xf8bfc020, "ldapr x0, [x1]"),
    (0x99404020, "ldapur w0, [x1, #4]"),
    (0xf8200041, "ldadd x0, x1, [x2]"),
    (0xb8e00041, "ldaddal w0, w1, [x2]"),
    (0xf820005f, "stadd x0, [x2]"),
    (0xf8208041, "swp x0, x1, [x2]"),
    (0x78204041, "ldsmaxh w0, w1, [x2]"),
    (0x38207041, "lduminb w0, w1, [x2]"),
    (0xf8201041, "ldclr x0, x1, [x2]"),
    (0xb8202041, "ldeor w0, w1, [x2]"),
    (0xf8203041, "ldset x0, x1, [x2]"),
    (0xc8a07c41, "cas x0, x1, [x2]"),
    (0x88e0fc41, "casal w0, w1, [x2]"),
    (0x48207c82, "casp x0, x1, x2, x3, [x4]"),
    (0x4c402c20, "ld1 {v0.2d-v3.2d}, [x1]"),
    (0x4cdf7020, "ld1 {v0.16b}, [x1], #16"),
    (0x4c00a820, "st1 {v0.4s, v1.4s}, [x1]"),
    (0x4c408820, "ld2 {v0.4s, v1.4s}, [x1]"),
    (0x4c404420, "ld3 {v0.8h-v2.8h}, [x1]"),
    (0x0cc20020, "ld4 {v0.8b-v3.8b}, [x1], x2"),
    (0x4c000820, "st4 {v0.4s-v3.4s}, [x1]"),
    (0x0d409020, "ld1 {v0.s}[1], [x1]"),
    (0x4d008420, "st1 {v0.d}[1], [x1]"),
    (0x4d40c820, "ld1r {v0.4s}, [x1]"),
    (0x4d60ec20, "ld4r {v0.2d-v3.2d}, [x1]"),
    (0xd50b7421, "dc zva, x1"),
    (0xd50b7e21, "dc civac, x1"),
    (0xd50b7b21, "dc cvau, x1"),
    (0xd50b7461, "dc gva, x1"),
    (0x69000440, "stgp x0, x1, [x2]"),
    (0xf8200420, "ldraa x0, [x1]"),
    (0xf8400820, "ldtr x0, [x1]"),
    (0x38000820, "sttrb w0, [x1]"),
    (0xc87f0440, "ldxp x0, x1, [x2]"),
    (0x085ffc20, "ldaxrb w0, [x1]"),
    (0x4802fc20, "stlxrh w2, w0, [x1]"),
    (0xc8df7c20, "ldlar x0, [x1]"),
    (0xfd400420, "ldr d0, [x1, #8]"),
    (0x7d000420, "str h0, [x1, #2]"),
    (0xbc404420, "ldr s0, [x1], #4"),
    (0x8b020020, "add x0, x1, x2"),
    (0xd503201f, "nop"),
]

NREG = 46  # NISV_REG_COUNT
BLOCK_VA = 0x600000
DEV_BASE = 0x09000000


def header(word, f0=0, f1=0, feat=0, pick=0, delta=0, iss_xor=0):
    return struct.pack("<IBBBBbI", word, f0, f1, feat, pick, delta, iss_xor)[:12]


def set_reg(r, v):
    return bytes([0, r]) + struct.pack("<Q", v & (2**64 - 1))


def reg_rel(r, off):
    return bytes([1, r]) + struct.pack("<h", off)


def reg_small(r, v):
    return bytes([2, r]) + struct.pack("<b", v)


def xor_desc(slot, mask):
    return bytes([6]) + struct.pack("<HQ", slot, mask)


def fail(kind, k):
    return bytes([8, kind, k])


def region(idx, field, v):
    return bytes([7, idx, field]) + struct.pack("<Q", v)


K_GET, K_SET, K_GETV, K_SETV, K_READ, K_WRITE, K_CHECK, K_CAS, K_DREAD, K_DWRITE = range(10)
BASES = (1, 2, 4, 31, 32)  # x1, x2, x4, SP_EL0, SP_EL1 (regs 31, 32 for edit 1)


def bases_to(off):
    return b"".join(reg_rel(r, off) for r in BASES)


def variants(word, text):
    small = reg_small(2, 8)  # index register for [x1, x2] forms
    yield "dev", header(word) + small
    yield "ram", header(word) + small + bases_to(0x3000)
    yield "devb", header(word) + small + bases_to(0x1000)
    yield "devc", header(word) + small + bases_to(0x2000)
    yield "cross-dev", header(word) + small + bases_to(0x0ff8)
    yield "cross-ram", header(word) + small + bases_to(0x3ff8)
    yield "isv1", header(word, f0=0x04 | 0x08 | 0x40, iss_xor=(3 << 22) | (1 << 15)) + small
    yield "inject-invalid", header(word, f0=0x02 | 0x40) + small + bases_to(0x5000)
    yield "emulate", header(word, f0=0x80) + small
    yield "mmu-off", header(word, f0=0x01) + small + b"".join(set_reg(r, DEV_BASE + 0x100) for r in (1, 2, 4))
    yield "be-el0", header(word, f1=0x20 | 0x40) + small
    yield "hafdbs", header(word, feat=0x10) + small + bases_to(0x7000)
    yield "dbm-ram", header(word, feat=0x10) + small + b"".join(set_reg(r, 0x509010) for r in (1, 2, 4))
    yield "fail-dwrite1", header(word) + small + fail(K_DWRITE, 1) + bases_to(0x1000)
    yield "fail-dread1", header(word) + small + fail(K_DREAD, 1) + bases_to(0x2000)
    yield "fail-get", header(word) + small + fail(K_GET, 4)
    yield "fail-set", header(word, f0=0x02) + small + fail(K_SET, 1)
    yield "fail-read", header(word) + small + fail(K_READ, 3)
    yield "nolock-nocheck", header(word, f1=0x04 | 0x08 | 0x10) + small
    if text.startswith(("ldr x0, [x1]", "strh", "ldrsh")):
        # AArch32 EL0 (PSTATE.M = 0x10): the syndrome path, CM, and the SEA floor
        a32 = set_reg(34, 0x10)
        yield "a32-isv1", header(word, f0=0x04 | 0x08, f1=2, delta=0x20, iss_xor=(1 << 22) | (1 << 16)) + small + a32
        yield "a32-cm", header(word, f0=0x04 | 0x10) + small + a32
        yield "a32-iss-only", header(word) + small + a32
    # HW access flag on a 2 MiB block, the access crossing a 4K page inside it
    yield "block-af-cross", (header(word, feat=0x10) + small + xor_desc(1024 + 3, 1 << 10) +
                              b"".join(set_reg(r, BLOCK_VA + 0x5ff8) for r in (1, 2, 4)))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "corpus")
    os.makedirs(out, exist_ok=True)
    n = 0
    for word, text in WORDS:
        for name, data in variants(word, text):
            with open(os.path.join(out, "%08x-%s" % (word, name)), "wb") as f:
                f.write(data)
            n += 1
    print("%d seeds in %s" % (n, out))


if __name__ == "__main__":
    main()
