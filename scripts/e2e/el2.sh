#!/bin/sh
# nisv at EL2: build examples/el2 (a bare-metal hypervisor with the
# freestanding nisv core inside, and the EL1 host it protects a device
# from) and run it on QEMU's virt machine under TCG. Prints one line,
#   e2e el2: exits isv1=N isv0=N faults=N, checks N passed, N failed
# and exits 0 only when every check passed.
# Usage: el2.sh [OUTDIR] (default build-el2). The console is OUTDIR/el2.log;
# NISV_EL2_VERBOSE=1 copies it to stderr.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$top/build-el2}
cc=${CROSS_CC:-aarch64-linux-gnu-gcc}
objcopy=${CROSS_OBJCOPY:-aarch64-linux-gnu-objcopy}
qemu=${QEMU_SYSTEM_AARCH64:-qemu-system-aarch64}
ex="$top/examples/el2"
"$top/scripts/deps.sh" qemu-system-arm >/dev/null
mkdir -p "$out/core" "$out/hyp" "$out/host"
rm -f "$out"/core/*.o "$out"/hyp/*.o "$out"/host/*.o "$out/el2.log"

fail() {
	echo "e2e el2: exits isv1=0 isv0=0 faults=0, checks 0 passed, 1 failed ($1)"
	exit 1
}

# EL2 and the bare-metal host: no libc, no FP/SIMD registers in C code, no
# outline atomics. The host runs with its MMU off first (all of memory is
# Device then): -mstrict-align.
common="-O2 -g -Wall -Wextra -Werror -ffreestanding -nostdlib -fno-pie -fno-stack-protector \
-fno-asynchronous-unwind-tables -mgeneral-regs-only -mno-outline-atomics"
ldflags="-nostdlib -nostartfiles -static -no-pie -Wl,--build-id=none -Wl,--no-warn-rwx-segments"

# each step stops the build (a subshell) when it fails; compilations run
# in the background and leave their command in $out/failed when they fail
run() { "$@" || { echo "el2 build: failed: $*"; exit 1; }; }
bg() { o=$1; shift; { "$@" -o "$o" || echo "$*" >>"$out/failed"; } & }
obj() { echo "$out/$1/$(basename "$2" | sed 's/\.[cS]$//').o"; }
build() {
	rm -f "$out/failed"
	# the core, as scripts/check_freestanding.sh builds it
	run python3 "$top/src/gen_decode_table.py" "$top/src/a64_ldst.decode" "$out/core/decode_table.c"
	for f in "$top"/src/*.c "$out/core/decode_table.c"; do
		# shellcheck disable=SC2086
		bg "$(obj core "$f")" $cc -std=c11 $common -I"$top/include" -I"$top/src" -c "$f"
	done
	# the host; the hypervisor (its image of the host comes after)
	for f in "$ex"/host_*.c "$ex"/host_*.S "$ex/rt.c" "$ex/pt.c"; do
		# shellcheck disable=SC2086
		bg "$(obj host "$f")" $cc -std=gnu11 $common -mstrict-align -fno-tree-loop-distribute-patterns \
			-fno-strict-aliasing -c "$f"
	done
	for f in "$ex"/hyp_*.c "$ex"/hyp_entry.S "$ex"/hyp_vregs.S "$ex/pdev.c" "$ex/rt.c" "$ex/pt.c"; do
		# shellcheck disable=SC2086
		bg "$(obj hyp "$f")" $cc -std=gnu11 $common -fno-tree-loop-distribute-patterns -fno-strict-aliasing \
			-I"$top/include" -c "$f"
	done
	wait
	[ ! -s "$out/failed" ] || { echo "el2 build: failed:"; cat "$out/failed"; exit 1; }
	# shellcheck disable=SC2086
	run $cc $ldflags -T "$ex/host.ld" -o "$out/host.elf" "$out"/host/*.o
	run $objcopy -O binary "$out/host.elf" "$out/host.bin"
	run $cc -DHOST_BIN="\"$out/host.bin\"" -c "$ex/hyp_image.S" -o "$out/hyp/hyp_image.o"
	# shellcheck disable=SC2086
	run $cc $ldflags -T "$ex/hyp.ld" -o "$out/el2.elf" "$out"/hyp/*.o "$out"/core/*.o
}
(build) >"$out/build.log" 2>&1 || { cat "$out/build.log" >&2; fail "build failed: $out/build.log"; }

start=$(date +%s)
timeout "${NISV_EL2_TIMEOUT:-60}" "$qemu" -M virt,virtualization=on,gic-version=3 -cpu max -smp 2 -m 128M \
	-nographic -nic none -no-reboot -kernel "$out/el2.elf" </dev/null >"$out/el2.log" 2>&1 || true
secs=$(($(date +%s) - start))
tr -d '\r' <"$out/el2.log" >"$out/el2.log.tmp" && mv "$out/el2.log.tmp" "$out/el2.log"
[ "${NISV_EL2_VERBOSE:-0}" = 1 ] && cat "$out/el2.log" >&2
line=$(grep '^e2e el2: ' "$out/el2.log" | tail -1 || true)
if [ -z "$line" ]; then
	tail -20 "$out/el2.log" >&2
	fail "no summary after ${secs} s: $out/el2.log"
fi
echo "$line"
case "$line" in
*", 0 failed") exit 0 ;;
*) grep -E 'FAILED|unexpected|el2: ' "$out/el2.log" | head -40 >&2; exit 1 ;;
esac
