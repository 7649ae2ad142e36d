#!/bin/sh
# The demo (until the real-KVM demo is the default, see scripts/e2e/): the
# nisv tool explains a real-world ISV=0 trap, then finishes instructions the
# hardware could not describe through the whole trap path (fetch the word at
# PC, decode, perform on a logged device, commit), as a VMM would on a
# KVM_EXIT_ARM_NISV exit.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/deps.sh"
dir="$top/build-demo"
[ -d "$dir" ] || meson setup "$dir" -Dtests=false >/dev/null
ninja -C "$dir" >/dev/null
nisv="$dir/tools/nisv"
el1="--set pstate=5 --set pc=0x40001000 --ram 0x40000000:0x2000"

echo "== A Windows-on-Arm driver's 'str w8, [x10], #4' trapped with ESR_EL2 0x92000046 (ISV=0):"
"$nisv" explain 0x92000046 --insn b8004548 | grep -E "^ESR|EC |ISV  |WnR|DFSC|^instruction|access:|hardware ISV|nisv:" || true
echo
echo "== Real-world instructions that trap with ISV=0 (Rust kernel, HiSilicon mailbox,"
echo "   write-combining BAR bursts, cache maintenance, an LSE atomic on a device counter):"
"$nisv" decode f80085ab a9402001 ad000440 4c000440 d50b7e20 f8200041
echo
echo "== nisv finishes 'str w8, [x10], #4' against a UART at 0x9000000:"
# shellcheck disable=SC2086
"$nisv" emulate b8004548 $el1 --set x8=0x48 --set x10=0x9000000 --dev 0x9000000:0x1000
echo
echo "== 'ldp x1, x8, [x0]' from a device register block:"
# shellcheck disable=SC2086
"$nisv" emulate a9402001 $el1 --set x0=0xa000000 --dev 0xa000000:0x100=0123456789abcdeffedcba9876543210
echo
echo "== 'ldadd x0, x1, [x2]' on a device counter (1000 + 5):"
# shellcheck disable=SC2086
"$nisv" emulate f8200041 $el1 --set x0=5 --set x2=0xa000010 --dev 0xa000000:0x100=00000000000000000000000000000000e803000000000000
echo
echo "== An unaligned store to Device memory: the guest gets the precise Alignment fault:"
# shellcheck disable=SC2086
"$nisv" emulate b9000041 $el1 --set x1=7 --set x2=0xa000002 --set vbar_el1=0x40000800 --dev 0xa000000:0x100 || true
