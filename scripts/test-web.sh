#!/bin/sh
# The explainer page (web/): builds the nisv tool to WebAssembly and natively,
# then checks
#   - the wasm build against the native one, through the page's own WASI
#     calls under node (web/test/tool_cases.js: the tool's recorded cases
#     that read no file, and random decode/explain/emulate inputs);
#   - the page in headless Chromium against the native tool
#     (web/test/browser.js: ESR/instruction pairs, emulation, errors, the
#     shareable URL, file:// and a static server, 390 px, keyboard),
#     keeping screenshots in BUILD_DIR/artifacts.
#
# usage: scripts/test-web.sh [BUILD_DIR]   (default: <top>/build-test/web)
#
# NISV_NATIVE_BUILD=DIR reuses a meson build tree of nisv for the native
# tool (DIR/tools/nisv); otherwise one is set up in BUILD_DIR/native.
# Installs chromium, node/npm, clang, lld, wasi-libc (scripts/deps.sh) and
# puppeteer-core (npm ci, web/test/package-lock.json, into BUILD_DIR/node).
# Last line: "web: N checks passed, M failed". Exit 0 only when all passed.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build-test/web}
mkdir -p "$build" && build=$(cd "$build" && pwd) || exit 1
passed=0
failed=0

# a step that must work before any check can run
need() {
	what=$1 log=$2
	shift 2
	"$@" >"$log" 2>&1 && return 0
	tail -30 "$log"
	echo "FAIL: $what (log: $log)"
	echo "web: $passed checks passed, $((failed + 1)) failed"
	exit 1
}

# a checker that prints "NAME: N passed, M failed": its failures shown, its counts added
checks() {
	log=$1
	shift
	"$@" >"$log" 2>&1
	rc=$?
	grep -v '^PASS' "$log"
	p=$(sed -n 's/^[a-z-]*: \([0-9]*\) passed, \([0-9]*\) failed.*/\1/p' "$log" | tail -1)
	f=$(sed -n 's/^[a-z-]*: \([0-9]*\) passed, \([0-9]*\) failed.*/\2/p' "$log" | tail -1)
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-1}))
	[ "$rc" -eq 0 ] || [ "${f:-1}" -gt 0 ] || failed=$((failed + 1))
}

need "install packages" "$build/deps.log" \
	"$top/scripts/deps.sh" clang lld wasi-libc libclang-rt-14-dev-wasm32 chromium fonts-dejavu-core nodejs
# nodesource's nodejs bundles npm; Debian's does not
command -v npm >/dev/null 2>&1 || need "install npm" "$build/deps-npm.log" "$top/scripts/deps.sh" npm

need "build the page (web/build.sh)" "$build/wasm-build.log" "$top/web/build.sh" "$build/wasm"

native_dir=${NISV_NATIVE_BUILD:-$build/native}
if [ ! -f "$native_dir/build.ninja" ]; then
	need "meson setup $native_dir" "$build/native-setup.log" meson setup "$native_dir" "$top" -Dtests=false
fi
need "build the native tool" "$build/native-build.log" ninja -C "$native_dir" tools/nisv
native="$native_dir/tools/nisv"

# puppeteer-core as web/test/package-lock.json pins it, reinstalled when the lock changes
if ! cmp -s "$top/web/test/package-lock.json" "$build/node/package-lock.json" ||
   [ ! -d "$build/node/node_modules/puppeteer-core" ]; then
	rm -rf "$build/node"
	mkdir -p "$build/node"
	cp "$top/web/test/package.json" "$top/web/test/package-lock.json" "$build/node/"
	need "npm ci (puppeteer-core)" "$build/npm.log" \
		npm --prefix "$build/node" ci --no-audit --no-fund
fi

checks "$build/tool-cases.log" node "$top/web/test/tool_cases.js" "$build/wasm/nisv.wasm" "$native"
checks "$build/browser.log" node "$top/web/test/browser.js" "$build/wasm/site" "$native" \
	"$build/artifacts" "$build/node/node_modules"
echo "screenshots: $build/artifacts"

echo "web: $passed checks passed, $failed failed"
[ "$failed" -eq 0 ]
