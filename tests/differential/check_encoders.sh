#!/bin/sh
# Self-check of the class encoders against binutils: dump generated words,
# disassemble them, re-assemble the disassembly and compare the words.
# Usage: check_encoders.sh <differential binary> [cases per class]
#   (cross: run from an x86 host with qemu-aarch64 and aarch64-linux-gnu-*)
# shellcheck disable=SC2154 # $tmp is enc_dump's
set -eu
# shellcheck source-path=SCRIPTDIR source=../support/encoders.sh disable=SC1091
. "$(dirname "$0")/../support/encoders.sh"
enc_dump "$1" "${2:-200}" -march=armv8.5-a+memtag+rcpc+lse

# one word per line: class word
awk '{ print $1, $2; if ($3 != "-") print $1, $3 }' "$tmp/dump" > "$tmp/words"
awk '{ print $2 }' "$tmp/words" > "$tmp/orig"
enc_disassemble "$tmp/orig" "$tmp/dis"
if grep -q -e undefined -e '\.inst' "$tmp/dis"; then
	echo "check_encoders: words the disassembler does not know:"
	paste -d' ' "$tmp/words" "$tmp/dis" | grep -e undefined -e '\.inst' | sort -u | head -20
	exit 1
fi
# re-assemble; PC-relative targets (literals) become ". + (target - address)"
python3 -c '
import re, sys
for line in open(sys.argv[1]):
    addr, mn, ops = (line.rstrip("\n").split("\t") + [""])[:3]
    ops = re.sub(r"\s*//.*$", "", re.sub(r"\s*<[^>]*>", "", ops))
    m = re.match(r"^(.*?)([0-9a-f]+)$", ops)
    if mn in ("ldr", "ldrsw", "prfm", "b") and m and (m.group(1) == "" or m.group(1).endswith(", ")) and not ops.endswith("]"):
        ops = "%s. + (0x%s - 0x%s)" % (m.group(1), m.group(2), addr.rstrip(":"))
    print(mn, ops)
' "$tmp/dis" > "$tmp/re.s"
enc_reassemble "$tmp/re.s" "$tmp/rewords"
if ! cmp -s "$tmp/orig" "$tmp/rewords"; then
	echo "check_encoders: re-assembled words differ (class word disassembly reassembled):"
	paste -d' ' "$tmp/words" "$tmp/dis" "$tmp/rewords" | awk '$2 != $NF' | head -20
	exit 1
fi
echo "check_encoders: $(wc -l < "$tmp/words") words from $(cut -d' ' -f1 "$tmp/words" | sort -u | wc -l) classes round-trip through binutils"
# per class: the mnemonics binutils sees (for eyeballing with VERBOSE=1)
paste -d'\t' "$tmp/words" "$tmp/dis" | awk -F'\t' '{ split($1, a, " "); print a[1], $3 }' | sort | uniq -c > "$tmp/hist"
if [ -n "${VERBOSE:-}" ]; then cat "$tmp/hist"; fi
exit 0
