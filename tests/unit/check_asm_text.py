#!/usr/bin/env python3
"""Check that every I("text", 0xWORD) in the unit case files agrees.

Each text is assembled with the aarch64 GNU assembler
(-march=armv8.5-a+memtag, plus the extensions below); its word must equal the
word written beside it. A text the assembler rejects (an extension this
binutils does not know) is checked the other way round: the word is
disassembled with objdump and must read back as the text.

    check_asm_text.py [--fill] CASE_FILE...

--fill replaces placeholder words (0x00000000) with the assembled word, for
whoever writes new cases; it never changes a word that is already there.
Exit status 0: all agree; 1: a mismatch; 77 (meson's "skipped"): no
aarch64 binutils.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

PAIR = re.compile(r'\bI\(\s*"((?:[^"\\]|\\.)*)"\s*,\s*(0x[0-9a-fA-F]+)\s*\)')
AS_FLAGS = ["-march=armv8.5-a+memtag+lse+rcpc+pauth"]


def find_tool(name):
    for prefix in ("aarch64-linux-gnu-", "aarch64-none-elf-", "aarch64-elf-"):
        path = shutil.which(prefix + name)
        if path:
            return path
    return None


def normalize(text):
    """Compare texts without case, comments or white space."""
    return re.sub(r"\s+", "", text.split("//")[0].lower())


def collect(paths):
    cases = []  # (path, line, text, word)
    for path in paths:
        with open(path, encoding="utf-8") as f:
            src = f.read()
        for m in PAIR.finditer(src):
            line = src.count("\n", 0, m.start()) + 1
            text = bytes(m.group(1), "utf-8").decode("unicode_escape")
            cases.append((path, line, text, int(m.group(2), 16)))
    return cases


def assemble(gas, objdump, lines, workdir):
    """Assemble one instruction per line; returns ({index: word}, {index: error})."""
    errors = {}
    while True:
        src = os.path.join(workdir, "cases.s")
        obj = os.path.join(workdir, "cases.o")
        with open(src, "w", encoding="utf-8") as f:
            f.write("\t.text\n")
            for i, text in enumerate(lines):
                f.write("\t.inst 0x0\n" if i in errors else "\t%s\n" % text)
        p = subprocess.run([gas] + AS_FLAGS + ["-o", obj, src],
                           capture_output=True, text=True, check=False)
        if p.returncode == 0:
            break
        new = {}
        for m in re.finditer(r"cases\.s:(\d+): Error: (.*)", p.stderr):
            idx = int(m.group(1)) - 2
            if 0 <= idx < len(lines) and idx not in errors:
                new[idx] = m.group(2)
        if not new:
            sys.exit("assembler failed:\n" + p.stderr)
        errors.update(new)
    out = subprocess.run([objdump, "-d", obj], capture_output=True, text=True, check=True).stdout
    words = {}
    for m in re.finditer(r"^\s*([0-9a-f]+):\s+([0-9a-f]{8})\s", out, re.M):
        words[int(m.group(1), 16) // 4] = int(m.group(2), 16)
    return words, errors


def disassemble(objdump, gas, words, workdir):
    """Disassemble words; returns {index: text}."""
    src = os.path.join(workdir, "words.s")
    obj = os.path.join(workdir, "words.o")
    with open(src, "w", encoding="utf-8") as f:
        f.write("\t.text\n")
        for w in words:
            f.write("\t.inst 0x%08x\n" % w)
    subprocess.run([gas, "-o", obj, src], check=True)
    out = subprocess.run([objdump, "-d", obj],
                         capture_output=True, text=True, check=True).stdout
    texts = {}
    for m in re.finditer(r"^\s*([0-9a-f]+):\s+[0-9a-f]{8}\s+(.*)$", out, re.M):
        texts[int(m.group(1), 16) // 4] = m.group(2)
    return texts


def fill(paths, filled):
    for path in paths:
        with open(path, encoding="utf-8") as f:
            src = f.read()

        def repl(m):
            key = (path, bytes(m.group(1), "utf-8").decode("unicode_escape"))
            if int(m.group(2), 16) == 0 and key in filled:
                return 'I("%s", 0x%08x)' % (m.group(1), filled[key])
            return m.group(0)

        new = PAIR.sub(repl, src)
        if new != src:
            with open(path, "w", encoding="utf-8") as f:
                f.write(new)


def main(argv):
    do_fill = "--fill" in argv
    paths = [a for a in argv[1:] if a != "--fill"]
    gas, objdump = find_tool("as"), find_tool("objdump")
    if not gas or not objdump:
        print("unit-asm-text: no aarch64 binutils (aarch64-linux-gnu-as/objdump): skipped")
        return 77
    cases = collect(paths)
    if not cases:
        print("unit-asm-text: no I(\"text\", word) pairs found")
        return 1

    with tempfile.TemporaryDirectory() as workdir:
        words, errors = assemble(gas, objdump, [c[2] for c in cases], workdir)
        texts = disassemble(objdump, gas, [c[3] for c in cases], workdir)

    bad = 0
    filled = {}
    by_objdump = 0
    for i, (path, line, text, word) in enumerate(cases):
        where = "%s:%d" % (os.path.basename(path), line)
        if text.startswith(".inst"):
            want = int(text.split()[1], 0)
            if want != word:
                print("%s: %r is 0x%08x, the case says 0x%08x" % (where, text, want, word))
                bad += 1
            continue
        if i in errors:
            # binutils cannot assemble it: the word's disassembly must be the text
            by_objdump += 1
            if normalize(texts.get(i, "")) != normalize(text):
                print("%s: %r not assembled (%s); 0x%08x disassembles as %r"
                      % (where, text, errors[i], word, texts.get(i, "")))
                bad += 1
            continue
        got = words.get(i)
        if word == 0 and do_fill and got is not None:
            filled[(path, text)] = got
            continue
        if got != word:
            print("%s: %r assembles to %s, the case says 0x%08x (objdump of the case word: %r)"
                  % (where, text, "0x%08x" % got if got is not None else "nothing", word,
                     texts.get(i, "")))
            bad += 1

    if do_fill and filled:
        fill(paths, filled)
        print("unit-asm-text: filled %d placeholder words" % len(filled))
    print("unit-asm-text: %d instructions (%d checked by disassembly), %d mismatches"
          % (len(cases), by_objdump, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
