#!/bin/sh
# shellcheck disable=SC2086 # $flags and $common are word lists
# Builds kvmtool-checks, kvmtool-isv0 and kvmtool-select (static aarch64) into OUTDIR.
# Usage: tests/kvmtool-linux/build.sh OUTDIR
set -eu
[ $# -eq 1 ] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
src=$(cd "$(dirname "$0")" && pwd)
out=$1
mkdir -p "$out"
out=$(cd "$out" && pwd)
CC=${CC:-aarch64-linux-gnu-gcc}
OBJDUMP=${OBJDUMP:-aarch64-linux-gnu-objdump}
flags="-std=gnu11 -O2 -Wall -Wextra -Werror -static"
obj="$out/obj"
mkdir -p "$obj"

cc() { # cc SOURCE [extra flags]
	f=$1
	shift
	$CC $flags "$@" -c "$src/$f" -o "$obj/${f%.c}.o"
}
for f in main.c devices.c faults.c check.c which.c cases_mem.c cases_inline.c cases_asm.c cases_harness.c cases_platform.c bench.c isv0.c select.c; do
	cc "$f"
done
cc cases_atomic.c -march=armv8.1-a
cc cases_smp.c -march=armv8.1-a -pthread
cc cases_sve.c -march=armv8.2-a+sve

common="$obj/devices.o $obj/faults.o $obj/check.o"
$CC $flags -o "$out/kvmtool-checks" "$obj/main.o" "$obj/which.o" "$obj/cases_mem.o" \
	"$obj/cases_inline.o" "$obj/cases_asm.o" "$obj/cases_harness.o" "$obj/cases_atomic.o" "$obj/cases_sve.o" \
	"$obj/cases_platform.o" "$obj/cases_smp.o" \
	"$obj/bench.o" $common
$CC $flags -o "$out/kvmtool-isv0" "$obj/isv0.o" $common
$CC $flags -o "$out/kvmtool-select" "$obj/select.o"

# inline-copy relies on gcc's choice of instructions for struct assignment: check it.
if command -v "$OBJDUMP" >/dev/null 2>&1; then
	dis() { $OBJDUMP -d --no-show-raw-insn "$obj/cases_inline.o" | awk -v f="<$1>:" '$2 == f {p = 1; next} /^$/ {p = 0} p'; }
	dis kc_ic_store16 | grep -q 'stp	x' || { echo "inline-copy: struct16 copy is not stp x" >&2; dis kc_ic_store16 >&2; exit 1; }
	dis kc_ic_store16 | grep -q 'ldp	x' || { echo "inline-copy: struct16 copy is not ldp x" >&2; exit 1; }
	dis kc_ic_store32 | grep -q 'q[0-9]*, q[0-9]*, \[' || { echo "inline-copy: struct32 copy does not use q-register pairs" >&2; dis kc_ic_store32 >&2; exit 1; }
	echo "inline-copy instructions:"
	for f in kc_ic_store8 kc_ic_store16 kc_ic_store32; do
		printf '  %s:' "$f"; dis $f | awk -F'\t' '$2 ~ /^(ld|st)/ {printf " %s %s;", $2, $3}'; echo
	done
fi
echo "built $out/kvmtool-checks $out/kvmtool-isv0 $out/kvmtool-select"
