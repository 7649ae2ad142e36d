#!/usr/bin/env python3
"""Golden-file tests of the nisv tool.

cases.txt holds one case a line:  NAME  ARGS...   (ARGS split like a shell;
a token '<<<TEXT', quoted so that its "\\n" new lines survive the split, is
given to the tool as stdin).
golden/NAME.txt holds the expected exit status, stdout and stderr. The tool
runs in this directory, so cases name their input files as data/FILE.

    run_golden.py --nisv PATH [--cases FILE] [--golden DIR] [--regenerate] [--only NAME]

--regenerate rewrites every golden file from the tool's current output (review
the diff before committing it). Last line: "tool-golden: N cases, K mismatches".
"""
import argparse
import difflib
import os
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def load_cases(path):
    cases = []
    with open(path) as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            name, _, rest = line.partition(' ')
            toks = shlex.split(rest)
            stdin = None
            args = []
            for t in toks:
                if t.startswith('<<<'):
                    stdin = t[3:].replace('\\n', '\n')
                else:
                    args.append(t)
            cases.append((name, args, stdin, lineno))
    return cases


def render(args, stdin, proc):
    out = ['$ nisv ' + ' '.join(shlex.quote(a) for a in args)]
    if stdin is not None:
        out.append('stdin: ' + stdin.replace('\n', '\\n'))
    out.append('exit: %d' % proc.returncode)
    out.append('--- stdout')
    out.append(proc.stdout.rstrip('\n'))
    out.append('--- stderr')
    out.append(proc.stderr.rstrip('\n'))
    return '\n'.join(out) + '\n'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--nisv', required=True)
    ap.add_argument('--cases', default=os.path.join(HERE, 'cases.txt'))
    ap.add_argument('--golden', default=os.path.join(HERE, 'golden'))
    ap.add_argument('--regenerate', action='store_true')
    ap.add_argument('--only', default=None)
    args = ap.parse_args()

    nisv = os.path.abspath(args.nisv)
    cases = load_cases(args.cases)
    names = [c[0] for c in cases]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        print('tool-golden: duplicate case names: %s' % ', '.join(sorted(dup)))
        return 1
    os.makedirs(args.golden, exist_ok=True)
    bad = ran = 0
    for name, targs, stdin, lineno in cases:
        if args.only and args.only != name:
            continue
        ran += 1
        proc = subprocess.run([nisv] + targs, input=stdin if stdin is not None else '', cwd=HERE,
                              capture_output=True, text=True, errors='backslashreplace')
        got = render(targs, stdin, proc)
        path = os.path.join(args.golden, name + '.txt')
        if args.regenerate:
            with open(path, 'w') as f:
                f.write(got)
            continue
        try:
            want = open(path).read()
        except OSError:
            want = ''
        if got != want:
            bad += 1
            print('FAIL %s (cases.txt line %d)' % (name, lineno))
            sys.stdout.writelines(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                                       'golden/' + name + '.txt', 'actual', n=2))
    if args.regenerate:
        print('tool-golden: %d golden files written to %s' % (ran, args.golden))
        return 0
    print('tool-golden: %d cases, %d mismatches' % (ran, bad))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
