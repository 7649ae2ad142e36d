#!/usr/bin/env python3
"""`nisv emulate --json` against the CPU.

Every case below is an instruction (assembly text, assembled with binutils)
and a state. The oracle program (oracle.c, aarch64) executes it for real -
natively on arm64, under `qemu-aarch64 -cpu max` elsewhere - and prints the
resulting registers and memory; `nisv emulate --json` runs it through the
trap path from the same state (EL0, MMU on with --identity-map so the
accesses are to Normal memory, VA == IPA == the oracle's addresses). Every
X register, SP, NZCV, V0-V31, PC and every byte of every region must agree.

    oracle_compare.py --nisv PATH --oracle PATH [--as PATH] [--wrapper CMD]
                      [--list] [--only SUBSTRING] [-v]

Last line: "tool-cpu-oracle: N cases, C classes, M mismatches".
Exit 0 iff M == 0 and every case ran; 77 when no assembler is found.
"""
import argparse
import json
import os
import random
import shlex
import shutil
import struct
import subprocess
import sys
import tempfile

PC = 0x10000400          # the instruction (the oracle's runner shares its page)
LIT = 0x10001000         # a small region for PC-relative loads (PC + 0xc00)
D = 0x20000000           # the data region, 4 KiB
BASE = D + 0x100         # x2: the usual base register
SP = D + 0x800
# TCR_EL1 of Linux EL0 for the identity map: T0SZ=16, 4K, TBI0 (PAC field 54:48), EPD1, IPS 48
TCR = 0x10 | 1 << 8 | 1 << 10 | 3 << 12 | 0x10 << 16 | 1 << 23 | 5 << 32 | 1 << 37
SCTLR = 1 << 14 | 1 << 26   # DZE, UCI (M is set by --identity-map)

