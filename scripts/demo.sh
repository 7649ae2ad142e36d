#!/bin/sh
# The demo (until the example VMM lands): the nisv tool decodes the real-world
# instructions that arrive with ESR_EL2.ISV == 0 and emulates some of them
# against a logged device, the way a VMM would on a KVM_EXIT_ARM_NISV exit.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/deps.sh"
dir="$top/build-demo"
[ -d "$dir" ] || meson setup "$dir" -Dtests=false >/dev/null
ninja -C "$dir" >/dev/null
nisv="$dir/tools/nisv"

echo "== Instructions real guests issue to MMIO that the syndrome cannot describe (ISV=0):"
echo "   (Windows on Arm driver, Rust kernel, HiSilicon mailbox, write-combining BAR bursts,"
echo "    cache maintenance on a read-only memslot, an LSE atomic on a device counter)"
"$nisv" decode b8004548 f80085ab a9402001 ad000440 4c000440 d50b7e20 f8200041
echo
echo "== Emulating 'str w8, [x10], #4' (post-index: KVM cannot) against a UART at 0x9000000:"
"$nisv" emulate b8004548 --set x8=0x48 --set x10=0x9000000 --set pc=0xffff800010000000 --dev 0x9000000:0x1000
echo
echo "== Emulating 'ldp x1, x8, [x0]' from a device register block:"
"$nisv" emulate a9402001 --set x0=0xa000000 --dev 0xa000000:0x100=0123456789abcdeffedcba9876543210
echo
echo "== Emulating 'ldadd x0, x1, [x2]' on a device counter:"
"$nisv" emulate f8200041 --set x0=5 --set x2=0xa000010 --dev 0xa000000:0x100=00000000000000000000000000000000e803000000000000
echo
echo "== A word that is not a memory instruction is refused, not guessed:"
"$nisv" emulate 8b020020 --set x1=1 || echo "(exit status $?: not emulated, nothing changed)"
