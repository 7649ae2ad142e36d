#!/bin/sh
# The whole test suite: installs what it needs, builds nisv with gcc and clang
# for x86-64 and aarch64 (-Werror), runs every oracle and prints one summary
# line "N passed, N failed". A skipped oracle counts as failed.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
"$top/scripts/deps.sh" || { echo "0 passed, 1 failed"; exit 1; }

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS: $1"; }
fail() { failed=$((failed + 1)); echo "FAIL: $1"; }

# configure + build one tree; $1 name, $2 native C compiler, rest: meson setup
# arguments. A tree left by an earlier run is reconfigured with these
# arguments (never reused as it was); one that cannot be is set up afresh.
build() {
	name=$1; cc=$2; shift 2
	dir="$top/build-test/$name"
	set -- -Dwerror=true "$@"
	if [ -d "$dir" ] && ! env CC="$cc" meson setup --reconfigure "$dir" "$@" >"$dir.setup.log" 2>&1; then
		rm -rf "$dir"
	fi
	if { [ -d "$dir" ] || env CC="$cc" meson setup "$dir" "$@" >"$dir.setup.log" 2>&1; } &&
	   ninja -C "$dir" >"$dir.build.log" 2>&1; then
		pass "build $name"
		return 0
	fi
	cat "$dir.setup.log" "$dir.build.log" 2>/dev/null | tail -40
	fail "build $name"
	return 1
}

# run a build tree's meson tests; each test is one result
run_tests() {
	dir="$top/build-test/$1"
	meson test -C "$dir" --print-errorlogs --no-rebuild >"$dir.test.log" 2>&1
	# per-test lines look like " 1/3 nisv:unit / unit   OK   1.2s"
	awk '$1 ~ /^[0-9]+\/[0-9]+$/ {
		for (i = 2; i <= NF; i++) if ($i ~ /^(OK|FAIL|SKIP|TIMEOUT|EXPECTEDFAIL|UNEXPECTEDPASS|ERROR)$/) break
		name = $2; for (j = 3; j < i; j++) name = name " " $j
		print $i, name }' "$dir.test.log" >"$dir.results"
	while read -r status tname; do
		case "$status" in
		OK) pass "$1: $tname" ;;
		*) fail "$1: $tname ($status)" ;;
		esac
	done <"$dir.results"
	# each oracle's own summary line
	grep -E "^[a-z-]+: [0-9]+ (cases|words)|^[a-z-]+: .*(mismatches|failed)" "$dir/meson-logs/testlog.txt" || true
	grep -q "Ok: *[1-9]" "$dir.test.log" || fail "$1: no test ran"
}

mkdir -p "$top/build-test"
build gcc-x86_64 gcc && run_tests gcc-x86_64
build clang-x86_64 clang && run_tests clang-x86_64
build gcc-aarch64 gcc --cross-file "$top/cross-aarch64.txt" && run_tests gcc-aarch64
build clang-aarch64 gcc --cross-file "$top/cross-aarch64-clang.txt" && run_tests clang-aarch64
# the exported ABI of libnisv.so.0 against abi/libnisv.abi
if "$top/scripts/check_abi.sh" "$top/build-test/gcc-x86_64"; then
	pass "abi: libnisv.so.0 unchanged against abi/libnisv.abi"
else
	fail "abi: libnisv.so.0 unchanged against abi/libnisv.abi"
fi
# oracle 3: real KVM, nested under QEMU (installs qemu-system-arm and the kernel)
if "$top/scripts/e2e/run.sh" >"$top/build-test/e2e.log" 2>&1; then
	pass "e2e on real KVM"
else
	tail -30 "$top/build-test/e2e.log"
	fail "e2e on real KVM"
fi
grep -E "^e2e |^nisv-e2e: [0-9]" "$top/build-test/e2e.log" || true
# nisv at EL2: a bare-metal hypervisor on QEMU's virt machine (TCG) with
# the freestanding core, emulating a protected device for its EL1 host
if "$top/scripts/e2e/el2.sh" "$top/build-test/el2" >"$top/build-test/e2e-el2.log" 2>&1; then
	pass "e2e el2: freestanding core in an EL2 hypervisor"
else
	tail -30 "$top/build-test/e2e-el2.log"
	fail "e2e el2: freestanding core in an EL2 hypervisor"
fi
grep -E "^e2e el2:" "$top/build-test/e2e-el2.log" || true
# the VMM side is guest-facing too: the hostile guest against the example
# VMM built with ASan and UBSan
if NISV_E2E_SANITIZE=1 NISV_E2E_ONLY=hostile NISV_E2E_LOG="$top/build-e2e/run-asan.log" \
	"$top/scripts/e2e/run.sh" >"$top/build-test/e2e-asan.log" 2>&1; then
	pass "e2e hostile guest, VMM under ASan+UBSan"
else
	tail -30 "$top/build-test/e2e-asan.log"
	fail "e2e hostile guest, VMM under ASan+UBSan"
fi
grep -E "^e2e " "$top/build-test/e2e-asan.log" || true
# oracle 5: kvmtool with nisv, a Debian Linux guest's own code. First the
# baseline: each kind of ISV=0 access kills kvmtool as released and works
# with nisv; then every case with SVE, without, and lkvm under ASan+UBSan
if "$top/scripts/e2e/kvmtool-before-after.sh" --quick --check >"$top/build-test/e2e-kvmtool-before-after.log" 2>&1; then
	pass "e2e kvmtool released vs with nisv, one access per ISV=0 kind"
else
	tail -30 "$top/build-test/e2e-kvmtool-before-after.log"
	fail "e2e kvmtool released vs with nisv, one access per ISV=0 kind"
fi
for variant in "" --no-sve --sanitize; do
	log="$top/build-test/e2e-kvmtool${variant}.log"
	# shellcheck disable=SC2086 # an empty variant is no argument
	if "$top/scripts/e2e/kvmtool-linux.sh" $variant >"$log" 2>&1; then
		pass "e2e kvmtool + Linux guest ${variant:-(SVE)}"
	else
		tail -30 "$log"
		fail "e2e kvmtool + Linux guest ${variant:-(SVE)}"
	fi
	grep -E "^e2e kvmtool-linux" "$log" | head -n 1 || true
done
# hardening: libFuzzer (ASan + UBSan) over the whole trap path for 60 s
if "$top/scripts/fuzz.sh" --time 60 --dir "$top/build-test/fuzz" >"$top/build-test/fuzz.log" 2>&1; then
	pass "fuzz: libFuzzer 60 s (ASan+UBSan) over the trap path"
else
	tail -20 "$top/build-test/fuzz.log"
	fail "fuzz: libFuzzer 60 s (ASan+UBSan) over the trap path"
fi
grep "^fuzz:" "$top/build-test/fuzz.log" || true
if "$top/scripts/check_freestanding.sh" "$top/build-test/freestanding"; then
	pass "freestanding aarch64 core (-mgeneral-regs-only, nm -u)"
else
	fail "freestanding aarch64 core (-mgeneral-regs-only, nm -u)"
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
