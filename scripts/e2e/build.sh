#!/bin/sh
# Build, for aarch64: the example VMM as a static binary (nisv core + KVM
# backend + examples/vmm) and the bare-metal guests listed in
# examples/guests/list. Usage: build.sh OUTDIR. Needs gcc-aarch64-linux-gnu
# and libc6-dev-arm64-cross (scripts/e2e/setup.sh installs them).
# NISV_E2E_SANITIZE=1: the VMM (core, backend and examples/vmm) with
# AddressSanitizer and UBSan, dynamically linked (ASan cannot be static; its
# runtime needs libasan8-arm64-cross and libubsan1-arm64-cross, installed
# here when missing); run.sh then copies the loader and libraries along.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:?usage: build.sh OUTDIR}
cc=${CROSS_CC:-aarch64-linux-gnu-gcc}
objcopy=${CROSS_OBJCOPY:-aarch64-linux-gnu-objcopy}
mkdir -p "$out/obj" "$out/guests"
rm -f "$out"/obj/*.o

san="" link="-static"
if [ "${NISV_E2E_SANITIZE:-0}" = 1 ]; then
	missing=""
	for p in libasan8-arm64-cross libubsan1-arm64-cross; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
	done
	if [ -n "$missing" ]; then
		echo "e2e build: installing$missing" >&2
		sudo=""
		[ "$(id -u)" = 0 ] || sudo=sudo
		$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
		# shellcheck disable=SC2086
		$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
	fi
	san="-fsanitize=address,undefined -fno-omit-frame-pointer"
	link=""
fi

# the core, exactly as meson builds it: freestanding C11
python3 "$top/src/gen_decode_table.py" "$top/src/a64_ldst.decode" "$out/obj/decode_table.c"
for f in "$top"/src/*.c "$out/obj/decode_table.c"; do
	# shellcheck disable=SC2086
	$cc -std=c11 -O2 -g -Wall -Wextra -Werror -ffreestanding -mno-outline-atomics $san \
		-I"$top/include" -I"$top/src" -c "$f" -o "$out/obj/core_$(basename "$f" .c).o"
done
# the KVM backend and the VMM (Linux userspace): the public headers only
for f in "$top"/backends/kvm/*.c "$top"/examples/vmm/*.c; do
	# shellcheck disable=SC2086
	$cc -std=gnu11 -O2 -g -Wall -Wextra -Werror -pthread $san -I"$top/include" \
		-c "$f" -o "$out/obj/$(basename "$(dirname "$f")")_$(basename "$f" .c).o"
done
# shellcheck disable=SC2086
$cc $link $san -pthread -o "$out/nisv-vmm" "$out"/obj/*.o

# the guests: one C file each, with start.S and lib.c. A guest that
# includes vm.h (the MMU on, linked at a TTBR1 address: mmu.ld) also gets
# vm.c, and is built once per granule its list names: NAME-4k.bin,
# NAME-16k.bin, NAME-64k.bin come from NAME.c with GRANULE_SHIFT 12, 14, 16.
gflags="-std=gnu11 -O2 -g -Wall -Wextra -Werror -ffreestanding -nostdlib -nostartfiles -static \
-fno-pie -no-pie -fno-stack-protector -fno-strict-aliasing -fno-tree-loop-distribute-patterns \
-fno-asynchronous-unwind-tables -mgeneral-regs-only -mstrict-align -Wl,--build-id=none -Wl,--no-warn-rwx-segments"
g="$top/examples/guests"
grep -v '^#' "$g/list" | awk 'NF { print $1 }' | sort -u | while read -r file; do
	name=${file%.bin}
	src=$name
	gshift=12
	case $name in
	*-4k) src=${name%-4k} gshift=12 ;;
	*-16k) src=${name%-16k} gshift=14 ;;
	*-64k) src=${name%-64k} gshift=16 ;;
	esac
	[ -f "$g/$src.c" ] || { echo "build.sh: no source $g/$src.c for $file" >&2; exit 1; }
	ld="$g/guest.ld"
	extra=""
	if grep -q '^#include "vm.h"' "$g/$src.c"; then
		ld="$g/mmu.ld"
		extra="$g/vm.c"
	fi
	# shellcheck disable=SC2086
	$cc $gflags -DGRANULE_SHIFT=$gshift -I"$g" -T "$ld" "$g/start.S" "$g/lib.c" $extra "$g/$src.c" \
		-o "$out/guests/$name.elf"
	$objcopy -O binary "$out/guests/$name.elf" "$out/guests/$name.bin"
done
cp "$g/list" "$out/guests/list"
echo "$out/nisv-vmm"