# (class, assembly, register overrides, options)
CASES = [
    # single register loads, every addressing mode
    ('LOAD', 'ldr x1, [x2, #8]', {}, {}),
    ('LOAD', 'ldr w1, [x2, #4]', {}, {'dev': True}),
    ('LOAD', 'ldrb w1, [x2, #3]', {}, {}),
    ('LOAD', 'ldrh w1, [x2, #6]', {}, {'dev': True}),
    ('LOAD', 'ldrsb x1, [x2, #1]', {}, {}),
    ('LOAD', 'ldrsb w1, [x2, #1]', {}, {}),
    ('LOAD', 'ldrsh x1, [x2, #2]', {}, {}),
    ('LOAD', 'ldrsh w1, [x2, #2]', {}, {}),
    ('LOAD', 'ldrsw x1, [x2, #4]', {}, {}),
    ('LOAD', 'ldur x1, [x2, #-3]', {}, {}),
    ('LOAD', 'ldur w1, [x2, #5]', {}, {'dev': True}),
    ('LOAD', 'ldr x1, [x2, #8]!', {}, {}),
    ('LOAD', 'ldr x1, [x2], #-8', {}, {}),
    ('LOAD', 'ldr x1, [x2, x3]', {'x3': 0x30}, {}),
    ('LOAD', 'ldr x1, [x2, x3, lsl #3]', {'x3': 5}, {}),
    ('LOAD', 'ldr w1, [x2, w3, uxtw #2]', {'x3': 0xffffffff00000007}, {}),
    ('LOAD', 'ldr x1, [x2, w3, sxtw]', {'x3': 0xfffffff0}, {}),
    ('LOAD', 'ldr x1, [x2, x3, sxtx]', {'x3': (-24) & (2**64 - 1)}, {}),
    ('LOAD', 'ldtr x1, [x2, #8]', {}, {}),
    ('LOAD', 'ldtrsh x1, [x2, #2]', {}, {}),
    ('LOAD', 'ldr x1, .+0xc00', {}, {}),
    ('LOAD', 'ldrsw x1, .+0xc08', {}, {}),
    ('LOAD', 'ldr q1, .+0xc10', {}, {}),
    ('LOAD', 'ldr d1, [x2, #8]', {}, {}),
    ('LOAD', 'ldr q1, [x2, #16]', {}, {'dev': True}),
    ('LOAD', 'ldr b1, [x2, #3]', {}, {}),
    ('LOAD', 'ldr h1, [x2], #2', {}, {}),
    ('LOAD', 'ldr s1, [x2, x3, lsl #2]', {'x3': 3}, {}),
    ('LOAD', 'ldr q1, [x2, #-16]!', {}, {}),
    ('LOAD', 'ldur q1, [x2, #1]', {}, {}),
    ('LOAD', 'ldapr x1, [x2]', {}, {}),
    ('LOAD', 'ldaprb w1, [x2]', {}, {}),
    ('LOAD', 'ldapur w1, [x2, #-4]', {}, {}),
    ('LOAD', 'ldapursb x1, [x2, #3]', {}, {}),
    ('LOAD', 'ldar x1, [x2]', {}, {'dev': True}),
    ('LOAD', 'ldarh w1, [x2]', {}, {}),
    ('LOAD', 'ldraa x1, [x2, #8]', {}, {'pac': 'pacdza=2'}),
    ('LOAD', 'ldrab x1, [x2, #-16]!', {}, {'pac': 'pacdzb=2'}),
    ('LOAD', 'ldr x1, [x2, #8]', {'x2': D + 0x101}, {}),          # unaligned, Normal memory
    ('LOAD', 'ldr x2, [x2], #8', {}, {}),                          # writeback Rn == Rt (CONSTRAINED UNPREDICTABLE)
    # single register stores
    ('STORE', 'str x1, [x2, #8]', {}, {}),
    ('STORE', 'str w1, [x2, #4]!', {}, {'dev': True}),
    ('STORE', 'strb w1, [x2], #1', {}, {}),
    ('STORE', 'strh w1, [x2, x3, lsl #1]', {'x3': 9}, {}),
    ('STORE', 'stur x1, [x2, #-7]', {}, {}),
    ('STORE', 'sttr w1, [x2, #4]', {}, {}),
    ('STORE', 'sttrb w1, [x2, #9]', {}, {}),
    ('STORE', 'str q1, [x2, #32]', {}, {'dev': True}),
    ('STORE', 'str d1, [x2, #-8]!', {}, {}),
    ('STORE', 'str b1, [x2, #5]', {}, {}),
    ('STORE', 'stur h1, [x2, #3]', {}, {}),
    ('STORE', 'stlr x1, [x2]', {}, {}),
    ('STORE', 'stlrb w1, [x2]', {}, {'dev': True}),
    ('STORE', 'stlur x1, [x2, #8]', {}, {}),
    ('STORE', 'stlurh w1, [x2, #-2]', {}, {}),
    ('STORE', 'str xzr, [x2, #16]', {}, {}),
    ('STORE', 'str x1, [sp, #-16]!', {}, {}),
    # pairs
    ('PAIR', 'ldp x1, x4, [x2, #16]', {}, {'dev': True}),
    ('PAIR', 'ldp w1, w4, [x2, #-8]!', {}, {}),
    ('PAIR', 'ldp x1, x4, [x2], #32', {}, {}),
    ('PAIR', 'ldpsw x1, x4, [x2, #8]', {}, {}),
    ('PAIR', 'ldnp x1, x4, [x2, #16]', {}, {}),
    ('PAIR', 'ldp q1, q4, [x2, #32]', {}, {'dev': True}),
    ('PAIR', 'ldp d1, d4, [x2], #-16', {}, {}),
    ('PAIR', 'ldp s1, s4, [x2, #4]', {}, {}),
    ('PAIR', 'stp x1, x4, [x2, #16]', {}, {'dev': True}),
    ('PAIR', 'stp w1, w4, [x2, #-8]!', {}, {}),
    ('PAIR', 'stp q1, q4, [sp, #-32]!', {}, {}),
    ('PAIR', 'stnp d1, d4, [x2, #8]', {}, {}),
    ('PAIR', 'stgp x1, x4, [x2, #32]', {}, {}),
    ('PAIR', 'ldp x1, x4, [x2, #-8]', {'x2': D + 0x103}, {}),     # unaligned pair
    # exclusives (a store-exclusive without a load-exclusive fails: status 1)
    ('EXCL', 'ldxr x1, [x2]', {}, {}),
    ('EXCL', 'ldaxr w1, [x2]', {}, {'dev': True}),
    ('EXCL', 'ldxrb w1, [x2]', {}, {}),
    ('EXCL', 'ldxp x1, x4, [x2]', {}, {}),
    ('EXCL', 'ldaxp w1, w4, [x2]', {}, {}),
    ('EXCL', 'stxr w5, x1, [x2]', {}, {}),
    ('EXCL', 'stlxr w5, w1, [x2]', {}, {'dev': True}),
    ('EXCL', 'stxp w5, x1, x4, [x2]', {}, {}),
    # LSE atomics
    ('ATOMIC', 'ldadd x1, x4, [x2]', {}, {'dev': True}),
    ('ATOMIC', 'ldaddal w1, w4, [x2]', {}, {}),
    ('ATOMIC', 'ldclr x1, x4, [x2]', {}, {}),
    ('ATOMIC', 'ldeorl w1, w4, [x2]', {}, {}),
    ('ATOMIC', 'ldset x1, x4, [x2]', {}, {'dev': True}),
    ('ATOMIC', 'ldsmax x1, x4, [x2]', {}, {}),
    ('ATOMIC', 'ldsmin w1, w4, [x2]', {}, {}),
    ('ATOMIC', 'ldumax x1, x4, [x2]', {}, {}),
    ('ATOMIC', 'ldumin w1, w4, [x2]', {}, {}),
    ('ATOMIC', 'ldaddb w1, w4, [x2]', {}, {}),
    ('ATOMIC', 'ldseth w1, w4, [x2]', {}, {}),
    ('ATOMIC', 'stadd x1, [x2]', {}, {}),
    ('ATOMIC', 'stsmaxl w1, [x2]', {}, {}),
    ('ATOMIC', 'swp x1, x4, [x2]', {}, {'dev': True}),
    ('ATOMIC', 'swpal w1, w4, [x2]', {}, {}),
    ('ATOMIC', 'swpb w1, w4, [x2]', {}, {}),
    # compare-and-swap ('cmp': the compare register takes the memory value)
    ('CAS', 'cas x1, x4, [x2]', {}, {'cmp': ('x1', 8)}),
    ('CAS', 'casa w1, w4, [x2]', {}, {}),
    ('CAS', 'casalb w1, w4, [x2]', {}, {'cmp': ('x1', 1), 'dev': True}),
    ('CAS', 'caslh w1, w4, [x2]', {}, {}),
    ('CAS', 'casp x6, x7, x8, x9, [x2]', {}, {'cmp': ('x6', 8, 'x7', 8)}),
    ('CAS', 'caspal w6, w7, w8, w9, [x2]', {}, {}),
    # SIMD structures: multiple
    ('STRUCT', 'ld1 {v1.16b}, [x2]', {}, {'dev': True}),
    ('STRUCT', 'ld1 {v1.4s, v2.4s}, [x2], #32', {}, {}),
    ('STRUCT', 'ld2 {v1.8h, v2.8h}, [x2]', {}, {}),
    ('STRUCT', 'ld3 {v1.4s, v2.4s, v3.4s}, [x2], x3', {'x3': 0x40}, {}),
    ('STRUCT', 'ld4 {v1.8b, v2.8b, v3.8b, v4.8b}, [x2]', {}, {}),
    ('STRUCT', 'ld1 {v1.2d, v2.2d, v3.2d, v4.2d}, [x2]', {}, {}),
    ('STRUCT', 'st1 {v1.16b}, [x2]', {}, {'dev': True}),
    ('STRUCT', 'st2 {v1.4s, v2.4s}, [x2], #32', {}, {}),
    ('STRUCT', 'st3 {v1.8b, v2.8b, v3.8b}, [x2]', {}, {}),
    ('STRUCT', 'st4 {v1.2d, v2.2d, v3.2d, v4.2d}, [x2], #64', {}, {}),
    ('STRUCT', 'st1 {v1.1d, v2.1d}, [x2]', {}, {}),
    ('STRUCT', 'ld1 {v31.16b, v0.16b}, [x2]', {}, {}),
    # SIMD structures: one lane
    ('LANE', 'ld1 {v1.s}[1], [x2]', {}, {}),
    ('LANE', 'ld2 {v1.h, v2.h}[5], [x2], #4', {}, {'dev': True}),
    ('LANE', 'ld3 {v1.b, v2.b, v3.b}[15], [x2]', {}, {}),
    ('LANE', 'ld4 {v1.d, v2.d, v3.d, v4.d}[1], [x2], x3', {'x3': 8}, {}),
    ('LANE', 'st1 {v1.b}[7], [x2]', {}, {}),
    ('LANE', 'st2 {v1.d, v2.d}[0], [x2], #16', {}, {}),
    ('LANE', 'st4 {v1.s, v2.s, v3.s, v4.s}[3], [x2]', {}, {'dev': True}),
    # SIMD structures: replicate
    ('REPL', 'ld1r {v1.4s}, [x2]', {}, {}),
    ('REPL', 'ld2r {v1.8b, v2.8b}, [x2], #2', {}, {}),
    ('REPL', 'ld3r {v1.2d, v2.2d, v3.2d}, [x2]', {}, {'dev': True}),
    ('REPL', 'ld4r {v1.4h, v2.4h, v3.4h, v4.4h}, [x2], x3', {'x3': 0x10}, {}),
    # prefetch: no access
    ('PREFETCH', 'prfm pldl1keep, [x2, #64]', {}, {}),
    ('PREFETCH', 'prfum pstl2strm, [x2, #-1]', {}, {}),
    # DC by VA
    ('DC', 'dc zva, x2', {'x2': D + 0x2a8}, {}),
    ('DC', 'dc civac, x2', {}, {}),
    ('DC', 'dc cvac, x2', {}, {'dev': True}),
    ('DC', 'dc cvau, x2', {}, {}),
    ('DC', 'dc gzva, x2', {'x2': D + 0x40}, {}),
]


