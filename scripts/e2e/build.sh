#!/bin/sh
# Build, for aarch64: the example VMM as a static binary (nisv core + KVM
# backend + examples/vmm) and the bare-metal guests listed in
# examples/guests/list. Usage: build.sh OUTDIR. Needs gcc-aarch64-linux-gnu
# and libc6-dev-arm64-cross (scripts/e2e/setup.sh installs them).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:?usage: build.sh OUTDIR}
cc=${CROSS_CC:-aarch64-linux-gnu-gcc}
objcopy=${CROSS_OBJCOPY:-aarch64-linux-gnu-objcopy}
mkdir -p "$out/obj" "$out/guests"
rm -f "$out"/obj/*.o

# the core, exactly as meson builds it: freestanding C11
python3 "$top/src/gen_decode_table.py" "$top/src/a64_ldst.decode" "$out/obj/decode_table.c"
for f in "$top"/src/*.c "$out/obj/decode_table.c"; do
	$cc -std=c11 -O2 -g -Wall -Wextra -Werror -ffreestanding -mno-outline-atomics \
		-I"$top/include" -I"$top/src" -c "$f" -o "$out/obj/core_$(basename "$f" .c).o"
done
# the KVM backend and the VMM (Linux userspace)
for f in "$top"/backends/kvm/*.c "$top"/examples/vmm/*.c; do
	$cc -std=gnu11 -O2 -g -Wall -Wextra -Werror -pthread -I"$top/include" \
		-c "$f" -o "$out/obj/$(basename "$(dirname "$f")")_$(basename "$f" .c).o"
done
$cc -static -pthread -o "$out/nisv-vmm" "$out"/obj/*.o

# the guests: one C file each, with start.S and lib.c
gflags="-std=gnu11 -O2 -g -Wall -Wextra -Werror -ffreestanding -nostdlib -nostartfiles -static \
-fno-pie -no-pie -fno-stack-protector -fno-strict-aliasing -fno-tree-loop-distribute-patterns \
-fno-asynchronous-unwind-tables -mgeneral-regs-only -mstrict-align -Wl,--build-id=none -Wl,--no-warn-rwx-segments"
g="$top/examples/guests"
grep -v '^#' "$g/list" | sort -u -k1,1 | while read -r file _rest; do
	[ -n "$file" ] || continue
	name=${file%.bin}
	ld="$g/guest.ld"
	[ -f "$g/$name.ld" ] && ld="$g/$name.ld" # its own layout (e.g. linked high)
	# shellcheck disable=SC2086
	$cc $gflags -I"$g" -T "$ld" "$g/start.S" "$g/lib.c" "$g/$name.c" -o "$out/guests/$name.elf"
	$objcopy -O binary "$out/guests/$name.elf" "$out/guests/$name.bin"
done
cp "$g/list" "$out/guests/list"
echo "$out/nisv-vmm"
