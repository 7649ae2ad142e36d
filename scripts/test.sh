#!/bin/sh
# The whole test suite: installs what it needs, builds nisv with gcc and clang
# for x86-64 and aarch64 (-Werror), runs every oracle and prints one summary
# line "N passed, N failed". A skipped oracle counts as failed.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
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
# one scripted check: $1 what it proves, $2 its log, $3 the pattern of the
# summary lines it prints, the rest the command (exit 0 = passed)
step() {
	what=$1 log=$2 summary=$3
	shift 3
	if "$@" >"$log" 2>&1; then
		pass "$what"
	else
		tail -30 "$log"
		fail "$what"
	fi
	grep -E "$summary" "$log" || true
}
logs="$top/build-test"

# the exported ABI of libnisv.so.0 against abi/libnisv.abi
step "abi: libnisv.so.0 unchanged against abi/libnisv.abi" "$logs/abi.log" "^abi" \
	"$top/scripts/check_abi.sh" "$top/build-test/gcc-x86_64"
# where the users are: the Rust crates (offline, Debian's rustc and crates;
# the README example, the issue's cases, a Rust/C cross-check), the Debian
# packages (build, lintian, install, the README example through pkg-config
# and CMake, remove; arm64 cross-built), and the explainer page (the tool
# as wasm, in headless Chromium, against the native tool)
step "rust: nisv-sys and nisv crates, cargo test" "$logs/rust.log" "^rust:|^cross-check: [0-9]|^display:" \
	"$top/scripts/test-rust.sh" "$logs/rust"
step "debian: packages built, lint-clean, installed, used, removed" "$logs/debian.log" "^debian:" \
	"$top/scripts/test-debian.sh" "$logs/debian"
step "web: the explainer page in headless Chromium" "$logs/web.log" "^web:|^[a-z-]+: [0-9]+ passed" \
	env NISV_NATIVE_BUILD="$logs/gcc-x86_64" "$top/scripts/test-web.sh" "$logs/web"
# oracle 3: real KVM, nested under QEMU (installs qemu-system-arm and the kernel)
step "e2e on real KVM" "$logs/e2e.log" "^e2e |^nisv-e2e: [0-9]" \
	"$top/scripts/e2e/run.sh"
# nisv at EL2: a bare-metal hypervisor on QEMU's virt machine (TCG) with
# the freestanding core, emulating a protected device for its EL1 host
step "e2e el2: freestanding core in an EL2 hypervisor" "$logs/e2e-el2.log" "^e2e el2:" \
	"$top/scripts/e2e/el2.sh" "$top/build-test/el2"
# the VMM side is guest-facing too: the hostile guest against the example
# VMM built with ASan and UBSan
step "e2e hostile guest, VMM under ASan+UBSan" "$logs/e2e-asan.log" "^e2e " \
	env NISV_E2E_SANITIZE=1 NISV_E2E_ONLY=hostile NISV_E2E_LOG="$top/build-e2e/run-asan.log" \
	"$top/scripts/e2e/run.sh"
# oracle 5: kvmtool with nisv, a Debian Linux guest's own code. First the
# baseline: each kind of ISV=0 access kills kvmtool as released and works
# with nisv; then every case with SVE (the plain build's checks, with lkvm
# and nisv under ASan+UBSan) and without SVE
step "e2e kvmtool released vs with nisv, one access per ISV=0 kind" \
	"$logs/e2e-kvmtool-before-after.log" "^before-after: check" \
	"$top/scripts/e2e/kvmtool-before-after.sh" --quick --check
step "e2e kvmtool + Linux guest, SVE, lkvm under ASan+UBSan" "$logs/e2e-kvmtool-sve-asan.log" \
	"^e2e kvmtool-linux" "$top/scripts/e2e/kvmtool-linux.sh" --sanitize
step "e2e kvmtool + Linux guest, no SVE" "$logs/e2e-kvmtool-nosve.log" \
	"^e2e kvmtool-linux" "$top/scripts/e2e/kvmtool-linux.sh" --no-sve
# hardening: libFuzzer (ASan + UBSan) over the whole trap path for 60 s
step "fuzz: libFuzzer 60 s (ASan+UBSan) over the trap path" "$logs/fuzz.log" "^fuzz:" \
	"$top/scripts/fuzz.sh" --time 60 --dir "$top/build-test/fuzz"
step "freestanding aarch64 core (-mgeneral-regs-only, nm -u)" "$logs/freestanding.log" "^freestanding" \
	"$top/scripts/check_freestanding.sh" "$top/build-test/freestanding"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
