# Sourced by the encoder self-checks of the CPU-oracle differentials
# (tests/differential/check_encoders.sh, tests/differential_sve/...): the
# binary's generated words against binutils, natively on arm64 or from an
# x86 host with qemu-aarch64 and aarch64-linux-gnu-*.

# enc_dump BIN N MARCH: $tmp (removed at exit) with $tmp/dump, the output
# of BIN --dump N (a class and a word first on each line); $march for as.
enc_dump() {
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	prefix=
	command -v aarch64-linux-gnu-as >/dev/null 2>&1 && prefix=aarch64-linux-gnu-
	run=
	[ "$(uname -m)" = aarch64 ] || run="qemu-aarch64 -cpu max -L /usr/aarch64-linux-gnu -E LD_LIBRARY_PATH=/usr/aarch64-linux-gnu/lib"
	march=$3
	$run "$1" --dump "$2" > "$tmp/dump"
}

# enc_disassemble WORDS OUT: the hex words of the file WORDS (one a line)
# assembled, and OUT = objdump's "address<TAB>mnemonic<TAB>operands" lines.
enc_disassemble() {
	awk '{ printf ".inst 0x%s\n", $1 }' "$1" > "$tmp/in.s"
	"${prefix}as" "$march" "$tmp/in.s" -o "$tmp/in.o"
	"${prefix}objdump" -d "$tmp/in.o" | awk -F'\t' '/^ *[0-9a-f]+:\t/ { sub(/^ */, "", $1); print $1 "\t" $3 "\t" $4 }' > "$2"
}

# enc_reassemble SOURCE OUT: SOURCE assembled, OUT = its words, one a line
# (an assembler error is shown and ends the check).
enc_reassemble() {
	"${prefix}as" "$march" "$1" -o "$tmp/re.o" 2> "$tmp/re.err" || { head "$tmp/re.err"; exit 1; }
	"${prefix}objdump" -d "$tmp/re.o" | awk -F'\t' '/^ *[0-9a-f]+:\t/ { print $2 }' | tr -d ' ' > "$2"
}
