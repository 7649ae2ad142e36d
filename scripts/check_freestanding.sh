#!/bin/sh
# Build the core for an EL2 hypervisor: aarch64, -ffreestanding -nostdlib
# -mgeneral-regs-only (no FP/SIMD registers), link it into one relocatable
# object and list its undefined symbols. Only memcpy/memset are allowed.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$top/build-freestanding}
mkdir -p "$out"
python3 "$top/src/gen_decode_table.py" "$top/src/a64_ldst.decode" "$out/decode_table.c"
objs=""
for c in "$top"/src/*.c "$out/decode_table.c"; do
	o="$out/$(basename "$c" .c).o"
	aarch64-linux-gnu-gcc -std=c11 -Os -ffreestanding -nostdlib -mgeneral-regs-only -mno-outline-atomics \
		-fno-stack-protector -Wall -Wextra -Werror -I"$top/include" -I"$top/src" -c "$c" -o "$o"
	objs="$objs $o"
done
# shellcheck disable=SC2086
aarch64-linux-gnu-ld -r -o "$out/nisv-core.o" $objs
undef=$(aarch64-linux-gnu-nm -u "$out/nisv-core.o" | awk '{print $2}' | sort -u | tr '\n' ' ')
text=$(aarch64-linux-gnu-size -A "$out/nisv-core.o" | awk '$1 == ".text" {print $2}')
echo "freestanding core: nm -u: ${undef:-(none)}; .text $text bytes (-Os)"
for s in $undef; do
	case "$s" in
	memcpy | memset) ;;
	*) echo "freestanding core: unexpected undefined symbol $s" >&2; exit 1 ;;
	esac
done
