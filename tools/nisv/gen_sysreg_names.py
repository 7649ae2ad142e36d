#!/usr/bin/env python3
"""Generate tools/nisv/sysreg_names.c, the System register names of `nisv explain`.

The names are the ones LLVM's AArch64 disassembler prints, with every feature
enabled (-mattr=+all): this script disassembles, with llvm-mc, every encoding
of the System instruction space that an EC 0x18 or 0x14 syndrome can report
and keeps what LLVM names:

  op0 2-3  MRS and MSR, each register number (op1, CRn, CRm, op2): the name
           LLVM reads and the name it writes (they can differ: DBGDTRRX_EL0 /
           DBGDTRTX_EL0); MRRS and MSRR must print the same names
  op0 1    SYS, SYSL and SYSP aliases (DC, IC, AT, TLBI, TLBIP, CFP, BRB,
           GCS*, ...), with "%" where the register goes; each is
           disassembled with Rt 0 and Rt 31, which tells where the register
           is printed and whether XZR is left out
  op0 0    MSR (immediate), CRn 4, Rt 31, and its aliases SMSTART/SMSTOP: the
           whole instruction (CRm is its immediate)

    gen_sysreg_names.py [--llvm-mc llvm-mc-22] [--out FILE] [--check]

--check regenerates with the llvm-mc named in the file and compares: exit 1
(and say how to regenerate) when the file is not what that LLVM gives. The
LLVM version line is not compared. Python 3 standard library only.
"""
import argparse
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'sysreg_names.c')

READ, WRITE, PAIR, XZR_HIDDEN = 'SR_READ', 'SR_WRITE', 'SR_PAIR', 'SR_XZR_HIDDEN'
GENERIC = re.compile(r'^S[0-3]_[0-7]_C\d+_C\d+_[0-7]$')
VERSION_LINE = ' * Source: '

# The A64 words, op1 in [18:16], CRn [15:12], CRm [11:8], op2 [7:5], Rt [4:0]:
# MRS, MSR, MRRS, MSRR have o0 = op0 - 2 in [19] (op0 2-3); SYS, SYSL, SYSP
# are op0 1; MSR (immediate) is op0 0 with CRn 4 and Rt 31.
MRS, MSR, MRRS, MSRR = 0xd5300000, 0xd5100000, 0xd5700000, 0xd5500000
SYS, SYSL, SYSP, MSR_IMM = 0xd5080000, 0xd5280000, 0xd5480000, 0xd5004000


def field_bits(op1, crn, crm, op2):
    return op1 << 16 | crn << 12 | crm << 8 | op2 << 5


def space(crns=range(16)):
    """Every (op1, CRn, CRm, op2), CRn in crns."""
    return [(op1, crn, crm, op2) for op1 in range(8) for crn in crns for crm in range(16) for op2 in range(8)]


