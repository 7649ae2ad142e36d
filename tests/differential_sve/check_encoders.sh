#!/bin/sh
# Self-check of the SVE class encoders against binutils: dump generated
# words with what the generator claims (mnemonic, register kind, element
# size; for gathers, scatters and PRF* gathers also the memory operand),
# disassemble them, compare the claims with the disassembly, then
# re-assemble the disassembly and compare the words.
# Usage: check_encoders.sh <differential_sve binary> [cases per class]
#   (cross: run from an x86 host with qemu-aarch64 and aarch64-linux-gnu-*)
# shellcheck disable=SC2154 # $tmp is enc_dump's
set -eu
# shellcheck source-path=SCRIPTDIR source=../support/encoders.sh disable=SC1091
. "$(dirname "$0")/../support/encoders.sh"
# class word mnemonic kind(z|p) suffix(b|h|s|d|-) nregs [memory operand]
enc_dump "$1" "${2:-300}" -march=armv8.6-a+sve2+f64mm+sme
awk '{ print $2 }' "$tmp/dump" > "$tmp/orig"
enc_disassemble "$tmp/orig" "$tmp/dis_addr"
cut -f2- "$tmp/dis_addr" > "$tmp/dis"
if [ "$(wc -l < "$tmp/dump")" != "$(wc -l < "$tmp/dis")" ]; then
	echo "check_encoders: $(wc -l < "$tmp/dump") words but $(wc -l < "$tmp/dis") disassembled lines"
	exit 1
fi
paste -d'\t' "$tmp/dump" "$tmp/dis" > "$tmp/both"
# the claims: mnemonic, first register's kind and element suffix (PRF*:
# the vector's, after the prefetch operation), the memory operand without
# spaces when claimed
awk -F'\t' '{
	split($1, c, " "); mn = $2; ops = $3
	reg = ops; sub(/^\{/, "", reg); sub(/[,}\-].*$/, "", reg)
	if (mn ~ /^prf/ && match(ops, /z[0-9]+\.[bhsd]/))
		reg = substr(ops, RSTART, RLENGTH)
	kind = substr(reg, 1, 1); sfx = "-"
	if (index(reg, ".")) sfx = substr(reg, index(reg, ".") + 1, 1)
	mem = index(ops, "[") ? substr(ops, index(ops, "[")) : ""; gsub(/ /, "", mem)
	if (mn != c[3] || kind != c[4] || sfx != c[5] || (c[7] != "" && mem != c[7]))
		printf "check_encoders: %s %s claims %s %s.%s, binutils says: %s %s\n", c[1], c[2], c[3], c[4], c[5], mn, ops
}' "$tmp/both" > "$tmp/bad"
if [ -s "$tmp/bad" ]; then
	head -20 "$tmp/bad"
	echo "check_encoders: $(wc -l < "$tmp/bad") words differ from their generator's description"
	exit 1
fi
# re-assemble
awk -F'\t' '{ print $1, $2 }' "$tmp/dis" | sed 's@[[:space:]]*//.*$@@' > "$tmp/re.s"
enc_reassemble "$tmp/re.s" "$tmp/rewords"
if ! cmp -s "$tmp/orig" "$tmp/rewords"; then
	echo "check_encoders: re-assembled words differ (word, disassembly, re-assembled):"
	paste -d'\t' "$tmp/orig" "$tmp/dis" "$tmp/rewords" | awk -F'\t' '$1 != $4' | head -20
	exit 1
fi
echo "check_encoders: $(wc -l < "$tmp/orig") words from $(cut -d' ' -f1 "$tmp/dump" | sort -u | wc -l) classes match their description and round-trip through binutils"
if [ -n "${VERBOSE:-}" ]; then
	awk -F'\t' '{ split($1, c, " "); print c[1], $2 }' "$tmp/both" | sort | uniq -c
fi
exit 0
