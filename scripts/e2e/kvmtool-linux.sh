#!/bin/sh
# The real-guest end-to-end run: kvmtool with nisv (integrations/kvmtool) in
# the nested L1 boots Debian's kernel as L2, whose program
# (tests/kvmtool-linux/kvmtool-checks) drives glibc's memcpy/memset/memmove,
# gcc-inlined copies, post-index stores, LDP/STP/LD1, LSE atomics,
# exclusives and SVE against kvmtool's 8250 and a virtio-pci BAR, and
# checks every byte the devices hold.
#
#   scripts/e2e/kvmtool-linux.sh [--no-sve] [--sanitize] [CASE...]
#
# --no-sve: the L1 CPU (and so the L2 vCPU) without SVE: glibc takes its
# generic routines. With SVE, glibc's __memcpy_sve moves device memory with
# SVE loads and stores, which nisv emulates: every one must complete.
# --sanitize: lkvm and nisv built with ASan and UBSan; any report fails.
# Prints one line
#   e2e kvmtool-linux[-nosve][-asan]: exits isv1=N isv0=N faults=N, checks N passed, N failed
# and exits 0 iff every check passed, the program and lkvm exited 0 and
# the guest saw no SVE fault.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${NISV_KVMTOOL_DIR:-$top/build-e2e/kvmtool}
name=kvmtool-linux
opts=""
while [ $# -gt 0 ]; do
	case $1 in
	--no-sve) name="$name-nosve" opts="$opts --no-sve"; shift ;;
	--sanitize) name="$name-asan" opts="$opts --sanitize"; shift ;;
	*) break ;;
	esac
done
mkdir -p "$out"
log="$out/$name.log"

"$top/tests/kvmtool-linux/build.sh" "$out/checks" >/dev/null
# two vCPUs: atomic-smp's LDADDs race from both
# shellcheck disable=SC2086
NISV_KVMTOOL_LOG="$log" "$top/scripts/e2e/kvmtool.sh" --l2-init "$out/checks/kvmtool-checks" \
	--lkvm-args "-c 2" --timeout 1500 $opts -- "$@" >"$out/$name.console" 2>&1 && status=0 || status=$?

# the L2 program's and lkvm's verdicts
grep -a -E '^(FAIL |case |glibc: |bench: |kvmtool-checks: |l2: prog )|nisv: cpu' "$log" || true
grep -a -E '^kvmtool-e2e: sanitizer reports' "$out/$name.console" || true
# lkvm's nisv summary, one line per vCPU: the sums
summary=$(grep -a -o 'nisv: cpu[0-9]*: exits isv1=[0-9]* isv0=[0-9]*: emulated=[0-9]* faults=[0-9]*' "$log" |
	tr '=:' '  ' | awk '{ i1 += $5; i0 += $7; f += $11; n++ } END { if (n) print i1, i0, f }')
checks=$(grep -a -o '^kvmtool-checks: checks [0-9]* passed, [0-9]* failed' "$log" | tail -n 1)
read -r isv1 isv0 faults <<EOF
$summary
EOF
passed=$(echo "$checks" | sed -n 's/.*checks \([0-9]*\) passed.*/\1/p')
failed=$(echo "$checks" | sed -n 's/.* \([0-9]*\) failed/\1/p')
echo "e2e $name: exits isv1=${isv1:-?} isv0=${isv0:-?} faults=${faults:-?}, checks ${passed:-0} passed, ${failed:-?} failed"

bad() {
	echo "e2e $name: FAILED: $*" >&2
	tail -n 30 "$out/$name.console" >&2
	exit 1
}
[ "$status" = 0 ] || bad "lkvm exited $status (console: $out/$name.console)"
[ -n "$summary" ] || bad "lkvm printed no nisv summary"
[ -n "$checks" ] || bad "the L2 program gave no verdict"
grep -a -q '^l2: prog exit=0$' "$log" || bad "the L2 program did not exit 0"
[ "$failed" = 0 ] || bad "$failed checks failed"
[ "$passed" -gt 0 ] || bad "no check ran"
case $opts in
*--sanitize*)
	grep -a -q '^kvmtool-e2e: sanitizer reports 0$' "$out/$name.console" || bad "sanitizer reports (see $log)"
	;;
esac
# nisv emulates SVE: no SVE access may end in a fault
sve=$(grep -a -o 'sve-external [0-9]*' "$log" | awk '{ n += $2 } END { print n + 0 }')
[ "$sve" = 0 ] || bad "the guest saw $sve SVE faults"
exit 0