def llvm_version(mc):
    try:
        out = subprocess.run([mc, '--version'], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        sys.exit(f'gen_sysreg_names: cannot run {mc} ({e}); Debian: scripts/deps.sh installs it')
    m = re.search(r'LLVM version (\S+)', out)
    if not m:
        sys.exit(f'gen_sysreg_names: no LLVM version in `{mc} --version`')
    return m.group(1)


def disassemble(mc, words):
    """LLVM's text of each word: (mnemonic, operands), one per word."""
    text = ''.join('0x%02x 0x%02x 0x%02x 0x%02x\n' % (w & 255, w >> 8 & 255, w >> 16 & 255, w >> 24)
                   for w in words)
    out = subprocess.run([mc, '--disassemble', '-triple=aarch64', '-mattr=+all'], input=text,
                         capture_output=True, text=True, check=True).stdout
    lines = [l.strip() for l in out.splitlines() if l.strip() and l.strip() != '.text']
    if len(lines) != len(words):
        sys.exit(f'gen_sysreg_names: {mc} printed {len(lines)} lines for {len(words)} words')
    return [tuple((l.split(None, 1) + [''])[:2]) for l in lines]


def register_names(mc, entries):
    """op0 2-3: MRS names (read), MSR names (write); MRRS/MSRR must agree."""
    regs = [(op0,) + e for op0 in (2, 3) for e in space()]
    enc = [(op0 - 2) << 19 | field_bits(*e) for op0, *e in regs]
    read = disassemble(mc, [MRS | w for w in enc])
    write = disassemble(mc, [MSR | w for w in enc])
    read128 = disassemble(mc, [MRRS | w for w in enc])
    write128 = disassemble(mc, [MSRR | w for w in enc])
    for r, w, r2, w2, k in zip(read, write, read128, write128, regs):
        rname = r[1].split(', ', 1)[1]          # mrs x0, NAME
        wname = w[1].rsplit(', ', 1)[0]         # msr NAME, x0
        if r2[1].rsplit(', ', 1)[1] != rname or w2[1].split(', ', 1)[0] != wname:
            sys.exit(f'gen_sysreg_names: MRRS/MSRR name differs from MRS/MSR at {k}: {r2} {w2}')
        names = {}
        for name, flag in ((rname, READ), (wname, WRITE)):
            if not GENERIC.match(name):
                names.setdefault(name, []).append(flag)
        for name, flags in names.items():
            entries.append((tuple(k), flags, name))


def template(mnemonic, operands, reg):
    """'dc', 'civac, x0', 'x0' -> 'DC CIVAC, %': reg becomes %, the rest upper case."""
    ops = ['%' if o == reg else o.upper() for o in operands.split(', ')] if operands else []
    return ' '.join([mnemonic.upper()] + ([', '.join(ops)] if ops else []))


def without_register(t):
    """'DC CIVAC, %' -> 'DC CIVAC', 'GICR %, CDIA' -> 'GICR CDIA', 'TRCIT %' -> 'TRCIT'"""
    for form in (', %', ' %,', ' %'):
        if form in t:
            return t.replace(form, '', 1)
    return t


def alias_rows(mc, base, flag, entries):
    """op0 1: the aliases LLVM prints for SYS (flag WRITE), SYSL (READ), SYSP (WRITE, PAIR)."""
    sp = space()
    pair = base == SYSP
    generic = {SYS: 'sys', SYSL: 'sysl', SYSP: 'sysp'}[base]
    rt0 = disassemble(mc, [base | field_bits(*e) for e in sp])
    rt31 = disassemble(mc, [base | field_bits(*e) | 31 for e in sp])
    for e, (m0, ops0), (m31, ops31) in zip(sp, rt0, rt31):
        if pair:  # one % for the pair
            ops0, ops31 = ops0.replace('x0, x1', 'x0'), ops31.replace('xzr, xzr', 'xzr')
        flags = [flag] + ([PAIR] if pair else [])
        if m0 != generic:
            t = template(m0, ops0, 'x0')
            if template(m31, ops31, 'xzr') == t:
                pass
            elif '%' in t and template(m31, ops31, '') == without_register(t):
                flags.append(XZR_HIDDEN)
            else:
                sys.exit(f'gen_sysreg_names: Rt 0 and Rt 31 disagree at {e}: {m0} {ops0} / {m31} {ops31}')
        elif m31 != generic:
            t = template(m31, ops31, 'xzr')
            if '%' in t:
                sys.exit(f'gen_sysreg_names: an alias only with XZR at {e}: {m31} {ops31}')
        else:
            continue
        entries.append(((1,) + e, flags, t))


def msr_immediate_rows(mc, entries):
    """op0 0, CRn 4 (PSTATE): the whole instruction LLVM prints with Rt 31."""
    sp = space(crns=[4])
    for e, (m, ops) in zip(sp, disassemble(mc, [MSR_IMM | field_bits(*e) | 31 for e in sp])):
        if m not in ('msr', 'smstart', 'smstop') or ops.startswith('S0_'):
            continue  # not a PSTATE field (CFINV, XAFLAG, AXFLAG), or none LLVM names
        text = m.upper() + (' ' + (ops if m == 'msr' else ops.upper()) if ops else '')
        entries.append(((0,) + e, [WRITE], text))


def generate(mc):
    version = llvm_version(mc)
    entries = []
    register_names(mc, entries)
    for base, flag in ((SYS, WRITE), (SYSL, READ), (SYSP, WRITE)):
        alias_rows(mc, base, flag, entries)
    msr_immediate_rows(mc, entries)
    merged = {}
    for k, flags, text in entries:  # the same text read and written: one row
        merged.setdefault((k, text), []).extend(flags)
    rows = sorted((k, text, sorted(set(f), key=[READ, WRITE, PAIR, XZR_HIDDEN].index))
                  for (k, text), f in merged.items())
    with open(os.path.join(HERE, 'sysreg.h')) as f:
        text_max = int(re.search(r'#define SYSREG_TEXT_MAX (\d+)', f.read()).group(1))
    for k, text, _ in rows:
        if len(text) >= text_max:
            sys.exit(f'gen_sysreg_names: "{text}" does not fit in SYSREG_TEXT_MAX {text_max} (sysreg.h)')
    count = {op0: sum(1 for r in rows if r[0][0] == op0) for op0 in range(4)}
    lines = [
        '/*',
        ' * Generated by tools/nisv/gen_sysreg_names.py: do not edit.',
        ' * The System register and System instruction names of `nisv explain` (sysreg.h):',
        ' * what LLVM\'s AArch64 disassembler prints, with every feature enabled, for each',
        ' * encoding of the System instruction space. Sorted by encoding: S<op0>_<op1>_C<n>_C<m>_<op2>.',
        f' * {len(rows)} rows: op0 2-3 (registers of MRS/MSR and MRRS/MSRR): {count[2] + count[3]};'
        f' op0 1 (SYS/SYSL/SYSP',
        f' * aliases): {count[1]}; op0 0 (MSR immediate): {count[0]}.',
        f'{VERSION_LINE}LLVM {version}, {os.path.basename(mc)} --disassemble -triple=aarch64 -mattr=+all',
        f' * Regenerate: python3 tools/nisv/gen_sysreg_names.py --llvm-mc {os.path.basename(mc)}',
        ' * Check:      python3 tools/nisv/gen_sysreg_names.py --check',
        ' */',
        '#include "sysreg.h"',
        '',
        'const struct sysreg_name sysreg_names[] = {',
    ]
    for k, text, flags in rows:
        lines.append('\t{ SR(%d, %d, %d, %d, %d), %s, "%s" },' % (k + (' | '.join(flags), text)))
    lines += ['};', 'const size_t sysreg_name_count = sizeof(sysreg_names) / sizeof(sysreg_names[0]);', '']
    return '\n'.join(lines)


def mc_of(path):
    """The llvm-mc that made an existing table (its Regenerate line)."""
    with open(path) as f:
        m = re.search(r'--llvm-mc (\S+)', f.read())
    return m.group(1) if m else 'llvm-mc-22'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--llvm-mc', help='llvm-mc to run (default: the one named in the existing file)')
    ap.add_argument('--out', default=OUT)
    ap.add_argument('--check', action='store_true', help='compare instead of writing')
    a = ap.parse_args()
    mc = a.llvm_mc or (mc_of(a.out) if os.path.exists(a.out) else 'llvm-mc-22')
    text = generate(mc)
    if not a.check:
        with open(a.out, 'w') as f:
            f.write(text)
        print(f'wrote {a.out}')
        return 0
    with open(a.out) as f:
        old = f.read()
    drop = lambda s: [l for l in s.split('\n') if not l.startswith(VERSION_LINE)]
    if drop(old) == drop(text):
        print(f'sysreg names: {a.out} is what {mc} gives')
        return 0
    new, cur = drop(text), drop(old)
    diff = [l for l in new if l not in set(cur)][:5] + ['-' + l for l in cur if l not in set(new)][:5]
    print(f'sysreg names: {a.out} differs from what {mc} gives; regenerate with\n'
          f'  python3 tools/nisv/gen_sysreg_names.py --llvm-mc {mc}\nfirst differences:\n  ' + '\n  '.join(diff))
    return 1


if __name__ == '__main__':
    sys.exit(main())
