#!/usr/bin/env python3
"""`nisv decode` assembly text against binutils objdump.

Samples words from the A64 loads-and-stores space (bit 27 = 1, bit 25 = 0)
and takes the whole DC-by-VA space; for every word `nisv decode --json`
calls a memory instruction, its "text" must equal objdump's disassembly
(white space normalised; literal targets are compared at the word's offset).

    objdump_text.py --nisv PATH [--objdump PATH] [--words N] [--seed S]

Last line: "objdump-text: N words, M memory, R rejected by objdump, K mismatches". Exit 0 iff K == 0;
77 (skipped) when objdump is missing.
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


def sample_words(n, seed):
    rng = random.Random(seed)
    words = set()
    while len(words) < n:
        w = rng.getrandbits(32)
        w = (w | (1 << 27)) & ~(1 << 25)
        words.add(w)
    # DC by VA: SYS #op1, C7, Cm, #op2, Xt with L=0
    for op1 in (0, 3):
        for crm in range(16):
            for op2 in range(8):
                words.add(0xD5087000 | op1 << 16 | crm << 8 | op2 << 5 | rng.randrange(32))
    return sorted(words)


LINE = re.compile(r'^\s*([0-9a-f]+):\s+([0-9a-f]{8})\s+(.*)$')


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
            texts[int(m.group(1), 16) // 4] = m.group(3)
    return texts


def norm(text):
    text = text.split(' //')[0].split('\t//')[0]
    return re.sub(r'\s+', ' ', text.replace('\t', ' ')).strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--nisv', required=True)
    ap.add_argument('--objdump', default=None)
    ap.add_argument('--words', type=int, default=100000)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--show', type=int, default=30)
    args = ap.parse_args()

    objdump = args.objdump or shutil.which('aarch64-linux-gnu-objdump')
    if not objdump or not shutil.which(objdump):
        print('objdump-text: no aarch64 objdump: skipped')
        return 77
    words = sample_words(args.words, args.seed)
    ours = subprocess.run([args.nisv, 'decode', '--json'], input=''.join('%08x\n' % w for w in words),
                          capture_output=True, text=True)
    if ours.returncode not in (0, 1):
        print(ours.stderr)
        print('objdump-text: nisv decode failed')
        return 1
    decoded = json.loads(ours.stdout)
    theirs = objdump_texts(objdump, words)
    memory = mismatches = rejected = 0
    for i, (w, d) in enumerate(zip(words, decoded)):
        if not d['memory']:
            continue
        memory += 1
        text = d['text']
        if d.get('addressing') == 'pc-relative':
            target = (4 * i + d['offset']) & (2**64 - 1)
            text = re.sub(r'0x[0-9a-f]+$', '0x%x' % target, text)
        want = norm(theirs.get(i, '?'))
        if want.startswith('.inst'):
            # objdump rejects it (CONSTRAINED UNPREDICTABLE register overlap,
            # or an extension this binutils does not know): no text to match
            rejected += 1
            continue
        if norm(text) != want:
            mismatches += 1
            if mismatches <= args.show:
                print('%08x  nisv: %-40s objdump: %s' % (w, text, want))
    print('objdump-text: %d words, %d memory, %d rejected by objdump, %d mismatches'
          % (len(words), memory, rejected, mismatches))
    return 1 if mismatches else 0


if __name__ == '__main__':
    sys.exit(main())
