#!/bin/sh
# The real-KVM end-to-end run (oracle 3, and oracle 4 inside it): QEMU
# emulates an arm64 machine with EL2 (-M virt,virtualization=on); Debian's
# kernel boots in it with KVM; the initramfs's /init is the example VMM
# (examples/vmm), which runs the bare-metal guests of examples/guests/list
# under that KVM and gets genuine KVM_EXIT_MMIO and KVM_EXIT_ARM_NISV exits.
#
#   scripts/e2e/run.sh     install what is missing (apt; sudo when not
#                          root), build, boot; prints one line per guest
#                            e2e NAME: exits isv1=N isv0=N faults=N, checks N passed, N failed
#                          and "nisv-e2e: N passed, N failed"; exit 0 iff
#                          every guest passed
# Environment: NISV_E2E_DIR (build-e2e), NISV_E2E_TIMEOUT (seconds, 900),
# NISV_E2E_SMP (QEMU CPUs, 2), NISV_E2E_LOG (the console log,
# $NISV_E2E_DIR/run.log), NISV_E2E_ONLY (an extended regex: run only the
# list lines matching it), NISV_E2E_VERBOSE=1 (show the whole console),
# NISV_E2E_SANITIZE=1 (the VMM built with ASan and UBSan, dynamically linked,
# its loader and libraries copied into the initramfs by runtime-libs.sh;
# prints "e2e sanitizer reports: N" and fails when N > 0).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${NISV_E2E_DIR:-$top/build-e2e}
export NISV_E2E_DIR="$out"
timeout_s=${NISV_E2E_TIMEOUT:-900}
smp=${NISV_E2E_SMP:-2}
log=${NISV_E2E_LOG:-$out/run.log}
fail() {
	echo "e2e: FAILED: $*" >&2
	exit 1
}

vmlinuz=$("$top/scripts/e2e/setup.sh" | tail -n 1) || fail "setup (scripts/e2e/setup.sh)"
[ -f "$vmlinuz" ] || fail "no kernel image from setup.sh"
"$top/scripts/e2e/build.sh" "$out/aarch64" >/dev/null || fail "build (scripts/e2e/build.sh)"

# the initramfs: /init = the VMM, /guests = images + list
root="$out/initramfs"
rm -rf "$root"
mkdir -p "$root/guests" "$root/dev" "$root/proc"
cp "$out/aarch64/nisv-vmm" "$root/init"
if [ "${NISV_E2E_SANITIZE:-0}" = 1 ]; then
	"$top/scripts/e2e/runtime-libs.sh" "$root" "$root/init" || fail "libraries of the sanitized VMM"
fi
cp "$out"/aarch64/guests/*.bin "$root/guests/"
if [ -n "${NISV_E2E_ONLY:-}" ]; then
	grep -v '^#' "$out/aarch64/guests/list" | grep -E -- "$NISV_E2E_ONLY" >"$root/guests/list" ||
		fail "NISV_E2E_ONLY='$NISV_E2E_ONLY' matches no guest"
else
	grep -v '^#' "$out/aarch64/guests/list" | awk 'NF' >"$root/guests/list"
fi
expected=$(awk 'NF' "$root/guests/list" | wc -l)
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) >"$out/init.cpio"

echo "e2e: booting $(basename "$vmlinuz") under qemu-system-aarch64 (TCG, nested KVM), $smp CPUs, $expected guests"
start=$(date +%s.%N)
show() {
	if [ "${NISV_E2E_VERBOSE:-0}" = 1 ]; then
		cat
	else
		grep -a --line-buffered -E \
			'^(e2e |nisv-e2e:|oracle: MISMATCH|guest .*(FAILED|MISMATCH)|vmm: .*(cannot|unexpected|gave no verdict))|ERROR: AddressSanitizer|runtime error:' || true
	fi
}
# the sanitizers' options reach /init as environment variables (the kernel
# passes it the command-line words it does not know that contain '=')
san_env=""
[ "${NISV_E2E_SANITIZE:-0}" = 1 ] && san_env=" ASAN_OPTIONS=color=never UBSAN_OPTIONS=color=never:print_stacktrace=1"
# pauth-impdef: QEMU's fast pointer-authentication algorithm (the
# architected QARMA5 is slow to emulate); the guests do not depend on it
set +e
timeout --foreground "$timeout_s" qemu-system-aarch64 \
	-M virt,virtualization=on,gic-version=3 -cpu max,pauth-impdef=on -smp "$smp" -m 512 \
	-nographic -no-reboot -net none \
	-kernel "$vmlinuz" -initrd "$out/init.cpio" \
	-append "console=ttyAMA0 rdinit=/init panic=-1 quiet$san_env" </dev/null 2>&1 | tee "$log" | show
set -e
end=$(date +%s.%N)
echo "e2e: QEMU ran $(awk "BEGIN { printf \"%.1f\", $end - $start }") s (console: $log)"

if [ "${NISV_E2E_SANITIZE:-0}" = 1 ]; then
	reports=$(grep -a -c -E "ERROR: AddressSanitizer|runtime error:" "$log" || true)
	echo "e2e sanitizer reports: $reports"
	[ "$reports" = 0 ] || fail "$reports sanitizer reports (see $log)"
fi
summary=$(grep -a "^nisv-e2e: [0-9]* passed, [0-9]* failed" "$log" | tail -n 1 || true)
if [ -z "$summary" ]; then
	tail -n 40 "$log" >&2
	fail "no verdict from the nested VMM (timeout ${timeout_s}s, or it crashed; see $log)"
fi
ran=$(grep -a -c "^e2e [^ ]*: exits" "$log" || true)
[ "$ran" = "$expected" ] || fail "$ran of $expected guests reported"
case "$summary" in
"nisv-e2e: 0 passed,"*) fail "no guest passed" ;;
*" 0 failed"*) exit 0 ;;
*) fail "$summary" ;;
esac
