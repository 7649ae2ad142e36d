#!/bin/sh
# The real-KVM end-to-end run (oracle 3): QEMU emulates an arm64 machine with
# EL2 (-M virt,virtualization=on); Debian's kernel boots in it with KVM; the
# initramfs's /init is the example VMM (examples/vmm), which runs the
# bare-metal guests of examples/guests/list under that KVM and gets genuine
# KVM_EXIT_MMIO and KVM_EXIT_ARM_NISV exits.
#
#   scripts/e2e/run.sh            setup (cached), build, boot; exit 0 iff
#                                 every guest passed
# Environment: NISV_E2E_DIR (build-e2e), NISV_E2E_TIMEOUT (seconds, 900),
# NISV_E2E_SMP (2), NISV_E2E_LOG (the console log, $NISV_E2E_DIR/run.log),
# NISV_E2E_ONLY (an extended regex: run only the list lines matching it).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${NISV_E2E_DIR:-$top/build-e2e}
export NISV_E2E_DIR="$out"
timeout_s=${NISV_E2E_TIMEOUT:-900}
smp=${NISV_E2E_SMP:-2}
log=${NISV_E2E_LOG:-$out/run.log}

vmlinuz=$("$top/scripts/e2e/setup.sh" | tail -n 1)
"$top/scripts/e2e/build.sh" "$out/aarch64" >/dev/null

# the initramfs: /init = the VMM, /guests = images + list
root="$out/initramfs"
rm -rf "$root"
mkdir -p "$root/guests" "$root/dev" "$root/proc"
cp "$out/aarch64/nisv-vmm" "$root/init"
cp "$out"/aarch64/guests/*.bin "$root/guests/"
if [ -n "${NISV_E2E_ONLY:-}" ]; then
	grep -E -- "$NISV_E2E_ONLY" "$out/aarch64/guests/list" >"$root/guests/list" || true
else
	cp "$out/aarch64/guests/list" "$root/guests/list"
fi
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) >"$out/init.cpio"

echo "e2e: booting $(basename "$vmlinuz") under qemu-system-aarch64 (TCG, nested KVM), $smp CPUs"
start=$(date +%s.%N)
# pauth-impdef: QEMU's fast pointer-authentication algorithm (the
# architected QARMA5 is slow to emulate); the guests do not depend on it
set +e
timeout --foreground "$timeout_s" qemu-system-aarch64 \
	-M virt,virtualization=on,gic-version=3 -cpu max,pauth-impdef=on -smp "$smp" -m 512 \
	-nographic -no-reboot -net none \
	-kernel "$vmlinuz" -initrd "$out/init.cpio" \
	-append "console=ttyAMA0 rdinit=/init panic=-1 quiet" </dev/null 2>&1 | tee "$log"
set -e
end=$(date +%s.%N)
echo "e2e: QEMU ran $(awk "BEGIN { printf \"%.1f\", $end - $start }") s"

summary=$(grep -a "^nisv-e2e: [0-9]* passed, [0-9]* failed" "$log" | tail -n 1 || true)
if [ -z "$summary" ]; then
	echo "e2e: no verdict from the nested VMM (see $log)"
	exit 1
fi
case "$summary" in
"nisv-e2e: 0 passed,"*) exit 1 ;;
*" 0 failed"*) exit 0 ;;
*) exit 1 ;;
esac
