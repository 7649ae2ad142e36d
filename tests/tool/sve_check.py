#!/usr/bin/env python3
"""SVE in the nisv tool: `decode` text against objdump, `emulate` results.

1. decode: every word of data/sve-words.txt (each SVE form nisv decodes:
   LD1*/LD1S*/ST1*, LDFF1*, LDNF1*, LDNT1*/STNT1*, LD2-LD4/ST2-ST4,
   LDR/STR of Z and P, LD1R*, LD1RQ*, LD1RO*, PRFB-PRFD, in every
   addressing mode, the gathers, scatters and gather prefetches too, and the
   SME LD1/ST1 of a ZA tile slice, LDR/STR ZA and ZT0) must be a memory
   instruction whose text equals binutils objdump's: the live objdump when
   there is one and it knows the word, else the text recorded in the file
   (objdump 2.40; for SME2 ZT0, which it does not know, llvm-objdump-19).
   With objdump, --words more words sampled from the SVE memory encoding
   space (op0 = 0010, bit 31 = 1), and a fifth as many from the SME memory
   block (bits 31:25 = 1110000), that nisv decodes must match it too. With
   llvm-mc (--llvm-mc, default llvm-mc-19), the sampled words nisv decodes
   and binutils 2.40 does not know (SVE2.1) and a fifth as many from the
   SME2 multi-vector block (1010000): each must match `llvm-mc
   -disassemble`'s text without the spaces inside its braces ({ z0.b -
   z3.b } is {z0.b-z3.b}).
2. emulate: results computed here from the Arm ARM pseudocode (predicated
   elements, the V write that zeroes Z, LD1RQ replication, streaming mode),
   compared with `nisv emulate --json`: the registers it reports changed and
   the device bytes written.

    sve_check.py --nisv PATH [--objdump PATH] [--llvm-mc PATH] [--words N] [--seed S] [-v]

Last line: "tool-sve: D words decoded (S sampled), K text mismatches, E emulate
cases, F failures". Exit 0 iff nothing failed; 77 (skipped) when nisv does not
decode SVE (nisv decode a400a000 is not a memory instruction).
"""
import argparse
import json
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
LINE = re.compile(r'^\s*([0-9a-f]+):\s+([0-9a-f]{8})\s+(.*)$')


def norm(text):
    text = text.split(' //')[0].split('\t//')[0]
    return re.sub(r'\s+', ' ', text.replace('\t', ' ')).strip()


def load_words(path):
    words = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):  # '#' also starts immediates
                word, _, text = line.partition(' ')
                words.append((int(word, 16), norm(text)))
    return words