def assemble(as_path, texts):
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, 'c.s')
        obj = os.path.join(tmp, 'c.o')
        with open(src, 'w') as f:
            for t in texts:
                f.write('\t.p2align 2\n\t%s\n' % t)
        subprocess.run([as_path, '-march=armv8.5-a+memtag+lse+rcpc+pauth', '-o', obj, src], check=True)
        objcopy = as_path[:-2] + 'objcopy'
        binf = os.path.join(tmp, 'c.bin')
        subprocess.run([objcopy, '-O', 'binary', '-j', '.text', obj, binf], check=True)
        data = open(binf, 'rb').read()
    words = struct.unpack('<%dI' % (len(data) // 4), data)
    if len(words) != len(texts):
        raise SystemExit('assembled %d words for %d texts' % (len(words), len(texts)))
    return list(words)


def state_for(index, regs, opts):
    rng = random.Random(1000 + index)
    st = {'x%d' % i: rng.getrandbits(64) for i in range(31)}
    st['x2'] = BASE
    st['x3'] = 0
    for i in range(32):
        st['v%d' % i] = rng.getrandbits(128)
    st['nzcv'] = rng.getrandbits(4) << 28
    st['sp'] = SP
    st.update(regs)
    data = bytes(rng.getrandbits(8) for _ in range(0x1000))
    lit = bytes(rng.getrandbits(8) for _ in range(0x100))
    if 'cmp' in opts:  # make the compare succeed: compare register(s) = memory
        spec = opts['cmp']
        off = st['x2'] - D
        for k in range(0, len(spec), 2):
            reg, size = spec[k], spec[k + 1]
            st[reg] = int.from_bytes(data[off:off + size], 'little')
            off += size
    return st, data, lit


def oracle_line(word, st, data, lit, opts):
    toks = ['word=%08x' % word, 'pc=0x%x' % PC, 'sp=0x%x' % st['sp'], 'nzcv=0x%x' % st['nzcv']]
    toks += ['x%d=0x%x' % (i, st['x%d' % i]) for i in range(31)]
    toks += ['v%d=0x%032x' % (i, st['v%d' % i]) for i in range(32)]
    toks += ['mem=0x%x:%s' % (D, data.hex()), 'mem=0x%x:%s' % (LIT, lit.hex())]
    if 'pac' in opts:
        toks.append(opts['pac'])
    return ' '.join(toks)


def nisv_args(word, st, data, lit, opts, dczid):
    args = ['emulate', '%08x' % word, '--json', '--identity-map', '--feature', 'lse2',
            '--set', 'pstate=0x%x' % st['nzcv'], '--set', 'pc=0x%x' % PC, '--set', 'sp_el0=0x%x' % st['sp'],
            '--set', 'tcr_el1=0x%x' % TCR, '--set', 'sctlr_el1=0x%x' % SCTLR, '--set', 'dczid_el0=%s' % dczid]
    for i in range(31):
        args += ['--set', 'x%d=0x%x' % (i, st['x%d' % i])]
    for i in range(32):
        args += ['--set', 'v%d=0x%032x' % (i, st['v%d' % i])]
    kind = '--dev' if opts.get('dev') else '--ram'
    args += [kind, '0x%x:0x%x=%s' % (D, len(data), data.hex())]
    args += ['--ram', '0x%x=%s' % (LIT, lit.hex())]
    return args


def compare(st, data, lit, native, ours):
    """Differences between the oracle's final state and nisv's, as strings."""
    diffs = []
    if ours.get('status') != 'NISV_OK':
        exc = ours.get('exception') or {}
        return ['nisv status %s (%s %s)' % (ours.get('status'), exc.get('kind'), exc.get('esr'))]
    regs = ours['registers']

    def final(name, initial):
        return int(regs[name], 16) if name in regs else initial

    for i in range(31):
        want = int(native['x%d' % i], 16)
        got = final('x%d' % i, st['x%d' % i])
        if want != got:
            diffs.append('x%d: cpu 0x%x nisv 0x%x' % (i, want, got))
    if int(native['sp'], 16) != final('sp_el0', st['sp']):
        diffs.append('sp: cpu %s nisv 0x%x' % (native['sp'], final('sp_el0', st['sp'])))
    if int(native['nzcv'], 16) != final('pstate', st['nzcv']) & 0xf0000000:
        diffs.append('nzcv: cpu %s nisv pstate 0x%x' % (native['nzcv'], final('pstate', st['nzcv'])))
    if final('pc', PC) != PC + 4:
        diffs.append('pc: nisv 0x%x, want 0x%x' % (final('pc', PC), PC + 4))
    for i in range(32):
        want = int(native['v%d' % i], 16)
        got = final('v%d' % i, st['v%d' % i])
        if want != got:
            diffs.append('v%d: cpu 0x%032x nisv 0x%032x' % (i, want, got))
    for base, initial in ((D, data), (LIT, lit)):
        mine = bytearray(initial)
        for m in ours['memory']:
            a = int(m['addr'], 16)
            b = bytes.fromhex(m['bytes'])
            if base <= a < base + len(mine):
                mine[a - base:a - base + len(b)] = b
        theirs = next(bytes.fromhex(m['bytes']) for m in native['mem'] if int(m['addr'], 16) == base)
        if bytes(mine) != theirs:
            first = next(k for k in range(len(mine)) if mine[k] != theirs[k])
            diffs.append('memory at 0x%x: cpu %s nisv %s' % (base + first, theirs[first:first + 16].hex(),
                                                             bytes(mine[first:first + 16]).hex()))
    return diffs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--nisv', required=True)
    ap.add_argument('--oracle', required=True)
    ap.add_argument('--as', dest='as_path', default=None)
    ap.add_argument('--wrapper', default='', help='command to run the oracle, e.g. "qemu-aarch64 -cpu max -L ..."')
    ap.add_argument('--only', default=None)
    ap.add_argument('--list', action='store_true')
    ap.add_argument('-v', '--verbose', action='store_true')
    args = ap.parse_args()

    as_path = args.as_path or shutil.which('aarch64-linux-gnu-as') or (
        shutil.which('as') if os.uname().machine == 'aarch64' else None)
    if not as_path:
        print('tool-cpu-oracle: no aarch64 assembler: skipped')
        return 77
    cases = [c for c in CASES if not args.only or args.only in c[1]]
    words = assemble(as_path, [c[1] for c in cases])
    if args.list:
        for (cls, text, _, _), w in zip(cases, words):
            print('%-9s %08x  %s' % (cls, w, text))
        return 0

    lines = ['info']
    states = []
    for i, ((cls, text, regs, opts), w) in enumerate(zip(cases, words)):
        st, data, lit = state_for(i, regs, opts)
        states.append((st, data, lit))
        lines.append(oracle_line(w, st, data, lit, opts))
    cmd = shlex.split(args.wrapper) + [args.oracle]
    proc = subprocess.run(cmd, input='\n'.join(lines) + '\n', capture_output=True, text=True)
    outs = [json.loads(l) for l in proc.stdout.splitlines() if l.strip()]
    if proc.returncode != 0 or len(outs) != len(lines):
        print(proc.stderr)
        print('tool-cpu-oracle: the oracle failed (%d of %d answers)' % (len(outs), len(lines)))
        return 1
    dczid = outs[0]['dczid']

    mismatches = 0
    classes = set()
    for i, ((cls, text, regs, opts), w) in enumerate(zip(cases, words)):
        st, data, lit = states[i]
        native = outs[i + 1]
        if 'error' in native or 'signal' in native:
            mismatches += 1
            print('FAIL %-9s %08x %-40s the CPU did not run it: %s' % (cls, w, text, native))
            continue
        if 'signed' in native:
            for reg, val in native['signed'].items():
                st = dict(st)
                st[reg] = int(val, 16)
        a = nisv_args(w, st, data, lit, opts, dczid)
        r = subprocess.run([args.nisv] + a, capture_output=True, text=True)
        try:
            ours = json.loads(r.stdout)
        except ValueError:
            ours = {'status': 'no JSON: ' + r.stderr.strip()}
        diffs = compare(st, data, lit, native, ours)
        classes.add(cls)
        if diffs:
            mismatches += 1
            print('FAIL %-9s %08x %-40s path=%s' % (cls, w, text, ours.get('path')))
            for d in diffs[:8]:
                print('       ' + d)
            if args.verbose:
                print('       nisv ' + ' '.join(shlex.quote(x) for x in a[:12]) + ' ...')
        elif args.verbose:
            print('ok   %-9s %08x %-40s path=%s%s' % (cls, w, text, ours.get('path'),
                                                      ' (device)' if opts.get('dev') else ''))
    print('tool-cpu-oracle: %d cases, %d classes, %d mismatches' % (len(cases), len(classes), mismatches))
    return 1 if mismatches else 0


if __name__ == '__main__':
    sys.exit(main())
