#!/bin/sh
# The demo: a guest on real KVM whose MMIO instructions KVM cannot decode.
#
#   scripts/e2e/demo.sh
#
# Installs what it needs (qemu-system-arm, the aarch64 cross compiler, cpio,
# Debian's arm64 kernel; apt, with sudo when not root), builds the example
# VMM and the demo guest (examples/guests/demo.c), boots an arm64 machine
# with EL2 in QEMU whose Linux runs KVM, and runs the guest there under the
# example VMM. The guest prints through the UART with STP and ST1 bursts and
# drives a device register block with LDP/STP: each of those traps with
# ESR_EL2.ISV = 0, KVM hands it to the VMM (KVM_EXIT_ARM_NISV) and nisv
# finishes it. The VMM ends with its table of exits. About a minute the
# first time (downloads), then about 20 seconds.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
NISV_E2E_ONLY='^demo\.bin' NISV_E2E_VERBOSE=1 "$top/scripts/e2e/run.sh" >"$log" 2>&1 || {
	cat "$log"
	echo "demo: FAILED" >&2
	exit 1
}
sed -n 's/^guest cpu0: //p' "$log"
echo
awk '/^vmm: exits/,/^vmm: average per ISV=1/' "$log" | sed 's/^vmm: //'
grep -a '^e2e demo:' "$log"