def objdump_texts(objdump, words):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'w.bin')
        with open(path, 'wb') as f:
            f.write(b''.join(struct.pack('<I', w) for w in words))
        out = subprocess.run([objdump, '-D', '-b', 'binary', '-m', 'aarch64', path],
                             capture_output=True, text=True, check=True).stdout
    texts = {}
    for line in out.splitlines():
        m = LINE.match(line)
        if m:
            texts[int(m.group(1), 16) // 4] = norm(m.group(3))
    return texts


def llvm_texts(llvm_mc, words):
    """{word: text} of the words llvm-mc disassembles (SME2, SVE2.1)."""
    src = ''.join('0x%02x 0x%02x 0x%02x 0x%02x\n' % tuple(w.to_bytes(4, 'little')) for w in words)
    out = subprocess.run([llvm_mc, '-triple=aarch64', '-mattr=+sme2p1,+sve2p1', '-disassemble', '-show-encoding'],
                         input=src, capture_output=True, text=True).stdout
    texts = {}
    for line in out.splitlines():
        m = re.match(r'\s*(\S+)\s+(.*?)\s*// encoding: \[0x(..),0x(..),0x(..),0x(..)\]', line)
        if m:
            ops = m.group(2).replace('{ ', '{').replace(' }', '}').replace(' - ', '-')
            texts[int(''.join(reversed(m.group(3, 4, 5, 6))), 16)] = norm(m.group(1) + ' ' + ops)
    return texts


def nisv_decode(nisv, words):
    out = subprocess.run([nisv, 'decode', '--json'], input=''.join('%08x\n' % w for w in words),
                         capture_output=True, text=True)
    if out.returncode not in (0, 1):
        raise SystemExit('tool-sve: nisv decode failed: ' + out.stderr)
    return json.loads(out.stdout)


def check_llvm(args, llvm_mc, unjudged):
    """llvm-mc judges the sampled words binutils does not know (unjudged:
    [(word, nisv text)], SVE2.1) and a sample of the multi-vector block
    (bits 31:25 = 1010000): (words checked, sampled, mismatches)."""
    rng = random.Random(args.seed + 1)
    words = sorted({rng.getrandbits(25) | 0x50 << 25 for _ in range(args.words // 5)})
    decoded = nisv_decode(args.nisv, words)
    mine = [(w, d['text']) for w, d in zip(words, decoded) if d['memory']] + unjudged
    theirs = llvm_texts(llvm_mc, [w for w, _ in mine])
    bad = 0
    for w, text in mine:
        if norm(text) != theirs.get(w):
            bad += 1
            if bad <= args.show:
                print('%08x  nisv: %-45s llvm-mc: %s' % (w, text, theirs.get(w)))
    return len(mine), len(words), bad


def check_decode(args, objdump):
    """(words checked, sampled, mismatches, [(word, nisv text)] of the
    sampled words nisv decodes and objdump does not know)"""
    listed = load_words(os.path.join(HERE, 'data', 'sve-words.txt'))
    words = [w for w, _ in listed]
    recorded = [t for _, t in listed]
    rng = random.Random(args.seed)
    sampled = set()
    while objdump and len(sampled) < args.words:
        w = rng.getrandbits(32)
        sampled.add((w & ~(0xf << 25)) | 0x2 << 25 | 1 << 31)
    while objdump and len(sampled) < args.words + args.words // 5:
        sampled.add(rng.getrandbits(25) | 0x70 << 25)
    words += sorted(sampled - set(words))
    decoded = nisv_decode(args.nisv, words)
    theirs = objdump_texts(objdump, words) if objdump else {}
    checked = bad = 0
    unjudged = []
    for i, (w, d) in enumerate(zip(words, decoded)):
        listed_word = i < len(listed)
        want = theirs.get(i, recorded[i] if listed_word else None)
        if listed_word and want.startswith('.inst'):
            want = recorded[i]  # SME2: binutils 2.40 does not know it
        if not d['memory']:
            if listed_word:
                bad += 1
                print('%08x  not decoded as a memory instruction; objdump: %s' % (w, want))
            continue
        if want is None or want.startswith('.inst'):
            unjudged.append((w, d['text']))  # objdump rejects it: llvm-mc may know it
            continue
        checked += 1
        if norm(d['text']) != want:
            bad += 1
            if bad <= args.show:
                print('%08x  nisv: %-45s objdump: %s' % (w, d['text'], want))
    return checked, len(sampled), bad, unjudged


# ---- emulate ------------------------------------------------------------------------

DEV = 0x9000000


def hexnum(b):
    """A register's bytes (byte 0 first) as the tool prints it: most significant first."""
    return '0x' + bytes(reversed(b)).hex()


def pred_bits(value, nbytes):
    return [(value >> i) & 1 for i in range(nbytes * 8)]


def emulate(nisv, word, opts):
    out = subprocess.run([nisv, 'emulate', word, '--json', '--set', 'pstate=5'] + opts,
                         capture_output=True, text=True)
    try:
        return json.loads(out.stdout)
    except ValueError:
        return {'status': 'no JSON (exit %d): %s' % (out.returncode, out.stderr.strip())}


def case_ld1b(vl, svl=0):
    """ld1b {z0.b}, p0/z, [x1]: active bytes loaded, inactive ones zero (LD1B, "Zeros()")."""
    n = max(vl, svl) // 8 if svl else vl // 8
    mem = bytes(range(0x40, 0x40 + n))
    p0 = int.from_bytes(bytes(random.Random(n).getrandbits(8) | 1 for _ in range(n // 8)), 'little')
    bits = pred_bits(p0, n // 8)
    z0 = bytes(mem[i] if bits[i] else 0 for i in range(n))
    opts = ['--vl', str(vl), '--set', 'x1=%#x' % DEV, '--set', 'p0=%#x' % p0,
            '--set', 'z0=' + hexnum(b'\xff' * n), '--dev', '%#x:0x100=%s' % (DEV, mem.hex())]
    if svl:
        opts += ['--svl', str(svl), '--set', 'svcr=1']
    return ('ld1b {z0.b}, p0/z, [x1] at VL %d%s' % (vl, ', streaming SVL %d' % svl if svl else ''),
            'a400a020', opts, {'z0': hexnum(z0)}, None)


def case_ldr_q():
    """ldr q0, [x2] with SVE: an AArch64 write of V[0] zeroes Z0 above bit 127."""
    mem = bytes(range(16))
    opts = ['--vl', '256', '--set', 'x2=%#x' % DEV, '--set', 'z0=' + hexnum(b'\xff' * 32),
            '--dev', '%#x:0x10=%s' % (DEV, mem.hex())]
    return ('ldr q0, [x2] zeroes z0 above 128 bits', '3dc00040', opts, {'z0': hexnum(mem + bytes(16))}, None)


def case_st1w():
    """st1w {z0.s}, p0, [x1] at VL 128: only active elements are written (bit 4*e of p0)."""
    z0 = bytes(range(0x10, 0x20))
    p0 = 1 << 0 | 1 << 12                       # elements 0 and 3
    mem = bytearray(b'\xee' * 16)
    for e in (0, 3):
        mem[4 * e:4 * e + 4] = z0[4 * e:4 * e + 4]
    opts = ['--vl', '128', '--set', 'x1=%#x' % DEV, '--set', 'z0=' + hexnum(z0), '--set', 'p0=%#x' % p0,
            '--dev', '%#x:0x10=%s' % (DEV, 'ee' * 16)]
    return ('st1w {z0.s}, p0, [x1]: active elements only', 'e540e020', opts, {}, bytes(mem))


def case_ld1rqw():
    """ld1rqw {z2.s}, p0/z, [x1, #16] at VL 512: the first segment's active
    elements, then Replicate(result, VL DIV 128) (LD1RQW)."""
    mem = bytes(range(0x80, 0xa0))
    # elements 0 and 2 of the first segment; bits that govern no .s element
    # (ElemP: the lowest bit of each) and the second segment's are ignored
    p0 = 1 << 0 | 1 << 8 | 0xeeee | 1 << 16 | 1 << 20
    seg = bytearray(16)
    for e in (0, 2):
        seg[4 * e:4 * e + 4] = mem[16 + 4 * e:16 + 4 * e + 4]
    opts = ['--vl', '512', '--set', 'x1=%#x' % DEV, '--set', 'p0=%#x' % p0,
            '--dev', '%#x:0x20=%s' % (DEV, mem.hex())]
    return ('ld1rqw {z2.s}, p0/z, [x1, #16]: replicated quadword', 'a5012022', opts, {'z2': hexnum(bytes(seg) * 4)},
            None)


def case_ld1b_multi():
    """ld1b {z0.b-z1.b}, pn8/z, [x1] at VL 256, pn8 a counter of 40 bytes
    ("CounterToPredicate": pn<3:0> = 0001, count pn<maxbit:1>): Z0 whole,
    the first 8 bytes of Z1, the rest of Z1 zero."""
    mem = bytes(range(0x40, 0x80))
    pn8 = 40 << 1 | 1
    opts = ['--vl', '256', '--set', 'x1=%#x' % DEV, '--set', 'p8=%#x' % pn8,
            '--set', 'z1=' + hexnum(b'\xff' * 32), '--dev', '%#x:0x40=%s' % (DEV, mem.hex())]
    return ('ld1b {z0.b, z1.b}, pn8/z, [x1] with a count of 40', 'a0400020', opts,
            {'z0': hexnum(mem[:32]), 'z1': hexnum(mem[32:40] + bytes(24))}, None)


def check_emulate(args):
    """(cases, failures)"""
    cases = [case_ld1b(256), case_ld1b(128, 512), case_ldr_q(), case_st1w(), case_ld1rqw(), case_ld1b_multi()]
    bad = 0
    for name, word, opts, want_regs, want_mem in cases:
        got = emulate(args.nisv, word, opts)
        problems = []
        if got.get('status') != 'NISV_OK':
            problems.append('status %s' % got.get('status'))
        regs = got.get('registers', {})
        for reg, val in want_regs.items():
            if regs.get(reg) != val:
                problems.append('%s = %s, want %s' % (reg, regs.get(reg), val))
        if want_mem is not None:
            mem = bytearray(b'\xee' * len(want_mem))
            for m in got.get('memory', []):
                off = int(m['addr'], 16) - DEV
                chunk = bytes.fromhex(m['bytes'])
                mem[off:off + len(chunk)] = chunk
            if bytes(mem) != want_mem:
                problems.append('memory %s, want %s' % (mem.hex(), want_mem.hex()))
        if problems:
            bad += 1
            print('FAIL emulate %s (nisv emulate %s %s): %s' % (name, word, ' '.join(opts), '; '.join(problems)))
        elif args.verbose:
            print('ok   emulate %s' % name)
    return len(cases), bad


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--nisv', required=True)
    ap.add_argument('--objdump', default=None)
    ap.add_argument('--llvm-mc', default='llvm-mc-19')
    ap.add_argument('--words', type=int, default=50000)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--show', type=int, default=30)
    ap.add_argument('-v', '--verbose', action='store_true')
    args = ap.parse_args()

    if not nisv_decode(args.nisv, [0xa400a000])[0]['memory']:
        print('tool-sve: nisv does not decode SVE yet: skipped')
        return 77
    objdump = args.objdump or shutil.which('aarch64-linux-gnu-objdump')
    if objdump and not shutil.which(objdump):
        objdump = None
    if not objdump:
        print('tool-sve: no aarch64 objdump: the listed words are compared with the recorded text')
    checked, sampled, text_bad, unjudged = check_decode(args, objdump)
    llvm_mc = shutil.which(args.llvm_mc)
    if llvm_mc:
        more = check_llvm(args, llvm_mc, unjudged)
        checked, sampled, text_bad = checked + more[0], sampled + more[1], text_bad + more[2]
    else:
        print('tool-sve: no %s: the multi-vector block is not sampled' % args.llvm_mc)
    ncases, emu_bad = check_emulate(args)
    print('tool-sve: %d words decoded (%d sampled), %d text mismatches, %d emulate cases, %d failures'
          % (checked, sampled, text_bad, ncases, emu_bad))
    return 1 if text_bad or emu_bad else 0


if __name__ == '__main__':
    sys.exit(main())
